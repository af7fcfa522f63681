//! The core's front door: admits a message, then routes it to its handler.
//!
//! Order, for every message: the browser-attested sender facts are checked
//! (`sender_check`), the message is read (bounded, `page_report`), its
//! version checked, and then the one authorisation table
//! (`authorisation::admit`) says whether this sender may send this kind and
//! hands the message over with the caller its handler requires. Each kind
//! has its own handler, in the files beside this one; none works out its
//! caller again.
//!
//! Kept free of browser types so every rule here is tested natively; the wasm
//! binding only converts values in and out. State that must outlive the
//! service worker (guide progress per tab) comes in with each call and goes
//! back out when it changed; the background loader stores it. The key in
//! transit stays in the core's memory (`Transfer`); the loader only mirrors
//! it into session storage when told to (`Effect::PersistVault`).

use crate::authorisation::{admit, Admitted};
use crate::guide::progress::TabProgress;
use crate::key_record::replace::Replacing;
use crate::key_record::KeyRecord;
use crate::live_check::{Policy as LivePolicy, Probe};
use crate::origin::Origin;
use crate::protocol::{ErrorCode, Reply, Request, PROTOCOL_VERSION};
use crate::sender_check::{identify, OwnIdentity, SenderFacts};
use crate::transfer::Transfer;
use serde::{Deserialize, Serialize};

mod guide;
mod key;
mod live;
mod transfer;

pub use guide::PERSONAL_ORGANIZATION;

/// Where keys go unless the admin or a policy chose another Innoslate.
pub const DEFAULT_DESTINATION: &str = "https://cloud.innoslate.com";

/// Stored, non-secret state and the clock, passed in by the loader.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Context {
    /// Progress in the tab the request concerns.
    pub progress: TabProgress,
    /// The admin turned the guide off (popup switch).
    pub guide_off: bool,
    /// The Innoslate address from the options page or managed storage,
    /// already verified by the loader.
    pub destination: Option<String>,
    /// How long a captured key is kept, if the admin changed it.
    pub ttl_ms: Option<f64>,
    /// The clock.
    pub now_ms: f64,
    /// A fresh random nonce from the loader (`crypto.randomUUID()`), used if
    /// this message leads to a new fill offer. Without one, no fill is offered.
    pub offer_nonce: String,
    /// The organization's rule for the live key check.
    pub live_check: LivePolicy,
    /// The recorded key being replaced, while a replacement is under way
    /// (checked again here: see [`Replacing::checked`]).
    pub replacing: Option<Replacing>,
}

/// What the loader must do besides replying.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Effect {
    /// Mirror the held key into session storage (survives a service-worker restart).
    PersistVault,
    /// Remove the mirrored key.
    ClearVault,
    /// Open, or bring forward, a tab on the Innoslate origin.
    OpenDestination {
        /// The destination's root URL.
        url: String,
    },
    /// Check the held key with OpenAI: make these requests with it, then
    /// hand the answers to `recordLiveCheck`.
    LiveCheck {
        /// The requests, in order.
        probes: Vec<Probe>,
        /// Whether the billed credit request is among them.
        credit: bool,
    },
    /// Keep this record of a key sent to Innoslate in `storage.local`,
    /// replacing one with the same id.
    SaveKeyRecord {
        /// The record (never the key).
        record: Box<KeyRecord>,
    },
    /// OpenAI's keys table was seen without the replaced key: mark its
    /// record revoked, and the replacement done.
    KeyRevoked {
        /// The record's origin.
        origin: String,
        /// The record's id.
        id: String,
    },
}

/// The answer to one message.
#[derive(Debug)]
pub struct Answer {
    /// What to send back.
    pub reply: Reply,
    /// New progress for the tab, when it changed.
    pub progress: Option<TabProgress>,
    /// What the loader must do.
    pub effects: Vec<Effect>,
}

fn refuse(code: ErrorCode, message: &'static str) -> Answer {
    Answer { reply: Reply::error(code, message), progress: None, effects: Vec::new() }
}

/// The configured destination, or why it is unusable.
pub fn destination(ctx: &Context) -> Result<Origin, &'static str> {
    Origin::parse_destination(ctx.destination.as_deref().unwrap_or(DEFAULT_DESTINATION)).map_err(|e| e.message())
}

/// Answers one message. `request` is `Err` when the message could not be read.
pub fn handle(
    request: Result<Request, ()>,
    facts: &SenderFacts,
    own: &OwnIdentity,
    ctx: Context,
    transfer: &mut Transfer,
) -> Answer {
    // Expiry is checked on every message, refused ones included, so the
    // mirrored copy goes as soon as anything happens after the deadline.
    let expired = transfer.vault.expire(ctx.now_ms);
    let mut answer = admit_and_route(request, facts, own, ctx, transfer);
    // By variant: a derived comparison of effects (records, probes) would
    // ship in the core only for this.
    if expired && !answer.effects.iter().any(|e| matches!(e, Effect::ClearVault)) {
        answer.effects.insert(0, Effect::ClearVault);
    }
    answer
}

/// What every handler works with: the stored state that comes in with the
/// message, and what it asks the loader to do.
struct Turn<'a> {
    transfer: &'a mut Transfer,
    progress: TabProgress,
    effects: Vec<Effect>,
    destination: Result<Origin, &'static str>,
    guide_off: bool,
    ttl_ms: Option<f64>,
    now: f64,
    offer_nonce: String,
    policy: LivePolicy,
    /// With a required test, nothing is filled until a test of the held key passed.
    test_missing: bool,
    /// The replacement under way for the configured destination, checked.
    replacing: Option<Replacing>,
}

fn admit_and_route(
    request: Result<Request, ()>,
    facts: &SenderFacts,
    own: &OwnIdentity,
    ctx: Context,
    transfer: &mut Transfer,
) -> Answer {
    let sender = match identify(facts, own) {
        Ok(s) => s,
        Err(refusal) => return refuse(refusal.into(), "core_error_not_ours"),
    };
    let Ok(request) = request else {
        return refuse(ErrorCode::BadMessage, "core_error_bad_message");
    };
    if request.version() != PROTOCOL_VERSION {
        return refuse(ErrorCode::BadVersion, "core_error_out_of_date");
    }
    let dest = destination(&ctx);
    let admitted = match admit(request, &sender, dest.as_ref().ok()) {
        Ok(admitted) => admitted,
        Err((code, message)) => return refuse(code, message),
    };
    let Context { progress, guide_off, ttl_ms, now_ms, offer_nonce, live_check: policy, replacing, .. } = ctx;
    // Only a replacement of the configured Innoslate's key counts.
    let here = dest.as_ref().map(|d| d.to_string()).unwrap_or_default();
    let replacing = replacing.and_then(Replacing::checked).filter(|r| r.origin == here);
    let test_missing = policy == LivePolicy::Required && !transfer.live_report().is_some_and(|r| r.works());
    let before = progress.clone();
    let mut turn = Turn {
        transfer,
        progress,
        effects: Vec::new(),
        destination: dest,
        guide_off,
        ttl_ms,
        now: now_ms,
        offer_nonce,
        policy,
        test_missing,
        replacing,
    };
    let reply = route(admitted, &mut turn);
    let changed = turn.progress != before;
    Answer { reply, progress: changed.then_some(turn.progress), effects: turn.effects }
}

/// Each admitted kind to its handler.
fn route(admitted: Admitted, turn: &mut Turn) -> Reply {
    match admitted {
        Admitted::PageReport(at, report) => guide::page_report(turn, at, report),
        Admitted::GuideActionInPage(at, action) => guide::guide_action_in_page(turn, &at, action),
        Admitted::GuideActionFromPopup(_, action) => guide::guide_action_from_popup(turn, action),
        Admitted::GuideStatus(_) => guide::guide_status(turn),
        Admitted::CaptureKey(_, text, confirm) => key::capture_key(turn, &text, confirm),
        Admitted::SendKey(_, text, confirm) => key::send_key(turn, &text, confirm),
        Admitted::ReleaseKey(at, offer, fields) => transfer::release_key(turn, &at, &offer, &fields),
        Admitted::FillDone(at, offer, filled) => transfer::fill_done(turn, &at, &offer, filled),
        Admitted::FormSubmitted(at, form) => transfer::form_submitted(turn, &at, form),
        Admitted::VaultStatus(_) => transfer::vault_status(turn),
        Admitted::ClearVault(_) => transfer::clear_vault(turn),
        Admitted::OpenDestination(_) => transfer::open_destination(turn),
        Admitted::LiveCheck(_, credit) => live::live_check(turn, credit),
        Admitted::TestHeldKey(at, offer) => live::test_held_key(turn, &at, &offer),
    }
}

#[cfg(test)]
mod tests;
