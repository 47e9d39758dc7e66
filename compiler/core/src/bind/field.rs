//! One request field, checked in steps: its type ([`choose_type`]), that
//! the type fits every bound input ([`check_compatibility`]), its limits
//! ([`limits`]: the keys that apply to the type, narrowing only, non-empty
//! ranges), its pattern, its enum ([`enum_values`]), its default and
//! `random` ([`default`]), whether it is required, and its examples.
//! Values are checked with the contract's rules, the function the runtime
//! checks requests with.

use super::infer::{Inferred, compatible};
use crate::catalog::lists_model_files;
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Diagnostics, Span, list_names, suggest};
use crate::literal::{Literal, Number};
use crate::spec::{FieldType, InputSpec, Spanned, Target as SpecTarget};
use crate::workflow::WorkflowNode;
use std::cmp::Ordering;
use wfc_contract::{DefaultValue, Field, Target, ValueRules};

/// A binding of the field, resolved: where the spec names it, the node,
/// and what the node's input says.
pub(super) type Bound<'a> = (&'a Spanned<SpecTarget>, &'a WorkflowNode, Inferred);

/// The field for `input` bound to `targets`, or `None` when a step found an
/// error (each step reports its own).
pub(super) fn field(
    input: &InputSpec,
    targets: &[Bound<'_>],
    diags: &mut Diagnostics,
) -> Option<Field> {
    let errors_before = diags.error_count();
    let name = &input.name.value;
    let first = &targets.first()?.2;
    let ty = choose_type(input, targets);
    check_compatibility(input, ty, targets, diags);
    if diags.error_count() > errors_before {
        return None;
    }
    let node = NodeLimits::of(targets);
    let mut rules = limits(input, ty, &node, diags)?;
    rules.pattern = input.pattern.as_ref().map(|p| p.value.clone());
    let pattern = match rules.compile_pattern() {
        Ok(p) => p,
        Err(e) => {
            let at = input.pattern.as_ref().map_or(input.name.span, |p| p.span);
            diags.push(
                Diagnostic::error(
                    Code::BadPattern,
                    format!("`pattern` cannot be compiled: {e}"),
                )
                .at(at, "invalid regular expression"),
            );
            return None;
        }
    };
    rules.enum_values = enum_values(input, ty, node.options, &node.models, first, diags);
    let check = Checker {
        name,
        rules: &rules,
        pattern: pattern.as_ref(),
        models: &node.models,
    };
    let required_flag = input.required.as_ref().map(|r| r.value);
    if let (Some(true), Some(d)) = (required_flag, &input.default) {
        diags.push(
            Diagnostic::error(
                Code::RequiredWithDefault,
                format!("field `{name}` is required and has a default"),
            )
            .at(d.span, "a required field never uses its default")
            .help("remove `default:` or `required: true`"),
        );
    }
    let mut default = default(input, &check, targets, diags);
    let required = required_flag.unwrap_or_else(|| {
        default.is_none()
            && (ty == FieldType::Image || targets.iter().all(|(_, _, i)| i.literal.is_none()))
    });
    if required {
        default = None;
    }
    let examples = examples(input, &check, diags);
    let field = Field {
        name: name.clone(),
        description: input
            .description
            .as_ref()
            .map(|d| d.value.clone())
            .or_else(|| first.tooltip.clone()),
        required,
        default,
        rules,
        examples,
        deprecated: input.deprecated.as_ref().is_some_and(|d| d.value),
        targets: targets
            .iter()
            .map(|(t, n, _)| Target {
                node: n.id.clone(),
                input: t.value.input.clone(),
                class_type: n.class_type.clone(),
            })
            .collect(),
    };
    (diags.error_count() == errors_before).then_some(field)
}

/// The field's type: explicit, else the first target's (integer when
/// targets mix INT and FLOAT).
fn choose_type(input: &InputSpec, targets: &[Bound<'_>]) -> FieldType {
    let types = || targets.iter().map(|(_, _, i)| i.ty);
    match &input.ty {
        Some(t) => t.value,
        None if types().any(|t| t == FieldType::Integer) && types().all(FieldType::is_numeric) => {
            FieldType::Integer
        }
        None => targets[0].2.ty,
    }
}

/// Reports every target the field's type cannot fill, and workflow values
/// an explicit type does not accept.
fn check_compatibility(
    input: &InputSpec,
    ty: FieldType,
    targets: &[Bound<'_>],
    diags: &mut Diagnostics,
) {
    let name = &input.name.value;
    for (t, _, inf) in targets {
        if !compatible(ty, inf) {
            diags.push(type_mismatch(input, ty, t, inf));
        }
        // An explicit type must also accept the workflow's value (checked
        // when the type came from the catalog; otherwise it is the same check).
        else if let (Some(explicit), Some((lit, lit_span)), true) =
            (&input.ty, &inf.literal, inf.from_catalog)
            && !fits_type(explicit.value, lit)
        {
            diags.push(
                Diagnostic::error(
                    Code::TypeMismatch,
                    format!(
                        "field `{name}` is declared {} but the workflow sets {} to {lit} ({})",
                        explicit.value.as_str(),
                        inf.what,
                        lit.type_name()
                    ),
                )
                .at(
                    explicit.span,
                    format!("declared `{}`", explicit.value.as_str()),
                )
                .also(*lit_span, format!("{} in the workflow", lit.type_name())),
            );
        }
    }
}

fn type_mismatch(
    input: &InputSpec,
    ty: FieldType,
    t: &Spanned<SpecTarget>,
    inf: &Inferred,
) -> Diagnostic {
    let name = &input.name.value;
    let (at, label) = match &input.ty {
        Some(explicit) => (explicit.span, format!("declared `{}`", ty.as_str())),
        None => (
            t.span,
            format!("{} takes {}", t.value.input, inf.ty.article()),
        ),
    };
    let source = if inf.from_catalog {
        "the catalog's type"
    } else {
        "inferred from the workflow's value"
    };
    let d = Diagnostic::error(
        Code::TypeMismatch,
        format!(
            "field `{name}` is {} but {} takes {} ({source})",
            ty.article(),
            inf.what,
            inf.ty.article()
        ),
    )
    .at(at, label);
    let d = if input.ty.is_some() {
        d.also(t.span, format!("bound to {}", inf.what))
    } else {
        d
    };
    d.help(match (ty, inf.ty) {
        (FieldType::Number, FieldType::Integer) => {
            "use `type: integer`: the node takes whole numbers only".to_string()
        }
        (FieldType::Image, _) => "`image` fields fill LoadImage-style upload inputs (LoadImage.image, LoadImageMask.image)".to_string(),
        _ if input.ty.is_some() => format!("use `type: {}` or remove `type:`", inf.ty.as_str()),
        _ => "bind the field only to inputs of one type".to_string(),
    })
}

/// What the bound node inputs allow, intersected over the targets.
struct NodeLimits<'a> {
    min: Option<(Number, &'a Inferred)>,
    max: Option<(Number, &'a Inferred)>,
    options: Option<Vec<Literal>>,
    models: Option<Vec<Literal>>,
}

impl<'a> NodeLimits<'a> {
    fn of(targets: &'a [Bound<'a>]) -> NodeLimits<'a> {
        let mut limits = NodeLimits {
            min: None,
            max: None,
            options: None,
            models: targets.iter().find_map(|(_, _, i)| i.models.clone()),
        };
        for (_, _, inf) in targets {
            if let Some(m) = inf.min
                && limits.min.is_none_or(|(cur, _)| m.cmp_num(cur).is_gt())
            {
                limits.min = Some((m, inf));
            }
            if let Some(m) = inf.max
                && limits.max.is_none_or(|(cur, _)| m.cmp_num(cur).is_lt())
            {
                limits.max = Some((m, inf));
            }
            if let Some(opts) = &inf.options {
                limits.options = Some(match limits.options.take() {
                    None => opts.clone(),
                    Some(prev) => prev.into_iter().filter(|o| opts.contains(o)).collect(),
                });
            }
        }
        limits
    }
}

/// The field's numeric and length limits: the spec's, else the nodes'.
/// `None` (with diagnostics) when a key does not apply to the type, a
/// limit widens the node's, or the range is empty.
fn limits(
    input: &InputSpec,
    ty: FieldType,
    node: &NodeLimits<'_>,
    diags: &mut Diagnostics,
) -> Option<ValueRules> {
    let errors_before = diags.error_count();
    keys_for_type(input, ty, diags);
    check_widening(input, node, diags);
    if diags.error_count() > errors_before {
        // Limits are inconsistent: checking values against them would only repeat that.
        return None;
    }
    let numeric = ty.is_numeric();
    // Limits of integer fields are whole numbers (`2.0` counts, as in JSON
    // Schema); keep them exact.
    let limit = |n: Number| {
        if ty == FieldType::Integer {
            n.exact()
        } else {
            n
        }
    };
    let spec_or_node = |spec: &Option<Spanned<Number>>, node: Option<(Number, &Inferred)>| {
        spec.as_ref()
            .map(|s| limit(s.value))
            .or(node.map(|(n, _)| n))
            .filter(|_| numeric)
    };
    let rules = ValueRules {
        minimum: spec_or_node(&input.minimum, node.min),
        maximum: spec_or_node(&input.maximum, node.max),
        multiple_of: spec_or_node(&input.multiple_of, None),
        min_length: input.min_length.as_ref().map(|m| m.value),
        max_length: input.max_length.as_ref().map(|m| m.value),
        ..ValueRules::of_type(ty)
    };
    check_ranges(input, &rules, diags);
    (diags.error_count() == errors_before).then_some(rules)
}

/// Which spec keys apply to which types, and whole-number limits for
/// integer fields.
fn keys_for_type(input: &InputSpec, ty: FieldType, diags: &mut Diagnostics) {
    let name = &input.name.value;
    let numeric = ty.is_numeric();
    let stringy = ty == FieldType::String;
    let span = |s: &Option<Spanned<Number>>| s.as_ref().map(|s| s.span);
    for (key, span, ok) in [
        ("minimum", span(&input.minimum), numeric),
        ("maximum", span(&input.maximum), numeric),
        ("multiple_of", span(&input.multiple_of), numeric),
        (
            "min_length",
            input.min_length.as_ref().map(|s| s.span),
            stringy,
        ),
        (
            "max_length",
            input.max_length.as_ref().map(|s| s.span),
            stringy,
        ),
        ("pattern", input.pattern.as_ref().map(|s| s.span), stringy),
        (
            "enum",
            input.enum_values.as_ref().map(|s| s.span),
            ty != FieldType::Image && ty != FieldType::Boolean,
        ),
    ] {
        if let (Some(span), false) = (span, ok) {
            diags.push(
                Diagnostic::error(
                    Code::LimitForType,
                    format!("`{key}` does not apply to {} field", ty.article()),
                )
                .at(span, format!("`{name}` is {}", ty.article()))
                .help(match key {
                    "minimum" | "maximum" | "multiple_of" => {
                        "numeric limits apply to integer and number fields"
                    }
                    "enum" => "enums apply to string, integer and number fields",
                    _ => "length and pattern limits apply to string fields",
                }),
            );
        }
    }
    if ty == FieldType::Integer {
        for lim in [&input.minimum, &input.maximum, &input.multiple_of]
            .into_iter()
            .flatten()
        {
            if let Number::Float(f) = lim.value
                && wfc_contract::value::integral(f).is_none()
            {
                diags.push(
                    Diagnostic::error(
                        Code::BadLimit,
                        format!("`{name}` is an integer field, but this limit is {f}"),
                    )
                    .at(lim.span, "expected a whole number"),
                );
            }
        }
    }
}

/// Limits narrow the node's, never widen them.
fn check_widening(input: &InputSpec, node: &NodeLimits<'_>, diags: &mut Diagnostics) {
    for (key, spec_limit, node_limit, widening, word, bound) in [
        (
            "minimum",
            &input.minimum,
            node.min,
            Ordering::Less,
            "below",
            "at least",
        ),
        (
            "maximum",
            &input.maximum,
            node.max,
            Ordering::Greater,
            "above",
            "at most",
        ),
    ] {
        if let (Some(spec), Some((node, inf))) = (spec_limit, node_limit)
            && spec.value.cmp_num(node) == widening
        {
            diags.push(
                Diagnostic::error(
                    Code::WidensLimit,
                    format!("{key} {} is {word} the node's {key} {node}", spec.value),
                )
                .at(spec.span, "would accept values ComfyUI rejects")
                .also(inf.at, format!("{} has {key} {node}", inf.what))
                .help(format!(
                    "use a {key} of {bound} {node}, or remove it to inherit the node's"
                )),
            );
        }
    }
}

/// A range that admits no value is an error.
fn check_ranges(input: &InputSpec, rules: &ValueRules, diags: &mut Diagnostics) {
    if let (Some(lo), Some(hi)) = (rules.minimum, rules.maximum)
        && lo.cmp_num(hi).is_gt()
    {
        let at = input
            .minimum
            .as_ref()
            .or(input.maximum.as_ref())
            .map_or(input.name.span, |s| s.span);
        diags.push(
            Diagnostic::error(
                Code::EmptyRange,
                format!("minimum {lo} is greater than maximum {hi}: no value is allowed"),
            )
            .at(at, "empty range"),
        );
    }
    if let (Some(lo), Some(hi)) = (&input.min_length, &input.max_length)
        && lo.value > hi.value
    {
        diags.push(
            Diagnostic::error(
                Code::EmptyRange,
                format!(
                    "min_length {} is greater than max_length {}",
                    lo.value, hi.value
                ),
            )
            .at(lo.span, "empty range"),
        );
    }
}

/// The allowed values: the spec's enum, checked as a subset of the node's
/// options (strict for interface combos, a warning for model lists), else
/// the node's options.
fn enum_values(
    input: &InputSpec,
    ty: FieldType,
    options: Option<Vec<Literal>>,
    models: &Option<Vec<Literal>>,
    first: &Inferred,
    diags: &mut Diagnostics,
) -> Option<Vec<Literal>> {
    let Some(spec_enum) = &input.enum_values else {
        return options;
    };
    let name = &input.name.value;
    for v in &spec_enum.value {
        if !fits_type(ty, &v.value) {
            diags.push(
                Diagnostic::error(
                    Code::BadEnum,
                    format!(
                        "enum value {} is {}, not {}",
                        v.value,
                        v.value.type_name(),
                        ty.article()
                    ),
                )
                .at(v.span, format!("`{name}` is {}", ty.article())),
            );
        } else if let Some(opts) = &options
            && !opts.contains(&v.value)
        {
            let s = v.value.to_string();
            let strs: Vec<String> = opts.iter().map(|o| o.to_string()).collect();
            diags.push(
                Diagnostic::error(
                    Code::BadEnum,
                    format!("{} is not an option of {}", v.value, first.what),
                )
                .at(v.span, "ComfyUI would reject this value")
                .also(first.at, "bound here")
                .maybe_help(suggest(&s, strs.iter().map(String::as_str)))
                .note(format!("the node's options are {}", list_names(&strs, 12))),
            );
        } else if let Some(w) = model_warning(name, models, &v.value, v.span) {
            diags.push(w);
        }
    }
    Some(spec_enum.value.iter().map(|v| v.value.clone()).collect())
}

/// Checks values of one field with the contract's rules.
struct Checker<'a> {
    name: &'a str,
    rules: &'a ValueRules,
    pattern: Option<&'a regex::Regex>,
    models: &'a Option<Vec<Literal>>,
}

impl Checker<'_> {
    /// Why `value` is not a valid value of the field, as the end of a
    /// sentence ("is above the maximum 100"): the first problem the
    /// runtime would report for it in a request.
    fn problem(&self, value: &Literal) -> Option<String> {
        value_problem(self.rules, self.pattern, value)
    }

    /// A warning when `value` is missing from a model list.
    fn model_warning(&self, value: &Literal, span: Span) -> Option<Diagnostic> {
        model_warning(self.name, self.models, value, span)
    }
}

/// Why `value` cannot be a default or example of a field with `rules`
/// (`pattern` is the rules' pattern, compiled once), as the end of a
/// sentence ("is above the maximum 100"): the first problem the runtime
/// would report for it in a request, since both use the contract's check.
pub fn value_problem(
    rules: &ValueRules,
    pattern: Option<&regex::Regex>,
    value: &Literal,
) -> Option<String> {
    let (_, problems) = rules.check(&value.to_json(), pattern);
    problems.first().map(wfc_contract::Problem::predicate)
}

/// The field's default: explicit (`random` for integer fields), else the
/// workflow's value of the bound inputs, each checked against the rules.
fn default(
    input: &InputSpec,
    check: &Checker<'_>,
    targets: &[Bound<'_>],
    diags: &mut Diagnostics,
) -> Option<DefaultValue> {
    let name = check.name;
    let ty = check.rules.ty;
    match &input.default {
        Some(d) if d.value == Literal::Str("random".into()) && ty != FieldType::String => {
            random_default(name, check.rules, d.span, diags)
        }
        Some(d) => {
            let value = coerce(ty, &d.value);
            if let Some(problem) = check.problem(&value) {
                diags.push(
                    Diagnostic::error(
                        Code::BadDefault,
                        format!("default {} of `{name}` {problem}", d.value),
                    )
                    .at(d.span, "invalid default"),
                );
            } else if let Some(w) = check.model_warning(&value, d.span) {
                diags.push(w);
            }
            Some(DefaultValue::Value(value))
        }
        None => workflow_default(input, check, targets, diags).map(DefaultValue::Value),
    }
}

/// `default: random`: integer fields whose whole range is allowed.
fn random_default(
    name: &str,
    rules: &ValueRules,
    span: Span,
    diags: &mut Diagnostics,
) -> Option<DefaultValue> {
    let restricted = if rules.enum_values.is_some() {
        Some("`enum`")
    } else if rules.multiple_of.is_some() {
        Some("`multiple_of`")
    } else {
        None
    };
    match (rules.ty, restricted) {
        (FieldType::Integer, Some(what)) => diags.push(
            Diagnostic::error(
                Code::BadDefault,
                format!("`default: random` draws from the whole range, which {what} of `{name}` restricts"),
            )
            .at(span, "random values would break the field's limits")
            .help("give a fixed default, or drop the restriction"),
        ),
        (FieldType::Integer, None) => return Some(DefaultValue::Random),
        (ty, _) => diags.push(
            Diagnostic::error(
                Code::BadDefault,
                format!(
                    "`default: random` is for integer fields (seeds); `{name}` is {}",
                    ty.article()
                ),
            )
            .at(span, "not an integer field"),
        ),
    }
    None
}

/// A field without `default:` takes the workflow's value of its inputs,
/// checked like an explicit default; they must agree.
fn workflow_default(
    input: &InputSpec,
    check: &Checker<'_>,
    targets: &[Bound<'_>],
    diags: &mut Diagnostics,
) -> Option<Literal> {
    let (name, ty) = (check.name, check.rules.ty);
    let literals: Vec<&(Literal, Span)> = targets
        .iter()
        .filter_map(|(_, _, i)| i.literal.as_ref())
        .collect();
    let implicit_required = ty == FieldType::Image || literals.is_empty();
    let required = input
        .required
        .as_ref()
        .map_or(implicit_required, |r| r.value);
    let (lit, lit_span) = literals.first().filter(|_| !required)?;
    if let Some((other, other_span)) = literals
        .iter()
        .map(|l| (&l.0, l.1))
        .find(|(l, _)| coerce(ty, l) != coerce(ty, lit))
    {
        diags.push(
            Diagnostic::error(
                Code::ConflictingDefaults,
                format!("the inputs `{name}` binds have different values in the workflow ({lit} and {other})"),
            )
            .at(input.name.span, "which one is the default?")
            .also(*lit_span, format!("{lit} here"))
            .also(other_span, format!("{other} here"))
            .help("give the field a `default:` (or `required: true`)"),
        );
        return None;
    }
    if ty == FieldType::Image {
        return None;
    }
    let lit = coerce(ty, lit);
    if let Some(problem) = check.problem(&lit) {
        diags.push(
            Diagnostic::error(
                Code::BadDefault,
                format!("the workflow's value {lit}, the default of `{name}`, {problem}"),
            )
            .at(input.name.span, "field without `default:`")
            .also(*lit_span, "used as the default")
            .help("give the field a `default:` that fits its limits"),
        );
    } else if let Some(w) = check.model_warning(&lit, *lit_span) {
        diags.push(w.also(input.name.span, "its default comes from the workflow"));
    }
    Some(lit)
}

/// The field's examples, each checked against the rules.
fn examples(input: &InputSpec, check: &Checker<'_>, diags: &mut Diagnostics) -> Vec<Literal> {
    let ty = check.rules.ty;
    for e in &input.examples {
        if let Some(problem) = check.problem(&coerce(ty, &e.value)) {
            diags.push(
                Diagnostic::error(
                    Code::BadExample,
                    format!("example {} of `{}` {problem}", e.value, check.name),
                )
                .at(e.span, "invalid example"),
            );
        } else if let Some(w) = check.model_warning(&e.value, e.span) {
            diags.push(w);
        }
    }
    input
        .examples
        .iter()
        .map(|e| coerce(ty, &e.value))
        .collect()
}

/// A warning when `value` is missing from a model list that names model
/// files. Model lists are deployment data, so this is never an error.
fn model_warning(
    name: &str,
    models: &Option<Vec<Literal>>,
    value: &Literal,
    span: Span,
) -> Option<Diagnostic> {
    let models = models
        .as_ref()
        .filter(|m| lists_model_files(m) && !m.contains(value))?;
    let names: Vec<String> = models.iter().map(|m| m.to_string()).collect();
    Some(
        Diagnostic::warning(
            Code::ModelNotListed,
            format!("{value} is not among the catalog's models for `{name}`"),
        )
        .at(span, "not in the catalog's model list")
        .note(format!("the catalog lists {}", list_names(&names, 8)))
        .note("model lists are deployment data: the ComfyUI you deploy to may have it"),
    )
}

/// Whether `lit` is a value of type `ty`, by the contract's type rule
/// (integers count as numbers, `7.0` as an integer).
pub(super) fn fits_type(ty: FieldType, lit: &Literal) -> bool {
    ValueRules::of_type(ty)
        .check(&lit.to_json(), None)
        .1
        .is_empty()
}

/// `lit` as a value of an `ty` field: integral floats of integer fields
/// become integers.
fn coerce(ty: FieldType, lit: &Literal) -> Literal {
    match (ty, lit.as_integer()) {
        (FieldType::Integer, Some(i)) => Literal::Int(i),
        _ => lit.clone(),
    }
}
