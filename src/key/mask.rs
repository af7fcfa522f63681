//! The display form of a key: public prefix, an ellipsis, the last four
//! characters. Nothing else of the key is ever shown.

use crate::substring::Substring;

/// Never mask (or show any part of) text shorter than this.
pub(crate) const MIN_MASKABLE: usize = 12;
/// At least this many characters must stay hidden.
const MIN_HIDDEN: usize = 8;
const SHOWN_TAIL: usize = 4;

/// `prefix…wxyz`, or `None` when `s` is too short to show any part of it
/// safely. `prefix` must be a prefix of `s` (it is not secret: `sk-proj-`,
/// `sk_live_`, …); pass `""` when there is none.
pub(crate) fn mask(s: &str, prefix: &str) -> Option<String> {
    debug_assert!(s.starts_with(prefix));
    let ascii = s.is_ascii();
    let len = if ascii { s.len() } else { s.chars().count() };
    let shown_prefix = prefix.chars().count();
    if len < MIN_MASKABLE || len < shown_prefix + SHOWN_TAIL + MIN_HIDDEN {
        return None;
    }
    let tail_start =
        if ascii { s.len() - SHOWN_TAIL } else { s.char_indices().nth(len - SHOWN_TAIL).map_or(s.len(), |(i, _)| i) };
    let mut out = String::with_capacity(prefix.len() + 3 + (s.len() - tail_start));
    out.push_str(prefix);
    out.push('\u{2026}');
    out.push_str(s.after_byte(tail_start));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_prefix_and_last_four_only() {
        let key = format!("sk-proj-{}", "a".repeat(60) + "wxyz");
        assert_eq!(mask(&key, "sk-proj-").as_deref(), Some("sk-proj-\u{2026}wxyz"));
        assert_eq!(mask("abcdefghijklmnop", "").as_deref(), Some("\u{2026}mnop"));
    }

    #[test]
    fn refuses_short_text() {
        assert_eq!(mask("", ""), None);
        assert_eq!(mask("abcdefghijk", ""), None);
        assert_eq!(mask("sk-proj-...abcd", "sk-proj-"), None);
        assert_eq!(mask("sk-abcdefghijk", "sk-"), None);
        assert!(mask("sk-abcdefghijklm", "sk-").is_some());
    }

    #[test]
    fn counts_characters_not_bytes() {
        let s = "\u{00E9}".repeat(20);
        assert_eq!(mask(&s, "").unwrap(), format!("\u{2026}{}", "\u{00E9}".repeat(4)));
    }
}
