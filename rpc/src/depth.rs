//! How deep a JSON value nests arrays and objects, measured without
//! recursion, for the limits of the daemon and of the socket door.

use serde_json::Value;

/// True when `v` nests arrays and objects more than `max` levels deep
/// (a scalar is level 0, `{}` and `[]` level 1). Iterative: a hostile value
/// cannot exhaust the stack here.
pub fn deeper_than(v: &Value, max: usize) -> bool {
    fn is_container(v: &Value) -> bool {
        matches!(v, Value::Array(_) | Value::Object(_))
    }
    if !is_container(v) {
        return false;
    }
    // Only containers go on the stack: a flat record costs one push.
    let mut stack: Vec<(&Value, usize)> = vec![(v, 1)];
    while let Some((v, level)) = stack.pop() {
        if level > max {
            return true;
        }
        let children = match v {
            Value::Array(a) => either(a.iter(), None),
            Value::Object(o) => either([].iter(), Some(o.values())),
            _ => continue,
        };
        stack.extend(children.filter(|c| is_container(c)).map(|c| (c, level + 1)));
    }
    false
}

/// The children of an array or an object as one iterator type (no allocation).
fn either<'a>(
    array: std::slice::Iter<'a, Value>,
    object: Option<serde_json::map::Values<'a>>,
) -> impl Iterator<Item = &'a Value> {
    array.chain(object.into_iter().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn depth_counts_containers() {
        assert!(!deeper_than(&json!(1), 0));
        assert!(!deeper_than(&json!({}), 1));
        assert!(deeper_than(&json!({}), 0));
        assert!(!deeper_than(&json!({"a": [1, {"b": 2}]}), 3));
        assert!(deeper_than(&json!({"a": [1, {"b": []}]}), 3));
    }
}
