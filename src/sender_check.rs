//! Who may talk to the core.
//!
//! Every runtime message arrives with facts about its sender that the browser
//! fills in (extension id, URL, frame). A message is accepted only when those
//! facts match the place such a message can legitimately come from: our own
//! extension pages, or our content script in the top frame of a page on one of
//! the sites that content script serves. Anything else is refused before the
//! message itself is looked at.

use crate::origin::Origin;
use serde::Deserialize;

/// Facts the browser reports about a message's sender (`runtime.MessageSender`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SenderFacts {
    /// `sender.id`: the extension the message came from.
    pub id: String,
    /// `sender.url`: the page or extension page that sent it.
    pub url: String,
    /// `sender.origin` where the browser provides it (Chromium).
    pub origin: Option<String>,
    /// `sender.frameId`; present only for senders inside a tab.
    pub frame_id: Option<i64>,
    /// Whether the sender lives in a tab (content scripts, or our pages opened in a tab).
    pub in_tab: bool,
    /// `sender.tab.id`: the tab the browser says the message came from.
    pub tab_id: Option<i64>,
    /// `sender.documentId` where the browser provides it (Chromium): changes
    /// whenever the frame loads a new document.
    pub document_id: Option<String>,
}

/// One page a content script runs in, as the browser attests it: the tab,
/// the document (where the browser says which) and the full URL, query and
/// fragment included. An in-page navigation changes the URL, a reload the
/// document, so an offer made to one page is never valid for the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageKey {
    /// `sender.tab.id`.
    pub tab: i64,
    /// `sender.documentId`, when the browser gives one.
    pub document: Option<String>,
    /// `sender.url`, whole.
    pub url: String,
}

impl SenderFacts {
    /// The page this sender runs in, when it runs in a tab.
    pub fn page(&self) -> Option<PageKey> {
        Some(PageKey { tab: self.tab_id?, document: self.document_id.clone(), url: self.url.clone() })
    }
}

/// What the background knows about itself.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OwnIdentity {
    /// Our extension id (`runtime.id`).
    pub id: String,
    /// Origin of our own pages, e.g. `chrome-extension://<id>`.
    pub origin: String,
}

/// Where a message came from, once it has been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sender {
    /// The popup, options page or another page of this extension.
    ExtensionPage,
    /// Our content script in the top frame of a page on `origin`.
    TopFrame {
        /// The page's origin.
        origin: Origin,
        /// The page itself: tab, document, full URL.
        page: PageKey,
    },
}

/// Why a sender was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SenderRefusal {
    /// Another extension, or no extension id at all.
    ForeignExtension,
    /// A URL that is not an origin we serve, or that contradicts `sender.origin`.
    UnknownUrl,
    /// A frame, or not in a tab.
    NotTopFrame,
}

/// Checks the sender facts against our identity.
pub fn identify(facts: &SenderFacts, own: &OwnIdentity) -> Result<Sender, SenderRefusal> {
    if own.id.is_empty() || facts.id != own.id {
        return Err(SenderRefusal::ForeignExtension);
    }
    let url_origin = Origin::parse(&facts.url).map_err(|_| SenderRefusal::UnknownUrl)?;
    // Chromium also reports the origin separately; it must agree with the URL
    // (it differs for sandboxed or opaque frames, which we never serve).
    if let Some(reported) = facts.origin.as_deref() {
        if reported != "null" && Origin::parse(reported).ok().as_ref() != Some(&url_origin) {
            return Err(SenderRefusal::UnknownUrl);
        }
    }
    let own_origin = Origin::parse(&own.origin).map_err(|_| SenderRefusal::UnknownUrl)?;
    if url_origin == own_origin {
        return Ok(Sender::ExtensionPage);
    }
    if matches!(url_origin.scheme(), "chrome-extension" | "moz-extension") {
        return Err(SenderRefusal::ForeignExtension);
    }
    let page = facts.page().filter(|_| facts.in_tab && facts.frame_id == Some(0)).ok_or(SenderRefusal::NotTopFrame)?;
    Ok(Sender::TopFrame { origin: url_origin, page })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own() -> OwnIdentity {
        OwnIdentity { id: "abcdefghijklmnop".into(), origin: "chrome-extension://abcdefghijklmnop".into() }
    }

    fn content(url: &str, frame: i64) -> SenderFacts {
        SenderFacts {
            id: own().id,
            url: url.into(),
            frame_id: Some(frame),
            in_tab: true,
            tab_id: Some(3),
            ..Default::default()
        }
    }

    #[test]
    fn accepts_own_pages_even_in_a_tab() {
        let popup = SenderFacts {
            id: own().id,
            url: "chrome-extension://abcdefghijklmnop/popup/popup.html".into(),
            ..Default::default()
        };
        assert_eq!(identify(&popup, &own()), Ok(Sender::ExtensionPage));
        let options_tab = SenderFacts { in_tab: true, frame_id: Some(0), ..popup };
        assert_eq!(identify(&options_tab, &own()), Ok(Sender::ExtensionPage));
    }

    #[test]
    fn accepts_top_frame_content_script() {
        let s = identify(&content("https://platform.openai.com/api-keys", 0), &own()).unwrap();
        let page = PageKey { tab: 3, document: None, url: "https://platform.openai.com/api-keys".into() };
        assert_eq!(s, Sender::TopFrame { origin: Origin::parse("https://platform.openai.com").unwrap(), page });
    }

    #[test]
    fn refuses_others() {
        let mut other_ext = content("https://platform.openai.com/", 0);
        other_ext.id = "zzzz".into();
        assert_eq!(identify(&other_ext, &own()), Err(SenderRefusal::ForeignExtension));
        assert_eq!(identify(&content("https://platform.openai.com/", 3), &own()), Err(SenderRefusal::NotTopFrame));
        assert_eq!(identify(&content("data:text/html,hi", 0), &own()), Err(SenderRefusal::UnknownUrl));
        assert_eq!(identify(&content("file:///etc/passwd", 0), &own()), Err(SenderRefusal::UnknownUrl));
        assert_eq!(
            identify(&content("chrome-extension://abcdefghijklmnop.evil.com/x", 0), &own()),
            Err(SenderRefusal::ForeignExtension)
        );
        let mut lying = content("https://platform.openai.com/", 0);
        lying.origin = Some("https://evil.example".into());
        assert_eq!(identify(&lying, &own()), Err(SenderRefusal::UnknownUrl));
        let not_in_tab = SenderFacts { in_tab: false, frame_id: None, ..content("https://platform.openai.com/", 0) };
        assert_eq!(identify(&not_in_tab, &own()), Err(SenderRefusal::NotTopFrame));
        let no_tab = SenderFacts { tab_id: None, ..content("https://platform.openai.com/", 0) };
        assert_eq!(identify(&no_tab, &own()), Err(SenderRefusal::NotTopFrame));
        let unset = OwnIdentity::default();
        assert_eq!(identify(&SenderFacts::default(), &unset), Err(SenderRefusal::ForeignExtension));
    }
}
