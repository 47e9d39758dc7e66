//! The node catalog (`/object_info`): loaded from a recorded ComfyUI
//! catalog, with the model-folder combos filled from the configured model
//! list and the `LoadImage` file list from the input directory, like
//! ComfyUI builds them from its folders.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::json::{Json, Obj};

/// Model-folder names in the order `GET /models` lists them (ComfyUI 0.8.0).
pub const MODEL_FOLDERS: [&str; 21] = [
    "checkpoints",
    "configs",
    "loras",
    "vae",
    "text_encoders",
    "diffusion_models",
    "clip_vision",
    "style_models",
    "embeddings",
    "diffusers",
    "vae_approx",
    "controlnet",
    "gligen",
    "upscale_models",
    "latent_upscale_models",
    "custom_nodes",
    "hypernetworks",
    "photomaker",
    "classifiers",
    "model_patches",
    "audio_encoders",
];

/// Node inputs whose options are the files of a model folder:
/// (class, input, folder, entries ComfyUI appends after the files).
const MODEL_COMBOS: &[(&str, &str, &str, &[&str])] = &[
    ("CheckpointLoaderSimple", "ckpt_name", "checkpoints", &[]),
    ("CheckpointLoader", "ckpt_name", "checkpoints", &[]),
    ("unCLIPCheckpointLoader", "ckpt_name", "checkpoints", &[]),
    ("ImageOnlyCheckpointLoader", "ckpt_name", "checkpoints", &[]),
    ("CreateHookModelAsLora", "ckpt_name", "checkpoints", &[]),
    (
        "CreateHookModelAsLoraModelOnly",
        "ckpt_name",
        "checkpoints",
        &[],
    ),
    ("LTXVAudioVAELoader", "ckpt_name", "checkpoints", &[]),
    ("LTXAVTextEncoderLoader", "ckpt_name", "checkpoints", &[]),
    ("VAELoader", "vae_name", "vae", &["pixel_space"]),
    ("LoraLoader", "lora_name", "loras", &[]),
    ("LoraLoaderModelOnly", "lora_name", "loras", &[]),
    ("CreateHookLora", "lora_name", "loras", &[]),
    ("CreateHookLoraModelOnly", "lora_name", "loras", &[]),
    ("TrainLoraNode", "existing_lora", "loras", &["[None]"]),
    ("CLIPLoader", "clip_name", "text_encoders", &[]),
    ("DualCLIPLoader", "clip_name1", "text_encoders", &[]),
    ("DualCLIPLoader", "clip_name2", "text_encoders", &[]),
    ("TripleCLIPLoader", "clip_name1", "text_encoders", &[]),
    ("TripleCLIPLoader", "clip_name2", "text_encoders", &[]),
    ("TripleCLIPLoader", "clip_name3", "text_encoders", &[]),
    ("QuadrupleCLIPLoader", "clip_name1", "text_encoders", &[]),
    ("QuadrupleCLIPLoader", "clip_name2", "text_encoders", &[]),
    ("QuadrupleCLIPLoader", "clip_name3", "text_encoders", &[]),
    ("QuadrupleCLIPLoader", "clip_name4", "text_encoders", &[]),
    (
        "LTXAVTextEncoderLoader",
        "text_encoder",
        "text_encoders",
        &[],
    ),
    ("UNETLoader", "unet_name", "diffusion_models", &[]),
    ("ControlNetLoader", "control_net_name", "controlnet", &[]),
    (
        "DiffControlNetLoader",
        "control_net_name",
        "controlnet",
        &[],
    ),
    ("UpscaleModelLoader", "model_name", "upscale_models", &[]),
    ("CLIPVisionLoader", "clip_name", "clip_vision", &[]),
    ("StyleModelLoader", "style_model_name", "style_models", &[]),
    ("GLIGENLoader", "gligen_name", "gligen", &[]),
    (
        "HypernetworkLoader",
        "hypernetwork_name",
        "hypernetworks",
        &[],
    ),
    (
        "PhotoMakerLoader",
        "photomaker_model_name",
        "photomaker",
        &[],
    ),
    ("ModelPatchLoader", "name", "model_patches", &[]),
    (
        "AudioEncoderLoader",
        "audio_encoder_name",
        "audio_encoders",
        &[],
    ),
    (
        "LatentUpscaleModelLoader",
        "model_name",
        "latent_upscale_models",
        &[],
    ),
];

/// The model files the double pretends to have, per model folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelList {
    folders: BTreeMap<String, Vec<String>>,
}

impl ModelList {
    /// No models at all (what `object_info.json` was recorded with).
    pub fn empty() -> Self {
        Self::default()
    }

    /// The placeholder files `object_info_with_models.json` was recorded with.
    pub fn recorded() -> Self {
        let mut m = Self::empty();
        for (folder, files) in [
            (
                "checkpoints",
                &[
                    "v1-5-pruned-emaonly.safetensors",
                    "dreamshaper_8.safetensors",
                    "sd_xl_base_1.0.safetensors",
                    "sd_xl_refiner_1.0.safetensors",
                    "flux1-schnell-fp8.safetensors",
                ][..],
            ),
            (
                "loras",
                &["add_detail.safetensors", "lcm-lora-sdv1-5.safetensors"],
            ),
            ("diffusion_models", &["flux1-schnell.safetensors"]),
            (
                "text_encoders",
                &[
                    "clip_l.safetensors",
                    "clip_g.safetensors",
                    "t5xxl_fp8_e4m3fn.safetensors",
                ],
            ),
            (
                "vae",
                &[
                    "ae.safetensors",
                    "vae-ft-mse-840000-ema-pruned.safetensors",
                    "sdxl_vae.safetensors",
                ],
            ),
            (
                "upscale_models",
                &["RealESRGAN_x4plus.pth", "4x-UltraSharp.pth"],
            ),
            (
                "controlnet",
                &[
                    "control_v11p_sd15_openpose.pth",
                    "control_v11p_sd15_canny.pth",
                ],
            ),
            ("embeddings", &["easynegative.safetensors"]),
        ] {
            for f in files {
                m.add(folder, f);
            }
        }
        m
    }

    /// Parses `{"checkpoints": ["a.safetensors", ...], ...}`.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let v = Json::parse(text.as_bytes()).map_err(|e| e.to_string())?;
        let o = v.as_obj().ok_or("a model list is a JSON object")?;
        let mut m = Self::empty();
        for (folder, files) in o.iter() {
            let files = files
                .as_arr()
                .ok_or_else(|| format!("models of {folder} must be a list"))?;
            for f in files {
                let f = f
                    .as_str()
                    .ok_or_else(|| format!("models of {folder} must be strings"))?;
                m.add(folder, f);
            }
        }
        Ok(m)
    }

    /// Adds `FOLDER/NAME` (the form of `--model`).
    pub fn add_path(&mut self, spec: &str) -> Result<(), String> {
        let (folder, name) = spec
            .split_once('/')
            .ok_or_else(|| format!("expected FOLDER/NAME, got {spec:?}"))?;
        self.add(folder, name);
        Ok(())
    }

    /// Adds one file to a folder (`clip` and `unet` are ComfyUI's old names
    /// of `text_encoders` and `diffusion_models`).
    pub fn add(&mut self, folder: &str, name: &str) {
        let folder = match folder {
            "clip" => "text_encoders",
            "unet" => "diffusion_models",
            f => f,
        };
        let files = self.folders.entry(folder.to_string()).or_default();
        if !files.iter().any(|f| f == name) {
            files.push(name.to_string());
            files.sort();
        }
    }

    /// The sorted files of a folder.
    pub fn files(&self, folder: &str) -> &[String] {
        self.folders.get(folder).map_or(&[], Vec::as_slice)
    }
}

/// A node's class definition, as found in the catalog.
pub(crate) struct NodeDef<'a>(pub &'a Json);

impl<'a> NodeDef<'a> {
    /// `(category, name, spec)` of every required then optional input.
    pub(crate) fn inputs(&self) -> Vec<(&'a str, &'a str, &'a Json)> {
        let mut out = Vec::new();
        for cat in ["required", "optional"] {
            if let Some(o) = self
                .0
                .get("input")
                .and_then(|i| i.get(cat))
                .and_then(Json::as_obj)
            {
                for (k, v) in o.iter() {
                    out.push((cat, k, v));
                }
            }
        }
        out
    }
    /// Whether a hidden input of this type exists (e.g. `UNIQUE_ID`).
    pub(crate) fn has_hidden(&self, kind: &str) -> bool {
        self.0
            .get("input")
            .and_then(|i| i.get("hidden"))
            .and_then(Json::as_obj)
            .is_some_and(|h| {
                h.iter().any(|(_, v)| match v {
                    Json::Str(s) => s == kind,
                    Json::Arr(a) => a.first().and_then(Json::as_str) == Some(kind),
                    _ => false,
                })
            })
    }
    /// The output types (`RETURN_TYPES`).
    pub(crate) fn outputs(&self) -> &'a [Json] {
        self.0
            .get("output")
            .and_then(Json::as_arr)
            .map_or(&[], Vec::as_slice)
    }
    /// Whether the class is an output node.
    pub(crate) fn is_output(&self) -> bool {
        self.0.get("output_node") == Some(&Json::Bool(true))
    }
}

/// The loaded node catalog.
pub struct Catalog {
    root: Obj,
    index: HashMap<String, usize>,
}

impl Catalog {
    /// Loads a `/object_info` document.
    pub fn load(path: &Path) -> Result<Self, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Self::parse(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses a `/object_info` document.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let v = Json::parse(bytes).map_err(|e| e.to_string())?;
        let Json::Obj(root) = v else {
            return Err("a node catalog is a JSON object".into());
        };
        let index = root
            .0
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i))
            .collect();
        Ok(Catalog { root, index })
    }

    /// Number of node classes.
    pub fn len(&self) -> usize {
        self.root.len()
    }

    /// Whether the catalog has no classes.
    pub fn is_empty(&self) -> bool {
        self.root.is_empty()
    }

    /// The raw definition of a class.
    pub fn class(&self, name: &str) -> Option<&Json> {
        self.index.get(name).map(|&i| &self.root.0[i].1)
    }

    pub(crate) fn def(&self, name: &str) -> Option<NodeDef<'_>> {
        self.class(name).map(NodeDef)
    }

    /// Replaces every model-folder combo with the files of `models`.
    pub fn apply_models(&mut self, models: &ModelList) {
        for (class, input, folder, extra) in MODEL_COMBOS {
            let Some(&i) = self.index.get(*class) else {
                continue;
            };
            let mut options: Vec<Json> = models.files(folder).iter().map(Json::from).collect();
            options.extend(extra.iter().map(|e| Json::from(*e)));
            if let Some(spec) = input_spec_mut(&mut self.root.0[i].1, input) {
                set_combo_options(spec, options);
            }
        }
    }

    /// One class with the `LoadImage`-style file lists filled in.
    fn class_with_files(&self, name: &str, def: &Json, files: &InputFiles) -> Option<Json> {
        let options = match name {
            "LoadImage" => &files.images,
            "LoadImageMask" => &files.all,
            _ => return None,
        };
        let mut def = def.clone();
        if let Some(spec) = input_spec_mut(&mut def, "image") {
            set_combo_options(spec, options.iter().map(Json::from).collect());
        }
        Some(def)
    }

    /// The `GET /object_info` body.
    pub(crate) fn body(&self, files: &InputFiles) -> String {
        let mut out = String::with_capacity(620_000);
        out.push('{');
        for (i, (k, v)) in self.root.0.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            Json::Str(k.clone()).write(&mut out);
            out.push_str(": ");
            match self.class_with_files(k, v, files) {
                Some(patched) => patched.write(&mut out),
                None => v.write(&mut out),
            }
        }
        out.push('}');
        out
    }

    /// The `GET /object_info/{class}` body.
    pub(crate) fn class_body(&self, name: &str, files: &InputFiles) -> String {
        let Some(def) = self.class(name) else {
            return "{}".into();
        };
        let def = self
            .class_with_files(name, def, files)
            .unwrap_or_else(|| def.clone());
        let mut o = Obj::new();
        o.insert(name, def);
        Json::Obj(o).dumps()
    }
}

/// The input-folder listings that `LoadImage` and `LoadImageMask` offer.
#[derive(Debug, Default)]
pub(crate) struct InputFiles {
    pub(crate) images: Vec<String>,
    pub(crate) all: Vec<String>,
}

fn input_spec_mut<'a>(def: &'a mut Json, input: &str) -> Option<&'a mut Json> {
    let inputs = def.as_obj_mut()?.get_mut("input")?.as_obj_mut()?;
    for cat in ["required", "optional"] {
        let found = inputs.get(cat).and_then(|c| c.get(input)).is_some();
        if found {
            return inputs.get_mut(cat)?.as_obj_mut()?.get_mut(input);
        }
    }
    None
}

fn set_combo_options(spec: &mut Json, options: Vec<Json>) {
    let Json::Arr(parts) = spec else { return };
    match parts.first() {
        Some(Json::Arr(_)) => parts[0] = Json::Arr(options),
        Some(Json::Str(s)) if s == "COMBO" => {
            if let Some(Json::Obj(extra)) = parts.get_mut(1) {
                extra.insert("options", Json::Arr(options));
            }
        }
        _ => {}
    }
}
