//! The key's way into Innoslate: release to the offered page, the fill
//! and the Save it reports, and the popup's view and controls of the held key.

use super::{Effect, Turn};
use crate::authorisation::Destination;
use crate::protocol::{ErrorCode, Reply};
use crate::transfer::TransferRefusal;

/// `release_key`: the key, to the exact page that was offered the fill.
pub(super) fn release_key(turn: &mut Turn, at: &Destination, offer: &str, fields: &[u32]) -> Reply {
    if turn.test_missing {
        return Reply::error(ErrorCode::NotAllowed, crate::live_check::TEST_FIRST);
    }
    match turn.transfer.release(&at.page, &at.origin, offer, fields, turn.now) {
        Ok(key) => Reply::Released { ok: true, key },
        Err(refusal @ (TransferRefusal::StaleOffer | TransferRefusal::FieldsNotOffered)) => {
            Reply::error(refusal.into(), "core_error_page_changed_fill")
        }
        Err(refusal) => Reply::error(refusal.into(), "core_error_no_key_here"),
    }
}

/// `fill_done`: the page the key was released to filled its fields.
pub(super) fn fill_done(turn: &mut Turn, at: &Destination, offer: &str, filled: u32) -> Reply {
    // The fresh nonce names the record: it is random and names no offer.
    // A key made while a replacement is under way replaces its key.
    let replaces = turn.replacing.as_ref().filter(|r| !r.revoke).map(|r| r.id.clone()).unwrap_or_default();
    match turn.transfer.filled(&at.page, &at.origin, offer, filled, turn.now, (&turn.offer_nonce, &replaces)) {
        Ok(record) => {
            if let Some(record) = record {
                turn.effects.push(Effect::ClearVault);
                turn.effects.push(Effect::SaveKeyRecord { record: Box::new(record) });
            }
            Reply::Done { ok: true }
        }
        Err(refusal) => Reply::error(refusal.into(), "core_error_fill_elsewhere"),
    }
}

/// `form_submitted`: only the page and form the key went into count.
pub(super) fn form_submitted(turn: &mut Turn, at: &Destination, form: u32) -> Reply {
    if let Some(record) = turn.transfer.records.submitted(&at.page, form) {
        turn.effects.push(Effect::SaveKeyRecord { record: Box::new(record) });
    }
    Reply::Done { ok: true }
}

/// `vault_status`: the held key, masked, for the popup.
pub(super) fn vault_status(turn: &mut Turn) -> Reply {
    let transfer = &mut *turn.transfer;
    Reply::Vault {
        ok: true,
        vault: transfer.vault.info(turn.now),
        destination: turn.destination.as_ref().map(|d| d.to_string()).unwrap_or_default(),
        now_ms: turn.now,
        live_report: transfer.live_report().cloned(),
        personal: transfer.vault.destination().is_some() && transfer.records.personal(),
    }
}

/// `clear_vault`: the popup's "Clear now".
pub(super) fn clear_vault(turn: &mut Turn) -> Reply {
    turn.transfer.records.drop_held();
    turn.transfer.vault.clear();
    turn.effects.push(Effect::ClearVault);
    Reply::Done { ok: true }
}

/// `open_destination`: the popup's "Send to Innoslate".
pub(super) fn open_destination(turn: &mut Turn) -> Reply {
    match turn.transfer.vault.destination() {
        Some(d) => {
            turn.effects.push(Effect::OpenDestination { url: format!("{d}/") });
            Reply::Done { ok: true }
        }
        None => Reply::error(ErrorCode::NoKeyPending, "core_error_no_key"),
    }
}
