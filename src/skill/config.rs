//! Configuration, parsed once at start-up ([`crate::settings`]).

use crate::listeners::ListenerPolicy;

/// Which skill may call this backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkillIdPolicy {
    /// Only requests addressed to this skill id are served.
    Only(String),
    /// Any skill id: for local runs only (`jukebox invoke`, `jukebox chat`).
    AcceptAny,
}

impl SkillIdPolicy {
    pub fn accepts(&self, application_id: &str) -> bool {
        match self {
            SkillIdPolicy::Only(id) => id == application_id,
            SkillIdPolicy::AcceptAny => true,
        }
    }
}

/// The skill's own settings.
#[derive(Debug, Clone)]
pub struct SkillConfig {
    pub skill_id: SkillIdPolicy,
    /// Who may play (`LISTENERS`).
    pub listeners: ListenerPolicy,
    /// The name listeners say ("my jukebox"), used in help.
    pub invocation_name: String,
    /// What "now" is when ordering player events.
    pub clock: Clock,
    /// What plays when a queue ends with loop off (`AUTOPLAY`).
    pub autoplay: Autoplay,
}

/// What plays when a listener's queue runs out with loop off (`AUTOPLAY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Autoplay {
    /// Nothing: the music stops at the end of the queue.
    #[default]
    Off,
    /// A track like the last one (same artist, else genre, else decade),
    /// none of the listener's last plays, until they say "stop autoplay".
    Similar,
}

impl SkillConfig {
    pub fn new(skill_id: SkillIdPolicy, listeners: ListenerPolicy) -> Self {
        SkillConfig {
            skill_id,
            listeners,
            invocation_name: crate::INVOCATION_NAME.to_string(),
            clock: Clock::default(),
            autoplay: Autoplay::Off,
        }
    }

    /// The same, with `AUTOPLAY` as given.
    pub fn with_autoplay(self, autoplay: Autoplay) -> Self {
        SkillConfig { autoplay, ..self }
    }
}

/// The time the skill believes: the system clock, moved ahead by what
/// `jukebox chat` lets pass virtually (`:wait`), so a simulated hour of
/// listening is not "in the future" to the skill. Shared by clones.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    ahead_ms: std::sync::Arc<std::sync::atomic::AtomicI64>,
}

impl Clock {
    /// Milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> i64 {
        crate::playback::stamp::now_ms()
            .saturating_add(self.ahead_ms.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// Moves this clock (and every clone) `ms` ahead of the system's.
    pub fn advance(&self, ms: i64) {
        self.ahead_ms
            .fetch_add(ms.max(0), std::sync::atomic::Ordering::Relaxed);
    }
}

/// Shortens an id for logs: enough to tell ids apart, never the whole id.
pub fn redact(id: &str) -> String {
    let tail: String = id
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if id.chars().count() <= 6 {
        "…".to_string()
    } else {
        format!("…{tail}")
    }
}
