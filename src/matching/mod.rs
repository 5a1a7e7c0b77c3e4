//! Finding the track the listener meant from what speech recognition heard.
//!
//! Two halves that must agree: [`index_keys`] derives the search keys stored
//! with each track (in memory at load, in DynamoDB at import), and [`find`]
//! turns a spoken query into a bounded number of key lookups on the
//! [`Catalog`] port, then ranks the candidates. No store is ever scanned.

use crate::catalog::{Catalog, StoreError, Track};

/// What the listener asked for, as Alexa's slots delivered it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpokenQuery {
    /// `songName` (AMAZON.MusicCreativeWork): a track or an album title.
    pub song: Option<String>,
    /// `artistName` (AMAZON.Artist).
    pub artist: Option<String>,
}

impl SpokenQuery {
    pub fn new(song: Option<&str>, artist: Option<&str>) -> Self {
        let clean = |s: Option<&str>| {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        SpokenQuery {
            song: clean(song),
            artist: clean(artist),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.song.is_none() && self.artist.is_none()
    }
}

/// What was found for a query: what to play, in order, and how to say it.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A track: play it, then the rest of `queue` (the artist's other tracks).
    Track { track: Track, queue: Vec<Track> },
    /// An artist: their tracks in catalog order.
    Artist { artist: String, tracks: Vec<Track> },
    /// An album: its tracks in catalog order.
    Album {
        album: String,
        artist: String,
        tracks: Vec<Track>,
    },
    /// Nothing confident enough; `suggestion` is the closest plausible title
    /// and artist, as written in the catalog.
    NotFound { suggestion: Option<Suggestion> },
}

/// A near miss worth saying aloud ("Did you mean Purple Rain by Prince?").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub id: String,
    pub title: String,
    pub artist: String,
}

/// Longest queue built for one request: keeps lookups and the state item bounded.
pub const MAX_QUEUE: usize = 100;

/// Lowercase words without punctuation or accents: the simple normal form.
pub fn normalize(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                out.push(lower);
            }
            space = false;
        } else if c == '\'' || c == '\u{2019}' {
            continue;
        } else if c == '&' {
            if !space {
                out.push(' ');
            }
            out.push_str("and ");
            space = true;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

fn title_key(title: &str) -> String {
    format!("t:{}", normalize(title))
}

fn artist_key(artist: &str) -> String {
    format!("a:{}", normalize(artist))
}

fn album_key(album: &str) -> String {
    format!("l:{}", normalize(album))
}

/// The search keys stored with a track.
pub fn index_keys(track: &Track) -> Vec<String> {
    let mut keys = vec![title_key(&track.title), artist_key(&track.artist)];
    if let Some(album) = &track.album {
        keys.push(album_key(album));
    }
    keys
}

/// Finds what the listener asked for with a bounded number of lookups.
pub async fn find(catalog: &dyn Catalog, query: &SpokenQuery) -> Result<Found, StoreError> {
    match (&query.song, &query.artist) {
        (Some(song), artist) => {
            let titles = catalog.lookup(&[title_key(song)], MAX_QUEUE).await?;
            let wanted_artist = artist.as_deref().map(normalize);
            let hit = titles.into_iter().find(|t| match &wanted_artist {
                Some(a) => normalize(&t.artist) == *a,
                None => true,
            });
            if let Some(track) = hit {
                let mut queue = catalog
                    .lookup(&[artist_key(&track.artist)], MAX_QUEUE)
                    .await?;
                queue.retain(|t| t.id != track.id);
                return Ok(Found::Track { track, queue });
            }
            if artist.is_none() {
                let tracks = catalog.lookup(&[album_key(song)], MAX_QUEUE).await?;
                if let Some(first) = tracks.first() {
                    return Ok(Found::Album {
                        album: first.album.clone().unwrap_or_default(),
                        artist: first.artist.clone(),
                        tracks,
                    });
                }
            }
            Ok(Found::NotFound { suggestion: None })
        }
        (None, Some(artist)) => {
            let tracks = catalog.lookup(&[artist_key(artist)], MAX_QUEUE).await?;
            match tracks.first() {
                Some(first) => Ok(Found::Artist {
                    artist: first.artist.clone(),
                    tracks,
                }),
                None => Ok(Found::NotFound { suggestion: None }),
            }
        }
        (None, None) => Ok(Found::NotFound { suggestion: None }),
    }
}
