//! Two tiny extensions that exist only for `cargo xtask bench`, written into
//! target/bench/ and never shipped:
//!
//! - the churn floor: one content script that attaches an EMPTY subtree
//!   `MutationObserver` with exactly the options of the guide's own observer
//!   (read from `extension/content/page-changes.js`, so the two cannot drift
//!   apart), in the isolated world, at the same `run_at` as our content
//!   scripts (ours watches from the page's own world: see that file). Loaded
//!   instead of our extension, it measures what any extension that must keep
//!   watching the page pays at the least;
//! - the target floor: the same observer, whose callback reads each record's
//!   `target` and nothing else. Not a goal: it shows how much of what ours
//!   adds over the empty observer is that one read, which any observer
//!   that must know where a change happened pays;
//! - the injection marker: one content script that stamps the page with the
//!   time it ran. Loaded next to ours in the start-up benchmark, it tells
//!   when the browser injected `document_idle` content scripts.

use crate::tools::Result;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The script whose observer the floors copy.
const WATCHER: &str = "extension/content/page-changes.js";
/// The attribute the floor's content script sets once it is observing.
pub const FLOOR_READY_ATTRIBUTE: &str = "data-bench-floor";
/// The attribute the marker's content script sets to its `performance.now()`.
pub const INJECTED_AT_ATTRIBUTE: &str = "data-bench-injected-at";

/// Where the two extensions were written, and the observer options used.
pub struct TestExtensions {
    /// The churn floor's directory.
    pub floor: PathBuf,
    /// The target floor's directory.
    pub target_floor: PathBuf,
    /// The injection marker's directory.
    pub marker: PathBuf,
    /// The `MutationObserver` options copied from page-changes.js.
    pub observer_options: Value,
}

/// Writes both extensions under `dir` from the repository's sources.
pub fn write(root: &Path, dir: &Path) -> Result<TestExtensions> {
    let watcher = read(&root.join(WATCHER))?;
    let manifest: Value =
        serde_json::from_str(&read(&root.join("manifest.json"))?).map_err(|e| format!("manifest.json: {e}"))?;
    // When our content scripts (not the page-world watcher) are injected.
    let isolated = manifest["content_scripts"].as_array().into_iter().flatten().find(|e| e["world"] != "MAIN");
    let run_at = isolated.and_then(|e| e["run_at"].as_str()).unwrap_or("document_idle").to_string();
    let options = observer_options(&watcher)?;

    let floor = dir.join("floor-extension");
    let floor_script = format!(
        "// Test-only: an empty observer, the least a page-watching extension pays.\n\
         'use strict';\n\
         new MutationObserver(() => {{}}).observe(document.documentElement, {options});\n\
         document.documentElement.setAttribute('{FLOOR_READY_ATTRIBUTE}', 'observing');\n"
    );
    write_extension(&floor, "Benchmark floor (test only)", &run_at, &floor_script)?;

    let target_floor = dir.join("target-floor-extension");
    let target_floor_script = format!(
        "// Test-only: an observer that reads each record's target and nothing else.\n\
         'use strict';\n\
         let read = 0;\n\
         new MutationObserver((records) => {{ for (const record of records) if (record.target) read += 1; }})\n\
         \x20 .observe(document.documentElement, {options});\n\
         document.documentElement.setAttribute('{FLOOR_READY_ATTRIBUTE}', 'observing');\n"
    );
    write_extension(&target_floor, "Benchmark target floor (test only)", &run_at, &target_floor_script)?;

    let marker = dir.join("injection-marker-extension");
    let marker_script = format!(
        "// Test-only: when the browser injected content scripts into this page.\n\
         document.documentElement.setAttribute('{INJECTED_AT_ATTRIBUTE}', String(performance.now()));\n"
    );
    write_extension(&marker, "Benchmark injection marker (test only)", &run_at, &marker_script)?;
    Ok(TestExtensions { floor, target_floor, marker, observer_options: options })
}

fn write_extension(dir: &Path, name: &str, run_at: &str, script: &str) -> Result {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let manifest = manifest(name, run_at);
    let files =
        [("manifest.json", serde_json::to_string_pretty(&manifest).unwrap_or_default()), ("content.js", script.into())];
    for (file, text) in files {
        std::fs::write(dir.join(file), text).map_err(|e| format!("{}: {e}", dir.join(file).display()))?;
    }
    Ok(())
}

/// A manifest with one content script on the OpenAI platform and nothing else.
fn manifest(name: &str, run_at: &str) -> Value {
    json!({
        "manifest_version": 3,
        "name": name,
        "version": "0.0.1",
        "content_scripts": [{
            "matches": ["https://platform.openai.com/*"],
            "js": ["content.js"],
            "run_at": run_at,
            "all_frames": false,
        }],
    })
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The call whose options the floors copy.
const OBSERVE_CALL: &str = ".observe(document,";

/// The options object of the watcher's `.observe(document, {...})` call,
/// as JSON.
pub fn observer_options(watcher_source: &str) -> Result<Value> {
    let missing = || format!("{WATCHER} has no `{OBSERVE_CALL} {{...}})` call; update the benchmark's floor extension");
    let start = watcher_source.find(OBSERVE_CALL).ok_or_else(missing)? + OBSERVE_CALL.len();
    let open = start + watcher_source[start..].find('{').ok_or_else(missing)?;
    let literal = object_literal(&watcher_source[open..]).ok_or_else(missing)?;
    serde_json::from_str(&literal_to_json(literal))
        .map_err(|e| format!("{WATCHER}'s observer options are not a plain literal ({e}): {literal}"))
}

/// The text of the object literal at the start of `text`, through its
/// matching closing brace (quotes respected).
fn object_literal(text: &str) -> Option<&str> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '{' || c == '[' => depth += 1,
            None if c == '}' || c == ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(&text[..=i]);
                }
            }
            None => {}
        }
    }
    None
}

/// Rewrites a JS literal of identifiers, strings, booleans, numbers, arrays
/// and objects as JSON: keys quoted, single quotes made double, trailing
/// commas dropped. Anything else is left for the JSON parser to refuse.
fn literal_to_json(literal: &str) -> String {
    let chars: Vec<char> = literal.chars().collect();
    let mut out = String::with_capacity(literal.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' || c == '"' {
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                text.push(chars[i]);
                i += 1;
            }
            out.push_str(&Value::String(text).to_string());
        } else if c.is_ascii_alphabetic() || c == '_' || c == '$' {
            let begin = i;
            while i + 1 < chars.len()
                && (chars[i + 1].is_ascii_alphanumeric() || chars[i + 1] == '_' || chars[i + 1] == '$')
            {
                i += 1;
            }
            let word: String = chars[begin..=i].iter().collect();
            if matches!(word.as_str(), "true" | "false" | "null") {
                out.push_str(&word);
            } else {
                out.push_str(&Value::String(word).to_string());
            }
        } else if c == ',' && chars[i + 1..].iter().find(|c| !c.is_whitespace()).is_some_and(|n| *n == '}' || *n == ']')
        {
            // A trailing comma: JSON has none.
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_observes_with_the_watchers_own_options() {
        let watcher = read(&crate::root().join(WATCHER)).unwrap();
        let options = observer_options(&watcher).unwrap();
        for flag in ["subtree", "childList", "characterData", "attributes"] {
            assert_eq!(options[flag], true, "{flag} in {options}");
        }
        // Every option of the call made it across, none invented.
        let call = watcher.split(OBSERVE_CALL).nth(1).unwrap();
        let literal = object_literal(&call[call.find('{').unwrap()..]).unwrap();
        for key in options.as_object().unwrap().keys() {
            assert!(literal.contains(&format!("{key}:")), "{key} not in {literal}");
        }
        assert_eq!(options.as_object().unwrap().len(), literal.matches(':').count());
    }

    #[test]
    fn literals_become_json_with_quotes_keys_and_trailing_commas_handled() {
        let source =
            "x; observer.observe(document, {\n  a: true, 'b': [\"it's\", 'say \"hi\"', ],\n  c: { d: 3 },\n});";
        assert_eq!(observer_options(source).unwrap(), json!({"a": true, "b": ["it's", "say \"hi\""], "c": {"d": 3}}));
    }

    #[test]
    fn a_changed_observe_call_is_reported_not_guessed() {
        let err = observer_options("observer.observe(document.body, { subtree: true });").unwrap_err();
        assert!(err.contains("update the benchmark"), "{err}");
        let err = observer_options("observer.observe(document, { subtree: someFlag() });").unwrap_err();
        assert!(err.contains("not a plain literal"), "{err}");
        assert!(observer_options("observer.observe(document, { subtree: true").is_err());
    }

    #[test]
    fn the_extensions_are_written_with_one_content_script_each() {
        let dir = std::env::temp_dir().join(format!("ika-bench-ext-test-{}", std::process::id()));
        let written = write(&crate::root(), &dir).unwrap();
        let floor = read(&written.floor.join("content.js")).unwrap();
        assert!(floor.contains(&format!("observe(document.documentElement, {})", written.observer_options)), "{floor}");
        assert!(floor.contains("new MutationObserver(() => {})"), "{floor}");
        let target_floor = read(&written.target_floor.join("content.js")).unwrap();
        assert!(
            target_floor.contains(&format!("observe(document.documentElement, {})", written.observer_options)),
            "{target_floor}"
        );
        assert!(
            target_floor.contains("record.target") && target_floor.contains(FLOOR_READY_ATTRIBUTE),
            "{target_floor}"
        );
        let marker = read(&written.marker.join("content.js")).unwrap();
        assert!(marker.contains(INJECTED_AT_ATTRIBUTE) && !marker.contains("MutationObserver"), "{marker}");
        let ours: Value = serde_json::from_str(&read(&crate::root().join("manifest.json")).unwrap()).unwrap();
        // Our content scripts' entries, not the page-world watcher's (document_start).
        let isolated = ours["content_scripts"].as_array().unwrap().iter().find(|e| e["world"] != "MAIN").unwrap();
        assert_eq!(isolated["run_at"], "document_idle");
        for dir in [&written.floor, &written.target_floor, &written.marker] {
            let manifest: Value = serde_json::from_str(&read(&dir.join("manifest.json")).unwrap()).unwrap();
            assert_eq!(manifest["content_scripts"][0]["js"], json!(["content.js"]));
            assert_eq!(manifest["content_scripts"][0]["run_at"], isolated["run_at"]);
            assert!(manifest.get("background").is_none() && manifest.get("permissions").is_none());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
