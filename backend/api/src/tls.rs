//! Whom the webhook sender trusts over HTTPS.

use std::sync::Arc;
use tokio_rustls::rustls;

/// The trust for HTTPS receivers: the public roots (Mozilla's, built in) and any CA added.
#[derive(Clone)]
pub struct Tls(pub(crate) Arc<rustls::ClientConfig>);

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tls")
    }
}

impl Tls {
    /// The public roots, and the certificates of `extra_ca_pem` (PEM, one or more) as well.
    pub fn new(extra_ca_pem: Option<&[u8]>) -> Result<Tls, String> {
        use rustls::pki_types::CertificateDer;
        use rustls::pki_types::pem::PemObject;
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        if let Some(pem) = extra_ca_pem {
            let mut added = 0;
            for cert in CertificateDer::pem_slice_iter(pem) {
                let cert = cert.map_err(|e| format!("unreadable certificate: {e}"))?;
                roots
                    .add(cert)
                    .map_err(|e| format!("unusable CA certificate: {e}"))?;
                added += 1;
            }
            if added == 0 {
                return Err("no certificate in the CA file".into());
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Tls(Arc::new(config)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ca_file_must_hold_a_certificate() {
        assert!(Tls::new(None).is_ok());
        assert!(Tls::new(Some(b"not a certificate")).is_err());
    }
}
