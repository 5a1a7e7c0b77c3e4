//! What listeners asked for and did not get, and what they
//! played. Counted under the matcher's normal form, an accepted offer as
//! accepted, plays at a track's start only; no user or device id in the
//! records; a counter store that fails changes no answer; `jukebox report`
//! reads the counters back with bounded requests. On both stores.

use std::sync::Arc;

use jukebox::insights::{self, Asked, Day, InsightsStore, Query, Wanted};
use jukebox::skill::Skill;
use jukebox::store::dynamodb::{ClientUse, DynamoInsights};
use jukebox::store::memory::MemoryInsights;
use serde_json::Value;

use crate::support::dynamodb::{client, client_at, create_tables, dynamodb_stores};
use crate::support::{played_token, sample_tracks, speech, Listener};

#[derive(Debug, Clone, Copy)]
enum Store {
    Memory,
    DynamoDb,
}

/// The skill on `store`, counting into `insights`; the playback table's
/// name on DynamoDB.
async fn skill_on(store: Store) -> (Skill, Arc<dyn InsightsStore>, Option<String>) {
    match store {
        Store::Memory => {
            let insights: Arc<dyn InsightsStore> = Arc::new(MemoryInsights::new());
            let skill = crate::support::embedded_skill(sample_tracks())
                .with_insights(Arc::clone(&insights));
            (skill, insights, None)
        }
        Store::DynamoDb => {
            let tracks = sample_tracks();
            let (catalog, playback) = crate::support::dynamodb::tables_holding(&tracks).await;
            let listener = client(ClientUse::Answering);
            let insights: Arc<dyn InsightsStore> =
                Arc::new(DynamoInsights::new(listener.clone(), &playback));
            let skill = crate::support::skill_on(
                Arc::new(jukebox::store::dynamodb::DynamoCatalog::new(
                    listener.clone(),
                    &catalog,
                )),
                Arc::new(jukebox::store::dynamodb::DynamoPlaybackStore::new(
                    listener, &playback,
                )),
            )
            .with_insights(Arc::clone(&insights));
            (skill, insights, Some(playback))
        }
    }
}

async fn ask(skill: &Skill, listener: &mut Listener, envelope: Value) -> Value {
    let response = skill.handle_json(envelope).await.unwrap();
    listener.apply(&response);
    response
}

fn today() -> Day {
    Day::of(time::OffsetDateTime::now_utc().unix_timestamp())
}

fn song(text: &str) -> Query {
    Query::new(Asked::Song, Some(text), None).unwrap()
}

/// Plays the listener through a miss, a repeated miss heard differently, a
/// near miss accepted, an album and a playlist and a genre that do not
/// exist, and PlaybackStarted events: a start, a resume, the start replayed
/// (nothing new: not a play), and the song started over (a new stream).
async fn listen(skill: &Skill, who: &str) {
    let mut listener = Listener::new(who, "kitchen");
    // The same query heard in two locales counts once, with both named.
    for (heard, locale) in [("Mambo Number 5.", "en-US"), ("mambo number five", "en-GB")] {
        let mut envelope = listener.play(Some(heard), None);
        envelope["request"]["locale"] = serde_json::json!(locale);
        let answer = ask(skill, &mut listener, envelope).await;
        assert!(speech(&answer).unwrap().starts_with("I couldn't find"));
    }
    let envelope = listener.play(Some("Bohemian Melody"), None);
    let offer = ask(skill, &mut listener, envelope).await;
    assert!(speech(&offer)
        .unwrap()
        .contains("The closest I have is Bohemian Rhapsody"));
    let envelope = listener.intent("AMAZON.YesIntent", &[]);
    let yes = ask(skill, &mut listener, envelope).await;
    let token = played_token(&yes).expect("yes plays the offer");
    for (intent, slots) in [
        (
            "PlayAlbumIntent",
            vec![
                ("albumName", Some("Thriller")),
                ("artistName", Some("Michael Jackson")),
            ],
        ),
        (
            "PlayPlaylistIntent",
            vec![("playlistName", Some("Polka Party"))],
        ),
        ("PlayGenreIntent", vec![("genreName", Some("Zydeco"))]),
    ] {
        let envelope = listener.intent(intent, &slots);
        let answer = ask(skill, &mut listener, envelope).await;
        assert!(
            speech(&answer).unwrap().starts_with("I couldn't find"),
            "{answer}"
        );
    }
    for offset in [0, 95_000, 0] {
        let envelope = listener.player_event("PlaybackStarted", &token, offset);
        ask(skill, &mut listener, envelope).await;
    }
    let envelope = listener.intent("AMAZON.StartOverIntent", &[]);
    let over = ask(skill, &mut listener, envelope).await;
    let again = played_token(&over).expect("start over plays the song again");
    let envelope = listener.player_event("PlaybackStarted", &again, 1_200);
    ask(skill, &mut listener, envelope).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn misses_offers_and_plays_are_counted_on_both_stores() {
    for store in [Store::Memory, Store::DynamoDb] {
        let (skill, insights, _) = skill_on(store).await;
        listen(&skill, &format!("counted-{store:?}")).await;
        skill.flush_insights().await;
        let misses = insights
            .read(&today().window(1), Wanted::Misses)
            .await
            .unwrap();
        let top = insights::top_misses(&misses, 10);
        let line = |query: &Query| {
            top.iter()
                .find(|l| &l.query == query)
                .unwrap_or_else(|| panic!("{store:?}: {query:?} not in {top:?}"))
                .counts
                .clone()
        };
        // "Mambo Number 5." and "mambo number five": one query, twice.
        let mambo = line(&song("mambo number five"));
        assert_eq!(
            (mambo.missed, mambo.offered, mambo.accepted),
            (2, 0, 0),
            "{store:?}"
        );
        assert_eq!(top[0].query, song("Mambo Number 5"));
        assert_eq!(
            mambo.locales.iter().map(String::as_str).collect::<Vec<_>>(),
            ["en-GB", "en-US"],
            "{store:?}"
        );
        assert_eq!(top[0].query.text, "mambo number 5");
        // The near miss: offered, and accepted.
        let northern = line(&song("Bohemian Melody"));
        assert_eq!(
            (northern.missed, northern.offered, northern.accepted),
            (1, 1, 1),
            "{store:?}"
        );
        assert_eq!(
            northern.suggestion.as_deref(),
            Some("Bohemian Rhapsody by Queen")
        );
        assert_eq!(
            line(&Query::new(Asked::Album, Some("Thriller"), Some("Michael Jackson")).unwrap())
                .missed,
            1
        );
        assert_eq!(
            line(&Query::new(Asked::Playlist, Some("Polka Party"), None).unwrap()).missed,
            1
        );
        assert_eq!(
            line(&Query::new(Asked::Genre, Some("Zydeco"), None).unwrap()).missed,
            1
        );
        assert_eq!(top.len(), 5, "{store:?}: {top:?}");
        // Plays: the two starts, not the resume nor the replay.
        let plays = insights
            .read(&today().window(1), Wanted::Plays)
            .await
            .unwrap();
        let plays = insights::top_plays(&plays, 10);
        assert_eq!(plays.len(), 1, "{store:?}: {plays:?}");
        assert_eq!(
            (plays[0].0.as_str(), plays[0].1.plays),
            ("queen-bohemian-rhapsody", 2),
            "{store:?}"
        );
        assert!(misses.plays.is_empty(), "a misses read holds no plays");
    }
}

/// The counters hold queries, suggestions and track ids: never a user or
/// a device id (read back raw from the table).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_records_hold_no_user_or_device_id() {
    let (skill, _, playback) = skill_on(Store::DynamoDb).await;
    listen(&skill, "private-person-123").await;
    skill.flush_insights().await;
    let items = client(ClientUse::Admin)
        .scan()
        .table_name(playback.unwrap())
        .send()
        .await
        .unwrap();
    let insights: Vec<String> = items
        .items()
        .iter()
        .filter(|item| {
            matches!(item.get("pk"), Some(aws_sdk_dynamodb::types::AttributeValue::S(pk)) if pk.starts_with("insights|"))
        })
        .map(|item| format!("{item:?}"))
        .collect();
    assert!(insights.len() >= 3, "{insights:?}");
    for item in &insights {
        for id in [
            "private-person-123",
            "amzn1.ask.account",
            "amzn1.ask.device",
            "kitchen",
        ] {
            assert!(!item.contains(id), "{id} in {item}");
        }
        assert!(
            item.contains("expires_at"),
            "every counter item expires: {item}"
        );
    }
}

/// A counter store that fails (DynamoDB unreachable) changes no answer:
/// the same conversation gets the same responses as with a working one,
/// and those counts are dropped (one failed write per request, no backlog).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_counter_store_changes_no_answer() {
    let port = crate::support::free_port();
    let dead = client_at(&format!("http://127.0.0.1:{port}"), ClientUse::Answering);
    let (catalog, playback) = dynamodb_stores(&sample_tracks()).await;
    let working = crate::support::skill_on(Arc::clone(&catalog), Arc::clone(&playback))
        .with_insights(Arc::new(MemoryInsights::new()));
    let (catalog2, playback2) = dynamodb_stores(&sample_tracks()).await;
    let failing = crate::support::skill_on(catalog2, playback2)
        .with_insights(Arc::new(DynamoInsights::new(dead, "playback")));
    let mut a = Listener::new("same", "echo");
    let mut b = Listener::new("same", "echo");
    let conversation: Vec<fn(&mut Listener) -> Value> = vec![
        |l| l.play(Some("mambo number five"), None),
        |l| l.play(Some("bohemian melody"), None),
        |l| l.intent("AMAZON.YesIntent", &[]),
        |l| l.play(Some("mambo number five"), None),
    ];
    for step in &conversation {
        let envelope = step(&mut a);
        let expected = ask(&working, &mut a, envelope).await;
        let envelope = step(&mut b);
        let got = ask(&failing, &mut b, envelope).await;
        assert_eq!(speech(&got), speech(&expected));
        assert_eq!(
            got["response"]["directives"].as_array().map(Vec::len),
            expected["response"]["directives"].as_array().map(Vec::len)
        );
        assert_eq!(got["sessionAttributes"], expected["sessionAttributes"]);
    }
}

/// A counter store that stalls (accepts, never answers) does not hold the
/// answers up: a request that writes the waiting counts answers within a
/// short grace of its own work, and the timed-out counts are dropped (an increment that may have landed is never sent twice).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalling_counter_store_does_not_hold_answers_up() {
    let endpoint = crate::support::stalling_endpoint().await;
    let stalled = client_at(&endpoint, ClientUse::Answering);
    let skill = crate::support::embedded_skill(sample_tracks())
        .with_insights(Arc::new(DynamoInsights::new(stalled, "playback")));
    let mut listener = Listener::new("stalled", "echo");
    for _ in 0..3 {
        let envelope = listener.play(Some("mambo number five"), None);
        let started = std::time::Instant::now();
        let answer = ask(&skill, &mut listener, envelope).await;
        assert!(speech(&answer).unwrap().starts_with("I couldn't find"));
        let took = started.elapsed();
        assert!(took < std::time::Duration::from_millis(250), "{took:?}");
    }
}

/// `jukebox report misses` and `report plays` against DynamoDB Local: the
/// counts the skill wrote, ranked, as a table and as JSON, tracks named
/// from the catalog table.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reports_show_what_was_counted() {
    let tracks = sample_tracks();
    let (catalog, playback) = crate::support::dynamodb::tables_holding(&tracks).await;
    let listener = client(ClientUse::Answering);
    let skill = crate::support::skill_on(
        Arc::new(jukebox::store::dynamodb::DynamoCatalog::new(
            listener.clone(),
            &catalog,
        )),
        Arc::new(jukebox::store::dynamodb::DynamoPlaybackStore::new(
            listener.clone(),
            &playback,
        )),
    )
    .with_insights(Arc::new(DynamoInsights::new(listener, &playback)));
    listen(&skill, "reported").await;
    skill.flush_insights().await;
    let report = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_jukebox"))
            .arg("report")
            .args(args)
            .env("RUST_LOG", "off")
            .env("PLAYBACK_TABLE", &playback)
            .env("CATALOG_TABLE", &catalog)
            .env_remove("AWS_ENDPOINT_URL")
            .envs(crate::support::dynamodb::aws_env())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).to_string()
    };
    let text = report(&["misses", "--since", "7d"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("What listeners asked for and did not get, "),
        "{text}"
    );
    assert!(
        lines[1].contains("count") && lines[1].contains("best suggestion"),
        "{text}"
    );
    assert!(
        lines[2].contains("mambo number 5")
            && lines[2].trim_start().starts_with('2')
            && lines[2].contains("en-GB en-US"),
        "{text}"
    );
    let bohemian = lines
        .iter()
        .find(|l| l.contains("bohemian melody"))
        .unwrap();
    assert!(
        bohemian.contains("Bohemian Rhapsody by Queen") && bohemian.ends_with("100 %  en-US"),
        "{bohemian}"
    );
    assert_eq!(lines.len(), 2 + 5, "{text}");

    let json: Value = serde_json::from_str(&report(&["misses", "--json", "--limit", "2"])).unwrap();
    let misses = json["misses"].as_array().unwrap();
    assert_eq!(misses.len(), 2);
    // Misses counted once each rank by when they were last seen, in whole
    // seconds: the second one is whichever the clock put last.
    let json: Value = serde_json::from_str(&report(&["misses", "--json"])).unwrap();
    let all = json["misses"].as_array().unwrap();
    let bohemian = all
        .iter()
        .find(|m| m["query"] == "bohemian melody")
        .unwrap();
    assert_eq!(misses[0]["query"], "mambo number 5");
    assert_eq!(misses[0]["count"], 2);
    assert_eq!(misses[0]["kind"], "song");
    assert_eq!(misses[0]["locales"], serde_json::json!(["en-GB", "en-US"]));
    assert_eq!(misses[1]["count"], 1);
    assert_eq!(bohemian["acceptance_rate"], 1.0);
    assert_eq!(bohemian["best_suggestion"], "Bohemian Rhapsody by Queen");

    let plays = report(&["plays"]);
    let row = plays.lines().nth(2).unwrap_or_default();
    assert!(
        row.trim_start().starts_with('2')
            && row.contains("queen-bohemian-rhapsody")
            && row.ends_with("Bohemian Rhapsody by Queen"),
        "{plays}"
    );
    let json: Value = serde_json::from_str(&report(&["plays", "--json"])).unwrap();
    assert_eq!(json["plays"][0]["title"], "Bohemian Rhapsody");
    assert_eq!(json["plays"][0]["plays"], 2);
}

/// A report is one Query of the index per day (a page holds a busy day):
/// a week is seven requests, the longest window (90 days) ninety; never a
/// scan, whatever the table holds. And a busy day is many small items, not
/// a few that grow toward DynamoDB's 400 KB limit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_reads_are_bounded() {
    let (_, playback) = create_tables().await;
    let counted = crate::support::dynamodb::timed_client(ClientUse::Admin);
    let store = DynamoInsights::new(counted, &playback);
    // A busy week: every day holds counters.
    let mut counts = insights::Counts::default();
    for i in 0..300 {
        counts.add(
            &insights::Note::Missed {
                query: song(&format!("song {i}")),
                offered: None,
                locale: "en-US".into(),
            },
            1,
        );
    }
    for day in today().window(7) {
        store.add(day, &counts).await.unwrap();
    }
    for (days, requests) in [(1, 1), (7, 7), (30, 30), (90, 90)] {
        let window = today().window(days);
        let (read, tally) = jukebox::metrics::tallied(store.read(&window, Wanted::Misses)).await;
        let read = read.unwrap();
        assert_eq!(tally.store.count, requests, "{days} days");
        assert_eq!(tally.store.errors, 0);
        let expected = if days >= 7 { 7 } else { days as u64 };
        assert_eq!(read.misses[&song("song 7")].missed, expected, "{days} days");
        assert_eq!(read.misses.len(), 300);
    }
    let items = client(ClientUse::Admin)
        .scan()
        .table_name(&playback)
        .send()
        .await
        .unwrap();
    assert_eq!(items.count(), 7 * 300);
    for item in items.items() {
        let size: usize = item
            .iter()
            .map(|(k, v)| k.len() + format!("{v:?}").len())
            .sum();
        assert!(size < 400, "{item:?}");
    }
}
