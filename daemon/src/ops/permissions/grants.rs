//! What a role's permission set grants on the databases as they are now
//! (HarperDB's `security/permissionsTranslator.js`):
//!
//! - `structure_user: true` (or an array naming the database) grants every
//!   verb on every table of the database, whatever its table entries say.
//! - Otherwise a table the role does not list grants nothing. A listed table
//!   grants its `read`/`insert`/`update`/`delete`; when it also lists
//!   `attribute_permissions`, every attribute it does not list grants
//!   nothing, and the primary key, unless listed, grants what any listed
//!   attribute grants (so a role that may insert `name` may give the key).
//! - A table is visible (`describe`) when it grants any verb; a database
//!   when one of its tables is, or its entry says `describe: true`. What is
//!   not visible is answered as if it did not exist.
//!
//! Not here: which verbs an operation needs (`check`).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::store::{Store, StoreError};

pub use harper_rpc::catalogue::Verb;

/// The shape of one table: what the grants are computed over.
#[derive(Debug, Clone, PartialEq)]
pub struct TableShape {
    /// The primary key attribute.
    pub primary_key: String,
    /// Every attribute, primary key first.
    pub attributes: Vec<String>,
}

/// The databases and their tables, as the rules see them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    /// Database -> table -> shape (databases without tables included).
    pub databases: BTreeMap<String, BTreeMap<String, TableShape>>,
}

impl Schema {
    /// The store's databases now; only `only` (when given) and its tables.
    pub fn of(store: &Store, only: Option<&str>) -> Result<Schema, StoreError> {
        let mut databases = BTreeMap::new();
        match only {
            Some(db) if store.has_database(db)? => {
                databases.insert(db.to_owned(), BTreeMap::new());
            }
            Some(_) => {}
            None => {
                for db in store.databases()? {
                    databases.insert(db, BTreeMap::new());
                }
            }
        }
        for table in store.tables() {
            let name = table.name();
            if let Some(tables) = databases.get_mut(&name.database) {
                let meta = table.meta();
                tables.insert(
                    name.table.clone(),
                    TableShape {
                        primary_key: meta.primary_key,
                        attributes: meta.attributes,
                    },
                );
            }
        }
        Ok(Schema { databases })
    }

    /// The shape of `db.table`, when it exists.
    pub fn table(&self, db: &str, table: &str) -> Option<&TableShape> {
        self.databases.get(db)?.get(table)
    }
}

/// What a role grants on one attribute of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeGrant {
    /// The attribute.
    pub name: String,
    /// `read`.
    pub read: bool,
    /// `insert`.
    pub insert: bool,
    /// `update`.
    pub update: bool,
}

impl AttributeGrant {
    fn none(name: &str) -> AttributeGrant {
        AttributeGrant {
            name: name.to_owned(),
            read: false,
            insert: false,
            update: false,
        }
    }

    /// Visible in describe answers: it grants something.
    pub fn describe(&self) -> bool {
        self.read || self.insert || self.update
    }

    /// Whether it grants `verb` (never `delete`, which attributes do not have).
    pub fn allows(&self, verb: Verb) -> bool {
        match verb {
            Verb::Read => self.read,
            Verb::Insert => self.insert,
            Verb::Update => self.update,
            Verb::Delete => true,
        }
    }
}

/// What a role grants on one table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableGrant {
    /// `read`.
    pub read: bool,
    /// `insert`.
    pub insert: bool,
    /// `update`.
    pub update: bool,
    /// `delete`.
    pub delete: bool,
    /// Per attribute, in the table's order (the primary key last when the
    /// role does not list it), when the role lists `attribute_permissions`
    /// for the table; `None` when the table's verbs hold for every attribute.
    pub attributes: Option<Vec<AttributeGrant>>,
}

impl TableGrant {
    fn all() -> TableGrant {
        TableGrant {
            read: true,
            insert: true,
            update: true,
            delete: true,
            attributes: None,
        }
    }

    /// Visible in describe answers: it grants some verb.
    pub fn describe(&self) -> bool {
        self.read || self.insert || self.update || self.delete
    }

    /// Whether it grants `verb` on the table.
    pub fn allows(&self, verb: Verb) -> bool {
        match verb {
            Verb::Read => self.read,
            Verb::Insert => self.insert,
            Verb::Update => self.update,
            Verb::Delete => self.delete,
        }
    }

    /// The grant on one attribute (`None`: no attribute rules, or an
    /// attribute the table does not have).
    pub fn attribute(&self, name: &str) -> Option<&AttributeGrant> {
        self.attributes.as_ref()?.iter().find(|a| a.name == name)
    }
}

/// A role's permission set (a role that is neither super user nor cluster user).
#[derive(Debug, Clone, Copy)]
pub struct Grants<'a> {
    permission: &'a Map<String, Value>,
}

/// `true` for a JSON `true`, anything else is no.
fn yes(v: Option<&Value>) -> bool {
    v == Some(&Value::Bool(true))
}

impl<'a> Grants<'a> {
    /// The grants of a permission object (anything else grants nothing).
    pub fn new(permission: &'a Value) -> Grants<'a> {
        static NONE: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);
        Grants {
            permission: permission.as_object().unwrap_or(&NONE),
        }
    }

    /// `structure_user: true`.
    pub fn structure_everywhere(&self) -> bool {
        yes(self.permission.get("structure_user"))
    }

    /// `structure_user` is `true` or an array (HarperDB's "a structure user").
    pub fn structure_user(&self) -> bool {
        matches!(
            self.permission.get("structure_user"),
            Some(Value::Bool(true)) | Some(Value::Array(_))
        )
    }

    /// `structure_user` is `true` or an array naming `db`.
    pub fn structure_covers(&self, db: &str) -> bool {
        match self.permission.get("structure_user") {
            Some(Value::Bool(true)) => true,
            Some(Value::Array(dbs)) => dbs.iter().any(|d| d.as_str() == Some(db)),
            _ => false,
        }
    }

    fn table_entry(&self, db: &str, table: &str) -> Option<&'a Map<String, Value>> {
        self.permission
            .get(db)?
            .get("tables")?
            .get(table)?
            .as_object()
    }

    /// Whether the database `db` (with these tables) is visible to the role.
    pub fn database_visible(&self, db: &str, tables: &BTreeMap<String, TableShape>) -> bool {
        if self.structure_covers(db) {
            return true;
        }
        let Some(entry) = self.permission.get(db) else {
            return false;
        };
        // HarperDB keeps any truthy `describe`.
        let describe = entry
            .get("describe")
            .is_some_and(|d| !matches!(d, Value::Null | Value::Bool(false)));
        describe
            || tables
                .iter()
                .any(|(t, shape)| self.table(db, t, shape).describe())
    }

    /// What the role grants on `db.table` of this shape.
    pub fn table(&self, db: &str, table: &str, shape: &TableShape) -> TableGrant {
        if self.structure_covers(db) {
            return TableGrant::all();
        }
        let Some(entry) = self.table_entry(db, table) else {
            return TableGrant::default();
        };
        let mut grant = TableGrant {
            read: yes(entry.get(Verb::Read.key())),
            insert: yes(entry.get(Verb::Insert.key())),
            update: yes(entry.get(Verb::Update.key())),
            delete: yes(entry.get(Verb::Delete.key())),
            attributes: None,
        };
        let listed: Vec<&Map<String, Value>> = match entry.get("attribute_permissions") {
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).collect(),
            _ => Vec::new(),
        };
        if listed.is_empty() {
            return grant;
        }
        // The last entry for a name wins, as in HarperDB.
        let mut by_name: BTreeMap<&str, AttributeGrant> = BTreeMap::new();
        for a in listed {
            if let Some(name) = a.get("attribute_name").and_then(Value::as_str) {
                by_name.insert(
                    name,
                    AttributeGrant {
                        name: name.to_owned(),
                        read: yes(a.get(Verb::Read.key())),
                        insert: yes(a.get(Verb::Insert.key())),
                        update: yes(a.get(Verb::Update.key())),
                    },
                );
            }
        }
        let key_listed = by_name.contains_key(shape.primary_key.as_str());
        let mut key = AttributeGrant::none(&shape.primary_key);
        let mut attributes = Vec::with_capacity(shape.attributes.len() + 1);
        for name in &shape.attributes {
            match by_name.get(name.as_str()) {
                Some(a) => {
                    if !key_listed {
                        key.read |= a.read;
                        key.insert |= a.insert;
                        key.update |= a.update;
                    }
                    attributes.push(a.clone());
                }
                None if *name != shape.primary_key => attributes.push(AttributeGrant::none(name)),
                None => {}
            }
        }
        if !key_listed {
            attributes.push(key);
        }
        grant.attributes = Some(attributes);
        grant
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dog() -> TableShape {
        TableShape {
            primary_key: "id".into(),
            attributes: vec!["id".into(), "name".into(), "age".into()],
        }
    }

    #[test]
    fn an_unlisted_table_grants_nothing_and_is_hidden() {
        let p = json!({"dev": {"tables": {"cat": {"read": true, "insert": false, "update": false, "delete": false, "attribute_permissions": []}}}});
        let g = Grants::new(&p);
        assert_eq!(g.table("dev", "dog", &dog()), TableGrant::default());
        assert!(!g.table("dev", "dog", &dog()).describe());
        let tables = BTreeMap::from([("dog".to_owned(), dog())]);
        assert!(!g.database_visible("dev", &tables), "no visible table");
        assert!(!g.database_visible("other", &tables));
        let with_cat = BTreeMap::from([("dog".to_owned(), dog()), ("cat".to_owned(), dog())]);
        assert!(g.database_visible("dev", &with_cat));
    }

    #[test]
    fn table_verbs_hold_for_every_attribute_without_attribute_rules() {
        let p = json!({"dev": {"tables": {"dog": {"read": true, "insert": true, "update": false, "delete": false, "attribute_permissions": []}}}});
        let g = Grants::new(&p).table("dev", "dog", &dog());
        assert!(g.read && g.insert && !g.update && !g.delete);
        assert_eq!(g.attributes, None);
        assert!(g.describe());
    }

    #[test]
    fn listed_attributes_close_the_others_and_lend_the_key_their_verbs() {
        let p = json!({"dev": {"tables": {"dog": {"read": true, "insert": true, "update": true, "delete": false,
            "attribute_permissions": [{"attribute_name": "name", "read": true, "insert": true, "update": false}]}}}});
        let g = Grants::new(&p).table("dev", "dog", &dog());
        let attrs = g.attributes.clone().unwrap();
        let names: Vec<&str> = attrs.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["name", "age", "id"],
            "the key last, as HarperDB"
        );
        let name = g.attribute("name").unwrap();
        assert!(name.read && name.insert && !name.update);
        let age = g.attribute("age").unwrap();
        assert!(!age.describe(), "unlisted: nothing");
        let id = g.attribute("id").unwrap();
        assert!(
            id.read && id.insert && !id.update,
            "the key gets what name has"
        );
        assert_eq!(g.attribute("colour"), None);
    }

    #[test]
    fn a_listed_key_keeps_its_own_verbs() {
        let p = json!({"dev": {"tables": {"dog": {"read": true, "insert": true, "update": true, "delete": true,
            "attribute_permissions": [
                {"attribute_name": "name", "read": true, "insert": true, "update": true},
                {"attribute_name": "id", "read": true, "insert": false, "update": false}]}}}});
        let g = Grants::new(&p).table("dev", "dog", &dog());
        let id = g.attribute("id").unwrap();
        assert!(id.read && !id.insert && !id.update);
        assert_eq!(g.attributes.unwrap().len(), 3);
    }

    #[test]
    fn structure_user_grants_everything_in_its_databases() {
        let p = json!({"structure_user": ["dev"], "dev": {"tables": {"dog": {"read": false, "insert": false, "update": false, "delete": false, "attribute_permissions": []}}}});
        let g = Grants::new(&p);
        assert!(g.structure_user() && !g.structure_everywhere());
        assert!(g.structure_covers("dev") && !g.structure_covers("prod"));
        assert_eq!(g.table("dev", "dog", &dog()), TableGrant::all());
        assert_eq!(g.table("prod", "dog", &dog()), TableGrant::default());
        let all = json!({"structure_user": true});
        assert!(Grants::new(&all).database_visible("prod", &BTreeMap::new()));
        let none = json!({"structure_user": false});
        assert!(!Grants::new(&none).structure_user());
    }
}
