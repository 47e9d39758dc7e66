//! `comfy-double`: the ComfyUI test double as a program, with ComfyUI's
//! `--listen`/`--port` flags (`--host` too) and the double's own settings.

use std::path::PathBuf;

use clap::Parser;
use comfy_double::{Config, FaultConfig, ModelList};

#[derive(Parser)]
#[command(
    name = "comfy-double",
    version,
    about = "A ComfyUI 0.8.0 stand-in for tests, benchmarks and GPU-less runs"
)]
struct Args {
    /// Address to listen on.
    #[arg(long, visible_alias = "listen", default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8188)]
    port: u16,
    /// The /object_info document to serve (default: the recorded ComfyUI 0.8.0 catalog).
    #[arg(long)]
    catalog: Option<PathBuf>,
    /// A JSON file {"checkpoints": ["a.safetensors", ...], ...} with the model files to pretend to have.
    #[arg(long)]
    models: Option<PathBuf>,
    /// One model file as FOLDER/NAME (repeatable; adds to --models or replaces the default list).
    #[arg(long = "model", value_name = "FOLDER/NAME")]
    model: Vec<String>,
    /// Start with no model files at all.
    #[arg(long)]
    no_models: bool,
    /// Folder for input/, output/ and temp/ (default: a temporary folder removed on exit).
    #[arg(long)]
    base_directory: Option<PathBuf>,
    /// Milliseconds each KSampler step takes.
    #[arg(long, default_value_t = 0)]
    step_delay_ms: u64,
    /// Share of ComfyUI's CPU time heavy model-free nodes (ImageBlur) take at least.
    #[arg(long, default_value_t = 0.15)]
    cpu_scale: f64,
    /// Faults as JSON (the body of POST /__double/faults).
    #[arg(long, value_name = "JSON")]
    faults: Option<String>,
    /// Exit (status 70) when this node (id or class) is about to run.
    #[arg(long, value_name = "NODE")]
    exit_on_node: Option<String>,
    /// This node (id or class) never finishes.
    #[arg(long, value_name = "NODE")]
    hang_node: Option<String>,
    /// This node (id or class) fails with an execution_error.
    #[arg(long, value_name = "NODE")]
    fail_node: Option<String>,
    /// Delay every HTTP answer by this many milliseconds.
    #[arg(long, default_value_t = 0)]
    http_delay_ms: u64,
    /// Answer 500 to requests whose path starts with this ("" for all).
    #[arg(long, value_name = "PATH_PREFIX")]
    http_500: Option<String>,
}

fn run(args: Args) -> Result<(), String> {
    let mut models = match (&args.models, args.no_models || !args.model.is_empty()) {
        (Some(path), _) => ModelList::from_json(
            &std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
        )?,
        (None, true) => ModelList::empty(),
        (None, false) => ModelList::recorded(),
    };
    for m in &args.model {
        models.add_path(m)?;
    }
    let mut faults = match &args.faults {
        Some(j) => serde_json::from_str::<FaultConfig>(j).map_err(|e| format!("--faults: {e}"))?,
        None => FaultConfig::default(),
    };
    faults.exit_on_node = args.exit_on_node.or(faults.exit_on_node);
    faults.hang_node = args.hang_node.or(faults.hang_node);
    faults.fail_node = args.fail_node.or(faults.fail_node);
    faults.http_500 = args.http_500.or(faults.http_500);
    if args.http_delay_ms > 0 {
        faults.http_delay_ms = args.http_delay_ms;
    }
    let defaults = Config::default();
    let config = Config {
        host: args.host,
        port: args.port,
        catalog: args.catalog.unwrap_or(defaults.catalog),
        models,
        base_dir: args.base_directory,
        step_delay: std::time::Duration::from_millis(args.step_delay_ms),
        cpu_scale: args.cpu_scale,
        faults,
        exit_process_on_crash: true,
    };
    let double = comfy_double::DoubleBuilder::with_config(config).spawn()?;
    println!(
        "comfy-double (ComfyUI 0.8.0 test double) listening on {}",
        double.url()
    );
    println!("To see the GUI go to: {}", double.url());
    double.wait();
    Ok(())
}

fn main() {
    let args = Args::parse();
    if let Err(e) = run(args) {
        eprintln!("comfy-double: {e}");
        std::process::exit(2);
    }
}
