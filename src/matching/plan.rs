//! Which searches a spoken "play …" tries, in which order, and which answer
//! stands: the plan belongs with the matcher, whose results it weighs.

use super::{find, find_album, find_genre, find_playlist, Found, Language, SpokenQuery};
use crate::catalog::Catalog;
use crate::error::StoreError;

/// One search the matcher runs for a spoken request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// Title and artist as heard ([`find`]).
    Heard(SpokenQuery),
    /// The words as an artist's name alone.
    Artist(String),
    /// The words as a playlist's name ([`find_playlist`]).
    Playlist(String),
    /// The words as an album's title, by any artist ([`find_album`]).
    Album(String),
    /// The words as a genre ([`find_genre`]).
    Genre(String),
}

/// The searches for what was heard, in the order they are tried: the
/// title and artist as heard, always first. A song heard alone may name
/// something else: "Play Queen" puts an artist in the song slot (the only
/// sample that fits), so the words are tried as an artist next; "Play road
/// trip" names neither, so then a playlist, an album or a genre of that
/// name. An artist heard alone may name something else too: "play some
/// hip hop" fits `play some {artistName}`, so a missed artist is tried as a
/// genre, a playlist and an album. Each is one `Query` or two, run one
/// after the other: a slot that names none of them is rare and has already
/// missed the searches as heard.
pub fn fallback_order(query: &SpokenQuery) -> Vec<Search> {
    let mut plan = vec![Search::Heard(query.clone())];
    match (&query.song, &query.artist) {
        (Some(words), None) => plan.extend([
            Search::Artist(words.clone()),
            Search::Playlist(words.clone()),
            Search::Album(words.clone()),
            Search::Genre(words.clone()),
        ]),
        (None, Some(words)) => plan.extend([
            Search::Genre(words.clone()),
            Search::Playlist(words.clone()),
            Search::Album(words.clone()),
        ]),
        _ => {}
    }
    plan
}

impl Search {
    /// Runs this one search; `seed` orders a genre's tracks, `language` is
    /// how the listener's words are read.
    pub async fn run(
        &self,
        catalog: &dyn Catalog,
        seed: u64,
        language: Language,
    ) -> Result<Found, StoreError> {
        match self {
            Search::Heard(query) => find(catalog, query).await,
            Search::Artist(name) => {
                let query = SpokenQuery::new(None, Some(name)).in_language(language);
                find(catalog, &query).await
            }
            Search::Playlist(name) => find_playlist(catalog, name).await,
            Search::Album(title) => find_album(catalog, title, None, language).await,
            Search::Genre(genre) => find_genre(catalog, genre, seed).await,
        }
    }
}

/// Whether a search found something to play. A playlist only close
/// enough to offer is not that: the offer belongs to a request for a
/// playlist, not to a guess at what a song slot meant.
fn plays(found: &Found) -> bool {
    match found {
        Found::Track { .. } => true,
        Found::Artist { tracks, .. }
        | Found::Genre { tracks, .. }
        | Found::Playlist { tracks, .. }
        | Found::Album { tracks, .. } => !tracks.is_empty(),
        Found::PlaylistOffer { .. } | Found::NotFound { .. } => false,
    }
}

/// Runs `plan` in order and stops at the first search that finds
/// something to play. When none does, the first search's answer stands:
/// its suggestion ("did you mean …?") is for the title as heard.
pub async fn find_first(
    catalog: &dyn Catalog,
    plan: &[Search],
    seed: u64,
) -> Result<Found, StoreError> {
    // The words are read in the language they were heard in.
    let language = plan
        .iter()
        .find_map(|search| match search {
            Search::Heard(query) => Some(query.language),
            _ => None,
        })
        .unwrap_or(Language::English);
    let mut first = None;
    for search in plan {
        let found = search.run(catalog, seed, language).await?;
        if plays(&found) {
            return Ok(found);
        }
        first.get_or_insert(found);
    }
    Ok(first.unwrap_or(Found::NotFound { suggestion: None }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_song_heard_alone_is_tried_as_an_artist_then_a_collection() {
        let query = SpokenQuery::new(Some("road trip"), None);
        let words = "road trip".to_string();
        assert_eq!(
            fallback_order(&query),
            vec![
                Search::Heard(query.clone()),
                Search::Artist(words.clone()),
                Search::Playlist(words.clone()),
                Search::Album(words.clone()),
                Search::Genre(words),
            ]
        );
    }

    #[test]
    fn a_song_and_an_artist_are_searched_as_heard_only() {
        let query = SpokenQuery::new(Some("halo"), Some("beyonce"));
        assert_eq!(fallback_order(&query), vec![Search::Heard(query.clone())]);
    }

    #[test]
    fn an_artist_heard_alone_is_tried_as_a_genre_then_a_collection() {
        // "play some hip hop" fits `play some {artistName}`.
        let query = SpokenQuery::new(None, Some("hip hop"));
        let words = "hip hop".to_string();
        assert_eq!(
            fallback_order(&query),
            vec![
                Search::Heard(query.clone()),
                Search::Genre(words.clone()),
                Search::Playlist(words.clone()),
                Search::Album(words),
            ]
        );
    }

    #[test]
    fn only_a_search_with_tracks_to_play_ends_the_plan() {
        assert!(!plays(&Found::NotFound { suggestion: None }));
        assert!(!plays(&Found::PlaylistOffer {
            playlist: "Road Trip".into()
        }));
        assert!(!plays(&Found::Album {
            album: "A".into(),
            artist: "B".into(),
            tracks: Vec::new()
        }));
        assert!(!plays(&Found::Genre {
            genre: "Jazz".into(),
            tracks: Vec::new(),
            rest: None
        }));
    }
}
