//! The guide's messages: page reports, the callout's and the popup's
//! buttons, and the popup's status line.

use super::{Effect, Turn};
use crate::authorisation::CalloutPage;
use crate::guide::advice::Part;
use crate::guide::openai::GUIDE;
use crate::guide::progress::{Decision, GuideAction, TabProgress};
use crate::guide::{Advice, Guide, PlainName};
use crate::key_record::replace::{is_keys_page, revoke_step, RevokeStep};
use crate::live_check::{self, Policy as LivePolicy};
use crate::origin::Origin;
use crate::page_report::PageReport;
use crate::protocol::{Capture, ErrorCode, GuideState, Overlay, Reply};
use crate::transfer::{InnoslateDecision, INNOSLATE_TOTAL};

/// The step whose dialog shows the key.
pub(super) const CAPTURE_STEP: &str = "save-your-key";
/// Said before the fill when the key's organisation looks personal.
pub const PERSONAL_ORGANIZATION: &str = "core_personal_organization";

/// `page_report`: what the callout shows on the sender's own page.
pub(super) fn page_report(turn: &mut Turn, at: CalloutPage, report: PageReport) -> Reply {
    if !report.within_limits() {
        return Reply::error(ErrorCode::BadMessage, "core_error_report_too_large");
    }
    // The report must describe the sender's own page.
    if Origin::parse(&report.url).ok().as_ref() != Some(at.origin()) {
        return Reply::error(ErrorCode::WrongSite, "core_error_report_elsewhere");
    }
    let (now, policy, test_missing) = (turn.now, turn.policy, turn.test_missing);
    let transfer = &mut *turn.transfer;
    let progress = &mut turn.progress;
    let overlay = match &at {
        CalloutPage::Destination(here) => {
            // Advice about the test goes with a key that can be filled now.
            let mut live: Vec<Advice> = match transfer.live_report() {
                Some(report) => report.advice().into_iter().map(Advice::ours).collect(),
                None if policy == LivePolicy::Ask => vec![Advice::ours(live_check::TEST_OFFER)],
                None => Vec::new(),
            };
            if transfer.records.personal() {
                live.insert(0, Advice::ours(PERSONAL_ORGANIZATION));
            }
            transfer.innoslate_callout(&report, &here.page, &here.origin, now, &turn.offer_nonce).map(|d| {
                let mut overlay = innoslate_overlay(d);
                if let Some(fill) = &overlay.fill {
                    overlay.advice = live;
                    // The callout's "Test with OpenAI", on the recognised page only.
                    if policy != LivePolicy::Off && !fill.pick {
                        overlay.live_test = Some(fill.offer.clone());
                    }
                    if test_missing {
                        overlay.fill = None;
                        overlay.instruction = Advice::ours(live_check::TEST_FIRST);
                    }
                }
                overlay
            })
        }
        CalloutPage::GuideSite(_) => {
            if let Some(record) = transfer.records.observe(&report) {
                turn.effects.push(Effect::SaveKeyRecord { record: Box::new(record) });
            }
            let replacing = turn.replacing.as_ref();
            match replacing.filter(|r| r.revoke && is_keys_page(&report)) {
                // Seen even with the guide off: the old key's row is gone.
                Some(old) => {
                    let step = revoke_step(&report, old);
                    if transfer.records.old_row(&old.id, step.listed, step.gone) {
                        turn.effects.push(Effect::KeyRevoked { origin: old.origin.clone(), id: old.id.clone() });
                    }
                    // "I've done this" puts the step aside on this page.
                    let aside = progress.skipped.iter().any(|s| s == REVOKE_STEP);
                    if !turn.guide_off && !aside {
                        progress.step = Some(REVOKE_STEP.to_string());
                    }
                    (!turn.guide_off && !aside).then(|| {
                        // A dialog of the guide's own still over the table ("Save
                        // your key", open until the admin's Done): what its step
                        // keeps clear stays clear, so the admin can close it.
                        let keep_clear =
                            GUIDE.recognise(&report).map_or_else(Vec::new, |r| r.step.keep_clear(&report, step.target));
                        // The row action as this page names it, when plain.
                        let action = step
                            .target
                            .and_then(|t| report.elements.iter().find(|e| e.id == t))
                            .and_then(|e| PlainName::from_page(&e.name));
                        revoke_overlay(step, action, keep_clear)
                    })
                }
                None if turn.guide_off => None,
                None => {
                    // Paused, the page still proves steps done, and the
                    // guide is asked what it would show if it were not.
                    let decision = match progress.decide(&GUIDE, &report) {
                        None if progress.paused => {
                            TabProgress { paused: false, ..progress.clone() }.decide(&GUIDE, &report)
                        }
                        shown => shown,
                    };
                    decision.map(|d| {
                        let mut overlay = openai_overlay(&GUIDE, d, &report);
                        if let Some(old) = replacing {
                            overlay.advice.insert(0, old.banner());
                        }
                        overlay
                    })
                }
            }
        }
    };
    // Paused, the callout is withheld; whether there would be one
    // tells the page to offer "Show guide" (never on a page the
    // guide has nothing for).
    let paused = progress.paused && overlay.is_some();
    Reply::Guide { ok: true, overlay: overlay.filter(|_| !paused), paused }
}

/// `guide_action` from a callout, for its own tab.
pub(super) fn guide_action_in_page(turn: &mut Turn, at: &CalloutPage, action: GuideAction) -> Reply {
    // On Innoslate, pausing hides the callout of this tab as it does
    // on OpenAI (the reminder stays for "Show guide"); "I've done
    // this" closes the "press Save" reminder.
    match (at, action) {
        (CalloutPage::Destination(_), GuideAction::Done) => turn.transfer.dismiss_reminder(),
        (CalloutPage::Destination(_), GuideAction::Pause | GuideAction::Resume) | (CalloutPage::GuideSite(_), _) => {
            turn.progress.apply(&GUIDE, action)
        }
        (CalloutPage::Destination(_), _) => {}
    }
    Reply::Done { ok: true }
}

/// `guide_action` from the popup, for the tab it names.
pub(super) fn guide_action_from_popup(turn: &mut Turn, action: GuideAction) -> Reply {
    turn.progress.apply(&GUIDE, action);
    Reply::Done { ok: true }
}

/// `guide_status`: where the guide is in a tab, for the popup.
pub(super) fn guide_status(turn: &mut Turn) -> Reply {
    let progress = &turn.progress;
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
            guide_off: turn.guide_off,
        },
    }
}

fn openai_overlay(guide: &Guide, d: Decision<'_>, report: &PageReport) -> Overlay {
    // Only on the step's own screen: elsewhere its controls are not there.
    let keep_clear = if d.on_screen { d.step.keep_clear(report, d.target) } else { Vec::new() };
    let capture =
        (d.step.id == CAPTURE_STEP).then_some(d.target).flatten().map(|from| Capture { from, label: "core_send_key" });
    Overlay {
        guide: guide.id,
        step: d.step.id,
        number: d.step.number,
        total: guide.total(),
        progress: numbered("core_progress", d.step.number, guide.total()),
        title: d.step.title_on(report),
        instruction: Advice::ours(d.instruction),
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

/// The revoke step's guide: the old key's row action, then the confirmation.
pub const REVOKE_GUIDE: &str = "revoke";
/// The revoke step in a tab's progress, whichever of its screens shows.
const REVOKE_STEP: &str = "revoke-old-key";
const REVOKE_TITLE: &str = "core_revoke_title";
// Without the page's own name for the row action, the words describe it,
// naming no control the page may not have.
const REVOKE_PRESS: &str = "core_revoke_press";
const REVOKE_CLOSE_FIRST: &str = "core_revoke_close_first";
const REVOKE_CONFIRM: &str = "core_revoke_confirm";
const REVOKE_GONE: &str = "core_revoke_gone";
const REVOKE_WHY: &str = "core_revoke_why";

/// "Step N of M" in the words of message `id`.
fn numbered(id: &'static str, number: u8, total: u8) -> Advice {
    Advice::filled(id, &[Part::Shown(&number.to_string()), Part::Shown(&total.to_string())])
}

fn revoke_overlay(step: RevokeStep, action: Option<PlainName>, keep_clear: Vec<u32>) -> Overlay {
    let (id, number, instruction) = match (step.confirming, step.gone) {
        _ if step.behind_dialog => ("revoke-old-key", 1, Advice::ours(REVOKE_CLOSE_FIRST)),
        (true, _) => ("confirm-revoke", 2, Advice::ours(REVOKE_CONFIRM)),
        (false, false) => (
            "revoke-old-key",
            1,
            action.map_or(Advice::ours(REVOKE_PRESS), |name| {
                Advice::filled("core_revoke_press_named", &[Part::Name(&name)])
            }),
        ),
        (false, true) => ("old-key-revoked", 2, Advice::ours(REVOKE_GONE)),
    };
    let progress = if number == 1 { "core_revoke_progress_1" } else { "core_revoke_progress_2" };
    Overlay {
        guide: REVOKE_GUIDE,
        step: id,
        number,
        total: 2,
        progress: Advice::ours(progress),
        title: REVOKE_TITLE,
        instruction,
        why: REVOKE_WHY,
        advice: if step.gone { Vec::new() } else { step.advice },
        target: step.target,
        keep_clear,
        target_expected: step.target.is_some(),
        watch: &[],
        can_go_back: false,
        capture: None,
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
        progress: numbered("core_innoslate_progress", d.step.number, INNOSLATE_TOTAL),
        title: d.step.title,
        instruction: d.instruction.unwrap_or(Advice::ours(d.step.instruction)),
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
