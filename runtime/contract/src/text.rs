//! Wording shared by every message about the contract.

/// `` `a`, `b` and `c` ``, or the first `max` names and how many more.
pub fn list_names<S: AsRef<str>>(names: &[S], max: usize) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(max)
        .map(|n| format!("`{}`", n.as_ref()))
        .collect();
    let mut out = match shown.len() {
        0 => return "none".to_string(),
        1 => shown[0].clone(),
        n => format!("{} and {}", shown[..n - 1].join(", "), shown[n - 1]),
    };
    if names.len() > max {
        out = format!("{} (and {} more)", shown.join(", "), names.len() - max);
    }
    out
}
