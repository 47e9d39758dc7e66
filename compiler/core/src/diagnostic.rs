//! Diagnostics: the files they point into, spans, and rendering.
//!
//! Every check in the compiler reports through [`Diagnostic`]; nothing
//! prints directly. A diagnostic has a primary label (the value at fault),
//! optional secondary labels (for example the workflow node a binding
//! reaches), and `help:`/`note:` lines. [`Sources`] owns the text of every
//! file read so that labels can be rendered like rustc's, or as JSON with
//! line and column for machines.

use crate::code::Code;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term::{self, termcolor::WriteColor};
use serde::Serialize;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Index of a file in [`Sources`].
pub type FileId = usize;

/// A byte range in one file of [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span of `range` in `file`.
    pub fn new(file: FileId, range: Range<usize>) -> Self {
        Span {
            file,
            start: range.start,
            end: range.end,
        }
    }

    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The text of every file the compiler read, by [`FileId`].
#[derive(Default)]
pub struct Sources {
    files: SimpleFiles<String, String>,
    paths: Vec<PathBuf>,
    display_base: Option<PathBuf>,
}

impl Sources {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store that names files relative to `base`, if given.
    pub fn relative_to(base: Option<&Path>) -> Self {
        Sources {
            display_base: base.map(Path::to_path_buf),
            ..Self::default()
        }
    }

    /// Stores `text` read from `path` and returns its id.
    pub fn add(&mut self, path: &Path, text: String) -> FileId {
        self.paths.push(path.to_path_buf());
        let name = match &self.display_base {
            Some(base) => crate::paths::relative_path(path, base),
            None => path.display().to_string(),
        };
        self.files.add(name, text)
    }

    /// The text of `file`.
    pub fn text(&self, file: FileId) -> &str {
        self.files
            .get(file)
            .map(|f| f.source().as_str())
            .unwrap_or("")
    }

    /// Every path read, by file id.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// The path `file` was read from.
    pub fn path(&self, file: FileId) -> &Path {
        &self.paths[file]
    }

    /// 1-based line and column (in characters) of byte `offset` in `file`.
    pub fn line_col(&self, file: FileId, offset: usize) -> (usize, usize) {
        match self.files.location(file, offset) {
            Ok(loc) => (loc.line_number, loc.column_number),
            Err(_) => (1, 1),
        }
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The spec cannot be compiled.
    Error,
    /// The spec compiles, but something is probably wrong.
    Warning,
}

/// A labelled span.
#[derive(Clone, Debug)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What about it (may be empty).
    pub message: String,
}

/// One problem found in the input, with where it is and how to fix it.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable kebab-case name of the kind of problem (`unknown-node`).
    pub code: Code,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The value at fault, if the problem is in a file.
    pub primary: Option<Label>,
    /// Other places that explain the problem.
    pub secondary: Vec<Label>,
    /// `help:` lines: how to fix it.
    pub help: Vec<String>,
    /// `note:` lines: context.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error of kind `code`.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// A warning of kind `code`.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Points the diagnostic at `span`.
    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.primary = Some(Label {
            span,
            message: label.into(),
        });
        self
    }

    /// Adds a secondary label.
    pub fn also(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: label.into(),
        });
        self
    }

    /// Adds a `help:` line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// Adds a `help:` line when `help` is `Some`.
    pub fn maybe_help(self, help: Option<String>) -> Self {
        match help {
            Some(h) => self.help(h),
            None => self,
        }
    }

    /// Adds a `note:` line.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A list of diagnostics, collected rather than returned at the first one.
#[derive(Default, Debug)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    errors: usize,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one.
    pub fn push(&mut self, d: Diagnostic) {
        self.errors += usize::from(d.is_error());
        self.list.push(d);
    }

    /// Number of errors (warnings not counted).
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.list.len() - self.error_count()
    }

    /// Whether any error was reported.
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// All of them, in the order reported.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Drops repeats: the same problem found again (for example in a
    /// workflow that two specs share) is reported once.
    pub fn dedup(&mut self) {
        let mut seen = std::collections::HashSet::new();
        self.list.retain(|d| {
            seen.insert((
                d.code,
                d.message.clone(),
                d.primary.as_ref().map(|l| l.span),
            ))
        });
        self.errors = self.list.iter().filter(|d| d.is_error()).count();
    }

    /// Sorts by file and position so that output is stable and reads top
    /// to bottom.
    pub fn sort(&mut self) {
        self.list.sort_by_key(|d| {
            d.primary
                .as_ref()
                .map(|l| (l.span.file, l.span.start))
                .unwrap_or((usize::MAX, 0))
        });
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<T: IntoIterator<Item = Diagnostic>>(&mut self, iter: T) {
        for d in iter {
            self.push(d);
        }
    }
}

/// Renders `diags` like rustc to `out` (colored when `out` supports it).
pub fn render_human(
    sources: &Sources,
    diags: &Diagnostics,
    out: &mut dyn WriteColor,
) -> std::io::Result<()> {
    let config = term::Config::default();
    for d in diags.iter() {
        let mut cd = match d.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        }
        .with_code(d.code.as_str())
        .with_message(&d.message);
        let mut labels = Vec::new();
        if let Some(p) = &d.primary {
            labels.push(cs::Label::primary(p.span.file, p.span.range()).with_message(&p.message));
        }
        for s in &d.secondary {
            labels.push(cs::Label::secondary(s.span.file, s.span.range()).with_message(&s.message));
        }
        let notes = d
            .help
            .iter()
            .map(|h| format!("help: {h}"))
            .chain(d.notes.iter().map(|n| format!("note: {n}")))
            .collect();
        cd = cd.with_labels(labels).with_notes(notes);
        term::emit_to_write_style(out, &config, &sources.files, &cd)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    Ok(())
}

/// Renders `diags` to a plain string (no color), as the tests snapshot it.
pub fn render_plain(sources: &Sources, diags: &Diagnostics) -> String {
    let mut buf = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = render_human(sources, diags, &mut buf);
    String::from_utf8_lossy(&buf.into_inner()).into_owned()
}

/// Where a label points, in lines and columns.
#[derive(Serialize)]
struct JsonSpan {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

/// A secondary label: where, and what about it.
#[derive(Serialize)]
struct JsonRelated<'a> {
    #[serde(flatten)]
    span: JsonSpan,
    message: &'a str,
}

/// One diagnostic. The primary label's position is flattened into it and
/// its text is `label`, so that `message` is only ever the diagnostic's.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: Code,
    message: &'a str,
    #[serde(flatten)]
    span: Option<JsonSpan>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
    help: &'a [String],
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Renders `diags` as one JSON document:
/// `{"errors": N, "warnings": N, "diagnostics": [{severity, code, message,
/// file, line, column, end_line, end_column, label, related, help,
/// notes}]}`, where `file` to `label` describe the primary label (absent
/// when the problem is not in a file) and each `related` entry is
/// `{file, line, column, end_line, end_column, message}`.
pub fn render_json(sources: &Sources, diags: &Diagnostics) -> String {
    let span = |l: &Label| {
        let (line, column) = sources.line_col(l.span.file, l.span.start);
        let (end_line, end_column) = sources.line_col(l.span.file, l.span.end);
        JsonSpan {
            file: sources.path(l.span.file).display().to_string(),
            line,
            column,
            end_line,
            end_column,
        }
    };
    let report = JsonReport {
        errors: diags.error_count(),
        warnings: diags.warning_count(),
        diagnostics: diags
            .iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                message: &d.message,
                span: d.primary.as_ref().map(span),
                label: d.primary.as_ref().map(|p| p.message.as_str()),
                related: d
                    .secondary
                    .iter()
                    .map(|s| JsonRelated {
                        span: span(s),
                        message: &s.message,
                    })
                    .collect(),
                help: &d.help,
                notes: &d.notes,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&report).expect("diagnostics serialize")
}

/// The candidate nearest to `wanted`, if one is near enough to be a typo.
pub fn did_you_mean<'a, I>(wanted: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted_lower = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(&wanted_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (wanted.chars().count().max(c.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `did you mean `x`?` help text, if a candidate is near.
pub fn suggest<'a, I>(wanted: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    did_you_mean(wanted, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Joins names as "`a`, `b` and `c`", at most `max` of them: the
/// contract's wording, shared with the value rules' messages.
pub use wfc_contract::text::list_names;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_typos_only() {
        let keys = ["minimum", "maximum", "multiple_of", "description"];
        assert_eq!(did_you_mean("minimun", keys), Some("minimum"));
        assert_eq!(did_you_mean("Descripton", keys), Some("description"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn list_names_truncates() {
        assert_eq!(list_names(&["a"], 3), "`a`");
        assert_eq!(list_names(&["a", "b", "c"], 3), "`a`, `b` and `c`");
        assert_eq!(
            list_names(&["a", "b", "c", "d"], 2),
            "`a`, `b` (and 2 more)"
        );
        assert_eq!(list_names::<&str>(&[], 2), "none");
    }

    #[test]
    fn json_has_line_and_column() {
        let mut sources = Sources::new();
        let f = sources.add(Path::new("a.yaml"), "x: 1\nyy: 2\n".into());
        let mut diags = Diagnostics::new();
        diags.push(Diagnostic::error(Code::UnknownKey, "bad").at(Span::new(f, 5..7), "here"));
        let json: serde_json::Value = serde_json::from_str(&render_json(&sources, &diags)).unwrap();
        let d = &json["diagnostics"][0];
        assert_eq!(d["line"], 2);
        assert_eq!(d["column"], 1);
        assert_eq!(d["end_column"], 3);
        assert_eq!(d["file"], "a.yaml");
        assert_eq!(d["message"], "bad");
        assert_eq!(d["label"], "here");
        assert_eq!(json["errors"], 1);
    }
}
