//! The queue: each listener's tracks, where in them they are, and every
//! operation on them, as plain data and functions. A change to "next"
//! starts and ends here. No store is called here but the catalog, for the
//! unread rest ([`Rest::read_more`], [`shuffled`]), through the port the
//! caller hands in.
//!
//! - This file: the [`PlaybackState`] as stored, and its arithmetic: where
//!   a listener goes next or back ([`Skip`]), which player events are
//!   theirs, loop and shuffle, what a change leaves enqueued on the device
//!   ([`Requeue`]).
//! - [`rest`]: the rest of a queue not read yet, a cursor over a search key
//!   of the catalog read a little at a time.
//! - [`shuffle`]: a shuffled order of a whole source that is never written
//!   out.
//! - [`edit`]: "play next", "add to the queue", "clear the queue" and
//!   "what's next?" ([`Added`]).
//! - [`autoplay`]: music that keeps going, a track like the last when the
//!   queue runs out, never one of the listener's last plays ([`Recent`]).
//! - [`ahead`]: how much of the unread rest a change needs before it runs
//!   ([`Ahead`]), and how much to read at once.
//!
//! The skill loads and saves the state through the
//! [`PlaybackStore`](super::PlaybackStore) port and turns a [`Cue`] into an
//! `AudioPlayer.Play` directive.

pub mod ahead;
pub mod autoplay;
pub mod edit;
pub mod rest;
pub mod shuffle;

pub use ahead::{Ahead, ReadAhead};
pub use autoplay::{pick_similar, Recent, RECENT_PLAYS};
pub use edit::Added;
pub use rest::{shuffled, Rest, ShuffledStart};
pub use shuffle::Shuffle;

use serde::{Deserialize, Serialize};

use super::{now_secs, stamp, token, StreamToken};

/// Longest queue built for one request: keeps lookups and the state item bounded.
pub const MAX_QUEUE: usize = 100;

/// What the listener's player is doing, as far as jukebox knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// A Play directive was sent; the device has not confirmed it yet.
    #[default]
    Requested,
    Playing,
    /// Stopped or paused by the listener: resume continues at `offset_ms`.
    Stopped,
    /// The queue ran out.
    Finished,
}

/// A listener's queue and position, as stored (in DynamoDB as JSON, see
/// `docs/dynamodb.md`). The `serde` names are the stored ones: a field
/// renamed in Rust keeps its stored name, so stored queues still read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaybackState {
    /// Which queue this is: new whenever the listener asks for something
    /// new to play, so the tokens of their previous queue are recognised as
    /// stale.
    pub queue_id: String,
    /// The tracks the listener asked for, in the order they were asked for
    /// (album or artist order). Kept whole, so events need no catalog read.
    pub tracks: Vec<QueuedTrack>,
    /// The order the listener hears `tracks` in: indexes into `tracks`, in
    /// order or shuffled.
    #[serde(rename = "order")]
    pub play_order: Vec<usize>,
    /// Where in the play order the listener is: the current track's place,
    /// counted from the queue's first track (tokens name it), dropped
    /// tracks included.
    pub position: usize,
    /// The position of the first track the state still holds: a long queue
    /// (a whole-catalog shuffle) drops the tracks the listener played long
    /// ago from its front so the state stays small, and `play_order[i]` is
    /// the track at position `first_held + i`.
    #[serde(rename = "dropped", default, skip_serializing_if = "is_zero")]
    pub first_held: usize,
    /// The play number in the token of the stream the listener hears (see
    /// [`StreamToken`]): one track played twice is two streams.
    #[serde(rename = "play", default)]
    pub current_play: u64,
    /// How many streams of this queue were sent to the device: the next one
    /// gets play number `plays_sent + 1`, so no two streams of a queue
    /// share a token.
    #[serde(rename = "plays", default)]
    pub plays_sent: u64,
    /// The play number of the stream the listener's last jump (play, next,
    /// previous, resume) sent with REPLACE_ALL, which replaced every stream
    /// of the queue sent before it: their events are stale (see
    /// [`PlaybackState::own_token`]). Stored state without it reads as 0:
    /// no stream is held stale.
    #[serde(rename = "live_from", default)]
    pub first_live_play: u64,
    /// Where in the current track the listener is, in milliseconds: where
    /// it was stopped, or where its stream was sent to start.
    pub offset_ms: i64,
    /// What the listener's player is doing.
    pub activity: Activity,
    /// Whether the listener asked for the queue to start over when it ends.
    #[serde(default)]
    pub loop_on: bool,
    /// Whether the listener asked for what is still to come in shuffled
    /// order.
    #[serde(default)]
    pub shuffle_on: bool,
    /// The token of the stream sent with ENQUEUE to play after the current
    /// one, if any: a second PlaybackNearlyFinished for the same track
    /// enqueues nothing.
    #[serde(rename = "enqueued", default, skip_serializing_if = "Option::is_none")]
    pub enqueued_token: Option<String>,
    /// How many tracks in a row failed to play for the listener: stops a
    /// queue of broken streams from looping forever.
    #[serde(rename = "failures", default)]
    pub consecutive_failures: usize,
    /// The rest of the queue the listener asked for that is not read yet
    /// (a song's artist's other tracks, a genre), read as the queue reaches
    /// its end; `None` when `tracks` is all of it.
    #[serde(rename = "more", default, skip_serializing_if = "Option::is_none")]
    pub unread: Option<Rest>,
    /// Set on the queue a first ask starts ([`PlaybackState::asked`])
    /// until its track is put in ([`PlaybackState::answer`]): its first
    /// stream's token names the track found
    /// ([`PlaybackState::first_stream_track`]), and the first request that
    /// brings that token reads the track and fills the queue in. Such a
    /// queue lives in memory while a request rebuilds it; older versions
    /// stored it so, written before their search answered, and those items
    /// are filled in the same way. Until then it is a queue of nothing:
    /// every other token is foreign to it.
    #[serde(rename = "ask", default, skip_serializing_if = "is_false")]
    pub awaiting_answer: bool,
    /// When the listener asked for this queue, in microseconds since the
    /// Unix epoch (0 for queues stored before it was kept): the first
    /// stream of a later first ask, never stored until the device reports
    /// it, replaces this queue, and one of an earlier ask does not
    /// ([`PlaybackState::opened_by`]).
    #[serde(rename = "begun", default, skip_serializing_if = "is_no_time")]
    pub begun_us: u64,
    /// The listener's last plays ([`autoplay::RECENT_PLAYS`]), carried
    /// from queue to queue: what a continuation never repeats.
    #[serde(default, skip_serializing_if = "Recent::is_empty")]
    pub recent: Recent,
    /// The listener said "stop autoplay": this queue ends when it runs
    /// out. A new queue starts without it.
    #[serde(rename = "no_auto", default, skip_serializing_if = "is_false")]
    pub autoplay_off: bool,
    /// The position of the first track a continuation added, if any:
    /// what "stop autoplay" takes back when it has not played yet.
    #[serde(rename = "auto_from", default, skip_serializing_if = "Option::is_none")]
    pub autoplay_from: Option<usize>,
    /// When the newest player event applied happened (RFC 3339, see
    /// [`stamp`]): older ones arriving late are recognised and ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_event_at: Option<String>,
    /// Seconds since the Unix epoch of the last change.
    pub updated_at: u64,
}

/// A track as the queue keeps it: what a Play directive and "what's playing" need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedTrack {
    /// The catalog's id of the track: what tokens name.
    pub id: String,
    /// What "what's playing" says and screens show.
    pub title: String,
    pub artist: String,
    /// The stream the device plays, as the catalog has it.
    pub url: String,
    /// Cover art for screen devices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// A live station ([`crate::catalog::Track::live`]): nothing comes
    /// before or after it, and it always plays from the live edge.
    #[serde(default, skip_serializing_if = "is_false")]
    pub live: bool,
}

impl From<&crate::catalog::Track> for QueuedTrack {
    fn from(track: &crate::catalog::Track) -> Self {
        QueuedTrack {
            id: track.id.clone(),
            title: track.title.clone(),
            artist: track.artist.clone(),
            url: track.url.clone(),
            image_url: track.image_url.clone(),
            live: track.live,
        }
    }
}

/// Which neighbour of the current track the listener asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    Next,
    Previous,
}

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
    /// Nothing enqueued and nothing to enqueue, or what is enqueued is
    /// still next.
    Unchanged,
    /// Nothing was enqueued and a track now comes next: ENQUEUE it after
    /// the stream `after` names (its `expectedPreviousToken`).
    Enqueue { cue: Cue, after: String },
    /// Replace the enqueued track with this one.
    Replace(Cue),
    /// Nothing comes next any more: clear what is enqueued.
    Clear,
}

/// What came of asking for shuffle on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum ShuffleSet {
    /// The order is now as asked.
    Done,
    /// Off was asked, but this queue is only ever shuffled.
    AlwaysShuffled,
}

/// What the device's player says about itself with a request
/// (`context.AudioPlayer`), in the queue's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceReport {
    /// The stream the player holds.
    pub token: String,
    /// Where in it; Alexa sends -1 at times, which says nothing.
    pub offset_ms: Option<i64>,
    pub player: DevicePlayer,
}

/// Whether the device's stream goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DevicePlayer {
    /// Playing, buffering, or paused only while Alexa listens or speaks:
    /// the stream goes on.
    Playing,
    /// Stopped: by the listener, or by a failure.
    Stopped,
    /// Finished, idle or unknown: nothing plays.
    Done,
}

impl PlaybackState {
    /// A fresh queue of `tracks` in order, starting at the first.
    pub fn new_queue(tracks: Vec<QueuedTrack>, now: u64) -> Self {
        let play_order = (0..tracks.len()).collect();
        PlaybackState {
            queue_id: token::new_queue_id(),
            tracks,
            play_order,
            position: 0,
            first_held: 0,
            current_play: 0,
            plays_sent: 0,
            first_live_play: 0,
            offset_ms: 0,
            activity: Activity::Requested,
            loop_on: false,
            shuffle_on: false,
            enqueued_token: None,
            consecutive_failures: 0,
            unread: None,
            awaiting_answer: false,
            begun_us: 0,
            recent: Recent::default(),
            autoplay_off: false,
            autoplay_from: None,
            last_event_at: None,
            updated_at: now,
        }
    }

    /// The queue a first ask starts at `asked_us` (microseconds since the
    /// Unix epoch) with the song its search found: what
    /// [`PlaybackState::new_queue`] and a jump to its first track leave,
    /// before [`PlaybackState::answer`] puts the track in. Its id carries
    /// the time ([`token::new_ask_queue_id`]) and so does the first
    /// stream's token, which names the track: the ask writes nothing, and
    /// the first request that brings the token (the device's
    /// PlaybackStarted, as a rule) rebuilds this queue from it and stores
    /// it ([`PlaybackState::opened_by`]).
    pub fn asked(asked_us: u64, owner: &str) -> Self {
        let mut state = PlaybackState::new_queue(Vec::new(), asked_us / 1_000_000);
        state.queue_id = token::new_ask_queue_id(asked_us, owner);
        state.begun_us = asked_us;
        state.awaiting_answer = true;
        // The first stream is play 1 of position 0, sent with REPLACE_ALL.
        state.plays_sent = 1;
        state.current_play = 1;
        state.first_live_play = 1;
        state
    }

    /// The queue a first ask of the listener tagged `owner` started, as its
    /// first stream's `token` rebuilds it, when that ask is newer than this
    /// stored queue (`stored`; `None`: no queue at all yet): still awaiting
    /// its track ([`PlaybackState::answer`]), with the stored queue's loop
    /// setting and last plays. `None` when the token opens no such queue, is another
    /// listener's or device's, names the stored queue itself, comes from an
    /// ask older than the stored queue (a late event of a stream the
    /// listener has since replaced) or from a clock more than a minute
    /// ahead of `now_us`.
    pub fn opened_by(
        stored: Option<&PlaybackState>,
        token: &StreamToken,
        owner: &str,
        now_us: u64,
    ) -> Option<PlaybackState> {
        const CLOCK_SLACK_US: u64 = 60_000_000;
        if !token::opens_ask_queue(token) {
            return None;
        }
        let (asked_us, asker) = token::ask_of(&token.queue_id)?;
        if asker != owner || asked_us > now_us.saturating_add(CLOCK_SLACK_US) {
            return None;
        }
        if stored.is_some_and(|s| s.queue_id == token.queue_id || s.begun_us >= asked_us) {
            return None;
        }
        let mut state = PlaybackState::asked(asked_us, owner);
        state.queue_id = token.queue_id.clone();
        if let Some(stored) = stored {
            state.loop_on = stored.loop_on;
            state.recent = stored.recent.clone();
        }
        Some(state)
    }

    /// The track id a token of this queue's first stream names, while the
    /// queue awaits its answer: the track the search found.
    pub fn first_stream_track(&self, token: &str) -> Option<String> {
        let token = StreamToken::parse(token)?;
        (self.awaiting_answer
            && token.queue_id == self.queue_id
            && token.play == 1
            && token.position == 0)
            .then_some(token.track_id)
    }

    /// Fills in a queue that awaited its search's answer: `tracks` from the
    /// first (the one its first stream plays), then `rest`. What was
    /// recorded meanwhile (the first stream started, stopped, settings)
    /// stays.
    pub fn answer(&mut self, tracks: Vec<QueuedTrack>, rest: Option<Rest>) {
        self.play_order = (0..tracks.len()).collect();
        self.tracks = tracks;
        self.unread = rest;
        self.awaiting_answer = false;
    }

    /// The first stream of a queue just answered, as its Play directive
    /// carries it.
    pub fn first_cue(&self) -> Option<Cue> {
        self.cue(0, 1, 0)
    }

    /// The current track.
    pub fn current_track(&self) -> Option<&QueuedTrack> {
        self.track_at(self.position)
    }

    /// The track at a position of the play order.
    pub fn track_at(&self, position: usize) -> Option<&QueuedTrack> {
        let index = position.checked_sub(self.first_held)?;
        self.play_order.get(index).and_then(|&i| self.tracks.get(i))
    }

    /// The position after the last track the queue holds.
    pub fn end(&self) -> usize {
        self.first_held + self.play_order.len()
    }

    /// Drops the played tracks more than `keep_behind` before the current
    /// one, when the queue plays in the order it was read (a shuffled
    /// source already is): positions, and so tokens, stay as they were.
    pub fn drop_played(&mut self, keep_behind: usize) {
        let in_order = self.play_order.iter().enumerate().all(|(i, &t)| i == t);
        let index = self.position.saturating_sub(self.first_held);
        let cut = index.saturating_sub(keep_behind).min(self.tracks.len());
        if !in_order || cut == 0 {
            return;
        }
        self.tracks.drain(..cut);
        self.play_order = (0..self.tracks.len()).collect();
        self.first_held += cut;
    }

    /// Adds tracks read from the rest of the queue to its end, in order.
    pub fn append(&mut self, tracks: impl IntoIterator<Item = QueuedTrack>) {
        for track in tracks {
            self.play_order.push(self.tracks.len());
            self.tracks.push(track);
        }
    }

    /// Whether the queue holds all of itself (nothing left to read).
    pub fn is_whole(&self) -> bool {
        self.unread.as_ref().is_none_or(|rest| rest.all_read)
    }

    /// The stream token for play number `play` of the track at a position
    /// of the play order.
    pub fn token_at(&self, position: usize, play: u64) -> Option<StreamToken> {
        self.track_at(position).map(|track| StreamToken {
            queue_id: self.queue_id.clone(),
            play,
            position,
            track_id: track.id.clone(),
        })
    }

    /// The stream token of the current track, as last sent to the device.
    pub fn current_token(&self) -> Option<StreamToken> {
        self.token_at(self.position, self.current_play)
    }

    /// The track at `position` as play number `play`, ready to stream from
    /// `offset_ms`.
    fn cue(&self, position: usize, play: u64, offset_ms: i64) -> Option<Cue> {
        Some(Cue {
            track: self.track_at(position)?.clone(),
            token: self.token_at(position, play)?.to_string(),
            offset_ms: offset_ms.max(0),
        })
    }

    /// A new stream of the track at `position`: the next play number is
    /// taken, so the token is one no earlier stream of this queue had.
    fn new_cue(&mut self, position: usize, offset_ms: i64) -> Option<Cue> {
        let play = self.plays_sent + 1;
        let cue = self.cue(position, play, offset_ms)?;
        self.plays_sent = play;
        Some(cue)
    }

    /// Whether the current track is a live station: a queue of one with
    /// nothing next or previous, whatever loop says, that resumes at the
    /// live edge (offset 0: a live stream cannot be sought).
    pub fn is_live(&self) -> bool {
        self.current_track().is_some_and(|track| track.live)
    }

    /// Where resume plays the current track from: where it stopped, or the
    /// live edge of a station.
    pub fn resume_offset(&self) -> i64 {
        if self.is_live() {
            0
        } else {
            self.offset_ms
        }
    }

    /// Whether the track at `position` is a live station, which nothing
    /// follows or precedes (not even itself, looped).
    fn is_live_at(&self, position: usize) -> bool {
        self.track_at(position).is_some_and(|track| track.live)
    }

    /// The position after `position`, wrapping when loop is on (once the
    /// queue holds all of itself: see [`PlaybackState::unread`]). Nothing
    /// comes after a live station.
    pub fn next_position(&self, position: usize) -> Option<usize> {
        if self.is_live_at(position) {
            None
        } else if position + 1 < self.end() {
            Some(position + 1)
        } else if self.loop_on
            && !self.play_order.is_empty()
            && self.is_whole()
            && self.first_held == 0
        {
            Some(0)
        } else {
            None
        }
    }

    /// The position before `position`, wrapping when loop is on. Nothing
    /// comes before a live station.
    pub fn previous_position(&self, position: usize) -> Option<usize> {
        if self.is_live_at(position) {
            None
        } else if position > self.first_held {
            Some(position - 1)
        } else if self.loop_on
            && !self.play_order.is_empty()
            && self.is_whole()
            && self.first_held == 0
        {
            Some(self.play_order.len() - 1)
        } else {
            None
        }
    }

    /// Where [`Skip`] takes the listener: the neighbour of the current
    /// track; "previous" at the start of the queue starts the first track
    /// over. A live station has no neighbour and no start to go back to.
    pub fn skip_target(&self, skip: Skip) -> Option<usize> {
        if self.is_live() {
            return None;
        }
        match skip {
            Skip::Next => self.next_position(self.position),
            Skip::Previous => self.previous_position(self.position).or(Some(0)),
        }
    }

    /// A player event's token, when it is a token of this queue for the
    /// track at the position it names, and of a stream still live (else a
    /// stale or foreign token).
    ///
    /// A stream sent before the last REPLACE_ALL is stale: that Play
    /// replaced it, current and enqueued alike ("REPLACE_ALL: Immediately
    /// begin playback of the specified stream, and replace current and
    /// enqueued streams", AudioPlayer interface reference, Play directive,
    /// https://developer.amazon.com/docs/custom-skills/audioplayer-interface-reference.html#play;
    /// the same text in ask-sdk-core's `addAudioPlayerPlayDirective` doc).
    /// Its events can still arrive, late or in the same second as the new
    /// stream's ("next" twice in quick succession, each event in its own
    /// Lambda): they must not pull the queue back to it. Every stream sent
    /// since has a play number of at least [`PlaybackState::first_live_play`]:
    /// the one the jump sent, and those enqueued after it.
    ///
    /// Every stream has a play number of its own, so a token with the
    /// current play number is the current stream even when the play order
    /// changed under it (shuffle on or off mid-track moves its position):
    /// it is returned at the position the stream has now.
    pub fn own_token(&self, token: &str) -> Option<StreamToken> {
        let parsed = StreamToken::parse(token)?;
        if parsed.queue_id == self.queue_id
            && parsed.play != 0
            && parsed.play == self.current_play
            && self
                .current_track()
                .is_some_and(|t| t.id == parsed.track_id)
        {
            return Some(StreamToken {
                position: self.position,
                ..parsed
            });
        }
        (parsed.queue_id == self.queue_id
            && parsed.play <= self.plays_sent
            && parsed.play >= self.first_live_play
            && self
                .track_at(parsed.position)
                .is_some_and(|t| t.id == parsed.track_id))
        .then_some(parsed)
    }

    /// Whether `token` names the current stream: this position, this play.
    pub fn is_current(&self, token: &StreamToken) -> bool {
        token.position == self.position && token.play == self.current_play
    }

    /// Whether `token` is the stream enqueued after the current one.
    pub fn is_enqueued(&self, token: &StreamToken) -> bool {
        self.enqueued_token
            .as_deref()
            .and_then(StreamToken::parse)
            .is_some_and(|enqueued| enqueued == *token)
    }

    /// Brings the state in line with what the device's player reports with
    /// a spoken request or a button (`context.AudioPlayer`), which is the
    /// truth about what plays now: the events that would have told us can
    /// be lost or still on their way. A report naming one of this queue's
    /// live streams makes that stream the current one, at the device's
    /// offset, playing or stopped as the device says. Any other report
    /// (another queue's stream, a stale one, none) changes nothing.
    ///
    /// A device sends PlaybackStopped whenever the listener speaks to
    /// Alexa during playback, and plays on by itself once the voice
    /// interaction is over ("This request is also sent if the user makes a
    /// voice request to Alexa, since this temporarily pauses the playback
    /// ... the playback begins automatically once the voice interaction is
    /// complete", AudioPlayer interface reference, PlaybackStopped,
    /// https://developer.amazon.com/docs/custom-skills/audioplayer-interface-reference.html):
    /// a request that reports the stream as playing is such an
    /// interaction, not the listener's pause.
    ///
    /// Returns whether the state changed.
    pub fn align_with_device(&mut self, report: &DeviceReport) -> bool {
        let Some(token) = self.own_token(&report.token) else {
            return false;
        };
        let before = (
            self.position,
            self.current_play,
            self.activity,
            self.offset_ms,
        );
        if !self.is_current(&token) {
            self.take_over(&token);
        }
        match report.player {
            DevicePlayer::Playing => self.activity = Activity::Playing,
            DevicePlayer::Stopped if self.activity == Activity::Playing => {
                self.activity = Activity::Stopped;
            }
            // Stopped and already known so, finished or idle: the stored
            // activity already says what comes next (resume, or the end).
            DevicePlayer::Stopped | DevicePlayer::Done => {}
        }
        if let Some(offset) = report.offset_ms.filter(|offset| *offset >= 0) {
            self.offset_ms = offset;
        }
        before
            != (
                self.position,
                self.current_play,
                self.activity,
                self.offset_ms,
            )
    }

    /// The device plays `token` now (the enqueued stream took over, or one
    /// of the queue the device reports): it becomes the current stream.
    pub fn take_over(&mut self, token: &StreamToken) {
        if self.is_enqueued(token) {
            self.enqueued_token = None;
        }
        self.position = token.position;
        self.current_play = token.play;
        // What a continuation must not repeat: every stream that became
        // the current one, however the device said so.
        self.recent.push(&token.track_id);
    }

    /// The track after `position` as a new stream to ENQUEUE, recorded as
    /// enqueued; `None` when nothing comes next.
    pub fn enqueue_after(&mut self, position: usize) -> Option<Cue> {
        let cue = self.new_cue(self.next_position(position)?, 0)?;
        self.enqueued_token = Some(cue.token.clone());
        Some(cue)
    }

    /// Whether what is enqueued is still the track that follows `position`
    /// (same position, same track: the order may have been reshuffled).
    pub fn enqueued_follows(&self, position: usize) -> bool {
        let Some(enqueued) = self.enqueued_token.as_deref().and_then(StreamToken::parse) else {
            return false;
        };
        self.next_position(position).is_some_and(|next| {
            enqueued.position == next
                && self
                    .track_at(next)
                    .is_some_and(|t| t.id == enqueued.track_id)
        })
    }

    /// Whether a player event that happened at `at_ms` is older than one
    /// already applied (late or replayed). A stored time that cannot be
    /// read, or lies further ahead of `now_ms` than a device's clock may
    /// ([`stamp::MAX_AHEAD_MS`]), holds nothing back.
    pub fn is_late(&self, at_ms: i64, now_ms: i64) -> bool {
        self.last_event_at
            .as_deref()
            .and_then(stamp::parse_ms)
            .filter(|&last| last <= now_ms.saturating_add(stamp::MAX_AHEAD_MS))
            .is_some_and(|last| at_ms < last)
    }

    /// Records that a player event that happened at `at_ms` was applied.
    pub fn record_event(&mut self, at_ms: i64) {
        self.last_event_at = Some(stamp::format_ms(at_ms));
    }

    /// Moves to `position` to play it from `offset_ms`, replacing what plays.
    pub fn jump(&mut self, position: usize, offset_ms: i64) -> Option<Cue> {
        let cue = self.new_cue(position, offset_ms)?;
        self.position = position;
        self.current_play = self.plays_sent;
        // Sent with REPLACE_ALL: every earlier stream of the queue is gone.
        self.first_live_play = self.plays_sent;
        self.offset_ms = cue.offset_ms;
        self.activity = Activity::Requested;
        self.enqueued_token = None;
        self.updated_at = now_secs();
        Some(cue)
    }

    /// Shuffle on: what is still to come is shuffled, what played stays
    /// behind. Off: back to catalog order, at the same track.
    ///
    /// A shuffled source (a genre, the whole catalog) is read in its own
    /// shuffled order, a track at a time, and has no catalog order to go
    /// back to: it stays shuffled, and says so, whatever was asked.
    pub fn set_shuffle(&mut self, on: bool, rng: &mut impl rand::Rng) -> ShuffleSet {
        use rand::seq::SliceRandom;
        if self
            .unread
            .as_ref()
            .is_some_and(|rest| rest.shuffled_order.is_some())
        {
            self.shuffle_on = true;
            return if on {
                ShuffleSet::Done
            } else {
                ShuffleSet::AlwaysShuffled
            };
        }
        let index = self.position.saturating_sub(self.first_held);
        if on {
            let to_come = index + 1;
            if to_come < self.play_order.len() {
                self.play_order[to_come..].shuffle(rng);
            }
        } else {
            let current = self.play_order.get(index).copied().unwrap_or(0);
            self.play_order = (0..self.tracks.len()).collect();
            self.position = self.first_held + current;
        }
        self.shuffle_on = on;
        ShuffleSet::Done
    }

    /// Loop on and the rest read through: a queue that cannot wrap in place
    /// (a shuffled source, or one that dropped played tracks to stay small)
    /// reads its next lap like the first, a shuffled one in a new order.
    /// Positions go on counting, so every lap's tokens are new.
    pub fn start_lap(&mut self) {
        let first_held = self.first_held;
        let Some(rest) = self.unread.as_mut().filter(|rest| rest.all_read) else {
            return;
        };
        if rest.shuffled_order.is_some() {
            rest.next_cycle(rand::random());
        } else if first_held > 0 {
            *rest = Rest::from_position(rest.search_key.clone(), 0);
        }
    }

    /// After the play order or loop changed: what is enqueued on the device
    /// may no longer be next, or a track may come next where none did.
    /// Records and returns the fix.
    pub fn requeue_next(&mut self) -> Requeue {
        if self.enqueued_token.is_none() {
            return self.enqueue_now();
        }
        if self.enqueued_follows(self.position) {
            return Requeue::Unchanged;
        }
        match self.enqueue_after(self.position) {
            Some(cue) => Requeue::Replace(cue),
            None => {
                self.enqueued_token = None;
                Requeue::Clear
            }
        }
    }

    /// Nothing is enqueued, while the current stream plays (or was just
    /// sent): the track that now comes next, if any, is enqueued at once.
    /// Its PlaybackNearlyFinished may already have come and found nothing
    /// to enqueue (loop turned on during the last track); Alexa sends one
    /// per stream, so waiting for another would let the music stop. A later
    /// one finds the track enqueued and adds nothing. The current stream is
    /// the `expectedPreviousToken`: "A token that represents the expected
    /// previous stream. This property is required and allowed only when the
    /// playBehavior is ENQUEUE" (AudioPlayer interface reference, Play
    /// directive). A state of the first token format (play 0) does not know
    /// the device's token exactly and waits for the event.
    fn enqueue_now(&mut self) -> Requeue {
        if !matches!(self.activity, Activity::Playing | Activity::Requested)
            || self.current_play == 0
        {
            return Requeue::Unchanged;
        }
        let Some(current) = self.current_token() else {
            return Requeue::Unchanged;
        };
        match self.enqueue_after(self.position) {
            Some(cue) => Requeue::Enqueue {
                cue,
                after: current.to_string(),
            },
            None => Requeue::Unchanged,
        }
    }
}

fn is_no_time(ms: &u64) -> bool {
    *ms == 0
}

fn is_false(b: &bool) -> bool {
    !b
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A queued track named by its id: the fixture of every queue test.
    pub(super) fn track(id: &str) -> QueuedTrack {
        QueuedTrack {
            id: id.into(),
            title: format!("Title {id}"),
            artist: "Artist".into(),
            url: format!("https://audio.example.com/{id}.mp3"),
            image_url: None,
            live: false,
        }
    }

    fn queue(n: usize) -> PlaybackState {
        PlaybackState::new_queue((0..n).map(|i| track(&format!("t{i}"))).collect(), 1)
    }

    fn report(token: &str, offset_ms: i64, player: DevicePlayer) -> DeviceReport {
        DeviceReport {
            token: token.to_string(),
            offset_ms: Some(offset_ms),
            player,
        }
    }

    #[test]
    fn the_device_report_is_the_truth_about_what_plays() {
        // Track 0 plays, track 1 enqueued; the events of track 1's start
        // were lost: the device reports track 1 at 5 s.
        let mut state = queue(3);
        let first = state.jump(0, 0).unwrap();
        state.activity = Activity::Playing;
        let second = state.enqueue_after(0).unwrap();
        assert!(state.align_with_device(&report(&second.token, 5_000, DevicePlayer::Playing)));
        assert_eq!(state.current_track().unwrap().id, "t1");
        assert_eq!(
            (state.offset_ms, state.activity),
            (5_000, Activity::Playing)
        );
        assert_eq!(state.enqueued_token, None, "the enqueued stream took over");
        // The same report again changes nothing.
        assert!(!state.align_with_device(&report(&second.token, 5_000, DevicePlayer::Playing)));

        // A PlaybackStopped stored for a voice interaction: the device
        // reports the stream as playing, so it plays.
        state.activity = Activity::Stopped;
        assert!(state.align_with_device(&report(&second.token, 6_000, DevicePlayer::Playing)));
        assert_eq!(state.activity, Activity::Playing);

        // Stopped on the device while we thought it played: a lost
        // PlaybackStopped; its offset is where resume starts.
        assert!(state.align_with_device(&report(&second.token, 7_000, DevicePlayer::Stopped)));
        assert_eq!(
            (state.activity, state.offset_ms),
            (Activity::Stopped, 7_000)
        );

        // A stream of an earlier jump, another queue's, or garbage: nothing.
        state.jump(2, 0).unwrap();
        let snapshot = state.clone();
        assert!(!state.align_with_device(&report(&first.token, 1_000, DevicePlayer::Playing)));
        assert!(!state.align_with_device(&report("not a token", 1_000, DevicePlayer::Playing)));
        let other = queue(3).jump(0, 0).unwrap();
        assert!(!state.align_with_device(&report(&other.token, 1_000, DevicePlayer::Playing)));
        assert_eq!(state, snapshot);

        // Finished on the device leaves a finished queue finished, and -1
        // says nothing about the offset.
        state.activity = Activity::Finished;
        let current = state.current_token().unwrap().to_string();
        let mut finished = report(&current, -1, DevicePlayer::Done);
        finished.offset_ms = Some(-1);
        assert!(!state.align_with_device(&finished));
        assert_eq!(state.activity, Activity::Finished);
    }

    /// A first ask's queue holds nothing and owns no token until it is
    /// answered; then it is the queue a jump to the first track of a new
    /// queue leaves, and the first stream's token is its current one.
    #[test]
    fn a_queue_awaiting_its_answer_is_filled_in_by_its_first_stream() {
        let mut waiting = PlaybackState::asked(1_000, "ab12cd");
        let first = format!("jb2.{}.1.0.t0", waiting.queue_id);
        let parsed = StreamToken::parse(&first).unwrap();
        assert!(token::opens_ask_queue(&parsed));
        assert_eq!(waiting.own_token(&first), None, "nothing held yet");
        assert_eq!(waiting.current_track(), None);
        assert_eq!(waiting.first_stream_track(&first).as_deref(), Some("t0"));
        for other in [
            format!("jb2.{}.2.0.t0", waiting.queue_id),
            format!("jb2.{}.1.1.t0", waiting.queue_id),
            "jb2.zzzzzzzzzzzz.1.0.t0".to_string(),
        ] {
            assert_eq!(waiting.first_stream_track(&other), None, "{other}");
        }

        let rest = Rest::after("a:x".into(), 4);
        waiting.answer(vec![track("t0")], Some(rest.clone()));
        assert!(!waiting.awaiting_answer);
        assert_eq!(waiting.first_stream_track(&first), None, "answered once");
        let cue = waiting.first_cue().unwrap();
        assert_eq!(cue.token, first);
        assert!(waiting.is_current(&waiting.own_token(&first).unwrap()));

        let mut direct = PlaybackState::new_queue(vec![track("t0")], 0);
        direct.unread = Some(rest);
        direct.queue_id = waiting.queue_id.clone();
        direct.jump(0, 0).unwrap();
        direct.updated_at = waiting.updated_at;
        direct.begun_us = 1_000;
        assert_eq!(waiting, direct);
        // An ordinary queue's first stream says nothing of an answer.
        let plain = format!("jb2.{}.1.0.t0", queue(1).queue_id);
        assert!(!token::opens_ask_queue(
            &StreamToken::parse(&plain).unwrap()
        ));
    }

    /// The first stream of an ask replaces the stored queue only when the
    /// ask is newer than it and was made on this device: a late event of a
    /// replaced ask, another device's token, a token of the stored queue
    /// itself or of another skill, and a clock far ahead leave the stored
    /// queue alone.
    #[test]
    fn an_asks_first_stream_opens_its_queue_over_older_ones_only() {
        let token_of = |state: &PlaybackState| {
            StreamToken::parse(&format!("jb2.{}.1.0.t9", state.queue_id)).unwrap()
        };
        let ask = token_of(&PlaybackState::asked(100_000_000, "ab12cd"));
        let mut stored = queue(3);
        stored.loop_on = true;
        stored.begun_us = 99_999_999;
        let opened = PlaybackState::opened_by(Some(&stored), &ask, "ab12cd", 100_000_000).unwrap();
        assert_eq!(opened.queue_id, ask.queue_id);
        assert!(opened.awaiting_answer && opened.loop_on);
        assert_eq!((opened.begun_us, opened.current_play), (100_000_000, 1));
        assert!(
            PlaybackState::opened_by(None, &ask, "ab12cd", 100_000_000).is_some_and(|s| !s.loop_on)
        );

        stored.begun_us = 100_000_000;
        assert_eq!(
            PlaybackState::opened_by(Some(&stored), &ask, "ab12cd", 100_000_000),
            None
        );
        let mut itself = opened.clone();
        itself.begun_us = 0;
        assert_eq!(
            PlaybackState::opened_by(Some(&itself), &ask, "ab12cd", 100_000_000),
            None
        );
        assert_eq!(
            PlaybackState::opened_by(None, &ask, "ab12cd", 100_000_000 - 60_000_001),
            None
        );
        assert_eq!(
            PlaybackState::opened_by(None, &ask, "zz99zz", 100_000_000),
            None,
            "another device's"
        );
        for other in [
            format!("jb2.{}.2.0.t9", ask.queue_id),
            format!("jb2.{}.1.1.t9", ask.queue_id),
            "jb2.a-x1y2z3w4v5u6.1.0.t9".to_string(),
            format!("jb2.{}.1.0.t9", queue(1).queue_id),
        ] {
            let other = StreamToken::parse(&other).unwrap();
            assert_eq!(
                PlaybackState::opened_by(None, &other, "ab12cd", 100_000_000),
                None,
                "{other}"
            );
        }
    }

    #[test]
    fn dropping_played_tracks_keeps_positions_and_tokens() {
        let tracks = (0..20).map(|i| track(&format!("t{i}"))).collect();
        let mut state = PlaybackState::new_queue(tracks, 0);
        state.position = 15;
        let token = state.token_at(15, 0).unwrap().to_string();
        state.drop_played(3);
        assert_eq!(
            (state.first_held, state.tracks.len(), state.end()),
            (12, 8, 20)
        );
        assert_eq!(state.current_track().unwrap().id, "t15");
        assert_eq!(state.track_at(11), None);
        assert_eq!(state.track_at(12).unwrap().id, "t12");
        assert_eq!(state.previous_position(13), Some(12));
        assert_eq!(state.previous_position(12), None, "nothing kept before");
        assert_eq!(state.next_position(19), None);
        assert!(
            state.own_token(&token).is_some(),
            "tokens still name their track"
        );

        // A reshuffled order is never cut: its positions are not the tracks'.
        let tracks = (0..20).map(|i| track(&format!("t{i}"))).collect();
        let mut shuffled = PlaybackState::new_queue(tracks, 0);
        assert_eq!(
            shuffled.set_shuffle(true, &mut rand::rng()),
            ShuffleSet::Done
        );
        shuffled.position = 15;
        shuffled.drop_played(3);
        assert_eq!((shuffled.first_held, shuffled.tracks.len()), (0, 20));
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
    fn own_token_accepts_only_tokens_of_this_queue_and_track() {
        let mut state = queue(3);
        state.plays_sent = 4;
        let token = state.token_at(1, 2).unwrap();
        assert_eq!(state.own_token(&token.to_string()), Some(token));
        let other_queue = queue(3);
        assert_eq!(
            state.own_token(&other_queue.token_at(1, 0).unwrap().to_string()),
            None
        );
        let wrong_track = format!("jb2.{}.1.1.t2", state.queue_id);
        assert_eq!(state.own_token(&wrong_track), None);
        let past_the_end = format!("jb2.{}.1.9.t1", state.queue_id);
        assert_eq!(state.own_token(&past_the_end), None);
        let never_sent = format!("jb2.{}.5.1.t1", state.queue_id);
        assert_eq!(
            state.own_token(&never_sent),
            None,
            "a play not handed out yet"
        );
        let first_format = format!("jb1.{}.1.t1", state.queue_id);
        assert_eq!(state.own_token(&first_format).map(|t| t.play), Some(0));
        assert_eq!(state.own_token("someone-elses-token"), None);
    }

    #[test]
    fn a_looping_one_track_queue_enqueues_a_token_of_its_own() {
        let mut state = queue(1);
        state.loop_on = true;
        let first = state.jump(0, 0).unwrap();
        let mut tokens = vec![first.token.clone()];
        for _ in 0..3 {
            let current = state.current_token().unwrap();
            assert_eq!(current.to_string(), *tokens.last().unwrap());
            let next = state.enqueue_after(state.position).unwrap();
            assert_eq!(next.track.id, "t0");
            assert_ne!(next.token, current.to_string(), "the expectedPreviousToken");
            let next_token = state.own_token(&next.token).unwrap();
            assert!(!state.is_current(&next_token));
            assert!(state.is_enqueued(&next_token));
            state.take_over(&next_token);
            assert!(state.is_current(&next_token));
            assert_eq!(state.enqueued_token, None);
            tokens.push(next.token);
        }
        let mut unique = tokens.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            tokens.len(),
            "every lap its own token: {tokens:?}"
        );
    }

    #[test]
    fn late_events_are_older_than_the_newest_applied() {
        let at = |s: &str| stamp::parse_ms(s).unwrap();
        let now = at("2026-01-01T00:01:00Z");
        let mut state = queue(1);
        assert!(!state.is_late(at("2026-01-01T00:00:00Z"), now));
        state.record_event(at("2026-01-01T00:00:10Z"));
        assert!(state.is_late(at("2026-01-01T00:00:09Z"), now));
        assert!(state.is_late(at("2026-01-01T00:00:09.999Z"), now));
        assert!(!state.is_late(at("2026-01-01T00:00:10Z"), now));
        assert!(!state.is_late(at("2026-01-01T00:00:11Z"), now));
        // Compared as instants, not strings: "+01:00" sorts by its time.
        assert!(!state.is_late(at("2026-01-01T01:00:11+01:00"), now));
        // A far-future stored time holds nothing back.
        state.last_event_at = Some("9999-12-31T23:59:59Z".into());
        assert!(!state.is_late(at("2026-01-01T00:00:11Z"), now));
    }

    #[test]
    fn jump_moves_and_forgets_the_enqueued_track() {
        let mut state = queue(3);
        state.enqueue_after(0).unwrap();
        state.activity = Activity::Playing;
        let cue = state.jump(2, -1).unwrap();
        assert_eq!(cue.track.id, "t2");
        assert_eq!(
            cue.offset_ms, 0,
            "a negative offset starts at the beginning"
        );
        assert_eq!(cue.token, state.current_token().unwrap().to_string());
        assert_eq!(
            state.current_play, 2,
            "a new play number: the enqueued stream had 1"
        );
        assert_eq!(
            (state.position, state.activity, state.enqueued_token.clone()),
            (2, Activity::Requested, None)
        );
        assert_eq!(state.jump(3, 0), None);
        assert_eq!(state.position, 2, "a jump past the end changes nothing");
    }

    #[test]
    fn shuffle_keeps_what_played_and_off_returns_to_the_same_track() {
        let mut state = queue(20);
        state.position = 5;
        assert_eq!(state.set_shuffle(true, &mut rand::rng()), ShuffleSet::Done);
        assert!(state.shuffle_on);
        assert_eq!(&state.play_order[..6], &[0, 1, 2, 3, 4, 5]);
        let mut rest = state.play_order[6..].to_vec();
        rest.sort();
        assert_eq!(
            rest,
            (6..20).collect::<Vec<_>>(),
            "a permutation of what is to come"
        );
        state.position = 9;
        let playing = state.play_order[9];
        assert_eq!(state.set_shuffle(false, &mut rand::rng()), ShuffleSet::Done);
        assert!(!state.shuffle_on);
        assert_eq!(state.play_order, (0..20).collect::<Vec<_>>());
        assert_eq!(
            state.position, playing,
            "the same track, now in catalog order"
        );
    }

    /// A REPLACE_ALL replaced every stream sent before it, current and enqueued; their events (late, or in the same second
    /// as the new stream's) name no stream of the queue any more.
    #[test]
    fn streams_a_jump_replaced_are_stale() {
        let mut state = queue(4);
        let first = state.jump(0, 0).unwrap().token;
        let enqueued = state.enqueue_after(0).unwrap().token;
        let second = state.jump(1, 0).unwrap().token;
        let third = state.jump(2, 0).unwrap().token;
        assert_eq!(state.first_live_play, 4);
        for stale in [&first, &enqueued, &second] {
            assert_eq!(state.own_token(stale), None, "{stale}");
        }
        let current = state.own_token(&third).unwrap();
        assert!(state.is_current(&current));
        let next = state.enqueue_after(2).unwrap().token;
        assert!(state
            .own_token(&next)
            .is_some_and(|t| state.is_enqueued(&t)));
        // The enqueued stream takes over: the current one stays live (its
        // PlaybackFinished may come after the next one's PlaybackStarted).
        state.take_over(&state.own_token(&next).unwrap());
        assert!(state.own_token(&third).is_some());
    }

    /// Stored state without the watermark (`live_from`) reads as "every
    /// stream live".
    #[test]
    fn state_stored_without_the_watermark_holds_nothing_stale() {
        let mut state = queue(3);
        let first = state.jump(0, 0).unwrap().token;
        state.jump(1, 0).unwrap();
        let mut stored = serde_json::to_value(&state).unwrap();
        assert_eq!(stored["live_from"], 2);
        stored.as_object_mut().unwrap().remove("live_from");
        let read: PlaybackState = serde_json::from_value(stored).unwrap();
        assert_eq!(read.first_live_play, 0);
        assert!(read.own_token(&first).is_some());
        assert_eq!(
            serde_json::from_value::<PlaybackState>(serde_json::to_value(&state).unwrap()).unwrap(),
            state
        );
    }

    /// Loop turned on during the last track, whose
    /// NearlyFinished found nothing to enqueue (and does not come again):
    /// the wrap-around is enqueued at once, after the current stream.
    #[test]
    fn requeue_enqueues_a_track_that_now_comes_next() {
        let mut state = queue(3);
        let last = state.jump(2, 0).unwrap().token;
        state.activity = Activity::Playing;
        assert_eq!(state.enqueue_after(2), None, "NearlyFinished: nothing next");
        assert_eq!(state.requeue_next(), Requeue::Unchanged);
        state.loop_on = true;
        match state.requeue_next() {
            Requeue::Enqueue { cue, after } => {
                assert_eq!(cue.track.id, "t0");
                assert_eq!(after, last, "the expectedPreviousToken");
                assert_ne!(cue.token, last);
                assert_eq!(state.enqueued_token.as_deref(), Some(cue.token.as_str()));
                // A NearlyFinished after all finds it enqueued.
                assert!(state.enqueued_follows(2));
            }
            other => panic!("expected an ENQUEUE, got {other:?}"),
        }
        assert_eq!(state.requeue_next(), Requeue::Unchanged);

        // Not while paused (resume sends a new stream, and NearlyFinished
        // comes for it), nor for a stream of the first token format (the
        // device's token is not known exactly).
        for (activity, play) in [
            (Activity::Stopped, 1),
            (Activity::Finished, 1),
            (Activity::Playing, 0),
        ] {
            let mut state = queue(3);
            state.jump(2, 0).unwrap();
            state.loop_on = true;
            state.activity = activity;
            state.current_play = play;
            assert_eq!(
                state.requeue_next(),
                Requeue::Unchanged,
                "{activity:?}, play {play}"
            );
            assert_eq!(state.enqueued_token, None);
        }
    }

    /// The stored names are the item format (`docs/dynamodb.md`): stored
    /// queues keep reading whatever the Rust fields are called.
    #[test]
    fn stored_field_names_are_the_item_format() {
        let mut state = queue(3);
        state.jump(1, 0).unwrap();
        state.enqueue_after(1).unwrap();
        state.first_held = 1;
        state.consecutive_failures = 1;
        state.record_event(0);
        state.unread = Some(Rest::shuffled("all".into(), Shuffle::new(5, 9)));
        state.recent.push("t0");
        state.autoplay_off = true;
        state.autoplay_from = Some(2);
        let stored = serde_json::to_value(&state).unwrap();
        let keys = |value: &serde_json::Value| {
            let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        };
        assert_eq!(
            keys(&stored),
            [
                "activity",
                "auto_from",
                "dropped",
                "enqueued",
                "failures",
                "last_event_at",
                "live_from",
                "loop_on",
                "more",
                "no_auto",
                "offset_ms",
                "order",
                "play",
                "plays",
                "position",
                "queue_id",
                "recent",
                "shuffle_on",
                "tracks",
                "updated_at",
            ]
        );
        assert_eq!(
            keys(&stored["more"]),
            ["done", "from", "key", "shuffle", "start", "wrapped"]
        );
        assert_eq!(keys(&stored["more"]["shuffle"]), ["n", "seed"]);
        assert_eq!(stored["recent"], "0944ee69", "8 hex digits a play");
        assert_eq!(
            serde_json::from_value::<PlaybackState>(stored).unwrap(),
            state
        );
        // A queue stored before autoplay existed reads with none of it.
        let mut old = serde_json::to_value(&state).unwrap();
        for key in ["recent", "no_auto", "auto_from"] {
            old.as_object_mut().unwrap().remove(key);
        }
        let read = serde_json::from_value::<PlaybackState>(old).unwrap();
        assert!(read.recent.is_empty() && !read.autoplay_off && read.autoplay_from.is_none());
    }

    #[test]
    fn requeue_replaces_or_clears_what_is_no_longer_next() {
        let mut state = queue(3);
        assert_eq!(state.requeue_next(), Requeue::Unchanged);
        let enqueued = state.enqueue_after(0).unwrap();
        assert_eq!(state.requeue_next(), Requeue::Unchanged);
        assert_eq!(
            state.enqueued_token.as_deref(),
            Some(enqueued.token.as_str())
        );
        state.play_order.swap(1, 2);
        match state.requeue_next() {
            Requeue::Replace(cue) => {
                assert_eq!(cue.track.id, "t2");
                assert_ne!(cue.token, enqueued.token);
                assert_eq!(state.enqueued_token.as_deref(), Some(cue.token.as_str()));
            }
            other => panic!("expected a replacement, got {other:?}"),
        }
        state.position = 2;
        assert_eq!(state.requeue_next(), Requeue::Clear);
        assert_eq!(state.enqueued_token, None);
    }
}
