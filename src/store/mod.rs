//! The adapters of the domain's ports ([`crate::ports`]) that keep data:
//! `memory` (embedded, the default for local runs) and `dynamodb`
//! (production, with the table definitions and the catalog import), and
//! `s3` (signed stream URLs, a bucket's files for `catalog scan`). The only
//! place AWS types appear.

pub mod dynamodb;
pub mod memory;
pub mod s3;

use std::sync::Arc;

use crate::ports::{
    AllowList, Catalog, FavouritesStore, InsightsStore, PlaybackStore, ProfileCache,
};
use memory::{MemoryCatalog, MemoryPlaybackStore};

/// The stores the skill needs: the ports of [`crate::ports::Ports`] that
/// keep data, built together on one backend.
pub struct Stores {
    pub catalog: Arc<dyn Catalog>,
    pub playback: Arc<dyn PlaybackStore>,
    pub favourites: Arc<dyn FavouritesStore>,
    /// Listeners' profiles, keyed by a hash of their access token.
    pub profile_cache: Arc<dyn ProfileCache>,
    /// The owner's allow-list (used with `LISTENERS=allow-list`).
    pub allow_list: Arc<dyn AllowList>,
    /// Misses and plays, for `jukebox report`.
    pub insights: Arc<dyn InsightsStore>,
}

impl Stores {
    pub fn embedded(catalog: MemoryCatalog) -> Self {
        Stores {
            catalog: Arc::new(catalog),
            playback: Arc::new(MemoryPlaybackStore::new()),
            favourites: Arc::new(memory::MemoryFavourites::new()),
            profile_cache: Arc::new(memory::MemoryProfileCache::new()),
            allow_list: Arc::new(memory::MemoryAllowList::new()),
            insights: Arc::new(memory::MemoryInsights::new()),
        }
    }

    /// The embedded stores with this allow-list (`--listeners FILE`).
    pub fn with_allow_list(mut self, allow_list: memory::MemoryAllowList) -> Self {
        self.allow_list = Arc::new(allow_list);
        self
    }

    /// DynamoDB stores on a client built from the standard AWS settings
    /// (`AWS_REGION`, credentials, `AWS_ENDPOINT_URL(_DYNAMODB)`) trusting
    /// `roots`, once.
    pub async fn dynamodb(
        catalog_table: &str,
        playback_table: &str,
        roots: &dynamodb::TrustRoots,
    ) -> anyhow::Result<Self> {
        let client = dynamodb::client(dynamodb::ClientUse::Answering, roots).await?;
        Ok(Stores {
            catalog: Arc::new(dynamodb::DynamoCatalog::new(client.clone(), catalog_table)),
            playback: Arc::new(dynamodb::DynamoPlaybackStore::new(
                client.clone(),
                playback_table,
            )),
            // Favourites live in the playback table, under keys of their own.
            favourites: Arc::new(dynamodb::DynamoFavourites::new(
                client.clone(),
                playback_table,
            )),
            // So do cached profiles (with a TTL) and the allow-list.
            profile_cache: Arc::new(dynamodb::DynamoProfileCache::new(
                client.clone(),
                playback_table,
            )),
            allow_list: Arc::new(dynamodb::DynamoAllowList::new(
                client.clone(),
                playback_table,
            )),
            // And the insights counters: the table the function may write.
            insights: Arc::new(dynamodb::DynamoInsights::new(client, playback_table)),
        })
    }
}
