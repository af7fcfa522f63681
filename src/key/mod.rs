//! Offline check of an OpenAI API key pasted or captured by the extension.
//!
//! [`validate_key`] tells whether a text is a usable OpenAI API key and, if
//! not, why and what to do next. [`accept_key`] does the same and, for a
//! usable key, hands back a [`SecretKey`] that keeps the key out of logs and
//! wipes it on drop. Nothing here touches the network; a live check is a
//! separate, explicit step.
//!
//! # What is checked, in order
//!
//! 1. **Normalisation** ([`normalise`]): invisible characters (zero-width
//!    spaces, BOM, soft hyphens, bidi marks, …) are removed everywhere; then,
//!    until nothing changes, surrounding white space, quotes (straight,
//!    typographic, backticks), a leading `OPENAI_API_KEY=` / `export …=` /
//!    `API key:` label and a leading `Authorization:` / `Bearer` are
//!    stripped. Each removal adds a warning; the key stays usable.
//! 2. Empty text, several keys, another provider's key or an OpenAI id,
//!    the masked form from the keys list, a key cut by an ellipsis, white
//!    space or other text inside/around the key, a missing `sk-` start.
//! 3. Characters outside `[A-Za-z0-9_-]`.
//! 4. The key grammar: `prefix + half + T3BlbkFJ + half` with a known
//!    prefix and half length:
//!
//! | Kind | Prefix | Half | Total |
//! |------|--------|------|-------|
//! | user (legacy) | `sk-` | 20, letters/digits | 51 |
//! | user without project | `sk-None-` | 20, letters/digits | 56 |
//! | project (2024) | `sk-proj-` | 20, letters/digits | 56 |
//! | project | `sk-proj-` | 74 or 58, plus `-` `_` | 164, 132 |
//! | service account | `sk-svcacct-` | 74 or 58 | 167, 135 |
//! | admin (refused) | `sk-admin-` | 58 | 133 |
//!
//! A key whose halves are within four characters of a known shape (or whose
//! end is cut) is a copy error: `truncated` or `wrong_length`. A key with the
//! `sk-` start, the marker and plausible halves of another length is an
//! unfamiliar but possible new format: verdict `suspicious`, kind
//! `unknown_openai`; the admin may continue.
//!
//! # Secrecy
//!
//! A [`KeyReport`] never holds the key: messages only use positions, counts
//! and names of characters that cannot be part of a key, and `masked` shows
//! at most the public prefix and the last four characters (nothing at all
//! for text shorter than 12 characters).
//!
//! ```
//! use innoslate_key_assistant::key::{validate_key, KeyKind, ProblemCode, Verdict};
//!
//! let report = validate_key("sk-...abcd");
//! assert_eq!(report.verdict, Verdict::Invalid);
//! assert_eq!(report.problems[0].code, ProblemCode::Masked);
//!
//! let key = format!("sk-proj-{}T3BlbkFJ{}", "A".repeat(74), "b".repeat(74));
//! let report = validate_key(&format!("OPENAI_API_KEY=\"{key}\"\n"));
//! assert_eq!((report.verdict, report.kind), (Verdict::Valid, KeyKind::Project));
//! assert_eq!(report.masked.as_deref(), Some("sk-proj-\u{2026}bbbb"));
//! ```

mod mask;
mod messages;
mod normalise;
mod other_providers;
mod problems;
mod redact;
mod scan;
mod secret;
mod shapes;
mod validate;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

pub use problems::{Problem, ProblemCode, Severity};
pub use redact::looks_secret;
pub use secret::SecretKey;
pub use shapes::MARKER;

/// The overall answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A known OpenAI key shape that can call models.
    Valid,
    /// Looks like an OpenAI key of a layout not seen before; may be used.
    Suspicious,
    /// Cannot be used; see the errors in [`KeyReport::problems`].
    Invalid,
}

/// What the text is (or was meant to be).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyKind {
    /// A user key: legacy `sk-…` or `sk-None-…`.
    User,
    /// A project key `sk-proj-…`.
    Project,
    /// A service account key `sk-svcacct-…`.
    ServiceAccount,
    /// An admin key `sk-admin-…` (cannot call models).
    Admin,
    /// An OpenAI-looking key of an unknown layout.
    UnknownOpenai,
    /// Not an OpenAI key.
    NotOpenai,
}

/// The result of checking a pasted text. Never contains the key itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyReport {
    /// Whether the key can be used.
    pub verdict: Verdict,
    /// What kind of key it looks like.
    pub kind: KeyKind,
    /// Errors first, then warnings.
    pub problems: Vec<Problem>,
    /// `prefix…abcd`, or `None` for empty or short text.
    pub masked: Option<String>,
}

impl KeyReport {
    /// `true` for [`Verdict::Valid`] and [`Verdict::Suspicious`].
    pub fn is_usable(&self) -> bool {
        self.verdict != Verdict::Invalid
    }

    /// Whether a problem with this code was found.
    pub fn has(&self, code: ProblemCode) -> bool {
        self.problems.iter().any(|p| p.code == code)
    }
}

/// Check a pasted or captured text.
pub fn validate_key(input: &str) -> KeyReport {
    validate::check(input).report
}

/// Check a text and, if it is usable (valid or suspicious), keep the
/// normalised key in a [`SecretKey`]. An unusable text gives back its report.
pub fn accept_key(input: &str) -> Result<(KeyReport, SecretKey), KeyReport> {
    let checked = validate::check(input);
    if checked.report.is_usable() {
        let kind = checked.report.kind;
        Ok((checked.report, SecretKey::new(checked.key, kind)))
    } else {
        Err(checked.report)
    }
}

/// The text that [`validate_key`] checks and [`accept_key`] keeps: the input
/// with invisible characters, surrounding white space, quotes, a variable
/// assignment and a `Bearer` prefix removed. Idempotent. The result is wiped
/// when dropped.
pub fn normalise(input: &str) -> Zeroizing<String> {
    normalise::normalise(input).key
}
