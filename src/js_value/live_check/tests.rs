//! The hand-written reader against serde's derive read through the same
//! reader conventions, on the same JSON: both refuse, or both give the same
//! result (compared by their Debug text).

use super::read_probe_result;
use crate::js_value::proptest_objects::{self, debug, object_of as object_with};
use crate::js_value::read;
use crate::live_check::ProbeResult;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Any value a property could hold, fitting or not.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop_oneof![Just("models"), Just("credit"), Just("timeout"), Just("Models"), Just("")].prop_map(Value::from),
        prop_oneof![Just(0i64), Just(200), Just(65_535), Just(65_536), Just(-1), any::<i64>()].prop_map(Value::from),
        prop_oneof![Just(-0.0f64), Just(200.0), Just(200.5), any::<f64>()]
            .prop_map(|n| serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)),
        Just(json!([])),
        Just(json!({"kind": "models"})),
    ]
}

/// An object with some of `fields` (and one it does not know).
fn object_of(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
    object_with(fields, any_value().boxed())
}

fn or_any(fitting: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    proptest_objects::or_any(fitting, any_value().boxed())
}

fn text(names: &'static [&'static str]) -> BoxedStrategy<Value> {
    proptest_objects::text_or_any(names, any_value().boxed())
}

fn result() -> BoxedStrategy<Value> {
    let error = object_of(vec![
        ("message", text(&["Incorrect API key", ""])),
        ("type", text(&["invalid_request_error"])),
        ("code", text(&["invalid_api_key", "insufficient_quota"])),
    ]);
    let model = object_of(vec![("id", text(&["gpt-4o", "dall-e-3", ""]))]);
    let body = object_of(vec![
        ("error", or_any(error)),
        ("data", or_any(prop::collection::vec(or_any(model), 0..3).prop_map(Value::from).boxed())),
    ]);
    object_of(vec![
        ("id", text(&["models", "moderation", "credit", "other"])),
        ("status", or_any(prop_oneof![Just(0u32), Just(200), Just(401), Just(429)].prop_map(Value::from).boxed())),
        ("failure", text(&["timeout", "network_error", "no_permission", "lost"])),
        ("body", or_any(body)),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn reads_results_as_the_derive_does(value in prop_oneof![5 => result(), 1 => any_value()]) {
        prop_assert_eq!(debug(read_probe_result(&value)), debug(read::<ProbeResult>(value.clone())));
    }
}

#[test]
fn reads_a_whole_answer_and_refuses_an_unknown_probe() {
    let answer = json!({"id": "models", "status": 200.0, "body": {"data": [{"id": "gpt-4o"}], "error": null}});
    let read = format!("{:?}", read_probe_result(&answer).unwrap());
    assert!(read.contains("Models") && read.contains("200") && read.contains("gpt-4o"), "{read}");
    assert!(read_probe_result(&json!({"id": "billing", "status": 200})).is_err());
    assert!(read_probe_result(&json!({"status": 200})).is_err());
    assert!(read_probe_result(&json!({"id": "models", "status": 70_000})).is_err());
}
