//! The hand-written readers against serde's derive read through the same
//! reader conventions, on the same JSON: both refuse, or both give the same
//! facts (compared by their Debug text).

use super::{read_own_identity, read_sender};
use crate::js_value::proptest_objects::{debug, object_of as object_with};
use crate::js_value::read;
use crate::sender_check::{OwnIdentity, SenderFacts};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Any value a property could hold, fitting or not.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        "[a-z:/.]{0,8}".prop_map(Value::from),
        prop_oneof![Just(0i64), Just(-1), Just(3), Just(9_007_199_254_740_991), Just(-9_007_199_254_740_991)]
            .prop_map(Value::from),
        prop_oneof![Just(9_007_199_254_740_992i64), Just(i64::MIN), any::<i64>()].prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop_oneof![Just(-0.0f64), Just(0.5), Just(2.0), Just(-7.0), Just(1e300), any::<f64>()]
            .prop_map(|n| serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)),
        Just(json!(["x"])),
        Just(json!({"x": 1})),
    ]
}

const SENDER: &[&str] = &["id", "url", "origin", "frame_id", "in_tab", "tab_id", "document_id"];

/// Mostly a fitting value for `name`, sometimes any value at all.
fn field(name: &'static str) -> BoxedStrategy<Value> {
    let fitting = match name {
        "frame_id" | "tab_id" => (-2i64..100).prop_map(Value::from).boxed(),
        "in_tab" => any::<bool>().prop_map(Value::from).boxed(),
        _ => "[a-z:/.]{0,8}".prop_map(Value::from).boxed(),
    };
    prop_oneof![3 => fitting, 1 => any_value()].boxed()
}

/// An object with some of `names` (and one it does not know).
fn object_of(names: &'static [&'static str]) -> BoxedStrategy<Value> {
    object_with(names.iter().map(|&n| (n, field(n))).collect(), any_value().boxed())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn reads_sender_facts_as_the_derive_does(value in prop_oneof![4 => object_of(SENDER), 1 => any_value()]) {
        prop_assert_eq!(debug(read_sender(&value)), debug(read::<SenderFacts>(value.clone())));
    }

    #[test]
    fn reads_the_own_identity_as_the_derive_does(value in prop_oneof![4 => object_of(&["id", "origin"]), 1 => any_value()]) {
        prop_assert_eq!(debug(read_own_identity(&value)), debug(read::<OwnIdentity>(value.clone())));
    }
}

#[test]
fn tab_and_frame_ids_are_whole_numbers_a_js_number_holds_exactly() {
    let tab = |id: Value| read_sender(&json!({"tab_id": id})).ok().map(|s| s.tab_id);
    assert_eq!(tab(json!(7.0)), Some(Some(7)));
    assert_eq!(tab(json!(-9_007_199_254_740_991i64)), Some(Some(-9_007_199_254_740_991)));
    assert_eq!(tab(Value::Null), Some(None));
    for refused in [json!(1.5), json!(9_007_199_254_740_992i64), json!("7"), json!(true)] {
        assert_eq!(tab(refused.clone()), None, "{refused}");
        assert!(read::<SenderFacts>(json!({"tab_id": refused})).is_err());
    }
}
