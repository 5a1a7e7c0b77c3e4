//! Fidelity to the real Alexa: answers a real listener needs on
//! devices of every kind, and envelopes real devices sent (`tests/events/real/`,
//! sources in its `manifest.json`) run through the skill with Alexa's
//! AudioPlayer rules checked on every response.

use crate::support;

use jukebox::catalog::Track;
use serde_json::{json, Value};
use support::{
    assert_directive_rules, assert_rules_for, embedded_skill, event, events_dir, sample_tracks,
    speech, token_track, SKILL_ID,
};

/// An envelope as a device without AudioPlayer sends it (some Alexa apps,
/// Fire TV without audio, some displays).
fn without_audio_player(mut envelope: Value) -> Value {
    envelope["context"]["System"]["device"]["supportedInterfaces"] = json!({});
    if let Some(context) = envelope["context"].as_object_mut() {
        context.remove("AudioPlayer");
    }
    envelope
}

fn audio_player_directives(response: &Value) -> usize {
    response["response"]["directives"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| {
            d["type"]
                .as_str()
                .is_some_and(|t| t.starts_with("AudioPlayer."))
        })
        .count()
}

/// No `AudioPlayer.*` directive ever goes to a device without
/// AudioPlayer, and Launch says at once that it cannot play music.
#[tokio::test]
async fn a_device_without_audio_player_gets_no_audio_directives() {
    let skill = embedded_skill(sample_tracks());
    let launch = skill
        .handle_json(without_audio_player(event("launch-request.json")))
        .await
        .unwrap();
    assert_eq!(
        speech(&launch).unwrap(),
        "Sorry, this device can't play music. Try again on an Echo speaker or the Alexa app."
    );
    assert_eq!(launch["response"]["shouldEndSession"], true);
    for file in [
        "stop-intent.json",
        "cancel-intent.json",
        "pause-intent.json",
        "resume-intent.json",
        "next-intent.json",
        "play-music-song-and-artist.json",
        "launch-request.json",
    ] {
        let response = skill
            .handle_json(without_audio_player(event(file)))
            .await
            .unwrap();
        assert_directive_rules(&response);
        assert_eq!(audio_player_directives(&response), 0, "{file}: {response}");
        assert_eq!(response["response"]["shouldEndSession"], true, "{file}");
    }
}

/// "Yes" to our offer plays exactly the track offered, even
/// where matching its title again would find another (two recordings of
/// one song by one artist).
#[tokio::test]
async fn yes_plays_the_offered_track_itself() {
    let recording = |id: &str, album: &str| Track {
        id: id.into(),
        title: "Halo".into(),
        artist: "Beyoncé".into(),
        album: Some(album.into()),
        url: format!("https://audio.example.com/{id}.mp3"),
        duration_ms: Some(261_000),
        image_url: None,
        rank: None,
        position: 0,
        ..Default::default()
    };
    let skill = embedded_skill(vec![
        recording("halo-studio", "I Am... Sasha Fierce"),
        recording("halo-live", "I Am... World Tour"),
    ]);
    let mut yes = event("yes-intent.json");
    yes["session"]["attributes"] = json!({"offer": {
        "kind": "track", "id": "halo-live", "title": "Halo", "artist": "Beyoncé"}});
    let response = skill.handle_json(yes).await.unwrap();
    let token = response["response"]["directives"][0]["audioItem"]["stream"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("no Play directive: {response}"));
    assert_eq!(token_track(token), "halo-live");
    assert_eq!(speech(&response).unwrap(), "Playing Halo by Beyoncé.");
}

/// A catalog title longer than anything Alexa would speak is
/// shortened in speech and cards; the stream URL is untouched.
#[tokio::test]
async fn long_titles_are_shortened_in_speech_and_cards_never_in_urls() {
    // Listeners say its short form ("Long", before the comma): a slot is
    // never longer than speech (see matching::MAX_SPOKEN_CHARS).
    let title = format!("Long, {}", "la ".repeat(5_000));
    let url = format!(
        "https://audio.example.com/long.mp3?sig={}",
        "x".repeat(2_000)
    );
    let skill = embedded_skill(vec![Track {
        id: "long".into(),
        title: title.clone(),
        artist: "The Longest Band".into(),
        album: None,
        url: url.clone(),
        duration_ms: None,
        image_url: None,
        rank: None,
        position: 0,
        ..Default::default()
    }]);
    let mut play = event("play-music-song-and-artist.json");
    play["request"]["intent"]["slots"]["songName"]["value"] = json!("long");
    play["request"]["intent"]["slots"]["artistName"]["value"] = json!("the longest band");
    let response = skill.handle_json(play).await.unwrap();
    let ssml = response["response"]["outputSpeech"]["ssml"]
        .as_str()
        .unwrap();
    assert!(ssml.len() < 1_000, "{} characters of speech", ssml.len());
    assert!(ssml.contains('…'));
    let card = &response["response"]["card"];
    assert!(card["title"].as_str().unwrap().chars().count() <= 300);
    assert!(card["content"].as_str().unwrap().chars().count() <= 8_000);
    assert_eq!(
        response["response"]["directives"][0]["audioItem"]["stream"]["url"],
        url
    );
    assert!(response.to_string().len() < 24 * 1024);
}

#[derive(serde::Deserialize)]
struct Captured {
    file: String,
    request_type: String,
    source: String,
}

/// Envelopes people captured from real devices and posted
/// publicly, each run through the skill: a response that follows Alexa's
/// rules for its request type, or a refusal only where the envelope does
/// not name our skill.
#[tokio::test]
async fn real_device_envelopes_get_answers_alexa_accepts() {
    let dir = events_dir().join("real");
    let manifest: Vec<Captured> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".json") && n != "manifest.json")
        .collect();
    files.sort();
    let mut listed: Vec<String> = manifest.iter().map(|c| c.file.clone()).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "every capture is listed in the manifest, with its source"
    );
    assert!(files.len() >= 20, "{} captures", files.len());
    let skill = embedded_skill(sample_tracks());
    for captured in &manifest {
        assert!(!captured.source.is_empty(), "{}: no source", captured.file);
        let envelope: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(&captured.file)).unwrap())
                .unwrap();
        assert_eq!(envelope["request"]["type"], captured.request_type.as_str());
        let ours = [
            &envelope["context"]["System"]["application"]["applicationId"],
            &envelope["session"]["application"]["applicationId"],
        ]
        .iter()
        .any(|id| id.as_str() == Some(SKILL_ID));
        let kind = captured.request_type.as_str();
        match skill.handle_json(envelope.clone()).await {
            Ok(response) => {
                assert_rules_for(kind, &response);
                let has_audio = envelope["context"]["System"]["device"]["supportedInterfaces"]
                    .get("AudioPlayer")
                    .is_some();
                if !has_audio
                    && !kind.starts_with("AudioPlayer.")
                    && !kind.starts_with("PlaybackController.")
                {
                    assert_eq!(
                        audio_player_directives(&response),
                        0,
                        "{}: an AudioPlayer directive to a device without one: {response}",
                        captured.file
                    );
                }
            }
            Err(refusal) => {
                assert!(
                    !ours,
                    "{}: refused although it names our skill: {refusal}",
                    captured.file
                );
                assert!(
                    ["WrongSkillId", "NotAnAlexaEnvelope"].contains(&refusal.kind()),
                    "{}: {refusal}",
                    captured.file
                );
            }
        }
    }
}

fn real(name: &str) -> Value {
    let path = events_dir().join("real").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Help, Cancel, Fallback and play intents whose slot carries entity
/// resolutions (a match and a no-match), as real devices sent them: each
/// gets the answer a listener on that device needs. The Help and Fallback
/// captures come from an Echo Show without AudioPlayer, and first showed
/// that those answers invited a request the device could not serve.
#[tokio::test]
async fn real_help_cancel_fallback_and_resolutions_get_the_right_answers() {
    let skill = embedded_skill(sample_tracks());
    let cannot_play =
        "Sorry, this device can't play music. Try again on an Echo speaker or the Alexa app.";
    for (file, said, ends) in [
        ("help-intent-building-skill-display.json", cannot_play, true),
        (
            "fallback-intent-building-skill-display.json",
            cannot_play,
            true,
        ),
        (
            "cancel-intent-eartrainer-echo-show-viewports.json",
            "Okay.",
            true,
        ),
        ("playmusic-er-no-match-eartrainer.json", cannot_play, true),
        (
            "playmusic-er-success-match-building-skill.json",
            cannot_play,
            true,
        ),
    ] {
        let response = skill.handle_json(real(file)).await.unwrap();
        assert_rules_for("IntentRequest", &response);
        assert_eq!(speech(&response).as_deref(), Some(said), "{file}");
        assert_eq!(response["response"]["shouldEndSession"], ends, "{file}");
        assert_eq!(audio_player_directives(&response), 0, "{file}");
    }

    // The same requests from a device that plays music.
    let with_audio = |mut envelope: Value| {
        envelope["context"]["System"]["device"]["supportedInterfaces"]["AudioPlayer"] = json!({});
        envelope
    };
    let help = skill
        .handle_json(with_audio(real("help-intent-building-skill-display.json")))
        .await
        .unwrap();
    assert!(speech(&help)
        .unwrap()
        .starts_with("You can say: play a song"));
    assert_eq!(help["response"]["shouldEndSession"], false);
    let fallback = skill
        .handle_json(with_audio(real(
            "fallback-intent-building-skill-display.json",
        )))
        .await
        .unwrap();
    assert!(speech(&fallback)
        .unwrap()
        .starts_with("Sorry, I can't help with that."));
    assert_eq!(fallback["response"]["shouldEndSession"], false);
    // The slot's heard value is what is searched ("features", resolved to
    // the other skill's own id): not in the catalog, said so, nothing played.
    let resolved = skill
        .handle_json(with_audio(real(
            "playmusic-er-success-match-building-skill.json",
        )))
        .await
        .unwrap();
    assert_rules_for("IntentRequest", &resolved);
    assert_eq!(audio_player_directives(&resolved), 0);
    let said = speech(&resolved).unwrap();
    assert!(said.contains("features"), "{said}");
}
