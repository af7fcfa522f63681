//! The wasm binding module, tested where it runs: compiled to wasm, in
//! headless Chromium (`cargo xtask test` runs it with wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use innoslate_key_assistant::wasm_api::{
    check_destination, core_version, handle_message, held_key_for_check, key_reminder, live_check_plan,
    live_check_report, record_live_check, restore_vault, validate_key_js,
};
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
const KEYS_SENDER: &str = r#"{"id":"ext","url":"https://platform.openai.com/api-keys","origin":"https://platform.openai.com","frame_id":0,"in_tab":true,"tab_id":5}"#;
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
    // "Step 8 of 11" as a message id and its values, which the background puts into words.
    let progress: Vec<Option<String>> =
        ["0", "1", "2"].iter().map(|i| field(&reply, &["overlay", "progress", i]).as_string()).collect();
    assert_eq!(progress, [Some("core_progress".into()), Some("8".into()), Some("11".into())]);
    // The title is a message id; the background turns it into words.
    assert_eq!(field(&reply, &["overlay", "title"]).as_string().as_deref(), Some("core_create_secret_key_title"));
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
    let paused = r#"{"progress":{"step":"create-secret-key","furthest":8,"paused":true,"page":"https://platform.openai.com/api-keys",
        "done":["sign-in","create-organization","open-api-keys"]}}"#;
    let result = handle_message(js(KEYS_REPORT), js(KEYS_SENDER), js(OWN), js(paused));
    assert_eq!(field(&result, &["reply", "ok"]), JsValue::TRUE);
    assert!(field(&result, &["reply", "overlay"]).is_null());
    assert!(field(&result, &["progress"]).is_undefined(), "nothing changed, nothing to store");
    let garbled = handle_message(js(KEYS_REPORT), js(KEYS_SENDER), js(OWN), js(r#"{"progress":"nonsense"}"#));
    assert_eq!(field(&garbled, &["reply", "overlay", "step"]).as_string().as_deref(), Some("create-secret-key"));
}

#[wasm_bindgen_test]
fn malformed_messages_become_error_values() {
    for message in [
        JsValue::NULL,
        JsValue::from_f64(3.0),
        js(r#"{"kind":"nope","v":1}"#),
        js(r#"{"kind":"page_report","v":1,"report":7}"#),
    ] {
        let reply = handle(message, js(KEYS_SENDER), js(OWN));
        assert_eq!(field(&reply, &["ok"]), JsValue::FALSE);
        assert_eq!(field(&reply, &["code"]).as_string().as_deref(), Some("bad_message"));
    }
}

#[wasm_bindgen_test]
fn the_reader_takes_only_the_expected_shapes() {
    // Wrong shapes anywhere in a message make it a bad message, not a
    // guess: a fractional or negative count, a string for a number, an array
    // for an object, a kind that is not a string, an unknown action.
    for bad in [
        r#"{"kind":"fill_done","v":1,"filled":1.5}"#,
        r#"{"kind":"fill_done","v":1,"filled":-1}"#,
        r#"{"kind":"fill_done","v":"1","filled":1}"#,
        r#"{"kind":"page_report","v":1,"report":[]}"#,
        r#"{"kind":7,"v":1}"#,
        r#"{"v":1}"#,
        r#"["page_report",1]"#,
        r#"{"kind":"guide_action","v":1,"action":"explode"}"#,
        r#"{"kind":"guide_action","v":1,"action":{"kind":"done"}}"#,
    ] {
        let reply = handle(js(bad), js(KEYS_SENDER), js(OWN));
        assert_eq!(field(&reply, &["code"]).as_string().as_deref(), Some("bad_message"), "{bad}");
    }
    // Unknown properties are ignored, absent optional ones take defaults,
    // and null counts as absent.
    let extra = r#"{"kind":"page_report","v":1,"extra":{"deep":[1,2]},"report":{"url":"https://platform.openai.com/api-keys",
        "headings":["API keys"],"dialogs":null,"elements":[{"id":1,"role":"button","name":"+ Create new secret key","junk":true,
        "rect":{"x":1.5,"y":-2,"width":200,"height":36}}]}}"#;
    let reply = handle(js(extra), js(KEYS_SENDER), js(OWN));
    assert_eq!(field(&reply, &["kind"]).as_string().as_deref(), Some("guide"), "{:?}", field(&reply, &["code"]));
    assert_eq!(field(&reply, &["overlay", "target"]).as_f64(), Some(1.0));
    // A unit-like action read from a plain string.
    let action = handle(js(r#"{"kind":"guide_action","v":1,"action":"pause"}"#), js(KEYS_SENDER), js(OWN));
    assert_eq!(field(&action, &["ok"]), JsValue::TRUE);
}

/// What serde-wasm-bindgen (JSON-compatible mode) makes of a value, as JSON text.
fn reference_json<T: serde::Serialize>(value: &T) -> String {
    let js = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).expect("reference serializer");
    JSON::stringify(&js).unwrap().as_string().unwrap()
}

fn json_of(value: &JsValue) -> String {
    JSON::stringify(value).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
fn replies_are_written_exactly_as_the_reference_serializer_writes_them() {
    use innoslate_key_assistant::dispatch::{handle, Context};
    use innoslate_key_assistant::page_report::PageReport;
    use innoslate_key_assistant::protocol::Request;
    use innoslate_key_assistant::sender_check::{OwnIdentity, SenderFacts};
    use innoslate_key_assistant::transfer::Transfer;
    // The same messages through the binding (our writer) and through the
    // plain Rust API serialized by the reference.
    let sender = SenderFacts {
        id: "ext".into(),
        url: "https://platform.openai.com/api-keys".into(),
        origin: Some("https://platform.openai.com".into()),
        frame_id: Some(0),
        in_tab: true,
        tab_id: Some(5),
        document_id: None,
    };
    let own = OwnIdentity { id: "ext".into(), origin: "chrome-extension://ext".into() };
    let missing = KEYS_REPORT.replace(r#"{"id":1,"role":"button","name":"+ Create new secret key","checked":null,"dialog":null,"rect":{"x":900,"y":40,"width":200,"height":36}}"#, r#"{"id":1,"role":"link","name":"Docs","rect":{"x":1,"y":1,"width":5,"height":5}}"#);
    let report_of = |message: &str| {
        let parsed: serde_json::Value = serde_json::from_str(message).unwrap();
        Request::PageReport { v: 1, report: serde_json::from_value::<PageReport>(parsed["report"].clone()).unwrap() }
    };
    let cases = [
        (KEYS_REPORT.to_string(), Ok(report_of(KEYS_REPORT))),
        (missing.clone(), Ok(report_of(&missing))),
        (r#"{"kind":"nope","v":1}"#.to_string(), Err(())),
        (r#"{"kind":"vault_status","v":1}"#.to_string(), Ok(Request::VaultStatus { v: 1 })),
    ];
    for (message, request) in cases {
        let ours = field(&handle_message(js(&message), js(KEYS_SENDER), js(OWN), js("{}")), &["reply"]);
        let outcome = handle(request, &sender, &own, Context::default(), &mut Transfer::default());
        assert_eq!(json_of(&ours), reference_json(&outcome.reply), "{message}");
    }
    for key in [project_key(), "sk-proj-****abcd".to_string(), String::new(), "AKIAIOSFODNN7EXAMPLE".to_string()] {
        let ours = validate_key_js(key.clone());
        assert_eq!(json_of(&ours), reference_json(&innoslate_key_assistant::key::validate_key(&key)));
    }
}

#[wasm_bindgen_test]
fn foreign_or_garbled_senders_are_refused() {
    let stranger =
        r#"{"id":"other","url":"https://platform.openai.com/api-keys","frame_id":0,"in_tab":true,"tab_id":5}"#;
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

fn project_key() -> String {
    format!("sk-proj-{}T3BlbkFJ{}", "Ab3_".repeat(18) + "xy", "Zq9-".repeat(18) + "wv")
}

#[wasm_bindgen_test]
fn validate_key_returns_a_plain_report_without_the_key() {
    let report = validate_key_js(format!("  '{}' ", project_key()));
    assert_eq!(field(&report, &["verdict"]).as_string().as_deref(), Some("valid"));
    assert_eq!(field(&report, &["kind"]).as_string().as_deref(), Some("project"));
    assert_eq!(field(&report, &["masked"]).as_string().as_deref(), Some("sk-proj-\u{2026}9-wv"));
    let problems = js_sys::Array::from(&field(&report, &["problems"]));
    assert!(problems.iter().any(|p| field(&p, &["code"]).as_string().as_deref() == Some("quoted")));
    let text = JSON::stringify(&report).unwrap().as_string().unwrap();
    assert!(!text.contains(&project_key()));
    let masked = validate_key_js("sk-...abcd".into());
    assert_eq!(field(&masked, &["verdict"]).as_string().as_deref(), Some("invalid"));
}

#[wasm_bindgen_test]
fn check_destination_applies_the_origin_rules() {
    let ok = check_destination("https://innoslate.example.com:8443");
    assert_eq!(field(&ok, &["ok"]), JsValue::TRUE);
    assert_eq!(field(&ok, &["origin"]).as_string().as_deref(), Some("https://innoslate.example.com:8443"));
    assert_eq!(field(&ok, &["match_pattern"]).as_string().as_deref(), Some("https://innoslate.example.com/*"));
    let ipv6 = check_destination("https://[::1]:8443");
    assert_eq!(field(&ipv6, &["origin"]).as_string().as_deref(), Some("https://[::1]:8443"));
    let http = check_destination("http://innoslate.example.com");
    assert_eq!(field(&http, &["ok"]), JsValue::FALSE);
    // Why, as a message id the options page puts into words.
    assert_eq!(field(&http, &["message"]).as_string().as_deref(), Some("core_origin_insecure_http"));
    // Only an exact origin: the options page canonicalises what was typed.
    let with_path = check_destination("https://innoslate.example.com:8443/acme");
    assert_eq!(field(&with_path, &["ok"]), JsValue::FALSE);
    assert_eq!(field(&with_path, &["message"]).as_string().as_deref(), Some("core_origin_not_canonical"));
}

#[wasm_bindgen_test]
fn a_mirrored_key_comes_back_only_if_valid_and_unexpired() {
    let record = |key: &str, expires: f64| {
        let o = Object::new();
        Reflect::set(&o, &"key".into(), &key.into()).unwrap();
        Reflect::set(&o, &"destination".into(), &"https://cloud.innoslate.com".into()).unwrap();
        Reflect::set(&o, &"expires_at_ms".into(), &expires.into()).unwrap();
        JsValue::from(o)
    };
    assert!(!restore_vault(record(&project_key(), 1000.0), 2000.0), "expired");
    assert!(!restore_vault(record("sk-...abcd", 9000.0), 2000.0), "not a key");
    assert!(!restore_vault(JsValue::NULL, 2000.0));
    assert!(restore_vault(record(&project_key(), 9000.0), 2000.0));
    let popup = r#"{"id":"ext","url":"chrome-extension://ext/popup/popup.html"}"#;
    let status = handle_message(js(r#"{"kind":"vault_status","v":1}"#), js(popup), js(OWN), js(r#"{"now_ms":3000}"#));
    assert_eq!(field(&status, &["reply", "vault", "kind"]).as_string().as_deref(), Some("project"));
    assert_eq!(field(&status, &["reply", "vault", "expires_at_ms"]).as_f64(), Some(9000.0));
    let cleared = handle_message(js(r#"{"kind":"clear_vault","v":1}"#), js(popup), js(OWN), js(r#"{"now_ms":3000}"#));
    assert_eq!(field(&cleared, &["effects", "0", "kind"]).as_string().as_deref(), Some("clear_vault"));
}

#[wasm_bindgen_test]
fn a_live_check_plan_and_its_answers_cross_as_plain_values() {
    let plan = live_check_plan(false);
    assert_eq!(field(&plan, &["length"]).as_f64(), Some(2.0));
    assert_eq!(field(&plan, &["0", "url"]).as_string().as_deref(), Some("https://api.openai.com/v1/models"));
    assert_eq!(field(&plan, &["0", "body"]), JsValue::NULL);
    let answers = js(r#"[
        {"id":"models","status":200,"body":{"object":"list","data":[{"id":"gpt-4o","object":"model"},{"id":"dall-e-3"}]}},
        {"id":"moderation","status":401,"body":{"error":{"message":"Missing scopes: model.request.","type":"invalid_request_error","param":null,"code":null}}}
    ]"#);
    let report = live_check_report(answers, false);
    assert_eq!(field(&report, &["verdict"]).as_string().as_deref(), Some("problem"));
    assert_eq!(field(&report, &["lines", "2", "models", "0"]).as_string().as_deref(), Some("gpt-4o"));
    assert_eq!(field(&report, &["lines", "4", "state"]).as_string().as_deref(), Some("fail"));
    // A body of a shape the core does not read (error as a string) keeps its
    // status and reads as an answer the core does not recognise.
    let odd = live_check_report(
        js(r#"[{"id":"models","status":401,"body":{"error":"nope"}},{"id":"moderation","failure":"timeout"}]"#),
        false,
    );
    assert_eq!(field(&odd, &["verdict"]).as_string().as_deref(), Some("could_not_check"));
    assert_eq!(field(&odd, &["lines", "0", "state"]).as_string().as_deref(), Some("unknown"));
}

#[wasm_bindgen_test]
fn the_held_key_is_tested_by_the_background_and_only_its_report_is_kept() {
    let popup = r#"{"id":"ext","url":"chrome-extension://ext/popup/popup.html"}"#;
    let _ = handle_message(js(r#"{"kind":"clear_vault","v":1}"#), js(popup), js(OWN), js(r#"{"now_ms":3000}"#));
    assert_eq!(held_key_for_check().as_string().as_deref(), Some(""));
    assert!(restore_vault(
        js(&format!(
            r#"{{"key":"{}","destination":"https://cloud.innoslate.com","expires_at_ms":9000}}"#,
            project_key()
        )),
        2000.0
    ));
    assert_eq!(held_key_for_check().as_string(), Some(project_key()));
    let asked = handle_message(js(r#"{"kind":"live_check","v":1}"#), js(popup), js(OWN), js(r#"{"now_ms":3000}"#));
    assert_eq!(field(&asked, &["effects", "0", "kind"]).as_string().as_deref(), Some("live_check"));
    let answers = js(r#"[{"id":"models","status":401,"body":{"error":{"code":"invalid_api_key"}}}]"#);
    let report = record_live_check(answers, false, 3000.0, "org-practice");
    assert_eq!(field(&report, &["verdict"]).as_string().as_deref(), Some("problem"));
    let status = handle_message(js(r#"{"kind":"vault_status","v":1}"#), js(popup), js(OWN), js(r#"{"now_ms":3000}"#));
    assert_eq!(field(&status, &["reply", "live_report", "verdict"]).as_string().as_deref(), Some("problem"));
    assert!(!JSON::stringify(&field(&status, &["reply"]))
        .unwrap()
        .as_string()
        .unwrap()
        .contains(&project_key()[8..40]));
    let _ = handle_message(js(r#"{"kind":"clear_vault","v":1}"#), js(popup), js(OWN), js(r#"{"now_ms":3000}"#));
}

#[wasm_bindgen_test]
fn the_reminder_of_a_recorded_key_comes_out_as_plain_values() {
    let day = 86_400_000.0;
    let soon = key_reminder(Some(10.0 * day), 3.5 * day, 14, 0);
    assert_eq!(field(&soon, &["state"]).as_string().as_deref(), Some("soon"));
    assert_eq!(field(&soon, &["badge"]).as_string().as_deref(), Some("7d"));
    assert_eq!(field(&soon, &["notice"]).as_f64(), Some(7.0));
    assert_eq!(field(&soon, &["next_ms"]).as_f64(), Some(4.0 * day));
    let unknown = key_reminder(None, 0.0, 14, 0);
    assert!(field(&unknown, &["days_left"]).is_null() && field(&unknown, &["next_ms"]).is_null());
}
