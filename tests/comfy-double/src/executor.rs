//! Runs one prompt like ComfyUI's `PromptExecutor`: the output cache keyed
//! by input signatures, the execution order of `ExecutionList` (including its
//! "UX friendly" pick of the next node), progress state, interrupts at node
//! boundaries and in progress hooks, and the websocket messages of each step.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::faults::NodeFault;
use crate::json::{Json, Obj, py_str};
use crate::nodes::{self, NodeCtx, NodeError, Value};
use crate::obj;
use crate::queue::QueueItem;
use crate::server::Shared;

struct CacheEntry {
    outputs: Arc<Vec<Value>>,
    /// `{"meta": ..., "output": ...}` for nodes with UI output.
    ui: Option<Json>,
}

/// The outcome of one prompt, for the history.
pub(crate) struct RunResult {
    pub(crate) success: bool,
    pub(crate) messages: Vec<Json>,
    pub(crate) outputs: Obj,
    pub(crate) meta: Obj,
    /// The worker must stop (a crash was injected).
    pub(crate) crashed: bool,
}

/// The prompt worker's state that outlives prompts: the output cache.
#[derive(Default)]
pub(crate) struct Executor {
    cache: HashMap<u64, Arc<CacheEntry>>,
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

fn is_link(v: &Json) -> Option<(&str, usize)> {
    let a = v.as_arr()?;
    if a.len() != 2 {
        return None;
    }
    Some((a[0].as_str()?, usize::try_from(a[1].as_int()?).ok()?))
}

struct Run<'a> {
    shared: &'a Shared,
    prompt_id: &'a str,
    client: Option<String>,
    messages: Vec<Json>,
    progress: Vec<(String, &'static str, Json, Json)>,
}

impl Run<'_> {
    fn add_message(&mut self, event: &str, data: Json, broadcast: bool) {
        let mut data = data;
        if let Some(o) = data.as_obj_mut() {
            o.insert("timestamp", now_ms());
        }
        self.messages
            .push(Json::Arr(vec![Json::from(event), data.clone()]));
        if self.client.is_some() || broadcast {
            self.shared.hub.send(event, data, self.client.as_deref());
        }
    }

    fn send(&self, event: &str, data: Json) {
        self.shared.hub.send(event, data, self.client.as_deref());
    }

    fn set_progress(&mut self, node: &str, state: &'static str, value: Json, max: Json) {
        match self.progress.iter_mut().find(|p| p.0 == node) {
            Some(p) => {
                p.1 = state;
                p.2 = value;
                p.3 = max;
            }
            None => self.progress.push((node.to_string(), state, value, max)),
        }
        let mut nodes = Obj::new();
        for (id, state, value, max) in &self.progress {
            nodes.insert(
                id.clone(),
                obj! {
                    "value" => value.clone(),
                    "max" => max.clone(),
                    "state" => *state,
                    "node_id" => id.as_str(),
                    "prompt_id" => self.prompt_id,
                    "display_node_id" => id.as_str(),
                    "parent_node_id" => Json::Null,
                    "real_node_id" => id.as_str(),
                },
            );
        }
        self.send(
            "progress_state",
            obj! {"prompt_id" => self.prompt_id, "nodes" => Json::Obj(nodes)},
        );
    }

    fn finish_progress(&mut self, node: &str) {
        let max = self
            .progress
            .iter()
            .find(|p| p.0 == node)
            .map_or(Json::Int(1), |p| p.3.clone());
        self.set_progress(node, "finished", max.clone(), max);
    }
}

/// ComfyUI's `ExecutionList` (a topological sort with a UX-friendly pick).
struct ExecutionList<'a> {
    prompt: &'a Obj,
    outputs_flag: HashMap<String, bool>,
    pending: Vec<String>,
    block_count: HashMap<String, usize>,
    blocking: HashMap<String, Vec<String>>,
}

impl<'a> ExecutionList<'a> {
    fn inputs(&self, id: &str) -> Vec<(String, usize)> {
        self.prompt
            .get(id)
            .and_then(|n| n.get("inputs"))
            .and_then(Json::as_obj)
            .map(|i| {
                i.iter()
                    .filter_map(|(_, v)| is_link(v))
                    .map(|(a, b)| (a.to_string(), b))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn add_node(&mut self, root: &str, cached: &dyn Fn(&str) -> bool) {
        let mut stack = vec![root.to_string()];
        let mut links = Vec::new();
        while let Some(id) = stack.pop() {
            if self.pending.contains(&id) {
                continue;
            }
            self.pending.push(id.clone());
            self.block_count.insert(id.clone(), 0);
            self.blocking.insert(id.clone(), Vec::new());
            for (from, _) in self.inputs(&id) {
                if !cached(&from) {
                    stack.push(from.clone());
                }
                links.push((from, id.clone()));
            }
        }
        for (from, to) in links {
            if cached(&from) {
                continue;
            }
            if !self.blocking.contains_key(&from) {
                self.add_node(&from, cached);
            }
            let list = self.blocking.entry(from).or_default();
            if !list.contains(&to) {
                list.push(to.clone());
                *self.block_count.entry(to).or_default() += 1;
            }
        }
    }

    fn is_output(&self, id: &str) -> bool {
        self.outputs_flag.get(id).copied().unwrap_or(false)
    }

    fn stage(&self) -> Option<String> {
        let ready: Vec<&String> = self
            .pending
            .iter()
            .filter(|id| self.block_count.get(*id) == Some(&0))
            .collect();
        let blocked = |id: &str| self.blocking.get(id).cloned().unwrap_or_default();
        if let Some(id) = ready.iter().find(|id| self.is_output(id)) {
            return Some((*id).clone());
        }
        if let Some(id) = ready
            .iter()
            .find(|id| blocked(id).iter().any(|b| self.is_output(b)))
        {
            return Some((*id).clone());
        }
        if let Some(id) = ready.iter().find(|id| {
            blocked(id)
                .iter()
                .any(|b| blocked(b).iter().any(|b1| self.is_output(b1)))
        }) {
            return Some((*id).clone());
        }
        ready.first().map(|id| (*id).clone())
    }

    fn complete(&mut self, id: &str) {
        self.pending.retain(|p| p != id);
        for b in self.blocking.remove(id).unwrap_or_default() {
            if let Some(c) = self.block_count.get_mut(&b) {
                *c = c.saturating_sub(1);
            }
        }
    }
}

fn file_sha256(path: &std::path::Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let digest = Sha256::digest(&bytes);
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

impl Executor {
    /// Node signatures (ComfyUI's `CacheKeySetInputSignature`, as a Merkle hash).
    fn signatures(&self, shared: &Shared, prompt: &mut Obj) -> HashMap<String, u64> {
        // IS_CHANGED values: LoadImage hashes its file, into the prompt.
        let ids: Vec<String> = prompt.keys().map(str::to_string).collect();
        let mut changed: HashMap<String, String> = HashMap::new();
        for id in &ids {
            let class = prompt
                .get(id)
                .and_then(|n| n.get("class_type"))
                .and_then(Json::as_str)
                .unwrap_or("");
            match class {
                "LoadImage" | "LoadImageMask" => {
                    let image = prompt
                        .get(id)
                        .and_then(|n| n.get("inputs"))
                        .and_then(|i| i.get("image"))
                        .and_then(Json::as_str);
                    let sha = image
                        .and_then(|n| shared.files.annotated_path(n))
                        .and_then(|p| file_sha256(&p));
                    let value = sha
                        .clone()
                        .map_or(Json::Float(f64::NAN), |s| Json::Arr(vec![Json::from(s)]));
                    if let Some(n) = prompt.get_mut(id).and_then(Json::as_obj_mut) {
                        n.insert("is_changed", value);
                    }
                    changed.insert(
                        id.clone(),
                        sha.unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
                    );
                }
                "SaveImageWebsocket" => {
                    changed.insert(id.clone(), uuid::Uuid::new_v4().to_string());
                }
                _ => {}
            }
        }
        let mut sigs = HashMap::new();
        for id in &ids {
            let mut visiting = HashSet::new();
            sig_of(shared, prompt, id, &changed, &mut sigs, &mut visiting);
        }
        sigs
    }

    /// Executes one queue item; sends its websocket messages as it goes.
    pub(crate) fn execute(&mut self, shared: &Shared, item: &QueueItem) -> RunResult {
        shared.interrupt.store(false, Ordering::SeqCst);
        let client = item.extra_data.get("client_id").map(py_str);
        shared.hub.set_current(client.clone(), None);
        let mut run = Run {
            shared,
            prompt_id: &item.prompt_id,
            client,
            messages: Vec::new(),
            progress: Vec::new(),
        };
        let mut prompt = item.prompt.as_obj().cloned().unwrap_or_default();
        run.add_message(
            "execution_start",
            obj! {"prompt_id" => item.prompt_id.as_str()},
            false,
        );
        let sigs = self.signatures(shared, &mut prompt);
        let live: HashSet<u64> = sigs.values().copied().collect();
        self.cache.retain(|k, _| live.contains(k));
        let cached_of = |id: &str| sigs.get(id).is_some_and(|s| self.cache.contains_key(s));
        let cached_nodes: Vec<Json> = prompt
            .keys()
            .filter(|id| cached_of(id))
            .map(Json::from)
            .collect();
        run.add_message(
            "execution_cached",
            obj! {"nodes" => Json::Arr(cached_nodes), "prompt_id" => item.prompt_id.as_str()},
            false,
        );

        let outputs_flag = prompt
            .iter()
            .map(|(id, n)| {
                let class = n.get("class_type").and_then(Json::as_str).unwrap_or("");
                (
                    id.to_string(),
                    shared.catalog.def(class).is_some_and(|d| d.is_output()),
                )
            })
            .collect();
        let mut list = ExecutionList {
            prompt: &prompt,
            outputs_flag,
            pending: Vec::new(),
            block_count: HashMap::new(),
            blocking: HashMap::new(),
        };
        for o in &item.outputs {
            list.add_node(o, &cached_of);
        }
        let mut values: HashMap<String, Arc<Vec<Value>>> = HashMap::new();
        let mut ui_outputs: Vec<(String, Json)> = Vec::new();
        let mut executed: Vec<String> = Vec::new();
        let extra_pnginfo = item.extra_data.get("extra_pnginfo").cloned();
        let mut success = true;
        let mut crashed = false;

        while let Some(id) = list.stage() {
            let class = prompt
                .get(&id)
                .and_then(|n| n.get("class_type"))
                .and_then(Json::as_str)
                .unwrap_or("")
                .to_string();
            let sig = sigs.get(&id).copied().unwrap_or(0);
            if let Some(entry) = self.cache.get(&sig).cloned() {
                if run.client.is_some() {
                    let output = entry
                        .ui
                        .as_ref()
                        .and_then(|u| u.get("output"))
                        .cloned()
                        .unwrap_or(Json::Null);
                    run.send(
                        "executed",
                        obj! {"node" => id.as_str(), "display_node" => id.as_str(), "output" => output, "prompt_id" => item.prompt_id.as_str()},
                    );
                    if let Some(ui) = &entry.ui {
                        set_ui(&mut ui_outputs, &id, ui.clone());
                    }
                }
                run.finish_progress(&id);
                values.insert(id.clone(), entry.outputs.clone());
                list.complete(&id);
                continue;
            }
            run.set_progress(&id, "running", Json::Float(0.0), Json::Float(1.0));
            if run.client.is_some() {
                shared.hub.set_current(run.client.clone(), Some(id.clone()));
                run.send(
                    "executing",
                    obj! {"node" => id.as_str(), "display_node" => id.as_str(), "prompt_id" => item.prompt_id.as_str()},
                );
            }
            // Inputs.
            let mut inputs = HashMap::new();
            let mut current_inputs = Obj::new();
            if let Some(Json::Obj(ins)) = prompt.get(&id).and_then(|n| n.get("inputs")) {
                for (k, v) in ins.iter() {
                    match is_link(v) {
                        Some((from, slot)) => {
                            let upstream = values.get(from).cloned().or_else(|| {
                                let s = sigs.get(from)?;
                                self.cache.get(s).map(|e| e.outputs.clone())
                            });
                            if let Some(val) = upstream.as_ref().and_then(|o| o.get(slot)) {
                                inputs.insert(k.to_string(), val.clone());
                            }
                            current_inputs
                                .insert(k, Json::Arr(vec![Json::from(format!("<{from}:{slot}>"))]));
                        }
                        None => {
                            inputs.insert(k.to_string(), Value::Json(v.clone()));
                            current_inputs.insert(k, Json::Arr(vec![v.clone()]));
                        }
                    }
                }
            }
            if shared.faults.drop_websockets_on(&id, &class) {
                shared.hub.drop_all();
            }
            let fault = shared.faults.node_fault(&id, &class);
            let result = if shared.interrupt.load(Ordering::SeqCst) {
                Err(NodeError::Interrupted)
            } else {
                match fault {
                    Some(NodeFault::Exit) => {
                        crashed = true;
                        break;
                    }
                    Some(NodeFault::Hang) => {
                        while !shared.stopped.load(Ordering::SeqCst) {
                            std::thread::sleep(Duration::from_millis(5));
                        }
                        crashed = true;
                        break;
                    }
                    Some(NodeFault::Fail(message)) => Err(NodeError::Failed {
                        kind: "RuntimeError".into(),
                        message,
                        traceback: nodes::generic_traceback(),
                    }),
                    Some(NodeFault::Delay(ms)) => {
                        std::thread::sleep(Duration::from_millis(ms));
                        self.run_node(
                            &mut run,
                            &id,
                            &class,
                            sig,
                            &prompt,
                            extra_pnginfo.as_ref(),
                            &inputs,
                        )
                    }
                    None => self.run_node(
                        &mut run,
                        &id,
                        &class,
                        sig,
                        &prompt,
                        extra_pnginfo.as_ref(),
                        &inputs,
                    ),
                }
            };
            match result {
                Ok(out) => {
                    let ui = out.ui.filter(|u| u.as_obj().is_some_and(|o| !o.is_empty()));
                    let ui_entry = ui.as_ref().map(|u| {
                        obj! {
                            "meta" => obj!{"node_id" => id.as_str(), "display_node" => id.as_str(), "parent_node" => Json::Null, "real_node_id" => id.as_str()},
                            "output" => u.clone(),
                        }
                    });
                    if let (Some(u), Some(entry)) = (&ui, &ui_entry) {
                        set_ui(&mut ui_outputs, &id, entry.clone());
                        if run.client.is_some() {
                            run.send(
                                "executed",
                                obj! {"node" => id.as_str(), "display_node" => id.as_str(), "output" => u.clone(), "prompt_id" => item.prompt_id.as_str()},
                            );
                        }
                    }
                    let outputs = Arc::new(out.outputs);
                    self.cache.insert(
                        sig,
                        Arc::new(CacheEntry {
                            outputs: outputs.clone(),
                            ui: ui_entry,
                        }),
                    );
                    values.insert(id.clone(), outputs);
                    executed.push(id.clone());
                    run.finish_progress(&id);
                    list.complete(&id);
                }
                Err(NodeError::Interrupted) => {
                    success = false;
                    let done: Vec<Json> = executed.iter().rev().map(Json::from).collect();
                    run.add_message(
                        "execution_interrupted",
                        obj! {"prompt_id" => item.prompt_id.as_str(), "node_id" => id.as_str(), "node_type" => class.as_str(), "executed" => Json::Arr(done)},
                        true,
                    );
                    break;
                }
                Err(NodeError::Failed {
                    kind,
                    message,
                    traceback,
                }) => {
                    success = false;
                    let done: Vec<Json> = executed.iter().rev().map(Json::from).collect();
                    let current: Vec<Json> = prompt.keys().rev().map(Json::from).collect();
                    run.add_message(
                        "execution_error",
                        obj! {
                            "prompt_id" => item.prompt_id.as_str(),
                            "node_id" => id.as_str(),
                            "node_type" => class.as_str(),
                            "executed" => Json::Arr(done),
                            "exception_message" => format!("{message}\n"),
                            "exception_type" => kind,
                            "traceback" => Json::Arr(traceback.into_iter().map(Json::from).collect()),
                            "current_inputs" => Json::Obj(current_inputs),
                            "current_outputs" => Json::Arr(current),
                        },
                        false,
                    );
                    break;
                }
            }
        }
        if success && !crashed {
            run.add_message(
                "execution_success",
                obj! {"prompt_id" => item.prompt_id.as_str()},
                false,
            );
        }
        shared.hub.set_current(None, None);
        let mut outputs = Obj::new();
        let mut meta = Obj::new();
        for (id, ui) in ui_outputs {
            outputs.insert(id.clone(), ui.get("output").cloned().unwrap_or(Json::Null));
            meta.insert(id, ui.get("meta").cloned().unwrap_or(Json::Null));
        }
        RunResult {
            success,
            messages: run.messages,
            outputs,
            meta,
            crashed,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn run_node(
        &self,
        run: &mut Run<'_>,
        id: &str,
        class: &str,
        sig: u64,
        prompt: &Obj,
        extra_pnginfo: Option<&Json>,
        inputs: &HashMap<String, Value>,
    ) -> Result<nodes::NodeOutput, NodeError> {
        let shared = run.shared;
        let def = shared.catalog.def(class);
        let output_types = def
            .as_ref()
            .map(|d| d.outputs().iter().map(py_str).collect())
            .unwrap_or_default();
        let is_output = def.as_ref().is_some_and(|d| d.is_output());
        let prompt_id = run.prompt_id.to_string();
        let node = id.to_string();
        let mut progress = |value: i64,
                            max: i64,
                            preview: Option<Vec<u8>>|
         -> Result<(), NodeError> {
            if shared.interrupt.load(Ordering::SeqCst) {
                return Err(NodeError::Interrupted);
            }
            run.set_progress(&node, "running", Json::from(value), Json::from(max));
            let supports = shared.hub.supports_preview_metadata(run.client.as_deref());
            if let (Some(png), true) = (&preview, supports) {
                let meta = obj! {
                    "node_id" => node.as_str(), "prompt_id" => prompt_id.as_str(), "display_node_id" => node.as_str(),
                    "parent_node_id" => Json::Null, "real_node_id" => node.as_str(), "image_type" => "image/png",
                };
                let meta = meta.dumps();
                let mut frame = 4u32.to_be_bytes().to_vec();
                frame.extend_from_slice(&(meta.len() as u32).to_be_bytes());
                frame.extend_from_slice(meta.as_bytes());
                frame.extend_from_slice(png);
                shared.hub.send_binary(frame, run.client.as_deref());
            }
            run.send(
                "progress",
                obj! {"value" => value, "max" => max, "prompt_id" => prompt_id.as_str(), "node" => node.as_str()},
            );
            if let (Some(png), false) = (&preview, supports) {
                let mut frame = 1u32.to_be_bytes().to_vec();
                frame.extend_from_slice(&2u32.to_be_bytes());
                frame.extend_from_slice(png);
                shared.hub.send_binary(frame, run.client.as_deref());
            }
            Ok(())
        };
        let mut text = |t: &str| {
            let mut frame = 3u32.to_be_bytes().to_vec();
            frame.extend_from_slice(&(id.len() as u32).to_be_bytes());
            frame.extend_from_slice(id.as_bytes());
            frame.extend_from_slice(t.as_bytes());
            shared.hub.send_binary(frame, None);
        };
        let mut ctx = NodeCtx {
            node_id: id,
            class_type: class,
            sig,
            output_types,
            is_output,
            prompt,
            extra_pnginfo,
            files: &shared.files,
            step_delay: shared.config.step_delay,
            cpu_scale: shared.config.cpu_scale,
            progress: &mut progress,
            text: &mut text,
        };
        let _ = ctx.node_id;
        nodes::run(&mut ctx, inputs)
    }
}

fn set_ui(list: &mut Vec<(String, Json)>, id: &str, ui: Json) {
    match list.iter_mut().find(|(k, _)| k == id) {
        Some(slot) => slot.1 = ui,
        None => list.push((id.to_string(), ui)),
    }
}

fn sig_of(
    shared: &Shared,
    prompt: &Obj,
    id: &str,
    changed: &HashMap<String, String>,
    sigs: &mut HashMap<String, u64>,
    visiting: &mut HashSet<String>,
) -> u64 {
    if let Some(s) = sigs.get(id) {
        return *s;
    }
    let Some(node) = prompt.get(id).and_then(Json::as_obj) else {
        // A missing node cannot be cached: a fresh signature every time.
        return uuid::Uuid::new_v4().as_u128() as u64;
    };
    if !visiting.insert(id.to_string()) {
        return uuid::Uuid::new_v4().as_u128() as u64;
    }
    let class = node.get("class_type").and_then(Json::as_str).unwrap_or("");
    let mut h = DefaultHasher::new();
    class.hash(&mut h);
    changed.get(id).hash(&mut h);
    if shared
        .catalog
        .def(class)
        .is_some_and(|d| d.has_hidden("UNIQUE_ID"))
    {
        id.hash(&mut h);
    }
    if let Some(Json::Obj(inputs)) = node.get("inputs") {
        let mut keys: Vec<&str> = inputs.keys().collect();
        keys.sort_unstable();
        for k in keys {
            k.hash(&mut h);
            let v = inputs.get(k).unwrap_or(&Json::Null);
            match is_link(v) {
                Some((from, slot)) => {
                    sig_of(shared, prompt, from, changed, sigs, visiting).hash(&mut h);
                    slot.hash(&mut h);
                }
                None => v.dumps().hash(&mut h),
            }
        }
    }
    visiting.remove(id);
    let s = h.finish();
    sigs.insert(id.to_string(), s);
    s
}
