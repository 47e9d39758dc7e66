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
        ::wfc_runtime::serde_json::from_str(
                <BasicSolidInvert as ::wfc_runtime::Workflow>::META.input_schema,
            )
            .expect("the schema wfc emitted is JSON")
    }
}
impl ::wfc_runtime::Workflow for BasicSolidInvert {
    type Input = BasicSolidInvertInput;
    const META: ::wfc_runtime::EndpointMeta = ::wfc_runtime::EndpointMeta {
        name: "basic_solid_invert",
        type_name: "BasicSolidInvert",
        method: "POST",
        path: "/workflows/basic/solid_invert",
        summary: ::std::option::Option::Some("Solid color image, inverted"),
        description: ::std::option::Option::Some(
            "Creates an image filled with one color and inverts it (EmptyImage, then ImageInvert, then SaveImage). Needs no model files, which makes it the smoke test of a deployment: if this endpoint works, the runtime, the queue and the output download all work.",
        ),
        tags: &["basic", "test"],
        outputs: &[
            ::wfc_runtime::OutputMeta {
                name: "images",
                description: ::std::option::Option::Some("The inverted images (PNG)."),
                kind: "image",
                nodes: &[
                    ::wfc_runtime::NodeRef {
                        id: "3",
                        class_type: "SaveImage",
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
                field: "color",
                node: "1",
                input: "color",
            },
            ::wfc_runtime::FieldBinding {
                field: "batch_size",
                node: "1",
                input: "batch_size",
            },
            ::wfc_runtime::FieldBinding {
                field: "filename_prefix",
                node: "3",
                input: "filename_prefix",
            },
        ],
        input_schema: "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"additionalProperties\":false,\"description\":\"Input of /workflows/basic/solid_invert (Solid color image, inverted).\",\"properties\":{\"batch_size\":{\"default\":1,\"description\":\"How many identical images to produce.\",\"maximum\":16,\"minimum\":1,\"type\":\"integer\"},\"color\":{\"default\":3368652,\"description\":\"Fill color before inversion, as a 24-bit RGB integer 0xRRGGBB (for example 3368652 = 0x3366CC, which inverts to 0xCC9933).\",\"examples\":[0,16777215,16711680],\"maximum\":16777215,\"minimum\":0,\"type\":\"integer\"},\"filename_prefix\":{\"default\":\"basic/solid_invert\",\"description\":\"Prefix of the saved file names in ComfyUI's output folder; `/` makes subfolders.\",\"examples\":[\"basic/solid_invert\",\"tests/run_42\"],\"maxLength\":64,\"minLength\":1,\"pattern\":\"^[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_-]*)*$\",\"type\":\"string\"},\"height\":{\"default\":512,\"description\":\"Image height in pixels.\",\"maximum\":4096,\"minimum\":1,\"type\":\"integer\"},\"width\":{\"default\":512,\"description\":\"Image width in pixels.\",\"maximum\":4096,\"minimum\":1,\"type\":\"integer\"}},\"required\":[],\"title\":\"BasicSolidInvertInput\",\"type\":\"object\"}",
        operation: "{\"description\":\"Creates an image filled with one color and inverts it (EmptyImage, then ImageInvert, then SaveImage). Needs no model files, which makes it the smoke test of a deployment: if this endpoint works, the runtime, the queue and the output download all work.\",\"operationId\":\"basic_solid_invert\",\"parameters\":[{\"description\":\"Validate the request and return the ComfyUI graph it would run, without running it.\",\"in\":\"query\",\"name\":\"dry_run\",\"required\":false,\"schema\":{\"default\":false,\"type\":\"boolean\"}}],\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/BasicSolidInvertRequest\"}}},\"required\":true},\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"oneOf\":[{\"$ref\":\"#/components/schemas/BasicSolidInvertResponse\"},{\"$ref\":\"#/components/schemas/DryRun\"}]}},\"application/octet-stream\":{},\"image/jpeg\":{},\"image/png\":{},\"image/webp\":{}},\"description\":\"The outputs, as JSON (or, with `dry_run=true`, the graph the request would run); with `Accept: image/*` or `application/octet-stream` and a single output file, that file's bytes.\"},\"400\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is not JSON.\"},\"404\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"No such endpoint.\"},\"406\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"Raw bytes were asked for, but the run produced several files.\"},\"413\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The body is over MAX_BODY_SIZE_MB.\"},\"422\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"The request breaks the endpoint's schema; `errors` lists every violation with its JSON pointer.\"},\"500\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"A node failed while running (`node_id`, `node_type`, `exception_type`, `exception_message`), or the run was interrupted.\"},\"501\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"`webhook` was given; webhook delivery is not implemented.\"},\"502\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI rejected the workflow for a reason no request field explains (`node_errors`), or answered something unexpected.\"},\"503\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"ComfyUI is not reachable.\"},\"504\":{\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}},\"description\":\"REQUEST_TIMEOUT_S passed; the prompt was removed from ComfyUI's queue or interrupted.\"}},\"summary\":\"Solid color image, inverted\",\"tags\":[\"basic\",\"test\"],\"x-wfc-outputs\":[{\"description\":\"The inverted images (PNG).\",\"name\":\"images\",\"nodes\":[{\"class_type\":\"SaveImage\",\"id\":\"3\",\"kind\":\"image\"}]}]}",
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
                    ::wfc_runtime::validate::Bound::Int(4096i128),
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
                    ::wfc_runtime::validate::Bound::Int(4096i128),
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
                name: "batch_size",
                ty: ::wfc_runtime::Ty::Integer,
                required: false,
                minimum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(1i128),
                ),
                maximum: ::std::option::Option::Some(
                    ::wfc_runtime::validate::Bound::Int(16i128),
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
