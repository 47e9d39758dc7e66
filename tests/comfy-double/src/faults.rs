//! Misbehaviour on purpose: per-instance faults set by flags or by the
//! control endpoint `POST /__double/faults`.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// The faults in force. Node targets match a node id or a class type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultConfig {
    /// Exit the process (in process: stop the double abruptly, like a
    /// crash) when this node is about to run.
    pub exit_on_node: Option<String>,
    /// This node never finishes (interrupts do not stop it either).
    pub hang_node: Option<String>,
    /// This node fails with an `execution_error` (`RuntimeError`).
    pub fail_node: Option<String>,
    /// The exception message of `fail_node`.
    pub fail_message: Option<String>,
    /// This node takes `slow_node_ms` longer (an interrupt waits for it).
    pub slow_node: Option<String>,
    /// Extra time of `slow_node`.
    pub slow_node_ms: u64,
    /// Drop every websocket connection when this node is about to run.
    pub drop_websockets_on_node: Option<String>,
    /// Delay every HTTP answer by this much.
    pub http_delay_ms: u64,
    /// Answer 500 (ComfyUI's plain-text body) to requests whose path starts
    /// with this (`""` for every path; the control endpoint is exempt).
    pub http_500: Option<String>,
    /// Only this many times (then the fault clears itself); unlimited if unset.
    pub http_500_count: Option<u64>,
}

/// What a node fault does to a node about to run.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NodeFault {
    Exit,
    Hang,
    Fail(String),
    Delay(u64),
}

/// The faults of one double.
#[derive(Default)]
pub(crate) struct Faults {
    cfg: Mutex<FaultConfig>,
}

fn matches(target: &Option<String>, id: &str, class: &str) -> bool {
    target.as_deref().is_some_and(|t| t == id || t == class)
}

impl Faults {
    pub(crate) fn new(cfg: FaultConfig) -> Faults {
        Faults {
            cfg: Mutex::new(cfg),
        }
    }
    fn lock(&self) -> std::sync::MutexGuard<'_, FaultConfig> {
        self.cfg.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// The current faults.
    pub(crate) fn get(&self) -> FaultConfig {
        self.lock().clone()
    }
    /// Replaces the faults.
    pub(crate) fn set(&self, cfg: FaultConfig) {
        *self.lock() = cfg;
    }
    /// Whether websockets must be dropped before this node runs.
    pub(crate) fn drop_websockets_on(&self, id: &str, class: &str) -> bool {
        matches(&self.lock().drop_websockets_on_node, id, class)
    }
    /// The fault for a node about to run.
    pub(crate) fn node_fault(&self, id: &str, class: &str) -> Option<NodeFault> {
        let c = self.lock();
        if matches(&c.exit_on_node, id, class) {
            return Some(NodeFault::Exit);
        }
        if matches(&c.hang_node, id, class) {
            return Some(NodeFault::Hang);
        }
        if matches(&c.fail_node, id, class) {
            let msg = c
                .fail_message
                .clone()
                .unwrap_or_else(|| "fault injected by the ComfyUI test double".into());
            return Some(NodeFault::Fail(msg));
        }
        if matches(&c.slow_node, id, class) {
            return Some(NodeFault::Delay(c.slow_node_ms));
        }
        None
    }
    /// `(delay in ms, answer 500)` for an HTTP request.
    pub(crate) fn http_fault(&self, path: &str) -> (u64, bool) {
        let mut c = self.lock();
        let fail = match &c.http_500 {
            Some(prefix) if path.starts_with(prefix.as_str()) => match c.http_500_count {
                Some(0) => false,
                Some(n) => {
                    c.http_500_count = Some(n - 1);
                    if n == 1 {
                        c.http_500 = None;
                        c.http_500_count = None;
                    }
                    true
                }
                None => true,
            },
            _ => false,
        };
        (c.http_delay_ms, fail)
    }
}
