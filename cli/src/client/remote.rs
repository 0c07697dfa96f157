//! `harper --target HOST:PORT`: operations as HTTP `POST /` with Basic auth
//! (or `--token`, Bearer) to
//! a remote daemon's operations port, always over TLS (see [`super::trust`]
//! for whom it trusts), on one kept-alive connection. Answers are the same
//! JSON bodies as through the socket, so commands print the same.
//!
//! The password (or token) goes only into the `Authorization` header, marked
//! sensitive; no error message here names it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use harper_rpc::{OpError, Request, Route};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper::header::{self, HeaderValue};
use hyper_util::rt::TokioIo;
use rustls::pki_types::ServerName;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::sync::Mutex;

use super::{CONNECT_DEADLINE, trust};
use crate::error::{CliError, EXIT_NOT_RUNNING};

/// Largest answer accepted (a big table dump).
const MAX_ANSWER_BYTES: usize = 256 * 1024 * 1024;

/// Where and as whom to log in.
#[derive(Clone)]
pub struct Login {
    /// The remote operations port.
    pub target: Route,
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
    /// An operation token, sent as `Bearer` instead of the user name and password.
    pub token: Option<String>,
    /// CA to verify the daemon's certificate with; `None` pins it on first use.
    pub ca: Option<PathBuf>,
}

impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Login")
            .field("target", &self.target)
            .field("username", &self.username)
            .field("password", &"<hidden>")
            .field("token", &self.token.as_ref().map(|_| "<hidden>"))
            .field("ca", &self.ca)
            .finish()
    }
}

/// A connection to a remote daemon, reopened when the daemon closed it.
pub struct Remote {
    login: Login,
    authorization: HeaderValue,
    tls: Arc<rustls::ClientConfig>,
    sender: Mutex<Option<SendRequest<Full<Bytes>>>>,
}

/// Exit 3: the target cannot be reached.
fn unreachable(target: &Route, why: impl std::fmt::Display) -> CliError {
    CliError {
        code: EXIT_NOT_RUNNING,
        ..CliError::failed(format!("cannot reach harperd at {target}: {why}"))
    }
    .with_hint(format!(
        "check that {target} is the remote node's operations API (operationsApi.network.host and port) and that it is running"
    ))
}

impl Remote {
    /// Connect (TCP, TLS, trust check) without sending anything yet.
    pub async fn connect(login: Login) -> Result<Remote, CliError> {
        let mut authorization = match &login.token {
            Some(token) => HeaderValue::from_str(&format!("Bearer {token}"))
                .map_err(|_| CliError::usage("the token holds characters HTTP cannot carry"))?,
            None => {
                let credentials = format!("{}:{}", login.username, login.password);
                HeaderValue::from_str(&format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(credentials)
                ))
                .map_err(|_| {
                    CliError::usage("the user name or password holds characters HTTP cannot carry")
                })?
            }
        };
        authorization.set_sensitive(true);
        let tls = trust::client_config(login.ca.as_deref())?;
        let remote = Remote {
            login,
            authorization,
            tls,
            sender: Mutex::new(None),
        };
        let sender = remote.open().await?;
        *remote.sender.lock().await = Some(sender);
        Ok(remote)
    }

    /// The target.
    pub fn target(&self) -> &Route {
        &self.login.target
    }

    async fn open(&self) -> Result<SendRequest<Full<Bytes>>, CliError> {
        let target = &self.login.target;
        let tcp = tokio::time::timeout(
            CONNECT_DEADLINE,
            TcpStream::connect((target.host.as_str(), target.port)),
        )
        .await
        .map_err(|_| unreachable(target, "no answer to connect"))?
        .map_err(|e| unreachable(target, e))?;
        let _ = tcp.set_nodelay(true);
        let name = ServerName::try_from(target.host.clone())
            .map_err(|_| CliError::usage(format!("'{}' is not a host name", target.host)))?;
        let connector = tokio_rustls::TlsConnector::from(self.tls.clone());
        let tls = tokio::time::timeout(CONNECT_DEADLINE, connector.connect(name, tcp))
            .await
            .map_err(|_| unreachable(target, "the TLS handshake timed out"))?
            .map_err(|e| tls_error(target, self.login.ca.is_some(), e))?;
        if self.login.ca.is_none() {
            let seen = tls
                .get_ref()
                .1
                .peer_certificates()
                .and_then(trust::presented)
                .ok_or_else(|| unreachable(target, "it presented no certificate"))?;
            trust::check_pin(&trust::known_targets_file(), &target.to_string(), &seen)?;
        }
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(tls))
            .await
            .map_err(|e| unreachable(target, e))?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(sender)
    }

    /// POST one operation; the answer as the socket door gives it.
    pub async fn execute(
        &self,
        request: Request,
        deadline: Duration,
    ) -> Result<Result<Value, OpError>, CliError> {
        let target = &self.login.target;
        let mut guard = self.sender.lock().await;
        // A kept-alive connection the daemon closed while idle: open a new one
        // before sending (never resend a request that may have been received).
        let usable = match guard.as_mut() {
            Some(s) => s.ready().await.is_ok(),
            None => false,
        };
        if !usable {
            *guard = Some(self.open().await?);
        }
        let sender = guard.as_mut().expect("a connection was just opened");
        let body = serde_json::to_vec(&request).expect("requests serialise");
        let http = hyper::Request::post("/")
            .header(header::HOST, target.to_string())
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, self.authorization.clone())
            .body(Full::new(Bytes::from(body)))
            .expect("a valid request");
        let exchange = async {
            let response = sender.send_request(http).await?;
            let status = response.status();
            let bytes = Limited::new(response.into_body(), MAX_ANSWER_BYTES)
                .collect()
                .await
                .map_err(|e| std::io::Error::other(e.to_string()))?
                .to_bytes();
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>((status, bytes))
        };
        let (status, bytes) = match tokio::time::timeout(deadline, exchange).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(e)) => {
                *guard = None;
                return Err(unreachable(target, format!("the connection broke: {e}")));
            }
            Err(_) => {
                *guard = None;
                return Err(CliError::failed(format!(
                    "harperd at {target} did not answer within {} s",
                    deadline.as_secs()
                )));
            }
        };
        Ok(decode(status, &bytes))
    }
}

/// A TLS failure: a certificate the CA does not vouch for is a refusal
/// (exit 1); anything else means there is no TLS operations API there.
fn tls_error(target: &Route, verified: bool, e: std::io::Error) -> CliError {
    let invalid_certificate = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        .is_some_and(|r| matches!(r, rustls::Error::InvalidCertificate(_)));
    if verified && invalid_certificate {
        CliError::failed(format!(
            "the TLS certificate of {target} is not valid for the --target-ca given: {e}"
        ))
        .with_hint("check --target-ca names the CA that signed the node's certificate and that the certificate covers the host")
    } else {
        unreachable(target, format!("TLS failed: {e}"))
    }
}

/// The operation's answer: 200 and its JSON, or the error status and body.
fn decode(status: hyper::StatusCode, bytes: &[u8]) -> Result<Value, OpError> {
    let parsed = serde_json::from_slice::<Value>(bytes).ok();
    match (status.as_u16(), parsed) {
        (200, Some(v)) => Ok(v),
        (code, Some(body @ Value::Object(_))) if code != 200 => Err(OpError { status: code, body }),
        (code, _) => {
            let text = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned();
            let reason = status.canonical_reason().unwrap_or("");
            Err(OpError {
                status: if code == 200 { 502 } else { code },
                body: json!({ "error": format!("{code} {reason}: {}", text.trim()) }),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_decode_like_the_socket_door() {
        let ok = decode(hyper::StatusCode::OK, br#"{"hub":[],"leaf":[]}"#).unwrap();
        assert_eq!(ok, json!({"hub":[],"leaf":[]}));
        let e = decode(
            hyper::StatusCode::UNAUTHORIZED,
            br#"{"error":"Login failed"}"#,
        )
        .unwrap_err();
        assert_eq!((e.status, e.message()), (401, "Login failed"));
        let e = decode(hyper::StatusCode::BAD_GATEWAY, b"<html>oops</html>").unwrap_err();
        assert_eq!(e.message(), "502 Bad Gateway: <html>oops</html>");
    }

    #[test]
    fn login_debug_hides_the_password() {
        let l = Login {
            target: "127.0.0.1:9925".parse().unwrap(),
            username: "admin".into(),
            password: "s3cret".into(),
            token: Some("t0ken".into()),
            ca: None,
        };
        assert!(!format!("{l:?}").contains("s3cret"));
        assert!(!format!("{l:?}").contains("t0ken"));
    }
}
