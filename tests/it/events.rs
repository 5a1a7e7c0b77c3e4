//! Every envelope of `tests/events/` through `jukebox invoke` (the same code
//! the Lambda runs), each in a fresh run, with the exact shape of its answer.

use crate::support;

use std::process::Command;

use serde_json::{json, Value};
use support::*;

/// Runs `jukebox invoke` on event files; returns one JSON value per line and the exit status.
fn invoke(files: &[&str]) -> (Vec<Value>, bool) {
    let output = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .arg("invoke")
        .args(files.iter().map(|f| events_dir().join(f)))
        .env("SKILL_ID", SKILL_ID)
        .env("RUST_LOG", "off")
        .output()
        .expect("jukebox runs");
    let lines = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    (lines, output.status.success())
}

fn one(file: &str) -> Value {
    let (mut lines, ok) = invoke(&[file]);
    assert!(ok, "{file} was refused");
    assert_eq!(lines.len(), 1);
    let response = lines.remove(0);
    assert_eq!(response["version"], "1.0");
    assert_directive_rules(&response);
    response
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

/// Speech and reprompt, session open, nothing played.
fn assert_asks(response: &Value, words: &str) {
    let body = &response["response"];
    assert_eq!(
        keys(body),
        vec!["outputSpeech", "reprompt", "shouldEndSession"],
        "{response}"
    );
    assert_eq!(body["shouldEndSession"], false);
    assert_eq!(body["outputSpeech"]["type"], "SSML");
    assert_eq!(body["reprompt"]["outputSpeech"]["type"], "SSML");
    let said = speech(response).unwrap();
    assert!(said.contains(words), "expected {words:?} in {said:?}");
}

fn assert_empty(response: &Value) {
    assert_eq!(response, &json!({"version": "1.0", "response": {}}));
}

/// The Play directive matches the catalog row exactly.
fn assert_plays(response: &Value, track_id: &str, said: &str) {
    let tracks = sample_tracks();
    let track = tracks.iter().find(|t| t.id == track_id).unwrap();
    let body = &response["response"];
    assert_eq!(body["shouldEndSession"], true);
    assert_eq!(speech(response).unwrap(), said);
    assert!(body.get("reprompt").is_none());
    let directives = body["directives"].as_array().unwrap();
    assert_eq!(directives.len(), 1);
    let play = &directives[0];
    assert_eq!(play["type"], "AudioPlayer.Play");
    assert_eq!(play["playBehavior"], "REPLACE_ALL");
    let stream = &play["audioItem"]["stream"];
    assert_eq!(stream["url"], track.url.as_str());
    assert_eq!(stream["offsetInMilliseconds"], 0);
    assert!(stream.get("expectedPreviousToken").is_none());
    assert_eq!(token_track(stream["token"].as_str().unwrap()), track.id);
    let metadata = &play["audioItem"]["metadata"];
    assert_eq!(metadata["title"], track.title.as_str());
    assert_eq!(metadata["subtitle"], track.artist.as_str());
    let image = track.image_url.as_deref().unwrap();
    assert_eq!(metadata["art"]["sources"][0]["url"], image);
    assert_eq!(metadata["backgroundImage"]["sources"][0]["url"], image);
}

#[test]
fn launch_welcomes_and_keeps_the_session_open() {
    assert_asks(&one("launch-request.json"), "What would you like to hear?");
}

#[test]
fn play_song_and_artist() {
    assert_plays(
        &one("play-music-song-and-artist.json"),
        "queen-bohemian-rhapsody",
        "Playing Bohemian Rhapsody by Queen.",
    );
}

#[test]
fn play_song_only() {
    assert_plays(
        &one("play-music-song-only.json"),
        "beatles-hey-jude",
        "Playing Hey Jude by The Beatles.",
    );
}

#[test]
fn play_artist_only_plays_their_first_track() {
    let response = one("play-music-artist-only.json");
    assert_plays(
        &response,
        "sg-sound-of-silence",
        "Playing music by Simon & Garfunkel.",
    );
    assert_eq!(
        response["response"]["outputSpeech"]["ssml"],
        "<speak>Playing music by Simon &amp; Garfunkel.</speak>"
    );
}

#[test]
fn catalog_text_is_escaped_in_speech_and_urls_are_untouched() {
    let response = one("play-music-escaping.json");
    assert_eq!(
        response["response"]["outputSpeech"]["ssml"],
        "<speak>Playing The Sound of Silence by Simon &amp; Garfunkel.</speak>"
    );
    assert_plays(
        &response,
        "sg-sound-of-silence",
        "Playing The Sound of Silence by Simon & Garfunkel.",
    );
}

#[test]
fn not_found_says_what_and_keeps_listening() {
    let response = one("play-music-not-found.json");
    assert_asks(
        &response,
        "I couldn't find stairway to heaven by led zeppelin",
    );
    assert!(response["response"].get("directives").is_none());
}

#[test]
fn no_slot_asks_what_to_play() {
    assert_asks(
        &one("play-music-no-slots.json"),
        "What would you like to hear?",
    );
}

#[test]
fn device_without_audio_player_hears_it_cannot_play() {
    let response = one("play-music-no-audio-player.json");
    assert_eq!(
        keys(&response["response"]),
        vec!["outputSpeech", "shouldEndSession"]
    );
    assert!(speech(&response).unwrap().contains("can't play music"));
    assert_eq!(response["response"]["shouldEndSession"], true);
}

#[test]
fn help_fallback_and_unknown_intents_guide_the_listener() {
    assert_asks(&one("help-intent.json"), "You can say");
    assert_asks(
        &one("fallback-intent.json"),
        "Sorry, I can't help with that",
    );
    assert_asks(&one("unknown-intent.json"), "Sorry, I can't help with that");
    // "No" and "go home" end the session: asking again is the
    // loop certification flags.
    for file in ["no-intent.json", "navigate-home-intent.json"] {
        assert_eq!(
            one(file),
            json!({"version": "1.0", "response": {
                "outputSpeech": {"type": "SSML", "ssml": "<speak>Okay.</speak>"},
                "shouldEndSession": true}}),
            "{file}"
        );
    }
}

#[test]
fn stop_cancel_and_pause_stop_the_music() {
    for file in [
        "stop-intent.json",
        "cancel-intent.json",
        "pause-intent.json",
    ] {
        let response = one(file);
        assert_eq!(
            response,
            json!({"version": "1.0", "response": {"directives": [{"type": "AudioPlayer.Stop"}], "shouldEndSession": true}}),
            "{file}"
        );
    }
}

#[test]
fn queue_intents_without_a_queue_say_so() {
    assert_asks(&one("resume-intent.json"), "There's nothing to resume");
    assert_asks(&one("yes-intent.json"), "There's nothing to resume");
    for file in [
        "next-intent.json",
        "previous-intent.json",
        "start-over-intent.json",
        "repeat-intent.json",
        "loop-on-intent.json",
        "loop-off-intent.json",
        "shuffle-on-intent.json",
        "shuffle-off-intent.json",
        "now-playing-intent.json",
    ] {
        let response = one(file);
        assert_asks(&response, "Nothing is playing right now");
        assert!(response["response"].get("directives").is_none(), "{file}");
    }
}

#[test]
fn session_end_exceptions_and_unknown_types_get_an_empty_response() {
    for file in [
        "session-ended-request.json",
        "system-exception-encountered.json",
        "unknown-request-type.json",
    ] {
        assert_empty(&one(file));
    }
}

#[test]
fn player_events_for_a_foreign_token_get_an_empty_response() {
    for file in [
        "playback-started.json",
        "playback-nearly-finished.json",
        "playback-finished.json",
        "playback-stopped.json",
        "playback-failed.json",
        "playback-controller-play.json",
        "playback-controller-next.json",
        "playback-controller-previous.json",
    ] {
        let response = one(file);
        assert_player_response(&response);
        assert_empty(&response);
    }
    // Pause from a remote stops the device even when jukebox knows no queue.
    let pause = one("playback-controller-pause.json");
    assert_player_response(&pause);
    assert_eq!(
        pause,
        json!({"version": "1.0", "response": {"directives": [{"type": "AudioPlayer.Stop"}]}})
    );
}

#[test]
fn wrong_skill_id_is_refused_on_its_own_line() {
    let (lines, ok) = invoke(&[
        "launch-request.json",
        "wrong-skill-id.json",
        "help-intent.json",
    ]);
    assert!(!ok, "a refused envelope makes the exit status non-zero");
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["version"], "1.0");
    let error = lines[1]["error"].as_str().unwrap();
    assert!(error.contains("request is for skill"), "{error}");
    assert!(
        !error.contains("11111111-2222-3333-4444-555555555555"),
        "full ids stay out of messages"
    );
    assert_eq!(lines[2]["version"], "1.0");
}

/// The requests of queue editing, named shuffles, eras, the latest album,
/// stations, something new and autoplay, one envelope each, on the sample
/// catalog with `AUTOPLAY` unset.
#[test]
fn the_newer_intents_answer_from_the_sample_catalog() {
    assert_plays(
        &one("play-new-intent.json"),
        "gnr-knockin",
        "Playing your most recently added music, newest first, starting with \
         Knockin' on Heaven's Door - Remastered 2004 by Guns N' Roses.",
    );
    assert_plays(
        &one("play-latest-album-intent.json"),
        "queen-bohemian-rhapsody",
        "Playing Queen's latest album, A Night at the Opera.",
    );
    // With nothing playing, an add plays what it found.
    for file in ["add-to-queue-intent.json", "play-next-intent.json"] {
        assert_plays(
            &one(file),
            "beatles-hey-jude",
            "Playing Hey Jude by The Beatles.",
        );
    }
    for (file, said, first) in [
        (
            "shuffle-new-intent.json",
            "Shuffling your most recently added music.",
            "",
        ),
        (
            "shuffle-named-intent.json",
            "Shuffling songs by Queen.",
            "queen-",
        ),
    ] {
        let response = one(file);
        assert_eq!(speech(&response).unwrap(), said, "{file}");
        let token = played_token(&response).unwrap_or_else(|| panic!("{file}: {response}"));
        assert!(token_track(&token).starts_with(first), "{file}: {token}");
    }
    // The sample catalog has no years and no stations.
    assert_asks(
        &one("play-era-intent.json"),
        "I couldn't find any music from that time",
    );
    assert_asks(
        &one("play-station-intent.json"),
        "I couldn't find a station called night owl radio.",
    );
    for file in ["whats-next-intent.json", "clear-queue-intent.json"] {
        assert_asks(&one(file), "Nothing is playing right now.");
    }
    for file in ["autoplay-off-intent.json", "autoplay-on-intent.json"] {
        let response = one(file);
        assert_eq!(
            speech(&response).unwrap(),
            "Autoplay isn't turned on for this jukebox, so the music stops when the queue ends.",
            "{file}"
        );
        assert_eq!(response["response"]["shouldEndSession"], true);
        assert!(response["response"].get("directives").is_none(), "{file}");
    }
}

#[test]
fn every_event_file_is_a_valid_envelope() {
    let mut count = 0;
    for path in event_files() {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        jukebox::skill::decode(value).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        count += 1;
    }
    assert!(count >= 39, "one envelope per request type, found {count}");
}
