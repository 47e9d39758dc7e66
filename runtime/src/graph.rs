//! Building the ComfyUI graph of one request from the endpoint's workflow.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The graph to submit to ComfyUI for one request.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Graph {
    /// The API-format workflow with the request's values set.
    pub prompt: Value,
    /// Image inputs to upload; each names the node input that receives the
    /// uploaded file's name.
    pub images: Vec<ImageSlot>,
}

/// An image the runtime must upload before submitting the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImageSlot {
    /// The request field it came from.
    pub field: String,
    /// Node id.
    pub node: String,
    /// Input name.
    pub input: String,
    /// What the request sent: a URL, base64 or a data URI.
    pub source: String,
}

impl Graph {
    /// Starts from a copy of the endpoint's workflow.
    pub fn new(template: &Value) -> Graph {
        Graph {
            prompt: template.clone(),
            images: Vec::new(),
        }
    }

    /// Sets input `input` of node `node` to `value`.
    ///
    /// The generator only emits node ids and inputs it checked against the
    /// workflow, so a missing node is a bug in the generated code.
    pub fn set(&mut self, node: &str, input: &str, value: impl Serialize) {
        let value = serde_json::to_value(value).expect("request values serialize");
        match self
            .prompt
            .get_mut(node)
            .and_then(|n| n.get_mut("inputs"))
            .and_then(Value::as_object_mut)
        {
            Some(inputs) => {
                inputs.insert(input.to_string(), value);
            }
            None => panic!("node {node} is not in the workflow"),
        }
    }

    /// Records an image to upload into `node`.`input`.
    pub fn image(
        &mut self,
        field: &'static str,
        node: &'static str,
        input: &'static str,
        source: &str,
    ) {
        self.images.push(ImageSlot {
            field: field.to_string(),
            node: node.to_string(),
            input: input.to_string(),
            source: source.to_string(),
        });
    }
}

/// A uniformly random integer in `min..=max`, as JSON (for `default:
/// random` seeds; ComfyUI's seed range is the whole of `u64`).
pub fn random_integer(min: i128, max: i128) -> Value {
    let (lo, hi) = (min.max(i64::MIN as i128), max.min(u64::MAX as i128));
    if lo >= 0 {
        Value::from(fastrand::u64(lo as u64..=hi as u64))
    } else {
        let hi = hi.min(i64::MAX as i128);
        Value::from(fastrand::i64(lo as i64..=hi as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn set_replaces_only_the_bound_input() {
        let template =
            json!({"3": {"class_type": "KSampler", "inputs": {"steps": 20, "model": ["4", 0]}}});
        let mut g = Graph::new(&template);
        g.set("3", "steps", 30u64);
        g.image("image", "10", "image", "https://x/y.png");
        assert_eq!(
            g.prompt["3"]["inputs"],
            json!({"steps": 30, "model": ["4", 0]})
        );
        assert_eq!(
            template["3"]["inputs"]["steps"], 20,
            "the template is untouched"
        );
        assert_eq!(g.images[0].source, "https://x/y.png");
    }

    #[test]
    fn random_integers_stay_in_range() {
        for _ in 0..1000 {
            let v = random_integer(5, 7).as_u64().unwrap();
            assert!((5..=7).contains(&v));
            let v = random_integer(-3, -1).as_i64().unwrap();
            assert!((-3..=-1).contains(&v));
        }
        let big = random_integer(0, u64::MAX as i128);
        assert!(big.is_u64());
        let draws: std::collections::HashSet<u64> = (0..100)
            .map(|_| random_integer(0, u64::MAX as i128).as_u64().unwrap())
            .collect();
        assert!(draws.len() > 95, "draws are not random");
    }
}
