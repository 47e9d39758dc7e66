// Generated from specs/basic/solid_invert.yaml by `wfc::emit::endpoint_tokens`; see tests/golden.rs.
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/object_info.json")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/basic/solid_invert.yaml")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/basic/solid_invert.json")
);
///Input of `POST /workflows/basic/solid_invert`: Solid color image, inverted.
#[derive(
    Clone,
    Debug,
    PartialEq,
    ::wfc_runtime::serde::Serialize,
    ::wfc_runtime::serde::Deserialize
)]
#[serde(crate = "::wfc_runtime::serde", deny_unknown_fields)]
pub struct BasicSolidInvertInput {
    ///Image width in pixels.
    #[serde(default = "BasicSolidInvertInput::default_width")]
    pub width: u64,
    ///Image height in pixels.
    #[serde(default = "BasicSolidInvertInput::default_height")]
    pub height: u64,
    ///Fill color before inversion, as a 24-bit RGB integer 0xRRGGBB (for example 3368652 = 0x3366CC, which inverts to 0xCC9933).
    #[serde(default = "BasicSolidInvertInput::default_color")]
    pub color: u64,
    ///How many identical images to produce.
    #[serde(default = "BasicSolidInvertInput::default_batch_size")]
    pub batch_size: u64,
    ///Prefix of the saved file names in ComfyUI's output folder; `/` makes subfolders.
    #[serde(default = "BasicSolidInvertInput::default_filename_prefix")]
    pub filename_prefix: ::std::string::String,
}
impl BasicSolidInvertInput {
    fn default_width() -> u64 {
        512u64
    }
    fn default_height() -> u64 {
        512u64
    }
    fn default_color() -> u64 {
        3368652u64
    }
    fn default_batch_size() -> u64 {
        1u64
    }
    fn default_filename_prefix() -> ::std::string::String {
        ::std::string::String::from("basic/solid_invert")
    }
}
impl ::wfc_runtime::schemars::JsonSchema for BasicSolidInvertInput {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed("BasicSolidInvertInput")
    }
    fn json_schema(
        _: &mut ::wfc_runtime::schemars::SchemaGenerator,
    ) -> ::wfc_runtime::schemars::Schema {
        let schema = ::wfc_runtime::contract::schema::input_schema(
            <BasicSolidInvert as ::wfc_runtime::Workflow>::endpoint(),
        );
        ::wfc_runtime::serde_json::from_value(schema)
            .expect("an input schema is a JSON Schema")
    }
}
impl ::wfc_runtime::Workflow for BasicSolidInvert {
    type Input = BasicSolidInvertInput;
    fn endpoint() -> &'static ::wfc_runtime::Endpoint {
        static ENDPOINT: ::std::sync::LazyLock<::wfc_runtime::Endpoint> = ::std::sync::LazyLock::new(||
        ::wfc_runtime::contract::Endpoint {
            name: ::std::string::String::from("basic_solid_invert"),
            method: ::wfc_runtime::contract::Method::Post,
            path: ::std::string::String::from("/workflows/basic/solid_invert"),
            summary: ::std::option::Option::Some(
                ::std::string::String::from("Solid color image, inverted"),
            ),
            description: ::std::option::Option::Some(
                ::std::string::String::from(
                    "Creates an image filled with one color and inverts it (EmptyImage, then ImageInvert, then SaveImage). Needs no model files, which makes it the smoke test of a deployment: if this endpoint works, the runtime, the queue and the output download all work.",
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
                            ::wfc_runtime::contract::Number::Int(1i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(4096i128),
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
                            ::wfc_runtime::contract::Number::Int(1i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(4096i128),
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
                    name: ::std::string::String::from("color"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Fill color before inversion, as a 24-bit RGB integer 0xRRGGBB (for example 3368652 = 0x3366CC, which inverts to 0xCC9933).",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(3368652i128),
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
                    examples: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Literal::Int(0i128),
                        ::wfc_runtime::contract::Literal::Int(16777215i128),
                        ::wfc_runtime::contract::Literal::Int(16711680i128),
                    ]),
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
                    name: ::std::string::String::from("batch_size"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "How many identical images to produce.",
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
                            ::wfc_runtime::contract::Number::Int(16i128),
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
                    name: ::std::string::String::from("filename_prefix"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Prefix of the saved file names in ComfyUI's output folder; `/` makes subfolders.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("basic/solid_invert"),
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
                    examples: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Literal::Str(
                            ::std::string::String::from("basic/solid_invert"),
                        ),
                        ::wfc_runtime::contract::Literal::Str(
                            ::std::string::String::from("tests/run_42"),
                        ),
                    ]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("3"),
                            input: ::std::string::String::from("filename_prefix"),
                            class_type: ::std::string::String::from("SaveImage"),
                        },
                    ]),
                },
            ]),
            outputs: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Output {
                    name: ::std::string::String::from("images"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("The inverted images (PNG)."),
                    ),
                    nodes: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::NodeRef {
                            id: ::std::string::String::from("3"),
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
                &<BasicSolidInvert as ::wfc_runtime::Workflow>::endpoint().fields,
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
                    "{\"1\":{\"_meta\":{\"title\":\"Solid color\"},\"class_type\":\"EmptyImage\",\"inputs\":{\"batch_size\":1,\"color\":3368652,\"height\":512,\"width\":512}},\"2\":{\"_meta\":{\"title\":\"Invert\"},\"class_type\":\"ImageInvert\",\"inputs\":{\"image\":[\"1\",0]}},\"3\":{\"_meta\":{\"title\":\"Save Image\"},\"class_type\":\"SaveImage\",\"inputs\":{\"filename_prefix\":\"basic/solid_invert\",\"images\":[\"2\",0]}}}",
                )
                .expect("the workflow wfc embedded is JSON")
        });
        let mut g = ::wfc_runtime::Graph::new(&WORKFLOW);
        g.set("1", "width", &input.width);
        g.set("1", "height", &input.height);
        g.set("1", "color", &input.color);
        g.set("1", "batch_size", &input.batch_size);
        g.set("3", "filename_prefix", &input.filename_prefix);
        g
    }
}
