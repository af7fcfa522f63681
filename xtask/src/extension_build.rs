//! `cargo xtask build`: the wasm core, then dist/chrome, dist/firefox and
//! their store zips, then a size report.

use crate::manifest::{self, Browser};
use crate::package;
use crate::root;
use crate::short_names;
use crate::tools::{self, run, run_with, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const CRATE_FILE: &str = "innoslate_key_assistant";
/// Features the Rust 1.95 wasm32 target emits by default; wasm-opt must accept them.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];
/// The content script that draws the overlay, and the stylesheet inlined into it.
const OVERLAY_SCRIPT: &str = "content/overlay-view.js";
const OVERLAY_CSS: &str = "content/overlay.css";
const CSS_PLACEHOLDER: &str = "'__OVERLAY_CSS__'";
/// Where each site's content scripts ship (see `bundle_content_scripts`):
/// one file per manifest entry, named after its first match's host (the
/// page-world entry: PAGE_WORLD_BUNDLE).
const CONTENT_DIR: &str = "content";
/// The Fill and Test buttons' code, which the background injects only into
/// a page the core offers a key to (`key_fill_script`; its KEY_FILL_SCRIPT):
/// these sources, in this order, ship as ON_DEMAND_BUNDLE.
const ON_DEMAND_SCRIPTS: &[&str] = &["content/field-pick.js", "content/key-fill.js"];
pub const ON_DEMAND_BUNDLE: &str = "content/key-fill.js";
/// The one entry that runs in the page's own world ships as this.
pub const PAGE_WORLD_BUNDLE: &str = "content/page-world.js";
/// Where the minifier keeps the shortened property names between the two
/// files, which pass objects to each other: the same names in both.
const NAME_CACHE: &str = "target/content-names.json";
/// How a content script would read another's offer as a global (refused).
const OFFERED_AS_GLOBAL: &str = "globalThis.ika";
/// Property names that live only inside the content scripts, shortened in
/// the bundle like local names: what one script offers those after it (the
/// `Ika*` interfaces of extension/globals.d.ts), the overlay's elements and
/// the adapter's state. Never a name the core's messages, the DOM or a
/// browser API reads: the build refuses one the core's protocol types use,
/// and terser leaves the DOM's own names alone. A name left out only stays
/// long.
const INTERNAL_PROPERTIES: &[&str] = &[
    // page-facts.js, click-guard.js, overlay-placement.js, spotter.js
    "collect",
    "describe",
    "inReach",
    "formOf",
    "INTERACTIVE",
    "DIALOGS",
    "NAMING",
    "modals",
    "guardHost",
    "fieldPick",
    "settle",
    "raise",
    "refusal",
    "since",
    "calloutPosition",
    "follow",
    "point",
    "queuePlace",
    "rank",
    "least",
    "side",
    "spot",
    "normalise",
    // overlay-view.js and its actions
    "layer",
    "spotlight",
    "showGuide",
    "announce",
    "keepClear",
    "guarded",
    "toggleFocus",
    // guide-adapter.js, key-capture.js and key-fill.js
    "decision",
    "nodes",
    "showStatus",
    "stillOffered",
    "sendAnyway",
    "sequence",
    "graceTimer",
    "parked",
    "focusNext",
    "lastSignature",
    "missingSince",
    "missingStep",
    "queued",
    "reportedThisFrame",
    // key-fill.js and field-pick.js, shortened alike in both files
    "settled",
    "onTop",
    "withdraw",
    "onPageChange",
];

pub fn build() -> Result {
    // Building needs no browser; tests and the demo add those (tools::setup).
    tools::ensure_wasm_target()?;
    tools::ensure_wasm_bindgen()?;
    tools::ensure_node_modules()?;
    let core_dir = build_core()?;
    let dist = root().join("dist");
    let mut source: serde_json::Value =
        serde_json::from_str(&read(&root().join("manifest.json"))?).map_err(|e| format!("manifest.json: {e}"))?;
    // Everything but the manifest is the same for both browsers: prepare it
    // once (and list the bundled content scripts in the manifest).
    let staged = stage(&core_dir, &mut source)?;
    let mut zips = Vec::new();
    for browser in [Browser::Chrome, Browser::Firefox] {
        let out = dist.join(browser.name());
        assemble(&out, &staged, &manifest::derive(&source, browser)?)?;
        let zip = dist.join(format!("innoslate-key-assistant-{}.zip", browser.name()));
        package::zip_dir(&out, &zip)?;
        zips.push(zip);
    }
    package::print_sizes(&dist.join("chrome"), &zips)
}

/// Compiles the core to wasm, generates the JS glue, and shrinks the result.
fn build_core() -> Result<PathBuf> {
    run_with(Command::new("cargo").env("CARGO_ENCODED_RUSTFLAGS", reproducible_rustflags()).args([
        "build",
        "--quiet",
        "--release",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "innoslate-key-assistant",
    ]))?;
    let wasm = root().join(format!("target/wasm32-unknown-unknown/release/{CRATE_FILE}.wasm"));
    let out = root().join("target/core");
    let _ = fs::remove_dir_all(&out);
    let wasm_arg = wasm.to_string_lossy().into_owned();
    let out_arg = out.to_string_lossy().into_owned();
    // With TypeScript output: target/core/*.d.ts types the core's exports and
    // the protocol for the type check (tsconfig.json); `copy_tree` leaves
    // every .d.ts out of the extension.
    run(
        "wasm-bindgen",
        &[&wasm_arg, "--target", "web", "--out-dir", &out_arg, "--remove-name-section", "--remove-producers-section"],
    )?;
    let bg = out.join(format!("{CRATE_FILE}_bg.wasm")).to_string_lossy().into_owned();
    // Before the size passes: with the short names in place they take
    // 0.8 KB gzip off the core, after them only half of that.
    short_names::shorten(Path::new(&bg), &out.join(format!("{CRATE_FILE}.js")), WASM_FEATURES)?;
    // --converge repeats the -Oz passes while they still shrink the core
    // (about 0.4 KB gzip of inlined code that one round leaves behind).
    // wasm-opt's own inlining is skipped: it takes a few KB off the raw core
    // but copies of the same code, each with its own local numbering, no
    // longer look alike to gzip (4.3 KB gzip more than without it).
    // --low-memory-unused lets constant offsets fold into loads and stores
    // (0.2 KB gzip): the core's lowest kilobyte is the far end of its 1 MB
    // stack, below the data, and never addressed.
    // Before -Oz: --flatten with --rereloop rebuilds each function's control
    // flow, which -Oz then folds further, and --generate-global-effects lets
    // it drop calls whose results go unused (0.16 KB gzip together).
    let mut args = vec![
        "--generate-global-effects",
        "--flatten",
        "--rereloop",
        "-Oz",
        "--converge",
        "--skip-pass=inlining-optimizing",
        "--low-memory-unused",
        "--strip-debug",
        "--strip-producers",
    ];
    args.extend_from_slice(WASM_FEATURES);
    args.extend_from_slice(&[bg.as_str(), "-o", bg.as_str()]);
    run(&tools::node_bin("wasm-opt"), &args)?;
    refuse_str_panics(&fs::read(&bg).map_err(|e| format!("{bg}: {e}"))?)?;
    Ok(out)
}

/// The message of the standard library's char-boundary panic. Slicing a
/// `str` by range (`&s[a..]`) or searching it for a `&str` (`contains`,
/// `find`, `split_once`) brings that panic back, and with it the two-way
/// searcher, `Debug` formatting of characters and Unicode printability
/// tables: about 4 KB gzip of the core. `src/substring.rs` does the same
/// without them.
const STR_PANIC_MESSAGE: &[u8] = b"is not a char boundary";

fn refuse_str_panics(wasm: &[u8]) -> Result {
    if wasm.windows(STR_PANIC_MESSAGE.len()).any(|w| w == STR_PANIC_MESSAGE) {
        return Err("the wasm core can panic on a str boundary again: slice and search text with \
                    src/substring.rs (`after_byte`, `until_byte`, `has`, `split_on`, `positions`)"
            .into());
    }
    Ok(())
}

/// Panic locations in the wasm name source files; without these mappings
/// they would carry this checkout's folder and the cargo home's, so a build
/// elsewhere would differ byte for byte (see BUILDING.md).
fn reproducible_rustflags() -> String {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let mut flags = vec![format!("--remap-path-prefix={}=/build", root().display())];
    if let Some(home) = cargo_home {
        flags.push(format!("--remap-path-prefix={}=/cargo", home.display()));
    }
    flags.join("\x1f")
}

/// The extension's files as they ship (core added, overlay CSS inlined,
/// content scripts bundled and minified), in target/staged-extension.
fn stage(core_dir: &Path, manifest: &mut serde_json::Value) -> Result<PathBuf> {
    let protocol = read(&core_dir.join(format!("{CRATE_FILE}.d.ts")))?;
    if let Some(name) = protocol_name_among(INTERNAL_PROPERTIES, &protocol) {
        return Err(format!("{name} is in the core's protocol types: take it out of INTERNAL_PROPERTIES"));
    }
    let out = root().join("target/staged-extension");
    let _ = fs::remove_dir_all(&out);
    copy_tree(&root().join("extension"), &out)?;
    copy_tree(core_dir, &out.join("core"))?;
    // The overlay's stylesheet goes inside its closed shadow root, so it
    // ships inside the script rather than as a page-visible resource.
    let css = read(&out.join(OVERLAY_CSS))?;
    let script_path = out.join(OVERLAY_SCRIPT);
    let script = read(&script_path)?;
    if !script.contains(CSS_PLACEHOLDER) {
        return Err(format!("{OVERLAY_SCRIPT} lost its {CSS_PLACEHOLDER} placeholder"));
    }
    let css_literal = serde_json::to_string(&minify_css(&css)).map_err(|e| e.to_string())?;
    write(&script_path, &script.replace(CSS_PLACEHOLDER, &css_literal))?;
    fs::remove_file(out.join(OVERLAY_CSS)).map_err(|e| e.to_string())?;
    bundle_content_scripts(&out, manifest)?;
    Ok(out)
}

/// Lays out one browser's unpacked extension: the staged files and its manifest.
fn assemble(out: &Path, staged: &Path, manifest: &serde_json::Value) -> Result {
    let _ = fs::remove_dir_all(out);
    copy_tree(staged, out)?;
    let text = serde_json::to_string_pretty(manifest).map_err(|e| e.to_string())?;
    write(&out.join("manifest.json"), &text)
}

/// Content scripts load into every matching page, so each manifest entry
/// (one per site: its own key buttons, the rest shared) ships as one
/// minified file (terser from npm; comments and names go, behaviour stays):
/// the entry's scripts, in its order, joined inside one function, where
/// the `var` by which each offers its functions to those after it
/// (extension/globals.d.ts) is a local name the minifier shortens like any
/// other. The entry then lists that file alone. The on-demand scripts
/// (ON_DEMAND_SCRIPTS) are minified the same way into a file of their own,
/// with the same shortened names. No other script may be left in
/// content/: it would ship as it is. The readable sources are in
/// extension/content/.
fn bundle_content_scripts(out: &Path, manifest: &mut serde_json::Value) -> Result {
    let entries = manifest["content_scripts"].as_array_mut().filter(|e| !e.is_empty());
    let Some(entries) = entries else { return Err("manifest.json lists no content_scripts".into()) };
    let cache = root().join(NAME_CACHE);
    let _ = fs::remove_file(&cache);
    let mut used = std::collections::BTreeSet::new();
    let mut shipped = std::collections::BTreeSet::new();
    for entry in entries.iter_mut() {
        let files: Vec<String> =
            entry["js"].as_array().into_iter().flatten().filter_map(|f| f.as_str().map(String::from)).collect();
        let host = entry["matches"][0].as_str().and_then(|m| m.split("://").nth(1)).and_then(|m| m.split('/').next());
        let (Some(host), false) = (host, files.is_empty()) else {
            return Err("each content_scripts entry needs matches and js".into());
        };
        let sources = files.iter().map(|f| read(&out.join(f))).collect::<Result<Vec<_>>>()?;
        // Inside the bundle what a script offers is a local: read through
        // globalThis, it would be missing there (while unit tests, which load
        // the scripts one by one, still passed).
        if let Some(file) = files.iter().zip(&sources).find(|(_, source)| source.contains(OFFERED_AS_GLOBAL)) {
            return Err(format!("{}: use the `ika…` var itself, not {OFFERED_AS_GLOBAL}…", file.0));
        }
        // The page's own world (page-changes.js) is one entry for every site.
        let page_world = entry["world"] == "MAIN";
        let bundle = if page_world { PAGE_WORLD_BUNDLE.to_string() } else { format!("{CONTENT_DIR}/{host}.js") };
        if !shipped.insert(bundle.clone()) {
            return Err(format!("two content_scripts entries ship as {bundle}"));
        }
        write(&out.join(&bundle), &join_scripts(&sources))?;
        minify(&out.join(&bundle), &cache)?;
        entry["js"] = serde_json::json!([bundle]);
        used.extend(files);
    }
    for file in &used {
        fs::remove_file(out.join(file)).map_err(|e| format!("{file}: {e}"))?;
    }
    // The on-demand file is one script, not wrapped: its `var`s are globals
    // of the content scripts' world, where fill-offer.js finds them.
    let on_demand = ON_DEMAND_SCRIPTS.iter().map(|f| read(&out.join(f))).collect::<Result<Vec<_>>>()?;
    for file in ON_DEMAND_SCRIPTS {
        fs::remove_file(out.join(file)).map_err(|e| format!("{file}: {e}"))?;
    }
    write(&out.join(ON_DEMAND_BUNDLE), &(on_demand.join("\n;\n") + "\n"))?;
    minify(&out.join(ON_DEMAND_BUNDLE), &cache)?;
    shipped.insert(ON_DEMAND_BUNDLE.to_string());
    fs::remove_file(&cache).map_err(|e| format!("{NAME_CACHE}: {e}"))?;
    for file in fs::read_dir(out.join(CONTENT_DIR)).map_err(|e| format!("{CONTENT_DIR}: {e}"))? {
        let name = format!("{CONTENT_DIR}/{}", file.map_err(|e| e.to_string())?.file_name().to_string_lossy());
        if !shipped.contains(&name) {
            return Err(format!("{name} is in no content_scripts entry and not on demand: it would ship unminified"));
        }
    }
    Ok(())
}

/// Minifies one content script in place, with the names shortened so far.
fn minify(file: &Path, cache: &Path) -> Result {
    let path = file.to_string_lossy().into_owned();
    let cache = cache.to_string_lossy().into_owned();
    // Later passes fold what the first one's inlining across the scripts
    // left (four: 60 B gzip less than two). The two unsafe_ options write
    // functions as arrows and methods, which cannot be called with `new`: no
    // content script constructs its own functions or reads their prototype.
    // `unsafe` assumes the built-ins are the browser's own, which holds in
    // the content scripts' isolated world: `String(x)` becomes `"" + x` (no
    // symbol is ever converted), `Boolean(x)` `!!x`, `new RegExp` `RegExp`.
    // In the page's own world (page-changes.js) a page may have replaced a
    // built-in; there that can only cost a hint, as the file explains.
    let compress = "passes=4,unsafe=true,unsafe_arrows=true,unsafe_methods=true";
    let properties = format!("regex=/^({})$/", INTERNAL_PROPERTIES.join("|"));
    let terser = tools::node_bin("terser");
    let args = [
        &path,
        "--compress",
        compress,
        "--mangle",
        "--mangle-props",
        &properties,
        "--name-cache",
        &cache,
        "--ecma",
        "2020",
        "--output",
        &path,
    ];
    run(&terser, &args)
}

/// The first of `names` that `protocol` (TypeScript declarations) uses as a word.
fn protocol_name_among<'a>(names: &[&'a str], protocol: &str) -> Option<&'a str> {
    let words: std::collections::HashSet<&str> =
        protocol.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$')).collect();
    names.iter().copied().find(|name| words.contains(name))
}

/// The scripts' sources inside one strict function, each after a `;` (a
/// script may end without one).
fn join_scripts(sources: &[String]) -> String {
    let mut joined = String::from("(() => {\n'use strict';\n");
    for source in sources {
        joined.push_str(source);
        joined.push_str("\n;\n");
    }
    joined.push_str("})();\n");
    joined
}

/// Drops comments, indentation, spaces next to punctuation and the last `;`
/// of a block; the CSS is small and hand-written (no strings or escapes).
fn minify_css(css: &str) -> String {
    let mut plain = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        plain.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    plain.push_str(rest);
    let joined = plain.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    // A space before `:` can be a descendant combinator (`a :hover`): kept.
    let tight_before = |c: char| "{};,>".contains(c);
    let tight_after = |c: char| "{};,>:".contains(c);
    let mut out = String::with_capacity(joined.len());
    let mut chars = joined.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            let next = chars.peek().copied().unwrap_or('}');
            if out.ends_with(tight_after) || tight_before(next) {
                continue;
            }
        }
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        out.push(c);
    }
    out
}

/// Copies a directory, without TypeScript declarations (`.d.ts`): they are
/// for the type check only and never ship.
fn copy_tree(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_name().to_string_lossy().ends_with(".d.ts") {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}

pub fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::minify_css;

    #[test]
    fn minify_css_drops_comments_and_layout() {
        assert_eq!(super::minify_css("/* a */\n.x {\n  color: red; /* b */\n}\n"), ".x{color:red}");
        assert_eq!(
            super::minify_css(
                "a .b, c > d :focus {\n  margin: 0 calc(1px - 2px);\n}\n@media (x: y) {\n  e { f: g; }\n}"
            ),
            "a .b,c>d :focus{margin:0 calc(1px - 2px)}@media (x:y){e{f:g}}"
        );
    }

    #[test]
    fn minify_css_keeps_a_space_where_a_line_break_separated_words() {
        assert_eq!(minify_css(".x {\n  margin: 0\n    auto;\n}"), ".x{margin:0 auto}");
        assert_eq!(minify_css(".x {\n  width: calc(100% -\n    2px);\n}"), ".x{width:calc(100% - 2px)}");
        assert_eq!(
            minify_css(".x {\n  transition: opacity 0.2s,\n    transform 0.2s;\n}"),
            ".x{transition:opacity 0.2s,transform 0.2s}"
        );
    }

    #[test]
    fn scripts_are_joined_inside_one_strict_function() {
        // A script ending in a comment or without `;` still ends where it should.
        let joined = super::join_scripts(&["var a = 1 // a".into(), "var b = a".into()]);
        assert_eq!(joined, "(() => {\n'use strict';\nvar a = 1 // a\n;\nvar b = a\n;\n})();\n");
    }

    #[test]
    fn a_property_the_protocol_uses_is_found() {
        let protocol = "export interface Overlay {\n  step: string;\n  keep_clear?: number[];\n}";
        assert_eq!(super::protocol_name_among(&["settle", "step"], protocol), Some("step"));
        assert_eq!(super::protocol_name_among(&["keepClear", "ste"], protocol), None);
        assert_eq!(super::protocol_name_among(super::INTERNAL_PROPERTIES, protocol), None);
    }

    #[test]
    fn type_declarations_are_not_copied_into_the_extension() {
        let base = std::env::temp_dir().join(format!("ika-copy-tree-{}", std::process::id()));
        let (from, to) = (base.join("from"), base.join("to"));
        std::fs::create_dir_all(from.join("core")).unwrap();
        for file in ["core/innoslate_key_assistant.js", "core/innoslate_key_assistant.d.ts", "globals.d.ts", "a.ts.js"]
        {
            std::fs::write(from.join(file), "x").unwrap();
        }
        super::copy_tree(&from, &to).unwrap();
        let mut copied: Vec<String> =
            walk(&to).into_iter().map(|p| p.strip_prefix(&to).unwrap().display().to_string()).collect();
        copied.sort();
        let _ = std::fs::remove_dir_all(&base);
        assert_eq!(copied, ["a.ts.js", "core/innoslate_key_assistant.js"]);
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .flat_map(|e| {
                let path = e.unwrap().path();
                if path.is_dir() {
                    walk(&path)
                } else {
                    vec![path]
                }
            })
            .collect()
    }
}
