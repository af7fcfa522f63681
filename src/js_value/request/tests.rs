//! The hand-written reader against serde's derive read through the same
//! reader conventions, on the same JSON: both refuse, or both give the same
//! result (compared by their Debug text, which shows no key).

use super::read_request;
use crate::js_value::proptest_objects::{self, debug, object_of as object_with};
use crate::js_value::read;
use crate::protocol::Request;
use proptest::prelude::*;
use serde_json::{json, Value};

const KINDS: &[&str] = &[
    "guide_action",
    "guide_status",
    "capture_key",
    "send_key",
    "release_key",
    "fill_done",
    "vault_status",
    "clear_vault",
    "open_destination",
    "live_check",
    "test_held_key",
    "form_submitted",
    "Vault_status",
    "unknown",
];

/// Any value a property could hold, fitting or not.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop_oneof![Just("pause"), Just("vault_status"), Just("sk-proj-abc"), Just("")].prop_map(Value::from),
        prop_oneof![Just(0i64), Just(1), Just(4_294_967_296), Just(-1), Just(9_007_199_254_740_993), any::<i64>()]
            .prop_map(Value::from),
        prop_oneof![Just(-0.0f64), Just(1.5), any::<f64>()]
            .prop_map(|n| serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)),
        Just(json!([])),
        Just(json!([1, 2])),
        Just(json!({"kind": "pause"})),
    ]
}

fn or_any(fitting: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    proptest_objects::or_any(fitting, any_value().boxed())
}

fn text(names: &'static [&'static str]) -> BoxedStrategy<Value> {
    proptest_objects::text_or_any(names, any_value().boxed())
}

fn whole() -> BoxedStrategy<Value> {
    or_any(prop_oneof![Just(json!(1)), Just(json!(0)), Just(json!(7.0)), Just(json!(-0.0))].boxed())
}

fn flag() -> BoxedStrategy<Value> {
    or_any(any::<bool>().prop_map(Value::from).boxed())
}

/// An object of some kind with some of every request's properties.
fn request() -> BoxedStrategy<Value> {
    object_with(
        vec![
            ("kind", text(KINDS)),
            ("v", whole()),
            ("action", text(&["done", "back", "pause", "resume", "restart", "Pause", "skip"])),
            ("tab_id", or_any(prop_oneof![Just(json!(3)), Just(json!(-2)), Just(json!(2.5))].boxed())),
            ("key", text(&["sk-proj-abc", ""])),
            ("confirm", flag()),
            ("offer", text(&["0f3a", ""])),
            ("fields", or_any(prop::collection::vec(whole(), 0..3).prop_map(Value::from).boxed())),
            ("filled", whole()),
            ("credit", flag()),
            ("form", whole()),
        ],
        any_value().boxed(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn reads_requests_as_the_derive_does(value in prop_oneof![6 => request(), 1 => any_value()]) {
        prop_assert_eq!(debug(read_request(&value)), debug(read::<Request>(value.clone())));
    }
}

#[test]
fn reads_each_request_and_refuses_a_page_report_here() {
    let pause = read_request(&json!({"kind": "guide_action", "v": 1, "action": "pause", "tab_id": 7})).unwrap();
    assert!(matches!(pause, Request::GuideAction { v: 1, tab_id: Some(7), .. }), "{pause:?}");
    let send = read_request(&json!({"kind": "send_key", "v": 1, "key": "sk-proj-abc", "confirm": true})).unwrap();
    assert!(matches!(&send, Request::SendKey { key, confirm: true, .. } if key.as_str() == "sk-proj-abc"));
    let release = read_request(&json!({"kind": "release_key", "v": 1, "offer": "0f3a", "fields": [2, 5]})).unwrap();
    assert!(matches!(&release, Request::ReleaseKey { fields, .. } if fields == &[2, 5]));
    assert!(read_request(&json!({"kind": "vault_status"})).is_err(), "no version");
    assert!(read_request(&json!({"kind": "page_report", "v": 1, "report": {}})).is_err());
    assert!(read_request(&json!("vault_status")).is_err());
}
