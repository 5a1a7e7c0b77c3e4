//! AudioPlayer events: the device reports what it did (started, stopped,
//! finished, nearly finished, failed). Each answer is directives only, and
//! an event changes nothing unless it is about a live stream of the
//! listener's current queue (not one a REPLACE_ALL since replaced) and not
//! older than the last one applied: late, replayed, superseded and foreign
//! events are ignored. Those checks live once, in
//! [`Skill::on_player_event`]; what each event does is a plain function
//! over the state, below it.

use tracing::warn;

use super::state::{play_now, stream_item, Ahead, Told};
use super::{HandlerError, Skill, Turn};
use crate::alexa::{
    ClearBehavior, CurrentPlaybackState, Directive, PlaybackEvent, PlaybackFailedEvent,
    PlayerActivity,
};
use crate::playback::{now_secs, stamp, Activity, PlaybackState, StreamToken};

/// Which tokens of the queue an event may be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applies {
    /// Only the current track (stopped, finished, nearly finished): an event
    /// about another stream is stale, except one about the enqueued stream,
    /// which tells that the device moved on to it (its PlaybackStarted was
    /// lost, or arrived after this event).
    ToCurrentTrack,
    /// Any live stream of the queue (started: the enqueued track took over;
    /// failed: the enqueued track may fail while another plays). Streams a
    /// REPLACE_ALL replaced are never live ([`PlaybackState::own_token`]).
    ToAnyTrack,
}

/// What a player event came to.
#[derive(Debug, Default)]
pub(crate) struct Handled {
    /// The answer's directives.
    pub directives: Vec<Directive>,
    /// Whether the event changed the listener's state; `false` when it was
    /// not theirs, late, about a replaced stream, or told nothing new.
    pub applied: bool,
}

impl Skill {
    /// Applies `change` to the listener's state when the event with `token`
    /// is theirs, on time and about a track it `applies` to. `change` gets
    /// the state and the event's token, and returns the directives to send,
    /// or `None` when the event changes nothing (then nothing is written,
    /// and the event counts as not applied).
    pub(crate) async fn on_player_event(
        &self,
        turn: &Turn<'_>,
        token: &str,
        applies: Applies,
        ahead: Ahead,
        mut change: impl FnMut(&mut PlaybackState, &StreamToken) -> Option<Vec<Directive>>,
    ) -> Result<Handled, HandlerError> {
        if StreamToken::parse(token).is_none() {
            // Another skill's stream, or no token at all: no state of ours
            // can match it, so nothing is read.
            return Ok(Handled::default());
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
        // An event about any stream is the device's first word on one (it
        // started, or failed to): the one that may bring the token of a
        // song ask whose queue is not stored yet.
        let told = Told {
            token: Some(token),
            at_once: applies == Applies::ToAnyTrack,
        };
        let directives = self
            .update_queue_told(&turn.listener, ahead, None, told, |state| {
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
        Ok(Handled {
            applied: directives.is_some(),
            directives: directives.unwrap_or_default(),
        })
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
    if state.is_current(token) && state.activity == Activity::Finished {
        // The queue ran out with this stream: a PlaybackStarted about it now
        // is a replay (in the same second as its PlaybackFinished, so not
        // late). Whatever plays after the end is a new stream, with a new
        // play number, so this one cannot really start again.
        return None;
    }
    state.take_over(token);
    state.offset_ms = event.offset_in_milliseconds.max(0);
    state.activity = Activity::Playing;
    state.consecutive_failures = 0;
    Some(vec![])
}

/// PlaybackStopped: remember where, for resume.
pub(crate) fn stopped(state: &mut PlaybackState, event: &PlaybackEvent) -> Option<Vec<Directive>> {
    if state.activity == Activity::Finished {
        // The queue ran out: a PlaybackStopped about its last stream (sent
        // in the same second as its PlaybackFinished) must not turn it into
        // something launch offers to resume.
        return None;
    }
    state.offset_ms = event.offset_in_milliseconds.max(0);
    state.activity = Activity::Stopped;
    Some(vec![])
}

/// PlaybackFinished: on to the enqueued track, or the end of the queue.
pub(crate) fn finished(state: &mut PlaybackState, token: &StreamToken) -> Option<Vec<Directive>> {
    state.offset_ms = 0;
    match state.enqueued_token.as_deref().and_then(StreamToken::parse) {
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
                state.current_play = 0;
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
/// When what failed is the enqueued track while the current one goes on
/// (`device`, the event's `currentPlaybackState`: see [`current_goes_on`]),
/// only the enqueued item is replaced: the music the listener hears goes
/// on. Otherwise the track after the failed one plays now.
pub(crate) fn failed(
    state: &mut PlaybackState,
    token: &StreamToken,
    device: Option<&CurrentPlaybackState>,
) -> Option<Vec<Directive>> {
    let current = state.is_current(token);
    if !current && !state.is_enqueued(token) {
        // Neither the current stream nor the enqueued one: a stream already
        // replaced (a retried event about an enqueued track that a
        // REPLACE_ENQUEUED since replaced). Skipping again would skip a
        // track that never failed.
        return None;
    }
    state.consecutive_failures += 1;
    let position = token.position;
    if !current && current_goes_on(state, device) {
        let next = if state.consecutive_failures < state.play_order.len() {
            state.enqueue_after(position)
        } else {
            None
        };
        return Some(match next {
            Some(cue) => vec![Directive::replace_enqueued(stream_item(cue))],
            None => {
                state.enqueued_token = None;
                vec![Directive::ClearQueue {
                    clear_behavior: ClearBehavior::ClearEnqueued,
                }]
            }
        });
    }
    let next = state
        .next_position(position)
        .filter(|_| state.consecutive_failures < state.play_order.len());
    if let Some(cue) = next.and_then(|next| state.jump(next, 0)) {
        return Some(vec![play_now(cue)]);
    }
    // Nothing left that might play: stop cleanly.
    state.position = position;
    state.current_play = token.play;
    state.activity = Activity::Finished;
    state.enqueued_token = None;
    Some(vec![Directive::ClearQueue {
        clear_behavior: ClearBehavior::ClearAll,
    }])
}

/// Whether the current stream goes on while the enqueued one failed, so
/// that replacing what is enqueued keeps the music going ("REPLACE_ENQUEUED:
/// Replace all streams in the queue. This does not impact the currently
/// playing stream", AudioPlayer interface reference, Play directive,
/// https://developer.amazon.com/docs/custom-skills/audioplayer-interface-reference.html#play).
///
/// `currentPlaybackState.token` names the stream that was playing when the
/// error occurred, not that it still plays: the enqueued stream can fail
/// just as the current one ends, and the token still names the ended one.
/// Its `playerActivity` tells ("Indicates the last known state of audio
/// playback": PLAYING "Stream was playing", BUFFER_UNDERRUN, PAUSED,
/// FINISHED "Stream was finished playing", STOPPED "Stream was
/// interrupted", IDLE "Nothing was playing, no enqueued items"; AudioPlayer
/// object, Request and Response JSON Reference,
/// https://developer.amazon.com/docs/custom-skills/request-and-response-json-reference.html).
/// The stream goes on when PLAYING or BUFFER_UNDERRUN, and when PAUSED
/// (paused "to accommodate a higher priority input/output (such as user or
/// Alexa speech). Playback should resume when the prioritized activity
/// completes", AVS AudioPlayer interface,
/// https://developer.amazon.com/docs/alexa-voice-service/audioplayer.html).
/// STOPPED is the listener's pause only when their PlaybackStopped for the
/// current stream was applied; else it is the failure itself ("An issue
/// with the stream is encountered and playback fails" moves the player to
/// STOPPED, same AVS page). FINISHED, IDLE, STOPPED otherwise, or no
/// report at all: nothing would play what is enqueued.
fn current_goes_on(state: &PlaybackState, device: Option<&CurrentPlaybackState>) -> bool {
    let Some(device) = device else {
        return false;
    };
    let names_current = device
        .token
        .as_deref()
        .and_then(|token| state.own_token(token))
        .is_some_and(|token| state.is_current(&token));
    names_current
        && match device.player_activity {
            Some(
                PlayerActivity::Playing | PlayerActivity::BufferUnderrun | PlayerActivity::Paused,
            ) => true,
            Some(PlayerActivity::Stopped) => state.activity == Activity::Stopped,
            _ => false,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alexa::PlayBehavior;
    use crate::playback::QueuedTrack;

    /// A queue of `n` tracks whose first plays.
    fn playing(n: usize) -> PlaybackState {
        let tracks = (0..n)
            .map(|i| QueuedTrack {
                id: format!("t{i}"),
                title: format!("Title {i}"),
                artist: "Artist".into(),
                url: format!("https://audio.example.com/t{i}.mp3"),
                image_url: None,
                live: false,
            })
            .collect();
        let mut state = PlaybackState::new_queue(tracks, 0);
        state.jump(0, 0).unwrap();
        state.activity = Activity::Playing;
        state
    }

    fn event(token: &StreamToken, offset: i64) -> PlaybackEvent {
        PlaybackEvent {
            token: token.to_string(),
            offset_in_milliseconds: offset,
        }
    }

    fn report(token: &StreamToken, activity: PlayerActivity) -> CurrentPlaybackState {
        CurrentPlaybackState {
            token: Some(token.to_string()),
            offset_in_milliseconds: Some(190_000),
            player_activity: Some(activity),
        }
    }

    /// The behaviour and track of the one Play directive of an answer.
    fn played(directives: &[Directive]) -> (PlayBehavior, String) {
        match directives {
            [Directive::Play(play)] => (
                play.play_behavior,
                StreamToken::parse(&play.audio_item.stream.token)
                    .unwrap()
                    .track_id,
            ),
            other => panic!("expected one Play, got {other:?}"),
        }
    }

    /// The enqueued track failed. Only while the current
    /// stream goes on (playing, buffering, paused for Alexa's voice, or
    /// stopped by the listener) is the enqueued item replaced; when it
    /// finished, went idle or was stopped by the failure, the track after
    /// the failed one plays now.
    #[test]
    fn a_failed_enqueued_track_is_replaced_in_place_only_while_the_current_goes_on() {
        use PlayerActivity::*;
        for (activity, listener_paused, in_place) in [
            (Playing, false, true),
            (BufferUnderrun, false, true),
            (Paused, false, true),
            (Stopped, true, true),
            (Stopped, false, false),
            (Finished, false, false),
            (Idle, false, false),
            (Unknown, false, false),
        ] {
            let mut state = playing(4);
            let current = state.current_token().unwrap();
            let cue = state.enqueue_after(0).unwrap();
            let enqueued = state.own_token(&cue.token).unwrap();
            if listener_paused {
                stopped(&mut state, &event(&current, 60_000)).unwrap();
            }
            let report = report(&current, activity);
            let directives = failed(&mut state, &enqueued, Some(&report)).unwrap();
            let case = format!("{activity:?}, paused by the listener: {listener_paused}");
            if in_place {
                assert_eq!(
                    played(&directives),
                    (PlayBehavior::ReplaceEnqueued, "t2".into()),
                    "{case}"
                );
                assert_eq!(state.position, 0, "{case}");
            } else {
                assert_eq!(
                    played(&directives),
                    (PlayBehavior::ReplaceAll, "t2".into()),
                    "{case}"
                );
                assert_eq!(
                    (state.position, state.activity),
                    (2, Activity::Requested),
                    "{case}"
                );
            }
        }
        // No report at all: nothing says the current stream goes on.
        let mut state = playing(4);
        let cue = state.enqueue_after(0).unwrap();
        let enqueued = state.own_token(&cue.token).unwrap();
        let directives = failed(&mut state, &enqueued, None).unwrap();
        assert_eq!(played(&directives), (PlayBehavior::ReplaceAll, "t2".into()));
    }

    /// A failure about a stream already replaced (here an
    /// enqueued one a REPLACE_ENQUEUED replaced, its event retried in the
    /// same second) skips nothing.
    #[test]
    fn a_failure_of_a_replaced_stream_changes_nothing() {
        let mut state = playing(4);
        let current = state.current_token().unwrap();
        let cue = state.enqueue_after(0).unwrap();
        let first_enqueued = state.own_token(&cue.token).unwrap();
        let report = report(&current, PlayerActivity::Playing);
        failed(&mut state, &first_enqueued, Some(&report)).unwrap();
        let before = state.clone();
        assert_eq!(failed(&mut state, &first_enqueued, Some(&report)), None);
        assert_eq!(state, before);
    }

    /// The queue ran out; a PlaybackStopped or a replayed
    /// PlaybackStarted about its last stream does not revive it.
    #[test]
    fn a_finished_queue_ignores_stop_and_start_of_its_last_stream() {
        let mut state = playing(1);
        let last = state.current_token().unwrap();
        finished(&mut state, &last).unwrap();
        assert_eq!(state.activity, Activity::Finished);
        assert_eq!(stopped(&mut state, &event(&last, 200_000)), None);
        assert_eq!(started(&mut state, &last, &event(&last, 0)), None);
        assert_eq!(state.activity, Activity::Finished);
        // What plays after the end is a new stream, and it does start.
        let again = state.jump(0, 0).unwrap();
        let again = state.own_token(&again.token).unwrap();
        assert!(started(&mut state, &again, &event(&again, 0)).is_some());
        assert_eq!(state.activity, Activity::Playing);
    }
}
