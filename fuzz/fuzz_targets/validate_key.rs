//! Fuzz `validate_key` / `accept_key`: no panics, the report never carries
//! the pasted key, and an accepted key checks the same way on its own.
//!
//! Run: RUSTC_BOOTSTRAP=1 cargo fuzz run validate_key -- -max_total_time=600
#![no_main]

use innoslate_key_assistant::key::{accept_key, validate_key, ProblemCode, Verdict};
use libfuzzer_sys::fuzz_target;

fn assert_absent(report_text: &str, fields: &[&str], secret: &str) {
    assert!(!report_text.contains(secret), "report leaks the key");
    for field in fields {
        assert!(!field.contains(secret), "a report field leaks the key");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let report = validate_key(input);
    let accepted = accept_key(input);

    let same = match &accepted {
        Ok((r, _)) | Err(r) => r,
    };
    assert_eq!(same, &report, "accept_key and validate_key disagree");
    assert_eq!(accepted.is_ok(), report.verdict != Verdict::Invalid);

    let debug = format!("{report:?}");
    // Messages are ids and values of ours, all in the Debug form above.
    let mut fields: Vec<&str> = Vec::new();
    if let Some(m) = &report.masked {
        fields.push(m);
    }

    if input.len() >= 12 && input.starts_with("sk-") {
        assert_absent(&debug, &fields, input);
    }

    if let Ok((_, secret)) = &accepted {
        let key = secret.expose_secret();
        if key.chars().count() >= 12 {
            assert_absent(&debug, &fields, key);
            assert!(!format!("{secret:?}").contains(key), "SecretKey Debug leaks");
        }
        // The kept key is already normalised and checks the same way.
        let again = validate_key(key);
        assert_eq!((again.verdict, again.kind), (report.verdict, report.kind));
        assert!(again.problems.iter().all(|p| p.code == ProblemCode::UnknownShape));
        assert_eq!(again.masked, report.masked);
    }
});
