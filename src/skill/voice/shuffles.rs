//! Named shuffles and time: "shuffle the album X", "shuffle songs by X",
//! "shuffle the Road Trip playlist", "play music from the eighties [by X]",
//! "play music from 1977", "play the latest album by X". Each costs what a
//! genre or an album costs today: a bounded number of `Query`s, whatever
//! the catalog's size, and a shuffled order computed, never listed, for a
//! source that may be large (an artist, a playlist, a decade).

use tracing::info;

use super::ask_what_to_play;
use super::offers::offer_playlist;
use crate::alexa::ResponseEnvelope;
use crate::insights::{Asked, Query};
use crate::matching::{self, Era, Found};
use crate::skill::{HandlerError, Skill, Turn};

/// The slots of "shuffle …": which one was heard says what to shuffle.
pub(crate) struct Named<'a> {
    pub album: Option<&'a str>,
    pub artist: Option<&'a str>,
    pub playlist: Option<&'a str>,
}

fn heard(slot: Option<&str>) -> Option<&str> {
    slot.map(str::trim).filter(|s| !s.is_empty())
}

impl Skill {
    /// "Shuffle the album X [by Y]" (the album's tracks, at most a queue's
    /// worth, shuffled in place: the lookup "play the album" makes), "shuffle
    /// songs by X" and "shuffle the Road Trip playlist" (a shuffled order
    /// of all their tracks, read a track at a time, as a genre's is).
    pub(crate) async fn shuffle_named(
        &self,
        turn: &Turn<'_>,
        named: Named<'_>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let (album, artist, playlist) = (
            heard(named.album),
            heard(named.artist),
            heard(named.playlist),
        );
        if album.is_none() && artist.is_none() && playlist.is_none() {
            return Ok(ask_what_to_play(turn));
        }
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let catalog = self.catalog.as_ref();
        let seed = rand::random();
        if let Some(name) = playlist {
            let found = matching::shuffle_playlist(catalog, name, seed)
                .await
                .map_err(HandlerError::Catalog)?;
            return match found {
                Found::Playlist {
                    playlist,
                    tracks,
                    rest,
                } if !tracks.is_empty() => {
                    let said = turn.phrases.shuffling_playlist(&playlist);
                    self.start_queue(turn, &tracks, rest, &said).await
                }
                Found::PlaylistOffer { playlist } => {
                    let counted = Query::new(Asked::Playlist, Some(name), None);
                    Ok(offer_playlist(turn, name, &playlist, counted.as_ref()))
                }
                _ => {
                    info!(playlist = ?name, "no playlist in the catalog matched");
                    Ok(ResponseEnvelope::ask(
                        &turn.phrases.playlist_not_found(name),
                        &turn.phrases.not_found_reprompt(None),
                    ))
                }
            };
        }
        if let Some(album) = album {
            let found = matching::find_album(catalog, album, artist, turn.language())
                .await
                .map_err(HandlerError::Catalog)?;
            return match found {
                Found::Album {
                    album,
                    artist,
                    tracks,
                } if !tracks.is_empty() => {
                    let tracks = matching::shuffled_in_place(tracks, seed);
                    let said = turn.phrases.shuffling_album(&album, &artist);
                    self.start_queue(turn, &tracks, None, &said).await
                }
                _ => Ok(self.missed(turn, Some(album), artist)),
            };
        }
        let artist = artist.unwrap_or_default();
        match matching::shuffle_artist(catalog, artist, seed)
            .await
            .map_err(HandlerError::Catalog)?
        {
            Some(found) => {
                let said = turn.phrases.shuffling_artist(&found.name);
                self.start_queue(turn, &found.tracks, found.rest, &said)
                    .await
            }
            None => Ok(self.missed(turn, None, Some(artist))),
        }
    }

    /// "Play music from the eighties / from 1977 [by Queen]": the era's
    /// tracks shuffled (two requests, as for a genre).
    pub(crate) async fn play_era(
        &self,
        turn: &Turn<'_>,
        decade: Option<&str>,
        year: Option<&str>,
        artist: Option<&str>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let Some(era) = heard(year).or(heard(decade)).and_then(Era::parse) else {
            return Ok(ask_what_to_play(turn));
        };
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let artist = heard(artist);
        let found = matching::find_era(self.catalog.as_ref(), era, artist, rand::random())
            .await
            .map_err(HandlerError::Catalog)?;
        let Some(found) = found else {
            info!(?era, artist = ?artist.unwrap_or(""), "nothing in the catalog from that time");
            return Ok(ResponseEnvelope::ask(
                &turn.phrases.era_not_found(),
                &turn.phrases.not_found_reprompt(None),
            ));
        };
        let said = turn
            .phrases
            .playing_era(era, artist.map(|_| found.name.as_str()));
        self.start_queue(turn, &found.tracks, found.rest, &said)
            .await
    }

    /// "Play the latest album by X": the artist's album with the greatest
    /// year, in disc and track order.
    pub(crate) async fn play_latest_album(
        &self,
        turn: &Turn<'_>,
        artist: Option<&str>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let Some(artist) = heard(artist) else {
            return Ok(ask_what_to_play(turn));
        };
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let found = matching::find_latest_album(self.catalog.as_ref(), artist)
            .await
            .map_err(HandlerError::Catalog)?;
        match found {
            Found::Album {
                album,
                artist,
                tracks,
            } if !tracks.is_empty() => {
                let said = turn.phrases.playing_latest_album(&album, &artist);
                self.start_queue(turn, &tracks, None, &said).await
            }
            _ => Ok(self.missed(turn, None, Some(artist))),
        }
    }

    /// Nothing to play of what was named: said, and noted for `jukebox
    /// report misses`.
    fn missed(
        &self,
        turn: &Turn<'_>,
        album: Option<&str>,
        artist: Option<&str>,
    ) -> ResponseEnvelope {
        info!(album = ?album.unwrap_or(""), artist = ?artist.unwrap_or(""), "nothing to shuffle matched");
        let asked = if album.is_some() {
            Asked::Album
        } else {
            Asked::Artist
        };
        super::play::not_found(turn, asked, album, artist)
    }
}
