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
