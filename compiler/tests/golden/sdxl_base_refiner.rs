// Generated from specs/sdxl/base_refiner.yaml by `wfc::emit::endpoint_tokens`; see tests/golden.rs.
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/object_info.json")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/sdxl/base_refiner.yaml")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/sdxl/base_refiner.json")
);
///Input of `POST /workflows/sdxl/base_refiner`: Text to image (SDXL 1.0 base + refiner).
#[derive(
    Clone,
    Debug,
    PartialEq,
    ::wfc_runtime::serde::Serialize,
    ::wfc_runtime::serde::Deserialize
)]
#[serde(crate = "::wfc_runtime::serde", deny_unknown_fields)]
pub struct SdxlBaseRefinerInput {
    ///What to draw.
    pub prompt: ::std::string::String,
    ///What to keep out of the image.
    #[serde(default = "SdxlBaseRefinerInput::default_negative_prompt")]
    pub negative_prompt: ::std::string::String,
    ///Image width in pixels.
    #[serde(default = "SdxlBaseRefinerInput::default_width")]
    pub width: u64,
    ///Image height in pixels.
    #[serde(default = "SdxlBaseRefinerInput::default_height")]
    pub height: u64,
    ///How many images to generate in one run.
    #[serde(default = "SdxlBaseRefinerInput::default_batch_size")]
    pub batch_size: u64,
    ///Noise seed, shared by both stages. Omit it for a random one.
    #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
    pub seed: ::std::option::Option<u64>,
    ///Total number of sampling steps over both stages.
    #[serde(default = "SdxlBaseRefinerInput::default_steps")]
    pub steps: u64,
    ///Step at which the refiner takes over; keep it below `steps`. About 80% of `steps` is typical. A value of `steps` or more skips the refiner.
    #[serde(default = "SdxlBaseRefinerInput::default_refiner_start")]
    pub refiner_start: u64,
    ///Classifier-free guidance scale for both stages.
    #[serde(default = "SdxlBaseRefinerInput::default_cfg")]
    pub cfg: f64,
    ///Sampling algorithm for both stages.
    #[serde(default = "SdxlBaseRefinerInput::default_sampler_name")]
    pub sampler_name: ::std::string::String,
    ///Noise schedule for both stages.
    #[serde(default = "SdxlBaseRefinerInput::default_scheduler")]
    pub scheduler: ::std::string::String,
    ///Aesthetic score the refiner is conditioned on (the LAION aesthetic scale); 6 is the usual value.
    #[serde(default = "SdxlBaseRefinerInput::default_aesthetic_score")]
    pub aesthetic_score: f64,
    ///SDXL base checkpoint in ComfyUI's `models/checkpoints` folder.
    #[serde(default = "SdxlBaseRefinerInput::default_base_checkpoint")]
    pub base_checkpoint: ::std::string::String,
    ///SDXL refiner checkpoint in ComfyUI's `models/checkpoints` folder.
    #[serde(default = "SdxlBaseRefinerInput::default_refiner_checkpoint")]
    pub refiner_checkpoint: ::std::string::String,
}
impl SdxlBaseRefinerInput {
    fn default_negative_prompt() -> ::std::string::String {
        ::std::string::String::from("text, watermark, blurry, lowres, deformed")
    }
    fn default_width() -> u64 {
        1024u64
    }
    fn default_height() -> u64 {
        1024u64
    }
    fn default_batch_size() -> u64 {
        1u64
    }
    fn default_steps() -> u64 {
        25u64
    }
    fn default_refiner_start() -> u64 {
        20u64
    }
    fn default_cfg() -> f64 {
        7.5f64
    }
    fn default_sampler_name() -> ::std::string::String {
        ::std::string::String::from("dpmpp_2m")
    }
    fn default_scheduler() -> ::std::string::String {
        ::std::string::String::from("karras")
    }
    fn default_aesthetic_score() -> f64 {
        6f64
    }
    fn default_base_checkpoint() -> ::std::string::String {
        ::std::string::String::from("sd_xl_base_1.0.safetensors")
    }
    fn default_refiner_checkpoint() -> ::std::string::String {
        ::std::string::String::from("sd_xl_refiner_1.0.safetensors")
    }
}
impl ::wfc_runtime::schemars::JsonSchema for SdxlBaseRefinerInput {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed("SdxlBaseRefinerInput")
    }
    fn json_schema(
        _: &mut ::wfc_runtime::schemars::SchemaGenerator,
    ) -> ::wfc_runtime::schemars::Schema {
        let schema = ::wfc_runtime::contract::schema::input_schema(
            <SdxlBaseRefiner as ::wfc_runtime::Workflow>::endpoint(),
        );
        ::wfc_runtime::serde_json::from_value(schema)
            .expect("an input schema is a JSON Schema")
    }
}
impl ::wfc_runtime::Workflow for SdxlBaseRefiner {
    type Input = SdxlBaseRefinerInput;
    fn endpoint() -> &'static ::wfc_runtime::Endpoint {
        static ENDPOINT: ::std::sync::LazyLock<::wfc_runtime::Endpoint> = ::std::sync::LazyLock::new(||
        ::wfc_runtime::contract::Endpoint {
            name: ::std::string::String::from("sdxl_base_refiner"),
            method: ::wfc_runtime::contract::Method::Post,
            path: ::std::string::String::from("/workflows/sdxl/base_refiner"),
            summary: ::std::option::Option::Some(
                ::std::string::String::from("Text to image (SDXL 1.0 base + refiner)"),
            ),
            description: ::std::option::Option::Some(
                ::std::string::String::from(
                    "Generates images with SDXL 1.0 in two stages: the base model runs the first `refiner_start` steps and hands its still-noisy latent to the refiner, which finishes the remaining steps and sharpens fine detail. One prompt drives both models. SDXL is trained around one megapixel: 1024x1024, 1152x896, 1216x832 or 1344x768 (and their transposes) work best.",
                ),
            ),
            tags: ::std::vec::Vec::from([
                ::std::string::String::from("sdxl"),
                ::std::string::String::from("txt2img"),
            ]),
            fields: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("prompt"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("What to draw."),
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
                                "a cinematic photo of an astronaut riding a horse on the moon, dramatic lighting, 35mm",
                            ),
                        ),
                    ]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("6"),
                            input: ::std::string::String::from("text_g"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("6"),
                            input: ::std::string::String::from("text_l"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("15"),
                            input: ::std::string::String::from("text"),
                            class_type: ::std::string::String::from(
                                "CLIPTextEncodeSDXLRefiner",
                            ),
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
                                    "text, watermark, blurry, lowres, deformed",
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
                            input: ::std::string::String::from("text_g"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("7"),
                            input: ::std::string::String::from("text_l"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("16"),
                            input: ::std::string::String::from("text"),
                            class_type: ::std::string::String::from(
                                "CLIPTextEncodeSDXLRefiner",
                            ),
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
                            ::wfc_runtime::contract::Literal::Int(1024i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(512i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(2048i128),
                        ),
                        multiple_of: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(64i128),
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
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("6"),
                            input: ::std::string::String::from("width"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("6"),
                            input: ::std::string::String::from("target_width"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("7"),
                            input: ::std::string::String::from("width"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("7"),
                            input: ::std::string::String::from("target_width"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("15"),
                            input: ::std::string::String::from("width"),
                            class_type: ::std::string::String::from(
                                "CLIPTextEncodeSDXLRefiner",
                            ),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("16"),
                            input: ::std::string::String::from("width"),
                            class_type: ::std::string::String::from(
                                "CLIPTextEncodeSDXLRefiner",
                            ),
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
                            ::wfc_runtime::contract::Literal::Int(1024i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(512i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(2048i128),
                        ),
                        multiple_of: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(64i128),
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
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("6"),
                            input: ::std::string::String::from("height"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("6"),
                            input: ::std::string::String::from("target_height"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("7"),
                            input: ::std::string::String::from("height"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("7"),
                            input: ::std::string::String::from("target_height"),
                            class_type: ::std::string::String::from("CLIPTextEncodeSDXL"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("15"),
                            input: ::std::string::String::from("height"),
                            class_type: ::std::string::String::from(
                                "CLIPTextEncodeSDXLRefiner",
                            ),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("16"),
                            input: ::std::string::String::from("height"),
                            class_type: ::std::string::String::from(
                                "CLIPTextEncodeSDXLRefiner",
                            ),
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
                            ::wfc_runtime::contract::Number::Int(4i128),
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
                            "Noise seed, shared by both stages. Omit it for a random one.",
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
                            node: ::std::string::String::from("10"),
                            input: ::std::string::String::from("noise_seed"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("11"),
                            input: ::std::string::String::from("noise_seed"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("steps"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Total number of sampling steps over both stages.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(25i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(2i128),
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
                            node: ::std::string::String::from("10"),
                            input: ::std::string::String::from("steps"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("11"),
                            input: ::std::string::String::from("steps"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("refiner_start"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Step at which the refiner takes over; keep it below `steps`. About 80% of `steps` is typical. A value of `steps` or more skips the refiner.",
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
                            node: ::std::string::String::from("10"),
                            input: ::std::string::String::from("end_at_step"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("11"),
                            input: ::std::string::String::from("start_at_step"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("cfg"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Classifier-free guidance scale for both stages.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Float(7.5f64),
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
                            node: ::std::string::String::from("10"),
                            input: ::std::string::String::from("cfg"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("11"),
                            input: ::std::string::String::from("cfg"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("sampler_name"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Sampling algorithm for both stages.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("dpmpp_2m"),
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
                                    ::std::string::String::from("dpmpp_3m_sde"),
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
                            node: ::std::string::String::from("10"),
                            input: ::std::string::String::from("sampler_name"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("11"),
                            input: ::std::string::String::from("sampler_name"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("scheduler"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("Noise schedule for both stages."),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("karras"),
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
                            node: ::std::string::String::from("10"),
                            input: ::std::string::String::from("scheduler"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("11"),
                            input: ::std::string::String::from("scheduler"),
                            class_type: ::std::string::String::from("KSamplerAdvanced"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("aesthetic_score"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Aesthetic score the refiner is conditioned on (the LAION aesthetic scale); 6 is the usual value.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Float(6f64),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Number,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Float(1f64),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Float(10f64),
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
                            node: ::std::string::String::from("15"),
                            input: ::std::string::String::from("ascore"),
                            class_type: ::std::string::String::from(
                                "CLIPTextEncodeSDXLRefiner",
                            ),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("base_checkpoint"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "SDXL base checkpoint in ComfyUI's `models/checkpoints` folder.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("sd_xl_base_1.0.safetensors"),
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
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("refiner_checkpoint"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "SDXL refiner checkpoint in ComfyUI's `models/checkpoints` folder.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("sd_xl_refiner_1.0.safetensors"),
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
                            node: ::std::string::String::from("12"),
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
                            "The refined images (PNG), one per batch item.",
                        ),
                    ),
                    nodes: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::NodeRef {
                            id: ::std::string::String::from("19"),
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
                &<SdxlBaseRefiner as ::wfc_runtime::Workflow>::endpoint().fields,
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
                    "{\"10\":{\"_meta\":{\"title\":\"Base sampler\"},\"class_type\":\"KSamplerAdvanced\",\"inputs\":{\"add_noise\":\"enable\",\"cfg\":7.5,\"end_at_step\":20,\"latent_image\":[\"5\",0],\"model\":[\"4\",0],\"negative\":[\"7\",0],\"noise_seed\":721897303308196,\"positive\":[\"6\",0],\"return_with_leftover_noise\":\"enable\",\"sampler_name\":\"dpmpp_2m\",\"scheduler\":\"karras\",\"start_at_step\":0,\"steps\":25}},\"11\":{\"_meta\":{\"title\":\"Refiner sampler\"},\"class_type\":\"KSamplerAdvanced\",\"inputs\":{\"add_noise\":\"disable\",\"cfg\":7.5,\"end_at_step\":10000,\"latent_image\":[\"10\",0],\"model\":[\"12\",0],\"negative\":[\"16\",0],\"noise_seed\":721897303308196,\"positive\":[\"15\",0],\"return_with_leftover_noise\":\"disable\",\"sampler_name\":\"dpmpp_2m\",\"scheduler\":\"karras\",\"start_at_step\":20,\"steps\":25}},\"12\":{\"_meta\":{\"title\":\"Refiner checkpoint\"},\"class_type\":\"CheckpointLoaderSimple\",\"inputs\":{\"ckpt_name\":\"sd_xl_refiner_1.0.safetensors\"}},\"15\":{\"_meta\":{\"title\":\"Refiner positive\"},\"class_type\":\"CLIPTextEncodeSDXLRefiner\",\"inputs\":{\"ascore\":6.0,\"clip\":[\"12\",1],\"height\":1024,\"text\":\"a cinematic photo of an astronaut riding a horse on the moon, dramatic lighting, 35mm\",\"width\":1024}},\"16\":{\"_meta\":{\"title\":\"Refiner negative\"},\"class_type\":\"CLIPTextEncodeSDXLRefiner\",\"inputs\":{\"ascore\":2.5,\"clip\":[\"12\",1],\"height\":1024,\"text\":\"text, watermark, blurry, lowres, deformed\",\"width\":1024}},\"17\":{\"_meta\":{\"title\":\"VAE Decode\"},\"class_type\":\"VAEDecode\",\"inputs\":{\"samples\":[\"11\",0],\"vae\":[\"12\",2]}},\"19\":{\"_meta\":{\"title\":\"Save Image\"},\"class_type\":\"SaveImage\",\"inputs\":{\"filename_prefix\":\"sdxl/base_refiner\",\"images\":[\"17\",0]}},\"4\":{\"_meta\":{\"title\":\"Base checkpoint\"},\"class_type\":\"CheckpointLoaderSimple\",\"inputs\":{\"ckpt_name\":\"sd_xl_base_1.0.safetensors\"}},\"5\":{\"_meta\":{\"title\":\"Empty Latent Image\"},\"class_type\":\"EmptyLatentImage\",\"inputs\":{\"batch_size\":1,\"height\":1024,\"width\":1024}},\"6\":{\"_meta\":{\"title\":\"Base positive\"},\"class_type\":\"CLIPTextEncodeSDXL\",\"inputs\":{\"clip\":[\"4\",1],\"crop_h\":0,\"crop_w\":0,\"height\":1024,\"target_height\":1024,\"target_width\":1024,\"text_g\":\"a cinematic photo of an astronaut riding a horse on the moon, dramatic lighting, 35mm\",\"text_l\":\"a cinematic photo of an astronaut riding a horse on the moon, dramatic lighting, 35mm\",\"width\":1024}},\"7\":{\"_meta\":{\"title\":\"Base negative\"},\"class_type\":\"CLIPTextEncodeSDXL\",\"inputs\":{\"clip\":[\"4\",1],\"crop_h\":0,\"crop_w\":0,\"height\":1024,\"target_height\":1024,\"target_width\":1024,\"text_g\":\"text, watermark, blurry, lowres, deformed\",\"text_l\":\"text, watermark, blurry, lowres, deformed\",\"width\":1024}}}",
                )
                .expect("the workflow wfc embedded is JSON")
        });
        let mut g = ::wfc_runtime::Graph::new(&WORKFLOW);
        g.set("6", "text_g", &input.prompt);
        g.set("6", "text_l", &input.prompt);
        g.set("15", "text", &input.prompt);
        g.set("7", "text_g", &input.negative_prompt);
        g.set("7", "text_l", &input.negative_prompt);
        g.set("16", "text", &input.negative_prompt);
        g.set("5", "width", &input.width);
        g.set("6", "width", &input.width);
        g.set("6", "target_width", &input.width);
        g.set("7", "width", &input.width);
        g.set("7", "target_width", &input.width);
        g.set("15", "width", &input.width);
        g.set("16", "width", &input.width);
        g.set("5", "height", &input.height);
        g.set("6", "height", &input.height);
        g.set("6", "target_height", &input.height);
        g.set("7", "height", &input.height);
        g.set("7", "target_height", &input.height);
        g.set("15", "height", &input.height);
        g.set("16", "height", &input.height);
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
            g.set("10", "noise_seed", &value);
            g.set("11", "noise_seed", &value);
        }
        g.set("10", "steps", &input.steps);
        g.set("11", "steps", &input.steps);
        g.set("10", "end_at_step", &input.refiner_start);
        g.set("11", "start_at_step", &input.refiner_start);
        g.set("10", "cfg", &input.cfg);
        g.set("11", "cfg", &input.cfg);
        g.set("10", "sampler_name", &input.sampler_name);
        g.set("11", "sampler_name", &input.sampler_name);
        g.set("10", "scheduler", &input.scheduler);
        g.set("11", "scheduler", &input.scheduler);
        g.set("15", "ascore", &input.aesthetic_score);
        g.set("4", "ckpt_name", &input.base_checkpoint);
        g.set("12", "ckpt_name", &input.refiner_checkpoint);
        g
    }
}
