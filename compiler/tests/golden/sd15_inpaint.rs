// Generated from specs/sd15/inpaint.yaml by `wfc::emit::endpoint_tokens`; see tests/golden.rs.
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/object_info.json")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/sd15/inpaint.yaml")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/sd15/inpaint.json")
);
///Input of `POST /workflows/sd15/inpaint`: Inpaint a masked region (Stable Diffusion 1.5).
#[derive(
    Clone,
    Debug,
    PartialEq,
    ::wfc_runtime::serde::Serialize,
    ::wfc_runtime::serde::Deserialize
)]
#[serde(crate = "::wfc_runtime::serde", deny_unknown_fields)]
pub struct Sd15InpaintInput {
    ///The image to edit. An image: an http(s) URL, base64, or a data URI.
    pub image: ::std::string::String,
    ///The region to repaint, as an image of the same size. Which channel is read is set by `mask_channel`: with `red` (the default), white means repaint and black means keep. An image: an http(s) URL, base64, or a data URI.
    pub mask: ::std::string::String,
    ///Channel of the mask image to use. `alpha` reads transparency (transparent = repaint), as painted in ComfyUI's mask editor.
    #[serde(default = "Sd15InpaintInput::default_mask_channel")]
    pub mask_channel: ::std::string::String,
    ///Pixels to grow the mask by, so the repainted area blends into its surroundings.
    #[serde(default = "Sd15InpaintInput::default_grow_mask_by")]
    pub grow_mask_by: u64,
    ///What to paint inside the mask.
    pub prompt: ::std::string::String,
    ///What to keep out of the repainted region.
    #[serde(default = "Sd15InpaintInput::default_negative_prompt")]
    pub negative_prompt: ::std::string::String,
    ///How strongly to repaint the masked region; 1.0 ignores what is there.
    #[serde(default = "Sd15InpaintInput::default_denoise")]
    pub denoise: f64,
    ///Noise seed. Omit it for a random one.
    #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
    pub seed: ::std::option::Option<u64>,
    ///Number of sampling steps.
    #[serde(default = "Sd15InpaintInput::default_steps")]
    pub steps: u64,
    ///Classifier-free guidance scale.
    #[serde(default = "Sd15InpaintInput::default_cfg")]
    pub cfg: f64,
    ///Sampling algorithm.
    #[serde(default = "Sd15InpaintInput::default_sampler_name")]
    pub sampler_name: ::std::string::String,
    ///Noise schedule.
    #[serde(default = "Sd15InpaintInput::default_scheduler")]
    pub scheduler: ::std::string::String,
    ///SD 1.5 checkpoint (ordinary or inpainting) in ComfyUI's `models/checkpoints` folder.
    #[serde(default = "Sd15InpaintInput::default_checkpoint")]
    pub checkpoint: ::std::string::String,
}
impl Sd15InpaintInput {
    fn default_mask_channel() -> ::std::string::String {
        ::std::string::String::from("red")
    }
    fn default_grow_mask_by() -> u64 {
        6u64
    }
    fn default_negative_prompt() -> ::std::string::String {
        ::std::string::String::from(
            "text, watermark, signature, blurry, lowres, jpeg artifacts, deformed",
        )
    }
    fn default_denoise() -> f64 {
        1f64
    }
    fn default_steps() -> u64 {
        25u64
    }
    fn default_cfg() -> f64 {
        7f64
    }
    fn default_sampler_name() -> ::std::string::String {
        ::std::string::String::from("euler")
    }
    fn default_scheduler() -> ::std::string::String {
        ::std::string::String::from("normal")
    }
    fn default_checkpoint() -> ::std::string::String {
        ::std::string::String::from("v1-5-pruned-emaonly.safetensors")
    }
}
impl ::wfc_runtime::schemars::JsonSchema for Sd15InpaintInput {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed("Sd15InpaintInput")
    }
    fn json_schema(
        _: &mut ::wfc_runtime::schemars::SchemaGenerator,
    ) -> ::wfc_runtime::schemars::Schema {
        ::wfc_runtime::serde_json::from_str(
                <Sd15Inpaint as ::wfc_runtime::Workflow>::META.input_schema,
            )
            .expect("the schema wfc emitted is JSON")
    }
}
impl ::wfc_runtime::Workflow for Sd15Inpaint {
    type Input = Sd15InpaintInput;
    const META: ::wfc_runtime::EndpointMeta = ::wfc_runtime::EndpointMeta {
        name: "sd15_inpaint",
        type_name: "Sd15Inpaint",
        method: "POST",
        path: "/workflows/sd15/inpaint",
        summary: ::std::option::Option::Some(
            "Inpaint a masked region (Stable Diffusion 1.5)",
        ),
        description: ::std::option::Option::Some(
            "Repaints the masked part of an image from a text prompt and leaves the rest untouched. Works with ordinary SD 1.5 checkpoints (InpaintModelConditioning with a noise mask) as well as dedicated inpainting checkpoints. The mask is stretched to the image's size, so send one of the same size.",
        ),
        tags: &["sd15", "inpaint"],
        outputs: &[
            ::wfc_runtime::OutputMeta {
                name: "images",
                description: ::std::option::Option::Some(
                    "The image with the masked region repainted (PNG).",
                ),
                kind: "image",
                nodes: &[
                    ::wfc_runtime::NodeRef {
                        id: "9",
                        class_type: "SaveImage",
                    },
                ],
            },
        ],
        bindings: &[
            ::wfc_runtime::FieldBinding {
                field: "image",
                node: "10",
                input: "image",
            },
            ::wfc_runtime::FieldBinding {
                field: "mask",
                node: "11",
                input: "image",
            },
            ::wfc_runtime::FieldBinding {
                field: "mask_channel",
                node: "11",
                input: "channel",
            },
            ::wfc_runtime::FieldBinding {
                field: "grow_mask_by",
                node: "12",
                input: "expand",
            },
            ::wfc_runtime::FieldBinding {
                field: "prompt",
                node: "6",
                input: "text",
            },
            ::wfc_runtime::FieldBinding {
                field: "negative_prompt",
                node: "7",
                input: "text",
            },
            ::wfc_runtime::FieldBinding {
                field: "denoise",
                node: "3",
                input: "denoise",
            },
            ::wfc_runtime::FieldBinding {
                field: "seed",
                node: "3",
                input: "seed",
            },
            ::wfc_runtime::FieldBinding {
                field: "steps",
                node: "3",
                input: "steps",
            },
            ::wfc_runtime::FieldBinding {
                field: "cfg",
                node: "3",
                input: "cfg",
            },
            ::wfc_runtime::FieldBinding {
                field: "sampler_name",
                node: "3",
                input: "sampler_name",
            },
            ::wfc_runtime::FieldBinding {
                field: "scheduler",
                node: "3",
                input: "scheduler",
            },
            ::wfc_runtime::FieldBinding {
                field: "checkpoint",
                node: "4",
                input: "ckpt_name",
            },
        ],
        input_schema: "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"additionalProperties\":false,\"description\":\"Input of /workflows/sd15/inpaint (Inpaint a masked region (Stable Diffusion 1.5)).\",\"properties\":{\"cfg\":{\"default\":7.0,\"description\":\"Classifier-free guidance scale.\",\"maximum\":20.0,\"minimum\":1.0,\"type\":\"number\"},\"checkpoint\":{\"default\":\"v1-5-pruned-emaonly.safetensors\",\"description\":\"SD 1.5 checkpoint (ordinary or inpainting) in ComfyUI's `models/checkpoints` folder.\",\"type\":\"string\"},\"denoise\":{\"default\":1.0,\"description\":\"How strongly to repaint the masked region; 1.0 ignores what is there.\",\"maximum\":1.0,\"minimum\":0.3,\"type\":\"number\"},\"grow_mask_by\":{\"default\":6,\"description\":\"Pixels to grow the mask by, so the repainted area blends into its surroundings.\",\"maximum\":64,\"minimum\":0,\"type\":\"integer\"},\"image\":{\"description\":\"The image to edit. An image: an http(s) URL, base64, or a data URI.\",\"minLength\":1,\"type\":\"string\",\"x-wfc-type\":\"image\"},\"mask\":{\"description\":\"The region to repaint, as an image of the same size. Which channel is read is set by `mask_channel`: with `red` (the default), white means repaint and black means keep. An image: an http(s) URL, base64, or a data URI.\",\"minLength\":1,\"type\":\"string\",\"x-wfc-type\":\"image\"},\"mask_channel\":{\"default\":\"red\",\"description\":\"Channel of the mask image to use. `alpha` reads transparency (transparent = repaint), as painted in ComfyUI's mask editor.\",\"enum\":[\"red\",\"green\",\"blue\",\"alpha\"],\"type\":\"string\"},\"negative_prompt\":{\"default\":\"text, watermark, signature, blurry, lowres, jpeg artifacts, deformed\",\"description\":\"What to keep out of the repainted region.\",\"maxLength\":2000,\"type\":\"string\"},\"prompt\":{\"description\":\"What to paint inside the mask.\",\"examples\":[\"a vase of sunflowers on the table\"],\"maxLength\":2000,\"minLength\":1,\"type\":\"string\"},\"sampler_name\":{\"default\":\"euler\",\"description\":\"Sampling algorithm.\",\"enum\":[\"euler\",\"euler_ancestral\",\"dpmpp_2m\",\"dpmpp_2m_sde\",\"dpmpp_sde\",\"ddim\",\"uni_pc\"],\"type\":\"string\"},\"scheduler\":{\"default\":\"normal\",\"description\":\"Noise schedule.\",\"enum\":[\"normal\",\"karras\",\"exponential\",\"simple\"],\"type\":\"string\"},\"seed\":{\"description\":\"Noise seed. Omit it for a random one. A random value when omitted.\",\"maximum\":18446744073709551615,\"minimum\":0,\"type\":\"integer\"},\"steps\":{\"default\":25,\"description\":\"Number of sampling steps.\",\"maximum\":100,\"minimum\":1,\"type\":\"integer\"}},\"required\":[\"image\",\"mask\",\"prompt\"],\"title\":\"Sd15InpaintInput\",\"type\":\"object\"}",
        operation: "{\"description\":\"Repaints the masked part of an image from a text prompt and leaves the rest untouched. Works with ordinary SD 1.5 checkpoints (InpaintModelConditioning with a noise mask) as well as dedicated inpainting checkpoints. The mask is stretched to the image's size, so send one of the same size.\",\"operationId\":\"sd15_inpaint\",\"parameters\":[{\"description\":\"Validate the request and return the ComfyUI graph it would run, without running it.\",\"in\":\"query\",\"name\":\"dry_run\",\"required\":false,\"schema\":{\"default\":false,\"type\":\"boolean\"}}],\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Sd15InpaintRequest\"}}},\"required\":true},\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"oneOf\":[{\"$ref\":\"#/components/schemas/Sd15InpaintResponse\"},{\"$ref\":\"#/components/schemas/DryRun\"}]}},\"application/octet-stream\":{},\"image/jpeg\":{},\"image/png\":{},\"image/webp\":{}},\"description\":\"The outputs, as JSON (or, with `dry_run=true`, the graph the request would run); with `Accept: image/*` or `application/octet-stream` and a single output file, that file's bytes.\"},\"400\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is not JSON.\"},\"404\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"No such endpoint.\"},\"406\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"Raw bytes were asked for, but the run produced several files.\"},\"413\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is over MAX_BODY_SIZE_MB.\"},\"422\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The request breaks the endpoint's schema; `errors` lists every violation with its JSON pointer.\"},\"500\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"A node failed while running (`node_id`, `node_type`, `exception_type`, `exception_message`), or the run was interrupted.\"},\"501\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"`webhook` was given; webhook delivery is not implemented.\"},\"502\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI rejected the workflow for a reason no request field explains (`node_errors`), or answered something unexpected.\"},\"503\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI is not reachable.\"},\"504\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"REQUEST_TIMEOUT_S passed; the prompt was removed from ComfyUI's queue or interrupted.\"}},\"summary\":\"Inpaint a masked region (Stable Diffusion 1.5)\",\"tags\":[\"sd15\",\"inpaint\"],\"x-wfc-outputs\":[{\"description\":\"The image with the masked region repainted (PNG).\",\"name\":\"images\",\"nodes\":[{\"class_type\":\"SaveImage\",\"id\":\"9\",\"kind\":\"image\"}]}]}",
    };
    fn parse(
        input: &::wfc_runtime::serde_json::Value,
    ) -> ::std::result::Result<Self::Input, ::std::vec::Vec<::wfc_runtime::Violation>> {
        static FIELDS: &[::wfc_runtime::FieldRule] = &[
            ::wfc_runtime::FieldRule {
                name: "image",
                ty: ::wfc_runtime::Ty::Image,
                required: true,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "mask",
                ty: ::wfc_runtime::Ty::Image,
                required: true,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "mask_channel",
                ty: ::wfc_runtime::Ty::String,
                required: false,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::Some(
                    &["\"red\"", "\"green\"", "\"blue\"", "\"alpha\""],
                ),
            },
            ::wfc_runtime::FieldRule {
                name: "grow_mask_by",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(0i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(64i128),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "prompt",
                ty: ::wfc_runtime::Ty::String,
                required: true,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::Some(1u64),
                max_length: ::std::option::Option::Some(2000u64),
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "negative_prompt",
                ty: ::wfc_runtime::Ty::String,
                required: false,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::Some(2000u64),
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "denoise",
                ty: ::wfc_runtime::Ty::Number,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Float(0.3f64),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Float(1f64),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "seed",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(0i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(18446744073709551615i128),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "steps",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(1i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(100i128),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "cfg",
                ty: ::wfc_runtime::Ty::Number,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Float(1f64),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Float(20f64),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "sampler_name",
                ty: ::wfc_runtime::Ty::String,
                required: false,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::Some(
                    &[
                        "\"euler\"",
                        "\"euler_ancestral\"",
                        "\"dpmpp_2m\"",
                        "\"dpmpp_2m_sde\"",
                        "\"dpmpp_sde\"",
                        "\"ddim\"",
                        "\"uni_pc\"",
                    ],
                ),
            },
            ::wfc_runtime::FieldRule {
                name: "scheduler",
                ty: ::wfc_runtime::Ty::String,
                required: false,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::Some(
                    &["\"normal\"", "\"karras\"", "\"exponential\"", "\"simple\""],
                ),
            },
            ::wfc_runtime::FieldRule {
                name: "checkpoint",
                ty: ::wfc_runtime::Ty::String,
                required: false,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
        ];
        static RULES: ::std::sync::LazyLock<::wfc_runtime::Rules> = ::std::sync::LazyLock::new(||
        ::wfc_runtime::Rules::new(FIELDS));
        let value = RULES.check(input, "/input")?;
        ::wfc_runtime::serde_json::from_value(value)
            .map_err(|e| {
                ::std::vec![
                    ::wfc_runtime::Violation { pointer :
                    ::std::string::String::from("/input"), keyword : "type", message : e
                    .to_string(), }
                ]
            })
    }
    fn graph(input: &Self::Input) -> ::wfc_runtime::Graph {
        static WORKFLOW: ::std::sync::LazyLock<::wfc_runtime::serde_json::Value> = ::std::sync::LazyLock::new(||
        {
            ::wfc_runtime::serde_json::from_str(
                    "{\"10\":{\"_meta\":{\"title\":\"Input image\"},\"class_type\":\"LoadImage\",\"inputs\":{\"image\":\"example.png\"}},\"11\":{\"_meta\":{\"title\":\"Inpaint mask\"},\"class_type\":\"LoadImageMask\",\"inputs\":{\"channel\":\"red\",\"image\":\"example.png\"}},\"12\":{\"_meta\":{\"title\":\"Grow mask\"},\"class_type\":\"GrowMask\",\"inputs\":{\"expand\":6,\"mask\":[\"11\",0],\"tapered_corners\":true}},\"14\":{\"_meta\":{\"title\":\"Inpaint conditioning\"},\"class_type\":\"InpaintModelConditioning\",\"inputs\":{\"mask\":[\"12\",0],\"negative\":[\"7\",0],\"noise_mask\":true,\"pixels\":[\"10\",0],\"positive\":[\"6\",0],\"vae\":[\"4\",2]}},\"3\":{\"_meta\":{\"title\":\"KSampler\"},\"class_type\":\"KSampler\",\"inputs\":{\"cfg\":7.0,\"denoise\":1.0,\"latent_image\":[\"14\",2],\"model\":[\"4\",0],\"negative\":[\"14\",1],\"positive\":[\"14\",0],\"sampler_name\":\"euler\",\"scheduler\":\"normal\",\"seed\":987654321,\"steps\":25}},\"4\":{\"_meta\":{\"title\":\"Load Checkpoint\"},\"class_type\":\"CheckpointLoaderSimple\",\"inputs\":{\"ckpt_name\":\"v1-5-pruned-emaonly.safetensors\"}},\"6\":{\"_meta\":{\"title\":\"Positive prompt\"},\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"clip\":[\"4\",1],\"text\":\"a vase of sunflowers on the table\"}},\"7\":{\"_meta\":{\"title\":\"Negative prompt\"},\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"clip\":[\"4\",1],\"text\":\"text, watermark, signature, blurry, lowres, jpeg artifacts, deformed\"}},\"8\":{\"_meta\":{\"title\":\"VAE Decode\"},\"class_type\":\"VAEDecode\",\"inputs\":{\"samples\":[\"3\",0],\"vae\":[\"4\",2]}},\"9\":{\"_meta\":{\"title\":\"Save Image\"},\"class_type\":\"SaveImage\",\"inputs\":{\"filename_prefix\":\"sd15/inpaint\",\"images\":[\"8\",0]}}}",
                )
                .expect("the workflow wfc embedded is JSON")
        });
        let mut g = ::wfc_runtime::Graph::new(&WORKFLOW);
        g.image("image", "10", "image", &input.image);
        g.image("mask", "11", "image", &input.mask);
        g.set("11", "channel", &input.mask_channel);
        g.set("12", "expand", &input.grow_mask_by);
        g.set("6", "text", &input.prompt);
        g.set("7", "text", &input.negative_prompt);
        g.set("3", "denoise", &input.denoise);
        {
            let value = match input.seed {
                ::std::option::Option::Some(v) => {
                    ::wfc_runtime::serde_json::Value::from(v)
                }
                ::std::option::Option::None => {
                    ::wfc_runtime::graph::random_integer(0i128, 18446744073709551615i128)
                }
            };
            g.set("3", "seed", &value);
        }
        g.set("3", "steps", &input.steps);
        g.set("3", "cfg", &input.cfg);
        g.set("3", "sampler_name", &input.sampler_name);
        g.set("3", "scheduler", &input.scheduler);
        g.set("4", "ckpt_name", &input.checkpoint);
        g
    }
}
