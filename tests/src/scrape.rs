//! Reading a `/metrics` scrape (Prometheus' text format, version 0.0.4) in
//! tests: its families (`# TYPE` lines) and its samples, and the value of
//! one series by name and labels.

use std::collections::BTreeMap;

use crate::Node;
use crate::http::basic;

/// One sample line: `name{labels} value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The series name (with `_total`, `_bucket`, ... as written).
    pub name: String,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
    /// Its value.
    pub value: f64,
}

/// A parsed scrape.
#[derive(Debug, Clone, Default)]
pub struct Scrape {
    /// `(family name, type)` of every `# TYPE` line, in order.
    pub families: Vec<(String, String)>,
    /// Every sample, in order.
    pub samples: Vec<Sample>,
    /// The text as it came.
    pub text: String,
}

impl Scrape {
    /// Parse `text`; panics naming the line that is not the text format.
    pub fn parse(text: &str) -> Scrape {
        let mut s = Scrape {
            text: text.to_owned(),
            ..Scrape::default()
        };
        for line in text.lines() {
            if let Some(t) = line.strip_prefix("# TYPE ") {
                let (n, k) = t.split_once(' ').expect("a TYPE line names a type");
                s.families.push((n.to_owned(), k.to_owned()));
                continue;
            }
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            s.samples.push(sample(line));
        }
        s
    }

    /// The value of the series `name` whose labels include `labels`, if exactly one matches.
    pub fn value(&self, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        let mut found = self.samples.iter().filter(|x| {
            x.name == name
                && labels
                    .iter()
                    .all(|(k, v)| x.labels.get(*k).map(String::as_str) == Some(*v))
        });
        let first = found.next()?;
        assert!(
            found.next().is_none(),
            "more than one {name}{labels:?} in:\n{}",
            self.text
        );
        Some(first.value)
    }
}

fn sample(line: &str) -> Sample {
    fn bad(line: &str) -> ! {
        panic!("not a sample line: {line:?}")
    }
    let Some((series, value)) = line.rsplit_once(' ') else {
        bad(line)
    };
    let value = match value {
        "+Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        v => v.parse().unwrap_or_else(|_| bad(line)),
    };
    let (name, labels) = match series.split_once('{') {
        None => (series, BTreeMap::new()),
        Some((name, rest)) => {
            let labels = rest.strip_suffix('}').and_then(labels_of);
            (name, labels.unwrap_or_else(|| bad(line)))
        }
    };
    Sample {
        name: name.to_owned(),
        labels,
        value,
    }
}

/// `a="x",b="y\"z"` (escapes: `\\`, `\"`, `\n`).
fn labels_of(body: &str) -> Option<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let mut rest = body;
    while !rest.is_empty() {
        let (key, after) = rest.split_once("=\"")?;
        let mut value = String::new();
        let mut chars = after.char_indices();
        let end = loop {
            let (i, c) = chars.next()?;
            match c {
                '\\' => match chars.next()?.1 {
                    'n' => value.push('\n'),
                    other => value.push(other),
                },
                '"' => break i,
                c => value.push(c),
            }
        };
        out.insert(key.to_owned(), value);
        rest = after[end + 1..]
            .strip_prefix(',')
            .unwrap_or(&after[end + 1..]);
    }
    Some(out)
}

impl Node {
    /// `GET /metrics` as `admin`; it must answer 200.
    #[track_caller]
    pub fn scrape(&self) -> Scrape {
        let a = self.http_get("/metrics", Some(&basic("admin", "pw")));
        assert_eq!(a.status, 200, "{a:#?}");
        Scrape::parse(&a.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_parsed() {
        let s = Scrape::parse(
            "# HELP x_total X.\n# TYPE x_total counter\nx_total{peer=\"a\\\"b\",d=\"in\"} 3\ny 1.5\nz_bucket{le=\"+Inf\"} 2\n",
        );
        assert_eq!(s.families, [("x_total".to_owned(), "counter".to_owned())]);
        assert_eq!(s.value("x_total", &[("peer", "a\"b")]), Some(3.0));
        assert_eq!(s.value("y", &[]), Some(1.5));
        assert_eq!(s.value("z_bucket", &[("le", "+Inf")]), Some(2.0));
        assert_eq!(s.value("x_total", &[("peer", "b")]), None);
    }
}
