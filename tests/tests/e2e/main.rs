//! End-to-end tests: the real binaries in temp roots (one test binary, as in ripgrep).

mod bad_input;
mod bench;
mod cli_honest;
mod cli_tty;
mod cli_watch;
mod durability;
mod faults;
mod http;
mod mesh;
mod observability;
mod operations;
mod replication;
mod security;
mod single_node;
mod studio;
mod typed;
