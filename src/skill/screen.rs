//! The now-playing screen of devices that draw APL ([`crate::alexa::apl`]):
//! what it shows of the listener's queue, and what a touch on one of its
//! next tracks does (plays it, as "next" would: one read, one write).
//!
//! A screen goes only with an `AudioPlayer.Play` that starts a track now
//! (REPLACE_ALL), never alone: a device given the document without the
//! Play shows the track and plays nothing. Devices that do not list
//! `Alexa.Presentation.APL` get exactly the response they always did.

use tracing::info;

use super::state::{play_now, Ahead};
use super::{HandlerError, Skill, Turn};
use crate::alexa::apl::{NowPlaying, TouchPlay, NOW_PLAYING_TOKEN};
use crate::alexa::{AplUserEvent, Directive, ResponseEnvelope};
use crate::playback::PlaybackState;

/// The screen for the state's current track, when the device draws APL.
/// `album` is the current track's, when the caller has it (the queue keeps
/// no album). `upcoming`: whether to list the next tracks (not when the
/// order is about to change, as a new queue taking on shuffle does).
pub(crate) fn now_playing(
    turn: &Turn<'_>,
    state: &PlaybackState,
    album: Option<&str>,
    upcoming: bool,
) -> Option<Directive> {
    if !turn.envelope.supports_apl() {
        return None;
    }
    let current = state.current_track()?;
    let mut screen = NowPlaying::new(
        &state.queue_id,
        &current.title,
        &current.artist,
        album,
        current.image_url.as_deref(),
    );
    let mut position = state.position;
    while let Some(next) = upcoming
        .then(|| state.next_position(position))
        .flatten()
        .filter(|&next| next > position && screen.next.len() < crate::alexa::apl::MAX_NEXT)
    {
        let Some(track) = state.track_at(next) else {
            break;
        };
        screen = screen.with_next(next, &track.id, &track.title, &track.artist);
        position = next;
    }
    Some(Directive::RenderDocument(Box::new(screen.render())))
}

impl Skill {
    /// A touch on the screen: a next track plays now, and the screen shows
    /// it. A touch on a screen of another queue, or of no document of
    /// ours, changes nothing.
    pub(crate) async fn touch(
        &self,
        turn: &Turn<'_>,
        event: &AplUserEvent,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let touch = TouchPlay::parse(&event.arguments).filter(|_| event.token == NOW_PLAYING_TOKEN);
        let (Some(touch), true) = (touch, turn.envelope.supports_audio()) else {
            info!(token = ?event.token, "a screen event jukebox does not act on");
            return Ok(ResponseEnvelope::empty());
        };
        let played = self
            .update_queue(
                &turn.listener,
                Ahead::Nothing,
                turn.device_report().as_ref(),
                |state| {
                    let same = state.queue_id == touch.queue
                        && state
                            .track_at(touch.position)
                            .is_some_and(|track| track.id == touch.id);
                    if !same {
                        return None;
                    }
                    let cue = state.jump(touch.position, 0)?;
                    state.consecutive_failures = 0;
                    Some((play_now(cue), now_playing(turn, state, None, true)))
                },
            )
            .await?;
        match played {
            Some((play, screen)) => Ok(ResponseEnvelope::directives(
                std::iter::once(play).chain(screen).collect(),
            )
            .ending_session()),
            None => {
                info!(queue = ?touch.queue, position = touch.position, "a touch on a screen of another queue");
                Ok(ResponseEnvelope::empty())
            }
        }
    }
}
