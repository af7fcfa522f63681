//! Does a piece of page text look like it holds a secret?
//!
//! Used where page text leaves the extension at the admin's request (the
//! diagnostic report): any string that might carry a credential is dropped
//! whole rather than trimmed, because a partly redacted key can still leak
//! its distinctive parts.

use super::other_providers;
use super::scan::{is_key_char, key_starts};
use super::shapes::MARKER;
use crate::substring::Substring;

/// A run of key characters this long that mixes letters and digits is
/// treated as a possible credential whatever its prefix (random tokens,
/// resource keys, session ids); ordinary words and ids are shorter.
const LONG_TOKEN: usize = 24;
/// A known credential prefix counts from this many characters on, so that a
/// bare prefix in prose ("keys start with sk-proj-") does not trigger.
const PREFIXED_TOKEN: usize = 16;

/// True when `text` contains anything that may be a key or token: an OpenAI
/// key start (`sk-`, `sk_`, `rk_` followed by a long run), OpenAI's key
/// marker, another provider's credential, or a long mixed token.
pub fn looks_secret(text: &str) -> bool {
    if key_starts(text).next().is_some() || text.has(MARKER) {
        return true;
    }
    tokens(text).any(|token| {
        let long_mixed = token.len() >= LONG_TOKEN
            && token.bytes().any(|b| b.is_ascii_digit())
            && token.bytes().any(|b| b.is_ascii_alphabetic());
        long_mixed || (token.len() >= PREFIXED_TOKEN && other_providers::detect(token).is_some())
    })
}

/// Maximal runs of key characters (plus `.` and `=`, which tokens such as
/// JWTs and base64 use).
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(is_key_char(c) || c == '.' || c == '=')).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catches_keys_and_tokens_in_text() {
        let key = format!("sk-proj-{}{MARKER}{}", "A1".repeat(37), "b2".repeat(37));
        assert!(looks_secret(&key));
        assert!(looks_secret(&format!("Your key: {key} (copy it now)")));
        assert!(looks_secret("sk-abcdefghijklmnopqrstuvwxyz0123"));
        assert!(looks_secret("token ghp_abcdefghijklmnop1234"));
        assert!(looks_secret("0123456789abcdef0123456789ABCDEF"));
        assert!(looks_secret("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123def456"));
        assert!(looks_secret("AKIAABCDEFGHIJKLMNOP"));
        assert!(looks_secret("a7Fq9Zx2Lm4Np6Rt8Vw0Yb3Kd5"));
    }

    #[test]
    fn keeps_ordinary_interface_text() {
        for text in [
            "Create new secret key",
            "API keys",
            "sk-...abcd",
            "sk-proj-\u{2026}abcd",
            "Keys start with sk-proj-",
            "Models: Read, Model capabilities: Write",
            "Organization Preferences",
            "https://platform.openai.com/api-keys",
            "internationalization-configuration",
            "",
        ] {
            assert!(!looks_secret(text), "{text:?} was taken for a secret");
        }
    }
}
