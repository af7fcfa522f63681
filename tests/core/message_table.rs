//! One message table: the core's admission table and its browser-only rows
//! (`src/authorisation.rs`) are the source; the background's twin
//! (`extension/background/browser-messages.js`), ARCHITECTURE.md's message
//! table and the kinds the extension's scripts send must agree with it.
// Native only: the source tree is not there in wasm.
#![cfg(not(target_arch = "wasm32"))]

use innoslate_key_assistant::authorisation::{BROWSER_ONLY, GUIDE_SITES, TABLE};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// A row as the test compares it: kind, who answers, who may send it.
type Row = (String, String, Vec<String>);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `GuideSite` → `guide_site`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Every row of the code's table, core kinds first.
fn code_rows() -> Vec<Row> {
    let core = TABLE.iter().map(|r| {
        let from = r.from.iter().map(|p| snake(&format!("{p:?}"))).collect();
        (snake(&format!("{:?}", r.kind)), "core".to_owned(), from)
    });
    let browser = BROWSER_ONLY.iter().map(|r| {
        let from = r.from.iter().map(|p| snake(&format!("{p:?}"))).collect();
        (r.kind.to_owned(), snake(&format!("{:?}", r.to)).replace('_', " "), from)
    });
    core.chain(browser).collect()
}

/// The words between backticks in `text`, in order.
fn quoted(text: &str) -> Vec<String> {
    text.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

/// The rows of the table under ARCHITECTURE.md's `| `kind` | answered by |` header.
fn documented_rows(doc: &str) -> Vec<Row> {
    let mut lines = doc.lines().skip_while(|l| !l.starts_with("| `kind` | answered by | who may send it |"));
    assert!(lines.next().is_some(), "ARCHITECTURE.md has no message table");
    lines
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_owned(), cells[2].to_owned(), quoted(cells[3]))
        })
        .collect()
}

/// The rows of the twin's `BROWSER_ONLY`, one per line:
/// `kind: { from: ['part', …], to: 'part' },`.
fn twin_rows(js: &str) -> Vec<Row> {
    js.lines()
        .skip_while(|l| !l.starts_with("export const BROWSER_ONLY = {"))
        .skip(1)
        .take_while(|l| !l.starts_with("};"))
        .map(|l| {
            let (kind, rest) = l.trim().split_once(": { from: [").expect(l);
            let (from, to) = rest.split_once("], to: ").expect(l);
            let names = |t: &str| t.split('\'').skip(1).step_by(2).map(str::to_owned).collect::<Vec<_>>();
            (kind.to_owned(), names(to)[0].replace('_', " "), names(from))
        })
        .collect()
}

fn scripts(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            scripts(&path, into);
        } else if path.extension().is_some_and(|e| e == "js") {
            into.push(path);
        }
    }
}

/// Every kind the extension's scripts put in a message they send (an
/// object literal that starts with its `kind`).
fn kinds_sent() -> BTreeSet<String> {
    let mut files = Vec::new();
    scripts(&root().join("extension"), &mut files);
    let mut kinds = BTreeSet::new();
    for file in files {
        let text = fs::read_to_string(file).unwrap();
        for piece in text.split("{ kind: '").skip(1) {
            kinds.insert(piece.split('\'').next().unwrap().to_owned());
        }
    }
    kinds
}

#[test]
fn architecture_md_lists_the_code_table() {
    let doc = fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    assert_eq!(documented_rows(&doc), code_rows());
}

#[test]
fn the_background_checks_the_same_browser_only_rows() {
    let js = fs::read_to_string(root().join("extension/background/browser-messages.js")).unwrap();
    let browser_only: Vec<Row> = code_rows().into_iter().filter(|r| r.1 != "core").collect();
    assert_eq!(twin_rows(&js), browser_only);
    let sites = js.lines().find(|l| l.starts_with("export const GUIDE_SITES = [")).expect("GUIDE_SITES");
    assert_eq!(sites.split('\'').skip(1).step_by(2).collect::<Vec<_>>(), GUIDE_SITES);
}

#[test]
fn every_kind_sent_has_a_row_and_every_row_is_sent() {
    let rows: BTreeSet<String> = code_rows().into_iter().map(|r| r.0).collect();
    assert_eq!(kinds_sent(), rows);
}

/// The parsers read what they are meant to, so a table that drifts fails.
#[test]
fn the_readers_see_a_changed_row() {
    let doc = "| `kind` | answered by | who may send it | for |\n|---|---|---|---|\n| `refresh` | content script | `extension` | x |\n";
    assert_eq!(documented_rows(doc), vec![("refresh".into(), "content script".into(), vec!["extension".into()])]);
    let js =
        "export const BROWSER_ONLY = {\n  refresh: { from: ['extension', 'background'], to: 'content_script' },\n};\n";
    assert_eq!(
        twin_rows(js),
        vec![("refresh".into(), "content script".into(), vec!["extension".into(), "background".into()])]
    );
    assert_ne!(twin_rows(js), code_rows().into_iter().filter(|r| r.0 == "refresh").collect::<Vec<_>>());
}
