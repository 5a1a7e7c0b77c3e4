//! Play requests: a song, an artist, an album, a playlist, a genre or the
//! whole catalog shuffled. Each finds what was asked for and starts a new
//! queue with it, or says what it missed (and offers the closest).

use tracing::{info, warn};

use super::ask_what_to_play;
use super::offers::{offer_playlist, Offer};
use crate::alexa::ssml::{shorten, Speech, MAX_SPOKEN_TEXT};
use crate::alexa::{Card, Directive, ResponseEnvelope};
use crate::catalog::Track;
use crate::insights::{Asked, Note, Query};
use crate::matching::{self, Found, SpokenQuery};
use crate::playback::queue::{self, Rest, MAX_QUEUE};
use crate::playback::{now_micros, now_secs, PlaybackState, QueuedTrack, SaveError};
use crate::skill::screen;
use crate::skill::state::{play_now, Ahead};
use crate::skill::{Autoplay, HandlerError, Skill, Turn};
use crate::voice_catalog::EntityRef;

/// Notes that nothing was played of what was asked (and the suggestion
/// offered instead), for `jukebox report misses`.
pub(super) fn note_miss(turn: &Turn<'_>, query: Option<&Query>, offered: Option<String>) {
    if let Some(query) = query {
        turn.note(Note::Missed {
            query: query.clone(),
            offered,
            locale: crate::insights::locale_tag(turn.envelope.request.locale.as_deref()),
        });
    }
}

/// Notes that nothing was found for what was asked (no suggestion offered).
/// Nothing in the catalog is what was asked (`what` [by `by`]) and
/// nothing close enough to offer: counted as a miss, and the listener is
/// asked again.
pub(super) fn not_found(
    turn: &Turn<'_>,
    asked: Asked,
    what: Option<&str>,
    by: Option<&str>,
) -> ResponseEnvelope {
    note_miss(turn, Query::new(asked, what, by).as_ref(), None);
    ResponseEnvelope::ask(
        &turn.phrases.not_found(what, by, None),
        &turn.phrases.not_found_reprompt(None),
    )
}

/// The answer that starts the music: what was found said, the Play
/// directive, a card of the first track, and on a device that draws APL
/// the now-playing screen, always after the Play it goes with.
fn playing(
    turn: &Turn<'_>,
    state: &PlaybackState,
    upcoming: bool,
    said: &Speech,
    first: &Track,
    directive: Directive,
) -> ResponseEnvelope {
    // Cards stay far below Alexa's 8,000 characters, whatever the catalog holds.
    let title = shorten(&first.title, MAX_SPOKEN_TEXT);
    let content = if first.artist.is_empty() {
        // A station has a name and no artist.
        title.clone()
    } else {
        format!("{title} — {}", shorten(&first.artist, MAX_SPOKEN_TEXT))
    };
    let card = Card::Simple { title, content };
    ResponseEnvelope::tell(said)
        .with_directive(directive)
        .with_directives(screen::now_playing(
            turn,
            state,
            first.album.as_deref(),
            upcoming,
        ))
        .with_card(card)
}

/// The entity a "play X [by Y]" names through entity resolution, and the
/// artist key the track must carry when an artist was said too: same
/// titles by different artists share one slot value, and the artist said
/// decides between them (a track without it goes to the matcher).
fn resolved_song(turn: &Turn<'_>, artist_said: bool) -> Option<(EntityRef, Option<String>)> {
    use crate::skill::{ARTIST_SLOT, SONG_SLOT};
    match (turn.resolved(SONG_SLOT), turn.resolved(ARTIST_SLOT)) {
        (Some(song @ EntityRef::Track(_)), Some(EntityRef::Artist(key))) => Some((song, Some(key))),
        (Some(song), None) if !artist_said => Some((song, None)),
        (None, Some(artist @ EntityRef::Artist(_))) if !turn.said(SONG_SLOT) => {
            Some((artist, None))
        }
        _ => None,
    }
}

impl Skill {
    /// What `slot` names when Alexa resolved it to one of the owner's values
    /// (see [`resolved_song`]); `None` sends the words to the matcher.
    async fn find_resolved(
        &self,
        turn: &Turn<'_>,
        slot: &str,
    ) -> Result<Option<Found>, HandlerError> {
        match turn.resolved(slot) {
            Some(entity) => matching::find_resolved(self.catalog.as_ref(), &entity, rand::random())
                .await
                .map_err(HandlerError::Catalog),
            None => Ok(None),
        }
    }

    /// "Play X [by Y]": the searches the matcher plans for what was heard,
    /// in its order, until one finds something to play.
    pub(crate) async fn play_music(
        &self,
        turn: &Turn<'_>,
        song: Option<&str>,
        artist: Option<&str>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let query = SpokenQuery::new(song, artist).in_language(turn.language());
        if query.is_empty() {
            return Ok(ask_what_to_play(turn));
        }
        let asked = match (&query.song, &query.artist) {
            (None, Some(_)) => Asked::Artist,
            _ => Asked::Song,
        };
        let counted = Query::new(asked, query.song.as_deref(), query.artist.as_deref());
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let plan = matching::fallback_order(&query);
        let resolved = resolved_song(turn, query.artist.is_some());
        let catalog = self.catalog.as_ref();
        let seed = rand::random();
        let search = async move {
            // Alexa resolved the words to one of the owner's values: its id
            // goes straight to the track, whatever speech recognition heard.
            if let Some((entity, artist_key)) = &resolved {
                match matching::find_resolved(catalog, entity, seed).await? {
                    Some(Found::Track { track, .. })
                        if artist_key
                            .as_ref()
                            .is_some_and(|key| !matching::index_keys(&track).contains(key)) => {}
                    Some(found) => return Ok(found),
                    None => {}
                }
            }
            matching::find_first(catalog, &plan, seed).await
        };
        // On the heap: the matcher's searches nest deep, and a debug build
        // polls them with frames large enough to exhaust a thread's stack.
        let found = Box::pin(search).await.map_err(HandlerError::Catalog)?;
        let (tracks, rest, said) = match found {
            Found::Track { track, rest } => {
                let said = turn.phrases.playing(&track.title, &track.artist);
                if rest == matching::rest_after(&track) {
                    return Ok(self.play_asked_song(turn, &track, rest, &said));
                }
                (vec![track], rest, said)
            }
            Found::Artist { artist, tracks } => {
                (tracks, None, turn.phrases.playing_artist(&artist))
            }
            Found::Genre {
                genre,
                tracks,
                rest,
            } => (tracks, rest, turn.phrases.playing_genre(&genre)),
            Found::Playlist {
                playlist,
                tracks,
                rest,
            } => (tracks, rest, turn.phrases.playing_playlist(&playlist)),
            Found::PlaylistOffer { playlist } => {
                note_miss(
                    turn,
                    counted.as_ref(),
                    Some(format!("the playlist {playlist}")),
                );
                return Ok(offer_playlist(
                    turn,
                    query.song.as_deref().unwrap_or(""),
                    &playlist,
                    counted.as_ref(),
                ));
            }
            Found::Album {
                album,
                artist,
                tracks,
            } => (tracks, None, turn.phrases.playing_album(&album, &artist)),
            Found::NotFound { suggestion } => {
                info!(
                    song = ?query.song.as_deref().unwrap_or(""),
                    artist = ?query.artist.as_deref().unwrap_or(""),
                    suggestion = ?suggestion.as_ref().map(|s| s.title.as_str()).unwrap_or(""),
                    "nothing in the catalog matched"
                );
                let response = ResponseEnvelope::ask(
                    &turn.phrases.not_found(
                        query.song.as_deref(),
                        query.artist.as_deref(),
                        suggestion.as_ref(),
                    ),
                    &turn.phrases.not_found_reprompt(suggestion.as_ref()),
                );
                note_miss(
                    turn,
                    counted.as_ref(),
                    suggestion
                        .as_ref()
                        .map(|s| format!("{} by {}", s.title, s.artist)),
                );
                return Ok(match suggestion {
                    Some(s) => response.with_session_attributes(
                        Offer::track(s, counted.as_ref()).session_attributes(),
                    ),
                    None => response,
                });
            }
        };
        self.start_queue(turn, &tracks, rest, &said).await
    }

    /// Plays the song a first ask found, and writes nothing: its queue (the
    /// song, then what its own record says follows it) is the first
    /// stream's token, whose first event stores it
    /// ([`PlaybackState::asked`]). So the catalog's answer is the only round
    /// trip on the way to the music, and an ask that finds nothing leaves
    /// the stored queue untouched. Loop and shuffle carry over when the
    /// queue is stored; shuffle orders what follows the song, so the screen
    /// shows nothing to come yet.
    pub(super) fn play_asked_song(
        &self,
        turn: &Turn<'_>,
        track: &Track,
        rest: Option<Rest>,
        said: &Speech,
    ) -> ResponseEnvelope {
        let mut state = PlaybackState::asked(now_micros(), &turn.listener.ask_tag());
        state.answer(vec![QueuedTrack::from(track)], rest);
        match state.first_cue() {
            Some(cue) => playing(turn, &state, false, said, track, play_now(cue)),
            None => ask_what_to_play(turn),
        }
    }

    /// "Play some jazz": every track of the genre in a shuffled order that is
    /// computed, never listed (a 5,000-track genre costs what a 5-track one
    /// does), each once before any repeats.
    pub(crate) async fn play_genre(
        &self,
        turn: &Turn<'_>,
        genre: Option<&str>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let Some(genre) = genre.map(str::trim).filter(|g| !g.is_empty()) else {
            return Ok(ask_what_to_play(turn));
        };
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let found = match self.find_resolved(turn, crate::skill::GENRE_SLOT).await? {
            Some(found @ Found::Genre { .. }) => found,
            _ => matching::find_genre(self.catalog.as_ref(), genre, rand::random())
                .await
                .map_err(HandlerError::Catalog)?,
        };
        match found {
            Found::Genre {
                genre,
                tracks,
                rest,
            } if !tracks.is_empty() => {
                self.start_queue(turn, &tracks, rest, &turn.phrases.playing_genre(&genre))
                    .await
            }
            _ => {
                info!(genre = ?genre, "no genre in the catalog matched");
                Ok(not_found(turn, Asked::Genre, Some(genre), None))
            }
        }
    }

    /// "Play the Road Trip playlist": its tracks in the owner's order, the
    /// first page now, the rest read as the queue reaches it.
    pub(crate) async fn play_playlist(
        &self,
        turn: &Turn<'_>,
        name: Option<&str>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return Ok(ask_what_to_play(turn));
        };
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let found = match self
            .find_resolved(turn, crate::skill::PLAYLIST_SLOT)
            .await?
        {
            Some(found @ Found::Playlist { .. }) => found,
            _ => matching::find_playlist(self.catalog.as_ref(), name)
                .await
                .map_err(HandlerError::Catalog)?,
        };
        match found {
            Found::Playlist {
                playlist,
                tracks,
                rest,
            } if !tracks.is_empty() => {
                self.start_queue(
                    turn,
                    &tracks,
                    rest,
                    &turn.phrases.playing_playlist(&playlist),
                )
                .await
            }
            Found::PlaylistOffer { playlist } => {
                info!(heard = ?name, offered = ?playlist, "no playlist of that name; offering the closest");
                let counted = Query::new(Asked::Playlist, Some(name), None);
                note_miss(
                    turn,
                    counted.as_ref(),
                    Some(format!("the playlist {playlist}")),
                );
                Ok(offer_playlist(turn, name, &playlist, counted.as_ref()))
            }
            _ => {
                info!(playlist = ?name, "no playlist in the catalog matched");
                note_miss(
                    turn,
                    Query::new(Asked::Playlist, Some(name), None).as_ref(),
                    None,
                );
                Ok(ResponseEnvelope::ask(
                    &turn.phrases.playlist_not_found(name),
                    &turn.phrases.not_found_reprompt(None),
                ))
            }
        }
    }

    /// "Play the station Radio Paradise": a live stream as a queue of one
    /// ([`QueuedTrack::live`]): nothing is enqueued after it, next and
    /// previous say there is nothing, resume joins it live. One `Query`
    /// on the station's key (or one `GetItem` when Alexa resolved the name
    /// to a station of the model built from the catalog), one write.
    pub(crate) async fn play_station(
        &self,
        turn: &Turn<'_>,
        name: Option<&str>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return Ok(ask_what_to_play(turn));
        };
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let resolved = match self.find_resolved(turn, crate::skill::STATION_SLOT).await? {
            Some(Found::Track { track, .. }) if track.live => Some(track),
            _ => None,
        };
        let found = match resolved {
            Some(station) => Some(station),
            None => matching::find_station(self.catalog.as_ref(), name)
                .await
                .map_err(HandlerError::Catalog)?,
        };
        match found {
            Some(station) => {
                let said = turn.phrases.playing_station(&station.title);
                self.start_queue(turn, std::slice::from_ref(&station), None, &said)
                    .await
            }
            None => {
                info!(station = ?name, "no station in the catalog matched");
                Ok(ResponseEnvelope::ask(
                    &turn.phrases.station_not_found(name),
                    &turn.phrases.not_found_reprompt(None),
                ))
            }
        }
    }

    /// "Shuffle my music": the whole catalog in a shuffled order that is
    /// never written out ([`Shuffle`]): whatever the catalog's size, the
    /// state holds a seed, a count and the few tracks around the current
    /// one, and each NearlyFinished reads just the next track. Three
    /// requests: the catalog's size, the first track, the new queue.
    pub(crate) async fn shuffle_all(
        &self,
        turn: &Turn<'_>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let start = queue::shuffled(
            self.catalog.as_ref(),
            matching::EVERY_TRACK_KEY,
            rand::random(),
        )
        .await
        .map_err(HandlerError::Catalog)?;
        let Some(start) = start else {
            warn!("shuffle everything: no track carries the every-track key (an empty catalog, or a table imported before it existed: import the catalog again)");
            return Ok(ResponseEnvelope::tell(&turn.phrases.library_empty()));
        };
        self.start_queue(
            turn,
            &[start.first],
            Some(start.rest),
            &turn.phrases.shuffling_everything(),
        )
        .await
    }

    /// "Play the album X [by Y]": the whole album, in disc and track order.
    pub(crate) async fn play_album(
        &self,
        turn: &Turn<'_>,
        album: Option<&str>,
        artist: Option<&str>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let Some(album) = album.map(str::trim).filter(|a| !a.is_empty()) else {
            return Ok(ask_what_to_play(turn));
        };
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        // An album said with its artist goes by the matcher, which weighs both.
        let resolved = match artist {
            Some(_) => None,
            None => self.find_resolved(turn, crate::skill::ALBUM_SLOT).await?,
        };
        let found = match resolved {
            Some(found @ Found::Album { .. }) => found,
            _ => matching::find_album(self.catalog.as_ref(), album, artist, turn.language())
                .await
                .map_err(HandlerError::Catalog)?,
        };
        match found {
            Found::Album {
                album,
                artist,
                tracks,
            } if !tracks.is_empty() => {
                let said = turn.phrases.playing_album(&album, &artist);
                self.start_queue(turn, &tracks, None, &said).await
            }
            _ => {
                info!(album = ?album, artist = ?artist.unwrap_or(""), "no album in the catalog matched");
                Ok(not_found(turn, Asked::Album, Some(album), artist))
            }
        }
    }

    /// Replaces the listener's queue with `tracks` and plays the first.
    pub(super) async fn start_queue(
        &self,
        turn: &Turn<'_>,
        tracks: &[Track],
        rest: Option<Rest>,
        said: &Speech,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let queued: Vec<QueuedTrack> = tracks
            .iter()
            .take(MAX_QUEUE)
            .map(QueuedTrack::from)
            .collect();
        let mut state = PlaybackState::new_queue(queued, now_secs());
        state.begun_us = now_micros();
        state.unread = rest;
        let Some(directive) = state.jump(0, 0).map(play_now) else {
            return Ok(ask_what_to_play(turn));
        };
        // A new queue replaces the old one without reading it first: one
        // write, the search's only follower on the way to the music.
        let (old, version) = self
            .playback
            .replace(&turn.listener, &state)
            .await
            .map_err(HandlerError::Playback)?;
        // Shuffle carried over reorders what follows: no list to touch yet.
        let upcoming = !old.as_ref().is_some_and(|old| old.shuffle_on);
        let response = playing(turn, &state, upcoming, said, &tracks[0], directive);
        if let Some(old) = old.filter(|old| self.carries_over(old)) {
            self.keep_settings(turn, state, version, &old).await?;
        }
        Ok(response)
    }

    /// Whether a new queue takes something over from the one it replaced:
    /// loop or shuffle the listener turned on, and, where the owner turned
    /// autoplay on, the listener's last plays, which no continuation of the
    /// new queue may repeat.
    fn carries_over(&self, old: &PlaybackState) -> bool {
        old.loop_on
            || old.shuffle_on
            || (self.config().autoplay == Autoplay::Similar && !old.recent.is_empty())
    }

    /// Loop, shuffle and the last plays carry over to a new queue
    /// ([`Skill::carries_over`]): a second write, only for listeners who
    /// have one (the first track, already sent, is the same either way:
    /// shuffle orders what comes after it).
    async fn keep_settings(
        &self,
        turn: &Turn<'_>,
        mut state: PlaybackState,
        version: u64,
        old: &PlaybackState,
    ) -> Result<(), HandlerError> {
        let apply = |state: &mut PlaybackState| {
            state.recent = old.recent.followed_by(&state.recent);
            state.loop_on = old.loop_on;
            if old.shuffle_on {
                let _ = state.set_shuffle(true, &mut rand::rng());
            }
        };
        if old.shuffle_on {
            // Shuffle orders the whole queue: read its rest first.
            self.read_ahead(&mut state, Ahead::Whole).await?;
        }
        apply(&mut state);
        match self
            .playback
            .save(&turn.listener, &state, Some(version))
            .await
        {
            Ok(_) => Ok(()),
            // An event of the new queue got there first: apply to what it left.
            Err(SaveError::Conflict) => {
                let queue = state.queue_id.clone();
                let ahead = if old.shuffle_on {
                    Ahead::Whole
                } else {
                    Ahead::Nothing
                };
                self.update_queue(&turn.listener, ahead, None, |state| {
                    (state.queue_id == queue && !state.shuffle_on && !state.loop_on)
                        .then(|| apply(state))
                })
                .await
                .map(|_| ())
            }
            Err(err) => Err(err.into()),
        }
    }
}
