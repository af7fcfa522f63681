//! The one key in transit, held in memory for a short time.
//!
//! A key captured from OpenAI's "Save your key" dialog waits here until the
//! Innoslate page takes it. It leaves only to the destination origin the
//! admin configured, only while the transfer the admin started is pending,
//! and only before it expires. It is wiped (zeroed) after a successful fill,
//! on "Clear now", on expiry, and when a new key replaces it.

use crate::key::{KeyKind, SecretKey};
use crate::origin::Origin;
use serde::Serialize;

/// Default time-to-live of a captured key.
pub const DEFAULT_TTL_MS: f64 = 10.0 * 60.0 * 1000.0;

struct Held {
    secret: SecretKey,
    destination: Origin,
    expires_at_ms: f64,
}

/// Holds at most one key.
pub struct Vault {
    held: Option<Held>,
}

impl Vault {
    /// An empty vault, usable where only constants may be.
    pub const EMPTY: Vault = Vault { held: None };
}

impl Default for Vault {
    fn default() -> Self {
        Self::EMPTY
    }
}

/// What may be shown about the held key (never the key).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VaultInfo {
    /// The key with all but its ends hidden.
    pub masked: String,
    /// What kind of key it is.
    pub kind: KeyKind,
    /// Where it may go.
    pub destination: String,
    /// When it is wiped.
    pub expires_at_ms: f64,
}

/// Why the vault did not give the key out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReleaseRefusal {
    /// No key is held.
    Empty,
    /// The key's time ran out (it is wiped now).
    Expired,
    /// The key is bound to another origin.
    WrongOrigin,
}

impl Vault {
    /// Holds `secret` for `destination` until `now_ms + ttl_ms`, replacing
    /// (and wiping) any key held before.
    pub fn hold(&mut self, secret: SecretKey, destination: Origin, now_ms: f64, ttl_ms: f64) {
        self.held = Some(Held { secret, destination, expires_at_ms: now_ms + ttl_ms });
    }

    /// Holds `secret` until exactly `expires_at_ms` (a key restored after the
    /// service worker restarted keeps its original deadline).
    pub fn hold_until(&mut self, secret: SecretKey, destination: Origin, expires_at_ms: f64) {
        self.held = Some(Held { secret, destination, expires_at_ms });
    }

    /// The key and its deadline, for the session-storage mirror only.
    pub fn for_session_mirror(&self) -> Option<(&SecretKey, &Origin, f64)> {
        self.held.as_ref().map(|h| (&h.secret, &h.destination, h.expires_at_ms))
    }

    /// Wipes the key. Returns whether there was one.
    pub fn clear(&mut self) -> bool {
        // Dropping the SecretKey zeroes its buffer.
        self.held.take().is_some()
    }

    /// Forgets an expired key; returns whether it did.
    pub fn expire(&mut self, now_ms: f64) -> bool {
        if self.held.as_ref().is_some_and(|h| now_ms >= h.expires_at_ms) {
            return self.clear();
        }
        false
    }

    /// What may be shown about the held key, if one is held and not expired.
    pub fn info(&mut self, now_ms: f64) -> Option<VaultInfo> {
        self.expire(now_ms);
        self.held.as_ref().map(|h| VaultInfo {
            masked: h.secret.masked(),
            kind: h.secret.kind(),
            destination: h.destination.to_string(),
            expires_at_ms: h.expires_at_ms,
        })
    }

    /// Where the held key may go.
    pub fn destination(&self) -> Option<&Origin> {
        self.held.as_ref().map(|h| &h.destination)
    }

    /// The key, for the Innoslate page on exactly `origin`.
    pub fn release(&mut self, origin: &Origin, now_ms: f64) -> Result<&SecretKey, ReleaseRefusal> {
        if self.expire(now_ms) {
            return Err(ReleaseRefusal::Expired);
        }
        let held = self.held.as_ref().ok_or(ReleaseRefusal::Empty)?;
        if held.destination != *origin {
            return Err(ReleaseRefusal::WrongOrigin);
        }
        Ok(&held.secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::accept_key;

    fn project_key() -> String {
        format!("sk-proj-{}T3BlbkFJ{}", "a".repeat(74), "b".repeat(74))
    }

    fn held() -> Vault {
        let (_, secret) = accept_key(&project_key()).unwrap();
        let mut v = Vault::default();
        v.hold(secret, Origin::parse("https://cloud.innoslate.com").unwrap(), 1000.0, DEFAULT_TTL_MS);
        v
    }

    #[test]
    fn releases_only_to_the_exact_destination_before_expiry() {
        let mut v = held();
        let right = Origin::parse("https://cloud.innoslate.com/acme/admin").unwrap();
        assert_eq!(v.release(&right, 2000.0).unwrap().expose_secret(), project_key());
        for wrong in
            ["https://cloud.innoslate.com.example.net", "https://cloud-innoslate.com", "http://cloud.innoslate.com"]
        {
            assert_eq!(
                v.release(&Origin::parse(wrong).unwrap(), 2000.0).err(),
                Some(ReleaseRefusal::WrongOrigin),
                "{wrong}"
            );
        }
        assert_eq!(v.release(&right, 1000.0 + DEFAULT_TTL_MS).err(), Some(ReleaseRefusal::Expired));
        assert_eq!(v.release(&right, 1000.0 + DEFAULT_TTL_MS).err(), Some(ReleaseRefusal::Empty));
    }

    #[test]
    fn info_never_shows_the_key_and_clear_wipes_it() {
        let mut v = held();
        let info = v.info(2000.0).unwrap();
        assert_eq!(info.masked, format!("sk-proj-\u{2026}{}", "bbbb"));
        assert_eq!(info.destination, "https://cloud.innoslate.com");
        assert!(!format!("{info:?}").contains(&project_key()));
        assert!(v.clear());
        assert!(v.info(2000.0).is_none());
        assert!(!v.clear());
    }
}
