// Generated from specs/flux/schnell.yaml by `wfc::emit::endpoint_tokens`; see tests/golden.rs.
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/object_info.json")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/flux/schnell.yaml")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/flux/schnell.json")
);
///Input of `POST /workflows/flux/schnell`: Text to image (FLUX.1 schnell).
#[derive(
    Clone,
    Debug,
    PartialEq,
    ::wfc_runtime::serde::Serialize,
    ::wfc_runtime::serde::Deserialize
)]
#[serde(crate = "::wfc_runtime::serde", deny_unknown_fields)]
pub struct FluxSchnellInput {
    ///What to draw, in plain sentences.
    pub prompt: ::std::string::String,
    ///Image width in pixels.
    #[serde(default = "FluxSchnellInput::default_width")]
    pub width: u64,
    ///Image height in pixels.
    #[serde(default = "FluxSchnellInput::default_height")]
    pub height: u64,
    ///How many images to generate in one run.
    #[serde(default = "FluxSchnellInput::default_batch_size")]
    pub batch_size: u64,
    ///Noise seed. Omit it for a random one.
    #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
    pub seed: ::std::option::Option<u64>,
    ///Number of sampling steps; schnell is distilled for 4, more rarely helps.
    #[serde(default = "FluxSchnellInput::default_steps")]
    pub steps: u64,
    ///FLUX.1 schnell weights in ComfyUI's `models/diffusion_models` folder.
    #[serde(default = "FluxSchnellInput::default_unet_name")]
    pub unet_name: ::std::string::String,
    ///The FLUX autoencoder in ComfyUI's `models/vae` folder.
    #[serde(default = "FluxSchnellInput::default_vae_name")]
    pub vae_name: ::std::string::String,
    ///Precision to load the weights in; the fp8 types halve memory use at a small cost in quality.
    #[serde(default = "FluxSchnellInput::default_weight_dtype")]
    pub weight_dtype: ::std::string::String,
}
impl FluxSchnellInput {
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
        4u64
    }
    fn default_unet_name() -> ::std::string::String {
        ::std::string::String::from("flux1-schnell.safetensors")
    }
    fn default_vae_name() -> ::std::string::String {
        ::std::string::String::from("ae.safetensors")
    }
    fn default_weight_dtype() -> ::std::string::String {
        ::std::string::String::from("default")
    }
}
impl ::wfc_runtime::schemars::JsonSchema for FluxSchnellInput {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed("FluxSchnellInput")
    }
    fn json_schema(
        _: &mut ::wfc_runtime::schemars::SchemaGenerator,
    ) -> ::wfc_runtime::schemars::Schema {
        ::wfc_runtime::serde_json::from_str(
                <FluxSchnell as ::wfc_runtime::Workflow>::META.input_schema,
            )
            .expect("the schema wfc emitted is JSON")
    }
}
impl ::wfc_runtime::Workflow for FluxSchnell {
    type Input = FluxSchnellInput;
    const META: ::wfc_runtime::EndpointMeta = ::wfc_runtime::EndpointMeta {
        name: "flux_schnell",
        type_name: "FluxSchnell",
        method: "POST",
        path: "/workflows/flux/schnell",
        summary: ::std::option::Option::Some("Text to image (FLUX.1 schnell)"),
        description: ::std::option::Option::Some(
            "Generates images from a text prompt with FLUX.1 [schnell], a guidance-distilled model that produces good images in 1 to 4 steps. It ignores negative prompts and CFG, so neither is exposed. Natural-language prompts work better than tag lists. Works well from 0.5 to 2 megapixels.",
        ),
        tags: &["flux", "txt2img"],
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
                field: "unet_name",
                node: "10",
                input: "unet_name",
            },
            ::wfc_runtime::FieldBinding {
                field: "vae_name",
                node: "12",
                input: "vae_name",
            },
            ::wfc_runtime::FieldBinding {
                field: "weight_dtype",
                node: "10",
                input: "weight_dtype",
            },
        ],
        input_schema: "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"additionalProperties\":false,\"description\":\"Input of /workflows/flux/schnell (Text to image (FLUX.1 schnell)).\",\"properties\":{\"batch_size\":{\"default\":1,\"description\":\"How many images to generate in one run.\",\"maximum\":4,\"minimum\":1,\"type\":\"integer\"},\"height\":{\"default\":1024,\"description\":\"Image height in pixels.\",\"maximum\":2048,\"minimum\":256,\"multipleOf\":16,\"type\":\"integer\"},\"prompt\":{\"description\":\"What to draw, in plain sentences.\",\"examples\":[\"a cozy cabin in a snowy forest at dusk, warm light in the windows, photograph\"],\"maxLength\":4000,\"minLength\":1,\"type\":\"string\"},\"seed\":{\"description\":\"Noise seed. Omit it for a random one. A random value when omitted.\",\"maximum\":18446744073709551615,\"minimum\":0,\"type\":\"integer\"},\"steps\":{\"default\":4,\"description\":\"Number of sampling steps; schnell is distilled for 4, more rarely helps.\",\"maximum\":12,\"minimum\":1,\"type\":\"integer\"},\"unet_name\":{\"default\":\"flux1-schnell.safetensors\",\"description\":\"FLUX.1 schnell weights in ComfyUI's `models/diffusion_models` folder.\",\"type\":\"string\"},\"vae_name\":{\"default\":\"ae.safetensors\",\"description\":\"The FLUX autoencoder in ComfyUI's `models/vae` folder.\",\"type\":\"string\"},\"weight_dtype\":{\"default\":\"default\",\"description\":\"Precision to load the weights in; the fp8 types halve memory use at a small cost in quality.\",\"enum\":[\"default\",\"fp8_e4m3fn\",\"fp8_e4m3fn_fast\",\"fp8_e5m2\"],\"type\":\"string\"},\"width\":{\"default\":1024,\"description\":\"Image width in pixels.\",\"maximum\":2048,\"minimum\":256,\"multipleOf\":16,\"type\":\"integer\"}},\"required\":[\"prompt\"],\"title\":\"FluxSchnellInput\",\"type\":\"object\"}",
        operation: "{\"description\":\"Generates images from a text prompt with FLUX.1 [schnell], a guidance-distilled model that produces good images in 1 to 4 steps. It ignores negative prompts and CFG, so neither is exposed. Natural-language prompts work better than tag lists. Works well from 0.5 to 2 megapixels.\",\"operationId\":\"flux_schnell\",\"parameters\":[{\"description\":\"Validate the request and return the ComfyUI graph it would run, without running it.\",\"in\":\"query\",\"name\":\"dry_run\",\"required\":false,\"schema\":{\"default\":false,\"type\":\"boolean\"}}],\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/FluxSchnellRequest\"}}},\"required\":true},\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"oneOf\":[{\"$ref\":\"#/components/schemas/FluxSchnellResponse\"},{\"$ref\":\"#/components/schemas/DryRun\"}]}},\"application/octet-stream\":{},\"image/jpeg\":{},\"image/png\":{},\"image/webp\":{}},\"description\":\"The outputs, as JSON (or, with `dry_run=true`, the graph the request would run); with `Accept: image/*` or `application/octet-stream` and a single output file, that file's bytes.\"},\"400\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is not JSON.\"},\"404\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"No such endpoint.\"},\"406\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"Raw bytes were asked for, but the run produced several files.\"},\"413\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is over MAX_BODY_SIZE_MB.\"},\"422\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The request breaks the endpoint's schema; `errors` lists every violation with its JSON pointer.\"},\"500\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"A node failed while running (`node_id`, `node_type`, `exception_type`, `exception_message`), or the run was interrupted.\"},\"501\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"`webhook` was given; webhook delivery is not implemented.\"},\"502\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI rejected the workflow for a reason no request field explains (`node_errors`), or answered something unexpected.\"},\"503\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI is not reachable.\"},\"504\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"REQUEST_TIMEOUT_S passed; the prompt was removed from ComfyUI's queue or interrupted.\"}},\"summary\":\"Text to image (FLUX.1 schnell)\",\"tags\":[\"flux\",\"txt2img\"],\"x-wfc-outputs\":[{\"description\":\"The generated images (PNG), one per batch item.\",\"name\":\"images\",\"nodes\":[{\"class_type\":\"SaveImage\",\"id\":\"9\",\"kind\":\"image\"}]}]}",
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
                max_length: ::std::option::Option::Some(4000u64),
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
                    ::wfc_runtime::validate::Bound::Int(2048i128),
                ),
                multiple_of: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(16i128),
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
                    ::wfc_runtime::validate::Bound::Int(2048i128),
                ),
                multiple_of: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(16i128),
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
                    ::wfc_runtime::validate::Bound::Int(1i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(12i128),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "unet_name",
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
                name: "vae_name",
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
                name: "weight_dtype",
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
                        "\"default\"",
                        "\"fp8_e4m3fn\"",
                        "\"fp8_e4m3fn_fast\"",
                        "\"fp8_e5m2\"",
                    ],
                ),
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
                    "{\"10\":{\"_meta\":{\"title\":\"Load Diffusion Model\"},\"class_type\":\"UNETLoader\",\"inputs\":{\"unet_name\":\"flux1-schnell.safetensors\",\"weight_dtype\":\"default\"}},\"11\":{\"_meta\":{\"title\":\"DualCLIPLoader\"},\"class_type\":\"DualCLIPLoader\",\"inputs\":{\"clip_name1\":\"clip_l.safetensors\",\"clip_name2\":\"t5xxl_fp8_e4m3fn.safetensors\",\"type\":\"flux\"}},\"12\":{\"_meta\":{\"title\":\"Load VAE\"},\"class_type\":\"VAELoader\",\"inputs\":{\"vae_name\":\"ae.safetensors\"}},\"3\":{\"_meta\":{\"title\":\"KSampler\"},\"class_type\":\"KSampler\",\"inputs\":{\"cfg\":1.0,\"denoise\":1.0,\"latent_image\":[\"5\",0],\"model\":[\"10\",0],\"negative\":[\"7\",0],\"positive\":[\"6\",0],\"sampler_name\":\"euler\",\"scheduler\":\"simple\",\"seed\":972054013131368,\"steps\":4}},\"5\":{\"_meta\":{\"title\":\"Empty Latent Image\"},\"class_type\":\"EmptySD3LatentImage\",\"inputs\":{\"batch_size\":1,\"height\":1024,\"width\":1024}},\"6\":{\"_meta\":{\"title\":\"Prompt\"},\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"clip\":[\"11\",0],\"text\":\"a cozy cabin in a snowy forest at dusk, warm light in the windows, photograph\"}},\"7\":{\"_meta\":{\"title\":\"Empty negative\"},\"class_type\":\"ConditioningZeroOut\",\"inputs\":{\"conditioning\":[\"6\",0]}},\"8\":{\"_meta\":{\"title\":\"VAE Decode\"},\"class_type\":\"VAEDecode\",\"inputs\":{\"samples\":[\"3\",0],\"vae\":[\"12\",0]}},\"9\":{\"_meta\":{\"title\":\"Save Image\"},\"class_type\":\"SaveImage\",\"inputs\":{\"filename_prefix\":\"flux/schnell\",\"images\":[\"8\",0]}}}",
                )
                .expect("the workflow wfc embedded is JSON")
        });
        let mut g = ::wfc_runtime::Graph::new(&WORKFLOW);
        g.set("6", "text", &input.prompt);
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
        g.set("10", "unet_name", &input.unet_name);
        g.set("12", "vae_name", &input.vae_name);
        g.set("10", "weight_dtype", &input.weight_dtype);
        g
    }
}
