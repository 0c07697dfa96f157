//! Validated names that cross the wire and the command line: node names,
//! `db.table` references and `host:port` routes. Validation lives here once;
//! clap uses these as value parsers and the daemon re-checks with the same code.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The database a `TABLE` without a `db.` prefix belongs to (HarperDB's default).
pub const DEFAULT_DATABASE: &str = "data";

/// The longest database, table, attribute, user or node name, in UTF-8 bytes.
/// HarperDB caps database and table names at 250 (its `common_validators.
/// schema_length`, "cannot exceed 250 characters") because they become LMDB
/// keys and file names: LMDB's key limit is 511 bytes and common file systems
/// allow 255 bytes a path component. Counting bytes rather than characters
/// keeps the same bound for every script.
pub const MAX_NAME_BYTES: usize = 250;

/// The database HarperDB keeps for itself (`hdb_user`, `hdb_nodes`, ...):
/// nobody creates it or tables in it.
pub const SYSTEM_DATABASE: &str = "system";

/// What a name names, for the field its error names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A database (HarperDB's `database`, legacy `schema`).
    Database,
    /// A table.
    Table,
    /// An attribute of a record (or a table's primary key).
    Attribute,
    /// A user.
    User,
    /// A node.
    Node,
}

impl NameKind {
    /// The request field this kind of name arrives in.
    pub fn field(self) -> &'static str {
        match self {
            Self::Database => "database",
            Self::Table => "table",
            Self::Attribute => "attribute",
            Self::User => "username",
            Self::Node => "node_name",
        }
    }
}

/// Why a string cannot be a name (messages in HarperDB's Joi style, naming the
/// field and the rule; the name itself is not echoed, it may be unprintable).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// The empty string.
    #[error("'{}' is not allowed to be empty", .0.field())]
    Empty(NameKind),
    /// Longer than [`MAX_NAME_BYTES`].
    #[error("'{}' cannot exceed {MAX_NAME_BYTES} bytes (it has {len})", kind.field())]
    TooLong {
        /// What the name names.
        kind: NameKind,
        /// Its length in bytes.
        len: usize,
    },
    /// A control, bidi or invisible format character.
    #[error(
        "'{}' contains characters that are not allowed: control, bidi or invisible character U+{code:04X} at character {at}",
        kind.field()
    )]
    Char {
        /// What the name names.
        kind: NameKind,
        /// The character's code point.
        code: u32,
        /// Its position (0-based, in characters).
        at: usize,
    },
    /// A database or table name with `.`, `/` or whitespace (they separate
    /// `db.table` and path components).
    #[error("'{}' must not contain '.', '/' or spaces", .0.field())]
    Separator(NameKind),
    /// The database `system`.
    #[error("'{}' invalid database name, '{SYSTEM_DATABASE}' name is reserved", .0.field())]
    Reserved(NameKind),
}

/// The one rule every database, table, attribute, user and node name follows:
/// non-empty, at most [`MAX_NAME_BYTES`] bytes, and no Unicode Cc (NUL, TAB,
/// newline, ...), line/paragraph separator or Cf (bidi controls such as
/// U+202E, zero-width characters such as U+200B, U+FEFF) character
/// ([`crate::text::is_unsafe_char`]). Letters of any script (`café`, `日本`)
/// are names. Kind-specific rules (`.` in node names) are on top of this.
pub fn check_name(kind: NameKind, s: &str) -> Result<(), NameError> {
    if s.is_empty() {
        return Err(NameError::Empty(kind));
    }
    if s.len() > MAX_NAME_BYTES {
        return Err(NameError::TooLong { kind, len: s.len() });
    }
    if let Some((at, c)) = s
        .chars()
        .enumerate()
        .find(|(_, c)| crate::text::is_unsafe_char(*c))
    {
        return Err(NameError::Char {
            kind,
            code: c as u32,
            at,
        });
    }
    Ok(())
}

/// [`check_name`] for a database or table name: also no `.`, `/` or whitespace.
pub fn check_identifier(kind: NameKind, s: &str) -> Result<(), NameError> {
    check_name(kind, s)?;
    if s.contains('.') || s.chars().any(|c| c.is_whitespace() || c == '/') {
        return Err(NameError::Separator(kind));
    }
    Ok(())
}

/// [`check_identifier`] for a database to be created: also refuses the
/// reserved database [`SYSTEM_DATABASE`].
pub fn check_new_database(database: &str) -> Result<(), NameError> {
    check_identifier(NameKind::Database, database)?;
    if database == SYSTEM_DATABASE {
        return Err(NameError::Reserved(NameKind::Database));
    }
    Ok(())
}

/// [`check_new_database`] and [`check_identifier`] for a table to be created
/// (by an operation or for a peer's subscription): no table goes into `system`.
pub fn check_new_table(database: &str, table: &str) -> Result<(), NameError> {
    check_new_database(database)?;
    check_identifier(NameKind::Table, table)
}

/// A clap value parser for a new database's name ([`check_new_database`]).
pub fn new_database_name(s: &str) -> Result<String, NameError> {
    check_new_database(s).map(|()| s.to_owned())
}

/// A clap value parser for an attribute name (a primary key).
pub fn attribute_name(s: &str) -> Result<String, NameError> {
    check_name(NameKind::Attribute, s).map(|()| s.to_owned())
}

/// A clap value parser for a new user's name.
pub fn user_name(s: &str) -> Result<String, NameError> {
    check_name(NameKind::User, s).map(|()| s.to_owned())
}

/// HarperDB's error text for a bad node name (it names only some of the
/// rejected characters; whitespace and `,` are rejected too).
pub const NODE_NAME_RULE: &str = "must not contain ., * or >";

/// A node name: non-empty, no whitespace, `.`, `,`, `*` or `>` (spec 1.2).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NodeName(String);

/// Why a string is not a valid node name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Invalid node name, {NODE_NAME_RULE}")]
pub struct InvalidNodeName;

impl NodeName {
    /// True when `s` matches HarperDB's `^[^\s.,*>]+$` and is a name
    /// ([`check_name`]: no control or invisible characters, at most
    /// [`MAX_NAME_BYTES`]).
    pub fn is_valid(s: &str) -> bool {
        check_name(NameKind::Node, s).is_ok()
            && !s
                .chars()
                .any(|c| c.is_whitespace() || matches!(c, '.' | ',' | '*' | '>'))
    }

    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for NodeName {
    type Err = InvalidNodeName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if Self::is_valid(s) {
            Ok(Self(s.to_owned()))
        } else {
            Err(InvalidNodeName)
        }
    }
}

impl TryFrom<String> for NodeName {
    type Error = InvalidNodeName;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        if Self::is_valid(&s) {
            Ok(Self(s))
        } else {
            Err(InvalidNodeName)
        }
    }
}

impl From<NodeName> for String {
    fn from(n: NodeName) -> String {
        n.0
    }
}

impl fmt::Display for NodeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A table named as `db.table`; a bare `table` means database [`DEFAULT_DATABASE`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TableRef {
    /// The database (HarperDB's `database`, legacy `schema`).
    pub database: String,
    /// The table name.
    pub table: String,
}

/// Why a string is not a valid `db.table`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid table '{}': {reason}", crate::text::printable_clipped(.input, 80))]
pub struct InvalidTableRef {
    /// What was given.
    pub input: String,
    /// What is wrong with it.
    pub reason: String,
}

impl TableRef {
    /// A reference from its two parts.
    pub fn new(database: impl Into<String>, table: impl Into<String>) -> Self {
        Self {
            database: database.into(),
            table: table.into(),
        }
    }

    /// HarperDB's stream name for this table: lowercase hex MD5 of `"<db>.<table>"` (spec 1.7).
    pub fn stream_name(&self) -> String {
        stream_name(&self.database, &self.table)
    }

    /// The stream name with `clustering.databaseLevel` on (`database_level`,
    /// MD5 of the database alone) or off ([`TableRef::stream_name`]).
    pub fn stream_name_at(&self, database_level: bool) -> String {
        if database_level {
            database_stream_name(&self.database)
        } else {
            self.stream_name()
        }
    }
}

/// Lowercase hex MD5 of `"<db>.<table>"`: the `clustering_stream_name` of a table.
pub fn stream_name(database: &str, table: &str) -> String {
    format!("{:x}", md5::compute(format!("{database}.{table}")))
}

/// Lowercase hex MD5 of `"<db>"`: the `clustering_stream_name` of every table
/// of a database with `clustering.databaseLevel` (one stream per database).
pub fn database_stream_name(database: &str) -> String {
    format!("{:x}", md5::compute(database))
}

impl FromStr for TableRef {
    type Err = InvalidTableRef;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (db, table) = match s.split_once('.') {
            Some((db, table)) => (db, table),
            None => (DEFAULT_DATABASE, s),
        };
        check_identifier(NameKind::Database, db)
            .and_then(|()| check_identifier(NameKind::Table, table))
            .map(|()| Self::new(db, table))
            .map_err(|reason| InvalidTableRef {
                input: s.to_owned(),
                reason: format!("{reason}; expected DB.TABLE (or TABLE for database 'data')"),
            })
    }
}

impl fmt::Display for TableRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.database, self.table)
    }
}

/// A route: this node dials `host:port` (another node's cluster port).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Route {
    /// IP address or DNS name.
    pub host: String,
    /// The remote node's `clustering.hubServer.cluster.network.port`.
    pub port: u16,
}

/// Why a string is not a valid `HOST:PORT`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid route '{0}': expected HOST:PORT with a port from 0 to 65535")]
pub struct InvalidRoute(pub String);

impl FromStr for Route {
    type Err = InvalidRoute;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || InvalidRoute(s.to_owned());
        let (host, port) = if let Some(rest) = s.strip_prefix('[') {
            // [v6]:port
            let (host, port) = rest.split_once("]:").ok_or_else(bad)?;
            (host, port)
        } else {
            s.rsplit_once(':').ok_or_else(bad)?
        };
        if host.is_empty() || host.contains(':') && !s.starts_with('[') {
            return Err(bad());
        }
        if host
            .chars()
            .any(|c| c.is_whitespace() || c == '/' || c == '@')
        {
            return Err(bad());
        }
        let port: u16 = port.parse().map_err(|_| bad())?;
        Ok(Self {
            host: host.to_owned(),
            port,
        })
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_names_follow_harperdb_regex() {
        for ok in ["Node1", "edge-01", "44", "TrUe", "a_b"] {
            assert!(ok.parse::<NodeName>().is_ok(), "{ok}");
        }
        for bad in ["", "bad.name", "a,b", "a*", "a>b", "a b", "tab\t"] {
            let err = bad.parse::<NodeName>().unwrap_err();
            assert_eq!(
                err.to_string(),
                "Invalid node name, must not contain ., * or >"
            );
        }
    }

    #[test]
    fn names_refuse_control_bidi_invisible_and_long() {
        for ok in [
            "dog",
            "café",
            "日本",
            "ü_1",
            "a-b",
            &"x".repeat(MAX_NAME_BYTES),
        ] {
            assert_eq!(check_name(NameKind::Table, ok), Ok(()), "{ok}");
        }
        for (bad, code) in [
            ("a\0b", 0),
            ("a\u{1}", 1),
            ("a\nb", 0x0a),
            ("a\tb", 0x09),
            ("ab\u{202E}", 0x202E),
            ("\u{200B}", 0x200B),
            ("a\u{FEFF}", 0xFEFF),
            ("a\u{061C}", 0x061C),
            ("a\u{2066}", 0x2066),
            ("a\u{00AD}", 0xAD),
        ] {
            match check_name(NameKind::Database, bad) {
                Err(NameError::Char { code: c, .. }) => assert_eq!(c, code, "{bad:?}"),
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        let long = "é".repeat(MAX_NAME_BYTES / 2 + 1);
        assert_eq!(
            check_name(NameKind::User, &long).unwrap_err().to_string(),
            "'username' cannot exceed 250 bytes (it has 252)"
        );
        assert_eq!(
            check_name(NameKind::Database, "ab\u{202E}")
                .unwrap_err()
                .to_string(),
            "'database' contains characters that are not allowed: control, bidi or invisible character U+202E at character 2"
        );
        assert_eq!(
            check_new_table("system", "x").unwrap_err().to_string(),
            "'database' invalid database name, 'system' name is reserved"
        );
        assert!(!NodeName::is_valid("a\0b"));
        assert!(!NodeName::is_valid(&"n".repeat(MAX_NAME_BYTES + 1)));
        assert!("dev.a\u{202E}".parse::<TableRef>().is_err());
        assert!("dev.日本".parse::<TableRef>().is_ok());
    }

    #[test]
    fn table_refs_default_to_data() {
        assert_eq!(
            "dog".parse::<TableRef>().unwrap(),
            TableRef::new("data", "dog")
        );
        assert_eq!(
            "dev.dog".parse::<TableRef>().unwrap(),
            TableRef::new("dev", "dog")
        );
        assert!("a.b.c".parse::<TableRef>().is_err());
        assert!(".dog".parse::<TableRef>().is_err());
        assert!("dev.".parse::<TableRef>().is_err());
    }

    #[test]
    fn stream_names_are_md5_of_db_dot_table() {
        assert_eq!(
            stream_name("dev", "dog"),
            "9d2969dfab3c9b5daa6f8d3d0b3ad347"
        );
        assert_eq!(
            stream_name("incredible_bulk", "pre_con1"),
            "38242ee9a8e77a42001c54dfd562262b"
        );
        let dog = TableRef::new("dev", "dog");
        assert_eq!(dog.stream_name_at(false), dog.stream_name());
        assert_eq!(dog.stream_name_at(true), database_stream_name("dev"));
        assert_eq!(
            database_stream_name("dev"),
            "e77989ed21758e78331b20e477fc5582"
        );
    }

    #[test]
    fn routes_parse_host_and_port() {
        let r: Route = "10.0.0.5:9932".parse().unwrap();
        assert_eq!((r.host.as_str(), r.port), ("10.0.0.5", 9932));
        let r: Route = "[::1]:9932".parse().unwrap();
        assert_eq!((r.host.as_str(), r.port), ("::1", 9932));
        assert_eq!(r.to_string(), "[::1]:9932");
        for bad in [
            "10.0.0.5",
            "10.0.0.5:",
            ":9932",
            "host:70000",
            "host:port",
            "::1:99",
        ] {
            assert!(bad.parse::<Route>().is_err(), "{bad}");
        }
    }
}
