//! rustls configurations for mesh links, built from the `clustering.tls.*` paths.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerifier};
use rustls::crypto::{WebPkiSupportedAlgorithms, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::server::WebPkiClientVerifier;
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{
    ClientConfig, DigitallySignedStruct, DistinguishedName, ServerConfig, SignatureScheme,
};

use super::{PkiError, provider};

/// Mesh links speak TLS 1.3 only: every node runs this same code, so there is no
/// older peer to accommodate, and 1.3 encrypts the certificates exchanged.
static VERSIONS: &[&rustls::SupportedProtocolVersion] = &[&rustls::version::TLS13];

/// The files a node's TLS uses: HarperDB's `clustering.tls.certificate`,
/// `clustering.tls.privateKey` and `clustering.tls.certificateAuthority`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsPaths {
    /// PEM file with the node certificate, optionally followed by intermediates.
    pub certificate: PathBuf,
    /// PEM file with the node certificate's private key.
    pub private_key: PathBuf,
    /// PEM file with the CA certificate(s) peers are verified against, the whole chain
    /// up to the root when an intermediate CA signs nodes. Needed only when peers are
    /// verified (`insecure: false`).
    pub certificate_authority: Option<PathBuf>,
}

/// Builds the TLS configuration of the mesh listener.
///
/// - `verify_clients` (HarperDB `tls.verify`): dialling nodes must present a
///   certificate (mutual TLS). When false, no client certificate is asked for.
/// - `insecure` (HarperDB `tls.insecure`): with `verify_clients`, any client
///   certificate is accepted as long as the client proves it holds its key; it is not
///   checked against the CA. When false it must chain to the CA file.
pub fn server_config(
    paths: &TlsPaths,
    verify_clients: bool,
    insecure: bool,
) -> Result<Arc<ServerConfig>, PkiError> {
    let (chain, key) = load_identity(paths)?;
    let provider = provider();
    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(VERSIONS)
        .map_err(|source| PkiError::Tls {
            context: "cannot select TLS 1.3".to_owned(),
            source,
        })?;
    let verifier: Arc<dyn ClientCertVerifier> = match (verify_clients, insecure) {
        (false, _) => WebPkiClientVerifier::no_client_auth(),
        (true, true) => Arc::new(AnyClientCertificate {
            algorithms: provider.signature_verification_algorithms,
        }),
        (true, false) => {
            let ca_path = paths
                .certificate_authority
                .as_deref()
                .ok_or(PkiError::NoCertificateAuthority)?;
            WebPkiClientVerifier::builder_with_provider(load_roots(ca_path)?, provider.clone())
                .build()
                .map_err(|source| PkiError::ClientVerifier {
                    path: ca_path.to_owned(),
                    source,
                })?
        }
    };
    let config = builder
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key)
        .map_err(|source| identity_error(paths, source))?;
    Ok(Arc::new(config))
}

/// Builds the TLS configuration of the operations API's listener: no client
/// certificate (callers log in with a password), and the node certificate
/// presented together with the CA that issued it, when the certificate file
/// holds no chain of its own and `paths.certificate_authority` holds that CA.
/// `harper --target` pins that CA rather than the node certificate, so a
/// `harper renew-certs` (a new certificate from the same CA) does not look
/// like an interception to remote administrators.
pub fn operations_server_config(paths: &TlsPaths) -> Result<Arc<ServerConfig>, PkiError> {
    let (mut chain, key) = load_identity(paths)?;
    if chain.len() == 1
        && let Some(ca_path) = paths.certificate_authority.as_deref()
        && let Ok(cas) = load_certificates(ca_path, "CA certificate")
        && issued_by(&chain[0], &cas)
    {
        chain.extend(cas);
    }
    let config = ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(VERSIONS)
        .map_err(|source| PkiError::Tls {
            context: "cannot select TLS 1.3".to_owned(),
            source,
        })?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|source| identity_error(paths, source))?;
    Ok(Arc::new(config))
}

/// True when `leaf` chains to one of `cas` (signature, validity, usage; not its names).
fn issued_by(leaf: &CertificateDer<'_>, cas: &[CertificateDer<'static>]) -> bool {
    let mut roots = rustls::RootCertStore::empty();
    let (added, _) = roots.add_parsable_certificates(cas.iter().cloned());
    let Ok(parsed) = rustls::server::ParsedCertificate::try_from(leaf) else {
        return false;
    };
    added > 0
        && rustls::client::verify_server_cert_signed_by_trust_anchor(
            &parsed,
            &roots,
            &[],
            UnixTime::now(),
            provider().signature_verification_algorithms.all,
        )
        .is_ok()
}

/// Builds the TLS configuration used to dial other nodes.
///
/// The node certificate is always presented, since listeners usually require it. With
/// `insecure` the listener's certificate is not checked against the CA nor its name
/// (the handshake signature is still verified, so the link is encrypted to whoever holds
/// that certificate's key); otherwise it must chain to the CA file and carry the name
/// given to the connector (see [`server_name_for`]).
pub fn client_config(paths: &TlsPaths, insecure: bool) -> Result<Arc<ClientConfig>, PkiError> {
    let (chain, key) = load_identity(paths)?;
    let provider = provider();
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(VERSIONS)
        .map_err(|source| PkiError::Tls {
            context: "cannot select TLS 1.3".to_owned(),
            source,
        })?;
    let verifier: Arc<dyn ServerCertVerifier> = if insecure {
        // `insecure: true`: HarperDB's development-certificate default.
        harper_rpc::tls::any_server_certificate(&provider)
    } else {
        let ca_path = paths
            .certificate_authority
            .as_deref()
            .ok_or(PkiError::NoCertificateAuthority)?;
        WebPkiServerVerifier::builder_with_provider(load_roots(ca_path)?, provider.clone())
            .build()
            .map_err(|e| PkiError::InvalidCa {
                input: ca_path.display().to_string(),
                problem: e.to_string(),
            })?
    };
    let config = builder
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_client_auth_cert(chain, key)
        .map_err(|source| identity_error(paths, source))?;
    Ok(Arc::new(config))
}

/// The TLS server name to dial a node or host with.
///
/// Peers' certificates carry their node name as a DNS name, so dial with the node name
/// when verifying. Host names and IP addresses work too. Anything that is not a valid
/// name (a node name with `:` for instance, which [`super::generate`] gives no SAN)
/// falls back to `localhost`, which every generated certificate carries; that only
/// matters with `insecure: false`, where such a node cannot be told apart by name.
pub fn server_name_for(node_or_host: &str) -> ServerName<'static> {
    // `[::1]` style hosts, as they appear in URLs, are IP addresses.
    let trimmed = node_or_host
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or(node_or_host);
    ServerName::try_from(trimmed.to_owned()).unwrap_or_else(|_| {
        ServerName::try_from("localhost").expect("localhost is a valid DNS name")
    })
}

/// SHA-256 fingerprint of a DER certificate as colon-separated upper-case hex, the
/// format of `openssl x509 -noout -fingerprint -sha256`.
pub fn certificate_fingerprint(der: &[u8]) -> String {
    // The hash comes from the ring provider's TLS 1.3 SHA-256 suite, to avoid another
    // crypto dependency.
    let hash = match rustls::crypto::ring::cipher_suite::TLS13_AES_128_GCM_SHA256.tls13() {
        Some(suite) => suite.common.hash_provider.hash(der),
        None => unreachable!("a TLS 1.3 suite is a TLS 1.3 suite"),
    };
    let mut out = String::with_capacity(hash.as_ref().len() * 3);
    for (i, byte) in hash.as_ref().iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        let _ = write!(out, "{byte:02X}");
    }
    out
}

/// Fingerprint ([`certificate_fingerprint`]) of the certificate the peer of an
/// established connection presented, if it presented one. Pass the connection from
/// `tokio_rustls` streams' `get_ref().1`.
pub fn peer_certificate_fingerprint(connection: &rustls::CommonState) -> Option<String> {
    connection
        .peer_certificates()
        .and_then(|chain| chain.first())
        .map(|cert| certificate_fingerprint(cert))
}

/// Reads the node certificate chain and private key, naming the file in any error.
fn load_identity(
    paths: &TlsPaths,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), PkiError> {
    let chain = load_certificates(&paths.certificate, "certificate")?;
    let bytes = read(&paths.private_key, "private key")?;
    let key = PrivateKeyDer::from_pem_slice(&bytes).map_err(|e| match e {
        rustls::pki_types::pem::Error::NoItemsFound => PkiError::NoPrivateKey {
            path: paths.private_key.clone(),
        },
        other => PkiError::Pem {
            what: "private key",
            path: paths.private_key.clone(),
            problem: other.to_string(),
        },
    })?;
    Ok((chain, key))
}

/// Explains a rustls refusal of the certificate/key pair (usually a key that is not
/// the certificate's).
fn identity_error(paths: &TlsPaths, source: rustls::Error) -> PkiError {
    PkiError::Tls {
        context: format!(
            "cannot use certificate {} with private key {}",
            paths.certificate.display(),
            paths.private_key.display()
        ),
        source,
    }
}

/// Reads every certificate of a PEM file (at least one).
fn load_certificates(
    path: &Path,
    what: &'static str,
) -> Result<Vec<CertificateDer<'static>>, PkiError> {
    let bytes = read(path, what)?;
    let certs = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PkiError::Pem {
            what,
            path: path.to_owned(),
            problem: e.to_string(),
        })?;
    if certs.is_empty() {
        return Err(PkiError::NoCertificate {
            path: path.to_owned(),
        });
    }
    Ok(certs)
}

/// Reads and parses every file `paths` names (the certificate, its key and,
/// when one is named, the CA file), as the mesh will: the first that is
/// missing, unreadable or not what it should be is the error, naming it.
pub fn check_files(paths: &TlsPaths) -> Result<(), PkiError> {
    load_identity(paths)?;
    if let Some(ca) = &paths.certificate_authority {
        load_roots(ca)?;
    }
    Ok(())
}

/// Trust anchors from the CA file; every certificate in it must be usable, so a typo
/// in the file is reported rather than silently shrinking the trusted set.
fn load_roots(path: &Path) -> Result<Arc<rustls::RootCertStore>, PkiError> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in load_certificates(path, "CA certificate")? {
        roots.add(cert).map_err(|source| PkiError::InvalidCaFile {
            path: path.to_owned(),
            source,
        })?;
    }
    Ok(Arc::new(roots))
}

fn read(path: &Path, what: &'static str) -> Result<Vec<u8>, PkiError> {
    std::fs::read(path).map_err(|source| PkiError::Read {
        what,
        path: path.to_owned(),
        source,
    })
}

/// Client verifier for `verify: true, insecure: true`: a certificate is required and
/// the client must prove it holds the matching key (the handshake signature), but the
/// certificate is not chained to any CA. Who the peer is comes from the mesh handshake.
#[derive(Debug)]
struct AnyClientCertificate {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ClientCertVerifier for AnyClientCertificate {
    fn offer_client_auth(&self) -> bool {
        true
    }

    fn client_auth_mandatory(&self) -> bool {
        true
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        // No hints: clients send the certificate they have, whoever issued it.
        &[]
    }

    fn verify_client_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        Ok(ClientCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    use tokio::net::{TcpListener, TcpStream};
    use tokio::time::timeout;
    use tokio_rustls::{TlsAcceptor, TlsConnector};

    use super::*;
    use crate::pki::{GeneratedKeys, generate};

    const LIMIT: Duration = Duration::from_secs(20);

    fn paths(keys: &GeneratedKeys) -> TlsPaths {
        TlsPaths {
            certificate: keys.certificate.clone(),
            private_key: keys.private_key.clone(),
            certificate_authority: Some(keys.ca_certificate.clone()),
        }
    }

    struct Outcome {
        server: Result<Option<String>, String>,
        client: Result<(u8, Option<String>), String>,
    }

    /// One connection over loopback: the client writes a byte, the server echoes it.
    /// Returns what each side saw, with the peer fingerprint each side got.
    async fn exchange(
        server: Arc<ServerConfig>,
        client: Arc<ClientConfig>,
        name: ServerName<'static>,
    ) -> Outcome {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let acceptor = TlsAcceptor::from(server);
        let server_side = tokio::spawn(async move {
            let (tcp, _) = listener.accept().await.map_err(|e| e.to_string())?;
            let mut tls = acceptor.accept(tcp).await.map_err(|e| e.to_string())?;
            let mut byte = [0u8; 1];
            tls.read_exact(&mut byte).await.map_err(|e| e.to_string())?;
            tls.write_all(&byte).await.map_err(|e| e.to_string())?;
            tls.flush().await.map_err(|e| e.to_string())?;
            let fingerprint = peer_certificate_fingerprint(tls.get_ref().1);
            let _ = tls.shutdown().await;
            Ok::<_, String>(fingerprint)
        });
        let client_side = async move {
            let tcp = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
            let mut tls = TlsConnector::from(client)
                .connect(name, tcp)
                .await
                .map_err(|e| e.to_string())?;
            tls.write_all(&[42]).await.map_err(|e| e.to_string())?;
            tls.flush().await.map_err(|e| e.to_string())?;
            let mut byte = [0u8; 1];
            tls.read_exact(&mut byte).await.map_err(|e| e.to_string())?;
            let fingerprint = peer_certificate_fingerprint(tls.get_ref().1);
            Ok::<_, String>((byte[0], fingerprint))
        };
        let client = timeout(LIMIT, client_side)
            .await
            .unwrap_or_else(|_| Err("client timed out".to_owned()));
        let server = match timeout(LIMIT, server_side).await {
            Ok(joined) => joined.unwrap(),
            Err(_) => Err("server timed out".to_owned()),
        };
        Outcome { server, client }
    }

    fn fingerprint_of(path: &Path) -> String {
        let der = CertificateDer::from_pem_file(path).unwrap();
        certificate_fingerprint(&der)
    }

    #[tokio::test]
    async fn mutual_tls_within_one_install() {
        let tmp = tempfile::tempdir().unwrap();
        let keys = generate(tmp.path(), Some("node_a")).unwrap();
        let p = paths(&keys);
        for name in ["localhost", "node_a", "127.0.0.1"] {
            let out = exchange(
                server_config(&p, true, false).unwrap(),
                client_config(&p, false).unwrap(),
                server_name_for(name),
            )
            .await;
            let (byte, server_fp) = out.client.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(byte, 42);
            let client_fp = out.server.unwrap();
            let own = fingerprint_of(&keys.certificate);
            assert_eq!(server_fp.as_deref(), Some(own.as_str()));
            assert_eq!(client_fp.as_deref(), Some(own.as_str()));
        }
    }

    #[tokio::test]
    async fn verified_client_must_present_a_certificate() {
        let tmp = tempfile::tempdir().unwrap();
        let keys = generate(tmp.path(), None).unwrap();
        let p = paths(&keys);
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(CertificateDer::from_pem_file(&keys.ca_certificate).unwrap())
            .unwrap();
        let anonymous = ClientConfig::builder_with_provider(provider())
            .with_protocol_versions(VERSIONS)
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
        for insecure in [false, true] {
            let out = exchange(
                server_config(&p, true, insecure).unwrap(),
                Arc::new(anonymous.clone()),
                server_name_for("localhost"),
            )
            .await;
            let server_err = out.server.unwrap_err();
            assert!(server_err.contains("no certificates"), "{server_err}");
            let client_err = out.client.unwrap_err();
            assert!(client_err.contains("CertificateRequired"), "{client_err}");
        }
        // Without `verify` the same client is welcome.
        let out = exchange(
            server_config(&p, false, false).unwrap(),
            Arc::new(anonymous),
            server_name_for("localhost"),
        )
        .await;
        assert_eq!(out.client.unwrap().0, 42);
        assert_eq!(out.server.unwrap(), None);
    }

    #[tokio::test]
    async fn separate_installs_need_insecure() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let pa = paths(&generate(a.path(), Some("a")).unwrap());
        let pb = paths(&generate(b.path(), Some("b")).unwrap());

        let out = exchange(
            server_config(&pa, true, false).unwrap(),
            client_config(&pb, false).unwrap(),
            server_name_for("a"),
        )
        .await;
        let client_err = out.client.unwrap_err();
        assert!(client_err.contains("UnknownIssuer"), "{client_err}");
        assert!(out.server.is_err());

        // A client that does not check the server is still refused by a server that
        // checks clients against its own CA.
        let out = exchange(
            server_config(&pa, true, false).unwrap(),
            client_config(&pb, true).unwrap(),
            server_name_for("a"),
        )
        .await;
        let server_err = out.server.unwrap_err();
        assert!(server_err.contains("UnknownIssuer"), "{server_err}");
        assert!(out.client.is_err());

        // HarperDB's default: encrypted, identities not checked against a CA (and the
        // name need not match either).
        let out = exchange(
            server_config(&pa, true, true).unwrap(),
            client_config(&pb, true).unwrap(),
            server_name_for("somewhere-else"),
        )
        .await;
        assert_eq!(out.client.unwrap().0, 42);
        assert!(out.server.unwrap().is_some());
    }

    #[test]
    fn server_names() {
        assert!(matches!(server_name_for("node_1"), ServerName::DnsName(_)));
        assert!(matches!(
            server_name_for("127.0.0.1"),
            ServerName::IpAddress(_)
        ));
        assert!(matches!(server_name_for("[::1]"), ServerName::IpAddress(_)));
        let fallback = server_name_for("a:b c");
        assert_eq!(fallback, server_name_for("localhost"));
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = TlsPaths {
            certificate: tmp.path().join("certificate.pem"),
            private_key: tmp.path().join("privateKey.pem"),
            certificate_authority: None,
        };
        let err = server_config(&missing, false, true)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!(
                "cannot read certificate {}: ",
                missing.certificate.display()
            )),
            "{err}"
        );

        let keys = generate(&tmp.path().join("keys"), None).unwrap();
        let mut p = paths(&keys);
        std::fs::write(&keys.private_key, "nothing here\n").unwrap();
        let err = client_config(&p, true).unwrap_err().to_string();
        assert_eq!(
            err,
            format!("no private key found in {}", keys.private_key.display())
        );

        // A key that is not the certificate's.
        let other = generate(&tmp.path().join("other"), None).unwrap();
        p.private_key = other.private_key.clone();
        let err = server_config(&p, false, true).unwrap_err().to_string();
        assert!(err.starts_with("cannot use certificate"), "{err}");

        p.certificate = other.certificate.clone();
        p.certificate_authority = None;
        let err = client_config(&p, false).unwrap_err();
        assert!(matches!(err, PkiError::NoCertificateAuthority), "{err}");
        let err = server_config(&p, true, false).unwrap_err();
        assert!(matches!(err, PkiError::NoCertificateAuthority), "{err}");
        // Not needed when nothing is verified.
        server_config(&p, true, true).unwrap();
        client_config(&p, true).unwrap();
    }

    /// The certificates the operations listener of `p` presents.
    async fn presented(p: &TlsPaths) -> Vec<String> {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let acceptor = TlsAcceptor::from(operations_server_config(p).unwrap());
        let server = tokio::spawn(async move {
            let (tcp, _) = listener.accept().await.unwrap();
            let mut tls = acceptor.accept(tcp).await.unwrap();
            let _ = tls.shutdown().await;
        });
        let client = ClientConfig::builder_with_provider(provider())
            .with_protocol_versions(VERSIONS)
            .unwrap()
            .dangerous()
            .with_custom_certificate_verifier(harper_rpc::tls::any_server_certificate(&provider()))
            .with_no_client_auth();
        let tcp = TcpStream::connect(addr).await.unwrap();
        let tls = timeout(
            LIMIT,
            TlsConnector::from(Arc::new(client)).connect(server_name_for("localhost"), tcp),
        )
        .await
        .unwrap()
        .unwrap();
        let chain = tls.get_ref().1.peer_certificates().unwrap_or_default();
        let out = chain.iter().map(|c| certificate_fingerprint(c)).collect();
        let _ = timeout(LIMIT, server).await;
        out
    }

    #[tokio::test]
    async fn the_operations_listener_presents_the_issuing_ca_after_the_certificate() {
        let tmp = tempfile::tempdir().unwrap();
        let keys = generate(&tmp.path().join("a"), Some("node_a")).unwrap();
        let mut p = paths(&keys);
        let (leaf, ca) = (
            fingerprint_of(&keys.certificate),
            fingerprint_of(&keys.ca_certificate),
        );
        assert_eq!(presented(&p).await, [leaf.clone(), ca.clone()]);
        // A renewed certificate comes with the same CA.
        crate::pki::renew(&tmp.path().join("a"), Some("node_a")).unwrap();
        let renewed = fingerprint_of(&keys.certificate);
        assert_ne!(renewed, leaf);
        assert_eq!(presented(&p).await, [renewed.clone(), ca]);
        // A CA file that did not issue the certificate is not presented.
        let other = generate(&tmp.path().join("b"), None).unwrap();
        p.certificate_authority = Some(other.ca_certificate.clone());
        assert_eq!(presented(&p).await, std::slice::from_ref(&renewed));
        p.certificate_authority = None;
        assert_eq!(presented(&p).await, [renewed]);
    }

    #[test]
    fn fingerprint_format() {
        let fp = certificate_fingerprint(b"abc");
        assert_eq!(fp.len(), 32 * 3 - 1);
        assert!(fp.starts_with("BA:78:16:BF"), "{fp}");
    }
}
