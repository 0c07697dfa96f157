//! Validated names that cross the wire and the command line: node names,
//! `db.table` references and `host:port` routes. Validation lives here once;
//! clap uses these as value parsers and the daemon re-checks with the same code.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The database a `TABLE` without a `db.` prefix belongs to (HarperDB's default).
pub const DEFAULT_DATABASE: &str = "data";

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
    /// True when `s` matches HarperDB's `^[^\s.,*>]+$`.
    pub fn is_valid(s: &str) -> bool {
        !s.is_empty()
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
#[error("invalid table '{0}': expected DB.TABLE (or TABLE for database 'data')")]
pub struct InvalidTableRef(pub String);

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
}

/// Lowercase hex MD5 of `"<db>.<table>"`: the `clustering_stream_name` of a table.
pub fn stream_name(database: &str, table: &str) -> String {
    format!("{:x}", md5::compute(format!("{database}.{table}")))
}

fn valid_identifier(s: &str) -> bool {
    !s.is_empty() && !s.contains('.') && !s.chars().any(|c| c.is_whitespace() || c == '/')
}

impl FromStr for TableRef {
    type Err = InvalidTableRef;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (db, table) = match s.split_once('.') {
            Some((db, table)) => (db, table),
            None => (DEFAULT_DATABASE, s),
        };
        if valid_identifier(db) && valid_identifier(table) {
            Ok(Self::new(db, table))
        } else {
            Err(InvalidTableRef(s.to_owned()))
        }
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
