//! API keys: who a request is ([`Caller`]) and what it may do
//! ([`Scopes`]). Keys come from a file ([`file`], `API_KEYS_FILE`) or
//! from the environment (`API_KEYS`) and are held only as SHA-256 hashes;
//! [`live::Auth`] keeps the current set, reloads the file, and holds each
//! key's rate limiter. The HTTP side (credentials in headers, 401, 403,
//! 429) is `api::auth`.

pub mod file;
pub mod live;

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;
use std::num::NonZeroU32;
use std::time::Duration;

/// The SHA-256 of a key. Keys are high-entropy secrets, not passwords, so
/// one fast hash is enough; what is kept in memory is never the key.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyHash([u8; 32]);

impl KeyHash {
    /// The hash of `key`.
    pub fn of(key: &str) -> KeyHash {
        KeyHash(Sha256::digest(key.as_bytes()).into())
    }

    /// Parses 64 hexadecimal digits, with or without a `sha256:` prefix.
    pub fn parse_hex(text: &str) -> Option<KeyHash> {
        let hex = text.strip_prefix("sha256:").unwrap_or(text);
        if hex.len() != 64 || !hex.is_ascii() {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(KeyHash(out))
    }
}

impl fmt::Display for KeyHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256:")?;
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for KeyHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Which jobs and running requests a key reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobAccess {
    /// Only those it started.
    #[default]
    Own,
    /// Every caller's.
    All,
}

/// A rate: `count` requests per `per`, with bursts of up to `burst`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// Requests per period.
    pub count: NonZeroU32,
    /// The period.
    pub per: Duration,
    /// The most requests at once after an idle time.
    pub burst: NonZeroU32,
}

impl Rate {
    /// Parses `N/s`, `N/min` or `N/h` (N a positive integer); the burst is
    /// N unless given.
    pub fn parse(text: &str, burst: Option<u32>) -> Result<Rate, String> {
        let expected =
            || format!("`{text}` is not a rate; write N/s, N/min or N/h with N a positive integer");
        let (n, unit) = text.trim().split_once('/').ok_or_else(expected)?;
        let count = n.trim().parse::<NonZeroU32>().map_err(|_| expected())?;
        let per = match unit.trim() {
            "s" | "sec" | "second" => Duration::from_secs(1),
            "m" | "min" | "minute" => Duration::from_secs(60),
            "h" | "hour" => Duration::from_secs(3600),
            _ => return Err(expected()),
        };
        let burst = match burst {
            None => count,
            Some(b) => NonZeroU32::new(b)
                .ok_or_else(|| format!("a burst of {b} lets no request through; give 1 or more"))?,
        };
        Ok(Rate { count, per, burst })
    }
}

/// What a key may do.
#[derive(Clone, Debug, PartialEq)]
pub struct Scopes {
    /// The compiled endpoints it may call, as path globs (`*` within a
    /// segment, `**` across segments).
    pub endpoints: Vec<glob::Pattern>,
    /// Whether it may call the raw `POST /prompt`, which runs any graph.
    pub raw_prompt: bool,
    /// Which jobs and running requests it reaches.
    pub jobs: JobAccess,
    /// Its own rate limit, over the default one.
    pub rate: Option<Rate>,
}

impl Scopes {
    /// Every endpoint, the raw route, its own jobs, the default rate.
    pub fn full() -> Scopes {
        Scopes {
            endpoints: vec![glob::Pattern::new("**").expect("a valid glob")],
            raw_prompt: true,
            jobs: JobAccess::Own,
            rate: None,
        }
    }

    /// Whether the endpoint at `path` is one this key may call.
    pub fn allows_endpoint(&self, path: &str) -> bool {
        self.endpoints.iter().any(|p| path_glob_matches(p, path))
    }
}

/// `*` stays within a path segment, `**` crosses them.
pub fn path_glob_matches(pattern: &glob::Pattern, path: &str) -> bool {
    pattern.matches_with(
        path,
        glob::MatchOptions {
            case_sensitive: true,
            require_literal_separator: true,
            require_literal_leading_dot: false,
        },
    )
}

/// Parses a path glob, saying what is wrong with it.
pub fn parse_glob(text: &str) -> Result<glob::Pattern, String> {
    if !text.starts_with('/') && text != "**" && text != "*" {
        return Err(format!("`{text}` is not a path glob; it starts with `/`"));
    }
    glob::Pattern::new(text).map_err(|e| format!("`{text}` is not a glob: {}", e.msg))
}

/// One key: its name (what logs and job owners show) and its scopes.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The key's name, unique in its set.
    pub name: String,
    /// What it may do.
    pub scopes: Scopes,
}

/// The keys in force, by hash.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Keys {
    by_hash: HashMap<KeyHash, Key>,
}

impl Keys {
    /// No keys: the server is open.
    pub fn is_empty(&self) -> bool {
        self.by_hash.is_empty()
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.by_hash.len()
    }

    /// The key whose hash is `hash`.
    pub fn find(&self, hash: &KeyHash) -> Option<&Key> {
        self.by_hash.get(hash)
    }

    /// Adds `key`, refusing a name or a hash already present.
    pub fn insert(&mut self, hash: KeyHash, key: Key) -> Result<(), String> {
        if let Some(other) = self.by_hash.values().find(|k| k.name == key.name) {
            return Err(format!("the key name `{}` is given twice", other.name));
        }
        if let Some(other) = self.by_hash.get(&hash) {
            return Err(format!(
                "the keys `{}` and `{}` are the same key",
                other.name, key.name
            ));
        }
        self.by_hash.insert(hash, key);
        Ok(())
    }

    /// The keys' names, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.by_hash.values().map(|k| k.name.as_str()).collect();
        names.sort_unstable();
        names
    }

    /// Every key with its name and scopes.
    pub fn iter(&self) -> impl Iterator<Item = &Key> {
        self.by_hash.values()
    }

    /// Every key with its hash.
    pub fn into_entries(self) -> impl Iterator<Item = (KeyHash, Key)> {
        self.by_hash.into_iter()
    }

    /// Adds the keys of `API_KEYS`: comma-separated `name:key` pairs, each
    /// with [`Scopes::full`].
    pub fn add_env(&mut self, text: &str) -> Result<(), String> {
        for (i, item) in text.split(',').map(str::trim).enumerate() {
            if item.is_empty() {
                continue;
            }
            let Some((name, key)) = item.split_once(':') else {
                return Err(format!(
                    "entry {} is not `name:key` (the key itself is not shown)",
                    i + 1
                ));
            };
            let (name, key) = (name.trim(), key.trim());
            file::check_name(name)?;
            if key.len() < file::MIN_KEY_LEN {
                return Err(format!(
                    "the key of `{name}` is shorter than {} characters",
                    file::MIN_KEY_LEN
                ));
            }
            self.insert(
                KeyHash::of(key),
                Key {
                    name: name.to_string(),
                    scopes: Scopes::full(),
                },
            )?;
        }
        Ok(())
    }
}

/// Who sent a request, as the handlers see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    /// No keys are configured: everyone is everyone.
    Open,
    /// A public route reached without a key.
    Anonymous,
    /// A request with a valid key.
    Key {
        /// The key's name.
        name: String,
        /// Which jobs it reaches.
        jobs: JobAccess,
    },
}

impl Caller {
    /// The owner recorded on what this caller starts (`None` when open).
    pub fn owner(&self) -> Option<&str> {
        match self {
            Caller::Key { name, .. } => Some(name),
            Caller::Open | Caller::Anonymous => None,
        }
    }

    /// Whether this caller reaches what `owner` started.
    pub fn reaches(&self, owner: Option<&str>) -> bool {
        match self {
            Caller::Open => true,
            Caller::Anonymous => false,
            Caller::Key { jobs, .. } if *jobs == JobAccess::All => true,
            Caller::Key { name, .. } => owner == Some(name.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_print_and_parse_back() {
        let h = KeyHash::of("correct horse battery staple");
        let text = h.to_string();
        assert!(text.starts_with("sha256:") && text.len() == 71, "{text}");
        assert_eq!(KeyHash::parse_hex(&text), Some(h));
        assert_eq!(KeyHash::parse_hex(&text["sha256:".len()..]), Some(h));
        assert_eq!(KeyHash::parse_hex("sha256:00"), None);
        assert_eq!(KeyHash::parse_hex(&"g".repeat(64)), None);
        // The SHA-256 of "abc", from FIPS 180-2.
        assert_eq!(
            KeyHash::of("abc").to_string(),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn rates_parse_and_bad_rates_are_explained() {
        let r = Rate::parse("10/s", None).unwrap();
        assert_eq!(
            (r.count.get(), r.per, r.burst.get()),
            (10, Duration::from_secs(1), 10)
        );
        let r = Rate::parse("600/min", Some(5)).unwrap();
        assert_eq!((r.per, r.burst.get()), (Duration::from_secs(60), 5));
        assert_eq!(
            Rate::parse("2/h", None).unwrap().per,
            Duration::from_secs(3600)
        );
        for bad in ["", "10", "0/s", "-1/s", "10/day", "x/s"] {
            let e = Rate::parse(bad, None).unwrap_err();
            assert!(e.contains("N/s"), "{bad}: {e}");
        }
        assert!(Rate::parse("1/s", Some(0)).unwrap_err().contains("burst"));
    }

    #[test]
    fn endpoint_globs_stay_within_segments_unless_doubled() {
        let scopes = Scopes {
            endpoints: vec![parse_glob("/workflows/basic/*").unwrap()],
            ..Scopes::full()
        };
        assert!(scopes.allows_endpoint("/workflows/basic/solid"));
        assert!(!scopes.allows_endpoint("/workflows/basic/a/b"));
        assert!(!scopes.allows_endpoint("/workflows/other/solid"));
        assert!(Scopes::full().allows_endpoint("/a/b/c"));
        assert!(
            parse_glob("workflows/*")
                .unwrap_err()
                .contains("starts with `/`")
        );
        assert!(parse_glob("/a/[").unwrap_err().contains("not a glob"));
    }

    #[test]
    fn callers_reach_their_own_runs_or_all_with_the_scope() {
        let own = Caller::Key {
            name: "a".into(),
            jobs: JobAccess::Own,
        };
        let all = Caller::Key {
            name: "b".into(),
            jobs: JobAccess::All,
        };
        assert!(own.reaches(Some("a")) && !own.reaches(Some("b")) && !own.reaches(None));
        assert!(all.reaches(Some("a")) && all.reaches(None));
        assert!(Caller::Open.reaches(Some("a")));
        assert!(!Caller::Anonymous.reaches(None));
    }

    #[test]
    fn environment_keys_need_names_and_length() {
        let mut keys = Keys::default();
        keys.add_env("alice:0123456789abcdef, bob:fedcba9876543210")
            .unwrap();
        assert_eq!(keys.names(), ["alice", "bob"]);
        let found = keys.find(&KeyHash::of("0123456789abcdef")).unwrap();
        assert_eq!(found.name, "alice");
        let mut keys = Keys::default();
        let e = keys.add_env("secretwithoutname").unwrap_err();
        assert!(
            e.contains("entry 1") && !e.contains("secretwithoutname"),
            "{e}"
        );
        let e = keys.add_env("a:short").unwrap_err();
        assert!(
            e.contains("shorter than 16") && !e.contains("short:"),
            "{e}"
        );
        let e = Keys::default()
            .add_env("a:0123456789abcdef,b:0123456789abcdef")
            .unwrap_err();
        assert!(e.contains("same key"), "{e}");
    }
}
