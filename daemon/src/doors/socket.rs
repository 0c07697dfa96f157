//! tarpc over the Unix socket `<root>/harperd.sock` (mode 0600): the local CLI's
//! door. File permissions are the authority, like HarperDB's domain socket.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use futures::StreamExt;
use harper_rpc::{Harper, Hello, OpError, Request};
use serde_json::Value;
use tarpc::server::{BaseChannel, Channel};
use tarpc::tokio_serde::formats::Json;

use crate::node::Node;
use crate::ops::{self, Caller};

/// Largest request or response on the socket (a bulk insert, a describe_all).
pub const MAX_FRAME_BYTES: usize = 256 * 1024 * 1024;

#[derive(Clone)]
struct SocketService {
    node: Node,
}

impl Harper for SocketService {
    async fn hello(self, _: tarpc::context::Context) -> Hello {
        let settings = self.node.config().settings();
        Hello {
            version: harper_rpc::VERSION.to_owned(),
            protocol: harper_rpc::PROTOCOL_VERSION,
            node_name: settings.node_name,
            pid: std::process::id(),
            uptime_secs: self.node.started().elapsed().as_secs(),
        }
    }

    async fn execute(self, _: tarpc::context::Context, request: Request) -> Result<Value, OpError> {
        // tarpc drops this future when the client goes away or the deadline
        // passes; run the operation detached so a write is never cut half-way.
        let node = self.node.clone();
        tokio::spawn(async move { ops::execute(&node, &Caller::LocalSocket, request).await })
            .await
            .unwrap_or_else(|e| Err(OpError::internal(format!("operation panicked: {e}"))))
    }
}

/// Bind the socket (replacing a stale one), restrict it to the owner, and serve
/// until the task is dropped.
pub async fn serve(node: Node, path: &Path) -> std::io::Result<tokio::task::JoinHandle<()>> {
    if path.exists() {
        std::fs::remove_file(path)?;
    }
    let mut incoming = tarpc::serde_transport::unix::listen(path, Json::default).await?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    incoming.config_mut().max_frame_length(MAX_FRAME_BYTES);
    let service = SocketService { node };
    Ok(tokio::spawn(async move {
        while let Some(conn) = incoming.next().await {
            let transport = match conn {
                Ok(t) => t,
                Err(e) => {
                    tracing::warn!("socket accept failed: {e}");
                    continue;
                }
            };
            let service = service.clone();
            tokio::spawn(
                BaseChannel::with_defaults(transport)
                    .execute(service.serve())
                    .for_each(|response| async move {
                        tokio::spawn(response);
                    }),
            );
        }
    }))
}
