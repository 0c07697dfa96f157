//! Files, logs and terminals: owner-only permissions, escaped foreign text, rate-limited and rotated logs, password warnings, and certificate pinning that survives a renewal.
