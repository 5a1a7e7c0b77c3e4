//! Account-linking data on DynamoDB, in the playback table:
//!
//! - the profile cache: one item per key (`pk = lwa|<sha256 of the token>`,
//!   or `lwa|account|<sha256 of the Alexa user id>`), the cached answer as
//!   JSON and `expires_at` for DynamoDB's TTL. TTL deletes lazily (within
//!   days), so a read checks the expiry itself. Looked up with one
//!   `BatchGetItem` for all candidate keys.
//! - the allow-list: one item (`pk = listeners`) with a string set of
//!   normalised addresses ([`super::string_set`], as favourites), bounded
//!   by [`MAX_LISTENERS`].

use std::collections::HashMap;

use async_trait::async_trait;
use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes};
use aws_sdk_dynamodb::Client;

use super::store_error;
use super::string_set::{SetAdd, StringSet};
use super::tables::TTL_ATTRIBUTE;
use crate::error::StoreError;
use crate::listeners::{Cached, Email, ListChange, TokenKey, MAX_LISTENERS};
use crate::ports::{AllowList, ProfileCache};

const ALLOW_LIST_KEY: &str = "listeners";

fn cache_key(key: &TokenKey) -> String {
    format!("lwa|{}", key.as_str())
}

#[derive(Debug, Clone)]
pub struct DynamoProfileCache {
    client: Client,
    table: String,
}

impl DynamoProfileCache {
    pub fn new(client: Client, table: &str) -> Self {
        DynamoProfileCache {
            client,
            table: table.to_string(),
        }
    }
}

#[async_trait]
impl ProfileCache for DynamoProfileCache {
    async fn cached(
        &self,
        keys: &[TokenKey],
        now_s: i64,
    ) -> Result<Option<(usize, Cached)>, StoreError> {
        if keys.is_empty() {
            return Ok(None);
        }
        let mut wanted =
            KeysAndAttributes::builder().projection_expression("pk, entry, expires_at");
        for key in keys {
            wanted = wanted.keys(HashMap::from([(
                "pk".to_string(),
                AttributeValue::S(cache_key(key)),
            )]));
        }
        let wanted = wanted
            .build()
            .map_err(|err| StoreError::corrupt_because("cache lookup", err))?;
        let output = self
            .client
            .batch_get_item()
            .request_items(&self.table, wanted)
            .send()
            .await
            .map_err(|err| store_error("BatchGetItem", &self.table, err))?;
        let items = output
            .responses()
            .and_then(|r| r.get(&self.table))
            .map(Vec::as_slice)
            .unwrap_or_default();
        // A key DynamoDB could not read this time (UnprocessedKeys) is not
        // a miss: skipping the token's key would fall back to the account's
        // entry, which may admit a token LWA refused.
        let unprocessed: Vec<&HashMap<String, AttributeValue>> = output
            .unprocessed_keys()
            .and_then(|u| u.get(&self.table))
            .map(|k| k.keys().iter().collect())
            .unwrap_or_default();
        for (index, key) in keys.iter().enumerate() {
            let pk = cache_key(key);
            let is_key = |item: &&HashMap<String, AttributeValue>| matches!(item.get("pk"), Some(AttributeValue::S(p)) if *p == pk);
            if unprocessed.iter().any(is_key) {
                return Err(StoreError::Throttled {
                    operation: format!("BatchGetItem on {}", self.table),
                    source: "a profile cache key left unprocessed".into(),
                });
            }
            let Some(item) = items.iter().find(is_key) else {
                continue;
            };
            let expires = match item.get(TTL_ATTRIBUTE) {
                Some(AttributeValue::N(n)) => n.parse::<i64>().unwrap_or(0),
                _ => 0,
            };
            if expires <= now_s {
                continue;
            }
            let Some(AttributeValue::S(json)) = item.get("entry") else {
                return Err(StoreError::corrupt("profile cache item without an entry"));
            };
            let entry = serde_json::from_str(json)
                .map_err(|err| StoreError::corrupt_because("profile cache entry", err))?;
            return Ok(Some((index, entry)));
        }
        Ok(None)
    }

    async fn remember(&self, keys: &[(TokenKey, i64)], entry: &Cached) -> Result<(), StoreError> {
        let json = serde_json::to_string(entry)
            .map_err(|err| StoreError::corrupt_because("profile cache entry", err))?;
        let puts = keys.iter().map(|(key, expires)| {
            self.client
                .put_item()
                .table_name(&self.table)
                .item("pk", AttributeValue::S(cache_key(key)))
                .item("entry", AttributeValue::S(json.clone()))
                .item(TTL_ATTRIBUTE, AttributeValue::N(expires.to_string()))
                .send()
        });
        futures::future::try_join_all(puts)
            .await
            .map_err(|err| store_error("PutItem", &self.table, err))?;
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct DynamoAllowList {
    client: Client,
    table: String,
}

impl DynamoAllowList {
    pub fn new(client: Client, table: &str) -> Self {
        DynamoAllowList {
            client,
            table: table.to_string(),
        }
    }

    fn set(&self) -> StringSet<'_> {
        StringSet {
            client: &self.client,
            table: &self.table,
            pk: ALLOW_LIST_KEY.to_string(),
            attribute: "emails",
        }
    }
}

#[async_trait]
impl AllowList for DynamoAllowList {
    async fn allows(&self, email: &Email) -> Result<bool, StoreError> {
        // A stored address whose domain is in Unicode (the item may be
        // written by hand or restored from an old table) still matches the
        // ASCII form a listener's address is parsed to.
        Ok(self.set().read().await?.iter().any(|e| {
            e == email.as_str() || (!e.is_ascii() && Email::parse(e).is_ok_and(|e| &e == email))
        }))
    }

    async fn allow(&self, email: &Email) -> Result<ListChange, StoreError> {
        Ok(match self.set().add(email.as_str(), MAX_LISTENERS).await? {
            SetAdd::Added => ListChange::Changed,
            SetAdd::AlreadyThere => ListChange::Unchanged,
            SetAdd::Full => ListChange::Full,
        })
    }

    async fn deny(&self, email: &Email) -> Result<ListChange, StoreError> {
        Ok(match self.set().remove(email.as_str()).await? {
            true => ListChange::Changed,
            false => ListChange::Unchanged,
        })
    }

    async fn list(&self) -> Result<Vec<Email>, StoreError> {
        let mut emails = self
            .set()
            .read()
            .await?
            .iter()
            .map(|e| {
                Email::parse(e)
                    .map_err(|err| StoreError::corrupt_because("allow-list address", err))
            })
            .collect::<Result<Vec<_>, _>>()?;
        emails.sort();
        Ok(emails)
    }
}
