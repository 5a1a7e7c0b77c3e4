//! What a slot Alexa resolved to one of jukebox's own values names, found
//! by its id alone: one `GetItem` (a track or a station) or one `Query`
//! (the search key of an artist, album, playlist or genre), no fuzzy step,
//! and the same answer whatever speech recognition made of the words.

use super::{album_found, dedupe_into, rest_after, Found, PLAYLIST_FIRST_PAGE};
use crate::catalog::Catalog;
use crate::error::StoreError;
use crate::playback::queue::{self, Rest, MAX_QUEUE};
use crate::voice_catalog::EntityRef;

/// The tracks `entity` names, as the matcher's searches would answer them;
/// `None` when the catalog no longer holds it (the model was built from an
/// older catalog), so the words go to the matcher instead.
pub async fn find_resolved(
    catalog: &dyn Catalog,
    entity: &EntityRef,
    seed: u64,
) -> Result<Option<Found>, StoreError> {
    Ok(match entity {
        EntityRef::Track(id) => catalog.track(id).await?.map(|track| Found::Track {
            rest: rest_after(&track),
            track,
        }),
        // A station plays alone: nothing follows it.
        EntityRef::Station(id) => catalog
            .track(id)
            .await?
            .filter(|station| station.live)
            .map(|track| Found::Track { track, rest: None }),
        EntityRef::Artist(key) => {
            let tracks = catalog.lookup(std::slice::from_ref(key), MAX_QUEUE).await?;
            tracks
                .first()
                .map(|first| first.artist.clone())
                .map(|artist| Found::Artist { artist, tracks })
        }
        EntityRef::Album(key) => {
            let mut candidates = Vec::new();
            dedupe_into(
                &mut candidates,
                catalog.lookup(std::slice::from_ref(key), MAX_QUEUE).await?,
                // Ids are the same in every language; the album is chosen
                // by its key, not by how its title is read.
                super::Language::English,
            );
            let title = candidates.first().and_then(|c| c.track.album.clone());
            title.map(|title| album_found(title, &candidates))
        }
        EntityRef::Playlist(key) => {
            let tracks = catalog
                .lookup(std::slice::from_ref(key), PLAYLIST_FIRST_PAGE)
                .await?;
            let rest = tracks
                .last()
                .map(|last| Rest::from_position(key.clone(), last.position.saturating_add(1)));
            tracks
                .first()
                .and_then(|t| t.playlist.clone())
                .map(|playlist| Found::Playlist {
                    playlist,
                    tracks,
                    rest,
                })
        }
        EntityRef::Genre(key) => match queue::shuffled(catalog, key, seed).await? {
            Some(start) => {
                // The genre as the catalog writes it, from a track that carries it.
                let name = [&start.last, &start.first].into_iter().find_map(|track| {
                    track
                        .genres
                        .iter()
                        .find(|name| super::genre_key_of(name).as_deref() == Some(key.as_str()))
                        .cloned()
                });
                name.map(|genre| Found::Genre {
                    genre,
                    tracks: vec![start.first],
                    rest: Some(start.rest),
                })
            }
            None => None,
        },
    })
}
