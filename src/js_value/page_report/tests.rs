//! The hand-written reader against serde's derive read through the same
//! reader conventions ([`super::super::read`]), on the same JSON: both
//! refuse, or both give the same report. Compared by their Debug text, so
//! that -0 and 0 count as different.

use super::{read_page_report, read_page_report_request};
use crate::js_value::proptest_objects::{debug, object_of as object_with};
use crate::js_value::read;
use crate::page_report::{PageReport, MAX_ELEMENTS, MAX_TEXT};
use crate::protocol::Request;
use proptest::prelude::*;
use serde_json::{json, Value};

/// What the derive makes of `value`, as the hand reader's result type.
fn reference(value: &Value) -> Option<String> {
    debug(read::<PageReport>(value.clone()))
}

fn by_hand(value: &Value) -> Option<String> {
    debug(read_page_report(value))
}

/// Any value a property could hold, fitting or not.
fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        Just(json!("")),
        "[a-z ]{0,6}".prop_map(Value::from),
        prop_oneof![Just(0u64), Just(7), Just(u64::from(u32::MAX)), Just(u64::from(u32::MAX) + 1), any::<u64>()]
            .prop_map(Value::from),
        prop_oneof![Just(-1i64), Just(i64::MIN), any::<i64>()].prop_map(Value::from),
        prop_oneof![Just(-0.0f64), Just(0.5), Just(-3.25), Just(3.0), Just(1e300), any::<f64>()]
            .prop_map(|n| serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)),
    ]
}

/// A scalar, or a list or object of scalars.
fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => scalar(),
        1 => prop::collection::vec(scalar(), 0..3).prop_map(Value::from),
        1 => prop::collection::vec("[a-z]{0,3}".prop_map(Value::from), 0..3).prop_map(Value::from),
        1 => Just(json!({"x": 1})),
    ]
}

/// An object with some of `names` (and one it does not know), each holding
/// `field(name)`.
fn object_of(names: &'static [&'static str], field: fn(&str) -> BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    object_with(names.iter().map(|&n| (n, field(n))).collect(), value().boxed())
}

const RECT: &[&str] = &["x", "y", "width", "height"];
const DIALOG: &[&str] = &["name", "modal", "description"];
const ELEMENT: &[&str] = &[
    "id",
    "role",
    "name",
    "label",
    "placeholder",
    "section",
    "in_nav",
    "test_id",
    "dialog",
    "form",
    "submit",
    "checked",
    "mixed",
    "selected",
    "disabled",
    "has_value",
    "read_only",
    "value_text",
    "options",
    "row",
    "rect",
];
const REPORT: &[&str] = &["url", "title", "dialogs", "headings", "elements"];

/// Mostly a fitting value for `name` (so that whole reports get read),
/// sometimes any value at all.
fn field(name: &str) -> BoxedStrategy<Value> {
    let fitting = match name {
        "x" | "y" | "width" | "height" => scalar().boxed(),
        "rect" => object_of(RECT, field),
        "dialogs" => prop::collection::vec(object_of(DIALOG, field), 0..3).prop_map(Value::from).boxed(),
        "elements" => prop::collection::vec(object_of(ELEMENT, field), 0..3).prop_map(Value::from).boxed(),
        "headings" | "options" | "row" => {
            prop::collection::vec("[A-Za-z ]{0,8}".prop_map(Value::from), 0..3).prop_map(Value::from).boxed()
        }
        "modal" | "in_nav" | "submit" | "checked" | "mixed" | "selected" | "disabled" | "has_value" | "read_only" => {
            any::<bool>().prop_map(Value::from).boxed()
        }
        "id" | "dialog" | "form" => (0u32..5).prop_map(Value::from).boxed(),
        _ => "[A-Za-z ]{0,8}".prop_map(Value::from).boxed(),
    };
    prop_oneof![4 => fitting, 1 => value()].boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn reads_every_report_as_the_derive_does(report in object_of(REPORT, field)) {
        prop_assert_eq!(by_hand(&report), reference(&report));
    }

    #[test]
    fn reads_any_value_as_the_derive_does(any_value in value()) {
        prop_assert_eq!(by_hand(&any_value), reference(&any_value));
    }

    #[test]
    fn reads_page_report_requests_as_the_derive_does(
        kind in prop_oneof![Just(json!("page_report")), Just(json!("status")), value()],
        v in prop_oneof![3 => Just(json!(1)), 1 => value()],
        report in prop_oneof![3 => object_of(REPORT, field), 1 => value()],
        leave_out in 0..4u8,
    ) {
        let mut message = json!({"kind": kind, "v": v, "report": report});
        match leave_out {
            1 => { message.as_object_mut().unwrap().remove("v"); }
            2 => { message.as_object_mut().unwrap().remove("report"); }
            _ => {}
        }
        let reference = read::<Request>(message.clone()).ok().map(|r| format!("{r:?}"));
        match read_page_report_request(&message) {
            Ok(Some((v, report))) => {
                prop_assert_eq!(Some(format!("{:?}", Request::PageReport { v, report })), reference);
            }
            // Refused by hand: serde refuses it too.
            Err(_) => prop_assert_eq!(reference, None),
            // Left to serde: not a page report, whatever serde makes of it.
            Ok(None) => prop_assert!(!reference.is_some_and(|r| r.starts_with("PageReport"))),
        }
    }
}

#[test]
fn a_request_that_is_not_an_object_is_left_to_serde_or_refused() {
    for message in [json!("page_report"), json!(["page_report", 1]), json!(7), Value::Null] {
        assert!(!matches!(read_page_report_request(&message), Ok(Some(_))), "{message}");
        assert!(read::<Request>(message).is_err());
    }
}

#[test]
fn keeps_what_the_limits_check_needs_to_refuse() {
    // Read in full, then refused by the limits check, as through serde.
    let element = json!({"id": 1, "role": "button", "name": "x".repeat(MAX_TEXT + 1)});
    let report = json!({"elements": vec![element; MAX_ELEMENTS + 1]});
    let read = read_page_report(&report).unwrap();
    assert_eq!(read.elements.len(), MAX_ELEMENTS + 1);
    assert!(!read.within_limits());
    assert_eq!(by_hand(&report), reference(&report));
}

#[test]
fn ids_are_whole_numbers_in_range_and_coordinates_any_number() {
    let with = |id: Value, x: Value| json!({"elements": [{"id": id, "rect": {"x": x}}]});
    let element = |report: &Value| read_page_report(report).map(|r| (r.elements[0].id, r.elements[0].rect.x)).ok();
    assert_eq!(element(&with(json!(3.0), json!(-1.5))), Some((3, -1.5)));
    assert_eq!(element(&with(json!(u32::MAX), json!(-0.0))).map(|(_, x)| x.to_bits()), Some(0.0f64.to_bits()));
    for id in [json!(-1), json!(1.5), json!(u64::from(u32::MAX) + 1), json!("1"), json!(true)] {
        assert_eq!(element(&with(id.clone(), json!(0))), None, "{id}");
        assert_eq!(reference(&with(id.clone(), json!(0))), None, "{id}");
    }
    // null is absent: the field keeps its default.
    assert_eq!(element(&with(Value::Null, Value::Null)), Some((0, 0.0)));
}
