//! The doors to the dispatcher: the local CLI's tarpc socket and the HTTP
//! operations port. Doors only translate; every decision is in `ops`.

pub mod http;
pub mod socket;
