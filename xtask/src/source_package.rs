//! `cargo xtask source-package` and `cargo xtask reproduce`.
//!
//! Store reviewers (addons.mozilla.org) need the source of the compiled and
//! minified files and a way to rebuild them. `source-package` zips every file
//! under version control, with BUILDING.md and a record of the tool versions
//! used, into `dist/innoslate-key-assistant-source.zip`. `reproduce` unpacks
//! that archive into another folder, builds it there the way BUILDING.md says
//! and checks that both store zips come out byte-identical to `dist/`.

use crate::package;
use crate::root;
use crate::tools::{self, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The source archive, next to the store zips.
pub const SOURCE_ZIP: &str = "innoslate-key-assistant-source.zip";
/// The store zips a rebuild must reproduce.
const STORE_ZIPS: [&str; 2] = ["innoslate-key-assistant-chrome.zip", "innoslate-key-assistant-firefox.zip"];
/// Tool versions recorded in the archive, beside BUILDING.md.
const BUILD_INFO: &str = "BUILD-INFO.txt";

/// Writes the source archive for the tree as it is under version control.
pub fn source_package() -> Result {
    let zip = write_source_zip()?;
    println!("source archive: {} ({:.1} KB)", zip.display(), file_len(&zip)? as f64 / 1024.0);
    Ok(())
}

fn write_source_zip() -> Result<PathBuf> {
    let files = tracked_files()?;
    if !files.iter().any(|f| f == Path::new("BUILDING.md")) {
        return Err("BUILDING.md is not under version control".into());
    }
    // The record of tool versions is written into the tree only for the
    // time it takes to zip it.
    let staging = root().join("target/source-package");
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging).map_err(|e| e.to_string())?;
    for rel in &files {
        let to = staging.join(rel);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        fs::copy(root().join(rel), &to).map_err(|e| format!("{}: {e}", rel.display()))?;
    }
    fs::write(staging.join(BUILD_INFO), build_info()).map_err(|e| e.to_string())?;
    let mut listed = files;
    listed.push(PathBuf::from(BUILD_INFO));
    let dist = root().join("dist");
    fs::create_dir_all(&dist).map_err(|e| e.to_string())?;
    let zip = dist.join(SOURCE_ZIP);
    package::zip_files(&staging, listed, &zip)?;
    Ok(zip)
}

/// Every file git tracks, as it is in the working tree (deleted ones skipped).
fn tracked_files() -> Result<Vec<PathBuf>> {
    let out = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root())
        .output()
        .map_err(|e| format!("git is needed to list the sources: {e}"))?;
    if !out.status.success() {
        return Err("git ls-files failed: run this in a clone of the repository".into());
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(PathBuf::from)
        .filter(|f| root().join(f).is_file())
        .collect())
}

fn build_info() -> String {
    let version = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_else(|| "not found".into())
    };
    let wasm_bindgen = tools::locked_version("wasm-bindgen").unwrap_or_else(|e| e);
    format!(
        "Tools used to build this source package's extension (see BUILDING.md).\n\
         rustc: {}\ncargo: {}\nnode: {}\nnpm: {}\nwasm-bindgen CLI: {wasm_bindgen}\n",
        version("rustc", &["--version"]),
        version("cargo", &["--version"]),
        version("node", &["--version"]),
        version("npm", &["--version"]),
    )
}

/// Rebuilds from the source archive in another folder and compares the zips.
///
/// Quick form (the test suite's): one folder under `target/reproduce/`,
/// reusing this machine's npm packages and, from the second run on, its own
/// cargo output. `--clean`: two fresh folders, each with `npm ci` and a cold
/// build, compared with each other and with `dist/`.
pub fn reproduce(clean: bool) -> Result {
    let started = Instant::now();
    let dist = root().join("dist");
    for zip in STORE_ZIPS {
        if !dist.join(zip).is_file() {
            return Err(format!("dist/{zip} is missing: run `cargo xtask build` first"));
        }
    }
    let archive = write_source_zip()?;
    let folders: Vec<PathBuf> = if clean {
        let base = std::env::temp_dir().join(format!("ika-reproduce-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        vec![base.join("first"), base.join("second-folder")]
    } else {
        vec![root().join("target/reproduce/source")]
    };
    let mut result = Ok(());
    for folder in &folders {
        let t0 = Instant::now();
        unpack(&archive, folder, clean)?;
        if !clean {
            link_node_modules(folder)?;
        }
        rebuild(folder, clean)?;
        println!("rebuilt in {} ({:.0} s)", folder.display(), t0.elapsed().as_secs_f64());
        for zip in STORE_ZIPS {
            let ours = fs::read(dist.join(zip)).map_err(|e| e.to_string())?;
            let theirs = fs::read(folder.join("dist").join(zip)).map_err(|e| e.to_string())?;
            if ours == theirs {
                println!("identical: {zip} ({} bytes)", ours.len());
            } else {
                eprintln!("DIFFERENT: {zip} from {} and from this tree", folder.display());
                result = Err(format!("{zip} is not reproducible"));
            }
        }
    }
    if clean && result.is_ok() {
        if let Some(base) = folders[0].parent() {
            let _ = fs::remove_dir_all(base);
        }
    }
    println!("reproduce took {:.0} s", started.elapsed().as_secs_f64());
    result
}

/// Unpacks the archive into `folder`; a quick run keeps the folder's own
/// `target/` (cargo's output) from the last run.
fn unpack(archive: &Path, folder: &Path, clean: bool) -> Result {
    if folder.exists() {
        for entry in fs::read_dir(folder).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if !clean && path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            if path.is_dir() && !path.is_symlink() {
                fs::remove_dir_all(&path).map_err(|e| e.to_string())?;
            } else {
                fs::remove_file(&path).map_err(|e| e.to_string())?;
            }
        }
    }
    fs::create_dir_all(folder).map_err(|e| e.to_string())?;
    let file = fs::File::open(archive).map_err(|e| e.to_string())?;
    zip::ZipArchive::new(file).and_then(|mut z| z.extract(folder)).map_err(|e| format!("unpacking: {e}"))
}

/// The quick form borrows this tree's npm packages (same package-lock.json).
fn link_node_modules(folder: &Path) -> Result {
    tools::ensure_node_modules()?;
    #[cfg(unix)]
    std::os::unix::fs::symlink(root().join("node_modules"), folder.join("node_modules")).map_err(|e| e.to_string())?;
    Ok(())
}

/// Runs BUILDING.md's commands in `folder`.
fn rebuild(folder: &Path, clean: bool) -> Result {
    if clean {
        run_in(
            folder,
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
                .env("PUPPETEER_SKIP_DOWNLOAD", "1"),
        )?;
    }
    // The rebuild's own target/ is the point: never this tree's.
    run_in(folder, Command::new("cargo").args(["xtask", "build"]).env_remove("CARGO_TARGET_DIR"))
}

fn run_in(folder: &Path, cmd: &mut Command) -> Result {
    let shown = format!("{:?}", cmd).replace('"', "");
    eprintln!("+ (in {}) {shown}", folder.display());
    let status = cmd.current_dir(folder).status().map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed in {} ({status})", folder.display()))
    }
}

fn file_len(path: &Path) -> Result<u64> {
    Ok(fs::metadata(path).map_err(|e| e.to_string())?.len())
}
