//! The two tables, defined once: `jukebox tables create` builds them and a
//! test checks that `template.yaml` declares exactly the same.

use std::time::Duration;

use anyhow::Context;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType, TableStatus,
    TimeToLiveSpecification, TimeToLiveStatus,
};
use aws_sdk_dynamodb::Client;

/// The attribute DynamoDB's TTL reads on the playback table.
pub const TTL_ATTRIBUTE: &str = "expires_at";

/// A table's shape: its key attributes (name, HASH/RANGE) and TTL attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    /// `(attribute, "HASH" | "RANGE")`, all of type S.
    pub keys: Vec<(&'static str, &'static str)>,
    pub ttl_attribute: Option<&'static str>,
}

/// The catalog table: track items and search items under one key pair.
pub fn catalog_spec() -> TableSpec {
    TableSpec {
        keys: vec![("pk", "HASH"), ("sk", "RANGE")],
        ttl_attribute: None,
    }
}

/// The playback table: one item per listener and device, expiring.
pub fn playback_spec() -> TableSpec {
    TableSpec {
        keys: vec![("pk", "HASH")],
        ttl_attribute: Some(TTL_ATTRIBUTE),
    }
}

/// Whether `tables create` made a table or found it ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Created,
    AlreadyExisted,
}

/// Creates the table (on-demand billing) unless it exists with this shape;
/// waits until it is active and its TTL is on. A table of the same name
/// with another shape is an error.
pub async fn ensure_table(
    client: &Client,
    name: &str,
    spec: &TableSpec,
) -> anyhow::Result<Outcome> {
    let mut request = client
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest);
    for (attribute, kind) in &spec.keys {
        request = request
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name(*attribute)
                    .attribute_type(ScalarAttributeType::S)
                    .build()?,
            )
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name(*attribute)
                    .key_type(if *kind == "HASH" {
                        KeyType::Hash
                    } else {
                        KeyType::Range
                    })
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
    wait_active(client, name, spec).await?;
    if let Some(attribute) = spec.ttl_attribute {
        ensure_ttl(client, name, attribute).await?;
    }
    Ok(outcome)
}

async fn wait_active(client: &Client, name: &str, spec: &TableSpec) -> anyhow::Result<()> {
    for _ in 0..120 {
        let output = client
            .describe_table()
            .table_name(name)
            .send()
            .await
            .with_context(|| format!("cannot describe table {name}"))?;
        let table = output
            .table()
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
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    anyhow::bail!("table {name} did not become active within a minute")
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
