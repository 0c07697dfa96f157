//! Whom `harper --target` trusts. With `--target-ca FILE` the daemon's
//! certificate must chain to that CA and name the target's host. Without it,
//! trust on first use, like ssh: the first connection pins the CA that issued
//! the daemon's certificate (the daemon presents it after its certificate) in
//! `$HOME/.harper/known_targets`, one `HOST:PORT ca SHA256` line per target,
//! and says so once on stderr. Later the daemon's certificate must be one that
//! CA signed (and still valid): `harper renew-certs` on the node issues a new
//! certificate from the same CA, so remote administrators notice nothing; a
//! certificate from another CA is refused before any credentials are sent.
//! Host names are not checked (a node's generated certificate names only
//! loopback and its node name, not the address it is reached at).
//!
//! A daemon that presents no CA (a certificate made elsewhere, without its
//! chain) is pinned by its certificate, `HOST:PORT SHA256`, the only form
//! older versions wrote; such a line is upgraded to the CA the next time the
//! same certificate arrives with its CA.

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

/// What the daemon presented: its certificate and the CAs it chains to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented {
    /// Fingerprint of the daemon's own certificate.
    pub certificate: String,
    /// Fingerprints of the certificates presented after it that it chains
    /// to (signature, validity and server usage checked with that
    /// certificate as the trust anchor), the root last.
    pub issuers: Vec<String>,
}

/// What a `known_targets` line pins.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pin {
    /// `HOST:PORT ca SHA256`: any valid certificate this CA signed.
    Ca(String),
    /// `HOST:PORT SHA256`: exactly this certificate.
    Certificate(String),
}

/// The keyword of a CA pin.
const CA_PIN: &str = "ca";

/// Look at the chain a daemon presented (its certificate first).
pub fn presented(chain: &[CertificateDer<'_>]) -> Option<Presented> {
    let leaf = chain.first()?;
    let rest = &chain[1..];
    let parsed = rustls::server::ParsedCertificate::try_from(leaf).ok();
    let signed_by = |ca: &CertificateDer<'_>| {
        let mut roots = rustls::RootCertStore::empty();
        let Some(parsed) = &parsed else {
            return false;
        };
        roots.add(ca.clone().into_owned()).is_ok()
            && rustls::client::verify_server_cert_signed_by_trust_anchor(
                parsed,
                &roots,
                rest,
                rustls::pki_types::UnixTime::now(),
                provider().signature_verification_algorithms.all,
            )
            .is_ok()
    };
    Some(Presented {
        certificate: fingerprint(leaf),
        issuers: rest
            .iter()
            .filter(|ca| signed_by(ca))
            .map(|ca| fingerprint(ca))
            .collect(),
    })
}

fn read_pin(known: &str, target: &str) -> Option<Pin> {
    known
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            let mut fields = l.split_whitespace();
            if fields.next() != Some(target) {
                return None;
            }
            match (fields.next(), fields.next()) {
                (Some(CA_PIN), Some(fp)) => Some(Pin::Ca(fp.to_owned())),
                (Some(fp), None) => Some(Pin::Certificate(fp.to_owned())),
                (Some(fp), Some(_)) => Some(Pin::Certificate(fp.to_owned())),
                (None, _) => None,
            }
        })
}

fn pin_line(target: &str, pin: &Pin) -> String {
    match pin {
        Pin::Ca(fp) => format!("{target} {CA_PIN} {fp}\n"),
        Pin::Certificate(fp) => format!("{target} {fp}\n"),
    }
}

/// Check what `target` presented against its pin in `file`, pinning it
/// when there is none yet (its CA when it presented one), and upgrading a
/// certificate pin to the CA when the pinned certificate comes with its CA.
pub fn check_pin(file: &Path, target: &str, seen: &Presented) -> Result<(), CliError> {
    let known = std::fs::read_to_string(file).unwrap_or_default();
    let write_error =
        |e: std::io::Error| CliError::failed(format!("cannot write {}: {e}", file.display()));
    match read_pin(&known, target) {
        Some(Pin::Ca(fp)) if seen.issuers.contains(&fp) => Ok(()),
        Some(Pin::Ca(fp)) => Err(CliError::failed(format!(
            "the TLS certificate of {target} is not one signed by the CA trusted before \
             (pinned CA SHA-256 {fp}, now certificate {}{}); someone may be intercepting the connection",
            seen.certificate,
            match seen.issuers.last() {
                Some(ca) => format!(" from CA {ca}"),
                None => " with no valid chain to a CA".to_owned(),
            }
        ))
        .with_hint(format!(
            "if {target} was installed anew (a new CA), delete its line from {} and retry, or verify it with --target-ca CA.pem",
            file.display()
        ))),
        Some(Pin::Certificate(fp)) if fp == seen.certificate => {
            if let Some(ca) = seen.issuers.last() {
                replace_pin(file, &known, target, &Pin::Ca(ca.clone())).map_err(write_error)?;
                eprintln!(
                    "note: {target} is now trusted by the CA that issued its certificate (SHA-256 {ca}), \
                     which keeps it trusted across `harper renew-certs`; updated {}",
                    file.display()
                );
            }
            Ok(())
        }
        Some(Pin::Certificate(fp)) => Err(CliError::failed(format!(
            "the TLS certificate of {target} is not the one trusted before \
             (pinned SHA-256 {fp}, now {}); someone may be intercepting the connection",
            seen.certificate
        ))
        .with_hint(format!(
            "if {target}'s certificate was renewed, delete its line from {} and retry, or verify it with --target-ca CA.pem",
            file.display()
        ))),
        None => {
            let (pin, what) = match seen.issuers.last() {
                Some(ca) => (
                    Pin::Ca(ca.clone()),
                    format!("it is issued by the CA with SHA-256 {ca}, which is"),
                ),
                None => (
                    Pin::Certificate(seen.certificate.clone()),
                    format!("its certificate's SHA-256 is {}, which is", seen.certificate),
                ),
            };
            append_pin(file, &pin_line(target, &pin)).map_err(write_error)?;
            eprintln!(
                "note: trusting {target} on first use: {what} pinned in {}",
                file.display()
            );
            Ok(())
        }
    }
}

fn create_dir(file: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    match file.parent() {
        Some(dir) => std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir),
        None => Ok(()),
    }
}

fn append_pin(file: &Path, line: &str) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    create_dir(file)?;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(file)?;
    // One write of one line: concurrent first uses do not interleave.
    f.write_all(line.as_bytes())
}

/// Replace the pin of `target` in `known` (the file's text) by `pin`:
/// temp file, fsync, rename.
fn replace_pin(file: &Path, known: &str, target: &str, pin: &Pin) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut text = String::with_capacity(known.len());
    let mut replaced = false;
    for line in known.lines() {
        if !replaced && line.split_whitespace().next() == Some(target) {
            text.push_str(&pin_line(target, pin));
            replaced = true;
        } else {
            text.push_str(line);
            text.push('\n');
        }
    }
    let tmp = file.with_extension(format!("tmp.{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(certificate: &str, issuers: &[&str]) -> Presented {
        Presented {
            certificate: certificate.to_owned(),
            issuers: issuers.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn mode(file: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(file).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn first_use_pins_the_ca_and_a_renewed_certificate_is_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".harper").join(KNOWN_TARGETS_FILE);
        let t = "127.0.0.1:9925";
        check_pin(&file, t, &seen("L1", &["CA"])).unwrap();
        // harper renew-certs: another certificate from the same CA.
        check_pin(&file, t, &seen("L2", &["CA"])).unwrap();
        // Another CA, or no chain at all: refused.
        for other in [seen("L3", &["CB"]), seen("L1", &[])] {
            let e = check_pin(&file, t, &other).unwrap_err();
            assert_eq!(e.code, crate::error::EXIT_FAILED);
            assert!(e.message.contains("pinned CA SHA-256 CA"), "{e:?}");
            assert!(e.hint.unwrap().contains(&file.display().to_string()));
        }
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            format!("{t} ca CA\n")
        );
        assert_eq!(mode(&file), 0o600);
    }

    #[test]
    fn certificate_pins_still_work_and_move_to_the_ca() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".harper").join(KNOWN_TARGETS_FILE);
        // Written by an older harper, or by a daemon without a chain.
        check_pin(&file, "h:1", &seen("AA:BB", &[])).unwrap();
        std::fs::write(&file, "# pins\nh:1 AA:BB\nh:2 CC:DD\n").unwrap();
        check_pin(&file, "h:1", &seen("AA:BB", &[])).unwrap();
        let e = check_pin(&file, "h:1", &seen("EE:FF", &["CA"])).unwrap_err();
        assert!(
            e.message.contains("pinned SHA-256 AA:BB, now EE:FF"),
            "{e:?}"
        );
        assert!(e.hint.unwrap().contains("certificate was renewed"));
        // The pinned certificate with its CA: the pin moves to the CA.
        check_pin(&file, "h:1", &seen("AA:BB", &["CA"])).unwrap();
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "# pins\nh:1 ca CA\nh:2 CC:DD\n"
        );
        assert_eq!(mode(&file), 0o600);
        check_pin(&file, "h:1", &seen("GG:HH", &["CA"])).unwrap();
        check_pin(&file, "h:2", &seen("CC:DD", &[])).unwrap();
    }

    #[test]
    fn fingerprint_is_openssl_style() {
        let fp = fingerprint(b"abc");
        assert!(fp.starts_with("BA:78:16:BF:"), "{fp}");
        assert_eq!(fp.len(), 32 * 3 - 1);
    }
}
