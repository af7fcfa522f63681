//! The core's front door: checks who is asking, then answers the request.
//!
//! Order, for every message: the browser-attested sender facts are checked
//! (`sender_check`), the message is read (bounded, `page_report`), its
//! version checked, and then the one authorisation table
//! (`authorisation`) says whether this sender may send this kind. Only
//! then does a handler run.
//!
//! Kept free of browser types so every rule here is tested natively; the wasm
//! binding only converts values in and out. State that must outlive the
//! service worker (guide progress per tab) comes in with each call and goes
//! back out when it changed; the background loader stores it. The key in
//! transit stays in the core's memory (`Transfer`); the loader only mirrors
//! it into session storage when told to (`Effect::PersistVault`).

use crate::authorisation::{authorise, is_at, Place};
use crate::guide::openai::GUIDE;
use crate::guide::progress::{Decision, GuideAction, TabProgress};
use crate::guide::{Advice, Guide};
use crate::key::{accept_key, Verdict};
use crate::key_record::KeyRecord;
use crate::live_check::{self, Policy as LivePolicy, Probe};
use crate::origin::Origin;
use crate::page_report::PageReport;
use crate::protocol::{Capture, ErrorCode, GuideState, Overlay, Reply, Request, PROTOCOL_VERSION};
use crate::sender_check::{identify, OwnIdentity, Sender, SenderFacts};
use crate::transfer::vault::DEFAULT_TTL_MS;
use crate::transfer::{InnoslateDecision, Transfer, INNOSLATE_TOTAL};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

const CAPTURE_STEP: &str = "save-your-key";
/// Said before the fill when the key's organisation looks personal.
pub const PERSONAL_ORGANIZATION: &str = "This key belongs to a personal OpenAI organization, so its use is billed to that person's own account. For Innoslate, a key of your organization's shared account is usually the right one.";
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
}

/// The answer to one message.
#[derive(Debug)]
pub struct Outcome {
    /// What to send back.
    pub reply: Reply,
    /// New progress for the tab, when it changed.
    pub progress: Option<TabProgress>,
    /// What the loader must do.
    pub effects: Vec<Effect>,
}

fn reply(reply: Reply) -> Outcome {
    Outcome { reply, progress: None, effects: Vec::new() }
}

fn refuse(code: ErrorCode, message: &'static str) -> Outcome {
    reply(Reply::error(code, message))
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
) -> Outcome {
    // Expiry is checked on every message, refused ones included, so the
    // mirrored copy goes as soon as anything happens after the deadline.
    let expired = transfer.vault.expire(ctx.now_ms);
    let mut outcome = answer(request, facts, own, ctx, transfer);
    if expired && !outcome.effects.contains(&Effect::ClearVault) {
        outcome.effects.insert(0, Effect::ClearVault);
    }
    outcome
}

fn answer(
    request: Result<Request, ()>,
    facts: &SenderFacts,
    own: &OwnIdentity,
    ctx: Context,
    transfer: &mut Transfer,
) -> Outcome {
    let sender = match identify(facts, own) {
        Ok(s) => s,
        Err(refusal) => {
            return refuse(refusal.code(), "This message did not come from Innoslate Key Assistant itself.")
        }
    };
    let Ok(request) = request else {
        return refuse(ErrorCode::BadMessage, "The message could not be understood.");
    };
    if request.version() != PROTOCOL_VERSION {
        return refuse(ErrorCode::BadVersion, "Parts of the extension are out of date. Reload the extension.");
    }
    let now = ctx.now_ms;
    let dest = destination(&ctx);
    if let Err((code, message)) = authorise(&request, &sender, dest.as_ref().ok()) {
        return refuse(code, message);
    }
    // A content script on the destination: its origin and its page.
    let here = match (&sender, &dest) {
        (Sender::TopFrame { page, .. }, Ok(origin)) if is_at(&sender, Place::Destination, Some(origin)) => {
            Some((origin, page))
        }
        _ => None,
    };
    let Context { mut progress, guide_off, ttl_ms, offer_nonce, live_check: policy, .. } = ctx;
    // With a required test, nothing is filled until a test of the held key passed.
    let test_missing = policy == LivePolicy::Required && !transfer.live_report().is_some_and(|r| r.works());
    let before = progress.clone();
    let mut effects = Vec::new();

    let reply_value = match request {
        Request::PageReport { report, .. } => {
            if !report.within_limits() {
                return refuse(ErrorCode::BadMessage, "The page report was larger than the extension accepts.");
            }
            // The report must describe the sender's own page.
            let same_page = Origin::parse(&report.url)
                .ok()
                .is_some_and(|o| matches!(&sender, Sender::TopFrame { origin, .. } if *origin == o));
            if !same_page {
                return refuse(ErrorCode::WrongSite, "A page may only report on itself.");
            }
            let overlay = match here {
                Some((origin, page)) => {
                    // Advice about the test goes with a key that can be filled now.
                    let mut live: Vec<Advice> = match transfer.live_report() {
                        Some(report) => report.advice().into_iter().map(Advice::says).collect(),
                        None if policy == LivePolicy::Ask => vec![Advice::says(live_check::TEST_OFFER)],
                        None => Vec::new(),
                    };
                    if transfer.records.personal() {
                        live.insert(0, Advice::says(PERSONAL_ORGANIZATION));
                    }
                    transfer.decide(&report, page, origin, now, &offer_nonce).map(|d| {
                        let mut overlay = innoslate_overlay(d);
                        if let Some(fill) = &overlay.fill {
                            overlay.advice = live;
                            // The callout's "Test with OpenAI", on the recognised page only.
                            if policy != LivePolicy::Off && !fill.pick {
                                overlay.live_test = Some(fill.offer.clone());
                            }
                            if test_missing {
                                overlay.fill = None;
                                overlay.instruction = Cow::Borrowed(live_check::TEST_FIRST);
                            }
                        }
                        overlay
                    })
                }
                None if guide_off => {
                    transfer.records.observe(&report);
                    None
                }
                None => {
                    transfer.records.observe(&report);
                    // Paused, the page still proves steps done, and the
                    // guide is asked what it would show if it were not.
                    let decision = match progress.decide(&GUIDE, &report) {
                        None if progress.paused => {
                            TabProgress { paused: false, ..progress.clone() }.decide(&GUIDE, &report)
                        }
                        shown => shown,
                    };
                    decision.map(|d| openai_overlay(&GUIDE, d, &report))
                }
            };
            // Paused, the callout is withheld; whether there would be one
            // tells the page to offer "Show guide" (never on a page the
            // guide has nothing for).
            let paused = progress.paused && overlay.is_some();
            Reply::Guide { ok: true, overlay: overlay.filter(|_| !paused), paused }
        }
        Request::GuideAction { action, .. } => {
            // On Innoslate, pausing hides the callout of this tab as it does
            // on OpenAI (the reminder stays for "Show guide"); "I've done
            // this" closes the "press Save" reminder.
            match (here, action) {
                (Some(_), GuideAction::Done) => transfer.dismiss_reminder(),
                (Some(_), GuideAction::Pause | GuideAction::Resume) | (None, _) => progress.apply(&GUIDE, action),
                (Some(_), _) => {}
            }
            Reply::Done { ok: true }
        }
        Request::GuideStatus { .. } => {
            let step = progress.step.as_deref().and_then(|id| GUIDE.step(id));
            Reply::Status {
                ok: true,
                version: env!("CARGO_PKG_VERSION"),
                guide: GuideState {
                    step: step.map(|s| s.id),
                    title: step.map(|s| s.title),
                    number: step.map_or(0, |s| s.number),
                    total: GUIDE.total(),
                    furthest: progress.furthest,
                    done: progress.done.len().min(u8::MAX as usize) as u8,
                    paused: progress.paused,
                    guide_off,
                },
            }
        }
        Request::CaptureKey { key, confirm, .. } => {
            if progress.step.as_deref() != Some(CAPTURE_STEP) {
                return refuse(
                    ErrorCode::NotAllowed,
                    "A key can only be taken from OpenAI's \u{201c}Save your key\u{201d} dialog.",
                );
            }
            let destination = match dest {
                Ok(d) => d,
                Err(message) => return refuse(ErrorCode::BadDestination, message),
            };
            let held = hold_key(&key, confirm, (destination, true), ttl_ms, now, transfer, &mut effects);
            if matches!(held, Reply::Captured { .. }) {
                progress.mark_done(CAPTURE_STEP);
            }
            held
        }
        Request::SendKey { key, confirm, .. } => {
            // A key pasted into the popup; the table let only our own pages send this.
            let destination = match dest {
                Ok(d) => d,
                Err(message) => return refuse(ErrorCode::BadDestination, message),
            };
            hold_key(&key, confirm, (destination, false), ttl_ms, now, transfer, &mut effects)
        }
        Request::ReleaseKey { offer, fields, .. } => {
            // The table let only the destination send this.
            let Some((origin, page)) = here else { return refuse(ErrorCode::NotAllowed, "") };
            if test_missing {
                return refuse(ErrorCode::NotAllowed, live_check::TEST_FIRST);
            }
            match transfer.release(page, origin, &offer, &fields, now) {
                Ok(key) => Reply::Released { ok: true, key },
                Err(code @ (ErrorCode::StaleOffer | ErrorCode::FieldsNotOffered)) => Reply::error(
                    code,
                    "This page changed since the key was offered. Choose again.",
                ),
                Err(code) => Reply::error(
                    code,
                    "There is no key waiting for this page. Start again from OpenAI's \u{201c}Save your key\u{201d} dialog.",
                ),
            }
        }
        Request::FillDone { offer, filled, .. } => {
            let Some((origin, page)) = here else { return refuse(ErrorCode::NotAllowed, "") };
            // The fresh nonce names the record: it is random and names no offer.
            match transfer.filled(page, origin, &offer, filled, now, &offer_nonce) {
                Ok(record) => {
                    if let Some(record) = record {
                        effects.push(Effect::ClearVault);
                        effects.push(Effect::SaveKeyRecord { record: Box::new(record) });
                    }
                    Reply::Done { ok: true }
                }
                Err(code) => Reply::error(code, "Only the page that got the key may report the fill."),
            }
        }
        Request::VaultStatus { .. } => Reply::Vault {
            ok: true,
            vault: transfer.vault.info(now),
            destination: dest.map(|d| d.to_string()).unwrap_or_default(),
            now_ms: now,
            live_report: transfer.live_report().cloned(),
            personal: transfer.vault.destination().is_some() && transfer.records.personal(),
        },
        Request::LiveCheck { credit, .. } => {
            // The table let only our own pages ask; the key never leaves the
            // background: the loader takes it from the core for the requests.
            if policy == LivePolicy::Off {
                return refuse(ErrorCode::NotAllowed, "Your organization has turned the test with OpenAI off.");
            }
            if transfer.vault.info(now).is_none() {
                return refuse(ErrorCode::NoKeyPending, "No key is waiting to be tested.");
            }
            effects.push(Effect::LiveCheck { probes: live_check::plan(credit), credit });
            Reply::Done { ok: true }
        }
        Request::TestHeldKey { offer, .. } => {
            // The table let only the destination ask. The same check as the
            // popup's, never the billed credit request (its cost is stated in
            // the popup, before the admin agrees).
            let Some((_, page)) = here else { return refuse(ErrorCode::NotAllowed, "") };
            if policy == LivePolicy::Off {
                return refuse(ErrorCode::NotAllowed, "Your organization has turned the test with OpenAI off.");
            }
            if transfer.vault.info(now).is_none() {
                return refuse(ErrorCode::NoKeyPending, "No key is waiting to be tested.");
            }
            if let Err(code) = transfer.offered_for_test(page, &offer) {
                return refuse(code, "This page changed since the key was offered. Try again.");
            }
            effects.push(Effect::LiveCheck { probes: live_check::plan(false), credit: false });
            Reply::Done { ok: true }
        }
        Request::FormSubmitted { form, .. } => {
            // The table let only the destination send this; only the page
            // and form the key went into count.
            let Some((_, page)) = here else { return refuse(ErrorCode::NotAllowed, "") };
            if let Some(record) = transfer.records.submitted(page, form) {
                effects.push(Effect::SaveKeyRecord { record: Box::new(record) });
            }
            Reply::Done { ok: true }
        }
        Request::ClearVault { .. } => {
            transfer.records.drop_held();
            transfer.vault.clear();
            effects.push(Effect::ClearVault);
            Reply::Done { ok: true }
        }
        Request::OpenDestination { .. } => match transfer.vault.destination() {
            Some(d) => {
                effects.push(Effect::OpenDestination { url: format!("{d}/") });
                Reply::Done { ok: true }
            }
            None => {
                Reply::error(ErrorCode::NoKeyPending, "No key is waiting. Create one on OpenAI's API keys page first.")
            }
        },
    };
    let changed = progress != before;
    Outcome { reply: reply_value, progress: changed.then_some(progress), effects }
}

/// Checks a key (captured on OpenAI's dialog or pasted into the popup) and,
/// when it is usable, holds it for `destination` and asks the loader to
/// mirror it and open Innoslate. Both ways in share this, so a pasted key
/// gets exactly the vault, lifetime, destination and refusals a captured
/// one gets.
fn hold_key(
    key: &str,
    confirm: bool,
    (destination, captured): (Origin, bool),
    ttl_ms: Option<f64>,
    now: f64,
    transfer: &mut Transfer,
    effects: &mut Vec<Effect>,
) -> Reply {
    match accept_key(key) {
        Err(report) => Reply::KeyCheck { ok: false, needs_confirmation: false, report },
        Ok((report, _)) if report.verdict == Verdict::Suspicious && !confirm => {
            Reply::KeyCheck { ok: false, needs_confirmation: true, report }
        }
        Ok((_, secret)) => {
            let ttl = ttl_ms.filter(|t| t.is_finite() && *t > 0.0).unwrap_or(DEFAULT_TTL_MS);
            transfer.hold(secret, destination.clone(), now, ttl, captured);
            effects.push(Effect::PersistVault);
            effects.push(Effect::OpenDestination { url: format!("{destination}/") });
            match transfer.vault.info(now) {
                Some(vault) => Reply::Captured { ok: true, vault },
                None => Reply::error(
                    ErrorCode::KeyExpired,
                    "The key expired at once. Check the time-to-live in the options.",
                ),
            }
        }
    }
}

fn openai_overlay(guide: &Guide, d: Decision<'_>, report: &PageReport) -> Overlay {
    // Only on the step's own screen: elsewhere its controls are not there.
    let keep_clear = if d.on_screen { d.step.keep_clear(report, d.target) } else { Vec::new() };
    let capture = (d.step.id == CAPTURE_STEP)
        .then_some(d.target)
        .flatten()
        .map(|from| Capture { from, label: "Send key to Innoslate" });
    Overlay {
        guide: guide.id,
        step: d.step.id,
        number: d.step.number,
        total: guide.total(),
        progress: format!("Step {} of {}", d.step.number, guide.total()),
        title: d.step.title,
        instruction: Cow::Borrowed(d.instruction),
        why: d.step.why,
        advice: d.advice,
        target: d.target,
        keep_clear,
        // Several look-alikes: nothing is coming that would settle it.
        target_expected: d.on_screen && !d.ambiguous,
        // Not on the capture step: its button must be bound to the element
        // the core found, so there is nothing to show before the core answers.
        // Nor while a need is unmet: the choice it asks for is read from the
        // page's levels, which the spotter does not know, and its locators
        // (the submit button) must not stand in for it.
        watch: if d.on_screen
            && !d.ambiguous
            && d.target.is_none()
            && d.step.id != CAPTURE_STEP
            && d.step.needs.is_empty()
        {
            d.step.targets(report)
        } else {
            &[]
        },
        can_go_back: d.step.number > 1,
        capture,
        fill: None,
        live_test: None,
    }
}

fn innoslate_overlay(d: InnoslateDecision) -> Overlay {
    // The fields a Fill button would fill: the admin watches them change.
    let mut keep_clear: Vec<u32> = Vec::new();
    for id in d.fill.iter().flat_map(|f| &f.choices).flat_map(|c| c.fields.iter().copied()) {
        if Some(id) != d.target && !keep_clear.contains(&id) {
            keep_clear.push(id);
        }
    }
    Overlay {
        guide: crate::guide::innoslate::GUIDE.id,
        step: d.step.id,
        number: d.step.number,
        total: INNOSLATE_TOTAL,
        progress: format!("Innoslate step {} of {}", d.step.number, INNOSLATE_TOTAL),
        title: d.step.title,
        instruction: d.instruction.map_or(Cow::Borrowed(d.step.instruction), Cow::Owned),
        why: d.step.why,
        advice: Vec::new(),
        target: d.target,
        keep_clear,
        target_expected: d.target.is_some() || d.fill.is_none(),
        watch: if d.target.is_none() && d.fill.is_none() { d.step.target } else { &[] },
        can_go_back: false,
        capture: None,
        fill: d.fill,
        live_test: None,
    }
}

#[cfg(test)]
mod tests;
