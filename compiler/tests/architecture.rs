//! The architecture rules of the whole workspace, checked on the sources:
//!
//! - no import cycle among the top-level modules of any crate under
//!   `compiler/`, `macros/` and `runtime/` (edges come from `crate::X`,
//!   `use crate::{X, ...}`, `super::` and `self::` paths, resolved to the
//!   top-level module they name);
//! - no function (free, method or nested) longer than 150 lines there;
//! - the `#[workflow]` macro links neither the CLI's argument parser nor an
//!   HTTP client.
//!
//! The sources are read with a small Rust lexer (comments, strings, raw
//! strings, chars and lifetimes understood), not by matching lines, so a
//! path in a comment or a string is not an import and a `}` in a string
//! does not end a function.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Longest function allowed, in lines from `fn` to its closing brace.
const MAX_FN_LINES: usize = 150;

/// Crates whose dependency tree must stay free of the CLI and the network.
const FORBIDDEN_IN_MACRO: &[&str] = &["clap", "ureq", "reqwest"];

/// The folders whose crates the rules cover.
const RULED_FOLDERS: &[&str] = &["compiler", "macros", "runtime"];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("compiler/ has a parent")
        .to_path_buf()
}

fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into())
}

/// One crate's source directory and its root files (`lib.rs`, `main.rs`).
struct CrateSrc {
    name: String,
    src: PathBuf,
}

/// Every workspace package under the ruled folders, by `cargo metadata`,
/// so that a crate added later (a contract crate under `runtime/`, say) is
/// covered without editing this test.
fn ruled_crates() -> Vec<CrateSrc> {
    let root = workspace_root();
    let out = Command::new(cargo())
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(root.join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata is JSON");
    let mut crates: Vec<CrateSrc> = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter_map(|p| {
            let manifest = PathBuf::from(p["manifest_path"].as_str()?);
            let dir = manifest.parent()?.to_path_buf();
            let rel = dir.strip_prefix(&root).ok()?;
            let first = rel.components().next()?.as_os_str().to_str()?;
            let src = dir.join("src");
            let name = p["name"].as_str()?.to_string();
            (RULED_FOLDERS.contains(&first) && src.is_dir()).then_some(CrateSrc { name, src })
        })
        .collect();
    crates.sort_by(|a, b| a.src.cmp(&b.src));
    let names: Vec<&str> = crates.iter().map(|c| c.name.as_str()).collect();
    for expected in ["wfc", "wfc-compiler", "wfc-macros", "wfc-runtime"] {
        assert!(
            names.contains(&expected),
            "{expected} not found among {names:?}"
        );
    }
    crates
}

/// The `.rs` files of a crate's `src/` (without `src/bin/`, whose files
/// are crates of their own), sorted.
fn rust_files(src: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src dir reads").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(src, &mut out);
    out.retain(|p| !p.starts_with(src.join("bin")));
    out.sort();
    out
}

// ---------------------------------------------------------------- lexer

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Punct(char),
    /// A literal (string, char, number); its text does not matter here.
    Lit,
    /// A lifetime or label (`'a`).
    Lifetime,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    line: usize,
}

/// Splits Rust source into tokens with their 1-based line. Comments are
/// dropped; literals become [`Tok::Lit`].
fn lex(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let (mut i, mut line) = (0, 1);
    let mut out = Vec::new();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if let Some(len) = raw_string_len(&chars[i..]) {
            line += chars[i..i + len].iter().filter(|&&c| c == '\n').count();
            i += len;
            out.push(Token {
                tok: Tok::Lit,
                line: start_line,
            });
        } else if c == '"' || ((c == 'b' || c == 'c') && at(i + 1) == '"') {
            i += if c == '"' { 1 } else { 2 };
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                line += usize::from(at(i) == '\n');
                i += 1;
            }
            i += 1;
            out.push(Token {
                tok: Tok::Lit,
                line: start_line,
            });
        } else if c == '\'' || (c == 'b' && at(i + 1) == '\'') {
            let q = if c == '\'' { i } else { i + 1 };
            if at(q + 1) == '\\' {
                // An escaped char: '\n', '\'', '\u{1F600}'.
                i = q + 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push(Token {
                    tok: Tok::Lit,
                    line,
                });
            } else if at(q + 2) == '\'' {
                i = q + 3;
                out.push(Token {
                    tok: Tok::Lit,
                    line,
                });
            } else {
                i = q + 1;
                while is_ident_char(at(i)) {
                    i += 1;
                }
                out.push(Token {
                    tok: Tok::Lifetime,
                    line,
                });
            }
        } else if c.is_ascii_digit() {
            while is_ident_char(at(i)) || (at(i) == '.' && at(i + 1).is_ascii_digit()) {
                i += 1;
            }
            out.push(Token {
                tok: Tok::Lit,
                line,
            });
        } else if is_ident_char(c) {
            if c == 'r' && at(i + 1) == '#' && is_ident_char(at(i + 2)) {
                i += 2;
            }
            let start = i;
            while is_ident_char(at(i)) {
                i += 1;
            }
            out.push(Token {
                tok: Tok::Ident(chars[start..i].iter().collect()),
                line,
            });
        } else {
            out.push(Token {
                tok: Tok::Punct(c),
                line,
            });
            i += 1;
        }
    }
    out
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Length of a raw string literal (`r"..."`, `r#"..."#`, `br#".."#`,
/// `cr".."`) starting at `s[0]`, if one starts there.
fn raw_string_len(s: &[char]) -> Option<usize> {
    let mut i = match s {
        ['r', ..] => 1,
        ['b' | 'c', 'r', ..] => 2,
        _ => return None,
    };
    let hashes = s[i..].iter().take_while(|&&c| c == '#').count();
    i += hashes;
    if s.get(i) != Some(&'"') {
        return None;
    }
    i += 1;
    while i < s.len() {
        if s[i] == '"'
            && s[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes
        {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    Some(s.len())
}

fn ident(t: Option<&Token>) -> Option<&str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

fn punct(t: Option<&Token>, c: char) -> bool {
    t.is_some_and(|t| t.tok == Tok::Punct(c))
}

fn path_sep(toks: &[Token], i: usize) -> bool {
    punct(toks.get(i), ':') && punct(toks.get(i + 1), ':')
}

// ------------------------------------------------------- module graph

/// The module path of a file: `src/a.rs` and `src/a/mod.rs` are `[a]`,
/// `src/a/b.rs` is `[a, b]`, the crate roots are `[]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("file under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    let is_root = parts.is_empty() && (stem == "lib" || stem == "main");
    if stem != "mod" && !is_root {
        parts.push(stem.to_string());
    }
    parts
}

/// The names a path names at the point `i` (just past `crate::`, or
/// past the `super::`/`self::` that reached the crate root): one ident,
/// or the first ident of each entry of a `{...}` group.
fn names_at(toks: &[Token], i: usize) -> Vec<(String, usize)> {
    if let Some(name) = ident(toks.get(i)) {
        return vec![(name.to_string(), toks[i].line)];
    }
    if !punct(toks.get(i), '{') {
        return Vec::new();
    }
    let mut names = Vec::new();
    let (mut j, mut depth, mut entry_start) = (i + 1, 1, true);
    while j < toks.len() && depth > 0 {
        match &toks[j].tok {
            Tok::Punct('{') if depth == 1 && entry_start => {
                names.extend(names_at(toks, j));
                depth += 1;
                entry_start = false;
            }
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => depth -= 1,
            Tok::Punct(',') if depth == 1 => entry_start = true,
            Tok::Ident(name) if depth == 1 && entry_start => {
                names.push((name.clone(), toks[j].line));
                entry_start = false;
            }
            _ => entry_start = false,
        }
        j += 1;
    }
    names
}

/// Names that the crate root re-exports from a module (`pub use a::{B,
/// C}` makes `crate::B` mean module `a`).
fn root_reexports(toks: &[Token], modules: &BTreeSet<String>) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let mut i = 0;
    while i < toks.len() {
        if ident(toks.get(i)) == Some("use") {
            let mut j = i + 1;
            while matches!(ident(toks.get(j)), Some("crate" | "self")) && path_sep(toks, j + 1) {
                j += 3;
            }
            let end = (j..toks.len())
                .find(|&k| punct(toks.get(k), ';'))
                .unwrap_or(toks.len());
            if let Some(m) = ident(toks.get(j)).filter(|m| modules.contains(*m)) {
                for k in j + 1..end {
                    let leaf = ident(toks.get(k)).filter(|_| {
                        let next = toks.get(k + 1);
                        punct(next, ',') || punct(next, '}') || punct(next, ';')
                    });
                    if let Some(leaf) = leaf {
                        map.insert(leaf.to_string(), m.to_string());
                    }
                }
            }
            i = end;
        }
        i += 1;
    }
    map
}

/// One import edge between top-level modules, with where it was seen.
#[derive(Clone, Debug)]
struct Edge {
    from: String,
    to: String,
    at: String,
}

/// The top-level modules of a crate and the edges between them.
fn module_graph(src: &Path) -> (BTreeSet<String>, Vec<Edge>) {
    let files: Vec<(PathBuf, Vec<String>, Vec<Token>)> = rust_files(src)
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("source reads");
            let path = module_path(src, &f);
            (f, path, lex(&text))
        })
        .collect();
    let mut modules = BTreeSet::new();
    let mut reexports = HashMap::new();
    for (_, path, toks) in &files {
        if let Some(first) = path.first() {
            modules.insert(first.clone());
        } else {
            // A crate root: its `mod x;` and `mod x { .. }` declarations.
            for (i, _) in toks.iter().enumerate() {
                if ident(toks.get(i)) == Some("mod")
                    && let Some(name) = ident(toks.get(i + 1))
                {
                    modules.insert(name.to_string());
                }
            }
        }
    }
    for (_, path, toks) in &files {
        if path.is_empty() {
            reexports.extend(root_reexports(toks, &modules));
        }
    }
    let mut edges = Vec::new();
    for (file, path, toks) in &files {
        let shown = file
            .strip_prefix(workspace_root())
            .unwrap_or(file)
            .display()
            .to_string();
        for (from, to, line) in file_edges(path, toks, &modules, &reexports) {
            edges.push(Edge {
                from,
                to,
                at: format!("{shown}:{line}"),
            });
        }
    }
    (modules, edges)
}

/// The edges `(from, to, line)` of one file whose module path is `path`.
fn file_edges(
    path: &[String],
    toks: &[Token],
    modules: &BTreeSet<String>,
    reexports: &HashMap<String, String>,
) -> Vec<(String, String, usize)> {
    // The module path at each token, following inline `mod x { ... }`.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match &toks[i].tok {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Tok::Ident(kw)
                if kw == "mod"
                    && ident(toks.get(i + 1)).is_some()
                    && punct(toks.get(i + 2), '{') =>
            {
                inline.push((ident(toks.get(i + 1)).unwrap().to_string(), depth));
            }
            _ => {}
        }
        let mut current: Vec<String> = path.to_vec();
        current.extend(inline.iter().map(|(n, _)| n.clone()));
        let from = match current.first() {
            Some(m) => m.clone(),
            None => {
                i += 1;
                continue;
            }
        };
        // A path starts here unless it continues one (`a::crate` is not a thing,
        // but `x::super` and `x::self` are not path starts either).
        let starts = i < 2 || !path_sep(toks, i - 2);
        let head = ident(toks.get(i));
        if !starts || !matches!(head, Some("crate" | "super" | "self")) || !path_sep(toks, i + 1) {
            i += 1;
            continue;
        }
        let mut resolved: Vec<String> = match head {
            Some("crate") => Vec::new(),
            _ => current.clone(),
        };
        let mut j = i;
        while matches!(ident(toks.get(j)), Some("super" | "self")) && path_sep(toks, j + 1) {
            if ident(toks.get(j)) == Some("super") {
                resolved.pop();
            }
            j += 3;
        }
        if head == Some("crate") {
            j = i + 3;
        }
        let names: Vec<(String, usize)> = match resolved.first() {
            Some(m) => vec![(m.clone(), toks[i].line)],
            None => names_at(toks, j),
        };
        for (name, line) in names {
            let target = if modules.contains(&name) {
                Some(name)
            } else {
                reexports.get(&name).cloned()
            };
            if let Some(to) = target.filter(|to| *to != from) {
                out.push((from.clone(), to, line));
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// A cycle through `start` inside the strongly connected set `scc`.
fn cycle_through(
    start: &str,
    scc: &BTreeSet<String>,
    adj: &BTreeMap<String, BTreeMap<String, String>>,
) -> Vec<String> {
    // Breadth-first from `start` back to `start`, staying in the set.
    let mut prev: HashMap<String, String> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start.to_string()]);
    while let Some(n) = queue.pop_front() {
        for next in adj.get(&n).into_iter().flat_map(|m| m.keys()) {
            if !scc.contains(next) {
                continue;
            }
            if next == start {
                let mut cycle = vec![n.clone()];
                let mut cur = n.clone();
                while let Some(p) = prev.get(&cur) {
                    cycle.push(p.clone());
                    cur = p.clone();
                }
                cycle.reverse();
                cycle.push(start.to_string());
                return cycle;
            }
            if next != start && !prev.contains_key(next) {
                prev.insert(next.clone(), n.clone());
                queue.push_back(next.clone());
            }
        }
    }
    Vec::new()
}

/// Strongly connected sets of more than one module (Tarjan).
fn cycles(
    modules: &BTreeSet<String>,
    adj: &BTreeMap<String, BTreeMap<String, String>>,
) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        adj: &'a BTreeMap<String, BTreeMap<String, String>>,
        index: HashMap<String, usize>,
        low: HashMap<String, usize>,
        stack: Vec<String>,
        on_stack: BTreeSet<String>,
        out: Vec<BTreeSet<String>>,
    }
    fn visit(s: &mut State<'_>, n: &str) {
        let i = s.index.len();
        s.index.insert(n.to_string(), i);
        s.low.insert(n.to_string(), i);
        s.stack.push(n.to_string());
        s.on_stack.insert(n.to_string());
        let nexts: Vec<String> = s
            .adj
            .get(n)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for m in nexts {
            if !s.index.contains_key(&m) {
                visit(s, &m);
                let low = s.low[n].min(s.low[&m]);
                s.low.insert(n.to_string(), low);
            } else if s.on_stack.contains(&m) {
                let low = s.low[n].min(s.index[&m]);
                s.low.insert(n.to_string(), low);
            }
        }
        if s.low[n] == s.index[n] {
            let mut set = BTreeSet::new();
            while let Some(m) = s.stack.pop() {
                s.on_stack.remove(&m);
                let done = m == n;
                set.insert(m);
                if done {
                    break;
                }
            }
            if set.len() > 1 {
                s.out.push(set);
            }
        }
    }
    let mut s = State {
        adj,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for m in modules {
        if !s.index.contains_key(m) {
            visit(&mut s, m);
        }
    }
    s.out
}

/// Every import cycle of the crate at `src`, described for a reader.
fn import_cycles(src: &Path) -> Vec<String> {
    let (modules, edges) = module_graph(src);
    // from -> to -> first place the edge is seen
    let mut adj: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for e in edges {
        adj.entry(e.from).or_default().entry(e.to).or_insert(e.at);
    }
    cycles(&modules, &adj)
        .into_iter()
        .map(|scc| {
            let first = scc.iter().next().expect("non-empty").clone();
            let cycle = cycle_through(&first, &scc, &adj);
            let steps: Vec<String> = cycle
                .windows(2)
                .map(|w| format!("    {} -> {} ({})", w[0], w[1], adj[&w[0]][&w[1]]))
                .collect();
            format!(
                "modules {:?} form a cycle: {}\n{}",
                scc,
                cycle.join(" -> "),
                steps.join("\n")
            )
        })
        .collect()
}

// ------------------------------------------------------ function length

/// Every function with a body: `(name, line of fn, lines)`.
fn function_lengths(toks: &[Token]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.tok != Tok::Ident("fn".into()) {
            continue;
        }
        // `fn(u8) -> u8` is a type; `fn $name` is a macro template.
        let Some(name) = ident(toks.get(i + 1)) else {
            continue;
        };
        let mut depth = 0i32;
        let mut j = i + 2;
        let body = loop {
            match toks.get(j).map(|t| &t.tok) {
                None => break None,
                Some(Tok::Punct('(' | '[')) => depth += 1,
                Some(Tok::Punct(')' | ']')) => depth -= 1,
                Some(Tok::Punct(';')) if depth == 0 => break None,
                Some(Tok::Punct('{')) if depth == 0 => break Some(j),
                _ => {}
            }
            j += 1;
        };
        let Some(open) = body else { continue };
        let mut depth = 0;
        for close in &toks[open..] {
            match close.tok {
                Tok::Punct('{') => depth += 1,
                Tok::Punct('}') => {
                    depth -= 1;
                    if depth == 0 {
                        out.push((name.to_string(), t.line, close.line - t.line + 1));
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    out
}

// ---------------------------------------------------------------- tests

#[test]
fn no_import_cycle_in_any_crate() {
    let mut problems = Vec::new();
    for c in ruled_crates() {
        for cycle in import_cycles(&c.src) {
            problems.push(format!("{}: {cycle}", c.name));
        }
    }
    assert!(
        problems.is_empty(),
        "import cycles (a module may not depend, directly or not, on one that depends on it):\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_function_longer_than_the_limit() {
    let root = workspace_root();
    let mut offenders = Vec::new();
    for c in ruled_crates() {
        for file in rust_files(&c.src) {
            let text = std::fs::read_to_string(&file).expect("source reads");
            for (name, line, len) in function_lengths(&lex(&text)) {
                if len > MAX_FN_LINES {
                    let shown = file.strip_prefix(&root).unwrap_or(&file).display();
                    offenders.push(format!("{shown}:{line}: fn {name} is {len} lines"));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "functions longer than {MAX_FN_LINES} lines; split them into steps:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_macro_links_neither_the_cli_nor_an_http_client() {
    let out = Command::new(cargo())
        .args([
            "tree",
            "-p",
            "wfc-macros",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .arg("--manifest-path")
        .arg(workspace_root().join("Cargo.toml"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let names: BTreeSet<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    // The command really listed the macro's dependencies.
    for expected in ["wfc-macros", "wfc-compiler", "syn"] {
        assert!(names.contains(expected), "{expected} missing from:\n{tree}");
    }
    let found: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| {
            FORBIDDEN_IN_MACRO.iter().any(|f| {
                n == f || n.starts_with(&format!("{f}_")) || n.starts_with(&format!("{f}-"))
            })
        })
        .collect();
    assert!(
        found.is_empty(),
        "wfc-macros links {found:?}; keep the CLI and HTTP in the `wfc` crate:\n{tree}"
    );
}

// ------------------------------------------------ the rules, on fixtures

#[test]
fn the_lexer_skips_comments_strings_and_chars() {
    let toks = lex(
        "// crate::a\n/* crate::b /* nested */ */ let s = \"crate::c }\"; let r = r#\"crate::d\"#;\n\
         let c = '}'; let l: &'a str = x; crate::e::f();",
    );
    let idents: Vec<&str> = toks
        .iter()
        .filter_map(|t| match &t.tok {
            Tok::Ident(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        idents,
        [
            "let", "s", "let", "r", "let", "c", "let", "l", "str", "x", "crate", "e", "f"
        ]
    );
    assert_eq!(toks.last().unwrap().line, 3);
    assert!(!toks.iter().any(|t| t.tok == Tok::Punct('}')));
}

#[test]
fn the_graph_sees_every_kind_of_path_and_finds_cycles() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path();
    let write = |rel: &str, text: &str| {
        let p = src.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "lib.rs",
        "mod a; mod b; mod c; mod d; mod e; pub use d::{Thing, Other as O};",
    );
    write("a.rs", "use crate::{\n    b::X,\n    self as _,\n};\n");
    write(
        "b.rs",
        "fn f() { super::c::g(); }\nmod tests { use super::*; }",
    );
    write("c/mod.rs", "mod inner;\n");
    write("c/inner.rs", "fn g() -> crate::Thing { todo!() }");
    write(
        "d.rs",
        "// crate::a in a comment\nconst S: &str = \"crate::a\";\nfn h() { self::x(); }",
    );
    write("e.rs", "use crate::d; fn f() -> d::Thing {}");
    let (modules, edges) = module_graph(src);
    assert_eq!(
        modules.iter().map(String::as_str).collect::<Vec<_>>(),
        ["a", "b", "c", "d", "e"]
    );
    let pairs: BTreeSet<(String, String)> = edges.into_iter().map(|e| (e.from, e.to)).collect();
    let expected: BTreeSet<(String, String)> = [("a", "b"), ("b", "c"), ("c", "d"), ("e", "d")]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(pairs, expected);
    assert!(import_cycles(src).is_empty());

    // d -> a closes a -> b -> c -> d.
    write("d.rs", "use crate::a as _;");
    let found = import_cycles(src);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("a -> b -> c -> d -> a") && found[0].contains("c/inner.rs:1"),
        "{}",
        found[0]
    );
}

#[test]
fn the_length_rule_counts_methods_and_nested_functions() {
    let body = |n: usize| "    x();\n".repeat(n);
    let text = format!(
        "fn short() {{\n{}}}\n\
         impl T {{\n    fn long(&self) -> Result<(), String> {{\n        fn nested() {{\n{}}}\n{}    }}\n}}\n\
         trait Q {{ fn decl(&self); }}\n\
         type F = fn(u8) -> u8;\n",
        body(3),
        body(MAX_FN_LINES),
        body(2)
    );
    let lens: Vec<(String, usize)> = function_lengths(&lex(&text))
        .into_iter()
        .map(|(n, _, l)| (n, l))
        .collect();
    assert_eq!(
        lens,
        [
            ("short".to_string(), 5),
            ("long".to_string(), MAX_FN_LINES + 6),
            ("nested".to_string(), MAX_FN_LINES + 2),
        ]
    );
}
