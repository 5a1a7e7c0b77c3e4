//! The Echo Show's now-playing screen: an APL document beside the Play of
//! a spoken play on a device that draws APL, its next tracks touchable to
//! play them; nothing new for a device that does not, nor for the
//! player's own events. On the embedded stores and on DynamoDB Local.

use crate::support;

use jukebox::catalog::Track;
use jukebox::skill::Skill;
use serde_json::{json, Value};
use support::*;

fn catalog() -> Vec<Track> {
    let row = |id: &str, title: &str, album: &str| Track {
        id: id.to_string(),
        title: title.to_string(),
        artist: "The Harbour Lights".to_string(),
        album: Some(album.to_string()),
        url: format!("https://audio.example.com/test/{id}.mp3"),
        duration_ms: Some(200_000),
        image_url: Some(format!("https://img.example.com/{id}.jpg")),
        ..Default::default()
    };
    vec![
        row("q1", "Morning Tide", "Coastline"),
        row("q2", "Lanterns", "Coastline"),
        row("q3", "Northern Gale", "Coastline"),
        row("q4", "Salt and Stone", "Driftwood"),
    ]
}

async fn send(skill: &Skill, listener: &mut Listener, envelope: Value) -> Value {
    let kind = envelope["request"]["type"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let response = skill.handle_json(envelope).await.expect("request answered");
    assert_rules_for(&kind, &response);
    listener.apply(&response);
    response
}

fn album(listener: &mut Listener) -> Value {
    listener.intent(
        "PlayAlbumIntent",
        &[("albumName", Some("coastline")), ("artistName", None)],
    )
}

fn screen(response: &Value) -> Option<&Value> {
    response["response"]["directives"]
        .as_array()?
        .iter()
        .find(|d| d["type"] == "Alexa.Presentation.APL.RenderDocument")
}

fn touch(listener: &mut Listener, arguments: Value) -> Value {
    listener.envelope_of(json!({
        "type": "Alexa.Presentation.APL.UserEvent",
        "token": "jukebox-now-playing",
        "arguments": arguments,
        "source": {"type": "TouchWrapper", "handler": "Press"}
    }))
}

/// The screen shows the track, its album and the next tracks; a touch on
/// one plays it (REPLACE_ALL) and shows it; a touch on an old queue's
/// screen plays nothing; the player's events get no screen.
async fn the_screen_shows_the_queue_and_a_touch_plays_a_next_track(skill: Skill) {
    let mut listener = Listener::new("ann", "kitchen-show");
    listener.apl = true;
    let play = {
        let asked = album(&mut listener);
        send(&skill, &mut listener, asked)
    }
    .await;
    let directives = play["response"]["directives"].as_array().unwrap();
    assert_eq!(directives[0]["type"], "AudioPlayer.Play", "{play}");
    assert_eq!(
        directives[1]["type"], "Alexa.Presentation.APL.RenderDocument",
        "{play}"
    );
    let shown = &screen(&play).unwrap()["datasources"]["nowPlaying"];
    assert_eq!(shown["title"], "Morning Tide");
    assert_eq!(shown["artist"], "The Harbour Lights");
    assert_eq!(shown["album"], "Coastline");
    assert_eq!(shown["art"], "https://img.example.com/q1.jpg");
    let next: Vec<&str> = shown["next"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap())
        .collect();
    assert_eq!(next, ["Lanterns", "Northern Gale"]);
    assert_eq!(play["response"]["shouldEndSession"], true);

    let first = played_token(&play).unwrap();
    let started = listener.player_event("PlaybackStarted", &first, 0);
    send(&skill, &mut listener, started).await;
    let nearly = listener.player_event("PlaybackNearlyFinished", &first, 190_000);
    let nearly = send(&skill, &mut listener, nearly).await;
    assert!(screen(&nearly).is_none(), "{nearly}");

    // A touch on "Northern Gale": what the document's SendEvent sends.
    let queue = shown["queue"].clone();
    let entry = &shown["next"][1];
    let touched = touch(
        &mut listener,
        json!(["play", queue, entry["position"], entry["id"]]),
    );
    let touched = send(&skill, &mut listener, touched).await;
    let play_now = play_directive(&touched).expect("the touched track plays");
    assert_eq!(play_now["playBehavior"], "REPLACE_ALL");
    assert_eq!(token_track(&played_token(&touched).unwrap()), "q3");
    let shown_now = &screen(&touched).expect("and shows")["datasources"]["nowPlaying"];
    assert_eq!(shown_now["title"], "Northern Gale");
    assert_eq!(shown_now["next"], json!([]));

    // The queue goes on from the touched track.
    let token = played_token(&touched).unwrap();
    let started = listener.player_event("PlaybackStarted", &token, 0);
    send(&skill, &mut listener, started).await;
    let nearly = listener.player_event("PlaybackNearlyFinished", &token, 190_000);
    let nearly = send(&skill, &mut listener, nearly).await;
    assert!(
        play_directive(&nearly).is_none(),
        "the album ends: {nearly}"
    );

    // A screen of another queue, or a track the position no longer holds.
    for arguments in [
        json!(["play", "some-old-queue", 1, "q2"]),
        json!(["play", queue, 1, "q4"]),
        json!(["skip"]),
    ] {
        let stale = touch(&mut listener, arguments);
        let stale = send(&skill, &mut listener, stale).await;
        assert_eq!(stale, json!({"version": "1.0", "response": {}}));
    }
}

/// A device without APL gets exactly what it always did: the same answer
/// as an Echo Show's, without the screen.
async fn a_device_without_apl_gets_no_screen(skill: Skill) {
    let mut show = Listener::new("bea", "show");
    show.apl = true;
    let with_screen = {
        let asked = album(&mut show);
        send(&skill, &mut show, asked)
    }
    .await;
    let mut dot = Listener::new("bea", "dot");
    let plain = {
        let asked = album(&mut dot);
        send(&skill, &mut dot, asked)
    }
    .await;
    assert!(screen(&plain).is_none(), "{plain}");
    let mut expected = with_screen.clone();
    expected["response"]["directives"]
        .as_array_mut()
        .unwrap()
        .retain(|d| d["type"] != "Alexa.Presentation.APL.RenderDocument");
    // The two queues differ only in their ids, which the tokens carry.
    let strip = |mut v: Value| {
        v["response"]["directives"][0]["audioItem"]["stream"]["token"] = json!("");
        v
    };
    assert_eq!(
        serde_json::to_string(&strip(plain)).unwrap(),
        serde_json::to_string(&strip(expected)).unwrap()
    );
}

macro_rules! suite {
    ($backend:ident, $make:expr) => {
        mod $backend {
            use super::*;
            suite!(@tests $make;
                the_screen_shows_the_queue_and_a_touch_plays_a_next_track,
                a_device_without_apl_gets_no_screen
            );
        }
    };
    (@tests $make:expr; $($name:ident),*) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $name() {
                let skill = $make(catalog()).await;
                super::$name(skill).await;
            }
        )*
    };
}

async fn embedded(tracks: Vec<Track>) -> Skill {
    embedded_skill(tracks)
}

suite!(embedded_store, embedded);

async fn embedded_first_asks(tracks: Vec<Track>) -> Skill {
    support::waiting::waiting_skill(tracks)
}

suite!(embedded_store_first_asks, embedded_first_asks);

async fn dynamodb(tracks: Vec<Track>) -> Skill {
    support::dynamodb::dynamodb_skill(&tracks).await
}

suite!(dynamodb_store, dynamodb);

/// At the catalog's limits (8,000-character URLs, 500-character names) the
/// screen is what goes first: the Play and its art stay, the response fits.
#[tokio::test]
async fn the_screen_goes_first_when_a_response_would_be_too_large() {
    let long = |n: usize, c: char| std::iter::repeat_n(c, n).collect::<String>();
    let row = |id: &str, title: &str| Track {
        id: id.to_string(),
        title: title.to_string(),
        artist: format!("Band {}", long(495, 'b')),
        album: Some(long(500, 'a')),
        url: format!("https://audio.example.com/{}", long(8000 - 26, 'u')),
        image_url: Some(format!("https://img.example.com/{}", long(5000, 'i'))),
        ..Default::default()
    };
    let skill = embedded_skill(vec![row("big1", "Long Road"), row("big2", "Longer Road")]);
    let mut listener = Listener::new("zed", "show");
    listener.apl = true;
    let play = {
        let asked = listener.play(Some("long road"), None);
        send(&skill, &mut listener, asked).await
    };
    assert!(screen(&play).is_none(), "the screen went first: {play}");
    assert!(play_directive(&play).unwrap()["audioItem"]["metadata"]
        .get("art")
        .is_some());

    // A small one keeps its screen.
    let skill = embedded_skill(catalog());
    let mut listener = Listener::new("zed", "show");
    listener.apl = true;
    let play = {
        let asked = listener.play(Some("lanterns"), None);
        send(&skill, &mut listener, asked).await
    };
    assert!(screen(&play).is_some(), "{play}");
}
