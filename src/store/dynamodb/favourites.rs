//! Favourites on DynamoDB, in the playback table: one item per owner
//! (`pk = fav|person|<id>` or `fav|user|<id>`) holding a string set of track
//! ids, changed with `ADD` and `DELETE` in one `UpdateItem` each (no read
//! first, no lost update), and no `expires_at`: favourites are kept.

use async_trait::async_trait;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue, ReturnValuesOnConditionCheckFailure};
use aws_sdk_dynamodb::Client;

use super::store_error;
use crate::error::StoreError;
use crate::favourites::{FavouritesStore, Liked, Owner, MAX_FAVOURITES};

#[derive(Debug, Clone)]
pub struct DynamoFavourites {
    client: Client,
    table: String,
}

impl DynamoFavourites {
    pub fn new(client: Client, table: &str) -> Self {
        DynamoFavourites {
            client,
            table: table.to_string(),
        }
    }
}

fn ids_of(attribute: Option<&AttributeValue>) -> Vec<String> {
    match attribute {
        Some(AttributeValue::Ss(ids)) => ids.clone(),
        _ => Vec::new(),
    }
}

#[async_trait]
impl FavouritesStore for DynamoFavourites {
    async fn favourites(&self, owner: &Owner) -> Result<Vec<String>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("pk", AttributeValue::S(owner.storage_key()))
            .consistent_read(true)
            .send()
            .await
            .map_err(|err| store_error("GetItem", &self.table, err))?;
        Ok(ids_of(output.item().and_then(|item| item.get("track_ids"))))
    }

    async fn like(&self, owner: &Owner, track_id: &str) -> Result<Liked, StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("pk", AttributeValue::S(owner.storage_key()))
            .update_expression("ADD track_ids :id")
            .condition_expression(
                "attribute_not_exists(track_ids) OR (NOT contains(track_ids, :one) AND size(track_ids) < :max)",
            )
            .expression_attribute_values(":id", AttributeValue::Ss(vec![track_id.to_string()]))
            .expression_attribute_values(":one", AttributeValue::S(track_id.to_string()))
            .expression_attribute_values(":max", AttributeValue::N(MAX_FAVOURITES.to_string()))
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .send()
            .await;
        match result {
            Ok(_) => Ok(Liked::Added),
            Err(err) => match err.as_service_error() {
                Some(failed) if failed.is_conditional_check_failed_exception() => {
                    let old = match failed {
                        aws_sdk_dynamodb::operation::update_item::UpdateItemError::ConditionalCheckFailedException(e) => e.item().and_then(|item| item.get("track_ids")).cloned(),
                        _ => None,
                    };
                    Ok(if ids_of(old.as_ref()).iter().any(|id| id == track_id) {
                        Liked::AlreadyThere
                    } else {
                        Liked::Full
                    })
                }
                _ => Err(store_error("UpdateItem", &self.table, err)),
            },
        }
    }

    async fn unlike(&self, owner: &Owner, track_id: &str) -> Result<bool, StoreError> {
        let output = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("pk", AttributeValue::S(owner.storage_key()))
            .update_expression("DELETE track_ids :id")
            .expression_attribute_values(":id", AttributeValue::Ss(vec![track_id.to_string()]))
            .return_values(ReturnValue::UpdatedOld)
            .send()
            .await
            .map_err(|err| store_error("UpdateItem", &self.table, err))?;
        let old = output.attributes().and_then(|a| a.get("track_ids"));
        Ok(ids_of(old).iter().any(|id| id == track_id))
    }
}
