//! Project tasks: `cargo xtask build | test | demo`.
//!
//! One entry point for building the extension, running every test suite and
//! showing the product, so the README's commands work on a fresh machine.

mod benchmark;
mod e2e_report;
mod extension_build;
mod manifest;
mod package;
mod short_names;
mod source_package;
mod suites;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  build   build the wasm core and the Chromium and Firefox extensions into dist/
  test    run every test suite (native, wasm in Chromium, lint, end-to-end in Chromium and Firefox)
  demo    build, then walk the guide on the practice site and write screenshots to target/demo/
  bench   measure sizes, reaction latency and page overhead (ours and driver.js) and recognition time
  bench churn  only the page overhead under DOM churn (ours, the empty-observer floor, driver.js)
  setup   install what a fresh machine lacks (Debian browsers, wasm target, wasm-bindgen CLI, npm packages)
  source-package  zip the sources with BUILDING.md for store review (dist/innoslate-key-assistant-source.zip)
  reproduce [--clean]  rebuild from the source archive in another folder and check the zips are identical
                       (--clean: two fresh folders with npm ci and cold builds)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => extension_build::build(),
        Some("test") => suites::test_all(),
        Some("demo") => suites::demo(),
        Some("setup") => tools::setup(),
        Some("bench") if args.get(1).is_some_and(|a| a == "churn") => benchmark::churn_only(),
        Some("bench") => benchmark::run(),
        Some("source-package") => source_package::source_package(),
        Some("reproduce") => source_package::reproduce(args.get(1).is_some_and(|a| a == "--clean")),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the parent of this crate).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}
