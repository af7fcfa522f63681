//! WebAssembly bindings: conversion only, no logic.
//!
//! Every export catches conversion failures and answers with an error value,
//! so a malformed message can never throw into the background script. The
//! key in transit lives here, in the core's memory, between messages.

use crate::dispatch::{self, Context, Effect};
use crate::js_value;
use crate::key::validate_key;
use crate::protocol::Request;
use crate::sender_check::{OwnIdentity, SenderFacts};
use crate::transfer::Transfer;
use js_sys::{Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

mod protocol_types;

thread_local! {
    static TRANSFER: RefCell<Transfer> = const { RefCell::new(Transfer::EMPTY) };
}

fn to_js<T: js_value::Write + ?Sized>(value: &T) -> JsValue {
    value.write()
}

fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// Answers one runtime message. `sender` is the browser's MessageSender,
/// reduced by the loader to `{id, url, origin, frame_id, in_tab, tab_id,
/// document_id}`; `own` is
/// `{id, origin}` of this extension; `context` is
/// `{progress, guide_off, destination, ttl_ms, now_ms, offer_nonce, live_check}`. Returns
/// `{reply, progress?, effects, vault_record?}`: `progress` when it must be
/// stored, `vault_record` with the effect `persist_vault`.
#[wasm_bindgen(js_name = handleMessage, unchecked_return_type = "HandleResult")]
pub fn handle_message(
    // Typed for the callers; the core still reads anything without throwing.
    #[wasm_bindgen(unchecked_param_type = "Request")] message: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SenderFacts")] sender: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OwnIdentity")] own: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context")] context: JsValue,
) -> JsValue {
    let sender: SenderFacts = js_value::read_sender(&sender).unwrap_or_default();
    let own: OwnIdentity = js_value::read_own_identity(&own).unwrap_or_default();
    // Unreadable stored state is treated as none: the guide starts afresh.
    let context: Context = js_value::read_context(&context).unwrap_or_default();
    let request = read_request(message).map_err(|_| ());
    TRANSFER.with_borrow_mut(|transfer| {
        let answer = dispatch::handle(request, &sender, &own, context, transfer);
        let result = Object::new();
        set(&result, "reply", &to_js(&answer.reply));
        if let Some(progress) = answer.progress {
            set(&result, "progress", &to_js(&progress));
        }
        if answer.effects.iter().any(|e| matches!(e, Effect::PersistVault)) {
            if let Some((key, destination, expires_at_ms)) = transfer.session_record() {
                let record = Object::new();
                set(&record, "key", &to_js(&key));
                set(&record, "destination", &JsValue::from_str(&destination));
                set(&record, "expires_at_ms", &JsValue::from_f64(expires_at_ms));
                set(&result, "vault_record", &record);
            }
        }
        set(&result, "effects", &to_js(&answer.effects));
        result.into()
    })
}

/// A page report, the most frequent and largest message, by hand; any
/// other by serde.
fn read_request(message: JsValue) -> Result<Request, js_value::Unfit> {
    match js_value::read_page_report_request(&message)? {
        Some((v, report)) => Ok(Request::PageReport { v, report }),
        None => js_value::read_request(&message),
    }
}

/// Takes back the key mirrored in session storage when the background
/// starts again. Returns whether it was accepted (valid and not expired).
#[wasm_bindgen(js_name = restoreVault)]
pub fn restore_vault(#[wasm_bindgen(unchecked_param_type = "VaultRecord")] record: JsValue, now_ms: f64) -> bool {
    let Ok(record) = js_value::read_vault_record(&record) else {
        return false;
    };
    TRANSFER.with_borrow_mut(|t| t.restore(&record.key, &record.destination, record.expires_at_ms, now_ms))
}

/// Checks a key an admin pasted by hand: `{verdict, kind, problems, masked}`.
/// The text never leaves the page that asked.
#[wasm_bindgen(js_name = validateKey, unchecked_return_type = "KeyReport")]
pub fn validate_key_js(input: String) -> JsValue {
    // Owned, so this copy in wasm memory is zeroed after the check (a
    // borrowed &str would be freed without being wiped).
    let input = Zeroizing::new(input);
    to_js(&validate_key(&input))
}

/// Checks an Innoslate address from the options page, which passes what the
/// admin typed through the browser's URL parser first: only an exact origin
/// is accepted (see `origin::Origin::parse_destination`). Answers
/// `{ok: true, origin, match_pattern}` or `{ok: false, message}`.
#[wasm_bindgen(js_name = checkDestination, unchecked_return_type = "DestinationCheck")]
pub fn check_destination(input: &str) -> JsValue {
    let result = Object::new();
    match crate::origin::Origin::parse_destination(input) {
        Ok(origin) => {
            set(&result, "ok", &JsValue::TRUE);
            set(&result, "origin", &JsValue::from_str(&origin.to_string()));
            set(&result, "match_pattern", &JsValue::from_str(&origin.match_pattern()));
        }
        Err(e) => {
            set(&result, "ok", &JsValue::FALSE);
            set(&result, "message", &JsValue::from_str(e.message()));
        }
    }
    result.into()
}

/// The crate version, to check that the loaded core matches the extension.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The redacted diagnostic report of a page, for the popup's "Copy a
/// diagnostic report": `report` is the page report the tab's content script
/// gives the popup, `guide` the `guide` part of a status reply. Returns the
/// text, or an empty string when `report` cannot be read.
#[wasm_bindgen(js_name = describePage)]
pub fn describe_page(report: JsValue, guide: JsValue) -> String {
    let Ok(report) = js_value::read_page_report(&report) else {
        return String::new();
    };
    let guide = js_value::read_guide_summary(&guide).unwrap_or_default();
    crate::diagnostic::describe(&report, &guide, env!("CARGO_PKG_VERSION"))
}

/// The requests of a live key check, `[{id, method, url, body}]`; the
/// billed credit request only when `with_credit`. For a key checked in the
/// page that holds it (the popup's checker).
#[wasm_bindgen(js_name = liveCheckPlan, unchecked_return_type = "Probe[]")]
pub fn live_check_plan(with_credit: bool) -> JsValue {
    to_js(&crate::live_check::plan(with_credit))
}

/// Reads the answers of a live key check into the capability report
/// `{verdict, lines: [{check, state, text, models, next_step, link}]}`.
/// Each of `results` is `{id, status, body}` (`status` 0 when no answer
/// came, with `failure` saying why; `body` the parsed JSON, or null). A
/// result whose body has a shape the core does not read counts as an
/// answer it does not recognise.
#[wasm_bindgen(js_name = liveCheckReport, unchecked_return_type = "LiveReport")]
pub fn live_check_report(
    #[wasm_bindgen(unchecked_param_type = "WireResult[]")] results: JsValue,
    credit_asked: bool,
) -> JsValue {
    to_js(&crate::live_check::report(&read_results(results), credit_asked))
}

fn read_results(results: JsValue) -> Vec<crate::live_check::ProbeResult> {
    js_sys::Array::from(&results)
        .iter()
        .filter_map(|item| {
            js_value::read_probe_result(&item).ok().or_else(|| {
                // The body did not have a readable shape: keep the status alone.
                let _ = Reflect::set(&item, &JsValue::from_str("body"), &JsValue::NULL);
                js_value::read_probe_result(&item).ok()
            })
        })
        .collect()
}

/// The held key, for the background loader to test it with OpenAI (effect
/// `live_check`); an empty string when none is held.
#[wasm_bindgen(js_name = heldKeyForCheck, unchecked_return_type = "string")]
pub fn held_key_for_check() -> JsValue {
    TRANSFER.with_borrow(|t| t.session_record().map_or_else(|| JsValue::from_str(""), |(key, _, _)| to_js(&key)))
}

/// Keeps the report of a live check of the held key (the answers to the
/// effect `live_check`, shaped as for `liveCheckReport`) and returns it.
/// `organization` is the `openai-organization` header of an answer ("" when
/// none came), for the key's record.
#[wasm_bindgen(js_name = recordLiveCheck, unchecked_return_type = "LiveReport")]
pub fn record_live_check(
    #[wasm_bindgen(unchecked_param_type = "WireResult[]")] results: JsValue,
    credit_asked: bool,
    now_ms: f64,
    organization: &str,
) -> JsValue {
    let report = crate::live_check::report(&read_results(results), credit_asked);
    let value = to_js(&report);
    let verdict = report.verdict;
    TRANSFER.with_borrow_mut(|t| {
        t.record_live_report(report, now_ms);
        if t.live_report().is_some() {
            t.records.checked(verdict, organization, now_ms);
        }
    });
    value
}

/// The reminder for a recorded key expiring at `expires_ms` (null when
/// unknown), at `now_ms`: `{state, days_left, badge, notice, next_ms}`.
/// `last_notice` is the mark of the last notification shown for it (0: none).
#[wasm_bindgen(js_name = keyReminder, unchecked_return_type = "Reminder")]
pub fn key_reminder(expires_ms: Option<f64>, now_ms: f64, reminder_days: u8, last_notice: u8) -> JsValue {
    to_js(&crate::key_record::reminder::remind(expires_ms, now_ms, reminder_days, last_notice))
}
