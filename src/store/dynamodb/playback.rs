//! Playback state on DynamoDB: strongly consistent reads and conditional
//! writes on a version number, so concurrent events never lose an update;
//! `expires_at` lets DynamoDB's TTL remove abandoned state.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use aws_sdk_dynamodb::Client;
use serde::{Deserialize, Serialize};

use super::store_error;
use crate::error::StoreError;
use crate::playback::{now_secs, ListenerKey, PlaybackState, SaveError, Versioned};
use crate::ports::PlaybackStore;

/// The playback item: the state as compact JSON (one attribute, whatever
/// fields [`PlaybackState`] grows), its version and its expiry.
#[derive(Debug, Serialize, Deserialize)]
struct PlaybackItem {
    pk: String,
    state: String,
    version: u64,
    expires_at: u64,
}

/// The item that stores `state` at `version`, expiring a month from now.
fn playback_item(
    key: &ListenerKey,
    state: &PlaybackState,
    version: u64,
) -> Result<std::collections::HashMap<String, AttributeValue>, StoreError> {
    let item = PlaybackItem {
        pk: key.storage_key(),
        state: serde_json::to_string(state)
            .map_err(|err| StoreError::corrupt_because("playback state", err))?,
        version,
        expires_at: now_secs() + STATE_TTL_SECS,
    };
    serde_dynamo::to_item(item).map_err(|err| StoreError::corrupt_because("playback item", err))
}

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
        let Some(item) = output.item else {
            return Ok(None);
        };
        let item: PlaybackItem = serde_dynamo::from_item(item)
            .map_err(|err| StoreError::corrupt_because("playback item", err))?;
        let state: PlaybackState = serde_json::from_str(&item.state)
            .map_err(|err| StoreError::corrupt_because("playback state", err))?;
        Ok(Some(Versioned {
            state,
            version: item.version,
        }))
    }

    async fn save(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
        expected: Option<u64>,
    ) -> Result<u64, SaveError> {
        let version = expected.unwrap_or(0) + 1;
        let item = playback_item(key, state, version)?;
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

    /// One unconditional `PutItem` returning the old item (`ALL_OLD`):
    /// cheaper than an `UpdateItem` (measured on DynamoDB Local, see
    /// BENCHMARKS.md). The new version is a fresh random number rather than
    /// the old one plus one: versions only need to differ from every
    /// version a pending save may name, and a random 62-bit number does.
    async fn replace(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
    ) -> Result<(Option<PlaybackState>, u64), StoreError> {
        use rand::Rng;
        let version = rand::rng().random_range(1..(1u64 << 62));
        let item = playback_item(key, state, version)?;
        self.writes.fetch_add(1, Ordering::Relaxed);
        let output = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(|err| store_error("PutItem", &self.table, err))?;
        let Some(old) = output.attributes.filter(|a| !a.is_empty()) else {
            return Ok((None, version));
        };
        // A corrupt old state is replaced all the same: nothing in it is
        // needed but its settings.
        let state = serde_dynamo::from_item::<_, PlaybackItem>(old)
            .ok()
            .and_then(|old| serde_json::from_str::<PlaybackState>(&old.state).ok());
        Ok((state, version))
    }
}
