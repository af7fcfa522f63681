//! Reads the key mirrored in session storage (`{key, destination,
//! expires_at_ms}`, every property required) by hand, to the same rules as
//! serde's derive through [`super::read`] (checked by the tests below).

use super::fields::{coordinate, present, record, text, Read};
use super::source::Source;
use super::Unfit;
use zeroize::Zeroizing;

/// The mirrored key, its destination and its deadline.
pub struct VaultRecord {
    /// The key, zeroed when dropped.
    pub key: Zeroizing<String>,
    /// The origin the key may go to.
    pub destination: String,
    /// When the key expires.
    pub expires_at_ms: f64,
}

/// Reads `value` as a [`VaultRecord`]; the key is read last, straight into
/// a buffer that is zeroed however the reading ends.
pub fn read_vault_record<S: Source>(value: &S) -> Read<VaultRecord> {
    record(value)?;
    let destination = text(&present(value, "destination")?.ok_or(Unfit)?)?;
    let expires_at_ms = coordinate(&present(value, "expires_at_ms")?.ok_or(Unfit)?)?;
    let key = Zeroizing::new(text(&present(value, "key")?.ok_or(Unfit)?)?);
    Ok(VaultRecord { key, destination, expires_at_ms })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::read_vault_record;
    use crate::js_value::read;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    /// The record as the binding read it through serde's derive.
    #[derive(Debug, serde::Deserialize)]
    struct Derived {
        key: String,
        destination: String,
        expires_at_ms: f64,
    }

    fn any_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            prop_oneof![Just("sk-proj-abc"), Just("https://cloud.innoslate.com"), Just("")].prop_map(Value::from),
            prop_oneof![Just(json!(1_700_000_000_000u64)), Just(json!(-0.0)), Just(json!(2.5)), Just(json!(-3))],
            Just(json!([])),
            Just(json!({})),
        ]
    }

    fn as_derived(read: Result<super::VaultRecord, crate::js_value::Unfit>) -> Option<String> {
        read.ok().map(|r| format!("{:?}", (r.key.as_str(), r.destination, r.expires_at_ms)))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn reads_records_as_the_derive_does(
            fields in prop::collection::vec(prop::option::weighted(0.8, any_value()), 3),
            whole in any_value(),
            whole_instead in any::<bool>(),
        ) {
            let value = if whole_instead {
                whole
            } else {
                let mut object = serde_json::Map::new();
                for (name, v) in ["key", "destination", "expires_at_ms"].into_iter().zip(fields) {
                    if let Some(v) = v {
                        object.insert(name.to_owned(), v);
                    }
                }
                Value::Object(object)
            };
            let derived = read::<Derived>(value.clone()).ok().map(|d| format!("{:?}", (d.key.as_str(), d.destination, d.expires_at_ms)));
            prop_assert_eq!(as_derived(read_vault_record(&value)), derived);
        }
    }

    #[test]
    fn needs_every_property() {
        let whole = json!({"key": "sk-proj-abc", "destination": "https://cloud.innoslate.com", "expires_at_ms": 5});
        let record = read_vault_record(&whole).unwrap();
        assert_eq!(
            (record.key.as_str(), record.destination.as_str(), record.expires_at_ms),
            ("sk-proj-abc", "https://cloud.innoslate.com", 5.0)
        );
        for missing in ["key", "destination", "expires_at_ms"] {
            let mut part = whole.clone();
            part.as_object_mut().unwrap().remove(missing);
            assert!(read_vault_record(&part).is_err(), "{missing}");
        }
    }
}
