//! comfyui-api's request envelope (`{"id"?, "input" | "prompt",
//! "convert_output"?, "webhook"?, "webhook_v2"?}`), `convert_output`, the
//! `/interrupt` body, and the envelope parser that reports every problem
//! with its JSON pointer.

use crate::rules::{Keyword, Violation, escape_pointer};
use crate::value::json_type_name as json_type;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The envelope around a compiled endpoint's `input`. The document refers
/// `input` to the endpoint's own schema (`<Type>Input`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointRequest {
    /// Request id, echoed in the response; a UUID is generated when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub id: Option<String>,
    /// The endpoint's typed fields.
    pub input: Value,
    /// Convert output images before returning them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "ConvertOutput")]
    pub convert_output: Option<ConvertOutput>,
    /// Makes the request asynchronous (202 with the job); delivery to this URL comes with the webhooks feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub webhook: Option<String>,
    /// Makes the request asynchronous (202 with the job); delivery to this URL comes with the webhooks feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub webhook_v2: Option<String>,
}

/// comfyui-api's `POST /prompt`: a raw API-format graph in the envelope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPromptRequest {
    /// Request id, echoed in the response; a UUID is generated when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub id: Option<String>,
    /// An API-format ComfyUI workflow: node ids to nodes, at least one.
    #[schemars(extend("minProperties" = 1))]
    pub prompt: Map<String, Value>,
    /// Convert output images before returning them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "ConvertOutput")]
    pub convert_output: Option<ConvertOutput>,
    /// Makes the request asynchronous (202 with the job); delivery to this URL comes with the webhooks feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub webhook: Option<String>,
    /// Makes the request asynchronous (202 with the job); delivery to this URL comes with the webhooks feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub webhook_v2: Option<String>,
}

/// Convert output images before returning them (JPEG has no transparency:
/// it is flattened onto white; WebP at quality 100 is lossless).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConvertOutput {
    /// The format to convert to.
    pub format: ImageFormat,
    /// Encoder quality, 1 to 100 (JPEG and WebP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u8", range(min = 1, max = 100))]
    pub quality: Option<u8>,
}

/// An image format outputs can be converted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG (`jpg` is accepted too).
    #[serde(alias = "jpg")]
    Jpeg,
    /// WebP.
    Webp,
}

impl ImageFormat {
    /// The name `convert_output.format` uses: `png`, `jpeg`, `webp`.
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Webp => "webp",
        }
    }

    /// The media type of the format's files.
    pub fn content_type(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Webp => "image/webp",
        }
    }

    /// The file extension, without the dot: `png`, `jpg`, `webp`.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Webp => "webp",
        }
    }

    /// `png`, `jpeg` (or `jpg`) or `webp`; the error is the message of the
    /// violation.
    pub fn parse(text: &str) -> Result<ImageFormat, String> {
        match text {
            "png" => Ok(ImageFormat::Png),
            "jpeg" | "jpg" => Ok(ImageFormat::Jpeg),
            "webp" => Ok(ImageFormat::Webp),
            other => Err(format!(
                "the value must be one of `png`, `jpeg`, `webp`, not `{}`",
                other.escape_debug()
            )),
        }
    }
}

impl std::fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `POST /interrupt`: which request to interrupt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct InterruptRequest {
    /// The request's id.
    pub id: String,
}

/// The envelope's keys other than the body (`input` or `prompt`), read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Envelope {
    /// The client's request id, if it gave one.
    pub id: Option<String>,
    /// The requested conversion.
    pub convert_output: Option<ConvertOutput>,
    /// `webhook`, when a non-empty string.
    pub webhook: Option<String>,
    /// `webhook_v2`, when a non-empty string.
    pub webhook_v2: Option<String>,
    /// The body key's value (`input` or `prompt`), unchecked.
    pub body: Option<Value>,
}

impl Envelope {
    /// Whether a webhook was asked for.
    pub fn wants_webhook(&self) -> bool {
        self.webhook.is_some() || self.webhook_v2.is_some()
    }
}

/// Keys of comfyui-api's request envelope besides the body key.
const ENVELOPE_KEYS: &[&str] = &["id", "convert_output", "webhook", "webhook_v2"];

/// The body as the envelope object, or the violation saying it is not one.
pub fn envelope_object(value: Value) -> Result<Map<String, Value>, Violation> {
    match value {
        Value::Object(o) => Ok(o),
        other => Err(Violation {
            pointer: String::new(),
            keyword: Keyword::Type,
            message: format!(
                "the body must be an object like {{\"input\": {{...}}}}, found {}",
                json_type(&other)
            ),
        }),
    }
}

/// Reads the envelope whose body key is `body_key` (`input`, `prompt`):
/// every unknown key, a non-string `id` and every fault of
/// `convert_output` is a violation. The body itself is left to the caller.
pub fn parse_envelope(env: &Map<String, Value>, body_key: &str) -> (Envelope, Vec<Violation>) {
    let mut errors: Vec<Violation> = env
        .keys()
        .filter(|k| !ENVELOPE_KEYS.contains(&k.as_str()) && k.as_str() != body_key)
        .map(|k| Violation {
            pointer: format!("/{}", escape_pointer(k)),
            keyword: Keyword::AdditionalProperties,
            message: format!("unknown key `{k}`; the request has `id`, `{body_key}`, `convert_output`, `webhook`, `webhook_v2`"),
        })
        .collect();
    let id = match env.get("id") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errors.push(Violation {
                pointer: "/id".into(),
                keyword: Keyword::Type,
                message: "expected a string".into(),
            });
            None
        }
    };
    let convert_output = env
        .get("convert_output")
        .and_then(|c| convert_output(c, &mut errors));
    // A webhook is a URL string; an empty one asks for none (comfyui-api
    // tests it for truth).
    let mut url = |key: &str| match env.get(key) {
        None => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            errors.push(Violation {
                pointer: format!("/{key}"),
                keyword: Keyword::Type,
                message: format!(
                    "`{key}` is a URL string, not {}",
                    crate::value::json_type_name(other)
                ),
            });
            None
        }
    };
    let (webhook, webhook_v2) = (url("webhook"), url("webhook_v2"));
    let envelope = Envelope {
        id,
        convert_output,
        webhook,
        webhook_v2,
        body: env.get(body_key).cloned(),
    };
    (envelope, errors)
}

fn convert_output(value: &Value, errors: &mut Vec<Violation>) -> Option<ConvertOutput> {
    let Value::Object(c) = value else {
        errors.push(Violation {
            pointer: "/convert_output".into(),
            keyword: Keyword::Type,
            message: format!(
                "expected an object like {{\"format\": \"webp\", \"quality\": 80}}, found {}",
                json_type(value)
            ),
        });
        return None;
    };
    let format = match c
        .get("format")
        .and_then(Value::as_str)
        .map(ImageFormat::parse)
    {
        Some(Ok(f)) => Some(f),
        Some(Err(message)) => {
            errors.push(Violation {
                pointer: "/convert_output/format".into(),
                keyword: Keyword::Enum,
                message,
            });
            None
        }
        None => {
            errors.push(Violation {
                pointer: "/convert_output/format".into(),
                keyword: Keyword::Required,
                message: "`format` is required: png, jpeg or webp".into(),
            });
            None
        }
    };
    let quality = match c.get("quality") {
        None => None,
        // `80.0` is an integer too, as JSON Schema counts.
        Some(q) => match q.as_number().and_then(crate::value::json_integer) {
            Some(n @ 1..=100) => Some(n as u8),
            other => {
                // The keyword is the one the schema's `quality` breaks.
                let keyword = match other {
                    None => Keyword::Type,
                    Some(n) if n < 1 => Keyword::Minimum,
                    Some(_) => Keyword::Maximum,
                };
                errors.push(Violation {
                    pointer: "/convert_output/quality".into(),
                    keyword,
                    message: "`quality` is an integer from 1 to 100".into(),
                });
                None
            }
        },
    };
    for k in c
        .keys()
        .filter(|k| !matches!(k.as_str(), "format" | "quality"))
    {
        errors.push(Violation {
            pointer: format!("/convert_output/{}", escape_pointer(k)),
            keyword: Keyword::AdditionalProperties,
            message: format!("unknown key `{k}`; `convert_output` has `format` and `quality`"),
        });
    }
    format.map(|format| ConvertOutput { format, quality })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(v: Value) -> (Envelope, Vec<(String, &'static str)>) {
        let (e, errors) = parse_envelope(v.as_object().unwrap(), "input");
        (
            e,
            errors
                .into_iter()
                .map(|v| (v.pointer, v.keyword.as_str()))
                .collect(),
        )
    }

    #[test]
    fn a_full_envelope_reads_into_its_fields() {
        let (e, errors) = parse(json!({
            "id": "a", "input": {"x": 1}, "convert_output": {"format": "jpg", "quality": 70.0},
            "webhook": "http://h/x"
        }));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(e.id.as_deref(), Some("a"));
        assert_eq!(
            e.convert_output,
            Some(ConvertOutput {
                format: ImageFormat::Jpeg,
                quality: Some(70)
            })
        );
        assert!(e.wants_webhook());
        assert_eq!(e.body, Some(json!({"x": 1})));
    }

    #[test]
    fn every_fault_is_reported_with_its_pointer() {
        let (_, errors) = parse(json!({
            "id": 3, "inptu": {}, "a/b": 1,
            "convert_output": {"format": "gif", "quality": 0, "size": 1}
        }));
        assert_eq!(
            errors,
            [
                ("/a~1b".to_string(), "additionalProperties"),
                ("/inptu".to_string(), "additionalProperties"),
                ("/id".to_string(), "type"),
                ("/convert_output/format".to_string(), "enum"),
                ("/convert_output/quality".to_string(), "minimum"),
                ("/convert_output/size".to_string(), "additionalProperties"),
            ]
        );
        let (_, errors) = parse(json!({"convert_output": "webp"}));
        assert_eq!(errors, [("/convert_output".to_string(), "type")]);
        let (_, errors) = parse(json!({"convert_output": {}}));
        assert_eq!(errors, [("/convert_output/format".to_string(), "required")]);
        let (e, errors) = parse(json!({"webhook": {}, "webhook_v2": 1}));
        assert_eq!(
            errors,
            [
                ("/webhook".to_string(), "type"),
                ("/webhook_v2".to_string(), "type")
            ]
        );
        assert!(!e.wants_webhook());
        let (e, errors) =
            parse(json!({"webhook": "", "convert_output": {"format": "png", "quality": 2.5}}));
        assert!(!e.wants_webhook(), "an empty webhook asks for none");
        assert_eq!(errors, [("/convert_output/quality".to_string(), "type")]);
    }

    #[test]
    fn a_typed_request_round_trips() {
        let r: EndpointRequest = serde_json::from_value(
            json!({"input": {"a": 1}, "convert_output": {"format": "webp"}}),
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            json!({"input": {"a": 1}, "convert_output": {"format": "webp"}})
        );
    }
}
