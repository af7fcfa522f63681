//! The core's modules depend on each other without a cycle, and the wire
//! vocabulary (`protocol`) is used only at the edge: by the admission table,
//! the handlers, the wasm binding and its value conversion. Read from the source, so a `use` that
//! brings a cycle back fails here rather than in review.
// Native only: the source tree is not there in wasm.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Modules that may speak the wire vocabulary (`js_value` reads the requests
/// for the binding).
const PROTOCOL_EDGE: &[&str] = &["authorisation", "dispatch", "js_value", "wasm_api"];

/// The source of one file without comments and without its test module.
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

fn is_test_file(path: &Path) -> bool {
    let name = path.file_stem().unwrap().to_string_lossy();
    name == "tests" || name.starts_with("tests_") || name.ends_with("_tests")
}

fn files(dir: &Path, into: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") && !is_test_file(&path) {
            into.push(path);
        }
    }
}

/// Top-level module -> the top-level modules its code names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let top = |p: &Path| {
        let first = p.strip_prefix(&src).unwrap().components().next().unwrap();
        first.as_os_str().to_string_lossy().trim_end_matches(".rs").to_owned()
    };
    let modules: BTreeSet<String> = all.iter().map(|p| top(p)).filter(|m| m != "lib").collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for path in &all {
        let from = top(path);
        if from == "lib" {
            continue;
        }
        for piece in code_of(path).split("crate::").skip(1) {
            let to: String = piece.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if to != from && modules.contains(&to) {
                graph.get_mut(&from).unwrap().insert(to);
            }
        }
    }
    graph
}

/// A path from `from` back to itself, if there is one.
fn cycle_through(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![from.to_owned()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        for next in &graph[path.last().unwrap()] {
            if next == from {
                return Some([path.clone(), vec![next.clone()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push([path.clone(), vec![next.clone()]].concat());
            }
        }
    }
    None
}

#[test]
fn only_the_edge_speaks_the_wire_vocabulary() {
    for (module, uses) in graph() {
        if uses.contains("protocol") {
            assert!(PROTOCOL_EDGE.contains(&module.as_str()), "{module} uses crate::protocol");
        }
    }
}

#[test]
fn the_modules_depend_on_each_other_without_a_cycle() {
    let graph = graph();
    for module in graph.keys() {
        assert_eq!(cycle_through(&graph, module), None, "a cycle through {module}");
    }
}

/// The check itself finds a cycle when there is one.
#[test]
fn a_cycle_is_found() {
    let mut graph = graph();
    graph.get_mut("origin").unwrap().insert("dispatch".into());
    assert!(cycle_through(&graph, "origin").is_some());
}
