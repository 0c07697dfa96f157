//! Text from elsewhere (a peer's hello, a client's field, a remote node's
//! error) made safe to put in a log line or on an operator's terminal:
//! control characters (newlines that would forge a log line, ESC sequences
//! that would drive a terminal) and the Unicode format characters that
//! reorder or hide text (bidi overrides such as U+202E, zero-width ones) are
//! written as `\u{..}` escapes; everything else is kept as it is.

use std::borrow::Cow;

/// True for characters that must not reach a log or a terminal as they are:
/// Unicode Cc (control characters, NUL to U+001F and U+007F to U+009F), the
/// line and paragraph separators, and Unicode Cf (format characters: bidi
/// marks, embeddings, overrides and isolates such as U+202E, zero-width and
/// invisible ones such as U+200B and U+FEFF). The same characters are
/// refused in names (`names::check_name`).
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_format_char(c)
}

/// Unicode general category Cf (format characters), Unicode 15.
pub fn is_format_char(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                   // soft hyphen
        | '\u{0600}'..='\u{0605}'     // Arabic number signs
        | '\u{061C}'                 // Arabic letter mark
        | '\u{06DD}' | '\u{070F}' | '\u{0890}'..='\u{0891}' | '\u{08E2}'
        | '\u{180E}'                 // Mongolian vowel separator
        | '\u{200B}'..='\u{200F}'     // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}'     // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'     // word joiner, invisible operators
        | '\u{2066}'..='\u{206F}'     // bidi isolates, deprecated format characters
        | '\u{FEFF}'                 // zero-width no-break space (BOM)
        | '\u{FFF9}'..='\u{FFFB}'     // interlinear annotation
        | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'   // Egyptian hieroglyph format controls
        | '\u{1BCA0}'..='\u{1BCA3}'   // shorthand format controls
        | '\u{1D173}'..='\u{1D17A}'   // musical symbol format controls
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}' // tags
    )
}

/// `s` with every unsafe character escaped as `\u{XXXX}` (and `\` itself as
/// `\\` when anything is escaped, so an escape cannot be forged).
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe_char(c) {
            out.push_str(&format!("\\u{{{:04x}}}", c as u32));
        } else if c == '\\' {
            out.push_str("\\\\");
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`printable`] of at most the first `max_chars` characters of `s`; the
/// rest is cut and counted (`…(N more bytes)`), so that one foreign field
/// cannot fill a log line or a status table.
pub fn printable_clipped(s: &str, max_chars: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max_chars) {
        None => printable(s),
        Some((cut, _)) => Cow::Owned(format!(
            "{}…({} more bytes)",
            printable(&s[..cut]),
            s.len() - cut
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for s in ["node-1", "Zürich_東京", "a\\b", ""] {
            assert!(matches!(printable(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(printable("evil\nINFO forged"), "evil\\u{000a}INFO forged");
        assert_eq!(printable("\u{1b}[31mred"), "\\u{001b}[31mred");
        assert_eq!(printable("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(printable("nul\0"), "nul\\u{0000}");
        // A backslash next to an escape cannot fake one.
        assert_eq!(printable("\\u{000a}\n"), "\\\\u{000a}\\u{000a}");
    }

    #[test]
    fn long_text_is_clipped_and_counted() {
        assert!(matches!(
            printable_clipped("node-1", 6),
            Cow::Borrowed("node-1")
        ));
        assert_eq!(printable_clipped("abcdef", 3), "abc…(3 more bytes)");
        assert_eq!(printable_clipped("é\nxyz", 1), "é…(4 more bytes)");
        assert_eq!(
            printable_clipped("\u{1b}[2Jzz", 4),
            "\\u{001b}[2J…(2 more bytes)"
        );
    }
}
