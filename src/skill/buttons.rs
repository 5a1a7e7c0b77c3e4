//! PlaybackController events: the buttons of a remote, headphones or the
//! Echo itself. Like AudioPlayer events they get directives only (no
//! speech), and they come without a session.

use super::state::Skip;
use super::{HandlerError, Skill, Turn};
use crate::alexa::Directive;

impl Skill {
    pub(crate) async fn button_play(
        &self,
        turn: &Turn<'_>,
    ) -> Result<Vec<Directive>, HandlerError> {
        Ok(self
            .resume_directive(&turn.listener, turn.device_report().as_ref())
            .await?
            .into_iter()
            .collect())
    }

    /// Pause: no read, no write. The device answers the Stop with a
    /// PlaybackStopped that carries the offset, and resume also trusts the
    /// offset the device reports, so nothing is lost if that event is.
    pub(crate) async fn button_pause(
        &self,
        _turn: &Turn<'_>,
    ) -> Result<Vec<Directive>, HandlerError> {
        Ok(vec![Directive::Stop])
    }

    pub(crate) async fn button_skip(
        &self,
        turn: &Turn<'_>,
        skip: Skip,
    ) -> Result<Vec<Directive>, HandlerError> {
        Ok(self
            .skip_directive(&turn.listener, skip, turn.device_report().as_ref())
            .await?
            .ok()
            .flatten()
            .into_iter()
            .collect())
    }
}
