//! Who may listen. Account linking with Login with Amazon (a
//! local HTTPS stand-in with a test CA, counting its calls), the profile
//! cache, the greeting by name, and the owner's allow-list, on both stores.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jukebox::listeners::{AllowList, Email, ListenerPolicy, ProfileCache};
use jukebox::lwa::{LwaClient, LwaConfig};
use jukebox::skill::{Access, Skill, GREETING_BUDGET};
use jukebox::store::dynamodb::{ClientUse, DynamoAllowList, DynamoProfileCache};
use jukebox::store::memory::{MemoryAllowList, MemoryProfileCache};
use serde_json::{json, Value};

use crate::support::dynamodb::{client, tables_holding};
use crate::support::lwa_server::{self, LwaServer, ANNA_EMAIL};
use crate::support::{play_directive, played_token, sample_tracks, speech, Listener};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Store {
    Memory,
    DynamoDb,
}

const STORES: [Store; 2] = [Store::Memory, Store::DynamoDb];

fn lwa_client(server: &LwaServer) -> LwaClient {
    let mut config = LwaConfig::parse(Some(&server.base), None, None).unwrap();
    config.extra_ca_pem = Some(server.ca_pem.clone().into_bytes());
    LwaClient::new(&config).unwrap()
}

/// A client for an LWA nobody answers (a closed port): an outage.
fn dead_lwa() -> LwaClient {
    let port = crate::support::free_port();
    let config = LwaConfig::parse(Some(&format!("https://127.0.0.1:{port}")), None, None).unwrap();
    LwaClient::new(&config).unwrap()
}

/// The skill on `store` with this policy and LWA; the cache and the list
/// it uses are returned too, so a test can reuse them (an outage, a deny).
struct Jukebox {
    skill: Skill,
    cache: Arc<dyn ProfileCache>,
    allow_list: Arc<dyn AllowList>,
    /// The catalog and playback tables, on DynamoDB.
    tables: Option<(String, String)>,
}

async fn jukebox(store: Store, policy: ListenerPolicy, lwa: LwaClient) -> Jukebox {
    let tracks = sample_tracks();
    match store {
        Store::Memory => with_access(
            crate::support::embedded_skill(tracks),
            policy,
            lwa,
            Arc::new(MemoryProfileCache::new()),
            Arc::new(MemoryAllowList::new()),
            None,
        ),
        Store::DynamoDb => {
            let (catalog, playback) = tables_holding(&tracks).await;
            on_tables(&catalog, &playback, policy, lwa)
        }
    }
}

fn on_tables(catalog: &str, playback: &str, policy: ListenerPolicy, lwa: LwaClient) -> Jukebox {
    use jukebox::store::dynamodb::{DynamoCatalog, DynamoFavourites, DynamoPlaybackStore};
    let listener = client(ClientUse::Answering);
    let skill = crate::support::skill_on(
        Arc::new(DynamoCatalog::new(listener.clone(), catalog)),
        Arc::new(DynamoPlaybackStore::new(listener.clone(), playback)),
    )
    .with_favourites(Arc::new(DynamoFavourites::new(listener.clone(), playback)));
    with_access(
        skill,
        policy,
        lwa,
        Arc::new(DynamoProfileCache::new(listener.clone(), playback)),
        Arc::new(DynamoAllowList::new(listener, playback)),
        Some((catalog.to_string(), playback.to_string())),
    )
}

fn with_access(
    skill: Skill,
    policy: ListenerPolicy,
    lwa: LwaClient,
    cache: Arc<dyn ProfileCache>,
    allow_list: Arc<dyn AllowList>,
    tables: Option<(String, String)>,
) -> Jukebox {
    let skill = skill.with_access(Access {
        policy,
        profiles: Arc::new(lwa),
        cache: Arc::clone(&cache),
        allow_list: Arc::clone(&allow_list),
    });
    Jukebox {
        skill,
        cache,
        allow_list,
        tables,
    }
}

/// The envelope as Alexa sends it for a linked account: the token in
/// `context.System.user` and, with a session, in `session.user`.
fn linked(mut envelope: Value, token: &str) -> Value {
    envelope["context"]["System"]["user"]["accessToken"] = json!(token);
    if envelope.get("session").is_some() {
        envelope["session"]["user"]["accessToken"] = json!(token);
    }
    envelope
}

async fn ask(skill: &Skill, envelope: Value) -> Value {
    skill.handle_json(envelope).await.unwrap()
}

fn directives(response: &Value) -> usize {
    response["response"]["directives"]
        .as_array()
        .map_or(0, Vec::len)
}

fn card_type(response: &Value) -> Option<&str> {
    response["response"]["card"]["type"].as_str()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_linked_listener_is_greeted_by_name_and_looked_up_once_per_token() {
    let lwa = lwa_server::start().await;
    lwa.add_profile(
        "tok-zoe",
        "amzn1.account.ZOE",
        Some("Zoë <Ø> & Co"),
        Some("zoe@example.com"),
    );
    for store in STORES {
        let jukebox = jukebox(store, ListenerPolicy::Open, lwa_client(&lwa)).await;
        let before = lwa.calls("anna");
        let mut anna = Listener::new(&format!("anna-{store:?}"), "kitchen");
        let launch = ask(&jukebox.skill, linked(anna.launch(), "anna")).await;
        assert_eq!(
            speech(&launch).unwrap(),
            "Welcome, Anna. What would you like to hear? You can say a song, an album or an artist.",
            "{store:?}: a first visit is no return"
        );
        // Open: a play request never waits for LWA, and never calls it.
        let play = ask(
            &jukebox.skill,
            linked(anna.play(Some("bohemian rhapsody"), Some("queen")), "anna"),
        )
        .await;
        assert!(play_directive(&play).is_some(), "{store:?}: {play}");
        anna.apply(&play);
        for _ in 0..3 {
            let again = ask(&jukebox.skill, linked(anna.launch(), "anna")).await;
            assert!(speech(&again).unwrap().starts_with("Welcome back, Anna."));
        }
        assert_eq!(
            lwa.calls("anna") - before,
            1,
            "{store:?}: one LWA call per token"
        );
        // A name is text in SSML: escaped, and only the first word.
        let mut zoe = Listener::new(&format!("zoe-{store:?}"), "hall");
        let launch = ask(&jukebox.skill, linked(zoe.launch(), "tok-zoe")).await;
        let ssml = launch["response"]["outputSpeech"]["ssml"].as_str().unwrap();
        assert!(ssml.starts_with("<speak>Welcome, Zoë."), "{ssml}");
        // Not linked, or a token LWA refuses: the plain welcome.
        let mut guest = Listener::new(&format!("guest-{store:?}"), "den");
        for envelope in [guest.launch(), linked(guest.launch(), "revoked")] {
            let launch = ask(&jukebox.skill, envelope).await;
            assert!(
                speech(&launch).unwrap().starts_with("Welcome to jukebox."),
                "{launch}"
            );
        }
    }
}

/// A profile's name is spoken without the controls and format characters
/// it may hold: a right-to-left override never reaches the SSML.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_reaches_the_greeting_without_hidden_characters() {
    let lwa = lwa_server::start().await;
    lwa.add_profile(
        "tok-rtl",
        "amzn1.account.RTL",
        Some("\u{202e}Mira\u{200b}\u{7} Berg"),
        None,
    );
    let jukebox = jukebox(Store::Memory, ListenerPolicy::Open, lwa_client(&lwa)).await;
    let mut mira = Listener::new("mira", "hall");
    let launch = ask(&jukebox.skill, linked(mira.launch(), "tok-rtl")).await;
    let ssml = launch["response"]["outputSpeech"]["ssml"].as_str().unwrap();
    assert!(ssml.starts_with("<speak>Welcome, Mira."), "{ssml:?}");
    assert!(
        !ssml.contains(['\u{202e}', '\u{200b}', '\u{7}']),
        "{ssml:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_allow_list_admits_listeners_on_it_only() {
    let lwa = lwa_server::start().await;
    lwa.add_profile(
        "tok-bo",
        "amzn1.account.BO",
        Some("Bo"),
        Some("bo@example.org"),
    );
    lwa.add_profile("tok-noemail", "amzn1.account.NOEMAIL", Some("Cy"), None);
    for store in STORES {
        let jukebox = jukebox(store, ListenerPolicy::AllowList, lwa_client(&lwa)).await;
        jukebox
            .allow_list
            .allow(&Email::parse("  ANNA@example.com").unwrap())
            .await
            .unwrap();
        // Not linked: one sentence and a LinkAccount card; no directive.
        let mut guest = Listener::new(&format!("guest-{store:?}"), "den");
        for envelope in [
            guest.launch(),
            guest.play(Some("bohemian rhapsody"), None),
            linked(guest.launch(), "revoked"),
        ] {
            let answer = ask(&jukebox.skill, envelope).await;
            assert_eq!(
                card_type(&answer),
                Some("LinkAccount"),
                "{store:?}: {answer}"
            );
            assert!(speech(&answer)
                .unwrap()
                .contains("link your Amazon account"));
            assert_eq!(answer["response"]["shouldEndSession"], true);
            assert_eq!(directives(&answer), 0);
        }
        // "Stop" from a listener kept out stops the player and ends the
        // session, no more; "no" just ends it.
        let stop = ask(&jukebox.skill, guest.intent("AMAZON.StopIntent", &[])).await;
        assert_eq!(stop["response"]["shouldEndSession"], true);
        assert_eq!(
            stop["response"]["directives"],
            json!([{"type": "AudioPlayer.Stop"}])
        );
        assert!(speech(&stop).is_none() && card_type(&stop).is_none());
        let no = ask(&jukebox.skill, guest.intent("AMAZON.NoIntent", &[])).await;
        assert_eq!(no["response"], json!({"shouldEndSession": true}));
        // Help explains and asks, with the session open (certification's
        // help test); "yes" then sends the card.
        let help = ask(&jukebox.skill, guest.intent("AMAZON.HelpIntent", &[])).await;
        assert_eq!(help["response"]["shouldEndSession"], false, "{help}");
        assert!(speech(&help)
            .unwrap()
            .ends_with("Shall I send a card to the Alexa app to help you link?"));
        assert_eq!(directives(&help), 0);
        let yes = ask(&jukebox.skill, guest.intent("AMAZON.YesIntent", &[])).await;
        assert_eq!(card_type(&yes), Some("LinkAccount"));
        // A device without a player gets no AudioPlayer directive, even to stop.
        for intent in ["AMAZON.CancelIntent", "AMAZON.StopIntent"] {
            let mut envelope = guest.intent(intent, &[]);
            envelope["context"]["System"]["device"]["supportedInterfaces"] = json!({});
            envelope["context"]
                .as_object_mut()
                .unwrap()
                .remove("AudioPlayer");
            let answer = ask(&jukebox.skill, envelope).await;
            assert_eq!(
                answer["response"],
                json!({"shouldEndSession": true}),
                "{intent}"
            );
        }
        // Linked, not on the list (or no email shared): private, no card.
        for (token, who) in [("tok-bo", "bo"), ("tok-noemail", "cy")] {
            let mut listener = Listener::new(&format!("{who}-{store:?}"), "porch");
            let answer = ask(
                &jukebox.skill,
                linked(listener.play(Some("bohemian rhapsody"), None), token),
            )
            .await;
            assert_eq!(
                speech(&answer).unwrap(),
                "This jukebox is private. Ask its owner to add you to the list of listeners."
            );
            assert_eq!(card_type(&answer), None, "no card loop");
            assert_eq!(directives(&answer), 0);
            let help = ask(
                &jukebox.skill,
                linked(listener.intent("AMAZON.HelpIntent", &[]), token),
            )
            .await;
            assert_eq!(help["response"]["shouldEndSession"], false, "{help}");
            assert!(speech(&help)
                .unwrap()
                .starts_with("This jukebox is private: only listeners its owner has added"));
            assert_eq!(card_type(&help), None);
        }
        // On the list (stored normalised): plays, greeted by name.
        let mut anna = Listener::new(&format!("anna-{store:?}"), "kitchen");
        let launch = ask(&jukebox.skill, linked(anna.launch(), "anna")).await;
        assert!(
            speech(&launch).unwrap().starts_with("Welcome, Anna."),
            "{launch}"
        );
        let play = ask(
            &jukebox.skill,
            linked(anna.play(Some("bohemian rhapsody"), Some("queen")), "anna"),
        )
        .await;
        let token = played_token(&play).unwrap_or_else(|| panic!("{store:?}: {play}"));
        anna.apply(&play);
        let started = ask(
            &jukebox.skill,
            linked(anna.player_event("PlaybackStarted", &token, 0), "anna"),
        )
        .await;
        assert_eq!(directives(&started), 0);
        let nearly = ask(
            &jukebox.skill,
            linked(
                anna.player_event("PlaybackNearlyFinished", &token, 1_000),
                "anna",
            ),
        )
        .await;
        let enqueued = play_directive(&nearly)
            .unwrap_or_else(|| panic!("{store:?}: the next track is enqueued: {nearly}"));
        assert_eq!(enqueued["playBehavior"], "ENQUEUE");
        // The owner takes Anna off the list: nothing starts any more, not
        // even from her device's events or buttons.
        jukebox
            .allow_list
            .deny(&Email::parse(ANNA_EMAIL).unwrap())
            .await
            .unwrap();
        let nearly = ask(
            &jukebox.skill,
            linked(
                anna.player_event("PlaybackNearlyFinished", &token, 2_000),
                "anna",
            ),
        )
        .await;
        assert_eq!(
            nearly["response"],
            json!({}),
            "{store:?}: an empty answer to a player event"
        );
        let next = ask(&jukebox.skill, linked(anna.button("Next"), "anna")).await;
        assert_eq!(next["response"], json!({}));
        // The pause button still silences what plays, and starts nothing.
        let pause = ask(&jukebox.skill, linked(anna.button("Pause"), "anna")).await;
        for answer in [&nearly, &next, &pause] {
            crate::support::assert_player_response(answer);
        }
        assert_eq!(
            pause["response"],
            json!({"directives": [{"type": "AudioPlayer.Stop"}]})
        );
        let play = ask(
            &jukebox.skill,
            linked(anna.play(Some("bohemian rhapsody"), None), "anna"),
        )
        .await;
        assert!(speech(&play)
            .unwrap()
            .starts_with("This jukebox is private."));
        assert_eq!(directives(&play), 0);
        // Player events from a listener never looked up start nothing.
        let mut stranger = Listener::new(&format!("stranger-{store:?}"), "attic");
        let event = ask(
            &jukebox.skill,
            linked(
                stranger.player_event("PlaybackNearlyFinished", &token, 0),
                "never-seen",
            ),
        )
        .await;
        assert_eq!(event["response"], json!({}));
        let event = ask(
            &jukebox.skill,
            stranger.player_event("PlaybackNearlyFinished", &token, 0),
        )
        .await;
        assert_eq!(event["response"], json!({}));
        assert_eq!(lwa.calls("never-seen"), 0, "player events never call LWA");
    }
}

/// One LWA call per token, whatever the number of requests, and none for
/// player events; the cache outlives LWA: a cached profile keeps working
/// through an outage, in a new process (a new skill on the same tables).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cache_saves_lwa_calls_and_survives_an_outage() {
    let lwa = lwa_server::start().await;
    for store in STORES {
        let token = format!("tok-dana-{store:?}");
        lwa.add_profile(
            &token,
            "amzn1.account.DANA",
            Some("Dana"),
            Some("dana@example.com"),
        );
        let jukebox = jukebox(store, ListenerPolicy::AllowList, lwa_client(&lwa)).await;
        jukebox
            .allow_list
            .allow(&Email::parse("dana@example.com").unwrap())
            .await
            .unwrap();
        let mut dana = Listener::new(&format!("dana-{store:?}"), "kitchen");
        let play = ask(
            &jukebox.skill,
            linked(dana.play(Some("bohemian rhapsody"), None), &token),
        )
        .await;
        let stream = played_token(&play).unwrap();
        dana.apply(&play);
        for offset in [0, 1_000, 2_000] {
            ask(
                &jukebox.skill,
                linked(
                    dana.player_event("PlaybackStarted", &stream, offset),
                    &token,
                ),
            )
            .await;
        }
        for _ in 0..5 {
            let answer = ask(
                &jukebox.skill,
                linked(dana.intent("NowPlayingIntent", &[]), &token),
            )
            .await;
            assert!(!speech(&answer).unwrap().contains("private"), "{answer}");
        }
        assert_eq!(lwa.calls(&token), 1, "{store:?}: 9 requests, one LWA call");

        // LWA goes down. The same store (a new skill, as after a cold start
        // on DynamoDB) still knows Dana from the cache.
        let after_outage = match &jukebox.tables {
            Some((catalog, playback)) => {
                on_tables(catalog, playback, ListenerPolicy::AllowList, dead_lwa()).skill
            }
            None => crate::support::embedded_skill(sample_tracks()).with_access(Access {
                policy: ListenerPolicy::AllowList,
                profiles: Arc::new(dead_lwa()),
                cache: Arc::clone(&jukebox.cache),
                allow_list: Arc::clone(&jukebox.allow_list),
            }),
        };
        let play = ask(
            &after_outage,
            linked(dana.play(Some("bohemian rhapsody"), None), &token),
        )
        .await;
        assert!(play_directive(&play).is_some(), "{store:?}: {play}");
        // A token not cached during the outage: fail closed, at once.
        let mut eve = Listener::new(&format!("eve-{store:?}"), "hall");
        let started = Instant::now();
        let answer = ask(
            &after_outage,
            linked(eve.play(Some("bohemian rhapsody"), None), "anna"),
        )
        .await;
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(
            speech(&answer).unwrap(),
            "Sorry, I can't check who's listening right now. Please try again in a moment."
        );
        assert_eq!(directives(&answer), 0);
        assert_eq!(card_type(&answer), None);
    }
}

/// Alexa refreshes an expired token during playback: the device's next
/// event carries a token never looked up. Player events do not wait for
/// LWA; the account's last profile lets the queue go on, and the new token
/// is looked up once in the background, so later events find it cached.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_refreshed_during_playback_keeps_the_music_going() {
    let lwa = lwa_server::start().await;
    for store in STORES {
        let jukebox = jukebox(store, ListenerPolicy::AllowList, lwa_client(&lwa)).await;
        jukebox
            .allow_list
            .allow(&Email::parse(ANNA_EMAIL).unwrap())
            .await
            .unwrap();
        let mut anna = Listener::new(&format!("anna-refresh-{store:?}"), "kitchen");
        let play = ask(
            &jukebox.skill,
            linked(anna.play(Some("bohemian rhapsody"), None), "anna"),
        )
        .await;
        let stream = played_token(&play).unwrap();
        anna.apply(&play);
        let refreshed = format!("anna-refreshed-{store:?}");
        lwa.add_profile(
            &refreshed,
            lwa_server::ANNA_USER_ID,
            Some(lwa_server::ANNA_NAME),
            Some(ANNA_EMAIL),
        );
        let nearly = ask(
            &jukebox.skill,
            linked(
                anna.player_event("PlaybackNearlyFinished", &stream, 1_000),
                &refreshed,
            ),
        )
        .await;
        assert!(play_directive(&nearly).is_some(), "{store:?}: {nearly}");
        until_cached(&jukebox, &refreshed).await;
        assert_eq!(lwa.calls(&refreshed), 1);
        let started = ask(
            &jukebox.skill,
            linked(anna.player_event("PlaybackStarted", &stream, 0), &refreshed),
        )
        .await;
        assert_eq!(started["response"], json!({}), "{store:?}");
        assert_eq!(
            lwa.calls(&refreshed),
            1,
            "{store:?}: cached, not asked again"
        );
        // Another Alexa account presenting a token never seen gets nothing.
        let mut other = Listener::new(&format!("other-{store:?}"), "kitchen");
        let nearly = ask(
            &jukebox.skill,
            linked(
                other.player_event("PlaybackNearlyFinished", &stream, 1_000),
                &refreshed,
            ),
        )
        .await;
        assert_eq!(nearly["response"], json!({}));
    }
}

/// Waits (a few seconds at most) until the background lookup of `token`
/// has filled the cache.
async fn until_cached(jukebox: &Jukebox, token: &str) {
    let key = jukebox::listeners::TokenKey::of(token);
    for _ in 0..100 {
        let now_s = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        if let Ok(Some(_)) = jukebox
            .cache
            .cached(std::slice::from_ref(&key), now_s)
            .await
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    }
    panic!("the token was never looked up in the background");
}

/// The account's last profile carries a device event only until the new
/// token is known: an Alexa account re-linked to someone not on the list
/// loses the music at the next event, and a token LWA refused takes the
/// account's fallback with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relinked_or_revoked_account_loses_the_fallback() {
    let lwa = lwa_server::start().await;
    for store in STORES {
        let jukebox = jukebox(store, ListenerPolicy::AllowList, lwa_client(&lwa)).await;
        jukebox
            .allow_list
            .allow(&Email::parse(ANNA_EMAIL).unwrap())
            .await
            .unwrap();

        // Re-linked to Bob, who is not on the list.
        let mut anna = Listener::new(&format!("anna-relink-{store:?}"), "kitchen");
        let play = ask(
            &jukebox.skill,
            linked(anna.play(Some("bohemian rhapsody"), None), "anna"),
        )
        .await;
        let stream = played_token(&play).unwrap();
        anna.apply(&play);
        let bob = format!("bob-{store:?}");
        lwa.add_profile(
            &bob,
            "amzn1.account.BOB",
            Some("Bob"),
            Some("bob@example.com"),
        );
        let first = ask(
            &jukebox.skill,
            linked(
                anna.player_event("PlaybackNearlyFinished", &stream, 1_000),
                &bob,
            ),
        )
        .await;
        assert!(play_directive(&first).is_some(), "{store:?}: {first}");
        until_cached(&jukebox, &bob).await;
        let next = ask(
            &jukebox.skill,
            linked(anna.button("PlaybackController.NextCommandIssued"), &bob),
        )
        .await;
        assert_eq!(
            next["response"],
            json!({}),
            "{store:?}: Bob is not on the list"
        );

        // A token LWA refuses: the account's profile no longer stands in.
        let mut carl = Listener::new(&format!("carl-revoked-{store:?}"), "kitchen");
        let play = ask(
            &jukebox.skill,
            linked(carl.play(Some("bohemian rhapsody"), None), "anna"),
        )
        .await;
        assert!(play_directive(&play).is_some(), "{store:?}: {play}");
        carl.apply(&play);
        let refused = ask(
            &jukebox.skill,
            linked(carl.play(Some("purple rain"), None), "revoked"),
        )
        .await;
        assert_eq!(
            card_type(&refused),
            Some("LinkAccount"),
            "{store:?}: {refused}"
        );
        let unseen = ask(
            &jukebox.skill,
            linked(
                carl.button("PlaybackController.NextCommandIssued"),
                &format!("unseen-{store:?}"),
            ),
        )
        .await;
        assert_eq!(unseen["response"], json!({}), "{store:?}: {unseen}");
    }
}

/// An LWA slower than the greeting's budget (but within its timeout): the
/// first launch greets without the name on time, the lookup still finishes
/// and is cached, and the next launch greets by name without asking again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_name_is_cached_for_the_next_greeting() {
    let lwa = lwa_server::start().await;
    let open = jukebox(Store::Memory, ListenerPolicy::Open, lwa_client(&lwa)).await;
    let mut listener = Listener::new("late-open", "kitchen");
    let started = Instant::now();
    let first = ask(&open.skill, linked(listener.launch(), "late")).await;
    assert!(
        started.elapsed() < lwa_server::LATE,
        "{:?}",
        started.elapsed()
    );
    assert!(
        speech(&first).unwrap().starts_with("Welcome to jukebox."),
        "{first}"
    );
    until_cached(&open, "late").await;
    let second = ask(&open.skill, linked(listener.launch(), "late")).await;
    assert!(speech(&second).unwrap().contains("Lena"), "{second}");
    assert_eq!(lwa.calls("late"), 1);
}

/// LWA that never answers: with the allow-list off, the greeting gives up
/// on the name within its budget and play never waits; with it on, the
/// listener hears an apology within the LWA timeout, never music.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_lwa_costs_a_bounded_wait() {
    let lwa = lwa_server::start().await;
    let open = jukebox(Store::Memory, ListenerPolicy::Open, lwa_client(&lwa)).await;
    let mut listener = Listener::new("hang-open", "kitchen");
    let started = Instant::now();
    let launch = ask(&open.skill, linked(listener.launch(), "hang")).await;
    let waited = started.elapsed();
    assert!(speech(&launch).unwrap().starts_with("Welcome to jukebox."));
    assert!(
        waited >= GREETING_BUDGET && waited < GREETING_BUDGET + Duration::from_millis(300),
        "{waited:?}"
    );
    let started = Instant::now();
    let play = ask(
        &open.skill,
        linked(listener.play(Some("bohemian rhapsody"), None), "hang"),
    )
    .await;
    assert!(play_directive(&play).is_some());
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(lwa.calls("hang"), 1, "only the launch asked");

    let closed = jukebox(Store::Memory, ListenerPolicy::AllowList, lwa_client(&lwa)).await;
    for token in ["hang", "slow"] {
        let started = Instant::now();
        let answer = ask(
            &closed.skill,
            linked(listener.play(Some("bohemian rhapsody"), None), token),
        )
        .await;
        let waited = started.elapsed();
        assert!(waited < Duration::from_millis(1_300), "{token}: {waited:?}");
        assert!(speech(&answer)
            .unwrap()
            .starts_with("Sorry, I can't check who's listening"));
        assert_eq!(directives(&answer), 0);
    }
}

/// `jukebox listeners allow|deny|list` against DynamoDB Local: stored
/// normalised, shown back, a bad address refused, the list bounded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_listeners_commands_manage_the_list_in_the_playback_table() {
    let (_catalog, playback) = crate::support::dynamodb::create_tables().await;
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_jukebox"))
            .arg("listeners")
            .args(args)
            .env("RUST_LOG", "debug")
            .env("PLAYBACK_TABLE", &playback)
            .env_remove("AWS_ENDPOINT_URL")
            .envs(crate::support::dynamodb::aws_env())
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).to_string(),
            String::from_utf8_lossy(&output.stderr).to_string(),
        )
    };
    let (code, out, err) = run(&["allow", " Anna.Berg@Example.COM "]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "allowed anna.berg@example.com\n");
    assert!(!err.contains("anna"), "the address is never logged: {err}");
    let (_, out, _) = run(&["allow", "anna.berg@example.com"]);
    assert_eq!(out, "anna.berg@example.com was already allowed\n");
    run(&["allow", "bo@example.org"]);
    let (code, out, err) = run(&["list"]);
    assert_eq!(code, Some(0));
    assert_eq!(out, "anna.berg@example.com\nbo@example.org\n");
    assert!(err.contains("2 listeners allowed"), "{err}");
    let (code, _, err) = run(&["allow", "not an address"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no spaces"), "{err}");
    let (code, out, _) = run(&["deny", "ANNA.BERG@example.com"]);
    assert_eq!(
        (code, out.as_str()),
        (Some(0), "denied anna.berg@example.com\n")
    );
    let (_, out, _) = run(&["deny", "anna.berg@example.com"]);
    assert_eq!(out, "anna.berg@example.com was not on the allow-list\n");
    let (_, out, _) = run(&["list"]);
    assert_eq!(out, "bo@example.org\n");
    // The skill reads what the commands wrote.
    let list = DynamoAllowList::new(client(ClientUse::Answering), &playback);
    assert!(list
        .allows(&Email::parse("BO@example.org").unwrap())
        .await
        .unwrap());
    assert!(!list
        .allows(&Email::parse("anna.berg@example.com").unwrap())
        .await
        .unwrap());
    // Full at MAX_LISTENERS: nothing added, the owner is told.
    let full: Vec<String> = (0..jukebox::listeners::MAX_LISTENERS)
        .map(|i| format!("listener{i}@example.com"))
        .collect();
    client(ClientUse::Admin)
        .put_item()
        .table_name(&playback)
        .item(
            "pk",
            aws_sdk_dynamodb::types::AttributeValue::S("listeners".into()),
        )
        .item("emails", aws_sdk_dynamodb::types::AttributeValue::Ss(full))
        .send()
        .await
        .unwrap();
    let (code, _, err) = run(&["allow", "one-more@example.com"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("the allow-list is full"), "{err}");
}

/// The whole path a developer runs locally: `jukebox invoke` with
/// LISTENERS=allow-list, `--listeners FILE`, LWA at the stand-in (its CA in
/// LWA_CA_FILE) and debug logs: the right answers, and not one token,
/// name or address in the logs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_token_name_or_address_reaches_the_logs() {
    let lwa = lwa_server::start().await;
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("lwa-ca.pem");
    std::fs::write(&ca, &lwa.ca_pem).unwrap();
    let listeners = dir.path().join("listeners.txt");
    std::fs::write(&listeners, "# who may play\nAnna@Example.com\n").unwrap();
    let mut anna = Listener::new("anna-cli", "kitchen");
    let mut bo = Listener::new("bo-cli", "porch");
    lwa.add_profile(
        "Atza|bo-secret-token",
        "amzn1.account.BOCLI",
        Some("Bo Lindqvist"),
        Some("bo.lindqvist@example.org"),
    );
    let lines = [
        linked(anna.launch(), "anna"),
        linked(anna.play(Some("bohemian rhapsody"), None), "anna"),
        linked(
            bo.play(Some("bohemian rhapsody"), None),
            "Atza|bo-secret-token",
        ),
        linked(bo.launch(), "revoked"),
        bo.launch(),
    ]
    .iter()
    .map(|v| v.to_string())
    .collect::<Vec<_>>()
    .join("\n");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["invoke", "--listeners", listeners.to_str().unwrap(), "-"])
        .env("RUST_LOG", "debug")
        .env("SKILL_ID", crate::support::SKILL_ID)
        .env("LISTENERS", "allow-list")
        .env("LWA_API_URL", &lwa.base)
        .env("LWA_CA_FILE", &ca)
        .env_remove("CATALOG_TABLE")
        .env_remove("PLAYBACK_TABLE")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    let output = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    let answers: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), 5, "{out}");
    assert!(speech(&answers[0]).unwrap().starts_with("Welcome, Anna."));
    assert!(play_directive(&answers[1]).is_some());
    assert!(speech(&answers[2])
        .unwrap()
        .starts_with("This jukebox is private."));
    assert_eq!(card_type(&answers[3]), Some("LinkAccount"));
    assert_eq!(card_type(&answers[4]), Some("LinkAccount"));
    assert!(
        err.contains("listener may not play"),
        "the refusals are logged: {err}"
    );
    for secret in [
        "anna@",
        "Anna",
        "Atza",
        "bo-secret-token",
        "Bo Lindqvist",
        "bo.lindqvist",
        "AGXANNABERG",
        "BOCLI",
        "revoked",
    ] {
        assert!(!err.contains(secret), "{secret:?} in the logs:\n{err}");
    }
}

/// `--listeners FILE` only means something with LISTENERS=allow-list:
/// without it the run is refused rather than open to everyone while it
/// looks private; and a file in another encoding names its bad line.
#[test]
fn a_listeners_file_needs_the_allow_list_and_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let listeners = dir.path().join("listeners.txt");
    std::fs::write(&listeners, "anna@example.com\n").unwrap();
    let run = |policy: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_jukebox"));
        command
            .args(["invoke", "--listeners"])
            .arg(&listeners)
            .arg(crate::support::events_dir().join("launch-request.json"))
            .env("RUST_LOG", "off")
            .env("SKILL_ID", crate::support::SKILL_ID)
            .env_remove("LISTENERS")
            .env_remove("CATALOG_TABLE")
            .env_remove("PLAYBACK_TABLE");
        if let Some(policy) = policy {
            command.env("LISTENERS", policy);
        }
        command.output().unwrap()
    };
    for policy in [None, Some("open")] {
        let output = run(policy);
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{policy:?}: {err}");
        assert!(output.stdout.is_empty(), "nothing is answered");
        assert!(err.contains("set LISTENERS=allow-list"), "{err}");
    }
    let output = run(Some("allow-list"));
    assert!(output.status.success());
    std::fs::write(&listeners, b"anna@example.com\nbj\xf6rn@example.se\n").unwrap();
    let output = run(Some("allow-list"));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(err.contains("line 2 is not UTF-8"), "{err}");
}

/// `jukebox skill account-linking`: the committed configuration with the
/// owner's client id and secret, in a file only its owner can read; the
/// secret comes from the environment and is never printed.
#[test]
fn the_account_linking_request_is_filled_in_privately() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("request.json");
    let template = concat!(env!("CARGO_MANIFEST_DIR"), "/account-linking.json");
    let manifest = copy_of_the_manifest(dir.path());
    let run = |client_id: &str, secret: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_jukebox"));
        command
            .args([
                "skill",
                "account-linking",
                "--client-id",
                client_id,
                "--template",
                template,
                "--manifest",
            ])
            .arg(&manifest)
            .arg("--out")
            .arg(&out)
            .env_remove("LWA_CLIENT_SECRET");
        if let Some(secret) = secret {
            command.env("LWA_CLIENT_SECRET", secret);
        }
        let output = command.output().unwrap();
        (
            output.status.code(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
        )
    };
    let id = "amzn1.application-oa2-client.0123456789abcdef";
    let (code, said) = run(id, None);
    assert_eq!(code, Some(1));
    assert!(said.contains("set LWA_CLIENT_SECRET"), "{said}");
    let (code, said) = run("my-client", Some("s3cr3t"));
    assert_eq!(code, Some(1));
    assert!(said.contains("amzn1.application-oa2-client."), "{said}");
    assert!(!out.exists());
    let (code, said) = run(id, Some("s3cr3t-value"));
    assert_eq!(code, Some(0), "{said}");
    assert!(!said.contains("s3cr3t"), "{said}");
    let request: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(template).unwrap()).unwrap();
    let mut expected = committed.clone();
    expected["accountLinkingRequest"]["clientId"] = json!(id);
    expected["accountLinkingRequest"]["clientSecret"] = json!("s3cr3t-value");
    assert_eq!(request, expected);
    let payload = &committed["accountLinkingRequest"];
    assert_eq!(payload["type"], "AUTH_CODE");
    assert_eq!(payload["authorizationUrl"], "https://www.amazon.com/ap/oa");
    assert_eq!(
        payload["accessTokenUrl"],
        "https://api.amazon.com/auth/o2/token"
    );
    assert_eq!(payload["scopes"], json!(["profile"]));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// A copy of the committed manifest in `dir`, for a command to change.
fn copy_of_the_manifest(dir: &std::path::Path) -> std::path::PathBuf {
    let committed = concat!(env!("CARGO_MANIFEST_DIR"), "/skill-package/skill.json");
    let copy = dir.join("skill.json");
    std::fs::copy(committed, &copy).unwrap();
    copy
}

/// Runs `jukebox skill account-linking` with a secret: its exit code and
/// what it said.
fn account_linking(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_jukebox"))
        .args(["skill", "account-linking", "--template"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/account-linking.json"))
        .args(args)
        .env("LWA_CLIENT_SECRET", "s3cr3t-value")
        .output()
        .unwrap();
    (
        output.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

/// With account linking the skill receives listeners' names and addresses:
/// the manifest says so, and tells the certification tester how to get
/// past the allow-list, once however often the command runs.
#[test]
fn account_linking_is_declared_in_the_manifest_once() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = copy_of_the_manifest(dir.path());
    let before: Value = serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    assert_eq!(
        before["manifest"]["privacyAndCompliance"]["usesPersonalInfo"],
        json!(false),
        "the committed manifest is for the open jukebox"
    );
    let out = dir.path().join("request.json");
    let id = "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef";
    let args = [
        "--client-id".as_ref(),
        id.as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--manifest".as_ref(),
        manifest.as_os_str(),
    ];
    let (code, said) = account_linking(&args);
    assert_eq!(code, Some(0), "{said}");
    let once = std::fs::read_to_string(&manifest).unwrap();
    let value: Value = serde_json::from_str(&once).unwrap();
    assert_eq!(
        once,
        jukebox::voice_model::canonical_json(&value),
        "canonical"
    );
    assert_eq!(
        value["manifest"]["privacyAndCompliance"]["usesPersonalInfo"],
        json!(true)
    );
    let instructions = value["manifest"]["publishingInformation"]["testingInstructions"]
        .as_str()
        .unwrap();
    let original = before["manifest"]["publishingInformation"]["testingInstructions"]
        .as_str()
        .unwrap();
    assert!(instructions.starts_with(original), "{instructions}");
    assert!(instructions.ends_with(jukebox::voice_model::ACCOUNT_LINKING_TESTING));
    for words in [
        "Login with Amazon",
        "allow-list",
        "link it with your test Amazon account",
        "This jukebox is private",
    ] {
        assert!(instructions.contains(words), "{words:?} in {instructions}");
    }
    // Nothing else changes, in any of the locales.
    let mut expected = before.clone();
    expected["manifest"]["privacyAndCompliance"]["usesPersonalInfo"] = json!(true);
    expected["manifest"]["publishingInformation"]["testingInstructions"] = json!(instructions);
    assert_eq!(value, expected);
    assert_eq!(
        value["manifest"]["publishingInformation"]["locales"]
            .as_object()
            .unwrap()
            .len(),
        before["manifest"]["publishingInformation"]["locales"]
            .as_object()
            .unwrap()
            .len()
    );
    // A second run leaves the manifest as the first left it.
    let (code, said) = account_linking(&args);
    assert_eq!(code, Some(0), "{said}");
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), once);
}

/// The request holds the client secret: it is never written through a
/// symbolic link (a link would put the secret wherever it points, a
/// dangling one would create its target), nor is the manifest; and a
/// client id that cannot be LWA's is refused before anything is written.
#[cfg(unix)]
#[test]
fn account_linking_writes_through_no_link_and_checks_the_client_id() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = copy_of_the_manifest(dir.path());
    let id = "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef";
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let dangling = dir.path().join("dangling.json");
    let target = dir.path().join("created-by-the-link.json");
    std::os::unix::fs::symlink(&target, &dangling).unwrap();
    for out in [&link, &dangling] {
        let (code, said) = account_linking(&[
            "--client-id".as_ref(),
            id.as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
            "--manifest".as_ref(),
            manifest.as_os_str(),
        ]);
        assert_eq!(code, Some(1), "{said}");
        assert!(said.contains("is a symbolic link"), "{said}");
        assert!(!said.contains("s3cr3t"), "{said}");
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(!target.exists(), "the dangling link created its target");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());

    // The manifest through a link: refused, the linked file untouched.
    let out = dir.path().join("request.json");
    let manifest_link = dir.path().join("manifest-link.json");
    std::os::unix::fs::symlink(&manifest, &manifest_link).unwrap();
    let before = std::fs::read_to_string(&manifest).unwrap();
    let (code, said) = account_linking(&[
        "--client-id".as_ref(),
        id.as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--manifest".as_ref(),
        manifest_link.as_os_str(),
    ]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("is a symbolic link"), "{said}");
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), before);
    assert!(
        !out.exists(),
        "nothing is written when the manifest is refused"
    );

    // Client ids no LWA security profile has.
    let long = format!("amzn1.application-oa2-client.{}", "a".repeat(300));
    for (bad, why) in [
        ("amzn1.application-oa2-client.", "identifier after"),
        (
            "amzn1.application-oa2-client.abc\u{1b}[31m",
            "control characters",
        ),
        ("amzn1.application-oa2-client.ab cd", "control characters"),
        (
            "amzn1.application-oa2-client.abc\u{202e}",
            "control characters",
        ),
        (long.as_str(), "about 64 characters"),
    ] {
        let (code, said) = account_linking(&[
            "--client-id".as_ref(),
            bad.as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
            "--manifest".as_ref(),
            manifest.as_os_str(),
        ]);
        assert_eq!(code, Some(1), "{bad:?}: {said}");
        assert!(said.contains(why), "{bad:?}: {said}");
        assert!(!out.exists(), "{bad:?}");
    }
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), before);

    // A regular file is replaced, owner-only.
    std::fs::write(&out, "old").unwrap();
    let (code, said) = account_linking(&[
        "--client-id".as_ref(),
        id.as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--manifest".as_ref(),
        manifest.as_os_str(),
    ]);
    assert_eq!(code, Some(0), "{said}");
    let request: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(request["accountLinkingRequest"]["clientId"], id);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// DynamoDB stalls (accepts, never answers) with the allow-list on: the
/// check gives up within its budget and the listener hears an apology,
/// well inside Alexa's 8 s; no music.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalling_dynamodb_fails_the_allow_list_closed_in_time() {
    let endpoint = crate::support::stalling_endpoint().await;
    let lwa = lwa_server::start().await;
    let stalled = crate::support::dynamodb::client_at(&endpoint, ClientUse::Answering);
    let skill = crate::support::embedded_skill(sample_tracks()).with_access(Access {
        policy: ListenerPolicy::AllowList,
        profiles: Arc::new(lwa_client(&lwa)),
        cache: Arc::new(DynamoProfileCache::new(stalled.clone(), "playback")),
        allow_list: Arc::new(DynamoAllowList::new(stalled, "playback")),
    });
    let mut anna = Listener::new("anna-stalled", "kitchen");
    let started = Instant::now();
    let answer = ask(
        &skill,
        linked(anna.play(Some("bohemian rhapsody"), None), "anna"),
    )
    .await;
    let waited = started.elapsed();
    assert!(
        waited < jukebox::skill::ALLOW_LIST_BUDGET + Duration::from_millis(500),
        "{waited:?}"
    );
    assert!(
        speech(&answer)
            .unwrap()
            .starts_with("Sorry, I can't check who's listening"),
        "{answer}"
    );
    assert_eq!(directives(&answer), 0);
    let started = Instant::now();
    let event = ask(
        &skill,
        linked(anna.player_event("PlaybackNearlyFinished", "x", 0), "anna"),
    )
    .await;
    assert!(started.elapsed() < jukebox::skill::ALLOW_LIST_BUDGET + Duration::from_millis(500));
    assert_eq!(event["response"], json!({}));
}
