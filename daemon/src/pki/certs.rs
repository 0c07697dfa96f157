//! Generating the per-install CA and node certificates, and writing them safely.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Write as _};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier as _;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use time::{Duration, OffsetDateTime};

use super::{
    CA_CERTIFICATE_FILE, CA_PRIVATE_KEY_FILE, CERTIFICATE_FILE, PRIVATE_KEY_FILE, PkiError,
    provider,
};

/// Node certificates are valid this long, as HarperDB's generated ones are.
const NODE_VALIDITY_DAYS: i64 = 3650;
/// Ten years (with leap days) so the CA outlives the first node certificate it signs.
const CA_VALIDITY_DAYS: i64 = 3653;
/// Certificates start a day in the past so a peer whose clock runs a little behind
/// does not reject a certificate made a moment ago as "not yet valid".
const BACKDATE_DAYS: i64 = 1;

/// Where [`generate`] put the files it made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedKeys {
    /// `ca.pem`: the new CA certificate.
    pub ca_certificate: PathBuf,
    /// `ca.key`: the new CA private key (mode 0600).
    pub ca_private_key: PathBuf,
    /// `certificate.pem`: the node certificate signed by the CA.
    pub certificate: PathBuf,
    /// `privateKey.pem`: the node certificate's private key (mode 0600).
    pub private_key: PathBuf,
    /// The CA's common name, `harper CA <id>`, which tells installs' CAs apart.
    pub ca_common_name: String,
}

/// Creates `keys_dir` (mode 0700) and fills it with a brand-new CA and a node
/// certificate signed by it, replacing whatever was there.
///
/// The node certificate covers `localhost`, `127.0.0.1`, `::1` and, when it is a valid
/// DNS name, `node_name` (the name peers put in the TLS server name when they dial this
/// node). It carries both the server and client authentication usages because a node
/// both accepts and dials mesh links.
pub fn generate(keys_dir: &Path, node_name: Option<&str>) -> Result<GeneratedKeys, PkiError> {
    create_keys_dir(keys_dir)?;

    let ca_common_name = format!("harper CA {}", short_id());
    let ca_key = new_key("the CA key")?;
    let ca_key_pem = ca_key.serialize_pem();
    let ca =
        CertifiedIssuer::self_signed(ca_params(&ca_common_name), ca_key).map_err(|source| {
            PkiError::Generate {
                what: "the CA certificate",
                source,
            }
        })?;
    let (cert_pem, key_pem) = issue_node_certificate(&ca, node_name)?;

    let keys = GeneratedKeys {
        ca_certificate: keys_dir.join(CA_CERTIFICATE_FILE),
        ca_private_key: keys_dir.join(CA_PRIVATE_KEY_FILE),
        certificate: keys_dir.join(CERTIFICATE_FILE),
        private_key: keys_dir.join(PRIVATE_KEY_FILE),
        ca_common_name,
    };
    // Each key goes before its certificate, so a certificate on disk never names a
    // public key whose private half has not been written yet.
    write_atomic(&keys.ca_private_key, ca_key_pem.as_bytes(), SECRET_MODE)?;
    write_atomic(&keys.ca_certificate, ca.pem().as_bytes(), PUBLIC_MODE)?;
    write_atomic(&keys.private_key, key_pem.as_bytes(), SECRET_MODE)?;
    write_atomic(&keys.certificate, cert_pem.as_bytes(), PUBLIC_MODE)?;
    tracing::info!(
        keys_dir = %keys_dir.display(),
        ca = %keys.ca_common_name,
        "generated a new CA and node certificate"
    );
    Ok(keys)
}

/// Replaces the node certificate and its key in `keys_dir`.
///
/// When both `ca.pem` and `ca.key` exist the new certificate is signed by that CA, so
/// peers that trust it keep trusting this node; otherwise (an install made by another
/// tool, or a CA key removed on purpose) everything is generated afresh as by
/// [`generate`].
///
/// The new certificate is checked against `ca.pem` before anything is written, so an
/// expired CA, or a `ca.key` that is not `ca.pem`'s key, fails with nothing changed;
/// removing `ca.key` then makes the next renewal start over with a new CA (peers that
/// verify certificates must then be given the new `ca.pem`).
pub fn renew(keys_dir: &Path, node_name: Option<&str>) -> Result<(), PkiError> {
    let ca_cert_path = keys_dir.join(CA_CERTIFICATE_FILE);
    let ca_key_path = keys_dir.join(CA_PRIVATE_KEY_FILE);
    if !(ca_cert_path.is_file() && ca_key_path.is_file()) {
        tracing::info!(
            keys_dir = %keys_dir.display(),
            "no CA certificate and key to renew with; generating a new CA"
        );
        generate(keys_dir, node_name)?;
        return Ok(());
    }
    let ca_cert_pem = read_text(&ca_cert_path, "CA certificate")?;
    let ca_key_pem = read_text(&ca_key_path, "CA private key")?;
    let (cert_pem, key_pem) = sign_with_ca(
        &ca_cert_pem,
        &ca_key_pem,
        node_name,
        &ca_cert_path.display().to_string(),
        &ca_key_path.display().to_string(),
    )?;
    write_atomic(
        &keys_dir.join(PRIVATE_KEY_FILE),
        key_pem.as_bytes(),
        SECRET_MODE,
    )?;
    write_atomic(
        &keys_dir.join(CERTIFICATE_FILE),
        cert_pem.as_bytes(),
        PUBLIC_MODE,
    )?;
    tracing::info!(keys_dir = %keys_dir.display(), "renewed the node certificate");
    Ok(())
}

/// Issues a new node certificate and private key signed by the given CA, returned as
/// `(certificate PEM, private key PEM)`.
///
/// `ca_key_pem` must be a PKCS#8 key (`BEGIN PRIVATE KEY`), which is what [`generate`]
/// writes. The new certificate is checked against `ca_cert_pem` before it is returned,
/// so a CA key that does not belong to the CA certificate is reported here rather than
/// as failed handshakes on every peer later.
pub fn sign_node_certificate(
    ca_cert_pem: &str,
    ca_key_pem: &str,
    node_name: Option<&str>,
) -> Result<(String, String), PkiError> {
    sign_with_ca(
        ca_cert_pem,
        ca_key_pem,
        node_name,
        "certificate",
        "private key",
    )
}

/// [`sign_node_certificate`] with names for the inputs, so errors can name the files.
fn sign_with_ca(
    ca_cert_pem: &str,
    ca_key_pem: &str,
    node_name: Option<&str>,
    ca_cert_label: &str,
    ca_key_label: &str,
) -> Result<(String, String), PkiError> {
    let invalid = |input: &str, problem: String| PkiError::InvalidCa {
        input: input.to_owned(),
        problem,
    };
    let ca_cert_der = CertificateDer::from_pem_slice(ca_cert_pem.as_bytes())
        .map_err(|e| invalid(ca_cert_label, format!("no usable certificate: {e}")))?;
    let ca_key_der = PrivateKeyDer::from_pem_slice(ca_key_pem.as_bytes())
        .map_err(|e| invalid(ca_key_label, format!("no usable private key: {e}")))?;
    // With the ring backend rcgen only loads PKCS#8 keys; say how to convert others.
    let ca_key = KeyPair::try_from(&ca_key_der).map_err(|e| {
        invalid(
            ca_key_label,
            format!(
                "{e} (the key must be PKCS#8, `BEGIN PRIVATE KEY`; convert it with \
                 `openssl pkcs8 -topk8 -nocrypt`)"
            ),
        )
    })?;
    let issuer = Issuer::from_ca_cert_der(&ca_cert_der, ca_key)
        .map_err(|e| invalid(ca_cert_label, e.to_string()))?;
    let (cert_pem, key_pem) = issue_node_certificate(&issuer, node_name)?;
    check_chain(&cert_pem, ca_cert_der)?;
    Ok((cert_pem, key_pem))
}

/// Makes a node key and certificate signed by `issuer`.
fn issue_node_certificate(
    issuer: &Issuer<'_, KeyPair>,
    node_name: Option<&str>,
) -> Result<(String, String), PkiError> {
    let key = new_key("the node key")?;
    let cert = node_params(node_name)
        .signed_by(&key, issuer)
        .map_err(|source| PkiError::Generate {
            what: "the node certificate",
            source,
        })?;
    Ok((cert.pem(), key.serialize_pem()))
}

/// Verifies that `cert_pem` chains to `ca_der` for `localhost` as a server, the way a
/// peer with `insecure: false` will check it.
fn check_chain(cert_pem: &str, ca_der: CertificateDer<'static>) -> Result<(), PkiError> {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(ca_der)
        .map_err(|e| PkiError::CaCheck(e.to_string()))?;
    let verifier = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider())
        .build()
        .map_err(|e| PkiError::CaCheck(e.to_string()))?;
    let cert = CertificateDer::from_pem_slice(cert_pem.as_bytes())
        .map_err(|e| PkiError::CaCheck(e.to_string()))?;
    verifier
        .verify_server_cert(
            &cert,
            &[],
            &ServerName::try_from("localhost").expect("localhost is a valid DNS name"),
            &[],
            UnixTime::now(),
        )
        .map_err(|e| PkiError::CaCheck(e.to_string()))?;
    Ok(())
}

/// A fresh ECDSA P-256 key (rcgen's default algorithm: small, fast, universally supported).
fn new_key(what: &'static str) -> Result<KeyPair, PkiError> {
    KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)
        .map_err(|source| PkiError::Generate { what, source })
}

/// Certificate parameters for a per-install CA that may only sign end-entity
/// certificates (path length 0): a leaked node key cannot mint further CAs.
fn ca_params(common_name: &str) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    params
        .distinguished_name
        .push(DnType::OrganizationName, "harper");
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    // rcgen's default validity is 1975..4096; never keep it.
    let not_before = OffsetDateTime::now_utc() - Duration::days(BACKDATE_DAYS);
    params.not_before = not_before;
    params.not_after = not_before + Duration::days(CA_VALIDITY_DAYS);
    params
}

/// Certificate parameters for a node: both TLS usages, loopback names and the node name.
fn node_params(node_name: Option<&str>) -> CertificateParams {
    let node_name = node_name.filter(|n| !n.is_empty());
    let mut params = CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    // The subject is informative only (verification uses the SANs), so any node name,
    // even one that is not a DNS name, can go there.
    params
        .distinguished_name
        .push(DnType::CommonName, node_name.unwrap_or("localhost"));
    params
        .distinguished_name
        .push(DnType::OrganizationName, "harper");
    params.subject_alt_names = node_sans(node_name);
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::ServerAuth,
        ExtendedKeyUsagePurpose::ClientAuth,
    ];
    // Lets verifiers pick the right CA when several are in the CA file.
    params.use_authority_key_identifier_extension = true;
    let now = OffsetDateTime::now_utc();
    params.not_before = now - Duration::days(BACKDATE_DAYS);
    params.not_after = now + Duration::days(NODE_VALIDITY_DAYS);
    params
}

/// `localhost`, `127.0.0.1`, `::1`, then the node name as a DNS name when it is one.
///
/// Node names only exclude whitespace, `.`, `,`, `*` and `>`, so a name like `a:b` or
/// `név` is legal but is no DNS name. We skip the SAN rather than fail the install: such
/// a node can only be verified by the loopback names, which matters only with
/// `insecure: false`. The validity test is rustls' own, so exactly the names that
/// [`super::server_name_for`] accepts get a SAN.
fn node_sans(node_name: Option<&str>) -> Vec<SanType> {
    let mut sans = vec![
        SanType::DnsName("localhost".try_into().expect("localhost is IA5")),
        SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        SanType::IpAddress(IpAddr::V6(Ipv6Addr::LOCALHOST)),
    ];
    let Some(name) = node_name else {
        return sans;
    };
    if name.eq_ignore_ascii_case("localhost") {
        return sans;
    }
    if rustls::pki_types::DnsName::try_from(name).is_err() {
        tracing::debug!(
            node_name = name,
            "node name is not a DNS name; no SAN for it"
        );
        return sans;
    }
    match rcgen::string::Ia5String::try_from(name) {
        Ok(ia5) => sans.push(SanType::DnsName(ia5)),
        Err(e) => {
            tracing::debug!(node_name = name, error = %e, "rcgen refused the node name as a SAN")
        }
    }
    sans
}

/// Eight hex digits that tell one install's CA from another's in `openssl x509` output.
fn short_id() -> String {
    let mut id = uuid::Uuid::new_v4().simple().to_string();
    id.truncate(8);
    id
}

/// Private keys: owner read/write only, from the moment the file exists.
const SECRET_MODE: u32 = 0o600;
/// Certificates are public, but they live under the root, where everything is
/// owner-only (SECURITY.md); another local tool can be given a copy.
const PUBLIC_MODE: u32 = 0o600;

/// Creates the keys directory with mode 0700 (its parents with the default mode).
fn create_keys_dir(dir: &Path) -> Result<(), PkiError> {
    let write_err = |source| PkiError::Write {
        path: dir.to_owned(),
        source,
    };
    if let Some(parent) = dir.parent()
        && !parent.as_os_str().is_empty()
    {
        fs::create_dir_all(parent).map_err(|source| PkiError::Write {
            path: parent.to_owned(),
            source,
        })?;
    }
    match DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(write_err(e)),
    }
}

/// Writes `contents` to `path` so that readers see either the old file or the new one,
/// never a torn one, and so that a crash does not leave an empty key behind.
///
/// The temporary file is created with `mode` (never wider), so a private key is not
/// world-readable even for an instant; the rename then replaces the old inode, and its
/// mode, whole.
fn write_atomic(path: &Path, contents: &[u8], mode: u32) -> Result<(), PkiError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", short_id()));
    let result = (|| -> io::Result<()> {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&tmp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        // Persist the rename itself.
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|source| PkiError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Reads a PEM file as text, naming it in the error.
fn read_text(path: &Path, what: &'static str) -> Result<String, PkiError> {
    fs::read_to_string(path).map_err(|source| PkiError::Read {
        what,
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use rustls::server::WebPkiClientVerifier;

    use super::*;

    fn mode_of(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn roots(ca_pem: &[u8]) -> Arc<rustls::RootCertStore> {
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(CertificateDer::from_pem_slice(ca_pem).unwrap())
            .unwrap();
        Arc::new(roots)
    }

    /// Checks the node certificate the way peers will: as a server for `name`.
    fn verifies_as_server(ca_pem: &[u8], cert_pem: &[u8], name: &str) -> Result<(), rustls::Error> {
        let verifier = WebPkiServerVerifier::builder_with_provider(roots(ca_pem), provider())
            .build()
            .unwrap();
        let cert = CertificateDer::from_pem_slice(cert_pem).unwrap();
        verifier
            .verify_server_cert(
                &cert,
                &[],
                &ServerName::try_from(name.to_owned()).unwrap(),
                &[],
                UnixTime::now(),
            )
            .map(|_| ())
    }

    fn verifies_as_client(ca_pem: &[u8], cert_pem: &[u8]) -> Result<(), rustls::Error> {
        let verifier = WebPkiClientVerifier::builder_with_provider(roots(ca_pem), provider())
            .build()
            .unwrap();
        let cert = CertificateDer::from_pem_slice(cert_pem).unwrap();
        verifier
            .verify_client_cert(&cert, &[], UnixTime::now())
            .map(|_| ())
    }

    #[test]
    fn generate_writes_four_files_with_safe_modes() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("root").join("keys");
        let keys = generate(&dir, Some("node_1")).unwrap();

        assert_eq!(mode_of(&dir), 0o700);
        assert_eq!(mode_of(&keys.ca_private_key), 0o600);
        assert_eq!(mode_of(&keys.private_key), 0o600);
        for path in [&keys.ca_certificate, &keys.certificate] {
            assert!(
                fs::read_to_string(path)
                    .unwrap()
                    .contains("BEGIN CERTIFICATE")
            );
        }
        for path in [&keys.ca_private_key, &keys.private_key] {
            assert!(
                fs::read_to_string(path)
                    .unwrap()
                    .contains("BEGIN PRIVATE KEY")
            );
        }
        assert!(keys.ca_common_name.starts_with("harper CA "));
        // No temporary files left behind.
        let mut names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["ca.key", "ca.pem", "certificate.pem", "privateKey.pem"]
        );
    }

    #[test]
    fn node_certificate_has_both_usages_and_the_sans() {
        let tmp = tempfile::tempdir().unwrap();
        let keys = generate(tmp.path(), Some("node_1")).unwrap();
        let ca = fs::read(&keys.ca_certificate).unwrap();
        let cert = fs::read(&keys.certificate).unwrap();

        // webpki checks the ServerAuth usage and the name, and the chain to the CA
        // (which proves the CA is a CA allowed to sign).
        for name in ["localhost", "127.0.0.1", "::1", "node_1"] {
            verifies_as_server(&ca, &cert, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        assert!(verifies_as_server(&ca, &cert, "other").is_err());
        // ...and the ClientAuth usage.
        verifies_as_client(&ca, &cert).unwrap();

        // The same checks against another install's CA fail.
        let other = tempfile::tempdir().unwrap();
        let other_keys = generate(other.path(), None).unwrap();
        let other_ca = fs::read(&other_keys.ca_certificate).unwrap();
        assert!(verifies_as_server(&other_ca, &cert, "localhost").is_err());
        assert!(verifies_as_client(&other_ca, &cert).is_err());
    }

    #[test]
    fn node_names_that_are_not_dns_names_are_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        let keys = generate(tmp.path(), Some("a:b/ü")).unwrap();
        let ca = fs::read(&keys.ca_certificate).unwrap();
        let cert = fs::read(&keys.certificate).unwrap();
        verifies_as_server(&ca, &cert, "localhost").unwrap();
        assert_eq!(node_sans(Some("a:b/ü")).len(), 3);
        assert_eq!(node_sans(Some("node-2")).len(), 4);
        assert_eq!(node_sans(None).len(), 3);
    }

    #[test]
    fn every_install_gets_its_own_ca() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let ka = generate(a.path(), None).unwrap();
        let kb = generate(b.path(), None).unwrap();
        assert_ne!(
            fs::read(&ka.ca_private_key).unwrap(),
            fs::read(&kb.ca_private_key).unwrap()
        );
        assert_ne!(ka.ca_common_name, kb.ca_common_name);
    }

    #[test]
    fn renew_keeps_the_ca_and_replaces_the_node_certificate() {
        let tmp = tempfile::tempdir().unwrap();
        let keys = generate(tmp.path(), Some("n1")).unwrap();
        let ca_before = fs::read(&keys.ca_certificate).unwrap();
        let ca_key_before = fs::read(&keys.ca_private_key).unwrap();
        let cert_before = fs::read(&keys.certificate).unwrap();
        let key_before = fs::read(&keys.private_key).unwrap();

        renew(tmp.path(), Some("n1")).unwrap();

        assert_eq!(fs::read(&keys.ca_certificate).unwrap(), ca_before);
        assert_eq!(fs::read(&keys.ca_private_key).unwrap(), ca_key_before);
        let cert_after = fs::read(&keys.certificate).unwrap();
        assert_ne!(cert_after, cert_before);
        assert_ne!(fs::read(&keys.private_key).unwrap(), key_before);
        assert_eq!(mode_of(&keys.private_key), 0o600);
        verifies_as_server(&ca_before, &cert_after, "n1").unwrap();
        verifies_as_client(&ca_before, &cert_after).unwrap();
    }

    #[test]
    fn renew_without_a_ca_generates_everything() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("keys");
        renew(&dir, None).unwrap();
        for file in [
            CA_CERTIFICATE_FILE,
            CA_PRIVATE_KEY_FILE,
            CERTIFICATE_FILE,
            PRIVATE_KEY_FILE,
        ] {
            assert!(dir.join(file).is_file(), "{file}");
        }
    }

    #[test]
    fn signing_with_a_shared_ca() {
        let tmp = tempfile::tempdir().unwrap();
        let keys = generate(tmp.path(), None).unwrap();
        let ca = fs::read_to_string(&keys.ca_certificate).unwrap();
        let ca_key = fs::read_to_string(&keys.ca_private_key).unwrap();
        let (cert, key) = sign_node_certificate(&ca, &ca_key, Some("edge-7")).unwrap();
        assert!(key.contains("BEGIN PRIVATE KEY"));
        verifies_as_server(ca.as_bytes(), cert.as_bytes(), "edge-7").unwrap();

        // A CA key that is not the CA certificate's key is caught before anything is
        // handed out.
        let other = tempfile::tempdir().unwrap();
        let other_keys = generate(other.path(), None).unwrap();
        let wrong_key = fs::read_to_string(&other_keys.ca_private_key).unwrap();
        let err = sign_node_certificate(&ca, &wrong_key, None).unwrap_err();
        assert!(matches!(err, PkiError::CaCheck(_)), "{err}");

        let err = sign_node_certificate("garbage", &ca_key, None).unwrap_err();
        assert!(
            err.to_string().starts_with("invalid CA certificate:"),
            "{err}"
        );
    }

    #[test]
    fn renew_names_the_broken_file() {
        let tmp = tempfile::tempdir().unwrap();
        generate(tmp.path(), None).unwrap();
        let ca_key = tmp.path().join(CA_PRIVATE_KEY_FILE);
        fs::write(&ca_key, "not a key").unwrap();
        let err = renew(tmp.path(), None).unwrap_err().to_string();
        assert!(err.contains(&ca_key.display().to_string()), "{err}");
    }
}
