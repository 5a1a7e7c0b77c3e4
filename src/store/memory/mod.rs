//! The embedded adapters: the whole catalog and every listener's state in
//! the process's memory. The default for local runs (`jukebox invoke`,
//! `jukebox chat`) and the Lambda without tables, and a product feature in
//! its own right for small catalogs; the same behaviour suite runs on them
//! and on DynamoDB.

mod catalog;
mod favourites;
mod insights;
mod listeners;
mod playback;

pub use catalog::MemoryCatalog;
pub use favourites::MemoryFavourites;
pub use insights::MemoryInsights;
pub use listeners::{MemoryAllowList, MemoryProfileCache};
pub use playback::MemoryPlaybackStore;

use std::sync::Arc;

use crate::ports::{Catalog, Ports};

/// Every port on `catalog` and the embedded stores, as a local run without
/// tables has them: no S3 signer, no metrics, no account linking (every
/// token a failed lookup), an empty allow-list. Tests replace what they
/// look at (`Ports { playback, ..memory::ports(catalog) }`).
pub fn ports(catalog: Arc<dyn Catalog>) -> Ports {
    Ports {
        catalog,
        playback: Arc::new(MemoryPlaybackStore::new()),
        favourites: Arc::new(MemoryFavourites::new()),
        insights: Arc::new(MemoryInsights::new()),
        media: Arc::new(crate::skill::NoSigner),
        metrics: Arc::new(crate::metrics::NoMetrics),
        profiles: Arc::new(crate::listeners::NoProfileSource),
        profile_cache: Arc::new(MemoryProfileCache::new()),
        allow_list: Arc::new(MemoryAllowList::new()),
    }
}

/// Locks one of the stores' maps. A thread that panicked while holding the
/// lock may have left the map half-changed: the store is then unavailable.
fn lock<'a, T>(
    mutex: &'a std::sync::Mutex<T>,
    what: &str,
) -> Result<std::sync::MutexGuard<'a, T>, crate::error::StoreError> {
    mutex
        .lock()
        .map_err(|_| crate::error::StoreError::Unavailable {
            operation: format!("in-memory {what}"),
            source: format!("the {what} lock is poisoned").into(),
        })
}
