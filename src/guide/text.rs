//! Text matching that survives small wording and typography changes.
//!
//! Sites change "I'll" to "I’ll", add a "+" icon in front of a button label,
//! or change case. Both sides are normalised the same way before comparing.

/// How a piece of page text must relate to the expected wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Equal after normalisation.
    Is(&'static str),
    /// Contains, after normalisation.
    Has(&'static str),
    /// Starts with, after normalisation.
    StartsWith(&'static str),
    /// Equal to any of these wordings, after normalisation: the variants a
    /// person reads as the same control ("Create new secret key", "Create
    /// secret key").
    OneOf(&'static [&'static str]),
}

/// How closely page text fits the expected wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// Extra words around the expected wording ("API keys New", "Copy
    /// key"): good enough only when no other element fits as well.
    Loose,
    /// The wording itself, after normalisation.
    Exact,
}

use crate::substring::Substring;
use std::cell::RefCell;

thread_local! {
    // Matching runs for every element against every step; reusing two
    // buffers keeps it free of allocations (a 2,000-element page in well
    // under a millisecond).
    static BUFFERS: RefCell<(String, String)> = const { RefCell::new((String::new(), String::new())) };
}

impl Text {
    /// `(mode, wordings)`, as content scripts receive it.
    pub fn parts(&self) -> (&'static str, Wordings) {
        match *self {
            Text::Is(w) => ("is", Wordings::One(w)),
            Text::Has(w) => ("has", Wordings::One(w)),
            Text::StartsWith(w) => ("starts_with", Wordings::One(w)),
            Text::OneOf(ws) => ("is", Wordings::Many(ws)),
        }
    }

    /// Whether the page text fits exactly (see [`Text::fit`]).
    pub fn matches(&self, page_text: &str) -> bool {
        self.fit(page_text) == Some(Fit::Exact)
    }

    /// How the page text fits: `Is` and `OneOf` also fit loosely when the
    /// wording appears as whole words inside a longer name; `Has` and
    /// `StartsWith` already allow extra words and fit exactly or not at all.
    pub fn fit(&self, page_text: &str) -> Option<Fit> {
        let (mode, wordings) = self.parts();
        BUFFERS.with_borrow_mut(|(page, want)| {
            normalise_into(page_text, page);
            let mut best = None;
            for w in wordings.each() {
                normalise_into(w, want);
                let fit = match mode {
                    "has" => page.has(want).then_some(Fit::Exact),
                    "starts_with" => page.starts_with(want.as_str()).then_some(Fit::Exact),
                    _ if page == want => Some(Fit::Exact),
                    _ => contains_words(page, want).then_some(Fit::Loose),
                };
                best = best.max(fit);
            }
            best
        })
    }
}

impl Text {
    /// Whether the page text looks like one of the wordings recased in a
    /// way ASCII case folding does not undo ("START BU\u{130}LD\u{130}NG", small
    /// capitals): as many characters, each the same letter or a non-ASCII
    /// one. Never a reason to point at it, only to not point elsewhere.
    pub fn resembles(&self, page_text: &str) -> bool {
        let (mode, wordings) = self.parts();
        if mode != "is" || page_text.is_ascii() {
            return false;
        }
        let page = normalise(page_text);
        wordings.each().any(|w| {
            let want = normalise(w);
            page.chars().count() == want.chars().count()
                && page.chars().zip(want.chars()).all(|(p, w)| p == w || (!p.is_ascii() && w.is_ascii_alphabetic()))
        })
    }
}

/// The wording of a [`Text`]: one, or a list of accepted variants. Content
/// scripts receive a string or a list of strings.
#[derive(Debug, Clone, Copy)]
pub enum Wordings {
    /// A single wording.
    One(&'static str),
    /// Variants a person reads as the same.
    Many(&'static [&'static str]),
}

impl Wordings {
    /// Each accepted wording.
    pub fn each(self) -> impl Iterator<Item = &'static str> {
        let (one, many) = match self {
            Wordings::One(w) => (Some(w), &[][..]),
            Wordings::Many(ws) => (None, ws),
        };
        one.into_iter().chain(many.iter().copied())
    }
}

impl serde::Serialize for Wordings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Wordings::One(w) => s.serialize_str(w),
            Wordings::Many(ws) => ws.serialize(s),
        }
    }
}

/// Whether `want` occurs in `page` as whole words (both normalised).
fn contains_words(page: &str, want: &str) -> bool {
    !want.is_empty()
        && page.positions(want).any(|i| {
            let end = i + want.len();
            let bytes = page.as_bytes();
            (i == 0 || bytes.get(i - 1) == Some(&b' ')) && (end == page.len() || bytes.get(end) == Some(&b' '))
        })
}

/// Lower case, typographic quotes made plain, white space collapsed, and
/// leading/trailing symbols (icons rendered as "+", "›", "…") dropped.
/// Case folding is ASCII only: the sites' control names are English, and
/// full Unicode case tables would add kilobytes to the wasm core.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalise_into(text, &mut out);
    out
}

/// `normalise`, written into `out` (cleared first).
fn normalise_into(text: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        };
        if is_space(c) {
            pending_space = !out.is_empty();
            continue;
        }
        let c = c.to_ascii_lowercase();
        // Leading symbols are left out as they come, trailing ones taken
        // off at the end: no trim and shift of the whole text afterwards.
        if out.is_empty() && is_edge_symbol(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    while out.chars().next_back().is_some_and(|c| is_edge_symbol(c) || c == ' ') {
        out.pop();
    }
}

/// Non-ASCII characters count as content, never as icon symbols, except
/// the few arrows and ellipses sites put around labels.
fn is_edge_symbol(c: char) -> bool {
    if c.is_ascii() {
        !(c.is_ascii_alphanumeric() || c == '\'' || c == '"' || c == '(' || c == ')')
    } else {
        matches!(
            c,
            '\u{2026}'
                | '\u{203A}'
                | '\u{2039}'
                | '\u{2192}'
                | '\u{2190}'
                | '\u{00BB}'
                | '\u{00AB}'
                | '\u{2022}'
                | '\u{FF0B}'
        )
    }
}

/// White space, spelled out so that `spotter.js` (extension/content/, its
/// `SPACES` class) matches exactly the same characters: Unicode's White_Space
/// set plus U+FEFF (a byte order mark that slipped into page text). JS's `\s`
/// lacks U+0085 and Rust's `char::is_whitespace` U+FEFF, so the spotter adds
/// U+0085 to `\s` and the core lists them all.
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{0085}'
            | '\u{00A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
            | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_icons_quotes_case_and_spaces() {
        assert_eq!(normalise("  + Create   new\nsecret key "), "create new secret key");
        assert_eq!(normalise("I’ll invite my team later"), "i'll invite my team later");
        assert_eq!(normalise("Next ›"), "next");
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn every_space_character_collapses_and_nothing_else_does() {
        for c in [
            '\t', '\n', '\u{0B}', '\u{0C}', '\r', '\u{85}', '\u{A0}', '\u{1680}', '\u{2007}', '\u{2028}', '\u{3000}',
            '\u{FEFF}',
        ] {
            assert_eq!(normalise(&format!("{c}api{c}{c}keys{c}")), "api keys", "U+{:04X}", c as u32);
        }
        for c in ['\u{200B}', '\u{180E}', '\u{1C}'] {
            assert_ne!(normalise(&format!("api{c}keys")), "api keys", "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn matches_modes() {
        assert!(Text::Is("Create new secret key").matches("+ Create new secret key"));
        assert!(!Text::Is("Create new secret key").matches("Create secret key"));
        assert!(Text::Has("api keys").matches("Project API Keys"));
        assert!(Text::StartsWith("Save your").matches("Save your key"));
        assert!(!Text::StartsWith("key").matches("Save your key"));
        assert!(Text::OneOf(&["Create new secret key", "Create secret key"]).matches("Create Secret Key"));
    }

    #[test]
    fn recased_look_alikes_resemble_the_wording_and_nothing_else_does() {
        assert!(Text::Is("Start building").resembles("START BU\u{130}LD\u{130}NG"));
        assert!(Text::Is("Start building").resembles("\u{A731}\u{1D1B}\u{1D00}\u{280}\u{1D1B} building"));
        assert!(!Text::Is("Start building").resembles("Start building"), "ASCII is for fit, not resembles");
        assert!(!Text::Is("Start building").resembles("Start building with Assistants \u{2728}"));
        assert!(!Text::Has("Start building").resembles("START BU\u{130}LD\u{130}NG"));
    }

    #[test]
    fn extra_words_fit_loosely_only_around_whole_words() {
        assert_eq!(Text::Is("API keys").fit("API keys"), Some(Fit::Exact));
        assert_eq!(Text::Is("API keys").fit("API Keys New"), Some(Fit::Loose));
        assert_eq!(Text::Is("Copy").fit("Copy key"), Some(Fit::Loose));
        assert_eq!(Text::Is("Copy").fit("Copyright"), None);
        assert_eq!(Text::Is("Create new secret key").fit("Create new project"), None);
        assert_eq!(Text::Is("API key").fit("API keys"), None);
        assert_eq!(Text::OneOf(&["Save your key", "Save your API key"]).fit("Save your API key"), Some(Fit::Exact));
    }

    /// Normalisation as it was first written: everything collapsed, then
    /// symbols trimmed off both ends.
    #[cfg(not(target_arch = "wasm32"))]
    fn trimmed_afterwards(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in text.chars() {
            let c = match c {
                '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
                '\u{201C}' | '\u{201D}' => '"',
                c => c,
            };
            if is_space(c) {
                pending_space = !out.is_empty();
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c.to_ascii_lowercase());
        }
        out.trim_matches(|c: char| is_edge_symbol(c) || c == ' ').to_string()
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]

        #[test]
        fn drops_edge_symbols_as_trimming_afterwards_did(
            text in "[ a-zA-Z0-9+>\u{2026}\u{203A}\u{2022}\u{00A0}\u{2019}\u{201C}()'\"\u{00E9}\t-]{0,12}"
        ) {
            proptest::prop_assert_eq!(normalise(&text), trimmed_afterwards(&text), "{:?}", text);
        }
    }
}
