//! The kinds of problem `wfc check` reports, each with a stable
//! kebab-case name (`unknown-node`) that editors, CI and the docs key on.
//! The list, with what each means, is in `docs/spec.md#diagnostics`.

use std::fmt;

/// The kind of a diagnostic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// `ambiguous-node`.
    AmbiguousNode,
    /// `bad-bind`.
    BadBind,
    /// `bad-catalog`.
    BadCatalog,
    /// `bad-default`.
    BadDefault,
    /// `bad-enum`.
    BadEnum,
    /// `bad-example`.
    BadExample,
    /// `bad-limit`.
    BadLimit,
    /// `bad-link`.
    BadLink,
    /// `bad-name`.
    BadName,
    /// `bad-path`.
    BadPath,
    /// `bad-pattern`.
    BadPattern,
    /// `bad-value`.
    BadValue,
    /// `bad-workflow`.
    BadWorkflow,
    /// `bound-to-link`.
    BoundToLink,
    /// `catalog`.
    Catalog,
    /// `conflicting-defaults`.
    ConflictingDefaults,
    /// `cycle`.
    Cycle,
    /// `dangling-link`.
    DanglingLink,
    /// `duplicate-binding`.
    DuplicateBinding,
    /// `duplicate-key`.
    DuplicateKey,
    /// `duplicate-name`.
    DuplicateName,
    /// `duplicate-output`.
    DuplicateOutput,
    /// `duplicate-path`.
    DuplicatePath,
    /// `empty-range`.
    EmptyRange,
    /// `empty-spec`.
    EmptySpec,
    /// `io`.
    Io,
    /// `json-syntax`.
    JsonSyntax,
    /// `limit-for-type`.
    LimitForType,
    /// `link-type`.
    LinkType,
    /// `missing-input`.
    MissingInput,
    /// `missing-key`.
    MissingKey,
    /// `missing-workflow`.
    MissingWorkflow,
    /// `model-not-listed`.
    ModelNotListed,
    /// `no-outputs`.
    NoOutputs,
    /// `no-specs`.
    NoSpecs,
    /// `not-an-output`.
    NotAnOutput,
    /// `required-with-default`.
    RequiredWithDefault,
    /// `reserved-path`.
    ReservedPath,
    /// `type-mismatch`.
    TypeMismatch,
    /// `unknown-class`.
    UnknownClass,
    /// `unknown-input`.
    UnknownInput,
    /// `unknown-key`.
    UnknownKey,
    /// `unknown-node`.
    UnknownNode,
    /// `unknown-type`.
    UnknownType,
    /// `unused-node`.
    UnusedNode,
    /// `wfc-source`.
    WfcSource,
    /// `widens-limit`.
    WidensLimit,
    /// `wrong-type`.
    WrongType,
    /// `yaml-syntax`.
    YamlSyntax,
}

impl Code {
    /// Every code, sorted by name.
    pub const ALL: &'static [Code] = &[
        Code::AmbiguousNode,
        Code::BadBind,
        Code::BadCatalog,
        Code::BadDefault,
        Code::BadEnum,
        Code::BadExample,
        Code::BadLimit,
        Code::BadLink,
        Code::BadName,
        Code::BadPath,
        Code::BadPattern,
        Code::BadValue,
        Code::BadWorkflow,
        Code::BoundToLink,
        Code::Catalog,
        Code::ConflictingDefaults,
        Code::Cycle,
        Code::DanglingLink,
        Code::DuplicateBinding,
        Code::DuplicateKey,
        Code::DuplicateName,
        Code::DuplicateOutput,
        Code::DuplicatePath,
        Code::EmptyRange,
        Code::EmptySpec,
        Code::Io,
        Code::JsonSyntax,
        Code::LimitForType,
        Code::LinkType,
        Code::MissingInput,
        Code::MissingKey,
        Code::MissingWorkflow,
        Code::ModelNotListed,
        Code::NoOutputs,
        Code::NoSpecs,
        Code::NotAnOutput,
        Code::RequiredWithDefault,
        Code::ReservedPath,
        Code::TypeMismatch,
        Code::UnknownClass,
        Code::UnknownInput,
        Code::UnknownKey,
        Code::UnknownNode,
        Code::UnknownType,
        Code::UnusedNode,
        Code::WfcSource,
        Code::WidensLimit,
        Code::WrongType,
        Code::YamlSyntax,
    ];

    /// The stable name (`unknown-node`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::AmbiguousNode => "ambiguous-node",
            Code::BadBind => "bad-bind",
            Code::BadCatalog => "bad-catalog",
            Code::BadDefault => "bad-default",
            Code::BadEnum => "bad-enum",
            Code::BadExample => "bad-example",
            Code::BadLimit => "bad-limit",
            Code::BadLink => "bad-link",
            Code::BadName => "bad-name",
            Code::BadPath => "bad-path",
            Code::BadPattern => "bad-pattern",
            Code::BadValue => "bad-value",
            Code::BadWorkflow => "bad-workflow",
            Code::BoundToLink => "bound-to-link",
            Code::Catalog => "catalog",
            Code::ConflictingDefaults => "conflicting-defaults",
            Code::Cycle => "cycle",
            Code::DanglingLink => "dangling-link",
            Code::DuplicateBinding => "duplicate-binding",
            Code::DuplicateKey => "duplicate-key",
            Code::DuplicateName => "duplicate-name",
            Code::DuplicateOutput => "duplicate-output",
            Code::DuplicatePath => "duplicate-path",
            Code::EmptyRange => "empty-range",
            Code::EmptySpec => "empty-spec",
            Code::Io => "io",
            Code::JsonSyntax => "json-syntax",
            Code::LimitForType => "limit-for-type",
            Code::LinkType => "link-type",
            Code::MissingInput => "missing-input",
            Code::MissingKey => "missing-key",
            Code::MissingWorkflow => "missing-workflow",
            Code::ModelNotListed => "model-not-listed",
            Code::NoOutputs => "no-outputs",
            Code::NoSpecs => "no-specs",
            Code::NotAnOutput => "not-an-output",
            Code::RequiredWithDefault => "required-with-default",
            Code::ReservedPath => "reserved-path",
            Code::TypeMismatch => "type-mismatch",
            Code::UnknownClass => "unknown-class",
            Code::UnknownInput => "unknown-input",
            Code::UnknownKey => "unknown-key",
            Code::UnknownNode => "unknown-node",
            Code::UnknownType => "unknown-type",
            Code::UnusedNode => "unused-node",
            Code::WfcSource => "wfc-source",
            Code::WidensLimit => "widens-limit",
            Code::WrongType => "wrong-type",
            Code::YamlSyntax => "yaml-syntax",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Compares by name, as the docs and the JSON output write codes.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case_unique_and_sorted() {
        let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(names, sorted);
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
    }

    #[test]
    fn every_code_is_documented() {
        let spec =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/spec.md"))
                .expect("docs/spec.md");
        let diagnostics = &spec[spec.find("## Diagnostics").expect("a Diagnostics section")..];
        let missing: Vec<&str> = Code::ALL
            .iter()
            .map(|c| c.as_str())
            .filter(|c| !diagnostics.contains(&format!("`{c}`")))
            .collect();
        assert!(
            missing.is_empty(),
            "codes missing from docs/spec.md#diagnostics: {missing:?}"
        );
    }
}
