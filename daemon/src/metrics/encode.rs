//! Writing metric families through prometheus-client's encoder: one
//! descriptor (`# HELP`, `# TYPE`) and its samples. A family with no sample
//! is left out entirely. Counter names are given without `_total` (the
//! encoder appends it); every name carries its unit itself.

use std::fmt;

use prometheus_client::encoding::{DescriptorEncoder, EncodeGaugeValue, MetricEncoder, NoLabelSet};
use prometheus_client::metrics::MetricType;

use crate::histogram::Snapshot;

/// A sample's labels: (name, value) pairs.
pub type Labels = Vec<(&'static str, String)>;

/// The encoder of one scrape.
pub struct Families<'a> {
    enc: DescriptorEncoder<'a>,
}

impl<'a> Families<'a> {
    /// Encode through `enc`.
    pub fn new(enc: DescriptorEncoder<'a>) -> Families<'a> {
        Families { enc }
    }

    /// A counter family.
    pub fn counter<V>(
        &mut self,
        name: &str,
        help: &str,
        rows: impl IntoIterator<Item = (Labels, V)>,
    ) -> fmt::Result
    where
        V: prometheus_client::encoding::EncodeCounterValue,
    {
        debug_assert!(!name.ends_with("_total"), "{name}: the encoder adds _total");
        self.family(name, help, MetricType::Counter, rows, |mut m, v| {
            m.encode_counter::<NoLabelSet, V, f64>(v, None)
        })
    }

    /// A gauge family.
    pub fn gauge<V: EncodeGaugeValue>(
        &mut self,
        name: &str,
        help: &str,
        rows: impl IntoIterator<Item = (Labels, V)>,
    ) -> fmt::Result {
        self.family(name, help, MetricType::Gauge, rows, |mut m, v| {
            m.encode_gauge(v)
        })
    }

    /// A histogram family.
    pub fn histogram(
        &mut self,
        name: &str,
        help: &str,
        rows: impl IntoIterator<Item = (Labels, Snapshot)>,
    ) -> fmt::Result {
        self.family(name, help, MetricType::Histogram, rows, |mut m, s| {
            m.encode_histogram::<NoLabelSet>(s.sum, s.count, &s.buckets, None)
        })
    }

    /// One family: its descriptor and a sample per row, each written by
    /// `sample`; nothing at all when there is no row.
    fn family<V>(
        &mut self,
        name: &str,
        help: &str,
        kind: MetricType,
        rows: impl IntoIterator<Item = (Labels, V)>,
        mut sample: impl FnMut(MetricEncoder<'_>, &V) -> fmt::Result,
    ) -> fmt::Result {
        let rows: Vec<_> = rows.into_iter().collect();
        if rows.is_empty() {
            return Ok(());
        }
        let mut m = self.enc.encode_descriptor(name, help, None, kind)?;
        for (labels, v) in &rows {
            sample(m.encode_family(labels)?, v)?;
        }
        Ok(())
    }
}

/// No labels.
pub fn none() -> Labels {
    Vec::new()
}

/// One gauge sample without labels.
pub fn one<V>(v: V) -> Option<(Labels, V)> {
    Some((none(), v))
}
