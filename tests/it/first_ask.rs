//! A first ask that finds a song writes nothing: the first stream's token
//! names the track and carries the queue (when it was asked for, and on
//! which device), and the first event that brings it stores that queue.
//! These tests hold the queue's promises on that path, on the embedded
//! stores (with a catalog that makes every read wait, as a network does)
//! and on DynamoDB Local: a search that finds nothing leaves the old queue
//! playing, the newer of two asks wins whichever stream the device reports
//! first, and late, duplicate and concurrent events of the new queue's
//! first stream stay harmless.

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

/// Two asks in quick succession, neither stored until the device reports
/// a stream: each token acts on its own queue only. An event of the older
/// ask still in transit is answered for the older stream alone (an ENQUEUE
/// after its token, which the device drops: it plays the newer stream);
/// the newer ask's first event stores its queue, and from then on the
/// older ask's tokens are foreign. An older ask's late event never
/// replaces a newer queue.
async fn old_tokens_are_foreign_to_the_new_queue(skill: Skill) {
    let mut listener = Listener::new("di", "hall");
    let play = listener.play(Some("desert bloom"), None);
    let old = played_token(&send(&skill, &mut listener, play).await).expect("plays");
    let play = listener.play(Some("morning tide"), None);
    let new = played_token(&send(&skill, &mut listener, play).await).expect("plays");
    let in_transit = listener.player_event("PlaybackNearlyFinished", &old, 190_000);
    let answer = send(&skill, &mut listener, in_transit).await;
    let play = play_directive(&answer).expect("the old stream's next");
    assert_eq!(play["audioItem"]["stream"]["expectedPreviousToken"], old);
    assert_eq!(enqueued_track(&answer).as_deref(), Some("s2"));

    let nearly = listener.player_event("PlaybackNearlyFinished", &new, 190_000);
    let response = send(&skill, &mut listener, nearly).await;
    assert_eq!(enqueued_track(&response).as_deref(), Some("h2"));
    for kind in ["PlaybackStarted", "PlaybackNearlyFinished"] {
        let stale = listener.player_event(kind, &old, 190_000);
        assert!(
            no_directives(&send(&skill, &mut listener, stale).await),
            "{kind}"
        );
    }
    listener.token = Some(new.clone());
    listener.activity = "PLAYING";
    let what = listener.intent("NowPlayingIntent", &[]);
    assert_eq!(
        speech(&send(&skill, &mut listener, what).await).unwrap(),
        "This is Morning Tide by The Harbour Lights."
    );

    // The other way round: the newest ask's stream reported first.
    let play = listener.play(Some("dune song"), None);
    let newest = played_token(&send(&skill, &mut listener, play).await).expect("plays");
    let play = listener.play(Some("lanterns"), None);
    let later = played_token(&send(&skill, &mut listener, play).await).expect("plays");
    let started = listener.player_event("PlaybackStarted", &later, 0);
    assert!(no_directives(&send(&skill, &mut listener, started).await));
    for kind in ["PlaybackStarted", "PlaybackNearlyFinished"] {
        let late = listener.player_event(kind, &newest, 190_000);
        assert!(
            no_directives(&send(&skill, &mut listener, late).await),
            "{kind}"
        );
    }
    let nearly = listener.player_event("PlaybackNearlyFinished", &later, 190_000);
    let response = send(&skill, &mut listener, nearly).await;
    assert_eq!(enqueued_track(&response).as_deref(), Some("h3"));
}

/// The first stream's token opens its queue on the device that asked
/// only: another endpoint reporting it (a speaker group, another Echo of
/// the same account) gets no queue from it, and the asking device's queue
/// is unchanged.
async fn a_first_asks_token_opens_its_queue_on_its_own_device_only(skill: Skill) {
    let mut kitchen = Listener::new("fay", "kitchen");
    let play = kitchen.play(Some("morning tide"), None);
    let token = played_token(&send(&skill, &mut kitchen, play).await).expect("plays");
    let mut group = Listener::new("fay", "everywhere");
    for kind in ["PlaybackStarted", "PlaybackNearlyFinished"] {
        let event = group.player_event(kind, &token, 190_000);
        assert!(
            no_directives(&send(&skill, &mut group, event).await),
            "{kind}"
        );
    }
    let what = group.intent("NowPlayingIntent", &[]);
    assert_eq!(
        speech(&send(&skill, &mut group, what).await).unwrap(),
        "Nothing is playing right now. What would you like to hear?"
    );
    let nearly = kitchen.player_event("PlaybackNearlyFinished", &token, 190_000);
    let response = send(&skill, &mut kitchen, nearly).await;
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
    old_tokens_are_foreign_to_the_new_queue,
    a_first_asks_token_opens_its_queue_on_its_own_device_only
);

/// A playback store where another request of the listener replaces the
/// state with `newer` just before the next write: the race a new queue's
/// write can lose or win.
struct Overtaken {
    inner: Arc<dyn PlaybackStore>,
    newer: Mutex<Option<PlaybackState>>,
}

impl Overtaken {
    async fn overtake(&self, key: &ListenerKey) -> Result<(), StoreError> {
        let newer = self.newer.lock().unwrap().take();
        if let Some(newer) = newer {
            self.inner.replace(key, &newer).await?;
        }
        Ok(())
    }
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
        self.overtake(key).await?;
        self.inner.save(key, state, expected).await
    }
    async fn replace(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
    ) -> Result<(Option<PlaybackState>, u64), StoreError> {
        self.overtake(key).await?;
        self.inner.replace(key, state).await
    }
}

/// A song's first ask writes nothing, so a request of the listener that
/// lands meanwhile stands until the device reports the song's stream; an
/// ask that finds nothing writes nothing either. A new queue of an artist
/// is written whole after its search, and is the newest request: it
/// replaces what another request stored just before it.
async fn a_first_ask_writes_nothing_over_a_newer_request(
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

    // A song: nothing written, the newer state untouched.
    let newer = queue_of("s2");
    playback.replace(&key, &newer).await.unwrap();
    let play = listener.play(Some("lanterns"), None);
    let response = send(&skill, &mut listener, play).await;
    assert_eq!(token_track(&played_token(&response).expect("plays")), "h2");
    assert_eq!(stored().await, newer);

    // Nothing found: nothing written.
    let miss = listener.play(Some("zzyzx qwerty"), None);
    let response = send(&skill, &mut listener, miss).await;
    assert!(play_directive(&response).is_none(), "{response}");
    assert_eq!(stored().await, newer);

    // An artist: its queue is written after the search, over the state
    // another request stored just before.
    *store.newer.lock().unwrap() = Some(queue_of("s1"));
    let play = listener.play(None, Some("the harbour lights"));
    let response = send(&skill, &mut listener, play).await;
    let token = played_token(&response).expect("plays");
    assert_eq!(token_track(&token), "h1");
    let now = stored().await;
    assert_eq!(now.current_track().map(|t| t.id.as_str()), Some("h1"));
    assert_eq!(now.tracks.len(), 3);
}

#[tokio::test]
async fn a_first_ask_writes_nothing_over_a_newer_request_in_memory() {
    a_first_ask_writes_nothing_over_a_newer_request(
        Arc::new(WaitingCatalog(Arc::new(MemoryCatalog::new(tracks())))),
        Arc::new(MemoryPlaybackStore::new()),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_ask_writes_nothing_over_a_newer_request_on_dynamodb() {
    let (catalog, playback) = support::dynamodb::dynamodb_stores(&tracks()).await;
    a_first_ask_writes_nothing_over_a_newer_request(catalog, playback).await;
}
