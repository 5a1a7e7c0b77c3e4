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
//! - `language`: how a listener's language reads a text (its numbers, "and"
//!   and articles; kana, Devanagari and Arabic folded). A query is read in
//!   its listener's language; a track's keys hold every language's reading
//!   that differs, so the two meet whatever the locale.
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
pub mod language;
pub(crate) mod normalize;
mod phonetic;
mod plan;
mod profile;
mod resolved;

pub use era::Era;
pub use language::Language;
pub use normalize::normal_words;
pub use phonetic::sound_key;
pub use plan::{fallback_order, find_first, Search};
pub(crate) use profile::VERSION_WORDS;
pub use resolved::find_resolved;

use std::collections::HashMap;

use profile::{significant_words, title_forms, title_forms_in, Credits, Form};

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
    /// The listener's language (from the request's locale): how the slots
    /// are read.
    pub language: Language,
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
            language: Language::English,
        }
    }

    /// The same query, read as a speaker of `language` means it.
    pub fn in_language(self, language: Language) -> Self {
        SpokenQuery { language, ..self }
    }

    pub fn is_empty(&self) -> bool {
        self.song.is_none() && self.artist.is_none()
    }
}

/// What was found for a query: what to play, in order, and how to say it.
// One per request, moved to its caller and never stored in bulk: boxing
// the track variant would save no memory that matters.
#[allow(clippy::large_enum_variant)]
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

/// The search key of a station named `name` (written or heard): the sound
/// of its name, the only key a station carries.
pub fn station_key(name: &str) -> Option<String> {
    Form::new(name, 1.0).map(|form| format!("s:{}", form.sound))
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

/// The most other names (`aliases`) a track's title may have.
pub const MAX_ALIASES: usize = 8;
/// The most title keys a track carries beside its title's English forms:
/// its aliases' forms, and the other languages' readings of both.
const MAX_TITLE_READINGS: usize = 20;
/// The most artist keys beside the English ones (the credit and each
/// artist it names): the other languages' readings of them.
const MAX_ARTIST_READINGS: usize = 8;
/// The most album keys beside the English one.
const MAX_ALBUM_READINGS: usize = 3;
/// Word keys from the aliases, beside the title's six.
const ALIAS_WORD_KEYS: usize = 4;

/// The title and the other names it may be asked by, at most [`MAX_ALIASES`].
fn names(track: &Track) -> impl Iterator<Item = &str> {
    std::iter::once(track.title.as_str())
        .chain(track.aliases.iter().take(MAX_ALIASES).map(String::as_str))
}

/// The search keys stored with a track: each title form (of the title and
/// of its aliases), each significant title word, the whole artist credit
/// and each artist it names (and their significant words), the album, and
/// each genre. Titles, artists and albums are read in English and in each
/// other [`Language`]; a reading that differs ("Neunundneunzig
/// Luftballons" read in German is "99 luftballons") adds a key, so a query
/// read in its listener's language finds its key. Bounded: the English keys
/// (about thirty, with at most ten genres) and at most
/// [`MAX_TITLE_READINGS`] + 4 alias word keys + [`MAX_ARTIST_READINGS`] +
/// [`MAX_ALBUM_READINGS`] more; a track whose text no other language reads
/// its own way carries the English keys alone. Plus each artist's shuffle
/// key and, for a track with a year, its year, its decade and its decade
/// by each artist.
pub fn index_keys(track: &Track) -> Vec<String> {
    if track.live {
        // A station is asked for as one ("play the station X"), never
        // found by a song search, an artist, a genre or a shuffle of
        // everything: none of those can play an endless stream in order.
        return station_key(&track.title).into_iter().collect();
    }
    let titles = title_forms(&track.title);
    let aliases: Vec<Form> = names(track).skip(1).flat_map(title_forms).collect();
    let credits = Credits::new(&track.artist, &track.title);
    let mut keys: Vec<String> = Vec::new();
    fn add(key: String, keys: &mut Vec<String>) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    // Every English key of one kind, then at most `most` other ones.
    fn bounded(english: Vec<String>, others: Vec<String>, most: usize, keys: &mut Vec<String>) {
        english.into_iter().for_each(|key| add(key, keys));
        let mut added = 0;
        for key in others {
            if added < most && !keys.contains(&key) {
                keys.push(key);
                added += 1;
            }
        }
    }
    // The other languages that may read `text` otherwise than English.
    fn readers(text: &str) -> Vec<Language> {
        let words = normalize::words(text);
        Language::ALL
            .into_iter()
            .skip(1)
            .filter(|language| language.rules().may_differ(text, &words))
            .collect()
    }

    let mut title_readings: Vec<String> = aliases.iter().map(title_key).collect();
    for name in names(track) {
        for language in readers(name) {
            title_readings.extend(title_forms_in(name, language).iter().map(title_key));
        }
    }
    let english_titles = titles.iter().map(title_key).collect();
    bounded(
        english_titles,
        title_readings,
        MAX_TITLE_READINGS,
        &mut keys,
    );
    let words = significant_words(titles.iter(), 6)
        .into_iter()
        .map(word_key)
        .collect();
    let alias_words = significant_words(aliases.iter(), ALIAS_WORD_KEYS)
        .into_iter()
        .map(word_key)
        .collect();
    bounded(words, alias_words, ALIAS_WORD_KEYS, &mut keys);

    let mut artist_readings: Vec<String> = Vec::new();
    let credited = format!("{} {}", track.artist, track.title);
    for language in readers(&credited) {
        let read = Credits::read(&track.artist, &track.title, language);
        artist_readings.extend(read.forms().map(artist_key));
    }
    let english_artists = credits.forms().map(artist_key).collect();
    bounded(
        english_artists,
        artist_readings,
        MAX_ARTIST_READINGS,
        &mut keys,
    );
    for form in credits.forms() {
        add(shuffle_artist_key(form), &mut keys);
    }
    for word in significant_words(credits.forms(), 4) {
        add(artist_word_key(word), &mut keys);
    }

    if let Some(album) = track.album.as_deref() {
        let first = |language| title_forms_in(album, language).into_iter().next();
        let english = first(Language::English).iter().map(album_key).collect();
        let readings = readers(album)
            .into_iter()
            .filter_map(first)
            .map(|form| album_key(&form))
            .collect();
        bounded(english, readings, MAX_ALBUM_READINGS, &mut keys);
    }
    for genre in &track.genres {
        if let Some(form) = Form::new(genre, 1.0) {
            add(genre_key(&form), &mut keys);
        }
    }
    for key in era::era_keys(track.year, credits.forms()) {
        add(key, &mut keys);
    }
    add(EVERY_TRACK_KEY.to_string(), &mut keys);
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
pub(super) struct Candidate {
    track: Track,
    titles: Vec<Form>,
    credits: Credits,
}

impl Candidate {
    /// The track read in the listener's language, as the query was: its
    /// title and each alias, and its credit.
    fn new(track: Track, language: Language) -> Self {
        let mut titles: Vec<Form> = Vec::new();
        for form in names(&track).flat_map(|name| title_forms_in(name, language)) {
            if !titles.iter().any(|f| f.compact == form.compact) {
                titles.push(form);
            }
        }
        Candidate {
            titles,
            credits: Credits::read(&track.artist, &track.title, language),
            track,
        }
    }

    /// Lower sorts first: popularity rank, then catalog order.
    fn order(&self) -> (u32, u32) {
        (self.track.rank.unwrap_or(u32::MAX), self.track.position)
    }
}

/// The heard query as forms, read in the listener's language.
struct Heard {
    song: Option<Form>,
    artist: Option<Form>,
    language: Language,
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

pub(super) fn dedupe_into(candidates: &mut Vec<Candidate>, tracks: Vec<Track>, language: Language) {
    for track in tracks {
        if !candidates.iter().any(|c| c.track.id == track.id) {
            candidates.push(Candidate::new(track, language));
        }
    }
}

/// Finds what the listener asked for with a bounded number of lookups:
/// exact keys first, word keys only when nothing matched well, then the
/// queue. The number and size of lookups depend on the query, never on
/// the catalog's size, nor on its language: a heard query costs at most
/// three lookups (its title key; its artist or album key; at most six word
/// keys), and a song slot that finds nothing is tried once more as "title
/// by artist", so a request asks for at most 2 × 9 keys in 6 lookups.
pub async fn find(catalog: &dyn Catalog, query: &SpokenQuery) -> Result<Found, StoreError> {
    let language = query.language;
    let found = find_heard(
        catalog,
        query.song.as_deref(),
        query.artist.as_deref(),
        language,
    )
    .await?;
    // Alexa sometimes hands "hey jude by the beatles" over as the song alone:
    // when that finds nothing, try it as a song and an artist.
    if let (Found::NotFound { .. }, Some(song), None) =
        (&found, query.song.as_deref(), query.artist.as_deref())
    {
        if let Some((title, artist)) = split_by(song, language) {
            let retry = find_heard(catalog, Some(title), Some(artist), language).await?;
            if !matches!(retry, Found::NotFound { .. }) {
                return Ok(retry);
            }
        }
    }
    Ok(found)
}

/// "Play the album X [by Y]": the album whose title is closest to what was
/// heard in the listener's `language` (one `Query` on its album key), by
/// the artist when one was said, in disc and track order.
pub async fn find_album(
    catalog: &dyn Catalog,
    album: &str,
    artist: Option<&str>,
    language: Language,
) -> Result<Found, StoreError> {
    let heard = SpokenQuery::new(Some(album), artist);
    let read = |text: &str| Form::read(text, 1.0, language);
    let Some(album) = heard.song.as_deref().and_then(read) else {
        return Ok(Found::NotFound { suggestion: None });
    };
    let artist = heard.artist.as_deref().and_then(read);
    let mut candidates: Vec<Candidate> = Vec::new();
    dedupe_into(
        &mut candidates,
        catalog.lookup(&[album_key(&album)], MAX_QUEUE).await?,
        language,
    );
    if let Some(artist) = &artist {
        candidates.retain(|c| artist_score(artist, &c.credits).0 >= ARTIST_MIN);
    }
    Ok(match best_album(&album, &candidates, language) {
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
pub(super) const PLAYLIST_FIRST_PAGE: usize = 10;

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

/// "Play the station Radio Paradise": the station whose name sounds like
/// what was heard (a trailing "station" is not part of it, unless it is
/// all that was heard: "the Harbour Radio station" is Harbour Radio). One
/// `Query` on the station's key.
pub async fn find_station(catalog: &dyn Catalog, name: &str) -> Result<Option<Track>, StoreError> {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let bare = match words.as_slice() {
        [rest @ .., "station"] if !rest.is_empty() => rest.join(" "),
        _ => words.join(" "),
    };
    let Some(key) = station_key(&bare) else {
        return Ok(None);
    };
    let found = catalog.lookup(std::slice::from_ref(&key), 1).await?;
    Ok(found.into_iter().find(|track| track.live))
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
        if let Found::Artist { artist: name, .. } =
            find_artist(catalog, &artist, Language::English).await?
        {
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
    } = find_artist(catalog, &artist, Language::English).await?
    else {
        return Ok(Found::NotFound { suggestion: None });
    };
    let Some(album) = latest_album(&tracks) else {
        return Ok(Found::NotFound { suggestion: None });
    };
    find_album(catalog, &album, Some(&name), Language::English).await
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

/// "title by artist", split at the last " by " or the language's word for
/// it ("von", "de", "van"), both sides non-empty.
fn split_by(text: &str, language: Language) -> Option<(&str, &str)> {
    let lower = text.to_lowercase();
    // Lowercasing can change byte lengths outside ASCII; split only where it did not.
    if lower.len() != text.len() {
        return None;
    }
    let (at, word) = std::iter::once("by")
        .chain(language.rules().by.iter().copied())
        .filter_map(|word| Some((lower.rfind(&format!(" {word} "))?, word)))
        .max_by_key(|(at, _)| *at)?;
    let (title, artist) = (text[..at].trim(), text[at + word.len() + 2..].trim());
    (!title.is_empty() && !artist.is_empty()).then_some((title, artist))
}

async fn find_heard(
    catalog: &dyn Catalog,
    song: Option<&str>,
    artist: Option<&str>,
    language: Language,
) -> Result<Found, StoreError> {
    let heard = Heard {
        song: song.and_then(|s| Form::read(s, 1.0, language)),
        artist: artist.and_then(|a| Form::read(a, 1.0, language)),
        language,
    };
    match (&heard.song, &heard.artist) {
        (None, None) => Ok(Found::NotFound { suggestion: None }),
        (None, Some(artist)) => find_artist(catalog, artist, language).await,
        (Some(song), _) => find_song(catalog, &heard, song).await,
    }
}

async fn find_artist(
    catalog: &dyn Catalog,
    artist: &Form,
    language: Language,
) -> Result<Found, StoreError> {
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
        let candidate = Candidate::new(track, language);
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
    let language = heard.language;
    let mut candidates: Vec<Candidate> = Vec::new();
    dedupe_into(
        &mut candidates,
        catalog.lookup(&[title_key(song)], EXACT_KEY_LIMIT).await?,
        language,
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
        dedupe_into(&mut candidates, albums, language);
        dedupe_into(&mut candidates, by_artist, language);
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
                language,
            );
        }
    }

    let winner = best(heard, &candidates);
    let album = if heard.artist.is_none() {
        best_album(song, &candidates, language)
    } else {
        None
    };
    match (winner, album) {
        (Some(b), album)
            if confident(heard, &b)
                && album.as_ref().is_none_or(|(score, _)| b.title >= *score) =>
        {
            let track = b.candidate.track.clone();
            // The first-credited artist's other tracks follow, read later,
            // under the artist's English key: every track of the artist
            // carries it, whatever the listener's language.
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

/// The ranked key of the first-credited artist of a track credited as
/// `artist` (the title tells a featured artist from the main one): where a
/// continuation looks first for a track like it.
pub fn similar_artist_key(artist: &str, title: &str) -> Option<String> {
    Credits::new(artist, title)
        .primary(artist)
        .map(|(_, primary)| shuffle_artist_key(primary))
}

/// The ranked keys a continuation tries after the artist's: the track's
/// first genre, then its decade (from its year).
pub fn similar_keys(track: &Track) -> Vec<String> {
    let genre = track
        .genres
        .iter()
        .find_map(|genre| Form::new(genre, 1.0))
        .map(|form| genre_key(&form));
    genre
        .into_iter()
        .chain(era::decade_key_of(track.year))
        .collect()
}

/// The album a heard title names, when it is close enough: (score, album as written).
fn best_album(song: &Form, candidates: &[Candidate], language: Language) -> Option<(f32, String)> {
    let mut albums: HashMap<&str, f32> = HashMap::new();
    for candidate in candidates {
        if let Some(album) = candidate.track.album.as_deref() {
            if !albums.contains_key(album) {
                let score = title_forms_in(album, language)
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

pub(super) fn album_found(album: String, candidates: &[Candidate]) -> Found {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn track(title: &str, artist: &str, aliases: &[&str]) -> Track {
        Track {
            id: "t".into(),
            title: title.into(),
            artist: artist.into(),
            album: Some(title.into()),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Track::default()
        }
    }

    fn title_key_of(text: &str, language: Language) -> String {
        title_key(&Form::read(text, 1.0, language).unwrap())
    }

    #[test]
    fn keys_hold_every_language_reading_that_differs() {
        let keys = index_keys(&track("Neunundneunzig Luftballons", "Nena", &[]));
        assert!(keys.contains(&title_key_of(
            "neunundneunzig luftballons",
            Language::English
        )));
        assert!(keys.contains(&title_key_of("99 luftballons", Language::English)));
        let keys = index_keys(&track("Die Toten Hosen", "Die Toten Hosen", &[]));
        assert!(keys.contains(&title_key_of("toten hosen", Language::German)));
        assert!(keys.contains(&artist_key(&Form::new("toten hosen", 1.0).unwrap())));
    }

    #[test]
    fn an_english_title_carries_no_more_keys_than_english_gives_it() {
        let english = track("Hey Jude", "The Beatles", &[]);
        let titles = title_forms(&english.title);
        let credits = Credits::new(&english.artist, &english.title);
        let keys = index_keys(&english);
        let titled: Vec<&String> = keys.iter().filter(|k| k.starts_with("t:")).collect();
        assert_eq!(titled, vec![&title_key(&titles[0])]);
        let artists: Vec<&String> = keys.iter().filter(|k| k.starts_with("a:")).collect();
        assert_eq!(artists.len(), credits.forms().count());
    }

    #[test]
    fn aliases_are_keys_and_the_keys_are_bounded() {
        let keys = index_keys(&track(
            "Bohemian Rhapsody",
            "Queen",
            &["ボヘミアン・ラプソディ"],
        ));
        assert!(keys.contains(&title_key_of("ぼへみあん らぷそでぃ", Language::Japanese)));
        // Many long aliases, each with numbers and articles every language
        // reads its own way: still a bounded number of keys.
        let alias = "Die La Les Le Il O De Het Der Das neunundneunzig quatre-vingt-dix-neuf \
                     noventa y nueve novantanove negenennegentig (noventa e nove): un deux, trois";
        let aliases: Vec<String> = (0..MAX_ALIASES).map(|i| format!("{alias} {i}")).collect();
        let aliases: Vec<&str> = aliases.iter().map(String::as_str).collect();
        let heavy = track(alias, alias, &aliases);
        let keys = index_keys(&heavy);
        let count = |prefix: &str| keys.iter().filter(|k| k.starts_with(prefix)).count();
        let english = |text: &str| title_forms(text).len();
        assert!(
            count("t:") <= english(alias) + MAX_TITLE_READINGS,
            "{keys:?}"
        );
        let credits = Credits::new(alias, alias).forms().count();
        assert!(count("a:") <= credits + MAX_ARTIST_READINGS);
        assert!(count("l:") <= 1 + MAX_ALBUM_READINGS);
        assert!(count("w:") <= 6 + ALIAS_WORD_KEYS);
        assert!(keys.len() <= 70, "{}", keys.len());
    }

    #[test]
    fn title_by_artist_in_the_listeners_words() {
        assert_eq!(
            split_by("hey jude von den beatles", Language::German),
            Some(("hey jude", "den beatles"))
        );
        assert_eq!(
            split_by("macarena de los del rio", Language::Spanish),
            Some(("macarena", "los del rio"))
        );
        assert_eq!(
            split_by("hey jude by the beatles", Language::Dutch),
            Some(("hey jude", "the beatles"))
        );
        assert_eq!(
            split_by("hey jude von den beatles", Language::English),
            None
        );
    }
}
