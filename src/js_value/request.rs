//! Reads every request but the page report (read in `page_report.rs`) by
//! hand, to the same rules as serde's derive through [`super::read`] in the
//! wasm core (checked by the tests below): an object whose `kind` names the
//! request, with a whole-number `v` and the request's own properties. The
//! derive gave each of the twelve requests its own copy of the reading code.

use super::fields::{flag_at, integer_at, list, one_of, present, record, text, whole, Read};
use super::source::Source;
use super::Unfit;
use crate::guide::progress::GuideAction;
use crate::protocol::Request;
use zeroize::Zeroizing;

const ACTIONS: &[(&str, GuideAction)] = &[
    ("done", GuideAction::Done),
    ("back", GuideAction::Back),
    ("pause", GuideAction::Pause),
    ("resume", GuideAction::Resume),
    ("restart", GuideAction::Restart),
];

/// Reads `value` as a [`Request`] other than a page report.
pub fn read_request<S: Source>(value: &S) -> Read<Request> {
    record(value)?;
    let kind = text(&present(value, "kind")?.ok_or(Unfit)?)?;
    let v = required(value, "v", whole)?;
    Ok(match kind.as_str() {
        "guide_action" => Request::GuideAction {
            v,
            action: required(value, "action", |a| one_of(a, ACTIONS))?,
            tab_id: integer_at(value, "tab_id")?,
        },
        "guide_status" => Request::GuideStatus { v, tab_id: integer_at(value, "tab_id")? },
        "capture_key" => {
            let key = secret(value)?;
            Request::CaptureKey { v, key, confirm: flag_at(value, "confirm")?.unwrap_or_default() }
        }
        "send_key" => {
            let key = secret(value)?;
            Request::SendKey { v, key, confirm: flag_at(value, "confirm")?.unwrap_or_default() }
        }
        "release_key" => Request::ReleaseKey {
            v,
            offer: required(value, "offer", text)?,
            fields: present(value, "fields")?.map(|f| list(&f, whole)).transpose()?.unwrap_or_default(),
        },
        "fill_done" => {
            Request::FillDone { v, offer: required(value, "offer", text)?, filled: required(value, "filled", whole)? }
        }
        "vault_status" => Request::VaultStatus { v },
        "clear_vault" => Request::ClearVault { v },
        "open_destination" => Request::OpenDestination { v },
        "live_check" => Request::LiveCheck { v, credit: flag_at(value, "credit")?.unwrap_or_default() },
        "test_held_key" => Request::TestHeldKey { v, offer: required(value, "offer", text)? },
        "form_submitted" => Request::FormSubmitted { v, form: required(value, "form", whole)? },
        _ => return Err(Unfit),
    })
}

/// Property `name`, which must be present, read by `read`.
fn required<S: Source, T>(object: &S, name: &str, read: impl Fn(&S) -> Read<T>) -> Read<T> {
    read(&present(object, name)?.ok_or(Unfit)?)
}

/// The pasted key, straight into a buffer that is zeroed when dropped.
fn secret<S: Source>(object: &S) -> Read<Zeroizing<String>> {
    required(object, "key", text).map(Zeroizing::new)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
