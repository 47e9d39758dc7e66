//! The spec loader, the workflow reader and the whole check never panic,
//! whatever bytes they are given: random text, YAML-shaped text, and
//! mutations of real specs and workflows.

use proptest::prelude::*;
use wfc::diagnostic::Diagnostics;
use wfc::project::{CatalogChoice, check_dir};

const SPEC: &str = include_str!("broken/unknown_keys/spec.yaml");
const WORKFLOW: &str = include_str!("broken/_workflows/sd15.json");

fn parse_everything(text: &str) {
    let mut diags = Diagnostics::new();
    if let Ok(root) = wfc::tree::parse_yaml(0, text) {
        let _ = wfc::spec::load(&root, &mut diags);
    }
    if let Ok(root) = wfc::tree::parse_json(0, text) {
        let _ = wfc::workflow::Workflow::from_node(0, &root, &mut diags);
        let _ = wfc::spec::load(&root, &mut diags);
    }
    let _ = wfc::catalog::Catalog::parse(0, text);
}

/// Applies byte-level edits (delete, insert, replace) at positions taken
/// modulo the text's length.
fn mutate(base: &str, edits: &[(usize, u8, u8)]) -> String {
    let mut bytes = base.as_bytes().to_vec();
    for &(at, op, byte) in edits {
        let at = at % (bytes.len() + 1);
        const ALPHABET: &[u8] = b"{}[]:,-\"' \n\t.0123456789abcxyz#&*!|>%@`\\";
        let byte = ALPHABET[byte as usize % ALPHABET.len()];
        match op % 3 {
            0 if at < bytes.len() => {
                bytes.remove(at);
            }
            1 => bytes.insert(at, byte),
            _ if at < bytes.len() => bytes[at] = byte,
            _ => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn yaml_like() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("workflow: w.json\n".to_string()),
        Just("inputs:\n".to_string()),
        Just("  x: ".to_string()),
        Just("{ bind: 3.seed, default: random }".to_string()),
        Just("[1, 2, {a: b}]".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("!!str ".to_string()),
        Just("---\n".to_string()),
        Just("- ".to_string()),
        Just("18446744073709551616".to_string()),
        Just("-.inf".to_string()),
        "[ -~]{0,12}".prop_map(|s| s),
        Just("\n".to_string()),
        Just("    ".to_string()),
        Just("'é\\u{1F600}'".to_string()),
    ];
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        parse_everything(&text);
    }

    #[test]
    fn yaml_shaped_text_never_panics(text in yaml_like()) {
        parse_everything(&text);
    }

    #[test]
    fn mutated_specs_and_workflows_never_panic(edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)) {
        parse_everything(&mutate(SPEC, &edits));
        parse_everything(&mutate(WORKFLOW, &edits));
    }
}

proptest! {
    // The whole check, files on disk, binding against the real catalog.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn whole_check_of_mutated_files_never_panics(
        spec_edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..6),
        wf_edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let spec = mutate("workflow: w.json\ninputs:\n  seed: { bind: [3.seed], default: random, maximum: 1000 }\n  steps: { bind: KSampler.steps, minimum: 2, examples: [4] }\n  sampler: { bind: 3.sampler_name, enum: [euler, ddim] }\n  text: 6.text\noutputs:\n  images: 9\n", &spec_edits);
        std::fs::write(dir.path().join("s.yaml"), spec).unwrap();
        std::fs::write(dir.path().join("w.json"), mutate(WORKFLOW, &wf_edits)).unwrap();
        let catalog = CatalogChoice::File("../../shared/comfyui/object_info.json".into());
        let p = check_dir(dir.path(), &catalog);
        let _ = wfc::diagnostic::render_plain(&p.sources, &p.diagnostics);
        let _ = wfc::diagnostic::render_json(&p.sources, &p.diagnostics);
    }
}
