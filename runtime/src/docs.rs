//! Swagger UI at `/docs`, served from the binary (being built).
