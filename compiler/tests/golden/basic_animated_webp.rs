// Generated from specs/basic/animated_webp.yaml by `wfc::emit::endpoint_tokens`; see tests/golden.rs.
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/object_info.json")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/basic/animated_webp.yaml")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/basic/animated_webp.json")
);
///Input of `POST /workflows/basic/animated_webp`: Animated WEBP from solid frames.
#[derive(
    Clone,
    Debug,
    PartialEq,
    ::wfc_runtime::serde::Serialize,
    ::wfc_runtime::serde::Deserialize
)]
#[serde(crate = "::wfc_runtime::serde", deny_unknown_fields)]
pub struct BasicAnimatedWebpInput {
    ///Frame width in pixels.
    #[serde(default = "BasicAnimatedWebpInput::default_width")]
    pub width: u64,
    ///Frame height in pixels.
    #[serde(default = "BasicAnimatedWebpInput::default_height")]
    pub height: u64,
    ///Number of frames.
    #[serde(default = "BasicAnimatedWebpInput::default_frames")]
    pub frames: u64,
    ///Frame color as a 24-bit RGB integer 0xRRGGBB.
    #[serde(default = "BasicAnimatedWebpInput::default_color")]
    pub color: u64,
    ///Frames per second.
    #[serde(default = "BasicAnimatedWebpInput::default_fps")]
    pub fps: f64,
    ///Encode losslessly (larger files); `quality` then sets the compression effort.
    #[serde(default = "BasicAnimatedWebpInput::default_lossless")]
    pub lossless: bool,
    ///Quality of lossy encoding, 0 to 100.
    #[serde(default = "BasicAnimatedWebpInput::default_quality")]
    pub quality: u64,
    ///Encoder speed versus size trade-off.
    #[serde(default = "BasicAnimatedWebpInput::default_method")]
    pub method: ::std::string::String,
    ///Prefix of the saved file name in ComfyUI's output folder.
    #[serde(default = "BasicAnimatedWebpInput::default_filename_prefix")]
    pub filename_prefix: ::std::string::String,
}
impl BasicAnimatedWebpInput {
    fn default_width() -> u64 {
        256u64
    }
    fn default_height() -> u64 {
        256u64
    }
    fn default_frames() -> u64 {
        8u64
    }
    fn default_color() -> u64 {
        11141290u64
    }
    fn default_fps() -> f64 {
        6f64
    }
    fn default_lossless() -> bool {
        false
    }
    fn default_quality() -> u64 {
        80u64
    }
    fn default_method() -> ::std::string::String {
        ::std::string::String::from("default")
    }
    fn default_filename_prefix() -> ::std::string::String {
        ::std::string::String::from("basic/animated")
    }
}
impl ::wfc_runtime::schemars::JsonSchema for BasicAnimatedWebpInput {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed("BasicAnimatedWebpInput")
    }
    fn json_schema(
        _: &mut ::wfc_runtime::schemars::SchemaGenerator,
    ) -> ::wfc_runtime::schemars::Schema {
        ::wfc_runtime::serde_json::from_str(
                <BasicAnimatedWebp as ::wfc_runtime::Workflow>::META.input_schema,
            )
            .expect("the schema wfc emitted is JSON")
    }
}
impl ::wfc_runtime::Workflow for BasicAnimatedWebp {
    type Input = BasicAnimatedWebpInput;
    const META: ::wfc_runtime::EndpointMeta = ::wfc_runtime::EndpointMeta {
        name: "basic_animated_webp",
        type_name: "BasicAnimatedWebp",
        method: "POST",
        path: "/workflows/basic/animated_webp",
        summary: ::std::option::Option::Some("Animated WEBP from solid frames"),
        description: ::std::option::Option::Some(
            "Makes a batch of solid-color frames and saves them as one animated WEBP (EmptyImage, then SaveAnimatedWEBP). Needs no model files; the result is reported by ComfyUI with `animated: [true]`, so this endpoint tests the non-PNG, animated output path.",
        ),
        tags: &["basic", "test"],
        outputs: &[
            ::wfc_runtime::OutputMeta {
                name: "animation",
                description: ::std::option::Option::Some("The animated WEBP file."),
                kind: "animated_image",
                nodes: &[
                    ::wfc_runtime::NodeRef {
                        id: "2",
                        class_type: "SaveAnimatedWEBP",
                    },
                ],
            },
        ],
        bindings: &[
            ::wfc_runtime::FieldBinding {
                field: "width",
                node: "1",
                input: "width",
            },
            ::wfc_runtime::FieldBinding {
                field: "height",
                node: "1",
                input: "height",
            },
            ::wfc_runtime::FieldBinding {
                field: "frames",
                node: "1",
                input: "batch_size",
            },
            ::wfc_runtime::FieldBinding {
                field: "color",
                node: "1",
                input: "color",
            },
            ::wfc_runtime::FieldBinding {
                field: "fps",
                node: "2",
                input: "fps",
            },
            ::wfc_runtime::FieldBinding {
                field: "lossless",
                node: "2",
                input: "lossless",
            },
            ::wfc_runtime::FieldBinding {
                field: "quality",
                node: "2",
                input: "quality",
            },
            ::wfc_runtime::FieldBinding {
                field: "method",
                node: "2",
                input: "method",
            },
            ::wfc_runtime::FieldBinding {
                field: "filename_prefix",
                node: "2",
                input: "filename_prefix",
            },
        ],
        input_schema: "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"additionalProperties\":false,\"description\":\"Input of /workflows/basic/animated_webp (Animated WEBP from solid frames).\",\"properties\":{\"color\":{\"default\":11141290,\"description\":\"Frame color as a 24-bit RGB integer 0xRRGGBB.\",\"maximum\":16777215,\"minimum\":0,\"type\":\"integer\"},\"filename_prefix\":{\"default\":\"basic/animated\",\"description\":\"Prefix of the saved file name in ComfyUI's output folder.\",\"maxLength\":64,\"minLength\":1,\"pattern\":\"^[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_-]*)*$\",\"type\":\"string\"},\"fps\":{\"default\":6.0,\"description\":\"Frames per second.\",\"maximum\":60.0,\"minimum\":1.0,\"type\":\"number\"},\"frames\":{\"default\":8,\"description\":\"Number of frames.\",\"maximum\":120,\"minimum\":1,\"type\":\"integer\"},\"height\":{\"default\":256,\"description\":\"Frame height in pixels.\",\"maximum\":2048,\"minimum\":1,\"type\":\"integer\"},\"lossless\":{\"default\":false,\"description\":\"Encode losslessly (larger files); `quality` then sets the compression effort.\",\"type\":\"boolean\"},\"method\":{\"default\":\"default\",\"description\":\"Encoder speed versus size trade-off.\",\"enum\":[\"default\",\"fastest\",\"slowest\"],\"type\":\"string\"},\"quality\":{\"default\":80,\"description\":\"Quality of lossy encoding, 0 to 100.\",\"maximum\":100,\"minimum\":0,\"type\":\"integer\"},\"width\":{\"default\":256,\"description\":\"Frame width in pixels.\",\"maximum\":2048,\"minimum\":1,\"type\":\"integer\"}},\"required\":[],\"title\":\"BasicAnimatedWebpInput\",\"type\":\"object\"}",
        operation: "{\"description\":\"Makes a batch of solid-color frames and saves them as one animated WEBP (EmptyImage, then SaveAnimatedWEBP). Needs no model files; the result is reported by ComfyUI with `animated: [true]`, so this endpoint tests the non-PNG, animated output path.\",\"operationId\":\"basic_animated_webp\",\"parameters\":[{\"description\":\"Validate the request and return the ComfyUI graph it would run, without running it.\",\"in\":\"query\",\"name\":\"dry_run\",\"required\":false,\"schema\":{\"default\":false,\"type\":\"boolean\"}}],\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/BasicAnimatedWebpRequest\"}}},\"required\":true},\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"oneOf\":[{\"$ref\":\"#/components/schemas/BasicAnimatedWebpResponse\"},{\"$ref\":\"#/components/schemas/DryRun\"}]}},\"application/octet-stream\":{},\"image/jpeg\":{},\"image/png\":{},\"image/webp\":{}},\"description\":\"The outputs, as JSON (or, with `dry_run=true`, the graph the request would run); with `Accept: image/*` or `application/octet-stream` and a single output file, that file's bytes.\"},\"400\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is not JSON.\"},\"404\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"No such endpoint.\"},\"406\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"Raw bytes were asked for, but the run produced several files.\"},\"413\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is over MAX_BODY_SIZE_MB.\"},\"422\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The request breaks the endpoint's schema; `errors` lists every violation with its JSON pointer.\"},\"500\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"A node failed while running (`node_id`, `node_type`, `exception_type`, `exception_message`), or the run was interrupted.\"},\"501\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"`webhook` was given; webhook delivery is not implemented.\"},\"502\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI rejected the workflow for a reason no request field explains (`node_errors`), or answered something unexpected.\"},\"503\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI is not reachable.\"},\"504\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"REQUEST_TIMEOUT_S passed; the prompt was removed from ComfyUI's queue or interrupted.\"}},\"summary\":\"Animated WEBP from solid frames\",\"tags\":[\"basic\",\"test\"],\"x-wfc-outputs\":[{\"description\":\"The animated WEBP file.\",\"name\":\"animation\",\"nodes\":[{\"class_type\":\"SaveAnimatedWEBP\",\"id\":\"2\",\"kind\":\"animated_image\"}]}]}",
    };
    fn parse(
        input: &::wfc_runtime::serde_json::Value,
    ) -> ::std::result::Result<Self::Input, ::std::vec::Vec<::wfc_runtime::Violation>> {
        static FIELDS: &[::wfc_runtime::FieldRule] = &[
            ::wfc_runtime::FieldRule {
                name: "width",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(1i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(2048i128),
                ),
                multiple_of: ::std::option::Option::None,
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
                    ::wfc_runtime::validate::Bound::Int(1i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(2048i128),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "frames",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(1i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(120i128),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "color",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(0i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(16777215i128),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "fps",
                ty: ::wfc_runtime::Ty::Number,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Float(1f64),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Float(60f64),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "lossless",
                ty: ::wfc_runtime::Ty::Boolean,
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
                name: "quality",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(0i128),
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
                name: "method",
                ty: ::wfc_runtime::Ty::String,
                required: false,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::Some(
                    &["\"default\"", "\"fastest\"", "\"slowest\""],
                ),
            },
            ::wfc_runtime::FieldRule {
                name: "filename_prefix",
                ty: ::wfc_runtime::Ty::String,
                required: false,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::Some(1u64),
                max_length: ::std::option::Option::Some(64u64),
                pattern: ::std::option::Option::Some(
                    "^[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_-]*)*$",
                ),
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
                    "{\"1\":{\"_meta\":{\"title\":\"Frames\"},\"class_type\":\"EmptyImage\",\"inputs\":{\"batch_size\":8,\"color\":11141290,\"height\":256,\"width\":256}},\"2\":{\"_meta\":{\"title\":\"Save animated WEBP\"},\"class_type\":\"SaveAnimatedWEBP\",\"inputs\":{\"filename_prefix\":\"basic/animated\",\"fps\":6.0,\"images\":[\"1\",0],\"lossless\":false,\"method\":\"default\",\"quality\":80}}}",
                )
                .expect("the workflow wfc embedded is JSON")
        });
        let mut g = ::wfc_runtime::Graph::new(&WORKFLOW);
        g.set("1", "width", &input.width);
        g.set("1", "height", &input.height);
        g.set("1", "batch_size", &input.frames);
        g.set("1", "color", &input.color);
        g.set("2", "fps", &input.fps);
        g.set("2", "lossless", &input.lossless);
        g.set("2", "quality", &input.quality);
        g.set("2", "method", &input.method);
        g.set("2", "filename_prefix", &input.filename_prefix);
        g
    }
}
