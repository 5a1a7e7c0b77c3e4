//! The owner's catalog as slot values of the voice model.
//!
//! Alexa's speech recognition leans toward the values a slot type lists.
//! `jukebox model build --catalog` lists the owner's songs, artists,
//! albums, playlists, genres and stations there, each with an entity id
//! that names what the skill would otherwise have to find by fuzzy
//! matching (a track or station id, or the search key of an artist,
//! album, playlist or genre: see [`EntityRef`]), and with the spoken forms speech recognition returns as
//! synonyms ("a c d c" for AC/DC, "ninety nine problems").
//!
//! Amazon bounds a model; over the bounds the most useful values are kept
//! (popularity rank, then plays, then catalog order) and the rest counted.
//! The bounds, and where they are stated:
//! - [`MAX_VALUE_CHARS`]: 140 characters per slot value ("Slot value length
//!   exceeds the limit of 140 characters", the developer console's error
//!   quoted in github.com/m0ngr31/kanzi/issues/263; Amazon Lex states the
//!   same 140 for a slot type value, docs.aws.amazon.com/lexv2/latest/APIReference/API_SampleValue.html).
//! - [`MAX_SLOT_VALUES`]: 50,000 slot values in a model, counted across its
//!   custom slot types (Amazon's "Create and Edit Custom Slot Types",
//!   developer.amazon.com/docs/custom-skills/create-and-edit-custom-slot-types.html,
//!   whose limits section the search index could not show; the number is
//!   the one owners quote, e.g. github.com/alexa-js/alexa-app/pull/34).
//!   Synonyms are counted as values too: the stricter reading.
//! - [`MAX_MODEL_BYTES`]: the model a skill uploads must stay under
//!   1,000,000 characters ("modelDefinition failed to satisfy constraint:
//!   Member must have length less than or equal to 1000000",
//!   github.com/alexa/ask-cli/issues/9), below the 1.5 MB often quoted for
//!   the console.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::catalog::{Playlist, Track};
use crate::matching::{genre_key_of, index_keys, normal_words, playlist_key, sound_key};

/// The longest slot value (or synonym) Alexa accepts, in characters.
pub const MAX_VALUE_CHARS: usize = 140;
/// The most slot values (names and synonyms) a model holds.
pub const MAX_SLOT_VALUES: usize = 50_000;
/// The largest model file written, in bytes.
pub const MAX_MODEL_BYTES: usize = 1_000_000;
/// Synonyms kept per value: the spoken forms that differ, not every variant.
const MAX_SYNONYMS: usize = 6;

/// What a slot names, and the slot types that carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SlotKind {
    Station,
    Genre,
    Playlist,
    Artist,
    Album,
    Song,
}

impl SlotKind {
    /// Collections first: an artist is worth more to the model than one of
    /// its songs. Stations before all: a handful, and a station is asked
    /// for by its name alone.
    pub const ALL: [SlotKind; 6] = [
        SlotKind::Station,
        SlotKind::Genre,
        SlotKind::Playlist,
        SlotKind::Artist,
        SlotKind::Album,
        SlotKind::Song,
    ];

    /// The built-in type a slot of this kind names (extensible with
    /// values); none for stations, which the model lists in
    /// `JUKEBOX_STATION` in every locale.
    pub fn builtin_type(self) -> Option<&'static str> {
        Some(match self {
            SlotKind::Song => "AMAZON.MusicRecording",
            SlotKind::Artist => "AMAZON.Artist",
            SlotKind::Album => "AMAZON.MusicAlbum",
            SlotKind::Playlist => "AMAZON.MusicPlaylist",
            SlotKind::Genre => "AMAZON.Genre",
            SlotKind::Station => return None,
        })
    }

    /// The custom type standing for it where Alexa lacks the built-in one.
    pub fn custom_type(self) -> &'static str {
        match self {
            SlotKind::Song => "JUKEBOX_SONG",
            SlotKind::Artist => "JUKEBOX_ARTIST",
            SlotKind::Album => "JUKEBOX_ALBUM",
            SlotKind::Playlist => "JUKEBOX_PLAYLIST",
            SlotKind::Genre => "JUKEBOX_GENRE",
            SlotKind::Station => "JUKEBOX_STATION",
        }
    }

    /// The kind a slot type (built-in or jukebox's custom one) carries.
    pub fn of_slot_type(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.builtin_type() == Some(name) || kind.custom_type() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            SlotKind::Song => "songs",
            SlotKind::Artist => "artists",
            SlotKind::Album => "albums",
            SlotKind::Playlist => "playlists",
            SlotKind::Genre => "genres",
            SlotKind::Station => "stations",
        }
    }

    /// The prefix of the search keys this kind's ids are (none for songs
    /// and stations: their ids are row ids).
    fn key_prefix(self) -> Option<&'static str> {
        match self {
            SlotKind::Song | SlotKind::Station => None,
            SlotKind::Artist => Some("a:"),
            SlotKind::Album => Some("l:"),
            SlotKind::Playlist => Some("p:"),
            SlotKind::Genre => Some("g:"),
        }
    }
}

/// What an entity id of jukebox's own slot values names: the one item (or
/// the one search key) a resolved slot goes straight to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntityRef {
    Track(String),
    Artist(String),
    Album(String),
    Playlist(String),
    Genre(String),
    /// A station row's id.
    Station(String),
}

impl EntityRef {
    /// Decodes the id of a value of a `kind` slot type; `None` when the id
    /// cannot be one jukebox wrote (a search key of another kind, empty).
    pub fn decode(kind: SlotKind, id: &str) -> Option<Self> {
        let id = id.trim();
        if id.is_empty() {
            return None;
        }
        if let Some(prefix) = kind.key_prefix() {
            if !id.starts_with(prefix) || id.len() == prefix.len() {
                return None;
            }
        }
        let id = id.to_string();
        Some(match kind {
            SlotKind::Song => EntityRef::Track(id),
            SlotKind::Artist => EntityRef::Artist(id),
            SlotKind::Album => EntityRef::Album(id),
            SlotKind::Playlist => EntityRef::Playlist(id),
            SlotKind::Genre => EntityRef::Genre(id),
            SlotKind::Station => EntityRef::Station(id),
        })
    }
}

/// What a slot names when Alexa resolved it to one of jukebox's own
/// values (`ER_SUCCESS_MATCH` from this skill's authority for one of the
/// music slot types): the best value's id, decoded. `None` sends the slot
/// to the matcher: no match, another authority, another skill, an id
/// jukebox could not have written.
pub fn resolved_entity(slot: &crate::alexa::request::Slot, skill_id: &str) -> Option<EntityRef> {
    use crate::alexa::request::{Authority, ResolutionCode};
    slot.resolutions()?
        .resolutions_per_authority
        .iter()
        .filter(|r| r.status.code == ResolutionCode::ErSuccessMatch)
        .find_map(|r| {
            let authority = Authority::parse(&r.authority)?;
            if authority.skill_id != skill_id {
                return None;
            }
            let kind = SlotKind::of_slot_type(authority.slot_type)?;
            EntityRef::decode(kind, &r.values.first()?.value.id)
        })
}

/// How useful a value is to the model; lower sorts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Usefulness {
    rank: u32,
    plays: Reverse<u64>,
    position: u32,
    kind: SlotKind,
}

/// One value the catalog implies: what it is called and what its id names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub kind: SlotKind,
    pub id: String,
    pub name: String,
    usefulness: Usefulness,
}

/// Every value the catalog implies, most useful first.
#[derive(Debug, Clone, Default)]
pub struct CatalogValues {
    pub entities: Vec<Entity>,
}

/// The search key of an artist named `name` (as the matcher derives it).
fn artist_key(name: &str) -> Option<String> {
    let words = normal_words(name);
    (!words.is_empty()).then(|| format!("a:{}", sound_key(&words.concat())))
}

/// The names a credit gives: the whole credit and each artist it joins.
fn credit_names(credit: &str) -> Vec<String> {
    let mut names = vec![credit.trim().to_string()];
    let mut parts = vec![credit.to_string()];
    for separator in [
        " & ",
        " and ",
        ", ",
        " feat. ",
        " feat ",
        " ft. ",
        " featuring ",
        " x ",
        " with ",
        " / ",
        "; ",
    ] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(separator).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    for part in parts {
        let part = part.trim().to_string();
        if !part.is_empty() && !names.contains(&part) {
            names.push(part);
        }
    }
    names
}

impl CatalogValues {
    /// The values of a catalog: each track, each artist its credits name,
    /// each album, playlist and genre. `plays` counts plays by track id
    /// (`jukebox report plays --json`), for ordering only.
    pub fn new(tracks: &[Track], playlists: &[Playlist], plays: &HashMap<String, u64>) -> Self {
        let mut collected: HashMap<(SlotKind, String), Entity> = HashMap::new();
        let mut add = |kind: SlotKind, id: String, name: &str, usefulness: Usefulness| {
            let name = name.trim();
            if name.is_empty() {
                return;
            }
            let entry = collected
                .entry((kind, id.clone()))
                .or_insert_with(|| Entity {
                    kind,
                    id,
                    name: name.to_string(),
                    usefulness: Usefulness {
                        rank: u32::MAX,
                        plays: Reverse(0),
                        position: u32::MAX,
                        kind,
                    },
                });
            entry.usefulness.rank = entry.usefulness.rank.min(usefulness.rank);
            entry.usefulness.position = entry.usefulness.position.min(usefulness.position);
            entry.usefulness.plays = Reverse(entry.usefulness.plays.0 + usefulness.plays.0);
        };
        let by_id: HashMap<&str, &Track> = tracks.iter().map(|t| (t.id.as_str(), t)).collect();
        let usefulness_of = |track: &Track, kind: SlotKind| Usefulness {
            rank: track.rank.unwrap_or(u32::MAX),
            plays: Reverse(plays.get(&track.id).copied().unwrap_or(0)),
            position: track.position,
            kind,
        };
        for track in tracks {
            // A station is a value of its own type, by its name alone (no
            // artist, album or genre key finds it), and among the first
            // kept: an owner lists a few.
            if track.live {
                add(
                    SlotKind::Station,
                    track.id.clone(),
                    &track.title,
                    Usefulness {
                        rank: 0,
                        ..usefulness_of(track, SlotKind::Station)
                    },
                );
                continue;
            }
            let keys: HashSet<String> = index_keys(track).into_iter().collect();
            add(
                SlotKind::Song,
                track.id.clone(),
                &track.title,
                usefulness_of(track, SlotKind::Song),
            );
            for name in credit_names(&track.artist) {
                // Only names the matcher also indexes: the id must find the track.
                if let Some(key) = artist_key(&name).filter(|k| keys.contains(k)) {
                    add(
                        SlotKind::Artist,
                        key,
                        &name,
                        usefulness_of(track, SlotKind::Artist),
                    );
                }
            }
            if let Some(album) = &track.album {
                let key = [strip_version_notes(album), album.clone()]
                    .iter()
                    .filter_map(|text| {
                        let words = normal_words(text);
                        (!words.is_empty()).then(|| format!("l:{}", sound_key(&words.concat())))
                    })
                    .find(|k| keys.contains(k));
                if let Some(key) = key {
                    add(
                        SlotKind::Album,
                        key,
                        album,
                        usefulness_of(track, SlotKind::Album),
                    );
                }
            }
            for genre in &track.genres {
                if let Some(key) = genre_key_of(genre).filter(|k| keys.contains(k)) {
                    add(
                        SlotKind::Genre,
                        key,
                        genre,
                        usefulness_of(track, SlotKind::Genre),
                    );
                }
            }
        }
        for playlist in playlists {
            let Some(key) = playlist_key(&playlist.name) else {
                continue;
            };
            let members = playlist
                .track_ids
                .iter()
                .filter_map(|id| by_id.get(id.as_str()));
            let mut usefulness = Usefulness {
                rank: u32::MAX,
                plays: Reverse(0),
                position: u32::MAX,
                kind: SlotKind::Playlist,
            };
            for track in members {
                let of = usefulness_of(track, SlotKind::Playlist);
                usefulness.rank = usefulness.rank.min(of.rank);
                usefulness.position = usefulness.position.min(of.position);
                usefulness.plays = Reverse(usefulness.plays.0 + of.plays.0);
            }
            add(SlotKind::Playlist, key, &playlist.name, usefulness);
        }
        let mut entities: Vec<Entity> = collected.into_values().collect();
        entities
            .sort_by(|a, b| (a.usefulness, &a.id, &a.name).cmp(&(b.usefulness, &b.id, &b.name)));
        CatalogValues { entities }
    }

    /// A digest of every value (kind, id, name): two catalogs that imply
    /// the same values have the same fingerprint, whatever their order.
    pub fn fingerprint(&self) -> String {
        let mut lines: Vec<String> = self
            .entities
            .iter()
            .map(|e| format!("{}\t{}\t{}", e.kind.name(), e.id, e.name))
            .collect();
        lines.sort();
        let mut hash = Sha256::new();
        for line in &lines {
            hash.update(line.as_bytes());
            hash.update(b"\n");
        }
        let digest = hash.finalize();
        digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
    }

    /// How many values of each kind.
    pub fn counts(&self) -> Vec<(SlotKind, usize)> {
        SlotKind::ALL
            .into_iter()
            .map(|kind| {
                (
                    kind,
                    self.entities.iter().filter(|e| e.kind == kind).count(),
                )
            })
            .collect()
    }
}

/// One slot value as the model lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotValue {
    pub id: String,
    pub name: String,
    pub synonyms: Vec<String>,
}

impl SlotValue {
    /// The ASK form of the value. The SMAPI model requires at least one
    /// synonym; the value itself is the one that changes nothing.
    pub fn to_json(&self) -> Value {
        let synonyms = if self.synonyms.is_empty() {
            vec![self.name.clone()]
        } else {
            self.synonyms.clone()
        };
        json!({"id": self.id, "name": {"value": self.name, "synonyms": synonyms}})
    }

    /// How many slot values it counts for: its name and each synonym.
    pub fn count(&self) -> usize {
        1 + self.synonyms.len().max(1)
    }
}

/// The values chosen for one locale's model, by kind, and how many were
/// left out to stay within Amazon's bounds.
#[derive(Debug, Clone, Default)]
pub struct FittedValues {
    pub values: Vec<(SlotKind, Vec<SlotValue>)>,
    pub left_out: usize,
    /// Values whose name is longer than [`MAX_VALUE_CHARS`], left out too.
    pub too_long: usize,
}

impl FittedValues {
    pub fn of(&self, kind: SlotKind) -> &[SlotValue] {
        self.values
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[], |(_, values)| values.as_slice())
    }
}

/// Chooses the values of a locale's model: most useful first, while the
/// model stays within [`MAX_SLOT_VALUES`] values (`used_values` are taken
/// already) and `byte_budget` bytes of JSON (what the values may add).
pub fn fit(
    values: &CatalogValues,
    language: &str,
    used_values: usize,
    byte_budget: usize,
) -> FittedValues {
    let mut fitted = FittedValues {
        values: SlotKind::ALL.into_iter().map(|k| (k, Vec::new())).collect(),
        ..FittedValues::default()
    };
    let mut count = used_values;
    let mut bytes = 0usize;
    // A name or synonym heard for one value of a type is not offered for
    // another of the same type: it would resolve to both.
    let mut taken: HashMap<SlotKind, HashSet<String>> = HashMap::new();
    let mut full = false;
    for entity in &values.entities {
        if full {
            fitted.left_out += 1;
            continue;
        }
        if entity.name.chars().count() > MAX_VALUE_CHARS || entity.id.len() > 1024 {
            fitted.too_long += 1;
            fitted.left_out += 1;
            continue;
        }
        let seen = taken.entry(entity.kind).or_default();
        let name_key = entity.name.to_lowercase();
        if seen.contains(&name_key) {
            // Another value already stands for this name (two songs with one title).
            fitted.left_out += 1;
            continue;
        }
        let synonyms: Vec<String> = spoken_forms(entity.kind, &entity.name, language)
            .into_iter()
            .filter(|s| s.to_lowercase() != name_key && !seen.contains(&s.to_lowercase()))
            .take(MAX_SYNONYMS)
            .collect();
        let value = SlotValue {
            id: entity.id.clone(),
            name: entity.name.clone(),
            synonyms,
        };
        // A model with catalog values is written as compact JSON (see
        // `VoiceModel::interaction_model_compact`); a comma follows each value.
        let cost = value.to_json().to_string().len() + 1;
        if count + value.count() > MAX_SLOT_VALUES || bytes + cost > byte_budget {
            full = true;
            fitted.left_out += 1;
            continue;
        }
        count += value.count();
        bytes += cost;
        seen.insert(name_key);
        seen.extend(value.synonyms.iter().map(|s| s.to_lowercase()));
        if let Some((_, list)) = fitted.values.iter_mut().find(|(k, _)| *k == entity.kind) {
            list.push(value);
        }
    }
    fitted
}

/// Whether a title's trailing part marks a version (the matcher's words,
/// or a year alone: "- 2015").
fn is_version_note(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    !words.is_empty()
        && (words
            .iter()
            .any(|w| crate::matching::VERSION_WORDS.contains(&w.as_str()))
            || words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit())))
}

/// A title without "(feat. …)", "- 2015 Remaster", "[Live]" and the like.
fn strip_version_notes(title: &str) -> String {
    let mut text = title.trim().to_string();
    if let Some(index) = text.rfind(" - ") {
        if is_version_note(&text[index + 3..]) {
            text.truncate(index);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find(['(', '[']) {
        let close_char = if rest[open..].starts_with('(') {
            ')'
        } else {
            ']'
        };
        let Some(close) = rest[open..].find(close_char) else {
            break;
        };
        out.push_str(&rest[..open]);
        if !is_version_note(&rest[open + 1..open + close]) {
            out.push_str(&rest[open..=open + close]);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let lower = out.to_lowercase();
    for marker in [" feat. ", " feat ", " ft. ", " featuring "] {
        if let Some(index) = lower.find(marker) {
            if out.is_char_boundary(index) {
                out.truncate(index);
            }
            break;
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text with bracketed parts removed.
fn without_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The word for "and" in a language.
fn and_word(language: &str) -> &'static str {
    match language {
        "de" => "und",
        "fr" => "et",
        "es" => "y",
        "it" | "pt" => "e",
        "nl" => "en",
        _ => "and",
    }
}

/// A token read letter by letter: an initialism written with dots or
/// slashes ("AC/DC", "R.E.M.") or two or three capitals ("TLC") in a
/// name not written all in capitals.
fn spelled(token: &str, whole_caps: bool) -> Option<String> {
    let trimmed = token.trim_matches(|c: char| !c.is_alphanumeric());
    let letters: Vec<char> = trimmed.chars().filter(|c| c.is_alphanumeric()).collect();
    let separated = trimmed.contains(['.', '/'])
        && trimmed.split(['.', '/']).all(|part| {
            part.chars().count() <= 3
                && part
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        && letters.iter().any(char::is_ascii_uppercase);
    let capitals = !whole_caps
        && (2..=3).contains(&letters.len())
        && letters.iter().all(|c| c.is_ascii_uppercase());
    (separated || capitals).then(|| {
        letters
            .iter()
            .map(|c| c.to_ascii_lowercase().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The spoken forms of a name that speech recognition may return instead
/// of the written one, in the language of the model: without version
/// notes or brackets, "&" said as a word, initialisms spelled, numbers as
/// words. Only forms that differ from the name; at most a few.
pub fn spoken_forms(kind: SlotKind, name: &str, language: &str) -> Vec<String> {
    let mut bases = vec![name.trim().to_string()];
    if matches!(kind, SlotKind::Song | SlotKind::Album) {
        let clean = strip_version_notes(name);
        let bare = without_brackets(&clean);
        bases.push(clean);
        bases.push(bare);
    }
    let mut forms: Vec<String> = Vec::new();
    let mut push = |text: String| {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty()
            && text.chars().count() <= MAX_VALUE_CHARS
            && !forms.iter().any(|f| f.eq_ignore_ascii_case(&text))
        {
            forms.push(text);
        }
    };
    let whole_caps = name
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    for base in bases {
        push(base.clone());
        let and = and_word(language);
        let mut changed = false;
        let spoken: Vec<String> = base
            .split_whitespace()
            .map(|token| {
                if token == "&" || token == "+" {
                    changed = true;
                    return and.to_string();
                }
                if let Some(letters) = spelled(token, whole_caps) {
                    changed = true;
                    return letters;
                }
                let digits: String = token.chars().filter(|c| c.is_ascii_digit()).collect();
                let all_digits = !digits.is_empty()
                    && token
                        .chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '!' | '?' | ':'));
                if all_digits {
                    if let Some(words) = digits.parse().ok().and_then(|n| number_words(n, language))
                    {
                        changed = true;
                        let tail: String = token.chars().filter(|c| !c.is_ascii_digit()).collect();
                        return format!("{words}{tail}");
                    }
                }
                token.to_string()
            })
            .collect();
        if changed {
            push(spoken.join(" "));
        }
    }
    let name_lower = name.trim().to_lowercase();
    forms.retain(|f| f.to_lowercase() != name_lower);
    forms
}

/// A number said in words, for the numbers titles hold: 0–999 in the
/// languages jukebox's models cover (and years as English says them).
pub fn number_words(n: u32, language: &str) -> Option<String> {
    match language {
        "en" => english_number(n),
        "de" => german_number(n),
        "fr" | "es" | "it" | "pt" | "nl" => {
            (n < 100).then(|| romance_or_dutch(n, language)).flatten()
        }
        _ => None,
    }
}

fn english_number(n: u32) -> Option<String> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    fn below_100(n: u32) -> String {
        if n < 20 {
            UNITS[n as usize].to_string()
        } else if n.is_multiple_of(10) {
            TENS[(n / 10) as usize].to_string()
        } else {
            format!("{} {}", TENS[(n / 10) as usize], UNITS[(n % 10) as usize])
        }
    }
    Some(match n {
        0..=99 => below_100(n),
        100..=999 if n.is_multiple_of(100) => format!("{} hundred", UNITS[(n / 100) as usize]),
        100..=999 => format!(
            "{} hundred {}",
            UNITS[(n / 100) as usize],
            below_100(n % 100)
        ),
        2000..=2009 if n == 2000 => "two thousand".to_string(),
        2000..=2009 => format!("two thousand {}", below_100(n % 100)),
        1100..=2099 if n.is_multiple_of(100) => format!("{} hundred", below_100(n / 100)),
        1100..=2099 if n % 100 < 10 => format!("{} oh {}", below_100(n / 100), below_100(n % 100)),
        1100..=2099 => format!("{} {}", below_100(n / 100), below_100(n % 100)),
        _ => return None,
    })
}

fn german_number(n: u32) -> Option<String> {
    const UNITS: [&str; 20] = [
        "null",
        "eins",
        "zwei",
        "drei",
        "vier",
        "fünf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwölf",
        "dreizehn",
        "vierzehn",
        "fünfzehn",
        "sechzehn",
        "siebzehn",
        "achtzehn",
        "neunzehn",
    ];
    const TENS: [&str; 10] = [
        "", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig",
        "neunzig",
    ];
    fn below_100(n: u32) -> String {
        if n < 20 {
            UNITS[n as usize].to_string()
        } else if n.is_multiple_of(10) {
            TENS[(n / 10) as usize].to_string()
        } else {
            let unit = if n % 10 == 1 {
                "ein"
            } else {
                UNITS[(n % 10) as usize]
            };
            format!("{unit}und{}", TENS[(n / 10) as usize])
        }
    }
    Some(match n {
        0..=99 => below_100(n),
        100..=999 => {
            let hundreds = if n / 100 == 1 {
                "ein"
            } else {
                UNITS[(n / 100) as usize]
            };
            let rest = if n.is_multiple_of(100) {
                String::new()
            } else {
                below_100(n % 100)
            };
            format!("{hundreds}hundert{rest}")
        }
        _ => return None,
    })
}

fn romance_or_dutch(n: u32, language: &str) -> Option<String> {
    let words: [&str; 100] = match language {
        "fr" => FRENCH,
        "es" => SPANISH,
        "it" => ITALIAN,
        "pt" => PORTUGUESE,
        "nl" => DUTCH,
        _ => return None,
    };
    words.get(n as usize).map(|w| w.to_string())
}

/// Number words 0–99, generated by rule for each language and written out
/// so a reader can check them.
const FRENCH: [&str; 100] = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
    "vingt",
    "vingt et un",
    "vingt-deux",
    "vingt-trois",
    "vingt-quatre",
    "vingt-cinq",
    "vingt-six",
    "vingt-sept",
    "vingt-huit",
    "vingt-neuf",
    "trente",
    "trente et un",
    "trente-deux",
    "trente-trois",
    "trente-quatre",
    "trente-cinq",
    "trente-six",
    "trente-sept",
    "trente-huit",
    "trente-neuf",
    "quarante",
    "quarante et un",
    "quarante-deux",
    "quarante-trois",
    "quarante-quatre",
    "quarante-cinq",
    "quarante-six",
    "quarante-sept",
    "quarante-huit",
    "quarante-neuf",
    "cinquante",
    "cinquante et un",
    "cinquante-deux",
    "cinquante-trois",
    "cinquante-quatre",
    "cinquante-cinq",
    "cinquante-six",
    "cinquante-sept",
    "cinquante-huit",
    "cinquante-neuf",
    "soixante",
    "soixante et un",
    "soixante-deux",
    "soixante-trois",
    "soixante-quatre",
    "soixante-cinq",
    "soixante-six",
    "soixante-sept",
    "soixante-huit",
    "soixante-neuf",
    "soixante-dix",
    "soixante et onze",
    "soixante-douze",
    "soixante-treize",
    "soixante-quatorze",
    "soixante-quinze",
    "soixante-seize",
    "soixante-dix-sept",
    "soixante-dix-huit",
    "soixante-dix-neuf",
    "quatre-vingts",
    "quatre-vingt-un",
    "quatre-vingt-deux",
    "quatre-vingt-trois",
    "quatre-vingt-quatre",
    "quatre-vingt-cinq",
    "quatre-vingt-six",
    "quatre-vingt-sept",
    "quatre-vingt-huit",
    "quatre-vingt-neuf",
    "quatre-vingt-dix",
    "quatre-vingt-onze",
    "quatre-vingt-douze",
    "quatre-vingt-treize",
    "quatre-vingt-quatorze",
    "quatre-vingt-quinze",
    "quatre-vingt-seize",
    "quatre-vingt-dix-sept",
    "quatre-vingt-dix-huit",
    "quatre-vingt-dix-neuf",
];

const SPANISH: [&str; 100] = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
    "treinta",
    "treinta y uno",
    "treinta y dos",
    "treinta y tres",
    "treinta y cuatro",
    "treinta y cinco",
    "treinta y seis",
    "treinta y siete",
    "treinta y ocho",
    "treinta y nueve",
    "cuarenta",
    "cuarenta y uno",
    "cuarenta y dos",
    "cuarenta y tres",
    "cuarenta y cuatro",
    "cuarenta y cinco",
    "cuarenta y seis",
    "cuarenta y siete",
    "cuarenta y ocho",
    "cuarenta y nueve",
    "cincuenta",
    "cincuenta y uno",
    "cincuenta y dos",
    "cincuenta y tres",
    "cincuenta y cuatro",
    "cincuenta y cinco",
    "cincuenta y seis",
    "cincuenta y siete",
    "cincuenta y ocho",
    "cincuenta y nueve",
    "sesenta",
    "sesenta y uno",
    "sesenta y dos",
    "sesenta y tres",
    "sesenta y cuatro",
    "sesenta y cinco",
    "sesenta y seis",
    "sesenta y siete",
    "sesenta y ocho",
    "sesenta y nueve",
    "setenta",
    "setenta y uno",
    "setenta y dos",
    "setenta y tres",
    "setenta y cuatro",
    "setenta y cinco",
    "setenta y seis",
    "setenta y siete",
    "setenta y ocho",
    "setenta y nueve",
    "ochenta",
    "ochenta y uno",
    "ochenta y dos",
    "ochenta y tres",
    "ochenta y cuatro",
    "ochenta y cinco",
    "ochenta y seis",
    "ochenta y siete",
    "ochenta y ocho",
    "ochenta y nueve",
    "noventa",
    "noventa y uno",
    "noventa y dos",
    "noventa y tres",
    "noventa y cuatro",
    "noventa y cinco",
    "noventa y seis",
    "noventa y siete",
    "noventa y ocho",
    "noventa y nueve",
];

const ITALIAN: [&str; 100] = [
    "zero",
    "uno",
    "due",
    "tre",
    "quattro",
    "cinque",
    "sei",
    "sette",
    "otto",
    "nove",
    "dieci",
    "undici",
    "dodici",
    "tredici",
    "quattordici",
    "quindici",
    "sedici",
    "diciassette",
    "diciotto",
    "diciannove",
    "venti",
    "ventuno",
    "ventidue",
    "ventitré",
    "ventiquattro",
    "venticinque",
    "ventisei",
    "ventisette",
    "ventotto",
    "ventinove",
    "trenta",
    "trentuno",
    "trentadue",
    "trentatré",
    "trentaquattro",
    "trentacinque",
    "trentasei",
    "trentasette",
    "trentotto",
    "trentanove",
    "quaranta",
    "quarantuno",
    "quarantadue",
    "quarantatré",
    "quarantaquattro",
    "quarantacinque",
    "quarantasei",
    "quarantasette",
    "quarantotto",
    "quarantanove",
    "cinquanta",
    "cinquantuno",
    "cinquantadue",
    "cinquantatré",
    "cinquantaquattro",
    "cinquantacinque",
    "cinquantasei",
    "cinquantasette",
    "cinquantotto",
    "cinquantanove",
    "sessanta",
    "sessantuno",
    "sessantadue",
    "sessantatré",
    "sessantaquattro",
    "sessantacinque",
    "sessantasei",
    "sessantasette",
    "sessantotto",
    "sessantanove",
    "settanta",
    "settantuno",
    "settantadue",
    "settantatré",
    "settantaquattro",
    "settantacinque",
    "settantasei",
    "settantasette",
    "settantotto",
    "settantanove",
    "ottanta",
    "ottantuno",
    "ottantadue",
    "ottantatré",
    "ottantaquattro",
    "ottantacinque",
    "ottantasei",
    "ottantasette",
    "ottantotto",
    "ottantanove",
    "novanta",
    "novantuno",
    "novantadue",
    "novantatré",
    "novantaquattro",
    "novantacinque",
    "novantasei",
    "novantasette",
    "novantotto",
    "novantanove",
];

const PORTUGUESE: [&str; 100] = [
    "zero",
    "um",
    "dois",
    "três",
    "quatro",
    "cinco",
    "seis",
    "sete",
    "oito",
    "nove",
    "dez",
    "onze",
    "doze",
    "treze",
    "catorze",
    "quinze",
    "dezesseis",
    "dezessete",
    "dezoito",
    "dezenove",
    "vinte",
    "vinte e um",
    "vinte e dois",
    "vinte e três",
    "vinte e quatro",
    "vinte e cinco",
    "vinte e seis",
    "vinte e sete",
    "vinte e oito",
    "vinte e nove",
    "trinta",
    "trinta e um",
    "trinta e dois",
    "trinta e três",
    "trinta e quatro",
    "trinta e cinco",
    "trinta e seis",
    "trinta e sete",
    "trinta e oito",
    "trinta e nove",
    "quarenta",
    "quarenta e um",
    "quarenta e dois",
    "quarenta e três",
    "quarenta e quatro",
    "quarenta e cinco",
    "quarenta e seis",
    "quarenta e sete",
    "quarenta e oito",
    "quarenta e nove",
    "cinquenta",
    "cinquenta e um",
    "cinquenta e dois",
    "cinquenta e três",
    "cinquenta e quatro",
    "cinquenta e cinco",
    "cinquenta e seis",
    "cinquenta e sete",
    "cinquenta e oito",
    "cinquenta e nove",
    "sessenta",
    "sessenta e um",
    "sessenta e dois",
    "sessenta e três",
    "sessenta e quatro",
    "sessenta e cinco",
    "sessenta e seis",
    "sessenta e sete",
    "sessenta e oito",
    "sessenta e nove",
    "setenta",
    "setenta e um",
    "setenta e dois",
    "setenta e três",
    "setenta e quatro",
    "setenta e cinco",
    "setenta e seis",
    "setenta e sete",
    "setenta e oito",
    "setenta e nove",
    "oitenta",
    "oitenta e um",
    "oitenta e dois",
    "oitenta e três",
    "oitenta e quatro",
    "oitenta e cinco",
    "oitenta e seis",
    "oitenta e sete",
    "oitenta e oito",
    "oitenta e nove",
    "noventa",
    "noventa e um",
    "noventa e dois",
    "noventa e três",
    "noventa e quatro",
    "noventa e cinco",
    "noventa e seis",
    "noventa e sete",
    "noventa e oito",
    "noventa e nove",
];

const DUTCH: [&str; 100] = [
    "nul",
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
    "twintig",
    "eenentwintig",
    "tweeëntwintig",
    "drieëntwintig",
    "vierentwintig",
    "vijfentwintig",
    "zesentwintig",
    "zevenentwintig",
    "achtentwintig",
    "negenentwintig",
    "dertig",
    "eenendertig",
    "tweeëndertig",
    "drieëndertig",
    "vierendertig",
    "vijfendertig",
    "zesendertig",
    "zevenendertig",
    "achtendertig",
    "negenendertig",
    "veertig",
    "eenenveertig",
    "tweeënveertig",
    "drieënveertig",
    "vierenveertig",
    "vijfenveertig",
    "zesenveertig",
    "zevenenveertig",
    "achtenveertig",
    "negenenveertig",
    "vijftig",
    "eenenvijftig",
    "tweeënvijftig",
    "drieënvijftig",
    "vierenvijftig",
    "vijfenvijftig",
    "zesenvijftig",
    "zevenenvijftig",
    "achtenvijftig",
    "negenenvijftig",
    "zestig",
    "eenenzestig",
    "tweeënzestig",
    "drieënzestig",
    "vierenzestig",
    "vijfenzestig",
    "zesenzestig",
    "zevenenzestig",
    "achtenzestig",
    "negenenzestig",
    "zeventig",
    "eenenzeventig",
    "tweeënzeventig",
    "drieënzeventig",
    "vierenzeventig",
    "vijfenzeventig",
    "zesenzeventig",
    "zevenenzeventig",
    "achtenzeventig",
    "negenenzeventig",
    "tachtig",
    "eenentachtig",
    "tweeëntachtig",
    "drieëntachtig",
    "vierentachtig",
    "vijfentachtig",
    "zesentachtig",
    "zevenentachtig",
    "achtentachtig",
    "negenentachtig",
    "negentig",
    "eenennegentig",
    "tweeënnegentig",
    "drieënnegentig",
    "vierennegentig",
    "vijfennegentig",
    "zesennegentig",
    "zevenennegentig",
    "achtennegentig",
    "negenennegentig",
];

/// Where `model build --catalog` records what it built, beside
/// `skill-package/` (not inside it: the ASK CLI uploads that folder).
pub const RECORD_PATH: &str = "voice-model-catalog.json";

/// What the last `model build --catalog` wrote: the catalog's fingerprint,
/// and a digest of each model file it wrote and of the model it started
/// from, so `model check` can tell a catalog build from a stale file.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BuildRecord {
    pub fingerprint: String,
    /// What the values were read from: `catalog FILE` or `table NAME`.
    pub source: String,
    /// Values of each kind in the catalog, and how many the largest model left out.
    pub values: std::collections::BTreeMap<String, usize>,
    pub left_out: usize,
    /// Locale to the digest of the file written.
    pub models: std::collections::BTreeMap<String, String>,
    /// Locale to the digest of the catalog-less model it extends.
    pub bases: std::collections::BTreeMap<String, String>,
}

/// A short digest of a file's text.
pub fn digest(text: &str) -> String {
    let hash = Sha256::digest(text.as_bytes());
    hash.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

impl BuildRecord {
    /// The record in `dir`, if a catalog build left one.
    pub fn read(dir: &std::path::Path) -> anyhow::Result<Option<Self>> {
        let path = dir.join(RECORD_PATH);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(serde_json::from_str(&text).map_err(|err| {
                anyhow::anyhow!("{} is malformed: {err}", path.display())
            })?)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(anyhow::anyhow!("cannot read {}: {err}", path.display())),
        }
    }
}

/// What `catalog import` tells the owner about the voice model, given the
/// fingerprint of what it imported and the last catalog build's record.
pub fn staleness(imported: &str, record: Option<&BuildRecord>, catalog: &str) -> Option<String> {
    let commands = format!(
        "run `jukebox model build --catalog {catalog}` and then `ask deploy --target skill-metadata`"
    );
    match record {
        None => Some(format!(
            "note: the voice model lists none of this catalog's titles, artists, albums or \
             playlists ({RECORD_PATH} not found here), so Alexa hears them less well: {commands}"
        )),
        Some(record) if record.fingerprint != imported => Some(format!(
            "warning: the voice model was built from another catalog (values {}, this import {}): \
             {commands}",
            record.fingerprint, imported
        )),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(id: &str, title: &str, artist: &str, album: Option<&str>) -> Track {
        Track {
            id: id.into(),
            title: title.into(),
            artist: artist.into(),
            album: album.map(str::to_string),
            url: format!("https://example.com/{id}.mp3"),
            ..Track::default()
        }
    }

    #[test]
    fn spoken_forms_are_what_recognition_returns() {
        assert!(spoken_forms(SlotKind::Artist, "AC/DC", "en").contains(&"a c d c".to_string()));
        assert!(spoken_forms(SlotKind::Song, "99 Problems", "en")
            .contains(&"ninety nine Problems".to_string()));
        assert!(spoken_forms(SlotKind::Song, "99 Luftballons", "de")
            .contains(&"neunundneunzig Luftballons".to_string()));
        let feat = spoken_forms(
            SlotKind::Song,
            "Empire State of Mind (feat. Alicia Keys)",
            "en",
        );
        assert!(
            feat.contains(&"Empire State of Mind".to_string()),
            "{feat:?}"
        );
        let remaster = spoken_forms(SlotKind::Song, "Heroes - 2017 Remaster", "en");
        assert!(remaster.contains(&"Heroes".to_string()), "{remaster:?}");
        assert!(spoken_forms(SlotKind::Artist, "Simon & Garfunkel", "fr")
            .contains(&"Simon et Garfunkel".to_string()));
        // A word in capitals is not an initialism when the whole name is.
        assert!(spoken_forms(SlotKind::Artist, "ABBA", "en").is_empty());
    }

    #[test]
    fn english_synonyms_normalise_to_their_value() {
        for (kind, name) in [
            (SlotKind::Artist, "AC/DC"),
            (SlotKind::Song, "99 Problems"),
            (SlotKind::Song, "1999"),
            (SlotKind::Song, "Under Pressure (feat. David Bowie)"),
            (SlotKind::Artist, "Simon & Garfunkel"),
        ] {
            let value = normal_words(&strip_version_notes(name)).concat();
            for form in spoken_forms(kind, name, "en") {
                assert_eq!(normal_words(&form).concat(), value, "{name} -> {form}");
            }
        }
    }

    #[test]
    fn values_carry_ids_that_the_matcher_indexes() {
        let tracks = vec![
            track(
                "t1",
                "Under Pressure",
                "Queen & David Bowie",
                Some("Hot Space"),
            ),
            track(
                "t2",
                "Bohemian Rhapsody",
                "Queen",
                Some("A Night at the Opera"),
            ),
        ];
        let values = CatalogValues::new(&tracks, &[], &HashMap::new());
        let ids: Vec<(SlotKind, &str, &str)> = values
            .entities
            .iter()
            .map(|e| (e.kind, e.id.as_str(), e.name.as_str()))
            .collect();
        assert!(ids.contains(&(SlotKind::Song, "t1", "Under Pressure")));
        for name in ["Queen", "David Bowie", "Queen & David Bowie"] {
            let entity = values
                .entities
                .iter()
                .find(|e| e.kind == SlotKind::Artist && e.name == name)
                .unwrap_or_else(|| panic!("no artist {name}: {ids:?}"));
            assert!(entity.id.starts_with("a:"));
            assert!(index_keys(&tracks[0]).contains(&entity.id));
        }
        assert!(values
            .entities
            .iter()
            .any(|e| e.kind == SlotKind::Album && e.name == "Hot Space" && e.id.starts_with("l:")));
        assert_eq!(
            EntityRef::decode(SlotKind::Artist, "a:KN"),
            Some(EntityRef::Artist("a:KN".into()))
        );
        assert_eq!(EntityRef::decode(SlotKind::Artist, "l:KN"), None);
        assert_eq!(
            EntityRef::decode(SlotKind::Song, "t1"),
            Some(EntityRef::Track("t1".into()))
        );
    }

    #[test]
    fn a_match_from_jukebox_own_authority_names_the_entity() {
        let real =
            include_str!("../tests/events/real/playmusic-er-success-match-building-skill.json");
        let skill = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000";
        let slot_of = |text: &str| -> crate::alexa::request::Slot {
            let envelope: crate::alexa::request::RequestEnvelope =
                serde_json::from_str(text).expect("envelope");
            let crate::alexa::request::RequestKind::Intent(intent) = envelope.request.kind else {
                panic!("an intent request");
            };
            intent.intent.slots["songName"].clone()
        };
        // Another skill's slot type: not jukebox's values, so the matcher decides.
        assert_eq!(resolved_entity(&slot_of(real), skill), None);
        for slot_type in ["JUKEBOX_SONG", "AMAZON.MusicRecording"] {
            let ours = real.replace("BUILDING_ATTRIBUTES", slot_type);
            assert_eq!(
                resolved_entity(&slot_of(&ours), skill),
                Some(EntityRef::Track("features".into()))
            );
            assert_eq!(
                resolved_entity(&slot_of(&ours), "amzn1.ask.skill.other"),
                None
            );
        }
        let artist = real
            .replace("BUILDING_ATTRIBUTES", "AMAZON.Artist")
            .replace("\"id\": \"features\"", "\"id\": \"a:kn\"");
        assert_eq!(
            resolved_entity(&slot_of(&artist), skill),
            Some(EntityRef::Artist("a:kn".into()))
        );
        let no_match = include_str!("../tests/events/real/playmusic-er-no-match-eartrainer.json")
            .replace("IntervalName", "JUKEBOX_SONG");
        assert_eq!(resolved_entity(&slot_of(&no_match), skill), None);
    }

    #[test]
    fn the_fingerprint_ignores_order_and_sees_changes() {
        let a = track("a", "One", "U2", None);
        let b = track("b", "Two", "U2", None);
        let plays = HashMap::new();
        let ab = CatalogValues::new(&[a.clone(), b.clone()], &[], &plays).fingerprint();
        let ba = CatalogValues::new(&[b.clone(), a.clone()], &[], &plays).fingerprint();
        assert_eq!(ab, ba);
        let renamed = track("b", "Three", "U2", None);
        assert_ne!(
            ab,
            CatalogValues::new(&[a, renamed], &[], &plays).fingerprint()
        );
    }

    #[test]
    fn over_the_limit_the_most_useful_values_stay() {
        let mut tracks: Vec<Track> = (0..100)
            .map(|i| {
                let mut t = track(&format!("t{i}"), &format!("Song {i}"), "Band", None);
                t.position = i;
                t
            })
            .collect();
        tracks[99].rank = Some(1);
        let mut plays = HashMap::new();
        plays.insert("t50".to_string(), 7);
        let values = CatalogValues::new(&tracks, &[], &plays);
        let fitted = fit(&values, "en", MAX_SLOT_VALUES - 12, usize::MAX);
        let songs: Vec<&str> = fitted
            .of(SlotKind::Song)
            .iter()
            .map(|v| v.id.as_str())
            .collect();
        assert_eq!(songs.first(), Some(&"t99"), "rank first: {songs:?}");
        assert_eq!(songs.get(1), Some(&"t50"), "then plays: {songs:?}");
        assert!(fitted.left_out > 90);
    }
}
