//! "Play something new": the most recently added tracks, newest first. One
//! bounded read of the catalog's newest-first index, whatever its size,
//! then the new queue's one write.

use tracing::info;

use crate::alexa::ResponseEnvelope;
use crate::matching::{self, EVERY_TRACK_KEY};
use crate::skill::{HandlerError, Skill, Turn};

/// How many of the newest tracks the queue holds: the first read's worth,
/// well inside a queue's [`MAX_QUEUE`](crate::playback::queue::MAX_QUEUE).
pub const NEWEST_TRACKS: usize = 25;

impl Skill {
    /// "Play something new", "what's new": the [`NEWEST_TRACKS`] most
    /// recently added tracks, newest first, as a queue (shuffle, loop and
    /// the queue's other commands work on it as on an album); "shuffle
    /// something new": the same tracks, `shuffled` in place.
    pub(crate) async fn play_newest(
        &self,
        turn: &Turn<'_>,
        shuffled: bool,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let catalog = self.catalog.as_ref();
        let tracks = catalog
            .newest(NEWEST_TRACKS)
            .await
            .map_err(HandlerError::Catalog)?;
        let Some(first) = tracks.first() else {
            // Nothing dated: an empty library, or a table imported before
            // tracks were dated (one more read tells which, only here).
            let any = catalog
                .last(EVERY_TRACK_KEY)
                .await
                .map_err(HandlerError::Catalog)?;
            if any.is_none() {
                return Ok(ResponseEnvelope::tell(&turn.phrases.library_empty()));
            }
            info!("no track of the catalog has a date it was added");
            return Ok(ResponseEnvelope::ask(
                &turn.phrases.newest_unknown(),
                &turn.phrases.not_found_reprompt(None),
            ));
        };
        if shuffled {
            let tracks = matching::shuffled_in_place(tracks, rand::random());
            let said = turn.phrases.shuffling_newest();
            return self.start_queue(turn, &tracks, None, &said).await;
        }
        let said = turn.phrases.playing_newest(&first.title, &first.artist);
        self.start_queue(turn, &tracks, None, &said).await
    }
}
