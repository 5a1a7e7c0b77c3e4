//! Editing what comes after the current track: "play X next", "add X to
//! the queue", "clear the queue", and "what's next?". Plain arithmetic on
//! the held tracks; the skill finds the tracks and brings the device's
//! enqueued stream in line afterwards ([`PlaybackState::requeue_next`]).
//!
//! What each edit means:
//!
//! - **Play next** puts the tracks right after the current one, whatever the
//!   order: with shuffle on they still come next (they are not shuffled in),
//!   and shuffle off keeps them right after the current track (they sit
//!   after it in the asked-for order too).
//! - **Add to the queue** puts the tracks after every track the queue holds,
//!   in the order given; with shuffle on they are not shuffled in. A queue
//!   whose rest is still unread ([`PlaybackState::unread`]: a song's
//!   artist's other tracks, a genre, the whole catalog shuffled) plays the
//!   added tracks after the tracks read so far and before that rest, which
//!   then goes on as before: reading all of it first could cost more than a
//!   request may, and would leave no room.
//! - **Clear** drops every track after the current one and the unread rest,
//!   and turns loop off (a loop would bring back what played): the current
//!   track plays out and nothing follows. What played stays, for
//!   "previous".
//!
//! The queue holds at most [`MAX_QUEUE`] tracks: an edit adds what fits and
//! says how many that was ([`Added`]).

use super::{ahead::KEEP_BEHIND, PlaybackState, QueuedTrack, MAX_QUEUE};

/// What came of adding tracks to a queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum Added {
    /// Every track was added.
    All,
    /// The queue filled up: only this many of them were added.
    Some(usize),
    /// The queue is full: nothing was added.
    Full,
}

impl PlaybackState {
    /// How many more tracks the queue can hold. A queue that reads a rest
    /// as it goes drops tracks played long ago first (as reading ahead
    /// does); one without a rest keeps them, for loop to wrap to.
    pub fn make_room(&mut self) -> usize {
        if self.unread.is_some() {
            self.drop_played(KEEP_BEHIND);
        }
        MAX_QUEUE.saturating_sub(self.tracks.len())
    }

    /// "Play X next": `tracks` right after the current one, in order.
    pub fn play_next(&mut self, tracks: Vec<QueuedTrack>) -> Added {
        let Some(index) = self.current_index() else {
            return Added::Full;
        };
        let (tracks, added) = self.fitting(tracks);
        let n = tracks.len();
        if n == 0 {
            return added;
        }
        let current = self.play_order[index];
        self.adopt_continuations();
        // Into the asked-for order right after the current track, so that
        // shuffle off keeps them next; every later index moves up.
        for i in self.play_order.iter_mut() {
            if *i > current {
                *i += n;
            }
        }
        self.tracks.splice(current + 1..current + 1, tracks);
        self.play_order
            .splice(index + 1..index + 1, current + 1..current + 1 + n);
        added
    }

    /// "Add X to the queue": `tracks` after every track the queue holds.
    pub fn add_to_end(&mut self, tracks: Vec<QueuedTrack>) -> Added {
        let (tracks, added) = self.fitting(tracks);
        if !tracks.is_empty() {
            self.adopt_continuations();
        }
        self.append(tracks);
        added
    }

    /// The listener edits the queue: what autoplay added so far becomes
    /// part of it, so "stop autoplay" ends what comes after and never takes
    /// away a track the listener placed among (or after) those.
    fn adopt_continuations(&mut self) {
        self.autoplay_from = None;
    }

    /// "Clear the queue": nothing follows the current track.
    pub fn clear_after_current(&mut self) {
        let Some(index) = self.current_index() else {
            return;
        };
        let kept: Vec<QueuedTrack> = self.play_order[..=index]
            .iter()
            .map(|&i| self.tracks[i].clone())
            .collect();
        self.play_order = (0..kept.len()).collect();
        self.tracks = kept;
        self.unread = None;
        self.loop_on = false;
        self.autoplay_from = None;
    }

    /// The track after the current one in the queue as held; `None` when
    /// nothing follows or the next one is still unread.
    pub fn next_track(&self) -> Option<&QueuedTrack> {
        self.next_position(self.position)
            .and_then(|next| self.track_at(next))
    }

    /// Where the current track is in `play_order`.
    fn current_index(&self) -> Option<usize> {
        let index = self.position.checked_sub(self.first_held)?;
        (index < self.play_order.len()).then_some(index)
    }

    /// The first of `tracks` that fit, and what that makes of the edit.
    fn fitting(&mut self, mut tracks: Vec<QueuedTrack>) -> (Vec<QueuedTrack>, Added) {
        let room = self.make_room();
        let added = match (room, tracks.len()) {
            (0, _) => Added::Full,
            (room, wanted) if wanted > room => Added::Some(room),
            _ => Added::All,
        };
        tracks.truncate(room);
        (tracks, added)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::track;
    use super::super::{Activity, Requeue, Rest};
    use super::*;

    fn ids(state: &PlaybackState) -> Vec<String> {
        (state.first_held..state.end())
            .map(|p| state.track_at(p).unwrap().id.clone())
            .collect()
    }

    fn playing(n: usize, at: usize) -> PlaybackState {
        let tracks = (0..n).map(|i| track(&format!("t{i}"))).collect();
        let mut state = PlaybackState::new_queue(tracks, 0);
        state.jump(at, 0).unwrap();
        state.activity = Activity::Playing;
        state
    }

    #[test]
    fn play_next_goes_right_after_the_current_track() {
        let mut state = playing(4, 1);
        assert_eq!(state.play_next(vec![track("x")]), Added::All);
        assert_eq!(ids(&state), ["t0", "t1", "x", "t2", "t3"]);
        assert_eq!(state.current_track().unwrap().id, "t1");
        assert_eq!(state.next_track().unwrap().id, "x");
        assert_eq!(state.play_order, (0..5).collect::<Vec<_>>(), "in order");
    }

    #[test]
    fn play_next_comes_next_with_shuffle_on_and_stays_next_when_it_goes_off() {
        let mut state = playing(10, 3);
        assert_eq!(
            state.set_shuffle(true, &mut rand::rng()),
            super::super::ShuffleSet::Done
        );
        assert_eq!(state.play_next(vec![track("x")]), Added::All);
        assert_eq!(state.next_track().unwrap().id, "x");
        let mut order = state.play_order.clone();
        order.sort();
        assert_eq!(order, (0..11).collect::<Vec<_>>(), "a permutation");
        let _ = state.set_shuffle(false, &mut rand::rng());
        assert_eq!(state.current_track().unwrap().id, "t3");
        assert_eq!(state.next_track().unwrap().id, "x");
    }

    #[test]
    fn added_tracks_go_after_what_the_queue_holds_and_before_its_unread_rest() {
        let mut state = playing(3, 0);
        state.unread = Some(Rest::after("a:x".into(), 2));
        assert_eq!(state.add_to_end(vec![track("x"), track("y")]), Added::All);
        assert_eq!(ids(&state), ["t0", "t1", "t2", "x", "y"]);
        assert!(state.unread.is_some(), "the rest follows them");
        state.append([track("r0")]);
        assert_eq!(ids(&state).last().unwrap(), "r0");
    }

    #[test]
    fn a_full_queue_adds_what_fits_and_says_so() {
        let mut state = playing(MAX_QUEUE - 2, 0);
        let three = vec![track("x"), track("y"), track("z")];
        assert_eq!(state.add_to_end(three), Added::Some(2));
        assert_eq!(state.tracks.len(), MAX_QUEUE);
        assert_eq!(state.play_next(vec![track("w")]), Added::Full);
        assert_eq!(state.add_to_end(vec![track("w")]), Added::Full);
        assert_eq!(state.tracks.len(), MAX_QUEUE);
        // A queue reading a rest makes room by dropping what played long ago.
        let mut long = playing(MAX_QUEUE, 50);
        long.unread = Some(Rest::after("a:x".into(), 0));
        assert_eq!(long.add_to_end(vec![track("x")]), Added::All);
        assert_eq!(long.current_track().unwrap().id, "t50");
        assert_eq!(long.first_held, 50 - KEEP_BEHIND);
    }

    #[test]
    fn clear_keeps_the_current_track_and_what_played_and_nothing_follows() {
        let mut state = playing(5, 2);
        state.loop_on = true;
        state.unread = Some(Rest::after("a:x".into(), 4));
        let enqueued = state.enqueue_after(2).unwrap();
        assert_eq!(enqueued.track.id, "t3");
        state.clear_after_current();
        assert_eq!(ids(&state), ["t0", "t1", "t2"]);
        assert_eq!(state.current_track().unwrap().id, "t2");
        assert_eq!(state.next_track(), None);
        assert!(state.unread.is_none() && !state.loop_on);
        assert_eq!(state.requeue_next(), Requeue::Clear);
        assert_eq!(state.skip_target(super::super::Skip::Previous), Some(1));
    }

    /// The device's enqueued stream is the old next track: after an edit it
    /// is replaced; an edit that leaves it next leaves it.
    #[test]
    fn edits_bring_the_enqueued_stream_in_line() {
        let mut state = playing(3, 0);
        let enqueued = state.enqueue_after(0).unwrap();
        assert_eq!(state.add_to_end(vec![track("x")]), Added::All);
        assert_eq!(state.requeue_next(), Requeue::Unchanged, "t1 still next");
        assert_eq!(state.play_next(vec![track("y")]), Added::All);
        match state.requeue_next() {
            Requeue::Replace(cue) => {
                assert_eq!(cue.track.id, "y");
                assert_ne!(cue.token, enqueued.token);
            }
            other => panic!("expected REPLACE_ENQUEUED, got {other:?}"),
        }
        // Nothing enqueued yet (the last track plays): an added track is
        // enqueued after the current stream.
        let mut last = playing(2, 1);
        let current = last.current_token().unwrap().to_string();
        assert_eq!(last.add_to_end(vec![track("x")]), Added::All);
        match last.requeue_next() {
            Requeue::Enqueue { cue, after } => {
                assert_eq!((cue.track.id.as_str(), after), ("x", current));
            }
            other => panic!("expected ENQUEUE, got {other:?}"),
        }
    }

    #[test]
    fn next_track_wraps_with_loop_and_is_none_at_the_end() {
        let mut state = playing(2, 1);
        assert_eq!(state.next_track(), None);
        state.loop_on = true;
        assert_eq!(state.next_track().unwrap().id, "t0");
    }
}
