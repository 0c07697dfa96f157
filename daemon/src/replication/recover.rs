//! Refilling a node whose damaged database was set aside: its node records
//! came back from the system backup, but its tables and cursors did not. For
//! every subscription, recreate the table with the peer's primary key and
//! start a consumer below the peer's stream, so it begins with a snapshot of
//! the peer's table. Retries until every peer was reached.

use std::time::Duration;

use serde_json::json;

use super::{Replicator, wire};
use crate::store::StoreError;

/// Pause between rounds while some peer is still unreachable.
const RETRY: Duration = Duration::from_secs(1);

impl Replicator {
    /// Start refilling this node from its peers (in the background).
    pub fn recover_from_peers(&self) {
        let rep = self.clone();
        tokio::spawn(async move {
            loop {
                match rep.recover_round().await {
                    Ok(0) => {
                        tracing::info!(
                            "recovery: every subscription has its table and consumer again"
                        );
                        return;
                    }
                    Ok(n) => tracing::info!("recovery: {n} node(s) not reached yet"),
                    Err(e) => tracing::warn!("recovery: {e}"),
                }
                tokio::time::sleep(RETRY).await;
            }
        });
    }

    /// One pass; how many nodes still need a visit.
    async fn recover_round(&self) -> Result<usize, StoreError> {
        let store = &self.inner.store;
        let mut left = 0;
        for rec in store.node_records()? {
            let needs = rec.subscriptions.iter().any(|s| {
                let t = s.table_ref();
                store.table(&t).is_err()
                    || (s.subscribe && store.cursor(&rec.name, &t).ok().flatten().is_none())
            });
            if !needs {
                continue;
            }
            let Some(mesh) = self
                .inner
                .cluster
                .mesh()
                .filter(|m| m.is_reachable(&rec.name))
            else {
                left += 1;
                continue;
            };
            let schema = match mesh
                .request(
                    &rec.name,
                    json!({"operation": wire::SCHEMA}),
                    Duration::from_secs(15),
                )
                .await
            {
                Ok(s) => s,
                Err(e) => {
                    tracing::warn!(node = %rec.name, "recovery: cannot read the node's tables: {e}");
                    left += 1;
                    continue;
                }
            };
            for sub in &rec.subscriptions {
                let t = sub.table_ref();
                if store.table(&t).is_err() {
                    match schema[&t.database][&t.table]["hash_attribute"].as_str() {
                        Some(pk) => {
                            store.create_table(&t, pk)?;
                            tracing::info!(table = %t, node = %rec.name, "recovery: table recreated");
                        }
                        None => {
                            tracing::warn!(table = %t, node = %rec.name, "recovery: the node does not have the table either");
                            continue;
                        }
                    }
                }
                // Sequence 0 is below every stream: the first pull finds a
                // gap and copies the peer's whole table (which also holds
                // what this node wrote before it lost it), then follows the
                // stream. The peer's instance is learnt from its first answer.
                if sub.subscribe {
                    store.create_cursor(&rec.name, &t, 0, "")?;
                }
            }
        }
        store.flush().await?;
        self.reconcile()?;
        Ok(left)
    }
}
