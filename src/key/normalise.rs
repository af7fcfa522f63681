//! Undo harmless paste mistakes before the key is checked.
//!
//! Steps: drop invisible characters everywhere, then repeat until nothing
//! changes: trim white space, strip quotes at either end, strip a leading
//! variable assignment or label (`OPENAI_API_KEY=`, `export …=`,
//! `$env:…=`, `setx … `, `API key:`), strip a leading `Authorization:` /
//! `Bearer`. Running to a fixed point makes the result idempotent.
//!
//! All copies of the text live in [`Zeroizing`] buffers, allocated once at
//! their final size so no unzeroed copy is left behind by a reallocation.

use crate::substring::Substring;
use zeroize::Zeroizing;

/// What normalisation removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Notes {
    pub surrounding_whitespace: bool,
    pub invisible: usize,
    pub quoted: bool,
    pub bearer: bool,
    pub env: bool,
}

pub(crate) struct Normalised {
    pub key: Zeroizing<String>,
    pub notes: Notes,
}

pub(crate) fn normalise(input: &str) -> Normalised {
    let mut notes = Notes::default();
    let mut visible = Zeroizing::new(String::with_capacity(input.len()));
    // Copy the runs between invisible characters (all of them are non-ASCII).
    let mut run_start = 0;
    let scan_from = if input.is_ascii() { input.len() } else { 0 };
    for (i, c) in input.after_byte(scan_from).char_indices() {
        if !c.is_ascii() && is_invisible(c) {
            notes.invisible += 1;
            visible.push_str(input.get(run_start..i).unwrap_or_default());
            run_start = i + c.len_utf8();
        }
    }
    visible.push_str(input.after_byte(run_start));

    let mut cur: &str = &visible;
    loop {
        let before = cur.len();
        let trimmed = cur.trim();
        if trimmed.len() != cur.len() {
            notes.surrounding_whitespace = true;
            cur = trimmed;
        }
        if let Some(rest) = strip_quotes(cur) {
            notes.quoted = true;
            cur = rest;
        }
        if let Some(rest) = strip_assignment(cur) {
            notes.env = true;
            cur = rest;
        }
        if let Some(rest) = strip_bearer(cur) {
            notes.bearer = true;
            cur = rest;
        }
        if cur.len() == before {
            break;
        }
    }
    Normalised { key: Zeroizing::new(cur.to_owned()), notes }
}

/// Format and other zero-width characters that copy/paste drags along and
/// that are never part of a key.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'               // soft hyphen
        | '\u{034F}'             // combining grapheme joiner
        | '\u{061C}'             // Arabic letter mark
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers
        | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' // Mongolian selectors and vowel separator
        | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{206F}' // bidi isolates, deprecated format chars
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{FEFF}'             // byte order mark / zero-width no-break space
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E007F}' // tags
        | '\u{E0100}'..='\u{E01EF}' // variation selectors supplement
    )
}

/// Straight, typographic and full-width quotation marks and backticks.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2018}'..='\u{201F}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{300C}'..='\u{300F}'
            | '\u{FF02}'
            | '\u{FF07}'
    )
}

/// Remove one quote character from each end that has one (a lone quote too:
/// it is never part of a key).
fn strip_quotes(s: &str) -> Option<&str> {
    let mut t = s;
    if let Some(c) = t.chars().next().filter(|&c| is_quote(c)) {
        t = t.after_byte(c.len_utf8());
    }
    if let Some(c) = t.chars().next_back().filter(|&c| is_quote(c)) {
        t = t.until_byte(t.len() - c.len_utf8());
    }
    (t.len() != s.len()).then_some(t)
}

/// Case-insensitive ASCII `starts_with` that never splits a character.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    match s.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => Some(s.after_byte(prefix.len())),
        _ => None,
    }
}

fn is_label_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b' ' || b == b'\t'
}

fn mentions_key(label: &str) -> bool {
    label.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"key"))
}

/// `OPENAI_API_KEY=`, `export OPENAI_API_KEY = `, `$env:OPENAI_API_KEY=`,
/// `"OPENAI_API_KEY": `, `API key: `, `setx OPENAI_API_KEY `.
fn strip_assignment(s: &str) -> Option<&str> {
    if let Some(rest) = strip_prefix_ci(s, "setx ") {
        let rest = rest.trim_start();
        let name_len = rest.bytes().take(65).take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
        let after = rest.after_byte(name_len);
        let value = after.trim_start();
        if name_len > 0 && mentions_key(rest.until_byte(name_len)) && value.len() < after.len() {
            return Some(value);
        }
    }
    let t = strip_prefix_ci(s, "$env:").unwrap_or(s);
    let first = *t.as_bytes().first()?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let label_len = t.bytes().take(65).take_while(|&b| is_label_byte(b)).count();
    if label_len > 64 || !mentions_key(t.until_byte(label_len)) {
        return None;
    }
    let mut rest = t.after_byte(label_len);
    if let Some(c) = rest.chars().next().filter(|&c| is_quote(c)) {
        rest = rest.after_byte(c.len_utf8());
    }
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('=').or_else(|| rest.strip_prefix(':'))?;
    Some(rest.trim_start())
}

/// `Bearer sk-…`, `Authorization: Bearer sk-…`, `"Authorization": "Bearer …`.
fn strip_bearer(s: &str) -> Option<&str> {
    let mut t = s;
    let mut stripped = false;
    if let Some(rest) = strip_prefix_ci(t, "authorization") {
        let mut rest = rest;
        if let Some(c) = rest.chars().next().filter(|&c| is_quote(c)) {
            rest = rest.after_byte(c.len_utf8());
        }
        let rest = rest.trim_start().strip_prefix(':')?;
        t = rest.trim_start();
        if let Some(c) = t.chars().next().filter(|&c| is_quote(c)) {
            t = t.after_byte(c.len_utf8());
        }
        stripped = true;
    }
    if let Some(rest) = strip_prefix_ci(t, "bearer") {
        let value = rest.trim_start();
        if value.len() < rest.len() {
            return Some(value);
        }
    }
    stripped.then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> (String, Notes) {
        let out = normalise(s);
        (out.key.to_string(), out.notes)
    }

    #[test]
    fn strips_the_usual_wrappers() {
        let key = "sk-abc";
        for input in [
            "  sk-abc\n",
            "\"sk-abc\"",
            "'sk-abc'",
            "`sk-abc`",
            "```sk-abc```",
            "\u{201C}sk-abc\u{201D}",
            "Bearer sk-abc",
            "bearer   sk-abc",
            "Authorization: Bearer sk-abc",
            "\"Authorization\": \"Bearer sk-abc\"",
            "OPENAI_API_KEY=sk-abc",
            "export OPENAI_API_KEY = \"sk-abc\"",
            "$env:OPENAI_API_KEY=\"sk-abc\"",
            "setx OPENAI_API_KEY \"sk-abc\"",
            "\"OPENAI_API_KEY\": \"sk-abc\",",
            "API key: sk-abc",
            "\u{200B}sk-\u{FEFF}abc\u{2060}",
        ] {
            if input.ends_with(',') {
                // a trailing comma is not stripped: it is reported later
                assert_eq!(n(input).0, "sk-abc\",", "{input:?}");
                continue;
            }
            assert_eq!(n(input).0, key, "{input:?}");
        }
    }

    #[test]
    fn notes_what_was_removed() {
        let (_, notes) = n(" export OPENAI_API_KEY='Bearer sk-x\u{200B}' ");
        assert_eq!(notes, Notes { surrounding_whitespace: true, invisible: 1, quoted: true, bearer: true, env: true });
        assert_eq!(n("sk-x").1, Notes::default());
    }

    #[test]
    fn leaves_keys_and_plain_text_alone() {
        for s in ["sk-proj-abc", "sk_live_abc", "hello world", "Bearer", "key", "=x"] {
            assert_eq!(n(s).0, s);
        }
    }

    #[test]
    fn is_idempotent_on_awkward_inputs() {
        for s in [
            "\"'\"",
            "Bearer Bearer \"x\"",
            "KEY=KEY=\"Bearer 'y'\"",
            "\u{200B} \u{200B}",
            "Authorization:",
            "\"  Authorization : bearer\t\"",
        ] {
            let once = n(s).0;
            assert_eq!(n(&once).0, once, "{s:?}");
        }
    }
}
