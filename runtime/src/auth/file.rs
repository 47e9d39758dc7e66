//! The key file (`API_KEYS_FILE`), TOML:
//!
//! ```toml
//! [[keys]]
//! name = "frontend"                 # unique; what logs and job owners show
//! sha256 = "sha256:9f86d0…"          # the key's SHA-256 (`wfc-api --hash-key`), or
//! # key = "…"                         # the key itself, hashed when read
//! endpoints = ["/workflows/basic/*"] # path globs; default: every endpoint
//! raw_prompt = false                 # may call POST /prompt; default false
//! jobs = "own"                       # "own" or "all"; default "own"
//! rate_limit = "10/s"                # N/s, N/min or N/h; default RATE_LIMIT
//! burst = 20                         # default: N
//! ```
//!
//! Every error names the file, line and column.

use super::{JobAccess, Key, KeyHash, Keys, Rate, Scopes, parse_glob};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// The shortest key accepted.
pub const MIN_KEY_LEN: usize = 16;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    #[serde(default)]
    keys: Vec<Spanned<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: Spanned<String>,
    #[serde(default)]
    sha256: Option<Spanned<String>>,
    #[serde(default)]
    key: Option<Spanned<String>>,
    #[serde(default)]
    endpoints: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    raw_prompt: bool,
    #[serde(default)]
    jobs: JobAccess,
    #[serde(default)]
    rate_limit: Option<Spanned<String>>,
    #[serde(default)]
    burst: Option<Spanned<u32>>,
}

/// A key name: 1 to 64 characters of `[A-Za-z0-9._-]`.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a key name; use 1 to 64 characters of A-Z, a-z, 0-9, `.`, `_`, `-`",
            name.chars().take(80).collect::<String>()
        ))
    }
}

/// Reads and parses the key file at `path`.
pub fn read(path: &Path) -> Result<Keys, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the key file: {e}", path.display()))?;
    parse(&text, path)
}

/// Parses the text of the key file at `path` (for positions in errors).
pub fn parse(text: &str, path: &Path) -> Result<Keys, String> {
    let at = |span: std::ops::Range<usize>, what: String| {
        let (line, column) = line_column(text, span.start);
        format!("{}:{line}:{column}: {what}", path.display())
    };
    let file: KeyFile = toml::from_str(text).map_err(|e| match e.span() {
        Some(span) => at(span, e.message().to_string()),
        None => format!("{}: {}", path.display(), e.message()),
    })?;
    let mut keys = Keys::default();
    for entry in file.keys {
        let span = entry.span();
        let entry = entry.into_inner();
        let (hash, key) = entry_key(entry, span.clone(), &at)?;
        keys.insert(hash, key).map_err(|e| at(span.clone(), e))?;
    }
    Ok(keys)
}

/// One entry's hash and key, or the error at its position.
fn entry_key(
    entry: Entry,
    span: std::ops::Range<usize>,
    at: &impl Fn(std::ops::Range<usize>, String) -> String,
) -> Result<(KeyHash, Key), String> {
    check_name(entry.name.get_ref()).map_err(|e| at(entry.name.span(), e))?;
    let name = entry.name.into_inner();
    let hash = match (entry.sha256, entry.key) {
        (Some(h), None) => KeyHash::parse_hex(h.get_ref().trim()).ok_or_else(|| {
            at(
                h.span(),
                "`sha256` is 64 hexadecimal digits, optionally after `sha256:`".into(),
            )
        })?,
        (None, Some(k)) if k.get_ref().len() >= MIN_KEY_LEN => KeyHash::of(k.get_ref()),
        (None, Some(k)) => {
            return Err(at(
                k.span(),
                format!("the key of `{name}` is shorter than {MIN_KEY_LEN} characters"),
            ));
        }
        (Some(h), Some(_)) => {
            return Err(at(
                h.span(),
                format!("`{name}` gives both `sha256` and `key`; give one"),
            ));
        }
        (None, None) => {
            return Err(at(
                span,
                format!("the key `{name}` needs `sha256` (its hash) or `key`"),
            ));
        }
    };
    let endpoints = match entry.endpoints {
        None => Scopes::full().endpoints,
        Some(globs) => globs
            .iter()
            .map(|g| parse_glob(g.get_ref()).map_err(|e| at(g.span(), e)))
            .collect::<Result<_, _>>()?,
    };
    let rate = match entry.rate_limit {
        None => None,
        Some(r) => Some(
            Rate::parse(r.get_ref(), entry.burst.as_ref().map(|b| *b.get_ref()))
                .map_err(|e| at(r.span(), e))?,
        ),
    };
    let scopes = Scopes {
        endpoints,
        raw_prompt: entry.raw_prompt,
        jobs: entry.jobs,
        rate,
    };
    Ok((hash, Key { name, scopes }))
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Keys, String> {
        parse(text, Path::new("keys.toml"))
    }

    #[test]
    fn a_full_file_parses_into_hashed_keys_with_scopes() {
        let hash = KeyHash::of("frontend-secret-0001");
        let keys = parse_text(&format!(
            r#"
[[keys]]
name = "frontend"
sha256 = "{hash}"
endpoints = ["/workflows/basic/*"]
jobs = "all"
rate_limit = "5/s"
burst = 2

[[keys]]
name = "ops"
key = "ops-secret-000000001"
raw_prompt = true
"#
        ))
        .unwrap();
        assert_eq!(keys.names(), ["frontend", "ops"]);
        let f = keys.find(&hash).unwrap();
        assert_eq!(f.scopes.jobs, JobAccess::All);
        assert!(!f.scopes.raw_prompt);
        assert!(f.scopes.allows_endpoint("/workflows/basic/x"));
        assert!(!f.scopes.allows_endpoint("/workflows/other/x"));
        assert_eq!(f.scopes.rate.unwrap().burst.get(), 2);
        let o = keys.find(&KeyHash::of("ops-secret-000000001")).unwrap();
        assert!(o.scopes.raw_prompt && o.scopes.allows_endpoint("/any/path"));
        assert_eq!(o.scopes.jobs, JobAccess::Own);
        assert!(parse_text("").unwrap().is_empty());
    }

    #[test]
    fn mistakes_name_the_line_and_column() {
        let cases = [
            (
                "[[keys]]\nname = \"a\"\nkey = \"short\"\n",
                "keys.toml:3:7:",
                "shorter than 16",
            ),
            (
                "[[keys]]\nname = \"a b\"\nkey = \"0123456789abcdef\"\n",
                "keys.toml:2:8:",
                "not a key name",
            ),
            (
                "[[keys]]\nname = \"a\"\nsha256 = \"abc\"\n",
                "keys.toml:3:10:",
                "64 hexadecimal",
            ),
            (
                "[[keys]]\nname = \"a\"\nkey = \"0123456789abcdef\"\nendpoints = [\"x/*\"]\n",
                "keys.toml:4:14:",
                "starts with `/`",
            ),
            (
                "[[keys]]\nname = \"a\"\nkey = \"0123456789abcdef\"\nrate_limit = \"lots\"\n",
                "keys.toml:4:14:",
                "not a rate",
            ),
            (
                "[[keys]]\nname = \"a\"\nkey = \"0123456789abcdef\"\nscope = 1\n",
                "keys.toml:4:1:",
                "unknown field `scope`",
            ),
            (
                "[[keys]]\nname = \"a\"\nkey = \"0123456789abcdef\"\njobs = \"mine\"\n",
                "keys.toml:4:8:",
                "unknown variant `mine`",
            ),
            ("[[keys]\n", "keys.toml:1:", ""),
            (
                "[[keys]]\nname = \"a\"\n",
                "keys.toml:1:1:",
                "needs `sha256`",
            ),
            (
                "[[keys]]\nname = \"a\"\nkey = \"0123456789abcdef\"\n[[keys]]\nname = \"a\"\nkey = \"0123456789abcdeg\"\n",
                "keys.toml:4:1:",
                "given twice",
            ),
        ];
        for (text, at, what) in cases {
            let e = parse_text(text).unwrap_err();
            assert!(e.starts_with(at) && e.contains(what), "{text:?}: {e}");
            assert!(!e.contains("0123456789abcde"), "a key leaked: {e}");
        }
    }

    #[test]
    fn lines_and_columns_count_characters() {
        assert_eq!(line_column("ab\ncé\nx", 0), (1, 1));
        assert_eq!(line_column("ab\ncé\nx", 3), (2, 1));
        assert_eq!(line_column("ab\ncé\nx", 7), (3, 1));
        assert_eq!(line_column("ab\ncé\nx", 6), (2, 3));
    }
}
