//! The now-playing screen for devices that draw APL (Echo Show, Echo Spot):
//! an `Alexa.Presentation.APL.RenderDocument` directive with the cover
//! art, title, artist and album of the track that starts, and the queue's
//! next tracks, each touchable to play it.
//!
//! The document is fixed; what changes is its data source
//! ([`NowPlaying`]), bound as the template's one parameter `payload`
//! (Amazon's "APL Data Sources": the whole `datasources` object binds to a
//! parameter named `payload`). A touch sends
//! `Alexa.Presentation.APL.UserEvent` with the arguments
//! `["play", <queue id>, <position>]` ([`TouchPlay::parse`]).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::ssml::shorten;

/// The APL version the document is written for: one Amazon documents
/// (the "APL Data Sources" reference shows `"version": "2024.3"`).
pub const APL_VERSION: &str = "2024.3";

/// The token of every now-playing document: a UserEvent names the document
/// it came from with it.
pub const NOW_PLAYING_TOKEN: &str = "jukebox-now-playing";

/// How many of the queue's next tracks the screen lists.
pub const MAX_NEXT: usize = 5;

/// Longest title, artist or album shown: a screen line, not a paragraph,
/// and a bound on the directive's size whatever the catalog holds.
const MAX_SHOWN: usize = 120;

/// The first argument of a touch that plays a track of the queue.
const PLAY_ARGUMENT: &str = "play";

/// `Alexa.Presentation.APL.RenderDocument`: `token` and `document` are
/// required, `datasources` optional (Amazon's "Alexa.Presentation.APL
/// Interface Reference", RenderDocument directive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenderDocument {
    pub token: String,
    pub document: Value,
    pub datasources: DataSources,
}

/// The `datasources` object: one data source, `nowPlaying`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataSources {
    pub now_playing: NowPlaying,
}

/// What the screen shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NowPlaying {
    /// The queue the listed positions belong to: a touch on a screen drawn
    /// for an older queue plays nothing.
    pub queue: String,
    pub title: String,
    pub artist: String,
    /// Empty when unknown: the line is then not drawn.
    pub album: String,
    /// Cover art URL; empty when the catalog has none (no image is drawn).
    pub art: String,
    pub next: Vec<NextTrack>,
}

/// One of the queue's next tracks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NextTrack {
    /// Its position in the queue and its catalog id (what a touch sends
    /// back: the id tells a position the queue has since reordered).
    pub position: usize,
    pub id: String,
    pub title: String,
    pub artist: String,
}

impl NowPlaying {
    /// The screen for a track, its album when known, and the tracks after it.
    pub fn new(
        queue: &str,
        title: &str,
        artist: &str,
        album: Option<&str>,
        art: Option<&str>,
    ) -> Self {
        NowPlaying {
            queue: queue.to_string(),
            title: shorten(title, MAX_SHOWN),
            artist: shorten(artist, MAX_SHOWN),
            album: album.map(|a| shorten(a, MAX_SHOWN)).unwrap_or_default(),
            art: art.unwrap_or_default().to_string(),
            next: Vec::new(),
        }
    }

    /// Adds a next track (no more than [`MAX_NEXT`] are kept).
    pub fn with_next(mut self, position: usize, id: &str, title: &str, artist: &str) -> Self {
        if self.next.len() < MAX_NEXT {
            self.next.push(NextTrack {
                position,
                id: id.to_string(),
                title: shorten(title, MAX_SHOWN),
                artist: shorten(artist, MAX_SHOWN),
            });
        }
        self
    }

    pub fn render(self) -> RenderDocument {
        RenderDocument {
            token: NOW_PLAYING_TOKEN.to_string(),
            document: document(),
            datasources: DataSources { now_playing: self },
        }
    }
}

/// A touch on a next track: play `position` of `queue`, if it still holds
/// the track `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchPlay {
    pub queue: String,
    pub position: usize,
    pub id: String,
}

impl TouchPlay {
    /// The touch the UserEvent's arguments describe; `None` for anything
    /// else (another document's event, arguments of another shape).
    pub fn parse(arguments: &[Value]) -> Option<Self> {
        let [kind, queue, position, id] = arguments else {
            return None;
        };
        if kind.as_str()? != PLAY_ARGUMENT {
            return None;
        }
        // Data binding keeps a lone `${…}` as its value's type (a number);
        // a string of digits is taken too.
        let position = match position {
            Value::Number(n) => usize::try_from(n.as_u64()?).ok()?,
            Value::String(s) => s.parse().ok()?,
            _ => return None,
        };
        Some(TouchPlay {
            queue: queue.as_str()?.to_string(),
            position,
            id: id.as_str()?.to_string(),
        })
    }
}

/// The document: art on the left; title, artist, album and a list of the
/// next tracks on the right. Plain components only (Container, Image,
/// Text, Sequence, TouchWrapper), no import, so nothing is fetched but
/// the art.
pub fn document() -> Value {
    let next_track = json!({
        "type": "TouchWrapper",
        "onPress": [{
            "type": "SendEvent",
            "arguments": [
                PLAY_ARGUMENT,
                "${payload.nowPlaying.queue}",
                "${data.position}",
                "${data.id}"
            ]
        }],
        "item": {
            "type": "Text",
            "text": "${data.title} · ${data.artist}",
            "fontSize": "20dp",
            "maxLines": 1,
            "paddingTop": "1vh",
            "paddingBottom": "1vh"
        }
    });
    let next = json!({
        "type": "Sequence",
        "grow": 1,
        "shrink": 1,
        "paddingTop": "2vh",
        "data": "${payload.nowPlaying.next}",
        "items": [next_track]
    });
    let title = json!({
        "type": "Text",
        "text": "${payload.nowPlaying.title}",
        "fontSize": "32dp",
        "fontWeight": "bold",
        "maxLines": 2
    });
    let artist = json!({
        "type": "Text",
        "text": "${payload.nowPlaying.artist}",
        "fontSize": "24dp",
        "maxLines": 1
    });
    let album = json!({
        "type": "Text",
        "when": "${payload.nowPlaying.album != ''}",
        "text": "${payload.nowPlaying.album}",
        "fontSize": "20dp",
        "color": "#B0B0B0",
        "maxLines": 1
    });
    let words = json!({
        "type": "Container",
        "grow": 1,
        "shrink": 1,
        "paddingLeft": "4vw",
        "direction": "column",
        "items": [title, artist, album, next]
    });
    let art = json!({
        "type": "Image",
        "when": "${payload.nowPlaying.art != ''}",
        "source": "${payload.nowPlaying.art}",
        "width": "36vw",
        "height": "36vw",
        "scale": "best-fit",
        "align": "center"
    });
    json!({
        "type": "APL",
        "version": APL_VERSION,
        "theme": "dark",
        "mainTemplate": {
            "parameters": ["payload"],
            "items": [{
                "type": "Container",
                "width": "100vw",
                "height": "100vh",
                "direction": "row",
                "paddingLeft": "4vw",
                "paddingRight": "4vw",
                "paddingTop": "4vh",
                "paddingBottom": "4vh",
                "items": [art, words]
            }]
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touches_parse_from_their_arguments() {
        let touch = TouchPlay::parse(&[json!("play"), json!("q1"), json!(3), json!("t9")]);
        assert_eq!(
            touch,
            Some(TouchPlay {
                queue: "q1".into(),
                position: 3,
                id: "t9".into(),
            })
        );
        assert_eq!(
            TouchPlay::parse(&[json!("play"), json!("q1"), json!("7"), json!("t")])
                .map(|t| t.position),
            Some(7)
        );
        assert_eq!(TouchPlay::parse(&[json!("play"), json!("q1")]), None);
        assert_eq!(
            TouchPlay::parse(&[json!("like"), json!("q1"), json!(1), json!("t")]),
            None
        );
        assert_eq!(
            TouchPlay::parse(&[json!("play"), json!("q1"), json!(-1), json!("t")]),
            None
        );
    }

    #[test]
    fn at_most_five_next_tracks_are_listed() {
        let mut screen = NowPlaying::new("q", "t", "a", None, None);
        for position in 1..10 {
            screen = screen.with_next(position, "id", "t", "a");
        }
        assert_eq!(screen.next.len(), MAX_NEXT);
        assert_eq!(screen.next[0].position, 1);
    }
}
