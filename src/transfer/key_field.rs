//! Finding the OpenAI API key field(s) on an Innoslate preferences page.
//!
//! Innoslate's markup is not published, so this works from what any admin
//! would read: the field's label, accessible name or placeholder, and the
//! section around it ("Chat AI", "Image AI"). A field that belongs to another
//! provider (AskSage, Azure, Anthropic) is never a candidate, even if its
//! label also says "API key".

use crate::ai_feature::Purpose;
use crate::guide::normalise;
use crate::page_report::{ElementFact, PageReport};
use crate::substring::Substring;
use serde::Serialize;

/// A field that may take the OpenAI API key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyField {
    /// Its id in the page report.
    pub id: u32,
    /// What it is for.
    pub purpose: Purpose,
    /// How sure we are: 2 = says OpenAI and API key, 1 = says API key in an
    /// OpenAI-only context.
    pub confidence: u8,
}

/// Providers whose keys and settings are never OpenAI's. "compatible":
/// an "OpenAI-compatible" endpoint is someone else's server that speaks
/// OpenAI's API, and the key would go to whatever address is set there.
pub(super) const OTHER_PROVIDERS: &[&str] =
    &["asksage", "ask sage", "azure", "anthropic", "claude", "gemini", "google", "bedrock", "mistral", "compatible"];
const TEXT_ROLES: &[&str] = &["textbox", "searchbox"];

fn all_text(e: &ElementFact) -> String {
    normalise(&format!("{} | {} | {}", e.name, e.label, e.placeholder))
}

/// Candidate key fields, best first; empty when none is confident.
pub fn find_key_fields(page: &PageReport) -> Vec<KeyField> {
    let page_mentions_openai = page.headings.iter().any(|h| normalise(h).has("openai"))
        || page.elements.iter().any(|e| normalise(&e.section).has("openai"));
    let mut fields: Vec<KeyField> = page
        .elements
        .iter()
        .filter(|e| e.is_visible() && !e.disabled && !e.read_only && TEXT_ROLES.contains(&e.role.as_str()))
        .filter_map(|e| {
            let own = all_text(e);
            let section = normalise(&e.section);
            if OTHER_PROVIDERS.iter().any(|p| own.has(p) || section.has(p)) {
                return None;
            }
            let says_key = own.has("api key") || own.has("apikey") || own.has("secret key");
            if !says_key {
                return None;
            }
            let says_openai = own.has("openai") || section.has("openai");
            let confidence = match (says_openai, page_mentions_openai) {
                (true, _) => 2,
                (false, true) => 1,
                (false, false) => return None,
            };
            let purpose = if section.has("image") || own.has("image") {
                Purpose::ImageAi
            } else if section.has("chat") || own.has("chat") {
                Purpose::ChatAi
            } else {
                Purpose::Unspecified
            };
            Some(KeyField { id: e.id, purpose, confidence })
        })
        .collect();
    // Most confident first, then page order (element ids grow in page
    // order). A page has a handful of key fields: an insertion sort orders
    // them in a few lines of wasm where the library's sort takes 3 KB.
    let rank = |f: &KeyField| (std::cmp::Reverse(f.confidence), f.id);
    for i in 1..fields.len() {
        let mut j = i;
        while j > 0 && rank(&fields[j - 1]) > rank(&fields[j]) {
            fields.swap(j - 1, j);
            j -= 1;
        }
    }
    fields
}

/// The submit control of form `form`, for the admin to press after a fill:
/// never a button outside the form that was filled. A submit control named
/// like Save is preferred over others in the same form.
pub fn find_save_button(page: &PageReport, form: u32) -> Option<u32> {
    let names = ["save", "save changes", "save preferences", "apply", "update"];
    let mut submits =
        page.elements.iter().filter(|e| e.is_visible() && e.submit && !e.disabled && e.form == Some(form)).peekable();
    let first = submits.peek().map(|e| e.id);
    submits.find(|e| names.contains(&normalise(&e.name).as_str())).map(|e| e.id).or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page_report::Rect;

    fn field(id: u32, label: &str, section: &str) -> ElementFact {
        ElementFact {
            id,
            role: "textbox".into(),
            name: label.into(),
            label: label.into(),
            section: section.into(),
            rect: Rect { x: 0.0, y: 0.0, width: 100.0, height: 20.0 },
            ..Default::default()
        }
    }

    fn prefs(elements: Vec<ElementFact>) -> PageReport {
        PageReport {
            url: "https://cloud.innoslate.com/acme/admin/preferences".into(),
            headings: vec!["Organization Preferences".into()],
            elements,
            ..Default::default()
        }
    }

    #[test]
    fn finds_chat_and_image_fields_and_never_asksage() {
        let page = prefs(vec![
            field(0, "OpenAI API Key", "Chat AI"),
            field(1, "OpenAI API Key", "Image AI"),
            field(2, "AskSage API Key", "AskSage"),
            field(3, "API Key", "AskSage"),
            field(4, "Search", ""),
        ]);
        let found = find_key_fields(&page);
        assert_eq!(
            found.iter().map(|f| (f.id, f.purpose)).collect::<Vec<_>>(),
            vec![(0, Purpose::ChatAi), (1, Purpose::ImageAi)]
        );
    }

    #[test]
    fn an_openai_compatible_endpoints_key_is_never_a_candidate() {
        let page = prefs(vec![
            field(0, "Base URL", "Custom endpoint"),
            field(1, "OpenAI-compatible API key", "Chat AI"),
            field(2, "API Key", "OpenAI-compatible endpoint"),
            field(3, "API Key", "OpenAI"),
        ]);
        assert_eq!(find_key_fields(&page), vec![KeyField { id: 3, purpose: Purpose::Unspecified, confidence: 2 }]);
    }

    #[test]
    fn a_bare_api_key_field_needs_an_openai_context() {
        assert!(find_key_fields(&prefs(vec![field(0, "API Key", "Chat AI")])).is_empty());
        let page = prefs(vec![field(0, "API Key", "OpenAI"), field(1, "Organization name", "General")]);
        assert_eq!(find_key_fields(&page), vec![KeyField { id: 0, purpose: Purpose::Unspecified, confidence: 2 }]);
        let mut page = prefs(vec![field(0, "API Key", "Chat AI")]);
        page.headings.push("OpenAI".into());
        assert_eq!(find_key_fields(&page), vec![KeyField { id: 0, purpose: Purpose::ChatAi, confidence: 1 }]);
    }

    #[test]
    fn fields_naming_openai_come_first_then_page_order() {
        let mut page = prefs(vec![
            field(0, "API Key", "Chat AI"),
            field(1, "OpenAI API Key", "Image AI"),
            field(2, "Secret key", "General"),
            field(3, "OpenAI secret key", "General"),
            field(4, "API Key", "Image AI"),
        ]);
        page.headings.push("OpenAI".into());
        let order = |page: &PageReport| find_key_fields(page).iter().map(|f| (f.id, f.confidence)).collect::<Vec<_>>();
        assert_eq!(order(&page), vec![(1, 2), (3, 2), (0, 1), (2, 1), (4, 1)]);
        // Ids reflect page order, not the order of the report's list.
        page.elements.reverse();
        assert_eq!(order(&page), vec![(1, 2), (3, 2), (0, 1), (2, 1), (4, 1)]);
    }

    #[test]
    fn hidden_disabled_or_read_only_fields_are_skipped() {
        let mut hidden = field(0, "OpenAI API Key", "Chat AI");
        hidden.rect = Rect::default();
        let mut disabled = field(1, "OpenAI API Key", "Chat AI");
        disabled.disabled = true;
        let mut read_only = field(2, "OpenAI API Key", "Chat AI");
        read_only.read_only = true;
        assert!(find_key_fields(&prefs(vec![hidden, disabled, read_only])).is_empty());
    }

    #[test]
    fn the_save_button_is_the_submit_control_of_the_filled_form() {
        let button = |id: u32, name: &str, form: Option<u32>, submit: bool| ElementFact {
            id,
            role: "button".into(),
            name: name.into(),
            form,
            submit,
            rect: Rect { x: 0.0, y: 0.0, width: 5.0, height: 5.0 },
            ..Default::default()
        };
        let mut page = prefs(vec![field(0, "OpenAI API Key", "Chat AI")]);
        page.elements[0].form = Some(1);
        // A "Save" outside the form comes first on the page; it is never the one.
        page.elements.push(button(1, "Save", None, false));
        page.elements.push(button(2, "Save", Some(2), true));
        page.elements.push(button(3, "Cancel", Some(1), true));
        page.elements.push(button(4, "Save", Some(1), true));
        assert_eq!(find_save_button(&page, 1), Some(4));
        assert_eq!(find_save_button(&page, 2), Some(2));
        page.elements.retain(|e| e.id != 4);
        assert_eq!(find_save_button(&page, 1), Some(3), "the form's only submit control");
        assert_eq!(find_save_button(&page, 7), None);
    }
}
