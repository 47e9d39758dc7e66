//! Images in and out of an endpoint.
//!
//! This module owns the two places where the runtime handles image bytes
//! itself rather than passing them through:
//!
//! - **Request images.** A field of `type: image` carries an http(s) URL, a
//!   base64 string or a `data:` URI, as comfyui-api accepts them.
//!   [`load_image`] turns any of the three into bytes, within [`Limits`],
//!   and decides what the bytes are by their magic numbers (never by a
//!   declared type), so that the runtime can upload them to ComfyUI under a
//!   truthful name.
//! - **Output conversion.** A request's `convert_output: {format, quality?}`
//!   re-encodes the images ComfyUI produced; [`convert`] does that, and
//!   [`content_type_for`] labels outputs by their file names.
//!
//! Failures are [`MediaError`]s. Their variants say whose fault a failure
//! is, so that the HTTP layer can pick a status ([`MediaError::status`] is
//! the recommended choice) and attach the JSON pointer of the field
//! ([`MediaError::message_for`] phrases the message for a named field).

use std::fmt;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use image::{DynamicImage, ImageFormat, RgbImage};

use crate::outbound::{FetchError, Outbound};

/// Bounds on fetching and decoding one request image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes an image may have (after base64 decoding, or as
    /// downloaded). Error messages state it in MB of 2^20 bytes.
    pub max_bytes: usize,
    /// How long fetching a URL may take in all: connecting, the answer's
    /// head, and its whole body.
    pub timeout: Duration,
}

impl Default for Limits {
    /// 20 MB and 30 seconds.
    fn default() -> Limits {
        Limits {
            max_bytes: 20 * MB,
            timeout: Duration::from_secs(30),
        }
    }
}

/// A request image, loaded and identified.
#[derive(Clone, PartialEq, Eq)]
pub struct InputImage {
    /// The image file's bytes, exactly as sent or downloaded.
    pub bytes: Vec<u8>,
    /// Its media type, from its magic number: `image/png`, `image/jpeg`,
    /// `image/webp` or `image/gif`.
    pub content_type: &'static str,
    /// The matching file extension, without the dot: `png`, `jpg`, `webp`
    /// or `gif`.
    pub extension: &'static str,
}

impl fmt::Debug for InputImage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InputImage")
            .field("bytes", &format_args!("[{} bytes]", self.bytes.len()))
            .field("content_type", &self.content_type)
            .field("extension", &self.extension)
            .finish()
    }
}

/// Why an image could not be loaded or converted.
///
/// `Display` gives a sentence for logs ("the value is not a PNG, JPEG, WebP
/// or GIF image"); [`MediaError::message_for`] gives the same sentence about
/// a named request field ("`image` is not a PNG, JPEG, WebP or GIF image"),
/// for a problem detail that also carries the field's JSON pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MediaError {
    /// The request's value is unusable: not an http(s) URL, a data URI or
    /// base64; a malformed data URI or base64; bytes that are no PNG, JPEG,
    /// WebP or GIF image; an unknown output format or a quality outside
    /// 1..=100. The string is the predicate of the message ("is not valid
    /// base64 ...").
    ///
    /// Status: **422**, with the field's JSON pointer (`/input/image`,
    /// `/convert_output/quality`).
    Invalid(String),
    /// Fetching the image's URL failed: no connection, a failed TLS
    /// handshake, an answer other than 2xx, or a body cut short.
    ///
    /// Status: **422** is recommended, with the field's JSON pointer. The
    /// URL is the caller's choice and only the caller can fix it; a 502
    /// would read as a failure of this service or of ComfyUI, which
    /// monitoring alerts on and clients retry, and a problem of status 502
    /// could not point at the field.
    Fetch {
        /// The URL without its query or fragment (which may hold tokens).
        url: String,
        /// What went wrong ("the server answered 404 Not Found").
        reason: String,
    },
    /// The URL's address, or that of a redirect hop, is not allowed by the
    /// outbound policy (only public addresses, and the exceptions of
    /// `ALLOWED_FETCH_HOSTS` and `ALLOWED_FETCH_CIDRS`). Nothing was sent
    /// to it, and the message is the same whatever listens there.
    ///
    /// Status: **422**, with the field's JSON pointer.
    Refused {
        /// The URL without its query or fragment.
        url: String,
    },
    /// Fetching the image's URL took longer than [`Limits::timeout`], or
    /// one of the outbound client's timeouts (connect, first byte) ran out.
    ///
    /// Status: **422**, for the reasons given for [`MediaError::Fetch`].
    Timeout {
        /// The URL without its query or fragment.
        url: String,
        /// The limit that ran out.
        after: Duration,
    },
    /// The image has more bytes than [`Limits::max_bytes`], whether sent
    /// inline or downloaded.
    ///
    /// Status: **422** is recommended, with the field's JSON pointer: the
    /// request body itself was within its limit (a body over the limit is
    /// refused with 413 before it is read), it is one field's image that is
    /// too large. 413 is acceptable for an inline image if pointers are not
    /// wanted.
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// An output of ComfyUI could not be converted: its bytes do not decode
    /// as PNG, JPEG or WebP, or the encoder failed (a WebP over 16383
    /// pixels wide, say).
    ///
    /// Status: **500**: the request was valid, the output is not.
    Conversion(String),
}

impl MediaError {
    /// The message about request field `field` ("`image` is larger than the
    /// limit of 20 MB").
    pub fn message_for(&self, field: &str) -> String {
        format!("`{field}` {}", Predicate(self))
    }

    /// The recommended HTTP status (see each variant): 422 for the
    /// request's faults, 500 for [`MediaError::Conversion`].
    pub fn status(&self) -> reqwest::StatusCode {
        match self {
            MediaError::Conversion(_) => reqwest::StatusCode::INTERNAL_SERVER_ERROR,
            MediaError::Invalid(_)
            | MediaError::Fetch { .. }
            | MediaError::Refused { .. }
            | MediaError::Timeout { .. }
            | MediaError::TooLarge { .. } => reqwest::StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

/// The part of a [`MediaError`]'s message after its subject.
struct Predicate<'a>(&'a MediaError);

impl fmt::Display for Predicate<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            MediaError::Invalid(predicate) => f.write_str(predicate),
            MediaError::Fetch { url, reason } => {
                write!(f, "could not be fetched from {url}: {reason}")
            }
            MediaError::Refused { url } => write!(
                f,
                "could not be fetched from {url}: the address is not allowed (only public addresses are fetched; ALLOWED_FETCH_HOSTS or ALLOWED_FETCH_CIDRS allow others)"
            ),
            MediaError::Timeout { url, after } => write!(
                f,
                "could not be fetched from {url}: no complete answer within {}",
                seconds(*after)
            ),
            MediaError::TooLarge { limit } => {
                write!(f, "is larger than the limit of {}", megabytes(*limit))
            }
            MediaError::Conversion(reason) => write!(f, "could not be converted: {reason}"),
        }
    }
}

impl fmt::Display for MediaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let subject = match self {
            MediaError::Conversion(_) => "the output",
            _ => "the value",
        };
        write!(f, "{subject} {}", Predicate(self))
    }
}

impl std::error::Error for MediaError {}

/// Bytes in the MB that messages speak of.
const MB: usize = 1 << 20;

/// `20 MB`, or `0.001 MB (1000 bytes)` for a limit that is no whole number
/// of MB.
fn megabytes(bytes: usize) -> String {
    if bytes.is_multiple_of(MB) {
        return format!("{} MB", bytes / MB);
    }
    let mb = format!("{:.3}", bytes as f64 / MB as f64);
    let mb = mb.trim_end_matches('0').trim_end_matches('.');
    let mb = if mb == "0" { "0.001" } else { mb };
    format!("{mb} MB ({bytes} bytes)")
}

/// `30 s`, `0.5 s`.
fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// The message for bytes that are no supported image.
const NOT_AN_IMAGE: &str = "is not a PNG, JPEG, WebP or GIF image";

/// Loads a request image given as an http(s) URL, a base64 string (standard
/// or URL-safe alphabet, padded or not, whitespace and line breaks
/// ignored), or a base64 data URI (`data:image/png;base64,...`).
///
/// A URL is fetched with a GET through `client`, the outbound client, whose
/// policy decides which addresses may be reached (a refused one is
/// [`MediaError::Refused`]), adding no header of the incoming request (no
/// credentials are forwarded), within `limits.timeout` for the whole
/// exchange; an answer other than 2xx is an error naming its status, and
/// the body is read in chunks and abandoned as soon as it exceeds
/// `limits.max_bytes`. Whatever the source, the bytes' magic number
/// decides their type: a declared media type (data URI, `Content-Type`) is
/// not trusted, and bytes that are no PNG, JPEG, WebP or GIF image are
/// refused. The image is not decoded; ComfyUI does that.
///
pub async fn load_image(
    client: &Outbound,
    source: &str,
    limits: &Limits,
) -> Result<InputImage, MediaError> {
    let source = source.trim();
    let bytes = if source.is_empty() {
        return Err(MediaError::Invalid(
            "is empty; expected an http(s) URL, a data URI or base64".into(),
        ));
    } else if starts_with_ignore_case(source, "data:") {
        decode_data_uri(&source[5..], limits)?
    } else if let Some(scheme) = url_scheme(source) {
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Err(MediaError::Invalid(format!(
                "is a `{scheme}` URL; only http and https URLs, data URIs and base64 are accepted"
            )));
        }
        let url = reqwest::Url::parse(source)
            .map_err(|e| MediaError::Invalid(format!("is not a valid URL ({e})")))?;
        fetch(client, url, limits).await?
    } else {
        decode_base64(source, limits).map_err(|e| match e {
            MediaError::Invalid(why) => MediaError::Invalid(format!(
                "is neither an http(s) URL nor a data URI, and {why}"
            )),
            other => other,
        })?
    };
    let Some((content_type, extension)) = sniff(&bytes) else {
        return Err(MediaError::Invalid(NOT_AN_IMAGE.into()));
    };
    Ok(InputImage {
        bytes,
        content_type,
        extension,
    })
}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// The scheme of a string that looks like a URL (`scheme://...`); base64
/// never contains `:`.
fn url_scheme(source: &str) -> Option<&str> {
    let (scheme, _) = source.split_once("://")?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// The type and extension of an image, from its magic number.
fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("image/png", "png"))
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("image/jpeg", "jpg"))
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(("image/webp", "webp"))
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(("image/gif", "gif"))
    } else {
        None
    }
}

/// Decodes the part of a data URI after `data:`.
fn decode_data_uri(rest: &str, limits: &Limits) -> Result<Vec<u8>, MediaError> {
    let invalid = |why: &str| MediaError::Invalid(format!("is not a valid data URI: {why}"));
    let Some((meta, data)) = rest.split_once(',') else {
        return Err(invalid("there is no `,` before the data"));
    };
    let mut params = meta.split(';');
    let media_type = params.next().unwrap_or_default().trim();
    if !media_type.is_empty() && !is_media_type(media_type) {
        return Err(invalid(&format!("`{media_type}` is not a media type")));
    }
    if !params
        .next_back()
        .is_some_and(|p| p.trim().eq_ignore_ascii_case("base64"))
    {
        return Err(invalid(
            "only base64 data URIs are accepted (`data:image/png;base64,...`)",
        ));
    }
    decode_base64(data, limits).map_err(|e| match e {
        MediaError::Invalid(why) => invalid(&why.replacen("is ", "its data is ", 1)),
        other => other,
    })
}

/// Whether `text` is a `type/subtype` media type (RFC 6838 token syntax).
fn is_media_type(text: &str) -> bool {
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    text.split_once('/')
        .is_some_and(|(kind, subtype)| token(kind) && token(subtype))
}

/// The engine for the normalised text: standard alphabet, padding optional,
/// stray bits in the last symbol tolerated.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Decodes base64 in either alphabet, with or without padding, ignoring
/// ASCII whitespace.
fn decode_base64(text: &str, limits: &Limits) -> Result<Vec<u8>, MediaError> {
    // The URL-safe symbols `-` and `_` stand for `+` and `/`; the two pairs
    // never mean anything else, so mapping them accepts both alphabets (and
    // a mix).
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '-' => clean.push('+'),
            '_' => clean.push('/'),
            c if c.is_ascii_whitespace() => {}
            c => clean.push(c),
        }
    }
    let clean = clean.trim_end_matches('=');
    if clean.is_empty() {
        return Err(MediaError::Invalid("is empty".into()));
    }
    // Refuse before allocating: n symbols hold floor(n * 3 / 4) bytes.
    if clean.len() / 4 * 3 + (clean.len() % 4 * 3 / 4) > limits.max_bytes {
        return Err(MediaError::TooLarge {
            limit: limits.max_bytes,
        });
    }
    BASE64.decode(clean).map_err(|e| {
        MediaError::Invalid(match e {
            base64::DecodeError::InvalidByte(_, byte) => {
                format!(
                    "is not valid base64: it contains `{}`",
                    char::from(byte).escape_default()
                )
            }
            base64::DecodeError::InvalidLength(_) => {
                "is not valid base64: its length is impossible for base64 (cut short?)".into()
            }
            other => format!("is not valid base64: {other}"),
        })
    })
}

/// `scheme://host[:port]/path` of `url`: its query and fragment may carry
/// tokens (signed URLs), and user information is a credential.
fn redact(url: &reqwest::Url) -> String {
    let mut shown = url.clone();
    shown.set_query(None);
    shown.set_fragment(None);
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.to_string()
}

/// Downloads `url` within `limits`, through the outbound policy.
async fn fetch(
    client: &Outbound,
    url: reqwest::Url,
    limits: &Limits,
) -> Result<Vec<u8>, MediaError> {
    let shown = redact(&url);
    tracing::debug!(url = %shown, "fetching a request image");
    client
        .get_bytes(url, limits.max_bytes, limits.timeout)
        .await
        .map_err(|e| match e {
            FetchError::Refused => MediaError::Refused { url: shown },
            FetchError::Redirect(reason) | FetchError::Failed(reason) => {
                MediaError::Fetch { url: shown, reason }
            }
            FetchError::Status(status) => MediaError::Fetch {
                url: shown,
                reason: format!("the server answered {status}"),
            },
            FetchError::Timeout(after) => MediaError::Timeout { url: shown, after },
            FetchError::TooLarge => MediaError::TooLarge {
                limit: limits.max_bytes,
            },
        })
}

/// An output format of `convert_output`: the wire type.
pub use wfc_contract::wire::ImageFormat as OutputFormat;

/// An output in its new format.
#[derive(Clone, PartialEq, Eq)]
pub struct Converted {
    /// The encoded file.
    pub bytes: Vec<u8>,
    /// Its media type (`image/webp`).
    pub content_type: &'static str,
    /// Its file extension, without the dot (`webp`).
    pub extension: &'static str,
}

impl fmt::Debug for Converted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Converted")
            .field("bytes", &format_args!("[{} bytes]", self.bytes.len()))
            .field("content_type", &self.content_type)
            .field("extension", &self.extension)
            .finish()
    }
}

/// JPEG quality when the request names none.
pub const DEFAULT_JPEG_QUALITY: u8 = 90;
/// WebP quality when the request names none (lossy).
pub const DEFAULT_WEBP_QUALITY: u8 = 80;

/// Whether [`convert`] can read an output of media type `content_type`
/// (PNG, JPEG and WebP). Other outputs (GIF, video, text) should be passed
/// through unconverted.
pub fn can_convert(content_type: &str) -> bool {
    matches!(content_type, "image/png" | "image/jpeg" | "image/webp")
}

/// Re-encodes an image (PNG, JPEG or WebP) in `format`, for
/// `convert_output`.
///
/// - PNG: lossless, default compression; `quality` is ignored. 16-bit
///   images stay 16-bit.
/// - JPEG: `quality` 1..=100, default [`DEFAULT_JPEG_QUALITY`] (90). JPEG
///   has no alpha channel: transparent pixels are composited onto **white**
///   (dropping the alpha would show whatever colour hides under transparent
///   pixels, often black).
/// - WebP: **lossy** (libwebp) at `quality` 1..=99, default
///   [`DEFAULT_WEBP_QUALITY`] (80), keeping the alpha channel; `quality`
///   100 means **lossless** WebP, pixel-identical to the input (colours
///   under transparent pixels included).
///
/// The output is always re-encoded, even from PNG to PNG, so it carries no
/// metadata of the input: ComfyUI's embedded prompt and workflow are
/// dropped. A `quality` outside 1..=100 is [`MediaError::Invalid`];
/// undecodable bytes and encoder failures are [`MediaError::Conversion`].
///
/// This is CPU-bound and synchronous (tens of milliseconds for a megapixel
/// image): call it from async code through `tokio::task::spawn_blocking`.
pub fn convert(
    bytes: &[u8],
    format: OutputFormat,
    quality: Option<u8>,
) -> Result<Converted, MediaError> {
    if let Some(q) = quality
        && !(1..=100).contains(&q)
    {
        return Err(MediaError::Invalid(format!(
            "must be between 1 and 100, not {q}"
        )));
    }
    let image = image::load_from_memory(bytes).map_err(|e| {
        MediaError::Conversion(match sniff(bytes) {
            Some((content_type, _)) if can_convert(content_type) => {
                format!("cannot decode it as {content_type}: {e}")
            }
            Some((content_type, _)) => format!("{content_type} cannot be converted"),
            None => "it is not a PNG, JPEG or WebP image".into(),
        })
    })?;
    let encoded = match format {
        OutputFormat::Png => encode_png(&image),
        OutputFormat::Jpeg => encode_jpeg(&image, quality.unwrap_or(DEFAULT_JPEG_QUALITY)),
        OutputFormat::Webp => encode_webp(&image, quality.unwrap_or(DEFAULT_WEBP_QUALITY)),
    }?;
    Ok(Converted {
        bytes: encoded,
        content_type: format.content_type(),
        extension: format.extension(),
    })
}

/// An encoder failure.
fn encoding_failed(format: &str, error: impl fmt::Display) -> MediaError {
    MediaError::Conversion(format!("the {format} encoder failed: {error}"))
}

fn encode_png(image: &DynamicImage) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::new();
    let mut cursor = std::io::Cursor::new(&mut out);
    image
        .write_to(&mut cursor, ImageFormat::Png)
        .map_err(|e| encoding_failed("PNG", e))?;
    Ok(out)
}

fn encode_jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    let result = match image {
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageLuma16(_) => {
            image.to_luma8().write_with_encoder(encoder)
        }
        _ => flatten_onto_white(image).write_with_encoder(encoder),
    };
    result.map_err(|e| encoding_failed("JPEG", e))?;
    Ok(out)
}

/// The image's colours over a white background.
fn flatten_onto_white(image: &DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.to_rgb8();
    }
    let rgba = image.to_rgba8();
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (out, pixel) in rgb.pixels_mut().zip(rgba.pixels()) {
        let alpha = u32::from(pixel[3]);
        for channel in 0..3 {
            let value = u32::from(pixel[channel]) * alpha + 255 * (255 - alpha);
            out[channel] = ((value + 127) / 255) as u8;
        }
    }
    rgb
}

/// The largest width or height WebP can store.
const WEBP_MAX_SIDE: u32 = 16383;

fn encode_webp(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, MediaError> {
    let (width, height) = (image.width(), image.height());
    if width > WEBP_MAX_SIDE || height > WEBP_MAX_SIDE {
        return Err(MediaError::Conversion(format!(
            "WebP images are at most {WEBP_MAX_SIDE}×{WEBP_MAX_SIDE} pixels; this one is {width}×{height}"
        )));
    }
    let lossless = quality == 100;
    let mut config = webp::WebPConfig::new()
        .map_err(|()| encoding_failed("WebP", "libwebp rejected its default configuration"))?;
    if lossless {
        config.lossless = 1;
        // Keep the colours under transparent pixels too.
        config.exact = 1;
        // In lossless mode quality is effort; libwebp's default.
        config.quality = 75.0;
    } else {
        config.lossless = 0;
        config.alpha_compression = 1;
        config.quality = f32::from(quality);
    }
    let memory = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        webp::Encoder::from_rgba(rgba.as_raw(), width, height).encode_advanced(&config)
    } else {
        let rgb = image.to_rgb8();
        webp::Encoder::from_rgb(rgb.as_raw(), width, height).encode_advanced(&config)
    };
    let memory = memory.map_err(|e| encoding_failed("WebP", format!("{e:?}")))?;
    Ok(memory.to_vec())
}

/// The media type of a ComfyUI output, by its file name's extension
/// (ignoring case): PNG, JPEG, WebP, GIF, MP4, WebM, JSON and text;
/// `application/octet-stream` for anything else.
pub fn content_type_for(filename: &str) -> &'static str {
    let Some((_, extension)) = filename.rsplit_once('.') else {
        return "application/octet-stream";
    };
    match extension.to_ascii_lowercase().as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use image::{Rgba, RgbaImage};
    use std::time::Instant;
    use tokio::net::{TcpListener, TcpStream};
    use tokio::sync::oneshot;

    /// A 16×16 RGBA gradient, alpha included.
    fn gradient() -> RgbaImage {
        RgbaImage::from_fn(16, 16, |x, y| {
            Rgba([
                (x * 16) as u8,
                (y * 16) as u8,
                128,
                (255 - (x + y) * 4) as u8,
            ])
        })
    }

    /// A 64×64 opaque image with noise, on which compression levels differ
    /// clearly.
    fn textured() -> RgbaImage {
        let mut state = 0x2545_f491_u32;
        RgbaImage::from_fn(64, 64, |x, y| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let noise = (state % 64) as u8;
            Rgba([
                (x * 4) as u8 ^ noise,
                (y * 4) as u8,
                noise.wrapping_mul(3),
                255,
            ])
        })
    }

    fn png_of(image: &RgbaImage) -> Vec<u8> {
        let mut out = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    fn decode(bytes: &[u8]) -> DynamicImage {
        image::load_from_memory(bytes).unwrap()
    }

    #[test]
    fn png_round_trips_pixel_for_pixel() {
        let original = gradient();
        let out = convert(&png_of(&original), OutputFormat::Png, None).unwrap();
        assert!(out.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!((out.content_type, out.extension), ("image/png", "png"));
        assert_eq!(decode(&out.bytes).to_rgba8(), original);
        // quality does not apply to PNG.
        assert!(convert(&png_of(&original), OutputFormat::Png, Some(5)).is_ok());
    }

    #[test]
    fn jpeg_encodes_at_the_requested_quality() {
        let png = png_of(&textured());
        let default = convert(&png, OutputFormat::Jpeg, None).unwrap();
        assert!(default.bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert_eq!(
            (default.content_type, default.extension),
            ("image/jpeg", "jpg")
        );
        let decoded = decode(&default.bytes);
        assert_eq!((decoded.width(), decoded.height()), (64, 64));
        let low = convert(&png, OutputFormat::Jpeg, Some(10)).unwrap();
        let high = convert(&png, OutputFormat::Jpeg, Some(95)).unwrap();
        assert!(
            low.bytes.len() < high.bytes.len(),
            "{} vs {}",
            low.bytes.len(),
            high.bytes.len()
        );
        assert!(default.bytes.len() < high.bytes.len());
        assert!(low.bytes.len() < default.bytes.len());
    }

    #[test]
    fn jpeg_composites_transparency_onto_white() {
        let clear_red = RgbaImage::from_pixel(16, 16, Rgba([255, 0, 0, 0]));
        let half_black = RgbaImage::from_pixel(16, 16, Rgba([0, 0, 0, 128]));
        let out = convert(&png_of(&clear_red), OutputFormat::Jpeg, Some(95)).unwrap();
        let decoded = decode(&out.bytes).to_rgb8();
        assert_eq!((decoded.width(), decoded.height()), (16, 16));
        assert!(
            decoded.pixels().all(|p| p.0.iter().all(|&c| c >= 250)),
            "{:?}",
            decoded.get_pixel(0, 0)
        );
        let out = convert(&png_of(&half_black), OutputFormat::Jpeg, Some(95)).unwrap();
        let p = decode(&out.bytes).to_rgb8().get_pixel(8, 8).0;
        assert!(p.iter().all(|&c| (122..=132).contains(&c)), "{p:?}");
    }

    #[test]
    fn webp_is_lossy_by_default_and_lossless_at_quality_100() {
        let png = png_of(&textured());
        let lossy = convert(&png, OutputFormat::Webp, None).unwrap();
        let lossless = convert(&png, OutputFormat::Webp, Some(100)).unwrap();
        for out in [&lossy, &lossless] {
            assert_eq!(&out.bytes[..4], b"RIFF");
            assert_eq!(&out.bytes[8..12], b"WEBP");
            assert_eq!((out.content_type, out.extension), ("image/webp", "webp"));
            let decoded = decode(&out.bytes);
            assert_eq!((decoded.width(), decoded.height()), (64, 64));
        }
        assert_eq!(&lossy.bytes[12..16], b"VP8 ");
        assert_eq!(&lossless.bytes[12..16], b"VP8L");
        assert!(
            lossy.bytes.len() < lossless.bytes.len(),
            "{} vs {}",
            lossy.bytes.len(),
            lossless.bytes.len()
        );
        assert_eq!(decode(&lossless.bytes).to_rgba8(), textured());
    }

    #[test]
    fn webp_keeps_alpha_losslessly_at_quality_100() {
        let original = gradient();
        let lossless = convert(&png_of(&original), OutputFormat::Webp, Some(100)).unwrap();
        assert_eq!(decode(&lossless.bytes).to_rgba8(), original);
        // Lossy keeps an alpha channel too.
        let lossy = convert(&png_of(&original), OutputFormat::Webp, Some(50)).unwrap();
        assert!(decode(&lossy.bytes).color().has_alpha());
    }

    #[test]
    fn converts_from_jpeg_and_webp() {
        let png = png_of(&gradient());
        let jpeg = convert(&png, OutputFormat::Jpeg, None).unwrap();
        let webp = convert(&png, OutputFormat::Webp, None).unwrap();
        for input in [&jpeg.bytes, &webp.bytes] {
            let out = convert(input, OutputFormat::Png, None).unwrap();
            let decoded = decode(&out.bytes);
            assert_eq!((decoded.width(), decoded.height()), (16, 16));
        }
        let back = convert(&webp.bytes, OutputFormat::Webp, Some(100)).unwrap();
        assert_eq!(&back.bytes[12..16], b"VP8L");
    }

    #[test]
    fn convert_refuses_bad_quality_and_bad_bytes() {
        let png = png_of(&gradient());
        for q in [0, 101] {
            let err = convert(&png, OutputFormat::Jpeg, Some(q)).unwrap_err();
            assert!(matches!(err, MediaError::Invalid(_)), "{err:?}");
            assert_eq!(
                err.message_for("quality"),
                format!("`quality` must be between 1 and 100, not {q}")
            );
        }
        let err = convert(b"no image", OutputFormat::Png, None).unwrap_err();
        assert!(matches!(err, MediaError::Conversion(_)), "{err:?}");
        assert_eq!(err.status(), reqwest::StatusCode::INTERNAL_SERVER_ERROR);
        let err = convert(b"GIF89a....", OutputFormat::Png, None).unwrap_err();
        assert!(
            err.to_string().contains("image/gif cannot be converted"),
            "{err}"
        );
        let err = convert(&png[..png.len() / 2], OutputFormat::Png, None).unwrap_err();
        assert!(
            err.to_string().contains("cannot decode it as image/png"),
            "{err}"
        );
    }

    #[test]
    fn output_format_parses_and_lists_the_valid_values() {
        assert_eq!(OutputFormat::parse("png"), Ok(OutputFormat::Png));
        assert_eq!(OutputFormat::parse("jpeg"), Ok(OutputFormat::Jpeg));
        assert_eq!(OutputFormat::parse("jpg"), Ok(OutputFormat::Jpeg));
        assert_eq!(OutputFormat::parse("webp"), Ok(OutputFormat::Webp));
        assert_eq!(
            OutputFormat::parse("gif").unwrap_err(),
            "the value must be one of `png`, `jpeg`, `webp`, not `gif`"
        );
        assert_eq!(OutputFormat::Webp.to_string(), "webp");
        assert_eq!(OutputFormat::Jpeg.extension(), "jpg");
    }

    #[test]
    fn content_types_by_file_name() {
        assert_eq!(content_type_for("ComfyUI_00001_.png"), "image/png");
        assert_eq!(content_type_for("a.JPG"), "image/jpeg");
        assert_eq!(content_type_for("a.jpeg"), "image/jpeg");
        assert_eq!(content_type_for("a.webp"), "image/webp");
        assert_eq!(content_type_for("a.gif"), "image/gif");
        assert_eq!(content_type_for("clip.mp4"), "video/mp4");
        assert_eq!(content_type_for("clip.webm"), "video/webm");
        assert_eq!(content_type_for("meta.json"), "application/json");
        assert_eq!(content_type_for("notes.txt"), "text/plain; charset=utf-8");
        assert_eq!(
            content_type_for("model.safetensors"),
            "application/octet-stream"
        );
        assert_eq!(content_type_for("README"), "application/octet-stream");
        assert!(can_convert(content_type_for("x.webp")));
        assert!(!can_convert(content_type_for("x.gif")));
    }

    /// A client that never goes through a proxy from the environment,
    /// with the TLS set-up the binary uses (no process-wide provider).
    /// The outbound client with the test servers' loopback allowed.
    fn client() -> Outbound {
        Outbound::new(crate::outbound::Settings {
            policy: crate::outbound::Policy::new(
                &[],
                &crate::outbound::parse_cidrs("127.0.0.0/8").unwrap(),
            ),
            ..Default::default()
        })
    }

    fn limits() -> Limits {
        Limits {
            max_bytes: 1000,
            timeout: Duration::from_secs(5),
        }
    }

    async fn load(source: &str) -> Result<InputImage, MediaError> {
        load_image(&client(), source, &limits()).await
    }

    /// A tiny PNG: small enough for [`limits`].
    fn small_png() -> Vec<u8> {
        let png = png_of(&RgbaImage::from_pixel(4, 4, Rgba([1, 2, 3, 255])));
        assert!(png.len() < 200);
        png
    }

    #[tokio::test]
    async fn base64_in_either_alphabet_with_or_without_padding_and_line_breaks() {
        // Bytes whose base64 has `+` and `/` in it.
        let mut bytes = small_png();
        bytes.extend_from_slice(&[0xFB, 0xFF, 0xBF, 0xFE]);
        let standard = STANDARD.encode(&bytes);
        assert!(standard.contains('+') && standard.contains('/') && standard.ends_with('='));
        let url_safe = URL_SAFE_NO_PAD.encode(&bytes);
        let wrapped: String = standard
            .as_bytes()
            .chunks(20)
            .map(|line| format!("{}\r\n", std::str::from_utf8(line).unwrap()))
            .collect();
        for source in [
            standard.clone(),
            url_safe,
            wrapped,
            format!("  {standard}\n"),
        ] {
            let image = load(&source).await.unwrap();
            assert_eq!(image.bytes, bytes);
            assert_eq!((image.content_type, image.extension), ("image/png", "png"));
        }
    }

    #[tokio::test]
    async fn data_uris() {
        let png = small_png();
        let b64 = STANDARD.encode(&png);
        for source in [
            format!("data:image/png;base64,{b64}"),
            format!("DATA:image/png;charset=x;BASE64,{b64}"),
            format!("data:;base64,{b64}"),
            // The declared type is not trusted: the bytes say PNG.
            format!("data:image/jpeg;base64,{b64}"),
        ] {
            let image = load(&source).await.unwrap();
            assert_eq!(image.bytes, png);
            assert_eq!(image.content_type, "image/png");
        }
        let jpeg = convert(&png, OutputFormat::Jpeg, Some(50)).unwrap().bytes;
        let image = load(&format!("data:image/png;base64,{}", STANDARD.encode(&jpeg)))
            .await
            .unwrap();
        assert_eq!((image.content_type, image.extension), ("image/jpeg", "jpg"));

        for (source, message) in [
            (
                format!("data:image/png;base64{b64}"),
                "there is no `,` before the data",
            ),
            (
                format!("data:image/png,{b64}"),
                "only base64 data URIs are accepted",
            ),
            (
                format!("data:png;base64,{b64}"),
                "`png` is not a media type",
            ),
            (
                "data:image/png;base64,iVBO!RK".to_string(),
                "its data is not valid base64: it contains `!`",
            ),
            ("data:image/png;base64,".to_string(), "its data is empty"),
        ] {
            let err = load(&source).await.unwrap_err();
            assert!(matches!(err, MediaError::Invalid(_)), "{err:?}");
            let text = err.message_for("image");
            assert!(
                text.starts_with("`image` is not a valid data URI: "),
                "{text}"
            );
            assert!(text.contains(message), "{text}");
        }
    }

    #[tokio::test]
    async fn refuses_what_is_no_image() {
        let err = load(&STANDARD.encode(b"<html>hello</html>"))
            .await
            .unwrap_err();
        assert_eq!(err, MediaError::Invalid(NOT_AN_IMAGE.into()));
        assert_eq!(
            err.message_for("image"),
            "`image` is not a PNG, JPEG, WebP or GIF image"
        );
        assert_eq!(
            err.to_string(),
            "the value is not a PNG, JPEG, WebP or GIF image"
        );
        assert_eq!(err.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);

        let gif = load(&STANDARD.encode(b"GIF89a\x01\x00\x01\x00"))
            .await
            .unwrap();
        assert_eq!((gif.content_type, gif.extension), ("image/gif", "gif"));

        for (source, message) in [
            (
                "",
                "`image` is empty; expected an http(s) URL, a data URI or base64",
            ),
            (
                "not an image!",
                "`image` is neither an http(s) URL nor a data URI, and is not valid base64: it contains `!`",
            ),
            (
                "iVBORw0KGgoAAAANSUhEUgAAAA=A",
                "`image` is neither an http(s) URL nor a data URI, and is not valid base64: it contains `=`",
            ),
            (
                "ftp://127.0.0.1/x.png",
                "`image` is a `ftp` URL; only http and https URLs, data URIs and base64 are accepted",
            ),
            ("http://", "`image` is not a valid URL (empty host)"),
        ] {
            let err = load(source).await.unwrap_err();
            assert_eq!(err.message_for("image"), message);
        }
    }

    #[tokio::test]
    async fn inline_images_over_the_limit_are_too_large() {
        let mut big = small_png();
        big.resize(1001, 0);
        for source in [
            STANDARD.encode(&big),
            format!("data:image/png;base64,{}", STANDARD.encode(&big)),
        ] {
            let err = load(&source).await.unwrap_err();
            assert_eq!(err, MediaError::TooLarge { limit: 1000 });
            assert_eq!(
                err.message_for("image"),
                "`image` is larger than the limit of 0.001 MB (1000 bytes)"
            );
        }
        big.truncate(1000);
        assert_eq!(load(&STANDARD.encode(&big)).await.unwrap().bytes, big);
        assert_eq!(
            MediaError::TooLarge { limit: 20 * MB }.to_string(),
            "the value is larger than the limit of 20 MB"
        );
        assert_eq!(megabytes(MB + MB / 2), "1.5 MB (1572864 bytes)");
    }

    /// Writes all of `bytes` (tokio's `net` feature only: no `io-util`).
    async fn write_all(stream: &TcpStream, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if stream.writable().await.is_err() {
                return;
            }
            match stream.try_write(bytes) {
                Ok(n) => bytes = &bytes[n..],
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => return,
            }
        }
    }

    /// Reads a request's head.
    async fn read_head(stream: &TcpStream) -> String {
        let mut head = Vec::new();
        let mut buf = [0; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            if stream.readable().await.is_err() {
                break;
            }
            match stream.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => head.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => break,
            }
        }
        String::from_utf8_lossy(&head).into_owned()
    }

    /// Serves one request on 127.0.0.1 with `answer`, after `delay`, and
    /// hands back the request's head. The server gives up after a few
    /// seconds, and stops with the test's runtime anyway.
    async fn serve_once(answer: Vec<u8>, delay: Duration) -> (String, oneshot::Receiver<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (tx, rx) = oneshot::channel();
        tokio::spawn(async move {
            let accepted = tokio::time::timeout(Duration::from_secs(5), listener.accept()).await;
            let Ok(Ok((stream, _))) = accepted else {
                return;
            };
            let head = read_head(&stream).await;
            let _ = tx.send(head);
            tokio::time::sleep(delay).await;
            write_all(&stream, &answer).await;
        });
        (format!("http://{address}"), rx)
    }

    fn answer(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out =
            format!("HTTP/1.1 {status}\r\nConnection: close\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    #[tokio::test]
    async fn fetches_a_url_and_sniffs_the_bytes() {
        let png = small_png();
        let headers = format!(
            "Content-Type: text/plain\r\nContent-Length: {}\r\n",
            png.len()
        );
        let (base, head) = serve_once(answer("200 OK", &headers, &png), Duration::ZERO).await;
        let image = load(&format!("{base}/input.jpg?sig=abc")).await.unwrap();
        assert_eq!(image.bytes, png);
        assert_eq!((image.content_type, image.extension), ("image/png", "png"));
        let head = head.await.unwrap().to_ascii_lowercase();
        assert!(
            head.starts_with("get /input.jpg?sig=abc http/1.1\r\n"),
            "{head}"
        );
        assert!(
            !head.contains("authorization") && !head.contains("cookie"),
            "{head}"
        );
    }

    #[tokio::test]
    async fn a_url_that_answers_no_image_is_refused() {
        let (base, _) = serve_once(answer("200 OK", "", b"<html></html>"), Duration::ZERO).await;
        let err = load(&format!("{base}/a.png")).await.unwrap_err();
        assert_eq!(err, MediaError::Invalid(NOT_AN_IMAGE.into()));
    }

    #[tokio::test]
    async fn a_url_that_answers_404_names_the_status_and_hides_the_query() {
        let (base, _) = serve_once(
            answer("404 Not Found", "Content-Length: 9\r\n", b"not found"),
            Duration::ZERO,
        )
        .await;
        let err = load(&format!("{base}/missing.png?token=secret#frag"))
            .await
            .unwrap_err();
        assert_eq!(
            err,
            MediaError::Fetch {
                url: format!("{base}/missing.png"),
                reason: "the server answered 404 Not Found".into()
            }
        );
        assert_eq!(
            err.message_for("image"),
            format!(
                "`image` could not be fetched from {base}/missing.png: the server answered 404 Not Found"
            )
        );
        assert_eq!(err.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    }

    #[tokio::test]
    async fn a_url_whose_answer_is_too_large_is_refused() {
        let mut body = small_png();
        body.resize(5000, 7);
        // Declared up front.
        let headers = format!("Content-Length: {}\r\n", body.len());
        let (base, _) = serve_once(answer("200 OK", &headers, &body), Duration::ZERO).await;
        let err = load(&format!("{base}/big.png")).await.unwrap_err();
        assert_eq!(err, MediaError::TooLarge { limit: 1000 });
        // Undeclared: found while streaming.
        let (base, _) = serve_once(answer("200 OK", "", &body), Duration::ZERO).await;
        let err = load(&format!("{base}/big.png")).await.unwrap_err();
        assert_eq!(err, MediaError::TooLarge { limit: 1000 });
        assert!(err.message_for("image").contains("MB"));
    }

    #[tokio::test]
    async fn a_url_that_never_answers_times_out() {
        let (base, _) =
            serve_once(answer("200 OK", "", &small_png()), Duration::from_secs(30)).await;
        let limits = Limits {
            max_bytes: 1000,
            timeout: Duration::from_millis(300),
        };
        let start = Instant::now();
        let err = load_image(&client(), &format!("{base}/slow.png"), &limits)
            .await
            .unwrap_err();
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(
            err,
            MediaError::Timeout {
                url: format!("{base}/slow.png"),
                after: Duration::from_millis(300)
            }
        );
        assert!(
            err.message_for("image")
                .ends_with("no complete answer within 0.3 s"),
            "{err}"
        );
    }

    #[tokio::test]
    async fn a_url_nobody_listens_on_fails_to_connect() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        drop(listener);
        let err = load(&format!("http://{address}/x.png")).await.unwrap_err();
        let MediaError::Fetch { reason, .. } = &err else {
            panic!("{err:?}")
        };
        assert!(reason.starts_with("could not connect"), "{reason}");
    }

    #[tokio::test]
    async fn refused_addresses_all_get_one_message_naming_the_settings() {
        let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let closed_port = closed.local_addr().unwrap().port();
        drop(closed);
        let (not_found, _) = serve_once(
            answer("404 Not Found", "Content-Length: 0\r\n", b""),
            Duration::ZERO,
        )
        .await;
        let (not_an_image, _) =
            serve_once(answer("200 OK", "", b"<html></html>"), Duration::ZERO).await;
        let (silent, _) =
            serve_once(answer("200 OK", "", &small_png()), Duration::from_secs(30)).await;
        let default = Outbound::new(crate::outbound::Settings::default());
        let mut messages = Vec::new();
        for base in [
            format!("http://127.0.0.1:{closed_port}"),
            not_found,
            not_an_image,
            silent,
        ] {
            let err = load_image(&default, &format!("{base}/a.png"), &limits())
                .await
                .unwrap_err();
            assert_eq!(
                err,
                MediaError::Refused {
                    url: format!("{base}/a.png")
                }
            );
            assert_eq!(err.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);
            messages.push(err.message_for("image").replace(&base, "<base>"));
        }
        messages.dedup();
        assert_eq!(
            messages,
            [
                "`image` could not be fetched from <base>/a.png: the address is not allowed (only public addresses are fetched; ALLOWED_FETCH_HOSTS or ALLOWED_FETCH_CIDRS allow others)"
            ]
        );
    }
}
