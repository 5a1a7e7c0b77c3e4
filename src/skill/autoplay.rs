//! Music that keeps going (`AUTOPLAY=similar`): the continuation read when
//! a queue runs out, and "stop autoplay" / "turn on autoplay". What the
//! queue wants and what it must not repeat is the queue's
//! ([`crate::playback::queue::autoplay`]); this file reads the catalog for
//! it and answers the listener.

use super::state::{requeue_directives, Ahead};
use super::voice::transport::nothing_playing;
use super::{Autoplay, HandlerError, Skill, Turn};
use crate::alexa::ResponseEnvelope;
use crate::matching;
use crate::playback::queue::pick_similar;
use crate::playback::{Activity, PlaybackState};

impl Skill {
    /// Adds a track like the ending one to a queue that has run out
    /// ([`PlaybackState::wants_continuation`]), when the owner turned
    /// autoplay on: by the same artist, else of the same genre, else of the
    /// same decade, none of the listener's last plays. The artist's key
    /// comes from the queued track itself (two requests); only when it
    /// offers nothing is the track's record read for its genre and year
    /// (one `GetItem`, then two requests a key): at most seven requests,
    /// whatever the catalog's size. Nothing found: the queue ends as it
    /// would have.
    pub(crate) async fn continue_similar(
        &self,
        state: &mut PlaybackState,
    ) -> Result<(), HandlerError> {
        if self.config().autoplay != Autoplay::Similar || !state.wants_continuation() {
            return Ok(());
        }
        let Some(ending) = state.ending_track().cloned() else {
            return Ok(());
        };
        let catalog = self.catalog.as_ref();
        let seed: u64 = rand::random();
        let avoid = |id: &str| state.played_lately(id);
        let mut picked = None;
        if let Some(key) = matching::similar_artist_key(&ending.artist, &ending.title) {
            picked = pick_similar(catalog, &key, avoid, seed)
                .await
                .map_err(HandlerError::Catalog)?;
        }
        if picked.is_none() {
            let record = catalog
                .track(&ending.id)
                .await
                .map_err(HandlerError::Catalog)?;
            for key in record.iter().flat_map(matching::similar_keys) {
                picked = pick_similar(catalog, &key, avoid, seed)
                    .await
                    .map_err(HandlerError::Catalog)?;
                if picked.is_some() {
                    break;
                }
            }
        }
        if let Some(track) = picked {
            state.continue_with(&track);
        }
        Ok(())
    }

    /// "Stop autoplay", "no more", "turn autoplay on": the listener's own
    /// switch, for the queue they hear (a new request to play turns it back
    /// on). Off also takes back a continuation enqueued and not played
    /// yet. On at the end of the queue, after the last track's
    /// PlaybackNearlyFinished found nothing to add (it does not come
    /// again), adds and enqueues the continuation at once. Where the owner
    /// left autoplay off, says so and changes nothing.
    pub(crate) async fn set_autoplay(
        &self,
        turn: &Turn<'_>,
        on: bool,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if self.config().autoplay == Autoplay::Off {
            return Ok(ResponseEnvelope::tell(&turn.phrases.autoplay_unavailable()));
        }
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let device = turn.device_report();
        let fix = self
            .update_queue(&turn.listener, Ahead::Nothing, device.as_ref(), |state| {
                if on {
                    state.start_autoplay();
                } else {
                    state.stop_autoplay();
                }
                // Only while the track plays: a finished queue is played
                // on by "next", a paused one by the resumed stream's event.
                let plays = matches!(state.activity, Activity::Playing | Activity::Requested);
                Some((
                    state.requeue_next(),
                    on && plays && state.wants_continuation(),
                ))
            })
            .await?;
        let Some((fix, at_end)) = fix else {
            return Ok(nothing_playing(turn));
        };
        let mut directives = requeue_directives(fix);
        if at_end {
            let more = self
                .update_queue(&turn.listener, Ahead::Continue, None, |state| {
                    Some(state.requeue_next())
                })
                .await?;
            directives.extend(more.into_iter().flat_map(requeue_directives));
        }
        Ok(ResponseEnvelope::tell(&turn.phrases.autoplay_set(on)).with_directives(directives))
    }
}
