//! Every example spec in `specs/` checks clean (no error, no warning)
//! against the recorded ComfyUI 0.8.0 catalogs, and the examples cover
//! what the product promises to ship.

use std::path::Path;
use wfc::diagnostic::render_plain;
use wfc::project::{CatalogChoice, check_dir};
use wfc::spec::FieldType;

fn check_clean(catalog: CatalogChoice) -> wfc::project::Project {
    let p = check_dir(Path::new("../specs"), &catalog);
    assert!(
        p.diagnostics.is_empty(),
        "specs/ is not clean with {catalog:?}:\n{}",
        render_plain(&p.sources, &p.diagnostics)
    );
    assert_eq!(p.endpoints.len(), p.spec_files.len());
    p
}

#[test]
fn examples_check_clean_against_the_recorded_catalog() {
    let p = check_clean(CatalogChoice::File(
        "../../shared/comfyui/object_info.json".into(),
    ));
    let paths: Vec<&str> = p.endpoints.iter().map(|e| e.api.path.as_str()).collect();
    for family in [
        "sd15/txt2img",
        "sd15/img2img",
        "sd15/inpaint",
        "sdxl/",
        "flux/",
        "upscale/",
    ] {
        assert!(
            paths.iter().any(|p| p.contains(family)),
            "no example for {family}: {paths:?}"
        );
    }
    let model_free: Vec<_> = p
        .endpoints
        .iter()
        .filter(|e| {
            e.workflow.as_object().unwrap().values().all(|n| {
                let class = n["class_type"].as_str().unwrap();
                !class.contains("Loader")
                    && !class.contains("Checkpoint")
                    && !class.contains("Sampler")
            })
        })
        .collect();
    assert!(
        model_free.len() >= 2,
        "need two model-free examples, have {}",
        model_free.len()
    );
    let images: usize = p
        .endpoints
        .iter()
        .flat_map(|e| &e.api.fields)
        .filter(|f| f.rules.ty == FieldType::Image)
        .count();
    assert!(
        images >= 3,
        "img2img, inpaint image and mask are image fields"
    );
}

#[test]
fn examples_check_clean_with_models_and_without_a_catalog() {
    check_clean(CatalogChoice::File(
        "../../shared/comfyui/object_info_with_models.json".into(),
    ));
    check_clean(CatalogChoice::None);
}
