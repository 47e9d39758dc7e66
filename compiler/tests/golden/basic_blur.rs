// Generated from specs/basic/blur.yaml by `wfc::emit::endpoint_tokens`; see tests/golden.rs.
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/object_info.json")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/basic/blur.yaml")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/basic/blur.json")
);
///Input of `POST /workflows/basic/blur`: Blur an image.
#[derive(
    Clone,
    Debug,
    PartialEq,
    ::wfc_runtime::serde::Serialize,
    ::wfc_runtime::serde::Deserialize
)]
#[serde(crate = "::wfc_runtime::serde", deny_unknown_fields)]
pub struct BasicBlurInput {
    ///The image to blur. An image: an http(s) URL, base64, or a data URI.
    pub image: ::std::string::String,
    ///Radius of the blur kernel in pixels.
    #[serde(default = "BasicBlurInput::default_blur_radius")]
    pub blur_radius: u64,
    ///Standard deviation of the Gaussian; larger is softer.
    #[serde(default = "BasicBlurInput::default_sigma")]
    pub sigma: f64,
}
impl BasicBlurInput {
    fn default_blur_radius() -> u64 {
        3u64
    }
    fn default_sigma() -> f64 {
        1f64
    }
}
impl ::wfc_runtime::schemars::JsonSchema for BasicBlurInput {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed("BasicBlurInput")
    }
    fn json_schema(
        _: &mut ::wfc_runtime::schemars::SchemaGenerator,
    ) -> ::wfc_runtime::schemars::Schema {
        let schema = ::wfc_runtime::contract::schema::input_schema(
            <BasicBlur as ::wfc_runtime::Workflow>::endpoint(),
        );
        ::wfc_runtime::serde_json::from_value(schema)
            .expect("an input schema is a JSON Schema")
    }
}
impl ::wfc_runtime::Workflow for BasicBlur {
    type Input = BasicBlurInput;
    fn endpoint() -> &'static ::wfc_runtime::Endpoint {
        static ENDPOINT: ::std::sync::LazyLock<::wfc_runtime::Endpoint> = ::std::sync::LazyLock::new(||
        ::wfc_runtime::contract::Endpoint {
            name: ::std::string::String::from("basic_blur"),
            method: ::wfc_runtime::contract::Method::Post,
            path: ::std::string::String::from("/workflows/basic/blur"),
            summary: ::std::option::Option::Some(
                ::std::string::String::from("Blur an image"),
            ),
            description: ::std::option::Option::Some(
                ::std::string::String::from(
                    "Applies a Gaussian blur to an uploaded image (LoadImage, then ImageBlur, then SaveImage). Needs no model files; useful to test image upload end to end.",
                ),
            ),
            tags: ::std::vec::Vec::from([
                ::std::string::String::from("basic"),
                ::std::string::String::from("test"),
            ]),
            fields: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("image"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("The image to blur."),
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
                            node: ::std::string::String::from("1"),
                            input: ::std::string::String::from("image"),
                            class_type: ::std::string::String::from("LoadImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("blur_radius"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Radius of the blur kernel in pixels.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(3i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(1i128),
                        ),
                        maximum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(31i128),
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
                            input: ::std::string::String::from("blur_radius"),
                            class_type: ::std::string::String::from("ImageBlur"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("sigma"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Standard deviation of the Gaussian; larger is softer.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Float(1f64),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Number,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Float(0.1f64),
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
                            node: ::std::string::String::from("2"),
                            input: ::std::string::String::from("sigma"),
                            class_type: ::std::string::String::from("ImageBlur"),
                        },
                    ]),
                },
            ]),
            outputs: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Output {
                    name: ::std::string::String::from("images"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("The blurred image (PNG)."),
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
                &<BasicBlur as ::wfc_runtime::Workflow>::endpoint().fields,
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
                    "{\"1\":{\"_meta\":{\"title\":\"Input image\"},\"class_type\":\"LoadImage\",\"inputs\":{\"image\":\"example.png\"}},\"2\":{\"_meta\":{\"title\":\"Blur\"},\"class_type\":\"ImageBlur\",\"inputs\":{\"blur_radius\":3,\"image\":[\"1\",0],\"sigma\":1.0}},\"3\":{\"_meta\":{\"title\":\"Save Image\"},\"class_type\":\"SaveImage\",\"inputs\":{\"filename_prefix\":\"basic/blur\",\"images\":[\"2\",0]}}}",
                )
                .expect("the workflow wfc embedded is JSON")
        });
        let mut g = ::wfc_runtime::Graph::new(&WORKFLOW);
        g.image("image", "1", "image", &input.image);
        g.set("2", "blur_radius", &input.blur_radius);
        g.set("2", "sigma", &input.sigma);
        g
    }
}
