//! The routes the runtime serves itself, next to the compiled endpoints.
//! One table: the compiler refuses specs whose path falls on one of them,
//! the runtime mounts its handlers at them, and the OpenAPI document
//! describes them.

use crate::endpoint::Method;

/// One of the runtime's own routes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    /// The path (`/ready`).
    pub path: &'static str,
    /// Its method.
    pub method: Method,
    /// The OpenAPI `operationId`.
    pub operation_id: &'static str,
    /// One line for the OpenAPI document.
    pub summary: &'static str,
}

/// Liveness probe.
pub const HEALTH: Route = Route {
    path: "/health",
    method: Method::Get,
    operation_id: "health",
    summary: "Liveness probe",
};
/// Readiness probe.
pub const READY: Route = Route {
    path: "/ready",
    method: Method::Get,
    operation_id: "ready",
    summary: "Readiness probe",
};
/// ComfyUI's model files by folder.
pub const MODELS: Route = Route {
    path: "/models",
    method: Method::Get,
    operation_id: "models",
    summary: "ComfyUI's model files by folder",
};
/// Interrupt a running request.
pub const INTERRUPT: Route = Route {
    path: "/interrupt",
    method: Method::Post,
    operation_id: "interrupt",
    summary: "Interrupt a running request",
};
/// comfyui-api's raw workflow route.
pub const PROMPT: Route = Route {
    path: "/prompt",
    method: Method::Post,
    operation_id: "prompt",
    summary: "Run a raw ComfyUI workflow (comfyui-api's route)",
};
/// The OpenAPI document.
pub const OPENAPI: Route = Route {
    path: "/openapi.json",
    method: Method::Get,
    operation_id: "openapi",
    summary: "This document",
};
/// Swagger UI (its assets live below it).
pub const DOCS: Route = Route {
    path: "/docs",
    method: Method::Get,
    operation_id: "docs",
    summary: "Swagger UI",
};

/// Prometheus metrics (absent when `METRICS=false`).
pub const METRICS: Route = Route {
    path: "/metrics",
    method: Method::Get,
    operation_id: "metrics",
    summary: "Prometheus metrics",
};

/// Every route the runtime serves itself.
pub const RUNTIME_ROUTES: &[Route] = &[
    HEALTH, READY, MODELS, INTERRUPT, PROMPT, OPENAPI, DOCS, METRICS,
];

/// The route an endpoint at `path` would collide with: the route itself
/// or anything below it (`/docs/x`).
pub fn reserved_by(path: &str) -> Option<&'static Route> {
    RUNTIME_ROUTES.iter().find(|r| {
        path == r.path
            || path
                .strip_prefix(r.path)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_paths_cover_routes_and_what_is_below_them() {
        assert_eq!(reserved_by("/ready"), Some(&READY));
        assert_eq!(reserved_by("/docs/swagger-ui.css"), Some(&DOCS));
        assert_eq!(reserved_by("/readyz"), None);
        assert_eq!(reserved_by("/metrics"), Some(&METRICS));
        assert_eq!(reserved_by("/metrics/x"), Some(&METRICS));
        assert_eq!(reserved_by("/workflows/ready"), None);
    }
}
