//! WebAssembly bindings: conversion only, no logic.
//!
//! Every export catches conversion failures and answers with an error value,
//! so a malformed message can never throw into the background script.

use crate::dispatch::{self, Context};
use crate::protocol::Request;
use crate::sender_check::{OwnIdentity, SenderFacts};
use wasm_bindgen::prelude::*;

fn to_js<T: serde::Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

/// Answers one runtime message. `sender` is the browser's MessageSender,
/// reduced by the loader to `{id, url, origin, frame_id, in_tab}`; `own` is
/// `{id, origin}` of this extension; `context` is the stored
/// `{progress, guide_off}` for the tab concerned. Returns
/// `{reply, progress}`, where `progress` is present when it must be stored.
#[wasm_bindgen(js_name = handleMessage)]
pub fn handle_message(message: JsValue, sender: JsValue, own: JsValue, context: JsValue) -> JsValue {
    let sender: SenderFacts = serde_wasm_bindgen::from_value(sender).unwrap_or_default();
    let own: OwnIdentity = serde_wasm_bindgen::from_value(own).unwrap_or_default();
    // Unreadable stored state is treated as none: the guide starts afresh.
    let context: Context = serde_wasm_bindgen::from_value(context).unwrap_or_default();
    let request = serde_wasm_bindgen::from_value::<Request>(message).map_err(|_| ());
    let outcome = dispatch::handle(request, &sender, &own, context);
    let result = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&result, &"reply".into(), &to_js(&outcome.reply));
    if let Some(progress) = outcome.progress {
        let _ = js_sys::Reflect::set(&result, &"progress".into(), &to_js(&progress));
    }
    result.into()
}

/// The crate version, to check that the loaded core matches the extension.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
