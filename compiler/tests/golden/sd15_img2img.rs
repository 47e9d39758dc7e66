// Generated from specs/sd15/img2img.yaml by `wfc::emit::endpoint_tokens`; see tests/golden.rs.
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/object_info.json")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/sd15/img2img.yaml")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/sd15/img2img.json")
);
///Input of `POST /workflows/sd15/img2img`: Image to image (Stable Diffusion 1.5).
#[derive(
    Clone,
    Debug,
    PartialEq,
    ::wfc_runtime::serde::Serialize,
    ::wfc_runtime::serde::Deserialize
)]
#[serde(crate = "::wfc_runtime::serde", deny_unknown_fields)]
pub struct Sd15Img2imgInput {
    ///The starting image (PNG, JPEG or WEBP). Transparency is ignored. An image: an http(s) URL, base64, or a data URI.
    pub image: ::std::string::String,
    ///What the result should show.
    pub prompt: ::std::string::String,
    ///What to keep out of the image.
    #[serde(default = "Sd15Img2imgInput::default_negative_prompt")]
    pub negative_prompt: ::std::string::String,
    ///How much of the input to redraw: 0.1 keeps it almost unchanged, 1.0 ignores it entirely. 0.5 to 0.7 restyles while keeping the composition.
    #[serde(default = "Sd15Img2imgInput::default_denoise")]
    pub denoise: f64,
    ///Noise seed. Omit it for a random one.
    #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
    pub seed: ::std::option::Option<u64>,
    ///Number of sampling steps (only `denoise` times this many actually run).
    #[serde(default = "Sd15Img2imgInput::default_steps")]
    pub steps: u64,
    ///Classifier-free guidance scale; higher follows the prompt more literally.
    #[serde(default = "Sd15Img2imgInput::default_cfg")]
    pub cfg: f64,
    ///Sampling algorithm.
    #[serde(default = "Sd15Img2imgInput::default_sampler_name")]
    pub sampler_name: ::std::string::String,
    ///Noise schedule.
    #[serde(default = "Sd15Img2imgInput::default_scheduler")]
    pub scheduler: ::std::string::String,
    ///SD 1.5 checkpoint file in ComfyUI's `models/checkpoints` folder.
    #[serde(default = "Sd15Img2imgInput::default_checkpoint")]
    pub checkpoint: ::std::string::String,
}
impl Sd15Img2imgInput {
    fn default_negative_prompt() -> ::std::string::String {
        ::std::string::String::from(
            "text, watermark, signature, blurry, lowres, jpeg artifacts, deformed",
        )
    }
    fn default_denoise() -> f64 {
        0.6f64
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
impl ::wfc_runtime::schemars::JsonSchema for Sd15Img2imgInput {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed("Sd15Img2imgInput")
    }
    fn json_schema(
        _: &mut ::wfc_runtime::schemars::SchemaGenerator,
    ) -> ::wfc_runtime::schemars::Schema {
        let schema = ::wfc_runtime::contract::schema::input_schema(
            <Sd15Img2img as ::wfc_runtime::Workflow>::endpoint(),
        );
        ::wfc_runtime::serde_json::from_value(schema)
            .expect("an input schema is a JSON Schema")
    }
}
impl ::wfc_runtime::Workflow for Sd15Img2img {
    type Input = Sd15Img2imgInput;
    fn endpoint() -> &'static ::wfc_runtime::Endpoint {
        static ENDPOINT: ::std::sync::LazyLock<::wfc_runtime::Endpoint> = ::std::sync::LazyLock::new(||
        ::wfc_runtime::contract::Endpoint {
            name: ::std::string::String::from("sd15_img2img"),
            method: ::wfc_runtime::contract::Method::Post,
            path: ::std::string::String::from("/workflows/sd15/img2img"),
            summary: ::std::option::Option::Some(
                ::std::string::String::from("Image to image (Stable Diffusion 1.5)"),
            ),
            description: ::std::option::Option::Some(
                ::std::string::String::from(
                    "Redraws an input image guided by a text prompt. The image is encoded to a latent, partially re-noised according to `denoise`, and sampled again with a Stable Diffusion 1.5 checkpoint. The output has the input's size (rounded down to a multiple of 8), so send images of roughly 512 to 768 pixels a side.",
                ),
            ),
            tags: ::std::vec::Vec::from([
                ::std::string::String::from("sd15"),
                ::std::string::String::from("img2img"),
            ]),
            fields: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("image"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "The starting image (PNG, JPEG or WEBP). Transparency is ignored.",
                        ),
                    ),
                    required: true,
                    default: ::std::option::Option::None,
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Image,
                        minimum: ::std::option::Option::None,
                        maximum: ::std::option::Option::None,
                        multiple_of: ::std::option::Option::None,
                        min_length: ::std::option::Option::None,
                        max_length: ::std::option::Option::None,
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::None,
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("10"),
                            input: ::std::string::String::from("image"),
                            class_type: ::std::string::String::from("LoadImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("prompt"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("What the result should show."),
                    ),
                    required: true,
                    default: ::std::option::Option::None,
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::String,
                        minimum: ::std::option::Option::None,
                        maximum: ::std::option::Option::None,
                        multiple_of: ::std::option::Option::None,
                        min_length: ::std::option::Option::Some(1u64),
                        max_length: ::std::option::Option::Some(2000u64),
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::None,
                    },
                    examples: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Literal::Str(
                            ::std::string::String::from(
                                "an oil painting of a lighthouse on a rocky coast at sunset",
                            ),
                        ),
                    ]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("6"),
                            input: ::std::string::String::from("text"),
                            class_type: ::std::string::String::from("CLIPTextEncode"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("negative_prompt"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("What to keep out of the image."),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from(
                                    "text, watermark, signature, blurry, lowres, jpeg artifacts, deformed",
                                ),
                            ),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::String,
                        minimum: ::std::option::Option::None,
                        maximum: ::std::option::Option::None,
                        multiple_of: ::std::option::Option::None,
                        min_length: ::std::option::Option::None,
                        max_length: ::std::option::Option::Some(2000u64),
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::None,
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("7"),
                            input: ::std::string::String::from("text"),
                            class_type: ::std::string::String::from("CLIPTextEncode"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("denoise"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "How much of the input to redraw: 0.1 keeps it almost unchanged, 1.0 ignores it entirely. 0.5 to 0.7 restyles while keeping the composition.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Float(0.6f64),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Number,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Float(0.1f64),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Float(1f64),
                        ),
                        multiple_of: ::std::option::Option::None,
                        min_length: ::std::option::Option::None,
                        max_length: ::std::option::Option::None,
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::None,
                    },
                    examples: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Literal::Float(0.45f64),
                        ::wfc_runtime::contract::Literal::Float(0.75f64),
                    ]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("3"),
                            input: ::std::string::String::from("denoise"),
                            class_type: ::std::string::String::from("KSampler"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("seed"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Noise seed. Omit it for a random one.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Random,
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(0i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(
                                18446744073709551615i128,
                            ),
                        ),
                        multiple_of: ::std::option::Option::None,
                        min_length: ::std::option::Option::None,
                        max_length: ::std::option::Option::None,
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::None,
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("3"),
                            input: ::std::string::String::from("seed"),
                            class_type: ::std::string::String::from("KSampler"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("steps"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Number of sampling steps (only `denoise` times this many actually run).",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(20i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(1i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(100i128),
                        ),
                        multiple_of: ::std::option::Option::None,
                        min_length: ::std::option::Option::None,
                        max_length: ::std::option::Option::None,
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::None,
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("3"),
                            input: ::std::string::String::from("steps"),
                            class_type: ::std::string::String::from("KSampler"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("cfg"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Classifier-free guidance scale; higher follows the prompt more literally.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Float(7f64),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Number,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Float(1f64),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Float(20f64),
                        ),
                        multiple_of: ::std::option::Option::None,
                        min_length: ::std::option::Option::None,
                        max_length: ::std::option::Option::None,
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::None,
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("3"),
                            input: ::std::string::String::from("cfg"),
                            class_type: ::std::string::String::from("KSampler"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("sampler_name"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("Sampling algorithm."),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("euler"),
                            ),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::String,
                        minimum: ::std::option::Option::None,
                        maximum: ::std::option::Option::None,
                        multiple_of: ::std::option::Option::None,
                        min_length: ::std::option::Option::None,
                        max_length: ::std::option::Option::None,
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::Some(
                            ::std::vec::Vec::from([
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("euler"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("euler_ancestral"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("heun"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("dpm_2"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("dpmpp_2s_ancestral"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("dpmpp_sde"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("dpmpp_2m"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("dpmpp_2m_sde"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("ddim"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("uni_pc"),
                                ),
                            ]),
                        ),
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("3"),
                            input: ::std::string::String::from("sampler_name"),
                            class_type: ::std::string::String::from("KSampler"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("scheduler"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("Noise schedule."),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("normal"),
                            ),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::String,
                        minimum: ::std::option::Option::None,
                        maximum: ::std::option::Option::None,
                        multiple_of: ::std::option::Option::None,
                        min_length: ::std::option::Option::None,
                        max_length: ::std::option::Option::None,
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::Some(
                            ::std::vec::Vec::from([
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("normal"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("karras"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("exponential"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("sgm_uniform"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("simple"),
                                ),
                            ]),
                        ),
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("3"),
                            input: ::std::string::String::from("scheduler"),
                            class_type: ::std::string::String::from("KSampler"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("checkpoint"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "SD 1.5 checkpoint file in ComfyUI's `models/checkpoints` folder.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from(
                                    "v1-5-pruned-emaonly.safetensors",
                                ),
                            ),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::String,
                        minimum: ::std::option::Option::None,
                        maximum: ::std::option::Option::None,
                        multiple_of: ::std::option::Option::None,
                        min_length: ::std::option::Option::None,
                        max_length: ::std::option::Option::None,
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::None,
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("4"),
                            input: ::std::string::String::from("ckpt_name"),
                            class_type: ::std::string::String::from(
                                "CheckpointLoaderSimple",
                            ),
                        },
                    ]),
                },
            ]),
            outputs: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Output {
                    name: ::std::string::String::from("images"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("The redrawn image (PNG)."),
                    ),
                    nodes: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::NodeRef {
                            id: ::std::string::String::from("9"),
                            class_type: ::std::string::String::from("SaveImage"),
                        },
                    ]),
                },
            ]),
        });
        &ENDPOINT
    }
    fn parse(
        input: &::wfc_runtime::serde_json::Value,
    ) -> ::std::result::Result<Self::Input, ::std::vec::Vec<::wfc_runtime::Violation>> {
        static RULES: ::std::sync::LazyLock<::wfc_runtime::Rules> = ::std::sync::LazyLock::new(||
        {
            ::wfc_runtime::Rules::new(
                &<Sd15Img2img as ::wfc_runtime::Workflow>::endpoint().fields,
            )
        });
        let value = RULES.check(input, "/input")?;
        ::wfc_runtime::serde_json::from_value(value)
            .map_err(|e| {
                ::std::vec![
                    ::wfc_runtime::Violation::new("/input", ::wfc_runtime::Keyword::Type,
                    e.to_string(),)
                ]
            })
    }
    fn graph(input: &Self::Input) -> ::wfc_runtime::Graph {
        static WORKFLOW: ::std::sync::LazyLock<::wfc_runtime::serde_json::Value> = ::std::sync::LazyLock::new(||
        {
            ::wfc_runtime::serde_json::from_str(
                    "{\"10\":{\"_meta\":{\"title\":\"Input image\"},\"class_type\":\"LoadImage\",\"inputs\":{\"image\":\"example.png\"}},\"11\":{\"_meta\":{\"title\":\"VAE Encode\"},\"class_type\":\"VAEEncode\",\"inputs\":{\"pixels\":[\"10\",0],\"vae\":[\"4\",2]}},\"3\":{\"_meta\":{\"title\":\"KSampler\"},\"class_type\":\"KSampler\",\"inputs\":{\"cfg\":7.0,\"denoise\":0.6,\"latent_image\":[\"11\",0],\"model\":[\"4\",0],\"negative\":[\"7\",0],\"positive\":[\"6\",0],\"sampler_name\":\"euler\",\"scheduler\":\"normal\",\"seed\":1029384756,\"steps\":20}},\"4\":{\"_meta\":{\"title\":\"Load Checkpoint\"},\"class_type\":\"CheckpointLoaderSimple\",\"inputs\":{\"ckpt_name\":\"v1-5-pruned-emaonly.safetensors\"}},\"6\":{\"_meta\":{\"title\":\"Positive prompt\"},\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"clip\":[\"4\",1],\"text\":\"an oil painting of a lighthouse on a rocky coast at sunset\"}},\"7\":{\"_meta\":{\"title\":\"Negative prompt\"},\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"clip\":[\"4\",1],\"text\":\"text, watermark, signature, blurry, lowres, jpeg artifacts, deformed\"}},\"8\":{\"_meta\":{\"title\":\"VAE Decode\"},\"class_type\":\"VAEDecode\",\"inputs\":{\"samples\":[\"3\",0],\"vae\":[\"4\",2]}},\"9\":{\"_meta\":{\"title\":\"Save Image\"},\"class_type\":\"SaveImage\",\"inputs\":{\"filename_prefix\":\"sd15/img2img\",\"images\":[\"8\",0]}}}",
                )
                .expect("the workflow wfc embedded is JSON")
        });
        let mut g = ::wfc_runtime::Graph::new(&WORKFLOW);
        g.image("image", "10", "image", &input.image);
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
