//! The handlers: what to play, and the AudioPlayer lifecycle. Every change
//! to a listener's state is one read and one conditional write through
//! [`Skill::update`]; a conflicting write is retried on fresh state, so
//! events racing for one listener never lose an update.
//!
//! Player events (AudioPlayer.*, PlaybackController.*) return directives
//! only: the types make speech impossible there.

use rand::seq::SliceRandom;
use serde_json::{json, Map, Value};
use tracing::{info, warn};

use super::{speech, HandlerError, Skill, Turn};
use crate::alexa::{
    AudioMetadata, Card, ClearBehavior, Directive, ImageSources, PlaybackEvent,
    PlaybackFailedEvent, ResponseEnvelope, StreamItem,
};
use crate::catalog::Track;
use crate::matching::{self, Found, SpokenQuery};
use crate::playback::{now_secs, Activity, ListenerKey, PlaybackState, QueuedTrack, StreamToken};

/// Attempts of a read-modify-write before giving up under contention.
const MAX_ATTEMPTS: usize = 8;

/// Session attribute that remembers what "yes" would accept.
const OFFER: &str = "offer";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Skip {
    Next,
    Previous,
}

/// What a state change decided: save the new state or leave it, and the result.
pub(crate) enum Decision<R> {
    Save(PlaybackState, R),
    Keep(R),
}

fn stream_item(state: &PlaybackState, position: usize, offset_ms: i64) -> Option<StreamItem> {
    let track = state.track_at(position)?;
    let token = state.token_at(position)?;
    Some(StreamItem {
        url: track.url.clone(),
        token: token.to_string(),
        offset_ms: offset_ms.max(0),
        metadata: Some(metadata(track)),
    })
}

fn metadata(track: &QueuedTrack) -> AudioMetadata {
    AudioMetadata {
        title: track.title.clone(),
        subtitle: track.artist.clone(),
        art: track.image_url.as_deref().map(ImageSources::single),
        background_image: track.image_url.as_deref().map(ImageSources::single),
    }
}

/// The position after `position`, wrapping when loop is on.
fn next_position(state: &PlaybackState, position: usize) -> Option<usize> {
    if position + 1 < state.order.len() {
        Some(position + 1)
    } else if state.loop_on && !state.order.is_empty() {
        Some(0)
    } else {
        None
    }
}

fn previous_position(state: &PlaybackState, position: usize) -> Option<usize> {
    if position > 0 {
        Some(position - 1)
    } else if state.loop_on && !state.order.is_empty() {
        Some(state.order.len() - 1)
    } else {
        None
    }
}

/// The token of an event, when it names a position of the current queue.
fn own_position(state: &PlaybackState, token: &str) -> Option<usize> {
    let parsed = StreamToken::parse(token)?;
    (parsed.queue_id == state.queue_id
        && state
            .track_at(parsed.position)
            .is_some_and(|t| t.id == parsed.track_id))
    .then_some(parsed.position)
}

/// Whether a player event is older than one already applied (late or replayed).
fn is_late(state: &PlaybackState, timestamp: &str) -> bool {
    match &state.last_event_at {
        Some(last) => !timestamp.is_empty() && timestamp < last.as_str(),
        None => false,
    }
}

/// Moves to `position` and plays it from `offset_ms`, replacing what plays.
fn jump(state: &mut PlaybackState, position: usize, offset_ms: i64) -> Option<Directive> {
    let item = stream_item(state, position, offset_ms)?;
    state.position = position;
    state.offset_ms = offset_ms.max(0);
    state.activity = Activity::Requested;
    state.enqueued = None;
    state.updated_at = now_secs();
    Some(Directive::play_now(item))
}

fn session_offer(offer: Value) -> Map<String, Value> {
    let mut attributes = Map::new();
    attributes.insert(OFFER.to_string(), offer);
    attributes
}

impl Skill {
    /// Reads the listener's state, lets `change` decide, and writes it back
    /// conditionally; on a conflicting write, starts again from a fresh read.
    pub(crate) async fn update<R>(
        &self,
        listener: &ListenerKey,
        mut change: impl FnMut(Option<PlaybackState>) -> Decision<R>,
    ) -> Result<R, HandlerError> {
        for attempt in 1..=MAX_ATTEMPTS {
            let current = self
                .playback
                .load(listener)
                .await
                .map_err(HandlerError::Playback)?;
            let version = current.as_ref().map(|v| v.version);
            match change(current.map(|v| v.state)) {
                Decision::Keep(result) => return Ok(result),
                Decision::Save(state, result) => {
                    match self.playback.save(listener, &state, version).await {
                        Ok(_) => return Ok(result),
                        Err(crate::playback::SaveError::Conflict) => {
                            info!(attempt, listener = %listener.log_id(), "playback state changed concurrently, retrying");
                        }
                        Err(err) => return Err(err.into()),
                    }
                }
            }
        }
        Err(HandlerError::Contended)
    }

    async fn load_state(
        &self,
        listener: &ListenerKey,
    ) -> Result<Option<PlaybackState>, HandlerError> {
        Ok(self
            .playback
            .load(listener)
            .await
            .map_err(HandlerError::Playback)?
            .map(|v| v.state))
    }

    pub(crate) async fn launch(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        if turn.envelope.supports_audio() {
            if let Some(state) = self.load_state(&turn.listener).await? {
                if let (Some(track), false) =
                    (state.current_track(), state.activity == Activity::Finished)
                {
                    return Ok(ResponseEnvelope::ask(
                        &speech::offer_resume(&track.title, &track.artist),
                        &speech::offer_resume_reprompt(),
                    )
                    .with_session_attributes(session_offer(json!({"kind": "resume"}))));
                }
            }
        }
        Ok(ResponseEnvelope::ask(
            &speech::welcome(),
            &speech::what_to_play(),
        ))
    }

    pub(crate) async fn play_music(
        &self,
        turn: &Turn<'_>,
        song: Option<&str>,
        artist: Option<&str>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let query = SpokenQuery::new(song, artist);
        if query.is_empty() {
            return Ok(ResponseEnvelope::ask(
                &speech::what_to_play(),
                &speech::what_to_play(),
            ));
        }
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        let found = matching::find(self.catalog.as_ref(), &query)
            .await
            .map_err(HandlerError::Catalog)?;
        let (tracks, said) = match found {
            Found::Track { track, queue } => {
                let said = speech::playing(&track.title, &track.artist);
                (
                    std::iter::once(track).chain(queue).collect::<Vec<_>>(),
                    said,
                )
            }
            Found::Artist { artist, tracks } => (tracks, speech::playing_artist(&artist)),
            Found::Album {
                album,
                artist,
                tracks,
            } => (tracks, speech::playing_album(&album, &artist)),
            Found::NotFound { suggestion } => {
                info!(
                    song = query.song.as_deref().unwrap_or(""),
                    artist = query.artist.as_deref().unwrap_or(""),
                    suggestion = suggestion.as_ref().map(|s| s.title.as_str()).unwrap_or(""),
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
                return Ok(match suggestion {
                    Some(s) => response.with_session_attributes(session_offer(
                        json!({"kind": "track", "id": s.id, "artist": s.artist}),
                    )),
                    None => response,
                });
            }
        };
        self.start_queue(turn, &tracks, &said).await
    }

    /// Replaces the listener's queue with `tracks` and plays the first.
    async fn start_queue(
        &self,
        turn: &Turn<'_>,
        tracks: &[Track],
        said: &crate::alexa::ssml::Speech,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let queued: Vec<QueuedTrack> = tracks
            .iter()
            .take(matching::MAX_QUEUE)
            .map(QueuedTrack::from)
            .collect();
        let fresh = PlaybackState::new_queue(queued, now_secs());
        let directive = self
            .update(&turn.listener, |old| {
                // Keep the listener's loop and shuffle settings across queues.
                let mut state = fresh.clone();
                if let Some(old) = old {
                    state.loop_on = old.loop_on;
                    state.shuffle_on = old.shuffle_on;
                    if old.shuffle_on && state.order.len() > 1 {
                        state.order[1..].shuffle(&mut rand::rng());
                    }
                }
                let directive = stream_item(&state, 0, 0).map(Directive::play_now);
                Decision::Save(state, directive)
            })
            .await?;
        let Some(directive) = directive else {
            return Ok(ResponseEnvelope::ask(
                &speech::what_to_play(),
                &speech::what_to_play(),
            ));
        };
        let first = &tracks[0];
        let card = Card::Simple {
            title: first.title.clone(),
            content: format!("{} — {}", first.title, first.artist),
        };
        Ok(ResponseEnvelope::tell(said)
            .with_directive(directive)
            .with_card(card))
    }

    pub(crate) async fn now_playing(
        &self,
        turn: &Turn<'_>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let state = self.load_state(&turn.listener).await?;
        match state
            .as_ref()
            .filter(|s| s.activity != Activity::Finished)
            .and_then(PlaybackState::current_track)
        {
            Some(track) => Ok(ResponseEnvelope::tell(&speech::now_playing(
                &track.title,
                &track.artist,
            ))),
            None => Ok(ResponseEnvelope::ask(
                &speech::nothing_playing(),
                &speech::what_to_play(),
            )),
        }
    }

    /// Stop, Cancel and Pause: stop the music and keep the position.
    pub(crate) async fn stop(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        self.save_player_offset(turn).await?;
        let mut response = ResponseEnvelope::directives(vec![Directive::Stop]);
        response.response.should_end_session = Some(true);
        Ok(response)
    }

    /// Records where the device's player is, from `context.AudioPlayer`.
    async fn save_player_offset(&self, turn: &Turn<'_>) -> Result<(), HandlerError> {
        let Some(player) = turn.envelope.context.audio_player.as_ref() else {
            return Ok(());
        };
        let (Some(token), Some(offset)) = (player.token.as_deref(), player.offset_in_milliseconds)
        else {
            return Ok(());
        };
        self.update(&turn.listener, |state| {
            let Some(mut state) = state else {
                return Decision::Keep(());
            };
            let Some(position) = own_position(&state, token) else {
                return Decision::Keep(());
            };
            if state.activity == Activity::Finished {
                // The queue ran out or failed: nothing to come back to.
                return Decision::Keep(());
            }
            state.position = position;
            state.offset_ms = offset.max(0);
            state.activity = Activity::Stopped;
            state.enqueued = None;
            state.updated_at = now_secs();
            Decision::Save(state, ())
        })
        .await
    }

    /// Plays the current track from where it stopped.
    async fn resume_directive(
        &self,
        listener: &ListenerKey,
    ) -> Result<Option<Directive>, HandlerError> {
        self.update(listener, |state| {
            let Some(mut state) = state else {
                return Decision::Keep(None);
            };
            if state.activity == Activity::Finished {
                return Decision::Keep(None);
            }
            let (position, offset) = (state.position, state.offset_ms);
            match jump(&mut state, position, offset) {
                Some(directive) => Decision::Save(state, Some(directive)),
                None => Decision::Keep(None),
            }
        })
        .await
    }

    pub(crate) async fn resume(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        match self.resume_directive(&turn.listener).await? {
            Some(directive) => Ok(ResponseEnvelope::directives(vec![directive]).ending_session()),
            None => Ok(ResponseEnvelope::ask(
                &speech::nothing_to_resume(),
                &speech::what_to_play(),
            )),
        }
    }

    /// Next or previous: plays the neighbour from its start.
    async fn skip_directive(
        &self,
        listener: &ListenerKey,
        skip: Skip,
    ) -> Result<Option<Directive>, HandlerError> {
        self.update(listener, |state| {
            let Some(mut state) = state else {
                return Decision::Keep(None);
            };
            let target = match skip {
                Skip::Next => next_position(&state, state.position),
                // Previous at the start of the queue starts the first track over.
                Skip::Previous => previous_position(&state, state.position).or(Some(0)),
            };
            match target.and_then(|position| jump(&mut state, position, 0)) {
                Some(directive) => {
                    state.failures = 0;
                    Decision::Save(state, Some(directive))
                }
                None => Decision::Keep(None),
            }
        })
        .await
    }

    pub(crate) async fn skip_intent(
        &self,
        turn: &Turn<'_>,
        skip: Skip,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&speech::no_audio_player()));
        }
        if self.load_state(&turn.listener).await?.is_none() {
            return Ok(ResponseEnvelope::ask(
                &speech::nothing_playing(),
                &speech::what_to_play(),
            ));
        }
        match self.skip_directive(&turn.listener, skip).await? {
            Some(directive) => Ok(ResponseEnvelope::directives(vec![directive]).ending_session()),
            None => Ok(ResponseEnvelope::tell(&speech::end_of_queue())),
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
            .update(&turn.listener, |state| {
                let Some(mut state) = state else {
                    return Decision::Keep(None);
                };
                let position = state.position;
                match jump(&mut state, position, 0) {
                    Some(directive) => Decision::Save(state, Some(directive)),
                    None => Decision::Keep(None),
                }
            })
            .await?;
        match directive {
            Some(directive) => Ok(ResponseEnvelope::directives(vec![directive]).ending_session()),
            None => Ok(ResponseEnvelope::ask(
                &speech::nothing_playing(),
                &speech::what_to_play(),
            )),
        }
    }

    pub(crate) async fn set_loop(
        &self,
        turn: &Turn<'_>,
        on: bool,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let directives = self
            .update(&turn.listener, |state| {
                let Some(mut state) = state else {
                    return Decision::Keep(None);
                };
                state.loop_on = on;
                let fix = requeue_next(&mut state);
                Decision::Save(state, Some(fix))
            })
            .await?;
        match directives {
            Some(directives) => {
                let mut response = ResponseEnvelope::tell(&speech::loop_set(on));
                response.response.directives = directives;
                Ok(response)
            }
            None => Ok(ResponseEnvelope::ask(
                &speech::nothing_playing(),
                &speech::what_to_play(),
            )),
        }
    }

    pub(crate) async fn set_shuffle(
        &self,
        turn: &Turn<'_>,
        on: bool,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let directives = self
            .update(&turn.listener, |state| {
                let Some(mut state) = state else {
                    return Decision::Keep(None);
                };
                if on {
                    // Shuffle what is still to come; what played stays behind.
                    let rest = state.position + 1;
                    if rest < state.order.len() {
                        state.order[rest..].shuffle(&mut rand::rng());
                    }
                } else {
                    // Back to catalog order, at the same track.
                    let current = state.order.get(state.position).copied().unwrap_or(0);
                    state.order = (0..state.tracks.len()).collect();
                    state.position = current;
                }
                state.shuffle_on = on;
                let fix = requeue_next(&mut state);
                Decision::Save(state, Some(fix))
            })
            .await?;
        match directives {
            Some(directives) => {
                let mut response = ResponseEnvelope::tell(&speech::shuffle_set(on));
                response.response.directives = directives;
                Ok(response)
            }
            None => Ok(ResponseEnvelope::ask(
                &speech::nothing_playing(),
                &speech::what_to_play(),
            )),
        }
    }

    pub(crate) async fn yes(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        let offer = turn
            .envelope
            .session
            .as_ref()
            .and_then(|s| s.attributes.as_ref())
            .and_then(|a| a.get(OFFER))
            .cloned();
        match offer
            .as_ref()
            .and_then(|o| o.get("kind"))
            .and_then(Value::as_str)
        {
            Some("resume") => self.resume(turn).await,
            Some("track") => {
                let id = offer
                    .as_ref()
                    .and_then(|o| o.get("id"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                match self
                    .catalog
                    .track(id)
                    .await
                    .map_err(HandlerError::Catalog)?
                {
                    Some(track) => {
                        self.play_music(turn, Some(&track.title), Some(&track.artist))
                            .await
                    }
                    None => Ok(ResponseEnvelope::ask(
                        &speech::what_to_play(),
                        &speech::what_to_play(),
                    )),
                }
            }
            _ => Ok(ResponseEnvelope::ask(
                &speech::what_to_play(),
                &speech::what_to_play(),
            )),
        }
    }

    pub(crate) async fn playback_started(
        &self,
        turn: &Turn<'_>,
        event: &PlaybackEvent,
    ) -> Result<Vec<Directive>, HandlerError> {
        let timestamp = &turn.envelope.request.timestamp;
        self.update(&turn.listener, |state| {
            let Some(mut state) = state else {
                return Decision::Keep(vec![]);
            };
            let Some(position) = own_position(&state, &event.token) else {
                return Decision::Keep(vec![]);
            };
            if is_late(&state, timestamp) {
                return Decision::Keep(vec![]);
            }
            let same = state.position == position && state.activity == Activity::Playing;
            if position != state.position {
                // The enqueued track took over.
                state.enqueued = None;
            }
            state.position = position;
            state.offset_ms = event.offset_in_milliseconds.max(0);
            state.activity = Activity::Playing;
            state.failures = 0;
            state.last_event_at = Some(timestamp.clone());
            state.updated_at = now_secs();
            if same {
                return Decision::Keep(vec![]);
            }
            Decision::Save(state, vec![])
        })
        .await
    }

    pub(crate) async fn playback_stopped(
        &self,
        turn: &Turn<'_>,
        event: &PlaybackEvent,
    ) -> Result<Vec<Directive>, HandlerError> {
        let timestamp = &turn.envelope.request.timestamp;
        self.update(&turn.listener, |state| {
            let Some(mut state) = state else {
                return Decision::Keep(vec![]);
            };
            let Some(position) = own_position(&state, &event.token) else {
                return Decision::Keep(vec![]);
            };
            if is_late(&state, timestamp) || position != state.position {
                return Decision::Keep(vec![]);
            }
            state.offset_ms = event.offset_in_milliseconds.max(0);
            state.activity = Activity::Stopped;
            state.last_event_at = Some(timestamp.clone());
            state.updated_at = now_secs();
            Decision::Save(state, vec![])
        })
        .await
    }

    pub(crate) async fn playback_finished(
        &self,
        turn: &Turn<'_>,
        event: &PlaybackEvent,
    ) -> Result<Vec<Directive>, HandlerError> {
        let timestamp = &turn.envelope.request.timestamp;
        self.update(&turn.listener, |state| {
            let Some(mut state) = state else {
                return Decision::Keep(vec![]);
            };
            let Some(position) = own_position(&state, &event.token) else {
                return Decision::Keep(vec![]);
            };
            if is_late(&state, timestamp) || position != state.position {
                return Decision::Keep(vec![]);
            }
            state.last_event_at = Some(timestamp.clone());
            state.updated_at = now_secs();
            match state.enqueued.as_deref().and_then(StreamToken::parse) {
                // The device moves on to the enqueued track by itself; its
                // PlaybackStarted will confirm.
                Some(next) => {
                    state.position = next.position;
                    state.offset_ms = 0;
                    state.activity = Activity::Requested;
                    state.enqueued = None;
                }
                None if next_position(&state, position).is_none() => {
                    state.activity = Activity::Finished;
                    state.offset_ms = 0;
                }
                // Nothing was enqueued (NearlyFinished was lost): keep the
                // position so resume or next continues from here.
                None => {
                    state.activity = Activity::Stopped;
                    state.offset_ms = 0;
                    if let Some(next) = next_position(&state, position) {
                        state.position = next;
                    }
                }
            }
            Decision::Save(state, vec![])
        })
        .await
    }

    pub(crate) async fn playback_nearly_finished(
        &self,
        turn: &Turn<'_>,
        event: &PlaybackEvent,
    ) -> Result<Vec<Directive>, HandlerError> {
        let timestamp = &turn.envelope.request.timestamp;
        self.update(&turn.listener, |state| {
            let Some(mut state) = state else {
                return Decision::Keep(vec![]);
            };
            let Some(position) = own_position(&state, &event.token) else {
                return Decision::Keep(vec![]);
            };
            if position != state.position || is_late(&state, timestamp) {
                return Decision::Keep(vec![]);
            }
            let Some(next) = next_position(&state, position) else {
                return Decision::Keep(vec![]);
            };
            let Some(item) = stream_item(&state, next, 0) else {
                return Decision::Keep(vec![]);
            };
            if state.enqueued.as_deref() == Some(item.token.as_str()) {
                // Already enqueued for this track: the same event twice enqueues once.
                return Decision::Keep(vec![]);
            }
            state.enqueued = Some(item.token.clone());
            state.last_event_at = Some(timestamp.clone());
            state.updated_at = now_secs();
            Decision::Save(state, vec![Directive::enqueue(item, event.token.clone())])
        })
        .await
    }

    pub(crate) async fn playback_failed(
        &self,
        turn: &Turn<'_>,
        event: &PlaybackFailedEvent,
    ) -> Result<Vec<Directive>, HandlerError> {
        let error = event.error.as_ref();
        warn!(
            listener = %turn.listener.log_id(),
            token = %event.token,
            error_type = error.map(|e| e.kind.as_str()).unwrap_or(""),
            error_message = error.map(|e| e.message.as_str()).unwrap_or(""),
            "stream failed to play"
        );
        let timestamp = &turn.envelope.request.timestamp;
        self.update(&turn.listener, |state| {
            let Some(mut state) = state else {
                return Decision::Keep(vec![]);
            };
            let Some(position) = own_position(&state, &event.token) else {
                return Decision::Keep(vec![]);
            };
            if is_late(&state, timestamp) {
                return Decision::Keep(vec![]);
            }
            state.last_event_at = Some(timestamp.clone());
            state.failures += 1;
            let next =
                next_position(&state, position).filter(|_| state.failures < state.order.len());
            match next.and_then(|next| jump(&mut state, next, 0)) {
                Some(directive) => Decision::Save(state, vec![directive]),
                None => {
                    // Nothing left that might play: stop cleanly.
                    state.position = position;
                    state.activity = Activity::Finished;
                    state.enqueued = None;
                    state.updated_at = now_secs();
                    Decision::Save(
                        state,
                        vec![Directive::ClearQueue {
                            clear_behavior: ClearBehavior::ClearAll,
                        }],
                    )
                }
            }
        })
        .await
    }

    pub(crate) async fn button_play(
        &self,
        turn: &Turn<'_>,
    ) -> Result<Vec<Directive>, HandlerError> {
        Ok(self
            .resume_directive(&turn.listener)
            .await?
            .into_iter()
            .collect())
    }

    pub(crate) async fn button_pause(
        &self,
        turn: &Turn<'_>,
    ) -> Result<Vec<Directive>, HandlerError> {
        self.save_player_offset(turn).await?;
        Ok(vec![Directive::Stop])
    }

    pub(crate) async fn button_skip(
        &self,
        turn: &Turn<'_>,
        skip: Skip,
    ) -> Result<Vec<Directive>, HandlerError> {
        Ok(self
            .skip_directive(&turn.listener, skip)
            .await?
            .into_iter()
            .collect())
    }
}

/// After the play order or loop changed: what is enqueued on the device may
/// no longer be next. Replace it with the new next track, or clear it.
fn requeue_next(state: &mut PlaybackState) -> Vec<Directive> {
    if state.enqueued.is_none() {
        return vec![];
    }
    match next_position(state, state.position).and_then(|next| stream_item(state, next, 0)) {
        Some(item) if state.enqueued.as_deref() == Some(item.token.as_str()) => vec![],
        Some(item) => {
            state.enqueued = Some(item.token.clone());
            vec![Directive::replace_enqueued(item)]
        }
        None => {
            state.enqueued = None;
            vec![Directive::ClearQueue {
                clear_behavior: ClearBehavior::ClearEnqueued,
            }]
        }
    }
}
