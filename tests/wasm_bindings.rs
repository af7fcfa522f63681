//! The wasm binding module, tested where it runs: compiled to wasm, in
//! headless Chromium (`cargo xtask test` runs it with wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use innoslate_key_assistant::wasm_api::{core_version, handle_message};
use js_sys::{Map, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

fn field(value: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(value.clone(), |v, key| Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED))
}

const OWN: &str = r#"{"id":"ext","origin":"chrome-extension://ext"}"#;
const KEYS_SENDER: &str = r#"{"id":"ext","url":"https://platform.openai.com/api-keys","origin":"https://platform.openai.com","frame_id":0,"in_tab":true}"#;
const KEYS_REPORT: &str = r#"{"kind":"page_report","v":1,"report":{"url":"https://platform.openai.com/api-keys","title":"API keys","dialogs":[],"headings":["API keys"],
  "elements":[{"id":0,"role":"link","name":"API keys","section":"Project","rect":{"x":0,"y":0,"width":80,"height":20}},
              {"id":1,"role":"button","name":"+ Create new secret key","checked":null,"dialog":null,"rect":{"x":900,"y":40,"width":200,"height":36}}]}}"#;

fn handle(message: JsValue, sender: JsValue, own: JsValue) -> JsValue {
    field(&handle_message(message, sender, own, js("{}")), &["reply"])
}

#[wasm_bindgen_test]
fn page_report_comes_back_as_a_plain_overlay_object() {
    let result = handle_message(js(KEYS_REPORT), js(KEYS_SENDER), js(OWN), js("{}"));
    let reply = field(&result, &["reply"]);
    assert_eq!(field(&reply, &["ok"]), JsValue::TRUE);
    assert_eq!(field(&reply, &["kind"]).as_string().as_deref(), Some("guide"));
    assert_eq!(field(&reply, &["overlay", "progress"]).as_string().as_deref(), Some("Step 8 of 11"));
    assert_eq!(field(&reply, &["overlay", "title"]).as_string().as_deref(), Some("Create a new secret key"));
    assert_eq!(field(&reply, &["overlay", "target"]).as_f64(), Some(1.0));
    // A plain object (json_compatible), not a Map: content scripts read it with dot access.
    let overlay = field(&reply, &["overlay"]);
    assert!(overlay.is_instance_of::<Object>() && !overlay.is_instance_of::<Map>());
    assert!(field(&reply, &["overlay", "advice"]).is_array());
    // New progress comes back for the loader to store.
    assert_eq!(field(&result, &["progress", "step"]).as_string().as_deref(), Some("create-secret-key"));
    assert_eq!(field(&result, &["progress", "furthest"]).as_f64(), Some(8.0));
}

#[wasm_bindgen_test]
fn stored_progress_is_read_back_and_unreadable_state_is_ignored() {
    let paused = r#"{"progress":{"step":"create-secret-key","furthest":8,"paused":true,"page":"https://platform.openai.com/api-keys"}}"#;
    let result = handle_message(js(KEYS_REPORT), js(KEYS_SENDER), js(OWN), js(paused));
    assert_eq!(field(&result, &["reply", "ok"]), JsValue::TRUE);
    assert!(field(&result, &["reply", "overlay"]).is_null());
    assert!(field(&result, &["progress"]).is_undefined(), "nothing changed, nothing to store");
    let garbled = handle_message(js(KEYS_REPORT), js(KEYS_SENDER), js(OWN), js(r#"{"progress":"nonsense"}"#));
    assert_eq!(field(&garbled, &["reply", "overlay", "step"]).as_string().as_deref(), Some("create-secret-key"));
}

#[wasm_bindgen_test]
fn malformed_messages_become_error_values() {
    for message in [JsValue::NULL, JsValue::from_f64(3.0), js(r#"{"kind":"nope","v":1}"#), js(r#"{"kind":"page_report","v":1,"report":7}"#)] {
        let reply = handle(message, js(KEYS_SENDER), js(OWN));
        assert_eq!(field(&reply, &["ok"]), JsValue::FALSE);
        assert_eq!(field(&reply, &["code"]).as_string().as_deref(), Some("bad_message"));
    }
}

#[wasm_bindgen_test]
fn foreign_or_garbled_senders_are_refused() {
    let stranger = r#"{"id":"other","url":"https://platform.openai.com/api-keys","frame_id":0,"in_tab":true}"#;
    let reply = handle(js(KEYS_REPORT), js(stranger), js(OWN));
    assert_eq!(field(&reply, &["code"]).as_string().as_deref(), Some("foreign_sender"));
    let reply = handle(js(KEYS_REPORT), JsValue::UNDEFINED, js(OWN));
    assert_eq!(field(&reply, &["ok"]), JsValue::FALSE);
    let reply = handle(js(KEYS_REPORT), js(KEYS_SENDER), JsValue::NULL);
    assert_eq!(field(&reply, &["code"]).as_string().as_deref(), Some("foreign_sender"));
}

#[wasm_bindgen_test]
fn reports_its_version() {
    assert_eq!(core_version(), env!("CARGO_PKG_VERSION"));
}
