//! ComfyUI's prompt validation (`execution.validate_prompt` and
//! `validate_inputs` of 0.8.0), with its error bodies: the same checks in the
//! same order, the same conversions of widget values (which rewrite the
//! prompt, as ComfyUI's do), and the same Python exceptions where ComfyUI
//! raises one.

use crate::catalog::Catalog;
use crate::json::{Json, Obj, py_repr, py_repr_str, py_str};
use crate::obj;

/// What `POST /prompt` does with a prompt.
pub(crate) enum Outcome {
    /// Queue it: the outputs to execute and the (possibly non-empty) node errors.
    Valid {
        outputs: Vec<String>,
        node_errors: Json,
    },
    /// Answer 400 with this `error` and `node_errors`.
    Invalid { error: Json, node_errors: Json },
}

/// ComfyUI raised outside any handler: the server answers 500.
#[derive(Debug)]
pub(crate) struct ServerError;

/// A Python exception raised inside `validate_inputs`.
struct PyErr {
    kind: &'static str,
    message: String,
    /// The frame that raised it (formatted like `traceback.format_tb`).
    frame: &'static str,
}

const FRAME_PROMPT: &str = "  File \"/opt/ComfyUI/execution.py\", line 1043, in validate_prompt\n    m = await validate_inputs(prompt_id, prompt, o, validated)\n        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n";
const FRAME_INNER: &str = "  File \"/opt/ComfyUI/execution.py\", line 838, in validate_inputs\n    r = await validate_inputs(prompt_id, prompt, o_id, validated)\n        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n";
const FRAME_INPUTS: &str = "  File \"/opt/ComfyUI/execution.py\", line 755, in validate_inputs\n    inputs = prompt[unique_id]['inputs']\n             ~~~~~~~~~~~~~~~~~^^^^^^^^^^\n";
const FRAME_LINK_NODE: &str = "  File \"/opt/ComfyUI/execution.py\", line 818, in validate_inputs\n    o_class_type = prompt[o_id]['class_type']\n                   ~~~~~~^^^^^^\n";
const FRAME_LINK_SLOT: &str = "  File \"/opt/ComfyUI/execution.py\", line 820, in validate_inputs\n    received_type = r[val[1]]\n                    ~^^^^^^^^\n";

/// Nodes with a `VALIDATE_INPUTS` that checks the `image` file exists.
fn has_file_validation(class_type: &str) -> bool {
    matches!(class_type, "LoadImage" | "LoadImageMask")
}

type Validated = Vec<(String, (bool, Vec<Json>))>;

struct Validator<'a> {
    catalog: &'a Catalog,
    prompt: &'a mut Obj,
    validated: Validated,
    file_exists: &'a dyn Fn(&str) -> bool,
}

/// Validates `prompt` (the value of the body's `prompt` key) like ComfyUI.
pub(crate) fn validate_prompt(
    catalog: &Catalog,
    prompt: &mut Json,
    partial: Option<&Json>,
    file_exists: &dyn Fn(&str) -> bool,
) -> Result<Outcome, ServerError> {
    let prompt = match prompt {
        Json::Obj(o) => o,
        Json::Arr(a) if a.is_empty() => return Ok(no_outputs()),
        Json::Str(s) if s.is_empty() => return Ok(no_outputs()),
        _ => return Err(ServerError),
    };
    let mut outputs: Vec<String> = Vec::new();
    for (x, node) in prompt.iter() {
        let class_type = match node {
            Json::Obj(n) => match n.get("class_type") {
                Some(c) => c,
                None => return Ok(invalid_prompt_missing_class(x)),
            },
            Json::Str(s) if !s.contains("class_type") => {
                return Ok(invalid_prompt_missing_class(x));
            }
            Json::Arr(a) if !a.iter().any(|v| v.as_str() == Some("class_type")) => {
                return Ok(invalid_prompt_missing_class(x));
            }
            _ => return Err(ServerError),
        };
        let def = match class_type {
            Json::Str(s) => catalog.def(s),
            Json::Arr(_) | Json::Obj(_) => return Err(ServerError),
            _ => None,
        };
        let Some(def) = def else {
            return Ok(Outcome::Invalid {
                error: obj! {
                    "type" => "invalid_prompt",
                    "message" => format!("Cannot execute because node {} does not exist.", py_str(class_type)),
                    "details" => format!("Node ID '#{x}'"),
                    "extra_info" => obj!{},
                },
                node_errors: obj! {},
            });
        };
        if def.is_output() {
            let selected = match partial {
                None | Some(Json::Null) => true,
                Some(Json::Arr(a)) => a.iter().any(|v| v.as_str() == Some(x)),
                Some(Json::Str(s)) => s.contains(x),
                Some(Json::Obj(o)) => o.contains(x),
                Some(_) => return Err(ServerError),
            };
            if selected && !outputs.iter().any(|o| o == x) {
                outputs.push(x.to_string());
            }
        }
    }
    if outputs.is_empty() {
        return Ok(no_outputs());
    }
    // ComfyUI keeps outputs in a Python set, whose order varies from one
    // server run to the next; the double fixes one: last in the prompt first
    // (the order the recordings show).
    outputs.reverse();

    let mut v = Validator {
        catalog,
        prompt,
        validated: Vec::new(),
        file_exists,
    };
    let mut good = Vec::new();
    let mut failed: Vec<(String, Vec<Json>)> = Vec::new();
    let mut node_errors = Obj::new();
    for o in &outputs {
        let (valid, reasons) = match v.validate_inputs(o) {
            Ok(r) => r,
            Err(e) => {
                let reasons = vec![obj! {
                    "type" => "exception_during_validation",
                    "message" => "Exception when validating node",
                    "details" => e.message.clone(),
                    "extra_info" => obj! {
                        "exception_type" => e.kind,
                        "traceback" => Json::Arr(vec![Json::from(FRAME_PROMPT), Json::from(e.frame)]),
                    },
                }];
                set_validated(&mut v.validated, o, (false, reasons.clone()));
                (false, reasons)
            }
        };
        if valid {
            good.push(o.clone());
            continue;
        }
        failed.push((o.clone(), reasons));
        for (node_id, (ok, reasons)) in &v.validated {
            if *ok || reasons.is_empty() {
                continue;
            }
            if !node_errors.contains(node_id) {
                let class_type = v
                    .prompt
                    .get(node_id)
                    .and_then(|n| n.get("class_type"))
                    .cloned()
                    .unwrap_or(Json::Null);
                node_errors.insert(
                    node_id.clone(),
                    obj! {
                        "errors" => Json::Arr(reasons.clone()),
                        "dependent_outputs" => Json::Arr(vec![]),
                        "class_type" => class_type,
                    },
                );
            }
            if let Some(Json::Arr(deps)) = node_errors
                .get_mut(node_id)
                .and_then(Json::as_obj_mut)
                .and_then(|e| e.get_mut("dependent_outputs"))
            {
                deps.push(Json::from(o));
            }
        }
    }
    if good.is_empty() {
        let mut lines = Vec::new();
        for (_, reasons) in &failed {
            for r in reasons {
                lines.push(format!(
                    "{}: {}",
                    r.get("message").map(py_str).unwrap_or_default(),
                    r.get("details").map(py_str).unwrap_or_default()
                ));
            }
        }
        return Ok(Outcome::Invalid {
            error: obj! {
                "type" => "prompt_outputs_failed_validation",
                "message" => "Prompt outputs failed validation",
                "details" => lines.join("\n"),
                "extra_info" => obj!{},
            },
            node_errors: Json::Obj(node_errors),
        });
    }
    Ok(Outcome::Valid {
        outputs: good,
        node_errors: Json::Obj(node_errors),
    })
}

fn no_outputs() -> Outcome {
    Outcome::Invalid {
        error: obj! {
            "type" => "prompt_no_outputs",
            "message" => "Prompt has no outputs",
            "details" => "",
            "extra_info" => obj!{},
        },
        node_errors: obj! {},
    }
}

fn invalid_prompt_missing_class(x: &str) -> Outcome {
    Outcome::Invalid {
        error: obj! {
            "type" => "invalid_prompt",
            "message" => "Cannot execute because a node is missing the class_type property.",
            "details" => format!("Node ID '#{x}'"),
            "extra_info" => obj!{},
        },
        node_errors: obj! {},
    }
}

fn set_validated(validated: &mut Validated, id: &str, r: (bool, Vec<Json>)) {
    match validated.iter_mut().find(|(k, _)| k == id) {
        Some(slot) => slot.1 = r,
        None => validated.push((id.to_string(), r)),
    }
}

/// Python's `KeyError`/`TypeError` message for `prompt[key]`.
fn key_error(key: &Json) -> (&'static str, String) {
    match key {
        Json::Arr(_) | Json::Obj(_) => {
            ("TypeError", format!("unhashable type: '{}'", key.py_type()))
        }
        _ => ("KeyError", py_repr(key)),
    }
}

impl Validator<'_> {
    fn validate_inputs(&mut self, id: &str) -> Result<(bool, Vec<Json>), PyErr> {
        if let Some((_, r)) = self.validated.iter().find(|(k, _)| k == id) {
            return Ok(r.clone());
        }
        let node = self
            .prompt
            .get(id)
            .and_then(Json::as_obj)
            .cloned()
            .unwrap_or_default();
        let inputs = match node.get("inputs") {
            Some(Json::Obj(i)) => i.clone(),
            Some(other) => {
                return Err(PyErr {
                    kind: "TypeError",
                    message: format!("'{}' object is not subscriptable", other.py_type()),
                    frame: FRAME_INPUTS,
                });
            }
            None => {
                return Err(PyErr {
                    kind: "KeyError",
                    message: "'inputs'".into(),
                    frame: FRAME_INPUTS,
                });
            }
        };
        let class_type = node
            .get("class_type")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string();
        let Some(def) = self.catalog.def(&class_type) else {
            return Ok((false, vec![]));
        };
        let file_checked = has_file_validation(&class_type);
        let mut errors = Vec::new();
        let mut valid = true;
        for (category, x, spec) in def.inputs() {
            let input_type = spec
                .as_arr()
                .and_then(|a| a.first())
                .cloned()
                .unwrap_or(Json::Null);
            let extra_info = spec
                .as_arr()
                .and_then(|a| a.get(1))
                .cloned()
                .unwrap_or(Json::Obj(Obj::new()));
            let Some(val) = inputs.get(x).cloned() else {
                if category == "required" {
                    errors.push(obj! {
                        "type" => "required_input_missing",
                        "message" => "Required input is missing",
                        "details" => x,
                        "extra_info" => obj!{"input_name" => x},
                    });
                }
                continue;
            };
            let info = Json::Arr(vec![input_type.clone(), extra_info.clone()]);
            if let Json::Arr(link) = &val {
                if link.len() != 2 {
                    errors.push(obj! {
                        "type" => "bad_linked_input",
                        "message" => "Bad linked input, must be a length-2 list of [node_id, slot_index]",
                        "details" => x,
                        "extra_info" => obj!{"input_name" => x, "input_config" => info, "received_value" => &val},
                    });
                    continue;
                }
                let o_id = match &link[0] {
                    Json::Str(s) if self.prompt.contains(s) => s.clone(),
                    other => {
                        let (kind, message) = key_error(other);
                        return Err(PyErr {
                            kind,
                            message,
                            frame: FRAME_LINK_NODE,
                        });
                    }
                };
                let o_class = self
                    .prompt
                    .get(&o_id)
                    .and_then(|n| n.get("class_type"))
                    .and_then(Json::as_str)
                    .unwrap_or_default()
                    .to_string();
                let returns = self
                    .catalog
                    .def(&o_class)
                    .map(|d| d.outputs().to_vec())
                    .unwrap_or_default();
                let received_type = match &link[1] {
                    Json::Int(_) | Json::Bool(_) => {
                        let i = link[1].as_int().unwrap_or(0);
                        let n = returns.len() as i128;
                        let idx = if i < 0 { i + n } else { i };
                        if idx < 0 || idx >= n {
                            return Err(PyErr {
                                kind: "IndexError",
                                message: "tuple index out of range".into(),
                                frame: FRAME_LINK_SLOT,
                            });
                        }
                        returns[idx as usize].clone()
                    }
                    other => {
                        return Err(PyErr {
                            kind: "TypeError",
                            message: format!(
                                "tuple indices must be integers or slices, not {}",
                                other.py_type()
                            ),
                            frame: FRAME_LINK_SLOT,
                        });
                    }
                };
                if !node_input_matches(&received_type, &input_type) {
                    errors.push(obj! {
                        "type" => "return_type_mismatch",
                        "message" => "Return type mismatch between linked nodes",
                        "details" => format!("{x}, received_type({}) mismatch input_type({})", py_str(&received_type), py_str(&input_type)),
                        "extra_info" => obj!{
                            "input_name" => x,
                            "input_config" => info,
                            "received_type" => received_type,
                            "linked_node" => &val,
                        },
                    });
                    continue;
                }
                match self.validate_inputs(&o_id) {
                    Ok((true, _)) => {}
                    Ok((false, _)) => valid = false,
                    Err(e) => {
                        valid = false;
                        let reasons = vec![obj! {
                            "type" => "exception_during_inner_validation",
                            "message" => "Exception when validating inner node",
                            "details" => e.message.clone(),
                            "extra_info" => obj!{
                                "input_name" => x,
                                "input_config" => info,
                                "exception_message" => e.message.clone(),
                                "exception_type" => e.kind,
                                "traceback" => Json::Arr(vec![Json::from(FRAME_INNER), Json::from(e.frame)]),
                                "linked_node" => &val,
                            },
                        }];
                        set_validated(&mut self.validated, &o_id, (false, reasons));
                    }
                }
                continue;
            }
            let mut val = val;
            if let Some(inner) = val.get("__value__").cloned() {
                val = inner;
                self.set_input(id, x, val.clone());
            }
            let type_name = input_type.as_str().unwrap_or("");
            let converted = match type_name {
                "INT" => py_int(&val).map(Json::Int),
                "FLOAT" => py_float(&val).map(Json::Float),
                "STRING" => Ok(Json::Str(py_str(&val))),
                "BOOLEAN" => Ok(Json::Bool(val.truthy())),
                _ => Ok(val.clone()),
            };
            let val = match converted {
                Ok(c) => {
                    if matches!(type_name, "INT" | "FLOAT" | "STRING" | "BOOLEAN") {
                        self.set_input(id, x, c.clone());
                    }
                    c
                }
                Err(ex) => {
                    errors.push(obj! {
                        "type" => "invalid_input_type",
                        "message" => format!("Failed to convert an input value to a {type_name} value"),
                        "details" => format!("{x}, {}, {ex}", py_str(&val)),
                        "extra_info" => obj!{
                            "input_name" => x,
                            "input_config" => info,
                            "received_value" => &val,
                            "exception_message" => ex,
                        },
                    });
                    continue;
                }
            };
            if file_checked && x == "image" {
                continue;
            }
            if let (Some(v), Some(min)) =
                (val.as_f64(), extra_info.get("min").and_then(Json::as_f64))
                && v < min
            {
                errors.push(obj! {
                        "type" => "value_smaller_than_min",
                        "message" => format!("Value {} smaller than min of {}", py_str(&val), py_str(extra_info.get("min").unwrap_or(&Json::Null))),
                        "details" => x,
                        "extra_info" => obj!{"input_name" => x, "input_config" => info, "received_value" => &val},
                    });
                continue;
            }
            if let (Some(v), Some(max)) =
                (val.as_f64(), extra_info.get("max").and_then(Json::as_f64))
                && v > max
            {
                errors.push(obj! {
                        "type" => "value_bigger_than_max",
                        "message" => format!("Value {} bigger than max of {}", py_str(&val), py_str(extra_info.get("max").unwrap_or(&Json::Null))),
                        "details" => x,
                        "extra_info" => obj!{"input_name" => x, "input_config" => info, "received_value" => &val},
                    });
                continue;
            }
            let options = match &input_type {
                Json::Arr(opts) => Some(opts.clone()),
                Json::Str(s) if s == "COMBO" => Some(
                    extra_info
                        .get("options")
                        .and_then(Json::as_arr)
                        .cloned()
                        .unwrap_or_default(),
                ),
                _ => None,
            };
            if let Some(options) = options {
                let multiselect = extra_info.get("multiselect").is_some_and(Json::truthy);
                let invalid = match &val {
                    Json::Arr(vals) if multiselect => {
                        vals.iter().any(|v| !options.iter().any(|o| o.py_eq(v)))
                    }
                    v => !options.iter().any(|o| o.py_eq(v)),
                };
                if invalid {
                    let (list_info, input_config) = if options.len() > 20 {
                        (format!("(list of length {})", options.len()), Json::Null)
                    } else {
                        (py_str(&Json::Arr(options.clone())), info)
                    };
                    errors.push(obj! {
                        "type" => "value_not_in_list",
                        "message" => "Value not in list",
                        "details" => format!("{x}: '{}' not in {list_info}", py_str(&val)),
                        "extra_info" => obj!{"input_name" => x, "input_config" => input_config, "received_value" => &val},
                    });
                    continue;
                }
            }
        }
        if file_checked
            && let Some(image) = self
                .prompt
                .get(id)
                .and_then(|n| n.get("inputs"))
                .and_then(|i| i.get("image"))
        {
            let ok = image.as_str().is_some_and(|name| (self.file_exists)(name));
            if !ok {
                errors.push(obj! {
                    "type" => "custom_validation_failed",
                    "message" => "Custom validation failed for node",
                    "details" => format!("image - Invalid image file: {}", py_str(image)),
                    "extra_info" => obj!{"input_name" => "image"},
                });
            }
        }
        let r = (errors.is_empty() && valid, errors);
        set_validated(&mut self.validated, id, r.clone());
        Ok(r)
    }

    fn set_input(&mut self, id: &str, name: &str, value: Json) {
        if let Some(inputs) = self
            .prompt
            .get_mut(id)
            .and_then(Json::as_obj_mut)
            .and_then(|n| n.get_mut("inputs"))
            .and_then(Json::as_obj_mut)
        {
            inputs.insert(name, value);
        }
    }
}

/// `validate_node_input`: may an output of type `received` feed `input`?
pub(crate) fn node_input_matches(received: &Json, input: &Json) -> bool {
    if received.py_eq(input) {
        return true;
    }
    let (Some(r), Some(i)) = (received.as_str(), input.as_str()) else {
        return false;
    };
    if r == "*" || i == "*" || r == "COMFY_MATCHTYPE_V3" || i == "COMFY_MATCHTYPE_V3" {
        return true;
    }
    let rs: Vec<&str> = r.split(',').map(str::trim).collect();
    let is: Vec<&str> = i.split(',').map(str::trim).collect();
    if rs.contains(&"*") || is.contains(&"*") {
        return true;
    }
    rs.iter().any(|t| is.contains(t))
}

/// Python's `int(val)`.
pub(crate) fn py_int(val: &Json) -> Result<i128, String> {
    match val {
        Json::Int(i) => Ok(*i),
        Json::Bool(b) => Ok(i128::from(*b)),
        Json::Float(f) if f.is_nan() => Err("cannot convert float NaN to integer".into()),
        Json::Float(f) if f.is_infinite() => Err("cannot convert float infinity to integer".into()),
        Json::Float(f) => Ok(f.trunc() as i128),
        Json::Str(s) => parse_py_int(s)
            .ok_or_else(|| format!("invalid literal for int() with base 10: {}", py_repr_str(s))),
        other => Err(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.py_type()
        )),
    }
}

fn strip_underscores(s: &str) -> Option<String> {
    let b = s.as_bytes();
    for (i, c) in b.iter().enumerate() {
        if *c == b'_' {
            let ok =
                i > 0 && i + 1 < b.len() && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit();
            if !ok {
                return None;
            }
        }
    }
    Some(s.replace('_', ""))
}

fn parse_py_int(s: &str) -> Option<i128> {
    let t = s.trim();
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit() || c == b'_') {
        return None;
    }
    let d = strip_underscores(digits)?;
    let v: i128 = d.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// Python's `float(val)`.
pub(crate) fn py_float(val: &Json) -> Result<f64, String> {
    match val {
        Json::Int(i) => Ok(*i as f64),
        Json::Bool(b) => Ok(f64::from(u8::from(*b))),
        Json::Float(f) => Ok(*f),
        Json::Str(s) => parse_py_float(s)
            .ok_or_else(|| format!("could not convert string to float: {}", py_repr_str(s))),
        other => Err(format!(
            "float() argument must be a string or a real number, not '{}'",
            other.py_type()
        )),
    }
}

fn parse_py_float(s: &str) -> Option<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") {
        let v = if body == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Some(if lower.starts_with('-') { -v } else { v });
    }
    if !t
        .bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-' | b'_'))
    {
        return None;
    }
    let d = strip_underscores(t)?;
    d.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_conversions() {
        assert_eq!(py_int(&Json::from(" 64 ")), Ok(64));
        assert_eq!(py_int(&Json::Float(64.7)), Ok(64));
        assert_eq!(py_int(&Json::from("1_000")), Ok(1000));
        assert_eq!(
            py_int(&Json::from("abc")),
            Err("invalid literal for int() with base 10: 'abc'".into())
        );
        assert_eq!(
            py_float(&Json::from("soft")),
            Err("could not convert string to float: 'soft'".into())
        );
        assert_eq!(py_float(&Json::from("1e3")), Ok(1000.0));
        assert!(py_int(&Json::from("64.0")).is_err());
    }
}
