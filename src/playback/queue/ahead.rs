//! Reading ahead: how much of a queue's unread rest a change needs before
//! it runs, and how much of it to read at once. Decisions only: the skill
//! reads what they ask for ([`Rest::read_more`]) and appends it.

use super::{PlaybackState, Rest, Skip, MAX_QUEUE};

/// How much of a queue's unread rest a change needs ([`PlaybackState::unread`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ahead {
    /// None: the change does not look past the current track.
    Nothing,
    /// The track after the current one, when the queue holds no more.
    Next,
    /// As [`Ahead::Next`], and at the end of all the listener asked for, a
    /// track like the last when the owner turned autoplay on
    /// ([`PlaybackState::wants_continuation`]): for what moves on by
    /// itself or at the listener's word. PlaybackNearlyFinished comes when
    /// "the current stream is almost done playing and the device is ready
    /// to receive a new stream", the moment to ENQUEUE one; PlaybackFinished
    /// only "when the stream comes to an end on its own" (AudioPlayer
    /// interface reference, Requests,
    /// https://developer.amazon.com/docs/custom-skills/audioplayer-interface-reference.html):
    /// too late to enqueue, so an end already reached (its NearlyFinished
    /// lost) stays the end, and "next" goes on from it. A failure never
    /// continues either.
    Continue,
    /// All of it (shuffle orders the whole queue).
    Whole,
}

/// Tracks read at once when a queue reaches the end of what it holds.
pub const READ_AHEAD: usize = 10;
/// Played tracks a long queue (a shuffled source, a long playlist) keeps
/// behind the current one, for "previous".
pub const KEEP_BEHIND: usize = 10;

impl Skip {
    /// What a skip needs read: the track after the current one to go on,
    /// nothing to go back.
    pub fn ahead(self) -> Ahead {
        match self {
            Skip::Next => Ahead::Continue,
            Skip::Previous => Ahead::Nothing,
        }
    }
}

/// A read-ahead under way ([`PlaybackState::start_read_ahead`]): what the
/// change needs, and whether the rest is a shuffled source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadAhead {
    ahead: Ahead,
    shuffled: bool,
}

impl ReadAhead {
    /// Whether another read may follow one just appended: a change that
    /// needs the next track stops after one read, one that needs the whole
    /// rest reads until it has it.
    pub fn reads_on(self) -> bool {
        !matches!(self.ahead, Ahead::Next | Ahead::Continue)
    }
}

impl PlaybackState {
    /// Readies the queue to read as much of its unread rest as `ahead`
    /// says a change needs: a shuffled source (a genre, the whole catalog)
    /// is read a track at a time, never whole; a long queue drops what was
    /// played long ago.
    pub fn start_read_ahead(&mut self, ahead: Ahead) -> ReadAhead {
        let shuffled = self
            .unread
            .as_ref()
            .is_some_and(|rest| rest.shuffled_order.is_some());
        let ahead = match ahead {
            Ahead::Whole if shuffled => Ahead::Next,
            other => other,
        };
        if shuffled || self.tracks.len() + READ_AHEAD > MAX_QUEUE {
            // A long queue plays on past MAX_QUEUE tracks, holding only the
            // last few played (for "previous") and what comes next (a
            // reshuffled one cannot: it stops at MAX_QUEUE).
            self.drop_played(KEEP_BEHIND);
        }
        ReadAhead { ahead, shuffled }
    }

    /// The next read `plan` needs: the rest to read from and at most how
    /// many tracks; `None` when the queue holds enough. More tracks are
    /// needed when the current one or the one after it is the last the
    /// queue holds (an event may be about the enqueued track, which then
    /// takes over), or everything (up to [`MAX_QUEUE`] tracks).
    pub fn next_read(&mut self, plan: ReadAhead) -> Option<(&mut Rest, usize)> {
        let at_end = self.position + 2 >= self.end();
        let wanted = match plan.ahead {
            Ahead::Nothing => false,
            Ahead::Next | Ahead::Continue => at_end,
            Ahead::Whole => true,
        };
        if wanted && self.loop_on {
            self.start_lap();
        }
        if !wanted || self.unread.as_ref().is_none_or(|rest| rest.all_read) {
            return None;
        }
        let room = MAX_QUEUE.saturating_sub(self.tracks.len());
        if room == 0 {
            self.unread = None;
            return None;
        }
        let batch = match plan.ahead {
            Ahead::Whole => room,
            // Each NearlyFinished reads just the track it enqueues.
            _ if plan.shuffled => 1,
            _ => READ_AHEAD.min(room),
        };
        self.unread.as_mut().map(|rest| (rest, batch))
    }
}
