//! What a content script tells the core about the page it runs in.
//!
//! The content scripts are generic: they do not know any guide. They describe
//! the visible page in these terms (roles, accessible names, labels, state,
//! boxes) and the core decides what it means. Field values are never reported,
//! only whether a field has one, so a secret shown on a page never travels here.
//!
//! A report is bounded: at most [`MAX_ELEMENTS`] elements, [`MAX_HEADINGS`]
//! headings and [`MAX_DIALOGS`] dialogs, texts of at most [`MAX_TEXT`]
//! characters and a URL of at most [`MAX_URL`]. `page-facts.js` keeps to
//! these limits; a report over any of them is refused while it is read
//! (reading stops at the first excess), so no page can make the extension
//! carry or hold an unbounded description of itself.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::marker::PhantomData;

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

/// A compact description of the page, sent at most once per animation frame.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageReport {
    /// The page's URL (credential-like query values blanked, no fragment).
    #[serde(deserialize_with = "url")]
    pub url: String,
    /// The document's title.
    #[serde(deserialize_with = "text")]
    pub title: String,
    /// Open dialogs, outermost first.
    #[serde(deserialize_with = "dialogs")]
    pub dialogs: Vec<DialogFact>,
    /// Visible headings, in document order.
    #[serde(deserialize_with = "headings")]
    pub headings: Vec<String>,
    /// Visible interactive elements, in document order.
    #[serde(deserialize_with = "elements")]
    pub elements: Vec<ElementFact>,
}

/// One open dialog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DialogFact {
    /// Accessible name (aria-labelledby, aria-label, or its first heading).
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// Whether it is modal.
    pub modal: bool,
}

/// One visible interactive element. `id` is the content script's handle for
/// it in this report; the core answers with that handle, never a selector.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ElementFact {
    /// The content script's handle for the element in this report.
    pub id: u32,
    /// ARIA role, explicit or implicit ("button", "link", "textbox", ...).
    #[serde(deserialize_with = "text")]
    pub role: String,
    /// Accessible name.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// Text of an associated `<label>`, when different from the name.
    #[serde(deserialize_with = "text")]
    pub label: String,
    /// The `placeholder` attribute.
    #[serde(deserialize_with = "text")]
    pub placeholder: String,
    /// Heading or legend of the nearest enclosing section, group or nav.
    #[serde(deserialize_with = "text")]
    pub section: String,
    /// `data-testid`, a last-resort handle.
    #[serde(deserialize_with = "text")]
    pub test_id: String,
    /// Index into `PageReport::dialogs` of the dialog containing it.
    pub dialog: Option<u32>,
    /// The form the element belongs to: a number the content script gives
    /// each form the first time it sees it, the same for the document's life.
    pub form: Option<u32>,
    /// The element submits its form (a submit button).
    pub submit: bool,
    /// Checked state (checkboxes, radios, `aria-checked`, `aria-pressed`).
    pub checked: Option<bool>,
    /// `aria-selected`.
    pub selected: Option<bool>,
    /// Disabled natively or by `aria-disabled`.
    pub disabled: bool,
    /// Whether the field has a value (never the value itself).
    pub has_value: bool,
    /// Read-only natively or by `aria-readonly`.
    pub read_only: bool,
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
        let after_scheme = self.url.split_once("://").map_or("", |(_, rest)| rest);
        let path_start = after_scheme.find('/').map_or(after_scheme.len(), |i| i);
        let path_and_more = &after_scheme[path_start..];
        let end = path_and_more.find(['?', '#']).unwrap_or(path_and_more.len());
        match &path_and_more[..end] {
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

/// Reads a string of at most `max` characters; a longer one fails the read.
fn bounded_string<'de, D: Deserializer<'de>>(d: D, max: usize) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    // Bytes bound characters from above: most strings pass without counting.
    if s.len() > max && s.chars().count() > max {
        return Err(de::Error::custom("text over the report limit"));
    }
    Ok(s)
}

fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    bounded_string(d, MAX_TEXT)
}

fn url<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    bounded_string(d, MAX_URL)
}

/// A list read item by item, refused at the first item over `max`.
struct Bounded<T> {
    max: usize,
    item: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Bounded<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {} items", self.max)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(self.max));
        while let Some(item) = seq.next_element()? {
            if out.len() == self.max {
                return Err(de::Error::invalid_length(self.max + 1, &self));
            }
            out.push(item);
        }
        Ok(out)
    }
}

fn bounded_list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D, max: usize) -> Result<Vec<T>, D::Error> {
    d.deserialize_seq(Bounded { max, item: PhantomData })
}

fn dialogs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<DialogFact>, D::Error> {
    bounded_list(d, MAX_DIALOGS)
}

fn elements<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ElementFact>, D::Error> {
    bounded_list(d, MAX_ELEMENTS)
}

/// A heading is a bounded text; the wrapper lets the list reader check each.
struct Heading(String);

impl<'de> Deserialize<'de> for Heading {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Heading, D::Error> {
        text(d).map(Heading)
    }
}

fn headings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    bounded_list::<D, Heading>(d, MAX_HEADINGS).map(|list| list.into_iter().map(|h| h.0).collect())
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
        // Characters, not bytes: 120 non-ASCII letters are within the limit.
        let wide = serde_json::json!({"title": "\u{e9}".repeat(MAX_TEXT)});
        assert!(serde_json::from_value::<PageReport>(wide).is_ok());
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
        ] {
            assert!(serde_json::from_value::<PageReport>(value).is_err(), "{what}");
        }
    }
}
