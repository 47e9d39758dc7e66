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
    let input = format_ident!("{}Input", ty);
    let input_name = input.to_string();
    let description = super::description::endpoint(&endpoint.api);
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
    let graph = endpoint.api.fields.iter().map(graph_statements);
    let path = &endpoint.api.path;
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
                let schema = ::wfc_runtime::contract::schema::input_schema(
                    <#ty as ::wfc_runtime::Workflow>::endpoint(),
                );
                ::wfc_runtime::serde_json::from_value(schema).expect("an input schema is a JSON Schema")
            }
        }

        #deprecated_allow
        impl ::wfc_runtime::Workflow for #ty {
            type Input = #input;

            fn endpoint() -> &'static ::wfc_runtime::Endpoint {
                static ENDPOINT: ::std::sync::LazyLock<::wfc_runtime::Endpoint> =
                    ::std::sync::LazyLock::new(|| #description);
                &ENDPOINT
            }

            fn parse(
                input: &::wfc_runtime::serde_json::Value,
            ) -> ::std::result::Result<Self::Input, ::std::vec::Vec<::wfc_runtime::Violation>> {
                static RULES: ::std::sync::LazyLock<::wfc_runtime::Rules> =
                    ::std::sync::LazyLock::new(|| {
                        ::wfc_runtime::Rules::new(&<#ty as ::wfc_runtime::Workflow>::endpoint().fields)
                    });
                let value = RULES.check(input, "/input")?;
                ::wfc_runtime::serde_json::from_value(value).map_err(|e| {
                    ::std::vec![::wfc_runtime::Violation::new(
                        "/input",
                        ::wfc_runtime::Keyword::Type,
                        e.to_string(),
                    )]
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
