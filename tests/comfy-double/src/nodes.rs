//! What each node class does when it runs. Model-free image nodes compute
//! real pixels; nodes that would need a model (loaders, text encoders,
//! samplers, VAE, upscale models) are simulated: their results are derived
//! deterministically from their inputs, so the same seed and prompt give the
//! same pixels.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::files::{COMFY_ROOT, Files};
use crate::imaging::{Images, Masks, PngLevel, encode_png, encode_webp, exif_ascii};
use crate::json::{Json, Obj};
use crate::obj;

/// A latent batch; the double keeps it in pixel space.
#[derive(Debug, Clone)]
pub(crate) struct Latent {
    pub(crate) samples: Images,
    pub(crate) noise_mask: Option<Masks>,
}

/// A value flowing along a link.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Json(Json),
    Image(Arc<Images>),
    Mask(Arc<Masks>),
    Latent(Arc<Latent>),
    /// A model-ish object (MODEL, CLIP, VAE, CONDITIONING, ...): its type,
    /// a signature of how it was made, and a name (model file).
    Opaque {
        sig: u64,
        name: String,
    },
}

/// How a node run ended badly.
pub(crate) enum NodeError {
    /// `InterruptProcessingException` (a progress hook saw the interrupt flag).
    Interrupted,
    /// A Python exception.
    Failed {
        kind: String,
        message: String,
        traceback: Vec<String>,
    },
}

impl NodeError {
    fn failed(kind: &str, message: impl Into<String>) -> NodeError {
        NodeError::Failed {
            kind: kind.into(),
            message: message.into(),
            traceback: generic_traceback(),
        }
    }
}

/// The traceback of an exception raised inside a node function.
pub(crate) fn generic_traceback() -> Vec<String> {
    vec![
        format!(
            "  File \"{COMFY_ROOT}/execution.py\", line 518, in execute\n    output_data, output_ui, has_subgraph, has_pending_tasks = await get_output_data(prompt_id, unique_id, obj, input_data_all, execution_block_cb=execution_block_cb, pre_execute_cb=pre_execute_cb, v3_data=v3_data)\n"
        ),
        format!(
            "  File \"{COMFY_ROOT}/execution.py\", line 329, in get_output_data\n    return_values = await _async_map_node_over_list(prompt_id, unique_id, obj, input_data_all, obj.FUNCTION, allow_interrupt=True, execution_block_cb=execution_block_cb, pre_execute_cb=pre_execute_cb, v3_data=v3_data)\n"
        ),
        format!(
            "  File \"{COMFY_ROOT}/execution.py\", line 303, in _async_map_node_over_list\n    await process_inputs(input_dict, i)\n"
        ),
        format!(
            "  File \"{COMFY_ROOT}/execution.py\", line 291, in process_inputs\n    result = f(**inputs)\n             ^^^^^^^^^^^\n"
        ),
    ]
}

fn pil_traceback() -> Vec<String> {
    let mut tb = generic_traceback();
    tb[0] = format!(
        "  File \"{COMFY_ROOT}/execution.py\", line 518, in execute\n    output_data, output_ui, has_subgraph, has_pending_tasks = await get_output_data(prompt_id, unique_id, obj, input_data_all, execution_block_cb=execution_block_cb, pre_execute_cb=pre_execute_cb, v3_data=v3_data)\n                                                              {}\n",
        "^".repeat(151)
    );
    tb[1] = format!(
        "  File \"{COMFY_ROOT}/execution.py\", line 329, in get_output_data\n    return_values = await _async_map_node_over_list(prompt_id, unique_id, obj, input_data_all, obj.FUNCTION, allow_interrupt=True, execution_block_cb=execution_block_cb, pre_execute_cb=pre_execute_cb, v3_data=v3_data)\n                    {}\n",
        "^".repeat(197)
    );
    tb.push(format!("  File \"{COMFY_ROOT}/nodes.py\", line 1664, in load_image\n    img = node_helpers.pillow(Image.open, image_path)\n          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"));
    tb.push(format!("  File \"{COMFY_ROOT}/node_helpers.py\", line 31, in pillow\n    x = fn(arg)\n        ^^^^^^^\n"));
    tb.push("  File \"/opt/venv/lib/python3.11/site-packages/PIL/Image.py\", line 3730, in open\n    raise UnidentifiedImageError(msg)\n".into());
    tb
}

/// Everything a node may use while it runs.
pub(crate) struct NodeCtx<'a> {
    pub(crate) node_id: &'a str,
    pub(crate) class_type: &'a str,
    /// The node's signature (a hash of it and everything upstream).
    pub(crate) sig: u64,
    /// The output types declared in the catalog.
    pub(crate) output_types: Vec<String>,
    pub(crate) is_output: bool,
    /// The prompt as the `PROMPT` hidden input sees it.
    pub(crate) prompt: &'a Obj,
    pub(crate) extra_pnginfo: Option<&'a Json>,
    pub(crate) files: &'a Files,
    pub(crate) step_delay: Duration,
    pub(crate) cpu_scale: f64,
    /// `ProgressBar.update_absolute(value, max, preview PNG)`.
    pub(crate) progress: &'a mut dyn FnMut(i64, i64, Option<Vec<u8>>) -> Result<(), NodeError>,
    /// `send_progress_text(text, node_id)`.
    pub(crate) text: &'a mut dyn FnMut(&str),
}

/// Outputs and UI of a finished node.
pub(crate) struct NodeOutput {
    pub(crate) outputs: Vec<Value>,
    pub(crate) ui: Option<Json>,
}

type Inputs = HashMap<String, Value>;

fn json_in<'a>(inputs: &'a Inputs, name: &str) -> Option<&'a Json> {
    match inputs.get(name) {
        Some(Value::Json(j)) => Some(j),
        _ => None,
    }
}
fn int_in(inputs: &Inputs, name: &str, default: i128) -> i128 {
    json_in(inputs, name)
        .and_then(|j| j.as_int().or_else(|| j.as_f64().map(|f| f as i128)))
        .unwrap_or(default)
}
fn float_in(inputs: &Inputs, name: &str, default: f64) -> f64 {
    json_in(inputs, name)
        .and_then(Json::as_f64)
        .unwrap_or(default)
}
fn str_in(inputs: &Inputs, name: &str, default: &str) -> String {
    json_in(inputs, name)
        .and_then(Json::as_str)
        .unwrap_or(default)
        .to_string()
}
fn bool_in(inputs: &Inputs, name: &str, default: bool) -> bool {
    json_in(inputs, name).map_or(default, Json::truthy)
}
fn image_in(inputs: &Inputs, name: &str) -> Result<Arc<Images>, NodeError> {
    match inputs.get(name) {
        Some(Value::Image(i)) => Ok(i.clone()),
        Some(Value::Latent(l)) => Ok(Arc::new(l.samples.clone())),
        _ => Err(NodeError::failed(
            "TypeError",
            format!("missing image input '{name}'"),
        )),
    }
}
fn mask_in(inputs: &Inputs, name: &str) -> Option<Arc<Masks>> {
    match inputs.get(name) {
        Some(Value::Mask(m)) => Some(m.clone()),
        _ => None,
    }
}
fn latent_in(inputs: &Inputs, name: &str) -> Result<Arc<Latent>, NodeError> {
    match inputs.get(name) {
        Some(Value::Latent(l)) => Ok(l.clone()),
        _ => Err(NodeError::failed(
            "TypeError",
            format!("missing latent input '{name}'"),
        )),
    }
}
fn sig_of(v: Option<&Value>) -> u64 {
    let mut h = DefaultHasher::new();
    match v {
        Some(Value::Opaque { sig, .. }) => sig.hash(&mut h),
        Some(Value::Json(j)) => j.dumps().hash(&mut h),
        Some(Value::Image(i)) => (i.b, i.h, i.w).hash(&mut h),
        _ => 0u8.hash(&mut h),
    }
    h.finish()
}
fn usize_of(v: i128) -> usize {
    v.clamp(0, i128::from(u32::MAX)) as usize
}

/// Runs one node.
pub(crate) fn run(ctx: &mut NodeCtx<'_>, inputs: &Inputs) -> Result<NodeOutput, NodeError> {
    let out = |v: Vec<Value>| {
        Ok(NodeOutput {
            outputs: v,
            ui: None,
        })
    };
    let img = |i: Images| Value::Image(Arc::new(i));
    let mask = |m: Masks| Value::Mask(Arc::new(m));
    match ctx.class_type {
        "EmptyImage" => out(vec![img(Images::solid(
            usize_of(int_in(inputs, "width", 512)),
            usize_of(int_in(inputs, "height", 512)),
            usize_of(int_in(inputs, "batch_size", 1)),
            int_in(inputs, "color", 0),
        ))]),
        "LoadImage" => {
            let name = str_in(inputs, "image", "");
            let (images, masks) = load_image(ctx.files, &name)?;
            out(vec![img(images), mask(masks)])
        }
        "LoadImageMask" => {
            let name = str_in(inputs, "image", "");
            out(vec![mask(load_image_mask(
                ctx.files,
                &name,
                &str_in(inputs, "channel", "alpha"),
            )?)])
        }
        "ImageInvert" => out(vec![img(image_in(inputs, "image")?.invert())]),
        "ImageScale" => {
            let i = image_in(inputs, "image")?;
            let (mut w, mut h) = (
                usize_of(int_in(inputs, "width", 512)),
                usize_of(int_in(inputs, "height", 512)),
            );
            if w == 0 && h == 0 {
                return out(vec![Value::Image(i)]);
            }
            if w == 0 {
                w = ((i.w as f64 * h as f64 / i.h as f64).round() as usize).max(1);
            } else if h == 0 {
                h = ((i.h as f64 * w as f64 / i.w as f64).round() as usize).max(1);
            }
            let crop = str_in(inputs, "crop", "disabled") == "center";
            out(vec![img(i.resize(
                &str_in(inputs, "upscale_method", "nearest-exact"),
                w,
                h,
                crop,
            ))])
        }
        "ImageScaleBy" => {
            let i = image_in(inputs, "image")?;
            let s = float_in(inputs, "scale_by", 1.0);
            let w = ((i.w as f64 * s).round() as usize).max(1);
            let h = ((i.h as f64 * s).round() as usize).max(1);
            out(vec![img(i.resize(
                &str_in(inputs, "upscale_method", "nearest-exact"),
                w,
                h,
                false,
            ))])
        }
        "ImageBlur" => {
            let i = image_in(inputs, "image")?;
            let r = usize_of(int_in(inputs, "blur_radius", 1));
            let started = Instant::now();
            let blurred = i.blur(r, float_in(inputs, "sigma", 1.0));
            // ComfyUI convolves with the full 2-D kernel on the CPU: about
            // 9e9 multiply-adds a second on the recording machine.
            let macs = (i.b * i.h * i.w * 3) as f64 * ((2 * r + 1) * (2 * r + 1)) as f64;
            let modeled = Duration::from_secs_f64(macs / 9e9 * ctx.cpu_scale);
            if let Some(rest) = modeled.checked_sub(started.elapsed()) {
                std::thread::sleep(rest);
            }
            out(vec![img(blurred)])
        }
        "ImageCompositeMasked" => {
            let dest = image_in(inputs, "destination")?;
            let src = image_in(inputs, "source")?;
            let m = mask_in(inputs, "mask");
            out(vec![img(dest.composite(
                &src,
                int_in(inputs, "x", 0) as i64,
                int_in(inputs, "y", 0) as i64,
                m.as_deref(),
                bool_in(inputs, "resize_source", false),
            ))])
        }
        "SolidMask" => out(vec![mask(Masks::solid(
            float_in(inputs, "value", 1.0) as f32,
            usize_of(int_in(inputs, "width", 512)),
            usize_of(int_in(inputs, "height", 512)),
        ))]),
        "MaskToImage" => match mask_in(inputs, "mask") {
            Some(m) => out(vec![img(m.to_image())]),
            None => Err(NodeError::failed("TypeError", "missing mask")),
        },
        "ImageToMask" => {
            let c = match str_in(inputs, "channel", "red").as_str() {
                "green" => 1,
                "blue" => 2,
                "alpha" => 3,
                _ => 0,
            };
            out(vec![mask(image_in(inputs, "image")?.channel(c))])
        }
        "GrowMask" => match mask_in(inputs, "mask") {
            Some(m) => out(vec![mask(m.grow(
                int_in(inputs, "expand", 0) as i64,
                bool_in(inputs, "tapered_corners", true),
            ))]),
            None => Err(NodeError::failed("TypeError", "missing mask")),
        },
        "GetImageSize" => {
            let i = image_in(inputs, "image")?;
            (ctx.text)(&format!(
                "width: {}, height: {}\n batch size: {}",
                i.w, i.h, i.b
            ));
            out(vec![
                Value::Json(Json::from(i.w)),
                Value::Json(Json::from(i.h)),
                Value::Json(Json::from(i.b)),
            ])
        }
        "SaveImage" => save_images(
            ctx,
            &*image_in(inputs, "images")?,
            &str_in(inputs, "filename_prefix", "ComfyUI"),
            false,
        ),
        "PreviewImage" => save_images(ctx, &*image_in(inputs, "images")?, "", true),
        "SaveImageWebsocket" => {
            let images = image_in(inputs, "images")?;
            for i in 0..images.b {
                let png = encode_png(
                    &images.to_rgb8(i),
                    images.w,
                    images.h,
                    3,
                    &[],
                    PngLevel::Fast,
                );
                (ctx.progress)(i as i64, images.b as i64, Some(png))?;
            }
            Ok(NodeOutput {
                outputs: vec![],
                ui: None,
            })
        }
        "SaveAnimatedWEBP" => save_webp(ctx, inputs),
        // ---- simulated model nodes
        "EmptyLatentImage" | "EmptySD3LatentImage" | "EmptyHunyuanLatentVideo" => {
            let w = usize_of(int_in(inputs, "width", 512));
            let h = usize_of(int_in(inputs, "height", 512));
            let b = usize_of(int_in(inputs, "batch_size", 1));
            out(vec![Value::Latent(Arc::new(Latent {
                samples: Images::solid(w, h, b, 0),
                noise_mask: None,
            }))])
        }
        "VAEEncode" | "VAEEncodeForInpaint" => {
            let pixels = image_in(inputs, "pixels")?;
            let (w, h) = ((pixels.w / 8 * 8).max(8), (pixels.h / 8 * 8).max(8));
            let samples = if (w, h) == (pixels.w, pixels.h) {
                (*pixels).clone()
            } else {
                pixels.resize("nearest-exact", w, h, false)
            };
            let noise_mask = mask_in(inputs, "mask").map(|m| {
                let g = usize_of(int_in(inputs, "grow_mask_by", 0)) as i64;
                m.grow(g, true)
            });
            out(vec![Value::Latent(Arc::new(Latent {
                samples,
                noise_mask,
            }))])
        }
        "SetLatentNoiseMask" => {
            let l = latent_in(inputs, "samples")?;
            let m = mask_in(inputs, "mask").map(|m| (*m).clone());
            out(vec![Value::Latent(Arc::new(Latent {
                samples: l.samples.clone(),
                noise_mask: m,
            }))])
        }
        "VAEDecode" | "VAEDecodeTiled" => {
            out(vec![img(latent_in(inputs, "samples")?.samples.clone())])
        }
        "LatentUpscale" | "LatentUpscaleBy" => {
            let l = latent_in(inputs, "samples")?;
            let (w, h) = if ctx.class_type == "LatentUpscaleBy" {
                let s = float_in(inputs, "scale_by", 1.5);
                (
                    ((l.samples.w as f64 * s).round() as usize).max(8),
                    ((l.samples.h as f64 * s).round() as usize).max(8),
                )
            } else {
                (
                    usize_of(int_in(inputs, "width", 512)).max(8),
                    usize_of(int_in(inputs, "height", 512)).max(8),
                )
            };
            let samples = l.samples.resize("bilinear", w, h, false);
            out(vec![Value::Latent(Arc::new(Latent {
                samples,
                noise_mask: None,
            }))])
        }
        "KSampler" | "KSamplerAdvanced" => ksampler(ctx, inputs),
        "InpaintModelConditioning" => {
            let pixels = image_in(inputs, "pixels")?;
            let m = mask_in(inputs, "mask");
            let noise_mask = if bool_in(inputs, "noise_mask", true) {
                m.map(|m| (*m).clone())
            } else {
                None
            };
            let pos = Value::Opaque {
                sig: ctx.sig ^ 1,
                name: String::new(),
            };
            let neg = Value::Opaque {
                sig: ctx.sig ^ 2,
                name: String::new(),
            };
            out(vec![
                pos,
                neg,
                Value::Latent(Arc::new(Latent {
                    samples: (*pixels).clone(),
                    noise_mask,
                })),
            ])
        }
        "ImageUpscaleWithModel" => {
            let i = image_in(inputs, "image")?;
            let name = match inputs.get("upscale_model") {
                Some(Value::Opaque { name, .. }) => name.clone(),
                _ => String::new(),
            };
            let scale = model_scale(&name);
            let (tile, overlap) = (512usize, 32usize);
            let steps = i.b * i.h.div_ceil(tile - overlap) * i.w.div_ceil(tile - overlap);
            for s in 1..=steps {
                (ctx.progress)(s as i64, steps as i64, None)?;
            }
            out(vec![img(i.resize(
                "bicubic",
                i.w * scale,
                i.h * scale,
                false,
            ))])
        }
        _ => generic(ctx, inputs),
    }
}

/// Any other node: model-like outputs become opaque values named after the
/// model file they were loaded from; nodes that would have to produce pixels
/// are not simulated.
fn generic(ctx: &mut NodeCtx<'_>, inputs: &Inputs) -> Result<NodeOutput, NodeError> {
    let unsupported = ctx.is_output
        || ctx
            .output_types
            .iter()
            .any(|t| matches!(t.as_str(), "IMAGE" | "MASK" | "LATENT"));
    if unsupported {
        return Err(NodeError::failed(
            "NotImplementedError",
            format!(
                "{} is not simulated by the ComfyUI test double",
                ctx.class_type
            ),
        ));
    }
    let name = [
        "ckpt_name",
        "unet_name",
        "vae_name",
        "lora_name",
        "model_name",
        "clip_name",
        "clip_name1",
        "control_net_name",
    ]
    .iter()
    .find_map(|k| json_in(inputs, k).and_then(Json::as_str))
    .unwrap_or("")
    .to_string();
    let outputs = ctx
        .output_types
        .iter()
        .enumerate()
        .map(|(i, t)| match t.as_str() {
            "INT" => Value::Json(Json::Int(i128::from((ctx.sig >> 8) as u32))),
            "FLOAT" => Value::Json(Json::Float(0.0)),
            "STRING" => Value::Json(Json::from("")),
            _ => Value::Opaque {
                sig: ctx.sig.wrapping_add(i as u64),
                name: name.clone(),
            },
        })
        .collect();
    Ok(NodeOutput { outputs, ui: None })
}

fn model_scale(name: &str) -> usize {
    let lower = name.to_ascii_lowercase();
    for s in [8usize, 4, 2, 1] {
        if lower.contains(&format!("{s}x")) || lower.contains(&format!("x{s}")) {
            return s;
        }
    }
    4
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A deterministic picture for a seed: a four-color gradient with ripples.
pub(crate) fn procedural(w: usize, h: usize, b: usize, seed: u64) -> Images {
    let mut data = Vec::with_capacity(b * w * h * 3);
    for bi in 0..b {
        let mut st = seed ^ (bi as u64).wrapping_mul(0xA24B_AED4_963E_E407);
        let mut rnd = || (splitmix(&mut st) >> 11) as f32 / (1u64 << 53) as f32;
        let corners: Vec<[f32; 3]> = (0..4).map(|_| [rnd(), rnd(), rnd()]).collect();
        let (fx, fy, ph, amp) = (
            1.0 + 6.0 * rnd(),
            1.0 + 6.0 * rnd(),
            std::f32::consts::TAU * rnd(),
            0.05 + 0.15 * rnd(),
        );
        for y in 0..h {
            let v = y as f32 / h.max(2) as f32;
            let ry = (fy * v * std::f32::consts::TAU + ph).sin();
            for x in 0..w {
                let u = x as f32 / w.max(2) as f32;
                let ripple = amp * ((fx * u * std::f32::consts::TAU).sin() * ry);
                for ((c0, c1), (c2, c3)) in corners[0]
                    .iter()
                    .zip(&corners[1])
                    .zip(corners[2].iter().zip(&corners[3]))
                {
                    let top = c0 * (1.0 - u) + c1 * u;
                    let bottom = c2 * (1.0 - u) + c3 * u;
                    data.push((top * (1.0 - v) + bottom * v + ripple).clamp(0.0, 1.0));
                }
            }
        }
    }
    Images { b, h, w, data }
}

fn ksampler(ctx: &mut NodeCtx<'_>, inputs: &Inputs) -> Result<NodeOutput, NodeError> {
    let latent = latent_in(inputs, "latent_image")?;
    let steps = int_in(inputs, "steps", 20).max(1) as i64;
    let (denoise, runs) = if ctx.class_type == "KSamplerAdvanced" {
        let start = int_in(inputs, "start_at_step", 0).max(0) as i64;
        let end = (int_in(inputs, "end_at_step", 10000) as i64).min(steps);
        let runs = (end - start).max(0);
        (runs as f32 / steps as f32, runs)
    } else {
        (float_in(inputs, "denoise", 1.0) as f32, steps)
    };
    // The picture depends on what a real sampler's would: seed, model,
    // conditioning and sampler settings (the node signature covers them).
    let mut h = DefaultHasher::new();
    for k in [
        "seed",
        "noise_seed",
        "cfg",
        "sampler_name",
        "scheduler",
        "steps",
    ] {
        json_in(inputs, k).map(Json::dumps).hash(&mut h);
    }
    for k in ["model", "positive", "negative"] {
        sig_of(inputs.get(k)).hash(&mut h);
    }
    let seed = h.finish();
    for s in 1..=runs {
        if !ctx.step_delay.is_zero() {
            std::thread::sleep(ctx.step_delay);
        }
        (ctx.progress)(s, runs, None)?;
    }
    let s = &latent.samples;
    let fresh = procedural(s.w, s.h, s.b, seed);
    let samples = s.blend(&fresh, denoise.clamp(0.0, 1.0), latent.noise_mask.as_ref());
    Ok(NodeOutput {
        outputs: vec![Value::Latent(Arc::new(Latent {
            samples,
            noise_mask: None,
        }))],
        ui: None,
    })
}

fn load_image(files: &Files, name: &str) -> Result<(Images, Masks), NodeError> {
    let (bare, _) = crate::files::annotated(name);
    let path = files.annotated_path(name);
    let bytes = path.as_ref().and_then(|p| std::fs::read(p).ok());
    let decoded = bytes.as_deref().map(crate::imaging::decode);
    let Some(Ok(d)) = decoded else {
        return Err(NodeError::Failed {
            kind: "PIL.UnidentifiedImageError".into(),
            message: format!("cannot identify image file '{COMFY_ROOT}/input/{bare}'"),
            traceback: pil_traceback(),
        });
    };
    let data = d.rgb.iter().map(|&v| f32::from(v) / 255.0).collect();
    let images = Images {
        b: 1,
        h: d.h,
        w: d.w,
        data,
    };
    let masks = match d.alpha {
        Some(a) => Masks {
            b: 1,
            h: d.h,
            w: d.w,
            data: a.iter().map(|&v| 1.0 - f32::from(v) / 255.0).collect(),
        },
        None => Masks {
            b: 1,
            h: 64,
            w: 64,
            data: vec![0.0; 64 * 64],
        },
    };
    Ok((images, masks))
}

fn load_image_mask(files: &Files, name: &str, channel: &str) -> Result<Masks, NodeError> {
    let (images, inverted_alpha) = load_image(files, name)?;
    let c = channel.chars().next().unwrap_or('a').to_ascii_uppercase();
    Ok(match c {
        'R' | 'G' | 'B' => images.channel("RGB".find(c).unwrap_or(0)),
        _ if inverted_alpha.w == images.w && inverted_alpha.h == images.h => inverted_alpha,
        // No alpha channel: PIL's RGBA conversion gives alpha 255, so 1 - 1.
        _ => Masks {
            b: 1,
            h: images.h,
            w: images.w,
            data: vec![0.0; images.h * images.w],
        },
    })
}

fn metadata_texts(ctx: &NodeCtx<'_>) -> Vec<(String, String)> {
    let mut texts = vec![("prompt".to_string(), Json::Obj(ctx.prompt.clone()).dumps())];
    if let Some(Json::Obj(extra)) = ctx.extra_pnginfo {
        for (k, v) in extra.iter() {
            texts.push((k.to_string(), v.dumps()));
        }
    }
    texts
}

const TEMP_ALPHABET: &[u8] = b"abcdefghijklmnopqrstupvxyz";

fn save_images(
    ctx: &mut NodeCtx<'_>,
    images: &Images,
    prefix: &str,
    preview: bool,
) -> Result<NodeOutput, NodeError> {
    let (base, kind, level, prefix) = if preview {
        let mut st = ctx.sig ^ uuid::Uuid::new_v4().as_u128() as u64;
        let suffix: String = (0..5)
            .map(|_| TEMP_ALPHABET[(splitmix(&mut st) % 26) as usize] as char)
            .collect();
        (
            &ctx.files.temp,
            "temp",
            PngLevel::Fast,
            format!("ComfyUI_temp_{suffix}"),
        )
    } else {
        (
            &ctx.files.output,
            "output",
            PngLevel::Default,
            prefix.to_string(),
        )
    };
    let (folder, filename, counter, subfolder) = ctx
        .files
        .save_path(base, &prefix, images.w, images.h, images.b)
        .map_err(|e| NodeError::failed("Exception", e))?;
    let texts = metadata_texts(ctx);
    let mut results = Vec::new();
    for i in 0..images.b {
        let name = format!(
            "{}_{:05}_.png",
            filename.replace("%batch_num%", &i.to_string()),
            counter + i as u64
        );
        let png = encode_png(&images.to_rgb8(i), images.w, images.h, 3, &texts, level);
        std::fs::write(folder.join(&name), png)
            .map_err(|e| NodeError::failed("OSError", e.to_string()))?;
        results.push(obj! {"filename" => name, "subfolder" => subfolder.as_str(), "type" => kind});
    }
    Ok(NodeOutput {
        outputs: vec![],
        ui: Some(obj! {"images" => Json::Arr(results)}),
    })
}

fn save_webp(ctx: &mut NodeCtx<'_>, inputs: &Inputs) -> Result<NodeOutput, NodeError> {
    let images = image_in(inputs, "images")?;
    let fps = float_in(inputs, "fps", 6.0).max(0.01);
    let prefix = str_in(inputs, "filename_prefix", "ComfyUI");
    let (folder, filename, counter, subfolder) = ctx
        .files
        .save_path(&ctx.files.output, &prefix, images.w, images.h, 1)
        .map_err(|e| NodeError::failed("Exception", e))?;
    let mut tags = vec![(
        0x0110u16,
        format!("prompt:{}", Json::Obj(ctx.prompt.clone()).dumps()),
    )];
    if let Some(Json::Obj(extra)) = ctx.extra_pnginfo {
        for (i, (k, v)) in extra.iter().enumerate() {
            tags.push((0x010f - i as u16, format!("{k}:{}", v.dumps())));
        }
    }
    tags.sort_by_key(|t| t.0);
    let frames: Vec<Vec<u8>> = (0..images.b).map(|i| images.to_rgb8(i)).collect();
    let webp = encode_webp(
        &frames,
        images.w,
        images.h,
        3,
        (1000.0 / fps) as usize,
        Some(&exif_ascii(&tags)),
    );
    let name = format!("{filename}_{counter:05}_.webp");
    std::fs::write(folder.join(&name), webp)
        .map_err(|e| NodeError::failed("OSError", e.to_string()))?;
    let ui = obj! {
        "images" => Json::Arr(vec![obj!{"filename" => name, "subfolder" => subfolder, "type" => "output"}]),
        "animated" => Json::Arr(vec![Json::Bool(images.b > 1)]),
    };
    Ok(NodeOutput {
        outputs: vec![],
        ui: Some(ui),
    })
}
