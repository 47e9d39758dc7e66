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
        ::wfc_runtime::serde_json::from_str(
                <UpscaleEsrgan as ::wfc_runtime::Workflow>::META.input_schema,
            )
            .expect("the schema wfc emitted is JSON")
    }
}
impl ::wfc_runtime::Workflow for UpscaleEsrgan {
    type Input = UpscaleEsrganInput;
    const META: ::wfc_runtime::EndpointMeta = ::wfc_runtime::EndpointMeta {
        name: "upscale_esrgan",
        type_name: "UpscaleEsrgan",
        method: "POST",
        path: "/workflows/upscale/esrgan",
        summary: ::std::option::Option::Some("Upscale an image (Real-ESRGAN)"),
        description: ::std::option::Option::Some(
            "Upscales an image 4x with an ESRGAN-family model (Real-ESRGAN x4plus by default), then resizes the result by `scale_by` with a classic filter. The default 0.5 gives a 2x upscale that is sharper than upscaling 2x directly; 1.0 keeps the full 4x. The model works in 512-pixel tiles, so large inputs are slow: a 1024x1024 input becomes a 4096x4096 intermediate.",
        ),
        tags: &["upscale"],
        outputs: &[
            ::wfc_runtime::OutputMeta {
                name: "images",
                description: ::std::option::Option::Some("The upscaled image (PNG)."),
                kind: "image",
                nodes: &[
                    ::wfc_runtime::NodeRef {
                        id: "5",
                        class_type: "SaveImage",
                    },
                ],
            },
        ],
        bindings: &[
            ::wfc_runtime::FieldBinding {
                field: "image",
                node: "1",
                input: "image",
            },
            ::wfc_runtime::FieldBinding {
                field: "upscale_model",
                node: "2",
                input: "model_name",
            },
            ::wfc_runtime::FieldBinding {
                field: "scale_by",
                node: "4",
                input: "scale_by",
            },
            ::wfc_runtime::FieldBinding {
                field: "resize_method",
                node: "4",
                input: "upscale_method",
            },
        ],
        input_schema: "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"additionalProperties\":false,\"description\":\"Input of /workflows/upscale/esrgan (Upscale an image (Real-ESRGAN)).\",\"properties\":{\"image\":{\"description\":\"The image to upscale. An image: an http(s) URL, base64, or a data URI.\",\"minLength\":1,\"type\":\"string\",\"x-wfc-type\":\"image\"},\"resize_method\":{\"default\":\"lanczos\",\"description\":\"Filter for the final resize.\",\"enum\":[\"lanczos\",\"bicubic\",\"bilinear\",\"area\"],\"type\":\"string\"},\"scale_by\":{\"default\":0.5,\"description\":\"Factor applied to the model's 4x output (0.5 gives 2x overall, 1.0 gives 4x).\",\"examples\":[0.5,0.75,1.0],\"maximum\":1.0,\"minimum\":0.25,\"type\":\"number\"},\"upscale_model\":{\"default\":\"RealESRGAN_x4plus.pth\",\"description\":\"Upscale model in ComfyUI's `models/upscale_models` folder. Both defaults are 4x models.\",\"examples\":[\"RealESRGAN_x4plus.pth\",\"4x-UltraSharp.pth\"],\"type\":\"string\"}},\"required\":[\"image\"],\"title\":\"UpscaleEsrganInput\",\"type\":\"object\"}",
        operation: "{\"description\":\"Upscales an image 4x with an ESRGAN-family model (Real-ESRGAN x4plus by default), then resizes the result by `scale_by` with a classic filter. The default 0.5 gives a 2x upscale that is sharper than upscaling 2x directly; 1.0 keeps the full 4x. The model works in 512-pixel tiles, so large inputs are slow: a 1024x1024 input becomes a 4096x4096 intermediate.\",\"operationId\":\"upscale_esrgan\",\"parameters\":[{\"description\":\"Validate the request and return the ComfyUI graph it would run, without running it.\",\"in\":\"query\",\"name\":\"dry_run\",\"required\":false,\"schema\":{\"default\":false,\"type\":\"boolean\"}}],\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/UpscaleEsrganRequest\"}}},\"required\":true},\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"oneOf\":[{\"$ref\":\"#/components/schemas/UpscaleEsrganResponse\"},{\"$ref\":\"#/components/schemas/DryRun\"}]}},\"application/octet-stream\":{},\"image/jpeg\":{},\"image/png\":{},\"image/webp\":{}},\"description\":\"The outputs, as JSON (or, with `dry_run=true`, the graph the request would run); with `Accept: image/*` or `application/octet-stream` and a single output file, that file's bytes.\"},\"400\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is not JSON.\"},\"404\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"No such endpoint.\"},\"406\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"Raw bytes were asked for, but the run produced several files.\"},\"413\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is over MAX_BODY_SIZE_MB.\"},\"422\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The request breaks the endpoint's schema; `errors` lists every violation with its JSON pointer.\"},\"500\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"A node failed while running (`node_id`, `node_type`, `exception_type`, `exception_message`), or the run was interrupted.\"},\"501\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"`webhook` was given; webhook delivery is not implemented.\"},\"502\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI rejected the workflow for a reason no request field explains (`node_errors`), or answered something unexpected.\"},\"503\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI is not reachable.\"},\"504\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"REQUEST_TIMEOUT_S passed; the prompt was removed from ComfyUI's queue or interrupted.\"}},\"summary\":\"Upscale an image (Real-ESRGAN)\",\"tags\":[\"upscale\"],\"x-wfc-outputs\":[{\"description\":\"The upscaled image (PNG).\",\"name\":\"images\",\"nodes\":[{\"class_type\":\"SaveImage\",\"id\":\"5\",\"kind\":\"image\"}]}]}",
    };
    fn parse(
        input: &::wfc_runtime::serde_json::Value,
    ) -> ::std::result::Result<Self::Input, ::std::vec::Vec<::wfc_runtime::Violation>> {
        static FIELDS: &[::wfc_runtime::FieldRule] = &[
            ::wfc_runtime::FieldRule {
                name: "image",
                ty: ::wfc_runtime::Ty::Image,
                required: true,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "upscale_model",
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
                name: "scale_by",
                ty: ::wfc_runtime::Ty::Number,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Float(0.25f64),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Float(1f64),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "resize_method",
                ty: ::wfc_runtime::Ty::String,
                required: false,
                minimum: ::std::option::Option::None,
                maximum: ::std::option::Option::None,
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::Some(
                    &["\"lanczos\"", "\"bicubic\"", "\"bilinear\"", "\"area\""],
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
