//! Request bodies parsed into `serde_json` values with their memory counted
//! against the request's [`Charge`] as they are built, so that a body of
//! many small values (a `serde_json::Value` is 72 bytes, an object with one
//! field several hundred) cannot take more than the door's budget: the parse
//! stops when the budget is spent, before the memory is.
//!
//! The values are also smaller than `serde_json`'s own parse makes them:
//! objects and arrays are built at their exact size rather than grown by
//! doubling (an object with one field takes ~200 bytes instead of ~460).
//! Nesting stays bounded by `serde_json`'s recursion limit (128).

use std::fmt;
use std::mem::size_of;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::budget::{Charge, Short};

/// What one heap allocation costs beyond its bytes (allocator rounding and
/// bookkeeping), counted on every one so the charge stays above the truth.
const ALLOCATION_OVERHEAD: usize = 16;
/// The first capacity of a growing array (as `Vec` itself starts).
const FIRST_CAPACITY: usize = 4;

/// The deepest a body may nest arrays and objects: serde_json's recursion
/// limit of 128 stops the parse at the 128th level.
pub const MAX_BODY_DEPTH: usize = 127;

/// Why a body was not parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    /// Not JSON.
    Invalid,
    /// Nested deeper than serde_json's recursion limit ([`MAX_BODY_DEPTH`]).
    TooDeep,
    /// Its values did not fit in the budget.
    Short(Short),
}

/// Parse `text` (whose bytes `charge` already holds) into a value, taking
/// room from `charge` for `copies` times every allocation (room for the
/// copies its user will make). With a `runtime`, it runs on a blocking
/// thread and waits there for room; without, it takes only room that is
/// free now (`Busy` otherwise: parse again with a runtime). Returns the
/// value and the bytes it holds.
pub fn parse(
    text: &[u8],
    charge: &mut Charge,
    copies: usize,
    runtime: Option<&tokio::runtime::Handle>,
) -> Result<(Value, usize), ParseError> {
    let base = charge.held();
    let mut meter = Meter {
        charge,
        runtime,
        base,
        copies,
        used: 0,
        short: None,
    };
    let mut de = serde_json::Deserializer::from_slice(text);
    let parsed = ValueSeed { meter: &mut meter }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    match (parsed, meter.short) {
        (Ok(v), _) => Ok((v, meter.used)),
        (Err(_), Some(short)) => Err(ParseError::Short(short)),
        (Err(e), None) if is_too_deep(&e) => Err(ParseError::TooDeep),
        (Err(_), None) => Err(ParseError::Invalid),
    }
}

/// True for serde_json's error of a document nested beyond its recursion
/// limit (it has no error kind of its own, only its message).
fn is_too_deep(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("recursion limit exceeded")
}

/// The bytes of the values built so far, and the room taken for them.
struct Meter<'a> {
    charge: &'a mut Charge,
    runtime: Option<&'a tokio::runtime::Handle>,
    /// What the charge held before the parse (the text).
    base: usize,
    copies: usize,
    used: usize,
    short: Option<Short>,
}

impl Meter<'_> {
    fn add<E: de::Error>(&mut self, bytes: usize) -> Result<(), E> {
        self.used += bytes + ALLOCATION_OVERHEAD;
        let need = self.base + self.used * self.copies;
        let grown = match self.runtime {
            _ if need <= self.charge.held() => Ok(()),
            Some(runtime) => self.charge.grow_to_blocking(need, runtime),
            None => self.charge.try_grow_to(need),
        };
        if let Err(short) = grown {
            self.short = Some(short);
            return Err(E::custom("the request body's values do not fit in memory"));
        }
        Ok(())
    }

    fn sub(&mut self, bytes: usize) {
        self.used = self.used.saturating_sub(bytes + ALLOCATION_OVERHEAD);
    }

    /// Push onto a growing vector, counting its growth (old and new blocks
    /// both, while it moves).
    fn push<T, E: de::Error>(&mut self, v: &mut Vec<T>, item: T) -> Result<(), E> {
        if v.len() == v.capacity() {
            let old = v.capacity();
            let new = (old * 2).max(FIRST_CAPACITY);
            self.add(new * size_of::<T>())?;
            v.reserve_exact(new - v.len());
            if old > 0 {
                self.sub(old * size_of::<T>());
            }
        }
        v.push(item);
        Ok(())
    }
}

/// Bytes of a `serde_json::Map` (an `IndexMap`) made with capacity `n`: its
/// entries (hash, key, value) and its index table.
fn map_bytes(n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let entries = n * (size_of::<u64>() + size_of::<String>() + size_of::<Value>());
    let buckets = match n {
        0..4 => 4,
        4..8 => 8,
        _ => (n * 8 / 7).next_power_of_two(),
    };
    // One control byte per bucket plus a group's width, and one more allocation.
    entries + buckets * (size_of::<usize>() + 1) + 16 + ALLOCATION_OVERHEAD
}

struct ValueSeed<'m, 'a> {
    meter: &'m mut Meter<'a>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        self.meter.add(s.len())?;
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        self.meter.add(s.capacity())?;
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        ValueSeed { meter: self.meter }.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let meter = self.meter;
        let mut items: Vec<Value> = Vec::new();
        while let Some(v) = seq.next_element_seed(ValueSeed { meter: &mut *meter })? {
            meter.push(&mut items, v)?;
        }
        let spare = items.capacity() - items.len();
        items.shrink_to_fit();
        meter.used = meter.used.saturating_sub(spare * size_of::<Value>());
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let meter = self.meter;
        let mut entries: Vec<(String, Value)> = Vec::new();
        while let Some(key) = access.next_key::<String>()? {
            meter.add::<A::Error>(key.capacity())?;
            let value = access.next_value_seed(ValueSeed { meter: &mut *meter })?;
            meter.push(&mut entries, (key, value))?;
        }
        meter.add::<A::Error>(map_bytes(entries.len()))?;
        let mut map = Map::with_capacity(entries.len());
        let scratch = entries.capacity() * size_of::<(String, Value)>();
        for (k, v) in entries {
            map.insert(k, v);
        }
        if scratch > 0 {
            meter.sub(scratch);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::super::budget::BodyBudget;
    use super::*;

    const MIB: usize = 1024 * 1024;

    fn parse_with(text: &str, budget: usize) -> Result<(Value, usize), ParseError> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let budget = BodyBudget::new(budget);
        let handle = rt.handle().clone();
        let text = text.to_owned();
        std::thread::spawn(move || {
            let mut charge = budget.charge();
            parse(text.as_bytes(), &mut charge, 1, Some(&handle))
        })
        .join()
        .unwrap()
    }

    #[test]
    fn the_same_values_as_serde_json() {
        for text in [
            r#"{"operation":"insert","records":[{"id":1,"a":[1,2.5,-3,"x\ny",null,true,{}],"b":{"c":[]}}],"id":2}"#,
            r#"[1, "two", [3], {"four": 4, "four": 5}]"#,
            r#""just a string""#,
            "18446744073709551615",
            "-1.5e300",
        ] {
            let (mine, _) = parse_with(text, 64 * MIB).unwrap();
            let theirs: Value = serde_json::from_str(text).unwrap();
            assert_eq!(mine, theirs, "{text}");
            assert_eq!(mine.to_string(), theirs.to_string(), "same order of keys");
        }
    }

    #[test]
    fn invalid_json_is_invalid() {
        for text in ["{", "", "not json", "{} x", "[1,]", "{\"a\":1,}"] {
            assert_eq!(
                parse_with(text, 64 * MIB).map(|_| ()),
                Err(ParseError::Invalid),
                "{text:?}"
            );
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            parse_with(&deep, 64 * MIB).map(|_| ()),
            Err(ParseError::TooDeep),
            "deeper than serde_json's recursion limit"
        );
        let at_limit = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse_with(&at_limit(MAX_BODY_DEPTH), 64 * MIB).is_ok());
        assert_eq!(
            parse_with(&at_limit(MAX_BODY_DEPTH + 1), 64 * MIB).map(|_| ()),
            Err(ParseError::TooDeep)
        );
    }

    #[test]
    fn without_a_runtime_only_free_room_is_taken() {
        let budget = BodyBudget::new(4 * MIB);
        let mut other = budget.charge();
        other.try_grow_to(4 * MIB).unwrap();
        let mut charge = budget.charge();
        let text = br#"{"operation":"describe_all"}"#;
        assert_eq!(
            parse(text, &mut charge, 1, None).map(|_| ()),
            Err(ParseError::Short(Short::Busy))
        );
        drop(other);
        let (v, _) = parse(text, &mut charge, 1, None).unwrap();
        assert_eq!(v["operation"], "describe_all");
    }

    #[test]
    fn many_small_values_stop_at_the_budget() {
        // ~1.2 MB of text that is ~20 MB as values.
        let records: Vec<String> = (0..100_000).map(|i| format!("{{\"id\":{i}}}")).collect();
        let text = format!("[{}]", records.join(","));
        let (_, used) = parse_with(&text, 64 * MIB).unwrap();
        assert!(used > 15 * text.len(), "counted: {used} for {}", text.len());
        assert_eq!(
            parse_with(&text, 4 * MIB).map(|_| ()),
            Err(ParseError::Short(Short::TooLarge))
        );
    }
}
