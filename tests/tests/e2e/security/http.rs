//! The HTTP door: least privilege for `cluster_user`, and no work spent on a body before its caller has logged in.
