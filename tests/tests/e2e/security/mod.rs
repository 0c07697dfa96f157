//! Security (issues 12 and 13): what an attacker on 127.0.0.1 can and cannot
//! do to a real daemon: the mesh handshake, the HTTP door before and after
//! login, logins and tokens, roles and what they permit, and the files, logs
//! and terminals an operator reads.

mod files;
mod http;
mod logins;
mod mesh;
mod permissions;
mod roles;
mod rules;
mod tokens;
