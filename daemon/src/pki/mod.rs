//! Certificates and TLS for the node-to-node mesh.
//!
//! HarperDB signs every install's development certificate with one CA whose private key
//! ships inside the product, so anyone holding a copy of HarperDB can mint certificates
//! that every default install trusts. We never do that: each install generates its own
//! CA ([`generate`]) and keeps its private key in `keys/ca.key`. Operators who want
//! verified peers (`clustering.tls.insecure: false`) give every node one CA, for
//! example by signing each node's certificate with [`sign_node_certificate`].
//!
//! The files keep HarperDB's names so existing instructions still apply; like
//! everything under the root they are owner-only, certificates included:
//!
//! | file              | content                                   | mode |
//! |-------------------|-------------------------------------------|------|
//! | `ca.pem`          | this install's CA certificate             | 0600 |
//! | `ca.key`          | the CA's private key (ours, not HarperDB's) | 0600 |
//! | `certificate.pem` | the node certificate, signed by the CA    | 0600 |
//! | `privateKey.pem`  | the node certificate's private key        | 0600 |
//!
//! The TLS side ([`server_config`], [`client_config`]) follows HarperDB's two switches:
//! `tls.verify` (mutual TLS: the listener demands a client certificate) and
//! `tls.insecure` (certificates are not checked against the CA; the link is still
//! encrypted and the peer still proves it holds the key of the certificate it shows, but
//! its identity comes from the cluster credentials exchanged in the mesh handshake).
//!
//! Only the ring crypto provider is used, passed explicitly to every builder: with no
//! process-wide default installed, rustls' implicit builders would panic.

mod certs;
mod tls;

use std::path::PathBuf;

pub use certs::{GeneratedKeys, generate, renew, sign_node_certificate};
pub use tls::{
    TlsPaths, certificate_fingerprint, check_files, client_config, operations_server_config,
    peer_certificate_fingerprint, server_config, server_name_for,
};

/// File name of the CA certificate inside the keys directory.
pub const CA_CERTIFICATE_FILE: &str = "ca.pem";
/// File name of the CA private key inside the keys directory.
pub const CA_PRIVATE_KEY_FILE: &str = "ca.key";
/// File name of the node certificate inside the keys directory.
pub const CERTIFICATE_FILE: &str = "certificate.pem";
/// File name of the node certificate's private key inside the keys directory.
pub const PRIVATE_KEY_FILE: &str = "privateKey.pem";

/// Everything that can go wrong while making certificates or TLS configurations.
///
/// Every message names the file (or the input) and the problem, because the operator
/// reading it has to find and fix that file.
#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    /// A file could not be read (missing, unreadable...).
    #[error("cannot read {what} {}: {source}", path.display())]
    Read {
        /// What the file should hold ("certificate", "private key", "CA certificate"...).
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A file (or the keys directory) could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A file is not valid PEM.
    #[error("invalid PEM in {what} {}: {problem}", path.display())]
    Pem {
        /// What the file should hold.
        what: &'static str,
        /// The file.
        path: PathBuf,
        /// What the PEM parser said.
        problem: String,
    },
    /// A certificate file holds no `CERTIFICATE` block.
    #[error("no certificate found in {}", path.display())]
    NoCertificate {
        /// The file.
        path: PathBuf,
    },
    /// A key file holds no private key block.
    #[error("no private key found in {}", path.display())]
    NoPrivateKey {
        /// The file.
        path: PathBuf,
    },
    /// A certificate in the CA file could not be used as a trust anchor.
    #[error("invalid CA certificate in {}: {source}", path.display())]
    InvalidCaFile {
        /// The CA file.
        path: PathBuf,
        /// Why rustls refused it.
        source: rustls::Error,
    },
    /// Verifying peers needs a CA file and none is configured.
    #[error(
        "no certificate authority file is configured (clustering.tls.certificateAuthority); \
         it is required to verify peers when insecure is false"
    )]
    NoCertificateAuthority,
    /// The CA certificate or key given for signing cannot be used.
    #[error("invalid CA {input}: {problem}")]
    InvalidCa {
        /// Which input: a file path, or "certificate"/"private key" for in-memory PEM.
        input: String,
        /// The problem.
        problem: String,
    },
    /// A freshly signed certificate does not verify against the CA that signed it,
    /// typically because the CA key does not belong to the CA certificate or the CA
    /// has expired. Nothing is written in that case.
    #[error("a certificate signed with the CA key does not verify against the CA certificate: {0}")]
    CaCheck(String),
    /// rcgen could not generate a key or certificate.
    #[error("cannot generate {what}: {source}")]
    Generate {
        /// What was being generated.
        what: &'static str,
        /// The rcgen error.
        source: rcgen::Error,
    },
    /// rustls refused a configuration (for example a key that does not match its
    /// certificate).
    #[error("{context}: {source}")]
    Tls {
        /// What was being configured, naming the files involved.
        context: String,
        /// The rustls error.
        source: rustls::Error,
    },
    /// The client-certificate verifier could not be built from the CA file.
    #[error("cannot verify client certificates with CA file {}: {source}", path.display())]
    ClientVerifier {
        /// The CA file.
        path: PathBuf,
        /// The builder error.
        source: rustls::server::VerifierBuilderError,
    },
}

/// The one crypto provider used everywhere in the daemon (see the module comment).
fn provider() -> std::sync::Arc<rustls::crypto::CryptoProvider> {
    std::sync::Arc::new(rustls::crypto::ring::default_provider())
}
