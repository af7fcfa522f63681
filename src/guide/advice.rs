//! Advice lines for the callout: our sentences, with a name read from the
//! page (a permission level, a row, a button) only when it is short and
//! plain. A page decides what its controls are called; it must not be able
//! to decide what the callout says, so every name passes [`PlainName`] or is
//! described in our own words instead.

use crate::substring::Substring;
use std::borrow::Cow;

/// A name read from the page that is safe to show: ASCII letters and digits
/// in at most [`PlainName::MAX_WORDS`] words separated by single spaces, at
/// most [`PlainName::MAX_CHARS`] characters. Invisible, direction-changing
/// and look-alike characters, punctuation and sentences all fail it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainName(String);

impl PlainName {
    /// Longest name shown.
    pub const MAX_CHARS: usize = 24;
    /// Most words in a name shown.
    pub const MAX_WORDS: usize = 3;

    /// The page's text as a name, if it is plain (surrounding spaces aside).
    pub fn from_page(text: &str) -> Option<PlainName> {
        let text = text.trim();
        is_plain(text, Self::MAX_CHARS, Self::MAX_WORDS, b"").then(|| PlainName(text.to_string()))
    }

    /// A key as the callout names it: OpenAI's masked form (`sk-...` and the
    /// last four characters, which names a key without being one), after its
    /// plain name when there is one: `Innoslate (sk-...Ab12)`.
    pub fn key(name: Option<&PlainName>, masked: &str) -> Option<PlainName> {
        is_masked_key(masked).then(|| match name {
            Some(n) => PlainName(format!("{} ({masked})", n.0)),
            None => PlainName(masked.to_string()),
        })
    }

    /// The name as shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The one rule for page text the callout may show: non-empty, at most
/// `max_chars` bytes and `max_words` words, single spaces with none at
/// either end, and only ASCII letters, digits, spaces and the bytes in
/// `punctuation`. Invisible, direction-changing and look-alike characters
/// all fail it. [`PlainName`] and the provider choice's option names use it
/// with their own bounds.
pub fn is_plain(text: &str, max_chars: usize, max_words: usize, punctuation: &[u8]) -> bool {
    !text.is_empty()
        && text.len() <= max_chars
        && text.split(' ').count() <= max_words
        && !text.has("  ")
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ' || punctuation.contains(&b))
}

/// Whether `text` is exactly OpenAI's masked form of a key: `sk-...` and
/// the key's last four characters (letters, digits, `-` or `_`), as its
/// keys table shows every key.
pub fn is_masked_key(text: &str) -> bool {
    text.len() == 10 && text.starts_with("sk-...") && text.bytes().skip(6).all(key_char)
}

/// A character of a key's tail.
pub fn key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// A slot's value in an advice line: a checked name from the page, or our
/// words for what it stands for.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// Our wording.
    Ours(&'static str),
    /// A name that passed [`PlainName`].
    Name(&'a PlainName),
}

impl<'a> Part<'a> {
    /// The page's name when it is plain, else our words.
    pub fn or_ours(name: Option<&'a PlainName>, ours: &'static str) -> Part<'a> {
        name.map_or(Part::Ours(ours), Part::Name)
    }

    fn as_str(&self) -> &str {
        match self {
            Part::Ours(words) => words,
            Part::Name(name) => name.as_str(),
        }
    }
}

/// One line of advice. Built only from our sentences and [`PlainName`]s,
/// so page text reaches the callout only through that check. Sent to
/// content scripts as a plain string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice(Cow<'static, str>);

impl Advice {
    /// A sentence of ours.
    pub const fn ours(text: &'static str) -> Advice {
        Advice(Cow::Borrowed(text))
    }

    /// Our sentence `template` with each `{N}` replaced by `slots[N]`.
    pub fn filled(template: &'static str, slots: &[Part<'_>]) -> Advice {
        let mut text = String::new();
        let mut pieces = template.split('{');
        text.push_str(pieces.next().unwrap_or(""));
        for piece in pieces {
            let slot = piece.bytes().next().map_or(usize::MAX, |b| b.wrapping_sub(b'0') as usize);
            text.push_str(slots.get(slot).map_or("", |p| p.as_str()));
            text.push_str(piece.after_byte(2));
        }
        Advice(Cow::Owned(text))
    }

    /// The line as shown.
    pub fn text(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Advice {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Advice {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl From<&'static str> for Advice {
    fn from(text: &'static str) -> Advice {
        Advice::ours(text)
    }
}

impl serde::Serialize for Advice {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_plain_names_pass_and_nothing_else_does() {
        for plain in ["Request", "Write", "Model capabilities", "Read 2", " Read "] {
            assert!(PlainName::from_page(plain).is_some(), "{plain:?}");
        }
        for hostile in [
            "",
            "Request now please ok",
            "Request\u{200B}",
            "\u{202E}tseuqeR",
            "Re\u{0301}quest",
            "R\u{0435}quest",
            "Request: paste key here",
            "Request.",
            "Model  capabilities",
            "abcdefghijklmnopqrstuvwxy",
            "Req\nuest",
            "Req\u{2028}uest",
        ] {
            assert_eq!(PlainName::from_page(hostile), None, "{hostile:?}");
        }
    }

    #[test]
    fn filled_advice_holds_our_words_and_the_checked_name() {
        let level = PlainName::from_page("Request").unwrap();
        let advice = Advice::filled("Set {0} to {1}.", &[Part::Ours("the row"), Part::Name(&level)]);
        assert_eq!(advice, "Set the row to Request.");
        assert_eq!(serde_json::to_value(&advice).unwrap(), serde_json::json!("Set the row to Request."));
    }
}
