//! A generated document as one tree that prints both as the YAML submission and as the JSON
//! input for the Rego peer, so the two engines always see the same facts.

use serde_json::{Map, Value};
use std::fmt::Write;

/// A scalar carries two spellings: what an applicant writes in YAML (Chinese labels, units,
/// `2025年6月1日`) and the normalised value the Rego side reads (enum names, base units, ISO dates).
#[derive(Clone, Debug)]
pub enum Node {
    Map(Vec<(&'static str, Node)>),
    List(Vec<Node>),
    Scalar { yaml: String, json: Value },
}

impl Node {
    pub fn map() -> Node {
        Node::Map(Vec::new())
    }

    /// Adds a field to a map node (no-op on other nodes, which the generator never does).
    pub fn set(&mut self, key: &'static str, value: Node) -> &mut Self {
        if let Node::Map(fields) = self {
            fields.push((key, value));
        }
        self
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match self {
            Node::Map(fields) => fields.iter_mut().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Node::Map(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_json()))
                    .collect::<Map<_, _>>(),
            ),
            Node::List(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            Node::Scalar { json, .. } => json.clone(),
        }
    }

    /// Block-style YAML, the way the example submissions are written.
    pub fn to_yaml(&self, out: &mut String) {
        self.write_map_body(out, 0);
    }

    fn write_map_body(&self, out: &mut String, indent: usize) {
        let Node::Map(fields) = self else { return };
        for (i, (key, value)) in fields.iter().enumerate() {
            // The first key of a list item shares the `- ` line, so it gets no indent of its own.
            let pad = if i == 0 && indent > 0 && out.ends_with("- ") {
                0
            } else {
                indent
            };
            let _ = write!(out, "{:pad$}{key}:", "");
            value.write_value(out, indent);
        }
    }

    fn write_value(&self, out: &mut String, indent: usize) {
        match self {
            Node::Scalar { yaml, .. } => {
                let _ = writeln!(out, " {yaml}");
            }
            Node::Map(_) => {
                out.push('\n');
                self.write_map_body(out, indent + 2);
            }
            Node::List(items) if items.is_empty() => out.push_str(" []\n"),
            Node::List(items) if items.iter().all(|i| matches!(i, Node::Scalar { .. })) => {
                let texts: Vec<&str> = items
                    .iter()
                    .map(|i| match i {
                        Node::Scalar { yaml, .. } => yaml.as_str(),
                        _ => "",
                    })
                    .collect();
                let _ = writeln!(out, " [{}]", texts.join(", "));
            }
            Node::List(items) => {
                out.push('\n');
                for item in items {
                    let _ = write!(out, "{:indent$}  - ", "");
                    item.write_map_body(out, indent + 4);
                }
            }
        }
    }
}

/// A scalar written one way in YAML and another in JSON.
pub fn s(yaml: impl Into<String>, json: impl Into<Value>) -> Node {
    Node::Scalar {
        yaml: yaml.into(),
        json: json.into(),
    }
}

/// Free text: the same in both.
pub fn text(t: impl Into<String>) -> Node {
    let t = t.into();
    s(t.clone(), t)
}

pub fn boolean(b: bool) -> Node {
    s(if b { "true" } else { "false" }, b)
}

pub fn int(n: u64) -> Node {
    s(n.to_string(), n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_yaml_shape() {
        let mut item = Node::map();
        item.set("name", text("a")).set("n", int(1));
        let mut root = Node::map();
        root.set("kind", text("project"))
            .set("list", Node::List(vec![item]))
            .set("fuels", Node::List(vec![text("煤"), text("电力")]));
        let mut out = String::new();
        root.to_yaml(&mut out);
        assert_eq!(
            out,
            "kind: project\nlist:\n  - name: a\n    n: 1\nfuels: [煤, 电力]\n"
        );
    }
}
