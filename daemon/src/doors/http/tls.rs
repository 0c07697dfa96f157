//! The door's TLS: the node certificate and key (`clustering.tls.certificate`
//! and `privateKey`, by default in `<root>/keys/`), with no client
//! certificate (callers log in with Basic auth). The files are looked at on
//! every handshake and reloaded when they change, so `harper renew-certs`
//! takes effect without a restart.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use tokio_rustls::TlsAcceptor;

use crate::node::Node;
use crate::pki::TlsPaths;

/// The acceptor of the current certificate files.
pub struct Certificates {
    node: Node,
    current: Mutex<Option<Loaded>>,
}

struct Loaded {
    paths: TlsPaths,
    stamp: (Option<SystemTime>, Option<SystemTime>),
    acceptor: TlsAcceptor,
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl Certificates {
    /// Certificates of `node`, loaded on first use.
    pub fn new(node: Node) -> Certificates {
        Certificates {
            node,
            current: Mutex::new(None),
        }
    }

    fn paths(&self) -> TlsPaths {
        let settings = self.node.config().settings();
        let keys: PathBuf = self.node.root().join("keys");
        TlsPaths {
            certificate: settings
                .tls
                .certificate
                .unwrap_or_else(|| keys.join(crate::pki::CERTIFICATE_FILE)),
            private_key: settings
                .tls
                .private_key
                .unwrap_or_else(|| keys.join(crate::pki::PRIVATE_KEY_FILE)),
            // Presented after the node certificate, for `harper --target` to pin.
            certificate_authority: Some(
                settings
                    .tls
                    .certificate_authority
                    .unwrap_or_else(|| keys.join(crate::pki::CA_CERTIFICATE_FILE)),
            ),
        }
    }

    /// The acceptor for the files as they are now. When they cannot be
    /// loaded (a renewal half-written, a bad file) the last good acceptor
    /// goes on serving, and the error is logged.
    pub fn acceptor(&self) -> Result<TlsAcceptor, String> {
        let paths = self.paths();
        let stamp = (modified(&paths.certificate), modified(&paths.private_key));
        let mut current = self.current.lock().expect("tls lock");
        if let Some(l) = current.as_ref()
            && l.paths == paths
            && l.stamp == stamp
        {
            return Ok(l.acceptor.clone());
        }
        // Not checked against a CA and no client certificate: the door's TLS
        // only encrypts; callers prove who they are with their password.
        match crate::pki::operations_server_config(&paths) {
            Ok(config) => {
                let acceptor = TlsAcceptor::from(config);
                *current = Some(Loaded {
                    paths,
                    stamp,
                    acceptor: acceptor.clone(),
                });
                Ok(acceptor)
            }
            Err(e) => {
                let e = e.to_string();
                match current.as_mut() {
                    Some(l) => {
                        tracing::warn!("operations API: keeping the previous certificate: {e}");
                        // Do not retry (and log) on every handshake until the files change again.
                        l.paths = paths;
                        l.stamp = stamp;
                        Ok(l.acceptor.clone())
                    }
                    None => Err(e),
                }
            }
        }
    }
}
