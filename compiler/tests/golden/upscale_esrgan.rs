// Generated from specs/upscale/esrgan.yaml by `wfc::emit::endpoint_tokens`; see tests/golden.rs.
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/object_info.json")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/upscale/esrgan.yaml")
);
const _: &str = include_str!(
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../specs/upscale/esrgan.json")
);
///Input of `POST /workflows/upscale/esrgan`: Upscale an image (Real-ESRGAN).
#[derive(
    Clone,
    Debug,
    PartialEq,
    ::wfc_runtime::serde::Serialize,
    ::wfc_runtime::serde::Deserialize
)]
#[serde(crate = "::wfc_runtime::serde", deny_unknown_fields)]
pub struct UpscaleEsrganInput {
    ///The image to upscale. An image: an http(s) URL, base64, or a data URI.
    pub image: ::std::string::String,
    ///Upscale model in ComfyUI's `models/upscale_models` folder. Both defaults are 4x models.
    #[serde(default = "UpscaleEsrganInput::default_upscale_model")]
    pub upscale_model: ::std::string::String,
    ///Factor applied to the model's 4x output (0.5 gives 2x overall, 1.0 gives 4x).
    #[serde(default = "UpscaleEsrganInput::default_scale_by")]
    pub scale_by: f64,
    ///Filter for the final resize.
    #[serde(default = "UpscaleEsrganInput::default_resize_method")]
    pub resize_method: ::std::string::String,
}
impl UpscaleEsrganInput {
    fn default_upscale_model() -> ::std::string::String {
        ::std::string::String::from("RealESRGAN_x4plus.pth")
    }
    fn default_scale_by() -> f64 {
        0.5f64
    }
    fn default_resize_method() -> ::std::string::String {
        ::std::string::String::from("lanczos")
    }
}
impl ::wfc_runtime::schemars::JsonSchema for UpscaleEsrganInput {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        ::std::borrow::Cow::Borrowed("UpscaleEsrganInput")
    }
    fn json_schema(
        _: &mut ::wfc_runtime::schemars::SchemaGenerator,
    ) -> ::wfc_runtime::schemars::Schema {
        let schema = ::wfc_runtime::contract::schema::input_schema(
            <UpscaleEsrgan as ::wfc_runtime::Workflow>::endpoint(),
        );
        ::wfc_runtime::serde_json::from_value(schema)
            .expect("an input schema is a JSON Schema")
    }
}
impl ::wfc_runtime::Workflow for UpscaleEsrgan {
    type Input = UpscaleEsrganInput;
    fn endpoint() -> &'static ::wfc_runtime::Endpoint {
        static ENDPOINT: ::std::sync::LazyLock<::wfc_runtime::Endpoint> = ::std::sync::LazyLock::new(||
        ::wfc_runtime::contract::Endpoint {
            name: ::std::string::String::from("upscale_esrgan"),
            method: ::wfc_runtime::contract::Method::Post,
            path: ::std::string::String::from("/workflows/upscale/esrgan"),
            summary: ::std::option::Option::Some(
                ::std::string::String::from("Upscale an image (Real-ESRGAN)"),
            ),
            description: ::std::option::Option::Some(
                ::std::string::String::from(
                    "Upscales an image 4x with an ESRGAN-family model (Real-ESRGAN x4plus by default), then resizes the result by `scale_by` with a classic filter. The default 0.5 gives a 2x upscale that is sharper than upscaling 2x directly; 1.0 keeps the full 4x. The model works in 512-pixel tiles, so large inputs are slow: a 1024x1024 input becomes a 4096x4096 intermediate.",
                ),
            ),
            tags: ::std::vec::Vec::from([::std::string::String::from("upscale")]),
            fields: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("image"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("The image to upscale."),
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
                    name: ::std::string::String::from("upscale_model"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Upscale model in ComfyUI's `models/upscale_models` folder. Both defaults are 4x models.",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("RealESRGAN_x4plus.pth"),
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
                            ::std::string::String::from("RealESRGAN_x4plus.pth"),
                        ),
                        ::wfc_runtime::contract::Literal::Str(
                            ::std::string::String::from("4x-UltraSharp.pth"),
                        ),
                    ]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("2"),
                            input: ::std::string::String::from("model_name"),
                            class_type: ::std::string::String::from("UpscaleModelLoader"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("scale_by"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from(
                            "Factor applied to the model's 4x output (0.5 gives 2x overall, 1.0 gives 4x).",
                        ),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Float(0.5f64),
                        ),
                    ),
                    rules: ::wfc_runtime::contract::ValueRules {
                        ty: ::wfc_runtime::contract::FieldType::Number,
                        minimum: ::std::option::Option::Some(
                            ::wfc_runtime::contract::Number::Float(0.25f64),
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
                        ::wfc_runtime::contract::Literal::Float(0.5f64),
                        ::wfc_runtime::contract::Literal::Float(0.75f64),
                        ::wfc_runtime::contract::Literal::Float(1f64),
                    ]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("4"),
                            input: ::std::string::String::from("scale_by"),
                            class_type: ::std::string::String::from("ImageScaleBy"),
                        },
                    ]),
                },
                ::wfc_runtime::contract::Field {
                    name: ::std::string::String::from("resize_method"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("Filter for the final resize."),
                    ),
                    required: false,
                    default: ::std::option::Option::Some(
                        ::wfc_runtime::contract::DefaultValue::Value(
                            ::wfc_runtime::contract::Literal::Str(
                                ::std::string::String::from("lanczos"),
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
                                    ::std::string::String::from("lanczos"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("bicubic"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("bilinear"),
                                ),
                                ::wfc_runtime::contract::Literal::Str(
                                    ::std::string::String::from("area"),
                                ),
                            ]),
                        ),
                    },
                    examples: ::std::vec::Vec::from([]),
                    deprecated: false,
                    targets: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::Target {
                            node: ::std::string::String::from("4"),
                            input: ::std::string::String::from("upscale_method"),
                            class_type: ::std::string::String::from("ImageScaleBy"),
                        },
                    ]),
                },
            ]),
            outputs: ::std::vec::Vec::from([
                ::wfc_runtime::contract::Output {
                    name: ::std::string::String::from("images"),
                    description: ::std::option::Option::Some(
                        ::std::string::String::from("The upscaled image (PNG)."),
                    ),
                    nodes: ::std::vec::Vec::from([
                        ::wfc_runtime::contract::NodeRef {
                            id: ::std::string::String::from("5"),
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
                &<UpscaleEsrgan as ::wfc_runtime::Workflow>::endpoint().fields,
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
                    "{\"1\":{\"_meta\":{\"title\":\"Input image\"},\"class_type\":\"LoadImage\",\"inputs\":{\"image\":\"example.png\"}},\"2\":{\"_meta\":{\"title\":\"Load upscale model\"},\"class_type\":\"UpscaleModelLoader\",\"inputs\":{\"model_name\":\"RealESRGAN_x4plus.pth\"}},\"3\":{\"_meta\":{\"title\":\"Upscale (model)\"},\"class_type\":\"ImageUpscaleWithModel\",\"inputs\":{\"image\":[\"1\",0],\"upscale_model\":[\"2\",0]}},\"4\":{\"_meta\":{\"title\":\"Resize\"},\"class_type\":\"ImageScaleBy\",\"inputs\":{\"image\":[\"3\",0],\"scale_by\":0.5,\"upscale_method\":\"lanczos\"}},\"5\":{\"_meta\":{\"title\":\"Save Image\"},\"class_type\":\"SaveImage\",\"inputs\":{\"filename_prefix\":\"upscale/esrgan\",\"images\":[\"4\",0]}}}",
                )
                .expect("the workflow wfc embedded is JSON")
        });
        let mut g = ::wfc_runtime::Graph::new(&WORKFLOW);
        g.image("image", "1", "image", &input.image);
        g.set("2", "model_name", &input.upscale_model);
        g.set("4", "scale_by", &input.scale_by);
        g.set("4", "upscale_method", &input.resize_method);
        g
    }
}
