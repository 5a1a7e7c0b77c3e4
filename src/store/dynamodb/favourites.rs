//! Favourites on DynamoDB, in the playback table: one item per owner
//! (`pk = fav|person|<id>` or `fav|user|<id>`) holding a string set of track
//! ids, changed with `ADD` and `DELETE` in one `UpdateItem` each (no read
//! first, no lost update), and no `expires_at`: favourites are kept.

use async_trait::async_trait;
use aws_sdk_dynamodb::Client;

use super::string_set::{SetAdd, StringSet};
use crate::error::StoreError;
use crate::favourites::{Liked, Owner, MAX_FAVOURITES};
use crate::ports::FavouritesStore;

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

    fn set_of(&self, owner: &Owner) -> StringSet<'_> {
        StringSet {
            client: &self.client,
            table: &self.table,
            pk: owner.storage_key(),
            attribute: "track_ids",
        }
    }
}

#[async_trait]
impl FavouritesStore for DynamoFavourites {
    async fn favourites(&self, owner: &Owner) -> Result<Vec<String>, StoreError> {
        self.set_of(owner).read().await
    }

    async fn like(&self, owner: &Owner, track_id: &str) -> Result<Liked, StoreError> {
        Ok(
            match self.set_of(owner).add(track_id, MAX_FAVOURITES).await? {
                SetAdd::Added => Liked::Added,
                SetAdd::AlreadyThere => Liked::AlreadyThere,
                SetAdd::Full => Liked::Full,
            },
        )
    }

    async fn unlike(&self, owner: &Owner, track_id: &str) -> Result<bool, StoreError> {
        self.set_of(owner).remove(track_id).await
    }
}
