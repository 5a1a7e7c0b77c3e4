//! The embedded adapters: the whole catalog and every listener's state in
//! the process's memory. The default for local runs (`jukebox invoke`,
//! `jukebox chat`) and the Lambda without tables, and a product feature in
//! its own right for small catalogs; the same behaviour suite runs on them
//! and on DynamoDB.

mod catalog;
mod favourites;
mod playback;

pub use catalog::MemoryCatalog;
pub use favourites::MemoryFavourites;
pub use playback::MemoryPlaybackStore;
