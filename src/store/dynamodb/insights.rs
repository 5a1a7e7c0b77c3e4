//! The insights counters on DynamoDB, in the playback table (the one the
//! function may write), partitioned by day and spread over [`SHARDS`]
//! items per day and kind, so a busy day cannot outgrow DynamoDB's 400 KB
//! item limit and a report reads a known, bounded set of keys:
//!
//! - `pk = insights|misses|<YYYY-MM-DD>|<shard>`: per query (`<kind>|<normal
//!   form>`), attributes `m|…` (missed), `o|…` (offered), `a|…` (accepted),
//!   `s|…` (latest suggestion), `t|…` (last seen, seconds);
//! - `pk = insights|plays|<YYYY-MM-DD>|<shard>`: per track id, `p|…`, `t|…`.
//!
//! Counts change with `ADD` in one `UpdateItem` per item touched (atomic:
//! concurrent writers lose nothing); every item expires ([`MAX_DAYS`] after
//! its day) through the table's TTL. A report is `BatchGetItem`s of
//! `days × SHARDS` keys, 100 a request: never a scan.

use std::collections::{BTreeMap, HashMap};

use async_trait::async_trait;
use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes};
use aws_sdk_dynamodb::Client;

use super::store_error;
use super::tables::TTL_ATTRIBUTE;
use crate::error::StoreError;
use crate::insights::{
    Asked, Counts, Day, InsightsStore, MissCounts, PlayCounts, Query, Wanted, MAX_DAYS,
};

/// Items per day and kind.
pub const SHARDS: u64 = 16;

/// Entries written in one `UpdateItem` (its expression stays far below
/// DynamoDB's 4 KB limit).
const ENTRIES_PER_UPDATE: usize = 12;

/// BatchGetItem takes at most 100 keys.
const KEYS_PER_BATCH: usize = 100;

fn shard_of(name: &str) -> u64 {
    // FNV-1a: stable across processes and versions (unlike std's hasher).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash % SHARDS
}

fn kind_of(wanted: Wanted) -> &'static str {
    match wanted {
        Wanted::Misses => "misses",
        Wanted::Plays => "plays",
    }
}

fn item_key(wanted: Wanted, day: Day, shard: u64) -> String {
    format!("insights|{}|{day}|{shard}", kind_of(wanted))
}

fn query_name(query: &Query) -> String {
    format!("{}|{}", query.asked.as_str(), query.text)
}

#[derive(Debug, Clone)]
pub struct DynamoInsights {
    client: Client,
    table: String,
}

impl DynamoInsights {
    pub fn new(client: Client, table: &str) -> Self {
        DynamoInsights {
            client,
            table: table.to_string(),
        }
    }

    async fn update(&self, pk: String, update: Update) -> Result<(), StoreError> {
        let mut request = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("pk", AttributeValue::S(pk))
            .update_expression(update.expression())
            .expression_attribute_names("#ttl", TTL_ATTRIBUTE);
        for (placeholder, name) in update.names {
            request = request.expression_attribute_names(placeholder, name);
        }
        for (placeholder, value) in update.values {
            request = request.expression_attribute_values(placeholder, value);
        }
        request
            .send()
            .await
            .map_err(|err| store_error("UpdateItem", &self.table, err))?;
        Ok(())
    }
}

/// One `UpdateItem`'s expression being built.
#[derive(Default)]
struct Update {
    adds: Vec<String>,
    sets: Vec<String>,
    names: Vec<(String, String)>,
    values: Vec<(String, AttributeValue)>,
}

impl Update {
    fn add(&mut self, attribute: String, by: u64) {
        if by == 0 {
            return;
        }
        let i = self.names.len();
        self.adds.push(format!("#n{i} :v{i}"));
        self.names.push((format!("#n{i}"), attribute));
        self.values
            .push((format!(":v{i}"), AttributeValue::N(by.to_string())));
    }

    fn set(&mut self, attribute: String, value: AttributeValue) {
        let i = self.names.len();
        self.sets.push(format!("#n{i} = :v{i}"));
        self.names.push((format!("#n{i}"), attribute));
        self.values.push((format!(":v{i}"), value));
    }

    fn expression(&self) -> String {
        let mut sets = self.sets.clone();
        sets.push("#ttl = :ttl".to_string());
        let mut expression = format!("SET {}", sets.join(", "));
        if !self.adds.is_empty() {
            expression.push_str(&format!(" ADD {}", self.adds.join(", ")));
        }
        expression
    }
}

fn number(n: i64) -> AttributeValue {
    AttributeValue::N(n.to_string())
}

#[async_trait]
impl InsightsStore for DynamoInsights {
    async fn add(&self, day: Day, counts: &Counts) -> Result<(), StoreError> {
        let expires = day.end_s() + i64::from(MAX_DAYS) * 86_400;
        // Entries grouped by the item they go to, in a stable order.
        let mut items: BTreeMap<String, Vec<Update>> = BTreeMap::new();
        let mut place = |pk: String, fill: &dyn Fn(&mut Update)| {
            let updates = items.entry(pk).or_default();
            if updates
                .last()
                .is_none_or(|u| u.names.len() >= ENTRIES_PER_UPDATE * 5)
            {
                updates.push(Update::default());
            }
            if let Some(update) = updates.last_mut() {
                fill(update);
            }
        };
        for (query, miss) in &counts.misses {
            let name = query_name(query);
            place(item_key(Wanted::Misses, day, shard_of(&name)), &|u| {
                u.add(format!("m|{name}"), miss.missed);
                u.add(format!("o|{name}"), miss.offered);
                u.add(format!("a|{name}"), miss.accepted);
                if let Some(suggestion) = &miss.suggestion {
                    u.set(format!("s|{name}"), AttributeValue::S(suggestion.clone()));
                }
                u.set(format!("t|{name}"), number(miss.last_seen));
            });
        }
        for (track, play) in &counts.plays {
            place(item_key(Wanted::Plays, day, shard_of(track)), &|u| {
                u.add(format!("p|{track}"), play.plays);
                u.set(format!("t|{track}"), number(play.last_seen));
            });
        }
        let mut writes = Vec::new();
        for (pk, updates) in items {
            for mut update in updates {
                update.values.push((":ttl".to_string(), number(expires)));
                writes.push(self.update(pk.clone(), update));
            }
        }
        futures::future::try_join_all(writes).await?;
        Ok(())
    }

    async fn read(&self, days: &[Day], wanted: Wanted) -> Result<Counts, StoreError> {
        let keys: Vec<String> = days
            .iter()
            .flat_map(|day| (0..SHARDS).map(move |shard| item_key(wanted, *day, shard)))
            .collect();
        let mut counts = Counts::default();
        for chunk in keys.chunks(KEYS_PER_BATCH) {
            for item in self.batch_get(chunk).await? {
                counts.merge(parse_item(&item, wanted)?);
            }
        }
        Ok(counts)
    }
}

impl DynamoInsights {
    /// The items with these keys (absent ones skipped), retrying keys
    /// DynamoDB left unprocessed a few times.
    async fn batch_get(
        &self,
        keys: &[String],
    ) -> Result<Vec<HashMap<String, AttributeValue>>, StoreError> {
        let mut wanted: Vec<HashMap<String, AttributeValue>> = keys
            .iter()
            .map(|pk| HashMap::from([("pk".to_string(), AttributeValue::S(pk.clone()))]))
            .collect();
        let mut items = Vec::new();
        for attempt in 0..5 {
            if wanted.is_empty() {
                return Ok(items);
            }
            if attempt > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(50 << attempt)).await;
            }
            let request = KeysAndAttributes::builder()
                .set_keys(Some(std::mem::take(&mut wanted)))
                .consistent_read(true)
                .build()
                .map_err(|err| StoreError::corrupt_because("insights keys", err))?;
            let output = self
                .client
                .batch_get_item()
                .request_items(&self.table, request)
                .send()
                .await
                .map_err(|err| store_error("BatchGetItem", &self.table, err))?;
            if let Some(found) = output.responses().and_then(|r| r.get(&self.table)) {
                items.extend(found.iter().cloned());
            }
            if let Some(left) = output.unprocessed_keys().and_then(|u| u.get(&self.table)) {
                wanted = left.keys().to_vec();
            }
        }
        if wanted.is_empty() {
            Ok(items)
        } else {
            Err(StoreError::Throttled {
                operation: format!("BatchGetItem on {}", self.table),
                source: format!("{} keys still unprocessed after 5 attempts", wanted.len()).into(),
            })
        }
    }
}

fn count_of(value: &AttributeValue) -> Result<u64, StoreError> {
    match value {
        AttributeValue::N(n) => n
            .parse()
            .map_err(|err| StoreError::corrupt_because("insights counter", err)),
        _ => Err(StoreError::corrupt("insights counter is not a number")),
    }
}

fn seconds_of(value: &AttributeValue) -> i64 {
    match value {
        AttributeValue::N(n) => n.parse().unwrap_or(0),
        _ => 0,
    }
}

/// One shard item's counters.
fn parse_item(
    item: &HashMap<String, AttributeValue>,
    wanted: Wanted,
) -> Result<Counts, StoreError> {
    let mut counts = Counts::default();
    for (attribute, value) in item {
        let Some((field, name)) = attribute.split_once('|') else {
            continue; // pk, expires_at
        };
        match wanted {
            Wanted::Misses => {
                let Some((asked, text)) = name.split_once('|') else {
                    continue;
                };
                let Some(asked) = Asked::parse(asked) else {
                    continue;
                };
                let query = Query {
                    asked,
                    text: text.to_string(),
                };
                let entry: &mut MissCounts = counts.misses.entry(query).or_default();
                match field {
                    "m" => entry.missed = count_of(value)?,
                    "o" => entry.offered = count_of(value)?,
                    "a" => entry.accepted = count_of(value)?,
                    "s" => {
                        if let AttributeValue::S(s) = value {
                            entry.suggestion = Some(s.clone());
                        }
                    }
                    "t" => entry.last_seen = seconds_of(value),
                    _ => {}
                }
            }
            Wanted::Plays => {
                let entry: &mut PlayCounts = counts.plays.entry(name.to_string()).or_default();
                match field {
                    "p" => entry.plays = count_of(value)?,
                    "t" => entry.last_seen = seconds_of(value),
                    _ => {}
                }
            }
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_stable_and_spread() {
        assert_eq!(shard_of("song|purple rain"), shard_of("song|purple rain"));
        let used: std::collections::HashSet<u64> = (0..200)
            .map(|i| shard_of(&format!("song|title {i}")))
            .collect();
        assert_eq!(used.len() as u64, SHARDS);
    }

    #[test]
    fn an_update_sets_the_expiry_and_adds_only_what_changed() {
        let mut update = Update::default();
        update.add("m|song|x".into(), 2);
        update.add("o|song|x".into(), 0);
        update.set("t|song|x".into(), number(5));
        assert_eq!(
            update.expression(),
            "SET #n1 = :v1, #ttl = :ttl ADD #n0 :v0"
        );
    }
}
