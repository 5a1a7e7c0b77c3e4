//! `jukebox chat` driven by a script on stdin: a whole listening session,
//! from launch to relaunch, through the same code as the Lambda.

use std::io::Write;
use std::process::{Command, Stdio};

fn chat(script: &str) -> String {
    chat_with(&[], script)
}

pub(crate) fn chat_with(args: &[&str], script: &str) -> String {
    chat_with_env(args, &[], script)
}

/// [`chat_with`], with these environment variables set.
fn chat_with_env(args: &[&str], env: &[(&str, &str)], script: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .arg("chat")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("SKILL_ID")
        .env_remove("AUTOPLAY")
        .envs(env.iter().copied())
        .env("RUST_LOG", "off")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The lines printed in answer to one typed line, after the device's own
/// PlaybackStopped for the listener's voice (see
/// `speaking_over_the_music_stops_and_restarts_it`).
pub(crate) fn answer<'a>(transcript: &'a str, typed: &str, nth: usize) -> Vec<&'a str> {
    let mut lines = answer_with_voice_stop(transcript, typed, nth);
    if lines.first() == Some(&VOICE_STOP) {
        lines.remove(0);
    }
    lines
}

const VOICE_STOP: &str = "  [echo] AudioPlayer.PlaybackStopped";

/// Every line printed in answer to one typed line.
fn answer_with_voice_stop<'a>(transcript: &'a str, typed: &str, nth: usize) -> Vec<&'a str> {
    let prompt = format!("you> {typed}");
    let mut blocks = transcript.lines().peekable();
    let mut seen = 0;
    while let Some(line) = blocks.next() {
        if line == prompt {
            if seen == nth {
                let mut lines = Vec::new();
                while let Some(next) = blocks.peek() {
                    if next.starts_with("you> ") {
                        break;
                    }
                    lines.push(blocks.next().unwrap());
                }
                return lines;
            }
            seen += 1;
        }
    }
    panic!("{typed:?} (#{nth}) not in transcript:\n{transcript}")
}

#[test]
fn a_whole_listening_session() {
    let transcript = chat(
        "open my jukebox\n\
         play hey jude by the beatles\n\
         :wait 1m\n\
         :end\n\
         :wait 42s\n\
         pause\n\
         :wait 5m\n\
         resume\n\
         next\n\
         previous\n\
         what's playing\n\
         :wait 30s\n\
         stop\n\
         open my jukebox\n\
         yes\n",
    );
    assert_eq!(
        answer(&transcript, "open my jukebox", 0)[0]
            .split(". ")
            .next()
            .unwrap(),
        "Alexa: Welcome to jukebox"
    );
    assert_eq!(
        answer(&transcript, "play hey jude by the beatles", 0),
        vec![
            "Alexa: Playing Hey Jude by The Beatles.",
            "  [echo] AudioPlayer.PlaybackStarted",
            "  ♪ Hey Jude — The Beatles [0:00 / 7:11] playing",
        ]
    );
    assert_eq!(
        answer(&transcript, ":wait 1m", 0),
        vec!["  ♪ Hey Jude — The Beatles [1:00 / 7:11] playing"]
    );
    // Nearly finished enqueues the next track; finished starts it.
    assert_eq!(
        answer(&transcript, ":end", 0),
        vec![
            "  [echo] AudioPlayer.PlaybackNearlyFinished",
            "  [echo] AudioPlayer.PlaybackFinished",
            "  [echo] AudioPlayer.PlaybackStarted",
            "  ♪ Let It Be — The Beatles [0:00 / 4:03] playing",
        ]
    );
    // The device stopped for the listener's voice; the skill's Stop
    // keeps it stopped, with no second event.
    assert_eq!(
        answer_with_voice_stop(&transcript, "pause", 0),
        vec![
            "  [echo] AudioPlayer.PlaybackStopped",
            "  ♪ Let It Be — The Beatles [0:42 / 4:03] paused"
        ]
    );
    assert_eq!(
        answer(&transcript, ":wait 5m", 0),
        vec!["  ♪ Let It Be — The Beatles [0:42 / 4:03] paused"]
    );
    // Resume continues at the same second.
    assert_eq!(
        answer(&transcript, "resume", 0),
        vec![
            "  [echo] AudioPlayer.PlaybackStarted",
            "  ♪ Let It Be — The Beatles [0:42 / 4:03] playing"
        ]
    );
    assert_eq!(
        answer(&transcript, "next", 0).last().unwrap(),
        &"  ♪ Here Comes the Sun — The Beatles [0:00 / 3:05] playing"
    );
    assert_eq!(
        answer(&transcript, "previous", 0).last().unwrap(),
        &"  ♪ Let It Be — The Beatles [0:00 / 4:03] playing"
    );
    assert_eq!(
        answer(&transcript, "what's playing", 0)[0],
        "Alexa: This is Let It Be by The Beatles."
    );
    assert_eq!(
        answer_with_voice_stop(&transcript, "stop", 0),
        vec![
            "  [echo] AudioPlayer.PlaybackStopped",
            "  ♪ Let It Be — The Beatles [0:30 / 4:03] paused"
        ]
    );
    // Relaunch offers to resume, and yes resumes where it stopped.
    assert_eq!(
        answer(&transcript, "open my jukebox", 1)[0],
        "Alexa: Welcome back. You were listening to Let It Be by The Beatles. Shall I resume?"
    );
    assert_eq!(
        answer(&transcript, "yes", 0),
        vec![
            "  [echo] AudioPlayer.PlaybackStarted",
            "  ♪ Let It Be — The Beatles [0:30 / 4:03] playing"
        ]
    );
}

#[test]
fn buttons_failures_and_fallback() {
    let transcript = chat(
        "ask my jukebox to play something by queen\n\
         :button next\n\
         :fail\n\
         make me a sandwich\n\
         :button pause\n\
         :button play\n\
         :frobnicate\n",
    );
    let play = answer(&transcript, "ask my jukebox to play something by queen", 0);
    assert_eq!(play[0], "Alexa: Playing music by Queen.");
    assert!(
        play.last()
            .unwrap()
            .starts_with("  ♪ Bohemian Rhapsody — Queen [0:00"),
        "{play:?}"
    );
    assert!(answer(&transcript, ":button next", 0)
        .last()
        .unwrap()
        .starts_with("  ♪ Love of My Life — Queen"));
    // A failed stream moves on to the next track.
    let failed = answer(&transcript, ":fail", 0);
    assert_eq!(failed[0], "  [echo] AudioPlayer.PlaybackFailed");
    assert!(
        failed
            .last()
            .unwrap()
            .starts_with("  ♪ You're My Best Friend — Queen [0:00"),
        "{failed:?}"
    );
    assert!(answer(&transcript, "make me a sandwich", 0)[0]
        .starts_with("Alexa: Sorry, I can't help with that."));
    assert!(answer(&transcript, ":button pause", 0)
        .last()
        .unwrap()
        .ends_with("paused"));
    assert!(answer(&transcript, ":button play", 0)
        .last()
        .unwrap()
        .ends_with("playing"));
    assert!(answer(&transcript, ":frobnicate", 0)[0].contains("unknown command :frobnicate"));
}

#[test]
fn phrasings_of_the_deployed_voice_model_are_understood() {
    let transcript = chat(
        "Alexa, ask my jukebox to put on sweet child o' mine\n\
         I want to hear back in black by ac/dc\n\
         who sings this\n\
         play the album a night at the opera\n",
    );
    assert_eq!(
        answer(
            &transcript,
            "Alexa, ask my jukebox to put on sweet child o' mine",
            0
        )[0],
        "Alexa: Playing Sweet Child O' Mine by Guns N' Roses."
    );
    assert_eq!(
        answer(&transcript, "I want to hear back in black by ac/dc", 0)[0],
        "Alexa: Playing Back in Black by AC/DC."
    );
    assert_eq!(
        answer(&transcript, "who sings this", 0)[0],
        "Alexa: This is Back in Black by AC/DC."
    );
    assert_eq!(
        answer(&transcript, "play the album a night at the opera", 0)[0],
        "Alexa: Playing the album A Night at the Opera by Queen."
    );
}

/// A huge wait must not panic, and with loop on, a long wait must not
/// print every one of thousands of laps.
#[test]
fn waits_are_bounded_and_a_long_loop_jumps_the_clock() {
    let transcript = chat(
        "play hey jude by the beatles\n\
         :wait 99999999999999h\n\
         :wait 9223372036854775807ms\n\
         :wait 25h\n\
         loop on\n\
         :wait 24h\n\
         what's playing\n",
    );
    for typed in [":wait 99999999999999h", ":wait 9223372036854775807ms"] {
        let lines = answer(&transcript, typed, 0);
        assert!(
            lines[0].starts_with("  (error: ") && lines.len() == 1,
            "{typed}: {lines:?}"
        );
    }
    assert_eq!(
        answer(&transcript, ":wait 25h", 0),
        vec!["  (error: 25h is longer than :wait allows (24h))"]
    );
    let day = answer(&transcript, ":wait 24h", 0);
    let finished = day
        .iter()
        .filter(|l| l.contains("AudioPlayer.PlaybackFinished"))
        .count();
    assert_eq!(
        finished, 50,
        "50 tracks event by event, then the clock jumps"
    );
    assert!(
        day.iter().any(|l| l.contains("the clock jumps the last")),
        "{day:?}"
    );
    assert!(day.len() < 1000, "{} lines", day.len());
    assert!(
        answer(&transcript, "what's playing", 0)[0].starts_with("Alexa: This is "),
        "the player still plays after the jump"
    );
}

#[test]
fn help_lists_what_a_listener_can_say() {
    let transcript = chat(":help\n");
    let help = answer(&transcript, ":help", 0).join("\n");
    for phrase in [
        "play the album",
        "play some jazz music",
        "shuffle my music",
        "play my favourites",
        "what's playing",
        ":wait 30s (at most 24h)",
    ] {
        assert!(help.contains(phrase), "{phrase}: {help}");
    }
}

/// Every way of asking for everything shuffles the whole catalog
/// ("shuffle my music" is the skill's own sample, not the built-in shuffle).
#[test]
fn shuffle_my_music_plays_everything_shuffled() {
    let transcript = chat("shuffle my music\nsurprise me\nask my jukebox to play anything\n");
    for said in [
        "shuffle my music",
        "surprise me",
        "ask my jukebox to play anything",
    ] {
        assert_eq!(
            answer(&transcript, said, 0)[0],
            "Alexa: Shuffling all your music.",
            "{said}: {transcript}"
        );
    }
}

/// The sample playlists (`catalog/playlists/`, an M3U8 and a
/// Latin-1-safe M3U of sample tracks) play in their order, by voice.
#[test]
fn the_sample_playlists_play_in_order() {
    let transcript = chat_with(
        &["--playlists", "catalog/playlists"],
        "play the road trip playlist\nnext\nplay quiet evening\nplay playlist polka party\n",
    );
    let road = answer(&transcript, "play the road trip playlist", 0);
    assert_eq!(
        road[0], "Alexa: Playing the playlist Road Trip.",
        "{transcript}"
    );
    assert!(
        road.iter()
            .any(|l| l.contains("Paradise City — Guns N' Roses")),
        "{transcript}"
    );
    let next = answer(&transcript, "next", 0);
    assert!(
        next.iter().any(|l| l.contains("Back in Black — AC/DC")),
        "{transcript}"
    );
    let quiet = answer(&transcript, "play quiet evening", 0);
    assert_eq!(
        quiet[0], "Alexa: Playing the playlist Quiet Evening.",
        "{transcript}"
    );
    assert!(
        answer(&transcript, "play playlist polka party", 0)[0]
            .starts_with("Alexa: I couldn't find a playlist called polka party."),
        "{transcript}"
    );
}

/// A device stops the music while the listener speaks to Alexa and plays
/// on afterwards, with a PlaybackStopped and a PlaybackStarted the skill
/// sees; "what's playing" asked over the music is answered as playing.
#[test]
fn speaking_over_the_music_stops_and_restarts_it() {
    let transcript = chat(
        "play hey jude by the beatles\n\
         :wait 1m\n\
         what's playing\n\
         play the playlist\n\
         :wait 10s\n",
    );
    assert_eq!(
        answer_with_voice_stop(&transcript, "what's playing", 0),
        vec![
            VOICE_STOP,
            "Alexa: This is Hey Jude by The Beatles.",
            "  [echo] AudioPlayer.PlaybackStarted",
            "  ♪ Hey Jude — The Beatles [1:00 / 7:11] playing",
        ]
    );
    // A question keeps the session open: the music waits for the answer,
    // and plays on when nobody answers.
    let asked = answer_with_voice_stop(&transcript, "play the playlist", 0);
    assert_eq!(asked[0], VOICE_STOP);
    assert!(
        asked[1].starts_with("Alexa: What would you like to hear?"),
        "{asked:?}"
    );
    assert!(asked.last().unwrap().ends_with("paused"), "{asked:?}");
    assert_eq!(
        answer(&transcript, ":wait 10s", 0),
        vec![
            "  [echo] AudioPlayer.PlaybackStarted",
            "  ♪ Hey Jude — The Beatles [1:10 / 7:11] playing",
        ]
    );
}

/// Queue edits by voice: play next, what's next, add an album, clear.
#[test]
fn the_queue_is_edited_by_voice() {
    let transcript = chat(
        "play hey jude by the beatles\nplay bohemian rhapsody next\nwhat's next\nadd the album abbey road to the queue\nclear the queue\nwhat's next\n",
    );
    for (said, answered) in [
        (
            "play bohemian rhapsody next",
            "Alexa: Bohemian Rhapsody by Queen plays next.",
        ),
        (
            "what's next",
            "Alexa: Next up is Bohemian Rhapsody by Queen.",
        ),
        (
            "add the album abbey road to the queue",
            "Alexa: Added the album Abbey Road by The Beatles to the queue.",
        ),
        (
            "clear the queue",
            "Alexa: I've cleared the queue. This track plays to the end, and nothing follows.",
        ),
    ] {
        assert_eq!(
            answer(&transcript, said, 0)[0],
            answered,
            "{said}: {transcript}"
        );
    }
    assert_eq!(
        answer(&transcript, "what's next", 1)[0],
        "Alexa: Nothing comes after this track.",
        "{transcript}"
    );
}

/// A JSON catalog's station, by voice: played live, next says there is
/// none, and what's playing names the station.
#[test]
fn a_station_plays_by_voice() {
    let dir = std::env::temp_dir().join(format!("jukebox-chat-station-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let catalog = dir.join("catalog.json");
    std::fs::write(
        &catalog,
        r#"{
  "tracks": [{"id": "a", "title": "Lanterns", "artist": "The Harbour Lights", "url": "https://audio.example.com/a.mp3"}],
  "stations": [{"id": "rp", "name": "Radio Paradise", "url": "https://stream.radioparadise.com/aac-320", "genre": "Eclectic"}]
}"#,
    )
    .unwrap();
    let transcript = chat_with(
        &["--catalog", catalog.to_str().unwrap()],
        "play the station radio paradise\nnext\nwhat's playing\n",
    );
    std::fs::remove_dir_all(&dir).unwrap();
    let played = answer(&transcript, "play the station radio paradise", 0);
    assert_eq!(
        played[0], "Alexa: Playing the station Radio Paradise, live.",
        "{transcript}"
    );
    assert_eq!(
        answer(&transcript, "next", 0)[0],
        "Alexa: This is a live station: there's no next or previous track.",
        "{transcript}"
    );
    assert_eq!(
        answer(&transcript, "what's playing", 0)[0],
        "Alexa: This is the station Radio Paradise, live.",
        "{transcript}"
    );
}

/// "Shuffle songs by Queen", "shuffle the album …", "shuffle the Road Trip
/// playlist", "play the latest album by …" and "play music from the
/// eighties" are understood from the voice model's samples.
#[test]
fn named_shuffles_and_eras_are_understood() {
    let transcript = chat_with(
        &["--playlists", "catalog/playlists"],
        "shuffle songs by queen\nshuffle the album a night at the opera\nshuffle the road trip playlist\nplay the latest album by queen\nplay music from the eighties\n",
    );
    let first = |typed: &str| answer(&transcript, typed, 0)[0].to_string();
    assert_eq!(
        first("shuffle songs by queen"),
        "Alexa: Shuffling songs by Queen.",
        "{transcript}"
    );
    assert_eq!(
        first("shuffle the album a night at the opera"),
        "Alexa: Shuffling the album A Night at the Opera by Queen.",
        "{transcript}"
    );
    assert_eq!(
        first("shuffle the road trip playlist"),
        "Alexa: Shuffling the playlist Road Trip.",
        "{transcript}"
    );
    assert!(
        first("play the latest album by queen")
            .starts_with("Alexa: Playing Queen's latest album, "),
        "{transcript}"
    );
    // The sample catalog gives no years: the era is understood, and missed.
    assert!(
        first("play music from the eighties")
            .starts_with("Alexa: I couldn't find any music from that time"),
        "{transcript}"
    );
}

/// `AUTOPLAY=similar`: an album of one track plays on with another track
/// by the same artist; "stop autoplay" lets the queue end after it. Where
/// the owner left autoplay off, the skill says so.
#[test]
fn autoplay_keeps_the_music_going_until_stopped() {
    let script = "play the album abbey road\n:end\nstop autoplay\n:end\nturn on autoplay\n";
    let transcript = chat_with_env(&[], &[("AUTOPLAY", "similar")], script);
    let ended = answer(&transcript, ":end", 0);
    assert_eq!(
        ended[..3],
        [
            "  [echo] AudioPlayer.PlaybackNearlyFinished",
            "  [echo] AudioPlayer.PlaybackFinished",
            "  [echo] AudioPlayer.PlaybackStarted",
        ],
        "{transcript}"
    );
    assert!(
        ["  ♪ Hey Jude — The Beatles", "  ♪ Let It Be — The Beatles"]
            .iter()
            .any(|playing| ended[3].starts_with(playing)),
        "the same artist plays on: {transcript}"
    );
    assert_eq!(
        answer(&transcript, "stop autoplay", 0)[0],
        "Alexa: Autoplay is off: the music stops when the queue ends.",
        "{transcript}"
    );
    let ended = answer(&transcript, ":end", 1);
    assert!(
        !ended.contains(&"  [echo] AudioPlayer.PlaybackStarted"),
        "nothing follows: {transcript}"
    );

    let transcript = chat("play the album abbey road\nstop autoplay\n:end\n");
    assert_eq!(
        answer(&transcript, "stop autoplay", 0)[0],
        "Alexa: Autoplay isn't turned on for this jukebox, so the music stops when the queue ends.",
        "{transcript}"
    );
    assert!(!answer(&transcript, ":end", 0).contains(&"  [echo] AudioPlayer.PlaybackStarted"));
}

/// "Play something new" and "what's new" are understood from the voice
/// model's samples, in English and in German: the embedded store dates the
/// sample catalog as it loads it, so its last row is the newest.
#[test]
fn something_new_is_understood() {
    let transcript = chat_with(
        &[],
        "play something new\nwhat's new\nshuffle something new\n",
    );
    let first = |typed: &str| answer(&transcript, typed, 0)[0].to_string();
    let newest = "Alexa: Playing your most recently added music, newest first, starting with \
                  Knockin' on Heaven's Door - Remastered 2004 by Guns N' Roses.";
    assert_eq!(first("play something new"), newest, "{transcript}");
    assert_eq!(first("what's new"), newest, "{transcript}");
    assert_eq!(
        first("shuffle something new"),
        "Alexa: Shuffling your most recently added music.",
        "{transcript}"
    );
    let transcript = chat_with(&["--locale", "de-DE"], "spiel etwas Neues\n");
    assert_eq!(
        answer(&transcript, "spiel etwas Neues", 0)[0],
        "Alexa: Ich spiele deine zuletzt hinzugefügte Musik, das Neueste zuerst, angefangen \
         mit Knockin' on Heaven's Door - Remastered 2004 von Guns N' Roses.",
        "{transcript}"
    );
}
