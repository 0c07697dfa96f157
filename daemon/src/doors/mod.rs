//! The doors to the dispatcher: the local CLI's tarpc socket (and, later, the
//! HTTP operations port). Doors only translate; every decision is in `ops`.

pub mod socket;
