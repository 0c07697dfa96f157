//! What can still be read of a frame that does not decode: its type (`t`),
//! its sender and destination (`from`, `to`) and, for an envelope, the kind
//! and id of its body (`body.k`, `body.id`). With those the link answers the
//! frame (an error for a request, a failed request for an answer) instead of
//! ending, and says in its log which node sent what.
//!
//! Everything else is skipped with serde's `IgnoredAny`, which serde_json
//! skips without recursion (`Deserializer::ignore_value` keeps the open
//! brackets on a heap stack of one byte per level, bounded by the frame's
//! length): a payload nested far beyond serde_json's recursion limit of 128
//! levels, which is what makes the strict decode fail, does not stop this
//! one. Each field is read for a scalar only, so a field of the wrong type
//! costs nothing either. Invalid UTF-8 is read as U+FFFD (the frame's
//! structure is ASCII, so that changes no field that matters), and the
//! fields read before a syntax error are kept.
//!
//! Not here: what the link does with a header (see `link` and the routing in
//! `mod.rs`).

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Most characters of a peer's text (a field, a decode error) kept for a
/// log line or an error answer; the rest is cut with an ellipsis.
pub const MAX_TEXT_CHARS: usize = 200;

/// The fields of a frame that could be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The frame type (`t`): `envelope`, `members`, ...
    pub t: Option<String>,
    /// An envelope's sender.
    pub from: Option<String>,
    /// An envelope's destination.
    pub to: Option<String>,
    /// An envelope body's kind (`body.k`): `request`, `response`, ...
    pub kind: Option<String>,
    /// An envelope body's request id (`body.id`).
    pub id: Option<u64>,
}

/// A frame whose length was fine but whose contents did not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecodable {
    /// What could be read of it.
    pub header: Header,
    /// Why it did not decode (serde_json's message, escaped and bounded).
    pub reason: String,
    /// Its length in bytes.
    pub bytes: usize,
}

impl Header {
    /// Read what can be read of `bytes`; never fails, never recurses deeper
    /// than three levels.
    pub fn read(bytes: &[u8]) -> Header {
        let text = String::from_utf8_lossy(bytes);
        let mut de = serde_json::Deserializer::from_str(&text);
        let mut h = Header::default();
        // An error only ends the reading: what was read before it is kept.
        let _ = Fields {
            header: &mut h,
            body: false,
        }
        .deserialize(&mut de);
        h
    }

    /// `t`, `from` and `to` for a log line: escaped and bounded.
    pub fn describe(&self) -> String {
        let field = |v: &Option<String>| v.as_deref().map(bounded).unwrap_or_else(|| "?".into());
        match self.t.as_deref() {
            Some("envelope") => format!(
                "an envelope from '{}' to '{}' ({} {})",
                field(&self.from),
                field(&self.to),
                field(&self.kind),
                self.id.map(|i| i.to_string()).unwrap_or_else(|| "?".into())
            ),
            Some(t) => format!("a '{}' frame", bounded(t)),
            None => "a frame".into(),
        }
    }
}

/// `s` escaped for a log line or an answer (see `harper_rpc::text::printable`)
/// and cut to [`MAX_TEXT_CHARS`].
pub fn bounded(s: &str) -> String {
    let cut: String = s.chars().take(MAX_TEXT_CHARS).collect();
    let mut out = harper_rpc::text::printable(&cut).into_owned();
    if s.chars().nth(MAX_TEXT_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// The fields of one level of a frame: at the top `t`, `from`, `to` and
/// `body`; in the body `k` and `id`. A level that is not a map is an error
/// that ends the reading (what was read before it is kept).
struct Fields<'a> {
    header: &'a mut Header,
    body: bool,
}

impl<'de> DeserializeSeed<'de> for Fields<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Fields<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(if self.body {
            "an envelope body"
        } else {
            "a frame"
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        let h = self.header;
        while let Some(key) = m.next_key::<String>()? {
            match (self.body, key.as_str()) {
                (false, "t") => h.t = m.next_value::<Scalar>()?.string(),
                (false, "from") => h.from = m.next_value::<Scalar>()?.string(),
                (false, "to") => h.to = m.next_value::<Scalar>()?.string(),
                (false, "body") => m.next_value_seed(Fields {
                    header: &mut *h,
                    body: true,
                })?,
                (true, "k") => h.kind = m.next_value::<Scalar>()?.string(),
                (true, "id") => h.id = m.next_value::<Scalar>()?.number(),
                _ => {
                    m.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A field read for a string or a number only; anything else is skipped.
enum Scalar {
    Str(String),
    Number(u64),
    Other,
}

impl Scalar {
    fn string(self) -> Option<String> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }

    fn number(self) -> Option<u64> {
        match self {
            Scalar::Number(n) => Some(n),
            _ => None,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E>(self, s: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Scalar, E> {
        Ok(Scalar::Str(s))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Scalar, E> {
        Ok(Scalar::Number(n))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar, A::Error> {
        skip_seq(seq).map(|()| Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Scalar, A::Error> {
        while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn the_header_of_a_payload_far_beyond_the_recursion_limit_is_read() {
        let deep = nested(100_000);
        let frame = format!(
            r#"{{"t":"envelope","from":"b","to":"a","ttl":16,"body":{{"k":"request","id":42,"payload":{deep}}}}}"#
        );
        assert!(serde_json::from_str::<serde_json::Value>(&frame).is_err());
        let h = Header::read(frame.as_bytes());
        assert_eq!(
            h,
            Header {
                t: Some("envelope".into()),
                from: Some("b".into()),
                to: Some("a".into()),
                kind: Some("request".into()),
                id: Some(42),
            }
        );
    }

    #[test]
    fn fields_before_a_syntax_error_are_kept_and_wrong_types_are_skipped() {
        let h = Header::read(br#"{"t":"envelope","from":{"x":[1,2]},"to":"a","body":{"k":"response","id":7,"result": nope"#);
        assert_eq!(h.t.as_deref(), Some("envelope"));
        assert_eq!(h.from, None);
        assert_eq!(h.to.as_deref(), Some("a"));
        assert_eq!((h.kind.as_deref(), h.id), (Some("response"), Some(7)));
        // Not JSON at all, or not an object: nothing, and no panic.
        assert_eq!(Header::read(b"\xff\xfe garbage"), Header::default());
        assert_eq!(Header::read(b"[1,2,3]"), Header::default());
        assert_eq!(Header::read(b""), Header::default());
    }

    #[test]
    fn invalid_utf8_does_not_hide_the_fields_around_it() {
        let mut frame = br#"{"t":"envelope","from":"b","x":""#.to_vec();
        frame.extend_from_slice(b"\xff\xc3");
        frame.extend_from_slice(br#"","to":"a","body":{"k":"request","id":3}}"#);
        let h = Header::read(&frame);
        assert_eq!(h.from.as_deref(), Some("b"));
        assert_eq!(h.to.as_deref(), Some("a"));
        assert_eq!(h.id, Some(3));
    }

    #[test]
    fn text_is_escaped_and_bounded() {
        assert_eq!(bounded("a\nb"), "a\\u{000a}b");
        let long = "x".repeat(MAX_TEXT_CHARS + 50);
        let b = bounded(&long);
        assert_eq!(b.chars().count(), MAX_TEXT_CHARS + 1);
        assert!(b.ends_with('…'));
        let h = Header {
            t: Some("envelope".into()),
            from: Some("evil\u{202e}".into()),
            ..Header::default()
        };
        assert_eq!(
            h.describe(),
            "an envelope from 'evil\\u{202e}' to '?' (? ?)"
        );
    }
}
