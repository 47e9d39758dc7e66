//! Scalar values as they appear in specs, workflows and catalogs: the
//! contract's [`Literal`] and [`Number`], read from a parsed tree.

use crate::tree::{Kind, Node};
pub use wfc_contract::{Literal, Number};

/// Reading a [`Literal`] from a parsed tree.
pub trait FromNode: Sized {
    /// The scalar in `node`, or `None` for a list or mapping.
    fn from_node(node: &Node) -> Option<Self>;
}

impl FromNode for Literal {
    fn from_node(node: &Node) -> Option<Literal> {
        Some(match &node.kind {
            Kind::Null => Literal::Null,
            Kind::Bool(b) => Literal::Bool(*b),
            Kind::Int(i) => Literal::Int(*i),
            Kind::Float(f) => Literal::Float(*f),
            Kind::Str(s) => Literal::Str(s.clone()),
            Kind::Seq(_) | Kind::Map(_) => return None,
        })
    }
}
