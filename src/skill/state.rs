//! The listener's playback state as the handlers change it: every change is
//! one read and one conditional write ([`Skill::update`]); a conflicting
//! write is retried on fresh state, so events racing for one listener never
//! lose an update. Also the moves that spoken intents and the remote's
//! buttons share (resume, skip, remember where the player stopped), and how
//! a [`Cue`] of the queue becomes an `AudioPlayer.Play` directive. What
//! each move does to the queue, and how much of it to read ahead, the queue
//! decides ([`crate::playback::queue`]); this file reads and writes.

use crate::alexa::ssml::{shorten, MAX_SPOKEN_TEXT};
use tracing::info;

use super::{HandlerError, Skill};
use crate::alexa::{AudioMetadata, ClearBehavior, Directive, ImageSources, StreamItem};
use crate::matching;
use crate::playback::{
    now_micros, token, Activity, Cue, DeviceReport, ListenerKey, PlaybackState, QueuedTrack,
    Requeue, SaveError, StreamToken, Versioned,
};
// The handlers name these with the state moves they pass them to.
pub(crate) use crate::playback::queue::{Ahead, Skip};

/// A stream token a request brings: a player event's own, or the one the
/// device reports with a spoken request. The token of a first ask's first
/// stream names the track found, and rebuilds the queue the ask started
/// ([`PlaybackState::asked`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Told<'a> {
    pub token: Option<&'a str>,
    /// Read that track beside the state rather than after it, when the token
    /// opens a first ask's queue ([`token::opens_ask_queue`]): for the
    /// device's first word about a stream (it started, or failed to), which
    /// finds that queue not stored yet, so rebuilding it costs no round
    /// trip of its own. Later requests find it stored, and read nothing
    /// more.
    pub at_once: bool,
}

impl<'a> Told<'a> {
    fn device(device: Option<&'a DeviceReport>) -> Self {
        Told {
            token: device.map(|report| report.token.as_str()),
            at_once: false,
        }
    }
}

/// The listener's state as read, with the version a conditional save
/// expects (`None`: nothing stored yet).
struct Loaded {
    state: Option<PlaybackState>,
    version: Option<u64>,
}

/// Why next or previous has nowhere to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoSkip {
    /// The listener has no queue to act on.
    NoQueue,
    /// A live station plays: it has no next or previous track.
    Live,
}

/// Attempts of a read-modify-write before giving up under contention.
const MAX_ATTEMPTS: usize = 8;

/// What a state change decided: save the new state or leave it, and the result.
pub(crate) enum Decision<R> {
    Save(Box<PlaybackState>, R),
    Keep(R),
}

/// The stream a cue names, with the metadata screens show.
pub(crate) fn stream_item(cue: Cue) -> StreamItem {
    StreamItem {
        metadata: Some(metadata(&cue.track)),
        url: cue.track.url,
        token: cue.token,
        offset_ms: cue.offset_ms,
    }
}

fn metadata(track: &QueuedTrack) -> AudioMetadata {
    AudioMetadata {
        title: shorten(&track.title, MAX_SPOKEN_TEXT),
        subtitle: shorten(&track.artist, MAX_SPOKEN_TEXT),
        art: track.image_url.as_deref().map(ImageSources::single),
        background_image: track.image_url.as_deref().map(ImageSources::single),
    }
}

/// Plays a cue now, replacing what plays.
pub(crate) fn play_now(cue: Cue) -> Directive {
    Directive::play_now(stream_item(cue))
}

/// The directives that bring the device's enqueued track in line.
pub(crate) fn requeue_directives(requeue: Requeue) -> Vec<Directive> {
    match requeue {
        Requeue::Unchanged => vec![],
        Requeue::Enqueue { cue, after } => vec![Directive::enqueue(stream_item(cue), after)],
        Requeue::Replace(cue) => vec![Directive::replace_enqueued(stream_item(cue))],
        Requeue::Clear => vec![Directive::ClearQueue {
            clear_behavior: ClearBehavior::ClearEnqueued,
        }],
    }
}

impl Skill {
    /// Reads the listener's state, lets `change` decide, and writes it back
    /// conditionally; on a conflicting write, starts again from a fresh read.
    /// First, brings the state in line with what the device reports
    /// (`device`: spoken requests and buttons carry it, the player's own
    /// events say it themselves), then reads as much of the queue's unread
    /// rest as `ahead` says the change needs.
    pub(crate) async fn update<R>(
        &self,
        listener: &ListenerKey,
        ahead: Ahead,
        device: Option<&DeviceReport>,
        change: impl FnMut(Option<PlaybackState>) -> Decision<R>,
    ) -> Result<R, HandlerError> {
        self.update_told(listener, ahead, device, Told::device(device), change)
            .await
    }

    /// [`Skill::update`], with the stream token the request brings (`told`)
    /// when it is not the device's report.
    pub(crate) async fn update_told<R>(
        &self,
        listener: &ListenerKey,
        ahead: Ahead,
        device: Option<&DeviceReport>,
        told: Told<'_>,
        mut change: impl FnMut(Option<PlaybackState>) -> Decision<R>,
    ) -> Result<R, HandlerError> {
        for attempt in 1..=MAX_ATTEMPTS {
            let Loaded { mut state, version } = self.load_answered(listener, told).await?;
            if let Some(state) = state.as_mut() {
                if let Some(report) = device {
                    state.align_with_device(report);
                }
                // A continuation follows only the stream that may need one:
                // a late, replayed or foreign event reads no catalog for it.
                let ahead = match (ahead, told.token) {
                    (Ahead::Continue, Some(token)) if !state.may_continue_after(token) => {
                        Ahead::Next
                    }
                    _ => ahead,
                };
                self.read_ahead(state, ahead).await?;
            }
            match change(state) {
                Decision::Keep(result) => return Ok(result),
                Decision::Save(state, result) => {
                    match self.playback.save(listener, &state, version).await {
                        Ok(_) => return Ok(result),
                        Err(SaveError::Conflict) => {
                            info!(attempt, listener = %listener.log_id(), "playback state changed concurrently, retrying");
                        }
                        Err(err) => return Err(err.into()),
                    }
                }
            }
        }
        Err(HandlerError::Contended)
    }

    /// [`Skill::update`] for changes to an existing queue: `change` edits the
    /// state and says what came of it (`None`: nothing to change, nothing
    /// saved). No stored state at all also gives `None`.
    pub(crate) async fn update_queue<R>(
        &self,
        listener: &ListenerKey,
        ahead: Ahead,
        device: Option<&DeviceReport>,
        change: impl FnMut(&mut PlaybackState) -> Option<R>,
    ) -> Result<Option<R>, HandlerError> {
        self.update_queue_told(listener, ahead, device, Told::device(device), change)
            .await
    }

    /// [`Skill::update_queue`], with the stream token the request brings.
    pub(crate) async fn update_queue_told<R>(
        &self,
        listener: &ListenerKey,
        ahead: Ahead,
        device: Option<&DeviceReport>,
        told: Told<'_>,
        mut change: impl FnMut(&mut PlaybackState) -> Option<R>,
    ) -> Result<Option<R>, HandlerError> {
        self.update_told(listener, ahead, device, told, |state| {
            let Some(mut state) = state else {
                return Decision::Keep(None);
            };
            match change(&mut state) {
                Some(result) => Decision::Save(Box::new(state), Some(result)),
                None => Decision::Keep(None),
            }
        })
        .await
    }

    /// Reads the listener's state, with the queue a first ask started when
    /// `told` brings its first stream's token. A first ask stores nothing
    /// ([`PlaybackState::asked`]): that token names the track the search
    /// found, whose own record says what follows it
    /// ([`matching::rest_after`]), so one `GetItem` of the catalog rebuilds
    /// the queue exactly as the search left it, in place of the stored one
    /// when the ask is newer ([`PlaybackState::opened_by`]); the change the
    /// request makes then stores it, on condition that the stored queue is
    /// still the one read. Older ask queues were stored awaiting their
    /// track, and are filled in the same way. A token whose track is no
    /// longer in the catalog leaves the stored queue as it is.
    async fn load_answered(
        &self,
        listener: &ListenerKey,
        told: Told<'_>,
    ) -> Result<Loaded, HandlerError> {
        let opening = told
            .token
            .and_then(StreamToken::parse)
            .filter(token::opens_ask_queue);
        let early = opening
            .as_ref()
            .filter(|_| told.at_once)
            .map(|token| token.track_id.clone());
        let (loaded, mut early) = match early {
            Some(id) => {
                let (loaded, track) =
                    futures::join!(self.playback.load(listener), self.catalog.track(&id));
                (loaded, Some(track))
            }
            None => (self.playback.load(listener).await, None),
        };
        let loaded = loaded.map_err(HandlerError::Playback)?;
        let (stored, version) = match loaded {
            Some(Versioned { state, version }) => (Some(state), Some(version)),
            None => (None, None),
        };
        let Some(opening) = opening else {
            return Ok(Loaded {
                state: stored,
                version,
            });
        };
        let waiting = match stored {
            Some(state) if state.awaiting_answer && state.queue_id == opening.queue_id => Ok(state),
            stored => match PlaybackState::opened_by(
                stored.as_ref(),
                &opening,
                &listener.ask_tag(),
                now_micros(),
            ) {
                Some(opened) => Err((opened, stored)),
                None => {
                    return Ok(Loaded {
                        state: stored,
                        version,
                    })
                }
            },
        };
        let track = match early.take() {
            Some(track) => track,
            None => self.catalog.track(&opening.track_id).await,
        }
        .map_err(HandlerError::Catalog)?
        .filter(|track| track.id == opening.track_id);
        let answer = |state: &mut PlaybackState, track: &crate::catalog::Track| {
            state.answer(vec![QueuedTrack::from(track)], matching::rest_after(track));
        };
        let state = match (waiting, track) {
            (Ok(mut stored), Some(track)) => {
                answer(&mut stored, &track);
                stored
            }
            (Ok(stored), None) | (Err((_, Some(stored))), None) => stored,
            (Err((_, None)), None) => {
                return Ok(Loaded {
                    state: None,
                    version,
                })
            }
            (Err((mut opened, old)), Some(track)) => {
                answer(&mut opened, &track);
                if old.is_some_and(|old| old.shuffle_on) {
                    // Shuffle carries over to the new queue, as it does to
                    // one a request writes at once: it orders all of it.
                    self.read_ahead(&mut opened, Ahead::Whole).await?;
                    let _ = opened.set_shuffle(true, &mut rand::rng());
                }
                info!(listener = %listener.log_id(), "a first ask's queue rebuilt from its first stream's token");
                opened
            }
        };
        Ok(Loaded {
            state: Some(state),
            version,
        })
    }

    /// Reads the queue's unread rest into it, as far as `ahead` needs
    /// (the queue decides how much: [`PlaybackState::next_read`]).
    pub(crate) async fn read_ahead(
        &self,
        state: &mut PlaybackState,
        ahead: Ahead,
    ) -> Result<(), HandlerError> {
        let plan = state.start_read_ahead(ahead);
        while let Some((rest, batch)) = state.next_read(plan) {
            let tracks = rest
                .read_more(self.catalog.as_ref(), batch)
                .await
                .map_err(HandlerError::Catalog)?;
            // A rest read through stays (all read): with loop on, a queue
            // too long to wrap in place reads its next lap from it.
            state.append(tracks.iter().map(QueuedTrack::from));
            if !plan.reads_on() {
                break;
            }
        }
        if ahead == Ahead::Continue {
            self.continue_similar(state).await?;
        }
        Ok(())
    }

    /// The listener's state as it is now: as stored, in line with what the
    /// device reports (nothing is written).
    pub(crate) async fn load_state(
        &self,
        listener: &ListenerKey,
        device: Option<&DeviceReport>,
    ) -> Result<Option<PlaybackState>, HandlerError> {
        let mut state = self
            .load_answered(listener, Told::device(device))
            .await?
            .state;
        if let (Some(state), Some(report)) = (state.as_mut(), device) {
            state.align_with_device(report);
        }
        Ok(state)
    }

    /// Plays the current track from where it stopped: the track and offset
    /// the device reports (`device`, from `context.AudioPlayer`) when it
    /// names a stream of this queue, since the events that would have told
    /// us can be lost; else the stored ones.
    pub(crate) async fn resume_directive(
        &self,
        listener: &ListenerKey,
        device: Option<&DeviceReport>,
    ) -> Result<Option<Directive>, HandlerError> {
        self.update_queue(listener, Ahead::Nothing, device, |state| {
            if state.activity == Activity::Finished {
                return None;
            }
            let (position, offset) = (state.position, state.resume_offset());
            state.jump(position, offset).map(play_now)
        })
        .await
    }

    /// Next or previous: plays the neighbour from its start. One read and
    /// one write; `Err(NoSkip::NoQueue)` when the listener has no queue at
    /// all, `Err(NoSkip::Live)` (nothing written) when a station plays.
    pub(crate) async fn skip_directive(
        &self,
        listener: &ListenerKey,
        skip: Skip,
        device: Option<&DeviceReport>,
    ) -> Result<Result<Option<Directive>, NoSkip>, HandlerError> {
        self.update(listener, skip.ahead(), device, |state| {
            let Some(mut state) = state else {
                return Decision::Keep(Err(NoSkip::NoQueue));
            };
            if state.is_live() {
                return Decision::Keep(Err(NoSkip::Live));
            }
            let target = state.skip_target(skip);
            match target.and_then(|target| state.jump(target, 0)) {
                Some(cue) => {
                    state.consecutive_failures = 0;
                    Decision::Save(Box::new(state), Ok(Some(play_now(cue))))
                }
                None => Decision::Keep(Ok(None)),
            }
        })
        .await
    }
}
