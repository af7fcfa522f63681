//! For the hand readers' property tests: JSON objects with some of their
//! fields and one the readers do not know, as messages arrive.

use proptest::prelude::*;
use serde_json::{Map, Value};

/// An object holding each of `fields` seven times in ten, and sometimes a
/// property named `unknown` holding `unknown`.
pub fn object_of(
    fields: Vec<(&'static str, BoxedStrategy<Value>)>,
    unknown: BoxedStrategy<Value>,
) -> BoxedStrategy<Value> {
    let entries: Vec<_> =
        fields.into_iter().map(|(n, s)| prop::option::weighted(0.7, s).prop_map(move |v| (n, v))).collect();
    (entries, prop::option::of(unknown))
        .prop_map(|(entries, unknown)| {
            let mut object: Map<String, Value> =
                entries.into_iter().filter_map(|(n, v)| Some((n.to_owned(), v?))).collect();
            if let Some(v) = unknown {
                object.insert("unknown".to_owned(), v);
            }
            Value::Object(object)
        })
        .boxed()
}

/// Mostly `fitting`, sometimes `any` (any value at all, fitting or not).
pub fn or_any(fitting: BoxedStrategy<Value>, any: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![3 => fitting, 1 => any].boxed()
}

/// One of `names` as a string, or sometimes `any`.
pub fn text_or_any(names: &'static [&'static str], any: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    or_any(prop::sample::select(names).prop_map(Value::from).boxed(), any)
}

/// A reader's result as its Debug text, so that -0 and 0 differ.
pub fn debug<T: std::fmt::Debug, E>(read: Result<T, E>) -> Option<String> {
    read.ok().map(|r| format!("{r:?}"))
}
