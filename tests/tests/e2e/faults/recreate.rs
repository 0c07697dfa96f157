//! Dropped and re-created tables and databases: a new table is a new stream, and no acknowledged write of it is lost.
