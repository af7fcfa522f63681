//! What a content script tells the core about the page it runs in.
//!
//! The content scripts are generic: they do not know any guide. They describe
//! the visible page in these terms (roles, accessible names, labels, state,
//! boxes) and the core decides what it means. Field values are never reported,
//! only whether a field has one, so a secret shown on a page never travels here.
//! A list box's choice is reported by the names a person reads (a select's
//! options and the one chosen, a combobox's shown text), never typed text.
//!
//! A report is bounded: at most [`MAX_ELEMENTS`] elements, [`MAX_HEADINGS`]
//! headings and [`MAX_DIALOGS`] dialogs, texts of at most [`MAX_TEXT`]
//! characters and a URL of at most [`MAX_URL`]. `page-facts.js` keeps to
//! these limits, so no page can make the extension carry an unbounded
//! description of itself; the dispatcher checks them again right after
//! reading ([`PageReport::within_limits`]) and refuses a report over any.
//!
//! A text over its limit is cut between words, never inside one: the words
//! that do not fit are dropped whole, and the text ends in [`WITHHELD`] when
//! one of them may have been a token, or in an ellipsis otherwise. A key in
//! the text is reported as `sk-` followed by [`WITHHELD`].

use crate::substring::Substring;
use serde::{Deserialize, Serialize};

/// Most interactive elements a report may list.
pub const MAX_ELEMENTS: usize = 400;
/// Most headings a report may list.
pub const MAX_HEADINGS: usize = 40;
/// Most open dialogs a report may list.
pub const MAX_DIALOGS: usize = 20;
/// Longest text (name, label, heading...), in characters.
pub const MAX_TEXT: usize = 120;
/// Longest URL, in characters.
pub const MAX_URL: usize = 2048;
/// What stands in a reported text for words withheld as a possible secret.
pub const WITHHELD: &str = "[hidden]";
/// Most option names reported for one list box.
pub const MAX_OPTIONS: usize = 12;
/// Most cells reported for a control's table row.
pub const MAX_CELLS: usize = 12;

/// A compact description of the page, sent at most once per animation frame.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageReport {
    /// The page's URL (credential-like query values blanked, no fragment).
    pub url: String,
    /// The document's title.
    pub title: String,
    /// Open dialogs, outermost first.
    pub dialogs: Vec<DialogFact>,
    /// Visible headings, in document order.
    pub headings: Vec<String>,
    /// Visible interactive elements, in document order.
    pub elements: Vec<ElementFact>,
}

/// One open dialog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DialogFact {
    /// Accessible name (aria-labelledby, aria-label, or its first heading).
    pub name: String,
    /// Whether it is modal.
    pub modal: bool,
    /// Its accessible description (`aria-describedby`), cleaned like any text.
    pub description: String,
}

/// One visible interactive element. `id` is the content script's handle for
/// it in this report; the core answers with that handle, never a selector.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ElementFact {
    /// The content script's handle for the element in this report.
    pub id: u32,
    /// ARIA role, explicit or implicit ("button", "link", "textbox", ...).
    pub role: String,
    /// Accessible name.
    pub name: String,
    /// Text of an associated `<label>`, when different from the name.
    pub label: String,
    /// The `placeholder` attribute.
    pub placeholder: String,
    /// Heading or legend of the nearest enclosing section, group or nav.
    pub section: String,
    /// Inside a navigation landmark (`nav`, role navigation): a sidebar's
    /// link rather than one in the page's text.
    pub in_nav: bool,
    /// `data-testid`, a last-resort handle.
    pub test_id: String,
    /// Index into `PageReport::dialogs` of the dialog containing it.
    pub dialog: Option<u32>,
    /// The form the element belongs to: a number the content script gives
    /// each form the first time it sees it, the same for the document's life.
    pub form: Option<u32>,
    /// The element submits its form (a submit button).
    pub submit: bool,
    /// Checked state (checkboxes, radios, `aria-checked`, `aria-pressed`);
    /// `Some(false)` while `mixed`.
    pub checked: Option<bool>,
    /// Partly checked: a tri-state checkbox (`aria-checked="mixed"`, a
    /// native checkbox's `indeterminate`), as a group whose parts are set
    /// one by one shows itself.
    pub mixed: bool,
    /// `aria-selected`.
    pub selected: Option<bool>,
    /// Disabled natively or by `aria-disabled`.
    pub disabled: bool,
    /// Whether the field has a value (never the value itself).
    pub has_value: bool,
    /// Read-only natively or by `aria-readonly`.
    pub read_only: bool,
    /// The name of the choice a list box shows: a select's chosen option,
    /// or the text of a combobox nobody types into. Empty for anything else.
    pub value_text: String,
    /// A select's option names, in order (at most [`MAX_OPTIONS`]).
    pub options: Vec<String>,
    /// For a control inside a table row (`tr`, `role=row`): the texts of
    /// that row's cells, in order (at most [`MAX_CELLS`]), cleaned like any
    /// text, so that the core can tell which row a row's button acts on.
    pub row: Vec<String>,
    /// Where it is in the viewport.
    pub rect: Rect,
}

/// A box in viewport coordinates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl ElementFact {
    /// Whether it has a box at all.
    pub fn is_visible(&self) -> bool {
        self.rect.width > 0.0 && self.rect.height > 0.0
    }
}

impl PageReport {
    /// Host of `url`, lower-cased, without port; empty when the URL is unusable.
    pub fn host(&self) -> String {
        crate::origin::Origin::parse(&self.url).map(|o| o.host().to_string()).unwrap_or_default()
    }

    /// Path of `url` (without query or fragment), "/" when absent.
    pub fn path(&self) -> &str {
        let after_scheme = self.url.split_on("://").map_or("", |(_, rest)| rest);
        let path_start = after_scheme.find('/').map_or(after_scheme.len(), |i| i);
        let path_and_more = after_scheme.after_byte(path_start);
        let end = path_and_more.bytes().position(|b| matches!(b, b'?' | b'#')).unwrap_or(path_and_more.len());
        match path_and_more.until_byte(end) {
            "" => "/",
            p => p,
        }
    }

    /// Value of query parameter `key`, if present.
    pub fn query_param(&self, key: &str) -> Option<&str> {
        let query = self.url.split_once('?')?.1;
        let query = query.split('#').next().unwrap_or("");
        query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k == key).then_some(v)
        })
    }
}

/// Whether `s` has at most `max` characters (bytes bound characters from
/// above, so most strings pass without counting).
fn short(s: &str, max: usize) -> bool {
    s.len() <= max || s.chars().count() <= max
}

impl PageReport {
    /// Whether every list and text is within its limit.
    pub fn within_limits(&self) -> bool {
        let text = |s: &String| short(s, MAX_TEXT);
        self.elements.len() <= MAX_ELEMENTS
            && self.headings.len() <= MAX_HEADINGS
            && self.dialogs.len() <= MAX_DIALOGS
            && short(&self.url, MAX_URL)
            && text(&self.title)
            && self.headings.iter().all(text)
            && self.dialogs.iter().all(|d| text(&d.name) && text(&d.description))
            && self.elements.iter().all(|e| {
                [&e.role, &e.name, &e.label, &e.placeholder, &e.section, &e.test_id, &e.value_text]
                    .into_iter()
                    .all(text)
                    && e.options.len() <= MAX_OPTIONS
                    && e.options.iter().all(text)
                    && e.row.len() <= MAX_CELLS
                    && e.row.iter().all(text)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(url: &str) -> PageReport {
        PageReport { url: url.into(), ..Default::default() }
    }

    #[test]
    fn splits_url_parts() {
        let r = at("https://Platform.OpenAI.com:443/welcome?step=try&x=1#top");
        assert_eq!(r.host(), "platform.openai.com");
        assert_eq!(r.path(), "/welcome");
        assert_eq!(r.query_param("step"), Some("try"));
        assert_eq!(r.query_param("x"), Some("1"));
        assert_eq!(r.query_param("nope"), None);
        assert_eq!(at("https://platform.openai.com").path(), "/");
        assert_eq!(at("https://platform.openai.com?step=a").path(), "/");
        assert_eq!(at("not a url").host(), "");
    }

    fn report_with(elements: usize, headings: usize, dialogs: usize, text_len: usize) -> serde_json::Value {
        let element = serde_json::json!({"id": 0, "role": "button", "name": "x".repeat(text_len)});
        serde_json::json!({
            "url": "https://cloud.innoslate.com/",
            "headings": vec!["Heading"; headings],
            "dialogs": vec![serde_json::json!({"name": "D"}); dialogs],
            "elements": vec![element; elements],
        })
    }

    #[test]
    fn reports_within_the_limits_are_read() {
        let report: PageReport =
            serde_json::from_value(report_with(MAX_ELEMENTS, MAX_HEADINGS, MAX_DIALOGS, MAX_TEXT)).unwrap();
        assert_eq!(report.elements.len(), MAX_ELEMENTS);
        assert_eq!(report.elements[0].name.len(), MAX_TEXT);
        assert!(report.within_limits());
        // Characters, not bytes: 120 non-ASCII letters are within the limit.
        let wide = serde_json::json!({"title": "\u{e9}".repeat(MAX_TEXT)});
        assert!(serde_json::from_value::<PageReport>(wide).unwrap().within_limits());
    }

    #[test]
    fn reports_over_any_limit_are_refused() {
        for (what, value) in [
            ("elements", report_with(MAX_ELEMENTS + 1, 0, 0, 1)),
            ("50,000 elements", report_with(50_000, 0, 0, 1)),
            ("headings", report_with(1, MAX_HEADINGS + 1, 0, 1)),
            ("dialogs", report_with(1, 0, MAX_DIALOGS + 1, 1)),
            ("text", report_with(1, 0, 0, MAX_TEXT + 1)),
            ("a 1 MB label", report_with(1, 0, 0, 1 << 20)),
            ("url", serde_json::json!({"url": format!("https://cloud.innoslate.com/{}", "a".repeat(MAX_URL))})),
            ("heading text", serde_json::json!({"headings": ["h".repeat(MAX_TEXT + 1)]})),
            ("options", serde_json::json!({"elements": [{"options": vec!["o"; MAX_OPTIONS + 1]}]})),
            ("option text", serde_json::json!({"elements": [{"options": ["o".repeat(MAX_TEXT + 1)]}]})),
            ("choice text", serde_json::json!({"elements": [{"value_text": "v".repeat(MAX_TEXT + 1)}]})),
            ("cells", serde_json::json!({"elements": [{"row": vec!["c"; MAX_CELLS + 1]}]})),
            ("cell text", serde_json::json!({"elements": [{"row": ["c".repeat(MAX_TEXT + 1)]}]})),
            ("dialog description", serde_json::json!({"dialogs": [{"description": "d".repeat(MAX_TEXT + 1)}]})),
        ] {
            let refused = serde_json::from_value::<PageReport>(value).map_or(true, |r| !r.within_limits());
            assert!(refused, "{what}");
        }
    }
}
