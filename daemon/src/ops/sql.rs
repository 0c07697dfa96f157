//! `sql`: harper does not implement HarperDB's SQL. The operation answers a
//! 400 that says so and names the NoSQL operation for each kind of statement,
//! so a client that sends SQL learns what to send instead.

use harper_rpc::OpError;

/// The answer to every `sql` request.
pub const NOT_IMPLEMENTED: &str = "harper does not implement SQL; use the NoSQL operations instead: \
SELECT -> search_by_conditions (or search_by_id, search_by_value), INSERT -> insert, \
UPDATE -> update (upsert to insert or update), DELETE -> delete";

/// `sql`.
pub fn sql() -> Result<serde_json::Value, OpError> {
    Err(OpError::bad_request(NOT_IMPLEMENTED))
}
