//! The catalog on DynamoDB: one `Query` per search key, run concurrently;
//! never a scan, never the whole catalog.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;

use super::items::{key_pk, track_from, track_pk, NEW_PK, TRACK_SK};
use super::store_error;
use crate::catalog::Track;
use crate::error::StoreError;
use crate::ports::Catalog;

#[derive(Debug, Clone)]
pub struct DynamoCatalog {
    client: Client,
    table: String,
    /// DynamoDB requests made so far: what a search costs, for benchmarks and tests.
    requests: Arc<AtomicU64>,
}

impl DynamoCatalog {
    pub fn new(client: Client, table: &str) -> Self {
        DynamoCatalog {
            client,
            table: table.to_string(),
            requests: Arc::default(),
        }
    }

    /// DynamoDB requests this catalog has sent.
    pub fn requests_made(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// One `Query` on a search key: its tracks in catalog order, from
    /// catalog position `from` on when given (the sort key is
    /// `<position, 10 digits>#<id>`), at most `limit`; from the key's end
    /// backwards when `backwards`.
    async fn query_key(
        &self,
        key: &str,
        from: Option<u32>,
        limit: usize,
        backwards: bool,
    ) -> Result<Vec<Track>, StoreError> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let request = self
            .client
            .query()
            .table_name(&self.table)
            .expression_attribute_values(":pk", AttributeValue::S(key_pk(key)))
            .scan_index_forward(!backwards)
            .limit(limit.clamp(1, 1000) as i32);
        let request = match from {
            None => request.key_condition_expression("pk = :pk"),
            Some(from) => request
                .key_condition_expression("pk = :pk AND sk >= :from")
                .expression_attribute_values(":from", AttributeValue::S(format!("{from:010}"))),
        };
        let output = request
            .send()
            .await
            .map_err(|err| store_error("Query", &self.table, err))?;
        output.items().iter().map(track_from).collect()
    }
}

#[async_trait]
impl Catalog for DynamoCatalog {
    async fn lookup(
        &self,
        keys: &[String],
        per_key_limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        let results = futures::future::try_join_all(
            keys.iter()
                .map(|key| self.query_key(key, None, per_key_limit, false)),
        )
        .await?;
        let mut tracks: Vec<Track> = Vec::new();
        for track in results.into_iter().flatten() {
            if !tracks.iter().any(|t| t.id == track.id) {
                tracks.push(track);
            }
        }
        Ok(tracks)
    }

    async fn tracks_from(
        &self,
        key: &str,
        from: u32,
        limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        self.query_key(key, Some(from), limit, false).await
    }

    /// The playlists' registry items (`catalog import --playlists`): one
    /// `Query`, names only.
    async fn playlist_names(&self) -> Result<Vec<String>, StoreError> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(
                ":pk",
                AttributeValue::S(super::playlists::REGISTRY_PK.to_string()),
            )
            .projection_expression("#name")
            .expression_attribute_names("#name", "name")
            .limit(crate::catalog::MAX_PLAYLIST_NAMES as i32)
            .send()
            .await
            .map_err(|err| store_error("Query", &self.table, err))?;
        Ok(output
            .items()
            .iter()
            .filter_map(|item| match item.get("name") {
                Some(AttributeValue::S(name)) => Some(name.clone()),
                _ => None,
            })
            .collect())
    }

    /// The key's last search item: one `Query`, backwards, `Limit 1`.
    async fn last(&self, key: &str) -> Result<Option<Track>, StoreError> {
        Ok(self.query_key(key, None, 1, true).await?.pop())
    }

    /// The newest-first index ([`NEW_PK`]): one `Query`, backwards, with a
    /// `Limit`, whatever the catalog's size.
    async fn newest(&self, limit: usize) -> Result<Vec<Track>, StoreError> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", AttributeValue::S(NEW_PK.to_string()))
            .scan_index_forward(false)
            .limit(limit.clamp(1, 1000) as i32)
            .send()
            .await
            .map_err(|err| store_error("Query", &self.table, err))?;
        // One entry per track, newest first: an entry an import left
        // behind under an older date never plays a track twice.
        let mut seen = std::collections::HashSet::new();
        let mut tracks = Vec::new();
        for item in output.items() {
            let track = track_from(item)?;
            if seen.insert(track.id.clone()) {
                tracks.push(track);
            }
        }
        Ok(tracks)
    }

    async fn track(&self, id: &str) -> Result<Option<Track>, StoreError> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", AttributeValue::S(track_pk(id)))
            .key("sk", AttributeValue::S(TRACK_SK.to_string()))
            .send()
            .await
            .map_err(|err| store_error("GetItem", &self.table, err))?;
        output.item().map(track_from).transpose()
    }
}
