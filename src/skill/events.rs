//! AudioPlayer events: the device reports what it did (started, stopped,
//! finished, nearly finished, failed). Each answer is directives only, and
//! an event changes nothing unless it is about the listener's current queue
//! and newer than the last one applied: late, replayed and foreign events
//! are ignored. Those checks live once, in [`Skill::on_player_event`]; what
//! each event does is a plain function over the state, below it.

use tracing::warn;

use super::state::{play_now, stream_item, Ahead};
use super::{HandlerError, Skill, Turn};
use crate::alexa::{ClearBehavior, Directive, PlaybackEvent, PlaybackFailedEvent};
use crate::playback::{now_secs, stamp, Activity, PlaybackState, StreamToken};

/// Which tokens of the queue an event may be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applies {
    /// Only the current track (stopped, finished, nearly finished): an event
    /// about another stream is stale, except one about the enqueued stream,
    /// which tells that the device moved on to it (its PlaybackStarted was
    /// lost, or arrived after this event).
    ToCurrentTrack,
    /// Any track of the queue (started: the enqueued track took over;
    /// failed: the enqueued track may fail while another plays).
    ToAnyTrack,
}

impl Skill {
    /// Applies `change` to the listener's state when the event with `token`
    /// is theirs, on time and about a track it `applies` to. `change` gets
    /// the state and the event's token, and returns the directives to send,
    /// or `None` when the event changes nothing (then nothing is written).
    pub(crate) async fn on_player_event(
        &self,
        turn: &Turn<'_>,
        token: &str,
        applies: Applies,
        ahead: Ahead,
        mut change: impl FnMut(&mut PlaybackState, &StreamToken) -> Option<Vec<Directive>>,
    ) -> Result<Vec<Directive>, HandlerError> {
        if StreamToken::parse(token).is_none() {
            // Another skill's stream, or no token at all: no state of ours
            // can match it, so nothing is read.
            return Ok(Vec::new());
        }
        let now_ms = self.config().clock.now_ms();
        let time = stamp::event_time(&turn.envelope.request.timestamp, now_ms);
        if let Some(problem) = time.problem {
            warn!(
                listener = %turn.listener.log_id(),
                timestamp = ?turn.envelope.request.timestamp,
                ?problem,
                "player event timestamp not believed: ordered as now"
            );
        }
        let directives = self
            .update_queue(&turn.listener, ahead, |state| {
                let token = state.own_token(token)?;
                if state.is_late(time.at_ms, now_ms) {
                    return None;
                }
                if applies == Applies::ToCurrentTrack && !state.is_current(&token) {
                    if !state.is_enqueued(&token) {
                        return None;
                    }
                    state.take_over(&token);
                    state.activity = Activity::Playing;
                }
                let directives = change(state, &token)?;
                state.record_event(time.at_ms);
                state.updated_at = now_secs();
                Some(directives)
            })
            .await?;
        Ok(directives.unwrap_or_default())
    }
}

/// PlaybackStarted: the device plays `token` (the enqueued track, when it
/// is not the current one).
pub(crate) fn started(
    state: &mut PlaybackState,
    token: &StreamToken,
    event: &PlaybackEvent,
) -> Option<Vec<Directive>> {
    if state.is_current(token) && state.activity == Activity::Playing {
        // Already known to be playing: a replayed event.
        return None;
    }
    state.take_over(token);
    state.offset_ms = event.offset_in_milliseconds.max(0);
    state.activity = Activity::Playing;
    state.failures = 0;
    Some(vec![])
}

/// PlaybackStopped: remember where, for resume.
pub(crate) fn stopped(state: &mut PlaybackState, event: &PlaybackEvent) -> Option<Vec<Directive>> {
    state.offset_ms = event.offset_in_milliseconds.max(0);
    state.activity = Activity::Stopped;
    Some(vec![])
}

/// PlaybackFinished: on to the enqueued track, or the end of the queue.
pub(crate) fn finished(state: &mut PlaybackState, token: &StreamToken) -> Option<Vec<Directive>> {
    state.offset_ms = 0;
    match state.enqueued.as_deref().and_then(StreamToken::parse) {
        // The device moves on to the enqueued track by itself; its
        // PlaybackStarted will confirm.
        Some(next) => {
            state.take_over(&next);
            state.activity = Activity::Requested;
        }
        None => match state.next_position(token.position) {
            None => state.activity = Activity::Finished,
            // Nothing was enqueued (NearlyFinished was lost): keep the next
            // position so resume or next continues there.
            Some(next) => {
                state.activity = Activity::Stopped;
                state.position = next;
                // Not sent yet: resume or next sends it with a new play number.
                state.play = 0;
            }
        },
    }
    Some(vec![])
}

/// PlaybackNearlyFinished: enqueue the next track, once.
pub(crate) fn nearly_finished(
    state: &mut PlaybackState,
    token: &StreamToken,
    event: &PlaybackEvent,
) -> Option<Vec<Directive>> {
    if state.enqueued_follows(token.position) {
        // Already enqueued for this track: the same event twice enqueues once.
        return None;
    }
    let cue = state.enqueue_after(token.position)?;
    Some(vec![Directive::enqueue(
        stream_item(cue),
        event.token.clone(),
    )])
}

/// PlaybackFailed: skip to the next track, until every track failed once.
/// When what failed is the enqueued track while the current one still plays
/// (`playing`, from `currentPlaybackState`, names the current track), only
/// the enqueued item is replaced: the music the listener hears goes on.
pub(crate) fn failed(
    state: &mut PlaybackState,
    token: &StreamToken,
    playing: Option<&str>,
) -> Option<Vec<Directive>> {
    state.failures += 1;
    let position = token.position;
    let current_plays = playing
        .and_then(|playing| state.own_token(playing))
        .is_some_and(|playing| state.is_current(&playing));
    if !state.is_current(token) && current_plays {
        let next = if state.failures < state.order.len() {
            state.enqueue_after(position)
        } else {
            None
        };
        return Some(match next {
            Some(cue) => vec![Directive::replace_enqueued(stream_item(cue))],
            None => {
                state.enqueued = None;
                vec![Directive::ClearQueue {
                    clear_behavior: ClearBehavior::ClearEnqueued,
                }]
            }
        });
    }
    let next = state
        .next_position(position)
        .filter(|_| state.failures < state.order.len());
    if let Some(cue) = next.and_then(|next| state.jump(next, 0)) {
        return Some(vec![play_now(cue)]);
    }
    // Nothing left that might play: stop cleanly.
    state.position = position;
    state.activity = Activity::Finished;
    state.enqueued = None;
    Some(vec![Directive::ClearQueue {
        clear_behavior: ClearBehavior::ClearAll,
    }])
}

/// The developer's line about a stream that failed (the listener hears nothing).
pub(crate) fn log_failure(turn: &Turn<'_>, event: &PlaybackFailedEvent) {
    let error = event.error.as_ref();
    warn!(
        listener = %turn.listener.log_id(),
        token = ?event.token,
        error_type = ?error.map(|e| e.kind.as_str()).unwrap_or(""),
        error_message = ?error.map(|e| e.message.as_str()).unwrap_or(""),
        "stream failed to play"
    );
}
