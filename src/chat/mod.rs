//! `jukebox chat`: talk to the skill as if you had an Echo. Each typed
//! utterance is understood against the voice model, wrapped in a real
//! request envelope and run through [`Skill::handle_json`] (the Lambda's own
//! entry point); a virtual Echo plays the directives and sends the player
//! events back, on a virtual clock.

pub mod device;
mod phrasing;
pub mod understand;

use std::io::Write;
use std::sync::Arc;

use anyhow::Context;
use serde_json::{json, Map, Value};

use crate::alexa::ResponseEnvelope;
use crate::locale::Language;
use crate::skill::Skill;
use device::{Device, PlayerEvent, Stream};
pub use understand::{LanguageModel, Understanding, Understood};

/// Default length of a track whose duration the catalog does not give.
const DEFAULT_DURATION_MS: i64 = 180_000;
/// The longest `:wait`: a day.
pub const MAX_WAIT_MS: i64 = 24 * 3_600_000;
/// Tracks one `:wait` plays through event by event; past that (a looping
/// queue, a long wait) the clock jumps to the end of the wait at once.
const MAX_TRACKS_PER_WAIT: usize = 50;

/// One chat conversation: the skill, the understanding, the virtual Echo.
pub struct Chat {
    skill: Arc<Skill>,
    nlu: Understanding,
    device: Device,
    session: Option<Session>,
    locale: String,
    verbose: bool,
    /// Virtual time: wall-clock start plus what `:wait` advanced.
    started_at_ms: i64,
    elapsed_ms: i64,
    requests: u64,
    user_id: String,
    device_id: String,
    /// The linked account's token (`--access-token`), sent as Alexa sends it.
    access_token: Option<String>,
}

struct Session {
    id: String,
    attributes: Option<Map<String, Value>>,
    new: bool,
}

impl Chat {
    pub fn new(skill: Arc<Skill>, model: &LanguageModel, locale: &str, verbose: bool) -> Self {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        Chat {
            skill,
            nlu: Understanding::in_language(model, Language::of_locale(Some(locale))),
            device: Device::default(),
            session: None,
            locale: locale.to_string(),
            verbose,
            started_at_ms: now,
            elapsed_ms: 0,
            requests: 0,
            user_id: "amzn1.ask.account.JUKEBOX-CHAT".to_string(),
            device_id: "amzn1.ask.device.JUKEBOX-CHAT-ECHO".to_string(),
            access_token: None,
        }
    }

    /// Sends this account-linking token with every request, as Alexa does
    /// for a listener who linked their account.
    pub fn with_access_token(mut self, token: Option<String>) -> Self {
        self.access_token = token.filter(|t| !t.is_empty());
        self
    }

    /// Handles one typed line; returns false when the user asked to quit.
    pub async fn line(&mut self, line: &str, out: &mut dyn Write) -> anyhow::Result<bool> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(true);
        }
        if let Some(command) = line.strip_prefix(':') {
            return self.command(command, out).await;
        }
        let understood = self.nlu.understand(line);
        if self.verbose {
            writeln!(out, "  (understood: {understood:?})")?;
        }
        let request = match &understood {
            Understood::Launch => {
                self.session = None;
                json!({"type": "LaunchRequest"})
            }
            Understood::Intent {
                name,
                slots,
                invoked,
            } => {
                if *invoked {
                    self.session = None;
                }
                let slots: Map<String, Value> = slots
                    .iter()
                    .map(|(slot, value)| {
                        (
                            slot.clone(),
                            json!({"name": slot, "value": value, "confirmationStatus": "NONE"}),
                        )
                    })
                    .collect();
                json!({"type": "IntentRequest", "dialogState": "COMPLETED",
                       "intent": {"name": name, "confirmationStatus": "NONE", "slots": slots}})
            }
        };
        // A device stops its music while the listener speaks, and says so.
        for event in self.device.voice_starts() {
            self.player_event(event, out).await?;
        }
        let session = self.session.take().unwrap_or_else(|| Session {
            id: format!("amzn1.echo-api.session.chat-{}", self.requests),
            attributes: None,
            new: true,
        });
        let envelope = self.envelope(request, Some(&session));
        let Some(response) = self.send(envelope, out).await? else {
            self.voice_ends(out).await?;
            return Ok(true);
        };
        if let Some(speech) = response.speech_text() {
            writeln!(out, "Alexa: {speech}")?;
        }
        if let Some(crate::alexa::Card::LinkAccount) = response.card() {
            writeln!(out, "  (the Alexa app shows a card: link your account)")?;
        }
        if response.should_end_session() == Some(false) {
            self.session = Some(Session {
                id: session.id,
                attributes: response.session_attributes().cloned(),
                new: false,
            });
        }
        self.apply(&response, out).await?;
        // With the session open Alexa listens on; the music waits for the
        // conversation to end.
        if self.session.is_none() {
            self.voice_ends(out).await?;
        }
        self.status(out)?;
        Ok(true)
    }

    /// The voice interaction is over: music it stopped plays on.
    async fn voice_ends(&mut self, out: &mut dyn Write) -> anyhow::Result<()> {
        for event in self.device.voice_ends() {
            self.player_event(event, out).await?;
        }
        Ok(())
    }

    async fn command(&mut self, command: &str, out: &mut dyn Write) -> anyhow::Result<bool> {
        let mut parts = command.split_whitespace();
        match (parts.next().unwrap_or(""), parts.next()) {
            ("quit" | "q" | "exit", _) => return Ok(false),
            ("wait", Some(amount)) => {
                let ms = parse_duration(amount).with_context(|| format!("cannot read the duration {amount:?} (try 30s, 2m, 1m30s)"))?;
                anyhow::ensure!(ms <= MAX_WAIT_MS, "{amount} is longer than :wait allows (24h)");
                // Nobody answers: an open session lapses, and music that
                // waited for it plays on.
                self.session = None;
                self.voice_ends(out).await?;
                self.advance(ms, out).await?;
            }
            ("end", _) => {
                let remaining = self.device.current.as_ref().map_or(0, |s| (s.duration_ms - s.offset_ms).max(0));
                self.advance(remaining, out).await?;
            }
            ("fail", _) => {
                let Some(current) = self.device.current.clone() else {
                    writeln!(out, "  (nothing is playing)")?;
                    return Ok(true);
                };
                self.device.activity = device::Activity::Stopped;
                let request = json!({"type": "AudioPlayer.PlaybackFailed", "token": current.token,
                    "error": {"type": "MEDIA_ERROR_UNKNOWN", "message": "jukebox chat: simulated stream failure"},
                    "currentPlaybackState": {"token": current.token, "offsetInMilliseconds": current.offset_ms, "playerActivity": "PLAYING"}});
                self.player_request(request, out).await?;
            }
            ("button", Some(which)) => {
                let kind = match which {
                    "next" => "NextCommandIssued",
                    "previous" | "prev" => "PreviousCommandIssued",
                    "play" => "PlayCommandIssued",
                    "pause" => "PauseCommandIssued",
                    other => anyhow::bail!("unknown button {other:?}: use next, previous, play or pause"),
                };
                self.player_request(json!({"type": format!("PlaybackController.{kind}")}), out).await?;
            }
            ("status", _) => {}
            ("help", _) => writeln!(
                out,
                "Type what you would say to Alexa: \"play hey jude by the beatles\", \"play the album abbey road\", \"play some jazz music\", \"play the road trip playlist\" (with --playlists catalog/playlists), \"shuffle my music\", \"play my favourites\", \"I like this song\", \"next\", \"pause\", \"resume\", \"what's playing\", \"shuffle\", \"loop\".\nCommands: :wait 30s (at most 24h), :end, :fail, :button next|previous|play|pause, :status, :quit"
            )?,
            (other, _) => anyhow::bail!("unknown command :{other} (try :help)"),
        }
        self.status(out)?;
        Ok(true)
    }

    /// Moves the virtual clock, sending the player events that fall due.
    /// After [`MAX_TRACKS_PER_WAIT`] tracks the rest of the wait passes at
    /// once, the player holding its place (as if paused), and says so.
    async fn advance(&mut self, mut ms: i64, out: &mut dyn Write) -> anyhow::Result<()> {
        let mut tracks_finished = 0;
        while let Some((event, left)) = self.device.tick(ms) {
            self.pass(ms - left);
            ms = left;
            let finished = matches!(event, PlayerEvent::Finished { .. });
            self.player_event(event, out).await?;
            if finished {
                for event in self.device.after_finished() {
                    self.player_event(event, out).await?;
                }
                tracks_finished += 1;
                if tracks_finished == MAX_TRACKS_PER_WAIT && ms > 0 {
                    writeln!(
                        out,
                        "  (after {MAX_TRACKS_PER_WAIT} tracks the clock jumps the last {} s of the wait; the player holds its place)",
                        ms / 1000
                    )?;
                    break;
                }
            }
        }
        self.pass(ms.max(0));
        Ok(())
    }

    /// Lets `ms` pass on the virtual clock, which the skill shares.
    fn pass(&mut self, ms: i64) {
        self.elapsed_ms = self.elapsed_ms.saturating_add(ms);
        self.skill.config().clock.advance(ms);
    }

    async fn player_event(
        &mut self,
        event: PlayerEvent,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let (kind, token, offset) = match event {
            PlayerEvent::Started { token, offset_ms } => ("PlaybackStarted", token, offset_ms),
            PlayerEvent::Stopped { token, offset_ms } => ("PlaybackStopped", token, offset_ms),
            PlayerEvent::NearlyFinished { token, offset_ms } => {
                ("PlaybackNearlyFinished", token, offset_ms)
            }
            PlayerEvent::Finished { token, offset_ms } => ("PlaybackFinished", token, offset_ms),
        };
        let request = json!({"type": format!("AudioPlayer.{kind}"), "token": token, "offsetInMilliseconds": offset});
        Box::pin(self.player_request(request, out)).await
    }

    /// Sends an AudioPlayer/PlaybackController request (no session) and applies its directives.
    async fn player_request(&mut self, request: Value, out: &mut dyn Write) -> anyhow::Result<()> {
        if !self.verbose {
            writeln!(out, "  [echo] {}", request["type"].as_str().unwrap_or(""))?;
        }
        let envelope = self.envelope(request, None);
        if let Some(response) = self.send(envelope, out).await? {
            Box::pin(self.apply(&response, out)).await?;
        }
        Ok(())
    }

    async fn apply(
        &mut self,
        response: &ResponseEnvelope,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let mut durations = std::collections::HashMap::new();
        for directive in response.directive_list() {
            if let crate::alexa::Directive::Play(play) = directive {
                let token = &play.audio_item.stream.token;
                let duration = self
                    .skill
                    .track_of_stream(token)
                    .await
                    .ok()
                    .flatten()
                    .and_then(|t| t.duration_ms);
                durations.insert(
                    token.clone(),
                    duration.map_or(DEFAULT_DURATION_MS, |d| {
                        i64::try_from(d).unwrap_or(i64::MAX)
                    }),
                );
            }
        }
        let describe =
            |token: &str, url: &str, metadata: Option<&crate::alexa::AudioMetadata>| Stream {
                token: token.to_string(),
                url: url.to_string(),
                title: metadata.map_or_else(|| url.to_string(), |m| m.title.clone()),
                artist: metadata.map_or_else(String::new, |m| m.subtitle.clone()),
                offset_ms: 0,
                duration_ms: durations.get(token).copied().unwrap_or(DEFAULT_DURATION_MS),
            };
        let events = self.device.apply(response, &describe);
        for warning in self.device.warnings.drain(..).collect::<Vec<_>>() {
            writeln!(out, "  [echo] warning: {warning}")?;
        }
        for event in events {
            Box::pin(self.player_event(event, out)).await?;
        }
        Ok(())
    }

    /// Runs an envelope through the skill; a refusal is printed, not fatal.
    async fn send(
        &mut self,
        envelope: Value,
        out: &mut dyn Write,
    ) -> anyhow::Result<Option<ResponseEnvelope>> {
        if self.verbose {
            writeln!(out, "→ {envelope}")?;
        }
        match self.skill.handle_json(envelope).await {
            Ok(value) => {
                if self.verbose {
                    writeln!(out, "← {value}")?;
                }
                Ok(Some(serde_json::from_value(value).context(
                    "the skill answered something that is not a response",
                )?))
            }
            Err(refusal) => {
                writeln!(out, "  [alexa] request refused: {refusal}")?;
                Ok(None)
            }
        }
    }

    fn envelope(&mut self, mut request: Value, session: Option<&Session>) -> Value {
        self.requests += 1;
        self.pass(1);
        request["requestId"] = json!(format!("amzn1.echo-api.request.chat-{}", self.requests));
        request["timestamp"] = json!(iso8601(self.started_at_ms + self.elapsed_ms));
        request["locale"] = json!(self.locale);
        let application_id = match &self.skill.config().skill_id {
            crate::skill::SkillIdPolicy::Only(id) => id.clone(),
            crate::skill::SkillIdPolicy::AcceptAny => "amzn1.ask.skill.jukebox-chat".to_string(),
        };
        let mut player = json!({"offsetInMilliseconds": 0, "playerActivity": self.device.reported_activity().as_alexa()});
        if let Some(current) = &self.device.current {
            player["token"] = json!(current.token);
            player["offsetInMilliseconds"] = json!(current.offset_ms);
        }
        let mut envelope = json!({
            "version": "1.0",
            "context": {
                "System": {
                    "application": {"applicationId": application_id},
                    "user": {"userId": self.user_id},
                    "device": {"deviceId": self.device_id, "supportedInterfaces": {"AudioPlayer": {}}},
                    "apiEndpoint": "https://api.amazonalexa.com"
                },
                "AudioPlayer": player
            },
            "request": request
        });
        if let Some(session) = session {
            let mut body = json!({"new": session.new, "sessionId": session.id,
                "application": {"applicationId": application_id}, "user": {"userId": self.user_id}});
            if let Some(attributes) = &session.attributes {
                body["attributes"] = Value::Object(attributes.clone());
            }
            envelope["session"] = body;
        }
        if let Some(token) = &self.access_token {
            envelope["context"]["System"]["user"]["accessToken"] = json!(token);
            if envelope.get("session").is_some() {
                envelope["session"]["user"]["accessToken"] = json!(token);
            }
        }
        envelope
    }

    /// One line on what the virtual Echo is doing.
    fn status(&self, out: &mut dyn Write) -> anyhow::Result<()> {
        if let Some(current) = &self.device.current {
            let state = match self.device.activity {
                device::Activity::Playing => "playing",
                device::Activity::Stopped => "paused",
                device::Activity::Finished => "finished",
                device::Activity::Idle => "idle",
            };
            writeln!(
                out,
                "  ♪ {} — {} [{} / {}] {state}",
                current.title,
                current.artist,
                clock(current.offset_ms),
                clock(current.duration_ms)
            )?;
        }
        Ok(())
    }

    /// What the device is playing: (title, artist, offset in ms, playing?).
    pub fn now_playing(&self) -> Option<(String, String, i64, bool)> {
        self.device.current.as_ref().map(|s| {
            (
                s.title.clone(),
                s.artist.clone(),
                s.offset_ms,
                self.device.activity == device::Activity::Playing,
            )
        })
    }
}

fn clock(ms: i64) -> String {
    let seconds = ms.max(0) / 1000;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Reads `30s`, `2m`, `1m30s`, `90` (seconds) or `500ms`.
/// `30s`, `2m`, `1h30m`, `250ms` or a bare number of seconds, in
/// milliseconds; `None` when unreadable or too large to count.
pub fn parse_duration(text: &str) -> Option<i64> {
    if let Some(ms) = text.strip_suffix("ms") {
        return ms.parse().ok().filter(|ms: &i64| *ms >= 0);
    }
    let mut total = 0i64;
    let mut number = String::new();
    let mut add = |number: &mut String, unit_ms: i64| -> Option<()> {
        let n: i64 = number.parse().ok()?;
        number.clear();
        total = total.checked_add(n.checked_mul(unit_ms)?)?;
        Some(())
    };
    for c in text.chars() {
        match c {
            '0'..='9' => number.push(c),
            'h' => add(&mut number, 3_600_000)?,
            'm' => add(&mut number, 60_000)?,
            's' => add(&mut number, 1000)?,
            _ => return None,
        }
    }
    if !number.is_empty() {
        add(&mut number, 1000)?;
    }
    Some(total)
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for milliseconds since the Unix epoch.
fn iso8601(ms: i64) -> String {
    let (days, rem) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600_000,
        (rem / 60_000) % 60,
        (rem / 1000) % 60,
        rem % 1000
    )
}

/// Reads an ASK interaction model file (`{"interactionModel": {"languageModel": …}}`).
pub fn read_model_file(path: &std::path::Path) -> anyhow::Result<LanguageModel> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let value: Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    language_model(&value)
        .with_context(|| format!("{} is not an interaction model", path.display()))
}

/// The `languageModel` of an interaction model document.
pub fn language_model(document: &Value) -> anyhow::Result<LanguageModel> {
    let model = document
        .pointer("/interactionModel/languageModel")
        .context("no interactionModel.languageModel")?;
    Ok(serde_json::from_value(model.clone())?)
}

/// The voice model built from `interaction-model/` for a locale.
pub fn voice_model(locale: &str) -> anyhow::Result<LanguageModel> {
    language_model(&crate::voice_model::VoiceModel::load(locale)?.interaction_model())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_timestamps() {
        assert_eq!(parse_duration("30s"), Some(30_000));
        assert_eq!(parse_duration("1m30s"), Some(90_000));
        assert_eq!(parse_duration("90"), Some(90_000));
        assert_eq!(parse_duration("250ms"), Some(250));
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(
            parse_duration("99999999999999h"),
            None,
            "overflow is unreadable"
        );
        assert_eq!(parse_duration("9223372036854775807"), None);
        assert_eq!(parse_duration("-5ms"), None);
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(1_795_000_000_123), "2026-11-18T11:06:40.123Z");
    }
}
