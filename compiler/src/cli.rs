//! The `wfc` command line: argument parsing and exit codes. Every command
//! calls the library; nothing here decides what is valid.

use crate::code::Code;
use crate::diagnostic::{self, Diagnostic, Diagnostics, Sources};
use crate::project::{self, CatalogChoice};
use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
use std::io::IsTerminal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// Compile ComfyUI workflows into typed HTTP endpoints.
#[derive(Parser, Debug)]
#[command(name = "wfc", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check every spec in a directory against its workflow and the node
    /// catalog. Exit status 0 when there is no error, 1 otherwise.
    Check(CheckArgs),
    /// Write the API crate for a specs directory and compile it into one
    /// binary.
    Build(BuildArgs),
    /// Fetch or trim node catalogs (ComfyUI's `/object_info`).
    #[command(subcommand)]
    Catalog(CatalogCommand),
}

#[derive(Args, Debug)]
struct CatalogArgs {
    /// Node catalog to check against [default: SPECS_DIR/object_info.json
    /// if it exists].
    #[arg(long, value_name = "FILE", conflicts_with = "no_catalog")]
    catalog: Option<PathBuf>,
    /// Check without a catalog: types come from the workflows' values.
    #[arg(long)]
    no_catalog: bool,
}

impl CatalogArgs {
    fn choice(&self) -> CatalogChoice {
        match (&self.catalog, self.no_catalog) {
            (Some(f), _) => CatalogChoice::File(f.clone()),
            (None, true) => CatalogChoice::None,
            (None, false) => CatalogChoice::Auto,
        }
    }
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Directory of spec files (`*.yaml`, searched recursively).
    specs_dir: PathBuf,
    #[command(flatten)]
    catalog: CatalogArgs,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// Directory of spec files (`*.yaml`, searched recursively).
    specs_dir: PathBuf,
    /// The crate directory to write.
    #[arg(short, long, value_name = "DIR", default_value = "generated")]
    output: PathBuf,
    /// Package and binary name.
    #[arg(long, default_value = "wfc-api")]
    name: String,
    /// Node catalog [default: SPECS_DIR/object_info.json if it exists].
    #[arg(long, value_name = "FILE")]
    catalog: Option<PathBuf>,
    /// Link the binary statically (glibc static-pie, `+crt-static`).
    #[arg(long = "static")]
    static_link: bool,
    /// Build with the dev profile instead of release.
    #[arg(long)]
    debug: bool,
    /// Write nothing and build nothing: exit 1 when DIR differs from what
    /// would be written.
    #[arg(long)]
    check: bool,
    /// A checkout of wfc, whose runtime/ and macros/ the crate depends on
    /// [default: $WFC_SOURCE, else the checkout wfc was built from].
    ///
    /// The generated crate depends on the runtime and macro crates by path.
    /// An installed wfc (`cargo install --path compiler`) remembers the
    /// checkout it was installed from; when that has moved, pass the
    /// checkout here or in the WFC_SOURCE environment variable.
    #[arg(long, value_name = "DIR")]
    wfc_source: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Rendered like rustc, on standard error.
    Human,
    /// One JSON document on standard output.
    Json,
}

#[derive(Subcommand, Debug)]
enum CatalogCommand {
    /// Download `/object_info` from a running ComfyUI.
    Pull {
        /// Base URL of ComfyUI, for example `http://127.0.0.1:8188`.
        #[arg(long)]
        url: String,
        /// Where to write the catalog.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 60, value_name = "SECONDS")]
        timeout: u64,
    },
    /// Write a catalog trimmed to the node classes the specs use.
    Slice {
        /// Directory of spec files.
        specs_dir: PathBuf,
        /// The full catalog to trim.
        #[arg(long, value_name = "FILE")]
        catalog: PathBuf,
        /// Where to write the trimmed catalog.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Build(args) => build(&args),
        Command::Catalog(CatalogCommand::Pull {
            url,
            output,
            timeout,
        }) => pull(&url, &output, Duration::from_secs(timeout)),
        Command::Catalog(CatalogCommand::Slice {
            specs_dir,
            catalog,
            output,
        }) => slice(&specs_dir, &catalog, &output),
    }
}

fn print_human(sources: &Sources, diags: &Diagnostics) {
    let color = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let mut stderr = BufferedStandardStream::stderr(color);
    if let Err(e) =
        diagnostic::render_human(sources, diags, &mut stderr).and_then(|()| stderr.flush())
    {
        eprintln!("error: cannot print diagnostics: {e}");
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn check(args: &CheckArgs) -> ExitCode {
    let p = project::check_dir(&args.specs_dir, &args.catalog.choice());
    let (errors, warnings) = (p.diagnostics.error_count(), p.diagnostics.warning_count());
    match args.format {
        Format::Json => {
            // A closed pipe (`| head`) is not an error worth a panic.
            let mut out = std::io::stdout().lock();
            let _ = writeln!(
                out,
                "{}",
                diagnostic::render_json(&p.sources, &p.diagnostics)
            );
        }
        Format::Human => {
            print_human(&p.sources, &p.diagnostics);
            let catalog = match &p.catalog {
                Some(c) => format!("catalog of {} node classes", c.len()),
                None => "no catalog".to_string(),
            };
            if errors > 0 {
                eprintln!(
                    "error: {} has {} and {} ({})",
                    args.specs_dir.display(),
                    plural(errors, "error"),
                    plural(warnings, "warning"),
                    catalog
                );
            } else {
                eprintln!(
                    "checked {} in {} ({}): {}",
                    plural(p.spec_files.len(), "spec"),
                    args.specs_dir.display(),
                    catalog,
                    if warnings == 0 {
                        "no problems".to_string()
                    } else {
                        plural(warnings, "warning")
                    }
                );
                for e in &p.endpoints {
                    eprintln!(
                        "  POST {:<40} {} field(s) -> {}",
                        e.api.path,
                        e.api.fields.len(),
                        e.spec_file.display()
                    );
                }
            }
        }
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn fail(message: String, help: Option<&str>) -> ExitCode {
    let mut diags = Diagnostics::new();
    diags.push(Diagnostic::error(Code::Catalog, message).maybe_help(help.map(str::to_string)));
    print_human(&Sources::new(), &diags);
    ExitCode::FAILURE
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    // Write beside the target and rename, so a failure never leaves half a file.
    let tmp = path.with_extension("json.partial");
    std::fs::write(&tmp, text).map_err(|e| format!("cannot write `{}`: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

fn pull(url: &str, output: &Path, timeout: Duration) -> ExitCode {
    let endpoint = format!("{}/object_info", url.trim_end_matches('/'));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = match agent.get(&endpoint).call() {
        Ok(r) => r,
        Err(e) => {
            return fail(
                format!("cannot fetch `{endpoint}`: {e}"),
                Some(
                    "is ComfyUI running there? start it, or pass its address with --url http://HOST:PORT",
                ),
            );
        }
    };
    let status = response.status();
    let body = match response
        .body_mut()
        .with_config()
        .limit(256 * 1024 * 1024)
        .read_to_string()
    {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read the answer of `{endpoint}`: {e}"), None),
    };
    if !status.is_success() {
        return fail(
            format!("`{endpoint}` answered {status}"),
            Some("check that --url is ComfyUI's base URL, without a path"),
        );
    }
    let mut sources = Sources::new();
    let file = sources.add(Path::new(&endpoint), body);
    let catalog = match crate::catalog::Catalog::parse(file, sources.text(file)) {
        Ok(c) => c,
        Err(d) => {
            let mut diags = Diagnostics::new();
            diags.push(d);
            print_human(&sources, &diags);
            return ExitCode::FAILURE;
        }
    };
    let text = match crate::tree::parse_json(file, sources.text(file)) {
        Ok(tree) => crate::tree::to_pretty_json(&tree, 0) + "\n",
        Err(_) => sources.text(file).to_string(),
    };
    if let Err(e) = write_file(output, &text) {
        return fail(e, None);
    }
    eprintln!(
        "wrote {} ({} node classes) from {endpoint}",
        output.display(),
        catalog.len()
    );
    ExitCode::SUCCESS
}

fn slice(specs_dir: &Path, catalog: &Path, output: &Path) -> ExitCode {
    let p = project::check_dir(specs_dir, &CatalogChoice::File(catalog.to_path_buf()));
    if p.diagnostics.has_errors() {
        print_human(&p.sources, &p.diagnostics);
        eprintln!("error: fix the specs first; nothing was written");
        return ExitCode::FAILURE;
    }
    let Some(full) = &p.catalog else {
        return fail(
            format!("no catalog was loaded from `{}`", catalog.display()),
            None,
        );
    };
    let used = p.used_classes();
    let text = full.slice(used.iter().map(String::as_str));
    if let Err(e) = write_file(output, &text) {
        return fail(e, None);
    }
    eprintln!(
        "wrote {} ({} of {} node classes, used by {})",
        output.display(),
        used.len(),
        full.len(),
        plural(p.spec_files.len(), "spec")
    );
    ExitCode::SUCCESS
}

/// The wfc checkout for `wfc build`, or the exit code of a clear error.
fn wfc_source(args: &BuildArgs) -> Result<PathBuf, ExitCode> {
    let env = std::env::var_os(crate::build::SOURCE_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let recorded = crate::build::recorded_source();
    crate::build::find_source(args.wfc_source.as_deref(), env.as_deref(), &recorded).map_err(|e| {
        let mut d = Diagnostic::error(Code::WfcSource, e.to_string());
        for t in &e.tried {
            d = d.note(format!("tried {t}"));
        }
        let mut diags = Diagnostics::new();
        diags.push(d.help(format!(
            "pass --wfc-source DIR or set {} to a checkout of wfc (the repository with runtime/ and macros/)",
            crate::build::SOURCE_ENV
        )));
        print_human(&Sources::new(), &diags);
        eprintln!("error: nothing was written");
        ExitCode::from(2)
    })
}

fn build(args: &BuildArgs) -> ExitCode {
    let source = match wfc_source(args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let choice = match &args.catalog {
        Some(c) => CatalogChoice::File(c.clone()),
        None => CatalogChoice::Auto,
    };
    let p = project::check_dir(&args.specs_dir, &choice);
    print_human(&p.sources, &p.diagnostics);
    if p.diagnostics.has_errors() {
        eprintln!(
            "error: {} has {}; nothing was written",
            args.specs_dir.display(),
            plural(p.diagnostics.error_count(), "error")
        );
        return ExitCode::FAILURE;
    }
    if !args
        .name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        || args.name.is_empty()
    {
        return fail(
            format!("`{}` is not a valid package name", args.name),
            Some("use letters, digits, `-` and `_`"),
        );
    }
    let plan = crate::build::Plan {
        specs_dir: &args.specs_dir,
        out_dir: &args.output,
        name: &args.name,
        catalog: args.catalog.as_deref(),
        endpoints: &p.endpoints,
        wfc_source: &source,
    };
    let files = crate::build::files(&plan);
    if args.check {
        let stale = crate::build::stale(&args.output, &files);
        if stale.is_empty() {
            eprintln!(
                "{} is up to date with {}",
                args.output.display(),
                args.specs_dir.display()
            );
            return ExitCode::SUCCESS;
        }
        eprintln!("error: {} is stale:", args.output.display());
        for f in &stale {
            eprintln!("  {f}");
        }
        eprintln!(
            "help: run `wfc build {} -o {}` and commit the result",
            args.specs_dir.display(),
            args.output.display()
        );
        return ExitCode::FAILURE;
    }
    match crate::build::write(&args.output, &files) {
        Ok(n) => eprintln!(
            "wrote {} of {} files in {}",
            n,
            files.len(),
            args.output.display()
        ),
        Err(e) => return fail(format!("cannot write {}: {e}", args.output.display()), None),
    }
    match cargo_build(args) {
        Ok(binary) => {
            eprintln!("built {}", binary.display());
            for e in &p.endpoints {
                eprintln!(
                    "  POST {:<40} {}",
                    e.api.path,
                    e.api.summary.as_deref().unwrap_or("")
                );
            }
            println!("{}", binary.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(e, None),
    }
}

/// Runs cargo on the generated crate, showing its progress and errors, and
/// returns the binary's path.
fn cargo_build(args: &BuildArgs) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = args.output.join("Cargo.toml");
    let metadata = std::process::Command::new(&cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--manifest-path",
        ])
        .arg(&manifest)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}; is Rust installed?"))?;
    if !metadata.status.success() {
        return Err(format!(
            "cargo cannot read {}:\n{}",
            manifest.display(),
            String::from_utf8_lossy(&metadata.stderr)
        ));
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&metadata.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let target_dir = PathBuf::from(meta["target_directory"].as_str().unwrap_or("target"));
    let mut cmd = std::process::Command::new(&cargo);
    cmd.arg("build")
        .arg("--manifest-path")
        .arg(&manifest)
        .args(["--bin", &args.name]);
    if !args.debug {
        cmd.arg("--release");
    }
    let mut out = target_dir;
    if args.static_link {
        let triple = host_triple()?;
        cmd.args(["--target", &triple]);
        let mut flags = std::env::var("RUSTFLAGS").unwrap_or_default();
        flags.push_str(" -C target-feature=+crt-static");
        cmd.env("RUSTFLAGS", flags.trim());
        out.push(triple);
    }
    out.push(if args.debug { "debug" } else { "release" });
    out.push(&args.name);
    eprintln!(
        "compiling {} with cargo{}",
        args.name,
        if args.static_link { " (static)" } else { "" }
    );
    let status = cmd.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo build failed ({status}); cargo's errors are above"
        ));
    }
    Ok(out)
}

fn host_triple() -> Result<String, String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = std::process::Command::new(rustc)
        .arg("-vV")
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .ok_or_else(|| "rustc -vV did not name the host target".to_string())
}
