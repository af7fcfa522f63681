//! The wasm core's import and export names, shortened.
//!
//! wasm-bindgen names each import after its JS function and a hash
//! (`__wbg_get_d7176cfb76d71114`), and their module after the glue file;
//! as letters they take 0.8 KB gzip off the core. wasm-opt renames them and
//! prints the mapping; the glue wasm-bindgen wrote is then changed to match,
//! and the build stops if any old name is left in it.

use crate::root;
use crate::tools::{self, Result};
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::Command;

/// Renames the imports and exports of `wasm` and their uses in `glue`.
pub fn shorten(wasm: &Path, glue: &Path, features: &[&str]) -> Result {
    let wasm_arg = wasm.to_string_lossy().into_owned();
    let mut args = vec!["--minify-imports-and-exports-and-modules"];
    args.extend_from_slice(features);
    args.extend_from_slice(&[wasm_arg.as_str(), "-o", wasm_arg.as_str()]);
    let wasm_opt = tools::node_bin("wasm-opt");
    eprintln!("+ {wasm_opt} {}", args.join(" "));
    let out = Command::new(&wasm_opt)
        .args(&args)
        .current_dir(root())
        .output()
        .map_err(|e| format!("could not start {wasm_opt}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{wasm_opt} --minify-imports-and-exports-and-modules failed ({})", out.status));
    }
    let mapping: Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("wasm-opt's renaming map did not parse: {e}"))?;
    let modules = import_modules(&fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?)?;
    let [module] = modules.as_slice() else { return Err(format!("the core imports from {modules:?}, not one module")) };
    let js = fs::read_to_string(glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    let js = rename_in_glue(&js, &mapping, module)?;
    fs::write(glue, js).map_err(|e| format!("{}: {e}", glue.display()))
}

/// The glue with each import key, import module and `wasm.<export>` renamed
/// as `mapping` says (`{"imports": [[module, name, new]], "exports": [[name, new]]}`).
fn rename_in_glue(js: &str, mapping: &Value, new_module: &str) -> Result<String> {
    let triples = |key: &str| -> Result<Vec<Vec<String>>> {
        mapping[key]
            .as_array()
            .ok_or(format!("wasm-opt's renaming map has no {key}"))?
            .iter()
            .map(|row| {
                row.as_array()
                    .map(|cells| cells.iter().filter_map(|c| c.as_str().map(str::to_owned)).collect())
                    .ok_or(format!("wasm-opt's renaming map: {row} is not a row"))
            })
            .collect()
    };
    let mut js = js.to_owned();
    let mut modules = Vec::new();
    for row in triples("imports")? {
        let [module, name, new] = row.as_slice() else { return Err(format!("import row {row:?}")) };
        js = replace_word(&js, &format!("{name}:"), &format!("{new}:"), Some(1))?;
        if !modules.contains(module) {
            modules.push(module.clone());
        }
    }
    for module in &modules {
        js = replace_word(&js, &format!("\"{module}\":"), &format!("\"{new_module}\":"), Some(1))?;
    }
    // Exports the glue never calls (wasm-bindgen's abort hooks) are renamed
    // in the core alone.
    for row in triples("exports")? {
        let [name, new] = row.as_slice() else { return Err(format!("export row {row:?}")) };
        js = replace_word(&js, &format!("wasm.{name}"), &format!("wasm.{new}"), None)?;
    }
    Ok(js)
}

/// The module names of the core's imports, each once.
fn import_modules(wasm: &[u8]) -> Result<Vec<String>> {
    let bad = || "the core's import section did not parse".to_string();
    let mut at = 8;
    let mut modules: Vec<String> = Vec::new();
    while at < wasm.len() {
        let id = wasm[at];
        let (len, body) = leb(wasm, at + 1).ok_or_else(bad)?;
        if id == 2 {
            let (count, mut p) = leb(wasm, body).ok_or_else(bad)?;
            for _ in 0..count {
                let (module, next) = name(wasm, p).ok_or_else(bad)?;
                let (_, next) = name(wasm, next).ok_or_else(bad)?;
                // Only functions are imported (a table or memory import has
                // other fields after its kind).
                if wasm.get(next) != Some(&0) {
                    return Err(bad());
                }
                let (_, next) = leb(wasm, next + 1).ok_or_else(bad)?;
                if !modules.contains(&module) {
                    modules.push(module);
                }
                p = next;
            }
            return Ok(modules);
        }
        at = body + len;
    }
    Ok(modules)
}

/// An unsigned LEB128 number at `at`, and where it ends.
fn leb(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let (mut value, mut shift) = (0usize, 0);
    loop {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some((value, at));
        }
        shift += 7;
    }
}

/// A length-prefixed UTF-8 name at `at`, and where it ends.
fn name(bytes: &[u8], at: usize) -> Option<(String, usize)> {
    let (len, start) = leb(bytes, at)?;
    let text = std::str::from_utf8(bytes.get(start..start + len)?).ok()?;
    Some((text.to_owned(), start + len))
}

/// `text` with every `from` that stands as a whole name replaced; an error
/// if there are not exactly `expected` of them.
fn replace_word(text: &str, from: &str, to: &str, expected: Option<usize>) -> Result<String> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut count = 0;
    while let Some(at) = rest.find(from) {
        let after = &rest[at + from.len()..];
        let before_ok = rest[..at].chars().next_back().is_none_or(|c| !is_name(c) && c != '.');
        if after.chars().next().is_some_and(is_name) || !before_ok {
            out.push_str(&rest[..at + from.len()]);
        } else {
            out.push_str(&rest[..at]);
            out.push_str(to);
            count += 1;
        }
        rest = after;
    }
    out.push_str(rest);
    match expected {
        Some(n) if n != count => Err(format!("the glue has {count} of {from}, not {n}")),
        _ => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const GLUE: &str = r#"function __wbg_get_imports() {
    const import0 = {
        __wbg_get_d7176cfb76d71114: function(arg0, arg1) { return arg0[arg1]; },
        __wbg_get_unchecked_e6325ad374eff861: function(arg0, arg1) { return arg0[arg1 >>> 0]; },
    };
    return { "./core_bg.js": import0 };
}
function run(x) { wasm.__wbindgen_free(x); return wasm.handleMessage(x) + wasm.handleMessageLater(x); }
"#;

    #[test]
    fn renames_each_import_key_the_module_and_every_export_use() {
        let mapping = json!({
            "imports": [["./core_bg.js", "__wbg_get_d7176cfb76d71114", "a"], ["./core_bg.js", "__wbg_get_unchecked_e6325ad374eff861", "b"]],
            "exports": [["handleMessage", "A"], ["__wbindgen_free", "B"], ["__abort_handler", "C"]],
        });
        let js = rename_in_glue(GLUE, &mapping, "a").unwrap();
        assert!(js.contains("        a: function(arg0, arg1) { return arg0[arg1]; }"), "{js}");
        assert!(js.contains("        b: function(arg0, arg1) { return arg0[arg1 >>> 0]; }"), "{js}");
        assert!(js.contains(r#"{ "a": import0 }"#), "{js}");
        // A longer export that starts with a renamed one keeps its name.
        assert!(js.contains("wasm.B(x); return wasm.A(x) + wasm.handleMessageLater(x);"), "{js}");
    }

    #[test]
    fn refuses_a_glue_that_does_not_define_an_import_the_core_has() {
        let mapping = json!({ "imports": [["./core_bg.js", "__wbg_set_0123456789abcdef", "a"]], "exports": [] });
        assert!(rename_in_glue(GLUE, &mapping, "a").unwrap_err().contains("__wbg_set_0123456789abcdef"));
    }

    #[test]
    fn reads_the_module_of_each_function_import() {
        // A module with two function imports from "m" and one from "n".
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let body = b"\x03\x01m\x01f\x00\x00\x01m\x01g\x00\x00\x01n\x01h\x00\x00";
        wasm.push(2);
        wasm.push(body.len() as u8);
        wasm.extend_from_slice(body);
        assert_eq!(import_modules(&wasm).unwrap(), ["m", "n"]);
    }
}
