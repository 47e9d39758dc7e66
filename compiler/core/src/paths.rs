//! Path arithmetic without touching the file system: a path relative to a
//! directory, and `.`/`..` removed lexically. Depends on nothing else in
//! the crate, so diagnostics, the project loader and `wfc build` can all
//! use it.

use std::path::{Path, PathBuf};

/// `to` relative to directory `from` (both made absolute first), with `/`.
pub fn relative_path(to: &Path, from: &Path) -> String {
    let abs = |p: &Path| {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalize(&p)
    };
    let (to, from) = (abs(to), abs(from));
    let common = to
        .components()
        .zip(from.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<String> = from
        .components()
        .skip(common)
        .map(|_| "..".to_string())
        .collect();
    out.extend(
        to.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if out.is_empty() {
        ".".to_string()
    } else {
        out.join("/")
    }
}

/// Removes `.` and `a/..` from a path without touching the file system, so
/// that diagnostics name `specs/shared/x.json`, not `specs/a/../shared/x.json`.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_path(Path::new("/a/b/c"), Path::new("/a/d")),
            "../b/c"
        );
        assert_eq!(relative_path(Path::new("/a/b"), Path::new("/a/b")), ".");
        assert_eq!(relative_path(Path::new("/a/b/../c"), Path::new("/a")), "c");
    }

    #[test]
    fn normalize_is_lexical() {
        assert_eq!(
            normalize(Path::new("specs/a/../w/./x.json")),
            Path::new("specs/w/x.json")
        );
        assert_eq!(normalize(Path::new("../x.json")), Path::new("../x.json"));
        assert_eq!(normalize(Path::new("/a/../b")), Path::new("/b"));
    }
}
