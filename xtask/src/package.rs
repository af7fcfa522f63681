//! Store zips (deterministic: sorted entries, fixed timestamps) and the size
//! report printed at the end of every build.

use crate::extension_build::{read, ON_DEMAND_BUNDLE};
use crate::tools::Result;
use flate2::{write::GzEncoder, Compression};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn zip_dir(dir: &Path, zip_path: &Path) -> Result {
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    zip_files(dir, files, zip_path)
}

/// Zips `files` (relative to `dir`) in sorted order, with fixed timestamps
/// and the zip writer's fixed permissions (0644), whatever the umask.
pub fn zip_files(dir: &Path, mut files: Vec<PathBuf>, zip_path: &Path) -> Result {
    files.sort();
    let file = fs::File::create(zip_path).map_err(|e| format!("{}: {e}", zip_path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default());
    for rel in files {
        let name = rel.to_string_lossy().replace('\\', "/");
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(&fs::read(dir.join(&rel)).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    }
    zip.finish().map_err(|e| e.to_string())?;
    Ok(())
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    for entry in fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(base, &path, out)?;
        } else {
            out.push(path.strip_prefix(base).map_err(|e| e.to_string())?.to_path_buf());
        }
    }
    Ok(())
}

pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes).expect("writing to memory");
    enc.finish().expect("writing to memory").len()
}

/// Sizes that matter to users and store reviewers.
pub struct Sizes {
    pub wasm_raw: usize,
    pub wasm_gzip: usize,
    pub glue_gzip: usize,
    /// What the manifest injects into a page, for the site whose is largest.
    pub content_gzip: usize,
    /// The Fill buttons' code, injected only into a page offered a key.
    pub on_demand_gzip: usize,
    pub zips: Vec<(String, u64)>,
}

/// The content scripts the manifest injects into a page (the overlay CSS is
/// inlined in them), for the site whose are the largest; the on-demand file
/// apart. Each entry's files are concatenated as the browser loads them;
/// the entries a site's pages load (its own and the page-world watcher's)
/// are separate files, so their sizes add up.
pub fn measure(chrome_dir: &Path, zips: &[PathBuf]) -> Result<Sizes> {
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&chrome_dir.join("manifest.json"))?).map_err(|e| e.to_string())?;
    // Each entry: its match patterns and the gzip size of its files.
    let mut entries: Vec<(Vec<&str>, usize)> = Vec::new();
    for entry in manifest["content_scripts"].as_array().into_iter().flatten() {
        let mut content = Vec::new();
        for file in entry["js"].as_array().into_iter().flatten().chain(entry["css"].as_array().into_iter().flatten()) {
            content.extend(fs::read(chrome_dir.join(file.as_str().unwrap_or_default())).map_err(|e| e.to_string())?);
        }
        let matches = entry["matches"].as_array().into_iter().flatten().filter_map(|m| m.as_str()).collect();
        entries.push((matches, gzip_len(&content)));
    }
    // A site's pages load every entry that matches them; the largest site counts.
    let content_gzip = entries
        .iter()
        .flat_map(|(matches, _)| matches.iter())
        .map(|site| entries.iter().filter(|(m, _)| m.contains(site)).map(|(_, gzip)| gzip).sum::<usize>())
        .max()
        .unwrap_or(0);
    let on_demand = fs::read(chrome_dir.join(ON_DEMAND_BUNDLE)).map_err(|e| format!("{ON_DEMAND_BUNDLE}: {e}"))?;
    let wasm = fs::read(chrome_dir.join("core/innoslate_key_assistant_bg.wasm")).map_err(|e| e.to_string())?;
    let glue = fs::read(chrome_dir.join("core/innoslate_key_assistant.js")).map_err(|e| e.to_string())?;
    let zips = zips
        .iter()
        .map(|z| {
            Ok((
                z.file_name().unwrap_or_default().to_string_lossy().into_owned(),
                fs::metadata(z).map_err(|e| e.to_string())?.len(),
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Sizes {
        wasm_raw: wasm.len(),
        wasm_gzip: gzip_len(&wasm),
        glue_gzip: gzip_len(&glue),
        content_gzip,
        on_demand_gzip: gzip_len(&on_demand),
        zips,
    })
}

pub fn print_sizes(chrome_dir: &Path, zips: &[PathBuf]) -> Result {
    let s = measure(chrome_dir, zips)?;
    let kb = |n: usize| format!("{:.1} KB", n as f64 / 1024.0);
    println!("\nsizes");
    println!("  wasm core          {:>10} raw  {:>10} gzip", kb(s.wasm_raw), kb(s.wasm_gzip));
    println!("  wasm glue (JS)     {:>10} gzip", kb(s.glue_gzip));
    println!(
        "  content scripts    {:>10} gzip (JS + CSS injected into a page, the larger site's: {} B; budget {} B)",
        kb(s.content_gzip),
        s.content_gzip,
        crate::benchmark::CONTENT_GZIP_BUDGET
    );
    println!("  on demand          {:>10} gzip (the Fill buttons, only where a key is offered)", kb(s.on_demand_gzip));
    for (name, len) in &s.zips {
        println!("  {name:<40} {:>10}", kb(*len as usize));
    }
    Ok(())
}
