//! The test of the held key with OpenAI, asked for by the popup or by the
//! Innoslate callout. The key never leaves the background: the loader takes
//! it from the core for the requests.

use super::{Effect, Turn};
use crate::authorisation::Destination;
use crate::live_check::{self, Policy as LivePolicy};
use crate::protocol::{ErrorCode, Reply};

/// Why no test may start now, if one may not.
fn no_test(turn: &mut Turn) -> Option<Reply> {
    if turn.policy == LivePolicy::Off {
        return Some(Reply::error(ErrorCode::NotAllowed, "core_error_test_off"));
    }
    if turn.transfer.vault.info(turn.now).is_none() {
        return Some(Reply::error(ErrorCode::NoKeyPending, "core_error_no_key_to_test"));
    }
    None
}

/// `live_check`: the popup's "Test with OpenAI", with the billed credit
/// request when the admin agreed to its cost.
pub(super) fn live_check(turn: &mut Turn, credit: bool) -> Reply {
    if let Some(refused) = no_test(turn) {
        return refused;
    }
    turn.effects.push(Effect::LiveCheck { probes: live_check::plan(credit), credit });
    Reply::Done { ok: true }
}

/// `test_held_key`: the callout's "Test with OpenAI", bound to the offer the
/// page holds; never the billed credit request (its cost is stated in the
/// popup, before the admin agrees).
pub(super) fn test_held_key(turn: &mut Turn, at: &Destination, offer: &str) -> Reply {
    if let Some(refused) = no_test(turn) {
        return refused;
    }
    if let Err(refusal) = turn.transfer.offered_for_test(&at.page, offer) {
        return Reply::error(refusal.into(), "core_error_page_changed_test");
    }
    turn.effects.push(Effect::LiveCheck { probes: live_check::plan(false), credit: false });
    Reply::Done { ok: true }
}
