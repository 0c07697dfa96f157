//! Writing metric families through prometheus-client's encoder: one
//! descriptor (`# HELP`, `# TYPE`) and its samples. A family with no sample
//! is left out entirely. Counter names are given without `_total` (the
//! encoder appends it); every name carries its unit itself.

use std::fmt;

use prometheus_client::encoding::{DescriptorEncoder, EncodeGaugeValue, NoLabelSet};
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
        let rows: Vec<_> = rows.into_iter().collect();
        if rows.is_empty() {
            return Ok(());
        }
        debug_assert!(!name.ends_with("_total"), "{name}: the encoder adds _total");
        let mut m = self
            .enc
            .encode_descriptor(name, help, None, MetricType::Counter)?;
        for (labels, v) in &rows {
            m.encode_family(labels)?
                .encode_counter::<NoLabelSet, V, f64>(v, None)?;
        }
        Ok(())
    }

    /// A gauge family.
    pub fn gauge<V: EncodeGaugeValue>(
        &mut self,
        name: &str,
        help: &str,
        rows: impl IntoIterator<Item = (Labels, V)>,
    ) -> fmt::Result {
        let rows: Vec<_> = rows.into_iter().collect();
        if rows.is_empty() {
            return Ok(());
        }
        let mut m = self
            .enc
            .encode_descriptor(name, help, None, MetricType::Gauge)?;
        for (labels, v) in &rows {
            m.encode_family(labels)?.encode_gauge(v)?;
        }
        Ok(())
    }

    /// A histogram family.
    pub fn histogram(
        &mut self,
        name: &str,
        help: &str,
        rows: impl IntoIterator<Item = (Labels, Snapshot)>,
    ) -> fmt::Result {
        let rows: Vec<_> = rows.into_iter().collect();
        if rows.is_empty() {
            return Ok(());
        }
        let mut m = self
            .enc
            .encode_descriptor(name, help, None, MetricType::Histogram)?;
        for (labels, s) in &rows {
            m.encode_family(labels)?
                .encode_histogram::<NoLabelSet>(s.sum, s.count, &s.buckets, None)?;
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
