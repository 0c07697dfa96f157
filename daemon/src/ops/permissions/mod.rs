//! Who may run what, as HarperDB's `utility/operation_authorization.js`
//! decides it, through both doors alike:
//!
//! - the socket and a role with `super_user: true` may run everything;
//! - a role with `cluster_user: true` may run nothing but `user_info` (its
//!   one use, replication, goes through the mesh);
//! - any other role may run `user_info`, `describe_all` and `get_job`, the
//!   data operations on the tables and attributes its permission grants
//!   (`grants`, checked by `check`), and, as a `structure_user`, create and
//!   drop databases (`true`) or tables (`true`, or an array naming the
//!   database); everything else needs a super user (403 naming HarperDB's
//!   internal function);
//! - a user whose role was dropped may run nothing but `user_info`.
//!
//! A search that asks for every attribute gets only those the role may read;
//! `describe_*` answers show only the databases, tables and attributes the
//! role may see ([`Access::filter`]). The caller's role is looked up on each
//! request (the store keeps roles in memory), so an altered or dropped role
//! holds for the very next request of a logged-in user.
//!
//! Not here: the validation of a role's permission object (`roles`).

mod check;
pub mod grants;

use std::sync::Arc;

use harper_rpc::catalogue::{Access as Rule, Op};
use harper_rpc::{OpError, Request};
use serde_json::Value;

use super::{Caller, body, csv};
use crate::node::Node;
use crate::store::roles::Role;
pub use check::Denial;
pub use grants::{Grants, Schema, Verb};

/// What the caller of one request may do.
#[derive(Debug, Clone)]
pub enum Access {
    /// The socket, or a role with `super_user: true`.
    Super,
    /// A role with `cluster_user: true`.
    Cluster,
    /// Any other role.
    Role(Arc<Role>),
    /// A user whose role no longer exists.
    NoRole(String),
}

/// Which attributes of a data operation's request are checked.
#[derive(Debug, Clone, Copy)]
enum Named {
    /// The keys of its `records`.
    Written,
    /// What it matches on, sorts by and returns.
    Searched,
    /// None (`delete` names ids, `describe_table` nothing).
    Nothing,
}

/// HarperDB's 403 for an operation restricted to super users; `internal` is
/// HarperDB's name of the function behind it.
pub fn super_user_only(internal: &str) -> OpError {
    Denial::unauthorized(format!(
        "Operation '{internal}' is restricted to 'super_user' roles"
    ))
    .into_error()
}

impl Access {
    /// The access of `caller` now.
    pub fn of(node: &Node, caller: &Caller) -> Access {
        match caller {
            Caller::LocalSocket => Access::Super,
            Caller::User { username, role } => match node.store().role(role) {
                Some(r) if r.is_super_user() => Access::Super,
                Some(r) if r.is_cluster_user() => Access::Cluster,
                Some(r) => Access::Role(r),
                None => Access::NoRole(username.clone()),
            },
        }
    }

    /// Check a request before it runs (`internal`: HarperDB's name of the
    /// function behind `op`, for the 403 of a super-user operation). A
    /// search for every attribute is narrowed to what the role may read.
    /// A body the check cannot read passes, for the operation to refuse
    /// with its own message (it reads the body the same way).
    pub fn authorize(&self, node: &Node, op: Op, req: &mut Request) -> Result<(), OpError> {
        let rule = op.access();
        match self {
            Access::Super => Ok(()),
            _ if matches!(rule, Rule::Everyone | Rule::Credentials) => Ok(()),
            Access::Cluster => Err(super_user_only(op.internal())),
            Access::NoRole(username) => Err(Denial::unauthorized(format!(
                "User {username} has no role or permissions.  Please assign the user a valid role."
            ))
            .into_error()),
            Access::Role(role) => authorize_role(node, Grants::new(&role.permission), op, req),
        }
    }

    /// Leave out of a `describe_*` answer what the role may not see.
    pub fn filter(&self, node: &Node, op: Op, answer: Value) -> Result<Value, OpError> {
        let Access::Role(role) = self else {
            return Ok(answer);
        };
        let grants = Grants::new(&role.permission);
        match (op, answer) {
            (Op::DescribeAll, Value::Object(dbs)) => {
                let schema = Schema::of(node.store(), None)?;
                let mut out = serde_json::Map::new();
                for (db, tables) in dbs {
                    let Some(shapes) = schema.databases.get(&db) else {
                        continue;
                    };
                    if !grants.database_visible(&db, shapes) {
                        continue;
                    }
                    out.insert(db, visible_tables(grants, &schema, tables));
                }
                Ok(Value::Object(out))
            }
            (Op::DescribeDatabase, tables) => {
                let schema = Schema::of(node.store(), None)?;
                Ok(visible_tables(grants, &schema, tables))
            }
            (Op::DescribeTable, mut table) => {
                let schema = Schema::of(node.store(), None)?;
                if visible_table(grants, &schema, &mut table) {
                    return Ok(table);
                }
                // Checked before it ran, and changed since.
                let field = |f: &str| table.get(f).and_then(Value::as_str).unwrap_or_default();
                let missing = check::no_table(field("schema"), field("name"));
                Err(Denial::invalid(missing).into_error())
            }
            (_, answer) => Ok(answer),
        }
    }
}

fn authorize_role(node: &Node, grants: Grants, op: Op, req: &mut Request) -> Result<(), OpError> {
    let deny = Denial::into_error;
    let internal = op.internal();
    match op.access() {
        Rule::Credentials | Rule::Everyone | Rule::AnyRole => Ok(()),
        Rule::SuperUser => Err(super_user_only(internal)),
        Rule::StructureDatabase if grants.structure_everywhere() => Ok(()),
        Rule::StructureDatabase => Err(super_user_only(internal)),
        Rule::StructureTable | Rule::StructureOrTable(_) if grants.structure_user() => {
            let Ok(db) = body::database(req) else {
                return Ok(());
            };
            if grants.structure_covers(&db) {
                Ok(())
            } else {
                Err(deny(Denial::unauthorized(format!(
                    "User does not have access to perform '{op}' against schema '{db}'"
                ))))
            }
        }
        Rule::StructureOrTable(verbs) => data(node, grants, verbs, Named::Nothing, req),
        Rule::StructureTable => Err(super_user_only(internal)),
        Rule::Write(verbs) => data(node, grants, verbs, Named::Written, req),
        Rule::Delete => data(node, grants, &[Verb::Delete], Named::Nothing, req),
        Rule::Search => data(node, grants, &[Verb::Read], Named::Searched, req),
        Rule::Load => load(node, grants, req),
        Rule::DescribeDatabase => {
            let Ok(db) = body::database(req) else {
                return Ok(());
            };
            let schema = Schema::of(node.store(), Some(&db))?;
            match schema.databases.get(&db) {
                Some(tables) if grants.database_visible(&db, tables) => Ok(()),
                _ => Err(deny(Denial::invalid(check::no_database(&db)))),
            }
        }
        Rule::DescribeTable => {
            let Ok(t) = body::table_ref(req) else {
                return Ok(());
            };
            let schema = Schema::of(node.store(), Some(&t.database))?;
            // Whatever is hidden, HarperDB names the table as missing.
            if check::table(grants, &schema, &t.database, &t.table, &[]).is_err() {
                return Err(deny(Denial::invalid(check::no_table(
                    &t.database,
                    &t.table,
                ))));
            }
            check::table(grants, &schema, &t.database, &t.table, &[Verb::Read])
                .map(|_| ())
                .map_err(deny)
        }
    }
}

/// The table and attribute checks of a data operation.
fn data(
    node: &Node,
    grants: Grants,
    verbs: &[Verb],
    named: Named,
    req: &mut Request,
) -> Result<(), OpError> {
    let Ok(t) = body::table_ref(req) else {
        return Ok(());
    };
    let schema = Schema::of(node.store(), Some(&t.database))?;
    let grant =
        check::table(grants, &schema, &t.database, &t.table, verbs).map_err(Denial::into_error)?;
    let names = match named {
        Named::Written => check::written_attributes(req),
        Named::Searched => {
            check::narrow_wildcard(req, &grant);
            check::searched_attributes(req)
        }
        Named::Nothing => Vec::new(),
    };
    check::attributes(&grant, &t.database, &t.table, verbs, &names).map_err(Denial::into_error)
}

/// `csv_data_load`: the verbs of its action (HarperDB checks insert and
/// update whatever the action; this checks what the load will do) on the
/// table, and on the CSV's columns before the job starts.
fn load(node: &Node, grants: Grants, req: &mut Request) -> Result<(), OpError> {
    // The action names the write operation the load performs.
    let action = match req.get("action") {
        None | Some(Value::Null) => Some(Op::Insert),
        Some(Value::String(a)) => Op::from_name(a),
        Some(_) => None,
    };
    let Some(Rule::Write(verbs)) = action.map(Op::access) else {
        return Ok(());
    };
    let Ok(t) = body::table_ref(req) else {
        return Ok(());
    };
    let schema = Schema::of(node.store(), Some(&t.database))?;
    let grant =
        check::table(grants, &schema, &t.database, &t.table, verbs).map_err(Denial::into_error)?;
    let Some(Value::String(data)) = req.get("data") else {
        return Ok(());
    };
    let Ok(columns) = csv::header(data.as_bytes()) else {
        return Ok(());
    };
    check::attributes(&grant, &t.database, &t.table, verbs, &columns).map_err(Denial::into_error)
}

/// The tables of one database's describe answer that the role may see.
fn visible_tables(grants: Grants, schema: &Schema, tables: Value) -> Value {
    let Value::Object(tables) = tables else {
        return tables;
    };
    Value::Object(
        tables
            .into_iter()
            .filter_map(|(name, mut t)| visible_table(grants, schema, &mut t).then_some((name, t)))
            .collect(),
    )
}

/// Whether the role may see this table object of a describe answer; its
/// attributes narrowed to those the role may see.
fn visible_table(grants: Grants, schema: &Schema, table: &mut Value) -> bool {
    let (Some(db), Some(name)) = (
        table.get("schema").and_then(Value::as_str),
        table.get("name").and_then(Value::as_str),
    ) else {
        return false;
    };
    let Some(shape) = schema.table(db, name) else {
        return false;
    };
    let grant = grants.table(db, name, shape);
    if !grant.describe() {
        return false;
    }
    if grant.attributes.is_some()
        && let Some(Value::Array(attrs)) = table.get_mut("attributes")
    {
        attrs.retain(|a| {
            a.get("attribute")
                .and_then(Value::as_str)
                .and_then(|n| grant.attribute(n))
                .is_some_and(|g| g.describe())
        });
    }
    true
}
