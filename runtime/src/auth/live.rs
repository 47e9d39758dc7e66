//! The keys in force while the server runs: the environment's keys plus
//! the key file's, reloaded on SIGHUP and when the file changes (a file
//! that no longer parses is reported and the keys in force are kept), and
//! one token bucket per key (GCRA, from `governor`).

use super::{Key, KeyHash, Keys, Rate, file};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

/// Where keys come from and the default rate.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The key file, if any.
    pub file: Option<PathBuf>,
    /// The environment's keys (`API_KEYS`), already hashed.
    pub env: Keys,
    /// The rate of keys that don't give their own (`RATE_LIMIT`).
    pub default_rate: Option<Rate>,
    /// How often the key file's modification time is looked at.
    pub poll: Duration,
}

/// What a key's request may do next, as [`Auth::admit`] sees it.
#[derive(Debug)]
pub enum Admission {
    /// No such key.
    Unknown,
    /// Over the key's rate: retry after this long.
    Limited(Duration),
    /// Go on.
    Admitted(Key),
}

struct Current {
    keys: Keys,
    limiters: HashMap<String, (Rate, Arc<DefaultDirectRateLimiter>)>,
}

/// The keys in force, shared by every request.
pub struct Auth {
    settings: Settings,
    current: RwLock<Arc<Current>>,
    clock: DefaultClock,
}

impl Auth {
    /// Loads the keys; an unreadable or malformed key file is an error
    /// naming the file, line and column.
    pub fn new(settings: Settings) -> Result<Auth, String> {
        let keys = load(&settings)?;
        let current = build(keys, settings.default_rate, None);
        Ok(Auth {
            settings,
            current: RwLock::new(Arc::new(current)),
            clock: DefaultClock::default(),
        })
    }

    /// No keys: every route is open.
    pub fn open() -> Auth {
        Auth::new(Settings::default()).expect("no file, no error")
    }

    /// No key is configured.
    pub fn is_open(&self) -> bool {
        self.snapshot().keys.is_empty()
    }

    /// The names of the keys in force.
    pub fn names(&self) -> Vec<String> {
        let current = self.snapshot();
        current.keys.names().into_iter().map(String::from).collect()
    }

    fn snapshot(&self) -> Arc<Current> {
        self.current.read().expect("auth lock").clone()
    }

    /// Looks `key` up and takes a token from its bucket.
    pub fn admit(&self, key: &str) -> Admission {
        let current = self.snapshot();
        let Some(found) = current.keys.find(&KeyHash::of(key)) else {
            return Admission::Unknown;
        };
        if let Some((_, limiter)) = current.limiters.get(&found.name)
            && let Err(not_until) = limiter.check()
        {
            return Admission::Limited(not_until.wait_time_from(self.clock.now()));
        }
        Admission::Admitted(found.clone())
    }

    /// Reads the key file again; the number of keys now in force. On an
    /// error the keys in force stay.
    pub fn reload(&self) -> Result<usize, String> {
        let keys = load(&self.settings)?;
        let n = keys.len();
        let mut guard = self.current.write().expect("auth lock");
        let next = build(keys, self.settings.default_rate, Some(&guard));
        *guard = Arc::new(next);
        Ok(n)
    }

    /// Reloads on SIGHUP and whenever the key file's modification time or
    /// size changes, until the process ends.
    pub fn watch(self: &Arc<Self>) {
        let Some(path) = self.settings.file.clone() else {
            return;
        };
        let auth = self.clone();
        tokio::spawn(async move {
            let stamp = |p: &PathBuf| -> Option<(SystemTime, u64)> {
                let m = std::fs::metadata(p).ok()?;
                Some((m.modified().ok()?, m.len()))
            };
            let mut seen = stamp(&path);
            let mut hup = hangups();
            let mut tick = tokio::time::interval(auth.settings.poll.max(Duration::from_millis(50)));
            loop {
                let why = tokio::select! {
                    _ = hup.recv() => "SIGHUP",
                    _ = tick.tick() => {
                        let now = stamp(&path);
                        if now == seen { continue; }
                        seen = now;
                        "the file changed"
                    }
                };
                match auth.reload() {
                    Ok(n) => tracing::info!(
                        "API keys reloaded from {} ({why}): {n} key(s) from the file",
                        path.display()
                    ),
                    Err(e) => tracing::error!(
                        "API keys not reloaded ({why}), the keys in force stay: {e}"
                    ),
                }
            }
        });
    }
}

/// SIGHUP as a stream of unit values (never on platforms without it).
fn hangups() -> tokio::sync::mpsc::Receiver<()> {
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut s) = signal(SignalKind::hangup()) else {
            return;
        };
        while s.recv().await.is_some() {
            if tx.send(()).await.is_err() {
                return;
            }
        }
    });
    #[cfg(not(unix))]
    drop(tx);
    rx
}

/// The environment's keys plus the file's.
fn load(settings: &Settings) -> Result<Keys, String> {
    let mut keys = settings.env.clone();
    if let Some(path) = &settings.file {
        let from_file = file::read(path)?;
        for key in from_file.iter() {
            if keys.names().contains(&key.name.as_str()) {
                return Err(format!(
                    "{}: the key `{}` is also given in API_KEYS",
                    path.display(),
                    key.name
                ));
            }
        }
        for (hash, key) in from_file.into_entries() {
            keys.insert(hash, key)
                .map_err(|e| format!("{}: {e} (with API_KEYS)", path.display()))?;
        }
    }
    Ok(keys)
}

/// The limiters of `keys`, keeping a bucket whose key and rate are
/// unchanged since `before`.
fn build(keys: Keys, default_rate: Option<Rate>, before: Option<&Arc<Current>>) -> Current {
    let mut limiters = HashMap::new();
    for key in keys.iter() {
        let Some(rate) = key.scopes.rate.or(default_rate) else {
            continue;
        };
        let kept = before
            .and_then(|b| b.limiters.get(&key.name))
            .filter(|(r, _)| *r == rate)
            .map(|(_, l)| l.clone());
        let limiter = kept.unwrap_or_else(|| Arc::new(RateLimiter::direct(quota(rate))));
        limiters.insert(key.name.clone(), (rate, limiter));
    }
    Current { keys, limiters }
}

/// The governor quota of `rate`.
fn quota(rate: Rate) -> Quota {
    let period = (rate.per / rate.count.get()).max(Duration::from_nanos(1));
    Quota::with_period(period)
        .expect("a period of at least 1 ns")
        .allow_burst(rate.burst)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn key_file(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f
    }

    #[test]
    fn a_burst_is_admitted_then_limited_with_a_wait() {
        let mut env = Keys::default();
        env.add_env("a:0123456789abcdef").unwrap();
        let auth = Auth::new(Settings {
            env,
            default_rate: Some(Rate::parse("1/min", Some(2)).unwrap()),
            ..Settings::default()
        })
        .unwrap();
        assert!(matches!(auth.admit("0123456789abcdef"), Admission::Admitted(k) if k.name == "a"));
        assert!(matches!(
            auth.admit("0123456789abcdef"),
            Admission::Admitted(_)
        ));
        match auth.admit("0123456789abcdef") {
            Admission::Limited(wait) => {
                assert!(
                    wait > Duration::from_secs(50) && wait <= Duration::from_secs(60),
                    "{wait:?}"
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(auth.admit("0123456789abcdeX"), Admission::Unknown));
    }

    #[test]
    fn reload_swaps_keys_keeps_buckets_and_survives_a_broken_file() {
        let f = key_file(
            "[[keys]]\nname = \"a\"\nkey = \"aaaaaaaaaaaaaaaa\"\nrate_limit = \"1/h\"\nburst = 1\n",
        );
        let auth = Auth::new(Settings {
            file: Some(f.path().into()),
            ..Settings::default()
        })
        .unwrap();
        assert!(matches!(
            auth.admit("aaaaaaaaaaaaaaaa"),
            Admission::Admitted(_)
        ));
        assert!(matches!(
            auth.admit("aaaaaaaaaaaaaaaa"),
            Admission::Limited(_)
        ));
        std::fs::write(
            f.path(),
            "[[keys]]\nname = \"a\"\nkey = \"aaaaaaaaaaaaaaaa\"\nrate_limit = \"1/h\"\nburst = 1\n\
             [[keys]]\nname = \"b\"\nkey = \"bbbbbbbbbbbbbbbb\"\n",
        )
        .unwrap();
        assert_eq!(auth.reload().unwrap(), 2);
        // The same key at the same rate keeps its empty bucket.
        assert!(matches!(
            auth.admit("aaaaaaaaaaaaaaaa"),
            Admission::Limited(_)
        ));
        assert!(matches!(
            auth.admit("bbbbbbbbbbbbbbbb"),
            Admission::Admitted(_)
        ));
        std::fs::write(f.path(), "[[keys]\n").unwrap();
        let e = auth.reload().unwrap_err();
        assert!(e.contains(&f.path().display().to_string()), "{e}");
        assert_eq!(auth.names(), ["a", "b"]);
    }

    #[test]
    fn a_name_in_both_the_file_and_the_environment_is_refused() {
        let f = key_file("[[keys]]\nname = \"a\"\nkey = \"aaaaaaaaaaaaaaaa\"\n");
        let mut env = Keys::default();
        env.add_env("a:0123456789abcdef").unwrap();
        let e = Auth::new(Settings {
            file: Some(f.path().into()),
            env,
            ..Settings::default()
        })
        .err()
        .unwrap();
        assert!(e.contains("also given in API_KEYS"), "{e}");
    }
}
