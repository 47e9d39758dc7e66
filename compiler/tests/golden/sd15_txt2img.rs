// Generated from specs/sd15/txt2img.yaml by `wfc::emit::endpoint_tokens`; see tests/golden.rs.
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/object_info.json")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/sd15/txt2img.yaml")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/sd15/txt2img.json")
);
///Input of `POST /workflows/sd15/txt2img`: Text to image (Stable Diffusion 1.5).
#[derive(
    Clone,
    Debug,
    PartialEq,
    ::wfc_runtime::serde::Serialize,
    ::wfc_runtime::serde::Deserialize
)]
#[serde(crate = "::wfc_runtime::serde", deny_unknown_fields)]
pub struct Sd15Txt2imgInput {
    ///What to draw. Comma-separated tags and plain sentences both work.
    pub prompt: ::std::string::String,
    ///What to keep out of the image.
    #[serde(default = "Sd15Txt2imgInput::default_negative_prompt")]
    pub negative_prompt: ::std::string::String,
    ///Image width in pixels.
    #[serde(default = "Sd15Txt2imgInput::default_width")]
    pub width: u64,
    ///Image height in pixels.
    #[serde(default = "Sd15Txt2imgInput::default_height")]
    pub height: u64,
    ///How many images to generate in one run.
    #[serde(default = "Sd15Txt2imgInput::default_batch_size")]
    pub batch_size: u64,
    ///Noise seed. The same seed with the same settings gives the same image; omit it for a random one.
    #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
    pub seed: ::std::option::Option<u64>,
    ///Number of sampling steps. More is slower and rarely better beyond 30.
    #[serde(default = "Sd15Txt2imgInput::default_steps")]
    pub steps: u64,
    ///Classifier-free guidance scale; higher follows the prompt more literally.
    #[serde(default = "Sd15Txt2imgInput::default_cfg")]
    pub cfg: f64,
    ///Sampling algorithm.
    #[serde(default = "Sd15Txt2imgInput::default_sampler_name")]
    pub sampler_name: ::std::string::String,
    ///Noise schedule.
    #[serde(default = "Sd15Txt2imgInput::default_scheduler")]
    pub scheduler: ::std::string::String,
    ///SD 1.5 checkpoint file in ComfyUI's `models/checkpoints` folder.
    #[serde(default = "Sd15Txt2imgInput::default_checkpoint")]
    pub checkpoint: ::std::string::String,
}
impl Sd15Txt2imgInput {
    fn default_negative_prompt() -> ::std::string::String {
        ::std::string::String::from(
            "text, watermark, signature, blurry, lowres, jpeg artifacts, deformed",
        )
    }
    fn default_width() -> u64 {
        512u64
    }
    fn default_height() -> u64 {
        512u64
    }
    fn default_batch_size() -> u64 {
        1u64
    }
    fn default_steps() -> u64 {
        20u64
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
impl ::wfc_runtime::schemars::JsonSchema for Sd15Txt2imgInput {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed("Sd15Txt2imgInput")
    }
    fn json_schema(
        _: &mut ::wfc_runtime::schemars::SchemaGenerator,
    ) -> ::wfc_runtime::schemars::Schema {
        ::wfc_runtime::serde_json::from_str(
                <Sd15Txt2img as ::wfc_runtime::Workflow>::META.input_schema,
            )
            .expect("the schema wfc emitted is JSON")
    }
}
impl ::wfc_runtime::Workflow for Sd15Txt2img {
    type Input = Sd15Txt2imgInput;
    const META: ::wfc_runtime::EndpointMeta = ::wfc_runtime::EndpointMeta {
        name: "sd15_txt2img",
        type_name: "Sd15Txt2img",
        method: "POST",
        path: "/workflows/sd15/txt2img",
        summary: ::std::option::Option::Some("Text to image (Stable Diffusion 1.5)"),
        description: ::std::option::Option::Some(
            "Generates images from a text prompt with a Stable Diffusion 1.5 checkpoint. SD 1.5 was trained at 512x512; sizes far from that tend to repeat subjects, so keep width and height between 384 and 768 for the best results.",
        ),
        tags: &["sd15", "txt2img"],
        outputs: &[
            ::wfc_runtime::OutputMeta {
                name: "images",
                description: ::std::option::Option::Some(
                    "The generated images (PNG), one per batch item.",
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
                field: "width",
                node: "5",
                input: "width",
            },
            ::wfc_runtime::FieldBinding {
                field: "height",
                node: "5",
                input: "height",
            },
            ::wfc_runtime::FieldBinding {
                field: "batch_size",
                node: "5",
                input: "batch_size",
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
        input_schema: "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"additionalProperties\":false,\"description\":\"Input of /workflows/sd15/txt2img (Text to image (Stable Diffusion 1.5)).\",\"properties\":{\"batch_size\":{\"default\":1,\"description\":\"How many images to generate in one run.\",\"maximum\":8,\"minimum\":1,\"type\":\"integer\"},\"cfg\":{\"default\":7.0,\"description\":\"Classifier-free guidance scale; higher follows the prompt more literally.\",\"maximum\":20.0,\"minimum\":1.0,\"type\":\"number\"},\"checkpoint\":{\"default\":\"v1-5-pruned-emaonly.safetensors\",\"description\":\"SD 1.5 checkpoint file in ComfyUI's `models/checkpoints` folder.\",\"examples\":[\"v1-5-pruned-emaonly.safetensors\",\"dreamshaper_8.safetensors\"],\"type\":\"string\"},\"height\":{\"default\":512,\"description\":\"Image height in pixels.\",\"maximum\":1024,\"minimum\":256,\"multipleOf\":8,\"type\":\"integer\"},\"negative_prompt\":{\"default\":\"text, watermark, signature, blurry, lowres, jpeg artifacts, deformed\",\"description\":\"What to keep out of the image.\",\"maxLength\":2000,\"type\":\"string\"},\"prompt\":{\"description\":\"What to draw. Comma-separated tags and plain sentences both work.\",\"examples\":[\"a watercolor painting of a red fox in a misty birch forest, highly detailed\"],\"maxLength\":2000,\"minLength\":1,\"type\":\"string\"},\"sampler_name\":{\"default\":\"euler\",\"description\":\"Sampling algorithm.\",\"enum\":[\"euler\",\"euler_ancestral\",\"heun\",\"dpm_2\",\"dpm_2_ancestral\",\"lms\",\"dpmpp_2s_ancestral\",\"dpmpp_sde\",\"dpmpp_2m\",\"dpmpp_2m_sde\",\"ddim\",\"uni_pc\"],\"type\":\"string\"},\"scheduler\":{\"default\":\"normal\",\"description\":\"Noise schedule.\",\"enum\":[\"normal\",\"karras\",\"exponential\",\"sgm_uniform\",\"simple\",\"beta\"],\"type\":\"string\"},\"seed\":{\"description\":\"Noise seed. The same seed with the same settings gives the same image; omit it for a random one. A random value when omitted.\",\"maximum\":18446744073709551615,\"minimum\":0,\"type\":\"integer\"},\"steps\":{\"default\":20,\"description\":\"Number of sampling steps. More is slower and rarely better beyond 30.\",\"maximum\":100,\"minimum\":1,\"type\":\"integer\"},\"width\":{\"default\":512,\"description\":\"Image width in pixels.\",\"maximum\":1024,\"minimum\":256,\"multipleOf\":8,\"type\":\"integer\"}},\"required\":[\"prompt\"],\"title\":\"Sd15Txt2imgInput\",\"type\":\"object\"}",
        operation: "{\"description\":\"Generates images from a text prompt with a Stable Diffusion 1.5 checkpoint. SD 1.5 was trained at 512x512; sizes far from that tend to repeat subjects, so keep width and height between 384 and 768 for the best results.\",\"operationId\":\"sd15_txt2img\",\"parameters\":[{\"description\":\"Validate the request and return the ComfyUI graph it would run, without running it.\",\"in\":\"query\",\"name\":\"dry_run\",\"required\":false,\"schema\":{\"default\":false,\"type\":\"boolean\"}}],\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Sd15Txt2imgRequest\"}}},\"required\":true},\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"oneOf\":[{\"$ref\":\"#/components/schemas/Sd15Txt2imgResponse\"},{\"$ref\":\"#/components/schemas/DryRun\"}]}},\"application/octet-stream\":{},\"image/jpeg\":{},\"image/png\":{},\"image/webp\":{}},\"description\":\"The outputs, as JSON (or, with `dry_run=true`, the graph the request would run); with `Accept: image/*` or `application/octet-stream` and a single output file, that file's bytes.\"},\"400\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is not JSON.\"},\"404\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"No such endpoint.\"},\"406\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"Raw bytes were asked for, but the run produced several files.\"},\"413\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is over MAX_BODY_SIZE_MB.\"},\"422\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The request breaks the endpoint's schema; `errors` lists every violation with its JSON pointer.\"},\"500\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"A node failed while running (`node_id`, `node_type`, `exception_type`, `exception_message`), or the run was interrupted.\"},\"501\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"`webhook` was given; webhook delivery is not implemented.\"},\"502\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI rejected the workflow for a reason no request field explains (`node_errors`), or answered something unexpected.\"},\"503\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI is not reachable.\"},\"504\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"REQUEST_TIMEOUT_S passed; the prompt was removed from ComfyUI's queue or interrupted.\"}},\"summary\":\"Text to image (Stable Diffusion 1.5)\",\"tags\":[\"sd15\",\"txt2img\"],\"x-wfc-outputs\":[{\"description\":\"The generated images (PNG), one per batch item.\",\"name\":\"images\",\"nodes\":[{\"class_type\":\"SaveImage\",\"id\":\"9\",\"kind\":\"image\"}]}]}",
    };
    fn parse(
        input: &::wfc_runtime::serde_json::Value,
    ) -> ::std::result::Result<Self::Input, ::std::vec::Vec<::wfc_runtime::Violation>> {
        static FIELDS: &[::wfc_runtime::FieldRule] = &[
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
                name: "width",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(256i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(1024i128),
                ),
                multiple_of: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(8i128),
                ),
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "height",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(256i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(1024i128),
                ),
                multiple_of: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(8i128),
                ),
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "batch_size",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(1i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(8i128),
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
                        "\"heun\"",
                        "\"dpm_2\"",
                        "\"dpm_2_ancestral\"",
                        "\"lms\"",
                        "\"dpmpp_2s_ancestral\"",
                        "\"dpmpp_sde\"",
                        "\"dpmpp_2m\"",
                        "\"dpmpp_2m_sde\"",
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
                    &[
                        "\"normal\"",
                        "\"karras\"",
                        "\"exponential\"",
                        "\"sgm_uniform\"",
                        "\"simple\"",
                        "\"beta\"",
                    ],
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
                    "{\"3\":{\"_meta\":{\"title\":\"KSampler\"},\"class_type\":\"KSampler\",\"inputs\":{\"cfg\":7.0,\"denoise\":1.0,\"latent_image\":[\"5\",0],\"model\":[\"4\",0],\"negative\":[\"7\",0],\"positive\":[\"6\",0],\"sampler_name\":\"euler\",\"scheduler\":\"normal\",\"seed\":156680208700286,\"steps\":20}},\"4\":{\"_meta\":{\"title\":\"Load Checkpoint\"},\"class_type\":\"CheckpointLoaderSimple\",\"inputs\":{\"ckpt_name\":\"v1-5-pruned-emaonly.safetensors\"}},\"5\":{\"_meta\":{\"title\":\"Empty Latent Image\"},\"class_type\":\"EmptyLatentImage\",\"inputs\":{\"batch_size\":1,\"height\":512,\"width\":512}},\"6\":{\"_meta\":{\"title\":\"Positive prompt\"},\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"clip\":[\"4\",1],\"text\":\"a watercolor painting of a red fox in a misty birch forest, highly detailed\"}},\"7\":{\"_meta\":{\"title\":\"Negative prompt\"},\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"clip\":[\"4\",1],\"text\":\"text, watermark, signature, blurry, lowres, jpeg artifacts, deformed\"}},\"8\":{\"_meta\":{\"title\":\"VAE Decode\"},\"class_type\":\"VAEDecode\",\"inputs\":{\"samples\":[\"3\",0],\"vae\":[\"4\",2]}},\"9\":{\"_meta\":{\"title\":\"Save Image\"},\"class_type\":\"SaveImage\",\"inputs\":{\"filename_prefix\":\"sd15/txt2img\",\"images\":[\"8\",0]}}}",
                )
                .expect("the workflow wfc embedded is JSON")
        });
        let mut g = ::wfc_runtime::Graph::new(&WORKFLOW);
        g.set("6", "text", &input.prompt);
        g.set("7", "text", &input.negative_prompt);
        g.set("5", "width", &input.width);
        g.set("5", "height", &input.height);
        g.set("5", "batch_size", &input.batch_size);
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
