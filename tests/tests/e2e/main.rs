//! End-to-end tests: the real binaries in temp roots (one test binary, as in ripgrep).

mod bad_input;
mod durability;
mod single_node;
