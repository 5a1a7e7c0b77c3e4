//! Editing the queue by voice: "add Hey Jude to the queue", "play Hey Jude
//! next", "add the album Abbey Road to the queue", "clear the queue" and
//! "what's next?". What each edit does to the queue (where added tracks go
//! with shuffle on or an unread rest, what clear keeps, [`MAX_QUEUE`]) is
//! the queue's: [`crate::playback::queue::edit`].
//!
//! Each request costs what a play request does, whatever the catalog's
//! size: one bounded catalog search (the same one "play" runs), then one
//! read-modify-write of the listener's state. When the track after the
//! current one changes, the answer brings the device's enqueued stream in
//! line (REPLACE_ENQUEUED, or ENQUEUE after the current stream), as loop and
//! shuffle do ([`requeue_directives`]).
//!
//! With nothing playing (no queue, or one that ran out), an add starts the
//! music with what was asked for, as "play" would: there is nothing to add
//! it after.

use tracing::info;

use super::transport::nothing_playing;
use crate::alexa::ssml::Speech;
use crate::alexa::{ClearBehavior, Directive, ResponseEnvelope};
use crate::catalog::Track;
use crate::insights::Asked;
use crate::matching::{self, Found, SpokenQuery};
use crate::playback::queue::{Added, Rest, MAX_QUEUE};
use crate::playback::{Activity, PlaybackState, QueuedTrack};
use crate::skill::state::{requeue_directives, Ahead, Decision};
use crate::skill::{HandlerError, Skill, Turn};

/// Where an edit puts what was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit {
    /// After everything the queue holds ("add X to the queue").
    AtTheEnd,
    /// Right after the current track ("play X next"): one track.
    Next,
}

/// What a search found to add, and how to say it.
struct ToAdd {
    tracks: Vec<Track>,
    /// What follows when the add starts a new queue instead (a song's
    /// artist's other tracks, as "play" does).
    rest: Option<Rest>,
    /// Said once added.
    added: Speech,
    /// Said when the add starts the music (nothing was playing).
    playing: Speech,
}

/// Whether the state has a current track that plays, was just sent, or is
/// paused: a queue to edit.
fn editable(state: &PlaybackState) -> bool {
    state.activity != Activity::Finished && state.current_track().is_some()
}

impl Skill {
    /// "Add X [by Y] to the queue" and "play X [by Y] next": the same
    /// search as "play X [by Y]".
    pub(crate) async fn add_song_to_queue(
        &self,
        turn: &Turn<'_>,
        song: Option<&str>,
        artist: Option<&str>,
        edit: Edit,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let query = SpokenQuery::new(song, artist).in_language(turn.language());
        if query.is_empty() {
            return Ok(super::ask_what_to_play(turn));
        }
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let plan = matching::fallback_order(&query);
        let found = matching::find_first(self.catalog.as_ref(), &plan, rand::random())
            .await
            .map_err(HandlerError::Catalog)?;
        let phrases = turn.phrases;
        let mut to_add = match found {
            Found::Track { track, rest } => ToAdd {
                added: match edit {
                    Edit::AtTheEnd => phrases.queue_added(&track.title, &track.artist),
                    Edit::Next => phrases.queue_next(&track.title, &track.artist),
                },
                playing: phrases.playing(&track.title, &track.artist),
                tracks: vec![track],
                rest,
            },
            Found::Artist { artist, tracks } if !tracks.is_empty() => ToAdd {
                added: match edit {
                    Edit::AtTheEnd => phrases.queue_added_artist(&artist),
                    Edit::Next => phrases.queue_next(&tracks[0].title, &tracks[0].artist),
                },
                playing: phrases.playing_artist(&artist),
                tracks,
                rest: None,
            },
            Found::Album {
                album,
                artist,
                tracks,
            } if !tracks.is_empty() => ToAdd {
                added: match edit {
                    Edit::AtTheEnd => phrases.queue_added_album(&album, &artist),
                    Edit::Next => phrases.queue_next(&tracks[0].title, &tracks[0].artist),
                },
                playing: phrases.playing_album(&album, &artist),
                tracks,
                rest: None,
            },
            _ => {
                let asked = if query.song.is_none() {
                    Asked::Artist
                } else {
                    Asked::Song
                };
                info!(song = ?query.song.as_deref().unwrap_or(""), artist = ?query.artist.as_deref().unwrap_or(""), "nothing in the catalog matched what to add");
                return Ok(super::play::not_found(
                    turn,
                    asked,
                    query.song.as_deref(),
                    query.artist.as_deref(),
                ));
            }
        };
        if edit == Edit::Next {
            // "Play the Beatles next": one of theirs comes next, not all.
            to_add.tracks.truncate(1);
        }
        self.add_found(turn, to_add, edit).await
    }

    /// "Add the album X [by Y] to the queue": the same search as "play the
    /// album X".
    pub(crate) async fn add_album_to_queue(
        &self,
        turn: &Turn<'_>,
        album: Option<&str>,
        artist: Option<&str>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let Some(album) = album.map(str::trim).filter(|a| !a.is_empty()) else {
            return Ok(super::ask_what_to_play(turn));
        };
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
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
                let to_add = ToAdd {
                    added: turn.phrases.queue_added_album(&album, &artist),
                    playing: turn.phrases.playing_album(&album, &artist),
                    tracks,
                    rest: None,
                };
                self.add_found(turn, to_add, Edit::AtTheEnd).await
            }
            _ => {
                info!(album = ?album, artist = ?artist.unwrap_or(""), "no album in the catalog matched what to add");
                Ok(super::play::not_found(
                    turn,
                    Asked::Album,
                    Some(album),
                    artist,
                ))
            }
        }
    }

    /// Adds what was found to the listener's queue in one read-modify-write
    /// (nothing is written when the queue is full), or starts a new queue
    /// with it when nothing plays.
    async fn add_found(
        &self,
        turn: &Turn<'_>,
        to_add: ToAdd,
        edit: Edit,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let queued: Vec<QueuedTrack> = to_add
            .tracks
            .iter()
            .take(MAX_QUEUE)
            .map(QueuedTrack::from)
            .collect();
        let device = turn.device_report();
        let edited = self
            .update(&turn.listener, Ahead::Nothing, device.as_ref(), |state| {
                let Some(mut state) = state.filter(editable) else {
                    return Decision::Keep(None);
                };
                let added = match edit {
                    Edit::AtTheEnd => state.add_to_end(queued.clone()),
                    Edit::Next => state.play_next(queued.clone()),
                };
                if added == Added::Full {
                    return Decision::Keep(Some((added, Vec::new())));
                }
                let fix = requeue_directives(state.requeue_next());
                Decision::Save(Box::new(state), Some((added, fix)))
            })
            .await?;
        let Some((added, fix)) = edited else {
            return self
                .start_queue(turn, &to_add.tracks, to_add.rest, &to_add.playing)
                .await;
        };
        let said = match added {
            Added::All => to_add.added,
            Added::Some(_) => turn.phrases.queue_added_some(),
            Added::Full => turn.phrases.queue_full(),
        };
        Ok(ResponseEnvelope::tell(&said).with_directives(fix))
    }

    /// "Clear the queue": the current track plays out and nothing follows;
    /// whatever the device has enqueued is cleared and the stream playing
    /// now plays on (ClearQueue with `clearBehavior` CLEAR_ENQUEUED, unlike
    /// CLEAR_ALL, which also stops it: AudioPlayer interface reference,
    /// ClearQueue directive,
    /// https://developer.amazon.com/docs/custom-skills/audioplayer-interface-reference.html#clearqueue).
    /// Sent even when the state knows of nothing enqueued: a stream of the
    /// first token format may have been.
    pub(crate) async fn clear_queue(
        &self,
        turn: &Turn<'_>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let cleared = self
            .update_queue(
                &turn.listener,
                Ahead::Nothing,
                turn.device_report().as_ref(),
                |state| {
                    if !editable(state) {
                        return None;
                    }
                    state.clear_after_current();
                    state.enqueued_token = None;
                    Some(())
                },
            )
            .await?;
        Ok(match cleared {
            Some(()) => {
                ResponseEnvelope::tell(&turn.phrases.queue_cleared()).with_directives(vec![
                    Directive::ClearQueue {
                        clear_behavior: ClearBehavior::ClearEnqueued,
                    },
                ])
            }
            None => nothing_playing(turn),
        })
    }

    /// "What's next?": the track after the current one, as the device's
    /// own report places the listener. Nothing is written: a next track
    /// still unread is read (one bounded read) and left for the queue to
    /// read again when it gets there.
    pub(crate) async fn whats_next(
        &self,
        turn: &Turn<'_>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let device = turn.device_report();
        let state = self.load_state(&turn.listener, device.as_ref()).await?;
        let Some(mut state) = state.filter(editable) else {
            return Ok(nothing_playing(turn));
        };
        if let Some(report) = &device {
            if state.own_token(&report.token).is_none() {
                return Ok(nothing_playing(turn));
            }
        }
        if state.next_track().is_none() && !state.is_whole() {
            self.read_ahead(&mut state, Ahead::Next).await?;
        }
        Ok(ResponseEnvelope::tell(&match state.next_track() {
            Some(next) => turn.phrases.next_up(&next.title, &next.artist),
            None => turn.phrases.nothing_next(),
        }))
    }
}
