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
        let schema = ::wfc_runtime::contract::schema::input_schema(
            <Sd15Txt2img as ::wfc_runtime::Workflow>::endpoint(),
        );
        ::wfc_runtime::serde_json::from_value(schema)
            .expect("an input schema is a JSON Schema")
    }
}
impl ::wfc_runtime::Workflow for Sd15Txt2img {
    type Input = Sd15Txt2imgInput;
    fn endpoint() -> &'static ::wfc_runtime::Endpoint {
        static ENDPOINT: ::std::sync::LazyLock<::wfc_runtime::Endpoint> = ::std::sync::LazyLock::new(||
        ::wfc_runtime::contract::Endpoint {
            name: ::std::string::String::from("sd15_txt2img"),
            method: ::wfc_runtime::contract::Method::Post,
            path: ::std::string::String::from("/workflows/sd15/txt2img"),
            summary: ::std::option::Option::Some(
                ::std::string::String::from("Text to image (Stable Diffusion 1.5)"),
            ),
            description: ::std::option::Option::Some(
                ::std::string::String::from(
                    "Generates images from a text prompt with a Stable Diffusion 1.5 checkpoint. SD 1.5 was trained at 512x512; sizes far from that tend to repeat subjects, so keep width and height between 384 and 768 for the best results.",
                ),
            ),
            tags: ::std::vec::Vec::from([
                ::std::string::String::from("sd15"),
                ::std::string::String::from("txt2img"),
            ]),
            fields: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("prompt"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "What to draw. Comma-separated tags and plain sentences both work.",
                        ),
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
                                "a watercolor painting of a red fox in a misty birch forest, highly detailed",
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
                    name: ::std::string::String::from("width"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("Image width in pixels."),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(512i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(256i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(1024i128),
                        ),
                        multiple_of: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(8i128),
                        ),
                        min_length: ::std::option::Option::None,
                        max_length: ::std::option::Option::None,
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::None,
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("5"),
                            input: ::std::string::String::from("width"),
                            class_type: ::std::string::String::from("EmptyLatentImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("height"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("Image height in pixels."),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(512i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(256i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(1024i128),
                        ),
                        multiple_of: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(8i128),
                        ),
                        min_length: ::std::option::Option::None,
                        max_length: ::std::option::Option::None,
                        pattern: ::std::option::Option::None,
                        enum_values: ::std::option::Option::None,
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("5"),
                            input: ::std::string::String::from("height"),
                            class_type: ::std::string::String::from("EmptyLatentImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("batch_size"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "How many images to generate in one run.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(1i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(1i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(8i128),
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
                            node: ::std::string::String::from("5"),
                            input: ::std::string::String::from("batch_size"),
                            class_type: ::std::string::String::from("EmptyLatentImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("seed"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Noise seed. The same seed with the same settings gives the same image; omit it for a random one.",
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
                            "Number of sampling steps. More is slower and rarely better beyond 30.",
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
                                    ::std::string::String::from("dpm_2_ancestral"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("lms"),
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
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("beta"),
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
                    examples: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Literal::Str(
                            ::std::string::String::from(
                                "v1-5-pruned-emaonly.safetensors",
                            ),
                        ),
                        ::wfc_runtime::contract::Literal::Str(
                            ::std::string::String::from("dreamshaper_8.safetensors"),
                        ),
                    ]),
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
                        ::std::string::String::from(
                            "The generated images (PNG), one per batch item.",
                        ),
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
                &<Sd15Txt2img as ::wfc_runtime::Workflow>::endpoint().fields,
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
