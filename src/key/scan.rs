//! Hand-written scanners over the normalised text: key characters, masks and
//! ellipses, white space, several keys, and naming a stray character.
//!
//! Positions handed out are 1-based character counts, as a person would count.

use crate::guide::advice::Part;
use crate::guide::Advice;
use crate::substring::Substring;

use super::shapes;

/// Characters that may appear anywhere in an OpenAI key.
pub(crate) fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Bullets and similar characters that password fields and key lists use to
/// hide characters.
fn is_bullet(c: char) -> bool {
    matches!(c, '\u{2022}' | '\u{25CF}' | '\u{2219}' | '\u{22C5}' | '\u{00B7}' | '\u{25E6}' | '\u{2027}')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hidden {
    /// A shortened or bulleted display form: `sk-...abcd`, `sk-abc…def`, `••••`.
    Masked,
    /// Ends in an ellipsis: the UI cut the key.
    CutByEllipsis,
}

/// Does the text show signs of being a display form rather than the key?
pub(crate) fn hidden_form(s: &str) -> Option<Hidden> {
    // Bullets and the ellipsis are non-ASCII; the ASCII forms need `*` or `.`.
    if s.bytes().all(|b| b.is_ascii() && b != b'*' && b != b'.') {
        return None;
    }
    let mut stars = 0usize;
    let mut dots = 0usize;
    let mut ellipsis_seen = false;
    let mut after_ellipsis = false;
    for c in s.chars() {
        if is_bullet(c) {
            return Some(Hidden::Masked);
        }
        stars = if c == '*' { stars + 1 } else { 0 };
        if stars >= 3 {
            return Some(Hidden::Masked);
        }
        dots = if c == '.' { dots + 1 } else { 0 };
        if c == '\u{2026}' || dots >= 3 {
            ellipsis_seen = true;
            after_ellipsis = false;
        } else if ellipsis_seen && c != '.' {
            after_ellipsis = true;
        }
    }
    match (ellipsis_seen, after_ellipsis) {
        (true, true) => Some(Hidden::Masked),
        (true, false) => Some(Hidden::CutByEllipsis),
        _ => None,
    }
}

/// The first white-space character: (1-based position, character).
pub(crate) fn first_whitespace(s: &str) -> Option<(usize, char)> {
    if s.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    s.chars().enumerate().find(|(_, c)| c.is_whitespace()).map(|(i, c)| (i + 1, c))
}

/// The first character outside `[A-Za-z0-9_-]` and how many others follow.
pub(crate) struct BadChars {
    pub position: usize,
    pub first: char,
    pub others: usize,
}

pub(crate) fn bad_chars(s: &str) -> Option<BadChars> {
    if s.bytes().all(is_key_byte) {
        return None;
    }
    let mut found: Option<BadChars> = None;
    for (i, c) in s.chars().enumerate() {
        if is_key_char(c) {
            continue;
        }
        match found.as_mut() {
            Some(b) => b.others += 1,
            None => found = Some(BadChars { position: i + 1, first: c, others: 0 }),
        }
    }
    found
}

const MIN_KEY_RUN: usize = 20;

/// Byte offsets where a key-looking run starts: `sk-`, `sk_` or `rk_` at a
/// word boundary, followed by at least 20 key characters in all.
pub(crate) fn key_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    let b = s.as_bytes();
    (0..b.len()).filter(move |&i| {
        if b[i] != b's' && b[i] != b'r' {
            return false;
        }
        let head = &b[i..];
        (head.starts_with(b"sk-") || head.starts_with(b"sk_") || head.starts_with(b"rk_"))
            && (i == 0 || !is_key_byte(b[i - 1]))
            && head.iter().take_while(|&&c| is_key_byte(c)).count() >= MIN_KEY_RUN
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Several {
    /// This many separate key-looking runs.
    Separate(usize),
    /// Keys run together without a separator.
    Joined,
}

pub(crate) fn several_keys(s: &str) -> Option<Several> {
    let starts = key_starts(s).count();
    if starts >= 2 {
        return Some(Several::Separate(starts));
    }
    if shapes::marker_count(s) >= 2 {
        return Some(Several::Joined);
    }
    // A full key immediately followed by another `sk-` start.
    if s.starts_with("sk-") {
        let joined = s
            .positions("sk-")
            .skip(1)
            .any(|i| shapes::is_known_total(i) && shapes::exact_shape(s.until_byte(i)).is_some());
        if joined {
            return Some(Several::Joined);
        }
    }
    None
}

/// Where a key starts inside other text (byte offset > 0), if it does.
pub(crate) fn embedded_key(s: &str) -> Option<usize> {
    key_starts(s).find(|&i| i > 0 && s.after_byte(i).starts_with("sk-"))
}

/// Where a complete key starts after other characters glued to its front
/// (`xsk-proj-…`, `sk-sk-proj-…`), if it does.
pub(crate) fn glued_key(s: &str) -> Option<usize> {
    s.positions("sk-")
        .filter(|&i| i > 0 && shapes::is_known_total(s.len() - i))
        .find(|&i| shapes::exact_shape(s.after_byte(i)).is_some())
}

/// Letters of the scripts a pasted key most often picks up (Latin with
/// accents, Greek, Cyrillic, Armenian, Hebrew, Arabic, kana, CJK, Hangul).
/// Unicode's full letter and digit tables would add 2 KB gzip to the wasm
/// core; a rarer letter is named by its code point instead.
fn is_common_letter(c: char) -> bool {
    matches!(
        c,
        '\u{C0}'..='\u{24F}'
            | '\u{386}'..='\u{3FF}'
            | '\u{400}'..='\u{52F}'
            | '\u{531}'..='\u{556}'
            | '\u{561}'..='\u{587}'
            | '\u{5D0}'..='\u{5EA}'
            | '\u{620}'..='\u{64A}'
            | '\u{1E00}'..='\u{1EFF}'
            | '\u{3041}'..='\u{30FF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7A3}'
    ) && !matches!(c, '\u{D7}' | '\u{F7}' | '\u{387}')
}

/// Digits other than 0-9 that a paste brings along: Arabic-Indic,
/// Devanagari, superscript and subscript, circled.
fn is_common_digit(c: char) -> bool {
    matches!(
        c,
        '\u{B2}'
            | '\u{B3}'
            | '\u{B9}'
            | '\u{660}'..='\u{669}'
            | '\u{6F0}'..='\u{6F9}'
            | '\u{966}'..='\u{96F}'
            | '\u{2070}'
            | '\u{2074}'..='\u{2079}'
            | '\u{2080}'..='\u{2089}'
            | '\u{2460}'..='\u{2473}'
    )
}

/// Plain words for a character that does not belong in a key. Only
/// characters that can never be part of a key get here, so naming them
/// reveals nothing secret.
pub(crate) fn describe(c: char) -> Advice {
    let name = match c {
        ' ' | '\u{00A0}' | '\u{3000}' => "core_char_space",
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' => "core_char_line_break",
        '\t' => "core_char_tab",
        '-' => "core_char_hyphen",
        '_' => "core_char_underscore",
        ',' => "core_char_comma",
        '.' => "core_char_full_stop",
        ';' => "core_char_semicolon",
        ':' => "core_char_colon",
        '/' => "core_char_slash",
        '\\' => "core_char_backslash",
        '+' => "core_char_plus_sign",
        '=' => "core_char_equals_sign",
        '*' => "core_char_asterisk",
        '!' => "core_char_exclamation_mark",
        '?' => "core_char_question_mark",
        '#' => "core_char_hash_sign",
        '$' => "core_char_dollar_sign",
        '%' => "core_char_percent_sign",
        '&' => "core_char_ampersand",
        '@' => "core_char_at_sign",
        '^' => "core_char_caret",
        '|' => "core_char_vertical_bar",
        '~' => "core_char_tilde",
        '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' => "core_char_bracket",
        '\u{2026}' => "core_char_ellipsis",
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => "core_char_long_dash_hyphen",
        c if super::normalise::is_quote(c) => "core_char_quotation_mark",
        c if c.is_whitespace() => "core_char_space",
        c if c.is_control() => "core_char_control_character",
        '\u{FF01}'..='\u{FF5E}' => "core_char_full_width_character",
        c if is_common_letter(c) => "core_char_letter_basic_latin",
        c if is_common_digit(c) => "core_char_digit_0_9",
        c => return Advice::filled("core_char_unexpected", &[Part::Shown(&format!("U+{:04X}", c as u32))]),
    };
    Advice::ours(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_forms() {
        assert_eq!(hidden_form("sk-...abcd"), Some(Hidden::Masked));
        assert_eq!(hidden_form("sk-abc...def"), Some(Hidden::Masked));
        assert_eq!(hidden_form("sk-\u{2026}abcd"), Some(Hidden::Masked));
        assert_eq!(hidden_form("\u{2022}\u{2022}\u{2022}\u{2022}"), Some(Hidden::Masked));
        assert_eq!(hidden_form("sk-proj-****abcd"), Some(Hidden::Masked));
        assert_eq!(hidden_form("sk-proj-abc\u{2026}"), Some(Hidden::CutByEllipsis));
        assert_eq!(hidden_form("sk-proj-abc...."), Some(Hidden::CutByEllipsis));
        assert_eq!(hidden_form("sk-proj-abc.def"), None);
        assert_eq!(hidden_form("sk-proj-a**b"), None);
    }

    #[test]
    fn counts_key_starts_at_word_boundaries() {
        let a = format!("sk-{}", "a".repeat(30));
        assert_eq!(key_starts(&a).count(), 1);
        assert_eq!(key_starts(&format!("{a} {a}")).count(), 2);
        assert_eq!(key_starts(&format!("{a},{a}")).count(), 2);
        assert_eq!(key_starts(&format!("{a}{a}")).count(), 1);
        assert_eq!(key_starts("sk-...abcd sk-...efgh").count(), 0);
    }

    #[test]
    fn describes_without_echoing_key_characters() {
        assert_eq!(describe(','), "a comma");
        assert_eq!(describe('\u{2013}'), "a long dash instead of a plain hyphen (-)");
        assert_eq!(describe('\u{0430}'), "a letter from outside the basic Latin alphabet");
        assert_eq!(describe('\u{1F511}'), "an unexpected symbol (U+1F511)");
    }

    #[test]
    fn names_letters_and_digits_of_common_scripts_and_the_rest_by_code_point() {
        for letter in ['\u{e9}', '\u{3b1}', '\u{5d0}', '\u{628}', '\u{1ea1}', '\u{3042}', '\u{4e2d}', '\u{d55c}'] {
            assert_eq!(describe(letter), "a letter from outside the basic Latin alphabet", "{letter}");
        }
        for digit in ['\u{663}', '\u{6f5}', '\u{967}', '\u{b2}', '\u{2462}'] {
            assert_eq!(describe(digit), "a digit from outside 0-9", "{digit}");
        }
        assert_eq!(describe('\u{d7}'), "an unexpected symbol (U+00D7)");
        assert_eq!(describe('\u{e01}'), "an unexpected symbol (U+0E01)");
    }
}
