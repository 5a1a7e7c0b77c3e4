//! The listener's whole journey, as behaviour tests over the skill's single
//! entry point. One suite, several back ends: every scenario runs on the
//! embedded stores here (with a catalog that answers at once, and with one
//! that makes every read wait, as a network does: then a play writes its
//! queue beside the search), and on DynamoDB Local where that back end is
//! wired in, so the stores cannot drift apart.

use crate::support;

use jukebox::catalog::Track;
use jukebox::skill::Skill;
use serde_json::{json, Value};
use support::*;

/// A small catalog whose order the scenarios rely on.
fn band_catalog() -> Vec<Track> {
    let row = |id: &str, title: &str, artist: &str, album: &str| Track {
        id: id.to_string(),
        title: title.to_string(),
        artist: artist.to_string(),
        album: Some(album.to_string()),
        url: format!("https://audio.example.com/test/{id}.mp3?sig=a&b=c"),
        duration_ms: Some(200_000),
        image_url: None,
        rank: None,
        position: 0,
        genres: match artist {
            "The Harbour Lights" => vec!["Folk-Rock".to_string()],
            _ => vec!["World".to_string(), "Desert Blues".to_string()],
        },
        year: match album {
            "Coastline" => Some(1985),
            "Driftwood" => Some(1992),
            _ => Some(1987),
        },
        // Most rows joined together; three came later, one after another.
        added_at: Some(match id {
            "q2" => 1_700_000_100,
            "q8" => 1_700_000_200,
            "s1" => 1_700_000_300,
            _ => 1_600_000_000,
        }),
        ..Default::default()
    };
    vec![
        row("q1", "Morning Tide", "The Harbour Lights", "Coastline"),
        row("q2", "Lanterns", "The Harbour Lights", "Coastline"),
        row("q3", "Northern Gale", "The Harbour Lights", "Coastline"),
        row("q4", "Salt and Stone", "The Harbour Lights", "Driftwood"),
        row("q5", "Paper Boats", "The Harbour Lights", "Driftwood"),
        row("q6", "Tin Roof Rain", "The Harbour Lights", "Driftwood"),
        row("q7", "Keeper's Song", "The Harbour Lights", "Driftwood"),
        row("q8", "Last Ferry", "The Harbour Lights", "Driftwood"),
        row("s1", "Desert Bloom", "Sahara Sound", "Dunes"),
        // A live station: found only as one, never by a song search.
        Track {
            id: "r1".to_string(),
            title: "Harbour Radio".to_string(),
            url: "https://radio.example.com/harbour/live.aac".to_string(),
            genres: vec!["Folk-Rock".to_string()],
            live: true,
            ..Default::default()
        },
    ]
}

/// Sends an envelope, checks the response against the rules for its kind,
/// and lets the listener's device apply it.
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

/// Builds the next envelope on the listener's device, then [`send`]s it.
async fn act(
    skill: &Skill,
    listener: &mut Listener,
    build: impl FnOnce(&mut Listener) -> Value,
) -> Value {
    let envelope = build(listener);
    send(skill, listener, envelope).await
}

/// Plays the Harbour Lights queue from the first track and confirms it started.
async fn start_band(skill: &Skill, listener: &mut Listener) -> String {
    let response = send(
        skill,
        listener,
        listener
            .clone()
            .play(Some("morning tide"), Some("the harbour lights")),
    )
    .await;
    let token = played_token(&response).expect("a Play directive");
    assert_eq!(token_track(&token), "q1");
    let started = listener.player_event("PlaybackStarted", &token, 0);
    assert_eq!(
        send(skill, listener, started).await,
        json!({"version": "1.0", "response": {}})
    );
    token
}

fn enqueued(response: &Value) -> Option<(String, String)> {
    let play = play_directive(response)?;
    (play["playBehavior"] == "ENQUEUE").then(|| {
        let stream = &play["audioItem"]["stream"];
        (
            stream["token"].as_str().unwrap().to_string(),
            stream["expectedPreviousToken"]
                .as_str()
                .unwrap()
                .to_string(),
        )
    })
}

fn replace_all_track(response: &Value) -> Option<(String, i64)> {
    let play = play_directive(response)?;
    (play["playBehavior"] == "REPLACE_ALL").then(|| {
        let stream = &play["audioItem"]["stream"];
        (
            token_track(stream["token"].as_str().unwrap()),
            stream["offsetInMilliseconds"].as_i64().unwrap(),
        )
    })
}

pub async fn play_then_the_queue_goes_on(skill: Skill) {
    let mut listener = Listener::new("alice", "kitchen");
    let first = start_band(&skill, &mut listener).await;

    let nearly = listener.player_event("PlaybackNearlyFinished", &first, 190_000);
    let response = send(&skill, &mut listener, nearly.clone()).await;
    let (next, expected_previous) = enqueued(&response).expect("the next track is enqueued");
    assert_eq!(expected_previous, first);
    assert_eq!(token_track(&next), "q2");
    assert_eq!(
        response["response"]["directives"].as_array().unwrap().len(),
        1
    );

    // The same event again (a retry) enqueues nothing more.
    let again = send(&skill, &mut listener, nearly).await;
    assert_eq!(again, json!({"version": "1.0", "response": {}}));

    let finished = listener.player_event("PlaybackFinished", &first, 200_000);
    assert_eq!(
        send(&skill, &mut listener, finished).await,
        json!({"version": "1.0", "response": {}})
    );
    listener.token = Some(next.clone());
    let started = listener.player_event("PlaybackStarted", &next, 0);
    send(&skill, &mut listener, started).await;

    let what = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&what).unwrap(),
        "This is Lanterns by The Harbour Lights."
    );
}

pub async fn pause_then_resume_at_the_same_second(skill: Skill) {
    let mut listener = Listener::new("bob", "living-room");
    let token = start_band(&skill, &mut listener).await;
    listener.offset_ms = 42_000;
    let pause = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.PauseIntent", &[])
    })
    .await;
    assert_eq!(
        pause["response"]["directives"],
        json!([{"type": "AudioPlayer.Stop"}])
    );
    let stopped = listener.player_event("PlaybackStopped", &token, 42_000);
    send(&skill, &mut listener, stopped).await;

    let resume = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ResumeIntent", &[])
    })
    .await;
    assert_eq!(replace_all_track(&resume), Some(("q1".to_string(), 42_000)));
    assert_eq!(resume["response"]["shouldEndSession"], true);

    // The remote's pause and play buttons do the same.
    listener.offset_ms = 61_000;
    let pause = act(&skill, &mut listener, |l| l.button("Pause")).await;
    assert_eq!(
        pause["response"]["directives"],
        json!([{"type": "AudioPlayer.Stop"}])
    );
    let play = act(&skill, &mut listener, |l| l.button("Play")).await;
    assert_eq!(replace_all_track(&play), Some(("q1".to_string(), 61_000)));
}

pub async fn next_and_previous_at_both_ends(skill: Skill) {
    let mut listener = Listener::new("carol", "den");
    start_band(&skill, &mut listener).await;
    // Previous at the first track starts it over.
    let previous = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.PreviousIntent", &[])
    })
    .await;
    assert_eq!(replace_all_track(&previous), Some(("q1".to_string(), 0)));
    // Next walks the queue in order to the end.
    for expected in ["q2", "q3", "q4", "q5", "q6", "q7", "q8"] {
        let next = act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
        assert_eq!(
            replace_all_track(&next).map(|(id, _)| id),
            Some(expected.to_string())
        );
    }
    let end = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    assert_eq!(speech(&end).unwrap(), "That's the last track in the queue.");
    assert!(play_directive(&end).is_none());
    let button = act(&skill, &mut listener, |l| l.button("Next")).await;
    assert_eq!(button, json!({"version": "1.0", "response": {}}));
    let back = act(&skill, &mut listener, |l| l.button("Previous")).await;
    assert_eq!(replace_all_track(&back), Some(("q7".to_string(), 0)));
}

pub async fn loop_on_wraps_at_the_end(skill: Skill) {
    let mut listener = Listener::new("dave", "office");
    start_band(&skill, &mut listener).await;
    for _ in 0..7 {
        act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
    }
    let last = listener.token.clone().unwrap();
    assert_eq!(token_track(&last), "q8");
    let nearly = listener.player_event("PlaybackNearlyFinished", &last, 190_000);
    let without_loop = send(&skill, &mut listener, nearly).await;
    assert_eq!(without_loop, json!({"version": "1.0", "response": {}}));

    // Loop on after the last track's NearlyFinished found nothing to
    // enqueue: no NearlyFinished comes again, so loop on enqueues the first
    // track itself, after the one playing.
    let on = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.LoopOnIntent", &[])
    })
    .await;
    assert_eq!(speech(&on).unwrap(), "Loop is on.");
    let (next, previous) = enqueued(&on).expect("loop on enqueues the first track");
    assert_eq!(
        (token_track(&next).as_str(), previous.as_str()),
        ("q1", last.as_str())
    );
    // A NearlyFinished after all (a retry) enqueues nothing more.
    let nearly = listener.player_event("PlaybackNearlyFinished", &last, 191_000);
    let again = send(&skill, &mut listener, nearly).await;
    assert_eq!(again, json!({"version": "1.0", "response": {}}));

    // Loop off while the wrap-around is enqueued clears it from the device.
    let off = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.LoopOffIntent", &[])
    })
    .await;
    assert_eq!(
        off["response"]["directives"],
        json!([{"type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ENQUEUED"}])
    );
    // Loop on again enqueues it again, as a new stream.
    let on = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.LoopOnIntent", &[])
    })
    .await;
    let (wrap, previous) = enqueued(&on).expect("loop on enqueues the first track again");
    assert_ne!(wrap, next);
    assert_eq!(
        (token_track(&wrap).as_str(), previous.as_str()),
        ("q1", last.as_str())
    );
    // The device moves on to it: the queue wrapped.
    let finished = listener.player_event("PlaybackFinished", &last, 200_000);
    send(&skill, &mut listener, finished).await;
    let started = listener.player_event("PlaybackStarted", &wrap, 0);
    send(&skill, &mut listener, started).await;
    let what = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&what).unwrap(),
        "This is Morning Tide by The Harbour Lights."
    );
    let nearly = listener.player_event("PlaybackNearlyFinished", &wrap, 190_000);
    let response = send(&skill, &mut listener, nearly).await;
    assert_eq!(
        enqueued(&response).map(|(track, previous)| (token_track(&track), previous)),
        Some(("q2".to_string(), wrap.clone()))
    );
}

/// Loop on a one-track queue: every lap is a stream with its own token, so
/// an ENQUEUE never names itself as `expectedPreviousToken`, and the laps'
/// events are told apart.
pub async fn loop_on_a_single_track_gives_every_lap_its_own_token(skill: Skill) {
    let mut listener = Listener::new("erin", "den");
    let response = act(&skill, &mut listener, |l| {
        l.play(Some("desert bloom"), Some("sahara sound"))
    })
    .await;
    let first = played_token(&response).expect("a Play directive");
    assert_eq!(token_track(&first), "s1");
    act(&skill, &mut listener, |l| {
        l.player_event("PlaybackStarted", &first, 0)
    })
    .await;
    // Nothing is enqueued yet and the track now follows itself: loop on
    // enqueues the next lap at once, after the one playing.
    let on = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.LoopOnIntent", &[])
    })
    .await;
    let mut pending = enqueued(&on);
    assert_eq!(
        pending.as_ref().map(|(_, previous)| previous.as_str()),
        Some(first.as_str()),
        "{on}"
    );

    let mut laps = vec![first];
    for lap in 1..=3 {
        let current = laps.last().unwrap().clone();
        let nearly = listener.player_event("PlaybackNearlyFinished", &current, 190_000);
        let response = send(&skill, &mut listener, nearly.clone()).await;
        let (next, previous) = match pending.take() {
            Some(already) => {
                assert_eq!(response, json!({"version": "1.0", "response": {}}));
                already
            }
            None => enqueued(&response).expect("loop enqueues the track again"),
        };
        assert_eq!(previous, current);
        assert_ne!(next, current, "lap {lap}: a token of its own");
        assert_eq!(token_track(&next), "s1");
        // The same event again enqueues nothing more.
        let again = send(&skill, &mut listener, nearly).await;
        assert_eq!(again, json!({"version": "1.0", "response": {}}));
        if lap == 2 {
            // This lap's PlaybackStarted is lost: the next lap's
            // NearlyFinished still names the enqueued stream.
        } else {
            act(&skill, &mut listener, |l| {
                l.player_event("PlaybackFinished", &current, 200_000)
            })
            .await;
            act(&skill, &mut listener, |l| {
                l.player_event("PlaybackStarted", &next, 0)
            })
            .await;
        }
        laps.push(next);
    }
    let mut unique = laps.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), laps.len(), "{laps:?}");

    // An event about an earlier lap is stale: it enqueues nothing.
    let stale = listener.player_event("PlaybackNearlyFinished", &laps[0], 190_000);
    let response = send(&skill, &mut listener, stale).await;
    assert_eq!(response, json!({"version": "1.0", "response": {}}));
}

/// Timestamps compared as strings would let one event stamped
/// `9999-12-31T23:59:59Z` make every later event of the queue look late.
/// Stamps are read as RFC 3339; one that cannot be read or lies in
/// the future counts as now.
pub async fn a_forged_timestamp_never_freezes_the_queue(skill: Skill) {
    use jukebox::playback::stamp::{format_ms, now_ms};
    let mut listener = Listener::new("frank", "hall");
    let first = start_band(&skill, &mut listener).await;
    let stamped = |listener: &mut Listener, kind: &str, token: &str, stamp: &str| {
        let mut envelope = listener.player_event(kind, token, 190_000);
        envelope["request"]["timestamp"] = json!(stamp);
        envelope
    };
    let forged = stamped(
        &mut listener,
        "PlaybackNearlyFinished",
        &first,
        "9999-12-31T23:59:59Z",
    );
    let response = send(&skill, &mut listener, forged).await;
    let (second, _) = enqueued(&response).expect("the event itself still counts");
    // Later events, stamped as Alexa stamps them (now), still apply.
    let soon = |ms: i64| format_ms(now_ms() + ms);
    for (kind, token, at) in [
        ("PlaybackFinished", &first, soon(1_000)),
        ("PlaybackStarted", &second, soon(2_000)),
    ] {
        let envelope = stamped(&mut listener, kind, token, &at);
        send(&skill, &mut listener, envelope).await;
    }
    let nearly = stamped(
        &mut listener,
        "PlaybackNearlyFinished",
        &second,
        &soon(3_000),
    );
    let response = send(&skill, &mut listener, nearly).await;
    let (third, previous) = enqueued(&response).expect("the queue goes on");
    assert_eq!(
        (token_track(&third).as_str(), previous.as_str()),
        ("q3", second.as_str())
    );

    // An unreadable stamp is ordered as now: the event applies.
    let mut other = Listener::new("gina", "porch");
    let first = start_band(&skill, &mut other).await;
    let garbled = stamped(&mut other, "PlaybackStopped", &first, "zzzz");
    send(&skill, &mut other, garbled).await;
    let what = act(&skill, &mut other, |l| l.intent("NowPlayingIntent", &[])).await;
    assert!(
        speech(&what).unwrap().starts_with("Paused: Morning Tide"),
        "{what}"
    );
}

/// Were `00` read as 0, a non-canonical spelling of the current token
/// would be taken for it, become an ENQUEUE's `expectedPreviousToken`, and
/// the real NearlyFinished would then enqueue nothing. Only tokens exactly
/// as we wrote them are ours.
pub async fn a_token_spelled_differently_is_not_ours(skill: Skill) {
    let mut listener = Listener::new("hank", "garage");
    let first = start_band(&skill, &mut listener).await;
    let parsed = jukebox::playback::StreamToken::parse(&first).unwrap();
    let respelled = format!(
        "jb2.{}.{}.0{}.{}",
        parsed.queue_id, parsed.play, parsed.position, parsed.track_id
    );
    assert_ne!(respelled, first);
    let forged = listener.player_event("PlaybackNearlyFinished", &respelled, 190_000);
    let response = send(&skill, &mut listener, forged).await;
    assert_eq!(response, json!({"version": "1.0", "response": {}}));
    let real = listener.player_event("PlaybackNearlyFinished", &first, 190_500);
    let response = send(&skill, &mut listener, real).await;
    let (next, previous) = enqueued(&response).expect("the real event enqueues");
    assert_eq!(
        (token_track(&next).as_str(), previous.as_str()),
        ("q2", first.as_str())
    );
}

/// A new queue is written without reading the old one (one round trip
/// fewer), yet the listener's loop and shuffle settings carry over to it.
pub async fn loop_and_shuffle_carry_over_to_a_new_queue(skill: Skill) {
    let mut listener = Listener::new("ivy", "loft");
    start_band(&skill, &mut listener).await;
    for intent in ["AMAZON.LoopOnIntent", "AMAZON.ShuffleOnIntent"] {
        act(&skill, &mut listener, |l| l.intent(intent, &[])).await;
    }
    // A one-track queue: loop makes NearlyFinished enqueue it again.
    let response = act(&skill, &mut listener, |l| {
        l.play(Some("desert bloom"), Some("sahara sound"))
    })
    .await;
    let only = played_token(&response).unwrap();
    act(&skill, &mut listener, |l| {
        l.player_event("PlaybackStarted", &only, 0)
    })
    .await;
    let nearly = act(&skill, &mut listener, |l| {
        l.player_event("PlaybackNearlyFinished", &only, 190_000)
    })
    .await;
    let (again, _) = enqueued(&nearly).expect("loop carried over");
    assert_eq!(token_track(&again), "s1");

    // The band again: the first track as asked, the rest shuffled, each once.
    start_band(&skill, &mut listener).await;
    let mut order = Vec::new();
    for _ in 0..7 {
        let next = act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
        order.push(replace_all_track(&next).unwrap().0);
    }
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(sorted, vec!["q2", "q3", "q4", "q5", "q6", "q7", "q8"]);
    assert_ne!(
        order, sorted,
        "shuffle carried over (1 in 5,040 to fail by chance)"
    );
}

/// "Play the album X by Y" plays the album from its first track,
/// and the queue goes on through it; an album the catalog lacks is said so.
pub async fn play_the_album_then_its_next_track(skill: Skill) {
    let mut listener = Listener::new("jack", "study");
    let album = |l: &mut Listener, name: &str, artist: Option<&str>| {
        l.intent(
            "PlayAlbumIntent",
            &[("albumName", Some(name)), ("artistName", artist)],
        )
    };
    let response = act(&skill, &mut listener, |l| {
        album(l, "coastline", Some("the harbour lights"))
    })
    .await;
    assert_eq!(
        speech(&response).unwrap(),
        "Playing the album Coastline by The Harbour Lights."
    );
    let first = played_token(&response).unwrap();
    assert_eq!(token_track(&first), "q1");
    act(&skill, &mut listener, |l| {
        l.player_event("PlaybackStarted", &first, 0)
    })
    .await;
    let nearly = act(&skill, &mut listener, |l| {
        l.player_event("PlaybackNearlyFinished", &first, 190_000)
    })
    .await;
    let (next, _) = enqueued(&nearly).expect("the album's second track");
    assert_eq!(token_track(&next), "q2");

    let missing = act(&skill, &mut listener, |l| album(l, "hollow moon", None)).await;
    assert!(play_directive(&missing).is_none());
    assert!(
        speech(&missing)
            .unwrap()
            .starts_with("I couldn't find hollow moon"),
        "{missing}"
    );
    // The artist said must be the album's.
    let wrong = act(&skill, &mut listener, |l| {
        album(l, "coastline", Some("sahara sound"))
    })
    .await;
    assert!(play_directive(&wrong).is_none(), "{wrong}");
}

/// "Play some folk rock music" shuffles the genre (written
/// "Folk-Rock" in the catalog), each of its tracks once.
pub async fn play_a_genre_shuffled(skill: Skill) {
    let mut listener = Listener::new("kim", "kitchen");
    let genre =
        |l: &mut Listener, name: &str| l.intent("PlayGenreIntent", &[("genreName", Some(name))]);
    let response = act(&skill, &mut listener, |l| genre(l, "folk rock")).await;
    assert_eq!(speech(&response).unwrap(), "Shuffling Folk-Rock.");
    let mut played = vec![token_track(&played_token(&response).unwrap())];
    for _ in 0..7 {
        let next = act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
        played.push(replace_all_track(&next).unwrap().0);
    }
    let mut sorted = played.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        vec!["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"],
        "{played:?}"
    );
    let end = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    assert!(
        play_directive(&end).is_none(),
        "the genre played through once"
    );

    let other = act(&skill, &mut listener, |l| genre(l, "desert blues")).await;
    assert_eq!(speech(&other).unwrap(), "Shuffling Desert Blues.");
    assert_eq!(token_track(&played_token(&other).unwrap()), "s1");
    let missing = act(&skill, &mut listener, |l| genre(l, "polka")).await;
    assert!(play_directive(&missing).is_none());
    assert!(
        speech(&missing)
            .unwrap()
            .starts_with("I couldn't find polka"),
        "{missing}"
    );
}

/// Loop on a shuffled genre: each lap plays every track of the
/// genre once, in a new order, and the queue never runs out.
pub async fn loop_on_a_shuffled_genre_plays_every_track_each_lap(skill: Skill) {
    let mut listener = Listener::new("lou", "loft");
    let response = act(&skill, &mut listener, |l| {
        l.intent("PlayGenreIntent", &[("genreName", Some("folk rock"))])
    })
    .await;
    let mut played = vec![token_track(&played_token(&response).unwrap())];
    act(&skill, &mut listener, |l| {
        l.intent("AMAZON.LoopOnIntent", &[])
    })
    .await;
    for _ in 0..15 {
        let next = act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
        played.push(
            replace_all_track(&next)
                .expect("loop on: always a next track")
                .0,
        );
    }
    let every = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"];
    for lap in played.chunks(8) {
        let mut lap = lap.to_vec();
        lap.sort();
        assert_eq!(lap, every, "each lap holds each track once: {played:?}");
    }
}

/// "Shuffle my music" plays the whole catalog in a shuffled
/// order, each track exactly once, through the device's own flow
/// (NearlyFinished enqueues, PlaybackStarted takes over), then ends; the
/// state drops what played long ago, and "previous" still goes back.
pub async fn shuffle_all_plays_every_track_once(skill: Skill) {
    let mut listener = Listener::new("sam", "den");
    let response = act(&skill, &mut listener, |l| l.intent("ShuffleAllIntent", &[])).await;
    assert_eq!(speech(&response).unwrap(), "Shuffling all your music.");
    let mut token = played_token(&response).expect("a Play directive");
    let mut played = vec![token_track(&token)];
    loop {
        let started = listener.player_event("PlaybackStarted", &token, 0);
        send(&skill, &mut listener, started).await;
        let nearly = listener.player_event("PlaybackNearlyFinished", &token, 190_000);
        let response = send(&skill, &mut listener, nearly).await;
        let Some((next, previous)) = enqueued(&response) else {
            break;
        };
        assert_eq!(previous, token, "ENQUEUE names the stream it follows");
        let finished = listener.player_event("PlaybackFinished", &token, 200_000);
        send(&skill, &mut listener, finished).await;
        token = next;
        played.push(token_track(&token));
        assert!(
            played.len() <= band_catalog().len(),
            "a track came twice: {played:?}"
        );
    }
    let mut sorted = played.clone();
    sorted.sort();
    // Every track, and no station: a live stream is no track of a shuffle.
    let mut every: Vec<String> = band_catalog()
        .into_iter()
        .filter(|t| !t.live)
        .map(|t| t.id)
        .collect();
    every.sort();
    assert_eq!(sorted, every, "each track once: {played:?}");
    assert_ne!(
        played,
        band_catalog().into_iter().map(|t| t.id).collect::<Vec<_>>(),
        "shuffled, not in catalog order"
    );
    // Long gone tracks are dropped from the state; the last ones are kept.
    let back = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.PreviousIntent", &[])
    })
    .await;
    assert_eq!(
        replace_all_track(&back).unwrap().0,
        played[played.len() - 2],
        "previous plays the track before the last"
    );
}

/// "I like this song", "play my favourites", "remove this from my
/// favourites", each person's own: two people recognised by voice on one
/// account and one Echo, and the account itself, keep separate favourites.
pub async fn favourites_belong_to_each_person(skill: Skill) {
    let mut listener = Listener::new("household", "living-room");
    let as_person = |mut envelope: Value, person: Option<&str>| {
        if let Some(person) = person {
            envelope["context"]["System"]["person"] = json!({"personId": person});
        }
        envelope
    };
    let say = |l: &mut Listener, intent: &str, person: Option<&str>| {
        let envelope = l.intent(intent, &[]);
        as_person(envelope, person)
    };
    let nothing = act(&skill, &mut listener, |l| {
        say(l, "LikeIntent", Some("amzn1.ask.person.ann"))
    })
    .await;
    assert_eq!(
        speech(&nothing).unwrap(),
        "Nothing of mine is playing. While a song plays, say: I like this song."
    );
    start_band(&skill, &mut listener).await;
    let liked = act(&skill, &mut listener, |l| {
        say(l, "LikeIntent", Some("amzn1.ask.person.ann"))
    })
    .await;
    assert_eq!(
        speech(&liked).unwrap(),
        "Added Morning Tide to your favourites."
    );
    assert!(
        liked["response"]["directives"].is_null(),
        "the music goes on: {liked}"
    );
    assert_eq!(liked["response"]["shouldEndSession"], true);
    let again = act(&skill, &mut listener, |l| {
        say(l, "LikeIntent", Some("amzn1.ask.person.ann"))
    })
    .await;
    assert_eq!(
        speech(&again).unwrap(),
        "Morning Tide is already one of your favourites."
    );

    for other in [Some("amzn1.ask.person.bob"), None] {
        let theirs = act(&skill, &mut listener, |l| {
            say(l, "PlayFavouritesIntent", other)
        })
        .await;
        assert_eq!(
            speech(&theirs).unwrap(),
            "You have no favourites yet. While a song plays, say: I like this song.",
            "{other:?}"
        );
    }
    let hers = act(&skill, &mut listener, |l| {
        say(l, "PlayFavouritesIntent", Some("amzn1.ask.person.ann"))
    })
    .await;
    assert_eq!(speech(&hers).unwrap(), "Playing your favourites.");
    assert_eq!(token_track(&played_token(&hers).unwrap()), "q1");

    let removed = act(&skill, &mut listener, |l| {
        say(l, "UnlikeIntent", Some("amzn1.ask.person.ann"))
    })
    .await;
    assert_eq!(
        speech(&removed).unwrap(),
        "Removed Morning Tide from your favourites."
    );
    let gone = act(&skill, &mut listener, |l| {
        say(l, "UnlikeIntent", Some("amzn1.ask.person.ann"))
    })
    .await;
    assert_eq!(
        speech(&gone).unwrap(),
        "Morning Tide isn't one of your favourites."
    );
}

pub async fn shuffle_then_back_in_order(skill: Skill) {
    let mut listener = Listener::new("erin", "bedroom");
    start_band(&skill, &mut listener).await;
    act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    assert_eq!(token_track(listener.token.as_ref().unwrap()), "q2");

    let on = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ShuffleOnIntent", &[])
    })
    .await;
    assert_eq!(speech(&on).unwrap(), "Shuffle is on.");
    // The rest of the queue plays, each track once, in some order; the
    // current track stays current.
    let mut rest = Vec::new();
    for _ in 0..6 {
        let next = act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
        rest.push(replace_all_track(&next).unwrap().0);
    }
    let mut sorted = rest.clone();
    sorted.sort();
    assert_eq!(sorted, vec!["q3", "q4", "q5", "q6", "q7", "q8"]);

    let off = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ShuffleOffIntent", &[])
    })
    .await;
    assert_eq!(speech(&off).unwrap(), "Shuffle is off.");
    let current = token_track(listener.token.as_ref().unwrap());
    let what = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert!(speech(&what).unwrap().starts_with("This is "), "{what}");
    // Back in catalog order from the current track.
    let next = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    let order = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"];
    let here = order.iter().position(|id| *id == current).unwrap();
    match order.get(here + 1) {
        Some(expected) => assert_eq!(replace_all_track(&next).unwrap().0, *expected),
        None => assert!(play_directive(&next).is_none()),
    }
}

pub async fn late_duplicate_and_foreign_events_are_ignored(skill: Skill) {
    let mut listener = Listener::new("frank", "garage");
    let first = start_band(&skill, &mut listener).await;
    let next = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    let second = played_token(&next).unwrap();
    let started = listener.player_event("PlaybackStarted", &second, 0);
    send(&skill, &mut listener, started).await;

    // A PlaybackStopped of the first track, delivered late, changes nothing.
    let mut late = listener.player_event("PlaybackStopped", &first, 99_000);
    late["request"]["timestamp"] = json!("2026-11-24T09:00:00Z");
    assert_eq!(
        send(&skill, &mut listener, late).await,
        json!({"version": "1.0", "response": {}})
    );
    // A token of another skill or queue changes nothing either.
    for token in [
        "not-ours",
        "jb1.zzzzzzzzzzzz.0.q1",
        "jb1.zzzzzzzzzzzz.0.q1x",
    ] {
        let foreign = listener.player_event("PlaybackNearlyFinished", token, 1);
        assert_eq!(
            send(&skill, &mut listener, foreign).await,
            json!({"version": "1.0", "response": {}})
        );
    }
    // The old queue's first token, replayed, changes nothing.
    let stale = listener.player_event("PlaybackNearlyFinished", &first, 190_000);
    assert_eq!(
        send(&skill, &mut listener, stale).await,
        json!({"version": "1.0", "response": {}})
    );
    // Late and foreign events are no news of the device: it plays track 2.
    listener.token = Some(second.clone());
    listener.activity = "PLAYING";
    let what = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&what).unwrap(),
        "This is Lanterns by The Harbour Lights."
    );
    // A new queue makes the old tokens stale once the device reports it.
    // Before that, a late event of the old queue is answered for the old
    // stream only: an ENQUEUE after the old token, which the device drops
    // since its stream is no longer the old one (Alexa orders ENQUEUE by
    // `expectedPreviousToken`, AudioPlayer interface reference).
    let new = act(&skill, &mut listener, |l| {
        l.play(Some("desert bloom"), None)
    })
    .await;
    let new = played_token(&new).unwrap();
    let window = listener.player_event("PlaybackNearlyFinished", &second, 190_000);
    let answer = send(&skill, &mut listener, window).await;
    if let Some(play) = play_directive(&answer) {
        assert_eq!(play["playBehavior"], "ENQUEUE", "{answer}");
        assert_eq!(play["audioItem"]["stream"]["expectedPreviousToken"], second);
    }
    let started = listener.player_event("PlaybackStarted", &new, 0);
    send(&skill, &mut listener, started).await;
    let old = listener.player_event("PlaybackNearlyFinished", &second, 190_000);
    assert_eq!(
        send(&skill, &mut listener, old).await,
        json!({"version": "1.0", "response": {}})
    );
    listener.token = Some(new);
    listener.activity = "PLAYING";
    let what = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&what).unwrap(),
        "This is Desert Bloom by Sahara Sound."
    );
}

pub async fn a_failed_stream_moves_on_then_stops_cleanly(skill: Skill) {
    let mut listener = Listener::new("grace", "hall");
    let first = start_band(&skill, &mut listener).await;
    let failed = listener.playback_failed(&first);
    let response = send(&skill, &mut listener, failed).await;
    assert_eq!(replace_all_track(&response), Some(("q2".to_string(), 0)));
    for _ in 0..6 {
        act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
    }
    let last = listener.token.clone().unwrap();
    assert_eq!(token_track(&last), "q8");
    let failed = listener.playback_failed(&last);
    let response = send(&skill, &mut listener, failed).await;
    assert_eq!(
        response["response"]["directives"],
        json!([{"type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ALL"}])
    );
    // A queue that ended in failure is not offered again at launch.
    listener.activity = "STOPPED";
    act(&skill, &mut listener, |l| {
        l.intent("AMAZON.StopIntent", &[])
    })
    .await;
    let launch = act(&skill, &mut listener, |l| l.launch()).await;
    assert!(
        speech(&launch).unwrap().starts_with("Welcome to jukebox."),
        "{launch}"
    );
}

pub async fn relaunch_offers_to_resume(skill: Skill) {
    let mut listener = Listener::new("heidi", "kitchen");
    let token = start_band(&skill, &mut listener).await;
    listener.offset_ms = 75_000;
    act(&skill, &mut listener, |l| {
        l.intent("AMAZON.StopIntent", &[])
    })
    .await;
    let stopped = listener.player_event("PlaybackStopped", &token, 75_000);
    send(&skill, &mut listener, stopped).await;

    let launch = act(&skill, &mut listener, |l| l.launch()).await;
    assert_eq!(
        speech(&launch).unwrap(),
        "Welcome back. You were listening to Morning Tide by The Harbour Lights. Shall I resume?"
    );
    assert_eq!(launch["response"]["shouldEndSession"], false);
    let yes = act(&skill, &mut listener, |l| l.intent("AMAZON.YesIntent", &[])).await;
    assert_eq!(replace_all_track(&yes), Some(("q1".to_string(), 75_000)));

    // "No" ends the session: nothing more is asked.
    act(&skill, &mut listener, |l| {
        l.intent("AMAZON.StopIntent", &[])
    })
    .await;
    let launch = act(&skill, &mut listener, |l| l.launch()).await;
    assert!(speech(&launch).unwrap().contains("Shall I resume?"));
    let no = act(&skill, &mut listener, |l| l.intent("AMAZON.NoIntent", &[])).await;
    assert_eq!(speech(&no).unwrap(), "Okay.");
    assert_eq!(no["response"]["shouldEndSession"], true);
    assert!(play_directive(&no).is_none());
}

pub async fn two_devices_play_independently(skill: Skill) {
    let mut kitchen = Listener::new("ivan", "kitchen");
    let mut bedroom = Listener::new("ivan", "bedroom");
    start_band(&skill, &mut kitchen).await;
    act(&skill, &mut bedroom, |l| {
        l.play(Some("desert bloom"), Some("sahara sound"))
    })
    .await;
    let a = act(&skill, &mut kitchen, |l| l.intent("NowPlayingIntent", &[])).await;
    let b = act(&skill, &mut bedroom, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&a).unwrap(),
        "This is Morning Tide by The Harbour Lights."
    );
    assert_eq!(speech(&b).unwrap(), "This is Desert Bloom by Sahara Sound.");
}

pub async fn not_found_offers_the_closest_and_yes_plays_it(skill: Skill) {
    let mut listener = Listener::new("judy", "porch");
    let response = act(&skill, &mut listener, |l| {
        l.play(Some("qwertyuiop zxcvb"), None)
    })
    .await;
    assert!(play_directive(&response).is_none());
    assert_eq!(response["response"]["shouldEndSession"], false);
    assert!(speech(&response)
        .unwrap()
        .starts_with("I couldn't find qwertyuiop zxcvb"));

    // A near miss is offered, not played; "yes" plays it.
    let near = act(&skill, &mut listener, |l| {
        l.play(Some("northern lights"), None)
    })
    .await;
    assert!(play_directive(&near).is_none(), "{near}");
    assert_eq!(
        speech(&near).unwrap(),
        "I couldn't find northern lights in this jukebox. The closest I have is Northern Gale by The Harbour Lights. Should I play that?"
    );
    let yes = act(&skill, &mut listener, |l| l.intent("AMAZON.YesIntent", &[])).await;
    assert_eq!(replace_all_track(&yes), Some(("q3".to_string(), 0)));
    assert_eq!(
        speech(&yes).unwrap(),
        "Playing Northern Gale by The Harbour Lights."
    );
}

pub async fn concurrent_events_lose_no_update(skill: Skill) {
    let skill = std::sync::Arc::new(skill);
    let mut listener = Listener::new("kim", "studio");
    let first = start_band(&skill, &mut listener).await;

    // Twelve copies of NearlyFinished at once: exactly one ENQUEUE in all.
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let envelope = listener.player_event("PlaybackNearlyFinished", &first, 190_000);
        let skill = std::sync::Arc::clone(&skill);
        tasks.push(tokio::spawn(async move {
            skill.handle_json(envelope).await.unwrap()
        }));
    }
    let mut enqueues = 0;
    for task in tasks {
        let response = task.await.unwrap();
        assert_player_response(&response);
        enqueues += usize::from(enqueued(&response).is_some());
    }
    assert_eq!(enqueues, 1);

    // A stop (saving the offset) and loop on at the same time: both land.
    let stopped = listener.player_event("PlaybackStopped", &first, 33_000);
    let loop_on = listener.intent("AMAZON.LoopOnIntent", &[]);
    let (a, b) = tokio::join!(skill.handle_json(stopped), skill.handle_json(loop_on));
    assert_player_response(&a.unwrap());
    assert_eq!(speech(&b.unwrap()).unwrap(), "Loop is on.");
    let resume = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ResumeIntent", &[])
    })
    .await;
    assert_eq!(replace_all_track(&resume), Some(("q1".to_string(), 33_000)));
    for _ in 0..7 {
        act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
    }
    let last = listener.token.clone().unwrap();
    let nearly = listener.player_event("PlaybackNearlyFinished", &last, 190_000);
    let response = send(&skill, &mut listener, nearly).await;
    assert_eq!(
        enqueued(&response).map(|(next, _)| token_track(&next)),
        Some("q1".to_string())
    );
}

/// "Ask my jukebox to play The Harbour Lights" fits only
/// `play {songName}`, so the artist arrives in the song slot. No title
/// matches: the words are tried as an artist.
pub async fn an_artist_in_the_song_slot_plays_the_artist(skill: Skill) {
    let mut listener = Listener::new("ana", "kitchen");
    let response = act(&skill, &mut listener, |l| {
        l.play(Some("the harbour lights"), None)
    })
    .await;
    assert_eq!(
        speech(&response).unwrap(),
        "Playing music by The Harbour Lights."
    );
    assert_eq!(replace_all_track(&response), Some(("q1".to_string(), 0)));
}

/// The enqueued track fails while the current one still
/// plays (`token` is the enqueued stream, `currentPlaybackState.token` the
/// one playing): only the enqueued item is replaced, the music goes on.
pub async fn a_failed_enqueued_track_does_not_cut_off_the_one_playing(skill: Skill) {
    let mut listener = Listener::new("bo", "den");
    let first = start_band(&skill, &mut listener).await;
    let nearly = listener.player_event("PlaybackNearlyFinished", &first, 190_000);
    let (second, _) = enqueued(&send(&skill, &mut listener, nearly).await).expect("an ENQUEUE");
    let failed = listener.envelope_of(json!({
        "type": "AudioPlayer.PlaybackFailed", "token": second,
        "error": {"type": "MEDIA_ERROR_SERVICE_UNAVAILABLE", "message": "503"},
        "currentPlaybackState": {"token": first, "offsetInMilliseconds": 191_000, "playerActivity": "PLAYING"}
    }));
    let response = send(&skill, &mut listener, failed).await;
    let directives = response["response"]["directives"].as_array().unwrap();
    assert_eq!(directives.len(), 1, "{response}");
    assert_eq!(
        directives[0]["playBehavior"], "REPLACE_ENQUEUED",
        "{response}"
    );
    let stream = &directives[0]["audioItem"]["stream"];
    assert_eq!(token_track(stream["token"].as_str().unwrap()), "q3");
    assert!(stream.get("expectedPreviousToken").is_none());
    // What plays is still the first track, and it goes on to the replacement.
    let now = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&now).unwrap(),
        "This is Morning Tide by The Harbour Lights."
    );
    let finished = listener.player_event("PlaybackFinished", &first, 200_000);
    send(&skill, &mut listener, finished).await;
    let replacement = stream["token"].as_str().unwrap().to_string();
    let started = listener.player_event("PlaybackStarted", &replacement, 0);
    send(&skill, &mut listener, started).await;
    let now = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&now).unwrap(),
        "This is Northern Gale by The Harbour Lights."
    );
}

/// A PlaybackStopped can be lost; the device's context says where it
/// really is, and resume starts there. While paused, "what's
/// playing" says it is paused.
pub async fn resume_starts_where_the_device_really_is(skill: Skill) {
    let mut listener = Listener::new("cy", "hall");
    let first = start_band(&skill, &mut listener).await;
    let pause = act(&skill, &mut listener, |l| {
        l.offset_ms = 61_000;
        l.intent("AMAZON.PauseIntent", &[])
    })
    .await;
    assert_eq!(
        pause["response"]["directives"][0]["type"],
        "AudioPlayer.Stop"
    );
    let now = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&now).unwrap(),
        "Paused: Morning Tide by The Harbour Lights. Say resume to go on."
    );
    // Played on from the device's own controls, then stopped by voice on
    // another path: the PlaybackStopped at 95 s never reached us.
    let started = listener.player_event("PlaybackStarted", &first, 61_000);
    send(&skill, &mut listener, started).await;
    listener.offset_ms = 95_000;
    listener.activity = "STOPPED";
    let resume = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ResumeIntent", &[])
    })
    .await;
    assert_eq!(replace_all_track(&resume), Some(("q1".to_string(), 95_000)));
    // The remote's Play button trusts the device too.
    listener.offset_ms = 120_000;
    listener.activity = "STOPPED";
    let play = act(&skill, &mut listener, |l| l.button("Play")).await;
    assert_eq!(replace_all_track(&play), Some(("q1".to_string(), 120_000)));
}

/// "Repeat" while a question waits repeats the question; help
/// keeps the pending offer, so "yes" still accepts it. With no question,
/// repeat starts the song over.
pub async fn repeat_repeats_a_pending_question(skill: Skill) {
    let mut listener = Listener::new("di", "loft");
    let first = start_band(&skill, &mut listener).await;
    let stopped = listener.player_event("PlaybackStopped", &first, 42_000);
    send(&skill, &mut listener, stopped).await;
    let launch = act(&skill, &mut listener, |l| l.launch()).await;
    let question = speech(&launch).unwrap();
    assert!(question.contains("Shall I resume?"), "{question}");
    let repeat = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.RepeatIntent", &[])
    })
    .await;
    assert_eq!(speech(&repeat).unwrap(), question);
    assert!(play_directive(&repeat).is_none());
    let help = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.HelpIntent", &[])
    })
    .await;
    assert!(speech(&help).unwrap().starts_with("You can say"));
    let yes = act(&skill, &mut listener, |l| l.intent("AMAZON.YesIntent", &[])).await;
    assert_eq!(replace_all_track(&yes), Some(("q1".to_string(), 42_000)));
    // No question pending (a one-shot request): repeat restarts the song.
    listener.attributes = None;
    let repeat = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.RepeatIntent", &[])
    })
    .await;
    assert_eq!(replace_all_track(&repeat), Some(("q1".to_string(), 0)));
}

/// "Next" twice in quick succession. The device starts
/// the second track, then the third; both PlaybackStarted are handled in the
/// same second and the second track's lands last. A stream a REPLACE_ALL
/// already superseded is stale: it must not pull the queue back, or the
/// third track's NearlyFinished is dropped and the music stops after it. A
/// late PlaybackFailed about it replaces nothing either.
pub async fn a_superseded_stream_never_pulls_the_queue_back(skill: Skill) {
    let mut listener = Listener::new("jo", "study");
    start_band(&skill, &mut listener).await;
    let next = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    let second = played_token(&next).unwrap();
    let next = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    let third = played_token(&next).unwrap();
    assert_eq!(token_track(&third), "q3");

    let started_third = listener.player_event("PlaybackStarted", &third, 0);
    let same_second = started_third["request"]["timestamp"].clone();
    let mut started_second = listener.player_event("PlaybackStarted", &second, 0);
    started_second["request"]["timestamp"] = same_second.clone();
    send(&skill, &mut listener, started_third).await;
    assert_eq!(
        send(&skill, &mut listener, started_second).await,
        json!({"version": "1.0", "response": {}})
    );
    listener.token = Some(third.clone());
    let what = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&what).unwrap(),
        "This is Northern Gale by The Harbour Lights."
    );

    let mut failed = listener.playback_failed(&second);
    failed["request"]["timestamp"] = same_second;
    assert_eq!(
        send(&skill, &mut listener, failed).await,
        json!({"version": "1.0", "response": {}})
    );

    let nearly = listener.player_event("PlaybackNearlyFinished", &third, 190_000);
    let response = send(&skill, &mut listener, nearly).await;
    let (next, previous) = enqueued(&response).expect("the fourth track is enqueued");
    assert_eq!(
        (token_track(&next).as_str(), previous.as_str()),
        ("q4", third.as_str())
    );
}

/// The enqueued track fails just as the current one
/// ends. `currentPlaybackState.token` still names the finished track, but
/// the player is not playing it any more (FINISHED, IDLE, or STOPPED by
/// the failure): replacing what is enqueued would play nothing, so the
/// track after the failed one plays now.
pub async fn an_enqueued_track_failing_as_the_current_one_ends_plays_the_next(skill: Skill) {
    for activity in ["FINISHED", "IDLE", "STOPPED"] {
        let mut listener = Listener::new(&format!("kai-{activity}"), "porch");
        let first = start_band(&skill, &mut listener).await;
        let nearly = listener.player_event("PlaybackNearlyFinished", &first, 190_000);
        let (second, _) = enqueued(&send(&skill, &mut listener, nearly).await).expect("an ENQUEUE");
        let failed = listener.envelope_of(json!({
            "type": "AudioPlayer.PlaybackFailed", "token": second,
            "error": {"type": "MEDIA_ERROR_SERVICE_UNAVAILABLE", "message": "503"},
            "currentPlaybackState": {"token": first, "offsetInMilliseconds": 200_000, "playerActivity": activity}
        }));
        let response = send(&skill, &mut listener, failed).await;
        assert_eq!(
            replace_all_track(&response),
            Some(("q3".to_string(), 0)),
            "{activity}: {response}"
        );
        // The first track's PlaybackFinished, arriving after, changes nothing.
        let playing = (listener.token.clone(), listener.activity);
        let finished = listener.player_event("PlaybackFinished", &first, 200_000);
        send(&skill, &mut listener, finished).await;
        // A late event is no news of the device: it plays the third track.
        (listener.token, listener.activity) = playing;
        let what = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
        assert_eq!(
            speech(&what).unwrap(),
            "This is Northern Gale by The Harbour Lights.",
            "{activity}"
        );
    }
}

/// The queue ran out. A PlaybackStopped, or a replayed
/// PlaybackStarted, about the last track in the same second as its
/// PlaybackFinished does not revive it: launch offers nothing to resume.
pub async fn a_finished_queue_stays_finished(skill: Skill) {
    let mut listener = Listener::new("lu", "attic");
    start_band(&skill, &mut listener).await;
    for _ in 0..7 {
        act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
    }
    let last = listener.token.clone().unwrap();
    assert_eq!(token_track(&last), "q8");
    let started = listener.player_event("PlaybackStarted", &last, 0);
    send(&skill, &mut listener, started).await;
    let finished = listener.player_event("PlaybackFinished", &last, 200_000);
    let same_second = finished["request"]["timestamp"].clone();
    send(&skill, &mut listener, finished).await;

    let welcome = |launch: &Value| {
        let said = speech(launch).unwrap();
        assert!(said.starts_with("Welcome to jukebox."), "{said}");
    };
    let mut stopped = listener.player_event("PlaybackStopped", &last, 200_000);
    stopped["request"]["timestamp"] = same_second.clone();
    send(&skill, &mut listener, stopped).await;
    welcome(&act(&skill, &mut listener, |l| l.launch()).await);

    listener.attributes = None;
    let mut replayed = listener.player_event("PlaybackStarted", &last, 0);
    replayed["request"]["timestamp"] = same_second;
    send(&skill, &mut listener, replayed).await;
    listener.activity = "FINISHED";
    welcome(&act(&skill, &mut listener, |l| l.launch()).await);
}

/// Counts the plays the skill reports in its request metrics.
#[derive(Default)]
struct PlaysCounted(std::sync::Mutex<u32>);

impl jukebox::metrics::MetricsSink for PlaysCounted {
    fn record(&self, metrics: &jukebox::metrics::RequestMetrics) {
        *self.0.lock().unwrap() += metrics.plays_started;
    }
}

/// A play is counted only when its PlaybackStarted was
/// applied: not for a replayed one, nor for a stream already superseded.
pub async fn only_applied_starts_count_as_plays(skill: Skill) {
    let plays = std::sync::Arc::new(PlaysCounted::default());
    let skill = skill.with_metrics(plays.clone());
    let count = || *plays.0.lock().unwrap();
    let mut listener = Listener::new("mo", "garden");
    let first = start_band(&skill, &mut listener).await;
    assert_eq!(count(), 1);
    let replayed = listener.player_event("PlaybackStarted", &first, 0);
    send(&skill, &mut listener, replayed).await;
    assert_eq!(count(), 1, "a replayed start is no new play");
    let next = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    let second = played_token(&next).unwrap();
    let started = listener.player_event("PlaybackStarted", &second, 0);
    send(&skill, &mut listener, started).await;
    assert_eq!(count(), 2);
    let superseded = listener.player_event("PlaybackStarted", &first, 1_000);
    send(&skill, &mut listener, superseded).await;
    assert_eq!(count(), 2, "a superseded stream's start is no new play");
}

/// A device stops its music each time the listener speaks to Alexa
/// (PlaybackStopped) and reports it as playing with the request; the music
/// plays on when the interaction is over (PlaybackStarted). None of that is
/// the listener's pause.
pub async fn speaking_over_the_music_is_not_a_pause(skill: Skill) {
    let mut listener = Listener::new("vic", "den");
    let first = start_band(&skill, &mut listener).await;
    let voice = listener.player_event("PlaybackStopped", &first, 30_000);
    send(&skill, &mut listener, voice).await;
    listener.activity = "PLAYING";
    let asked = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&asked).unwrap(),
        "This is Morning Tide by The Harbour Lights."
    );
    // A launch over the music finds it playing: nothing to resume.
    let launch = act(&skill, &mut listener, |l| l.launch()).await;
    assert!(
        !speech(&launch).unwrap().contains("Shall I resume"),
        "{launch}"
    );
    listener.attributes = None;
    let resumed = listener.player_event("PlaybackStarted", &first, 30_000);
    send(&skill, &mut listener, resumed).await;

    // Loop on said over the last track's music, after its NearlyFinished
    // came and went: the loop still enqueues at once.
    let last = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    let mut token = played_token(&last).unwrap();
    for _ in 0..6 {
        let started = listener.player_event("PlaybackStarted", &token, 0);
        send(&skill, &mut listener, started).await;
        let next = act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
        token = played_token(&next).unwrap();
    }
    assert_eq!(token_track(&token), "q8");
    let started = listener.player_event("PlaybackStarted", &token, 0);
    send(&skill, &mut listener, started).await;
    let nearly = listener.player_event("PlaybackNearlyFinished", &token, 185_000);
    let response = send(&skill, &mut listener, nearly).await;
    assert!(play_directive(&response).is_none(), "the queue ends here");
    let voice = listener.player_event("PlaybackStopped", &token, 186_000);
    send(&skill, &mut listener, voice).await;
    listener.activity = "PLAYING";
    let looped = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.LoopOnIntent", &[])
    })
    .await;
    assert_eq!(speech(&looped).unwrap(), "Loop is on.");
    let (next, after) = enqueued(&looped).expect("loop on enqueues the first track now");
    assert_eq!((token_track(&next), after), ("q1".to_string(), token));
}

/// "What's playing", resume and "I like this" follow the device's report
/// when the events that would have told the skill were lost.
pub async fn the_device_report_wins_over_lost_events(skill: Skill) {
    let mut listener = Listener::new("wen", "study");
    let first = start_band(&skill, &mut listener).await;
    let nearly = listener.player_event("PlaybackNearlyFinished", &first, 185_000);
    let response = send(&skill, &mut listener, nearly).await;
    let (second, _) = enqueued(&response).unwrap();
    // Track 1's PlaybackFinished and track 2's PlaybackStarted are lost:
    // the device reports track 2 at 5 s.
    listener.token = Some(second.clone());
    listener.offset_ms = 5_000;
    listener.activity = "PLAYING";
    let asked = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&asked).unwrap(),
        "This is Lanterns by The Harbour Lights."
    );

    // Paused there (its PlaybackStopped lost too), then resumed.
    listener.offset_ms = 6_000;
    listener.activity = "STOPPED";
    let resumed = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ResumeIntent", &[])
    })
    .await;
    assert_eq!(
        replace_all_track(&resumed),
        Some(("q2".to_string(), 6_000)),
        "{resumed}"
    );
    let token = played_token(&resumed).unwrap();
    let started = listener.player_event("PlaybackStarted", &token, 6_000);
    send(&skill, &mut listener, started).await;
    let next = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    assert_eq!(replace_all_track(&next), Some(("q3".to_string(), 0)));

    // The player finished: nothing plays, so nothing is liked.
    listener.activity = "FINISHED";
    let liked = act(&skill, &mut listener, |l| l.intent("LikeIntent", &[])).await;
    assert_eq!(
        speech(&liked).unwrap(),
        "Nothing of mine is playing. While a song plays, say: I like this song."
    );
    let asked = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert!(speech(&asked).unwrap().starts_with("Nothing"), "{asked}");
}

/// A genre or the whole catalog only ever plays shuffled: "shuffle off"
/// says so instead of claiming an order that will not come.
pub async fn shuffle_off_on_a_genre_is_answered_honestly(skill: Skill) {
    let mut listener = Listener::new("xia", "loft");
    let response = act(&skill, &mut listener, |l| {
        l.intent("PlayGenreIntent", &[("genreName", Some("folk rock"))])
    })
    .await;
    let token = played_token(&response).unwrap();
    let started = listener.player_event("PlaybackStarted", &token, 0);
    send(&skill, &mut listener, started).await;
    let off = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ShuffleOffIntent", &[])
    })
    .await;
    assert_eq!(
        speech(&off).unwrap(),
        "This music only plays shuffled, so shuffle stays on."
    );
    let on = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ShuffleOnIntent", &[])
    })
    .await;
    assert_eq!(speech(&on).unwrap(), "Shuffle is on.");

    // An album goes back to its order, and says so.
    let album = act(&skill, &mut listener, |l| {
        l.intent("PlayAlbumIntent", &[("albumName", Some("coastline"))])
    })
    .await;
    let token = played_token(&album).unwrap();
    let started = listener.player_event("PlaybackStarted", &token, 0);
    send(&skill, &mut listener, started).await;
    let off = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ShuffleOffIntent", &[])
    })
    .await;
    assert_eq!(speech(&off).unwrap(), "Shuffle is off.");
}

/// A device without a player (no AudioPlayer interface) is never invited
/// to ask for music, and never sent an AudioPlayer directive.
pub async fn a_device_without_a_player_is_told_so(skill: Skill) {
    let mut listener = Listener::new("yan", "car");
    for intent in [
        "NowPlayingIntent",
        "ClearQueueIntent",
        "WhatsNextIntent",
        "AMAZON.LoopOnIntent",
        "AMAZON.ShuffleOnIntent",
        "AMAZON.YesIntent",
    ] {
        let mut envelope = listener.intent(intent, &[]);
        envelope["context"]["System"]["device"]["supportedInterfaces"] = json!({});
        envelope["context"]
            .as_object_mut()
            .unwrap()
            .remove("AudioPlayer");
        let response = skill.handle_json(envelope).await.unwrap();
        assert_eq!(
            speech(&response).unwrap(),
            "Sorry, this device can't play music. Try again on an Echo speaker or the Alexa app.",
            "{intent}"
        );
        assert_eq!(
            response["response"]["shouldEndSession"],
            json!(true),
            "{intent}"
        );
        assert!(response["response"].get("directives").is_none(), "{intent}");
    }
}

/// The directives of a response, as sent.
fn directives(response: &Value) -> Value {
    response["response"]
        .get("directives")
        .cloned()
        .unwrap_or(json!([]))
}

/// "Play X next", "what's next?", "add X to the queue", "clear the queue":
/// each answer keeps what the device has enqueued the track that really
/// comes next (REPLACE_ENQUEUED, CLEAR_ENQUEUED), and the queue plays on
/// as edited.
pub async fn queue_edits_keep_the_enqueued_track_right(skill: Skill) {
    let mut listener = Listener::new("quinn", "studio");
    let first = start_band(&skill, &mut listener).await;
    let nearly = listener.player_event("PlaybackNearlyFinished", &first, 190_000);
    let response = send(&skill, &mut listener, nearly).await;
    let (enqueued_q2, _) = enqueued(&response).expect("the next track is enqueued");
    assert_eq!(token_track(&enqueued_q2), "q2");

    let next = act(&skill, &mut listener, |l| {
        l.intent(
            "PlayNextIntent",
            &[("songName", Some("desert bloom")), ("artistName", None)],
        )
    })
    .await;
    assert_eq!(
        speech(&next).unwrap(),
        "Desert Bloom by Sahara Sound plays next."
    );
    let replaced = play_directive(&next).expect("the enqueued track is replaced");
    assert_eq!(replaced["playBehavior"], "REPLACE_ENQUEUED");
    let s1 = replaced["audioItem"]["stream"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(token_track(&s1), "s1");
    assert!(replaced["audioItem"]["stream"]
        .get("expectedPreviousToken")
        .is_none());

    let whats_next = act(&skill, &mut listener, |l| l.intent("WhatsNextIntent", &[])).await;
    assert_eq!(
        speech(&whats_next).unwrap(),
        "Next up is Desert Bloom by Sahara Sound."
    );
    assert_eq!(directives(&whats_next), json!([]));

    // Added at the end: what comes next is unchanged, nothing is sent.
    let added = act(&skill, &mut listener, |l| {
        l.intent(
            "AddToQueueIntent",
            &[("songName", Some("lanterns")), ("artistName", None)],
        )
    })
    .await;
    assert_eq!(
        speech(&added).unwrap(),
        "Added Lanterns by The Harbour Lights to the queue."
    );
    assert_eq!(directives(&added), json!([]));

    // The replaced stream takes over: Desert Bloom plays, then q2 follows.
    let finished = listener.player_event("PlaybackFinished", &first, 200_000);
    send(&skill, &mut listener, finished).await;
    listener.token = Some(s1.clone());
    let started = listener.player_event("PlaybackStarted", &s1, 0);
    send(&skill, &mut listener, started).await;
    let nearly = listener.player_event("PlaybackNearlyFinished", &s1, 190_000);
    let response = send(&skill, &mut listener, nearly).await;
    let (after_s1, previous) = enqueued(&response).expect("the queue goes on");
    assert_eq!(
        (token_track(&after_s1).as_str(), previous.as_str()),
        ("q2", s1.as_str())
    );

    // Clear: the current track plays out, nothing follows.
    let cleared = act(&skill, &mut listener, |l| l.intent("ClearQueueIntent", &[])).await;
    assert_eq!(
        speech(&cleared).unwrap(),
        "I've cleared the queue. This track plays to the end, and nothing follows."
    );
    assert_eq!(
        directives(&cleared),
        json!([{"type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ENQUEUED"}])
    );
    let whats_next = act(&skill, &mut listener, |l| l.intent("WhatsNextIntent", &[])).await;
    assert_eq!(
        speech(&whats_next).unwrap(),
        "Nothing comes after this track."
    );
    let finished = listener.player_event("PlaybackFinished", &s1, 200_000);
    assert_eq!(
        send(&skill, &mut listener, finished).await,
        json!({"version": "1.0", "response": {}})
    );

    // A device without AudioPlayer is told so, and sent no directive.
    let mut envelope = listener.intent(
        "AddToQueueIntent",
        &[("songName", Some("lanterns")), ("artistName", None)],
    );
    envelope["context"]["System"]["device"]["supportedInterfaces"] = json!({});
    envelope["context"]
        .as_object_mut()
        .unwrap()
        .remove("AudioPlayer");
    let response = skill.handle_json(envelope).await.unwrap();
    assert!(speech(&response).unwrap().contains("can't play music"));
    assert!(response["response"].get("directives").is_none());
}

/// With nothing playing there is nothing to add after: an add plays what
/// was asked for, as "play" would.
pub async fn adding_with_nothing_playing_plays_it(skill: Skill) {
    let mut listener = Listener::new("rosa", "porch");
    let whats_next = act(&skill, &mut listener, |l| l.intent("WhatsNextIntent", &[])).await;
    assert!(speech(&whats_next)
        .unwrap()
        .starts_with("Nothing is playing"));
    let added = act(&skill, &mut listener, |l| {
        l.intent(
            "AddAlbumToQueueIntent",
            &[("albumName", Some("driftwood")), ("artistName", None)],
        )
    })
    .await;
    assert_eq!(replace_all_track(&added), Some(("q4".to_string(), 0)));
    let token = listener.token.clone().unwrap();
    act(&skill, &mut listener, |l| {
        l.player_event("PlaybackStarted", &token, 0)
    })
    .await;
    // Now it plays: the album goes to the end, and "what's next" names
    // the album's second track.
    let added = act(&skill, &mut listener, |l| {
        l.intent(
            "AddAlbumToQueueIntent",
            &[("albumName", Some("coastline")), ("artistName", None)],
        )
    })
    .await;
    assert_eq!(
        speech(&added).unwrap(),
        "Added the album Coastline by The Harbour Lights to the queue."
    );
    let whats_next = act(&skill, &mut listener, |l| l.intent("WhatsNextIntent", &[])).await;
    assert_eq!(
        speech(&whats_next).unwrap(),
        "Next up is Paper Boats by The Harbour Lights."
    );
}

/// "Play some folk rock" fits `play some {artistName}`: an artist that
/// misses is tried as a genre (then a playlist, an album), as a song slot
/// that misses already is.
pub async fn an_artist_slot_that_names_a_genre_plays_the_genre(skill: Skill) {
    let mut listener = Listener::new("ash", "porch");
    let response = act(&skill, &mut listener, |l| l.play(None, Some("folk rock"))).await;
    assert_eq!(speech(&response).unwrap(), "Shuffling Folk-Rock.");
    assert!(played_token(&response).is_some());
    let response = act(&skill, &mut listener, |l| {
        l.play(None, Some("sahara sound"))
    })
    .await;
    assert_eq!(token_track(&played_token(&response).unwrap()), "s1");
}

/// "Play the station Harbour Radio": a live stream as a queue of one.
/// Nothing is enqueued near its end, next and previous say it is live
/// (and send nothing), resume joins it live (offset 0), and a stream that
/// ends is the end.
pub async fn a_station_plays_live_with_nothing_next(skill: Skill) {
    let mut listener = Listener::new("stella", "kitchen");
    let station = |l: &mut Listener, name: &str| {
        l.intent("PlayStationIntent", &[("stationName", Some(name))])
    };
    let response = act(&skill, &mut listener, |l| station(l, "harbour radio")).await;
    assert_eq!(
        speech(&response).unwrap(),
        "Playing the station Harbour Radio, live."
    );
    let token = played_token(&response).expect("a Play directive");
    assert_eq!(token_track(&token), "r1");
    assert_eq!(
        play_directive(&response).unwrap()["audioItem"]["stream"]["url"],
        "https://radio.example.com/harbour/live.aac"
    );
    // "the … station" is the same station.
    let again = act(&skill, &mut listener, |l| {
        station(l, "Harbour Radio station")
    })
    .await;
    let token = played_token(&again).unwrap_or_else(|| panic!("a Play directive: {again}"));
    assert_eq!(token_track(&token), "r1");
    let started = listener.player_event("PlaybackStarted", &token, 0);
    send(&skill, &mut listener, started).await;

    let what = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&what).unwrap(),
        "This is the station Harbour Radio, live."
    );
    // A device may still send NearlyFinished (a stream that declares an
    // end): nothing follows a station, even with loop on.
    let looped = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.LoopOnIntent", &[])
    })
    .await;
    assert!(play_directive(&looped).is_none(), "{looped}");
    let nearly = listener.player_event("PlaybackNearlyFinished", &token, 3_600_000);
    let response = send(&skill, &mut listener, nearly).await;
    assert!(play_directive(&response).is_none(), "{response}");

    for intent in ["AMAZON.NextIntent", "AMAZON.PreviousIntent"] {
        let response = act(&skill, &mut listener, |l| l.intent(intent, &[])).await;
        assert_eq!(
            speech(&response).unwrap(),
            "This is a live station: there's no next or previous track.",
            "{intent}"
        );
        assert!(play_directive(&response).is_none(), "{intent}");
    }
    for button in ["Next", "Previous"] {
        let response = act(&skill, &mut listener, |l| l.button(button)).await;
        assert_eq!(
            response,
            json!({"version": "1.0", "response": {}}),
            "{button}"
        );
    }

    // Paused an hour in, resumed: the live edge, not an hour into the stream.
    let stopped = listener.player_event("PlaybackStopped", &token, 3_600_000);
    send(&skill, &mut listener, stopped).await;
    let paused = act(&skill, &mut listener, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&paused).unwrap(),
        "Paused: the station Harbour Radio. Say resume to join it live again."
    );
    let resume = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ResumeIntent", &[])
    })
    .await;
    assert_eq!(replace_all_track(&resume), Some(("r1".to_string(), 0)));
    let token = played_token(&resume).unwrap();
    let started = listener.player_event("PlaybackStarted", &token, 0);
    send(&skill, &mut listener, started).await;

    // The stream ended (the broadcaster went off air): nothing more.
    let finished = listener.player_event("PlaybackFinished", &token, 60_000);
    let response = send(&skill, &mut listener, finished).await;
    assert!(play_directive(&response).is_none(), "{response}");
    let resume = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ResumeIntent", &[])
    })
    .await;
    assert!(play_directive(&resume).is_none(), "{resume}");

    // A song search never finds the station, and a station that is not
    // in the catalog is said so.
    let song = act(&skill, &mut listener, |l| {
        l.play(Some("harbour radio"), None)
    })
    .await;
    assert!(
        played_token(&song).is_none_or(|t| token_track(&t) != "r1"),
        "{song}"
    );
    let missing = act(&skill, &mut listener, |l| station(l, "pirate waves")).await;
    assert_eq!(
        speech(&missing).unwrap(),
        "I couldn't find a station called pirate waves. What would you like to hear?"
    );
    assert!(play_directive(&missing).is_none());
}

/// A custom skill cannot play to an Echo speaker group: a request comes
/// from one device. Whatever a group's endpoint sends (its own device id,
/// a player context naming another device's stream, no AudioPlayer
/// interface), jukebox changes no one's queue and sends no player
/// directive to a device that did not declare a player.
pub async fn a_speaker_group_request_changes_nothing_it_should_not(skill: Skill) {
    let mut kitchen = Listener::new("grace", "kitchen");
    let token = start_band(&skill, &mut kitchen).await;
    let mut group = Listener::new("grace", "everywhere-group");
    // A player event naming the kitchen's stream, from another endpoint.
    for kind in [
        "PlaybackNearlyFinished",
        "PlaybackStopped",
        "PlaybackFinished",
    ] {
        let event = group.player_event(kind, &token, 10_000);
        let response = send(&skill, &mut group, event).await;
        assert_eq!(
            response,
            json!({"version": "1.0", "response": {}}),
            "{kind}"
        );
    }
    let failed = group.playback_failed(&token);
    let response = send(&skill, &mut group, failed).await;
    assert_eq!(response, json!({"version": "1.0", "response": {}}));
    // An intent from an endpoint without a player, whose context still
    // names the stream: told so, no directive.
    for intent in [
        "AMAZON.NextIntent",
        "AMAZON.ResumeIntent",
        "PlayStationIntent",
    ] {
        let mut envelope = group.intent(intent, &[("stationName", Some("harbour radio"))]);
        envelope["context"]["System"]["device"]["supportedInterfaces"] = json!({});
        let response = skill.handle_json(envelope).await.unwrap();
        assert!(response["response"].get("directives").is_none(), "{intent}");
    }
    // The kitchen's queue goes on as it was.
    let what = act(&skill, &mut kitchen, |l| l.intent("NowPlayingIntent", &[])).await;
    assert_eq!(
        speech(&what).unwrap(),
        "This is Morning Tide by The Harbour Lights."
    );
    let nearly = kitchen.player_event("PlaybackNearlyFinished", &token, 190_000);
    let response = send(&skill, &mut kitchen, nearly).await;
    let (next, _) = enqueued(&response).expect("the kitchen's next track is enqueued");
    assert_eq!(token_track(&next), "q2");
}

/// Plays a source through with "next" and gives the tracks heard, sorted.
async fn heard_through(
    skill: &Skill,
    listener: &mut Listener,
    first: &Value,
    count: usize,
) -> Vec<String> {
    let mut played = vec![token_track(&played_token(first).unwrap())];
    for _ in 1..count {
        let next = act(skill, listener, |l| l.intent("AMAZON.NextIntent", &[])).await;
        played.push(replace_all_track(&next).unwrap().0);
    }
    let end = act(skill, listener, |l| l.intent("AMAZON.NextIntent", &[])).await;
    assert!(play_directive(&end).is_none(), "{played:?} then more");
    played.sort();
    played
}

/// "Play something new": the most recently added tracks, newest first
/// (tracks added at the same time, the later in the catalog first); never
/// the station; then the queue ends.
pub async fn something_new_plays_the_newest_first(skill: Skill) {
    let mut listener = Listener::new("nia", "den");
    let new = act(&skill, &mut listener, |l| l.intent("PlayNewIntent", &[])).await;
    assert_eq!(
        speech(&new).unwrap(),
        "Playing your most recently added music, newest first, starting with \
         Desert Bloom by Sahara Sound."
    );
    let mut heard = vec![token_track(&played_token(&new).unwrap())];
    for _ in 1..9 {
        let next = act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
        heard.push(replace_all_track(&next).unwrap().0);
    }
    assert_eq!(
        heard,
        ["s1", "q8", "q2", "q7", "q6", "q5", "q4", "q3", "q1"],
        "newest first, never the station"
    );
    let end = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    assert!(play_directive(&end).is_none(), "nothing after the oldest");

    // Shuffle works on it as on any queue: every track once.
    let again = act(&skill, &mut listener, |l| l.intent("PlayNewIntent", &[])).await;
    act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ShuffleOnIntent", &[])
    })
    .await;
    let mut shuffled = vec![token_track(&played_token(&again).unwrap())];
    for _ in 1..9 {
        let next = act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
        shuffled.push(replace_all_track(&next).unwrap().0);
    }
    shuffled.sort();
    assert_eq!(
        shuffled,
        ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "s1"]
    );
    act(&skill, &mut listener, |l| {
        l.intent("AMAZON.ShuffleOffIntent", &[])
    })
    .await;

    // "Shuffle something new": the same tracks, each once, in a shuffled order.
    let again = act(&skill, &mut listener, |l| l.intent("ShuffleNewIntent", &[])).await;
    assert_eq!(
        speech(&again).unwrap(),
        "Shuffling your most recently added music."
    );
    let mut shuffled = vec![token_track(&played_token(&again).unwrap())];
    for _ in 1..9 {
        let next = act(&skill, &mut listener, |l| {
            l.intent("AMAZON.NextIntent", &[])
        })
        .await;
        shuffled.push(replace_all_track(&next).unwrap().0);
    }
    shuffled.sort();
    assert_eq!(
        shuffled,
        ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "s1"]
    );
}

/// "Shuffle songs by X", "shuffle the album X", "play music from the
/// eighties [by X]", "… from 1992", "play the latest album by X".
pub async fn named_shuffles_eras_and_the_latest_album(skill: Skill) {
    let mut listener = Listener::new("noor", "nook");
    let all: Vec<String> = (1..=8).map(|i| format!("q{i}")).collect();
    let named = |l: &mut Listener, slot: &str, value: &str| {
        l.intent("ShuffleNamedIntent", &[(slot, Some(value))])
    };
    let artist = act(&skill, &mut listener, |l| {
        named(l, "artistName", "the harbour lights")
    })
    .await;
    assert_eq!(
        speech(&artist).unwrap(),
        "Shuffling songs by The Harbour Lights."
    );
    assert_eq!(heard_through(&skill, &mut listener, &artist, 8).await, all);

    let album = act(&skill, &mut listener, |l| {
        named(l, "albumName", "driftwood")
    })
    .await;
    assert_eq!(
        speech(&album).unwrap(),
        "Shuffling the album Driftwood by The Harbour Lights."
    );
    assert_eq!(
        heard_through(&skill, &mut listener, &album, 5).await,
        all[3..]
    );

    let era = |l: &mut Listener, slots: &[(&str, Option<&str>)]| l.intent("PlayEraIntent", slots);
    let eighties = act(&skill, &mut listener, |l| {
        era(l, &[("decade", Some("eighties"))])
    })
    .await;
    assert_eq!(
        speech(&eighties).unwrap(),
        "Shuffling music from the 1980s."
    );
    assert_eq!(
        heard_through(&skill, &mut listener, &eighties, 4).await,
        ["q1", "q2", "q3", "s1"]
    );
    let by = act(&skill, &mut listener, |l| {
        era(
            l,
            &[
                ("decade", Some("the 80s")),
                ("artistName", Some("sahara sound")),
            ],
        )
    })
    .await;
    assert_eq!(
        speech(&by).unwrap(),
        "Shuffling songs by Sahara Sound from the 1980s."
    );
    assert_eq!(heard_through(&skill, &mut listener, &by, 1).await, ["s1"]);
    let year = act(&skill, &mut listener, |l| era(l, &[("year", Some("1992"))])).await;
    assert_eq!(speech(&year).unwrap(), "Shuffling music from 1992.");
    assert_eq!(
        heard_through(&skill, &mut listener, &year, 5).await,
        all[3..]
    );
    let year_by = act(&skill, &mut listener, |l| {
        era(
            l,
            &[
                ("year", Some("1985")),
                ("artistName", Some("harbour lights")),
            ],
        )
    })
    .await;
    assert_eq!(
        speech(&year_by).unwrap(),
        "Shuffling songs by The Harbour Lights from 1985."
    );
    assert_eq!(
        heard_through(&skill, &mut listener, &year_by, 3).await,
        all[..3]
    );
    let none = act(&skill, &mut listener, |l| era(l, &[("year", Some("1961"))])).await;
    assert!(play_directive(&none).is_none());
    assert!(speech(&none)
        .unwrap()
        .starts_with("I couldn't find any music from that time"));

    let latest = act(&skill, &mut listener, |l| {
        l.intent(
            "PlayLatestAlbumIntent",
            &[("artistName", Some("the harbour lights"))],
        )
    })
    .await;
    assert_eq!(
        speech(&latest).unwrap(),
        "Playing The Harbour Lights's latest album, Driftwood."
    );
    assert_eq!(token_track(&played_token(&latest).unwrap()), "q4");
}

macro_rules! suite {
    ($backend:ident, $make:expr) => {
        mod $backend {
            use super::*;
            suite!(@tests $make;
                play_then_the_queue_goes_on,
                pause_then_resume_at_the_same_second,
                next_and_previous_at_both_ends,
                loop_on_wraps_at_the_end,
                loop_on_a_single_track_gives_every_lap_its_own_token,
                a_forged_timestamp_never_freezes_the_queue,
                a_token_spelled_differently_is_not_ours,
                loop_and_shuffle_carry_over_to_a_new_queue,
                play_the_album_then_its_next_track,
                play_a_genre_shuffled,
                shuffle_all_plays_every_track_once,
                loop_on_a_shuffled_genre_plays_every_track_each_lap,
                favourites_belong_to_each_person,
                shuffle_then_back_in_order,
                late_duplicate_and_foreign_events_are_ignored,
                a_failed_stream_moves_on_then_stops_cleanly,
                relaunch_offers_to_resume,
                two_devices_play_independently,
                not_found_offers_the_closest_and_yes_plays_it,
                concurrent_events_lose_no_update,
                an_artist_in_the_song_slot_plays_the_artist,
                a_failed_enqueued_track_does_not_cut_off_the_one_playing,
                resume_starts_where_the_device_really_is,
                repeat_repeats_a_pending_question,
                a_superseded_stream_never_pulls_the_queue_back,
                an_enqueued_track_failing_as_the_current_one_ends_plays_the_next,
                a_finished_queue_stays_finished,
                only_applied_starts_count_as_plays,
                speaking_over_the_music_is_not_a_pause,
                the_device_report_wins_over_lost_events,
                shuffle_off_on_a_genre_is_answered_honestly,
                a_device_without_a_player_is_told_so,
                an_artist_slot_that_names_a_genre_plays_the_genre,
                queue_edits_keep_the_enqueued_track_right,
                adding_with_nothing_playing_plays_it,
                a_station_plays_live_with_nothing_next,
                a_speaker_group_request_changes_nothing_it_should_not,
                named_shuffles_eras_and_the_latest_album,
                something_new_plays_the_newest_first
            );
        }
    };
    (@tests $make:expr; $($name:ident),*) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn $name() {
                let skill = $make(band_catalog()).await;
                super::$name(skill).await;
            }
        )*
    };
}

async fn embedded(tracks: Vec<Track>) -> Skill {
    embedded_skill(tracks)
}

suite!(embedded_store, embedded);

/// The embedded stores with a catalog that makes every read wait, as
/// DynamoDB does: each play then writes its queue beside the search.
async fn embedded_first_asks(tracks: Vec<Track>) -> Skill {
    support::waiting::waiting_skill(tracks)
}

suite!(embedded_store_first_asks, embedded_first_asks);

async fn dynamodb(tracks: Vec<Track>) -> Skill {
    support::dynamodb::dynamodb_skill(&tracks).await
}

suite!(dynamodb_store, dynamodb);

/// A row at every limit the catalog allows (an 8,000-character stream URL
/// and art URL, 500-character names) still gives responses Alexa accepts:
/// the art goes first, the stream and what is said stay.
#[tokio::test]
async fn responses_stay_under_alexas_size_limit_at_the_catalogs_limits() {
    let long = |n: usize, c: char| std::iter::repeat_n(c, n).collect::<String>();
    let row = |id: &str, title: &str| Track {
        id: id.to_string(),
        title: title.to_string(),
        artist: format!("Band {}", long(495, 'b')),
        album: Some(long(500, 'a')),
        url: format!("https://audio.example.com/{}", long(8000 - 26, 'u')),
        duration_ms: Some(200_000),
        image_url: Some(format!("https://img.example.com/{}", long(8000 - 24, 'i'))),
        ..Default::default()
    };
    let tracks = vec![row("big1", "Long Road"), row("big2", "Longer Road")];
    let skill = embedded_skill(tracks.clone());
    let mut listener = Listener::new("zed", "hall");
    let play = act(&skill, &mut listener, |l| l.play(Some("long road"), None)).await;
    let size = serde_json::to_vec(&play).unwrap().len();
    assert!(size <= 24_000, "Play response is {size} bytes");
    let stream = &play_directive(&play).expect("it plays")["audioItem"];
    assert_eq!(
        stream["stream"]["url"],
        json!(tracks[0].url),
        "the stream is whole"
    );
    assert!(stream["metadata"].get("backgroundImage").is_none());
    assert!(stream["metadata"]["title"].as_str().is_some());

    let token = played_token(&play).unwrap();
    let started = listener.player_event("PlaybackStarted", &token, 0);
    send(&skill, &mut listener, started).await;
    let nearly = listener.player_event("PlaybackNearlyFinished", &token, 185_000);
    let response = send(&skill, &mut listener, nearly).await;
    let size = serde_json::to_vec(&response).unwrap().len();
    assert!(size <= 24_000, "ENQUEUE response is {size} bytes");
    assert_eq!(
        play_directive(&response).unwrap()["audioItem"]["stream"]["url"],
        json!(tracks[1].url)
    );

    // A short art URL is kept, twice, as before.
    let mut small = row("s1", "Short Art");
    small.url = "https://audio.example.com/s1.mp3".into();
    small.image_url = Some("https://img.example.com/s1.jpg".into());
    let skill = embedded_skill(vec![small]);
    let play = act(&skill, &mut Listener::new("amy", "hall"), |l| {
        l.play(Some("short art"), None)
    })
    .await;
    let metadata = &play_directive(&play).unwrap()["audioItem"]["metadata"];
    assert_eq!(
        metadata["art"]["sources"][0]["url"],
        "https://img.example.com/s1.jpg"
    );
    assert_eq!(
        metadata["backgroundImage"]["sources"][0]["url"],
        "https://img.example.com/s1.jpg"
    );
}

/// A catalog where each step of a continuation has one answer: two
/// artists of one genre in two decades, a third artist of the second
/// decade in another genre, and one track sharing nothing with the rest.
fn autoplay_catalog() -> Vec<Track> {
    let row = |id: &str, title: &str, artist: &str, genre: &str, year: u32| Track {
        id: id.to_string(),
        title: title.to_string(),
        artist: artist.to_string(),
        url: format!("https://audio.example.com/auto/{id}.mp3"),
        duration_ms: Some(200_000),
        genres: vec![genre.to_string()],
        year: Some(year),
        ..Default::default()
    };
    vec![
        row(
            "h1",
            "Morning Tide",
            "The Harbour Lights",
            "Folk-Rock",
            1985,
        ),
        row("h2", "Lanterns", "The Harbour Lights", "Folk-Rock", 1986),
        row("s1", "Desert Bloom", "Sahara Sound", "Folk-Rock", 1992),
        row("s2", "Dune Song", "Sahara Sound", "Folk-Rock", 1993),
        row("n1", "Night Drive", "Neon Coast", "Synthwave", 1994),
        row("z1", "Deep Roots", "Forest Choir", "Ambient", 2003),
    ]
}

/// The device plays `token` to near its end: PlaybackStarted, then
/// PlaybackNearlyFinished; the response to the latter.
async fn play_through(skill: &Skill, listener: &mut Listener, token: &str) -> Value {
    let started = listener.player_event("PlaybackStarted", token, 0);
    send(skill, listener, started).await;
    let nearly = listener.player_event("PlaybackNearlyFinished", token, 190_000);
    send(skill, listener, nearly).await
}

/// "Play Morning Tide": h1, then the artist's other track h2 (the queue's
/// rest). Returns h2's token, the queue's last.
async fn to_the_last_track(skill: &Skill, listener: &mut Listener) -> String {
    let play = act(skill, listener, |l| {
        l.play(Some("morning tide"), Some("the harbour lights"))
    })
    .await;
    let first = played_token(&play).expect("it plays");
    assert_eq!(token_track(&first), "h1");
    let nearly = play_through(skill, listener, &first).await;
    let (second, previous) = enqueued(&nearly).expect("the artist's next track");
    assert_eq!(
        (token_track(&second).as_str(), previous.as_str()),
        ("h2", first.as_str())
    );
    second
}

const EMPTY: fn() -> Value = || json!({"version": "1.0", "response": {}});

/// The queue runs out: same artist first (none left that has not played),
/// then same genre, then the other of that artist, then same decade, then
/// nothing (the queue ends as it always did). A NearlyFinished twice
/// enqueues once. A new queue's continuation never repeats a play of the
/// one before (the last 50 carry over).
pub async fn autoplay_keeps_the_music_going(skill: Skill) {
    let mut listener = Listener::new("ava", "den");
    let last = to_the_last_track(&skill, &mut listener).await;

    let nearly = play_through(&skill, &mut listener, &last).await;
    let (genre, previous) = enqueued(&nearly).expect("a continuation at the end");
    assert_eq!(previous, last, "after the stream that ends");
    let first_genre = token_track(&genre);
    assert!(
        ["s1", "s2"].contains(&first_genre.as_str()),
        "same genre, the artist having nothing unplayed: {first_genre}"
    );
    // The same event again enqueues nothing more.
    let again = listener.player_event("PlaybackNearlyFinished", &last, 191_000);
    assert_eq!(send(&skill, &mut listener, again).await, EMPTY());

    let nearly = play_through(&skill, &mut listener, &genre).await;
    let (artist, _) = enqueued(&nearly).expect("the same artist's other track");
    let other = if first_genre == "s1" { "s2" } else { "s1" };
    assert_eq!(token_track(&artist), other);

    let nearly = play_through(&skill, &mut listener, &artist).await;
    let (decade, _) = enqueued(&nearly).expect("the same decade");
    assert_eq!(token_track(&decade), "n1", "the nineties, another genre");

    let nearly = play_through(&skill, &mut listener, &decade).await;
    assert_eq!(
        nearly,
        EMPTY(),
        "nothing like it left unplayed: the queue ends"
    );
    let finished = listener.player_event("PlaybackFinished", &decade, 200_000);
    send(&skill, &mut listener, finished).await;

    // A new queue: Desert Bloom, then Dune Song. Its genre's other tracks
    // (h1, h2) and its decade's (n1) played in the queue before: nothing.
    let play = act(&skill, &mut listener, |l| {
        l.play(Some("desert bloom"), None)
    })
    .await;
    let first = played_token(&play).expect("it plays");
    assert_eq!(token_track(&first), "s1");
    let nearly = play_through(&skill, &mut listener, &first).await;
    let (second, _) = enqueued(&nearly).expect("the artist's other track");
    assert_eq!(token_track(&second), "s2");
    let nearly = play_through(&skill, &mut listener, &second).await;
    assert_eq!(nearly, EMPTY(), "every candidate is one of the last plays");
}

/// "Stop autoplay" takes back the continuation enqueued and ends the
/// queue after the track playing; "turn on autoplay" enqueues one again at
/// once (the last track's NearlyFinished does not come again). "Next" at
/// the end of the queue continues too.
pub async fn stop_autoplay_ends_it_and_next_continues(skill: Skill) {
    let mut listener = Listener::new("bo", "den");
    let last = to_the_last_track(&skill, &mut listener).await;
    let nearly = play_through(&skill, &mut listener, &last).await;
    assert!(enqueued(&nearly).is_some());

    let off = act(&skill, &mut listener, |l| {
        l.intent("AutoplayOffIntent", &[])
    })
    .await;
    assert_eq!(
        speech(&off).unwrap(),
        "Autoplay is off: the music stops when the queue ends."
    );
    assert_eq!(
        off["response"]["directives"],
        json!([{"type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ENQUEUED"}])
    );
    let again = listener.player_event("PlaybackNearlyFinished", &last, 192_000);
    assert_eq!(send(&skill, &mut listener, again).await, EMPTY());

    let on = act(&skill, &mut listener, |l| l.intent("AutoplayOnIntent", &[])).await;
    assert!(speech(&on).unwrap().starts_with("Autoplay is on"));
    let (next, previous) = enqueued(&on).expect("enqueued at once");
    assert_eq!(previous, last);
    assert!(["s1", "s2"].contains(&token_track(&next).as_str()));

    // Off again, then "next" on the last track: nothing after it.
    act(&skill, &mut listener, |l| {
        l.intent("AutoplayOffIntent", &[])
    })
    .await;
    let next = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    assert!(play_directive(&next).is_none(), "autoplay off: the end");
    // "Next" at the end of a queue continues.
    let mut other = Listener::new("cy", "hall");
    let last = to_the_last_track(&skill, &mut other).await;
    let started = other.player_event("PlaybackStarted", &last, 0);
    send(&skill, &mut other, started).await;
    let next = act(&skill, &mut other, |l| l.intent("AMAZON.NextIntent", &[])).await;
    let (track, _) = replace_all_track(&next).expect("next plays a continuation");
    assert!(["s1", "s2"].contains(&track.as_str()), "{track}");
    // A new ask turns autoplay back on.
    let last = to_the_last_track(&skill, &mut listener).await;
    let nearly = play_through(&skill, &mut listener, &last).await;
    let (next, _) = enqueued(&nearly).expect("autoplay on again");
    assert!(["s1", "s2"].contains(&token_track(&next).as_str()));
}

/// Off by default: the queue ends at its last track as it always did, and
/// asking for autoplay is answered honestly.
pub async fn autoplay_is_off_by_default(skill: Skill) {
    let mut listener = Listener::new("di", "den");
    let last = to_the_last_track(&skill, &mut listener).await;
    let nearly = play_through(&skill, &mut listener, &last).await;
    assert_eq!(nearly, EMPTY());
    let next = act(&skill, &mut listener, |l| {
        l.intent("AMAZON.NextIntent", &[])
    })
    .await;
    assert!(play_directive(&next).is_none());
    let off = act(&skill, &mut listener, |l| {
        l.intent("AutoplayOffIntent", &[])
    })
    .await;
    assert_eq!(
        speech(&off).unwrap(),
        "Autoplay isn't turned on for this jukebox, so the music stops when the queue ends."
    );
    assert!(off["response"]["directives"].is_null());
}

macro_rules! autoplay_suite {
    ($backend:ident, $make:expr) => {
        mod $backend {
            use jukebox::skill::Autoplay;
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn autoplay_keeps_the_music_going() {
                let skill = $make(super::autoplay_catalog()).await;
                super::autoplay_keeps_the_music_going(skill.with_autoplay(Autoplay::Similar)).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn stop_autoplay_ends_it_and_next_continues() {
                let skill = $make(super::autoplay_catalog()).await;
                super::stop_autoplay_ends_it_and_next_continues(
                    skill.with_autoplay(Autoplay::Similar),
                )
                .await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn autoplay_is_off_by_default() {
                let skill = $make(super::autoplay_catalog()).await;
                super::autoplay_is_off_by_default(skill).await;
            }
        }
    };
}

autoplay_suite!(autoplay_embedded_store, super::embedded);
autoplay_suite!(
    autoplay_embedded_store_first_asks,
    super::embedded_first_asks
);
autoplay_suite!(autoplay_dynamodb_store, super::dynamodb);
