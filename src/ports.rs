//! Every port of the domain in one list: what the skill asks of the world.
//! Each trait is defined beside the domain types it speaks of and
//! re-exported here, so adapters (`store::memory`, `store::dynamodb`,
//! `store::s3`, `lwa`, `metrics::EmfLog`) import them from one place.
//! [`crate::wiring`] picks an adapter for each; the skill receives them all
//! in one [`Ports`] and picks none itself.

use std::sync::Arc;

/// Where `catalog scan` reads music files: a folder, or a bucket's prefix
/// (`store::s3::Bucket`). Not the skill's: only the scan uses it.
pub use crate::catalog::scan::Files;
/// The owner's tracks: bounded search-key lookups, a track by id, playlists.
pub use crate::catalog::Catalog;
/// Each listener's liked tracks.
pub use crate::favourites::FavouritesStore;
/// What listeners asked for and did not get, and what they played.
pub use crate::insights::InsightsStore;
/// The owner's allow-list of addresses (`LISTENERS=allow-list`).
pub use crate::listeners::AllowList;
/// Profiles already looked up, by a hash of the token or of the account.
pub use crate::listeners::ProfileCache;
/// Who an account-linking token belongs to (Login with Amazon).
pub use crate::listeners::ProfileSource;
/// Where each request's figures go.
pub use crate::metrics::MetricsSink;
/// Each listener's queue and position, with optimistic concurrency.
pub use crate::playback::PlaybackStore;
/// Turns an `s3://` URL of the owner's bucket into one a device can play.
pub use crate::skill::MediaSigner;

/// Every port the skill uses, each required: a process that forgets one
/// does not compile, rather than keeping favourites in memory in production.
#[derive(Clone)]
pub struct Ports {
    pub catalog: Arc<dyn Catalog>,
    pub playback: Arc<dyn PlaybackStore>,
    pub favourites: Arc<dyn FavouritesStore>,
    /// Misses and plays, written beside the next request's work.
    pub insights: Arc<dyn InsightsStore>,
    /// Signs the catalog's `s3://` URLs.
    pub media: Arc<dyn MediaSigner>,
    pub metrics: Arc<dyn MetricsSink>,
    /// The profile behind an account-linking token.
    pub profiles: Arc<dyn ProfileSource>,
    /// Profiles looked up before, so LWA is asked once per token.
    pub profile_cache: Arc<dyn ProfileCache>,
    /// Who may play with `LISTENERS=allow-list`.
    pub allow_list: Arc<dyn AllowList>,
}
