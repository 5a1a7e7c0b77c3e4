//! Every adapter of the domain's two ports ([`crate::catalog::Catalog`],
//! [`crate::playback::PlaybackStore`]): `memory` (embedded, the default for
//! local runs) and `dynamodb` (production, with the table definitions and
//! the catalog import). The only place AWS types appear.

pub mod dynamodb;
pub mod memory;
pub mod s3;

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::playback::PlaybackStore;
use memory::{MemoryCatalog, MemoryPlaybackStore};

/// Which stores a process uses, parsed once from the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreConfig {
    /// The embedded sample catalog and in-memory playback state.
    Embedded,
    /// DynamoDB tables named by `CATALOG_TABLE` and `PLAYBACK_TABLE`.
    DynamoDb {
        catalog_table: String,
        playback_table: String,
    },
}

impl StoreConfig {
    /// `CATALOG_TABLE` and `PLAYBACK_TABLE` both set: DynamoDB; neither: embedded;
    /// one without the other is a configuration error.
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |name: &str| {
            std::env::var(name)
                .ok()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        match (var("CATALOG_TABLE"), var("PLAYBACK_TABLE")) {
            (Some(catalog_table), Some(playback_table)) => Ok(StoreConfig::DynamoDb {
                catalog_table,
                playback_table,
            }),
            (None, None) => Ok(StoreConfig::Embedded),
            (Some(_), None) => anyhow::bail!("CATALOG_TABLE is set but PLAYBACK_TABLE is not"),
            (None, Some(_)) => anyhow::bail!("PLAYBACK_TABLE is set but CATALOG_TABLE is not"),
        }
    }

    /// The DynamoDB table names, or an error saying which variables to set.
    pub fn require_dynamodb() -> anyhow::Result<(String, String)> {
        match Self::from_env()? {
            StoreConfig::DynamoDb {
                catalog_table,
                playback_table,
            } => Ok((catalog_table, playback_table)),
            StoreConfig::Embedded => {
                anyhow::bail!("set CATALOG_TABLE and PLAYBACK_TABLE to use DynamoDB")
            }
        }
    }
}

/// The stores the skill needs.
pub struct Stores {
    pub catalog: Arc<dyn Catalog>,
    pub playback: Arc<dyn PlaybackStore>,
    pub favourites: Arc<dyn crate::favourites::FavouritesStore>,
    /// Listeners' profiles, keyed by a hash of their access token.
    pub profile_cache: Arc<dyn crate::listeners::ProfileCache>,
    /// The owner's allow-list (used with `LISTENERS=allow-list`).
    pub allow_list: Arc<dyn crate::listeners::AllowList>,
    /// Misses and plays, for `jukebox report`.
    pub insights: Arc<dyn crate::insights::InsightsStore>,
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
    /// (`AWS_REGION`, credentials, `AWS_ENDPOINT_URL(_DYNAMODB)`), once.
    pub async fn dynamodb(catalog_table: &str, playback_table: &str) -> anyhow::Result<Self> {
        let client = dynamodb::client_from_env(dynamodb::Profile::Listener).await?;
        let catalog: Arc<dyn Catalog> =
            Arc::new(dynamodb::DynamoCatalog::new(client.clone(), catalog_table));
        // A warm process keeps recent catalog answers a few seconds
        // (`CATALOG_CACHE_SECONDS`, 0 for none): the function never writes
        // the catalog, so an import shows within that time.
        let ttl = crate::catalog::cache::CachedCatalog::ttl_from_env()?;
        let catalog: Arc<dyn Catalog> = if ttl.is_zero() {
            catalog
        } else {
            Arc::new(crate::catalog::cache::CachedCatalog::new(catalog, ttl))
        };
        Ok(Stores {
            catalog,
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
