//! Running external tools, and making sure the pinned ones are present.
//!
//! Everything comes from the package registries: the wasm target, rustfmt
//! and clippy through rustup, wasm-bindgen-cli from crates.io at exactly the version in
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

/// The version of `krate` that Cargo.lock pins, as cargo itself resolves it
/// (`cargo pkgid` fails loudly if two versions are locked, instead of a text
/// search quietly picking one).
pub fn locked_version(krate: &str) -> Result<String> {
    let out = Command::new("cargo")
        .args(["pkgid", "--quiet", "--offline", krate])
        .current_dir(root())
        .output()
        .map_err(|e| format!("could not start cargo pkgid: {e}"))?;
    if !out.status.success() {
        return Err(format!("cargo pkgid {krate}: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    version_from_pkgid(&String::from_utf8_lossy(&out.stdout)).ok_or(format!("cargo pkgid {krate}: no version"))
}

/// The version in a package id as `cargo pkgid` prints it, in any of its
/// spellings: `registry+https://…#name@1.2.3` (current), `https://…#name:1.2.3`
/// (older cargo) and `…#1.2.3` (name implied by the URL).
fn version_from_pkgid(pkgid: &str) -> Option<String> {
    let fragment = pkgid.trim().rsplit_once('#')?.1;
    let version = fragment.rsplit_once(['@', ':']).map_or(fragment, |(_, v)| v);
    let looks_like_version = version.starts_with(|c: char| c.is_ascii_digit())
        && version.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    looks_like_version.then(|| version.to_string())
}

/// rustfmt and clippy, which the formatting and lint suites run; added
/// through rustup only when cargo cannot start them.
pub fn ensure_rust_components() -> Result {
    for (component, subcommand) in [("rustfmt", "fmt"), ("clippy", "clippy")] {
        if output("cargo", &[subcommand, "--version"]).is_none() {
            run("rustup", &["component", "add", component])?;
        }
    }
    Ok(())
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
    ensure_rust_components()?;
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_node_modules()
}

pub fn which(name: &str) -> Option<String> {
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()))
        .map(|p| p.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::version_from_pkgid;

    #[test]
    fn pkgid_versions_in_every_spelling() {
        let current = "registry+https://github.com/rust-lang/crates.io-index#wasm-bindgen@0.2.130\n";
        assert_eq!(version_from_pkgid(current).as_deref(), Some("0.2.130"));
        let older = "https://github.com/rust-lang/crates.io-index#wasm-bindgen:0.2.130\r\n";
        assert_eq!(version_from_pkgid(older).as_deref(), Some("0.2.130"));
        assert_eq!(version_from_pkgid("path+file:///work/x#0.1.0").as_deref(), Some("0.1.0"));
        assert_eq!(version_from_pkgid("registry+https://x#y@1.0.0-rc.1+build").as_deref(), Some("1.0.0-rc.1+build"));
    }

    #[test]
    fn pkgid_without_a_version_is_refused() {
        assert_eq!(version_from_pkgid(""), None);
        assert_eq!(version_from_pkgid("registry+https://github.com/rust-lang/crates.io-index"), None);
        assert_eq!(version_from_pkgid("registry+https://x#wasm-bindgen"), None);
    }
}
