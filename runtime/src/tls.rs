//! The TLS set-up of outgoing HTTP clients (ComfyUI, images fetched by
//! URL): rustls with the ring provider passed explicitly and the
//! platform's certificate verifier, so nothing is installed process-wide.

use std::sync::Arc;

/// A reqwest client builder whose TLS uses ring and the platform's roots.
pub(crate) fn client_builder() -> reqwest::ClientBuilder {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("ring supports the default TLS versions");
    let config = match builder.clone().with_platform_verifier() {
        Ok(b) => b.with_no_client_auth(),
        Err(e) => {
            tracing::warn!(error = %e, "no platform certificate verifier; HTTPS URLs will fail");
            builder
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_no_client_auth()
        }
    };
    reqwest::Client::builder().tls_backend_preconfigured(config)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_client_builds_with_its_own_provider() {
        // (Whether a process-wide provider exists depends on the other
        // tests of this process; the builder does not need one.)
        super::client_builder().build().unwrap();
    }
}
