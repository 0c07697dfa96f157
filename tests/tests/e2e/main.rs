//! End-to-end tests: the real binaries in temp roots (one test binary, as in ripgrep).

mod bad_input;
mod durability;
mod faults;
mod replication;
mod single_node;
