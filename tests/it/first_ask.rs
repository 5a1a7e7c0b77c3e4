//! A first ask writes the listener's new queue beside the catalog search,
//! before the answer: the queue awaits the track its first stream's token
//! names, and the events of that stream fill it in. These tests hold the
//! queue's promises on that path, on the embedded stores (with a catalog
//! that makes every read wait, as a network does) and on DynamoDB Local: a
//! search that finds nothing leaves the old queue playing, a newer request
//! wins over the first ask's later write, and late, duplicate and
//! concurrent events of the new queue's first stream stay harmless.

use crate::support;

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use jukebox::catalog::{Catalog, Track};
use jukebox::error::StoreError;
use jukebox::playback::{ListenerKey, PlaybackState, PlaybackStore, SaveError, Versioned};
use jukebox::skill::Skill;
use jukebox::store::memory::{MemoryCatalog, MemoryPlaybackStore};
use serde_json::{json, Value};
use support::waiting::WaitingCatalog;
use support::*;

fn tracks() -> Vec<Track> {
    let row = |id: &str, title: &str, artist: &str| Track {
        id: id.to_string(),
        title: title.to_string(),
        artist: artist.to_string(),
        url: format!("https://audio.example.com/{id}.mp3"),
        duration_ms: Some(200_000),
        ..Default::default()
    };
    vec![
        row("h1", "Morning Tide", "The Harbour Lights"),
        row("h2", "Lanterns", "The Harbour Lights"),
        row("h3", "Northern Gale", "The Harbour Lights"),
        row("s1", "Desert Bloom", "Sahara Sound"),
        row("s2", "Dune Song", "Sahara Sound"),
    ]
}

async fn send(skill: &Skill, listener: &mut Listener, envelope: Value) -> Value {
    let response = skill.handle_json(envelope).await.expect("answered");
    listener.apply(&response);
    response
}

fn enqueued_track(response: &Value) -> Option<String> {
    let play = play_directive(response)?;
    (play["playBehavior"] == "ENQUEUE")
        .then(|| token_track(play["audioItem"]["stream"]["token"].as_str().unwrap()))
}

fn no_directives(response: &Value) -> bool {
    *response == json!({"version": "1.0", "response": {}})
}

/// A search that finds nothing leaves the old queue as it was: its next
/// event still enqueues its next track.
async fn nothing_found_leaves_the_old_queue_playing(skill: Skill) {
    let mut listener = Listener::new("ada", "kitchen");
    let play = listener.play(Some("morning tide"), Some("the harbour lights"));
    let first = played_token(&send(&skill, &mut listener, play).await).expect("plays");
    let started = listener.player_event("PlaybackStarted", &first, 0);
    send(&skill, &mut listener, started).await;

    let miss = listener.play(Some("zzyzx qwerty"), Some("nobody at all"));
    let answer = send(&skill, &mut listener, miss).await;
    assert!(play_directive(&answer).is_none(), "{answer}");
    assert!(speech(&answer).is_some());

    let nearly = listener.player_event("PlaybackNearlyFinished", &first, 190_000);
    let response = send(&skill, &mut listener, nearly).await;
    assert_eq!(
        enqueued_track(&response).as_deref(),
        Some("h2"),
        "{response}"
    );
    let what = listener.intent("NowPlayingIntent", &[]);
    assert_eq!(
        speech(&send(&skill, &mut listener, what).await).unwrap(),
        "This is Morning Tide by The Harbour Lights."
    );
}

/// A listener with no queue at all whose first ask finds nothing keeps a
/// queue of nothing: events are foreign to it, and the next ask plays.
async fn nothing_found_for_a_new_listener_then_a_song(skill: Skill) {
    let mut listener = Listener::new("bo", "porch");
    let miss = listener.play(Some("zzyzx qwerty"), None);
    let answer = send(&skill, &mut listener, miss).await;
    assert!(play_directive(&answer).is_none(), "{answer}");
    let what = listener.intent("NowPlayingIntent", &[]);
    assert_eq!(
        speech(&send(&skill, &mut listener, what).await).unwrap(),
        "Nothing is playing right now. What would you like to hear?"
    );
    let resume = listener.intent("AMAZON.ResumeIntent", &[]);
    let answer = send(&skill, &mut listener, resume).await;
    assert!(play_directive(&answer).is_none(), "{answer}");

    let play = listener.play(Some("desert bloom"), None);
    let token = played_token(&send(&skill, &mut listener, play).await).expect("plays");
    assert_eq!(token_track(&token), "s1");
    let nearly = listener.player_event("PlaybackNearlyFinished", &token, 190_000);
    let response = send(&skill, &mut listener, nearly).await;
    assert_eq!(enqueued_track(&response).as_deref(), Some("s2"));
}

/// The first stream's events fill the queue in once, whatever their order:
/// its PlaybackStarted lost, a dozen NearlyFinished at once enqueue one
/// track; a duplicate and a late PlaybackStarted change nothing; stop and
/// resume go on from the track the search found.
async fn the_first_streams_events_fill_the_queue_in_once(skill: Skill) {
    let skill = Arc::new(skill);
    let mut listener = Listener::new("cy", "studio");
    let play = listener.play(Some("lanterns"), None);
    let first = played_token(&send(&skill, &mut listener, play).await).expect("plays");
    assert_eq!(token_track(&first), "h2");

    let mut tasks = Vec::new();
    for _ in 0..12 {
        let envelope = listener.player_event("PlaybackNearlyFinished", &first, 190_000);
        let skill = Arc::clone(&skill);
        tasks.push(tokio::spawn(async move {
            skill.handle_json(envelope).await.unwrap()
        }));
    }
    let mut enqueued = Vec::new();
    for task in tasks {
        let response = task.await.unwrap();
        assert_player_response(&response);
        enqueued.extend(enqueued_track(&response));
    }
    assert_eq!(enqueued, ["h3"], "one ENQUEUE, of the artist's next track");

    let started = listener.player_event("PlaybackStarted", &first, 0);
    let (a, b) = tokio::join!(
        skill.handle_json(started.clone()),
        skill.handle_json(started)
    );
    assert!(no_directives(&a.unwrap()) && no_directives(&b.unwrap()));
    let mut late = listener.player_event("PlaybackStarted", &first, 0);
    late["request"]["timestamp"] = json!("2026-11-24T09:00:00Z");
    assert!(no_directives(&send(&skill, &mut listener, late).await));

    let stopped = listener.player_event("PlaybackStopped", &first, 42_000);
    send(&skill, &mut listener, stopped).await;
    let resume = listener.intent("AMAZON.ResumeIntent", &[]);
    let response = send(&skill, &mut listener, resume).await;
    let play = play_directive(&response).expect("resumes");
    assert_eq!(token_track(&played_token(&response).unwrap()), "h2");
    assert_eq!(play["audioItem"]["stream"]["offsetInMilliseconds"], 42_000);
}

/// A stream of the old queue reported while the first ask's search runs
/// is foreign to the new queue, and a stream of the new queue is foreign
/// to the old: tokens never cross.
async fn old_tokens_are_foreign_to_the_new_queue(skill: Skill) {
    let mut listener = Listener::new("di", "hall");
    let play = listener.play(Some("desert bloom"), None);
    let old = played_token(&send(&skill, &mut listener, play).await).expect("plays");
    let play = listener.play(Some("morning tide"), None);
    let new = played_token(&send(&skill, &mut listener, play).await).expect("plays");
    let stale = listener.player_event("PlaybackNearlyFinished", &old, 190_000);
    assert!(no_directives(&send(&skill, &mut listener, stale).await));
    let nearly = listener.player_event("PlaybackNearlyFinished", &new, 190_000);
    let response = send(&skill, &mut listener, nearly).await;
    assert_eq!(enqueued_track(&response).as_deref(), Some("h2"));
}

macro_rules! on_both_stores {
    ($($name:ident),*) => {
        mod embedded_store {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name(super::waiting::waiting_skill(super::tracks())).await;
                }
            )*
        }
        mod dynamodb_store {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let skill = super::support::dynamodb::dynamodb_skill(&super::tracks()).await;
                    super::$name(skill).await;
                }
            )*
        }
    };
}

use support::waiting;

on_both_stores!(
    nothing_found_leaves_the_old_queue_playing,
    nothing_found_for_a_new_listener_then_a_song,
    the_first_streams_events_fill_the_queue_in_once,
    old_tokens_are_foreign_to_the_new_queue
);

/// A playback store where another request of the listener replaces the
/// state with `newer` just before the next conditional save: the race a
/// first ask's second write (an artist's tracks, or the old queue written
/// back) can lose.
struct Overtaken {
    inner: Arc<dyn PlaybackStore>,
    newer: Mutex<Option<PlaybackState>>,
}

#[async_trait]
impl PlaybackStore for Overtaken {
    async fn load(&self, key: &ListenerKey) -> Result<Option<Versioned>, StoreError> {
        self.inner.load(key).await
    }
    async fn save(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
        expected: Option<u64>,
    ) -> Result<u64, SaveError> {
        let newer = self.newer.lock().unwrap().take();
        if let Some(newer) = newer {
            self.inner.replace(key, &newer).await?;
        }
        self.inner.save(key, state, expected).await
    }
    async fn replace(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
    ) -> Result<(Option<PlaybackState>, u64), StoreError> {
        self.inner.replace(key, state).await
    }
}

/// When another request replaces the state between a first ask's write and
/// its second one, the newer state stands: the first ask still answers
/// (an artist plays; nothing found says so), and writes nothing over it.
async fn a_newer_request_wins_over_a_first_asks_second_write(
    catalog: Arc<dyn Catalog>,
    playback: Arc<dyn PlaybackStore>,
) {
    let queue_of = |id: &str| {
        PlaybackState::new_queue(
            vec![jukebox::playback::QueuedTrack {
                id: id.into(),
                title: "Dune Song".into(),
                artist: "Sahara Sound".into(),
                url: format!("https://audio.example.com/{id}.mp3"),
                image_url: None,
                live: false,
            }],
            0,
        )
    };
    let store = Arc::new(Overtaken {
        inner: Arc::clone(&playback),
        newer: Mutex::new(None),
    });
    let skill = skill_on(catalog, Arc::clone(&store) as Arc<dyn PlaybackStore>);
    let mut listener = Listener::new("ed", "den");
    let key = ListenerKey {
        user_id: listener.user_id.clone(),
        device_id: listener.device_id.clone(),
    };
    let stored = async || playback.load(&key).await.unwrap().unwrap().state;

    // An artist: its tracks are written after the search, and lose.
    let newer = queue_of("s2");
    *store.newer.lock().unwrap() = Some(newer.clone());
    let play = listener.play(None, Some("the harbour lights"));
    let response = send(&skill, &mut listener, play).await;
    assert_eq!(token_track(&played_token(&response).expect("plays")), "h1");
    assert_eq!(stored().await, newer);

    // Nothing found: the old queue written back would undo the newer one.
    let newest = queue_of("s1");
    *store.newer.lock().unwrap() = Some(newest.clone());
    let miss = listener.play(Some("zzyzx qwerty"), None);
    let response = send(&skill, &mut listener, miss).await;
    assert!(play_directive(&response).is_none(), "{response}");
    assert_eq!(stored().await, newest);

    // Unraced, nothing found writes the old queue back.
    let miss = listener.play(Some("zzyzx qwerty"), None);
    send(&skill, &mut listener, miss).await;
    assert_eq!(stored().await, newest);
}

#[tokio::test]
async fn a_newer_request_wins_over_a_first_asks_second_write_in_memory() {
    a_newer_request_wins_over_a_first_asks_second_write(
        Arc::new(WaitingCatalog(Arc::new(MemoryCatalog::new(tracks())))),
        Arc::new(MemoryPlaybackStore::new()),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_request_wins_over_a_first_asks_second_write_on_dynamodb() {
    let (catalog, playback) = support::dynamodb::dynamodb_stores(&tracks()).await;
    a_newer_request_wins_over_a_first_asks_second_write(catalog, playback).await;
}
