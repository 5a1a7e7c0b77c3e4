//! Request envelopes as Alexa sends them. Lenient where Alexa is: optional
//! parts are optional, unknown fields are ignored, and a request type we do
//! not know becomes [`RequestKind::Unknown`] instead of an error.

use std::collections::BTreeMap;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A whole request envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestEnvelope {
    #[serde(default = "default_version")]
    pub version: String,
    /// Absent on AudioPlayer and PlaybackController requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Session>,
    pub context: Context,
    pub request: Request,
}

fn default_version() -> String {
    "1.0".to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    #[serde(default)]
    pub new: bool,
    #[serde(default)]
    pub session_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<Application>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Context {
    #[serde(rename = "System")]
    pub system: System,
    #[serde(
        rename = "AudioPlayer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub audio_player: Option<AudioPlayerContext>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct System {
    pub application: Application,
    pub user: User,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Device>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_endpoint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_access_token: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub application_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub user_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub person_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    #[serde(default)]
    pub device_id: String,
    /// Interface name to its (usually empty) description: `{"AudioPlayer": {}}`.
    #[serde(default)]
    pub supported_interfaces: Map<String, Value>,
}

/// What the device's player is doing, sent with every request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioPlayerContext {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// Alexa sends -1 at times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_in_milliseconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub player_activity: Option<PlayerActivity>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PlayerActivity {
    Idle,
    Paused,
    Playing,
    BufferUnderrun,
    Finished,
    Stopped,
    #[serde(other)]
    Unknown,
}

/// The request itself: the fields every type has, and the type's own body.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub request_id: String,
    pub timestamp: String,
    pub locale: Option<String>,
    pub kind: RequestKind,
}

impl Request {
    /// The request id as the logs carry it: its first
    /// [`MAX_UNKNOWN_TYPE_CHARS`] characters (Alexa's ids are about 70,
    /// `amzn1.echo-api.request.<uuid>`; one a caller made up may be any
    /// length, and must not become a line that long).
    pub fn id_for_logs(&self) -> &str {
        first_chars(&self.request_id, MAX_UNKNOWN_TYPE_CHARS)
    }
}

/// The first `max` characters of `text` (all of it when shorter): what a
/// log line keeps of a text a request brings.
pub fn first_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((cut, _)) => &text[..cut],
        None => text,
    }
}

/// Every request type jukebox handles, and a fallback for the rest.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestKind {
    Launch,
    Intent(IntentRequest),
    SessionEnded(SessionEndedRequest),
    PlaybackStarted(PlaybackEvent),
    PlaybackFinished(PlaybackEvent),
    PlaybackStopped(PlaybackEvent),
    PlaybackNearlyFinished(PlaybackEvent),
    PlaybackFailed(PlaybackFailedEvent),
    PlayCommandIssued,
    PauseCommandIssued,
    NextCommandIssued,
    PreviousCommandIssued,
    ExceptionEncountered(ExceptionEncountered),
    /// A touch on the screen jukebox drew (an APL `SendEvent`).
    AplUserEvent(AplUserEvent),
    /// A request type jukebox does not know; kept by name for the log, cut
    /// to [`MAX_UNKNOWN_TYPE_CHARS`] (the name comes from the request, and
    /// a 100 kB one must not become a 100 kB log line).
    Unknown {
        type_name: String,
    },
}

/// The longest unknown request type kept: Alexa's own names are under 60
/// characters (`Alexa.Presentation.APL.UserEvent`).
pub const MAX_UNKNOWN_TYPE_CHARS: usize = 100;

/// The request types jukebox knows, without their bodies: the one table of
/// Alexa's `type` strings, used both to decode and to name a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestType {
    Launch,
    Intent,
    SessionEnded,
    PlaybackStarted,
    PlaybackFinished,
    PlaybackStopped,
    PlaybackNearlyFinished,
    PlaybackFailed,
    PlayCommandIssued,
    PauseCommandIssued,
    NextCommandIssued,
    PreviousCommandIssued,
    ExceptionEncountered,
    AplUserEvent,
}

impl RequestType {
    pub const ALL: [RequestType; 14] = [
        RequestType::Launch,
        RequestType::Intent,
        RequestType::SessionEnded,
        RequestType::PlaybackStarted,
        RequestType::PlaybackFinished,
        RequestType::PlaybackStopped,
        RequestType::PlaybackNearlyFinished,
        RequestType::PlaybackFailed,
        RequestType::PlayCommandIssued,
        RequestType::PauseCommandIssued,
        RequestType::NextCommandIssued,
        RequestType::PreviousCommandIssued,
        RequestType::ExceptionEncountered,
        RequestType::AplUserEvent,
    ];

    /// The `type` string Alexa sends.
    pub const fn name(self) -> &'static str {
        match self {
            RequestType::Launch => "LaunchRequest",
            RequestType::Intent => "IntentRequest",
            RequestType::SessionEnded => "SessionEndedRequest",
            RequestType::PlaybackStarted => "AudioPlayer.PlaybackStarted",
            RequestType::PlaybackFinished => "AudioPlayer.PlaybackFinished",
            RequestType::PlaybackStopped => "AudioPlayer.PlaybackStopped",
            RequestType::PlaybackNearlyFinished => "AudioPlayer.PlaybackNearlyFinished",
            RequestType::PlaybackFailed => "AudioPlayer.PlaybackFailed",
            RequestType::PlayCommandIssued => "PlaybackController.PlayCommandIssued",
            RequestType::PauseCommandIssued => "PlaybackController.PauseCommandIssued",
            RequestType::NextCommandIssued => "PlaybackController.NextCommandIssued",
            RequestType::PreviousCommandIssued => "PlaybackController.PreviousCommandIssued",
            RequestType::ExceptionEncountered => "System.ExceptionEncountered",
            RequestType::AplUserEvent => "Alexa.Presentation.APL.UserEvent",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|known| known.name() == name)
    }
}

impl RequestKind {
    /// The known type of this request; `None` for a type jukebox does not know.
    pub fn request_type(&self) -> Option<RequestType> {
        Some(match self {
            RequestKind::Launch => RequestType::Launch,
            RequestKind::Intent(_) => RequestType::Intent,
            RequestKind::SessionEnded(_) => RequestType::SessionEnded,
            RequestKind::PlaybackStarted(_) => RequestType::PlaybackStarted,
            RequestKind::PlaybackFinished(_) => RequestType::PlaybackFinished,
            RequestKind::PlaybackStopped(_) => RequestType::PlaybackStopped,
            RequestKind::PlaybackNearlyFinished(_) => RequestType::PlaybackNearlyFinished,
            RequestKind::PlaybackFailed(_) => RequestType::PlaybackFailed,
            RequestKind::PlayCommandIssued => RequestType::PlayCommandIssued,
            RequestKind::PauseCommandIssued => RequestType::PauseCommandIssued,
            RequestKind::NextCommandIssued => RequestType::NextCommandIssued,
            RequestKind::PreviousCommandIssued => RequestType::PreviousCommandIssued,
            RequestKind::ExceptionEncountered(_) => RequestType::ExceptionEncountered,
            RequestKind::AplUserEvent(_) => RequestType::AplUserEvent,
            RequestKind::Unknown { .. } => return None,
        })
    }

    /// The `type` string Alexa uses for this request.
    pub fn type_name(&self) -> &str {
        match (self.request_type(), self) {
            (Some(known), _) => known.name(),
            (None, RequestKind::Unknown { type_name }) => type_name,
            (None, _) => "",
        }
    }

    /// AudioPlayer and PlaybackController requests: their responses carry
    /// directives only (no speech, card, reprompt, never `shouldEndSession: false`).
    /// Exhaustive on purpose: a new request type must be placed on one side.
    pub fn is_player_event(&self) -> bool {
        match self {
            RequestKind::PlaybackStarted(_)
            | RequestKind::PlaybackFinished(_)
            | RequestKind::PlaybackStopped(_)
            | RequestKind::PlaybackNearlyFinished(_)
            | RequestKind::PlaybackFailed(_)
            | RequestKind::PlayCommandIssued
            | RequestKind::PauseCommandIssued
            | RequestKind::NextCommandIssued
            | RequestKind::PreviousCommandIssued => true,
            RequestKind::Launch
            | RequestKind::Intent(_)
            | RequestKind::SessionEnded(_)
            | RequestKind::ExceptionEncountered(_)
            | RequestKind::AplUserEvent(_)
            | RequestKind::Unknown { .. } => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IntentRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dialog_state: Option<String>,
    pub intent: Intent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Intent {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_status: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub slots: BTreeMap<String, Slot>,
}

impl Intent {
    /// A slot's spoken value, trimmed; `None` when absent or empty.
    pub fn slot_value(&self, name: &str) -> Option<&str> {
        self.slots
            .get(name)
            .and_then(|slot| slot.value.as_deref())
            .map(str::trim)
            .filter(|value| !value.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolutions: Option<Value>,
}

impl Slot {
    /// The slot's entity resolution results, typed; `None` when Alexa sent
    /// none or sent a shape this parser does not know (then the slot is
    /// matched by its spoken value, as without resolutions).
    pub fn resolutions(&self) -> Option<Resolutions> {
        serde_json::from_value(self.resolutions.clone()?).ok()
    }
}

/// A slot's `resolutions`: one result per authority that tried to resolve it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolutions {
    #[serde(default)]
    pub resolutions_per_authority: Vec<AuthorityResolution>,
}

/// What one authority made of the slot.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AuthorityResolution {
    /// `amzn1.er-authority.echo-sdk.<skill id>.<slot type>` for a skill's
    /// own values ([`Authority::parse`]), `AlexaEntities` for Alexa's.
    pub authority: String,
    pub status: ResolutionStatus,
    /// The matching values, best first; absent unless the code is a match.
    #[serde(default)]
    pub values: Vec<ResolvedValueWrapper>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ResolutionStatus {
    pub code: ResolutionCode,
}

/// Entity resolution status codes (Amazon's "Entity Resolution" reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResolutionCode {
    ErSuccessMatch,
    ErSuccessNoMatch,
    ErErrorTimeout,
    ErErrorException,
    #[serde(other)]
    Unknown,
}

/// Alexa wraps each resolved value in an object of its own.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ResolvedValueWrapper {
    pub value: ResolvedValue,
}

/// A value of the slot type: its name and the id the model gave it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ResolvedValue {
    pub name: String,
    #[serde(default)]
    pub id: String,
}

/// The parts of a skill's own entity resolution authority:
/// `amzn1.er-authority.echo-sdk.<skill id>.<slot type>`, with `dynamic.`
/// before the skill id for the values of `Dialog.UpdateDynamicEntities`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authority<'a> {
    pub skill_id: &'a str,
    pub slot_type: &'a str,
    pub dynamic: bool,
}

impl<'a> Authority<'a> {
    /// `None` for another kind of authority (`AlexaEntities`) or a malformed one.
    pub fn parse(authority: &'a str) -> Option<Self> {
        let rest = authority.strip_prefix("amzn1.er-authority.echo-sdk.")?;
        let (dynamic, rest) = match rest.strip_prefix("dynamic.") {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        // A skill id is `amzn1.ask.skill.<uuid>`; the slot type follows it
        // and may hold a dot itself (`AMAZON.MusicRecording`, extended).
        let after = rest.strip_prefix("amzn1.ask.skill.")?;
        let uuid_end = after.find('.')?;
        let split = "amzn1.ask.skill.".len() + uuid_end;
        let (skill_id, slot_type) = (&rest[..split], &rest[split + 1..]);
        if uuid_end == 0 || slot_type.is_empty() {
            return None;
        }
        Some(Authority {
            skill_id,
            slot_type,
            dynamic,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionEndedRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorInfo {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub message: String,
}

/// The body of the AudioPlayer playback events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlaybackEvent {
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub offset_in_milliseconds: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlaybackFailedEvent {
    #[serde(default)]
    pub token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_playback_state: Option<CurrentPlaybackState>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CurrentPlaybackState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_in_milliseconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub player_activity: Option<PlayerActivity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExceptionEncountered {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Value>,
}

/// The body of `Alexa.Presentation.APL.UserEvent`: what a `SendEvent`
/// command of a document sent (Amazon's "SendEvent Command" reference:
/// the `arguments` array reaches the skill as written, after data binding).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AplUserEvent {
    /// The `token` of the RenderDocument that drew the screen.
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub arguments: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Value>,
}

fn body<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    value: Value,
    type_name: &str,
) -> Result<T, E> {
    serde_json::from_value(value).map_err(|err| E::custom(format!("malformed {type_name}: {err}")))
}

impl<'de> Deserialize<'de> for Request {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let Value::Object(map) = &value else {
            return Err(D::Error::custom("request must be a JSON object"));
        };
        let text = |name: &str| map.get(name).and_then(Value::as_str).map(str::to_string);
        let type_name = text("type").ok_or_else(|| D::Error::custom("request has no \"type\""))?;
        let request_id = text("requestId").unwrap_or_default();
        let timestamp = text("timestamp").unwrap_or_default();
        let locale = text("locale");
        let kind = match RequestType::from_name(&type_name) {
            Some(RequestType::Launch) => RequestKind::Launch,
            Some(RequestType::Intent) => RequestKind::Intent(body(value, &type_name)?),
            Some(RequestType::SessionEnded) => RequestKind::SessionEnded(body(value, &type_name)?),
            Some(RequestType::PlaybackStarted) => {
                RequestKind::PlaybackStarted(body(value, &type_name)?)
            }
            Some(RequestType::PlaybackFinished) => {
                RequestKind::PlaybackFinished(body(value, &type_name)?)
            }
            Some(RequestType::PlaybackStopped) => {
                RequestKind::PlaybackStopped(body(value, &type_name)?)
            }
            Some(RequestType::PlaybackNearlyFinished) => {
                RequestKind::PlaybackNearlyFinished(body(value, &type_name)?)
            }
            Some(RequestType::PlaybackFailed) => {
                RequestKind::PlaybackFailed(body(value, &type_name)?)
            }
            Some(RequestType::PlayCommandIssued) => RequestKind::PlayCommandIssued,
            Some(RequestType::PauseCommandIssued) => RequestKind::PauseCommandIssued,
            Some(RequestType::NextCommandIssued) => RequestKind::NextCommandIssued,
            Some(RequestType::PreviousCommandIssued) => RequestKind::PreviousCommandIssued,
            Some(RequestType::ExceptionEncountered) => {
                RequestKind::ExceptionEncountered(body(value, &type_name)?)
            }
            Some(RequestType::AplUserEvent) => RequestKind::AplUserEvent(body(value, &type_name)?),
            None => RequestKind::Unknown {
                type_name: first_chars(&type_name, MAX_UNKNOWN_TYPE_CHARS).to_string(),
            },
        };
        Ok(Request {
            request_id,
            timestamp,
            locale,
            kind,
        })
    }
}

impl Serialize for Request {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        let body = match &self.kind {
            RequestKind::Intent(body) => serde_json::to_value(body),
            RequestKind::SessionEnded(body) => serde_json::to_value(body),
            RequestKind::PlaybackStarted(body)
            | RequestKind::PlaybackFinished(body)
            | RequestKind::PlaybackStopped(body)
            | RequestKind::PlaybackNearlyFinished(body) => serde_json::to_value(body),
            RequestKind::PlaybackFailed(body) => serde_json::to_value(body),
            RequestKind::ExceptionEncountered(body) => serde_json::to_value(body),
            RequestKind::AplUserEvent(body) => serde_json::to_value(body),
            RequestKind::Launch
            | RequestKind::PlayCommandIssued
            | RequestKind::PauseCommandIssued
            | RequestKind::NextCommandIssued
            | RequestKind::PreviousCommandIssued
            | RequestKind::Unknown { .. } => Ok(Value::Object(Map::new())),
        }
        .map_err(S::Error::custom)?;
        let mut map = match body {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        map.insert(
            "type".into(),
            Value::String(self.kind.type_name().to_string()),
        );
        map.insert("requestId".into(), Value::String(self.request_id.clone()));
        map.insert("timestamp".into(), Value::String(self.timestamp.clone()));
        if let Some(locale) = &self.locale {
            map.insert("locale".into(), Value::String(locale.clone()));
        }
        map.serialize(serializer)
    }
}

impl RequestEnvelope {
    /// The skill id the request is addressed to.
    pub fn application_id(&self) -> &str {
        &self.context.system.application.application_id
    }

    /// Whether the device can play audio (has the AudioPlayer interface).
    pub fn supports_audio(&self) -> bool {
        self.context
            .system
            .device
            .as_ref()
            .is_some_and(|d| d.supported_interfaces.contains_key("AudioPlayer"))
    }

    /// Whether the device draws APL documents: it lists
    /// `Alexa.Presentation.APL` among its `supportedInterfaces` (Amazon's
    /// "Alexa.Presentation.APL Interface Reference": check it before
    /// sending a RenderDocument).
    pub fn supports_apl(&self) -> bool {
        self.context.system.device.as_ref().is_some_and(|d| {
            d.supported_interfaces
                .contains_key("Alexa.Presentation.APL")
        })
    }

    /// The device id, empty when the envelope has no device.
    pub fn device_id(&self) -> &str {
        self.context
            .system
            .device
            .as_ref()
            .map_or("", |d| d.device_id.as_str())
    }

    pub fn user_id(&self) -> &str {
        &self.context.system.user.user_id
    }

    /// The person Alexa recognised by voice, when it did.
    pub fn person_id(&self) -> Option<&str> {
        self.context
            .system
            .person
            .as_ref()
            .map(|p| p.person_id.as_str())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn request_ids_are_cut_for_the_logs() {
        let request = |id: String| super::Request {
            request_id: id,
            timestamp: String::new(),
            locale: None,
            kind: super::RequestKind::Launch,
        };
        let alexa = "amzn1.echo-api.request.0000000-0000-0000-0000-00000000000";
        assert_eq!(request(alexa.to_string()).id_for_logs(), alexa);
        let hostile = request("é".repeat(100_000));
        assert_eq!(hostile.id_for_logs(), "é".repeat(100));
        assert_eq!(request(String::new()).id_for_logs(), "");
    }

    use super::*;

    fn slot(envelope: &str, name: &str) -> Slot {
        let envelope: RequestEnvelope = serde_json::from_str(envelope).expect("a real envelope");
        let RequestKind::Intent(intent) = envelope.request.kind else {
            panic!("an intent request");
        };
        intent.intent.slots[name].clone()
    }

    #[test]
    fn parses_resolutions_of_real_envelopes() {
        let matched = slot(
            include_str!("../../tests/events/real/playmusic-er-success-match-building-skill.json"),
            "songName",
        );
        let resolutions = matched.resolutions().expect("resolutions");
        let first = &resolutions.resolutions_per_authority[0];
        assert_eq!(first.status.code, ResolutionCode::ErSuccessMatch);
        assert_eq!(first.values[0].value.name, "features");
        assert_eq!(first.values[0].value.id, "features");
        let authority = Authority::parse(&first.authority).expect("a skill's authority");
        assert_eq!(
            authority.skill_id,
            "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
        );
        assert_eq!(authority.slot_type, "BUILDING_ATTRIBUTES");
        assert!(!authority.dynamic);

        let no_match = slot(
            include_str!("../../tests/events/real/playmusic-er-no-match-eartrainer.json"),
            "songName",
        );
        let resolutions = no_match.resolutions().expect("resolutions");
        let first = &resolutions.resolutions_per_authority[0];
        assert_eq!(first.status.code, ResolutionCode::ErSuccessNoMatch);
        assert!(first.values.is_empty());

        let german = slot(
            include_str!("../../tests/events/real/intent-with-slot-resolutions-de-de.json"),
            "name",
        );
        let resolutions = german.resolutions().expect("resolutions");
        assert_eq!(
            resolutions.resolutions_per_authority[0].values[0].value.id,
            "JeffId"
        );

        let plain = slot(
            include_str!(
                "../../tests/events/real/playback-action-music-echo-show-viewports-slotvalue.json"
            ),
            "object.name",
        );
        assert_eq!(plain.resolutions(), None);
    }

    #[test]
    fn authorities_name_their_skill_and_slot_type() {
        let extended = Authority::parse(
            "amzn1.er-authority.echo-sdk.amzn1.ask.skill.1234-abcd.AMAZON.MusicRecording",
        )
        .expect("parsed");
        assert_eq!(extended.skill_id, "amzn1.ask.skill.1234-abcd");
        assert_eq!(extended.slot_type, "AMAZON.MusicRecording");
        let dynamic = Authority::parse(
            "amzn1.er-authority.echo-sdk.dynamic.amzn1.ask.skill.1234-abcd.JUKEBOX_SONG",
        )
        .expect("parsed");
        assert!(dynamic.dynamic);
        assert_eq!(dynamic.slot_type, "JUKEBOX_SONG");
        assert_eq!(Authority::parse("AlexaEntities"), None);
        assert_eq!(
            Authority::parse("amzn1.er-authority.echo-sdk.amzn1.ask.skill.1234"),
            None
        );
    }
}
