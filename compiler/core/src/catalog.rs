//! The node catalog: ComfyUI's `GET /object_info`, which describes every
//! node class (its inputs with their kinds and limits, its outputs, and
//! whether it is an output node).
//!
//! Both combo forms are read: the bare list of V1 nodes
//! (`[["a", "b"], {...}]`) and V3's `["COMBO", {"options": [...]}]`.
//! Combos are classified: upload combos (`image_upload`) become image
//! inputs, model-folder combos (`ckpt_name`, ...) are deployment data, and
//! the rest (samplers, schedulers, methods) are interface enums.

use crate::code::Code;
use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::literal::{Literal, Number};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

/// A loaded `/object_info` document.
#[derive(Debug)]
pub struct Catalog {
    /// The file it was read from.
    pub file: FileId,
    classes: BTreeMap<String, NodeClass>,
    raw: BTreeMap<String, Box<RawValue>>,
}

/// One node class.
#[derive(Clone, Debug)]
pub struct NodeClass {
    /// Class name (`KSampler`).
    pub name: String,
    /// Whether ComfyUI treats it as an output node.
    pub output_node: bool,
    /// Output types, by index (`IMAGE`, `LATENT`, ...).
    pub outputs: Vec<String>,
    /// Required then optional inputs, in `input_order` when given.
    pub inputs: Vec<InputDef>,
}

/// One input of a node class.
#[derive(Clone, Debug)]
pub struct InputDef {
    /// Input name.
    pub name: String,
    /// Whether ComfyUI requires it.
    pub required: bool,
    /// What it takes.
    pub kind: InputKind,
    /// The node's tooltip, used as a default description.
    pub tooltip: Option<String>,
    /// The node's default value.
    pub default: Option<Literal>,
}

/// What a node input takes.
#[derive(Clone, Debug, PartialEq)]
pub enum InputKind {
    /// `INT` with its limits.
    Int {
        /// `min`.
        min: Option<Number>,
        /// `max`.
        max: Option<Number>,
        /// `step` (a UI hint; ComfyUI does not enforce it).
        step: Option<Number>,
    },
    /// `FLOAT` with its limits.
    Float {
        /// `min`.
        min: Option<Number>,
        /// `max`.
        max: Option<Number>,
        /// `step` (a UI hint).
        step: Option<Number>,
    },
    /// `STRING`.
    String,
    /// `BOOLEAN`.
    Boolean,
    /// A combo box.
    Combo {
        /// The options ComfyUI listed.
        options: Vec<Literal>,
        /// What the options are.
        source: ComboSource,
    },
    /// A link of this type (`IMAGE`, `MODEL`, ...): not a value.
    Link(String),
    /// A V3 dynamic input (`COMFY_AUTOGROW_V3`, `COMFY_MATCHTYPE_V3`,
    /// `COMFY_DYNAMICCOMBO_V3`, ...): its shape depends on the workflow, so
    /// it is not checked, and a field bound to it takes the workflow
    /// value's type.
    Dynamic(String),
}

/// Where a combo's options come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComboSource {
    /// Part of the node's interface (samplers, schedulers, methods).
    Fixed,
    /// Files in a model folder of one install: deployment data.
    Models,
    /// Files uploaded to ComfyUI's input folder (`image_upload`).
    ImageUpload,
    /// Other uploads (audio, video, 3D files).
    OtherUpload,
}

/// Input names whose combos list a model folder. ComfyUI lists the files
/// of one install here, so a catalog pulled elsewhere lists other files.
const MODEL_INPUTS: &[&str] = &[
    "ckpt_name",
    "clip_name",
    "clip_name1",
    "clip_name2",
    "clip_name3",
    "clip_name4",
    "control_net_name",
    "lora_name",
    "existing_lora",
    "model_name",
    "unet_name",
    "vae_name",
    "text_encoder",
    "gligen_name",
    "hypernetwork_name",
    "photomaker_model_name",
    "style_model_name",
    "audio_encoder_name",
    "model_path",
];

/// Whether a model-folder combo's options include model files. A catalog
/// pulled from an install without models lists none (or only built-in
/// choices such as VAELoader's `pixel_space`); checking against such a list
/// says nothing about the deployment.
pub fn lists_model_files(options: &[Literal]) -> bool {
    options
        .iter()
        .any(|o| o.as_str().is_some_and(|s| s.contains('.')))
}

impl InputKind {
    /// The ComfyUI type name (`INT`, `COMBO`, `IMAGE`).
    pub fn comfy_type(&self) -> &str {
        match self {
            InputKind::Int { .. } => "INT",
            InputKind::Float { .. } => "FLOAT",
            InputKind::String => "STRING",
            InputKind::Boolean => "BOOLEAN",
            InputKind::Combo { .. } => "COMBO",
            InputKind::Link(t) | InputKind::Dynamic(t) => t,
        }
    }
}

impl NodeClass {
    /// The input called `name`.
    pub fn input(&self, name: &str) -> Option<&InputDef> {
        self.inputs.iter().find(|i| i.name == name)
    }
}

#[derive(Deserialize)]
struct RawClass {
    input: RawInputs,
    #[serde(default)]
    input_order: Option<RawOrder>,
    #[serde(default)]
    output: Vec<serde_json::Value>,
    #[serde(default)]
    output_node: bool,
}

#[derive(Deserialize)]
struct RawInputs {
    #[serde(default)]
    required: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    optional: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize, Default)]
struct RawOrder {
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    optional: Vec<String>,
}

impl Catalog {
    /// Parses an `/object_info` document read into `file`. The error says
    /// why the document is not a catalog, with its position.
    pub fn parse(file: FileId, text: &str) -> Result<Catalog, Diagnostic> {
        let not_catalog = |why: String, at: Span| {
            Diagnostic::error(Code::BadCatalog, format!("this is not a ComfyUI `/object_info` catalog: {why}"))
                .at(at, "here")
                .help("pull one from a running ComfyUI with `wfc catalog pull --url http://HOST:8188 -o object_info.json`")
        };
        let raw: BTreeMap<String, Box<RawValue>> = serde_json::from_str(text).map_err(|e| {
            let at = offset_of(text, e.line(), e.column());
            let why = if e.is_data() {
                "expected a JSON object of node classes".to_string()
            } else {
                format!("invalid JSON: {e}")
            };
            not_catalog(why, Span::new(file, at..(at + 1).min(text.len()).max(at)))
        })?;
        if raw.is_empty() {
            return Err(not_catalog(
                "it lists no node classes".to_string(),
                Span::new(file, 0..text.len().min(2)),
            ));
        }
        let mut classes = BTreeMap::new();
        for (name, value) in &raw {
            let parsed: RawClass = serde_json::from_str(value.get()).map_err(|e| {
                let at = text.find(&format!("\"{name}\"")).unwrap_or(0);
                let shape = serde_json::from_str::<serde_json::Value>(value.get()).ok();
                let why = match shape.as_ref().and_then(|v| v.as_object()) {
                    Some(o) if o.get("input").is_some_and(|i| i.is_object()) => {
                        // A node class whose inputs are malformed: keep serde's detail.
                        let detail = e.to_string();
                        let detail = detail.split(" at line").next().unwrap_or("").to_string();
                        format!("node class `{name}` is malformed: {detail}")
                    }
                    _ => format!("entry `{name}` is not a node class (expected an object with `input` and `output`)"),
                };
                not_catalog(why, Span::new(file, at..at + name.len() + 2))
            })?;
            classes.insert(name.clone(), node_class(name, parsed));
        }
        Ok(Catalog { file, classes, raw })
    }

    /// The class called `name`.
    pub fn class(&self, name: &str) -> Option<&NodeClass> {
        self.classes.get(name)
    }

    /// Every class name, sorted.
    pub fn class_names(&self) -> impl Iterator<Item = &str> {
        self.classes.keys().map(String::as_str)
    }

    /// Number of classes.
    pub fn len(&self) -> usize {
        self.classes.len()
    }

    /// Whether the catalog lists no class (never true for a parsed one).
    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }

    /// A catalog document with only `names`, each entry verbatim.
    pub fn slice<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> String {
        let mut names: Vec<&str> = names
            .into_iter()
            .filter(|n| self.raw.contains_key(*n))
            .collect();
        names.sort_unstable();
        names.dedup();
        let mut out = String::from("{\n");
        for (i, name) in names.iter().enumerate() {
            let value = crate::tree::parse_json(0, self.raw[*name].get())
                .map(|n| crate::tree::to_pretty_json(&n, 1))
                .unwrap_or_else(|_| self.raw[*name].get().to_string());
            let comma = if i + 1 < names.len() { "," } else { "" };
            out.push_str(&format!(
                "  {}: {value}{comma}\n",
                serde_json::Value::from(*name)
            ));
        }
        out.push_str("}\n");
        out
    }
}

/// Byte offset of 1-based `line` and `column` (as serde_json counts).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

fn node_class(name: &str, raw: RawClass) -> NodeClass {
    let order = raw.input_order.unwrap_or_default();
    let mut inputs = Vec::new();
    for (required, map, order) in [
        (true, &raw.input.required, &order.required),
        (false, &raw.input.optional, &order.optional),
    ] {
        let mut names: Vec<&String> = order.iter().filter(|n| map.contains_key(*n)).collect();
        names.extend(map.keys().filter(|k| !order.contains(k)));
        for n in names {
            inputs.push(input_def(name, n, required, &map[n]));
        }
    }
    NodeClass {
        name: name.to_string(),
        output_node: raw.output_node,
        outputs: raw
            .output
            .iter()
            .map(|o| match o {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Array(_) => "COMBO".to_string(),
                other => other.to_string(),
            })
            .collect(),
        inputs,
    }
}

fn number(v: Option<&serde_json::Value>) -> Option<Number> {
    Literal::from_json(v?).and_then(|l| Number::from_literal(&l))
}

fn input_def(class: &str, name: &str, required: bool, spec: &serde_json::Value) -> InputDef {
    use serde_json::Value;
    let empty = serde_json::Map::new();
    let (head, opts) = match spec {
        Value::Array(items) => (
            items.first(),
            items.get(1).and_then(Value::as_object).unwrap_or(&empty),
        ),
        other => (Some(other), &empty),
    };
    let combo = |options: &[Value]| {
        let upload = |key: &str| opts.get(key).and_then(Value::as_bool).unwrap_or(false);
        let options_lit: Vec<Literal> = options.iter().filter_map(Literal::from_json).collect();
        // Uploads go to ComfyUI's input folder; LoadImageOutput reads the
        // output folder instead, so it cannot take an uploaded image.
        let input_folder = opts
            .get("image_folder")
            .and_then(Value::as_str)
            .is_none_or(|f| f == "input");
        let source = if upload("image_upload") && input_folder {
            ComboSource::ImageUpload
        } else if upload("image_upload")
            || upload("video_upload")
            || upload("audio_upload")
            || upload("file_upload")
        {
            ComboSource::OtherUpload
        } else if options_lit.is_empty()
            || (MODEL_INPUTS.contains(&name)
                && (class.contains("Loader") || lists_model_files(&options_lit)))
        {
            // Empty lists (nothing installed) and model folders are
            // deployment data; so are lists of model files under any name.
            ComboSource::Models
        } else {
            ComboSource::Fixed
        };
        InputKind::Combo {
            options: options.iter().filter_map(Literal::from_json).collect(),
            source,
        }
    };
    let kind = match head {
        Some(Value::Array(options)) => combo(options),
        Some(Value::String(t)) => match t.as_str() {
            "INT" => InputKind::Int {
                min: number(opts.get("min")),
                max: number(opts.get("max")),
                step: number(opts.get("step")),
            },
            "FLOAT" => InputKind::Float {
                min: number(opts.get("min")),
                max: number(opts.get("max")),
                step: number(opts.get("step")),
            },
            "STRING" => InputKind::String,
            "BOOLEAN" => InputKind::Boolean,
            "COMBO" => combo(
                opts.get("options")
                    .and_then(Value::as_array)
                    .map_or(&[], Vec::as_slice),
            ),
            other if other.starts_with("COMFY_") => InputKind::Dynamic(other.to_string()),
            other => InputKind::Link(other.to_string()),
        },
        _ => InputKind::Link("*".to_string()),
    };
    InputDef {
        name: name.to_string(),
        required,
        kind,
        tooltip: opts
            .get("tooltip")
            .and_then(Value::as_str)
            .map(str::to_string),
        default: opts.get("default").and_then(Literal::from_json),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{
      "KSampler": {"input": {"required": {
          "seed": ["INT", {"default": 0, "min": 0, "max": 18446744073709551615}],
          "cfg": ["FLOAT", {"default": 8.0, "min": 0.0, "max": 100.0, "step": 0.1}],
          "sampler_name": [["euler", "ddim"], {}],
          "model": ["MODEL", {"tooltip": "The model."}]}},
        "input_order": {"required": ["model", "seed", "cfg", "sampler_name"]},
        "output": ["LATENT"], "output_node": false},
      "SaveAnimatedWEBP": {"input": {"required": {
          "method": ["COMBO", {"options": ["default", "fastest"], "multiselect": false}],
          "lossless": ["BOOLEAN", {"default": true}]},
          "hidden": {"prompt": ["PROMPT"]}},
        "output": [], "output_node": true},
      "LoadImage": {"input": {"required": {"image": [["example.png"], {"image_upload": true}]}}, "output": ["IMAGE", "MASK"]},
      "CheckpointLoaderSimple": {"input": {"required": {"ckpt_name": [[], {}]}}, "output": ["MODEL", "CLIP", "VAE"]}
    }"#;

    #[test]
    fn both_combo_forms_and_limits() {
        let c = Catalog::parse(0, SMALL).unwrap();
        let k = c.class("KSampler").unwrap();
        let names: Vec<_> = k.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["model", "seed", "cfg", "sampler_name"]);
        assert_eq!(
            k.input("seed").unwrap().kind,
            InputKind::Int {
                min: Some(Number::Int(0)),
                max: Some(Number::Int(u64::MAX.into())),
                step: None
            }
        );
        assert!(matches!(&k.input("sampler_name").unwrap().kind,
            InputKind::Combo { options, source: ComboSource::Fixed } if options.len() == 2));
        assert_eq!(
            k.input("model").unwrap().kind,
            InputKind::Link("MODEL".into())
        );
        assert_eq!(
            k.input("model").unwrap().tooltip.as_deref(),
            Some("The model.")
        );
        let w = c.class("SaveAnimatedWEBP").unwrap();
        assert!(w.output_node);
        assert!(
            matches!(&w.input("method").unwrap().kind, InputKind::Combo { options, .. } if options.len() == 2)
        );
        assert!(w.input("prompt").is_none(), "hidden inputs are not inputs");
        assert!(matches!(
            c.class("LoadImage").unwrap().input("image").unwrap().kind,
            InputKind::Combo {
                source: ComboSource::ImageUpload,
                ..
            }
        ));
        assert!(matches!(
            c.class("CheckpointLoaderSimple")
                .unwrap()
                .input("ckpt_name")
                .unwrap()
                .kind,
            InputKind::Combo {
                source: ComboSource::Models,
                ..
            }
        ));
    }

    #[test]
    fn documents_that_are_not_catalogs() {
        for text in [
            "[]",
            "{}",
            "{\"a\": 1}",
            "{\"a\": {\"output\": []}}",
            "{nope",
        ] {
            let d = Catalog::parse(0, text).unwrap_err();
            assert_eq!(d.code, "bad-catalog", "{text}");
            assert!(d.message.contains("/object_info"), "{}", d.message);
        }
    }

    #[test]
    fn slices_are_catalogs_again() {
        let c = Catalog::parse(0, SMALL).unwrap();
        let s = c.slice(["LoadImage", "KSampler", "Nope", "KSampler"]);
        let again = Catalog::parse(0, &s).unwrap();
        assert_eq!(
            again.class_names().collect::<Vec<_>>(),
            ["KSampler", "LoadImage"]
        );
        assert!(s.contains("18446744073709551615"));
    }
}
