//! How many store requests each request type makes, and in how
//! many sequential round trips (requests started together share one). On
//! AWS every round trip is milliseconds before the music starts, so these
//! counts are fixed here: a handler that adds one fails this test.
//!
//! The stores are the real adapters (in memory, and DynamoDB Local), each
//! wrapped in a decorator of the ports that counts calls and measures the
//! longest chain of calls each waiting for an earlier one: a call's depth
//! is one more than the deepest call finished before it started.

use crate::support;

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use async_trait::async_trait;
use jukebox::catalog::{Catalog, Track};
use jukebox::error::StoreError;
use jukebox::playback::{ListenerKey, PlaybackState, PlaybackStore, SaveError, Versioned};
use jukebox::skill::Skill;
use jukebox::store::memory::{MemoryCatalog, MemoryPlaybackStore};
use serde_json::Value;
use support::dynamodb::SharedCatalog;
use support::*;

#[derive(Default)]
struct Counter {
    requests: AtomicUsize,
    /// The depth of the deepest call finished so far.
    finished: AtomicUsize,
    /// The deepest call started: the sequential round trips.
    deepest: AtomicUsize,
}

impl Counter {
    /// Runs one store call of `requests` DynamoDB requests, counting it.
    async fn count<F: Future>(&self, requests: usize, call: F) -> F::Output {
        let depth = self.finished.load(Ordering::SeqCst) + 1;
        self.deepest.fetch_max(depth, Ordering::SeqCst);
        self.requests.fetch_add(requests, Ordering::SeqCst);
        // Let calls started together all begin before any ends, as they
        // would over a network.
        tokio::task::yield_now().await;
        let output = call.await;
        self.finished.fetch_max(depth, Ordering::SeqCst);
        output
    }

    /// (requests, sequential round trips) since the last take.
    fn take(&self) -> (usize, usize) {
        self.finished.store(0, Ordering::SeqCst);
        (
            self.requests.swap(0, Ordering::SeqCst),
            self.deepest.swap(0, Ordering::SeqCst),
        )
    }
}

struct CountedCatalog(Arc<dyn Catalog>, Arc<Counter>);
struct CountedPlayback(Arc<dyn PlaybackStore>, Arc<Counter>);

#[async_trait]
impl Catalog for CountedCatalog {
    async fn lookup(&self, keys: &[String], limit: usize) -> Result<Vec<Track>, StoreError> {
        // One Query per key (see DynamoCatalog::lookup).
        self.1.count(keys.len(), self.0.lookup(keys, limit)).await
    }
    async fn track(&self, id: &str) -> Result<Option<Track>, StoreError> {
        self.1.count(1, self.0.track(id)).await
    }
    async fn playlist_names(&self) -> Result<Vec<String>, StoreError> {
        self.1.count(1, self.0.playlist_names()).await
    }
    async fn last(&self, key: &str) -> Result<Option<Track>, StoreError> {
        self.1.count(1, self.0.last(key)).await
    }
    async fn tracks_from(
        &self,
        key: &str,
        from: u32,
        limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        self.1.count(1, self.0.tracks_from(key, from, limit)).await
    }
    async fn newest(&self, limit: usize) -> Result<Vec<Track>, StoreError> {
        self.1.count(1, self.0.newest(limit)).await
    }
}

#[async_trait]
impl PlaybackStore for CountedPlayback {
    async fn load(&self, key: &ListenerKey) -> Result<Option<Versioned>, StoreError> {
        self.1.count(1, self.0.load(key)).await
    }
    async fn save(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
        expected: Option<u64>,
    ) -> Result<u64, SaveError> {
        self.1.count(1, self.0.save(key, state, expected)).await
    }
    async fn replace(
        &self,
        key: &ListenerKey,
        state: &PlaybackState,
    ) -> Result<(Option<PlaybackState>, u64), StoreError> {
        self.1.count(1, self.0.replace(key, state)).await
    }
}

fn counted(catalog: Arc<dyn Catalog>, playback: Arc<dyn PlaybackStore>) -> (Skill, Arc<Counter>) {
    let counter = Arc::new(Counter::default());
    let skill = skill_on(
        Arc::new(CountedCatalog(catalog, Arc::clone(&counter))),
        Arc::new(CountedPlayback(playback, Arc::clone(&counter))),
    );
    (skill, counter)
}

/// Every request type of a listening session, with its (requests, rounds).
async fn session_costs(skill: &Skill, counter: &Counter) -> Vec<(&'static str, (usize, usize))> {
    let mut listener = Listener::new("counted", "echo");
    let mut costs = Vec::new();
    let mut send = async |name: &'static str, envelope: Value, listener: &mut Listener| {
        counter.take();
        let response = skill.handle_json(envelope).await.expect("answered");
        listener.apply(&response);
        costs.push((name, counter.take()));
        response
    };
    let launch = listener.launch();
    send("LaunchRequest, nothing played yet", launch, &mut listener).await;
    let play = listener.play(Some("hey jude"), Some("the beatles"));
    let response = send("PlayMusicIntent, song and artist", play, &mut listener).await;
    let token = played_token(&response).unwrap();
    let started = listener.player_event("PlaybackStarted", &token, 0);
    send("AudioPlayer.PlaybackStarted", started, &mut listener).await;
    let nearly = listener.player_event("PlaybackNearlyFinished", &token, 200_000);
    send("AudioPlayer.PlaybackNearlyFinished", nearly, &mut listener).await;
    let foreign = listener.player_event("PlaybackStopped", "another-skills-token", 1_000);
    send(
        "AudioPlayer event, another skill's token",
        foreign,
        &mut listener,
    )
    .await;
    let pause = listener.intent("AMAZON.PauseIntent", &[]);
    send("AMAZON.PauseIntent", pause, &mut listener).await;
    let button = listener.button("Pause");
    send(
        "PlaybackController.PauseCommandIssued",
        button,
        &mut listener,
    )
    .await;
    let stopped = listener.player_event("PlaybackStopped", &token, 73_000);
    send("AudioPlayer.PlaybackStopped", stopped, &mut listener).await;
    let what = listener.intent("NowPlayingIntent", &[]);
    send("NowPlayingIntent", what, &mut listener).await;
    let relaunch = listener.launch();
    send(
        "LaunchRequest, something to resume",
        relaunch,
        &mut listener,
    )
    .await;
    let resume = listener.intent("AMAZON.ResumeIntent", &[]);
    send("AMAZON.ResumeIntent", resume, &mut listener).await;
    let next = listener.intent("AMAZON.NextIntent", &[]);
    send("AMAZON.NextIntent", next, &mut listener).await;
    let song_only = listener.play(Some("bohemian rhapsody"), None);
    send("PlayMusicIntent, song only", song_only, &mut listener).await;
    // "Yes" to a track offered after a near miss.
    listener.attributes = Some(serde_json::json!({"offer": {"kind": "track",
        "id": "beatles-hey-jude", "title": "Hey Jude", "artist": "The Beatles"}}));
    let yes = listener.intent("AMAZON.YesIntent", &[]);
    let response = send("AMAZON.YesIntent to an offered track", yes, &mut listener).await;
    assert!(played_token(&response).is_some(), "{response}");
    // On an Echo Show: the screen a play draws costs nothing more, and a
    // touch on one of its next tracks costs what "next" does.
    listener.apl = true;
    let artist = listener.play(None, Some("queen"));
    let response = skill.handle_json(artist).await.expect("answered");
    listener.apply(&response);
    let screen = response["response"]["directives"]
        .as_array()
        .and_then(|d| {
            d.iter()
                .find(|d| d["type"] == "Alexa.Presentation.APL.RenderDocument")
        })
        .expect("a screen")["datasources"]["nowPlaying"]
        .clone();
    let next = &screen["next"][0];
    let touch = listener.envelope_of(serde_json::json!({
        "type": "Alexa.Presentation.APL.UserEvent",
        "token": "jukebox-now-playing",
        "arguments": ["play", screen["queue"], next["position"], next["id"]],
    }));
    let response = send(
        "Alexa.Presentation.APL.UserEvent, a next track touched",
        touch,
        &mut listener,
    )
    .await;
    assert!(played_token(&response).is_some(), "{response}");
    costs
}

/// (requests, sequential rounds) per request type.
const EXPECTED: &[(&str, (usize, usize))] = &[
    ("LaunchRequest, nothing played yet", (0, 0)),
    // A first ask: the title's Query, and nothing written (the first
    // stream's token carries the new queue; the artist's other tracks are
    // read when the queue reaches them).
    ("PlayMusicIntent, song and artist", (1, 1)),
    // The state and, beside it, the track its token names, which rebuilds
    // the queue the ask started; then the write that stores it.
    ("AudioPlayer.PlaybackStarted", (3, 2)),
    // The first time the queue needs a next track: state, the artist's next
    // ten tracks, write.
    ("AudioPlayer.PlaybackNearlyFinished", (3, 3)),
    ("AudioPlayer event, another skill's token", (0, 0)),
    ("AMAZON.PauseIntent", (0, 0)),
    ("PlaybackController.PauseCommandIssued", (0, 0)),
    ("AudioPlayer.PlaybackStopped", (2, 2)),
    ("NowPlayingIntent", (1, 1)),
    ("LaunchRequest, something to resume", (1, 1)),
    ("AMAZON.ResumeIntent", (2, 2)),
    ("AMAZON.NextIntent", (2, 2)),
    // The same for a song heard alone: the title's Query.
    ("PlayMusicIntent, song only", (1, 1)),
    // The offered track's GetItem, and nothing written: as a song asked for.
    ("AMAZON.YesIntent to an offered track", (1, 1)),
    // The state, then its conditional write: as "next".
    (
        "Alexa.Presentation.APL.UserEvent, a next track touched",
        (2, 2),
    ),
];

fn assert_costs(costs: &[(&str, (usize, usize))]) {
    assert_eq!(
        costs, EXPECTED,
        "(requests, sequential round trips) per request type"
    );
}

#[tokio::test]
async fn each_request_type_makes_a_fixed_number_of_round_trips_in_memory() {
    let (skill, counter) = counted(
        Arc::new(MemoryCatalog::new(sample_tracks())),
        Arc::new(MemoryPlaybackStore::new()),
    );
    assert_costs(&session_costs(&skill, &counter).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_request_type_makes_a_fixed_number_of_round_trips_on_dynamodb() {
    let (catalog, playback) = support::dynamodb::dynamodb_stores(&sample_tracks()).await;
    let (skill, counter) = counted(catalog, playback);
    assert_costs(&session_costs(&skill, &counter).await);
}

/// Plays a shuffled source the device's way for `steps` tracks, checking
/// each event's cost: (the ids played, the state left).
async fn play_shuffled(
    skill: &Skill,
    counter: &Counter,
    playback: &MemoryPlaybackStore,
    listener: &mut Listener,
    start: Value,
    steps: usize,
) -> (Vec<String>, PlaybackState) {
    let response = skill.handle_json(start).await.unwrap();
    listener.apply(&response);
    // The source's last track (its size), its first, the new queue.
    assert_eq!(counter.take(), (3, 3), "starting the shuffle");
    let mut token = played_token(&response).unwrap();
    let mut played = vec![token_track(&token)];
    for step in 0..steps {
        let started = listener.player_event("PlaybackStarted", &token, 0);
        listener.apply(&skill.handle_json(started).await.unwrap());
        assert_eq!(counter.take(), (2, 2), "PlaybackStarted {step}");
        let nearly = listener.player_event("PlaybackNearlyFinished", &token, 1_000);
        let response = skill.handle_json(nearly).await.unwrap();
        listener.apply(&response);
        // State, the one next track, write: never more.
        assert_eq!(counter.take(), (3, 3), "NearlyFinished {step}");
        token = play_directive(&response).expect("an ENQUEUE")["audioItem"]["stream"]["token"]
            .as_str()
            .unwrap()
            .to_string();
        played.push(token_track(&token));
    }
    let key = ListenerKey {
        user_id: listener.user_id.clone(),
        device_id: listener.device_id.clone(),
    };
    let state = playback.load(&key).await.unwrap().unwrap().state;
    (played, state)
}

/// Shuffling the whole catalog, or a genre of one track in
/// twenty (5,000 of 100,000), costs the same at 1,000, 10,000 and 100,000
/// tracks (the order is computed, never listed), repeats nothing, and the
/// state stays a few kilobytes however long it plays.
#[tokio::test]
async fn shuffles_cost_the_same_whatever_the_catalog_size() {
    for size in [1_000, 10_000, 100_000] {
        let mut tracks = synthetic_catalog(size);
        for track in tracks.iter_mut().step_by(20) {
            track.genres = vec!["Jazz".to_string()];
        }
        let playback = Arc::new(MemoryPlaybackStore::new());
        let (skill, counter) = counted(
            Arc::new(MemoryCatalog::new(tracks.clone())),
            Arc::clone(&playback) as Arc<dyn PlaybackStore>,
        );
        let mut listener = Listener::new("shuffler", "echo");
        let everything = listener.intent("ShuffleAllIntent", &[]);
        let (played, state) =
            play_shuffled(&skill, &counter, &playback, &mut listener, everything, 150).await;
        let distinct: std::collections::HashSet<&String> = played.iter().collect();
        assert_eq!(distinct.len(), played.len(), "a repeat in {size}");
        let bytes = serde_json::to_vec(&state).unwrap().len();
        assert!(
            state.tracks.len() <= 12 && bytes < 8_000,
            "{} tracks, {bytes} bytes held after 150 tracks of {size}",
            state.tracks.len()
        );
        // The 151st track is enqueued; the 150th plays.
        assert_eq!(state.position, 149);
        assert_eq!(state.first_held + state.tracks.len(), 151);
        // "Previous" goes back to the 149th, kept behind the current one.
        let back = listener.intent("AMAZON.PreviousIntent", &[]);
        let response = skill.handle_json(back).await.unwrap();
        let previous = played_token(&response).expect("a Play directive");
        assert_eq!(
            token_track(&previous),
            played[148],
            "previous at {size} tracks"
        );
        counter.take();

        let jazz = listener.intent("PlayGenreIntent", &[("genreName", Some("jazz"))]);
        let (played, _) = play_shuffled(&skill, &counter, &playback, &mut listener, jazz, 40).await;
        let distinct: std::collections::HashSet<&String> = played.iter().collect();
        assert_eq!(
            distinct.len(),
            played.len(),
            "a repeat in the genre at {size}"
        );
        assert!(
            played
                .iter()
                .all(|id| id[1..].parse::<usize>().unwrap() % 20 == 0),
            "only the genre's tracks: {played:?}"
        );
    }
}

/// With the catalog cache a warm function keeps (`CatalogCache`, on by
/// default on DynamoDB): a song asked for again while its answer is fresh
/// costs no request at all (a song's first ask writes nothing); a new song
/// still costs its Query, one round trip; and an import shows once the
/// answer's time is up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_song_asked_again_costs_nothing_with_the_catalog_cache() {
    use jukebox::catalog::cache::CachedCatalog;
    let (catalog, playback) = support::dynamodb::dynamodb_stores(&sample_tracks()).await;
    let counter = Arc::new(Counter::default());
    let cached = CachedCatalog::new(
        Arc::new(CountedCatalog(catalog, Arc::clone(&counter))),
        std::time::Duration::from_millis(400),
    );
    let skill = skill_on(
        Arc::new(cached),
        Arc::new(CountedPlayback(playback, Arc::clone(&counter))),
    );
    let mut anna = Listener::new("anna-cached", "kitchen");
    let mut bo = Listener::new("bo-cached", "porch");
    let play = async |listener: &mut Listener, song: &str| {
        counter.take();
        let envelope = listener.play(Some(song), Some("queen"));
        let response = skill.handle_json(envelope).await.unwrap();
        assert!(played_token(&response).is_some(), "{response}");
        listener.apply(&response);
        counter.take()
    };
    assert_eq!(
        play(&mut anna, "bohemian rhapsody").await,
        (1, 1),
        "first ask"
    );
    assert_eq!(
        play(&mut anna, "bohemian rhapsody").await,
        (0, 0),
        "asked again"
    );
    assert_eq!(
        play(&mut bo, "bohemian rhapsody").await,
        (0, 0),
        "another listener"
    );
    assert_eq!(
        play(&mut bo, "under pressure").await,
        (1, 1),
        "another song"
    );
    tokio::time::sleep(std::time::Duration::from_millis(450)).await;
    assert_eq!(
        play(&mut anna, "bohemian rhapsody").await,
        (1, 1),
        "expired"
    );
}

/// An envelope whose song slot Alexa resolved to one of jukebox's own
/// values (`model build --catalog`), with the words garbled.
fn resolved_play(listener: &mut Listener, heard: &str, slot: &str, kind: &str, id: &str) -> Value {
    let mut envelope = listener.play(Some(heard), None);
    if slot != "songName" {
        envelope["request"]["intent"]["slots"]["songName"] =
            serde_json::json!({"name": "songName", "confirmationStatus": "NONE"});
        envelope["request"]["intent"]["slots"][slot] =
            serde_json::json!({"name": slot, "value": heard, "confirmationStatus": "NONE"});
    }
    envelope["request"]["intent"]["slots"][slot]["resolutions"] = serde_json::json!({
        "resolutionsPerAuthority": [{
            "authority": format!("amzn1.er-authority.echo-sdk.{SKILL_ID}.{kind}"),
            "status": {"code": "ER_SUCCESS_MATCH"},
            "values": [{"value": {"name": "as the model lists it", "id": id}}]
        }]
    });
    envelope
}

/// A slot Alexa resolved to a track id plays exactly that track, whatever
/// the words, with one request: the lookup (a GetItem); another skill's
/// authority or no match goes to the matcher as before.
async fn resolved_slots_go_straight_to_the_entity(skill: &Skill, counter: &Counter) {
    let mut listener = Listener::new("resolved", "echo");
    counter.take();
    let play = resolved_play(
        &mut listener,
        "glorp fnord wibble",
        "songName",
        "AMAZON.MusicRecording",
        "queen-bohemian-rhapsody",
    );
    let response = skill.handle_json(play).await.unwrap();
    assert_eq!(
        token_track(&played_token(&response).expect("it plays")),
        "queen-bohemian-rhapsody"
    );
    assert_eq!(
        counter.take(),
        (1, 1),
        "one GetItem of the track, and nothing written"
    );

    // The same words resolved by another skill's authority: the matcher
    // hears them, and finds nothing.
    let mut foreign = resolved_play(
        &mut listener,
        "glorp fnord wibble",
        "songName",
        "AMAZON.MusicRecording",
        "queen-bohemian-rhapsody",
    );
    foreign["request"]["intent"]["slots"]["songName"]["resolutions"]["resolutionsPerAuthority"]
        [0]["authority"] = serde_json::json!(
        "amzn1.er-authority.echo-sdk.amzn1.ask.skill.someone-else.AMAZON.MusicRecording"
    );
    let response = skill.handle_json(foreign).await.unwrap();
    assert!(played_token(&response).is_none(), "{response}");

    // An artist resolved to the id the model lists for Queen plays Queen.
    let values = jukebox::voice_catalog::CatalogValues::new(
        &sample_tracks(),
        &[],
        &std::collections::HashMap::new(),
    );
    let queen = values
        .entities
        .iter()
        .find(|e| e.kind == jukebox::voice_catalog::SlotKind::Artist && e.name == "Queen")
        .expect("Queen is a value of the model");
    let artist = resolved_play(
        &mut listener,
        "kwee",
        "artistName",
        "AMAZON.Artist",
        &queen.id,
    );
    let response = skill.handle_json(artist).await.unwrap();
    let token = played_token(&response).unwrap_or_else(|| panic!("{response}"));
    assert!(token_track(&token).starts_with("queen-"), "{response}");
    // An album resolved to its id plays that album, whatever was heard.
    let album = values
        .entities
        .iter()
        .find(|e| {
            e.kind == jukebox::voice_catalog::SlotKind::Album && e.name == "A Night at the Opera"
        })
        .expect("the album is a value of the model");
    let mut envelope = listener.intent(
        "PlayAlbumIntent",
        &[("albumName", Some("glorp fnord album"))],
    );
    envelope["request"]["intent"]["slots"]["albumName"]["resolutions"] = serde_json::json!({
        "resolutionsPerAuthority": [{
            "authority": format!("amzn1.er-authority.echo-sdk.{SKILL_ID}.JUKEBOX_ALBUM"),
            "status": {"code": "ER_SUCCESS_MATCH"},
            "values": [{"value": {"name": "A Night at the Opera", "id": album.id}}]
        }]
    });
    let response = skill.handle_json(envelope).await.unwrap();
    let token = played_token(&response).unwrap_or_else(|| panic!("{response}"));
    assert_eq!(token_track(&token), "queen-bohemian-rhapsody", "{response}");

    // An id the catalog no longer holds (a model older than the catalog)
    // goes to the matcher with the words: a real title still plays.
    let stale = resolved_play(
        &mut listener,
        "hey jude",
        "songName",
        "JUKEBOX_SONG",
        "a-track-since-removed",
    );
    let response = skill.handle_json(stale).await.unwrap();
    assert_eq!(
        token_track(&played_token(&response).expect("the words still play")),
        "beatles-hey-jude"
    );
}

#[tokio::test]
async fn resolved_slots_go_straight_to_the_entity_in_memory() {
    let (skill, counter) = counted(
        Arc::new(support::waiting::WaitingCatalog(Arc::new(
            MemoryCatalog::new(sample_tracks()),
        ))),
        Arc::new(MemoryPlaybackStore::new()),
    );
    resolved_slots_go_straight_to_the_entity(&skill, &counter).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resolved_slots_go_straight_to_the_entity_on_dynamodb() {
    let (catalog, playback) = support::dynamodb::dynamodb_stores(&sample_tracks()).await;
    let (skill, counter) = counted(catalog, playback);
    resolved_slots_go_straight_to_the_entity(&skill, &counter).await;
}

/// The queue edits of a session, with their (requests, rounds): each is
/// the search "play" runs and one read-modify-write of the state ("what's
/// next?" only reads).
async fn queue_edit_costs(skill: &Skill, counter: &Counter) -> Vec<(&'static str, (usize, usize))> {
    let mut listener = Listener::new("editor", "echo");
    let play = listener.play(Some("hey jude"), Some("the beatles"));
    let response = skill.handle_json(play).await.unwrap();
    listener.apply(&response);
    let token = played_token(&response).unwrap();
    let started = listener.player_event("PlaybackStarted", &token, 0);
    skill.handle_json(started).await.unwrap();
    let nearly = listener.player_event("PlaybackNearlyFinished", &token, 200_000);
    skill.handle_json(nearly).await.unwrap();
    let song = |name: &'static str| [("songName", Some(name)), ("artistName", None)];
    let steps = [
        (
            "PlayNextIntent",
            listener.intent("PlayNextIntent", &song("bohemian rhapsody")),
        ),
        (
            "AddToQueueIntent",
            listener.intent("AddToQueueIntent", &song("hey jude")),
        ),
        (
            "AddAlbumToQueueIntent",
            listener.intent(
                "AddAlbumToQueueIntent",
                &[("albumName", Some("abbey road")), ("artistName", None)],
            ),
        ),
        ("WhatsNextIntent", listener.intent("WhatsNextIntent", &[])),
        ("ClearQueueIntent", listener.intent("ClearQueueIntent", &[])),
    ];
    let mut costs = Vec::new();
    for (name, envelope) in steps {
        counter.take();
        let response = skill.handle_json(envelope).await.expect("answered");
        assert!(
            response["response"]["outputSpeech"].is_object(),
            "{name}: {response}"
        );
        costs.push((name, counter.take()));
    }
    costs
}

const QUEUE_EDITS: &[(&str, (usize, usize))] = &[
    // The song's search (as "play"), then the state's read and write.
    ("PlayNextIntent", (3, 3)),
    ("AddToQueueIntent", (3, 3)),
    // The album's search (as "play the album"), then read and write.
    ("AddAlbumToQueueIntent", (3, 3)),
    // One read: the next track is held.
    ("WhatsNextIntent", (1, 1)),
    // Read and write; no search.
    ("ClearQueueIntent", (2, 2)),
];

/// Every queue edit costs the same at 1,000 and 100,000 tracks, in
/// memory and on DynamoDB Local.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queue_edits_cost_the_same_whatever_the_catalog_size() {
    for (place, costs) in counted_everywhere(queue_edit_costs).await {
        assert_eq!(costs, QUEUE_EDITS, "{place}");
    }
}

/// A station's requests, with their (requests, rounds): asked for, its
/// NearlyFinished, next.
async fn station_costs(skill: &Skill, counter: &Counter) -> Vec<(usize, usize)> {
    let mut listener = Listener::new("radio", "echo");
    counter.take();
    let ask = listener.intent(
        "PlayStationIntent",
        &[("stationName", Some("night owl radio"))],
    );
    let response = skill.handle_json(ask).await.unwrap();
    listener.apply(&response);
    let token = played_token(&response).expect("the station plays");
    let mut costs = vec![counter.take()];
    let nearly = listener.player_event("PlaybackNearlyFinished", &token, 1_000);
    let response = skill.handle_json(nearly).await.unwrap();
    assert!(play_directive(&response).is_none(), "{response}");
    costs.push(counter.take());
    let next = listener.intent("AMAZON.NextIntent", &[]);
    let response = skill.handle_json(next).await.unwrap();
    assert!(play_directive(&response).is_none(), "{response}");
    costs.push(counter.take());
    costs
}

/// "Play the station X" is one Query on the station's key and one write,
/// whatever the catalog's size; its NearlyFinished and a "next" read the
/// state and write nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_station_costs_the_same_whatever_the_catalog_size() {
    for (place, costs) in counted_everywhere(station_costs).await {
        assert_eq!(costs, [(2, 2), (1, 1), (1, 1)], "{place}");
    }
}

/// One request counted by
/// [`named_shuffles_and_eras_cost_the_same_whatever_the_catalog_size`]: an
/// intent and its slots, as Alexa sends them.
struct Ask {
    intent: &'static str,
    slots: Vec<(&'static str, String)>,
}

fn ask(intent: &'static str, slots: &[(&'static str, &str)]) -> Ask {
    Ask {
        intent,
        slots: slots.iter().map(|(n, v)| (*n, v.to_string())).collect(),
    }
}

/// The asks whose cost must not grow with the catalog, each of which
/// plays something of [`counted_catalog`] at every size: add a row for a
/// new intent. `named` is a synthetic track, its artist's ten tracks and
/// its album's twelve in every size of the catalog.
fn asks(named: &Track) -> Vec<Ask> {
    let artist = named.artist.to_lowercase();
    let album = named.album.clone().unwrap().to_lowercase();
    vec![
        // "Shuffle songs by X", "shuffle the album X".
        ask("ShuffleNamedIntent", &[("artistName", &artist)]),
        ask("ShuffleNamedIntent", &[("albumName", &album)]),
        // "Play music from the eighties", "… from 1977", "… from the 80s by X".
        ask("PlayEraIntent", &[("decade", "the eighties")]),
        ask("PlayEraIntent", &[("year", "1977")]),
        ask(
            "PlayEraIntent",
            &[("decade", "the 80s"), ("artistName", &artist)],
        ),
        // "Play the latest album by X".
        ask("PlayLatestAlbumIntent", &[("artistName", &artist)]),
    ]
}

/// Each of [`asks`], one after the other from one listener: (intent,
/// (requests, rounds)).
async fn ask_costs(skill: &Skill, counter: &Counter) -> Vec<(&'static str, (usize, usize))> {
    let named = &synthetic_catalog(NAMED + 1)[NAMED];
    let mut listener = Listener::new("asker", "echo");
    let mut costs = Vec::new();
    for Ask { intent, slots } in asks(named) {
        let slots: Vec<(&str, Option<&str>)> =
            slots.iter().map(|(n, v)| (*n, Some(v.as_str()))).collect();
        counter.take();
        let response = skill
            .handle_json(listener.intent(intent, &slots))
            .await
            .unwrap();
        assert!(played_token(&response).is_some(), "{intent} {slots:?}");
        costs.push((intent, counter.take()));
    }
    costs
}

/// "Shuffle songs by X", "shuffle the album X", "play music from the
/// eighties [by X]", "… from 1977", "play the latest album by X": the same
/// requests and round trips at 1,000 and 100,000 tracks, in memory and on
/// DynamoDB Local, and a few at most.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn named_shuffles_and_eras_cost_the_same_whatever_the_catalog_size() {
    let counted = counted_everywhere(ask_costs).await;
    let (first, costs) = &counted[0];
    for (place, here) in &counted[1..] {
        assert_eq!(here, costs, "{place} against {first}");
    }
    for (intent, (requests, rounds)) in costs {
        assert!(
            *requests <= 4 && *rounds <= 4,
            "{intent}: {requests} requests, {rounds} rounds"
        );
    }
}

/// The synthetic track [`asks`] names.
const NAMED: usize = 25;

/// The catalog the per-intent counts run on: the sample tracks (the songs
/// and albums the queue edits name), `size` synthetic tracks with a year
/// from 1960 to 2009 and one of seven genres, three tracks alone by their
/// artist (two of them in a genre of their own, one alone in its genre too:
/// what autoplay's continuation falls back through), and one station.
fn counted_catalog(size: usize) -> Vec<Track> {
    let mut tracks = sample_tracks();
    tracks.extend(autoplay_catalog(size));
    with_station(tracks)
}

/// `tracks` and the station "Night Owl Radio".
fn with_station(mut tracks: Vec<Track>) -> Vec<Track> {
    tracks.push(Track {
        id: "owl".to_string(),
        title: "Night Owl Radio".to_string(),
        url: "https://radio.example.com/owl".to_string(),
        live: true,
        ..Default::default()
    });
    tracks
}

/// The sizes every per-intent count is made at.
const SMALL: usize = 1_000;
const LARGE: usize = 100_000;

/// The large embedded catalog, indexed once for every test that counts on it.
fn large_memory_catalog() -> Arc<MemoryCatalog> {
    static CATALOG: OnceLock<Arc<MemoryCatalog>> = OnceLock::new();
    Arc::clone(CATALOG.get_or_init(|| Arc::new(MemoryCatalog::new(counted_catalog(LARGE)))))
}

static DYNAMODB_SMALL: SharedCatalog = SharedCatalog::new();
static DYNAMODB_LARGE: SharedCatalog = SharedCatalog::new();

/// `scenario`'s costs on [`counted_catalog`] at 1,000 and 100,000 tracks,
/// on the embedded stores and on DynamoDB Local (each catalog built once
/// per test binary and shared; each run with a playback store of its
/// own): (where, costs), in that order.
async fn counted_everywhere<T>(scenario: impl AsyncFn(&Skill, &Counter) -> T) -> Vec<(String, T)> {
    counted_everywhere_as(|skill| skill, scenario).await
}

/// [`counted_everywhere`], with the skill set up by `setup` (a setting on).
async fn counted_everywhere_as<T>(
    setup: impl Fn(Skill) -> Skill,
    scenario: impl AsyncFn(&Skill, &Counter) -> T,
) -> Vec<(String, T)> {
    let mut places = Vec::new();
    for size in [SMALL, LARGE] {
        let catalog: Arc<dyn Catalog> = if size == SMALL {
            Arc::new(MemoryCatalog::new(counted_catalog(size)))
        } else {
            large_memory_catalog()
        };
        let (skill, counter) = counted(catalog, Arc::new(MemoryPlaybackStore::new()));
        let costs = scenario(&setup(skill), &counter).await;
        places.push((format!("{size} tracks in memory"), costs));
    }
    for (size, shared) in [(SMALL, &DYNAMODB_SMALL), (LARGE, &DYNAMODB_LARGE)] {
        let (catalog, playback) = shared.stores(|| counted_catalog(size)).await;
        let (skill, counter) = counted(catalog, playback);
        let costs = scenario(&setup(skill), &counter).await;
        places.push((format!("{size} tracks on DynamoDB Local"), costs));
    }
    places
}

/// A synthetic catalog of `size` tracks (years across six decades), and
/// two tracks whose artists have no other: one whose genre another track
/// shares, one alone in its genre whose decade many share.
fn autoplay_catalog(size: usize) -> Vec<Track> {
    let mut tracks = synthetic_catalog(size);
    for (i, track) in tracks.iter_mut().enumerate() {
        track.year = Some(1960 + (i % 50) as u32);
        track.genres = vec![format!("Genre {}", i % 7)];
    }
    let solo = |id: &str, title: &str, artist: &str, genre: &str, year: u32| Track {
        id: id.to_string(),
        title: title.to_string(),
        artist: artist.to_string(),
        url: format!("https://audio.example.com/solo/{id}.mp3"),
        genres: vec![genre.to_string()],
        year: Some(year),
        ..Default::default()
    };
    tracks.push(solo(
        "solo1",
        "Quasar Lullaby",
        "Zephyrine Okonkwo",
        "Rare Groove",
        2015,
    ));
    tracks.push(solo(
        "solo2",
        "Velvet Orbit",
        "Marisol Quennell",
        "Rare Groove",
        2016,
    ));
    tracks.push(solo(
        "solo3",
        "Obsidian Waltz",
        "Thaddeus Ilvermorn",
        "Glass Harp",
        1971,
    ));
    tracks
}

/// The requests and rounds of the PlaybackNearlyFinished that continues a
/// queue at its end with autoplay on: by the same artist (an album's last
/// track, its artist's other tracks unplayed), the same genre (a song whose
/// artist has no other), the same decade (a song alone in its genre too).
async fn continuation_costs(
    skill: &Skill,
    counter: &Counter,
    album: &str,
    album_tracks: usize,
) -> Vec<(usize, usize)> {
    let mut listener = Listener::new("endless", "echo");
    let play = listener.intent(
        "PlayAlbumIntent",
        &[("albumName", Some(album)), ("artistName", None)],
    );
    let response = skill.handle_json(play).await.unwrap();
    listener.apply(&response);
    assert!(played_token(&response).is_some(), "the album plays");
    for _ in 1..album_tracks {
        let next = listener.intent("AMAZON.NextIntent", &[]);
        let response = skill.handle_json(next).await.unwrap();
        listener.apply(&response);
    }
    let mut measured = Vec::new();
    for (song, artist) in [
        (None, None),
        (Some("quasar lullaby"), Some("zephyrine okonkwo")),
        (Some("obsidian waltz"), Some("thaddeus ilvermorn")),
    ] {
        if let Some(song) = song {
            let response = skill
                .handle_json(listener.play(Some(song), artist))
                .await
                .unwrap();
            listener.apply(&response);
        }
        let token = listener.token.clone().unwrap();
        let started = listener.player_event("PlaybackStarted", &token, 0);
        skill.handle_json(started).await.unwrap();
        let nearly = listener.player_event("PlaybackNearlyFinished", &token, 190_000);
        counter.take();
        let response = skill.handle_json(nearly).await.unwrap();
        measured.push(counter.take());
        let (next, previous) = {
            let play = play_directive(&response).expect("a continuation");
            assert_eq!(play["playBehavior"], "ENQUEUE", "{response}");
            (
                play["audioItem"]["stream"]["token"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                play["audioItem"]["stream"]["expectedPreviousToken"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        };
        assert_eq!(previous, token);
        assert_ne!(token_track(&next), token_track(&token));
        // The same NearlyFinished again (Alexa retries): the state's read,
        // no catalog read, nothing enqueued twice.
        let again = listener.player_event("PlaybackNearlyFinished", &token, 190_000);
        let response = skill.handle_json(again).await.unwrap();
        assert!(play_directive(&response).is_none(), "{response}");
        measured.push(counter.take());
    }
    measured
}

/// A continuation (autoplay on, the queue at its end) costs the same at
/// 1,000 and 100,000 tracks, in memory and on DynamoDB Local: the state's
/// read and write, and a few keyed reads a step (artist; then the track's
/// record, genre and decade), never a scan.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_autoplay_continuation_costs_the_same_whatever_the_catalog_size() {
    use jukebox::skill::Autoplay;
    let named = &synthetic_catalog(NAMED + 1)[NAMED];
    let album = named.album.clone().unwrap().to_lowercase();
    let in_album = synthetic_catalog(SMALL)
        .iter()
        .filter(|t| t.album == named.album)
        .count();
    let counted = counted_everywhere_as(
        |skill| skill.with_autoplay(Autoplay::Similar),
        async |skill, counter| continuation_costs(skill, counter, &album, in_album).await,
    )
    .await;
    // Artist: state read, the artist's last and a window, the write.
    // Genre: also the rest read through, the record, the genre's two.
    // Decade: and the decade's two. Each replayed: the state's read.
    for (place, costs) in counted {
        assert_eq!(
            costs,
            vec![(4, 4), (1, 1), (9, 9), (1, 1), (11, 11), (1, 1)],
            "{place}"
        );
    }
}

/// A request's future is a few hundred bytes whatever its handler does:
/// the handlers' own state lives on the heap, so a deep handler never
/// exhausts the stack of the thread polling it (a debug build's poll
/// frames copy large futures several times over).
#[test]
fn a_requests_future_stays_small() {
    let skill = support::embedded_skill(sample_tracks());
    let mut listener = Listener::new("size", "echo");
    let answer = skill.handle_json(listener.play(Some("hey jude"), None));
    let size = std::mem::size_of_val(&answer);
    assert!(size <= 2_048, "handle_json's future is {size} bytes");
}

/// "Play the station …" that Alexa resolved to a station of the model
/// (`model build --catalog`): played by its id whatever the words, with
/// one GetItem instead of the Query on its key; an id that names no
/// station goes to the words.
async fn a_resolved_station_plays_by_its_id(skill: &Skill, counter: &Counter) {
    let mut listener = Listener::new("radio", "echo");
    let ask = |listener: &mut Listener, heard: &str, id: &str| {
        let mut envelope = listener.intent("PlayStationIntent", &[("stationName", Some(heard))]);
        envelope["request"]["intent"]["slots"]["stationName"]["resolutions"] = serde_json::json!({
            "resolutionsPerAuthority": [{
                "authority": format!("amzn1.er-authority.echo-sdk.{SKILL_ID}.JUKEBOX_STATION"),
                "status": {"code": "ER_SUCCESS_MATCH"},
                "values": [{"value": {"name": "Night Owl Radio", "id": id}}]
            }]
        });
        envelope
    };
    counter.take();
    let response = skill
        .handle_json(ask(&mut listener, "might towel rabbit", "owl"))
        .await
        .unwrap();
    let token = played_token(&response).unwrap_or_else(|| panic!("{response}"));
    assert_eq!(token_track(&token), "owl");
    assert_eq!(
        counter.take(),
        (2, 2),
        "one GetItem, then the queue's write"
    );
    // A track's id is not a station: the words decide, and name none.
    let response = skill
        .handle_json(ask(&mut listener, "glorp fnord", "queen-bohemian-rhapsody"))
        .await
        .unwrap();
    assert!(played_token(&response).is_none(), "{response}");
}

#[tokio::test]
async fn a_resolved_station_plays_by_its_id_in_memory() {
    let (skill, counter) = counted(
        Arc::new(MemoryCatalog::new(with_station(sample_tracks()))),
        Arc::new(MemoryPlaybackStore::new()),
    );
    a_resolved_station_plays_by_its_id(&skill, &counter).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resolved_station_plays_by_its_id_on_dynamodb() {
    let (catalog, playback) =
        support::dynamodb::dynamodb_stores(&with_station(sample_tracks())).await;
    let (skill, counter) = counted(catalog, playback);
    a_resolved_station_plays_by_its_id(&skill, &counter).await;
}

/// "Play something new": its ask, the first track's start and its
/// NearlyFinished, then "shuffle something new", with their (requests,
/// rounds).
async fn newest_costs(skill: &Skill, counter: &Counter) -> Vec<(usize, usize)> {
    let mut listener = Listener::new("fresh", "echo");
    counter.take();
    let response = skill
        .handle_json(listener.intent("PlayNewIntent", &[]))
        .await
        .unwrap();
    listener.apply(&response);
    let token = played_token(&response).expect("the newest tracks play");
    let mut costs = vec![counter.take()];
    for (event, at) in [("PlaybackStarted", 0), ("PlaybackNearlyFinished", 1_000)] {
        let response = skill
            .handle_json(listener.player_event(event, &token, at))
            .await
            .unwrap();
        listener.apply(&response);
        costs.push(counter.take());
    }
    let response = skill
        .handle_json(listener.intent("ShuffleNewIntent", &[]))
        .await
        .unwrap();
    assert!(played_token(&response).is_some(), "{response}");
    costs.push(counter.take());
    costs
}

/// "Play something new" reads the newest-first index once (one `Query`,
/// backwards, with a `Limit`) and writes the queue once, at 1,000 and
/// 100,000 tracks, in memory and on DynamoDB Local; the queue's events
/// then cost what any queue's do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn something_new_costs_the_same_whatever_the_catalog_size() {
    let counted = counted_everywhere(newest_costs).await;
    let (first, costs) = &counted[0];
    assert_eq!(costs[0], (2, 2), "one Query, one write");
    assert_eq!(costs[3], (2, 2), "shuffled: the same Query and write");
    for (place, here) in &counted[1..] {
        assert_eq!(here, costs, "{place} against {first}");
    }
}
