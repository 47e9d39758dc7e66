//! ComfyUI's `PromptQueue`: a heap of pending prompts (Python `heapq`
//! order, so `/queue` lists them in the same array order), the running
//! prompt, the history (insertion-ordered, at most 10,000 entries) and the
//! `/api/jobs` views of both.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::json::{Json, Obj};
use crate::obj;

/// One queued prompt: `(number, prompt_id, prompt, extra_data, outputs_to_execute, sensitive)`.
#[derive(Debug)]
pub(crate) struct QueueItem {
    pub(crate) number: Json,
    pub(crate) prompt_id: String,
    pub(crate) prompt: Json,
    pub(crate) extra_data: Obj,
    pub(crate) outputs: Vec<String>,
}

impl QueueItem {
    /// The five-element list `/queue` and `/history` show.
    pub(crate) fn tuple(&self) -> Json {
        Json::Arr(vec![
            self.number.clone(),
            Json::from(&self.prompt_id),
            self.prompt.clone(),
            Json::Obj(self.extra_data.clone()),
            Json::Arr(self.outputs.iter().map(Json::from).collect()),
        ])
    }
}

fn item_lt(a: &QueueItem, b: &QueueItem) -> bool {
    let (x, y) = (
        a.number.as_f64().unwrap_or(0.0),
        b.number.as_f64().unwrap_or(0.0),
    );
    match x.partial_cmp(&y) {
        Some(Ordering::Less) => true,
        Some(Ordering::Greater) => false,
        _ => a.prompt_id < b.prompt_id,
    }
}

/// A binary heap with CPython `heapq`'s exact algorithms.
#[derive(Default)]
pub(crate) struct Heap(pub(crate) Vec<Arc<QueueItem>>);

impl Heap {
    fn sift_down(&mut self, start: usize, mut pos: usize) {
        let item = self.0[pos].clone();
        while pos > start {
            let parent = (pos - 1) >> 1;
            if item_lt(&item, &self.0[parent]) {
                self.0[pos] = self.0[parent].clone();
                pos = parent;
                continue;
            }
            break;
        }
        self.0[pos] = item;
    }
    fn sift_up(&mut self, mut pos: usize) {
        let end = self.0.len();
        let start = pos;
        let item = self.0[pos].clone();
        let mut child = 2 * pos + 1;
        while child < end {
            let right = child + 1;
            if right < end && !item_lt(&self.0[child], &self.0[right]) {
                child = right;
            }
            self.0[pos] = self.0[child].clone();
            pos = child;
            child = 2 * pos + 1;
        }
        self.0[pos] = item;
        self.sift_down(start, pos);
    }
    pub(crate) fn push(&mut self, item: Arc<QueueItem>) {
        self.0.push(item);
        let n = self.0.len() - 1;
        self.sift_down(0, n);
    }
    pub(crate) fn pop(&mut self) -> Option<Arc<QueueItem>> {
        let last = self.0.pop()?;
        if self.0.is_empty() {
            return Some(last);
        }
        let top = std::mem::replace(&mut self.0[0], last);
        self.sift_up(0);
        Some(top)
    }
    pub(crate) fn heapify(&mut self) {
        let n = self.0.len();
        for i in (0..n / 2).rev() {
            self.sift_up(i);
        }
    }
}

/// Finished prompts in the order they finished.
#[derive(Default)]
pub(crate) struct History {
    seq: u64,
    order: BTreeMap<u64, String>,
    entries: HashMap<String, (u64, Arc<Json>)>,
}

/// ComfyUI's `MAXIMUM_HISTORY_SIZE`.
const MAX_HISTORY: usize = 10_000;

impl History {
    pub(crate) fn insert(&mut self, id: String, entry: Json) {
        if self.entries.len() > MAX_HISTORY
            && let Some((_, first)) = self.order.pop_first()
        {
            self.entries.remove(&first);
        }
        if let Some((seq, slot)) = self.entries.get_mut(&id) {
            let _ = seq;
            *slot = Arc::new(entry);
            return;
        }
        self.seq += 1;
        self.order.insert(self.seq, id.clone());
        self.entries.insert(id, (self.seq, Arc::new(entry)));
    }
    pub(crate) fn get(&self, id: &str) -> Option<Arc<Json>> {
        self.entries.get(id).map(|(_, e)| e.clone())
    }
    pub(crate) fn remove(&mut self, id: &str) {
        if let Some((seq, _)) = self.entries.remove(id) {
            self.order.remove(&seq);
        }
    }
    pub(crate) fn clear(&mut self) {
        self.order.clear();
        self.entries.clear();
    }
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
    /// Entries in order.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &Arc<Json>)> {
        self.order.values().map(|id| (id, &self.entries[id].1))
    }
}

/// Running, pending and finished prompts.
#[derive(Default)]
pub(crate) struct QueueState {
    pub(crate) heap: Heap,
    pub(crate) running: Option<Arc<QueueItem>>,
    pub(crate) history: History,
    /// The server's prompt counter.
    pub(crate) number: i64,
}

impl QueueState {
    pub(crate) fn remaining(&self) -> usize {
        self.heap.0.len() + usize::from(self.running.is_some())
    }
    /// `GET /history` (all, or `max_items` from `offset`).
    pub(crate) fn history_body(&self, max_items: Option<i64>, offset: i64) -> String {
        let len = self.history.len() as i64;
        let mut offset = offset;
        if offset < 0
            && let Some(m) = max_items
        {
            offset = len - m;
        }
        let mut out = String::from("{");
        let mut n = 0i64;
        for (i, (id, entry)) in self.history.iter().enumerate() {
            if (i as i64) < offset {
                continue;
            }
            if let Some(m) = max_items
                && n >= m
            {
                break;
            }
            if n > 0 {
                out.push_str(", ");
            }
            Json::from(id).write(&mut out);
            out.push_str(": ");
            entry.write(&mut out);
            n += 1;
        }
        out.push('}');
        out
    }
}

/// The `/api/jobs` status names.
pub(crate) const JOB_STATUSES: [&str; 4] = ["pending", "in_progress", "completed", "failed"];

fn outputs_summary(outputs: &Json) -> (usize, Option<Json>) {
    let mut count = 0;
    let mut preview = None;
    let mut fallback = None;
    if let Some(o) = outputs.as_obj() {
        for (node_id, node_outputs) in o.iter() {
            let Some(no) = node_outputs.as_obj() else {
                continue;
            };
            for (media, items) in no.iter() {
                let Some(items) = items.as_arr() else {
                    continue;
                };
                if media == "animated" {
                    continue;
                }
                for item in items {
                    let Some(io) = item.as_obj() else { continue };
                    count += 1;
                    let previewable =
                        matches!(media, "images" | "video" | "audio" | "gifs" | "videos");
                    if preview.is_none() && previewable {
                        let mut e = io.clone();
                        e.insert("nodeId", node_id);
                        e.insert("mediaType", media);
                        if io.get("type").and_then(Json::as_str) == Some("output") {
                            preview = Some(Json::Obj(e));
                        } else if fallback.is_none() {
                            fallback = Some(Json::Obj(e));
                        }
                    }
                }
            }
        }
    }
    (count, preview.or(fallback))
}

/// A job of `/api/jobs` for a queued or running prompt.
pub(crate) fn job_of_item(item: &QueueItem, status: &str) -> Json {
    let mut j = Obj::new();
    j.insert("id", item.prompt_id.as_str());
    j.insert("status", status);
    j.insert("priority", item.number.clone());
    if let Some(t) = item.extra_data.get("create_time") {
        j.insert("create_time", t.clone());
    }
    j.insert("outputs_count", 0);
    Json::Obj(j)
}

/// A job of `/api/jobs` for a finished prompt.
pub(crate) fn job_of_history(id: &str, entry: &Json, full: bool) -> Json {
    let tuple = entry
        .get("prompt")
        .and_then(Json::as_arr)
        .cloned()
        .unwrap_or_default();
    let extra = tuple.get(3).cloned().unwrap_or(obj! {});
    let status = entry.get("status").cloned().unwrap_or(Json::Null);
    let outputs = entry.get("outputs").cloned().unwrap_or(obj! {});
    let (count, preview) = outputs_summary(&outputs);
    let (mut start, mut end, mut error) = (None, None, None);
    if let Some(msgs) = status.get("messages").and_then(Json::as_arr) {
        for m in msgs {
            let (Some(ev), Some(data)) = (
                m.as_arr().and_then(|a| a.first()).and_then(Json::as_str),
                m.as_arr().and_then(|a| a.get(1)),
            ) else {
                continue;
            };
            match ev {
                "execution_start" => start = data.get("timestamp").cloned(),
                "execution_success" | "execution_interrupted" => {
                    end = data.get("timestamp").cloned()
                }
                "execution_error" => {
                    end = data.get("timestamp").cloned();
                    error = Some(data.clone());
                }
                _ => {}
            }
        }
    }
    let ok = status.get("status_str").and_then(Json::as_str) == Some("success");
    let mut j = Obj::new();
    j.insert("id", id);
    j.insert("status", if ok { "completed" } else { "failed" });
    j.insert("priority", tuple.first().cloned().unwrap_or(Json::Null));
    if let Some(t) = extra.get("create_time") {
        j.insert("create_time", t.clone());
    }
    if let Some(s) = start {
        j.insert("execution_start_time", s);
    }
    if let Some(e) = end {
        j.insert("execution_end_time", e);
    }
    if let Some(e) = error {
        j.insert("execution_error", e);
    }
    j.insert("outputs_count", count);
    if let Some(p) = preview {
        j.insert("preview_output", p);
    }
    if full {
        j.insert("outputs", outputs);
        j.insert("execution_status", status);
        j.insert(
            "workflow",
            obj! {"prompt" => tuple.get(2).cloned().unwrap_or(Json::Null), "extra_data" => extra},
        );
    }
    Json::Obj(j)
}
