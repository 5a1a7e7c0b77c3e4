//! One item's bounded string set in the playback table (favourites, the
//! allow-list): read in one `GetItem`, changed with `ADD` and `DELETE` in
//! one `UpdateItem` each (no read first, no lost update). An `ADD` is
//! conditional on the value not being there and the set not full; on a
//! failed condition `ALL_OLD` tells which.

use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue, ReturnValuesOnConditionCheckFailure};
use aws_sdk_dynamodb::Client;

use super::store_error;
use crate::error::StoreError;

/// What an `add` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SetAdd {
    Added,
    AlreadyThere,
    /// The set holds its maximum: nothing added.
    Full,
}

/// The set `attribute` of the item `pk` in `table`.
pub(super) struct StringSet<'a> {
    pub client: &'a Client,
    pub table: &'a str,
    pub pk: String,
    pub attribute: &'static str,
}

fn values_of(attribute: Option<&AttributeValue>) -> Vec<String> {
    match attribute {
        Some(AttributeValue::Ss(values)) => values.clone(),
        _ => Vec::new(),
    }
}

impl StringSet<'_> {
    /// Every value, read with strong consistency (a change shows at once).
    pub async fn read(&self) -> Result<Vec<String>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(self.table)
            .key("pk", AttributeValue::S(self.pk.clone()))
            .projection_expression("#set")
            .expression_attribute_names("#set", self.attribute)
            .consistent_read(true)
            .send()
            .await
            .map_err(|err| store_error("GetItem", self.table, err))?;
        Ok(values_of(
            output.item().and_then(|item| item.get(self.attribute)),
        ))
    }

    /// Adds `value` unless it is there or the set holds `max` values.
    pub async fn add(&self, value: &str, max: usize) -> Result<SetAdd, StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(self.table)
            .key("pk", AttributeValue::S(self.pk.clone()))
            .update_expression("ADD #set :value")
            .condition_expression(
                "attribute_not_exists(#set) OR (NOT contains(#set, :one) AND size(#set) < :max)",
            )
            .expression_attribute_names("#set", self.attribute)
            .expression_attribute_values(":value", AttributeValue::Ss(vec![value.to_string()]))
            .expression_attribute_values(":one", AttributeValue::S(value.to_string()))
            .expression_attribute_values(":max", AttributeValue::N(max.to_string()))
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .send()
            .await;
        match result {
            Ok(_) => Ok(SetAdd::Added),
            Err(err) => match err.as_service_error() {
                Some(UpdateItemError::ConditionalCheckFailedException(failed)) => {
                    let old = values_of(failed.item().and_then(|item| item.get(self.attribute)));
                    Ok(if old.iter().any(|v| v == value) {
                        SetAdd::AlreadyThere
                    } else {
                        SetAdd::Full
                    })
                }
                _ => Err(store_error("UpdateItem", self.table, err)),
            },
        }
    }

    /// Removes `value`; whether it was there.
    pub async fn remove(&self, value: &str) -> Result<bool, StoreError> {
        let output = self
            .client
            .update_item()
            .table_name(self.table)
            .key("pk", AttributeValue::S(self.pk.clone()))
            .update_expression("DELETE #set :value")
            .expression_attribute_names("#set", self.attribute)
            .expression_attribute_values(":value", AttributeValue::Ss(vec![value.to_string()]))
            .return_values(ReturnValue::UpdatedOld)
            .send()
            .await
            .map_err(|err| store_error("UpdateItem", self.table, err))?;
        let old = values_of(output.attributes().and_then(|a| a.get(self.attribute)));
        Ok(old.iter().any(|v| v == value))
    }
}
