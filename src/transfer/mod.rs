//! Moving the captured key into Innoslate: hold it, find the field, release
//! it only to the configured origin's page that showed that field.

pub mod key_field;
pub mod vault;

use crate::guide::innoslate::{self, FILL_STEP, SAVE_STEP};
use crate::guide::Step;
use crate::key::SecretKey;
use crate::origin::Origin;
use crate::page_report::PageReport;
use key_field::{find_key_fields, find_save_button, Purpose};
use serde::{Serialize, Serializer};
use vault::Vault;
use zeroize::Zeroizing;

/// How long the "press Save" reminder stays after a fill.
const SAVE_REMINDER_MS: f64 = 5.0 * 60.0 * 1000.0;

/// Which fields to fill: at once (`auto`), after the admin chooses one of
/// `choices`, or, with `pick`, the field the admin clicks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FillPlan {
    pub auto: Vec<u32>,
    pub choices: Vec<FillChoice>,
    pub pick: bool,
    /// Masked key, to say which key is going in.
    pub masked: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FillChoice {
    pub label: &'static str,
    pub fields: Vec<u32>,
}

/// What to show on an Innoslate page.
pub struct InnoslateDecision {
    pub step: &'static Step,
    pub target: Option<u32>,
    pub fill: Option<FillPlan>,
}

/// The key on its way out of the core, for the one reply that carries it.
/// Serializes as a plain string; the copy is zeroed when dropped, and Debug
/// never shows it.
pub struct ExposedKey(Zeroizing<String>);

impl ExposedKey {
    fn from(secret: &SecretKey) -> ExposedKey {
        ExposedKey(Zeroizing::new(secret.expose_secret().to_string()))
    }
}

impl Serialize for ExposedKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl std::fmt::Debug for ExposedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ExposedKey(..)")
    }
}

impl PartialEq for ExposedKey {
    fn eq(&self, other: &Self) -> bool {
        *self.0 == *other.0
    }
}

/// The transfer's state in the core's memory.
#[derive(Default)]
pub struct Transfer {
    pub vault: Vault,
    /// Pages (URLs) where a fill was offered; only they may take the key.
    offered_on: Vec<String>,
    /// Origin filled and until when to remind the admin to save.
    filled: Option<(Origin, f64)>,
}

impl Transfer {
    /// Decides what the Innoslate page at `origin` should show.
    pub fn decide(&mut self, report: &PageReport, origin: &Origin, now_ms: f64) -> Option<InnoslateDecision> {
        let page = page_id(&report.url);
        self.offered_on.retain(|url| url != page);
        let pending = self.vault.info(now_ms).filter(|_| self.vault.destination() == Some(origin));
        let Some(info) = pending else {
            let remind = self.filled.as_ref().is_some_and(|(o, until)| o == origin && now_ms < *until);
            return remind.then(|| InnoslateDecision {
                step: &SAVE_STEP,
                target: find_save_button(report),
                fill: None,
            });
        };
        let fields = find_key_fields(report);
        if fields.is_empty() {
            let step = innoslate::GUIDE.recognise(report);
            return Some(match step {
                Some(r) => InnoslateDecision { step: r.step, target: r.target, fill: None },
                // Somewhere unknown: explain, and let the admin point at the field.
                None => {
                    self.offer(page);
                    let plan = FillPlan { auto: vec![], choices: vec![], pick: true, masked: info.masked };
                    InnoslateDecision { step: &FILL_STEP, target: None, fill: Some(plan) }
                }
            });
        }
        self.offer(page);
        let confident: Vec<_> = fields.iter().filter(|f| f.confidence == 2).collect();
        let plan = if confident.len() == 1 {
            FillPlan { auto: vec![confident[0].id], choices: vec![], pick: false, masked: info.masked }
        } else {
            let usable = if confident.is_empty() { fields.iter().collect() } else { confident };
            let mut choices: Vec<FillChoice> = usable
                .iter()
                .map(|f| FillChoice {
                    label: match f.purpose {
                        Purpose::ChatAi => "Chat AI",
                        Purpose::ImageAi => "Image AI",
                        Purpose::Unspecified => "This field",
                    },
                    fields: vec![f.id],
                })
                .collect();
            if usable.len() > 1 {
                choices.push(FillChoice { label: "Both", fields: usable.iter().map(|f| f.id).collect() });
            }
            FillPlan { auto: vec![], choices, pick: false, masked: info.masked }
        };
        Some(InnoslateDecision { step: &FILL_STEP, target: fields.first().map(|f| f.id), fill: Some(plan) })
    }

    fn offer(&mut self, url: &str) {
        // A handful of tabs at most; the oldest offer goes first.
        if self.offered_on.len() >= 8 {
            self.offered_on.remove(0);
        }
        self.offered_on.push(url.to_string());
    }

    /// The key for the page at `sender_url` on `origin`, if that page was
    /// offered a fill and the key is still held for that origin.
    pub fn release(&mut self, origin: &Origin, sender_url: &str, now_ms: f64) -> Result<ExposedKey, &'static str> {
        if !self.offered_on.iter().any(|url| url == page_id(sender_url)) {
            return Err("no_fill_offered");
        }
        self.vault.release(origin, now_ms).map(ExposedKey::from).map_err(|r| r.code())
    }

    /// The page filled the field(s): wipe the key, remind the admin to save.
    pub fn filled(&mut self, origin: &Origin, now_ms: f64) -> bool {
        if self.vault.destination() != Some(origin) {
            return false;
        }
        self.offered_on.clear();
        self.filled = Some((origin.clone(), now_ms + SAVE_REMINDER_MS));
        self.vault.clear()
    }

    /// Holds a newly captured key for `destination`.
    pub fn hold(&mut self, secret: SecretKey, destination: Origin, now_ms: f64, ttl_ms: f64) {
        self.offered_on.clear();
        self.filled = None;
        self.vault.hold(secret, destination, now_ms, ttl_ms);
    }

    /// Takes back a key mirrored in session storage after the service worker
    /// restarted. It is validated again, and dropped if it expired meanwhile
    /// or its destination no longer parses.
    pub fn restore(&mut self, key: &str, destination: &str, expires_at_ms: f64, now_ms: f64) -> bool {
        let (Ok((_, secret)), Ok(origin)) = (crate::key::accept_key(key), Origin::parse_destination(destination))
        else {
            return false;
        };
        // Written so that a NaN deadline also counts as expired.
        if expires_at_ms.partial_cmp(&now_ms) != Some(std::cmp::Ordering::Greater) {
            return false;
        }
        self.vault.hold_until(secret, origin, expires_at_ms);
        true
    }

    /// The mirror record: key, destination, deadline.
    pub fn session_record(&self) -> Option<(ExposedKey, String, f64)> {
        self.vault.for_session_mirror().map(|(secret, origin, at)| (ExposedKey::from(secret), origin.to_string(), at))
    }

    pub fn dismiss_reminder(&mut self) {
        self.filled = None;
    }
}

/// A page's identity for offers: its URL without query or fragment (the
/// content script blanks some query values; the browser's sender URL does not).
fn page_id(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or_default()
}

pub const INNOSLATE_TOTAL: u8 = innoslate::TOTAL;
