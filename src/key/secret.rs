//! [`SecretKey`]: the accepted key, kept out of logs and wiped on drop.

use std::fmt;

use zeroize::{ZeroizeOnDrop, Zeroizing};

use super::KeyKind;

/// An accepted OpenAI API key (normalised), as returned by
/// [`accept_key`](super::accept_key).
///
/// The key is held in a [`Zeroizing`] buffer and overwritten when the value
/// is dropped. `Debug` shows only the kind and the masked form. There is
/// deliberately no `Display`, `Clone` or `Serialize`:
///
/// ```compile_fail
/// # use innoslate_key_assistant::key::accept_key;
/// # let (_, secret) = accept_key("").unwrap();
/// let copy = secret.clone();
/// ```
///
/// ```compile_fail
/// # use innoslate_key_assistant::key::accept_key;
/// # let (_, secret) = accept_key("").unwrap();
/// let shown = format!("{}", secret);
/// ```
///
/// ```compile_fail
/// # use innoslate_key_assistant::key::accept_key;
/// # let (_, secret) = accept_key("").unwrap();
/// let json = serde_json::to_string(&secret);
/// ```
pub struct SecretKey {
    value: Zeroizing<String>,
    kind: KeyKind,
}

impl SecretKey {
    pub(crate) fn new(value: Zeroizing<String>, kind: KeyKind) -> Self {
        SecretKey { value, kind }
    }

    /// The display form: prefix, `…`, last four characters.
    pub fn masked(&self) -> String {
        let prefix = super::shapes::family_of(&self.value).map_or("", |f| f.prefix);
        super::mask::mask(&self.value, prefix).unwrap_or_else(|| "\u{2026}".to_owned())
    }

    /// What kind of key this is (`User`, `Project`, `ServiceAccount`, or
    /// `UnknownOpenai` for an accepted key of an unfamiliar layout).
    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    /// The full key.
    ///
    /// Only for the code that hands the key to its destination (the request
    /// that stores it in Innoslate). Never log it, show it, or keep a copy.
    pub fn expose_secret(&self) -> &str {
        &self.value
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretKey").field("kind", &self.kind).field("masked", &self.masked()).finish()
    }
}

/// The key buffer is zeroed when a `SecretKey` is dropped.
impl ZeroizeOnDrop for SecretKey {}
