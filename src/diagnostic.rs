//! The diagnostic report an admin can copy from the popup and send to
//! whoever maintains the extension when a screen looks different.
//!
//! It describes the page's structure the way the guide sees it (roles,
//! accessible names, sections, headings, dialog titles) plus where the guide
//! is, and nothing else: no field values (the page report never has any), no
//! query string or fragment of the address (they can carry sign-in codes),
//! and no string that looks like a key or token ([`looks_secret`]): such a
//! string is left out whole and counted, so the reader knows something was
//! removed.

use crate::guide::openai::GUIDE;
use crate::key::looks_secret;
use crate::page_report::{ElementFact, PageReport};
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
    out.field("Page", address_without_query(&report.url));
    out.field("Page title", &report.title);
    match guide.step.as_deref().and_then(|id| GUIDE.step(id)) {
        Some(step) => out.line(&format!(
            "Guide expects: step {} of {} ({}), \u{201c}{}\u{201d}{}",
            step.number,
            GUIDE.total(),
            step.id,
            step.title,
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
    removed: usize,
}

impl Redacted {
    /// A line as it stands: our own wording, or page text already quoted.
    fn line(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
    }

    /// Page text, quoted, or a note that it was left out.
    fn quoted(&mut self, text: &str) -> String {
        if looks_secret(text) {
            self.removed += 1;
            "[left out: looked like a key or token]".to_string()
        } else {
            format!("\u{201c}{text}\u{201d}")
        }
    }

    fn field(&mut self, name: &str, value: &str) {
        let value = self.quoted(value);
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
        let mut line = format!("- {} {}", e.role, self.quoted(&e.name));
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
            dialogs: vec![DialogFact { name: "Save your key".into(), modal: true }],
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
