//! The two ways a key comes in: taken from OpenAI's dialog, or pasted
//! into the popup.

use super::guide::CAPTURE_STEP;
use super::{Effect, Turn};
use crate::key::{accept_key, Verdict};
use crate::origin::Origin;
use crate::protocol::{ErrorCode, Reply};
use crate::transfer::vault::DEFAULT_TTL_MS;
use crate::transfer::Transfer;

/// `capture_key`, from the capture site, on the "Save your key" step only.
pub(super) fn capture_key(turn: &mut Turn, text: &str, confirm: bool) -> Reply {
    if turn.progress.step.as_deref() != Some(CAPTURE_STEP) {
        return Reply::error(ErrorCode::NotAllowed, "core_error_capture_site");
    }
    let destination = match &turn.destination {
        Ok(d) => d.clone(),
        Err(message) => return Reply::error(ErrorCode::BadDestination, message),
    };
    let held = hold_key(text, confirm, (destination, true), turn.ttl_ms, turn.now, turn.transfer, &mut turn.effects);
    if matches!(held, Reply::Captured { .. }) {
        turn.progress.mark_done(CAPTURE_STEP);
    }
    held
}

/// `send_key`: a key pasted into the popup.
pub(super) fn send_key(turn: &mut Turn, text: &str, confirm: bool) -> Reply {
    let destination = match &turn.destination {
        Ok(d) => d.clone(),
        Err(message) => return Reply::error(ErrorCode::BadDestination, message),
    };
    hold_key(text, confirm, (destination, false), turn.ttl_ms, turn.now, turn.transfer, &mut turn.effects)
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
                None => Reply::error(ErrorCode::KeyExpired, "core_error_expired_at_once"),
            }
        }
    }
}
