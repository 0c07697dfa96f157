//! Poison records: what a node refuses at the write, and what a peer that still sends something it cannot apply can do (stall one table, not the link).
