//! Clocks: a peer cannot push this node's clock off a cliff; ordinary skew still converges.
