//! Spoken intents: what the listener says to the skill. These may speak,
//! ask, and start or stop the music; the session stays open only while a
//! question waits for an answer.
//!
//! One room per thing the listener does:
//!
//! - `play`: play a song, an artist, an album, a playlist, a genre, or
//!   everything shuffled;
//! - `shuffles`: named shuffles, eras and the latest album;
//! - `newest`: "play something new", the most recently added tracks;
//! - `transport`: pause, stop, resume, next, previous, start over, loop,
//!   shuffle, and "what's playing?";
//! - `queue`: add to the queue, play next, clear the queue, "what's next?";
//! - `likes`: like and unlike the track playing, play the favourites;
//! - `offers`: the question waiting for an answer ([`offers::Offer`]), and
//!   "yes", "no", "repeat" and "help" that answer or keep it;
//! - here: opening the skill, and what Alexa could not place.

mod likes;
mod newest;
mod offers;
mod play;
mod queue;
mod shuffles;
pub(crate) mod transport;

pub(crate) use queue::Edit;

use offers::Offer;
pub(super) use shuffles::Named;

use super::{HandlerError, Skill, Turn};
use crate::alexa::ResponseEnvelope;
use crate::playback::{Activity, StreamToken};

/// "What would you like to hear?", keeping the session open for the answer.
fn ask_what_to_play(turn: &Turn<'_>) -> ResponseEnvelope {
    ResponseEnvelope::ask(&turn.phrases.what_to_play(), &turn.phrases.what_to_play())
}

impl Skill {
    pub(crate) async fn launch(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            // Say so at once, rather than invite a request it cannot serve.
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        // Something to resume shows in the device's own report: a stream
        // token of ours. Without one there is no state worth a read.
        let ours = turn
            .device_position()
            .is_some_and(|(token, _)| StreamToken::parse(token).is_some());
        let device = turn.device_report();
        let state = match ours {
            true => self.load_state(&turn.listener, device.as_ref()).await?,
            false => None,
        };
        let returning = state.is_some();
        if let Some(state) = state {
            // Only what is not playing is offered: a launch said over the
            // music finds it playing on (the device reports PLAYING).
            let resumable = !matches!(state.activity, Activity::Finished | Activity::Playing);
            if let (Some(track), true) = (state.current_track(), resumable) {
                return Ok(ResponseEnvelope::ask(
                    &turn.phrases.offer_resume(
                        turn.first_name().as_deref(),
                        &track.title,
                        &track.artist,
                    ),
                    &turn.phrases.offer_resume_reprompt(),
                )
                .with_session_attributes(Offer::Resume.session_attributes()));
            }
        }
        Ok(ResponseEnvelope::ask(
            &turn
                .phrases
                .welcome_by_name(turn.first_name().as_deref(), returning),
            &turn.phrases.what_to_play(),
        ))
    }

    /// What Alexa could not place: say what the skill does, and ask (on a
    /// device that can play music).
    pub(crate) fn fallback(&self, turn: &Turn<'_>) -> ResponseEnvelope {
        if !turn.envelope.supports_audio() {
            return ResponseEnvelope::tell(&turn.phrases.no_audio_player());
        }
        ResponseEnvelope::ask(&turn.phrases.fallback(), &turn.phrases.what_to_play())
    }
}
