//! The `wfc` command line; see `wfc --help`.

fn main() -> std::process::ExitCode {
    wfc::cli::main()
}
