//! A virtual Echo for `jukebox chat`: it applies AudioPlayer directives as a
//! device does (REPLACE_ALL, ENQUEUE with the expected-previous-token check,
//! REPLACE_ENQUEUED, Stop, ClearQueue), keeps a virtual clock, and reports
//! the player events a device would send, including the PlaybackStopped and
//! PlaybackStarted around every utterance spoken over the music.

use crate::alexa::{ClearBehavior, Directive, PlayBehavior, ResponseEnvelope};

/// A stream the device holds, playing or enqueued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stream {
    pub token: String,
    pub url: String,
    pub title: String,
    pub artist: String,
    pub offset_ms: i64,
    /// Length of the track; unknown streams count as three minutes.
    pub duration_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    Idle,
    Playing,
    Stopped,
    Finished,
}

impl Activity {
    pub fn as_alexa(self) -> &'static str {
        match self {
            Activity::Idle => "IDLE",
            Activity::Playing => "PLAYING",
            Activity::Stopped => "STOPPED",
            Activity::Finished => "FINISHED",
        }
    }
}

/// An event the device sends to the skill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlayerEvent {
    Started { token: String, offset_ms: i64 },
    Stopped { token: String, offset_ms: i64 },
    NearlyFinished { token: String, offset_ms: i64 },
    Finished { token: String, offset_ms: i64 },
}

/// How long before the end of a track the device asks for the next one.
pub const NEARLY_FINISHED_BEFORE_MS: i64 = 15_000;

#[derive(Debug, Clone)]
pub struct Device {
    pub current: Option<Stream>,
    pub enqueued: Option<Stream>,
    pub activity: Activity,
    nearly_finished_sent: bool,
    /// The music stopped for the listener's voice and plays on by itself
    /// once the interaction is over, unless a directive changed it.
    voice_pause: bool,
    /// Warnings a real device would log (an ENQUEUE whose expected token does not match).
    pub warnings: Vec<String>,
}

impl Default for Device {
    fn default() -> Self {
        Device {
            current: None,
            enqueued: None,
            activity: Activity::Idle,
            nearly_finished_sent: false,
            voice_pause: false,
            warnings: vec![],
        }
    }
}

impl Device {
    /// Applies a response's directives; returns the events the device sends.
    /// `describe` fills in title, artist and duration for a stream's token.
    pub fn apply(
        &mut self,
        response: &ResponseEnvelope,
        describe: &dyn Fn(&str, &str, Option<&crate::alexa::AudioMetadata>) -> Stream,
    ) -> Vec<PlayerEvent> {
        let mut events = Vec::new();
        for directive in response.directive_list() {
            match directive {
                Directive::Play(play) => {
                    let stream = &play.audio_item.stream;
                    let mut item = describe(
                        &stream.token,
                        &stream.url,
                        play.audio_item.metadata.as_ref(),
                    );
                    item.offset_ms = stream.offset_in_milliseconds;
                    match play.play_behavior {
                        PlayBehavior::ReplaceAll => {
                            events.extend(self.stop_current());
                            self.enqueued = None;
                            events.extend(self.start(item));
                        }
                        PlayBehavior::Enqueue => {
                            let current = self.current.as_ref().map(|s| s.token.as_str());
                            if stream.expected_previous_token.as_deref() == current {
                                self.enqueued = Some(item);
                            } else {
                                self.warnings.push(format!(
                                    "ENQUEUE ignored: expectedPreviousToken {:?} is not the current token {:?}",
                                    stream.expected_previous_token, current
                                ));
                            }
                        }
                        PlayBehavior::ReplaceEnqueued => self.enqueued = Some(item),
                    }
                }
                Directive::Stop => {
                    self.voice_pause = false;
                    events.extend(self.stop_current());
                }
                Directive::ClearQueue { clear_behavior } => {
                    self.enqueued = None;
                    if *clear_behavior == ClearBehavior::ClearAll {
                        self.voice_pause = false;
                        events.extend(self.stop_current());
                    }
                }
                // A screen changes nothing the player does.
                Directive::RenderDocument(_) => {}
            }
        }
        events
    }

    fn start(&mut self, item: Stream) -> Vec<PlayerEvent> {
        let event = PlayerEvent::Started {
            token: item.token.clone(),
            offset_ms: item.offset_ms,
        };
        self.current = Some(item);
        self.activity = Activity::Playing;
        self.nearly_finished_sent = false;
        self.voice_pause = false;
        vec![event]
    }

    /// The listener starts speaking to Alexa: music that plays stops for
    /// the interaction, and the device says so with a PlaybackStopped ("This
    /// request is also sent if the user makes a voice request to Alexa,
    /// since this temporarily pauses the playback", AudioPlayer interface
    /// reference, PlaybackStopped).
    pub fn voice_starts(&mut self) -> Vec<PlayerEvent> {
        let events = self.stop_current();
        if !events.is_empty() {
            self.voice_pause = true;
        }
        events
    }

    /// The interaction is over: music stopped only for it plays on ("the
    /// playback begins automatically once the voice interaction is
    /// complete"), with a PlaybackStarted at the same place.
    pub fn voice_ends(&mut self) -> Vec<PlayerEvent> {
        if !std::mem::take(&mut self.voice_pause) {
            return vec![];
        }
        let Some(current) = &self.current else {
            return vec![];
        };
        self.activity = Activity::Playing;
        vec![PlayerEvent::Started {
            token: current.token.clone(),
            offset_ms: current.offset_ms,
        }]
    }

    /// What the player reports with a request (`playerActivity`): while
    /// Alexa listens to the listener the music that plays on counts as
    /// playing.
    pub fn reported_activity(&self) -> Activity {
        if self.voice_pause {
            Activity::Playing
        } else {
            self.activity
        }
    }

    fn stop_current(&mut self) -> Vec<PlayerEvent> {
        match (&self.current, self.activity) {
            (Some(current), Activity::Playing) => {
                self.activity = Activity::Stopped;
                vec![PlayerEvent::Stopped {
                    token: current.token.clone(),
                    offset_ms: current.offset_ms,
                }]
            }
            _ => vec![],
        }
    }

    /// Advances the virtual clock. Returns the events due in that time, in
    /// order; the caller sends each and applies its response before the next
    /// tick (so an ENQUEUE can land before the track ends).
    pub fn tick(&mut self, ms: i64) -> Option<(PlayerEvent, i64)> {
        if self.activity != Activity::Playing {
            return None;
        }
        let current = self.current.as_mut()?;
        let nearly_at = (current.duration_ms - NEARLY_FINISHED_BEFORE_MS).max(0);
        if !self.nearly_finished_sent && current.offset_ms.saturating_add(ms) >= nearly_at {
            let used = (nearly_at - current.offset_ms).max(0);
            current.offset_ms = current.offset_ms.max(nearly_at);
            self.nearly_finished_sent = true;
            return Some((
                PlayerEvent::NearlyFinished {
                    token: current.token.clone(),
                    offset_ms: current.offset_ms,
                },
                ms - used,
            ));
        }
        if current.offset_ms.saturating_add(ms) >= current.duration_ms {
            let used = current.duration_ms - current.offset_ms;
            current.offset_ms = current.duration_ms;
            return Some((
                PlayerEvent::Finished {
                    token: current.token.clone(),
                    offset_ms: current.offset_ms,
                },
                ms - used,
            ));
        }
        current.offset_ms = current.offset_ms.saturating_add(ms);
        None
    }

    /// After PlaybackFinished: the enqueued stream starts, or the player is done.
    pub fn after_finished(&mut self) -> Vec<PlayerEvent> {
        match self.enqueued.take() {
            Some(next) => self.start(next),
            None => {
                self.activity = Activity::Finished;
                vec![]
            }
        }
    }
}
