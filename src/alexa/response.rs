//! Response envelopes. Constructors keep every response valid for Alexa:
//! absent fields are omitted (never `null`), `expectedPreviousToken` exists
//! only on `ENQUEUE`, and player-event responses carry directives only.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::apl::RenderDocument;
use super::ssml::Speech;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseEnvelope {
    version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    session_attributes: Option<Map<String, Value>>,
    response: Response,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
/// The `response` object. Its fields are private: only the constructors of
/// [`ResponseEnvelope`] fill them, so no handler can build what Alexa rejects.
pub struct Response {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    output_speech: Option<OutputSpeech>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    card: Option<Card>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reprompt: Option<Reprompt>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    directives: Vec<Directive>,
    /// `true`, `false` or absent: absent lets a player response end cleanly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    should_end_session: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum OutputSpeech {
    #[serde(rename = "SSML")]
    Ssml { ssml: String },
    #[serde(rename = "PlainText")]
    PlainText { text: String },
}

impl OutputSpeech {
    pub fn ssml(speech: &Speech) -> Self {
        OutputSpeech::Ssml {
            ssml: speech.to_ssml(),
        }
    }

    /// The words, without markup.
    pub fn plain(&self) -> String {
        match self {
            OutputSpeech::Ssml { ssml } => super::ssml::to_plain_text(ssml),
            OutputSpeech::PlainText { text } => text.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reprompt {
    pub output_speech: OutputSpeech,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Card {
    Simple {
        title: String,
        content: String,
    },
    Standard {
        title: String,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        image: Option<CardImage>,
    },
    /// Asks the listener to link their account in the Alexa app (no
    /// other field: Alexa fills in the skill's account-linking page).
    LinkAccount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardImage {
    pub small_image_url: String,
    pub large_image_url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Directive {
    #[serde(rename = "AudioPlayer.Play")]
    Play(Play),
    #[serde(rename = "AudioPlayer.Stop")]
    Stop,
    #[serde(rename = "AudioPlayer.ClearQueue")]
    ClearQueue {
        #[serde(rename = "clearBehavior")]
        clear_behavior: ClearBehavior,
    },
    /// The now-playing screen of a device that draws APL ([`super::apl`]).
    /// Only ever beside an `AudioPlayer.Play` in the answer to a spoken
    /// request or a touch: the AudioPlayer Interface Reference allows
    /// standard response properties beside AudioPlayer directives in
    /// answers to LaunchRequest and IntentRequest, and answers to
    /// AudioPlayer requests carry AudioPlayer directives only.
    #[serde(rename = "Alexa.Presentation.APL.RenderDocument")]
    RenderDocument(Box<RenderDocument>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClearBehavior {
    ClearEnqueued,
    ClearAll,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PlayBehavior {
    ReplaceAll,
    Enqueue,
    ReplaceEnqueued,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Play {
    pub play_behavior: PlayBehavior,
    pub audio_item: AudioItem,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioItem {
    pub stream: Stream,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<AudioMetadata>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stream {
    /// The catalog URL exactly as written: never escaped or altered.
    pub url: String,
    pub token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_previous_token: Option<String>,
    pub offset_in_milliseconds: i64,
}

/// What a screen device shows while the track plays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AudioMetadata {
    pub title: String,
    pub subtitle: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub art: Option<ImageSources>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_image: Option<ImageSources>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageSources {
    pub sources: Vec<ImageSource>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageSource {
    pub url: String,
}

impl ResponseEnvelope {
    /// Every media URL a device will fetch: each Play directive's stream,
    /// art and background image.
    pub fn media_urls_mut(&mut self) -> Vec<&mut String> {
        let mut urls = Vec::new();
        for directive in self.response.directives.iter_mut() {
            let play = match directive {
                Directive::Play(play) => play,
                Directive::RenderDocument(screen) => {
                    let art = &mut screen.datasources.now_playing.art;
                    if !art.is_empty() {
                        urls.push(art);
                    }
                    continue;
                }
                _ => continue,
            };
            let item = &mut play.audio_item;
            urls.push(&mut item.stream.url);
            if let Some(metadata) = item.metadata.as_mut() {
                for images in [metadata.art.as_mut(), metadata.background_image.as_mut()]
                    .into_iter()
                    .flatten()
                {
                    urls.extend(images.sources.iter_mut().map(|s| &mut s.url));
                }
            }
        }
        urls
    }
}

/// The most bytes a response may have: "The total size of your response
/// cannot exceed 24 kilobytes" (Request and Response JSON Reference,
/// Response format,
/// https://developer.amazon.com/docs/custom-skills/request-and-response-json-reference.html).
/// Counted in thousands, the stricter reading of a kilobyte.
pub const MAX_RESPONSE_BYTES: usize = 24_000;

/// What [`ResponseEnvelope::fit`] gave up to stay within the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropped {
    /// The APL now-playing screen: the device shows its own player instead.
    Screen,
    BackgroundImage,
    Art,
    Card,
}

impl ResponseEnvelope {
    /// The response's size as Alexa receives it: its JSON, in bytes.
    pub fn size(&self) -> usize {
        serde_json::to_vec(self).map_or(usize::MAX, |json| json.len())
    }

    /// Keeps the response within `max` bytes by dropping what only a screen
    /// shows, least missed first: the APL screen (the device's own player
    /// shows the Play's title and art without it), every Play's background
    /// image (the art
    /// again, most of the time), then its art, then the card. Speech, the
    /// stream and its title stay: what the listener hears never changes.
    /// Returns what was dropped, in order; the response may still be over
    /// when speech and streams alone are (the catalog's own limits keep
    /// them well under).
    pub fn fit(&mut self, max: usize) -> Vec<Dropped> {
        let mut dropped = Vec::new();
        for step in [
            Dropped::Screen,
            Dropped::BackgroundImage,
            Dropped::Art,
            Dropped::Card,
        ] {
            if self.size() <= max {
                break;
            }
            let mut changed = false;
            if step == Dropped::Card {
                changed = self.response.card.take().is_some();
            }
            if step == Dropped::Screen {
                let before = self.response.directives.len();
                self.response
                    .directives
                    .retain(|d| !matches!(d, Directive::RenderDocument(_)));
                changed = self.response.directives.len() != before;
            }
            for directive in self.response.directives.iter_mut() {
                let Directive::Play(play) = directive else {
                    continue;
                };
                let Some(metadata) = play.audio_item.metadata.as_mut() else {
                    continue;
                };
                let image = match step {
                    Dropped::BackgroundImage => &mut metadata.background_image,
                    Dropped::Art => &mut metadata.art,
                    Dropped::Card | Dropped::Screen => continue,
                };
                changed |= image.take().is_some();
            }
            if changed {
                dropped.push(step);
            }
        }
        dropped
    }
}

impl ImageSources {
    pub fn single(url: &str) -> Self {
        ImageSources {
            sources: vec![ImageSource {
                url: url.to_string(),
            }],
        }
    }
}

/// What to stream: built from a catalog track by the skill.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamItem {
    pub url: String,
    pub token: String,
    pub offset_ms: i64,
    pub metadata: Option<AudioMetadata>,
}

impl Directive {
    /// Starts `item` now, replacing whatever plays and is queued.
    pub fn play_now(item: StreamItem) -> Self {
        Self::play(PlayBehavior::ReplaceAll, item, None)
    }

    /// Queues `item` after the one playing, which must be `expected_previous`.
    pub fn enqueue(item: StreamItem, expected_previous: String) -> Self {
        Self::play(PlayBehavior::Enqueue, item, Some(expected_previous))
    }

    /// Replaces what is queued (not what plays) with `item`.
    pub fn replace_enqueued(item: StreamItem) -> Self {
        Self::play(PlayBehavior::ReplaceEnqueued, item, None)
    }

    fn play(
        play_behavior: PlayBehavior,
        item: StreamItem,
        expected_previous_token: Option<String>,
    ) -> Self {
        Directive::Play(Play {
            play_behavior,
            audio_item: AudioItem {
                stream: Stream {
                    url: item.url,
                    token: item.token,
                    expected_previous_token,
                    offset_in_milliseconds: item.offset_ms.max(0),
                },
                metadata: item.metadata,
            },
        })
    }
}

impl ResponseEnvelope {
    fn with(response: Response) -> Self {
        ResponseEnvelope {
            version: "1.0".to_string(),
            session_attributes: None,
            response,
        }
    }

    /// Nothing to say or do. The answer to events that need none.
    pub fn empty() -> Self {
        Self::with(Response::default())
    }

    /// Directives only: the only kind of answer a player event may get.
    pub fn directives(directives: Vec<Directive>) -> Self {
        Self::with(Response {
            directives,
            ..Response::default()
        })
    }

    /// Speaks and ends the session.
    pub fn tell(speech: &Speech) -> Self {
        Self::with(Response {
            output_speech: Some(OutputSpeech::ssml(speech)),
            should_end_session: Some(true),
            ..Response::default()
        })
    }

    /// Speaks, keeps the session open and reprompts.
    pub fn ask(speech: &Speech, reprompt: &Speech) -> Self {
        Self::with(Response {
            output_speech: Some(OutputSpeech::ssml(speech)),
            reprompt: Some(Reprompt {
                output_speech: OutputSpeech::ssml(reprompt),
            }),
            should_end_session: Some(false),
            ..Response::default()
        })
    }

    /// Ends the session (for answers that only start or stop the music).
    pub fn ending_session(mut self) -> Self {
        self.response.should_end_session = Some(true);
        self
    }

    pub fn with_directive(mut self, directive: Directive) -> Self {
        self.response.directives.push(directive);
        self
    }

    pub fn with_directives(mut self, directives: impl IntoIterator<Item = Directive>) -> Self {
        self.response.directives.extend(directives);
        self
    }

    pub fn with_card(mut self, card: Card) -> Self {
        self.response.card = Some(card);
        self
    }

    pub fn with_session_attributes(mut self, attributes: Map<String, Value>) -> Self {
        self.session_attributes = Some(attributes);
        self
    }

    pub fn session_attributes(&self) -> Option<&Map<String, Value>> {
        self.session_attributes.as_ref()
    }

    pub fn directive_list(&self) -> &[Directive] {
        &self.response.directives
    }

    /// `Some(false)`: the session stays open for the listener's answer.
    pub fn should_end_session(&self) -> Option<bool> {
        self.response.should_end_session
    }

    pub fn card(&self) -> Option<&Card> {
        self.response.card.as_ref()
    }

    /// The spoken words without markup, if any.
    pub fn speech_text(&self) -> Option<String> {
        self.response
            .output_speech
            .as_ref()
            .map(OutputSpeech::plain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> StreamItem {
        StreamItem {
            url: "https://e.com/a.mp3?x=1&y=2".into(),
            token: "t1".into(),
            offset_ms: -1,
            metadata: None,
        }
    }

    #[test]
    fn empty_response_omits_everything() {
        let json = serde_json::to_value(ResponseEnvelope::empty()).unwrap();
        assert_eq!(json, serde_json::json!({"version": "1.0", "response": {}}));
    }

    #[test]
    fn expected_previous_token_only_on_enqueue() {
        let now = serde_json::to_value(Directive::play_now(item())).unwrap();
        assert_eq!(
            now,
            serde_json::json!({"type": "AudioPlayer.Play", "playBehavior": "REPLACE_ALL",
                "audioItem": {"stream": {"url": "https://e.com/a.mp3?x=1&y=2", "token": "t1", "offsetInMilliseconds": 0}}})
        );
        let queued = serde_json::to_value(Directive::enqueue(item(), "t0".into())).unwrap();
        assert_eq!(queued["playBehavior"], "ENQUEUE");
        assert_eq!(queued["audioItem"]["stream"]["expectedPreviousToken"], "t0");
        let stop = serde_json::to_value(Directive::Stop).unwrap();
        assert_eq!(stop, serde_json::json!({"type": "AudioPlayer.Stop"}));
        let clear = serde_json::to_value(Directive::ClearQueue {
            clear_behavior: ClearBehavior::ClearAll,
        })
        .unwrap();
        assert_eq!(
            clear,
            serde_json::json!({"type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ALL"})
        );
    }
}
