//! ComfyUI's folders (`input/`, `output/`, `temp/`) and its file rules:
//! annotated names (`x.png [output]`), upload renaming and duplicate
//! detection, path checks, and the `NAME_00001_.png` save counters.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::catalog::InputFiles;
use crate::imaging::{PngLevel, encode_png};

/// Where ComfyUI is installed, as error messages and tracebacks show it.
pub const COMFY_ROOT: &str = "/opt/ComfyUI";

/// The double's folders.
pub(crate) struct Files {
    pub(crate) input: PathBuf,
    pub(crate) output: PathBuf,
    pub(crate) temp: PathBuf,
    counters: Mutex<HashMap<(PathBuf, String), u64>>,
}

/// `os.path.normpath` on `/`-separated relative paths; `None` when it climbs out.
pub(crate) fn normpath(p: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c),
        }
    }
    Some(parts.join("/"))
}

/// Whether a relative path stays inside its folder.
fn stays_inside(rel: &Path) -> bool {
    let mut depth = 0i32;
    for c in rel.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

/// Splits `NAME [output]` into the name and its folder type.
pub(crate) fn annotated(name: &str) -> (&str, Option<&'static str>) {
    for (suffix, t) in [
        ("[output]", "output"),
        ("[input]", "input"),
        ("[temp]", "temp"),
    ] {
        if let Some(n) = name.strip_suffix(suffix) {
            return (n.strip_suffix(' ').unwrap_or(n), Some(t));
        }
    }
    (name, None)
}

fn is_image_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        ".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".ico", ".svg", ".avif",
        ".heic",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
}

impl Files {
    /// Creates the folders under `base` and ComfyUI's `input/example.png`.
    pub(crate) fn new(base: &Path) -> std::io::Result<Files> {
        let files = Files {
            input: base.join("input"),
            output: base.join("output"),
            temp: base.join("temp"),
            counters: Mutex::new(HashMap::new()),
        };
        for d in [&files.input, &files.output, &files.temp] {
            std::fs::create_dir_all(d)?;
        }
        let example = files.input.join("example.png");
        if !example.exists() {
            std::fs::write(&example, example_png())?;
        }
        Ok(files)
    }

    /// The folder of a `type` (`output`, `input`, `temp`).
    pub(crate) fn dir_by_type(&self, t: &str) -> Option<&Path> {
        match t {
            "output" => Some(&self.output),
            "input" => Some(&self.input),
            "temp" => Some(&self.temp),
            _ => None,
        }
    }

    /// The file an input-image name (possibly annotated, possibly in a
    /// subfolder) refers to, if it stays inside its folder.
    pub(crate) fn annotated_path(&self, name: &str) -> Option<PathBuf> {
        let (name, t) = annotated(name);
        let dir = self.dir_by_type(t.unwrap_or("input"))?;
        let rel = Path::new(name);
        if name.is_empty() || !stays_inside(rel) {
            return None;
        }
        Some(dir.join(rel))
    }

    /// `folder_paths.exists_annotated_filepath`.
    pub(crate) fn input_exists(&self, name: &str) -> bool {
        self.annotated_path(name).is_some_and(|p| p.exists())
    }

    /// The top-level input files, sorted (images only, and everything).
    pub(crate) fn input_listing(&self) -> InputFiles {
        let mut all: Vec<String> = std::fs::read_dir(&self.input)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        all.sort();
        let images = all.iter().filter(|n| is_image_name(n)).cloned().collect();
        InputFiles { images, all }
    }

    /// `folder_paths.get_save_image_path` plus reservation of `count` counters:
    /// (folder, file name stem, first counter, subfolder).
    pub(crate) fn save_path(
        &self,
        base: &Path,
        prefix: &str,
        w: usize,
        h: usize,
        count: usize,
    ) -> Result<(PathBuf, String, u64, String), String> {
        let prefix = prefix
            .replace("%width%", &w.to_string())
            .replace("%height%", &h.to_string());
        let norm = normpath(&prefix).ok_or_else(|| {
            format!("**** ERROR: Saving image outside the output folder is not allowed.\n full_output_folder: {prefix}")
        })?;
        let (subfolder, filename) = match norm.rsplit_once('/') {
            Some((s, f)) => (s.to_string(), f.to_string()),
            None => (String::new(), norm.clone()),
        };
        let folder = base.join(&subfolder);
        std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
        let key = (folder.clone(), filename.to_lowercase());
        let mut counters = self.counters.lock().unwrap_or_else(|e| e.into_inner());
        let next = counters
            .entry(key)
            .or_insert_with(|| scan_counter(&folder, &filename));
        let first = *next;
        *next += count as u64;
        Ok((folder, filename, first, subfolder))
    }
}

/// The next free counter for `NAME_NNNNN_` files in `folder`.
fn scan_counter(folder: &Path, filename: &str) -> u64 {
    let lower = filename.to_lowercase();
    let plen = filename.chars().count();
    let mut max = 0u64;
    if let Ok(rd) = std::fs::read_dir(folder) {
        for e in rd.filter_map(Result::ok) {
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            let chars: Vec<char> = name.chars().collect();
            if chars.len() <= plen {
                continue;
            }
            let prefix: String = chars[..plen].iter().collect();
            if prefix.to_lowercase() != lower || chars[plen] != '_' {
                continue;
            }
            let rest: String = chars[plen + 1..].iter().collect();
            let digits = rest
                .split('_')
                .next()
                .and_then(|d| d.parse::<u64>().ok())
                .unwrap_or(0);
            max = max.max(digits);
        }
    }
    max + 1
}

/// ComfyUI ships `input/example.png`; the double makes a 512×512 picture.
fn example_png() -> Vec<u8> {
    let (w, h) = (512usize, 512usize);
    let mut px = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for x in 0..w {
            let dx = x as f32 - 256.0;
            let dy = y as f32 - 256.0;
            let r = (dx * dx + dy * dy).sqrt();
            let ring = if (r as i32 / 32) % 2 == 0 { 40 } else { 0 };
            px.push((x * 255 / w) as u8);
            px.push(((y * 255 / h) as u8).saturating_add(ring));
            px.push(200u8.saturating_sub((r / 2.0) as u8));
        }
    }
    encode_png(&px, w, h, 3, &[], PngLevel::Fast)
}
