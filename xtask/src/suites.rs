//! `cargo xtask test` and `cargo xtask demo`.

use crate::extension_build;
use crate::root;
use crate::tools::{self, run, run_with, Result};
use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Command;
use std::sync::mpsc::Receiver;
use std::time::Instant;

pub fn test_all() -> Result {
    let started = Instant::now();
    tools::setup()?;
    let mut suites = SuiteTimes::default();
    suites.run("rustfmt", formatting);
    // The checks lane: the native and wasm tests, each built once as its own
    // lint pass, one after another at the lowest CPU priority, from the
    // start: while the build's last, single-threaded step runs, and then
    // beside the browser suites, which keep the cores whenever they want
    // them (a busy core upsets their timing). The compilers take what the
    // browsers leave while they wait on pages.
    let (build_done, build_result) = std::sync::mpsc::channel();
    let checks = Lane::start("checks", checks_lane(), None);
    // The checks of the build get a lane of their own: the reproducible
    // rebuild would otherwise wait for the compilers above, and each lane
    // leaves idle time (a linker, one test binary) the other can take.
    let build_checks = Lane::start("build-checks", build_checks_lane(), Some(build_result));
    // The build next: the browser suites, the longest, need it and start as
    // soon as it is there.
    let built = suites.run("build", extension_build::build);
    let _ = build_done.send(built);
    // Tests that passed only on their retry, named again at the end.
    let mut suites_flaky = Vec::new();
    if built {
        // Firefox beside the Chromium e2e: it drives one browser at a time
        // and mostly waits on it, so it runs a little niced (ahead of the
        // checks lanes, behind the Chromium e2e, which ends last and so
        // sets the suite's time). Never beside the tests that run alone
        // (below): the enterprise policy scenario installs a policies.json
        // every Firefox reads.
        let firefox = Lane::start(
            "firefox",
            vec![
                LaneSuite::command("firefox-smoke", niced_by(FIREFOX_NICENESS, "node", &["tests/firefox/smoke.mjs"])),
                LaneSuite::command("firefox-e2e", niced_by(FIREFOX_NICENESS, "node", &["tests/firefox/e2e.mjs"])),
            ],
            None,
        );
        suites.run("chromium-e2e", || {
            let mut playwright = Command::new(tools::node_bin("playwright"));
            playwright.args(["test", "--project=long", "--project=chromium"]);
            run_playwright("chromium-e2e", playwright, "target/e2e-report.json", &mut suites_flaky)
        });
        suites.join(firefox);
        suites_flaky.extend(flaky_lines("firefox-e2e"));
        // Then by themselves among the browser suites: a machine-wide
        // Chromium policy (for this build's id only, so the wasm tests'
        // Chrome is not touched by it), and the settle-clock tests. The
        // niced lanes may still be compiling; at nice 19 they yield the
        // cores at once, so they neither delay a click nor wait for these.
        suites.run("chromium-e2e-alone", || {
            let mut playwright = Command::new(tools::node_bin("playwright"));
            playwright.args(["test", "--project=alone", "--no-deps"]);
            run_playwright("chromium-e2e-alone", playwright, "target/e2e-report-alone.json", &mut suites_flaky)
        });
    }
    suites.join(checks);
    suites.join(build_checks);
    suites.flaky = suites_flaky;
    suites.finish(started)
}

/// The suites of the checks lane: the native and the wasm tests, each
/// compiled once with clippy's lints as errors. Their cargo commands build
/// in a target folder of their own, so that they never wait for the build's
/// lock on target/.
fn checks_lane() -> Vec<LaneSuite> {
    let cargo = |args: &[&str]| -> Result<Command> {
        let clippy = tools::which("clippy-driver").ok_or("clippy-driver is missing: rustup component add clippy")?;
        let mut cargo = niced("cargo", args);
        cargo.env("CARGO_TARGET_DIR", root().join(CHECKS_TARGET_DIR));
        // clippy-driver is rustc with clippy's lints: as the compiler of the
        // workspace's own crates (what `cargo clippy` does for a check), the
        // test build is also the lint pass, instead of a second compilation
        // of the same code. Dependencies build as usual, with lints capped.
        cargo.env("RUSTC_WORKSPACE_WRAPPER", clippy).env("CLIPPY_ARGS", "-Dwarnings");
        Ok(cargo)
    };
    let suite = |name: &'static str, command: Result<Command>| match command {
        Ok(command) => LaneSuite::command(name, command),
        Err(why) => LaneSuite::function(name, Box::new(move || Err(why))),
    };
    vec![
        // Core, its tests, benches (run once each, as tests) and xtask.
        suite("native", cargo(NATIVE_TESTS)),
        suite("wasm-in-chromium", wasm_tests(cargo)),
    ]
}

/// The suites of the build-checks lane: js-unit, then, once the build has
/// succeeded, those that read dist/ or target/core/.
fn build_checks_lane() -> Vec<LaneSuite> {
    let xtask = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("xtask"));
    vec![
        // The content scripts' logic in happy-dom, without a browser or a build.
        LaneSuite::command("js-unit", niced("node", &["--test", "tests/unit/"])),
        // Needs the build's target/core/*.d.ts (the protocol's types).
        LaneSuite::command("typecheck", niced(tools::node_bin("tsc"), &["-p", "tsconfig.json"])).after_build(),
        LaneSuite::function("size-budgets", Box::new(size_budgets)).after_build(),
        LaneSuite::command(
            "firefox-lint",
            niced(
                tools::node_bin("web-ext"),
                &["lint", "--source-dir", "dist/firefox", "--self-hosted", "--warnings-as-errors"],
            ),
        )
        .after_build(),
        // Its own folder and target: it never waits on another cargo.
        LaneSuite::command("reproducible-build", niced(xtask, &["reproduce"])).after_build(),
    ]
}

/// Where the checks lane's cargo commands build (beside the build's own
/// target/debug and target/wasm32-unknown-unknown).
const CHECKS_TARGET_DIR: &str = "target/checks";

/// `nice -n 19 PROGRAM ARGS`, for the checks lanes: it gets only the CPU
/// the build and the browser suites leave idle, and everything it starts
/// (cargo's rustc processes, a test browser) inherits that.
fn niced(program: impl AsRef<OsStr>, args: &[&str]) -> Command {
    niced_by(19, program, args)
}

/// The Firefox lane's niceness: its scheduler weight is about a tenth of
/// the Chromium e2e's and about seven times that of the checks lanes.
const FIREFOX_NICENESS: u8 = 10;

/// `nice -n LEVEL PROGRAM ARGS`.
fn niced_by(level: u8, program: impl AsRef<OsStr>, args: &[&str]) -> Command {
    let mut niced = Command::new("nice");
    niced.args(["-n", &level.to_string()]).arg(program).args(args);
    niced
}

/// One suite of a lane: a command whose output goes to
/// target/suite-logs/NAME.log, or a function of this xtask.
struct LaneSuite {
    name: &'static str,
    work: LaneWork,
    /// Runs only once the build has succeeded (it reads dist/ or target/core/).
    needs_build: bool,
}

enum LaneWork {
    Command(Command),
    Function(Box<dyn FnOnce() -> Result + Send>),
}

impl LaneSuite {
    fn command(name: &'static str, command: Command) -> Self {
        LaneSuite { name, work: LaneWork::Command(command), needs_build: false }
    }

    fn function(name: &'static str, work: Box<dyn FnOnce() -> Result + Send>) -> Self {
        LaneSuite { name, work: LaneWork::Function(work), needs_build: false }
    }

    fn after_build(self) -> Self {
        LaneSuite { needs_build: true, ..self }
    }

    fn run(self) -> Result {
        match self.work {
            LaneWork::Function(work) => work(),
            LaneWork::Command(mut command) => run_logged(self.name, &mut command),
        }
    }
}

/// Suites run one after another on a thread of their own, beside the
/// foreground suite; their rows join the table when the lane is joined.
struct Lane {
    name: &'static str,
    thread: std::thread::JoinHandle<SuiteTimes>,
}

impl Lane {
    /// `build`: the build's result, awaited before the first suite that
    /// needs it (None: the build has already succeeded).
    fn start(name: &'static str, suites: Vec<LaneSuite>, build: Option<Receiver<bool>>) -> Self {
        eprintln!("xtask: lane {name} started: {}", suites.iter().map(|s| s.name).collect::<Vec<_>>().join(", "));
        let thread = std::thread::spawn(move || {
            let mut times = SuiteTimes::default();
            let mut built = None;
            for suite in suites {
                if suite.needs_build {
                    let ok = *built.get_or_insert_with(|| build.as_ref().is_none_or(|b| b.recv().unwrap_or(false)));
                    if !ok {
                        continue;
                    }
                }
                let name = suite.name;
                times.run(name, || suite.run());
            }
            times
        });
        Lane { name, thread }
    }
}

/// Runs a command with its output in target/suite-logs/NAME.log, shown when
/// it ends, so that a suite running beside another does not interleave with it.
fn run_logged(name: &str, command: &mut Command) -> Result {
    let dir = root().join("target/suite-logs");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("{name}.log"));
    let log = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let err = log.try_clone().map_err(|e| format!("{}: {e}", path.display()))?;
    let result = run_with(command.stdout(log).stderr(err));
    let output = std::fs::read_to_string(&path).unwrap_or_default();
    println!("--- {name} ({})\n{output}--- end of {name}", path.display());
    result
}

/// Runs Playwright with its JSON report at `report`. It prints to the
/// terminal, not to a log: a failed run's failed tests become
/// target/suite-logs/NAME.log, which the end of the run repeats (see
/// `finish`); a passed run's flaky tests (passed on the retry) go to `flaky`.
fn run_playwright(name: &str, mut playwright: Command, report: &str, flaky: &mut Vec<String>) -> Result {
    let result = run_with(playwright.env("E2E_REPORT", report));
    let summary = match std::fs::read_to_string(root().join(report)) {
        Ok(json) => crate::e2e_report::summary(&json),
        Err(e) => vec![format!("error: no e2e report at {report}: {e}")],
    };
    if result.is_ok() {
        flaky.extend(summary.into_iter().filter(|entry| entry.starts_with("flaky")));
    } else {
        let dir = root().join("target/suite-logs");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(format!("{name}.log")), summary.join("\n") + "\n");
    }
    result
}

/// The scenarios a suite's log names as passed only on their retry (the
/// Firefox runner's `  flaky …` paragraphs), each with its first error.
fn flaky_lines(name: &str) -> Vec<String> {
    let path = root().join("target/suite-logs").join(format!("{name}.log"));
    std::fs::read_to_string(path).map(|log| flaky_paragraphs(name, &log)).unwrap_or_default()
}

/// `  flaky …` lines of `log` with the lines indented under them.
fn flaky_paragraphs(name: &str, log: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut open = false;
    for line in log.lines() {
        if let Some(rest) = line.strip_prefix("  flaky ") {
            found.push(format!("flaky [{name}] {rest}"));
            open = true;
        } else if let (Some(last), true) = (found.last_mut(), open && line.starts_with("        ")) {
            last.push('\n');
            last.push_str(line);
        } else {
            open = false;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    #[test]
    fn flaky_paragraphs_keep_their_indented_lines_only() {
        let log = "  ok   a › one (1 s)\n  ok   a › two (2 s)\n  flaky a › two: Error: late\n        at x\n  ok   a › three\n        stray\n";
        assert_eq!(
            super::flaky_paragraphs("ff", log),
            vec!["flaky [ff] a › two: Error: late\n        at x".to_string()]
        );
    }
}

/// How many lines of a failed suite's log `cargo xtask test` repeats at its end.
const FAILED_LOG_TAIL_LINES: usize = 40;

/// Prints the last `lines` lines of target/suite-logs/NAME.log, if the suite
/// wrote one (the Chromium e2e suites write only their failed tests).
fn print_log_tail(name: &str, lines: usize) {
    let path = root().join("target/suite-logs").join(format!("{name}.log"));
    let Ok(output) = std::fs::read_to_string(&path) else { return };
    let all: Vec<&str> = output.lines().collect();
    let tail = &all[all.len().saturating_sub(lines)..];
    println!("\n--- {name} failed; the end of {}:\n{}", path.display(), tail.join("\n"));
}

/// Each suite's wall time and result, printed as one table at the end so a
/// slow suite is visible without reading the whole log.
#[derive(Default)]
struct SuiteTimes {
    rows: Vec<(String, f64, bool)>,
    /// Browser tests that failed once and passed on their retry: the suite
    /// passes, but each is a race to find (see docs/testing.md).
    flaky: Vec<String>,
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

    /// Waits for a lane and adds its rows.
    fn join(&mut self, lane: Lane) {
        match lane.thread.join() {
            Ok(times) => self.rows.extend(times.rows),
            Err(_) => self.rows.push((format!("lane {}", lane.name), 0.0, false)),
        }
    }

    fn finish(self, started: Instant) -> Result {
        // A CI log may keep only its end: repeat the end of each failed
        // suite's log here, just above the table, so the reason is kept.
        for (name, _, ok) in &self.rows {
            if !ok {
                print_log_tail(name, FAILED_LOG_TAIL_LINES);
            }
        }
        if !self.flaky.is_empty() {
            println!("\n--- {} e2e test(s) passed only on their retry:\n{}", self.flaky.len(), self.flaky.join("\n"));
        }
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

/// The whole workspace on the native target: every target, benches too.
const NATIVE_TESTS: &[&str] = &["test", "--workspace", "--all-targets", "--quiet"];

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

/// The core compiled to wasm: the library, including the binding code that
/// native builds never see, and its test files (native-only ones are gated
/// by `cfg` and have nothing to run there), linted; the binding module's
/// tests run in headless Chromium by wasm-bindgen-test-runner (options in
/// webdriver.json). Benches are left out: criterion is native-only.
fn wasm_tests(cargo: impl Fn(&[&str]) -> Result<Command>) -> Result<Command> {
    let chromedriver =
        tools::which("chromedriver").ok_or("chromedriver is missing: apt-get install chromium-driver")?;
    let mut tests =
        cargo(&["test", "--target", "wasm32-unknown-unknown", "-p", "innoslate-key-assistant", "--lib", "--tests"])?;
    tests.env("CHROMEDRIVER", chromedriver).env("WASM_BINDGEN_TEST_TIMEOUT", "60");
    Ok(tests)
}

pub fn demo() -> Result {
    tools::setup()?;
    extension_build::build()?;
    run("node", &["tests/demo/walk.mjs"])?;
    println!("screenshots: {}", root().join("target/demo/index.html").display());
    Ok(())
}
