//! What a content script tells the core about the page it runs in.
//!
//! The content scripts are generic: they do not know any guide. They describe
//! the visible page in these terms (roles, accessible names, labels, state,
//! boxes) and the core decides what it means. Field values are never reported,
//! only whether a field has one, so a secret shown on a page never travels here.

use serde::{Deserialize, Serialize};

/// A compact description of the page, sent at most once per animation frame.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageReport {
    pub url: String,
    pub title: String,
    /// Open dialogs, outermost first.
    pub dialogs: Vec<DialogFact>,
    /// Visible headings, in document order.
    pub headings: Vec<String>,
    /// Visible interactive elements, in document order.
    pub elements: Vec<ElementFact>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DialogFact {
    /// Accessible name (aria-labelledby, aria-label, or its first heading).
    pub name: String,
    pub modal: bool,
}

/// One visible interactive element. `id` is the content script's handle for
/// it in this report; the core answers with that handle, never a selector.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ElementFact {
    pub id: u32,
    /// ARIA role, explicit or implicit ("button", "link", "textbox", ...).
    pub role: String,
    /// Accessible name.
    pub name: String,
    /// Text of an associated `<label>`, when different from the name.
    pub label: String,
    pub placeholder: String,
    /// Heading or legend of the nearest enclosing section, group or nav.
    pub section: String,
    /// `data-testid`, a last-resort handle.
    pub test_id: String,
    /// Index into `PageReport::dialogs` of the dialog containing it.
    pub dialog: Option<u32>,
    pub checked: Option<bool>,
    pub selected: Option<bool>,
    pub disabled: bool,
    pub has_value: bool,
    pub read_only: bool,
    pub rect: Rect,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl ElementFact {
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
}
