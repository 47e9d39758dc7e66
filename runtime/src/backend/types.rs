//! ComfyUI's JSON bodies as typed structs: the answer to `POST /prompt`
//! and its validation errors, websocket messages, `/history` entries,
//! `/queue`, uploads. Fields ComfyUI may leave out default; fields we do
//! not use are ignored.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// `POST /prompt` answered 200.
#[derive(Debug, Deserialize)]
pub(crate) struct Accepted {
    /// Errors of the parts of the graph ComfyUI will not run.
    #[serde(default)]
    pub(crate) node_errors: BTreeMap<String, Value>,
}

/// ComfyUI refused a prompt: its body, typed, and as sent.
#[derive(Debug, Clone)]
pub struct Rejection {
    /// `error`.
    pub error: ErrorBody,
    /// `node_errors`, by node id.
    pub node_errors: BTreeMap<String, NodeErrors>,
    /// The body as ComfyUI sent it.
    pub raw: Value,
}

impl Rejection {
    /// Reads a body with `error` and `node_errors`.
    pub(crate) fn from_value(raw: Value) -> Result<Rejection, serde_json::Error> {
        #[derive(Deserialize)]
        struct Body {
            error: ErrorBody,
            #[serde(default)]
            node_errors: BTreeMap<String, NodeErrors>,
        }
        let body = Body::deserialize(&raw)?;
        Ok(Rejection {
            error: body.error,
            node_errors: body.node_errors,
            raw,
        })
    }

    /// The node a prompt-level error names (`"details": "Node ID '#1'"`).
    pub fn node_id(&self) -> Option<&str> {
        let rest = self.error.details.split("Node ID '#").nth(1)?;
        rest.split('\'').next().filter(|id| !id.is_empty())
    }
}

/// ComfyUI's `error` object, and each entry of a node's `errors`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ErrorBody {
    /// `value_bigger_than_max`, `invalid_prompt`, ...
    #[serde(default, rename = "type")]
    pub kind: String,
    /// "Value 99999 bigger than max of 16384".
    #[serde(default)]
    pub message: String,
    /// "width", "Node ID '#1'", ...
    #[serde(default)]
    pub details: String,
    /// `input_name` and more.
    #[serde(default)]
    pub extra_info: ExtraInfo,
}

/// The part of `extra_info` we use.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ExtraInfo {
    /// The input the error is about.
    #[serde(default)]
    pub input_name: Option<String>,
}

/// One node's validation errors.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NodeErrors {
    /// The errors.
    #[serde(default)]
    pub errors: Vec<ErrorBody>,
    /// The node's class.
    #[serde(default)]
    pub class_type: String,
}

/// A websocket message: `{"type": ..., "data": ...}`.
#[derive(Debug, Deserialize)]
pub(crate) struct Message {
    #[serde(rename = "type")]
    pub(crate) kind: String,
    #[serde(default)]
    pub(crate) data: Value,
}

/// The data of any message about one prompt.
#[derive(Debug, Deserialize)]
pub(crate) struct PromptRef {
    pub(crate) prompt_id: String,
}

/// `execution_error`: a node raised.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ExecutionFailure {
    /// The node.
    #[serde(default)]
    pub node_id: Option<String>,
    /// Its class.
    #[serde(default)]
    pub node_type: Option<String>,
    /// The Python exception's type.
    #[serde(default)]
    pub exception_type: Option<String>,
    /// Its message.
    #[serde(default)]
    pub exception_message: Option<String>,
}

impl std::fmt::Display for ExecutionFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let or = |s: &Option<String>, d: &'static str| s.clone().unwrap_or_else(|| d.into());
        write!(
            f,
            "node {} ({}) failed: {}: {}",
            or(&self.node_id, "?"),
            or(&self.node_type, "?"),
            or(&self.exception_type, "?"),
            or(&self.exception_message, "").trim()
        )
    }
}

/// `execution_interrupted`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Interruption {
    /// The node that was running, if one was.
    #[serde(default)]
    pub node_id: Option<String>,
}

/// One `/history/{id}` entry.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct HistoryEntry {
    /// Output node id to its outputs (`images`, `text`, ...).
    #[serde(default)]
    pub(crate) outputs: BTreeMap<String, BTreeMap<String, Value>>,
    #[serde(default)]
    pub(crate) status: Option<HistoryStatus>,
}

/// How a prompt in the history ended.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct HistoryStatus {
    #[serde(default)]
    pub(crate) status_str: Option<String>,
    /// `[kind, data]` pairs, as sent on the websocket.
    #[serde(default)]
    pub(crate) messages: Vec<(String, Value)>,
}

impl HistoryStatus {
    pub(crate) fn message(&self, kind: &str) -> Option<&Value> {
        self.messages.iter().find(|m| m.0 == kind).map(|m| &m.1)
    }
}

/// A file an output node wrote.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct FileRef {
    pub(crate) filename: String,
    #[serde(default)]
    pub(crate) subfolder: String,
    #[serde(default = "output_kind", rename = "type")]
    pub(crate) kind: String,
}

fn output_kind() -> String {
    "output".into()
}

/// `GET /queue`.
#[derive(Debug, Deserialize)]
pub(crate) struct Queue {
    pub(crate) queue_running: Vec<QueueItem>,
    pub(crate) queue_pending: Vec<QueueItem>,
}

/// `[number, prompt_id, prompt, extra_data, outputs]`: the prompt id.
#[derive(Debug)]
pub(crate) struct QueueItem {
    pub(crate) prompt_id: String,
}

impl<'de> Deserialize<'de> for QueueItem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<QueueItem, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = QueueItem;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a queue item [number, prompt_id, ...]")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<QueueItem, A::Error> {
                use serde::de::{Error, IgnoredAny};
                seq.next_element::<IgnoredAny>()?
                    .ok_or_else(|| A::Error::invalid_length(0, &self))?;
                let prompt_id: String = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(1, &self))?;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(QueueItem { prompt_id })
            }
        }
        d.deserialize_seq(Visitor)
    }
}

/// `POST /upload/image`.
#[derive(Debug, Deserialize)]
pub(crate) struct Uploaded {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) subfolder: String,
}

/// `GET /prompt`.
#[derive(Debug, Deserialize)]
pub(crate) struct PromptInfo {
    pub(crate) exec_info: ExecInfo,
}

/// The data of a websocket `status` message.
#[derive(Debug, Deserialize)]
pub(crate) struct StatusData {
    pub(crate) status: PromptInfo,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ExecInfo {
    pub(crate) queue_remaining: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(name: &str) -> Value {
        let path = format!("{}/../../shared/comfyui/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let v: Value = serde_json::from_str(&text).unwrap();
        v["response"]["body_json"].clone()
    }

    #[test]
    fn recorded_rejections_read() {
        let r = Rejection::from_value(recorded("errors/c2_value_above_max.json")).unwrap();
        let e = &r.node_errors["1"].errors[0];
        assert_eq!(e.message, "Value 100000 bigger than max of 16384");
        assert_eq!(e.extra_info.input_name.as_deref(), Some("height"));
        let r = Rejection::from_value(recorded("errors/a_unknown_class_type.json")).unwrap();
        assert_eq!(r.node_id(), Some("1"));
    }

    #[test]
    fn recorded_queue_and_history_read() {
        let q: Queue =
            serde_json::from_value(recorded("queue_interrupt/05_get_queue_while_running.json"))
                .unwrap();
        assert_eq!(q.queue_running.len(), 1);
        let h: BTreeMap<String, HistoryEntry> = serde_json::from_value(recorded(
            "queue_interrupt/16_history_of_interrupted_prompt.json",
        ))
        .unwrap();
        let status = h.values().next().unwrap().status.as_ref().unwrap();
        assert!(status.message("execution_interrupted").is_some());
    }
}
