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

use crate::origin::Origin;
use crate::protocol::{ErrorCode, Request, RequestKind};
use crate::sender_check::Sender;

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
    /// The places it may come from.
    pub from: &'static [Place],
    /// The code a sender elsewhere gets.
    pub refusal: ErrorCode,
    /// What a sender elsewhere is told.
    pub message: &'static str,
}

const OWN_PAGES_ONLY: &str = "Only the extension's own pages may ask for this.";

/// The authorisation table. Every request kind has exactly one row.
pub const TABLE: &[Rule] = &[
    Rule {
        kind: RequestKind::PageReport,
        from: &[Place::GuideSite, Place::Destination],
        refusal: ErrorCode::WrongSite,
        message: "Page reports are only accepted from the OpenAI platform and your Innoslate.",
    },
    Rule {
        kind: RequestKind::GuideAction,
        from: &[Place::GuideSite, Place::Destination, Place::ExtensionPage],
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
        message: "A key can only be taken from OpenAI's \u{201c}Save your key\u{201d} dialog.",
    },
    Rule {
        kind: RequestKind::SendKey,
        from: &[Place::ExtensionPage],
        refusal: ErrorCode::NotAllowed,
        message: "Only the extension's own pages may send a pasted key.",
    },
    Rule {
        kind: RequestKind::ReleaseKey,
        from: &[Place::Destination],
        refusal: ErrorCode::NotAllowed,
        message: "The key only goes to the Innoslate address set in the options.",
    },
    Rule {
        kind: RequestKind::FillDone,
        from: &[Place::Destination],
        refusal: ErrorCode::NotAllowed,
        message: "Only the Innoslate page may report a fill.",
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
        message: "Only the Innoslate page that was offered the key may ask to test it.",
    },
    Rule {
        kind: RequestKind::FormSubmitted,
        from: &[Place::Destination],
        refusal: ErrorCode::WrongSite,
        message: "Only your Innoslate's pages may report a saved form.",
    },
];

/// Whether `sender` is at `place`, given the configured destination (none
/// when the configured address is unusable).
pub fn is_at(sender: &Sender, place: Place, destination: Option<&Origin>) -> bool {
    match (sender, place) {
        (Sender::ExtensionPage, Place::ExtensionPage) => true,
        (Sender::TopFrame { origin, .. }, Place::GuideSite) => GUIDE_SITES.contains(&origin.to_string().as_str()),
        (Sender::TopFrame { origin, .. }, Place::CaptureSite) => origin.to_string() == CAPTURE_SITE,
        (Sender::TopFrame { origin, .. }, Place::Destination) => destination == Some(origin),
        _ => false,
    }
}

/// Checks `request` from `sender` against the table. On refusal, the code and
/// the sentence for the reply.
pub fn authorise(
    request: &Request,
    sender: &Sender,
    destination: Option<&Origin>,
) -> Result<(), (ErrorCode, &'static str)> {
    let kind = request.kind();
    let Some(rule) = TABLE.iter().find(|r| r.kind == kind) else {
        return Err((ErrorCode::NotAllowed, OWN_PAGES_ONLY));
    };
    if !rule.from.iter().any(|&place| is_at(sender, place, destination)) {
        return Err((rule.refusal, rule.message));
    }
    // A content script acts on its own tab only, which the browser names.
    if request.names_a_tab() && *sender != Sender::ExtensionPage {
        return Err((ErrorCode::NotAllowed, "Only the extension's own pages may act on another tab."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::progress::GuideAction;
    use crate::sender_check::PageKey;

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
                let result = authorise(&request(*kind), sender, Some(&dest));
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
            assert!(authorise(&request(kind), &innoslate, None).is_err(), "{kind:?}");
        }
    }

    #[test]
    fn only_extension_pages_may_name_a_tab() {
        let named = Request::GuideAction { v: 1, action: GuideAction::Restart, tab_id: Some(9) };
        let refused = authorise(&named, &at("https://platform.openai.com/api-keys"), None);
        assert_eq!(refused.map_err(|e| e.0), Err(ErrorCode::NotAllowed));
        assert!(authorise(&named, &Sender::ExtensionPage, None).is_ok());
        let status = Request::GuideStatus { v: 1, tab_id: Some(9) };
        assert!(authorise(&status, &at("https://platform.openai.com/"), None).is_err());
    }
}
