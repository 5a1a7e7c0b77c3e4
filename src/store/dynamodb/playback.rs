//! Playback state on DynamoDB: strongly consistent reads and conditional
//! writes on a version number, so concurrent events never lose an update;
//! `expires_at` lets DynamoDB's TTL remove abandoned state.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;

use super::store_error;
use crate::catalog::StoreError;
use crate::playback::{now_secs, ListenerKey, PlaybackState, PlaybackStore, SaveError, Versioned};

/// How long untouched state is kept: a month of not listening.
pub const STATE_TTL_SECS: u64 = 30 * 24 * 3600;

#[derive(Debug, Clone)]
pub struct DynamoPlaybackStore {
    client: Client,
    table: String,
    /// Reads and writes sent so far: what an event costs, for benchmarks and tests.
    reads: Arc<AtomicU64>,
    writes: Arc<AtomicU64>,
}

impl DynamoPlaybackStore {
    pub fn new(client: Client, table: &str) -> Self {
        DynamoPlaybackStore {
            client,
            table: table.to_string(),
            reads: Arc::default(),
            writes: Arc::default(),
        }
    }

    /// `(GetItem, PutItem)` requests this store has sent.
    pub fn requests_made(&self) -> (u64, u64) {
        (
            self.reads.load(Ordering::Relaxed),
            self.writes.load(Ordering::Relaxed),
        )
    }
}

#[async_trait]
impl PlaybackStore for DynamoPlaybackStore {
    async fn load(&self, key: &ListenerKey) -> Result<Option<Versioned>, StoreError> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", AttributeValue::S(key.storage_key()))
            .consistent_read(true)
            .send()
            .await
            .map_err(|err| store_error("GetItem", &self.table, err))?;
        let Some(item) = output.item() else {
            return Ok(None);
        };
        let version = item
            .get("version")
            .and_then(|v| v.as_n().ok())
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| StoreError::Corrupt("playback item without a version".into()))?;
        let state = item
            .get("state")
            .and_then(|v| v.as_s().ok())
            .ok_or_else(|| StoreError::Corrupt("playback item without a state".into()))?;
        let state: PlaybackState = serde_json::from_str(state)
            .map_err(|err| StoreError::Corrupt(format!("playback state: {err}")))?;
        Ok(Some(Versioned { state, version }))
    }

    async fn save(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
        expected: Option<u64>,
    ) -> Result<u64, SaveError> {
        let version = expected.unwrap_or(0) + 1;
        let body =
            serde_json::to_string(state).map_err(|err| StoreError::Corrupt(err.to_string()))?;
        let item = HashMap::from([
            ("pk".to_string(), AttributeValue::S(key.storage_key())),
            ("state".to_string(), AttributeValue::S(body)),
            (
                "version".to_string(),
                AttributeValue::N(version.to_string()),
            ),
            (
                "expires_at".to_string(),
                AttributeValue::N((now_secs() + STATE_TTL_SECS).to_string()),
            ),
        ]);
        let request = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item));
        let request = match expected {
            None => request.condition_expression("attribute_not_exists(pk)"),
            Some(expected) => request
                .condition_expression("version = :expected")
                .expression_attribute_values(":expected", AttributeValue::N(expected.to_string())),
        };
        self.writes.fetch_add(1, Ordering::Relaxed);
        match request.send().await {
            Ok(_) => Ok(version),
            Err(err)
                if err
                    .as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Err(SaveError::Conflict)
            }
            Err(err) => Err(SaveError::Store(store_error("PutItem", &self.table, err))),
        }
    }
}
