//! The one message protocol between content scripts, extension pages and the
//! background core. Version 1. JSON objects tagged by `kind`; every reply has
//! `ok`. Unknown or malformed messages get an error reply, never a crash.

use crate::guide::progress::GuideAction;
use crate::guide::Locator;
use crate::key::KeyReport;
use crate::page_report::PageReport;
use crate::transfer::vault::VaultInfo;
use crate::transfer::{ExposedKey, FillPlan};
use serde::{Deserialize, Deserializer, Serialize};
use zeroize::Zeroizing;

pub const PROTOCOL_VERSION: u32 = 1;

/// A message to the core. On the wire an object whose `kind` names the
/// variant; `js_value`'s reader presents that tag to serde as the variant, so the
/// derive below has no `tag` attribute (an internally tagged derive would
/// buffer every message, page reports included, before reading it).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// A content script describes the page it runs in.
    PageReport { v: u32, report: PageReport },
    /// The admin pressed a guide button: in the callout (no `tab_id`: the
    /// sender's own tab) or in the popup (`tab_id` of the active tab).
    GuideAction { v: u32, action: GuideAction, tab_id: Option<i64> },
    /// The popup asks where the guide is in a tab.
    GuideStatus { v: u32, tab_id: Option<i64> },
    /// The admin pressed "Send key to Innoslate" on OpenAI's key dialog
    /// (a trusted click); `confirm` after a warning about an unfamiliar shape.
    CaptureKey {
        v: u32,
        #[serde(deserialize_with = "secret_string")]
        key: Zeroizing<String>,
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
    /// The Innoslate page that was offered a fill asks for the key.
    ReleaseKey { v: u32 },
    /// The Innoslate page filled `filled` fields.
    FillDone { v: u32, filled: u32 },
    /// The popup asks about the key in transit.
    VaultStatus { v: u32 },
    /// The popup's "Clear now".
    ClearVault { v: u32 },
    /// The popup's "Send to Innoslate": open the destination again.
    OpenDestination { v: u32 },
}

/// Reads a string straight into a buffer that is zeroed when dropped.
fn secret_string<'de, D: Deserializer<'de>>(d: D) -> Result<Zeroizing<String>, D::Error> {
    String::deserialize(d).map(Zeroizing::new)
}

impl Request {
    pub fn version(&self) -> u32 {
        match self {
            Request::PageReport { v, .. }
            | Request::GuideAction { v, .. }
            | Request::GuideStatus { v, .. }
            | Request::CaptureKey { v, .. }
            | Request::SendKey { v, .. }
            | Request::ReleaseKey { v }
            | Request::FillDone { v, .. }
            | Request::VaultStatus { v }
            | Request::ClearVault { v }
            | Request::OpenDestination { v } => *v,
        }
    }
}

/// What the content script should show for the current page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlay {
    pub guide: &'static str,
    pub step: &'static str,
    pub number: u8,
    pub total: u8,
    /// "Step 8 of 11".
    pub progress: String,
    pub title: &'static str,
    pub instruction: &'static str,
    pub why: &'static str,
    pub advice: Vec<&'static str>,
    /// Element id from the page report to point at, if it was found.
    pub target: Option<u32>,
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
    /// On the Innoslate page: which fields to fill.
    pub fill: Option<FillPlan>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Capture {
    pub from: u32,
    pub label: &'static str,
}

/// Where the guide is in a tab, for the popup.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuideState {
    pub step: Option<&'static str>,
    pub title: Option<&'static str>,
    pub number: u8,
    pub total: u8,
    pub furthest: u8,
    /// How many steps are proven done.
    pub done: u8,
    pub paused: bool,
    pub guide_off: bool,
}

/// The core's answer.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// `overlay` is absent when the page is not part of any guide.
    Guide {
        ok: bool,
        overlay: Option<Overlay>,
    },
    Status {
        ok: bool,
        version: &'static str,
        guide: GuideState,
    },
    Done {
        ok: bool,
    },
    /// The captured text is not a usable key (`ok` false), or needs the
    /// admin's confirmation first (`needs_confirmation`).
    KeyCheck {
        ok: bool,
        needs_confirmation: bool,
        report: KeyReport,
    },
    Captured {
        ok: bool,
        vault: VaultInfo,
    },
    /// The only reply that carries the key: to the Innoslate page that may fill it.
    Released {
        ok: bool,
        key: ExposedKey,
    },
    Vault {
        ok: bool,
        vault: Option<VaultInfo>,
        destination: String,
        now_ms: f64,
    },
    Error {
        ok: bool,
        code: &'static str,
        message: &'static str,
    },
}

impl Reply {
    pub fn error(code: &'static str, message: &'static str) -> Reply {
        Reply::Error { ok: false, code, message }
    }
}
