//! Each person's favourite tracks: "I like this song", "play my favourites".
//! They belong to the person Alexa recognised by voice (`personId`), else
//! to the account, so two people on one Echo keep their own. Stores
//! implement [`FavouritesStore`] with atomic set updates: a like or an
//! unlike is one write, never a read first.

use async_trait::async_trait;

use crate::error::StoreError;

/// The most favourites one person keeps: "play my favourites" reads them
/// all, so the list stays bounded.
pub const MAX_FAVOURITES: usize = 500;

/// Whose favourites: a recognised person, or the account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Owner(String);

impl Owner {
    /// The person when Alexa recognised one, else the account.
    pub fn of(person_id: Option<&str>, user_id: &str) -> Self {
        match person_id.filter(|p| !p.is_empty()) {
            Some(person) => Owner(format!("person|{person}")),
            None => Owner(format!("user|{user_id}")),
        }
    }

    /// The key as stored.
    pub fn storage_key(&self) -> String {
        format!("fav|{}", self.0)
    }
}

/// What a like did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Liked {
    Added,
    AlreadyThere,
    /// [`MAX_FAVOURITES`] reached: nothing added.
    Full,
}

#[async_trait]
pub trait FavouritesStore: Send + Sync {
    /// The owner's favourite track ids (no order promised).
    async fn favourites(&self, owner: &Owner) -> Result<Vec<String>, StoreError>;
    async fn like(&self, owner: &Owner, track_id: &str) -> Result<Liked, StoreError>;
    /// Whether the track was a favourite.
    async fn unlike(&self, owner: &Owner, track_id: &str) -> Result<bool, StoreError>;
}
