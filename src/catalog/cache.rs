//! A warm process's memory of recent catalog reads: a decorator of the
//! [`Catalog`] port, so a song asked for again (by this listener or
//! another) costs no catalog round trip while the answer is fresh.
//!
//! Why it is safe: the function never writes the catalog (the owner's
//! `catalog import` does), so the only risk is staleness, bounded by the
//! time to live (`CATALOG_CACHE_SECONDS`, default 30 s; 0 turns it off):
//! after an import, a warm function sees the new catalog within that time.
//! Failures are never cached. Entries are bounded ([`MAX_ENTRIES`], and a
//! lookup's tracks are bounded by its own limit), so memory stays small.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;

use super::{Catalog, Track};
use crate::error::StoreError;

/// The most answers kept.
pub const MAX_ENTRIES: usize = 256;

/// The most tracks kept, all answers together (a few megabytes), and the
/// most in one answer: a forged request whose many words each find a
/// hundred tracks is answered, and not kept.
pub const MAX_TRACKS: usize = 5_000;
pub const MAX_TRACKS_PER_ANSWER: usize = 250;

/// The default time to live.
pub const DEFAULT_TTL: Duration = Duration::from_secs(30);

/// The longest time to live accepted: beyond it an import would take too
/// long to show.
pub const MAX_TTL: Duration = Duration::from_secs(3_600);

/// A read, as the cache knows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Read {
    Lookup(Vec<String>, usize),
    Track(String),
    Last(String),
    PlaylistNames,
    TracksFrom(String, u32, usize),
    Newest(usize),
}

/// What a read answered.
#[derive(Debug, Clone)]
enum Answer {
    Tracks(Vec<Track>),
    Track(Option<Box<Track>>),
    Names(Vec<String>),
}

impl Answer {
    /// Its weight against [`MAX_TRACKS`] (a name weighs like a track).
    fn tracks(&self) -> usize {
        match self {
            Answer::Tracks(tracks) => tracks.len(),
            Answer::Track(_) => 1,
            Answer::Names(names) => names.len(),
        }
    }
}

/// The catalog, with recent answers kept for `ttl`.
pub struct CachedCatalog {
    inner: Arc<dyn Catalog>,
    ttl: Duration,
    entries: Mutex<HashMap<Read, (Instant, Answer)>>,
}

impl CachedCatalog {
    pub fn new(inner: Arc<dyn Catalog>, ttl: Duration) -> Self {
        CachedCatalog {
            inner,
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn fresh(&self, read: &Read) -> Option<Answer> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(read)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, answer)| answer.clone())
    }

    fn keep(&self, read: Read, answer: Answer) {
        let weight = answer.tracks();
        if weight > MAX_TRACKS_PER_ANSWER {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let full = |entries: &HashMap<Read, (Instant, Answer)>| {
            entries.len() >= MAX_ENTRIES
                || entries.values().map(|(_, a)| a.tracks()).sum::<usize>() + weight > MAX_TRACKS
        };
        if full(&entries) {
            let ttl = self.ttl;
            entries.retain(|_, (at, _)| at.elapsed() < ttl);
            if full(&entries) {
                // All fresh: start again rather than track recency per entry.
                entries.clear();
            }
        }
        entries.insert(read, (Instant::now(), answer));
    }
}

#[async_trait]
impl Catalog for CachedCatalog {
    async fn lookup(
        &self,
        keys: &[String],
        per_key_limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        let read = Read::Lookup(keys.to_vec(), per_key_limit);
        if let Some(Answer::Tracks(tracks)) = self.fresh(&read) {
            return Ok(tracks);
        }
        let tracks = self.inner.lookup(keys, per_key_limit).await?;
        self.keep(read, Answer::Tracks(tracks.clone()));
        Ok(tracks)
    }

    async fn track(&self, id: &str) -> Result<Option<Track>, StoreError> {
        let read = Read::Track(id.to_string());
        if let Some(Answer::Track(track)) = self.fresh(&read) {
            return Ok(track.map(|t| *t));
        }
        let track = self.inner.track(id).await?;
        self.keep(read, Answer::Track(track.clone().map(Box::new)));
        Ok(track)
    }

    async fn last(&self, key: &str) -> Result<Option<Track>, StoreError> {
        let read = Read::Last(key.to_string());
        if let Some(Answer::Track(track)) = self.fresh(&read) {
            return Ok(track.map(|t| *t));
        }
        let track = self.inner.last(key).await?;
        self.keep(read, Answer::Track(track.clone().map(Box::new)));
        Ok(track)
    }

    async fn playlist_names(&self) -> Result<Vec<String>, StoreError> {
        let read = Read::PlaylistNames;
        if let Some(Answer::Names(names)) = self.fresh(&read) {
            return Ok(names);
        }
        let names = self.inner.playlist_names().await?;
        self.keep(read, Answer::Names(names.clone()));
        Ok(names)
    }

    async fn tracks_from(
        &self,
        key: &str,
        from: u32,
        limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        let read = Read::TracksFrom(key.to_string(), from, limit);
        if let Some(Answer::Tracks(tracks)) = self.fresh(&read) {
            return Ok(tracks);
        }
        let tracks = self.inner.tracks_from(key, from, limit).await?;
        self.keep(read, Answer::Tracks(tracks.clone()));
        Ok(tracks)
    }

    async fn newest(&self, limit: usize) -> Result<Vec<Track>, StoreError> {
        let read = Read::Newest(limit);
        if let Some(Answer::Tracks(tracks)) = self.fresh(&read) {
            return Ok(tracks);
        }
        let tracks = self.inner.newest(limit).await?;
        self.keep(read, Answer::Tracks(tracks.clone()));
        Ok(tracks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A catalog that counts its reads and can be told to fail.
    struct Counting {
        tracks: Vec<Track>,
        reads: AtomicUsize,
        failing: std::sync::atomic::AtomicBool,
    }

    #[async_trait]
    impl Catalog for Counting {
        async fn lookup(&self, keys: &[String], _: usize) -> Result<Vec<Track>, StoreError> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            if self.failing.load(Ordering::SeqCst) {
                return Err(StoreError::corrupt("down"));
            }
            Ok(self
                .tracks
                .iter()
                .filter(|t| keys.contains(&t.id))
                .cloned()
                .collect())
        }
        async fn track(&self, id: &str) -> Result<Option<Track>, StoreError> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            Ok(self.tracks.iter().find(|t| t.id == id).cloned())
        }
        async fn last(&self, _: &str) -> Result<Option<Track>, StoreError> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            Ok(None)
        }
        async fn playlist_names(&self) -> Result<Vec<String>, StoreError> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            Ok(vec!["Road Trip".into()])
        }
        async fn tracks_from(&self, _: &str, _: u32, _: usize) -> Result<Vec<Track>, StoreError> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            Ok(Vec::new())
        }
        async fn newest(&self, _: usize) -> Result<Vec<Track>, StoreError> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            Ok(Vec::new())
        }
    }

    /// The sample catalog's tracks, as the embedded store holds them.
    fn sample_tracks() -> Vec<Track> {
        crate::catalog::parse_catalog(
            crate::catalog::SAMPLE_CATALOG,
            &crate::catalog::CatalogRules::default(),
        )
        .and_then(|report| report.into_valid())
        .unwrap()
    }

    fn counting() -> Arc<Counting> {
        Arc::new(Counting {
            tracks: sample_tracks(),
            reads: AtomicUsize::new(0),
            failing: Default::default(),
        })
    }

    #[tokio::test]
    async fn a_fresh_answer_is_read_once_and_failures_are_not_kept() {
        let inner = counting();
        let cache = CachedCatalog::new(inner.clone(), Duration::from_secs(60));
        let id = inner.tracks[0].id.clone();
        let keys = vec![id.clone()];
        let first = cache.lookup(&keys, 10).await.unwrap();
        let again = cache.lookup(&keys, 10).await.unwrap();
        assert_eq!(first, again);
        assert_eq!(first.len(), 1);
        assert_eq!(inner.reads.load(Ordering::SeqCst), 1);
        // Another limit is another read.
        cache.lookup(&keys, 5).await.unwrap();
        assert_eq!(inner.reads.load(Ordering::SeqCst), 2);
        cache.track(&id).await.unwrap();
        cache.track(&id).await.unwrap();
        cache.playlist_names().await.unwrap();
        cache.playlist_names().await.unwrap();
        assert_eq!(inner.reads.load(Ordering::SeqCst), 4);
        // A failure is passed on and not kept: the next read tries again.
        inner.failing.store(true, Ordering::SeqCst);
        let other = vec!["no-such-track".to_string()];
        assert!(cache.lookup(&other, 10).await.is_err());
        inner.failing.store(false, Ordering::SeqCst);
        assert!(cache.lookup(&other, 10).await.unwrap().is_empty());
        assert_eq!(inner.reads.load(Ordering::SeqCst), 6);
    }

    #[tokio::test]
    async fn answers_expire_and_the_cache_stays_bounded() {
        let inner = counting();
        let cache = CachedCatalog::new(inner.clone(), Duration::from_millis(50));
        let keys = vec![inner.tracks[0].id.clone()];
        cache.lookup(&keys, 10).await.unwrap();
        tokio::time::sleep(Duration::from_millis(80)).await;
        cache.lookup(&keys, 10).await.unwrap();
        assert_eq!(inner.reads.load(Ordering::SeqCst), 2, "expired, read again");
        let bounded = CachedCatalog::new(inner.clone(), Duration::from_secs(60));
        for i in 0..MAX_ENTRIES * 3 {
            bounded.track(&format!("id-{i}")).await.unwrap();
        }
        assert!(bounded.entries.lock().unwrap().len() <= MAX_ENTRIES);
        // By weight too: many answers of many tracks stay under MAX_TRACKS,
        // and an answer over MAX_TRACKS_PER_ANSWER is passed on, not kept.
        let all: Vec<String> = inner.tracks.iter().map(|t| t.id.clone()).collect();
        let weighed = CachedCatalog::new(inner.clone(), Duration::from_secs(60));
        for i in 0..200 {
            let mut keys = all.clone();
            keys.push(format!("variant-{i}"));
            assert_eq!(weighed.lookup(&keys, 10).await.unwrap().len(), all.len());
        }
        let kept: usize = weighed
            .entries
            .lock()
            .unwrap()
            .values()
            .map(|(_, a)| a.tracks())
            .sum();
        assert!(kept <= MAX_TRACKS && kept > 0, "{kept}");
        let many: Vec<Track> = (0..MAX_TRACKS_PER_ANSWER + 1)
            .map(|_| inner.tracks[0].clone())
            .collect();
        let heavy = CachedCatalog::new(inner.clone(), Duration::from_secs(60));
        heavy.keep(Read::PlaylistNames, Answer::Tracks(many));
        assert!(heavy.entries.lock().unwrap().is_empty());
    }
}
