//! Logins: the same cost whether or not the user exists, and backoff for failures that does not hold up correct logins.
