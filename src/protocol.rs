//! The one message protocol between content scripts, extension pages and the
//! background core. Version 1. JSON objects tagged by `kind`; every reply has
//! `ok`. Unknown or malformed messages get an error reply, never a crash.

use crate::guide::progress::GuideAction;
use crate::page_report::PageReport;
use serde::{Deserialize, Serialize};

pub const PROTOCOL_VERSION: u32 = 1;

/// A message to the core.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// A content script describes the page it runs in.
    PageReport { v: u32, report: PageReport },
    /// The admin pressed a guide button: in the callout (no `tab_id`: the
    /// sender's own tab) or in the popup (`tab_id` of the active tab).
    GuideAction { v: u32, action: GuideAction, tab_id: Option<i64> },
    /// The popup asks where the guide is in a tab.
    GuideStatus { v: u32, tab_id: Option<i64> },
}

impl Request {
    pub fn version(&self) -> u32 {
        match self {
            Request::PageReport { v, .. } | Request::GuideAction { v, .. } | Request::GuideStatus { v, .. } => *v,
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
    /// Whether there is an earlier step to go back to.
    pub can_go_back: bool,
}

/// Where the guide is in a tab, for the popup.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuideState {
    pub step: Option<&'static str>,
    pub title: Option<&'static str>,
    pub number: u8,
    pub total: u8,
    pub furthest: u8,
    pub paused: bool,
    pub guide_off: bool,
}

/// The core's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// `overlay` is absent when the page is not part of any guide.
    Guide { ok: bool, overlay: Option<Overlay> },
    Status { ok: bool, version: &'static str, guide: GuideState },
    Done { ok: bool },
    Error { ok: bool, code: &'static str, message: &'static str },
}

impl Reply {
    pub fn error(code: &'static str, message: &'static str) -> Reply {
        Reply::Error { ok: false, code, message }
    }
}
