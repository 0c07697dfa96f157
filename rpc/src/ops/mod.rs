//! The operation catalogue: HarperDB's operation names with a typed request
//! and a typed response for every operation the CLI sends. Field names are
//! HarperDB's exactly; serialising a request gives the JSON body the
//! operations API takes, and the daemon builds each answer from the response
//! type, so the reply shape is defined here once. Fields HarperDB leaves out
//! are `Option`s skipped when `None`; fields it sends as `null` are `Option`s
//! that are not skipped.
//!
//! One file per area: [`cluster`] (status, network, enable), [`mesh`] (the
//! mesh's links and routes), [`nodes`] (subscriptions), [`routes`],
//! [`streams`] (consumers and streams), [`users`], [`schema`], [`data`],
//! [`jobs`] (CSV loads) and [`system`] (configuration, restart).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Request;

/// `impl Operation` for request types: `Type => Op variant, Response;`.
macro_rules! operation {
    ($($ty:ty => $op:ident, $resp:ty;)*) => {
        $(impl $crate::ops::Operation for $ty {
            const OP: $crate::catalogue::Op = $crate::catalogue::Op::$op;
            type Response = $resp;
        })*
    };
}

/// An empty request body: operations that take no fields.
macro_rules! no_fields {
    ($($(#[$doc:meta])* $ty:ident;)*) => {
        $($(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub struct $ty {})*
    };
}

pub mod cluster;
pub mod data;
pub mod jobs;
pub mod mesh;
pub mod nodes;
pub mod roles;
pub mod routes;
pub mod schema;
pub mod streams;
pub mod system;
pub mod users;

pub use cluster::*;
pub use data::*;
pub use jobs::*;
pub use mesh::*;
pub use nodes::*;
pub use roles::{AddRole, AlterRole, DropRole, ListRoles, RoleObject};
pub use routes::*;
pub use schema::*;
pub use streams::*;
pub use system::*;
pub use users::*;

/// A typed operation: its HarperDB name and the type of its success response.
pub trait Operation: Serialize {
    /// The operation in the catalogue.
    const OP: crate::catalogue::Op;
    /// HarperDB's operation name, e.g. `cluster_set_routes`.
    const NAME: &'static str = Self::OP.name();
    /// The response body on success.
    type Response: Serialize + DeserializeOwned;

    /// The request as a JSON object with `operation` set.
    fn to_request(&self) -> Request {
        let fields = serde_json::to_value(self).expect("operation requests serialise");
        crate::request(Self::NAME, fields)
    }
}

/// The JSON body of a response, as the daemon sends it. Every response type
/// serialises (string keys only), so this cannot fail.
pub fn to_body<T: Serialize>(response: &T) -> Value {
    serde_json::to_value(response).expect("operation responses serialise")
}

/// A response that is only `{"message": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageResponse {
    /// HarperDB's message text.
    pub message: String,
}

impl MessageResponse {
    /// A `{"message": text}` answer.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            message: text.into(),
        }
    }
}
