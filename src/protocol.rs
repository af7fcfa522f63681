//! The one message protocol between content scripts, extension pages and the
//! background core. Version 1. JSON objects tagged by `kind`; every reply has
//! `ok`. Unknown or malformed messages get an error reply, never a crash.

use crate::page_report::PageReport;
use serde::{Deserialize, Serialize};

pub const PROTOCOL_VERSION: u32 = 1;

/// A message to the core.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// A content script describes the page it runs in.
    PageReport { v: u32, report: PageReport },
    /// An extension page asks what the core knows of a tab.
    GuideStatus { v: u32 },
}

impl Request {
    pub fn version(&self) -> u32 {
        match self {
            Request::PageReport { v, .. } | Request::GuideStatus { v } => *v,
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
}

/// The core's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// `overlay` is absent when the page is not part of any guide.
    Guide { ok: bool, overlay: Option<Overlay> },
    Status { ok: bool, version: &'static str, guide_steps: u8 },
    Error { ok: bool, code: &'static str, message: &'static str },
}

impl Reply {
    pub fn error(code: &'static str, message: &'static str) -> Reply {
        Reply::Error { ok: false, code, message }
    }
}
