//! Spoken intents: what the listener says to the skill. These may speak,
//! ask, and start or stop the music; the session stays open only while a
//! question waits for an answer.

use serde_json::{json, Map, Value};
use tracing::{info, warn};

use super::state::{play_now, requeue_directives, Ahead, NoQueue, Skip};
use super::{speech, HandlerError, Skill, Turn};
use crate::alexa::ssml::{shorten, Speech, MAX_SPOKEN_TEXT};
use crate::alexa::{Card, Directive, PlayerActivity, ResponseEnvelope};
use crate::catalog::{self, Rest, Track};
use crate::favourites::{Liked, Owner};
use crate::insights::{Asked, Note, Query};
use crate::matching::{self, Found, SpokenQuery};
use crate::playback::{now_secs, Activity, PlaybackState, QueuedTrack, SaveError, StreamToken};

/// Session attribute that remembers what "yes" would accept.
const OFFER: &str = "offer";

fn session_offer(offer: Value) -> Map<String, Value> {
    let mut attributes = Map::new();
    attributes.insert(OFFER.to_string(), offer);
    attributes
}

/// Notes that nothing was played of what was asked (and the suggestion
/// offered instead), for `jukebox report misses`.
fn note_miss(turn: &Turn<'_>, query: Option<&Query>, offered: Option<String>) {
    if let Some(query) = query {
        turn.note(Note::Missed {
            query: query.clone(),
            offered,
        });
    }
}

/// An offer remembered in the session, with the query it answers (so an
/// accepted offer is counted for that query).
fn offer_for(mut offer: Value, query: Option<&Query>) -> Map<String, Value> {
    if let (Some(query), Some(fields)) = (query, offer.as_object_mut()) {
        fields.insert("asked".into(), json!(query.asked.as_str()));
        fields.insert("query".into(), json!(query.text));
    }
    session_offer(offer)
}

/// The query an offer in the session answers, if it says.
fn offered_query(offer: Option<&Value>) -> Option<Query> {
    let offer = offer?;
    Some(Query {
        asked: Asked::parse(offer.get("asked")?.as_str()?)?,
        text: offer.get("query")?.as_str()?.to_string(),
    })
}

/// "What would you like to hear?", keeping the session open for the answer.
fn ask_what_to_play() -> ResponseEnvelope {
    ResponseEnvelope::ask(&speech::what_to_play(), &speech::what_to_play())
}

fn nothing_playing() -> ResponseEnvelope {
    ResponseEnvelope::ask(&speech::nothing_playing(), &speech::what_to_play())
}

impl Skill {
    pub(crate) async fn launch(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            // Say so at once, rather than invite a request it cannot serve.
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        // Something to resume shows in the device's own report: a stream
        // token of ours. Without one there is no state worth a read.
        let ours = turn
            .device_position()
            .is_some_and(|(token, _)| StreamToken::parse(token).is_some());
        let state = match ours {
            true => self.load_state(&turn.listener).await?,
            false => None,
        };
        if let Some(state) = state {
            if let (Some(track), false) =
                (state.current_track(), state.activity == Activity::Finished)
            {
                return Ok(ResponseEnvelope::ask(
                    &speech::offer_resume(turn.first_name(), &track.title, &track.artist),
                    &speech::offer_resume_reprompt(),
                )
                .with_session_attributes(session_offer(json!({"kind": "resume"}))));
            }
        }
        Ok(ResponseEnvelope::ask(
            &speech::welcome_by_name(turn.first_name()),
            &speech::what_to_play(),
        ))
    }

    pub(crate) async fn play_music(
        &self,
        turn: &Turn<'_>,
        song: Option<&str>,
        artist: Option<&str>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let query = SpokenQuery::new(song, artist).in_language(turn.language());
        if query.is_empty() {
            return Ok(ask_what_to_play());
        }
        let asked = match (&query.song, &query.artist) {
            (None, Some(_)) => Asked::Artist,
            _ => Asked::Song,
        };
        let counted = Query::new(asked, query.song.as_deref(), query.artist.as_deref());
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        let mut found = matching::find(self.catalog.as_ref(), &query)
            .await
            .map_err(HandlerError::Catalog)?;
        if let (Found::NotFound { .. }, None) = (&found, &query.artist) {
            // "Play Queen": the only sample that fits puts an artist in the
            // song slot. No title matched, so try the words as an artist.
            let as_artist =
                SpokenQuery::new(None, query.song.as_deref()).in_language(query.language);
            let by_artist = matching::find(self.catalog.as_ref(), &as_artist)
                .await
                .map_err(HandlerError::Catalog)?;
            if matches!(by_artist, Found::Artist { .. }) {
                found = by_artist;
            }
        }
        if let (Found::NotFound { .. }, Some(song), None) = (&found, &query.song, &query.artist) {
            // "Play road trip": neither a title nor an artist; a playlist,
            // an album or a genre of that name, in that order.
            found = self
                .find_collection(song, query.language)
                .await?
                .unwrap_or(found);
        }
        let (tracks, rest, said) = match found {
            Found::Track { track, rest } => {
                let said = speech::playing(&track.title, &track.artist);
                (vec![track], rest, said)
            }
            Found::Artist { artist, tracks } => (tracks, None, speech::playing_artist(&artist)),
            Found::Genre {
                genre,
                tracks,
                rest,
            } => (tracks, rest, speech::playing_genre(&genre)),
            Found::Playlist {
                playlist,
                tracks,
                rest,
            } => (tracks, rest, speech::playing_playlist(&playlist)),
            Found::PlaylistOffer { playlist } => {
                note_miss(
                    turn,
                    counted.as_ref(),
                    Some(format!("the playlist {playlist}")),
                );
                return Ok(offer_playlist(
                    query.song.as_deref().unwrap_or(""),
                    &playlist,
                    counted.as_ref(),
                ));
            }
            Found::Album {
                album,
                artist,
                tracks,
            } => (tracks, None, speech::playing_album(&album, &artist)),
            Found::NotFound { suggestion } => {
                info!(
                    song = ?query.song.as_deref().unwrap_or(""),
                    artist = ?query.artist.as_deref().unwrap_or(""),
                    suggestion = ?suggestion.as_ref().map(|s| s.title.as_str()).unwrap_or(""),
                    "nothing in the catalog matched"
                );
                let response = ResponseEnvelope::ask(
                    &speech::not_found(
                        query.song.as_deref(),
                        query.artist.as_deref(),
                        suggestion.as_ref(),
                    ),
                    &speech::not_found_reprompt(suggestion.as_ref()),
                );
                note_miss(
                    turn,
                    counted.as_ref(),
                    suggestion
                        .as_ref()
                        .map(|s| format!("{} by {}", s.title, s.artist)),
                );
                return Ok(match suggestion {
                    Some(s) => response.with_session_attributes(offer_for(
                        json!({"kind": "track", "id": s.id, "title": s.title, "artist": s.artist}),
                        counted.as_ref(),
                    )),
                    None => response,
                });
            }
        };
        self.start_queue(turn, &tracks, rest, &said).await
    }

    /// "I like this song" (`add`) or "remove this from my favourites": for
    /// the track the device plays, for the person Alexa recognised (else
    /// the account). Short speech, no directive: the music goes on.
    pub(crate) async fn like(
        &self,
        turn: &Turn<'_>,
        add: bool,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let owner = Owner::of(turn.envelope.person_id(), turn.envelope.user_id());
        let Some(id) = turn
            .device_position()
            .and_then(|(token, _)| StreamToken::parse(token))
            .map(|token| token.track_id)
        else {
            return Ok(ResponseEnvelope::tell(&speech::nothing_to_like()));
        };
        // The track's title and the change, at once: one round trip.
        let title = async {
            self.catalog
                .track(&id)
                .await
                .map(|track| track.map(|t| t.title))
                .map_err(HandlerError::Catalog)
        };
        let said = if add {
            let like = async {
                self.favourites
                    .like(&owner, &id)
                    .await
                    .map_err(HandlerError::Playback)
            };
            match futures::future::try_join(title, like).await? {
                (None, _) => speech::nothing_to_like(),
                (Some(title), Liked::Added) => speech::liked(&title),
                (Some(title), Liked::AlreadyThere) => speech::already_liked(&title),
                (Some(_), Liked::Full) => speech::favourites_full(),
            }
        } else {
            let unlike = async {
                self.favourites
                    .unlike(&owner, &id)
                    .await
                    .map_err(HandlerError::Playback)
            };
            match futures::future::try_join(title, unlike).await? {
                (None, _) => speech::nothing_to_like(),
                (Some(title), true) => speech::unliked(&title),
                (Some(title), false) => speech::not_a_favourite(&title),
            }
        };
        Ok(ResponseEnvelope::tell(&said))
    }

    /// "Play my favourites": the person's favourites (at most a queue's
    /// worth), in catalog order.
    pub(crate) async fn play_favourites(
        &self,
        turn: &Turn<'_>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        let owner = Owner::of(turn.envelope.person_id(), turn.envelope.user_id());
        let ids = self
            .favourites
            .favourites(&owner)
            .await
            .map_err(HandlerError::Playback)?;
        let found = futures::future::try_join_all(
            ids.iter()
                .take(matching::MAX_QUEUE)
                .map(|id| self.catalog.track(id)),
        )
        .await
        .map_err(HandlerError::Catalog)?;
        // A favourite no longer in the catalog is skipped.
        let mut tracks: Vec<Track> = found.into_iter().flatten().collect();
        if tracks.is_empty() {
            return Ok(ResponseEnvelope::tell(&speech::no_favourites()));
        }
        tracks.sort_by_key(|t| t.position);
        self.start_queue(turn, &tracks, None, &speech::playing_favourites())
            .await
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
            return Ok(ask_what_to_play());
        };
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        let found = matching::find_genre(self.catalog.as_ref(), genre, rand::random())
            .await
            .map_err(HandlerError::Catalog)?;
        match found {
            Found::Genre {
                genre,
                tracks,
                rest,
            } if !tracks.is_empty() => {
                self.start_queue(turn, &tracks, rest, &speech::playing_genre(&genre))
                    .await
            }
            _ => {
                info!(genre = ?genre, "no genre in the catalog matched");
                note_miss(
                    turn,
                    Query::new(Asked::Genre, Some(genre), None).as_ref(),
                    None,
                );
                Ok(ResponseEnvelope::ask(
                    &speech::not_found(Some(genre), None, None),
                    &speech::not_found_reprompt(None),
                ))
            }
        }
    }

    /// A playlist, an album or a genre named `name`, the first found (one
    /// `Query` each, sequential: a song slot that names none of them is rare
    /// and already missed two rounds of title and artist searches).
    async fn find_collection(
        &self,
        name: &str,
        language: matching::Language,
    ) -> Result<Option<Found>, HandlerError> {
        let catalog = self.catalog.as_ref();
        let playlist = matching::find_playlist(catalog, name)
            .await
            .map_err(HandlerError::Catalog)?;
        if matches!(playlist, Found::Playlist { .. }) {
            return Ok(Some(playlist));
        }
        let album = matching::find_album(catalog, name, None, language)
            .await
            .map_err(HandlerError::Catalog)?;
        if matches!(&album, Found::Album { tracks, .. } if !tracks.is_empty()) {
            return Ok(Some(album));
        }
        let genre = matching::find_genre(catalog, name, rand::random())
            .await
            .map_err(HandlerError::Catalog)?;
        Ok(matches!(&genre, Found::Genre { tracks, .. } if !tracks.is_empty()).then_some(genre))
    }

    /// "Play the Road Trip playlist": its tracks in the owner's order, the
    /// first page now, the rest read as the queue reaches it.
    pub(crate) async fn play_playlist(
        &self,
        turn: &Turn<'_>,
        name: Option<&str>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return Ok(ask_what_to_play());
        };
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        let found = matching::find_playlist(self.catalog.as_ref(), name)
            .await
            .map_err(HandlerError::Catalog)?;
        match found {
            Found::Playlist {
                playlist,
                tracks,
                rest,
            } if !tracks.is_empty() => {
                self.start_queue(turn, &tracks, rest, &speech::playing_playlist(&playlist))
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
                Ok(offer_playlist(name, &playlist, counted.as_ref()))
            }
            _ => {
                info!(playlist = ?name, "no playlist in the catalog matched");
                note_miss(
                    turn,
                    Query::new(Asked::Playlist, Some(name), None).as_ref(),
                    None,
                );
                Ok(ResponseEnvelope::ask(
                    &speech::playlist_not_found(name),
                    &speech::not_found_reprompt(None),
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
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        let start = catalog::shuffled(
            self.catalog.as_ref(),
            matching::EVERY_TRACK_KEY,
            rand::random(),
        )
        .await
        .map_err(HandlerError::Catalog)?;
        let Some(start) = start else {
            warn!("shuffle everything: no track carries the every-track key (an empty catalog, or a table imported before it existed: import the catalog again)");
            return Ok(ResponseEnvelope::tell(&speech::library_empty()));
        };
        self.start_queue(
            turn,
            &[start.first],
            Some(start.rest),
            &speech::shuffling_everything(),
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
            return Ok(ask_what_to_play());
        };
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        let found = matching::find_album(self.catalog.as_ref(), album, artist, turn.language())
            .await
            .map_err(HandlerError::Catalog)?;
        match found {
            Found::Album {
                album,
                artist,
                tracks,
            } if !tracks.is_empty() => {
                let said = speech::playing_album(&album, &artist);
                self.start_queue(turn, &tracks, None, &said).await
            }
            _ => {
                info!(album = ?album, artist = ?artist.unwrap_or(""), "no album in the catalog matched");
                note_miss(
                    turn,
                    Query::new(Asked::Album, Some(album), artist).as_ref(),
                    None,
                );
                Ok(ResponseEnvelope::ask(
                    &speech::not_found(Some(album), artist, None),
                    &speech::not_found_reprompt(None),
                ))
            }
        }
    }

    /// Replaces the listener's queue with `tracks` and plays the first.
    async fn start_queue(
        &self,
        turn: &Turn<'_>,
        tracks: &[Track],
        rest: Option<Rest>,
        said: &Speech,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let queued: Vec<QueuedTrack> = tracks
            .iter()
            .take(matching::MAX_QUEUE)
            .map(QueuedTrack::from)
            .collect();
        let mut state = PlaybackState::new_queue(queued, now_secs());
        state.more = rest;
        let Some(directive) = state.jump(0, 0).map(play_now) else {
            return Ok(ask_what_to_play());
        };
        // A new queue replaces the old one without reading it first: one
        // write, the search's only follower on the way to the music.
        let (old, version) = self
            .playback
            .replace(&turn.listener, &state)
            .await
            .map_err(HandlerError::Playback)?;
        if let Some(old) = old.filter(|old| old.loop_on || old.shuffle_on) {
            self.keep_settings(turn, state, version, &old).await?;
        }
        let first = &tracks[0];
        // Cards stay far below Alexa's 8,000 characters, whatever the catalog holds.
        let card = Card::Simple {
            title: shorten(&first.title, MAX_SPOKEN_TEXT),
            content: format!(
                "{} — {}",
                shorten(&first.title, MAX_SPOKEN_TEXT),
                shorten(&first.artist, MAX_SPOKEN_TEXT)
            ),
        };
        Ok(ResponseEnvelope::tell(said)
            .with_directive(directive)
            .with_card(card))
    }

    /// Loop and shuffle carry over to a new queue: a second write, only
    /// for listeners who turned one on (the first track, already sent, is
    /// the same either way: shuffle orders what comes after it).
    async fn keep_settings(
        &self,
        turn: &Turn<'_>,
        mut state: PlaybackState,
        version: u64,
        old: &PlaybackState,
    ) -> Result<(), HandlerError> {
        let apply = |state: &mut PlaybackState| {
            state.loop_on = old.loop_on;
            if old.shuffle_on {
                state.set_shuffle(true, &mut rand::rng());
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
                self.update_queue(&turn.listener, ahead, |state| {
                    (state.queue_id == queue && !state.shuffle_on && !state.loop_on)
                        .then(|| apply(state))
                })
                .await
                .map(|_| ())
            }
            Err(err) => Err(err.into()),
        }
    }

    pub(crate) async fn now_playing(
        &self,
        turn: &Turn<'_>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let state = self.load_state(&turn.listener).await?;
        // Paused as we recorded it, or as the device reports it (its
        // PlaybackStopped may not have arrived).
        let device_paused = turn
            .envelope
            .context
            .audio_player
            .as_ref()
            .is_some_and(|player| {
                matches!(
                    player.player_activity,
                    Some(PlayerActivity::Paused | PlayerActivity::Stopped)
                ) && player.token.as_deref().is_some_and(|token| {
                    state.as_ref().is_some_and(|s| {
                        s.own_token(token).is_some_and(|token| s.is_current(&token))
                    })
                })
            });
        match state
            .as_ref()
            .filter(|s| s.activity != Activity::Finished)
            .and_then(PlaybackState::current_track)
        {
            Some(track)
                if device_paused
                    || state
                        .as_ref()
                        .is_some_and(|s| s.activity == Activity::Stopped) =>
            {
                Ok(ResponseEnvelope::tell(&speech::paused(
                    &track.title,
                    &track.artist,
                )))
            }
            Some(track) => Ok(ResponseEnvelope::tell(&speech::now_playing(
                &track.title,
                &track.artist,
            ))),
            None => Ok(nothing_playing()),
        }
    }

    /// Stop, Cancel and Pause: stop the music and keep the position.
    pub(crate) async fn stop(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            // No AudioPlayer directive ever goes to a device without one.
            return Ok(ResponseEnvelope::tell(&speech::goodbye()));
        }
        // No read, no write: the device answers the Stop with a
        // PlaybackStopped carrying the offset, and resume trusts the offset
        // the device reports should that event be lost.
        Ok(ResponseEnvelope::directives(vec![Directive::Stop]).ending_session())
    }

    pub(crate) async fn resume(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        match self
            .resume_directive(&turn.listener, turn.device_position())
            .await?
        {
            Some(directive) => Ok(ResponseEnvelope::directives(vec![directive]).ending_session()),
            None => Ok(ResponseEnvelope::ask(
                &speech::nothing_to_resume(),
                &speech::what_to_play(),
            )),
        }
    }

    pub(crate) async fn skip_intent(
        &self,
        turn: &Turn<'_>,
        skip: Skip,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        match self.skip_directive(&turn.listener, skip).await? {
            Ok(Some(directive)) => {
                Ok(ResponseEnvelope::directives(vec![directive]).ending_session())
            }
            Ok(None) => Ok(ResponseEnvelope::tell(&speech::end_of_queue())),
            Err(NoQueue) => Ok(nothing_playing()),
        }
    }

    pub(crate) async fn start_over(
        &self,
        turn: &Turn<'_>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        let directive = self
            .update_queue(&turn.listener, Ahead::Nothing, |state| {
                let position = state.position;
                state.jump(position, 0).map(play_now)
            })
            .await?;
        match directive {
            Some(directive) => Ok(ResponseEnvelope::directives(vec![directive]).ending_session()),
            None => Ok(nothing_playing()),
        }
    }

    pub(crate) async fn set_loop(
        &self,
        turn: &Turn<'_>,
        on: bool,
    ) -> Result<ResponseEnvelope, HandlerError> {
        self.change_setting(turn, &speech::loop_set(on), Ahead::Next, |state| {
            state.loop_on = on
        })
        .await
    }

    pub(crate) async fn set_shuffle(
        &self,
        turn: &Turn<'_>,
        on: bool,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let ahead = if on { Ahead::Whole } else { Ahead::Nothing };
        self.change_setting(turn, &speech::shuffle_set(on), ahead, |state| {
            state.set_shuffle(on, &mut rand::rng())
        })
        .await
    }

    /// Loop or shuffle: change the setting, then bring what the device has
    /// enqueued in line with the new next track.
    async fn change_setting(
        &self,
        turn: &Turn<'_>,
        said: &Speech,
        ahead: Ahead,
        mut change: impl FnMut(&mut PlaybackState),
    ) -> Result<ResponseEnvelope, HandlerError> {
        let fix = self
            .update_queue(&turn.listener, ahead, |state| {
                change(state);
                Some(state.requeue_next())
            })
            .await?;
        Ok(match fix {
            Some(fix) => ResponseEnvelope::tell(said).with_directives(requeue_directives(fix)),
            None => nothing_playing(),
        })
    }

    /// The offer a question of ours left in the session ("shall I resume?",
    /// "should I play X?"), if the listener is answering one.
    fn pending_offer<'t>(&self, turn: &'t Turn<'_>) -> Option<&'t Value> {
        turn.envelope
            .session
            .as_ref()
            .and_then(|s| s.attributes.as_ref())
            .and_then(|a| a.get(OFFER))
    }

    /// Help answers the question and keeps a pending offer alive, so "yes"
    /// still accepts it. A device without AudioPlayer hears at once that it
    /// cannot play music, not an invitation to ask for some (a real Echo
    /// Show capture without AudioPlayer, `tests/events/real/`, showed it).
    pub(crate) fn help(&self, turn: &Turn<'_>) -> ResponseEnvelope {
        if !turn.envelope.supports_audio() {
            return ResponseEnvelope::tell(&speech::no_audio_player());
        }
        let response = ResponseEnvelope::ask(&speech::help(), &speech::what_to_play());
        match self.pending_offer(turn) {
            Some(offer) => response.with_session_attributes(session_offer(offer.clone())),
            None => response,
        }
    }

    /// What Alexa could not place: say what the skill does, and ask (on a
    /// device that can play music).
    pub(crate) fn fallback(&self, turn: &Turn<'_>) -> ResponseEnvelope {
        if !turn.envelope.supports_audio() {
            return ResponseEnvelope::tell(&speech::no_audio_player());
        }
        ResponseEnvelope::ask(&speech::fallback(), &speech::what_to_play())
    }

    /// "No" to a question, or "go home": nothing more to ask, the session ends
    /// (asking "what would you like to hear?" again is the loop that
    /// certification flags).
    pub(crate) fn no(&self) -> ResponseEnvelope {
        ResponseEnvelope::tell(&speech::goodbye())
    }

    /// Repeat: while a question of ours waits for an answer (an open session),
    /// ask it again; otherwise start the song over.
    pub(crate) async fn repeat(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        let answering = turn.envelope.session.as_ref().is_some_and(|s| !s.new);
        if !answering {
            return self.start_over(turn).await;
        }
        let offer = self.pending_offer(turn);
        let field = |name: &str| offer.and_then(|o| o.get(name)).and_then(Value::as_str);
        match field("kind") {
            Some("resume") => self.launch(turn).await,
            Some("playlist") => {
                let question = speech::offer_playlist(field("name").unwrap_or(""));
                Ok(ResponseEnvelope::ask(&question, &question)
                    .with_session_attributes(session_offer(offer.cloned().unwrap_or_default())))
            }
            Some("track") => {
                let question = speech::offer_track(
                    field("title").unwrap_or(""),
                    field("artist").unwrap_or(""),
                );
                Ok(ResponseEnvelope::ask(&question, &question)
                    .with_session_attributes(session_offer(offer.cloned().unwrap_or_default())))
            }
            _ => Ok(ask_what_to_play()),
        }
    }

    pub(crate) async fn yes(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        let offer = self.pending_offer(turn);
        let answer = self.accept(turn, offer).await?;
        // Counted when the suggestion now plays.
        if let (Some(query), true) = (offered_query(offer), has_play(&answer)) {
            turn.note(Note::OfferAccepted { query });
        }
        Ok(answer)
    }

    async fn accept(
        &self,
        turn: &Turn<'_>,
        offer: Option<&Value>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        match offer.and_then(|o| o.get("kind")).and_then(Value::as_str) {
            Some("resume") => self.resume(turn).await,
            Some("playlist") => {
                let name = offer.and_then(|o| o.get("name")).and_then(Value::as_str);
                self.play_playlist(turn, name).await
            }
            Some("track") => {
                let id = offer
                    .and_then(|o| o.get("id"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                match self
                    .catalog
                    .track(id)
                    .await
                    .map_err(HandlerError::Catalog)?
                {
                    // Exactly the track offered: matching again on its title
                    // could find another one, or nothing.
                    Some(_) if !turn.envelope.supports_audio() => {
                        Ok(ResponseEnvelope::tell(&speech::no_audio_player()))
                    }
                    Some(track) => {
                        let said = speech::playing(&track.title, &track.artist);
                        self.start_queue(turn, std::slice::from_ref(&track), None, &said)
                            .await
                    }
                    None => Ok(ask_what_to_play()),
                }
            }
            _ => Ok(ask_what_to_play()),
        }
    }
}

fn has_play(response: &ResponseEnvelope) -> bool {
    response
        .directive_list()
        .iter()
        .any(|d| matches!(d, Directive::Play(_)))
}

/// "I couldn't find a playlist called road trips. Did you mean the playlist
/// Road Trip?", remembered in the session so "yes" plays it.
fn offer_playlist(heard: &str, playlist: &str, query: Option<&Query>) -> ResponseEnvelope {
    ResponseEnvelope::ask(
        &speech::playlist_near_miss(heard, playlist),
        &speech::offer_playlist(playlist),
    )
    .with_session_attributes(offer_for(
        json!({"kind": "playlist", "name": playlist}),
        query,
    ))
}
