//! The failed and flaky tests of a Playwright JSON report, as a few lines
//! each: the Chromium e2e suites print to the terminal, and a CI log that
//! keeps only its end would otherwise lose which test failed and why.

use serde_json::Value;

/// How many lines of a failed test's first error are kept.
const ERROR_LINES: usize = 12;

/// One paragraph per test that failed or passed only on a retry, and one
/// per error outside any test (a crashed worker, a broken config). Each
/// starts with "FAILED", "flaky" or "error".
pub fn summary(report: &str) -> Vec<String> {
    let Ok(report) = serde_json::from_str::<Value>(report) else {
        return vec!["error: the e2e report could not be read as JSON".into()];
    };
    let mut out = Vec::new();
    for suite in list(&report, "suites") {
        collect(suite, &mut out);
    }
    for error in list(&report, "errors") {
        out.push(format!("error outside any test:\n{}", first_lines(&message(error))));
    }
    out
}

fn collect(suite: &Value, out: &mut Vec<String>) {
    for spec in list(suite, "specs") {
        for test in list(spec, "tests") {
            let status = text(test, "status");
            if status != "unexpected" && status != "flaky" {
                continue;
            }
            let failed = list(test, "results").iter().find(|r| !matches!(text(r, "status"), "passed" | "skipped"));
            let error = failed.and_then(|r| r.get("error")).map(message).unwrap_or_default();
            out.push(format!(
                "{} {}:{} › {} [{}]\n{}",
                if status == "flaky" { "flaky" } else { "FAILED" },
                text(spec, "file"),
                spec.get("line").and_then(Value::as_u64).unwrap_or(0),
                text(spec, "title"),
                text(test, "projectName"),
                first_lines(&error),
            ));
        }
    }
    for inner in list(suite, "suites") {
        collect(inner, out);
    }
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

fn message(error: &Value) -> String {
    text(error, "message").to_string()
}

/// The first lines of a message, its terminal colour codes removed.
fn first_lines(message: &str) -> String {
    let plain = strip_colours(message);
    plain.lines().take(ERROR_LINES).map(|line| format!("    {line}")).collect::<Vec<_>>().join("\n")
}

fn strip_colours(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // ESC [ parameters letter
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::summary;

    const REPORT: &str = r#"{
      "suites": [{
        "title": "a.spec.mjs", "file": "a.spec.mjs",
        "specs": [
          {"title": "passes", "file": "a.spec.mjs", "line": 3,
           "tests": [{"projectName": "chromium", "status": "expected", "results": [{"status": "passed"}]}]},
          {"title": "breaks", "file": "a.spec.mjs", "line": 9,
           "tests": [{"projectName": "chromium", "status": "unexpected",
                      "results": [{"status": "failed", "error": {"message": "\u001b[31mExpected: 1\u001b[39m\nReceived: 2"}}]}]}
        ],
        "suites": [{"title": "inner", "specs": [
          {"title": "wobbles", "file": "a.spec.mjs", "line": 20,
           "tests": [{"projectName": "long", "status": "flaky",
                      "results": [{"status": "timedOut", "error": {"message": "Test timeout of 30000ms exceeded."}}, {"status": "passed"}]}]}
        ]}]
      }],
      "errors": [{"message": "worker crashed"}]
    }"#;

    #[test]
    fn names_each_failed_and_flaky_test_with_its_first_error() {
        let lines = summary(REPORT);
        assert_eq!(
            lines,
            vec![
                "FAILED a.spec.mjs:9 › breaks [chromium]\n    Expected: 1\n    Received: 2".to_string(),
                "flaky a.spec.mjs:20 › wobbles [long]\n    Test timeout of 30000ms exceeded.".to_string(),
                "error outside any test:\n    worker crashed".to_string(),
            ]
        );
    }

    #[test]
    fn an_unreadable_report_says_so() {
        assert_eq!(summary("not json"), vec!["error: the e2e report could not be read as JSON".to_string()]);
    }
}
