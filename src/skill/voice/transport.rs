//! Transport: pause, stop and cancel, resume, next and previous, start
//! over, loop and shuffle, and "what's playing?". Each moves or reads the
//! listener's queue; none searches the catalog.

use crate::alexa::ssml::Speech;
use crate::alexa::{Directive, ResponseEnvelope};
use crate::playback::{Activity, DevicePlayer, PlaybackState, ShuffleSet};
use crate::skill::state::{play_now, requeue_directives, Ahead, NoSkip, Skip};
use crate::skill::{HandlerError, Skill, Turn};

pub(crate) fn nothing_playing(turn: &Turn<'_>) -> ResponseEnvelope {
    ResponseEnvelope::ask(
        &turn.phrases.nothing_playing(),
        &turn.phrases.what_to_play(),
    )
}

impl Skill {
    /// "What's playing?": what the device plays now. Its own report
    /// (`context.AudioPlayer`) wins over the stored state: a stream of
    /// another queue or skill, or a player that finished, means nothing of
    /// ours plays; a stream of this queue is the track named, playing or
    /// paused as the device says.
    pub(crate) async fn now_playing(
        &self,
        turn: &Turn<'_>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let device = turn.device_report();
        let state = self.load_state(&turn.listener, device.as_ref()).await?;
        let Some(state) = state.filter(|s| s.activity != Activity::Finished) else {
            return Ok(nothing_playing(turn));
        };
        if let Some(report) = &device {
            let ours = state.own_token(&report.token).is_some();
            if !ours || report.player == DevicePlayer::Done {
                return Ok(nothing_playing(turn));
            }
        }
        match state.current_track() {
            Some(track) if track.live && state.activity == Activity::Stopped => Ok(
                ResponseEnvelope::tell(&turn.phrases.station_paused(&track.title)),
            ),
            Some(track) if track.live => Ok(ResponseEnvelope::tell(
                &turn.phrases.now_playing_station(&track.title),
            )),
            Some(track) if state.activity == Activity::Stopped => Ok(ResponseEnvelope::tell(
                &turn.phrases.paused(&track.title, &track.artist),
            )),
            Some(track) => Ok(ResponseEnvelope::tell(
                &turn.phrases.now_playing(&track.title, &track.artist),
            )),
            None => Ok(nothing_playing(turn)),
        }
    }

    /// Stop, Cancel and Pause: stop the music and keep the position.
    pub(crate) async fn stop(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            // No AudioPlayer directive ever goes to a device without one.
            return Ok(ResponseEnvelope::tell(&turn.phrases.goodbye()));
        }
        // No read, no write: the device answers the Stop with a
        // PlaybackStopped carrying the offset, and resume trusts the offset
        // the device reports should that event be lost.
        Ok(ResponseEnvelope::directives(vec![Directive::Stop]).ending_session())
    }

    pub(crate) async fn resume(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        match self
            .resume_directive(&turn.listener, turn.device_report().as_ref())
            .await?
        {
            Some(directive) => Ok(ResponseEnvelope::directives(vec![directive]).ending_session()),
            None => Ok(ResponseEnvelope::ask(
                &turn.phrases.nothing_to_resume(),
                &turn.phrases.what_to_play(),
            )),
        }
    }

    pub(crate) async fn skip_intent(
        &self,
        turn: &Turn<'_>,
        skip: Skip,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        match self
            .skip_directive(&turn.listener, skip, turn.device_report().as_ref())
            .await?
        {
            Ok(Some(directive)) => {
                Ok(ResponseEnvelope::directives(vec![directive]).ending_session())
            }
            Ok(None) => Ok(ResponseEnvelope::tell(&turn.phrases.end_of_queue())),
            Err(NoSkip::NoQueue) => Ok(nothing_playing(turn)),
            Err(NoSkip::Live) => Ok(ResponseEnvelope::tell(&turn.phrases.live_no_skip())),
        }
    }

    pub(crate) async fn start_over(
        &self,
        turn: &Turn<'_>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let directive = self
            .update_queue(
                &turn.listener,
                Ahead::Nothing,
                turn.device_report().as_ref(),
                |state| {
                    let position = state.position;
                    state.jump(position, 0).map(play_now)
                },
            )
            .await?;
        match directive {
            Some(directive) => Ok(ResponseEnvelope::directives(vec![directive]).ending_session()),
            None => Ok(nothing_playing(turn)),
        }
    }

    pub(crate) async fn set_loop(
        &self,
        turn: &Turn<'_>,
        on: bool,
    ) -> Result<ResponseEnvelope, HandlerError> {
        self.change_setting(turn, Ahead::Next, |state| {
            state.loop_on = on;
            turn.phrases.loop_set(on)
        })
        .await
    }

    pub(crate) async fn set_shuffle(
        &self,
        turn: &Turn<'_>,
        on: bool,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let ahead = if on { Ahead::Whole } else { Ahead::Nothing };
        self.change_setting(turn, ahead, |state| {
            match state.set_shuffle(on, &mut rand::rng()) {
                ShuffleSet::Done => turn.phrases.shuffle_set(on),
                ShuffleSet::AlwaysShuffled => turn.phrases.always_shuffled(),
            }
        })
        .await
    }

    /// Loop or shuffle: change the setting (`change` says what came of
    /// it), then bring what the device has enqueued in line with the new
    /// next track.
    async fn change_setting(
        &self,
        turn: &Turn<'_>,
        ahead: Ahead,
        mut change: impl FnMut(&mut PlaybackState) -> Speech,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let fix = self
            .update_queue(
                &turn.listener,
                ahead,
                turn.device_report().as_ref(),
                |state| {
                    let said = change(state);
                    Some((said, state.requeue_next()))
                },
            )
            .await?;
        Ok(match fix {
            Some((said, fix)) => {
                ResponseEnvelope::tell(&said).with_directives(requeue_directives(fix))
            }
            None => nothing_playing(turn),
        })
    }
}
