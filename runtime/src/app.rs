//! The API binary: mount workflows, print the OpenAPI document, serve.

use crate::http::{self, Mounted};
use crate::workflow::Workflow;
use clap::Parser;
use std::process::ExitCode;

/// An API server made of compiled workflows.
pub struct App {
    title: &'static str,
    version: &'static str,
    endpoints: Vec<Mounted>,
}

#[derive(Parser, Debug)]
#[command(about = "Serves compiled ComfyUI workflows as typed HTTP endpoints (built by wfc)")]
struct Args {
    /// Address to listen on.
    #[arg(long, env = "HOST", default_value = "0.0.0.0")]
    host: String,
    /// Port to listen on.
    #[arg(long, env = "PORT", default_value_t = 3000)]
    port: u16,
    /// Print the OpenAPI 3.1 document to standard output and exit.
    #[arg(long)]
    print_openapi: bool,
}

impl App {
    /// An app called `title` (the OpenAPI title) at `version`.
    pub fn new(title: &'static str, version: &'static str) -> App {
        App {
            title,
            version,
            endpoints: Vec::new(),
        }
    }

    /// Mounts workflow `W` at its path.
    ///
    /// # Panics
    /// When another mounted workflow has the same path (`wfc check`
    /// rejects such specs, so this is a programming error).
    pub fn workflow<W: Workflow>(mut self) -> App {
        if let Some(other) = self.endpoints.iter().find(|m| m.meta.path == W::META.path) {
            panic!(
                "{} and {} are both mounted at {}",
                other.meta.name,
                W::META.name,
                W::META.path
            );
        }
        fn run<W: Workflow>(
            input: &serde_json::Value,
        ) -> Result<crate::graph::Graph, Vec<crate::validate::Violation>> {
            W::parse(input).map(|typed| W::graph(&typed))
        }
        self.endpoints.push(Mounted {
            meta: &W::META,
            run: run::<W>,
        });
        self
    }

    /// Validates `input` for the endpoint at `path` and builds its graph,
    /// as a request would, without serving: `None` when no endpoint has
    /// that path.
    pub fn graph_for(
        &self,
        path: &str,
        input: &serde_json::Value,
    ) -> Option<Result<crate::graph::Graph, Vec<crate::validate::Violation>>> {
        self.endpoints
            .iter()
            .find(|m| m.meta.path == path)
            .map(|m| (m.run)(input))
    }

    /// The mounted endpoints' metadata, in mount order.
    pub fn endpoints(&self) -> impl Iterator<Item = &'static crate::workflow::EndpointMeta> + '_ {
        self.endpoints.iter().map(|m| m.meta)
    }

    /// The OpenAPI 3.1 document of the mounted workflows.
    pub fn openapi(&self) -> serde_json::Value {
        let metas: Vec<crate::openapi::Part<'_>> =
            self.endpoints.iter().map(|m| m.meta.into()).collect();
        crate::openapi::document(self.title, self.version, &metas)
    }

    /// The axum router serving the mounted workflows.
    pub fn router(self) -> axum::Router {
        let doc = self.openapi();
        http::router(self.endpoints, doc)
    }

    /// Parses the command line and runs: prints the document, or serves
    /// until SIGTERM or Ctrl-C.
    pub fn main(self) -> ExitCode {
        let args = Args::parse();
        if args.print_openapi {
            let text = serde_json::to_string_pretty(&self.openapi()).expect("document serializes");
            println!("{text}");
            return ExitCode::SUCCESS;
        }
        let runtime = match tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
        {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: cannot start the async runtime: {e}");
                return ExitCode::FAILURE;
            }
        };
        runtime.block_on(self.serve(&args.host, args.port))
    }

    async fn serve(self, host: &str, port: u16) -> ExitCode {
        let listener = match tokio::net::TcpListener::bind((host, port)).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {host}:{port}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let addr = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        let paths: Vec<&str> = self.endpoints.iter().map(|m| m.meta.path).collect();
        eprintln!(
            "listening on http://{addr} ({} endpoint(s): {})",
            paths.len(),
            paths.join(", ")
        );
        let router = self.router();
        let result = axum::serve(listener, router)
            .with_graceful_shutdown(shutdown_signal())
            .await;
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: server failed: {e}");
                ExitCode::FAILURE
            }
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
