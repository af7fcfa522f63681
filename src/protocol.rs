//! The one message protocol between content scripts, extension pages and the
//! background core. Version 1: JSON-like objects tagged by `kind`, every
//! request carrying `v`, every reply carrying `ok`. Unknown or malformed
//! messages get an error reply, never a crash.
//!
//! # Requests, and who may send them
//!
//! Each [`Request`] variant documents its fields. Who may send each kind is
//! decided in one place, [`crate::authorisation::TABLE`], before any
//! handler runs; ARCHITECTURE.md's message table lists it, with the
//! messages the core never sees, and `tests/core/message_table.rs` keeps the
//! two equal. Domain modules' refusals become [`ErrorCode`]s here (`From`
//! impls), at the protocol's edge. The tab a request concerns is the
//! sender's own tab as the browser reports it; only extension pages may
//! name another one (`tab_id`).
//!
//! # Replies
//!
//! `guide` (`overlay` or null), `status`, `done`, `key_check`, `captured`,
//! `released` (the only reply that carries the key), `vault`, and `error`
//! with a stable [`ErrorCode`] and a sentence for the admin.

use crate::guide::progress::GuideAction;
use crate::guide::{Advice, Locator};
use crate::key::KeyReport;
use crate::page_report::PageReport;
use crate::sender_check::SenderRefusal;
use crate::transfer::vault::{ReleaseRefusal, VaultInfo};
use crate::transfer::{ExposedKey, FillPlan, TransferRefusal};
use serde::{Deserialize, Deserializer, Serialize};
use zeroize::Zeroizing;

/// The protocol version every request must carry in `v`.
pub const PROTOCOL_VERSION: u32 = 1;

/// A message to the core. On the wire an object whose `kind` names the
/// variant; `js_value`'s reader presents that tag to serde as the variant, so the
/// derive below has no `tag` attribute (an internally tagged derive would
/// buffer every message, page reports included, before reading it).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// A content script describes the page it runs in. The core reads it
    /// by hand (`js_value::read_page_report_request`), so the wasm build
    /// leaves it out of the derive.
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    PageReport {
        /// Protocol version.
        v: u32,
        /// The page, as `page-facts.js` describes it (bounded, see [`crate::page_report`]).
        report: PageReport,
    },
    /// The admin pressed a guide button: in the callout (no `tab_id`: the
    /// sender's own tab) or in the popup (`tab_id` of the active tab).
    GuideAction {
        /// Protocol version.
        v: u32,
        /// What the admin asked for.
        action: GuideAction,
        /// The tab to act on; only extension pages may name one.
        tab_id: Option<i64>,
    },
    /// The popup asks where the guide is in a tab.
    GuideStatus {
        /// Protocol version.
        v: u32,
        /// The tab asked about.
        tab_id: Option<i64>,
    },
    /// The admin pressed "Send key to Innoslate" on OpenAI's key dialog
    /// (a trusted click); `confirm` after a warning about an unfamiliar shape.
    CaptureKey {
        /// Protocol version.
        v: u32,
        /// The text read from the key dialog.
        #[serde(deserialize_with = "secret_string")]
        key: Zeroizing<String>,
        /// The admin confirmed a key of unfamiliar shape.
        #[serde(default)]
        confirm: bool,
    },
    /// The popup sends a key the admin pasted into "Check a key" (and
    /// confirmed after a warning about an unfamiliar shape, `confirm`): it
    /// takes the same way as a captured key.
    SendKey {
        /// Protocol version.
        v: u32,
        /// The pasted text, read straight into a buffer zeroed on drop.
        #[serde(deserialize_with = "secret_string")]
        key: Zeroizing<String>,
        /// The admin confirmed an unfamiliar key shape.
        #[serde(default)]
        confirm: bool,
    },
    /// The Innoslate page that was offered a fill asks for the key, after
    /// the admin's trusted click on a Fill button or on the field they picked.
    ReleaseKey {
        /// Protocol version.
        v: u32,
        /// The offer's nonce, as the core sent it in `FillPlan::offer`.
        offer: String,
        /// Ids (from the page report the offer came with) of the fields to fill.
        #[serde(default)]
        fields: Vec<u32>,
    },
    /// The Innoslate page the key was released to filled `filled` fields.
    FillDone {
        /// Protocol version.
        v: u32,
        /// The nonce of the offer the key was released for.
        offer: String,
        /// How many fields were filled.
        filled: u32,
    },
    /// The popup asks about the key in transit.
    VaultStatus {
        /// Protocol version.
        v: u32,
    },
    /// The popup's "Clear now".
    ClearVault {
        /// Protocol version.
        v: u32,
    },
    /// The popup's "Send to Innoslate": open the destination again.
    OpenDestination {
        /// Protocol version.
        v: u32,
    },
    /// The popup's "Test with OpenAI" for the key in transit: the loader
    /// checks the held key with OpenAI (see [`crate::live_check`]) and the
    /// report comes with the next `vault_status`.
    LiveCheck {
        /// Protocol version.
        v: u32,
        /// Also make the billed credit request.
        #[serde(default)]
        credit: bool,
    },
    /// The admin pressed "Test with OpenAI" in the Innoslate callout (a
    /// trusted click): the loader checks the held key with OpenAI, as for
    /// the popup's button, without the billed credit request. Bound to the
    /// fill offer the callout shows, like `release_key`; the key stays in
    /// the background and only the report reaches the page, as advice.
    TestHeldKey {
        /// Protocol version.
        v: u32,
        /// The offer's nonce, as the core sent it in `Overlay::live_test`.
        offer: String,
    },
    /// The admin submitted a form on the destination (a trusted `submit`
    /// event): the key's record notes the Save when it is the form the key
    /// was filled into.
    FormSubmitted {
        /// Protocol version.
        v: u32,
        /// The form's id, as page reports give it.
        form: u32,
    },
}

/// The kind of a request, without its fields: what the authorisation table is keyed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// `page_report`
    PageReport,
    /// `guide_action`
    GuideAction,
    /// `guide_status`
    GuideStatus,
    /// `capture_key`
    CaptureKey,
    /// `send_key`
    SendKey,
    /// `release_key`
    ReleaseKey,
    /// `fill_done`
    FillDone,
    /// `vault_status`
    VaultStatus,
    /// `clear_vault`
    ClearVault,
    /// `open_destination`
    OpenDestination,
    /// `live_check`
    LiveCheck,
    /// `test_held_key`
    TestHeldKey,
    /// `form_submitted`.
    FormSubmitted,
}

/// Reads a string straight into a buffer that is zeroed when dropped.
fn secret_string<'de, D: Deserializer<'de>>(d: D) -> Result<Zeroizing<String>, D::Error> {
    String::deserialize(d).map(Zeroizing::new)
}

impl Request {
    /// The protocol version the sender speaks.
    pub fn version(&self) -> u32 {
        match self {
            Request::PageReport { v, .. }
            | Request::GuideAction { v, .. }
            | Request::GuideStatus { v, .. }
            | Request::CaptureKey { v, .. }
            | Request::SendKey { v, .. }
            | Request::ReleaseKey { v, .. }
            | Request::FillDone { v, .. }
            | Request::VaultStatus { v }
            | Request::ClearVault { v }
            | Request::OpenDestination { v }
            | Request::LiveCheck { v, .. }
            | Request::TestHeldKey { v, .. }
            | Request::FormSubmitted { v, .. } => *v,
        }
    }

    /// Which kind of request this is.
    pub fn kind(&self) -> RequestKind {
        match self {
            Request::PageReport { .. } => RequestKind::PageReport,
            Request::GuideAction { .. } => RequestKind::GuideAction,
            Request::GuideStatus { .. } => RequestKind::GuideStatus,
            Request::CaptureKey { .. } => RequestKind::CaptureKey,
            Request::SendKey { .. } => RequestKind::SendKey,
            Request::ReleaseKey { .. } => RequestKind::ReleaseKey,
            Request::FillDone { .. } => RequestKind::FillDone,
            Request::VaultStatus { .. } => RequestKind::VaultStatus,
            Request::ClearVault { .. } => RequestKind::ClearVault,
            Request::OpenDestination { .. } => RequestKind::OpenDestination,
            Request::LiveCheck { .. } => RequestKind::LiveCheck,
            Request::TestHeldKey { .. } => RequestKind::TestHeldKey,
            Request::FormSubmitted { .. } => RequestKind::FormSubmitted,
        }
    }

    /// Whether the request names a tab other than the sender's own.
    pub fn names_a_tab(&self) -> bool {
        matches!(self, Request::GuideAction { tab_id: Some(_), .. } | Request::GuideStatus { tab_id: Some(_), .. })
    }
}

/// Every error code a reply can carry. Stable: content scripts and extension
/// pages may branch on them. On the wire, the snake_case name (`not_allowed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// The sender is not this extension.
    ForeignSender,
    /// The sender is a frame, not a tab's top frame.
    NotTopFrame,
    /// The sender's URL is not one the extension serves, or contradicts its origin.
    UnknownSenderUrl,
    /// A page report from a site the content script does not serve, or about another page.
    WrongSite,
    /// The message could not be read (wrong shape, over the size limits).
    BadMessage,
    /// The message speaks another protocol version.
    BadVersion,
    /// This sender may not send this kind of message.
    NotAllowed,
    /// The configured Innoslate address is not usable.
    BadDestination,
    /// The key's time ran out.
    KeyExpired,
    /// No key is waiting.
    NoKeyPending,
    /// This page was never offered a fill.
    NoFillOffered,
    /// The offer this page names is not the current one for it (the page
    /// changed, or the offer was used).
    StaleOffer,
    /// The fields asked for are not the ones offered.
    FieldsNotOffered,
    /// The key is bound to another Innoslate address.
    WrongDestination,
    /// A fill reported by a page the key was not released to.
    NotReleasedHere,
}

impl ErrorCode {
    /// The code as it goes on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ForeignSender => "foreign_sender",
            ErrorCode::NotTopFrame => "not_top_frame",
            ErrorCode::UnknownSenderUrl => "unknown_sender_url",
            ErrorCode::WrongSite => "wrong_site",
            ErrorCode::BadMessage => "bad_message",
            ErrorCode::BadVersion => "bad_version",
            ErrorCode::NotAllowed => "not_allowed",
            ErrorCode::BadDestination => "bad_destination",
            ErrorCode::KeyExpired => "key_expired",
            ErrorCode::NoKeyPending => "no_key_pending",
            ErrorCode::NoFillOffered => "no_fill_offered",
            ErrorCode::StaleOffer => "stale_offer",
            ErrorCode::FieldsNotOffered => "fields_not_offered",
            ErrorCode::WrongDestination => "wrong_destination",
            ErrorCode::NotReleasedHere => "not_released_here",
        }
    }
}

// Domain modules say why in their own terms; the wire code is chosen here,
// at the protocol's edge, so no domain module depends on the protocol.
impl From<SenderRefusal> for ErrorCode {
    fn from(refusal: SenderRefusal) -> ErrorCode {
        match refusal {
            SenderRefusal::ForeignExtension => ErrorCode::ForeignSender,
            SenderRefusal::UnknownUrl => ErrorCode::UnknownSenderUrl,
            SenderRefusal::NotTopFrame => ErrorCode::NotTopFrame,
        }
    }
}

impl From<ReleaseRefusal> for ErrorCode {
    fn from(refusal: ReleaseRefusal) -> ErrorCode {
        match refusal {
            ReleaseRefusal::Empty => ErrorCode::NoKeyPending,
            ReleaseRefusal::Expired => ErrorCode::KeyExpired,
            ReleaseRefusal::WrongOrigin => ErrorCode::WrongDestination,
        }
    }
}

impl From<TransferRefusal> for ErrorCode {
    fn from(refusal: TransferRefusal) -> ErrorCode {
        match refusal {
            TransferRefusal::NoFillOffered => ErrorCode::NoFillOffered,
            TransferRefusal::StaleOffer => ErrorCode::StaleOffer,
            TransferRefusal::FieldsNotOffered => ErrorCode::FieldsNotOffered,
            TransferRefusal::NotReleasedHere => ErrorCode::NotReleasedHere,
            TransferRefusal::Vault(refusal) => refusal.into(),
        }
    }
}

// A plain string on the wire (a derive would write each variant its own way
// and cost more code in the wasm core).
impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// What the content script should show for the current page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlay {
    /// The guide's id.
    pub guide: &'static str,
    /// The step's id.
    pub step: &'static str,
    /// The step's number.
    pub number: u8,
    /// How many steps the guide has.
    pub total: u8,
    /// "Step 8 of 11".
    pub progress: Advice,
    /// The callout's title: a message id (extension/_locales/en/messages.json).
    pub title: &'static str,
    /// What to do now; a few steps say it with facts of the page (a
    /// control's cleaned name, a feature's name).
    pub instruction: Advice,
    /// Why the step matters: a message id.
    pub why: &'static str,
    /// Advice computed from the admin's choices.
    pub advice: Vec<Advice>,
    /// Element id from the page report to point at, if it was found.
    pub target: Option<u32>,
    /// Element ids of the other controls the instruction names, which the
    /// callout must not cover; only controls the core recognised.
    pub keep_clear: Vec<u32>,
    /// The page shows the step's screen: a missing target may still render,
    /// so it is worth waiting a moment for it.
    pub target_expected: bool,
    /// While the target is expected but not found: the step's ways to find
    /// it, best first, so the content script can point at the control in
    /// the same frame it appears, without waiting for the core's answer.
    #[serde(skip_serializing_if = "<[Locator]>::is_empty")]
    pub watch: &'static [Locator],
    /// Whether there is an earlier step to go back to.
    pub can_go_back: bool,
    /// On OpenAI's key dialog: offer a button that reads the key from element
    /// `from` on a trusted click.
    pub capture: Option<Capture>,
    /// On the Innoslate page: what the admin may fill, by their own click.
    pub fill: Option<FillPlan>,
    /// On the recognised preferences page, while the held key may be
    /// tested: the nonce of the fill offer that "Test with OpenAI" sends in
    /// `test_held_key`. Set even while a required test hides `fill`.
    pub live_test: Option<String>,
}

/// The capture button on OpenAI's "Save your key" dialog.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Capture {
    /// Element id of the field that holds the key.
    pub from: u32,
    /// The button's label: a message id.
    pub label: &'static str,
}

/// Where the guide is in a tab, for the popup.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuideState {
    /// Current step id.
    pub step: Option<&'static str>,
    /// Current step title: a message id.
    pub title: Option<&'static str>,
    /// Current step number (0 before the guide starts).
    pub number: u8,
    /// How many steps the guide has.
    pub total: u8,
    /// The furthest step reached.
    pub furthest: u8,
    /// How many steps are proven done.
    pub done: u8,
    /// The guide is paused in this tab.
    pub paused: bool,
    /// The guide is switched off.
    pub guide_off: bool,
}

/// The core's answer.
// One reply is made per message and written out at once: boxing the
// callout would only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// `overlay` is absent when the page is not part of any guide.
    Guide {
        /// Always true.
        ok: bool,
        /// What to show.
        overlay: Option<Overlay>,
        /// The admin paused the guide in this tab and it would show a
        /// callout on this page: the page offers the way back ("Show guide").
        paused: bool,
    },
    /// Where the guide is in a tab.
    Status {
        /// Always true.
        ok: bool,
        /// The core's version.
        version: &'static str,
        /// The guide's state.
        guide: GuideState,
    },
    /// The request was carried out.
    Done {
        /// Always true.
        ok: bool,
    },
    /// The captured text is not a usable key (`ok` false), or needs the
    /// admin's confirmation first (`needs_confirmation`).
    KeyCheck {
        /// False: nothing was kept.
        ok: bool,
        /// The admin may confirm an unfamiliar shape.
        needs_confirmation: bool,
        /// What is wrong or odd about it.
        report: KeyReport,
    },
    /// The key is held and on its way.
    Captured {
        /// Always true.
        ok: bool,
        /// What may be shown about it.
        vault: VaultInfo,
    },
    /// The only reply that carries the key: to the Innoslate page that may fill it.
    Released {
        /// Always true.
        ok: bool,
        /// The key.
        key: ExposedKey,
    },
    /// The key in transit, for the popup.
    Vault {
        /// Always true.
        ok: bool,
        /// The held key, masked; null when none.
        vault: Option<VaultInfo>,
        /// The Innoslate address keys go to.
        destination: String,
        /// The core's clock.
        now_ms: f64,
        /// What OpenAI said about the held key when it was last tested; null
        /// when it was not tested (or no key is held).
        live_report: Option<crate::live_check::LiveReport>,
        /// The platform or OpenAI's API showed the held key's organisation
        /// as a personal one.
        personal: bool,
    },
    /// The request was refused or failed.
    Error {
        /// Always false.
        ok: bool,
        /// Stable code.
        code: ErrorCode,
        /// What the admin should do next.
        message: &'static str,
    },
}

impl Reply {
    /// An error reply.
    pub fn error(code: ErrorCode, message: &'static str) -> Reply {
        Reply::Error { ok: false, code, message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_go_on_the_wire_as_snake_case_names() {
        let reply = Reply::error(ErrorCode::StaleOffer, "x");
        let json = serde_json::to_value(&reply).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "error", "ok": false, "code": "stale_offer", "message": "x"}));
        assert_eq!(ErrorCode::NotReleasedHere.as_str(), "not_released_here");
    }
}
