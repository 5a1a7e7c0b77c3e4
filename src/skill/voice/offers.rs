//! The offer protocol: a question of ours ("shall I resume?", "did you mean
//! …?") waits in the session attributes for the listener's answer. "Yes"
//! accepts it, "no" ends the session, "repeat" asks it again and "help"
//! keeps it waiting.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::ask_what_to_play;
use crate::alexa::{Directive, ResponseEnvelope};
use crate::insights::{Asked, Note, Query};
use crate::matching::Suggestion;
use crate::skill::{HandlerError, Skill, Turn};

/// Session attribute that remembers what "yes" would accept.
const OFFER: &str = "offer";

/// A question waiting for the listener's answer. Alexa hands the session
/// attributes back with the next request of the session, so this JSON is
/// the protocol: a `kind`, then that kind's fields. A session that spans a
/// deploy hands one build what another wrote, so the shape stays fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub(super) enum Offer {
    /// "Shall I resume X?" at launch: "yes" resumes the queue.
    Resume,
    /// "Did you mean X by Y?" after a near miss: "yes" plays exactly the
    /// track `id` (matching its title again could find another one, or
    /// nothing); the title and artist are for asking again.
    Track {
        id: String,
        title: String,
        artist: String,
        #[serde(flatten)]
        asked_for: Option<AskedFor>,
    },
    /// "Did you mean the playlist X?": "yes" plays the playlist `name`.
    Playlist {
        name: String,
        #[serde(flatten)]
        asked_for: Option<AskedFor>,
    },
    /// An offer of a kind this build does not know, or one it cannot read:
    /// no question is pending, and "yes" or "repeat" asks what to play.
    #[serde(other)]
    Unknown,
}

/// The request an offer answers, so that an accepted offer counts for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct AskedFor {
    /// What kind of thing was asked for ([`Asked::as_str`]); a kind this
    /// build does not know only means the acceptance is not counted.
    asked: String,
    /// The query in the matcher's normal form, as the counters key it.
    query: String,
}

impl AskedFor {
    fn new(query: Option<&Query>) -> Option<Self> {
        query.map(|query| AskedFor {
            asked: query.asked.as_str().to_string(),
            query: query.text.clone(),
        })
    }

    fn query(&self) -> Option<Query> {
        Some(Query {
            asked: Asked::parse(&self.asked)?,
            text: self.query.clone(),
        })
    }
}

impl Offer {
    /// "Did you mean X by Y?" for `suggestion`, a near miss of `query`.
    pub(super) fn track(suggestion: Suggestion, query: Option<&Query>) -> Self {
        Offer::Track {
            id: suggestion.id,
            title: suggestion.title,
            artist: suggestion.artist,
            asked_for: AskedFor::new(query),
        }
    }

    /// The offer in the session, if the listener is answering one.
    fn pending(turn: &Turn<'_>) -> Option<Offer> {
        pending_value(turn).map(Offer::read)
    }

    /// An offer as the session holds it; whatever does not read as one of
    /// the known kinds (another kind, a missing field, not an object) is
    /// [`Offer::Unknown`].
    fn read(value: &Value) -> Offer {
        Offer::deserialize(value).unwrap_or(Offer::Unknown)
    }

    /// The request this offer answers, when it says.
    fn asked_for(&self) -> Option<Query> {
        match self {
            Offer::Track { asked_for, .. } | Offer::Playlist { asked_for, .. } => {
                asked_for.as_ref().and_then(AskedFor::query)
            }
            Offer::Resume | Offer::Unknown => None,
        }
    }

    /// The session attributes that keep this offer pending.
    pub(super) fn session_attributes(&self) -> Map<String, Value> {
        // Strings and a tag only: serializing cannot fail.
        session_with(serde_json::to_value(self).unwrap_or_default())
    }
}

fn session_with(offer: Value) -> Map<String, Value> {
    let mut attributes = Map::new();
    attributes.insert(OFFER.to_string(), offer);
    attributes
}

/// The offer a question of ours left in the session, as Alexa sent it back.
fn pending_value<'t>(turn: &'t Turn<'_>) -> Option<&'t Value> {
    turn.envelope
        .session
        .as_ref()
        .and_then(|s| s.attributes.as_ref())
        .and_then(|a| a.get(OFFER))
}

/// "I couldn't find a playlist called road trips. Did you mean the playlist
/// Road Trip?", remembered in the session so "yes" plays it.
pub(super) fn offer_playlist(
    turn: &Turn<'_>,
    heard: &str,
    playlist: &str,
    query: Option<&Query>,
) -> ResponseEnvelope {
    let offer = Offer::Playlist {
        name: playlist.to_string(),
        asked_for: AskedFor::new(query),
    };
    ResponseEnvelope::ask(
        &turn.phrases.playlist_near_miss(heard, playlist),
        &turn.phrases.offer_playlist(playlist),
    )
    .with_session_attributes(offer.session_attributes())
}

fn has_play(response: &ResponseEnvelope) -> bool {
    response
        .directive_list()
        .iter()
        .any(|d| matches!(d, Directive::Play(_)))
}

impl Skill {
    /// Help answers the question and keeps a pending offer alive, so "yes"
    /// still accepts it. The offer goes back as it came, whatever its kind:
    /// help need not understand a question to leave it waiting. A device
    /// without AudioPlayer hears at once that it cannot play music, not an
    /// invitation to ask for some (a real Echo Show capture without
    /// AudioPlayer, `tests/events/real/`, showed it).
    pub(crate) fn help(&self, turn: &Turn<'_>) -> ResponseEnvelope {
        if !turn.envelope.supports_audio() {
            return ResponseEnvelope::tell(&turn.phrases.no_audio_player());
        }
        let response = ResponseEnvelope::ask(&turn.phrases.help(), &turn.phrases.what_to_play());
        match pending_value(turn) {
            Some(offer) => response.with_session_attributes(session_with(offer.clone())),
            None => response,
        }
    }

    /// "No" to a question, or "go home": nothing more to ask, the session ends
    /// (asking "what would you like to hear?" again is the loop that
    /// certification flags).
    pub(crate) fn no(&self, turn: &Turn<'_>) -> ResponseEnvelope {
        ResponseEnvelope::tell(&turn.phrases.goodbye())
    }

    /// Repeat: while a question of ours waits for an answer (an open session),
    /// ask it again; otherwise start the song over.
    pub(crate) async fn repeat(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        let answering = turn.envelope.session.as_ref().is_some_and(|s| !s.new);
        if !answering {
            return self.start_over(turn).await;
        }
        let Some(offer) = Offer::pending(turn) else {
            return Ok(ask_what_to_play(turn));
        };
        let question = match &offer {
            Offer::Resume => return self.launch(turn).await,
            Offer::Playlist { name, .. } => turn.phrases.offer_playlist(name),
            Offer::Track { title, artist, .. } => turn.phrases.offer_track(title, artist),
            Offer::Unknown => return Ok(ask_what_to_play(turn)),
        };
        Ok(ResponseEnvelope::ask(&question, &question)
            .with_session_attributes(offer.session_attributes()))
    }

    pub(crate) async fn yes(&self, turn: &Turn<'_>) -> Result<ResponseEnvelope, HandlerError> {
        let offer = Offer::pending(turn);
        let answer = self.accept(turn, offer.as_ref()).await?;
        // Counted when the suggestion now plays.
        if let (Some(query), true) = (offer.as_ref().and_then(Offer::asked_for), has_play(&answer))
        {
            turn.note(Note::OfferAccepted { query });
        }
        Ok(answer)
    }

    async fn accept(
        &self,
        turn: &Turn<'_>,
        offer: Option<&Offer>,
    ) -> Result<ResponseEnvelope, HandlerError> {
        if !turn.envelope.supports_audio() {
            // Every offer is of music: a device without a player is never
            // invited to ask for any.
            return Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()));
        }
        let id = match offer {
            Some(Offer::Resume) => return self.resume(turn).await,
            Some(Offer::Playlist { name, .. }) => {
                return self.play_playlist(turn, Some(name)).await
            }
            Some(Offer::Track { id, .. }) => id,
            Some(Offer::Unknown) | None => return Ok(ask_what_to_play(turn)),
        };
        match self
            .catalog
            .track(id)
            .await
            .map_err(HandlerError::Catalog)?
        {
            // Exactly the track offered: matching again on its title
            // could find another one, or nothing.
            Some(_) if !turn.envelope.supports_audio() => {
                Ok(ResponseEnvelope::tell(&turn.phrases.no_audio_player()))
            }
            // Played as "play X" plays a song: the track, then its artist's
            // others, with nothing written until the device reports it.
            Some(track) => {
                let said = turn.phrases.playing(&track.title, &track.artist);
                let rest = crate::matching::rest_after(&track);
                Ok(self.play_asked_song(turn, &track, rest, &said))
            }
            None => Ok(ask_what_to_play(turn)),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn road_trip() -> Query {
        Query {
            asked: Asked::Playlist,
            text: "road trips".into(),
        }
    }

    fn hey_jude() -> Offer {
        Offer::Track {
            id: "beatles-hey-jude".into(),
            title: "Hey Jude".into(),
            artist: "The Beatles".into(),
            asked_for: None,
        }
    }

    /// Each kind, with the JSON the skill writes for it.
    fn written() -> Vec<(Offer, Value)> {
        let counted = AskedFor::new(Some(&road_trip()));
        vec![
            (Offer::Resume, json!({"kind": "resume"})),
            (
                hey_jude(),
                json!({"kind": "track", "id": "beatles-hey-jude",
                    "title": "Hey Jude", "artist": "The Beatles"}),
            ),
            (
                Offer::Track {
                    id: "halo-live".into(),
                    title: "Halo".into(),
                    artist: "Beyoncé".into(),
                    asked_for: AskedFor::new(Some(&Query {
                        asked: Asked::Song,
                        text: "hallo".into(),
                    })),
                },
                json!({"kind": "track", "id": "halo-live", "title": "Halo",
                    "artist": "Beyoncé", "asked": "song", "query": "hallo"}),
            ),
            (
                Offer::Playlist {
                    name: "Road Trip".into(),
                    asked_for: None,
                },
                json!({"kind": "playlist", "name": "Road Trip"}),
            ),
            (
                Offer::Playlist {
                    name: "Road Trip".into(),
                    asked_for: counted,
                },
                json!({"kind": "playlist", "name": "Road Trip",
                    "asked": "playlist", "query": "road trips"}),
            ),
        ]
    }

    #[test]
    fn each_kind_writes_exactly_its_session_json() {
        for (offer, json) in written() {
            let attributes = offer.session_attributes();
            assert_eq!(Value::Object(attributes.clone()), json!({ "offer": json }));
            // Byte for byte, as the response carries it.
            assert_eq!(
                serde_json::to_string(&attributes).unwrap(),
                serde_json::to_string(&session_with(json.clone())).unwrap()
            );
        }
    }

    #[test]
    fn each_kind_reads_back_from_its_session_json() {
        for (offer, json) in written() {
            assert_eq!(Offer::read(&json), offer, "{json}");
        }
    }

    #[test]
    fn a_suggestion_becomes_a_track_offer_for_the_query_missed() {
        let suggestion = Suggestion {
            id: "beatles-hey-jude".into(),
            title: "Hey Jude".into(),
            artist: "The Beatles".into(),
        };
        assert_eq!(Offer::track(suggestion.clone(), None), hey_jude());
        let offer = Offer::track(suggestion, Some(&road_trip()));
        assert_eq!(offer.asked_for(), Some(road_trip()));
    }

    #[test]
    fn an_unreadable_offer_is_unknown() {
        for json in [
            json!({"kind": "shuffle"}),
            json!({"kind": "surprise", "id": "x"}),
            json!({"id": "beatles-hey-jude"}),
            json!({"kind": 3}),
            json!({"kind": "track", "title": "Hey Jude", "artist": "The Beatles"}),
            json!({"kind": "playlist", "name": 7}),
            json!("resume"),
            Value::Null,
        ] {
            assert_eq!(Offer::read(&json), Offer::Unknown, "{json}");
        }
    }

    #[test]
    fn an_offer_counts_only_for_a_query_it_names_in_full() {
        let offer = |json: Value| Offer::read(&json).asked_for();
        assert_eq!(
            offer(json!({"kind": "playlist", "name": "Road Trip",
                "asked": "playlist", "query": "road trips"})),
            Some(road_trip())
        );
        for json in [
            json!({"kind": "playlist", "name": "Road Trip", "asked": "playlist"}),
            json!({"kind": "playlist", "name": "Road Trip", "query": "road trips"}),
            json!({"kind": "playlist", "name": "Road Trip",
                "asked": "mood", "query": "road trips"}),
            json!({"kind": "resume", "asked": "song", "query": "road trips"}),
        ] {
            assert_eq!(offer(json.clone()), None, "{json}");
        }
    }
}
