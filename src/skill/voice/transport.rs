//! Transport: pause, stop and cancel, resume, next and previous, start
//! over, loop and shuffle, and "what's playing?". Each moves or reads the
//! listener's queue; none searches the catalog.

use crate::alexa::ssml::Speech;
use crate::alexa::{Directive, PlayerActivity, ResponseEnvelope};
use crate::playback::{Activity, PlaybackState};
use crate::skill::state::{play_now, requeue_directives, Ahead, NoQueue, Skip};
use crate::skill::{speech, HandlerError, Skill, Turn};

fn nothing_playing() -> ResponseEnvelope {
    ResponseEnvelope::ask(&speech::nothing_playing(), &speech::what_to_play())
}

impl Skill {
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
}
