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
        ::wfc_runtime::serde_json::from_str(
                <BasicComposite as ::wfc_runtime::Workflow>::META.input_schema,
            )
            .expect("the schema wfc emitted is JSON")
    }
}
impl ::wfc_runtime::Workflow for BasicComposite {
    type Input = BasicCompositeInput;
    const META: ::wfc_runtime::EndpointMeta = ::wfc_runtime::EndpointMeta {
        name: "basic_composite",
        type_name: "BasicComposite",
        method: "POST",
        path: "/workflows/basic/composite",
        summary: ::std::option::Option::Some(
            "Composite an image onto a solid background",
        ),
        description: ::std::option::Option::Some(
            "Resizes an uploaded image and pastes it, partly transparent, onto a solid color background (LoadImage, ImageScale, EmptyImage, SolidMask, ImageCompositeMasked). Also returns the uploaded image's alpha channel as a preview. Needs no model files; for tests it covers two named outputs (a saved and a temporary image), an enum subset and fields bound to two inputs.",
        ),
        tags: &["basic", "test"],
        outputs: &[
            ::wfc_runtime::OutputMeta {
                name: "composite",
                description: ::std::option::Option::Some(
                    "The composited image (PNG, saved to the output folder).",
                ),
                kind: "image",
                nodes: &[
                    ::wfc_runtime::NodeRef {
                        id: "16",
                        class_type: "SaveImage",
                    },
                ],
            },
            ::wfc_runtime::OutputMeta {
                name: "alpha_mask",
                description: ::std::option::Option::Some(
                    "The uploaded image's alpha channel as a grayscale preview (temporary file).",
                ),
                kind: "image",
                nodes: &[
                    ::wfc_runtime::NodeRef {
                        id: "18",
                        class_type: "PreviewImage",
                    },
                ],
            },
        ],
        bindings: &[
            ::wfc_runtime::FieldBinding {
                field: "image",
                node: "10",
                input: "image",
            },
            ::wfc_runtime::FieldBinding {
                field: "foreground_width",
                node: "11",
                input: "width",
            },
            ::wfc_runtime::FieldBinding {
                field: "foreground_width",
                node: "14",
                input: "width",
            },
            ::wfc_runtime::FieldBinding {
                field: "foreground_height",
                node: "11",
                input: "height",
            },
            ::wfc_runtime::FieldBinding {
                field: "foreground_height",
                node: "14",
                input: "height",
            },
            ::wfc_runtime::FieldBinding {
                field: "resize_method",
                node: "11",
                input: "upscale_method",
            },
            ::wfc_runtime::FieldBinding {
                field: "background_width",
                node: "13",
                input: "width",
            },
            ::wfc_runtime::FieldBinding {
                field: "background_height",
                node: "13",
                input: "height",
            },
            ::wfc_runtime::FieldBinding {
                field: "background_color",
                node: "13",
                input: "color",
            },
            ::wfc_runtime::FieldBinding {
                field: "x",
                node: "15",
                input: "x",
            },
            ::wfc_runtime::FieldBinding {
                field: "y",
                node: "15",
                input: "y",
            },
            ::wfc_runtime::FieldBinding {
                field: "opacity",
                node: "14",
                input: "value",
            },
            ::wfc_runtime::FieldBinding {
                field: "filename_prefix",
                node: "16",
                input: "filename_prefix",
            },
        ],
        input_schema: "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"additionalProperties\":false,\"description\":\"Input of /workflows/basic/composite (Composite an image onto a solid background).\",\"properties\":{\"background_color\":{\"default\":65280,\"description\":\"Background color as a 24-bit RGB integer 0xRRGGBB (65280 = 0x00FF00, green).\",\"maximum\":16777215,\"minimum\":0,\"type\":\"integer\"},\"background_height\":{\"default\":512,\"description\":\"Height of the background (and of the result).\",\"maximum\":4096,\"minimum\":8,\"type\":\"integer\"},\"background_width\":{\"default\":512,\"description\":\"Width of the background (and of the result).\",\"maximum\":4096,\"minimum\":8,\"type\":\"integer\"},\"filename_prefix\":{\"default\":\"basic/composite\",\"description\":\"Prefix of the saved file names in ComfyUI's output folder.\",\"maxLength\":64,\"minLength\":1,\"pattern\":\"^[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_-]*)*$\",\"type\":\"string\"},\"foreground_height\":{\"default\":256,\"description\":\"Height the image is resized to before pasting.\",\"maximum\":2048,\"minimum\":8,\"type\":\"integer\"},\"foreground_width\":{\"default\":256,\"description\":\"Width the image is resized to before pasting.\",\"maximum\":2048,\"minimum\":8,\"type\":\"integer\"},\"image\":{\"description\":\"The image to paste. Its alpha channel is returned as `alpha_mask`. An image: an http(s) URL, base64, or a data URI.\",\"minLength\":1,\"type\":\"string\",\"x-wfc-type\":\"image\"},\"opacity\":{\"default\":0.75,\"description\":\"Opacity of the pasted image, from 0 (invisible) to 1 (opaque).\",\"maximum\":1.0,\"minimum\":0.0,\"type\":\"number\"},\"resize_method\":{\"default\":\"bilinear\",\"description\":\"Filter used to resize the image.\",\"enum\":[\"nearest-exact\",\"bilinear\",\"bicubic\",\"lanczos\"],\"type\":\"string\"},\"x\":{\"default\":128,\"description\":\"Left edge of the pasted image, in pixels from the left of the background.\",\"maximum\":4096,\"minimum\":0,\"type\":\"integer\"},\"y\":{\"default\":128,\"description\":\"Top edge of the pasted image, in pixels from the top of the background.\",\"maximum\":4096,\"minimum\":0,\"type\":\"integer\"}},\"required\":[\"image\"],\"title\":\"BasicCompositeInput\",\"type\":\"object\"}",
        operation: "{\"description\":\"Resizes an uploaded image and pastes it, partly transparent, onto a solid color background (LoadImage, ImageScale, EmptyImage, SolidMask, ImageCompositeMasked). Also returns the uploaded image's alpha channel as a preview. Needs no model files; for tests it covers two named outputs (a saved and a temporary image), an enum subset and fields bound to two inputs.\",\"operationId\":\"basic_composite\",\"parameters\":[{\"description\":\"Validate the request and return the ComfyUI graph it would run, without running it.\",\"in\":\"query\",\"name\":\"dry_run\",\"required\":false,\"schema\":{\"default\":false,\"type\":\"boolean\"}}],\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/BasicCompositeRequest\"}}},\"required\":true},\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"oneOf\":[{\"$ref\":\"#/components/schemas/BasicCompositeResponse\"},{\"$ref\":\"#/components/schemas/DryRun\"}]}},\"application/octet-stream\":{},\"image/jpeg\":{},\"image/png\":{},\"image/webp\":{}},\"description\":\"The outputs, as JSON (or, with `dry_run=true`, the graph the request would run); with `Accept: image/*` or `application/octet-stream` and a single output file, that file's bytes.\"},\"400\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is not JSON.\"},\"404\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"No such endpoint.\"},\"406\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"Raw bytes were asked for, but the run produced several files.\"},\"413\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is over MAX_BODY_SIZE_MB.\"},\"422\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The request breaks the endpoint's schema; `errors` lists every violation with its JSON pointer.\"},\"500\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"A node failed while running (`node_id`, `node_type`, `exception_type`, `exception_message`), or the run was interrupted.\"},\"501\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"`webhook` was given; webhook delivery is not implemented.\"},\"502\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI rejected the workflow for a reason no request field explains (`node_errors`), or answered something unexpected.\"},\"503\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI is not reachable.\"},\"504\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"REQUEST_TIMEOUT_S passed; the prompt was removed from ComfyUI's queue or interrupted.\"}},\"summary\":\"Composite an image onto a solid background\",\"tags\":[\"basic\",\"test\"],\"x-wfc-outputs\":[{\"description\":\"The composited image (PNG, saved to the output folder).\",\"name\":\"composite\",\"nodes\":[{\"class_type\":\"SaveImage\",\"id\":\"16\",\"kind\":\"image\"}]},{\"description\":\"The uploaded image's alpha channel as a grayscale preview (temporary file).\",\"name\":\"alpha_mask\",\"nodes\":[{\"class_type\":\"PreviewImage\",\"id\":\"18\",\"kind\":\"image\"}]}]}",
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
                name: "foreground_width",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(8i128),
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
                name: "foreground_height",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(8i128),
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
                    &["\"nearest-exact\"", "\"bilinear\"", "\"bicubic\"", "\"lanczos\""],
                ),
            },
            ::wfc_runtime::FieldRule {
                name: "background_width",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(8i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(4096i128),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "background_height",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(8i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(4096i128),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "background_color",
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
                name: "x",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(0i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(4096i128),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "y",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(0i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(4096i128),
                ),
                multiple_of: ::std::option::Option::None,
                min_length: ::std::option::Option::None,
                max_length: ::std::option::Option::None,
                pattern: ::std::option::Option::None,
                enum_values: ::std::option::Option::None,
            },
            ::wfc_runtime::FieldRule {
                name: "opacity",
                ty: ::wfc_runtime::Ty::Number,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Float(0f64),
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
