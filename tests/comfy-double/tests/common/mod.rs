//! Helpers shared by the tests and the benchmark: where the recordings are,
//! a minimal HTTP/1.1 client, and the comparison of a recorded exchange,
//! websocket log or file with what the double produced (ids, timestamps and
//! random names normalised; the first difference is named).
#![allow(dead_code, unreachable_pub)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use comfy_double::json::Json;

/// `../shared/comfyui` seen from the repository root.
pub fn recordings() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/comfyui")
}

pub fn read_json(path: &Path) -> Json {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Json::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A response: status, headers (lower-case names), body.
pub struct Resp {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Json {
        Json::parse(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

/// One HTTP/1.1 request with `Connection: close`.
pub fn http(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut req = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    parse_response(&raw)
}

pub fn parse_response(raw: &[u8]) -> Resp {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("response head");
    let head = String::from_utf8_lossy(&raw[..end]).to_string();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    parts.next();
    let status: u16 = parts.next().unwrap_or("0").parse().unwrap_or(0);
    let reason = parts.next().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    let body = raw[end + 4..].to_vec();
    Resp {
        status,
        reason,
        headers,
        body,
    }
}

/// `GET` and the response body as JSON.
pub fn get_json(addr: SocketAddr, target: &str) -> Json {
    http(addr, "GET", target, &[], b"").json()
}

/// `POST` a JSON body.
pub fn post_json(addr: SocketAddr, target: &str, body: &Json) -> Resp {
    http(
        addr,
        "POST",
        target,
        &[("Content-Type", "application/json")],
        body.dumps().as_bytes(),
    )
}

// ------------------------------------------------------------------ comparison

/// Keys whose values change from run to run (only their JSON type is compared).
const VOLATILE: &[&str] = &[
    "prompt_id",
    "client_id",
    "sid",
    "timestamp",
    "create_time",
    "execution_start_time",
    "execution_end_time",
    "t_ms",
    "elapsed_ms",
    "id",
    "started",
    "finished",
    "interrupt_to_done_s",
    "ram_free",
    "argv",
    "base",
];

fn is_hex(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|c| c.is_ascii_hexdigit())
}

fn is_uuid(s: &str) -> bool {
    let p: Vec<&str> = s.split('-').collect();
    p.len() == 5 && [8, 4, 4, 4, 12].iter().zip(&p).all(|(n, x)| is_hex(x, *n))
}

/// Replaces ids and random temp names inside a string.
pub fn norm_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if i + 36 <= b.len() && s.is_char_boundary(i + 36) && is_uuid(&s[i..i + 36]) {
            out.push_str("<uuid>");
            i += 36;
            continue;
        }
        if i + 32 <= b.len()
            && s.is_char_boundary(i + 32)
            && is_hex(&s[i..i + 32], 32)
            && s[i..i + 32].bytes().any(|c| c.is_ascii_alphabetic())
        {
            out.push_str("<hex>");
            i += 32;
            continue;
        }
        if s[i..].starts_with("ComfyUI_temp_") && i + 18 <= b.len() && s.is_char_boundary(i + 18) {
            out.push_str("ComfyUI_temp_<rnd>");
            i += 18;
            continue;
        }
        let c = s[i..].chars().next().unwrap();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "bool",
        Json::Float(_) => "float",
        Json::Int(_) => "int",
        Json::Str(_) => "string",
        Json::Arr(_) => "array",
        Json::Obj(_) => "object",
    }
}

fn short(v: &Json) -> String {
    let s = v.dumps();
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s
    }
}

/// Compares recorded JSON with the double's (key order included); `Err`
/// names the first difference.
pub fn compare_json(
    expected: &Json,
    actual: &Json,
    path: &str,
    extra_volatile: &[&str],
) -> Result<(), String> {
    if kind(expected) != kind(actual) {
        return Err(format!(
            "{path}: expected {} {}, got {} {}",
            kind(expected),
            short(expected),
            kind(actual),
            short(actual)
        ));
    }
    match (expected, actual) {
        (Json::Obj(e), Json::Obj(a)) => {
            let ek: Vec<String> = e.keys().map(norm_str).collect();
            let ak: Vec<String> = a.keys().map(norm_str).collect();
            if ek != ak {
                let missing: Vec<&String> = ek.iter().filter(|k| !ak.contains(k)).collect();
                let extra: Vec<&String> = ak.iter().filter(|k| !ek.contains(k)).collect();
                return Err(format!(
                    "{path}: keys differ: expected {ek:?}, got {ak:?} (missing {missing:?}, unexpected {extra:?})"
                ));
            }
            for ((k, v), (_, other)) in e.iter().zip(a.iter()) {
                let p = format!("{path}.{}", norm_str(k));
                if VOLATILE.contains(&k) || extra_volatile.contains(&k) {
                    let numeric = |j: &Json| matches!(j, Json::Int(_) | Json::Float(_));
                    if kind(v) != kind(other) && !(numeric(v) && numeric(other)) {
                        return Err(format!("{p}: expected {}, got {}", kind(v), kind(other)));
                    }
                    continue;
                }
                compare_json(v, other, &p, extra_volatile)?;
            }
            Ok(())
        }
        (Json::Arr(e), Json::Arr(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{path}: expected {} items, got {}: expected {}, got {}",
                    e.len(),
                    a.len(),
                    short(expected),
                    short(actual)
                ));
            }
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                compare_json(x, y, &format!("{path}[{i}]"), extra_volatile)?;
            }
            Ok(())
        }
        (Json::Str(e), Json::Str(a)) => {
            if norm_str(e) != norm_str(a) {
                return Err(format!(
                    "{path}: expected {}, got {}",
                    short(expected),
                    short(actual)
                ));
            }
            Ok(())
        }
        (e, a) => {
            if e != a {
                return Err(format!("{path}: expected {}, got {}", short(e), short(a)));
            }
            Ok(())
        }
    }
}

const NULL: Json = Json::Null;

fn at<'a>(v: &'a Json, key: &str) -> &'a Json {
    v.get(key).unwrap_or(&NULL)
}

/// Compares a recorded HTTP exchange (`{request, response}`) with a captured one.
pub fn compare_exchange(
    expected: &Json,
    actual: &Json,
    extra_volatile: &[&str],
) -> Result<(), String> {
    let (e, a) = (at(expected, "response"), at(actual, "response"));
    for k in ["status", "reason"] {
        compare_json(at(e, k), at(a, k), &format!("response.{k}"), &[])?;
    }
    let names = |v: &Json| -> Vec<(String, String)> {
        at(v, "headers")
            .as_arr()
            .map(|h| {
                h.iter()
                    .filter_map(|p| p.as_arr())
                    .map(|p| {
                        (
                            p[0].as_str().unwrap_or("").to_lowercase(),
                            p[1].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (eh, ah) = (names(e), names(a));
    for (k, v) in &eh {
        let got = ah.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let Some(got) = got else {
            return Err(format!("response.headers: missing {k}"));
        };
        if [
            "content-type",
            "connection",
            "content-disposition",
            "accept-ranges",
        ]
        .contains(&k.as_str())
            && norm_str(v) != norm_str(&got)
        {
            return Err(format!("response.headers.{k}: expected {v:?}, got {got:?}"));
        }
    }
    for (k, _) in &ah {
        if !eh.iter().any(|(n, _)| n == k) {
            return Err(format!("response.headers: unexpected {k}"));
        }
    }
    if let Some(ej) = e.get("body_json") {
        let aj = a.get("body_json").ok_or("response.body_json: missing")?;
        compare_json(ej, aj, "response.body_json", extra_volatile)?;
    } else if let Some(et) = e.get("body_text") {
        let at = a
            .get("body_text")
            .and_then(Json::as_str)
            .ok_or("response.body_text: missing")?;
        if norm_str(et.as_str().unwrap_or("")) != norm_str(at) {
            return Err(format!(
                "response.body_text: expected {}, got {at:?}",
                et.dumps()
            ));
        }
    } else if let Some(eh) = e.get("body_first16_hex").and_then(Json::as_str) {
        let ah = a
            .get("body_first16_hex")
            .and_then(Json::as_str)
            .unwrap_or("");
        if eh.get(..8) != ah.get(..8) {
            return Err(format!(
                "response.body: expected a body starting {eh}, got {ah}"
            ));
        }
    }
    Ok(())
}

/// Compares two websocket logs message by message.
pub fn compare_ws(expected: &Json, actual: &Json) -> Result<(), String> {
    let (Some(e), Some(a)) = (
        at(expected, "messages").as_arr(),
        at(actual, "messages").as_arr(),
    ) else {
        return Err("no messages".into());
    };
    let label = |m: &Json| -> String {
        match at(m, "kind").as_str() {
            Some("text") => format!(
                "{} {}",
                at(m, "direction").as_str().unwrap_or(""),
                at(at(m, "json"), "type").as_str().unwrap_or("?")
            ),
            Some("binary") => format!("binary type {}", at(m, "event_type_u32be").dumps()),
            Some(k) => k.to_string(),
            None => "?".into(),
        }
    };
    let el: Vec<String> = e.iter().map(label).collect();
    let al: Vec<String> = a.iter().map(label).collect();
    for (i, (x, y)) in el.iter().zip(&al).enumerate() {
        if x != y {
            return Err(format!(
                "messages[{i}]: expected {x}, got {y} (expected sequence {el:?}, got {al:?})"
            ));
        }
    }
    if el.len() != al.len() {
        return Err(format!(
            "messages: expected {} messages, got {} (expected {el:?}, got {al:?})",
            el.len(),
            al.len()
        ));
    }
    for (i, (x, y)) in e.iter().zip(a).enumerate() {
        let p = format!("messages[{i}]({})", el[i]);
        match at(x, "kind").as_str() {
            Some("text") => compare_json(at(x, "json"), at(y, "json"), &p, &[])?,
            Some("binary") => {
                for k in [
                    "event_type_u32be",
                    "image_format_u32be",
                    "node_id_len_u32be",
                    "node_id",
                    "text",
                    "metadata_json",
                ] {
                    if let Some(v) = x.get(k) {
                        compare_json(v, at(y, k), &format!("{p}.{k}"), &[])?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Compares two PNG (or other image) files: size, and pixels within `tolerance`.
pub fn compare_image(expected: &Path, actual: &Path, tolerance: Option<u8>) -> Result<(), String> {
    let open = |p: &Path| image::open(p).map_err(|e| format!("{}: {e}", p.display()));
    let (e, a) = (open(expected)?, open(actual)?);
    if (e.width(), e.height()) != (a.width(), a.height()) {
        return Err(format!(
            "size: expected {}x{}, got {}x{}",
            e.width(),
            e.height(),
            a.width(),
            a.height()
        ));
    }
    if let Some(t) = tolerance {
        let (e, a) = (e.to_rgb8(), a.to_rgb8());
        for (i, (x, y)) in e.as_raw().iter().zip(a.as_raw()).enumerate() {
            if x.abs_diff(*y) > t {
                let px = i / 3;
                return Err(format!(
                    "pixel ({}, {}) channel {}: expected {x}, got {y}",
                    px % e.width() as usize,
                    px / e.width() as usize,
                    i % 3
                ));
            }
        }
    }
    Ok(())
}

/// A websocket summary line without its time column, ids normalised.
pub fn norm_summary(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            if l.starts_with("==") {
                return l.to_string();
            }
            let fields: Vec<&str> = l.split_whitespace().collect();
            let rest = fields.get(2..).map(|f| f.join(" ")).unwrap_or_default();
            let rest = match rest.find("BINARY len=") {
                Some(i) => rest[..i + 6].to_string(),
                None => rest,
            };
            norm_str(&rest)
        })
        .collect()
}
