//! Who may send which message: one table, checked in one place, before any
//! handler runs.
//!
//! `sender_check` has already established what the browser attests about the
//! sender (our extension, top frame of a tab on some origin, or one of our
//! own pages). This module turns that into the places a sender can be and
//! looks the request's kind up in [`TABLE`]. Nothing the message itself says
//! about where it comes from is taken into account, with one exception that
//! is itself in the table: only extension pages may name a tab other than
//! their own (`tab_id`).

use crate::guide::progress::GuideAction;
use crate::origin::Origin;
use crate::page_report::PageReport;
use crate::protocol::{ErrorCode, Request, RequestKind};
use crate::sender_check::{PageKey, Sender};
use zeroize::Zeroizing;

/// Where a sender can be, as far as the authorisation table cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The popup, options page or another page of this extension.
    ExtensionPage,
    /// A content script on a site the OpenAI guide runs on.
    GuideSite,
    /// A content script on the one site where a key may be captured.
    CaptureSite,
    /// A content script on exactly the configured Innoslate origin.
    Destination,
}

/// Sites whose pages the guide content script may report on.
pub const GUIDE_SITES: &[&str] = &["https://platform.openai.com", "https://auth.openai.com"];
/// Where "Save your key" lives, the only place a key may be captured.
pub const CAPTURE_SITE: &str = "https://platform.openai.com";

/// One row of the table: a request kind, who may send it, and what a refused
/// sender is told.
#[derive(Debug)]
pub struct Rule {
    /// The request kind.
    pub kind: RequestKind,
    /// The places it may come from; the first the sender is at names the
    /// caller (the destination before a guide site, should they coincide).
    pub from: &'static [Place],
    /// The code a sender elsewhere gets.
    pub refusal: ErrorCode,
    /// What a sender elsewhere is told.
    pub message: &'static str,
}

const OWN_PAGES_ONLY: &str = "core_error_own_pages_only";

/// The authorisation table. Every request kind has exactly one row.
pub const TABLE: &[Rule] = &[
    Rule {
        kind: RequestKind::PageReport,
        from: &[Place::Destination, Place::GuideSite],
        refusal: ErrorCode::WrongSite,
        message: "core_error_report_sites",
    },
    Rule {
        kind: RequestKind::GuideAction,
        from: &[Place::ExtensionPage, Place::Destination, Place::GuideSite],
        refusal: ErrorCode::NotAllowed,
        message: OWN_PAGES_ONLY,
    },
    Rule {
        kind: RequestKind::GuideStatus,
        from: &[Place::ExtensionPage],
        refusal: ErrorCode::NotAllowed,
        message: OWN_PAGES_ONLY,
    },
    Rule {
        kind: RequestKind::CaptureKey,
        from: &[Place::CaptureSite],
        refusal: ErrorCode::NotAllowed,
        message: "core_error_capture_site",
    },
    Rule {
        kind: RequestKind::SendKey,
        from: &[Place::ExtensionPage],
        refusal: ErrorCode::NotAllowed,
        message: "core_error_paste_own_pages",
    },
    Rule {
        kind: RequestKind::ReleaseKey,
        from: &[Place::Destination],
        refusal: ErrorCode::NotAllowed,
        message: "core_error_destination_only",
    },
    Rule {
        kind: RequestKind::FillDone,
        from: &[Place::Destination],
        refusal: ErrorCode::NotAllowed,
        message: "core_error_fill_destination",
    },
    Rule {
        kind: RequestKind::VaultStatus,
        from: &[Place::ExtensionPage],
        refusal: ErrorCode::NotAllowed,
        message: OWN_PAGES_ONLY,
    },
    Rule {
        kind: RequestKind::ClearVault,
        from: &[Place::ExtensionPage],
        refusal: ErrorCode::NotAllowed,
        message: OWN_PAGES_ONLY,
    },
    Rule {
        kind: RequestKind::OpenDestination,
        from: &[Place::ExtensionPage],
        refusal: ErrorCode::NotAllowed,
        message: OWN_PAGES_ONLY,
    },
    // The key is tested where it is held; a page, even the one it came
    // from, may not start requests made with it.
    Rule {
        kind: RequestKind::LiveCheck,
        from: &[Place::ExtensionPage],
        refusal: ErrorCode::NotAllowed,
        message: OWN_PAGES_ONLY,
    },
    // The callout's button: the page only asks, and only for the key it was
    // offered; the test runs in the background and the key stays there.
    Rule {
        kind: RequestKind::TestHeldKey,
        from: &[Place::Destination],
        refusal: ErrorCode::NotAllowed,
        message: "core_error_test_destination",
    },
    Rule {
        kind: RequestKind::FormSubmitted,
        from: &[Place::Destination],
        refusal: ErrorCode::WrongSite,
        message: "core_error_form_destination",
    },
];

/// A part of the extension, for the messages the browser carries between
/// parts without the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The background (service worker or script), without the core.
    Background,
    /// One of our own pages (popup, options), as `sender_check` tells it.
    ExtensionPage,
    /// Our content script in a tab, on any site it runs on.
    ContentScript,
    /// Any of our own contexts: the background or a page. Only these can
    /// reach a content script (`tabs.sendMessage`), which checks the
    /// sender's extension id.
    Extension,
}

/// A message the core never sees: who may send it and who answers.
#[derive(Debug)]
pub struct BrowserRule {
    /// The message's `kind`.
    pub kind: &'static str,
    /// The parts it is taken from.
    pub from: &'static [Part],
    /// The part that answers it.
    pub to: Part,
}

/// The rest of the one table: messages that carry nothing the core decides
/// on (the Fill buttons' code, the records the background keeps,
/// nudges to a content script). `extension/background/browser-messages.js` declares the same
/// rows for the background, which checks them; `tests/core/message_table.rs`
/// keeps the two, ARCHITECTURE.md's message table and the kinds the
/// scripts send in step.
pub const BROWSER_ONLY: &[BrowserRule] = &[
    BrowserRule { kind: "key_fill_script", from: &[Part::ContentScript], to: Part::Background },
    BrowserRule { kind: "key_record_delete", from: &[Part::ExtensionPage], to: Part::Background },
    BrowserRule { kind: "key_record_expiry", from: &[Part::ExtensionPage], to: Part::Background },
    BrowserRule { kind: "key_record_replace", from: &[Part::ExtensionPage], to: Part::Background },
    BrowserRule { kind: "key_record_dismiss_revoke", from: &[Part::ExtensionPage], to: Part::Background },
    BrowserRule { kind: "refresh", from: &[Part::Extension], to: Part::ContentScript },
    BrowserRule { kind: "focus_guide", from: &[Part::Extension], to: Part::ContentScript },
    BrowserRule { kind: "describe_page", from: &[Part::Extension], to: Part::ContentScript },
];

/// Only this module can make one, so only [`admit`] can make the caller
/// types below: a handler holding one holds proof of where its message came from.
#[derive(Debug, PartialEq, Eq)]
struct Proof;

/// Proof that the sender is one of this extension's own pages. Only
/// [`admit`] makes one.
#[derive(Debug, PartialEq, Eq)]
pub struct ExtensionPage {
    _proof: Proof,
}

/// Proof that the sender is the guide's content script on an OpenAI site.
#[derive(Debug, PartialEq, Eq)]
pub struct GuideSite {
    /// The page's origin.
    pub origin: Origin,
    /// The page: tab, document, full URL.
    pub page: PageKey,
    _proof: Proof,
}

/// Proof that the sender is on the one site a key may be taken from.
#[derive(Debug, PartialEq, Eq)]
pub struct CaptureSite {
    /// The page: tab, document, full URL.
    pub page: PageKey,
    _proof: Proof,
}

/// Proof that the sender is a content script on exactly the configured
/// Innoslate origin: what a release, a fill or a test of the key requires.
#[derive(Debug, PartialEq, Eq)]
pub struct Destination {
    /// The configured origin, which the page is on.
    pub origin: Origin,
    /// The page: tab, document, full URL.
    pub page: PageKey,
    _proof: Proof,
}

/// Who an admitted message came from: the first of its row's places the
/// sender is at.
#[derive(Debug, PartialEq, Eq)]
pub enum Caller {
    /// One of our own pages.
    ExtensionPage(ExtensionPage),
    /// A guide site.
    GuideSite(GuideSite),
    /// The capture site.
    CaptureSite(CaptureSite),
    /// The configured Innoslate.
    Destination(Destination),
}

/// A page a guide callout runs on: OpenAI's or Innoslate's.
#[derive(Debug, PartialEq, Eq)]
pub enum CalloutPage {
    /// A guide site.
    GuideSite(GuideSite),
    /// The configured Innoslate.
    Destination(Destination),
}

impl CalloutPage {
    /// The page's origin.
    pub fn origin(&self) -> &Origin {
        match self {
            CalloutPage::GuideSite(at) => &at.origin,
            CalloutPage::Destination(at) => &at.origin,
        }
    }
}

/// A message that passed the table, with the caller its handler requires.
/// One variant per request kind; [`admit`] is the only way to get one.
#[derive(Debug)]
pub enum Admitted {
    /// `page_report`.
    PageReport(CalloutPage, PageReport),
    /// `guide_action` from a callout (its own tab).
    GuideActionInPage(CalloutPage, GuideAction),
    /// `guide_action` from the popup (the tab it names or the active one).
    GuideActionFromPopup(ExtensionPage, GuideAction),
    /// `guide_status`.
    GuideStatus(ExtensionPage),
    /// `capture_key`: the key text and whether an odd shape was confirmed.
    CaptureKey(CaptureSite, Zeroizing<String>, bool),
    /// `send_key`: the pasted text and whether an odd shape was confirmed.
    SendKey(ExtensionPage, Zeroizing<String>, bool),
    /// `release_key`: the offer's nonce and the fields asked for.
    ReleaseKey(Destination, String, Vec<u32>),
    /// `fill_done`: the offer's nonce and how many fields were filled.
    FillDone(Destination, String, u32),
    /// `vault_status`.
    VaultStatus(ExtensionPage),
    /// `clear_vault`.
    ClearVault(ExtensionPage),
    /// `open_destination`.
    OpenDestination(ExtensionPage),
    /// `live_check`: whether to make the billed credit request too.
    LiveCheck(ExtensionPage, bool),
    /// `test_held_key`: the offer's nonce.
    TestHeldKey(Destination, String),
    /// `form_submitted`: the form's id.
    FormSubmitted(Destination, u32),
}

/// A refusal: the code and the sentence for the reply.
pub type Refused = (ErrorCode, &'static str);

/// The caller `sender` is at `place`, given the configured destination
/// (none when the configured address is unusable).
fn caller_at(sender: &Sender, place: Place, destination: Option<&Origin>) -> Option<Caller> {
    let Sender::TopFrame { origin, page } = sender else {
        return (place == Place::ExtensionPage).then_some(Caller::ExtensionPage(ExtensionPage { _proof: Proof }));
    };
    let (origin, page) = (origin.clone(), page.clone());
    match place {
        Place::ExtensionPage => None,
        Place::GuideSite => GUIDE_SITES
            .contains(&origin.to_string().as_str())
            .then_some(Caller::GuideSite(GuideSite { origin, page, _proof: Proof })),
        Place::CaptureSite => {
            (origin.to_string() == CAPTURE_SITE).then_some(Caller::CaptureSite(CaptureSite { page, _proof: Proof }))
        }
        Place::Destination => {
            (destination == Some(&origin)).then_some(Caller::Destination(Destination { origin, page, _proof: Proof }))
        }
    }
}

/// Checks `request` from `sender` against the table and, when the sender may
/// send it, hands it over with the caller its handler requires.
pub fn admit(request: Request, sender: &Sender, destination: Option<&Origin>) -> Result<Admitted, Refused> {
    let kind = request.kind();
    let Some(rule) = TABLE.iter().find(|r| r.kind == kind) else {
        return Err((ErrorCode::NotAllowed, OWN_PAGES_ONLY));
    };
    let refused = (rule.refusal, rule.message);
    let caller = rule.from.iter().find_map(|&place| caller_at(sender, place, destination)).ok_or(refused)?;
    // A content script acts on its own tab only, which the browser names.
    if request.names_a_tab() && *sender != Sender::ExtensionPage {
        return Err((ErrorCode::NotAllowed, "core_error_other_tab"));
    }
    // Each kind takes the caller its handler requires; a place the row
    // lists but the handler does not take is refused like any other (the
    // tests keep the rows and these arms in step).
    use Caller as C;
    Ok(match (request, caller) {
        (Request::PageReport { report, .. }, C::GuideSite(at)) => {
            Admitted::PageReport(CalloutPage::GuideSite(at), report)
        }
        (Request::PageReport { report, .. }, C::Destination(at)) => {
            Admitted::PageReport(CalloutPage::Destination(at), report)
        }
        (Request::GuideAction { action, .. }, C::ExtensionPage(at)) => Admitted::GuideActionFromPopup(at, action),
        (Request::GuideAction { action, .. }, C::GuideSite(at)) => {
            Admitted::GuideActionInPage(CalloutPage::GuideSite(at), action)
        }
        (Request::GuideAction { action, .. }, C::Destination(at)) => {
            Admitted::GuideActionInPage(CalloutPage::Destination(at), action)
        }
        (Request::GuideStatus { .. }, C::ExtensionPage(at)) => Admitted::GuideStatus(at),
        (Request::CaptureKey { key, confirm, .. }, C::CaptureSite(at)) => Admitted::CaptureKey(at, key, confirm),
        (Request::SendKey { key, confirm, .. }, C::ExtensionPage(at)) => Admitted::SendKey(at, key, confirm),
        (Request::ReleaseKey { offer, fields, .. }, C::Destination(at)) => Admitted::ReleaseKey(at, offer, fields),
        (Request::FillDone { offer, filled, .. }, C::Destination(at)) => Admitted::FillDone(at, offer, filled),
        (Request::VaultStatus { .. }, C::ExtensionPage(at)) => Admitted::VaultStatus(at),
        (Request::ClearVault { .. }, C::ExtensionPage(at)) => Admitted::ClearVault(at),
        (Request::OpenDestination { .. }, C::ExtensionPage(at)) => Admitted::OpenDestination(at),
        (Request::LiveCheck { credit, .. }, C::ExtensionPage(at)) => Admitted::LiveCheck(at, credit),
        (Request::TestHeldKey { offer, .. }, C::Destination(at)) => Admitted::TestHeldKey(at, offer),
        (Request::FormSubmitted { form, .. }, C::Destination(at)) => Admitted::FormSubmitted(at, form),
        _ => return Err(refused),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[RequestKind] = &[
        RequestKind::PageReport,
        RequestKind::GuideAction,
        RequestKind::GuideStatus,
        RequestKind::CaptureKey,
        RequestKind::ReleaseKey,
        RequestKind::FillDone,
        RequestKind::SendKey,
        RequestKind::VaultStatus,
        RequestKind::ClearVault,
        RequestKind::OpenDestination,
        RequestKind::LiveCheck,
        RequestKind::TestHeldKey,
        RequestKind::FormSubmitted,
    ];

    fn at(url: &str) -> Sender {
        Sender::TopFrame {
            origin: Origin::parse(url).unwrap(),
            page: PageKey { tab: 1, document: None, url: url.into() },
        }
    }

    fn request(kind: RequestKind) -> Request {
        match kind {
            RequestKind::PageReport => Request::PageReport { v: 1, report: Default::default() },
            RequestKind::GuideAction => Request::GuideAction { v: 1, action: GuideAction::Pause, tab_id: None },
            RequestKind::GuideStatus => Request::GuideStatus { v: 1, tab_id: None },
            RequestKind::CaptureKey => Request::CaptureKey { v: 1, key: Default::default(), confirm: false },
            RequestKind::SendKey => Request::SendKey { v: 1, key: Default::default(), confirm: false },
            RequestKind::ReleaseKey => Request::ReleaseKey { v: 1, offer: String::new(), fields: vec![] },
            RequestKind::FillDone => Request::FillDone { v: 1, offer: String::new(), filled: 0 },
            RequestKind::VaultStatus => Request::VaultStatus { v: 1 },
            RequestKind::ClearVault => Request::ClearVault { v: 1 },
            RequestKind::OpenDestination => Request::OpenDestination { v: 1 },
            RequestKind::LiveCheck => Request::LiveCheck { v: 1, credit: false },
            RequestKind::TestHeldKey => Request::TestHeldKey { v: 1, offer: String::new() },
            RequestKind::FormSubmitted => Request::FormSubmitted { v: 1, form: 1 },
        }
    }

    #[test]
    fn every_kind_has_exactly_one_row() {
        for kind in ALL {
            assert_eq!(TABLE.iter().filter(|r| r.kind == *kind).count(), 1, "{kind:?}");
        }
        assert_eq!(TABLE.len(), ALL.len());
    }

    /// The whole matrix: each kind from each kind of sender.
    #[test]
    fn the_table_says_who_may_send_what() {
        let dest = Origin::parse("https://cloud.innoslate.com").unwrap();
        let senders = [
            ("extension page", Sender::ExtensionPage),
            ("platform", at("https://platform.openai.com/api-keys")),
            ("auth", at("https://auth.openai.com/log-in")),
            ("innoslate", at("https://cloud.innoslate.com/acme/admin/preferences")),
            ("lookalike", at("https://cloud.innoslate.com.example.net/")),
            ("elsewhere", at("https://example.com/")),
        ];
        let allowed = |kind: RequestKind, who: &str| -> bool {
            use RequestKind::*;
            match kind {
                PageReport => ["platform", "auth", "innoslate"].contains(&who),
                GuideAction => ["extension page", "platform", "auth", "innoslate"].contains(&who),
                CaptureKey => who == "platform",
                ReleaseKey | FillDone | TestHeldKey | FormSubmitted => who == "innoslate",
                GuideStatus | SendKey | VaultStatus | ClearVault | OpenDestination | LiveCheck => {
                    who == "extension page"
                }
            }
        };
        for kind in ALL {
            for (who, sender) in &senders {
                let result = admit(request(*kind), sender, Some(&dest)).map(|_| ());
                assert_eq!(result.is_ok(), allowed(*kind, who), "{kind:?} from {who}: {result:?}");
            }
        }
    }

    #[test]
    fn without_a_usable_destination_nothing_goes_to_innoslate() {
        let innoslate = at("https://cloud.innoslate.com/acme/admin/preferences");
        for kind in [
            RequestKind::ReleaseKey,
            RequestKind::FillDone,
            RequestKind::TestHeldKey,
            RequestKind::FormSubmitted,
            RequestKind::PageReport,
        ] {
            assert!(admit(request(kind), &innoslate, None).is_err(), "{kind:?}");
        }
    }

    #[test]
    fn only_extension_pages_may_name_a_tab() {
        let named = || Request::GuideAction { v: 1, action: GuideAction::Restart, tab_id: Some(9) };
        let refused = admit(named(), &at("https://platform.openai.com/api-keys"), None);
        assert_eq!(refused.map(|_| ()).map_err(|e| e.0), Err(ErrorCode::NotAllowed));
        assert!(admit(named(), &Sender::ExtensionPage, None).is_ok());
        let status = Request::GuideStatus { v: 1, tab_id: Some(9) };
        assert!(admit(status, &at("https://platform.openai.com/"), None).is_err());
    }
}
