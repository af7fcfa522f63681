//! The core's text normalisation against the shared fixture; the content
//! script's copy (extension/content/spotter.js) is checked against the same
//! list in tests/unit/spotter.test.mjs.

use innoslate_key_assistant::guide::normalise;
use serde_json::Value;

#[test]
fn core_normalisation_matches_the_shared_fixture() {
    let doc: Value = serde_json::from_str(include_str!("../fixtures/text-normalisation.json")).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let input = case["input"].as_str().unwrap();
        assert_eq!(normalise(input), case["normalised"].as_str().unwrap(), "input {input:?}");
    }
}
