//! The opaque cursor of job listings: the position (creation time, then
//! creation order) of the last job of a page, base64url-encoded so that
//! clients treat it as a token. Only the exact text this module makes
//! decodes.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// A position in the newest-first order of jobs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cursor {
    /// The job's `created_at`, in milliseconds since the epoch.
    pub created_ms: i64,
    /// Its creation order within the store.
    pub seq: i64,
}

impl Cursor {
    /// The token a page's `next` carries.
    pub fn encode(self) -> String {
        URL_SAFE_NO_PAD.encode(format!("j1.{}.{}", self.created_ms, self.seq))
    }

    /// The cursor `token` encodes, if this module made it.
    pub fn decode(token: &str) -> Option<Cursor> {
        let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
        let text = std::str::from_utf8(&bytes).ok()?;
        let mut parts = text.strip_prefix("j1.")?.split('.');
        let created_ms = parts.next()?.parse().ok()?;
        let seq = parts.next()?.parse().ok()?;
        let cursor = Cursor { created_ms, seq };
        (parts.next().is_none() && cursor.encode() == token).then_some(cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_nothing_else_decodes() {
        let c = Cursor {
            created_ms: 1_764_000_000_123,
            seq: 42,
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        for bad in [
            "",
            "x",
            "!!!",
            &URL_SAFE_NO_PAD.encode("j1.1"),
            &URL_SAFE_NO_PAD.encode("j1.1.2.3"),
            &URL_SAFE_NO_PAD.encode("j1.01.2"),
            &URL_SAFE_NO_PAD.encode("j2.1.2"),
            &format!("{}=", c.encode()),
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad:?}");
        }
    }
}
