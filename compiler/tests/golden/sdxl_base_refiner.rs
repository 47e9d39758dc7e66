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
        ::wfc_runtime::serde_json::from_str(
                <SdxlBaseRefiner as ::wfc_runtime::Workflow>::META.input_schema,
            )
            .expect("the schema wfc emitted is JSON")
    }
}
impl ::wfc_runtime::Workflow for SdxlBaseRefiner {
    type Input = SdxlBaseRefinerInput;
    const META: ::wfc_runtime::EndpointMeta = ::wfc_runtime::EndpointMeta {
        name: "sdxl_base_refiner",
        type_name: "SdxlBaseRefiner",
        method: "POST",
        path: "/workflows/sdxl/base_refiner",
        summary: ::std::option::Option::Some("Text to image (SDXL 1.0 base + refiner)"),
        description: ::std::option::Option::Some(
            "Generates images with SDXL 1.0 in two stages: the base model runs the first `refiner_start` steps and hands its still-noisy latent to the refiner, which finishes the remaining steps and sharpens fine detail. One prompt drives both models. SDXL is trained around one megapixel: 1024x1024, 1152x896, 1216x832 or 1344x768 (and their transposes) work best.",
        ),
        tags: &["sdxl", "txt2img"],
        outputs: &[
            ::wfc_runtime::OutputMeta {
                name: "images",
                description: ::std::option::Option::Some(
                    "The refined images (PNG), one per batch item.",
                ),
                kind: "image",
                nodes: &[
                    ::wfc_runtime::NodeRef {
                        id: "19",
                        class_type: "SaveImage",
                    },
                ],
            },
        ],
        bindings: &[
            ::wfc_runtime::FieldBinding {
                field: "prompt",
                node: "6",
                input: "text_g",
            },
            ::wfc_runtime::FieldBinding {
                field: "prompt",
                node: "6",
                input: "text_l",
            },
            ::wfc_runtime::FieldBinding {
                field: "prompt",
                node: "15",
                input: "text",
            },
            ::wfc_runtime::FieldBinding {
                field: "negative_prompt",
                node: "7",
                input: "text_g",
            },
            ::wfc_runtime::FieldBinding {
                field: "negative_prompt",
                node: "7",
                input: "text_l",
            },
            ::wfc_runtime::FieldBinding {
                field: "negative_prompt",
                node: "16",
                input: "text",
            },
            ::wfc_runtime::FieldBinding {
                field: "width",
                node: "5",
                input: "width",
            },
            ::wfc_runtime::FieldBinding {
                field: "width",
                node: "6",
                input: "width",
            },
            ::wfc_runtime::FieldBinding {
                field: "width",
                node: "6",
                input: "target_width",
            },
            ::wfc_runtime::FieldBinding {
                field: "width",
                node: "7",
                input: "width",
            },
            ::wfc_runtime::FieldBinding {
                field: "width",
                node: "7",
                input: "target_width",
            },
            ::wfc_runtime::FieldBinding {
                field: "width",
                node: "15",
                input: "width",
            },
            ::wfc_runtime::FieldBinding {
                field: "width",
                node: "16",
                input: "width",
            },
            ::wfc_runtime::FieldBinding {
                field: "height",
                node: "5",
                input: "height",
            },
            ::wfc_runtime::FieldBinding {
                field: "height",
                node: "6",
                input: "height",
            },
            ::wfc_runtime::FieldBinding {
                field: "height",
                node: "6",
                input: "target_height",
            },
            ::wfc_runtime::FieldBinding {
                field: "height",
                node: "7",
                input: "height",
            },
            ::wfc_runtime::FieldBinding {
                field: "height",
                node: "7",
                input: "target_height",
            },
            ::wfc_runtime::FieldBinding {
                field: "height",
                node: "15",
                input: "height",
            },
            ::wfc_runtime::FieldBinding {
                field: "height",
                node: "16",
                input: "height",
            },
            ::wfc_runtime::FieldBinding {
                field: "batch_size",
                node: "5",
                input: "batch_size",
            },
            ::wfc_runtime::FieldBinding {
                field: "seed",
                node: "10",
                input: "noise_seed",
            },
            ::wfc_runtime::FieldBinding {
                field: "seed",
                node: "11",
                input: "noise_seed",
            },
            ::wfc_runtime::FieldBinding {
                field: "steps",
                node: "10",
                input: "steps",
            },
            ::wfc_runtime::FieldBinding {
                field: "steps",
                node: "11",
                input: "steps",
            },
            ::wfc_runtime::FieldBinding {
                field: "refiner_start",
                node: "10",
                input: "end_at_step",
            },
            ::wfc_runtime::FieldBinding {
                field: "refiner_start",
                node: "11",
                input: "start_at_step",
            },
            ::wfc_runtime::FieldBinding {
                field: "cfg",
                node: "10",
                input: "cfg",
            },
            ::wfc_runtime::FieldBinding {
                field: "cfg",
                node: "11",
                input: "cfg",
            },
            ::wfc_runtime::FieldBinding {
                field: "sampler_name",
                node: "10",
                input: "sampler_name",
            },
            ::wfc_runtime::FieldBinding {
                field: "sampler_name",
                node: "11",
                input: "sampler_name",
            },
            ::wfc_runtime::FieldBinding {
                field: "scheduler",
                node: "10",
                input: "scheduler",
            },
            ::wfc_runtime::FieldBinding {
                field: "scheduler",
                node: "11",
                input: "scheduler",
            },
            ::wfc_runtime::FieldBinding {
                field: "aesthetic_score",
                node: "15",
                input: "ascore",
            },
            ::wfc_runtime::FieldBinding {
                field: "base_checkpoint",
                node: "4",
                input: "ckpt_name",
            },
            ::wfc_runtime::FieldBinding {
                field: "refiner_checkpoint",
                node: "12",
                input: "ckpt_name",
            },
        ],
        input_schema: "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"additionalProperties\":false,\"description\":\"Input of /workflows/sdxl/base_refiner (Text to image (SDXL 1.0 base + refiner)).\",\"properties\":{\"aesthetic_score\":{\"default\":6.0,\"description\":\"Aesthetic score the refiner is conditioned on (the LAION aesthetic scale); 6 is the usual value.\",\"maximum\":10.0,\"minimum\":1.0,\"type\":\"number\"},\"base_checkpoint\":{\"default\":\"sd_xl_base_1.0.safetensors\",\"description\":\"SDXL base checkpoint in ComfyUI's `models/checkpoints` folder.\",\"type\":\"string\"},\"batch_size\":{\"default\":1,\"description\":\"How many images to generate in one run.\",\"maximum\":4,\"minimum\":1,\"type\":\"integer\"},\"cfg\":{\"default\":7.5,\"description\":\"Classifier-free guidance scale for both stages.\",\"maximum\":20.0,\"minimum\":1.0,\"type\":\"number\"},\"height\":{\"default\":1024,\"description\":\"Image height in pixels.\",\"maximum\":2048,\"minimum\":512,\"multipleOf\":64,\"type\":\"integer\"},\"negative_prompt\":{\"default\":\"text, watermark, blurry, lowres, deformed\",\"description\":\"What to keep out of the image.\",\"maxLength\":2000,\"type\":\"string\"},\"prompt\":{\"description\":\"What to draw.\",\"examples\":[\"a cinematic photo of an astronaut riding a horse on the moon, dramatic lighting, 35mm\"],\"maxLength\":2000,\"minLength\":1,\"type\":\"string\"},\"refiner_checkpoint\":{\"default\":\"sd_xl_refiner_1.0.safetensors\",\"description\":\"SDXL refiner checkpoint in ComfyUI's `models/checkpoints` folder.\",\"type\":\"string\"},\"refiner_start\":{\"default\":20,\"description\":\"Step at which the refiner takes over; keep it below `steps`. About 80% of `steps` is typical. A value of `steps` or more skips the refiner.\",\"maximum\":100,\"minimum\":1,\"type\":\"integer\"},\"sampler_name\":{\"default\":\"dpmpp_2m\",\"description\":\"Sampling algorithm for both stages.\",\"enum\":[\"euler\",\"euler_ancestral\",\"heun\",\"dpmpp_2s_ancestral\",\"dpmpp_sde\",\"dpmpp_2m\",\"dpmpp_2m_sde\",\"dpmpp_3m_sde\",\"ddim\",\"uni_pc\"],\"type\":\"string\"},\"scheduler\":{\"default\":\"karras\",\"description\":\"Noise schedule for both stages.\",\"enum\":[\"normal\",\"karras\",\"exponential\",\"sgm_uniform\",\"simple\"],\"type\":\"string\"},\"seed\":{\"description\":\"Noise seed, shared by both stages. Omit it for a random one. A random value when omitted.\",\"maximum\":18446744073709551615,\"minimum\":0,\"type\":\"integer\"},\"steps\":{\"default\":25,\"description\":\"Total number of sampling steps over both stages.\",\"maximum\":100,\"minimum\":2,\"type\":\"integer\"},\"width\":{\"default\":1024,\"description\":\"Image width in pixels.\",\"maximum\":2048,\"minimum\":512,\"multipleOf\":64,\"type\":\"integer\"}},\"required\":[\"prompt\"],\"title\":\"SdxlBaseRefinerInput\",\"type\":\"object\"}",
        operation: "{\"description\":\"Generates images with SDXL 1.0 in two stages: the base model runs the first `refiner_start` steps and hands its still-noisy latent to the refiner, which finishes the remaining steps and sharpens fine detail. One prompt drives both models. SDXL is trained around one megapixel: 1024x1024, 1152x896, 1216x832 or 1344x768 (and their transposes) work best.\",\"operationId\":\"sdxl_base_refiner\",\"parameters\":[{\"description\":\"Validate the request and return the ComfyUI graph it would run, without running it.\",\"in\":\"query\",\"name\":\"dry_run\",\"required\":false,\"schema\":{\"default\":false,\"type\":\"boolean\"}}],\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/SdxlBaseRefinerRequest\"}}},\"required\":true},\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"oneOf\":[{\"$ref\":\"#/components/schemas/SdxlBaseRefinerResponse\"},{\"$ref\":\"#/components/schemas/DryRun\"}]}},\"application/octet-stream\":{},\"image/jpeg\":{},\"image/png\":{},\"image/webp\":{}},\"description\":\"The outputs, as JSON (or, with `dry_run=true`, the graph the request would run); with `Accept: image/*` or `application/octet-stream` and a single output file, that file's bytes.\"},\"400\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is not JSON.\"},\"404\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"No such endpoint.\"},\"406\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"Raw bytes were asked for, but the run produced several files.\"},\"413\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is over MAX_BODY_SIZE_MB.\"},\"422\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The request breaks the endpoint's schema; `errors` lists every violation with its JSON pointer.\"},\"500\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"A node failed while running (`node_id`, `node_type`, `exception_type`, `exception_message`), or the run was interrupted.\"},\"501\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"`webhook` was given; webhook delivery is not implemented.\"},\"502\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI rejected the workflow for a reason no request field explains (`node_errors`), or answered something unexpected.\"},\"503\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI is not reachable.\"},\"504\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"REQUEST_TIMEOUT_S passed; the prompt was removed from ComfyUI's queue or interrupted.\"}},\"summary\":\"Text to image (SDXL 1.0 base + refiner)\",\"tags\":[\"sdxl\",\"txt2img\"],\"x-wfc-outputs\":[{\"description\":\"The refined images (PNG), one per batch item.\",\"name\":\"images\",\"nodes\":[{\"class_type\":\"SaveImage\",\"id\":\"19\",\"kind\":\"image\"}]}]}",
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
                    ::wfc_runtime::validate::Bound::Int(512i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(2048i128),
                ),
                multiple_of: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(64i128),
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
                    ::wfc_runtime::validate::Bound::Int(512i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(2048i128),
                ),
                multiple_of: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(64i128),
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
                    ::wfc_runtime::validate::Bound::Int(4i128),
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
                    ::wfc_runtime::validate::Bound::Int(2i128),
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
                name: "refiner_start",
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
                        "\"dpmpp_2s_ancestral\"",
                        "\"dpmpp_sde\"",
                        "\"dpmpp_2m\"",
                        "\"dpmpp_2m_sde\"",
                        "\"dpmpp_3m_sde\"",
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
                    ],
                ),
            },
            ::wfc_runtime::FieldRule {
                name: "aesthetic_score",
                ty: ::wfc_runtime::Ty::Number,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Float(1f64),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Float(10f64),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "base_checkpoint",
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
            ::wfc_runtime::FieldRule {
                name: "refiner_checkpoint",
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
