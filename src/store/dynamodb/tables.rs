//! The two tables, defined once: `jukebox tables create` builds them and a
//! test checks that `template.yaml` declares exactly the same.

use std::time::Duration;

use anyhow::Context;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, CreateGlobalSecondaryIndexAction, GlobalSecondaryIndex,
    GlobalSecondaryIndexUpdate, KeySchemaElement, KeyType, Projection, ProjectionType,
    ScalarAttributeType, TableDescription, TableStatus, TimeToLiveSpecification, TimeToLiveStatus,
};
use aws_sdk_dynamodb::Client;

/// The attribute DynamoDB's TTL reads on the playback table.
pub const TTL_ATTRIBUTE: &str = "expires_at";

/// A table's shape: its key attributes (name, HASH/RANGE), its global
/// secondary indexes and its TTL attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    /// `(attribute, "HASH" | "RANGE")`, all of type S.
    pub keys: Vec<(&'static str, &'static str)>,
    pub indexes: Vec<IndexSpec>,
    pub ttl_attribute: Option<&'static str>,
}

/// A global secondary index projecting every attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexSpec {
    pub name: &'static str,
    /// `(attribute, "HASH" | "RANGE")`, all of type S.
    pub keys: Vec<(&'static str, &'static str)>,
}

impl TableSpec {
    /// Every key attribute of the table and its indexes, once each.
    pub fn key_attributes(&self) -> Vec<&'static str> {
        let mut attributes: Vec<&'static str> = Vec::new();
        let all = self
            .keys
            .iter()
            .chain(self.indexes.iter().flat_map(|index| index.keys.iter()));
        for (attribute, _) in all {
            if !attributes.contains(attribute) {
                attributes.push(attribute);
            }
        }
        attributes
    }
}

fn key_schema(keys: &[(&'static str, &'static str)]) -> anyhow::Result<Vec<KeySchemaElement>> {
    keys.iter()
        .map(|(attribute, kind)| {
            Ok(KeySchemaElement::builder()
                .attribute_name(*attribute)
                .key_type(if *kind == "HASH" {
                    KeyType::Hash
                } else {
                    KeyType::Range
                })
                .build()?)
        })
        .collect()
}

fn string_attribute(attribute: &str) -> anyhow::Result<AttributeDefinition> {
    Ok(AttributeDefinition::builder()
        .attribute_name(attribute)
        .attribute_type(ScalarAttributeType::S)
        .build()?)
}

fn all_attributes() -> Projection {
    Projection::builder()
        .projection_type(ProjectionType::All)
        .build()
}

/// The catalog table: track items and search items under one key pair.
pub fn catalog_spec() -> TableSpec {
    TableSpec {
        keys: vec![("pk", "HASH"), ("sk", "RANGE")],
        indexes: Vec::new(),
        ttl_attribute: None,
    }
}

/// The playback table: one item per listener and device, expiring; and the
/// insights counters, listed by day through a sparse index.
pub fn playback_spec() -> TableSpec {
    use super::insights::{DAY_ATTRIBUTE, INDEX, NAME_ATTRIBUTE};
    TableSpec {
        keys: vec![("pk", "HASH")],
        indexes: vec![IndexSpec {
            name: INDEX,
            keys: vec![(DAY_ATTRIBUTE, "HASH"), (NAME_ATTRIBUTE, "RANGE")],
        }],
        ttl_attribute: Some(TTL_ATTRIBUTE),
    }
}

/// Whether `tables create` made a table or found it ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created,
    AlreadyExisted,
    /// It existed, made by an older jukebox: the indexes it lacked are added.
    IndexesAdded,
}

/// Creates the table (on-demand billing) unless it exists with this shape;
/// adds an index an older table lacks; waits until the table and its
/// indexes are active and its TTL is on. A table of the same name with
/// other keys is an error.
pub async fn ensure_table(
    client: &Client,
    name: &str,
    spec: &TableSpec,
) -> anyhow::Result<Outcome> {
    let mut request = client
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest);
    for attribute in spec.key_attributes() {
        request = request.attribute_definitions(string_attribute(attribute)?);
    }
    request = request.set_key_schema(Some(key_schema(&spec.keys)?));
    for index in &spec.indexes {
        request = request.global_secondary_indexes(
            GlobalSecondaryIndex::builder()
                .index_name(index.name)
                .set_key_schema(Some(key_schema(&index.keys)?))
                .projection(all_attributes())
                .build()?,
        );
    }
    let outcome = match request.send().await {
        Ok(_) => Outcome::Created,
        Err(err)
            if err
                .as_service_error()
                .is_some_and(|e| e.is_resource_in_use_exception()) =>
        {
            Outcome::AlreadyExisted
        }
        Err(err) => {
            return Err(anyhow::Error::new(err).context(format!("cannot create table {name}")));
        }
    };
    let table = wait_active(client, name, spec).await?;
    let outcome = if outcome == Outcome::AlreadyExisted
        && add_missing_indexes(client, name, spec, &table).await?
    {
        Outcome::IndexesAdded
    } else {
        outcome
    };
    if let Some(attribute) = spec.ttl_attribute {
        ensure_ttl(client, name, attribute).await?;
    }
    Ok(outcome)
}

/// Waits until the table is active; its description then.
async fn wait_active(
    client: &Client,
    name: &str,
    spec: &TableSpec,
) -> anyhow::Result<TableDescription> {
    for _ in 0..120 {
        let output = client
            .describe_table()
            .table_name(name)
            .send()
            .await
            .with_context(|| format!("cannot describe table {name}"))?;
        let table = output
            .table
            .with_context(|| format!("no description of table {name}"))?;
        let found: Vec<(String, String)> = table
            .key_schema()
            .iter()
            .map(|k| {
                (
                    k.attribute_name().to_string(),
                    k.key_type().as_str().to_string(),
                )
            })
            .collect();
        let wanted: Vec<(String, String)> = spec
            .keys
            .iter()
            .map(|(a, k)| (a.to_string(), k.to_string()))
            .collect();
        let string_keys = table.attribute_definitions().iter().all(|d| {
            !spec.keys.iter().any(|(a, _)| *a == d.attribute_name())
                || *d.attribute_type() == ScalarAttributeType::S
        });
        if found != wanted || !string_keys {
            anyhow::bail!(
                "table {name} exists with key schema {found:?}; jukebox needs {wanted:?} (all of type S): \
                 use another table name or delete the table"
            );
        }
        if table.table_status() == Some(&TableStatus::Active) {
            return Ok(table);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    anyhow::bail!("table {name} did not become active within a minute")
}

/// Adds the indexes `table` (made by an older jukebox) lacks; true when it
/// added one. DynamoDB builds an added index in the background (minutes on
/// a big table): the skill writes meanwhile, and `jukebox report` answers
/// once it is built. (DynamoDB takes one new index at a time: a second
/// missing one would need a wait for the first; jukebox has one index.)
async fn add_missing_indexes(
    client: &Client,
    name: &str,
    spec: &TableSpec,
    table: &TableDescription,
) -> anyhow::Result<bool> {
    let mut added = false;
    for index in &spec.indexes {
        let exists = table
            .global_secondary_indexes()
            .iter()
            .any(|existing| existing.index_name() == Some(index.name));
        if exists {
            continue;
        }
        added = true;
        let mut request = client.update_table().table_name(name);
        for (attribute, _) in &index.keys {
            request = request.attribute_definitions(string_attribute(attribute)?);
        }
        request
            .global_secondary_index_updates(
                GlobalSecondaryIndexUpdate::builder()
                    .create(
                        CreateGlobalSecondaryIndexAction::builder()
                            .index_name(index.name)
                            .set_key_schema(Some(key_schema(&index.keys)?))
                            .projection(all_attributes())
                            .build()?,
                    )
                    .build(),
            )
            .send()
            .await
            .with_context(|| format!("cannot add index {} to table {name}", index.name))?;
    }
    Ok(added)
}

async fn ensure_ttl(client: &Client, name: &str, attribute: &str) -> anyhow::Result<()> {
    let current = client
        .describe_time_to_live()
        .table_name(name)
        .send()
        .await
        .with_context(|| format!("cannot read the TTL of table {name}"))?;
    if let Some(description) = current.time_to_live_description() {
        let enabled = matches!(
            description.time_to_live_status(),
            Some(TimeToLiveStatus::Enabled | TimeToLiveStatus::Enabling)
        );
        if enabled {
            return match description.attribute_name() {
                Some(existing) if existing == attribute => Ok(()),
                other => anyhow::bail!(
                    "table {name} has TTL on {other:?}; jukebox needs it on {attribute}"
                ),
            };
        }
    }
    client
        .update_time_to_live()
        .table_name(name)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .attribute_name(attribute)
                .enabled(true)
                .build()?,
        )
        .send()
        .await
        .with_context(|| format!("cannot turn on TTL ({attribute}) for table {name}"))?;
    Ok(())
}
