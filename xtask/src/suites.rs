//! `cargo xtask test` and `cargo xtask demo`.

use crate::extension_build;
use crate::root;
use crate::tools::{self, run, run_with, Result};
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::Instant;

pub fn test_all() -> Result {
    let started = Instant::now();
    tools::setup()?;
    let mut suites = SuiteTimes::default();
    // The gates first: quick, and a failure shows before the long browser
    // suites, which still run and are counted.
    suites.run("rustfmt", formatting);
    suites.run("clippy-native", || run("cargo", CLIPPY_NATIVE));
    suites.run("clippy-wasm32", || run("cargo", CLIPPY_WASM32));
    suites.run("native", || run("cargo", &["test", "--workspace", "--quiet"]));
    // The content scripts' logic in happy-dom, without a browser or a build.
    suites.run("js-unit", || run("node", &["--test", "tests/unit/"]));
    // Everything after this point tests the built extension.
    if !suites.run("build", extension_build::build) {
        return suites.finish(started);
    }
    // The rebuild from the source archive in another folder runs beside the
    // quick checks of the build (mostly one core each, none timed against a
    // limit) and ends before the browser suites, whose timing it would upset.
    let reproducible = start_logged("reproducible-build", &["reproduce"]);
    // Needs the build's target/core/*.d.ts (the protocol's types).
    suites.run("typecheck", || run(&tools::node_bin("tsc"), &["-p", "tsconfig.json"]));
    suites.run("size-budgets", size_budgets);
    suites.run("wasm-in-chromium", wasm_tests);
    suites.run("firefox-lint", || {
        run(
            &tools::node_bin("web-ext"),
            &["lint", "--source-dir", "dist/firefox", "--self-hosted", "--warnings-as-errors"],
        )
    });
    suites.join(reproducible);
    suites
        .run("chromium-e2e", || run(&tools::node_bin("playwright"), &["test", "--project=long", "--project=chromium"]));
    // The Firefox suites after the Chromium e2e, not beside it: side by side
    // on two cores, a Firefox step's 12 s limit was missed now and then, and
    // a flaky suite costs more than the three minutes this takes. Never
    // beside the tests that run alone either: the enterprise policy scenario
    // installs a policies.json every Firefox reads.
    suites.run("firefox-smoke", || run_logged("firefox-smoke", "node", &["tests/firefox/smoke.mjs"]));
    suites.run("firefox-e2e", || run_logged("firefox-e2e", "node", &["tests/firefox/e2e.mjs"]));
    suites.run("chromium-e2e-alone", || {
        run_with(
            Command::new(tools::node_bin("playwright"))
                .args(["test", "--project=alone", "--no-deps"])
                .env("E2E_REPORT", "target/e2e-report-alone.json"),
        )
    });
    suites.finish(started)
}

/// Runs a suite with its output in target/suite-logs/NAME.log, shown when it
/// ends, so that a suite running beside another does not interleave with it.
fn run_logged(name: &str, program: &str, args: &[&str]) -> Result {
    let dir = root().join("target/suite-logs");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("{name}.log"));
    let log = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let err = log.try_clone().map_err(|e| format!("{}: {e}", path.display()))?;
    let result = run_with(Command::new(program).args(args).stdout(log).stderr(err));
    let output = std::fs::read_to_string(&path).unwrap_or_default();
    println!("--- {name} ({})\n{output}--- end of {name}", path.display());
    result
}

/// A suite started in the background: this xtask itself with `args`, its
/// output in target/suite-logs/NAME.log, shown when it is joined.
struct Background {
    name: String,
    started: Instant,
    log: PathBuf,
    child: std::result::Result<Child, String>,
}

fn start_logged(name: &str, args: &[&str]) -> Background {
    let started = Instant::now();
    let dir = root().join("target/suite-logs");
    let log = dir.join(format!("{name}.log"));
    let child = (|| {
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let out = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| format!("{}: {e}", log.display()))?;
        let xtask = std::env::current_exe().map_err(|e| format!("this xtask's path: {e}"))?;
        eprintln!("+ {} {} (in the background)", xtask.display(), args.join(" "));
        Command::new(xtask)
            .args(args)
            .current_dir(root())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("could not start {name}: {e}"))
    })();
    Background { name: name.to_string(), started, log, child }
}

/// Each suite's wall time and result, printed as one table at the end so a
/// slow suite is visible without reading the whole log.
#[derive(Default)]
struct SuiteTimes {
    rows: Vec<(String, f64, bool)>,
}

impl SuiteTimes {
    /// Runs one suite; true when it passed.
    fn run(&mut self, name: &str, suite: impl FnOnce() -> Result) -> bool {
        let started = Instant::now();
        let result = suite();
        if let Err(e) = &result {
            eprintln!("xtask: suite {name} failed: {e}");
        }
        self.rows.push((name.to_string(), started.elapsed().as_secs_f64(), result.is_ok()));
        result.is_ok()
    }

    /// Waits for a background suite and records it like the others (its time
    /// counted from its start).
    fn join(&mut self, suite: Background) -> bool {
        let result = suite.child.and_then(|mut child| match child.wait() {
            Ok(status) if status.success() => Ok(()),
            Ok(status) => Err(format!("{} failed ({status})", suite.name)),
            Err(e) => Err(format!("{}: {e}", suite.name)),
        });
        let output = std::fs::read_to_string(&suite.log).unwrap_or_default();
        println!("--- {} ({})\n{output}--- end of {}", suite.name, suite.log.display(), suite.name);
        if let Err(e) = &result {
            eprintln!("xtask: suite {} failed: {e}", suite.name);
        }
        self.rows.push((suite.name, suite.started.elapsed().as_secs_f64(), result.is_ok()));
        result.is_ok()
    }

    fn finish(self, started: Instant) -> Result {
        println!("\n{:<20} {:>8}  result", "suite", "seconds");
        for (name, seconds, ok) in &self.rows {
            println!("{name:<20} {seconds:>8.0}  {}", if *ok { "ok" } else { "FAILED" });
        }
        println!("{:<20} {:>8.0}", "total", started.elapsed().as_secs_f64());
        let failed: Vec<&str> = self.rows.iter().filter(|row| !row.2).map(|row| row.0.as_str()).collect();
        if !failed.is_empty() {
            println!("failed suites: {}", failed.join(", "));
        }
        println!("suites: {} passed, {} failed", self.rows.len() - failed.len(), failed.len());
        if failed.is_empty() {
            Ok(())
        } else {
            Err("some test suites failed".into())
        }
    }
}

/// Lints as errors for the whole workspace (core, its tests, benches and
/// xtask) on the native target.
const CLIPPY_NATIVE: &[&str] = &["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"];

/// The core as it ships, including the binding code that native builds never
/// see, and its tests compiled for wasm (native-only test files are gated by
/// `cfg`). Benches are left out: criterion is a native-only dependency.
const CLIPPY_WASM32: &[&str] = &[
    "clippy",
    "-p",
    "innoslate-key-assistant",
    "--target",
    "wasm32-unknown-unknown",
    "--lib",
    "--tests",
    "--quiet",
    "--",
    "-D",
    "warnings",
];

/// `cargo fmt --check` for the workspace and for the fuzz crate, which is a
/// workspace of its own; both run, so one report shows every misformatted file.
fn formatting() -> Result {
    let workspace = run("cargo", &["fmt", "--all", "--check"]);
    let fuzz = run("cargo", &["fmt", "--all", "--check", "--manifest-path", "fuzz/Cargo.toml"]);
    workspace.and(fuzz)
}

/// Every size budget (content scripts, wasm core, Chromium zip) is enforced
/// here; a broken one says by how much.
fn size_budgets() -> Result {
    let sizes = crate::benchmark::current_sizes()?;
    let mut broken = Vec::new();
    for check in crate::benchmark::check_budgets(&sizes) {
        match check {
            Ok(line) => println!("budget ok: {line}"),
            Err(line) => broken.push(line),
        }
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(broken.join("; "))
    }
}

/// The binding module's tests, compiled to wasm and run in headless Chromium
/// by wasm-bindgen-test-runner (options in webdriver.json).
fn wasm_tests() -> Result {
    let chromedriver =
        tools::which("chromedriver").ok_or("chromedriver is missing: apt-get install chromium-driver")?;
    run_with(
        Command::new("cargo")
            .args([
                "test",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "innoslate-key-assistant",
                "--test",
                "wasm_bindings",
            ])
            .env("CHROMEDRIVER", chromedriver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "60"),
    )
}

pub fn demo() -> Result {
    tools::setup()?;
    extension_build::build()?;
    run("node", &["tests/demo/walk.mjs"])?;
    println!("screenshots: {}", root().join("target/demo/index.html").display());
    Ok(())
}
