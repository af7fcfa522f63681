//! The hand-written reader against serde's derive read through the same
//! reader conventions, on the same JSON: both refuse, or both give the same
//! result (compared by their Debug text).

use super::read_context;
use crate::dispatch::Context;
use crate::js_value::proptest_objects::{self, debug, object_of as object_with};
use crate::js_value::read;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Any value a property could hold, fitting or not.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop_oneof![Just("ask"), Just("required"), Just("Off"), Just("step-1"), Just("")].prop_map(Value::from),
        prop_oneof![Just(0i64), Just(255), Just(256), Just(-1), any::<i64>()].prop_map(Value::from),
        prop_oneof![Just(-0.0f64), Just(3.5), Just(1.7e12), any::<f64>()]
            .prop_map(|n| serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)),
        Just(json!([])),
        Just(json!(["a", 1])),
        Just(json!({"kind": "off"})),
    ]
}

fn object_of(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
    object_with(fields, any_value().boxed())
}

fn or_any(fitting: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    proptest_objects::or_any(fitting, any_value().boxed())
}

fn text(names: &'static [&'static str]) -> BoxedStrategy<Value> {
    proptest_objects::text_or_any(names, any_value().boxed())
}

fn flag() -> BoxedStrategy<Value> {
    or_any(any::<bool>().prop_map(Value::from).boxed())
}

fn number() -> BoxedStrategy<Value> {
    or_any(prop_oneof![Just(json!(0)), Just(json!(1_700_000_000_000u64)), Just(json!(2.5)), Just(json!(-0.0))].boxed())
}

fn texts() -> BoxedStrategy<Value> {
    or_any(prop::collection::vec(text(&["step-1", "create-key", ""]), 0..3).prop_map(Value::from).boxed())
}

fn context() -> BoxedStrategy<Value> {
    let progress = object_of(vec![
        ("step", text(&["create-key", ""])),
        ("furthest", or_any(prop_oneof![Just(0u32), Just(3), Just(255), Just(256)].prop_map(Value::from).boxed())),
        ("done", texts()),
        ("paused", flag()),
        ("skipped", texts()),
        ("back_to", text(&["step-1"])),
        ("page", text(&["https://platform.openai.com/api-keys", ""])),
    ]);
    let replacing = object_of(vec![
        ("origin", text(&["https://cloud.innoslate.com"])),
        ("id", text(&["r1", ""])),
        ("name", text(&["Innoslate key"])),
        ("masked", text(&["sk-...abcd"])),
        ("revoke", flag()),
    ]);
    object_of(vec![
        ("progress", or_any(progress)),
        ("guide_off", flag()),
        ("destination", text(&["https://cloud.innoslate.com"])),
        ("ttl_ms", number()),
        ("now_ms", number()),
        ("offer_nonce", text(&["9b1f", ""])),
        ("live_check", text(&["off", "ask", "required", "sometimes"])),
        ("replacing", or_any(replacing)),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn reads_contexts_as_the_derive_does(value in prop_oneof![5 => context(), 1 => any_value()]) {
        prop_assert_eq!(debug(read_context(&value)), debug(read::<Context>(value.clone())));
    }
}

#[test]
fn reads_a_whole_context_and_refuses_a_step_number_past_a_byte() {
    let context = json!({
        "progress": {"step": "create-key", "furthest": 3, "done": ["sign-in"], "page": "https://platform.openai.com/api-keys"},
        "now_ms": 1_700_000_000_000u64,
        "live_check": "required",
        "replacing": {"origin": "https://cloud.innoslate.com", "id": "r1", "masked": "sk-...abcd", "revoke": true},
    });
    let read = format!("{:?}", read_context(&context).unwrap());
    for part in ["create-key", "furthest: 3", "sign-in", "1700000000000", "Required", "sk-...abcd", "revoke: true"] {
        assert!(read.contains(part), "{part}: {read}");
    }
    assert!(read_context(&json!({"progress": {"furthest": 256}})).is_err());
    assert!(read_context(&json!({"live_check": "sometimes"})).is_err());
    assert!(read_context(&json!([])).is_err());
}
