// Generated from specs/basic/composite.yaml by `wfc::emit::endpoint_tokens`; see tests/golden.rs.
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/object_info.json")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/basic/composite.yaml")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/basic/composite.json")
);
///Input of `POST /workflows/basic/composite`: Composite an image onto a solid background.
#[derive(
    Clone,
    Debug,
    PartialEq,
    ::wfc_runtime::serde::Serialize,
    ::wfc_runtime::serde::Deserialize
)]
#[serde(crate = "::wfc_runtime::serde", deny_unknown_fields)]
pub struct BasicCompositeInput {
    ///The image to paste. Its alpha channel is returned as `alpha_mask`. An image: an http(s) URL, base64, or a data URI.
    pub image: ::std::string::String,
    ///Width the image is resized to before pasting.
    #[serde(default = "BasicCompositeInput::default_foreground_width")]
    pub foreground_width: u64,
    ///Height the image is resized to before pasting.
    #[serde(default = "BasicCompositeInput::default_foreground_height")]
    pub foreground_height: u64,
    ///Filter used to resize the image.
    #[serde(default = "BasicCompositeInput::default_resize_method")]
    pub resize_method: ::std::string::String,
    ///Width of the background (and of the result).
    #[serde(default = "BasicCompositeInput::default_background_width")]
    pub background_width: u64,
    ///Height of the background (and of the result).
    #[serde(default = "BasicCompositeInput::default_background_height")]
    pub background_height: u64,
    ///Background color as a 24-bit RGB integer 0xRRGGBB (65280 = 0x00FF00, green).
    #[serde(default = "BasicCompositeInput::default_background_color")]
    pub background_color: u64,
    ///Left edge of the pasted image, in pixels from the left of the background.
    #[serde(default = "BasicCompositeInput::default_x")]
    pub x: u64,
    ///Top edge of the pasted image, in pixels from the top of the background.
    #[serde(default = "BasicCompositeInput::default_y")]
    pub y: u64,
    ///Opacity of the pasted image, from 0 (invisible) to 1 (opaque).
    #[serde(default = "BasicCompositeInput::default_opacity")]
    pub opacity: f64,
    ///Prefix of the saved file names in ComfyUI's output folder.
    #[serde(default = "BasicCompositeInput::default_filename_prefix")]
    pub filename_prefix: ::std::string::String,
}
impl BasicCompositeInput {
    fn default_foreground_width() -> u64 {
        256u64
    }
    fn default_foreground_height() -> u64 {
        256u64
    }
    fn default_resize_method() -> ::std::string::String {
        ::std::string::String::from("bilinear")
    }
    fn default_background_width() -> u64 {
        512u64
    }
    fn default_background_height() -> u64 {
        512u64
    }
    fn default_background_color() -> u64 {
        65280u64
    }
    fn default_x() -> u64 {
        128u64
    }
    fn default_y() -> u64 {
        128u64
    }
    fn default_opacity() -> f64 {
        0.75f64
    }
    fn default_filename_prefix() -> ::std::string::String {
        ::std::string::String::from("basic/composite")
    }
}
impl ::wfc_runtime::schemars::JsonSchema for BasicCompositeInput {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed("BasicCompositeInput")
    }
    fn json_schema(
        _: &mut ::wfc_runtime::schemars::SchemaGenerator,
    ) -> ::wfc_runtime::schemars::Schema {
        let schema = ::wfc_runtime::contract::schema::input_schema(
            <BasicComposite as ::wfc_runtime::Workflow>::endpoint(),
        );
        ::wfc_runtime::serde_json::from_value(schema)
            .expect("an input schema is a JSON Schema")
    }
}
impl ::wfc_runtime::Workflow for BasicComposite {
    type Input = BasicCompositeInput;
    fn endpoint() -> &'static ::wfc_runtime::Endpoint {
        static ENDPOINT: ::std::sync::LazyLock<::wfc_runtime::Endpoint> = ::std::sync::LazyLock::new(||
        ::wfc_runtime::contract::Endpoint {
            name: ::std::string::String::from("basic_composite"),
            method: ::wfc_runtime::contract::Method::Post,
            path: ::std::string::String::from("/workflows/basic/composite"),
            summary: ::std::option::Option::Some(
                ::std::string::String::from("Composite an image onto a solid background"),
            ),
            description: ::std::option::Option::Some(
                ::std::string::String::from(
                    "Resizes an uploaded image and pastes it, partly transparent, onto a solid color background (LoadImage, ImageScale, EmptyImage, SolidMask, ImageCompositeMasked). Also returns the uploaded image's alpha channel as a preview. Needs no model files; for tests it covers two named outputs (a saved and a temporary image), an enum subset and fields bound to two inputs.",
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
                        ::std::string::String::from(
                            "The image to paste. Its alpha channel is returned as `alpha_mask`.",
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
                    name: ::std::string::String::from("foreground_width"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Width the image is resized to before pasting.",
                        ),
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
                            ::wfc_runtime::contract::Number::Int(8i128),
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
                            node: ::std::string::String::from("11"),
                            input: ::std::string::String::from("width"),
                            class_type: ::std::string::String::from("ImageScale"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("14"),
                            input: ::std::string::String::from("width"),
                            class_type: ::std::string::String::from("SolidMask"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("foreground_height"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Height the image is resized to before pasting.",
                        ),
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
                            ::wfc_runtime::contract::Number::Int(8i128),
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
                            node: ::std::string::String::from("11"),
                            input: ::std::string::String::from("height"),
                            class_type: ::std::string::String::from("ImageScale"),
                        },
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("14"),
                            input: ::std::string::String::from("height"),
                            class_type: ::std::string::String::from("SolidMask"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("resize_method"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("Filter used to resize the image."),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("bilinear"),
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
                                    ::std::string::String::from("nearest-exact"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("bilinear"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("bicubic"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("lanczos"),
                                ),
                            ]),
                        ),
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("11"),
                            input: ::std::string::String::from("upscale_method"),
                            class_type: ::std::string::String::from("ImageScale"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("background_width"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Width of the background (and of the result).",
                        ),
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
                            ::wfc_runtime::contract::Number::Int(8i128),
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
                            node: ::std::string::String::from("13"),
                            input: ::std::string::String::from("width"),
                            class_type: ::std::string::String::from("EmptyImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("background_height"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Height of the background (and of the result).",
                        ),
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
                            ::wfc_runtime::contract::Number::Int(8i128),
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
                            node: ::std::string::String::from("13"),
                            input: ::std::string::String::from("height"),
                            class_type: ::std::string::String::from("EmptyImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("background_color"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Background color as a 24-bit RGB integer 0xRRGGBB (65280 = 0x00FF00, green).",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(65280i128),
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
                            node: ::std::string::String::from("13"),
                            input: ::std::string::String::from("color"),
                            class_type: ::std::string::String::from("EmptyImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("x"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Left edge of the pasted image, in pixels from the left of the background.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(128i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(0i128),
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
                            node: ::std::string::String::from("15"),
                            input: ::std::string::String::from("x"),
                            class_type: ::std::string::String::from(
                                "ImageCompositeMasked",
                            ),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("y"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Top edge of the pasted image, in pixels from the top of the background.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Int(128i128),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Integer,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Int(0i128),
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
                            node: ::std::string::String::from("15"),
                            input: ::std::string::String::from("y"),
                            class_type: ::std::string::String::from(
                                "ImageCompositeMasked",
                            ),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("opacity"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Opacity of the pasted image, from 0 (invisible) to 1 (opaque).",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Float(0.75f64),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Number,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Float(0f64),
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
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("14"),
                            input: ::std::string::String::from("value"),
                            class_type: ::std::string::String::from("SolidMask"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("filename_prefix"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Prefix of the saved file names in ComfyUI's output folder.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("basic/composite"),
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
                            node: ::std::string::String::from("16"),
                            input: ::std::string::String::from("filename_prefix"),
                            class_type: ::std::string::String::from("SaveImage"),
                        },
                    ]),
                },
            ]),
            outputs: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Output {
                    name: ::std::string::String::from("composite"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "The composited image (PNG, saved to the output folder).",
                        ),
                    ),
                    nodes: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::NodeRef {
                            id: ::std::string::String::from("16"),
                            class_type: ::std::string::String::from("SaveImage"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Output {
                    name: ::std::string::String::from("alpha_mask"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "The uploaded image's alpha channel as a grayscale preview (temporary file).",
                        ),
                    ),
                    nodes: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::NodeRef {
                            id: ::std::string::String::from("18"),
                            class_type: ::std::string::String::from("PreviewImage"),
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
                &<BasicComposite as ::wfc_runtime::Workflow>::endpoint().fields,
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
                    "{\"10\":{\"_meta\":{\"title\":\"Foreground\"},\"class_type\":\"LoadImage\",\"inputs\":{\"image\":\"example.png\"}},\"11\":{\"_meta\":{\"title\":\"Resize foreground\"},\"class_type\":\"ImageScale\",\"inputs\":{\"crop\":\"disabled\",\"height\":256,\"image\":[\"10\",0],\"upscale_method\":\"bilinear\",\"width\":256}},\"13\":{\"_meta\":{\"title\":\"Background\"},\"class_type\":\"EmptyImage\",\"inputs\":{\"batch_size\":1,\"color\":65280,\"height\":512,\"width\":512}},\"14\":{\"_meta\":{\"title\":\"Opacity mask\"},\"class_type\":\"SolidMask\",\"inputs\":{\"height\":256,\"value\":0.75,\"width\":256}},\"15\":{\"_meta\":{\"title\":\"Composite\"},\"class_type\":\"ImageCompositeMasked\",\"inputs\":{\"destination\":[\"13\",0],\"mask\":[\"14\",0],\"resize_source\":false,\"source\":[\"11\",0],\"x\":128,\"y\":128}},\"16\":{\"_meta\":{\"title\":\"Save composite\"},\"class_type\":\"SaveImage\",\"inputs\":{\"filename_prefix\":\"basic/composite\",\"images\":[\"15\",0]}},\"17\":{\"_meta\":{\"title\":\"Alpha to image\"},\"class_type\":\"MaskToImage\",\"inputs\":{\"mask\":[\"10\",1]}},\"18\":{\"_meta\":{\"title\":\"Preview alpha\"},\"class_type\":\"PreviewImage\",\"inputs\":{\"images\":[\"17\",0]}}}",
                )
                .expect("the workflow wfc embedded is JSON")
        });
        let mut g = ::wfc_runtime::Graph::new(&WORKFLOW);
        g.image("image", "10", "image", &input.image);
        g.set("11", "width", &input.foreground_width);
        g.set("14", "width", &input.foreground_width);
        g.set("11", "height", &input.foreground_height);
        g.set("14", "height", &input.foreground_height);
        g.set("11", "upscale_method", &input.resize_method);
        g.set("13", "width", &input.background_width);
        g.set("13", "height", &input.background_height);
        g.set("13", "color", &input.background_color);
        g.set("15", "x", &input.x);
        g.set("15", "y", &input.y);
        g.set("14", "value", &input.opacity);
        g.set("16", "filename_prefix", &input.filename_prefix);
        g
    }
}
