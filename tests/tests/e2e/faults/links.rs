//! Links that a peer cannot break: frames it cannot decode or send, and peers that do not read or that ask for too much at once.
