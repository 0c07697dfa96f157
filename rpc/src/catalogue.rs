//! The one table of operations: every operation the operations API takes,
//! with HarperDB's name, the aliases HarperDB accepts for it, the name of
//! HarperDB's internal handler (which a 403 body names) and who may call it.
//!
//! The daemon's dispatcher matches on [`Op`] (so the compiler holds it to
//! one arm per operation) and derives its authorisation rule from
//! [`Op::access`]; the CLI completes `harper op` from [`CATALOGUE`]. No other
//! list of operation names exists. Requests between nodes over the mesh are
//! not operations of this API and are not listed here.

use std::fmt;

/// A table permission a role may hold (HarperDB's CRUD verbs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verb {
    /// `read`.
    Read,
    /// `insert`.
    Insert,
    /// `update`.
    Update,
    /// `delete`.
    Delete,
}

impl Verb {
    /// The permissions a table grant holds, in HarperDB's order.
    pub const TABLE: [Verb; 4] = [Verb::Read, Verb::Insert, Verb::Update, Verb::Delete];
    /// The permissions an attribute grant holds (attributes have no delete).
    pub const ATTRIBUTE: [Verb; 3] = [Verb::Read, Verb::Insert, Verb::Update];

    /// The permission's key in a role's permission JSON.
    pub const fn key(self) -> &'static str {
        match self {
            Verb::Read => "read",
            Verb::Insert => "insert",
            Verb::Update => "update",
            Verb::Delete => "delete",
        }
    }
}

/// Who may call an operation (HarperDB's `utility/operation_authorization.js`).
/// A super user may call every one; these say what any other role needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No login: the request itself carries the credentials it is checked
    /// with (`create_authentication_tokens`, `refresh_operation_token`).
    Credentials,
    /// Every logged-in caller, even a cluster user (`user_info`).
    Everyone,
    /// Any role but a cluster user's; the answer shows only what the role
    /// may see (`describe_all`, `get_job`).
    AnyRole,
    /// These verbs on the request's table and on the attributes its
    /// records write.
    Write(&'static [Verb]),
    /// `delete` on the request's table.
    Delete,
    /// `read` on the table and on the attributes the search matches,
    /// sorts by and returns.
    Search,
    /// The verbs of a load's `action` on the table and its columns.
    Load,
    /// The database must be visible to the role.
    DescribeDatabase,
    /// The table must be visible to the role, and readable.
    DescribeTable,
    /// A structure user for every database (`structure_user: true`).
    StructureDatabase,
    /// A structure user covering the request's database.
    StructureTable,
    /// A structure user covering the database, or these verbs on the table.
    StructureOrTable(&'static [Verb]),
    /// Super users only.
    SuperUser,
}

/// One row of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The operation.
    pub op: Op,
    /// HarperDB's operation name.
    pub name: &'static str,
    /// Other names HarperDB accepts for the same operation.
    pub aliases: &'static [&'static str],
    /// HarperDB's internal handler name, which its 403 body names.
    pub internal: &'static str,
    /// Who may call it.
    pub access: Access,
}

const INSERT: &[Verb] = &[Verb::Insert];
const UPDATE: &[Verb] = &[Verb::Update];
const UPSERT: &[Verb] = &[Verb::Insert, Verb::Update];

macro_rules! catalogue {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal $(| $alias:literal)*, $internal:literal, $access:expr; )*) => {
        /// An operation of the operations API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Op {
            $( $(#[$doc])* $variant, )*
        }

        /// Every operation, in the order HarperDB's docs list them.
        pub const CATALOGUE: &[Entry] = &[
            $( Entry {
                op: Op::$variant,
                name: $name,
                aliases: &[$($alias),*],
                internal: $internal,
                access: $access,
            }, )*
        ];
    };
}

catalogue! {
    /// `create_database` (alias `create_schema`).
    CreateDatabase = "create_database" | "create_schema", "createSchema", Access::StructureDatabase;
    /// `drop_database` (alias `drop_schema`).
    DropDatabase = "drop_database" | "drop_schema", "dropSchema", Access::StructureDatabase;
    /// `create_table`.
    CreateTable = "create_table", "createTable", Access::StructureTable;
    /// `drop_table`.
    DropTable = "drop_table", "dropTable", Access::StructureTable;
    /// `create_attribute`.
    CreateAttribute = "create_attribute", "createAttribute", Access::StructureOrTable(INSERT);
    /// `drop_attribute`.
    DropAttribute = "drop_attribute", "dropAttribute", Access::StructureTable;
    /// `describe_all`: only what the caller may see.
    DescribeAll = "describe_all", "describeAll", Access::AnyRole;
    /// `describe_database` (alias `describe_schema`).
    DescribeDatabase = "describe_database" | "describe_schema", "describeSchema", Access::DescribeDatabase;
    /// `describe_table`.
    DescribeTable = "describe_table", "describeTable", Access::DescribeTable;
    /// `insert`.
    Insert = "insert", "insert", Access::Write(INSERT);
    /// `update`.
    Update = "update", "update", Access::Write(UPDATE);
    /// `upsert`.
    Upsert = "upsert", "upsert", Access::Write(UPSERT);
    /// `delete`.
    Delete = "delete", "delete", Access::Delete;
    /// `search_by_id` (alias `search_by_hash`).
    SearchById = "search_by_id" | "search_by_hash", "searchByHash", Access::Search;
    /// `search_by_value`.
    SearchByValue = "search_by_value", "searchByValue", Access::Search;
    /// `search_by_conditions`.
    SearchByConditions = "search_by_conditions", "searchByConditions", Access::Search;
    /// `sql`: answered with the NoSQL operation to use instead.
    Sql = "sql", "evaluateSQL", Access::AnyRole;
    /// `csv_data_load`.
    CsvDataLoad = "csv_data_load", "csvDataLoad", Access::Load;
    /// `csv_file_load`: super users only here, because it reads any file the
    /// daemon can read.
    CsvFileLoad = "csv_file_load", "csvFileLoad", Access::SuperUser;
    /// `get_job`.
    GetJob = "get_job", "handleGetJob", Access::AnyRole;
    /// `search_jobs_by_start_date`.
    SearchJobsByStartDate = "search_jobs_by_start_date", "handleGetJobsByStartDate", Access::SuperUser;
    /// `add_user`.
    AddUser = "add_user", "addUser", Access::SuperUser;
    /// `alter_user`.
    AlterUser = "alter_user", "alterUser", Access::SuperUser;
    /// `drop_user`.
    DropUser = "drop_user", "dropUser", Access::SuperUser;
    /// `list_users`.
    ListUsers = "list_users", "listUsersExternal", Access::SuperUser;
    /// `user_info`: the caller's own record.
    UserInfo = "user_info", "userInfo", Access::Everyone;
    /// `add_role`.
    AddRole = "add_role", "addRole", Access::SuperUser;
    /// `alter_role`.
    AlterRole = "alter_role", "alterRole", Access::SuperUser;
    /// `drop_role`.
    DropRole = "drop_role", "dropRole", Access::SuperUser;
    /// `list_roles`.
    ListRoles = "list_roles", "listRoles", Access::SuperUser;
    /// `create_authentication_tokens`.
    CreateAuthenticationTokens = "create_authentication_tokens", "createTokens", Access::Credentials;
    /// `refresh_operation_token`.
    RefreshOperationToken = "refresh_operation_token", "refreshOperationToken", Access::Credentials;
    /// `get_configuration`.
    GetConfiguration = "get_configuration", "getConfiguration", Access::SuperUser;
    /// `set_configuration`.
    SetConfiguration = "set_configuration", "setConfiguration", Access::SuperUser;
    /// `system_information`.
    SystemInformation = "system_information", "systemInformation", Access::SuperUser;
    /// `read_log`.
    ReadLog = "read_log", "readLog", Access::SuperUser;
    /// `read_transaction_log`.
    ReadTransactionLog = "read_transaction_log", "readTransactionLog", Access::SuperUser;
    /// `delete_transaction_logs_before`.
    DeleteTransactionLogsBefore = "delete_transaction_logs_before", "deleteTransactionLogsBefore", Access::SuperUser;
    /// `restart`.
    Restart = "restart", "restart", Access::SuperUser;
    /// `restart_service`.
    RestartService = "restart_service", "restartService", Access::SuperUser;
    /// `cluster_set_routes`.
    ClusterSetRoutes = "cluster_set_routes", "setRoutes", Access::SuperUser;
    /// `cluster_get_routes`.
    ClusterGetRoutes = "cluster_get_routes", "getRoutes", Access::SuperUser;
    /// `cluster_delete_routes`.
    ClusterDeleteRoutes = "cluster_delete_routes", "deleteRoutes", Access::SuperUser;
    /// `add_node`.
    AddNode = "add_node", "addNode", Access::SuperUser;
    /// `update_node` (alias `set_node_replication`, HarperDB's newer name).
    UpdateNode = "update_node" | "set_node_replication", "updateNode", Access::SuperUser;
    /// `remove_node`.
    RemoveNode = "remove_node", "removeNode", Access::SuperUser;
    /// `configure_cluster`.
    ConfigureCluster = "configure_cluster", "configureCluster", Access::SuperUser;
    /// `purge_stream`.
    PurgeStream = "purge_stream", "purgeStream", Access::SuperUser;
    /// `cluster_status`.
    ClusterStatus = "cluster_status", "clusterStatus", Access::SuperUser;
    /// `cluster_network`.
    ClusterNetwork = "cluster_network", "clusterNetwork", Access::SuperUser;
    /// `cluster_enable` (harper's: clustering on, applied live).
    ClusterEnable = "cluster_enable", "clusterEnable", Access::SuperUser;
    /// `cluster_disable` (harper's).
    ClusterDisable = "cluster_disable", "clusterDisable", Access::SuperUser;
    /// `cluster_mesh_status` (harper's: the mesh's links and members).
    ClusterMeshStatus = "cluster_mesh_status", "clusterMeshStatus", Access::SuperUser;
    /// `cluster_describe_node` (harper's: another node's tables, through the mesh).
    ClusterDescribeNode = "cluster_describe_node", "clusterDescribeNode", Access::SuperUser;
    /// `stream_info` (harper's: one table's stream).
    StreamInfo = "stream_info", "streamInfo", Access::SuperUser;
    /// `renew_certs`.
    RenewCerts = "renew_certs", "renewCerts", Access::SuperUser;
}

impl Op {
    /// The operation named `name` (HarperDB's name or one of its aliases).
    pub fn from_name(name: &str) -> Option<Op> {
        CATALOGUE
            .iter()
            .find(|e| e.name == name || e.aliases.contains(&name))
            .map(|e| e.op)
    }

    /// This operation's row of the catalogue.
    pub const fn entry(self) -> &'static Entry {
        // The table is built from the enum by one macro, in the same order.
        &CATALOGUE[self as usize]
    }

    /// HarperDB's operation name.
    pub const fn name(self) -> &'static str {
        self.entry().name
    }

    /// HarperDB's internal handler name, as its 403 body names it.
    pub const fn internal(self) -> &'static str {
        self.entry().internal
    }

    /// Who may call it.
    pub const fn access(self) -> Access {
        self.entry().access
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every name the operations API takes, aliases included, in catalogue order.
pub fn names() -> impl Iterator<Item = &'static str> {
    CATALOGUE
        .iter()
        .flat_map(|e| std::iter::once(e.name).chain(e.aliases.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn each_row_sits_at_its_variants_index() {
        for (i, e) in CATALOGUE.iter().enumerate() {
            assert_eq!(e.op as usize, i, "{}", e.name);
            assert_eq!(e.op.entry().name, e.name);
        }
    }

    #[test]
    fn names_and_aliases_are_unique_and_resolve() {
        let mut seen = HashSet::new();
        for name in names() {
            assert!(seen.insert(name), "{name} listed twice");
            assert_eq!(
                Op::from_name(name).map(|op| op.entry().name.is_empty()),
                Some(false)
            );
        }
        assert_eq!(Op::from_name("create_schema"), Some(Op::CreateDatabase));
        assert_eq!(Op::from_name("set_node_replication"), Some(Op::UpdateNode));
        assert_eq!(Op::from_name("search_by_hash"), Some(Op::SearchById));
        assert_eq!(Op::from_name("nonsense_op"), None);
        assert_eq!(
            Op::from_name("INSERT"),
            None,
            "names are case-sensitive as in HarperDB"
        );
    }

    #[test]
    fn clustering_operations_are_super_user_only() {
        for op in [
            Op::AddNode,
            Op::UpdateNode,
            Op::RemoveNode,
            Op::ConfigureCluster,
            Op::PurgeStream,
            Op::ClusterSetRoutes,
            Op::ClusterStatus,
            Op::ClusterNetwork,
            Op::SetConfiguration,
            Op::AddUser,
        ] {
            assert_eq!(op.access(), Access::SuperUser, "{op}");
        }
        assert_eq!(Op::ClusterSetRoutes.internal(), "setRoutes");
    }
}
