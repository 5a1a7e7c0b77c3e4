//! Likes: "I like this song", "remove this from my favourites", and
//! "play my favourites". Favourites belong to the person Alexa recognised,
//! else to the account.

use crate::alexa::ResponseEnvelope;
use crate::catalog::Track;
use crate::favourites::{Liked, Owner};
use crate::playback::queue::MAX_QUEUE;
use crate::playback::{DevicePlayer, StreamToken};
use crate::skill::{HandlerError, Skill, Turn};

impl Skill {
    /// "I like this song" (`add`) or "remove this from my favourites": for
    /// the track the device plays, for the person Alexa recognised (else
    /// the account). Short speech, no directive: the music goes on.
    pub(crate) async fn like(
        &self,
        turn: &Turn<'_>,
        add: bool,
    ) -> Result<ResponseEnvelope, HandlerError> {
        let owner = Owner::of(turn.envelope.person_id(), turn.envelope.user_id());
        // "This song" is the one the device has now; a player that finished
        // or stands idle has none, whatever its last token names.
        let Some(id) = turn
            .device_report()
            .filter(|report| report.player != DevicePlayer::Done)
            .and_then(|report| StreamToken::parse(&report.token))
            .map(|token| token.track_id)
        else {
            return Ok(ResponseEnvelope::tell(&turn.phrases.nothing_to_like()));
        };
        // The track's title and the change, at once: one round trip.
        let title = async {
            self.catalog
                .track(&id)
                .await
                .map(|track| track.map(|t| t.title))
                .map_err(HandlerError::Catalog)
        };
        let said = if add {
            let like = async {
                self.favourites
                    .like(&owner, &id)
                    .await
                    .map_err(HandlerError::Playback)
            };
            match futures::future::try_join(title, like).await? {
                (None, _) => turn.phrases.nothing_to_like(),
                (Some(title), Liked::Added) => turn.phrases.liked(&title),
                (Some(title), Liked::AlreadyThere) => turn.phrases.already_liked(&title),
                (Some(_), Liked::Full) => turn.phrases.favourites_full(),
            }
        } else {
            let unlike = async {
                self.favourites
                    .unlike(&owner, &id)
                    .await
                    .map_err(HandlerError::Playback)
            };
            match futures::future::try_join(title, unlike).await? {
                (None, _) => turn.phrases.nothing_to_like(),
                (Some(title), true) => turn.phrases.unliked(&title),
                (Some(title), false) => turn.phrases.not_a_favourite(&title),
            }
        };
        Ok(ResponseEnvelope::tell(&said))
    }

    /// "Play my favourites": the person's favourites (at most a queue's
    /// worth), in catalog order.
    pub(crate) async fn play_favourites(
        &self,
        turn: &Turn<'_>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let owner = Owner::of(turn.envelope.person_id(), turn.envelope.user_id());
        let ids = self
            .favourites
            .favourites(&owner)
            .await
            .map_err(HandlerError::Playback)?;
        let found = futures::future::try_join_all(
            ids.iter().take(MAX_QUEUE).map(|id| self.catalog.track(id)),
        )
        .await
        .map_err(HandlerError::Catalog)?;
        // A favourite no longer in the catalog is skipped.
        let mut tracks: Vec<Track> = found.into_iter().flatten().collect();
        if tracks.is_empty() {
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_favourites()));
        }
        tracks.sort_by_key(|t| t.position);
        self.start_queue(turn, &tracks, None, &turn.phrases.playing_favourites())
            .await
    }
}
