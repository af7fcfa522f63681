//! Advice lines for the callout: our messages, with a name read from the
//! page (a permission level, a row, a button) only when it is short and
//! plain. A page decides what its controls are called; it must not be able
//! to decide what the callout says, so every name passes [`PlainName`] or is
//! described in our own words instead.

use crate::substring::Substring;

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
    /// Our wording: a message id of extension/_locales/en/messages.json.
    Ours(&'static str),
    /// A name that passed [`PlainName`].
    Name(&'a PlainName),
    /// Text the core has checked or made for showing as it is: a number,
    /// the page's own path, a provider option's name that passed [`is_plain`].
    Shown(&'a str),
    /// A message of ours with values of its own.
    Said(&'a Advice),
}

impl<'a> Part<'a> {
    /// The page's name when it is plain, else our words.
    pub fn or_ours(name: Option<&'a PlainName>, ours: &'static str) -> Part<'a> {
        name.map_or(Part::Ours(ours), Part::Name)
    }
}

/// A slot's value as sent: a message of ours, or text shown as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Ours(&'static str),
    Shown(String),
    Said(Box<Advice>),
}

/// A value of an [`Advice`] as the reply writers send it: `[id]` for
/// words of ours, a string shown as it is, or a nested message.
pub enum SentValue<'a> {
    /// A message of ours without values, by id.
    Ours(&'static str),
    /// Text shown as it is (a plain page name, a number, a path).
    Shown(&'a str),
    /// A message of ours with values of its own.
    Said(&'a Advice),
}

/// One line of our words: the id of a message in
/// extension/_locales/en/messages.json (`core_*`) and the values of its
/// placeholders. Built only from our message ids and [`PlainName`]s (or
/// facts the core vouches for), so page text reaches the callout only
/// through that check. Sent as `[id, ...values]`, each value a string
/// shown as it is or `[id]` for words of ours; the background turns it
/// into words (`extension/shared/words.js`) before a content script sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    id: &'static str,
    values: Vec<Value>,
}

impl Advice {
    /// A message of ours without placeholders.
    pub const fn ours(id: &'static str) -> Advice {
        Advice { id, values: Vec::new() }
    }

    /// Our message `id` with its placeholders `$1`, `$2`… filled by `slots`.
    pub fn filled(id: &'static str, slots: &[Part<'_>]) -> Advice {
        let values = slots
            .iter()
            .map(|part| match part {
                Part::Ours(id) => Value::Ours(id),
                Part::Name(name) => Value::Shown(name.as_str().to_string()),
                Part::Shown(text) => Value::Shown(text.to_string()),
                Part::Said(advice) => Value::Said(Box::new((*advice).clone())),
            })
            .collect();
        // In tests, a message that needs more values than it is given fails here.
        #[cfg(test)]
        assert!(crate::message_words::arity(id) <= slots.len(), "{id} needs more values than {}", slots.len());
        Advice { id, values }
    }

    /// The message's id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// Its values as they are sent, in placeholder order.
    pub fn values(&self) -> impl Iterator<Item = SentValue<'_>> {
        self.values.iter().map(|v| match v {
            Value::Ours(id) => SentValue::Ours(id),
            Value::Shown(text) => SentValue::Shown(text),
            Value::Said(advice) => SentValue::Said(advice),
        })
    }

    /// The line in words, as the extension shows it (native tests only).
    #[cfg(test)]
    pub fn text(&self) -> String {
        assert!(crate::message_words::arity(self.id) <= self.values.len(), "{} lacks values", self.id);
        let values: Vec<String> = self
            .values
            .iter()
            .map(|v| match v {
                Value::Ours(id) => crate::message_words::words(id, &[]),
                Value::Shown(text) => text.clone(),
                Value::Said(advice) => advice.text(),
            })
            .collect();
        crate::message_words::words(self.id, &values)
    }
}

#[cfg(test)]
impl std::fmt::Display for Advice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

#[cfg(test)]
impl PartialEq<&str> for Advice {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}

impl From<&'static str> for Advice {
    fn from(id: &'static str) -> Advice {
        Advice::ours(id)
    }
}

impl serde::Serialize for Advice {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(1 + self.values.len()))?;
        seq.serialize_element(self.id)?;
        for value in &self.values {
            match value {
                Value::Ours(id) => seq.serialize_element(&[id])?,
                Value::Shown(text) => seq.serialize_element(text)?,
                Value::Said(advice) => seq.serialize_element(advice)?,
            }
        }
        seq.end()
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
        let slots = [
            Part::Shown("Models"),
            Part::Name(&level),
            Part::Ours("core_need_list_may"),
            Part::Ours("core_need_list_without"),
        ];
        let advice = Advice::filled("core_need_unmet", &slots);
        assert_eq!(advice, "Models: Request is not chosen yet, so Innoslate could not list the models it may use.");
        assert_eq!(
            serde_json::to_value(&advice).unwrap(),
            serde_json::json!([
                "core_need_unmet",
                "Models",
                "Request",
                ["core_need_list_may"],
                ["core_need_list_without"]
            ])
        );
    }
}
