//! Whom `harper --target` trusts. With `--target-ca FILE` the daemon's
//! certificate must chain to that CA and name the target's host. Without it,
//! trust on first use, like ssh: the first connection pins the certificate's
//! SHA-256 in `$HOME/.harper/known_targets` (one `HOST:PORT FINGERPRINT` line
//! per target) and says so once on stderr; a later, different certificate is
//! refused before any credentials are sent.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::ClientConfig;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;

use crate::error::CliError;

/// File name of the pins inside `$HOME/.harper/`.
pub const KNOWN_TARGETS_FILE: &str = "known_targets";

/// The one crypto provider (ring), passed explicitly: with none installed
/// process-wide, rustls' implicit builders would panic.
fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// `$HOME/.harper/known_targets`.
pub fn known_targets_file() -> PathBuf {
    let home = std::env::var_os("HOME").unwrap_or_else(|| ".".into());
    PathBuf::from(home).join(".harper").join(KNOWN_TARGETS_FILE)
}

/// The TLS configuration: verified against `ca`, or accepting any
/// certificate whose key signs the handshake (to be pinned by [`check_pin`]).
pub fn client_config(ca: Option<&Path>) -> Result<Arc<ClientConfig>, CliError> {
    let provider = provider();
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| CliError::failed(format!("cannot set up TLS: {e}")))?;
    let verifier: Arc<dyn ServerCertVerifier> = match ca {
        Some(path) => {
            let bad =
                |why: String| CliError::usage(format!("--target-ca {}: {why}", path.display()));
            let pem = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
            let mut roots = rustls::RootCertStore::empty();
            for cert in CertificateDer::pem_slice_iter(&pem) {
                let cert = cert.map_err(|e| bad(format!("invalid PEM: {e}")))?;
                roots.add(cert).map_err(|e| bad(e.to_string()))?;
            }
            if roots.is_empty() {
                return Err(bad("no certificate in the file".into()));
            }
            WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .map_err(|e| bad(e.to_string()))?
        }
        None => harper_rpc::tls::any_server_certificate(&provider),
    };
    Ok(Arc::new(
        builder
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth(),
    ))
}

/// SHA-256 of a DER certificate as colon-separated upper-case hex, the
/// format of `openssl x509 -noout -fingerprint -sha256`.
pub fn fingerprint(der: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, der);
    digest
        .as_ref()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Check `fingerprint` against the pin of `target` in `file`, pinning it
/// when there is none yet.
pub fn check_pin(file: &Path, target: &str, fingerprint: &str) -> Result<(), CliError> {
    let known = std::fs::read_to_string(file).unwrap_or_default();
    let pinned = known
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(char::is_whitespace))
        .find(|(t, _)| *t == target)
        .map(|(_, fp)| fp.trim().to_owned());
    match pinned {
        Some(fp) if fp == fingerprint => Ok(()),
        Some(fp) => Err(CliError::failed(format!(
            "the TLS certificate of {target} is not the one trusted before \
             (pinned SHA-256 {fp}, now {fingerprint}); someone may be intercepting the connection"
        ))
        .with_hint(format!(
            "if {target}'s certificate was renewed, delete its line from {} and retry, or verify it with --target-ca CA.pem",
            file.display()
        ))),
        None => {
            pin(file, target, fingerprint).map_err(|e| {
                CliError::failed(format!("cannot write {}: {e}", file.display()))
            })?;
            eprintln!(
                "note: trusting {target} on first use: its certificate's SHA-256 is {fingerprint}; pinned in {}",
                file.display()
            );
            Ok(())
        }
    }
}

fn pin(file: &Path, target: &str, fingerprint: &str) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    if let Some(dir) = file.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(file)?;
    // One write of one line: concurrent first uses do not interleave.
    f.write_all(format!("{target} {fingerprint}\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_use_pins_and_a_change_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".harper").join(KNOWN_TARGETS_FILE);
        check_pin(&file, "127.0.0.1:9925", "AA:BB").unwrap();
        check_pin(&file, "127.0.0.1:9925", "AA:BB").unwrap();
        check_pin(&file, "127.0.0.1:9926", "CC:DD").unwrap();
        let e = check_pin(&file, "127.0.0.1:9925", "EE:FF").unwrap_err();
        assert_eq!(e.code, crate::error::EXIT_FAILED);
        assert!(
            e.message.contains("pinned SHA-256 AA:BB, now EE:FF"),
            "{e:?}"
        );
        assert!(e.hint.unwrap().contains(&file.display().to_string()));
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "127.0.0.1:9925 AA:BB\n127.0.0.1:9926 CC:DD\n"
        );
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn fingerprint_is_openssl_style() {
        let fp = fingerprint(b"abc");
        assert!(fp.starts_with("BA:78:16:BF:"), "{fp}");
        assert_eq!(fp.len(), 32 * 3 - 1);
    }
}
