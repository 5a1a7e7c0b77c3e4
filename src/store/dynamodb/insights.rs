//! The insights counters on DynamoDB, in the playback table (the one the
//! function may write): one small item per day and entry, listed by day
//! through the sparse index [`INDEX`]:
//!
//! - misses: `pk = insights|misses|<YYYY-MM-DD>|<kind>|<normal form>`, with
//!   `missed`, `offered`, `accepted` (counters), `suggestion` (the latest
//!   offered), `last_seen` (seconds);
//! - plays: `pk = insights|plays|<YYYY-MM-DD>|<track id>`, with `plays` and
//!   `last_seen`;
//! - both carry `insights_day = insights|<kind>|<day>` and `insights_name`
//!   (the entry's name), the keys of [`INDEX`]; no other item of the table
//!   has them, so the index holds counters only.
//!
//! Why one item per entry: an `UpdateItem` costs write units by the size of
//! the item it touches, and an item stops at 400 KB, so items that gather
//! many entries get dearer with every distinct query and then fail; an
//! entry's item stays a few hundred bytes whatever the day brings
//! (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html>).
//!
//! Counts change with `ADD` (atomic: concurrent writers lose nothing);
//! every item expires [`MAX_DAYS`] after its day through the table's TTL. A
//! report is one `Query` of the index per day (more pages only past 1 MB of
//! a day's entries): never a scan.

use std::collections::HashMap;

use async_trait::async_trait;
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use futures::{StreamExt, TryStreamExt};

use super::store_error;
use super::tables::TTL_ATTRIBUTE;
use crate::error::StoreError;
use crate::insights::{
    Asked, Counts, Day, MissCounts, PlayCounts, Query, Unwritten, Wanted, MAX_DAYS,
};
use crate::ports::InsightsStore;

/// The playback table's index of counters by day.
pub const INDEX: &str = "insights";
/// Its partition key: `insights|<kind>|<day>`.
pub const DAY_ATTRIBUTE: &str = "insights_day";
/// Its sort key: the entry's name (`<kind>|<normal form>` or a track id).
pub const NAME_ATTRIBUTE: &str = "insights_name";

/// Increments in flight at once: a flush of many entries neither opens a
/// connection per entry nor takes long.
const WRITES_AT_ONCE: usize = 8;

/// Days read at once by a report.
const DAYS_AT_ONCE: usize = 4;

fn kind_of(wanted: Wanted) -> &'static str {
    match wanted {
        Wanted::Misses => "misses",
        Wanted::Plays => "plays",
    }
}

fn day_key(wanted: Wanted, day: Day) -> String {
    format!("insights|{}|{day}", kind_of(wanted))
}

fn query_name(query: &Query) -> String {
    format!("{}|{}", query.asked.as_str(), query.text)
}

#[derive(Debug, Clone)]
pub struct DynamoInsights {
    client: Client,
    table: String,
}

/// One entry's increment.
struct Increment {
    wanted: Wanted,
    name: String,
    adds: Vec<(&'static str, u64)>,
    /// String-set attributes each value is added to (`ADD` of a set).
    set_adds: Vec<(&'static str, Vec<String>)>,
    sets: Vec<(&'static str, AttributeValue)>,
    /// The entry itself, given back if the write is throttled.
    counts: Counts,
}

impl Increment {
    fn expression(&self) -> String {
        let mut sets = vec![
            "#day = :day".to_string(),
            "#name = :name".to_string(),
            "#ttl = :ttl".to_string(),
        ];
        sets.extend(self.sets.iter().map(|(a, _)| format!("#{a} = :{a}")));
        let mut expression = format!("SET {}", sets.join(", "));
        let adds: Vec<String> = self
            .adds
            .iter()
            .filter(|(_, by)| *by > 0)
            .map(|(a, _)| format!("#{a} :{a}"))
            .chain(
                self.set_adds
                    .iter()
                    .filter(|(_, values)| !values.is_empty())
                    .map(|(a, _)| format!("#{a} :{a}")),
            )
            .collect();
        if !adds.is_empty() {
            expression.push_str(&format!(" ADD {}", adds.join(", ")));
        }
        expression
    }
}

fn increments(counts: &Counts) -> Vec<Increment> {
    let mut out = Vec::with_capacity(counts.len());
    for (query, miss) in &counts.misses {
        let mut sets = vec![("last_seen", number(miss.last_seen))];
        if let Some(suggestion) = &miss.suggestion {
            sets.push(("suggestion", AttributeValue::S(suggestion.clone())));
        }
        let mut entry = Counts::default();
        entry.misses.insert(query.clone(), miss.clone());
        out.push(Increment {
            wanted: Wanted::Misses,
            name: query_name(query),
            adds: vec![
                ("missed", miss.missed),
                ("offered", miss.offered),
                ("accepted", miss.accepted),
            ],
            set_adds: vec![("locales", miss.locales.iter().cloned().collect())],
            sets,
            counts: entry,
        });
    }
    for (track, play) in &counts.plays {
        let mut entry = Counts::default();
        entry.plays.insert(track.clone(), play.clone());
        out.push(Increment {
            wanted: Wanted::Plays,
            name: track.clone(),
            adds: vec![("plays", play.plays)],
            set_adds: vec![],
            sets: vec![("last_seen", number(play.last_seen))],
            counts: entry,
        });
    }
    out
}

impl DynamoInsights {
    pub fn new(client: Client, table: &str) -> Self {
        DynamoInsights {
            client,
            table: table.to_string(),
        }
    }

    async fn increment(&self, day: Day, expires: i64, entry: &Increment) -> Result<(), StoreError> {
        let day_key = day_key(entry.wanted, day);
        let mut request = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("pk", AttributeValue::S(format!("{day_key}|{}", entry.name)))
            .update_expression(entry.expression())
            .expression_attribute_names("#day", DAY_ATTRIBUTE)
            .expression_attribute_names("#name", NAME_ATTRIBUTE)
            .expression_attribute_names("#ttl", TTL_ATTRIBUTE)
            .expression_attribute_values(":day", AttributeValue::S(day_key))
            .expression_attribute_values(":name", AttributeValue::S(entry.name.clone()))
            .expression_attribute_values(":ttl", number(expires));
        for (attribute, value) in &entry.sets {
            request = request
                .expression_attribute_names(format!("#{attribute}"), *attribute)
                .expression_attribute_values(format!(":{attribute}"), value.clone());
        }
        for (attribute, by) in entry.adds.iter().filter(|(_, by)| *by > 0) {
            request = request
                .expression_attribute_names(format!("#{attribute}"), *attribute)
                .expression_attribute_values(format!(":{attribute}"), number_u(*by));
        }
        for (attribute, values) in entry.set_adds.iter().filter(|(_, v)| !v.is_empty()) {
            request = request
                .expression_attribute_names(format!("#{attribute}"), *attribute)
                .expression_attribute_values(
                    format!(":{attribute}"),
                    AttributeValue::Ss(values.clone()),
                );
        }
        request
            .send()
            .await
            .map_err(|err| store_error("UpdateItem", &self.table, err))?;
        Ok(())
    }

    /// One day's entries of one kind, every page.
    async fn read_day(&self, day: Day, wanted: Wanted) -> Result<Counts, StoreError> {
        let items: Vec<HashMap<String, AttributeValue>> = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(INDEX)
            .key_condition_expression("#day = :day")
            .expression_attribute_names("#day", DAY_ATTRIBUTE)
            .expression_attribute_values(":day", AttributeValue::S(day_key(wanted, day)))
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(|err| store_error("Query", &self.table, err))?;
        let mut counts = Counts::default();
        for item in &items {
            match parse_item(item, wanted) {
                Some(entry) => counts.merge(entry),
                None => tracing::warn!(
                    day = %day,
                    "an insights item is not a counter jukebox wrote: skipped"
                ),
            }
        }
        Ok(counts)
    }
}

fn number(n: i64) -> AttributeValue {
    AttributeValue::N(n.to_string())
}

fn number_u(n: u64) -> AttributeValue {
    AttributeValue::N(n.to_string())
}

#[async_trait]
impl InsightsStore for DynamoInsights {
    async fn add(&self, day: Day, counts: &Counts) -> Result<(), Unwritten> {
        let expires = day.end_s() + i64::from(MAX_DAYS) * 86_400;
        let entries = increments(counts);
        let results: Vec<(Increment, Result<(), StoreError>)> = futures::stream::iter(entries)
            .map(|entry| async move {
                let result = self.increment(day, expires, &entry).await;
                (entry, result)
            })
            .buffer_unordered(WRITES_AT_ONCE)
            .collect()
            .await;
        let (mut retry, mut lost, mut first) = (Counts::default(), 0, None);
        for (entry, result) in results {
            let Err(error) = result else { continue };
            if matches!(error, StoreError::Throttled { .. }) {
                retry.merge(entry.counts);
            } else {
                lost += 1;
            }
            first.get_or_insert(error);
        }
        match first {
            None => Ok(()),
            Some(error) => Err(Unwritten { retry, lost, error }),
        }
    }

    async fn read(&self, days: &[Day], wanted: Wanted) -> Result<Counts, StoreError> {
        let per_day: Vec<Counts> = futures::stream::iter(days.iter().copied())
            .map(|day| self.read_day(day, wanted))
            .buffer_unordered(DAYS_AT_ONCE)
            .try_collect()
            .await?;
        let mut counts = Counts::default();
        for day in per_day {
            counts.merge(day);
        }
        Ok(counts)
    }
}

fn count_of(item: &HashMap<String, AttributeValue>, attribute: &str) -> Option<u64> {
    match item.get(attribute) {
        None => Some(0),
        Some(AttributeValue::N(n)) => n.parse().ok(),
        Some(_) => None,
    }
}

fn seconds_of(item: &HashMap<String, AttributeValue>) -> i64 {
    match item.get("last_seen") {
        Some(AttributeValue::N(n)) => n.parse().unwrap_or(0),
        _ => 0,
    }
}

/// One counter item as counts; `None` when it is not one jukebox wrote.
fn parse_item(item: &HashMap<String, AttributeValue>, wanted: Wanted) -> Option<Counts> {
    let Some(AttributeValue::S(name)) = item.get(NAME_ATTRIBUTE) else {
        return None;
    };
    let mut counts = Counts::default();
    match wanted {
        Wanted::Misses => {
            let (asked, text) = name.split_once('|')?;
            let query = Query {
                asked: Asked::parse(asked)?,
                text: text.to_string(),
            };
            let suggestion = match item.get("suggestion") {
                Some(AttributeValue::S(s)) => Some(s.clone()),
                _ => None,
            };
            // Items written before locales were counted have none.
            let locales = match item.get("locales") {
                Some(AttributeValue::Ss(locales)) => locales
                    .iter()
                    .take(crate::insights::MAX_LOCALES)
                    .cloned()
                    .collect(),
                _ => Default::default(),
            };
            counts.misses.insert(
                query,
                MissCounts {
                    missed: count_of(item, "missed")?,
                    offered: count_of(item, "offered")?,
                    accepted: count_of(item, "accepted")?,
                    suggestion,
                    last_seen: seconds_of(item),
                    locales,
                },
            );
        }
        Wanted::Plays => {
            counts.plays.insert(
                name.clone(),
                PlayCounts {
                    plays: count_of(item, "plays")?,
                    last_seen: seconds_of(item),
                },
            );
        }
    }
    Some(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn miss(missed: u64, offered: u64, accepted: u64) -> Counts {
        let mut counts = Counts::default();
        counts.misses.insert(
            Query {
                asked: Asked::Song,
                text: "purple rain".into(),
            },
            MissCounts {
                missed,
                offered,
                accepted,
                suggestion: None,
                last_seen: 5,
                locales: Default::default(),
            },
        );
        counts
    }

    #[test]
    fn an_increment_sets_the_index_keys_and_expiry_and_adds_only_what_changed() {
        let entries = increments(&miss(2, 0, 1));
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].name, "song|purple rain");
        assert_eq!(
            entries[0].expression(),
            "SET #day = :day, #name = :name, #ttl = :ttl, #last_seen = :last_seen \
             ADD #missed :missed, #accepted :accepted"
        );
    }

    #[test]
    fn an_item_reads_back_as_the_counts_written_and_odd_items_are_skipped() {
        let item = |pairs: &[(&str, AttributeValue)]| -> HashMap<String, AttributeValue> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect()
        };
        let n = |v: &str| AttributeValue::N(v.into());
        let read = parse_item(
            &item(&[
                (NAME_ATTRIBUTE, AttributeValue::S("song|purple rain".into())),
                ("missed", n("2")),
                ("accepted", n("1")),
                ("last_seen", n("5")),
            ]),
            Wanted::Misses,
        );
        assert_eq!(read.map(|c| c.misses), Some(miss(2, 0, 1).misses));
        for odd in [
            item(&[("missed", n("2"))]),
            item(&[
                (NAME_ATTRIBUTE, AttributeValue::S("tune|purple rain".into())),
                ("missed", n("2")),
            ]),
            item(&[
                (NAME_ATTRIBUTE, AttributeValue::S("song|purple rain".into())),
                ("missed", AttributeValue::S("many".into())),
            ]),
        ] {
            assert_eq!(parse_item(&odd, Wanted::Misses), None, "{odd:?}");
        }
    }
}
