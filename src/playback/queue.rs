//! Queue arithmetic: where a listener goes next, which events are theirs,
//! what a change leaves enqueued on the device. Plain methods over
//! [`PlaybackState`], no store and no wire format: the skill turns a
//! [`Cue`] into an `AudioPlayer.Play` directive.

use super::{now_secs, Activity, PlaybackState, QueuedTrack, StreamToken};

/// One track of the queue ready to stream: what a Play directive carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub track: QueuedTrack,
    /// The stream token naming this queue and position.
    pub token: String,
    /// Where to start, in milliseconds (never negative).
    pub offset_ms: i64,
}

/// What the device should do with its enqueued track after the play order
/// or loop changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requeue {
    /// Nothing enqueued, or what is enqueued is still next.
    Unchanged,
    /// Replace the enqueued track with this one.
    Replace(Cue),
    /// Nothing comes next any more: clear what is enqueued.
    Clear,
}

impl PlaybackState {
    /// The track at `position`, ready to stream from `offset_ms`.
    pub fn cue(&self, position: usize, offset_ms: i64) -> Option<Cue> {
        Some(Cue {
            track: self.track_at(position)?.clone(),
            token: self.token_at(position)?.to_string(),
            offset_ms: offset_ms.max(0),
        })
    }

    /// The position after `position`, wrapping when loop is on.
    pub fn next_position(&self, position: usize) -> Option<usize> {
        if position + 1 < self.order.len() {
            Some(position + 1)
        } else if self.loop_on && !self.order.is_empty() {
            Some(0)
        } else {
            None
        }
    }

    /// The position before `position`, wrapping when loop is on.
    pub fn previous_position(&self, position: usize) -> Option<usize> {
        if position > 0 {
            Some(position - 1)
        } else if self.loop_on && !self.order.is_empty() {
            Some(self.order.len() - 1)
        } else {
            None
        }
    }

    /// The position a player event's token names, when it is a token of this
    /// queue for the track at that position (else a stale or foreign token).
    pub fn own_position(&self, token: &str) -> Option<usize> {
        let parsed = StreamToken::parse(token)?;
        (parsed.queue_id == self.queue_id
            && self
                .track_at(parsed.position)
                .is_some_and(|t| t.id == parsed.track_id))
        .then_some(parsed.position)
    }

    /// Whether a player event is older than one already applied (late or replayed).
    pub fn is_late(&self, timestamp: &str) -> bool {
        match &self.last_event_at {
            Some(last) => !timestamp.is_empty() && timestamp < last.as_str(),
            None => false,
        }
    }

    /// Moves to `position` to play it from `offset_ms`, replacing what plays.
    pub fn jump(&mut self, position: usize, offset_ms: i64) -> Option<Cue> {
        let cue = self.cue(position, offset_ms)?;
        self.position = position;
        self.offset_ms = cue.offset_ms;
        self.activity = Activity::Requested;
        self.enqueued = None;
        self.updated_at = now_secs();
        Some(cue)
    }

    /// Shuffle on: what is still to come is shuffled, what played stays
    /// behind. Off: back to catalog order, at the same track.
    pub fn set_shuffle(&mut self, on: bool, rng: &mut impl rand::Rng) {
        use rand::seq::SliceRandom;
        if on {
            let rest = self.position + 1;
            if rest < self.order.len() {
                self.order[rest..].shuffle(rng);
            }
        } else {
            let current = self.order.get(self.position).copied().unwrap_or(0);
            self.order = (0..self.tracks.len()).collect();
            self.position = current;
        }
        self.shuffle_on = on;
    }

    /// After the play order or loop changed: what is enqueued on the device
    /// may no longer be next. Records and returns the fix.
    pub fn requeue_next(&mut self) -> Requeue {
        if self.enqueued.is_none() {
            return Requeue::Unchanged;
        }
        match self
            .next_position(self.position)
            .and_then(|next| self.cue(next, 0))
        {
            Some(cue) if self.enqueued.as_deref() == Some(cue.token.as_str()) => Requeue::Unchanged,
            Some(cue) => {
                self.enqueued = Some(cue.token.clone());
                Requeue::Replace(cue)
            }
            None => {
                self.enqueued = None;
                Requeue::Clear
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(id: &str) -> QueuedTrack {
        QueuedTrack {
            id: id.into(),
            title: format!("Title {id}"),
            artist: "Artist".into(),
            url: format!("https://audio.example.com/{id}.mp3"),
            image_url: None,
        }
    }

    fn queue(n: usize) -> PlaybackState {
        PlaybackState::new_queue((0..n).map(|i| track(&format!("t{i}"))).collect(), 1)
    }

    #[test]
    fn next_and_previous_stop_at_the_ends_unless_looping() {
        let mut state = queue(3);
        assert_eq!(state.next_position(0), Some(1));
        assert_eq!(state.next_position(2), None);
        assert_eq!(state.previous_position(0), None);
        assert_eq!(state.previous_position(2), Some(1));
        state.loop_on = true;
        assert_eq!(state.next_position(2), Some(0));
        assert_eq!(state.previous_position(0), Some(2));
        assert_eq!(queue(0).next_position(0), None);
        let mut empty = queue(0);
        empty.loop_on = true;
        assert_eq!(empty.next_position(0), None);
        assert_eq!(empty.previous_position(0), None);
    }

    #[test]
    fn own_position_accepts_only_tokens_of_this_queue_and_track() {
        let state = queue(3);
        let token = state.token_at(1).unwrap().to_string();
        assert_eq!(state.own_position(&token), Some(1));
        let other_queue = queue(3);
        assert_eq!(
            state.own_position(&other_queue.token_at(1).unwrap().to_string()),
            None
        );
        let wrong_track = format!("jb1.{}.1.t2", state.queue_id);
        assert_eq!(state.own_position(&wrong_track), None);
        let past_the_end = format!("jb1.{}.9.t1", state.queue_id);
        assert_eq!(state.own_position(&past_the_end), None);
        assert_eq!(state.own_position("someone-elses-token"), None);
    }

    #[test]
    fn late_events_are_older_than_the_newest_applied() {
        let mut state = queue(1);
        assert!(!state.is_late("2026-01-01T00:00:00Z"));
        state.last_event_at = Some("2026-01-01T00:00:10Z".into());
        assert!(state.is_late("2026-01-01T00:00:09Z"));
        assert!(!state.is_late("2026-01-01T00:00:10Z"));
        assert!(!state.is_late("2026-01-01T00:00:11Z"));
    }

    #[test]
    fn jump_moves_and_forgets_the_enqueued_track() {
        let mut state = queue(3);
        state.enqueued = state.token_at(1).map(|t| t.to_string());
        state.activity = Activity::Playing;
        let cue = state.jump(2, -1).unwrap();
        assert_eq!(cue.track.id, "t2");
        assert_eq!(
            cue.offset_ms, 0,
            "a negative offset starts at the beginning"
        );
        assert_eq!(cue.token, state.token_at(2).unwrap().to_string());
        assert_eq!(
            (state.position, state.activity, state.enqueued.clone()),
            (2, Activity::Requested, None)
        );
        assert_eq!(state.jump(3, 0), None);
        assert_eq!(state.position, 2, "a jump past the end changes nothing");
    }

    #[test]
    fn shuffle_keeps_what_played_and_off_returns_to_the_same_track() {
        let mut state = queue(20);
        state.position = 5;
        state.set_shuffle(true, &mut rand::rng());
        assert!(state.shuffle_on);
        assert_eq!(&state.order[..6], &[0, 1, 2, 3, 4, 5]);
        let mut rest = state.order[6..].to_vec();
        rest.sort();
        assert_eq!(
            rest,
            (6..20).collect::<Vec<_>>(),
            "a permutation of what is to come"
        );
        state.position = 9;
        let playing = state.order[9];
        state.set_shuffle(false, &mut rand::rng());
        assert!(!state.shuffle_on);
        assert_eq!(state.order, (0..20).collect::<Vec<_>>());
        assert_eq!(
            state.position, playing,
            "the same track, now in catalog order"
        );
    }

    #[test]
    fn requeue_replaces_or_clears_what_is_no_longer_next() {
        let mut state = queue(3);
        assert_eq!(state.requeue_next(), Requeue::Unchanged);
        state.enqueued = state.token_at(1).map(|t| t.to_string());
        assert_eq!(state.requeue_next(), Requeue::Unchanged);
        state.order.swap(1, 2);
        match state.requeue_next() {
            Requeue::Replace(cue) => {
                assert_eq!(cue.track.id, "t2");
                assert_eq!(state.enqueued.as_deref(), Some(cue.token.as_str()));
            }
            other => panic!("expected a replacement, got {other:?}"),
        }
        state.position = 2;
        assert_eq!(state.requeue_next(), Requeue::Clear);
        assert_eq!(state.enqueued, None);
    }
}
