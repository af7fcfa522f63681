//! The diagnostic report an admin can copy from the popup and send to
//! whoever maintains the extension when a screen looks different.
//!
//! It describes the page's structure the way the guide sees it (roles,
//! accessible names, sections, headings, dialog titles) plus where the guide
//! is, and nothing else: no field values (the page report never has any), no
//! query string or fragment of the address (they can carry sign-in codes),
//! and no string that looks like a key or token ([`looks_secret`]) or in
//! which the content script withheld words ([`WITHHELD`]): such a string is
//! left out whole and counted, so the reader knows something was removed.
//! Secrets are judged on whole words: the content script never cuts inside
//! one, and a text that fills its limit and ends inside a word (cut there
//! by something else) is refused, since the head of a word cannot be judged.

use crate::guide::openai::GUIDE;
use crate::key::looks_secret;
use crate::page_report::{ElementFact, PageReport, MAX_TEXT, MAX_URL, WITHHELD};
use crate::substring::Substring;
use serde::Deserialize;
use std::fmt::Write;

/// Where the guide is in the tab, as the popup's status request tells it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct GuideSummary {
    /// Id of the step the guide expects next, if it has started.
    pub step: Option<String>,
    /// Whether the admin paused the guide in this tab.
    pub paused: bool,
    /// Whether the admin switched the guide off.
    pub guide_off: bool,
}

/// Most lines listed per section, so a huge page gives a readable report.
const MAX_LINES: usize = 200;

/// Writes the redacted report. `version` is the extension's version.
pub fn describe(report: &PageReport, guide: &GuideSummary, version: &str) -> String {
    let mut out = Redacted::default();
    out.line("Innoslate Key Assistant: diagnostic report");
    out.line(&format!("Extension version: {version}"));
    out.field("Page", address_without_query(&report.url), MAX_URL);
    out.field("Page title", &report.title, MAX_TEXT);
    match guide.step.as_deref().and_then(|id| GUIDE.step(id)) {
        Some(step) => out.line(&format!(
            // The step's id names it; its title is a message id (words live in messages.json).
            "Guide expects: step {} of {} ({}){}",
            step.number,
            GUIDE.total(),
            step.id,
            if guide.paused { ", paused" } else { "" }
        )),
        None => out.line("Guide expects: no step yet"),
    }
    if guide.guide_off {
        out.line("The guide is switched off.");
    }
    match GUIDE.recognise(report) {
        Some(seen) => out.line(&format!(
            "Recognised on this page: step {} ({}), control {}",
            seen.step.number,
            seen.step.id,
            if seen.target.is_some() { "found" } else { "not found" }
        )),
        None => out.line("Recognised on this page: no step"),
    }

    out.heading("Dialogs", report.dialogs.len());
    for (i, dialog) in report.dialogs.iter().take(MAX_LINES).enumerate() {
        let modal = if dialog.modal { " (modal)" } else { "" };
        out.item(&format!("{}. ", i + 1), &dialog.name, modal);
    }
    out.heading("Headings", report.headings.len());
    for heading in report.headings.iter().take(MAX_LINES) {
        out.item("- ", heading, "");
    }
    out.heading("Controls", report.elements.len());
    for element in report.elements.iter().take(MAX_LINES) {
        out.element(element);
    }
    if report.elements.len() > MAX_LINES {
        out.line(&format!("(and {} more controls)", report.elements.len() - MAX_LINES));
    }
    out.finish()
}

/// The address without query and fragment.
fn address_without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or_default()
}

#[derive(Default)]
struct Redacted {
    text: String,
    /// Texts left out because they looked like or held a key or token.
    removed: usize,
    /// Texts left out because they may end in the head of a cut word.
    unjudged: usize,
}

/// Whether `text` fills its length limit and ends inside a run of token
/// characters: then a limit may have cut a word there, and what is left of
/// the word cannot be judged. Keys and tokens are ASCII, so only ASCII
/// letters and digits count (Unicode's letter tables would add 2 KB gzip to
/// the wasm core).
fn may_end_in_a_cut_word(text: &str, limit: usize) -> bool {
    text.ends_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '='))
        && text.chars().count() >= limit
}

impl Redacted {
    /// A line as it stands: our own wording, or page text already quoted.
    fn line(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
    }

    /// Page text of at most `limit` characters, quoted, or a note that it
    /// was left out.
    fn quoted_within(&mut self, text: &str, limit: usize) -> String {
        if looks_secret(text) || text.has(WITHHELD) {
            self.removed += 1;
            "[left out: looked like a key or token]".to_string()
        } else if may_end_in_a_cut_word(text, limit) {
            self.unjudged += 1;
            "[left out: cut inside a word, so it could not be checked]".to_string()
        } else {
            format!("\u{201c}{text}\u{201d}")
        }
    }

    fn quoted(&mut self, text: &str) -> String {
        self.quoted_within(text, MAX_TEXT)
    }

    fn field(&mut self, name: &str, value: &str, limit: usize) {
        let value = self.quoted_within(value, limit);
        self.line(&format!("{name}: {value}"));
    }

    fn heading(&mut self, name: &str, count: usize) {
        self.line("");
        self.line(&format!("{name} ({count}):"));
    }

    fn item(&mut self, lead: &str, text: &str, tail: &str) {
        let text = self.quoted(text);
        self.line(&format!("{lead}{text}{tail}"));
    }

    fn element(&mut self, e: &ElementFact) {
        // The role is the page's own word when it sets one: judged like text.
        let role = match self.quoted(&e.role) {
            quoted if quoted.starts_with('\u{201c}') => e.role.clone(),
            note => note,
        };
        let mut line = format!("- {role} {}", self.quoted(&e.name));
        for (what, text) in
            [("label", &e.label), ("placeholder", &e.placeholder), ("section", &e.section), ("test id", &e.test_id)]
        {
            if !text.is_empty() {
                let text = self.quoted(text);
                let _ = write!(line, ", {what} {text}");
            }
        }
        if let Some(d) = e.dialog {
            let _ = write!(line, ", in dialog {}", d + 1);
        }
        for (flag, on) in [
            ("checked", e.checked == Some(true)),
            ("mixed", e.mixed),
            ("selected", e.selected == Some(true)),
            ("disabled", e.disabled),
            ("read-only", e.read_only),
            ("has a value", e.has_value),
            ("not visible", !e.is_visible()),
        ] {
            if on {
                let _ = write!(line, ", {flag}");
            }
        }
        self.line(&line);
    }

    fn finish(mut self) -> String {
        self.line("");
        let removed = self.removed;
        self.line(&match removed {
            0 => "Nothing on the page looked like a key or token.".to_string(),
            1 => "1 text that looked like a key or token was left out.".to_string(),
            n => format!("{n} texts that looked like a key or token were left out."),
        });
        match self.unjudged {
            0 => {}
            1 => {
                self.line("1 text that ended inside a word at its length limit was left out: it could not be checked.")
            }
            n => self.line(&format!(
                "{n} texts that ended inside a word at their length limit were left out: they could not be checked."
            )),
        }
        self.line("Field values are never included.");
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page_report::{DialogFact, Rect};

    const KEY: &str = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm6nOp9qRs2tUv5wXy8zAb1dEf4hIj7kLmT3BlbkFJAb3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf0hIj3kLm6nOp9qRs2tUv5wXy8zAb1dEf4hIj7kLm";

    fn element(id: u32, role: &str, name: &str) -> ElementFact {
        ElementFact {
            id,
            role: role.into(),
            name: name.into(),
            rect: Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 },
            ..Default::default()
        }
    }

    fn save_dialog_page() -> PageReport {
        let mut field = element(1, "textbox", KEY);
        field.label = format!("Key {KEY}");
        field.read_only = true;
        field.has_value = true;
        field.dialog = Some(0);
        let mut copy = element(2, "button", "Copy");
        copy.dialog = Some(0);
        PageReport {
            url: "https://platform.openai.com/api-keys?code=abc123secretcode#frag".into(),
            title: "API keys".into(),
            dialogs: vec![DialogFact { name: "Save your key".into(), modal: true, ..Default::default() }],
            headings: vec!["API keys".into(), format!("Your key is {KEY}")],
            elements: vec![element(0, "button", "+ Create new secret key"), field, copy],
        }
    }

    #[test]
    fn describes_structure_and_guide_state() {
        let guide = GuideSummary { step: Some("save-your-key".into()), paused: true, guide_off: false };
        let text = describe(&save_dialog_page(), &guide, "1.2.3");
        assert!(text.contains("Extension version: 1.2.3"));
        assert!(text.contains("Page: \u{201c}https://platform.openai.com/api-keys\u{201d}"));
        assert!(text.contains("Guide expects: step 11 of 11 (save-your-key)"), "{text}");
        assert!(text.contains(", paused"));
        assert!(text.contains("1. \u{201c}Save your key\u{201d} (modal)"));
        assert!(text.contains("- button \u{201c}+ Create new secret key\u{201d}"));
        assert!(text.contains("- button \u{201c}Copy\u{201d}, in dialog 1"));
        assert!(text.contains("read-only, has a value"));
    }

    #[test]
    fn never_carries_a_key_a_query_or_a_fragment() {
        let text = describe(&save_dialog_page(), &GuideSummary::default(), "1.2.3");
        assert!(!text.contains(KEY));
        assert!(!text.contains("T3BlbkFJ"));
        assert!(!text.contains("Ab3dEf6hIj9kLm"), "no part of the key either");
        assert!(!text.contains("abc123secretcode"));
        assert!(!text.contains("frag"));
        assert!(text.contains("3 texts that looked like a key or token were left out."), "{text}");
        assert!(text.contains("Guide expects: no step yet"));
    }

    /// `length` letters and digits from `seed`, with at least one digit.
    fn random_token(seed: u64, length: usize) -> String {
        const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let mut state = seed;
        let mut out: String = (0..length)
            .map(|_| {
                state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
                CHARS[(state % 62) as usize] as char
            })
            .collect();
        if !out.bytes().any(|b| b.is_ascii_digit()) {
            out.replace_range(length - 1.., "7");
        }
        out
    }

    /// The report's line for a page whose one control is named `name`, and
    /// the whole report.
    fn control_line(name: &str) -> (String, String) {
        let page = PageReport {
            url: "https://platform.openai.com/api-keys".into(),
            elements: vec![element(0, "button", name)],
            ..Default::default()
        };
        let text = describe(&page, &GuideSummary::default(), "1");
        let line = text.lines().find(|l| l.starts_with("- ")).unwrap_or_default().to_string();
        (line, text)
    }

    const LEFT_OUT_SECRET: &str = "- button [left out: looked like a key or token]";
    const LEFT_OUT_CUT: &str = "- button [left out: cut inside a word, so it could not be checked]";

    #[test]
    fn a_token_cut_by_the_limit_is_left_out_whole_wherever_the_cut_falls() {
        let filler = "open the key list and copy this one now ".repeat(4);
        for token in
            [random_token(7, 40), random_token(123_456, 40), format!("ghp_{}", random_token(99, 36)), KEY.to_string()]
        {
            // From the token wholly inside the limit to wholly beyond it, cut
            // at MAX_TEXT characters with no mark, as a script that does not
            // mark its cuts would.
            for lead in MAX_TEXT.saturating_sub(token.len() + 2)..=MAX_TEXT {
                for (before, after) in [("", ""), ("(", ")"), ("token:", ".")] {
                    let whole = format!("{} {before}{token}{after} and more words", &filler[..lead]);
                    let cut: String = whole.chars().take(MAX_TEXT).collect();
                    let (line, text) = control_line(&cut);
                    if lead + 1 + before.len() < MAX_TEXT {
                        // Some of the token is in the text: all of the text goes.
                        let count = if line == LEFT_OUT_SECRET {
                            "1 text that looked like a key or token was left out."
                        } else {
                            assert_eq!(line, LEFT_OUT_CUT, "{lead} {before:?}: {cut}");
                            "1 text that ended inside a word at its length limit was left out"
                        };
                        assert!(text.contains(count), "{lead} {before:?}: {text}");
                    }
                    for i in 0..token.len() - 3 {
                        assert!(!text.contains(&token[i..i + 4]), "{lead} {before:?}: {text}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_text_at_its_limit_that_ends_in_a_non_latin_word_is_shown() {
        // Keys and tokens are ASCII: a cut inside other letters hides none.
        let words: String = "\u{43a}\u{43b}\u{44e}\u{447} ".repeat(MAX_TEXT).chars().take(MAX_TEXT - 1).collect();
        let name = format!("{words}\u{447}");
        assert_eq!(name.chars().count(), MAX_TEXT);
        let (line, _) = control_line(&name);
        assert_eq!(line, format!("- button \u{201c}{name}\u{201d}"));
        let (line, _) = control_line(&format!("{words}x"));
        assert_eq!(line, LEFT_OUT_CUT);
    }

    #[test]
    fn counts_every_text_that_held_a_secret() {
        // As page-facts.js reports them: keys hidden inside their sentence,
        // words withheld at a cut, and tokens it leaves to the core.
        let ghp = format!("ghp_{}", random_token(3, 36));
        let mut label = element(1, "textbox", "Key name");
        label.label = "Name your key so you can find it later in the list of keys of this project [hidden]".into();
        label.placeholder = "sk-[hidden]".into();
        label.test_id = ghp.clone();
        let mut copy = element(2, "button", "Copy sk-[hidden]");
        copy.section = "Access key AKIAABCDEFGHIJKLMNOP".into();
        let plain =
            element(3, "link", "Read how keys are kept safe and why a key is shown only once in this dialog \u{2026}");
        let page = PageReport {
            url: "https://platform.openai.com/api-keys".into(),
            title: "API keys sk-[hidden]".into(),
            dialogs: vec![DialogFact { name: "Key sk-[hidden] created".into(), modal: true, ..Default::default() }],
            headings: vec!["Your new key sk-[hidden] is shown once".into(), "API keys".into()],
            elements: vec![element(0, "button", "Done"), label, copy, plain],
        };
        let text = describe(&page, &GuideSummary::default(), "1");
        assert!(text.contains("8 texts that looked like a key or token were left out."), "{text}");
        assert!(!text.contains(WITHHELD) && !text.contains(&ghp[..8]) && !text.contains("AKIA"), "{text}");
        assert!(text.contains("- \u{201c}API keys\u{201d}"), "{text}");
        assert!(text.contains("- link \u{201c}Read how keys are kept safe"), "{text}");
        assert!(!text.contains("could not be checked"), "{text}");
    }

    #[test]
    fn an_address_cut_inside_its_path_is_left_out() {
        let token = random_token(11, 40);
        // The limit falls after 20 of the token's characters.
        let path = format!("/{}/{token}", "a".repeat(MAX_URL - "https://platform.openai.com".len() - 2 - 20));
        let url: String = format!("https://platform.openai.com{path}").chars().take(MAX_URL).collect();
        let page = PageReport { url, ..Default::default() };
        let text = describe(&page, &GuideSummary::default(), "1");
        assert!(text.contains("Page: [left out: cut inside a word"), "{text}");
        assert!(!text.contains(&token[..4]));
        // Cut in its query, which is never shown: the address stays.
        let url: String =
            format!("https://platform.openai.com/api-keys?x={}", "a".repeat(MAX_URL)).chars().take(MAX_URL).collect();
        let text = describe(&PageReport { url, ..Default::default() }, &GuideSummary::default(), "1");
        assert!(text.contains("Page: \u{201c}https://platform.openai.com/api-keys\u{201d}"), "{text}");
    }

    #[test]
    fn a_role_that_looks_like_a_token_is_left_out_and_counted() {
        let (line, text) = control_line("Copy");
        assert_eq!(line, "- button \u{201c}Copy\u{201d}");
        assert!(text.contains("Nothing on the page looked like a key or token."));
        let page = PageReport {
            elements: vec![element(0, &format!("ghp_{}", random_token(1, 36)), "Copy")],
            ..Default::default()
        };
        let text = describe(&page, &GuideSummary::default(), "1");
        assert!(text.contains("- [left out: looked like a key or token] \u{201c}Copy\u{201d}"), "{text}");
        assert!(text.contains("1 text that looked like a key or token was left out."), "{text}");
    }

    #[test]
    fn long_pages_are_cut_with_a_count() {
        let mut page = save_dialog_page();
        page.elements = (0..250).map(|i| element(i, "link", &format!("Link {i}"))).collect();
        let text = describe(&page, &GuideSummary::default(), "1");
        assert!(text.contains("Controls (250):"));
        assert!(text.contains("(and 50 more controls)"));
        assert!(!text.contains("Link 200"));
    }
}
