//! The shared key-validation cases (tests/fixtures/key-cases.json), checked
//! against the native validator. tests/e2e/key/key-check.spec.mjs checks the
//! same file against the wasm core in the built extension, so both answer
//! alike.
#![cfg(not(target_arch = "wasm32"))]

use innoslate_key_assistant::key::validate_key;
use serde_json::Value;

fn expand(input: &str, parts: &serde_json::Map<String, Value>) -> String {
    parts
        .iter()
        .fold(input.to_string(), |s, (name, value)| s.replace(&format!("{{{{{name}}}}}"), value.as_str().unwrap()))
}

#[test]
fn every_shared_case_classifies_as_stated() {
    let doc: Value = serde_json::from_str(include_str!("../fixtures/key-cases.json")).unwrap();
    let parts = doc["parts"].as_object().unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 15);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let input = expand(case["input"].as_str().unwrap(), parts);
        let report = serde_json::to_value(validate_key(&input)).unwrap();
        assert_eq!(report["verdict"], case["verdict"], "{name}: {report}");
        if let Some(kind) = case.get("kind") {
            assert_eq!(&report["kind"], kind, "{name}: {report}");
        }
        if let Some(masked) = case.get("masked") {
            assert_eq!(&report["masked"], masked, "{name}: {report}");
        }
        let codes: Vec<&str> =
            report["problems"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
        for code in case["codes"].as_array().unwrap() {
            assert!(codes.contains(&code.as_str().unwrap()), "{name}: wants {code}, got {codes:?}");
        }
        if case["verdict"] == "valid" {
            assert!(
                report["problems"].as_array().unwrap().iter().all(|p| p["severity"] == "warning"),
                "{name}: {report}"
            );
        }
        assert!(
            input.trim().len() < 12 || !report.to_string().contains(input.trim()),
            "{name}: the report repeats the input"
        );
    }
}
