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
        let schema = ::wfc_runtime::contract::schema::input_schema(
            <BasicAnimatedWebp as ::wfc_runtime::Workflow>::endpoint(),
        );
        ::wfc_runtime::serde_json::from_value(schema)
            .expect("an input schema is a JSON Schema")
    }
}
impl ::wfc_runtime::Workflow for BasicAnimatedWebp {
    type Input = BasicAnimatedWebpInput;
    fn endpoint() -> &'static ::wfc_runtime::Endpoint {
        static ENDPOINT: ::std::sync::LazyLock<::wfc_runtime::Endpoint> = ::std::sync::LazyLock::new(||
        ::wfc_runtime::contract::Endpoint {
            name: ::std::string::String::from("basic_animated_webp"),
            method: ::wfc_runtime::contract::Method::Post,
            path: ::std::string::String::from("/workflows/basic/animated_webp"),
            summary: ::std::option::Option::Some(
                ::std::string::String::from("Animated WEBP from solid frames"),
            ),
            description: ::std::option::Option::Some(
                ::std::string::String::from(
                    "Makes a batch of solid-color frames and saves them as one animated WEBP (EmptyImage, then SaveAnimatedWEBP). Needs no model files; the result is reported by ComfyUI with `animated: [true]`, so this endpoint tests the non-PNG, animated output path.",
                ),
            ),
            tags: ::std::vec::Vec::from([
                ::std::string::String::from("basic"),
                ::std::string::String::from("test"),
            ]),
            fields: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("width"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("Frame width in pixels."),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(256i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(1i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(2048i128),
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
                            node: ::std::string::String::from("1"),
                            input: ::std::string::String::from("width"),
                            class_type: ::std::string::String::from("EmptyImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("height"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("Frame height in pixels."),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(256i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(1i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(2048i128),
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
                            node: ::std::string::String::from("1"),
                            input: ::std::string::String::from("height"),
                            class_type: ::std::string::String::from("EmptyImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("frames"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("Number of frames."),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(8i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(1i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(120i128),
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
                            node: ::std::string::String::from("1"),
                            input: ::std::string::String::from("batch_size"),
                            class_type: ::std::string::String::from("EmptyImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("color"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Frame color as a 24-bit RGB integer 0xRRGGBB.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(11141290i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(0i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(16777215i128),
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
                            node: ::std::string::String::from("1"),
                            input: ::std::string::String::from("color"),
                            class_type: ::std::string::String::from("EmptyImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("fps"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("Frames per second."),
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
                            ::wfc_runtime::contract::Number::Float(60f64),
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
                            node: ::std::string::String::from("2"),
                            input: ::std::string::String::from("fps"),
                            class_type: ::std::string::String::from("SaveAnimatedWEBP"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("lossless"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Encode losslessly (larger files); `quality` then sets the compression effort.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Bool(false),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Boolean,
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
                            node: ::std::string::String::from("2"),
                            input: ::std::string::String::from("lossless"),
                            class_type: ::std::string::String::from("SaveAnimatedWEBP"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("quality"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Quality of lossy encoding, 0 to 100.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(80i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(0i128),
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
                            node: ::std::string::String::from("2"),
                            input: ::std::string::String::from("quality"),
                            class_type: ::std::string::String::from("SaveAnimatedWEBP"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("method"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Encoder speed versus size trade-off.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("default"),
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
                                    ::std::string::String::from("default"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("fastest"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("slowest"),
                                ),
                            ]),
                        ),
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("2"),
                            input: ::std::string::String::from("method"),
                            class_type: ::std::string::String::from("SaveAnimatedWEBP"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("filename_prefix"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Prefix of the saved file name in ComfyUI's output folder.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("basic/animated"),
                            ),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::String,
                        minimum: ::std::option::Option::None,
                        maximum: ::std::option::Option::None,
                        multiple_of: ::std::option::Option::None,
                        min_length: ::std::option::Option::Some(1u64),
                        max_length: ::std::option::Option::Some(64u64),
                        pattern: ::std::option::Option::Some(
                            ::std::string::String::from(
                                "^[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_-]*)*$",
                            ),
                        ),
                        enum_values: ::std::option::Option::None,
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("2"),
                            input: ::std::string::String::from("filename_prefix"),
                            class_type: ::std::string::String::from("SaveAnimatedWEBP"),
                        },
                    ]),
                },
            ]),
            outputs: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Output {
                    name: ::std::string::String::from("animation"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("The animated WEBP file."),
                    ),
                    nodes: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::NodeRef {
                            id: ::std::string::String::from("2"),
                            class_type: ::std::string::String::from("SaveAnimatedWEBP"),
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
                &<BasicAnimatedWebp as ::wfc_runtime::Workflow>::endpoint().fields,
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
