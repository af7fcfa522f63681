//! Advice lines for the callout: our sentences, with a name read from the
//! page (a permission level, a row, a button) only when it is short and
//! plain. A page decides what its controls are called; it must not be able
//! to decide what the callout says, so every name passes [`PlainName`] or is
//! described in our own words instead.

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
        let text = text.trim_matches(' ');
        let plain = !text.is_empty()
            && text.len() <= Self::MAX_CHARS
            && text.split(' ').count() <= Self::MAX_WORDS
            && !text.contains("  ")
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ');
        plain.then(|| PlainName(text.to_string()))
    }

    /// The name as shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One piece of an advice line: our words, or a checked name from the page.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// Our wording.
    Ours(&'static str),
    /// A name that passed [`PlainName`].
    Name(&'a PlainName),
}

/// One line of advice. Built only from our sentences and [`PlainName`]s,
/// so page text reaches the callout only through that check. Sent to
/// content scripts as a plain string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice(Cow<'static, str>);

impl Advice {
    /// A sentence of ours.
    pub const fn says(text: &'static str) -> Advice {
        Advice(Cow::Borrowed(text))
    }

    /// Our words with names from the page in between.
    pub fn composed(parts: &[Part<'_>]) -> Advice {
        let mut text = String::new();
        for part in parts {
            text.push_str(match part {
                Part::Ours(words) => words,
                Part::Name(name) => name.as_str(),
            });
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
        Advice::says(text)
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
            "Request\n",
        ] {
            assert_eq!(PlainName::from_page(hostile), None, "{hostile:?}");
        }
    }

    #[test]
    fn composed_advice_holds_our_words_and_the_checked_name() {
        let level = PlainName::from_page("Request").unwrap();
        let advice = Advice::composed(&[Part::Ours("Set it to "), Part::Name(&level), Part::Ours(".")]);
        assert_eq!(advice, "Set it to Request.");
        assert_eq!(serde_json::to_value(&advice).unwrap(), serde_json::json!("Set it to Request."));
    }
}
