//! The domain core: one Alexa request in, one response out. No AWS types
//! and no adapter here: every store, the signer, the metrics and the
//! listener lookups come in as ports ([`crate::ports::Ports`]), so the same
//! code serves the Lambda, `jukebox invoke`, `jukebox chat` and the tests.
//!
//! Routing is one exhaustive `match` over [`RequestKind`] and
//! [`SkillIntent`]: the compiler says when a request type has no handler.
//! The handlers live in rooms named after what they answer:
//!
//! - `voice`: spoken intents (play, pause, next, loop, "what's playing", yes/no…);
//! - `events`: AudioPlayer events the device sends about its stream;
//! - `buttons`: PlaybackController events from a remote's buttons;
//! - `state`: the read-modify-write of the listener's state that all three
//!   share, and the moves voice and buttons have in common;
//! - `speech`: every sentence the skill says, in every language (the
//!   phrase catalog in `locales/`).
//!
//! The queue and every operation on it (next, previous, which events are
//! ours, loop, shuffle, how much to read ahead) live in
//! [`crate::playback::queue`], plain data tested without a store.

mod access;
mod autoplay;
mod buttons;
mod config;
mod events;
mod intents;
mod media;
mod screen;
mod speech;
mod state;
mod voice;

pub use access::{Access, ALLOW_LIST_BUDGET, GREETING_BUDGET};
pub use config::{redact, Autoplay, SkillConfig, SkillIdPolicy};
pub use intents::{
    SkillIntent, ALBUM_SLOT, ARTIST_SLOT, DECADE_SLOT, GENRE_SLOT, PLAYLIST_SLOT, ROUTED_INTENTS,
    SONG_SLOT, STATION_SLOT, YEAR_SLOT,
};
pub use media::{MediaSigner, NoSigner};

use std::sync::Arc;

use serde_json::Value;
use tracing::{error, info, warn};

use events::Applies;
use speech::Phrases;
use state::{Ahead, Skip};
use voice::Edit;

use crate::alexa::response::MAX_RESPONSE_BYTES;
use crate::alexa::PlayerActivity;
use crate::alexa::{Card, Intent, RequestEnvelope, RequestKind, ResponseEnvelope};
use crate::catalog::{Catalog, Track};
use crate::error::StoreError;
use crate::favourites::FavouritesStore;
use crate::insights::{InsightsStore, Note, Pending};
use crate::listeners::{Admission, Profile};
use crate::metrics::{MetricsSink, RequestMetrics};
use crate::playback::{token, DevicePlayer, DeviceReport, ListenerKey, PlaybackStore, SaveError};
use crate::ports::Ports;

/// How long an answer may wait, once ready, for the counters written
/// alongside it.
const FLUSH_GRACE: std::time::Duration = std::time::Duration::from_millis(25);

/// A PlaybackStarted this close to a track's start counts as a play.
const PLAY_STARTS_WITHIN_MS: i64 = 5_000;

/// Requests the skill refuses outright (a Lambda error, nothing stored).
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("not an Alexa request envelope: {0}")]
    NotAnEnvelope(String),
    #[error("request is for skill {got}, this backend serves {expected}")]
    WrongSkill { expected: String, got: String },
}

impl Refusal {
    /// A short name for the kind of refusal, as Lambda reports it (`errorType`).
    pub fn kind(&self) -> &'static str {
        match self {
            Refusal::NotAnEnvelope(_) => "NotAnAlexaEnvelope",
            Refusal::WrongSkill { .. } => "WrongSkillId",
        }
    }
}

/// A handler could not finish: the listener hears an apology, the log says why.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    #[error("catalog lookup failed")]
    Catalog(#[source] StoreError),
    #[error("playback state store failed")]
    Playback(#[source] StoreError),
    #[error("playback state kept changing under concurrent events")]
    Contended,
}

impl From<SaveError> for HandlerError {
    fn from(err: SaveError) -> Self {
        match err {
            SaveError::Conflict => HandlerError::Contended,
            SaveError::Store(err) => HandlerError::Playback(err),
        }
    }
}

/// The skill: built once per process with its stores, then shared by every request.
pub struct Skill {
    config: SkillConfig,
    catalog: Arc<dyn Catalog>,
    playback: Arc<dyn PlaybackStore>,
    favourites: Arc<dyn FavouritesStore>,
    media: Arc<dyn MediaSigner>,
    access: Access,
    insights: Arc<dyn InsightsStore>,
    /// Counts noted but not yet written: the next request writes them
    /// concurrently with its own work.
    pending: Arc<Pending>,
    metrics: Arc<dyn MetricsSink>,
}

/// One request being answered: the envelope and whose state it touches.
pub(crate) struct Turn<'a> {
    pub envelope: &'a RequestEnvelope,
    pub listener: ListenerKey,
    /// The linked listener's profile, when this request looked it up.
    pub profile: Option<Profile>,
    /// What the skill says, in the request's language.
    pub phrases: &'static Phrases,
    /// What this request did that the owner's reports count.
    notes: std::sync::Mutex<Vec<Note>>,
}

impl Turn<'_> {
    /// Notes a miss, an accepted offer or a play for the owner's reports.
    pub fn note(&self, note: Note) {
        if let Ok(mut notes) = self.notes.lock() {
            notes.push(note);
        }
    }

    /// The linked listener's first name, to greet them with.
    pub fn first_name(&self) -> Option<String> {
        self.profile.as_ref().and_then(Profile::first_name)
    }

    /// The stream and offset the device's player reports (`context.AudioPlayer`).
    pub fn device_position(&self) -> Option<(&str, i64)> {
        let player = self.envelope.context.audio_player.as_ref()?;
        Some((player.token.as_deref()?, player.offset_in_milliseconds?))
    }

    /// The language the listener speaks, from the request's locale: how
    /// what they asked for is read.
    pub fn language(&self) -> crate::matching::Language {
        let locale = self.envelope.request.locale.as_deref();
        crate::matching::Language::from_locale(locale.unwrap_or_default())
    }

    /// What the `slot` of this intent names when Alexa resolved it to one of
    /// jukebox's own slot values (`model build --catalog`): the entity its
    /// id stands for. `None` for any other slot, authority or outcome.
    pub fn resolved(&self, slot: &str) -> Option<crate::voice_catalog::EntityRef> {
        let RequestKind::Intent(request) = &self.envelope.request.kind else {
            return None;
        };
        let slot = request.intent.slots.get(slot)?;
        crate::voice_catalog::resolved_entity(slot, self.envelope.application_id())
    }

    /// Whether the listener said anything for `slot` of this intent.
    pub fn said(&self, slot: &str) -> bool {
        match &self.envelope.request.kind {
            RequestKind::Intent(request) => request
                .intent
                .slot_value(slot)
                .is_some_and(|value| !value.trim().is_empty()),
            _ => false,
        }
    }

    /// What the device's player reports with this request, in the queue's
    /// terms: the truth about what plays now
    /// ([`crate::playback::PlaybackState::align_with_device`]).
    pub fn device_report(&self) -> Option<DeviceReport> {
        let player = self.envelope.context.audio_player.as_ref()?;
        let player_now = match player.player_activity? {
            // PAUSED is the player making way for Alexa's voice: it plays on
            // once the interaction is over (see `events::current_goes_on`).
            PlayerActivity::Playing | PlayerActivity::BufferUnderrun | PlayerActivity::Paused => {
                DevicePlayer::Playing
            }
            PlayerActivity::Stopped => DevicePlayer::Stopped,
            PlayerActivity::Finished | PlayerActivity::Idle | PlayerActivity::Unknown => {
                DevicePlayer::Done
            }
        };
        Some(DeviceReport {
            token: player.token.clone()?,
            offset_ms: player.offset_in_milliseconds,
            player: player_now,
        })
    }
}

impl Skill {
    /// The skill on `ports`, every one of them chosen by the caller
    /// ([`crate::wiring`] for the Lambda and the CLI).
    pub fn new(config: SkillConfig, ports: Ports) -> Self {
        let access = Access {
            policy: config.listeners,
            profiles: ports.profiles,
            cache: ports.profile_cache,
            allow_list: ports.allow_list,
        };
        Skill {
            config,
            catalog: ports.catalog,
            playback: ports.playback,
            favourites: ports.favourites,
            media: ports.media,
            access,
            insights: ports.insights,
            pending: Arc::new(Pending::default()),
            metrics: ports.metrics,
        }
    }

    /// Replaces the insights store (a test that reads the counters back).
    pub fn with_insights(mut self, insights: Arc<dyn InsightsStore>) -> Self {
        self.insights = insights;
        self
    }

    /// Sets what plays when a queue runs out (`AUTOPLAY`).
    pub fn with_autoplay(mut self, autoplay: Autoplay) -> Self {
        self.config.autoplay = autoplay;
        self
    }

    /// Replaces the metrics sink (a test that reads the figures back).
    pub fn with_metrics(mut self, metrics: Arc<dyn MetricsSink>) -> Self {
        self.metrics = metrics;
        self
    }

    /// Writes the counts still waiting (a CLI run's end, a test). The
    /// Lambda writes them with the next request instead.
    pub async fn flush_insights(&self) {
        let failed = crate::insights::write(self.insights.as_ref(), self.pending.take()).await;
        self.pending.restore(failed);
    }

    /// Replaces who may listen and how the skill learns who is listening,
    /// policy included (a test trying one policy on several stores).
    pub fn with_access(mut self, access: Access) -> Self {
        self.config.listeners = access.policy;
        self.access = access;
        self
    }

    /// Replaces who signs the catalog's `s3://` URLs.
    pub fn with_media_signer(mut self, media: Arc<dyn MediaSigner>) -> Self {
        self.media = media;
        self
    }

    /// Replaces where favourites are kept.
    pub fn with_favourites(mut self, favourites: Arc<dyn FavouritesStore>) -> Self {
        self.favourites = favourites;
        self
    }

    pub fn config(&self) -> &SkillConfig {
        &self.config
    }

    pub fn catalog(&self) -> &dyn Catalog {
        self.catalog.as_ref()
    }

    /// The catalog track a stream token of ours names (what a device plays),
    /// or `None` for a foreign token or a track no longer in the catalog.
    pub async fn track_of_stream(&self, stream_token: &str) -> Result<Option<Track>, StoreError> {
        match token::StreamToken::parse(stream_token) {
            Some(parsed) => self.catalog.track(&parsed.track_id).await,
            None => Ok(None),
        }
    }

    /// The Lambda's entry: raw JSON in, raw JSON out. Exactly what
    /// `jukebox invoke` and the tests call.
    pub async fn handle_json(&self, event: Value) -> Result<Value, Refusal> {
        let envelope = decode(event)?;
        let response = Box::pin(self.handle(&envelope)).await?;
        serde_json::to_value(&response).map_err(|err| Refusal::NotAnEnvelope(err.to_string()))
    }

    /// Answers one decoded envelope. Never fails once the skill id matched:
    /// a handler failure becomes an apology (or an empty response for player events).
    pub async fn handle(&self, envelope: &RequestEnvelope) -> Result<ResponseEnvelope, Refusal> {
        let application_id = envelope.application_id();
        if !self.config.skill_id.accepts(application_id) {
            let expected = match &self.config.skill_id {
                SkillIdPolicy::Only(id) => redact(id),
                SkillIdPolicy::AcceptAny => "any".to_string(),
            };
            let refusal = Refusal::WrongSkill {
                expected,
                got: redact(application_id),
            };
            warn!(request_type = ?envelope.request.kind.type_name(), error = ?refusal.to_string(), "refused request");
            return Err(refusal);
        }
        let started = std::time::Instant::now();
        let now_s = self.config.clock.now_ms().div_euclid(1000);
        // The counts earlier requests noted are written alongside this
        // request's own work, never before or after it.
        let waiting = self.pending.take();
        let flush = (!waiting.is_empty()).then(|| {
            // A task of its own: it starts at once and runs beside this
            // request's work; a write slower than the answer finishes in
            // the background (on Lambda, when the next invocation thaws the
            // process) instead of being cut short and repeated.
            let insights = Arc::clone(&self.insights);
            let pending = Arc::clone(&self.pending);
            tokio::spawn(async move {
                let unwritten = crate::insights::write(insights.as_ref(), waiting).await;
                pending.restore(unwritten);
            })
        });
        // The answer's future on the heap: its handlers nest deep, and a
        // debug build's poll frames would otherwise hold it on the stack
        // several times over.
        let ((response, notes, failed), tally) =
            crate::metrics::tallied(Box::pin(self.answer(envelope, now_s))).await;
        if let Some(flush) = flush {
            // The answer waits a moment for the counters, never long.
            if tokio::time::timeout(FLUSH_GRACE, flush).await.is_err() {
                info!("insights counters still being written: the answer goes first");
            }
        }
        self.pending.add(&notes, now_s);
        let mut metrics = RequestMetrics {
            request_type: request_label(&envelope.request.kind),
            handler_ms: started.elapsed().as_secs_f64() * 1000.0,
            failed,
            lwa_errors: tally.lwa_errors,
            store: tally.store,
            ..RequestMetrics::default()
        };
        for note in &notes {
            match note {
                Note::Missed { offered: None, .. } => metrics.not_found += 1,
                Note::Missed {
                    offered: Some(_), ..
                } => metrics.offers_made += 1,
                Note::OfferAccepted { .. } => metrics.offers_accepted += 1,
                Note::PlayStarted { .. } => metrics.plays_started += 1,
            }
        }
        self.metrics.record(&metrics);
        Ok(response)
    }

    /// The response, what the request noted, and whether a handler failed.
    async fn answer(
        &self,
        envelope: &RequestEnvelope,
        now_s: i64,
    ) -> (ResponseEnvelope, Vec<Note>, bool) {
        let kind = &envelope.request.kind;
        let phrases = Phrases::for_locale(envelope.request.locale.as_deref());
        let listener = ListenerKey {
            user_id: envelope.user_id().to_string(),
            device_id: envelope.device_id().to_string(),
        };
        let profile = match self.access.admission(envelope, now_s).await {
            Admission::Welcome(profile) => profile,
            refused => {
                info!(
                    request_type = ?kind.type_name(),
                    request_id = ?envelope.request.id_for_logs(),
                    listener = %listener.log_id(),
                    access = ?refused,
                    "listener may not play"
                );
                let answer = refused_answer(kind, &refused, envelope.supports_audio(), phrases);
                return (answer, Vec::new(), false);
            }
        };
        let turn = Turn {
            envelope,
            listener,
            profile,
            phrases,
            notes: std::sync::Mutex::new(Vec::new()),
        };
        info!(
            request_type = ?kind.type_name(),
            request_id = ?envelope.request.id_for_logs(),
            listener = %turn.listener.log_id(),
            "handling request"
        );
        let answer = match self.route(&turn).await {
            Ok(mut response) => media::sign_media(&self.media, &mut response)
                .await
                .map(|()| {
                    fit_response(&mut response, &turn);
                    response
                }),
            Err(err) => Err(err),
        };
        let notes = turn.notes.into_inner().unwrap_or_default();
        match answer {
            Ok(response) => (response, notes, false),
            Err(err) => {
                error!(
                    request_type = ?kind.type_name(),
                    request_id = ?envelope.request.id_for_logs(),
                    listener = %turn.listener.log_id(),
                    error = ?crate::error::chain(&err),
                    "handler failed"
                );
                let apology = if kind.is_player_event() {
                    ResponseEnvelope::empty()
                } else {
                    ResponseEnvelope::tell(&phrases.apology())
                };
                // A failed request played nothing: its notes do not count.
                (apology, Vec::new(), true)
            }
        }
    }

    async fn route(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        let directives = ResponseEnvelope::directives;
        match &turn.envelope.request.kind {
            RequestKind::Launch => self.launch(turn).await,
            RequestKind::Intent(request) => self.intent(turn, &request.intent).await,
            RequestKind::SessionEnded(ended) => {
                info!(
                    reason = ?ended.reason.as_deref().unwrap_or("unknown"),
                    error_type = ?ended.error.as_ref().map(|e| e.kind.as_str()).unwrap_or(""),
                    error_message = ?ended
                        .error
                        .as_ref()
                        .map(|e| e.message.as_str())
                        .unwrap_or(""),
                    "session ended"
                );
                Ok(ResponseEnvelope::empty())
            }
            RequestKind::ExceptionEncountered(exception) => {
                warn!(
                    error_type = ?exception.error.as_ref().map(|e| e.kind.as_str()).unwrap_or(""),
                    error_message = ?exception.error.as_ref().map(|e| e.message.as_str()).unwrap_or(""),
                    cause = ?exception.cause.as_ref().map(|c| c.to_string()).unwrap_or_default(),
                    "Alexa reported an exception with a previous response"
                );
                Ok(ResponseEnvelope::empty())
            }
            RequestKind::PlaybackStarted(event) => {
                let handled = self
                    .on_player_event(
                        turn,
                        &event.token,
                        Applies::ToAnyTrack,
                        Ahead::Nothing,
                        |state, token| events::started(state, token, event),
                    )
                    .await?;
                // A play starts near the beginning: a resume after a pause
                // also sends PlaybackStarted, at its offset, and is no new
                // play. Nor is an event that changed nothing (late,
                // replayed, about a replaced stream or another queue).
                if let (Some(ours), true) = (
                    token::StreamToken::parse(&event.token),
                    handled.applied
                        && (0..PLAY_STARTS_WITHIN_MS).contains(&event.offset_in_milliseconds),
                ) {
                    turn.note(Note::PlayStarted {
                        track_id: ours.track_id,
                    });
                }
                Ok(directives(handled.directives))
            }
            RequestKind::PlaybackStopped(event) => self
                .on_player_event(
                    turn,
                    &event.token,
                    Applies::ToCurrentTrack,
                    Ahead::Nothing,
                    |state, _| events::stopped(state, event),
                )
                .await
                .map(|handled| directives(handled.directives)),
            RequestKind::PlaybackFinished(event) => self
                .on_player_event(
                    turn,
                    &event.token,
                    Applies::ToCurrentTrack,
                    Ahead::Next,
                    events::finished,
                )
                .await
                .map(|handled| directives(handled.directives)),
            RequestKind::PlaybackNearlyFinished(event) => self
                .on_player_event(
                    turn,
                    &event.token,
                    Applies::ToCurrentTrack,
                    Ahead::Continue,
                    |state, token| events::nearly_finished(state, token, event),
                )
                .await
                .map(|handled| directives(handled.directives)),
            RequestKind::PlaybackFailed(event) => {
                events::log_failure(turn, event);
                let device = event.current_playback_state.as_ref();
                self.on_player_event(
                    turn,
                    &event.token,
                    Applies::ToAnyTrack,
                    Ahead::Next,
                    |state, token| events::failed(state, token, device),
                )
                .await
                .map(|handled| directives(handled.directives))
            }
            RequestKind::PlayCommandIssued => self.button_play(turn).await.map(directives),
            RequestKind::PauseCommandIssued => self.button_pause(turn).await.map(directives),
            RequestKind::NextCommandIssued => {
                self.button_skip(turn, Skip::Next).await.map(directives)
            }
            RequestKind::PreviousCommandIssued => {
                self.button_skip(turn, Skip::Previous).await.map(directives)
            }
            RequestKind::AplUserEvent(event) => self.touch(turn, event).await,
            RequestKind::Unknown { type_name } => {
                warn!(request_type = ?type_name, "unknown request type, answering with an empty response");
                Ok(ResponseEnvelope::empty())
            }
        }
    }

    async fn intent(
        &self,
        turn: &Turn<'_>,
        intent: &Intent,
    ) -> Result<ResponseEnvelope, HandlerError> {
        match SkillIntent::from_name(&intent.name) {
            SkillIntent::PlayMusic => {
                self.play_music(
                    turn,
                    intent.slot_value(SONG_SLOT),
                    intent.slot_value(ARTIST_SLOT),
                )
                .await
            }
            SkillIntent::PlayAlbum => {
                self.play_album(
                    turn,
                    intent.slot_value(ALBUM_SLOT),
                    intent.slot_value(ARTIST_SLOT),
                )
                .await
            }
            SkillIntent::PlayGenre => self.play_genre(turn, intent.slot_value(GENRE_SLOT)).await,
            SkillIntent::PlayPlaylist => {
                self.play_playlist(turn, intent.slot_value(PLAYLIST_SLOT))
                    .await
            }
            SkillIntent::PlayStation => {
                self.play_station(turn, intent.slot_value(STATION_SLOT))
                    .await
            }
            SkillIntent::ShuffleAll => self.shuffle_all(turn).await,
            SkillIntent::ShuffleNamed => {
                let named = voice::Named {
                    album: intent.slot_value(ALBUM_SLOT),
                    artist: intent.slot_value(ARTIST_SLOT),
                    playlist: intent.slot_value(PLAYLIST_SLOT),
                };
                self.shuffle_named(turn, named).await
            }
            SkillIntent::PlayEra => {
                self.play_era(
                    turn,
                    intent.slot_value(DECADE_SLOT),
                    intent.slot_value(YEAR_SLOT),
                    intent.slot_value(ARTIST_SLOT),
                )
                .await
            }
            SkillIntent::PlayLatestAlbum => {
                self.play_latest_album(turn, intent.slot_value(ARTIST_SLOT))
                    .await
            }
            SkillIntent::PlayNew => self.play_newest(turn, false).await,
            SkillIntent::ShuffleNew => self.play_newest(turn, true).await,
            SkillIntent::Like => self.like(turn, true).await,
            SkillIntent::Unlike => self.like(turn, false).await,
            SkillIntent::PlayFavourites => self.play_favourites(turn).await,
            SkillIntent::NowPlaying => self.now_playing(turn).await,
            SkillIntent::AddToQueue => {
                self.add_song_to_queue(
                    turn,
                    intent.slot_value(SONG_SLOT),
                    intent.slot_value(ARTIST_SLOT),
                    Edit::AtTheEnd,
                )
                .await
            }
            SkillIntent::PlayNext => {
                self.add_song_to_queue(
                    turn,
                    intent.slot_value(SONG_SLOT),
                    intent.slot_value(ARTIST_SLOT),
                    Edit::Next,
                )
                .await
            }
            SkillIntent::AddAlbumToQueue => {
                self.add_album_to_queue(
                    turn,
                    intent.slot_value(ALBUM_SLOT),
                    intent.slot_value(ARTIST_SLOT),
                )
                .await
            }
            SkillIntent::ClearQueue => self.clear_queue(turn).await,
            SkillIntent::WhatsNext => self.whats_next(turn).await,
            SkillIntent::Help => Ok(self.help(turn)),
            SkillIntent::Fallback => Ok(self.fallback(turn)),
            SkillIntent::Stop | SkillIntent::Cancel | SkillIntent::Pause => self.stop(turn).await,
            SkillIntent::Resume => self.resume(turn).await,
            SkillIntent::Next => self.skip_intent(turn, Skip::Next).await,
            SkillIntent::Previous => self.skip_intent(turn, Skip::Previous).await,
            SkillIntent::StartOver => self.start_over(turn).await,
            SkillIntent::Repeat => self.repeat(turn).await,
            SkillIntent::LoopOn => self.set_loop(turn, true).await,
            SkillIntent::LoopOff => self.set_loop(turn, false).await,
            SkillIntent::ShuffleOn => self.set_shuffle(turn, true).await,
            SkillIntent::ShuffleOff => self.set_shuffle(turn, false).await,
            SkillIntent::AutoplayOn => self.set_autoplay(turn, true).await,
            SkillIntent::AutoplayOff => self.set_autoplay(turn, false).await,
            SkillIntent::Yes => self.yes(turn).await,
            SkillIntent::No | SkillIntent::NavigateHome => Ok(self.no(turn)),
            SkillIntent::Unknown(name) => {
                warn!(intent = ?name, "intent not in the voice model, answering as fallback");
                Ok(ResponseEnvelope::ask(
                    &turn.phrases.fallback(),
                    &turn.phrases.what_to_play(),
                ))
            }
        }
    }
}

/// A bounded label for metrics: the routed intent's name, or the request
/// type; never text from the request beyond these closed lists.
fn request_label(kind: &RequestKind) -> &'static str {
    match kind {
        RequestKind::Intent(request) => ROUTED_INTENTS
            .iter()
            .find(|(name, _)| *name == request.intent.name)
            .map_or("UnknownIntent", |(name, _)| name),
        other => other.request_type().map_or("Unknown", |known| known.name()),
    }
}

/// Keeps a response within Alexa's size limit (long stream and art URLs
/// can pass the catalog's own checks together yet not fit), saying so.
fn fit_response(response: &mut ResponseEnvelope, turn: &Turn<'_>) {
    let dropped = response.fit(MAX_RESPONSE_BYTES);
    if !dropped.is_empty() {
        warn!(
            listener = %turn.listener.log_id(),
            ?dropped,
            size = response.size(),
            "response too large for Alexa: dropped what only a screen shows"
        );
    }
    if response.size() > MAX_RESPONSE_BYTES {
        error!(
            listener = %turn.listener.log_id(),
            size = response.size(),
            "response still larger than Alexa accepts"
        );
    }
}

/// The answer to a listener the allow-list keeps out: nothing that starts
/// music. Player events get the empty answer they allow; "stop", "cancel"
/// and "pause" (and the pause button) get `AudioPlayer.Stop` only, so a
/// listener taken off the list mid-track can still silence it by voice
/// (Alexa sends PauseIntent for "Alexa, stop" while audio plays, and the
/// player goes on unless the skill stops it), and a device without a
/// player gets no AudioPlayer directive at all; "no" and "go home" end the
/// session; "help" explains and asks a question with the session open
/// (certification's help test: the help response leaves the session open
/// and asks the listener what to do, Amazon's "Voice Interface and User
/// Experience Testing for a Custom Skill"); other spoken requests hear why,
/// and only a listener who has not linked gets a LinkAccount card (no card
/// loop for the others).
fn refused_answer(
    kind: &RequestKind,
    admission: &Admission,
    has_player: bool,
    phrases: &Phrases,
) -> ResponseEnvelope {
    use crate::alexa::Directive;
    match kind {
        RequestKind::PauseCommandIssued => {
            return ResponseEnvelope::directives(vec![Directive::Stop])
        }
        _ if kind.is_player_event() => return ResponseEnvelope::empty(),
        RequestKind::Intent(request) => match SkillIntent::from_name(&request.intent.name) {
            SkillIntent::Stop | SkillIntent::Cancel | SkillIntent::Pause if has_player => {
                return ResponseEnvelope::directives(vec![Directive::Stop]).ending_session()
            }
            SkillIntent::Stop
            | SkillIntent::Cancel
            | SkillIntent::Pause
            | SkillIntent::No
            | SkillIntent::NavigateHome => return ResponseEnvelope::empty().ending_session(),
            SkillIntent::Help => {
                let (said, question) = match admission {
                    Admission::Unlinked => (phrases.help_unlinked(), phrases.offer_link_card()),
                    Admission::Private => (phrases.help_private(), phrases.ask_anything_else()),
                    Admission::Unknown | Admission::Welcome(_) => {
                        (phrases.cannot_check_listener(), phrases.ask_try_again())
                    }
                };
                return ResponseEnvelope::ask(&said.then(&question), &question);
            }
            _ => {}
        },
        _ => {}
    }
    match admission {
        Admission::Unlinked => {
            ResponseEnvelope::tell(&phrases.link_account()).with_card(Card::LinkAccount)
        }
        Admission::Private => ResponseEnvelope::tell(&phrases.private_jukebox()),
        Admission::Unknown | Admission::Welcome(_) => {
            ResponseEnvelope::tell(&phrases.cannot_check_listener())
        }
    }
}

/// Decodes raw JSON into an envelope, or says precisely why it is not one.
pub fn decode(event: Value) -> Result<RequestEnvelope, Refusal> {
    serde_json::from_value(event).map_err(|err| Refusal::NotAnEnvelope(cut_reason(&err)))
}

/// The longest decoding error kept: serde quotes the value it could not
/// use (`invalid type: string "…"`), and a caller's 100 kB string must not
/// become a 100 kB log line or Lambda error.
const MAX_REASON_CHARS: usize = 300;

fn cut_reason(err: &serde_json::Error) -> String {
    let reason = err.to_string();
    let kept = crate::alexa::request::first_chars(&reason, MAX_REASON_CHARS);
    if kept.len() == reason.len() {
        reason
    } else {
        format!("{kept}…")
    }
}
