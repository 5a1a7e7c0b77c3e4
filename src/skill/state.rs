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
    token, Activity, Cue, DeviceReport, ListenerKey, PlaybackState, QueuedTrack, Requeue,
    SaveError, StreamToken, Versioned,
};
// The handlers name these with the state moves they pass them to.
pub(crate) use crate::playback::queue::{Ahead, Skip};

/// A stream token a request brings: a player event's own, or the one the
/// device reports with a spoken request. A token of the first stream of a
/// queue still awaiting its search's answer names the track found, and
/// fills the queue in ([`PlaybackState::awaiting_answer`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Told<'a> {
    pub token: Option<&'a str>,
    /// Read that track beside the state rather than after it, when the token
    /// says its queue may await one ([`token::opens_ask_queue`]): for the
    /// device's first word about a stream (it started, or failed to), which
    /// finds the queue still waiting, so the answer costs no round trip of
    /// its own. Later requests find it answered, and read nothing more.
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
            let mut current = self.load_answered(listener, told).await?;
            if let Some(current) = current.as_mut() {
                if let Some(report) = device {
                    current.state.align_with_device(report);
                }
                self.read_ahead(&mut current.state, ahead).await?;
            }
            let version = current.as_ref().map(|v| v.version);
            match change(current.map(|v| v.state)) {
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

    /// Reads the listener's state. A queue written before its search
    /// answered ([`PlaybackState::awaiting_answer`]) is filled in when
    /// `told` names its first stream: that stream plays the track the search
    /// found, whose own record says what follows it
    /// ([`matching::rest_after`]), so one `GetItem` of the catalog answers
    /// it exactly as the search did. Without such a token it stays a queue
    /// of nothing (a search that found nothing to play, or a state read
    /// before its answer went out).
    async fn load_answered(
        &self,
        listener: &ListenerKey,
        told: Told<'_>,
    ) -> Result<Option<Versioned>, HandlerError> {
        let early = told
            .token
            .filter(|_| told.at_once)
            .and_then(StreamToken::parse)
            .filter(token::opens_ask_queue)
            .map(|token| token.track_id);
        let (loaded, mut early) = match early {
            Some(id) => {
                let (loaded, track) =
                    futures::join!(self.playback.load(listener), self.catalog.track(&id));
                (loaded, Some(track))
            }
            None => (self.playback.load(listener).await, None),
        };
        let mut loaded = loaded.map_err(HandlerError::Playback)?;
        let Some(current) = loaded.as_mut().filter(|v| v.state.awaiting_answer) else {
            return Ok(loaded);
        };
        let Some(id) = told
            .token
            .and_then(|token| current.state.first_stream_track(token))
        else {
            return Ok(loaded);
        };
        let track = match early.take() {
            Some(track) => track,
            None => self.catalog.track(&id).await,
        }
        .map_err(HandlerError::Catalog)?;
        if let Some(track) = track.filter(|track| track.id == id) {
            let rest = matching::rest_after(&track);
            current.state.answer(vec![QueuedTrack::from(&track)], rest);
        }
        Ok(loaded)
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
            .map(|v| v.state);
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
