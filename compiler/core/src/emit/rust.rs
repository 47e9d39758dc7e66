//! The Rust code of an endpoint: the typed `<Type>Input`, its rule table,
//! the graph builder and the `wfc_runtime::Workflow` impl, all naming the
//! runtime by absolute path.

use crate::bind::Endpoint;
use crate::literal::{Literal, Number};
use crate::spec::FieldType;
use proc_macro2::{Ident, Literal as Lit, Span, TokenStream};
use quote::{format_ident, quote};
use wfc_contract::{DefaultValue, Field};

/// Words that need `r#` to be field names.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

fn field_ident(name: &str) -> Ident {
    if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Whether an integer field is held as `u64` (its minimum is not
/// negative, as for seeds up to `u64::MAX`) rather than `i64`.
fn unsigned(f: &Field) -> bool {
    matches!(f.rules.minimum, Some(Number::Int(m)) if m >= 0)
}

/// The Rust type of a field's value (without `Option`).
fn value_type(f: &Field) -> TokenStream {
    match f.rules.ty {
        FieldType::String | FieldType::Image => quote!(::std::string::String),
        FieldType::Boolean => quote!(bool),
        FieldType::Number => quote!(f64),
        FieldType::Integer if unsigned(f) => quote!(u64),
        FieldType::Integer => quote!(i64),
    }
}

/// Whether the struct holds `Option<T>`: the field may be absent and has
/// no fixed default.
fn optional(f: &Field) -> bool {
    f.optional()
}

fn literal_tokens(f: &Field, l: &Literal) -> TokenStream {
    match (f.rules.ty, l) {
        (FieldType::Number, Literal::Int(i)) => {
            let v = Lit::f64_suffixed(*i as f64);
            quote!(#v)
        }
        (FieldType::Number, Literal::Float(x)) => {
            let v = Lit::f64_suffixed(*x);
            quote!(#v)
        }
        (FieldType::Integer, Literal::Int(i)) if unsigned(f) => {
            let v = Lit::u64_suffixed(*i as u64);
            quote!(#v)
        }
        (FieldType::Integer, Literal::Int(i)) => {
            let v = Lit::i64_suffixed(*i as i64);
            quote!(#v)
        }
        (_, Literal::Bool(b)) => quote!(#b),
        (_, Literal::Str(s)) => quote!(::std::string::String::from(#s)),
        // `bind` guarantees a default has the field's type.
        (_, other) => {
            let text = other.to_string();
            quote!(compile_error!(concat!("wfc: unexpected default ", #text)))
        }
    }
}

fn bound(n: Option<Number>) -> TokenStream {
    match n {
        None => quote!(::std::option::Option::None),
        Some(Number::Int(i)) => {
            let v = Lit::i128_suffixed(i);
            quote!(::std::option::Option::Some(::wfc_runtime::validate::Bound::Int(#v)))
        }
        Some(Number::Float(x)) => {
            let v = Lit::f64_suffixed(x);
            quote!(::std::option::Option::Some(::wfc_runtime::validate::Bound::Float(#v)))
        }
    }
}

fn opt_u64(n: Option<u64>) -> TokenStream {
    match n {
        None => quote!(::std::option::Option::None),
        Some(v) => {
            let v = Lit::u64_suffixed(v);
            quote!(::std::option::Option::Some(#v))
        }
    }
}

fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        None => quote!(::std::option::Option::None),
        Some(s) => quote!(::std::option::Option::Some(#s)),
    }
}

fn rule(f: &Field) -> TokenStream {
    let name = &f.name;
    let ty = match f.rules.ty {
        FieldType::String => quote!(String),
        FieldType::Integer => quote!(Integer),
        FieldType::Number => quote!(Number),
        FieldType::Boolean => quote!(Boolean),
        FieldType::Image => quote!(Image),
    };
    let required = f.required;
    let (minimum, maximum, multiple_of) = (
        bound(f.rules.minimum),
        bound(f.rules.maximum),
        bound(f.rules.multiple_of),
    );
    let (min_length, max_length) = (opt_u64(f.rules.min_length), opt_u64(f.rules.max_length));
    let pattern = opt_str(f.rules.pattern.as_deref());
    let enum_values = match &f.rules.enum_values {
        None => quote!(::std::option::Option::None),
        Some(values) => {
            let texts = values.iter().map(|v| v.to_json().to_string());
            quote!(::std::option::Option::Some(&[#(#texts),*]))
        }
    };
    quote! {
        ::wfc_runtime::FieldRule {
            name: #name,
            ty: ::wfc_runtime::Ty::#ty,
            required: #required,
            minimum: #minimum,
            maximum: #maximum,
            multiple_of: #multiple_of,
            min_length: #min_length,
            max_length: #max_length,
            pattern: #pattern,
            enum_values: #enum_values,
        }
    }
}

/// Statements that set the field's targets in graph `g` from `input`.
fn graph_statements(f: &Field) -> TokenStream {
    let ident = field_ident(&f.name);
    let name = &f.name;
    let targets: Vec<(&str, &str)> = f
        .targets
        .iter()
        .map(|t| (t.node.as_str(), t.input.as_str()))
        .collect();
    let sets = |value: TokenStream| {
        let each = targets.iter().map(|(node, input)| {
            if f.rules.ty == FieldType::Image {
                quote!(g.image(#name, #node, #input, #value);)
            } else {
                quote!(g.set(#node, #input, #value);)
            }
        });
        quote!(#(#each)*)
    };
    match (&f.default, optional(f)) {
        (Some(DefaultValue::Random), _) => {
            let lo = Lit::i128_suffixed(f.rules.minimum.map_or(0, Number::floor));
            let hi = Lit::i128_suffixed(f.rules.maximum.map_or(u64::MAX as i128, Number::floor));
            let set = sets(quote!(&value));
            quote! {
                {
                    let value = match input.#ident {
                        ::std::option::Option::Some(v) => ::wfc_runtime::serde_json::Value::from(v),
                        ::std::option::Option::None => ::wfc_runtime::graph::random_integer(#lo, #hi),
                    };
                    #set
                }
            }
        }
        (_, true) => {
            let set = sets(quote!(value));
            quote! {
                if let ::std::option::Option::Some(value) = &input.#ident {
                    #set
                }
            }
        }
        (_, false) => sets(quote!(&input.#ident)),
    }
}

/// The code `#[workflow]` adds next to the unit struct `ty`: the input
/// struct, and the `Workflow` impl with its metadata, rules and graph
/// builder. `files` are the files the endpoint was compiled from, relative
/// to `CARGO_MANIFEST_DIR`; they are `include_str!`ed so that cargo
/// rebuilds when one changes.
pub fn endpoint_tokens(endpoint: &Endpoint, ty: &Ident, files: &[String]) -> TokenStream {
    let type_name = ty.to_string();
    let input = format_ident!("{}Input", ty);
    let input_name = input.to_string();
    let (schema_json, operation_json) = super::meta_json(endpoint);
    let workflow_json = endpoint.workflow.to_string();

    let includes = files.iter().map(|f| {
        let path = format!("/{f}");
        quote!(
            const _: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), #path));
        )
    });

    let mut defaults = Vec::new();
    let fields = endpoint.api.fields.iter().map(|f| {
        let ident = field_ident(&f.name);
        let mut doc = f.description.clone().unwrap_or_default();
        if f.rules.ty == FieldType::Image {
            doc.push_str(if doc.is_empty() { "" } else { " " });
            doc.push_str("An image: an http(s) URL, base64, or a data URI.");
        }
        let doc = (!doc.is_empty()).then(|| quote!(#[doc = #doc]));
        let vt = value_type(f);
        let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
        if optional(f) {
            quote! {
                #doc #deprecated
                #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
                pub #ident: ::std::option::Option<#vt>,
            }
        } else if let Some(DefaultValue::Value(v)) = &f.default {
            let fn_name = format_ident!("default_{}", f.name);
            let fn_path = format!("{input_name}::{fn_name}");
            let value = literal_tokens(f, v);
            defaults.push(quote!(fn #fn_name() -> #vt { #value }));
            quote! {
                #doc #deprecated
                #[serde(default = #fn_path)]
                pub #ident: #vt,
            }
        } else {
            quote!(#doc #deprecated pub #ident: #vt,)
        }
    });
    let fields: Vec<TokenStream> = fields.collect();
    let rules = endpoint.api.fields.iter().map(rule);
    let graph = endpoint.api.fields.iter().map(graph_statements);

    let name = &endpoint.api.name;
    let path = &endpoint.api.path;
    let summary = opt_str(endpoint.api.summary.as_deref());
    let description = opt_str(endpoint.api.description.as_deref());
    let tags = &endpoint.api.tags;
    let outputs = endpoint.api.outputs.iter().map(|o| {
        let oname = &o.name;
        let odesc = opt_str(o.description.as_deref());
        let kind = o.kind().as_str();
        let nodes = o.nodes.iter().map(|n| {
            let (id, class) = (&n.id, &n.class_type);
            quote!(::wfc_runtime::NodeRef { id: #id, class_type: #class })
        });
        quote!(::wfc_runtime::OutputMeta { name: #oname, description: #odesc, kind: #kind, nodes: &[#(#nodes),*] })
    });
    let bindings = endpoint.api.fields.iter().flat_map(|f| {
        let field = &f.name;
        f.targets.iter().map(move |t| {
            let (node, input) = (&t.node, &t.input);
            quote!(::wfc_runtime::FieldBinding { field: #field, node: #node, input: #input })
        })
    });
    let struct_doc = format!(
        "Input of `POST {path}`{}.",
        endpoint
            .api
            .summary
            .as_ref()
            .map(|s| format!(": {s}"))
            .unwrap_or_default()
    );
    let deprecated_allow = endpoint
        .api
        .fields
        .iter()
        .any(|f| f.deprecated)
        .then(|| quote!(#[allow(deprecated)]));

    quote! {
        #(#includes)*

        #[doc = #struct_doc]
        #[derive(Clone, Debug, PartialEq, ::wfc_runtime::serde::Serialize, ::wfc_runtime::serde::Deserialize)]
        #[serde(crate = "::wfc_runtime::serde", deny_unknown_fields)]
        pub struct #input {
            #(#fields)*
        }

        impl #input {
            #(#defaults)*
        }

        impl ::wfc_runtime::schemars::JsonSchema for #input {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#input_name)
            }

            fn json_schema(_: &mut ::wfc_runtime::schemars::SchemaGenerator) -> ::wfc_runtime::schemars::Schema {
                ::wfc_runtime::serde_json::from_str(<#ty as ::wfc_runtime::Workflow>::META.input_schema)
                    .expect("the schema wfc emitted is JSON")
            }
        }

        #deprecated_allow
        impl ::wfc_runtime::Workflow for #ty {
            type Input = #input;

            const META: ::wfc_runtime::EndpointMeta = ::wfc_runtime::EndpointMeta {
                name: #name,
                type_name: #type_name,
                method: "POST",
                path: #path,
                summary: #summary,
                description: #description,
                tags: &[#(#tags),*],
                outputs: &[#(#outputs),*],
                bindings: &[#(#bindings),*],
                input_schema: #schema_json,
                operation: #operation_json,
            };

            fn parse(
                input: &::wfc_runtime::serde_json::Value,
            ) -> ::std::result::Result<Self::Input, ::std::vec::Vec<::wfc_runtime::Violation>> {
                static FIELDS: &[::wfc_runtime::FieldRule] = &[#(#rules),*];
                static RULES: ::std::sync::LazyLock<::wfc_runtime::Rules> =
                    ::std::sync::LazyLock::new(|| ::wfc_runtime::Rules::new(FIELDS));
                let value = RULES.check(input, "/input")?;
                ::wfc_runtime::serde_json::from_value(value).map_err(|e| {
                    ::std::vec![::wfc_runtime::Violation {
                        pointer: ::std::string::String::from("/input"),
                        keyword: "type",
                        message: e.to_string(),
                    }]
                })
            }

            fn graph(input: &Self::Input) -> ::wfc_runtime::Graph {
                static WORKFLOW: ::std::sync::LazyLock<::wfc_runtime::serde_json::Value> =
                    ::std::sync::LazyLock::new(|| {
                        ::wfc_runtime::serde_json::from_str(#workflow_json).expect("the workflow wfc embedded is JSON")
                    });
                let mut g = ::wfc_runtime::Graph::new(&WORKFLOW);
                #(#graph)*
                g
            }
        }
    }
}
