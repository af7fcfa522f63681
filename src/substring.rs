//! Substring search and slicing that cannot panic.
//!
//! The standard `str` search (`contains`, `find`, `split_once`,
//! `match_indices` with a `&str` pattern) brings a two-way searcher into the
//! wasm core, and indexing a `str` by range brings a panic path that formats
//! characters with `Debug` (Unicode printability tables included). The texts
//! the core searches are short (page texts are cut at 120 characters), so a
//! plain byte scan is as fast, and `get` never panics.

/// The searches and slices the core uses on text, for `str` and so `String`.
pub(crate) trait Substring {
    /// Byte position of the first `needle`. A match of valid UTF-8 in valid
    /// UTF-8 always starts and ends on character boundaries.
    fn find_text(&self, needle: &str) -> Option<usize>;
    /// Whether `needle` occurs.
    fn has(&self, needle: &str) -> bool {
        self.find_text(needle).is_some()
    }
    /// The text before and after the first `separator`.
    fn split_on(&self, separator: &str) -> Option<(&str, &str)>;
    /// Every byte position where `needle` starts, overlapping matches included.
    fn positions<'a>(&'a self, needle: &'a str) -> impl Iterator<Item = usize> + 'a;
    /// From byte `at` on; empty when `at` is past the end or inside a character.
    fn after_byte(&self, at: usize) -> &str;
    /// Up to byte `at`; empty when `at` is past the end or inside a character.
    fn until_byte(&self, at: usize) -> &str;
}

impl Substring for str {
    fn find_text(&self, needle: &str) -> Option<usize> {
        let (hay, needle) = (self.as_bytes(), needle.as_bytes());
        let last = hay.len().checked_sub(needle.len())?;
        let Some(&first) = needle.first() else { return Some(0) };
        // Compare whole needles only where the first byte matches: recognition
        // runs this for every element against every step.
        (0..=last).find(|&i| hay.get(i) == Some(&first) && hay.get(i..i + needle.len()) == Some(needle))
    }

    fn split_on(&self, separator: &str) -> Option<(&str, &str)> {
        let at = self.find_text(separator)?;
        Some((self.until_byte(at), self.after_byte(at + separator.len())))
    }

    fn positions<'a>(&'a self, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
        let last = if needle.is_empty() { None } else { self.len().checked_sub(needle.len()) };
        last.into_iter()
            .flat_map(|last| 0..=last)
            .filter(move |&i| self.as_bytes().get(i..).is_some_and(|rest| rest.starts_with(needle.as_bytes())))
    }

    fn after_byte(&self, at: usize) -> &str {
        self.get(at..).unwrap_or_default()
    }

    fn until_byte(&self, at: usize) -> &str {
        self.get(..at).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_match_like_the_standard_search() {
        for (hay, needle) in [
            ("create secret key", "secret"),
            ("abcabc", "cab"),
            ("abc", "abcd"),
            ("", "a"),
            ("abc", ""),
            ("I’ll go’", "’"),
            ("aaa", "aa"),
        ] {
            assert_eq!(hay.find_text(needle), hay.find(needle), "{hay:?} / {needle:?}");
            assert_eq!(hay.has(needle), hay.contains(needle));
            assert_eq!(hay.split_on(needle), hay.split_once(needle));
        }
    }

    #[test]
    fn lists_overlapping_positions_and_none_for_an_empty_needle() {
        assert_eq!("aaaa".positions("aa").collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!("sk-... sk-...".positions("sk-...").collect::<Vec<_>>(), [0, 7]);
        assert_eq!("abc".positions("").count(), 0);
        assert_eq!("ab".positions("abc").count(), 0);
    }

    #[test]
    fn slices_outside_the_text_or_inside_a_character_are_empty() {
        assert_eq!("héllo".after_byte(3), "llo");
        assert_eq!("héllo".after_byte(2), "");
        assert_eq!("abc".after_byte(9), "");
        assert_eq!("héllo".until_byte(1), "h");
        assert_eq!("héllo".until_byte(2), "");
        assert_eq!("abc".until_byte(3), "abc");
    }
}
