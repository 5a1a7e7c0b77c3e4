//! Music that keeps going: when a queue runs out with loop off, a track
//! like the one ending is added to it (the owner's `AUTOPLAY=similar`), one
//! at a time, until the listener says "stop autoplay". Here: when the queue
//! wants one ([`PlaybackState::wants_continuation`]), the listener's last
//! plays it must not repeat ([`Recent`]), and how a track is picked from a
//! ranked search key at a bounded cost ([`pick_similar`]). Which keys are
//! tried (artist, genre, decade) the skill decides from the ending track.

use std::fmt::Write as _;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{PlaybackState, QueuedTrack, MAX_QUEUE};
use crate::catalog::{Catalog, Track};
use crate::error::StoreError;

/// How many of the listener's last plays a continuation never repeats.
pub const RECENT_PLAYS: usize = 50;

/// Tracks of a ranked key read at once for a pick: one request, and a
/// window wide enough that a key with a few unplayed tracks left still
/// offers one.
pub const PICK_WINDOW: usize = 16;

/// The listener's last [`RECENT_PLAYS`] plays, oldest first, each kept as a
/// 32-bit hash of its track id: 8 hex digits a play, 400 characters for the
/// whole ring, however long the owner's ids are. Two ids sharing a hash
/// only make a continuation skip a track it could have played.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recent(Vec<u32>);

impl Recent {
    /// Records a play of `track_id`, forgetting the oldest beyond the ring.
    pub fn push(&mut self, track_id: &str) {
        let hash = id_hash(track_id);
        if self.0.last() == Some(&hash) {
            // The same stream reported twice, or one track played again
            // at once: one entry does.
            return;
        }
        self.0.push(hash);
        if self.0.len() > RECENT_PLAYS {
            let extra = self.0.len() - RECENT_PLAYS;
            self.0.drain(..extra);
        }
    }

    /// Whether `track_id` is one of the last plays.
    pub fn contains(&self, track_id: &str) -> bool {
        self.0.contains(&id_hash(track_id))
    }

    /// These plays, then `newer`'s: a new queue's own first plays after
    /// those of the queue it replaced.
    pub fn followed_by(&self, newer: &Recent) -> Recent {
        let mut all = Recent(self.0.clone());
        for &hash in &newer.0 {
            if all.0.last() != Some(&hash) {
                all.0.push(hash);
            }
        }
        let extra = all.0.len().saturating_sub(RECENT_PLAYS);
        all.0.drain(..extra);
        all
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// FNV-1a, 32 bits: stable across builds and platforms (a stored ring must
/// read the same after an upgrade), unlike the standard library's hasher.
fn id_hash(id: &str) -> u32 {
    id.bytes().fold(0x811C_9DC5, |hash: u32, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

impl Serialize for Recent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut text = String::with_capacity(self.0.len() * 8);
        for hash in &self.0 {
            let _ = write!(text, "{hash:08x}");
        }
        serializer.serialize_str(&text)
    }
}

impl<'de> Deserialize<'de> for Recent {
    /// Reads what [`Serialize`] wrote; anything unreadable (a truncated or
    /// hand-edited item) reads as no plays rather than refusing the queue.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let hashes: Option<Vec<u32>> = text
            .as_bytes()
            .chunks(8)
            .map(|chunk| {
                std::str::from_utf8(chunk)
                    .ok()
                    .filter(|chunk| chunk.len() == 8)
                    .and_then(|chunk| u32::from_str_radix(chunk, 16).ok())
            })
            .collect();
        let mut hashes = hashes.unwrap_or_default();
        let extra = hashes.len().saturating_sub(RECENT_PLAYS);
        hashes.drain(..extra);
        Ok(Recent(hashes))
    }
}

impl PlaybackState {
    /// Whether the queue has run out of what the listener asked for and
    /// would end after the track the device plays or has enqueued: loop
    /// off, no station, nothing left unread, no answer awaited, and the
    /// listener has not said "stop autoplay". Whether the deployment plays
    /// on at all is the skill's setting, not the queue's.
    pub fn wants_continuation(&self) -> bool {
        let last = self.end().saturating_sub(1);
        let enqueued_last = self
            .enqueued_token
            .as_deref()
            .and_then(super::StreamToken::parse)
            .is_some_and(|token| token.position == last);
        !self.autoplay_off
            && !self.loop_on
            && !self.awaiting_answer
            && !self.is_live()
            && !self.play_order.is_empty()
            && self.is_whole()
            && self.current_track().is_some()
            && (self.position == last && self.enqueued_token.is_none() || enqueued_last)
    }

    /// Whether a continuation may be wanted after the stream `token` names:
    /// this queue's current stream with nothing enqueued after it yet, or
    /// the enqueued one (its NearlyFinished may come before its
    /// PlaybackStarted). A late or replayed event of any other stream of
    /// this queue, or of another queue, never needs one.
    pub fn may_continue_after(&self, token: &str) -> bool {
        self.own_token(token).is_some_and(|token| {
            (self.is_current(&token) && !self.enqueued_follows(token.position))
                || self.is_enqueued(&token)
        })
    }

    /// The track the continuation follows: the last the queue holds.
    pub fn ending_track(&self) -> Option<&QueuedTrack> {
        self.track_at(self.end().checked_sub(1)?)
    }

    /// Whether a continuation must not pick `track_id`: one of the last
    /// plays, or a track the queue still holds (the ending one included).
    pub fn played_lately(&self, track_id: &str) -> bool {
        self.recent.contains(track_id) || self.tracks.iter().any(|t| t.id == track_id)
    }

    /// Adds a continuation's track to the end of the queue. A queue that
    /// would outgrow [`MAX_QUEUE`] first forgets what played long ago,
    /// whatever its order: everything before the current track has played.
    pub fn continue_with(&mut self, track: &Track) {
        if self.tracks.len() + 1 > MAX_QUEUE {
            self.forget_played(super::ahead::KEEP_BEHIND);
        }
        if self.autoplay_from.is_none() {
            self.autoplay_from = Some(self.end());
        }
        self.append(std::iter::once(QueuedTrack::from(track)));
    }

    /// Drops the played tracks more than `keep_behind` before the current
    /// one, in any play order: the held tracks are rewritten in the order
    /// they play, so positions and tokens stay as they were.
    fn forget_played(&mut self, keep_behind: usize) {
        let index = self.position.saturating_sub(self.first_held);
        let cut = index.saturating_sub(keep_behind).min(self.play_order.len());
        if cut == 0 {
            return;
        }
        let kept: Vec<QueuedTrack> = self.play_order[cut..]
            .iter()
            .filter_map(|&i| self.tracks.get(i).cloned())
            .collect();
        self.play_order = (0..kept.len()).collect();
        self.tracks = kept;
        self.first_held += cut;
    }

    /// "Stop autoplay": no continuation any more for this queue, and the
    /// ones added after the current track are dropped (the caller clears
    /// what is enqueued, [`PlaybackState::requeue_next`]). A new queue
    /// the listener asks for plays on again.
    pub fn stop_autoplay(&mut self) {
        self.autoplay_off = true;
        let Some(from) = self.autoplay_from.take() else {
            return;
        };
        let keep = from.max(self.position + 1);
        while self.end() > keep && self.end() > self.first_held {
            let Some(index) = self.play_order.pop() else {
                break;
            };
            if index < self.tracks.len() {
                self.tracks.remove(index);
                for i in &mut self.play_order {
                    if *i > index {
                        *i -= 1;
                    }
                }
            }
        }
    }

    /// "Turn on autoplay": continuations again for this queue.
    pub fn start_autoplay(&mut self) {
        self.autoplay_off = false;
    }
}

/// A track of the ranked key `key` (a shuffle's source: positions 0 to its
/// count) that `avoid` allows, picked at a random place (`seed`). Two
/// requests, whatever the catalog's size: the key's last track, whose
/// position says how many it holds, then a window of [`PICK_WINDOW`]
/// tracks from a random position, so that small keys are read whole and
/// large ones at a place as random as a shuffle's first.
pub async fn pick_similar(
    catalog: &dyn Catalog,
    key: &str,
    avoid: impl Fn(&str) -> bool,
    seed: u64,
) -> Result<Option<Track>, StoreError> {
    let Some(last) = catalog.last(key).await? else {
        return Ok(None);
    };
    let count = u64::from(last.position) + 1;
    let window = PICK_WINDOW as u64;
    let start = seed % count.saturating_sub(window).saturating_add(1);
    let start = u32::try_from(start).unwrap_or(0);
    let tracks = catalog.tracks_from(key, start, PICK_WINDOW).await?;
    // From a random place of the window on, wrapping within it: which of
    // a few allowed tracks plays is not always the first by rank.
    let len = tracks.len();
    if len == 0 {
        return Ok(None);
    }
    let offset = (seed >> 32) as usize % len;
    Ok((0..len)
        .map(|i| &tracks[(offset + i) % len])
        .find(|track| !track.live && !avoid(&track.id))
        .cloned())
}

#[cfg(test)]
mod tests {
    use super::super::tests::track;
    use super::*;

    fn catalog_track(id: &str) -> Track {
        Track {
            id: id.into(),
            title: format!("Title {id}"),
            artist: "Artist".into(),
            url: format!("https://audio.example.com/{id}.mp3"),
            ..Track::default()
        }
    }

    #[test]
    fn the_ring_keeps_the_last_fifty_plays_compactly() {
        let mut recent = Recent::default();
        for i in 0..60 {
            recent.push(&format!("a-rather-long-owner-chosen-track-id-{i}"));
        }
        assert_eq!(recent.len(), RECENT_PLAYS);
        assert!(!recent.contains("a-rather-long-owner-chosen-track-id-9"));
        assert!(recent.contains("a-rather-long-owner-chosen-track-id-10"));
        assert!(recent.contains("a-rather-long-owner-chosen-track-id-59"));
        let stored = serde_json::to_value(&recent).unwrap();
        assert_eq!(stored.as_str().unwrap().len(), RECENT_PLAYS * 8);
        assert_eq!(serde_json::from_value::<Recent>(stored).unwrap(), recent);
        // The same stream reported twice is one play.
        let mut twice = Recent::default();
        twice.push("t1");
        twice.push("t1");
        assert_eq!(twice.len(), 1);
        // Unreadable text reads as no plays.
        let read: Recent = serde_json::from_value("zz".into()).unwrap();
        assert!(read.is_empty());
    }

    #[test]
    fn a_queue_wants_a_continuation_only_at_its_end_with_loop_off() {
        let mut state = PlaybackState::new_queue(vec![track("t0"), track("t1")], 0);
        state.jump(0, 0).unwrap();
        assert!(!state.wants_continuation(), "a track still to come");
        let enqueued = state.enqueue_after(0).unwrap();
        assert!(state.wants_continuation(), "the enqueued track is the last");
        state.take_over(&state.own_token(&enqueued.token).unwrap());
        assert!(state.wants_continuation());
        state.loop_on = true;
        assert!(!state.wants_continuation(), "loop on: the queue wraps");
        state.loop_on = false;
        state.stop_autoplay();
        assert!(!state.wants_continuation(), "stopped by the listener");
        state.start_autoplay();
        assert!(state.wants_continuation());
    }

    /// Only the current stream with nothing after it, or the enqueued one,
    /// may be followed by a continuation: a replayed NearlyFinished of a
    /// stream whose follower is enqueued, or of an older stream, is not.
    #[test]
    fn a_continuation_may_follow_only_the_stream_that_needs_one() {
        let mut state = PlaybackState::new_queue(vec![track("t0"), track("t1")], 0);
        let first = state.jump(0, 0).unwrap().token;
        assert!(!state.may_continue_after("another skill's token"));
        let enqueued = state.enqueue_after(0).unwrap().token;
        assert!(
            !state.may_continue_after(&first),
            "its follower is enqueued"
        );
        assert!(state.may_continue_after(&enqueued), "the enqueued stream");
        state.take_over(&state.own_token(&enqueued).unwrap());
        assert!(state.recent.contains("t1"), "a stream taken over is a play");
        assert!(
            state.may_continue_after(&enqueued),
            "now current, nothing after"
        );
        assert!(!state.may_continue_after(&first), "an older stream");
    }

    /// A track the listener placed after (or among) autoplay's is theirs:
    /// "stop autoplay" ends the continuations to come, and takes nothing
    /// the listener asked for.
    #[test]
    fn stop_autoplay_never_takes_a_track_the_listener_added() {
        for play_next in [true, false] {
            let mut state = PlaybackState::new_queue(vec![track("t0")], 0);
            state.jump(0, 0).unwrap();
            state.continue_with(&catalog_track("c1"));
            if play_next {
                let _ = state.play_next(vec![track("x")]);
            } else {
                let _ = state.add_to_end(vec![track("x")]);
            }
            state.stop_autoplay();
            let held: Vec<&str> = (state.first_held..state.end())
                .map(|p| state.track_at(p).unwrap().id.as_str())
                .collect();
            assert!(held.contains(&"x"), "{held:?}");
            assert!(!state.wants_continuation());
        }
    }

    #[test]
    fn a_continuation_is_appended_and_stop_drops_what_is_still_to_come() {
        let mut state = PlaybackState::new_queue(vec![track("t0")], 0);
        state.jump(0, 0).unwrap();
        state.continue_with(&catalog_track("c1"));
        assert_eq!(state.autoplay_from, Some(1));
        assert_eq!(state.ending_track().unwrap().id, "c1");
        assert!(state.played_lately("t0") && state.played_lately("c1"));
        state.stop_autoplay();
        assert_eq!(state.end(), 1, "the continuation not played yet is gone");
        assert_eq!(state.current_track().unwrap().id, "t0");

        // Playing a continuation: it stays, the next one goes.
        let mut state = PlaybackState::new_queue(vec![track("t0")], 0);
        state.jump(0, 0).unwrap();
        state.continue_with(&catalog_track("c1"));
        state.jump(1, 0).unwrap();
        state.continue_with(&catalog_track("c2"));
        state.stop_autoplay();
        assert_eq!(state.end(), 2);
        assert_eq!(state.current_track().unwrap().id, "c1");
    }

    #[test]
    fn a_long_continuation_stays_within_the_queue_bound() {
        let mut state = PlaybackState::new_queue(vec![track("t0")], 0);
        state.jump(0, 0).unwrap();
        for i in 0..250 {
            state.continue_with(&catalog_track(&format!("c{i}")));
            let next = state.position + 1;
            state.jump(next, 0).unwrap();
            assert!(state.tracks.len() <= MAX_QUEUE);
        }
        assert_eq!(state.current_track().unwrap().id, "c249");
        assert_eq!(state.position, 250, "positions go on counting");
    }
}
