//! Reads where the guide is in a tab (`{step, paused, guide_off}`, for the
//! diagnostic report) by hand, to the same rules as serde's derive through
//! [`super::read`] (checked by the tests below).

use super::fields::{flag_at, maybe_text_at, record, Read};
use super::source::Source;
use crate::diagnostic::GuideSummary;

/// Reads `value` as a [`GuideSummary`]; absent properties take their defaults.
pub fn read_guide_summary<S: Source>(value: &S) -> Read<GuideSummary> {
    record(value)?;
    let step = maybe_text_at(value, "step")?;
    let paused = flag_at(value, "paused")?.unwrap_or_default();
    let guide_off = flag_at(value, "guide_off")?.unwrap_or_default();
    Ok(GuideSummary { step, paused, guide_off })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::read_guide_summary;
    use crate::diagnostic::GuideSummary;
    use crate::js_value::proptest_objects::{debug, object_of};
    use crate::js_value::read;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn any_value() -> BoxedStrategy<Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            prop_oneof![Just("create-key"), Just("")].prop_map(Value::from),
            Just(json!(1)),
            Just(json!([])),
            Just(json!({})),
        ]
        .boxed()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn reads_summaries_as_the_derive_does(
            value in prop_oneof![
                4 => object_of(vec![("step", any_value()), ("paused", any_value()), ("guide_off", any_value())], any_value()),
                1 => any_value(),
            ]
        ) {
            prop_assert_eq!(debug(read_guide_summary(&value)), debug(read::<GuideSummary>(value.clone())));
        }
    }

    #[test]
    fn reads_a_paused_step() {
        let summary = read_guide_summary(&json!({"step": "create-key", "paused": true})).unwrap();
        assert_eq!((summary.step.as_deref(), summary.paused, summary.guide_off), (Some("create-key"), true, false));
    }
}
