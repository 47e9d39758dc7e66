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

/// The jobs, newest first.
pub const JOBS: Route = Route {
    path: "/jobs",
    method: Method::Get,
    operation_id: "listJobs",
    summary: "List jobs, newest first",
};
/// One job.
pub const JOB: Route = Route {
    path: "/jobs/{id}",
    method: Method::Get,
    operation_id: "getJob",
    summary: "A job's status, progress and outputs",
};
/// Cancel a job.
pub const JOB_CANCEL: Route = Route {
    path: "/jobs/{id}/cancel",
    method: Method::Post,
    operation_id: "cancelJob",
    summary: "Cancel a job",
};
/// One output file of a job.
pub const JOB_OUTPUT: Route = Route {
    path: "/jobs/{id}/outputs/{output}/{index}",
    method: Method::Get,
    operation_id: "getJobOutput",
    summary: "An output file of a job",
};
/// A job's events as Server-Sent Events.
pub const JOB_EVENTS: Route = Route {
    path: "/jobs/{id}/events",
    method: Method::Get,
    operation_id: "jobEvents",
    summary: "A job's events as Server-Sent Events, resumable with Last-Event-ID",
};

/// Every route the runtime serves itself. The job routes lie below
/// [`JOBS`], so reserving it reserves them.
pub const RUNTIME_ROUTES: &[Route] = &[
    HEALTH, READY, MODELS, INTERRUPT, PROMPT, OPENAPI, DOCS, METRICS, JOBS,
];

/// The routes of one job, below [`JOBS`].
pub const JOB_ROUTES: &[Route] = &[JOB, JOB_CANCEL, JOB_OUTPUT, JOB_EVENTS];

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
        assert_eq!(reserved_by("/jobs/x/cancel"), Some(&JOBS));
        assert_eq!(reserved_by("/jobsite"), None);
        for r in JOB_ROUTES {
            assert_eq!(reserved_by(r.path), Some(&JOBS), "{}", r.path);
        }
    }
}
