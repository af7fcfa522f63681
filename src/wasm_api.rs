//! WebAssembly bindings: conversion only, no logic.
//!
//! Every export catches conversion failures and answers with an error value,
//! so a malformed message can never throw into the background script.

use crate::dispatch;
use crate::protocol::{Reply, Request};
use crate::sender_check::{OwnIdentity, SenderFacts};
use wasm_bindgen::prelude::*;

fn to_js(reply: &Reply) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(reply, &serializer).unwrap_or(JsValue::NULL)
}

/// Answers one runtime message. `sender` is the browser's MessageSender,
/// reduced by the loader to `{id, url, origin, frame_id, in_tab}`; `own` is
/// `{id, origin}` of this extension.
#[wasm_bindgen(js_name = handleMessage)]
pub fn handle_message(message: JsValue, sender: JsValue, own: JsValue) -> JsValue {
    let sender: SenderFacts = serde_wasm_bindgen::from_value(sender).unwrap_or_default();
    let own: OwnIdentity = serde_wasm_bindgen::from_value(own).unwrap_or_default();
    let request = serde_wasm_bindgen::from_value::<Request>(message).map_err(|_| ());
    to_js(&dispatch::handle(request, &sender, &own))
}

/// The crate version, to check that the loaded core matches the extension.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
