//! Running external tools, and making sure the pinned ones are present.
//!
//! Everything comes from the package registries: the wasm target through
//! rustup, wasm-bindgen-cli from crates.io at exactly the version in
//! Cargo.lock, and npm packages through `npm ci`.

use crate::root;
use std::process::Command;

pub type Result<T = ()> = std::result::Result<T, String>;

/// Runs a command in the repository root, streaming its output.
pub fn run(program: &str, args: &[&str]) -> Result {
    run_with(Command::new(program).args(args))
}

pub fn run_with(cmd: &mut Command) -> Result {
    let shown = format!("{:?}", cmd).replace('"', "");
    eprintln!("+ {shown}");
    let status = cmd.current_dir(root()).status().map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).current_dir(root()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The version of `krate` that Cargo.lock pins.
pub fn locked_version(krate: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let marker = format!("name = \"{krate}\"\nversion = \"");
    let start = lock.find(&marker).ok_or(format!("{krate} is not in Cargo.lock"))? + marker.len();
    Ok(lock[start..].split('"').next().unwrap_or_default().to_string())
}

pub fn ensure_wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    run("rustup", &["target", "add", "wasm32-unknown-unknown"])
}

/// wasm-bindgen's CLI must match the library exactly; the same install also
/// provides `wasm-bindgen-test-runner`.
pub fn ensure_wasm_bindgen() -> Result {
    let want = locked_version("wasm-bindgen")?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) && runner.contains(&want) {
        return Ok(());
    }
    run("cargo", &["install", "wasm-bindgen-cli", "--version", &want])
}

pub fn ensure_node_modules() -> Result {
    if root().join("node_modules/.package-lock.json").exists() {
        return Ok(());
    }
    run_with(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            // Browsers come from Debian's packages, never from a download.
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .env("PUPPETEER_SKIP_DOWNLOAD", "1"),
    )
}

pub fn node_bin(name: &str) -> String {
    root().join("node_modules/.bin").join(name).to_string_lossy().into_owned()
}

/// Debian packages the browser tests and the demo need, by the command that
/// shows each is present.
const SYSTEM_PACKAGES: &[(&str, &str)] = &[
    ("chromium", "chromium"),
    ("chromedriver", "chromium-driver"),
    ("firefox-esr", "firefox-esr"),
    ("certutil", "libnss3-tools"),
    ("openssl", "openssl"),
];

pub fn ensure_system_packages() -> Result {
    let missing: Vec<&str> =
        SYSTEM_PACKAGES.iter().filter(|(cmd, _)| which(cmd).is_none()).map(|(_, pkg)| *pkg).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    if !is_root || which("apt-get").is_none() {
        return Err(format!(
            "missing system packages; install them with: sudo apt-get install -y {}",
            missing.join(" ")
        ));
    }
    run_with(Command::new("apt-get").args(["update", "-qq"]))?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend(&missing);
    run_with(Command::new("apt-get").args(&args).env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Everything a fresh machine needs before building and testing.
pub fn setup() -> Result {
    ensure_system_packages()?;
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_node_modules()
}

pub fn which(name: &str) -> Option<String> {
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()))
        .map(|p| p.to_string_lossy().into_owned())
}
