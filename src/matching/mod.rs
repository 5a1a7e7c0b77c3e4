//! Finding the track the listener meant from what speech recognition heard.
//!
//! Two halves that must agree: [`index_keys`] derives the search keys stored
//! with each track (in memory at load, in DynamoDB at import), and [`find`]
//! turns a spoken query into a bounded number of key lookups on the
//! [`Catalog`] port, then ranks the candidates. No store is ever scanned.
//!
//! - `normalize`: one written form for catalog text and heard text alike
//!   (case, accents, punctuation, `&`/"and"/"n", numbers both ways, spelled
//!   letters, abbreviations, articles).
//! - `phonetic`: a sound key for spellings recognition confuses.
//! - `profile`: the forms of a title (without version notes or
//!   parentheticals) and the artists a credit names.
//! - `plan`: which searches a spoken "play …" tries after which
//!   ([`fallback_order`]), and which answer stands ([`find_first`]).
//! - here: the keys, the lookup plan (exact keys first, word keys only when
//!   nothing matched well), and ranking with a confidence threshold: a
//!   listener who asks for what the catalog lacks hears so, with the closest
//!   plausible title as a suggestion.

mod era;
pub(crate) mod normalize;
mod phonetic;
mod plan;
mod profile;

pub use era::Era;
pub use normalize::normal_words;
pub use phonetic::sound_key;
pub use plan::{fallback_order, find_first, Search};

use std::collections::HashMap;

use profile::{significant_words, title_forms, Credits, Form};

use crate::catalog::{Catalog, Track};
use crate::error::StoreError;
use crate::playback::queue::{self, Rest, MAX_QUEUE};

/// What the listener asked for, as Alexa's slots delivered it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpokenQuery {
    /// `songName` (AMAZON.MusicRecording): a track or an album title.
    pub song: Option<String>,
    /// `artistName` (AMAZON.Artist).
    pub artist: Option<String>,
}

/// The most of a slot the matcher considers, in characters. What speech
/// recognition hears for a title or a name is a few words; a longer slot is
/// not speech (a forged request), and the matcher's work grows with it.
pub const MAX_SPOKEN_CHARS: usize = 300;

impl SpokenQuery {
    pub fn new(song: Option<&str>, artist: Option<&str>) -> Self {
        let clean = |s: Option<&str>| {
            s.map(|s| match s.char_indices().nth(MAX_SPOKEN_CHARS) {
                Some((cut, _)) => &s[..cut],
                None => s,
            })
            .map(str::trim)
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
    /// A track: play it, then its first-credited artist's other tracks,
    /// read as the queue reaches them (`rest`; `None` when there is no
    /// artist to follow).
    Track { track: Track, rest: Option<Rest> },
    /// An artist: their tracks in catalog order.
    Artist { artist: String, tracks: Vec<Track> },
    /// A genre: its first track in a shuffled order of all its tracks, and
    /// the rest of that order, read a track at a time.
    Genre {
        genre: String,
        tracks: Vec<Track>,
        rest: Option<Rest>,
    },
    /// A playlist: its first tracks in the owner's order, and where the
    /// rest is read from as the queue reaches it.
    Playlist {
        playlist: String,
        tracks: Vec<Track>,
        rest: Option<Rest>,
    },
    /// No playlist of the name heard, but one close enough to offer.
    PlaylistOffer { playlist: String },
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

/// The search key every track carries: the whole catalog in catalog order,
/// which a whole-catalog shuffle reads a track at a time.
pub const EVERY_TRACK_KEY: &str = "all";

/// Whether a key's tracks are numbered by rank (0, 1, 2… in catalog order,
/// without gaps) rather than by catalog position: the whole catalog, each
/// genre, each artist's shuffle key, each year and decade (alone and by
/// artist), the sources a shuffle orders by computing the k-th place
/// ([`queue::Shuffle`]) and reading just that track.
pub fn is_ranked(key: &str) -> bool {
    key == EVERY_TRACK_KEY
        || ["g:", "r:", "y:", "d:"]
            .iter()
            .any(|prefix| key.starts_with(prefix))
}

/// Results per key for word keys (fuzzy recall): enough candidates, bounded cost.
const WORD_KEY_LIMIT: usize = 40;
/// Results per key for exact title and album keys.
const EXACT_KEY_LIMIT: usize = 50;

/// A title heard alone must be this close to be played.
const TITLE_ALONE: f32 = 0.82;
/// A title heard with a matching artist may be a little further off.
const TITLE_WITH_ARTIST: f32 = 0.72;
/// An artist must be this close to count as the one asked for.
const ARTIST_MIN: f32 = 0.78;
/// An album title heard as a song name.
const ALBUM_MIN: f32 = 0.85;
/// Below the thresholds, a title this close is offered as a suggestion.
const SUGGEST_MIN: f32 = 0.6;
/// A match this good on exact keys needs no fuzzy second look.
const SURE: f32 = 0.9;

fn title_key(form: &Form) -> String {
    format!("t:{}", form.sound)
}

fn artist_key(form: &Form) -> String {
    format!("a:{}", form.sound)
}

/// An artist's tracks numbered by rank: what "shuffle songs by X" orders.
/// (The artist's own key numbers them by catalog position, which a queue
/// that follows a song reads on from.)
fn shuffle_artist_key(form: &Form) -> String {
    format!("r:{}", form.sound)
}

fn album_key(form: &Form) -> String {
    format!("l:{}", form.sound)
}

fn word_key(word: &str) -> String {
    format!("w:{}", sound_key(word))
}

/// The search key of a playlist named `name` (written or heard): the
/// sound of its name, so "Road-Trip" and "road trip" share it.
pub fn playlist_key(name: &str) -> Option<String> {
    Form::new(name, 1.0).map(|form| format!("p:{}", form.sound))
}

/// The search key of a genre named `name` (written or heard).
pub fn genre_key_of(name: &str) -> Option<String> {
    Form::new(name, 1.0).map(|form| genre_key(&form))
}

fn genre_key(form: &Form) -> String {
    format!("g:{}", form.sound)
}

fn artist_word_key(word: &str) -> String {
    format!("aw:{}", sound_key(word))
}

/// The search keys stored with a track: each title form, each significant
/// title word, the whole artist credit and each artist it names (and their
/// significant words), the album, and each genre. Bounded: at most about
/// thirty (a track carries at most ten genres), plus each artist's
/// shuffle key and, for a track with a year, its year, its decade and its
/// decade by each artist.
pub fn index_keys(track: &Track) -> Vec<String> {
    let titles = title_forms(&track.title);
    let credits = Credits::new(&track.artist, &track.title);
    let mut keys: Vec<String> = Vec::new();
    let mut add = |key: String| {
        if !keys.contains(&key) {
            keys.push(key);
        }
    };
    titles.iter().for_each(|f| add(title_key(f)));
    significant_words(titles.iter(), 6)
        .into_iter()
        .for_each(|w| add(word_key(w)));
    credits.forms().for_each(|f| add(artist_key(f)));
    credits.forms().for_each(|f| add(shuffle_artist_key(f)));
    significant_words(credits.forms(), 4)
        .into_iter()
        .for_each(|w| add(artist_word_key(w)));
    if let Some(album) = track
        .album
        .as_deref()
        .and_then(|a| title_forms(a).into_iter().next())
    {
        add(album_key(&album));
    }
    for genre in &track.genres {
        if let Some(form) = Form::new(genre, 1.0) {
            add(genre_key(&form));
        }
    }
    era::era_keys(track.year, credits.forms())
        .into_iter()
        .for_each(&mut add);
    add(EVERY_TRACK_KEY.to_string());
    keys
}

/// Similarity of two forms in 0..=1: the mean of the edit-distance
/// similarities of the written forms and of the sound keys. Either alone
/// misleads: spelling alone misses "rapsody", sound alone hears "hello" in
/// "Halo" (vowels do not count in a sound key).
fn similarity(a: &Form, b: &Form) -> f32 {
    if a.compact == b.compact {
        return 1.0;
    }
    let ratio =
        |x: &str, y: &str| 1.0 - levenshtein(x, y) as f32 / x.len().max(y.len()).max(1) as f32;
    let text = ratio(&a.compact, &b.compact);
    if a.sound.is_empty() || b.sound.is_empty() {
        return text;
    }
    (text + ratio(&a.sound, &b.sound)) / 2.0
}

fn levenshtein(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b {
        return 0;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

/// How well a heard title matches any form of a catalog title.
fn title_score(heard: &Form, forms: &[Form]) -> f32 {
    forms
        .iter()
        .map(|f| similarity(heard, f) * f.weight)
        .fold(0.0, f32::max)
}

/// How well a heard artist matches a credit: the whole credit, any artist
/// it names, or every heard word within one of them ("mozart" for
/// "Wolfgang Amadeus Mozart").
fn artist_score(heard: &Form, credits: &Credits) -> (f32, Option<String>) {
    let mut best = (0.0, None);
    let mut consider = |score: f32, name: Option<&str>| {
        if score > best.0 {
            best = (score, name.map(str::to_string));
        }
    };
    if let Some(whole) = &credits.whole {
        consider(similarity(heard, whole), None);
        consider(containment(heard, whole), None);
    }
    for (name, form) in &credits.named {
        consider(similarity(heard, form), Some(name));
        consider(containment(heard, form), Some(name));
    }
    best
}

/// 0.9 when every significant heard word is one of the credit's words.
fn containment(heard: &Form, credit: &Form) -> f32 {
    let significant: Vec<&String> = heard
        .words
        .iter()
        .filter(|w| normalize::is_significant(w))
        .collect();
    if !significant.is_empty() && significant.iter().all(|w| credit.words.contains(w)) {
        0.9
    } else {
        0.0
    }
}

/// A candidate track with what matching derived from it.
struct Candidate {
    track: Track,
    titles: Vec<Form>,
    credits: Credits,
}

impl Candidate {
    fn new(track: Track) -> Self {
        Candidate {
            titles: title_forms(&track.title),
            credits: Credits::new(&track.artist, &track.title),
            track,
        }
    }

    /// Lower sorts first: popularity rank, then catalog order.
    fn order(&self) -> (u32, u32) {
        (self.track.rank.unwrap_or(u32::MAX), self.track.position)
    }
}

/// The heard query as forms.
struct Heard {
    song: Option<Form>,
    artist: Option<Form>,
}

/// Scores of the best candidate, and the candidate.
struct Best<'a> {
    title: f32,
    artist: f32,
    candidate: &'a Candidate,
}

/// The best-scoring candidate for the query; ties by rank, then catalog order.
fn best<'a>(heard: &Heard, candidates: &'a [Candidate]) -> Option<Best<'a>> {
    let song = heard.song.as_ref()?;
    let mut best: Option<Best> = None;
    for candidate in candidates {
        let title = title_score(song, &candidate.titles);
        let artist = heard
            .artist
            .as_ref()
            .map_or(1.0, |a| artist_score(a, &candidate.credits).0);
        let better = match &best {
            None => true,
            Some(b) => {
                let (score, other) = (title + artist, b.title + b.artist);
                score > other + 1e-6
                    || ((score - other).abs() <= 1e-6 && candidate.order() < b.candidate.order())
            }
        };
        if better {
            best = Some(Best {
                title,
                artist,
                candidate,
            });
        }
    }
    best
}

/// Whether the best candidate is confident enough to play.
fn confident(heard: &Heard, best: &Best) -> bool {
    match heard.artist {
        Some(_) => best.title >= TITLE_WITH_ARTIST && best.artist >= ARTIST_MIN,
        None => best.title >= TITLE_ALONE,
    }
}

fn dedupe_into(candidates: &mut Vec<Candidate>, tracks: Vec<Track>) {
    for track in tracks {
        if !candidates.iter().any(|c| c.track.id == track.id) {
            candidates.push(Candidate::new(track));
        }
    }
}

/// Finds what the listener asked for with a bounded number of lookups:
/// exact keys first, word keys only when nothing matched well, then the
/// queue. The number and size of lookups depend on the query, never on
/// the catalog's size.
pub async fn find(catalog: &dyn Catalog, query: &SpokenQuery) -> Result<Found, StoreError> {
    let found = find_heard(catalog, query.song.as_deref(), query.artist.as_deref()).await?;
    // Alexa sometimes hands "hey jude by the beatles" over as the song alone:
    // when that finds nothing, try it as a song and an artist.
    if let (Found::NotFound { .. }, Some(song), None) =
        (&found, query.song.as_deref(), query.artist.as_deref())
    {
        if let Some((title, artist)) = split_by(song) {
            let retry = find_heard(catalog, Some(title), Some(artist)).await?;
            if !matches!(retry, Found::NotFound { .. }) {
                return Ok(retry);
            }
        }
    }
    Ok(found)
}

/// "Play the album X [by Y]": the album whose title is closest to what was
/// heard (one `Query` on its album key), by the artist when one was said,
/// in disc and track order.
pub async fn find_album(
    catalog: &dyn Catalog,
    album: &str,
    artist: Option<&str>,
) -> Result<Found, StoreError> {
    let heard = SpokenQuery::new(Some(album), artist);
    let Some(album) = heard.song.as_deref().and_then(|a| Form::new(a, 1.0)) else {
        return Ok(Found::NotFound { suggestion: None });
    };
    let artist = heard.artist.as_deref().and_then(|a| Form::new(a, 1.0));
    let mut candidates: Vec<Candidate> = Vec::new();
    dedupe_into(
        &mut candidates,
        catalog.lookup(&[album_key(&album)], MAX_QUEUE).await?,
    );
    if let Some(artist) = &artist {
        candidates.retain(|c| artist_score(artist, &c.credits).0 >= ARTIST_MIN);
    }
    Ok(match best_album(&album, &candidates) {
        Some((_, title)) => album_found(title, &candidates),
        None => Found::NotFound { suggestion: None },
    })
}

/// "Play some jazz": the tracks of the genre whose name sounds like what
/// was heard ("hip hop" finds "Hip-Hop"), all of them, in an order keyed by
/// `seed` that is computed, never listed: the first track now, the rest as
/// the queue reaches it. Two requests: the genre's last track (its size and
/// its name as written), then the first of the order.
pub async fn find_genre(
    catalog: &dyn Catalog,
    genre: &str,
    seed: u64,
) -> Result<Found, StoreError> {
    let heard = SpokenQuery::new(Some(genre), None);
    let Some(genre) = heard.song.as_deref().and_then(|g| Form::new(g, 1.0)) else {
        return Ok(Found::NotFound { suggestion: None });
    };
    let Some(start) = queue::shuffled(catalog, &genre_key(&genre), seed).await? else {
        return Ok(Found::NotFound { suggestion: None });
    };
    // The genre as the catalog writes it, from a track that carries it.
    let name = [&start.last, &start.first].into_iter().find_map(|track| {
        track
            .genres
            .iter()
            .find(|name| Form::new(name, 1.0).is_some_and(|form| form.sound == genre.sound))
    });
    Ok(match name {
        Some(name) => Found::Genre {
            genre: name.clone(),
            tracks: vec![start.first],
            rest: Some(start.rest),
        },
        None => Found::NotFound { suggestion: None },
    })
}

/// Tracks of a playlist read with its first page: the queue reads on from
/// there, ten at a time, as it reaches them.
const PLAYLIST_FIRST_PAGE: usize = 10;

/// A playlist's name as heard, without a trailing "playlist" or "play list".
fn heard_playlist(name: &str) -> Option<Form> {
    let heard = SpokenQuery::new(Some(name), None);
    let spoken = heard.song.as_deref()?;
    let words: Vec<String> = spoken.split_whitespace().map(str::to_lowercase).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let bare = match words.as_slice() {
        [rest @ .., "playlist"] | [rest @ .., "play", "list"] if !rest.is_empty() => rest.join(" "),
        _ => words.join(" "),
    };
    Form::new(&bare, 1.0)
}

/// The playlist a name heard wrong ("road trips", "top forty hit") stands
/// for, when its own key held nothing: one more `Query`, for the names.
enum Closest {
    /// Close enough to play: its key.
    Sure(String),
    /// Close enough to offer: its name as written.
    Offer(String),
    None,
}

async fn closest_playlist(catalog: &dyn Catalog, heard: &Form) -> Result<Closest, StoreError> {
    let names = catalog.playlist_names().await?;
    let closest = names
        .iter()
        .filter_map(|name| Some((similarity(heard, &Form::new(name, 1.0)?), name)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    Ok(match closest {
        Some((score, name)) if score >= SURE => {
            Closest::Sure(playlist_key(name).unwrap_or_default())
        }
        Some((score, name)) if score >= SUGGEST_MIN => Closest::Offer(name.clone()),
        _ => Closest::None,
    })
}

/// "Play the Road Trip playlist": the playlist whose name sounds like what
/// was heard (a trailing "playlist" or "play list" is not part of it),
/// in the owner's order. One `Query` on the playlist's key.
pub async fn find_playlist(catalog: &dyn Catalog, name: &str) -> Result<Found, StoreError> {
    let Some(heard) = heard_playlist(name) else {
        return Ok(Found::NotFound { suggestion: None });
    };
    let mut key = format!("p:{}", heard.sound);
    let mut tracks = catalog
        .lookup(std::slice::from_ref(&key), PLAYLIST_FIRST_PAGE)
        .await?;
    if tracks.is_empty() {
        // Played when sure, else offered.
        match closest_playlist(catalog, &heard).await? {
            Closest::Sure(sure) => {
                key = sure;
                tracks = catalog
                    .lookup(std::slice::from_ref(&key), PLAYLIST_FIRST_PAGE)
                    .await?;
            }
            Closest::Offer(playlist) => return Ok(Found::PlaylistOffer { playlist }),
            Closest::None => {}
        }
    }
    let Some(name) = tracks.first().and_then(|t| t.playlist.clone()) else {
        return Ok(Found::NotFound { suggestion: None });
    };
    // Read on after the first page whatever its length: a track listed
    // twice appears once in a lookup, so a short page need not be the end.
    let rest = tracks
        .last()
        .map(|last| Rest::from_position(key, last.position.saturating_add(1)));
    Ok(Found::Playlist {
        playlist: name,
        tracks,
        rest,
    })
}

/// "Shuffle the Road Trip playlist": the playlist found as
/// [`find_playlist`] finds it, in an order keyed by `seed` that is
/// computed, never listed (a playlist's entries are numbered 0, 1, 2…, as a
/// ranked key's are): its first track now, the rest as the queue reaches
/// it. Two requests, as for a genre (one more, for the names, when the
/// name was heard wrong).
pub async fn shuffle_playlist(
    catalog: &dyn Catalog,
    name: &str,
    seed: u64,
) -> Result<Found, StoreError> {
    let Some(heard) = heard_playlist(name) else {
        return Ok(Found::NotFound { suggestion: None });
    };
    let mut start = queue::shuffled(catalog, &format!("p:{}", heard.sound), seed).await?;
    if start.is_none() {
        match closest_playlist(catalog, &heard).await? {
            Closest::Sure(key) => start = queue::shuffled(catalog, &key, seed).await?,
            Closest::Offer(playlist) => return Ok(Found::PlaylistOffer { playlist }),
            Closest::None => {}
        }
    }
    Ok(match start {
        Some(start) => match start.first.playlist.clone() {
            Some(playlist) => Found::Playlist {
                playlist,
                tracks: vec![start.first],
                rest: Some(start.rest),
            },
            None => Found::NotFound { suggestion: None },
        },
        None => Found::NotFound { suggestion: None },
    })
}

/// A source heard in a shuffled order: its first tracks (never empty), the
/// rest to read, and its name as the catalog writes it (an artist's; empty
/// for an era heard without one).
#[derive(Debug, Clone, PartialEq)]
pub struct Shuffled {
    pub name: String,
    pub tracks: Vec<Track>,
    pub rest: Option<Rest>,
}

/// "Shuffle songs by Queen": every track crediting the artist, in an order
/// keyed by `seed` that is computed, never listed. Two requests when the
/// artist is heard as the catalog writes them; a name heard a little wrong
/// first finds the artist as "play songs by" does (one or two more).
pub async fn shuffle_artist(
    catalog: &dyn Catalog,
    artist: &str,
    seed: u64,
) -> Result<Option<Shuffled>, StoreError> {
    let heard = SpokenQuery::new(None, Some(artist));
    let Some(artist) = heard.artist.as_deref().and_then(|a| Form::new(a, 1.0)) else {
        return Ok(None);
    };
    let mut form = artist.clone();
    let mut start = queue::shuffled(catalog, &shuffle_artist_key(&form), seed).await?;
    if start.is_none() {
        if let Found::Artist { artist: name, .. } = find_artist(catalog, &artist).await? {
            if let Some(found) = Form::new(&name, 1.0) {
                start = queue::shuffled(catalog, &shuffle_artist_key(&found), seed).await?;
                form = found;
            }
        }
    }
    Ok(start.map(|start| Shuffled {
        name: credited_as(&start.first, &form),
        tracks: vec![start.first],
        rest: Some(start.rest),
    }))
}

/// The name of a track's credit that sounds like `form`, as written (the
/// whole credit when none does).
fn credited_as(track: &Track, form: &Form) -> String {
    Credits::new(&track.artist, &track.title)
        .named
        .into_iter()
        .find(|(_, named)| named.sound == form.sound)
        .map_or_else(|| track.artist.clone(), |(name, _)| name)
}

/// "Play music from the eighties [by Queen]", "… from 1977": the tracks of
/// the era (by the artist, when one was heard) in an order keyed by `seed`
/// that is computed, never listed, as for a genre. Two requests. A year by
/// an artist is the artist's tracks of its decade, of that year only: read
/// in the shuffled order, the other years skipped (at most a decade's
/// tracks by one artist).
pub async fn find_era(
    catalog: &dyn Catalog,
    era: Era,
    artist: Option<&str>,
    seed: u64,
) -> Result<Option<Shuffled>, StoreError> {
    let heard = SpokenQuery::new(None, artist);
    let artist = heard.artist.as_deref().and_then(|a| Form::new(a, 1.0));
    let key = match (&artist, era) {
        (None, era) => era.key(),
        (Some(artist), Era::Decade(_)) => era.key_by(artist),
        // A year by an artist: its own key would be one more per track.
        (Some(artist), Era::Year(year)) => {
            let key = Era::Decade(year - year % 10).key_by(artist);
            return year_by(catalog, key, year, artist, seed).await;
        }
    };
    let Some(start) = queue::shuffled(catalog, &key, seed).await? else {
        return Ok(None);
    };
    let name = match &artist {
        Some(form) => credited_as(&start.first, form),
        None => String::new(),
    };
    Ok(Some(Shuffled {
        name,
        tracks: vec![start.first],
        rest: Some(start.rest),
    }))
}

/// An artist's tracks of one year: one `Query` of their decade's key (at
/// most [`MAX_QUEUE`] tracks), kept to the year and shuffled in place.
async fn year_by(
    catalog: &dyn Catalog,
    key: String,
    year: u32,
    artist: &Form,
    seed: u64,
) -> Result<Option<Shuffled>, StoreError> {
    let tracks = catalog
        .lookup(std::slice::from_ref(&key), MAX_QUEUE)
        .await?;
    let of_year: Vec<Track> = tracks
        .into_iter()
        .filter(|t| t.year == Some(year))
        .collect();
    let Some(first) = of_year.first() else {
        return Ok(None);
    };
    let name = credited_as(first, artist);
    Ok(Some(Shuffled {
        name,
        tracks: shuffled_in_place(of_year, seed),
        rest: None,
    }))
}

/// A few tracks (an album, an artist's year) in an order keyed by `seed`.
pub fn shuffled_in_place(tracks: Vec<Track>, seed: u64) -> Vec<Track> {
    let order = queue::Shuffle::new(u32::try_from(tracks.len()).unwrap_or(u32::MAX), seed);
    let mut slots: Vec<Option<Track>> = tracks.into_iter().map(Some).collect();
    (0..order.count)
        .filter_map(|k| order.at(k))
        .filter_map(|i| slots.get_mut(i as usize).and_then(Option::take))
        .collect()
}

/// "Play the latest album by Queen": of the artist's tracks (the lookup
/// "play songs by" makes, at most [`MAX_QUEUE`]), the album with the
/// greatest year (ties: the one first in the catalog), then that album as
/// "play the album X by Y" plays it: two or three `Query`s.
pub async fn find_latest_album(catalog: &dyn Catalog, artist: &str) -> Result<Found, StoreError> {
    let heard = SpokenQuery::new(None, Some(artist));
    let Some(artist) = heard.artist.as_deref().and_then(|a| Form::new(a, 1.0)) else {
        return Ok(Found::NotFound { suggestion: None });
    };
    let Found::Artist {
        artist: name,
        tracks,
    } = find_artist(catalog, &artist).await?
    else {
        return Ok(Found::NotFound { suggestion: None });
    };
    let Some(album) = latest_album(&tracks) else {
        return Ok(Found::NotFound { suggestion: None });
    };
    find_album(catalog, &album, Some(&name)).await
}

/// The album with the greatest year among `tracks` (catalog order breaks
/// ties; an album without a year is older than any with one).
fn latest_album(tracks: &[Track]) -> Option<String> {
    let mut best: Option<(Option<u32>, u32, &str)> = None;
    for track in tracks {
        let Some(album) = track.album.as_deref() else {
            continue;
        };
        let better = match best {
            None => true,
            Some((year, position, _)) => {
                track.year > year || (track.year == year && track.position < position)
            }
        };
        if better {
            best = Some((track.year, track.position, album));
        }
    }
    best.map(|(_, _, album)| album.to_string())
}

/// "title by artist", split at the last " by ", both sides non-empty.
fn split_by(text: &str) -> Option<(&str, &str)> {
    let lower = text.to_lowercase();
    let at = lower.rfind(" by ")?;
    // Lowercasing can change byte lengths outside ASCII; split only where it did not.
    if lower.len() != text.len() {
        return None;
    }
    let (title, artist) = (text[..at].trim(), text[at + 4..].trim());
    (!title.is_empty() && !artist.is_empty()).then_some((title, artist))
}

async fn find_heard(
    catalog: &dyn Catalog,
    song: Option<&str>,
    artist: Option<&str>,
) -> Result<Found, StoreError> {
    let heard = Heard {
        song: song.and_then(|s| Form::new(s, 1.0)),
        artist: artist.and_then(|a| Form::new(a, 1.0)),
    };
    match (&heard.song, &heard.artist) {
        (None, None) => Ok(Found::NotFound { suggestion: None }),
        (None, Some(artist)) => find_artist(catalog, artist).await,
        (Some(song), _) => find_song(catalog, &heard, song).await,
    }
}

async fn find_artist(catalog: &dyn Catalog, artist: &Form) -> Result<Found, StoreError> {
    let mut tracks = catalog.lookup(&[artist_key(artist)], MAX_QUEUE).await?;
    if tracks.is_empty() {
        let words: Vec<String> = significant_words(std::iter::once(artist), 3)
            .into_iter()
            .map(artist_word_key)
            .collect();
        if !words.is_empty() {
            tracks = catalog.lookup(&words, MAX_QUEUE).await?;
        }
    }
    let mut matched: Vec<(bool, Candidate, String)> = Vec::new();
    for track in tracks {
        let candidate = Candidate::new(track);
        let (score, name) = artist_score(artist, &candidate.credits);
        if score >= ARTIST_MIN {
            // Tracks credited to the artist alone (or as the whole credit) come first.
            let sole = name.is_none()
                || candidate
                    .credits
                    .named
                    .first()
                    .is_some_and(|(first, _)| Some(first) == name.as_ref());
            let name = name.unwrap_or_else(|| candidate.track.artist.clone());
            matched.push((!sole, candidate, name));
        }
    }
    matched.sort_by_key(|(secondary, c, _)| (*secondary, c.track.position));
    match matched.first() {
        Some((_, _, name)) => {
            let artist = name.clone();
            Ok(Found::Artist {
                artist,
                tracks: matched
                    .into_iter()
                    .map(|(_, c, _)| c.track)
                    .take(MAX_QUEUE)
                    .collect(),
            })
        }
        None => Ok(Found::NotFound { suggestion: None }),
    }
}

async fn find_song(catalog: &dyn Catalog, heard: &Heard, song: &Form) -> Result<Found, StoreError> {
    // Round one: the title's exact key, one small Query: most requests
    // name a title as the catalog writes it, and end here.
    let is_sure = |candidates: &[Candidate]| {
        best(heard, candidates).is_some_and(|b| confident(heard, &b) && b.title >= SURE)
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    dedupe_into(
        &mut candidates,
        catalog.lookup(&[title_key(song)], EXACT_KEY_LIMIT).await?,
    );
    let mut sure = is_sure(&candidates);
    if !sure {
        // Round two: the artist's tracks (a title misheard but the artist
        // right) and, for a song heard alone, the album it may name.
        let artist_keys: Vec<String> = heard.artist.iter().map(artist_key).collect();
        let album_keys: Vec<String> = match heard.artist {
            None => vec![album_key(song)],
            Some(_) => Vec::new(),
        };
        let (by_artist, albums) = futures::future::try_join(
            lookup_some(catalog, &artist_keys, MAX_QUEUE),
            lookup_some(catalog, &album_keys, EXACT_KEY_LIMIT),
        )
        .await?;
        dedupe_into(&mut candidates, albums);
        dedupe_into(&mut candidates, by_artist);
        sure = is_sure(&candidates);
    }
    if !sure {
        // Round three: word keys, for misheard or partial titles and artists.
        let mut words: Vec<String> = significant_words(std::iter::once(song), 4)
            .into_iter()
            .map(word_key)
            .collect();
        if let Some(artist) = &heard.artist {
            words.extend(
                significant_words(std::iter::once(artist), 2)
                    .into_iter()
                    .map(artist_word_key),
            );
        }
        if !words.is_empty() {
            dedupe_into(
                &mut candidates,
                catalog.lookup(&words, WORD_KEY_LIMIT).await?,
            );
        }
    }

    let winner = best(heard, &candidates);
    let album = if heard.artist.is_none() {
        best_album(song, &candidates)
    } else {
        None
    };
    match (winner, album) {
        (Some(b), album)
            if confident(heard, &b)
                && album.as_ref().is_none_or(|(score, _)| b.title >= *score) =>
        {
            let track = b.candidate.track.clone();
            let rest = rest_after(&track);
            Ok(Found::Track { track, rest })
        }
        (_, Some((_, album))) => Ok(album_found(album, &candidates)),
        (winner, None) => {
            let suggestion = winner
                .filter(|b| {
                    b.title >= SUGGEST_MIN
                        && (heard.artist.is_none()
                            || b.artist >= ARTIST_MIN
                            || b.title >= TITLE_ALONE)
                })
                .map(|b| Suggestion {
                    id: b.candidate.track.id.clone(),
                    title: b.candidate.track.title.clone(),
                    artist: b.candidate.track.artist.clone(),
                });
            Ok(Found::NotFound { suggestion })
        }
    }
}

/// What follows a track found for a song ([`Found::Track`]): its
/// first-credited artist's other tracks, read later. A function of the
/// track alone, so a queue written before the search answered is filled in
/// from the track its first stream names, just as the search would have.
pub fn rest_after(track: &Track) -> Option<Rest> {
    Credits::new(&track.artist, &track.title)
        .primary(&track.artist)
        .map(|(_, primary)| Rest::after(artist_key(primary), track.position))
}

/// The album a heard title names, when it is close enough: (score, album as written).
fn best_album(song: &Form, candidates: &[Candidate]) -> Option<(f32, String)> {
    let mut albums: HashMap<&str, f32> = HashMap::new();
    for candidate in candidates {
        if let Some(album) = candidate.track.album.as_deref() {
            if !albums.contains_key(album) {
                let score = title_forms(album)
                    .first()
                    .map_or(0.0, |f| similarity(song, f));
                albums.insert(album, score);
            }
        }
    }
    albums
        .into_iter()
        .filter(|(_, score)| *score >= ALBUM_MIN)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(album, score)| (score, album.to_string()))
}

fn album_found(album: String, candidates: &[Candidate]) -> Found {
    let mut tracks: Vec<Track> = candidates
        .iter()
        .filter(|c| c.track.album.as_deref() == Some(album.as_str()))
        .map(|c| c.track.clone())
        .collect();
    tracks.sort_by_key(album_order);
    let artist = tracks.first().map(|t| t.artist.clone()).unwrap_or_default();
    Found::Album {
        album,
        artist,
        tracks,
    }
}

/// Where a track plays in its album: by disc, then track number (tracks
/// without one after the numbered tracks of their disc), then catalog order.
pub fn album_order(track: &Track) -> (u32, u32, u32) {
    (
        track.disc_number.unwrap_or(1),
        track.track_number.unwrap_or(u32::MAX),
        track.position,
    )
}

/// [`Catalog::lookup`], with no request for no keys.
async fn lookup_some(
    catalog: &dyn Catalog,
    keys: &[String],
    per_key_limit: usize,
) -> Result<Vec<Track>, StoreError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    catalog.lookup(keys, per_key_limit).await
}
