//! The endpoint description as a Rust expression: generated code builds
//! the contract's [`Endpoint`](wfc_contract::Endpoint) from it once, and the
//! runtime checks requests with its rules and documents it. Typed values,
//! not JSON text parsed again at run time.

use proc_macro2::{Literal as Lit, TokenStream};
use quote::quote;
use wfc_contract::{DefaultValue, Endpoint, Field, Literal, Method, Number, Output, ValueRules};

const C: &str = "::wfc_runtime::contract";

fn path(item: &str) -> TokenStream {
    format!("{C}::{item}").parse().expect("a path")
}

fn string(s: &str) -> TokenStream {
    quote!(::std::string::String::from(#s))
}

fn option<T>(v: Option<T>, f: impl FnOnce(T) -> TokenStream) -> TokenStream {
    match v {
        None => quote!(::std::option::Option::None),
        Some(v) => {
            let inner = f(v);
            quote!(::std::option::Option::Some(#inner))
        }
    }
}

fn vec<T>(items: &[T], f: impl Fn(&T) -> TokenStream) -> TokenStream {
    let items = items.iter().map(f);
    quote!(::std::vec::Vec::from([#(#items),*]))
}

fn literal(l: &Literal) -> TokenStream {
    let ty = path("Literal");
    match l {
        Literal::Null => quote!(#ty::Null),
        Literal::Bool(b) => quote!(#ty::Bool(#b)),
        Literal::Int(i) => {
            let i = Lit::i128_suffixed(*i);
            quote!(#ty::Int(#i))
        }
        Literal::Float(f) => {
            let f = Lit::f64_suffixed(*f);
            quote!(#ty::Float(#f))
        }
        Literal::Str(s) => {
            let s = string(s);
            quote!(#ty::Str(#s))
        }
    }
}

fn number(n: Number) -> TokenStream {
    let ty = path("Number");
    match n {
        Number::Int(i) => {
            let i = Lit::i128_suffixed(i);
            quote!(#ty::Int(#i))
        }
        Number::Float(f) => {
            let f = Lit::f64_suffixed(f);
            quote!(#ty::Float(#f))
        }
    }
}

fn rules(r: &ValueRules) -> TokenStream {
    let ty = path(&format!("FieldType::{:?}", r.ty));
    let (minimum, maximum, multiple_of) = (
        option(r.minimum, number),
        option(r.maximum, number),
        option(r.multiple_of, number),
    );
    let u = |n: u64| {
        let n = Lit::u64_suffixed(n);
        quote!(#n)
    };
    let (min_length, max_length) = (option(r.min_length, u), option(r.max_length, u));
    let pattern = option(r.pattern.as_deref(), string);
    let enum_values = option(r.enum_values.as_deref(), |v| vec(v, literal));
    let rules = path("ValueRules");
    quote!(#rules {
        ty: #ty,
        minimum: #minimum,
        maximum: #maximum,
        multiple_of: #multiple_of,
        min_length: #min_length,
        max_length: #max_length,
        pattern: #pattern,
        enum_values: #enum_values,
    })
}

fn field(f: &Field) -> TokenStream {
    let name = string(&f.name);
    let description = option(f.description.as_deref(), string);
    let required = f.required;
    let default = option(f.default.as_ref(), |d| {
        let ty = path("DefaultValue");
        match d {
            DefaultValue::Random => quote!(#ty::Random),
            DefaultValue::Value(v) => {
                let v = literal(v);
                quote!(#ty::Value(#v))
            }
        }
    });
    let rules = rules(&f.rules);
    let examples = vec(&f.examples, literal);
    let deprecated = f.deprecated;
    let targets = vec(&f.targets, |t| {
        let (node, input, class) = (string(&t.node), string(&t.input), string(&t.class_type));
        let ty = path("Target");
        quote!(#ty { node: #node, input: #input, class_type: #class })
    });
    let ty = path("Field");
    quote!(#ty {
        name: #name,
        description: #description,
        required: #required,
        default: #default,
        rules: #rules,
        examples: #examples,
        deprecated: #deprecated,
        targets: #targets,
    })
}

fn output(o: &Output) -> TokenStream {
    let name = string(&o.name);
    let description = option(o.description.as_deref(), string);
    let nodes = vec(&o.nodes, |n| {
        let (id, class) = (string(&n.id), string(&n.class_type));
        let ty = path("NodeRef");
        quote!(#ty { id: #id, class_type: #class })
    });
    let ty = path("Output");
    quote!(#ty { name: #name, description: #description, nodes: #nodes })
}

/// The expression that builds `e`.
pub(super) fn endpoint(e: &Endpoint) -> TokenStream {
    let name = string(&e.name);
    let method = path(match e.method {
        Method::Get => "Method::Get",
        Method::Post => "Method::Post",
    });
    let route = string(&e.path);
    let summary = option(e.summary.as_deref(), string);
    let description = option(e.description.as_deref(), string);
    let tags = vec(&e.tags, |t| string(t));
    let fields = vec(&e.fields, field);
    let outputs = vec(&e.outputs, output);
    let ty = path("Endpoint");
    quote!(#ty {
        name: #name,
        method: #method,
        path: #route,
        summary: #summary,
        description: #description,
        tags: #tags,
        fields: #fields,
        outputs: #outputs,
    })
}
