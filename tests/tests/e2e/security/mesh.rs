//! The mesh handshake as an attacker meets it: no offline password guessing, nothing learnt before the password is proven, throttled failures, the bind address and certificate checks.
