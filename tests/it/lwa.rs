//! The Login with Amazon profile client against a local stand-in
//! (`support::lwa_server`) over HTTPS with a test CA: every answer LWA may
//! give maps to the right `Linked` or `ProfileError` variant, slow and
//! stalled servers cost no more than the deadline, nothing is retried or
//! followed, the test CA must be trusted explicitly, and no error says
//! anything about the token or the profile.

use crate::support;

use std::time::{Duration, Instant};

use jukebox::listeners::{Linked, ProfileError, ProfileSource};
use jukebox::lwa::{LwaClient, LwaConfig};
use support::lwa_server::{start, LwaServer, ANNA_EMAIL, ANNA_NAME, ANNA_USER_ID};

const TIMEOUT: Duration = Duration::from_millis(800);
/// How far past the deadline a call may return.
const SLACK: Duration = Duration::from_millis(300);

fn config(server: &LwaServer, extra_ca: bool) -> LwaConfig {
    LwaConfig {
        api_url: server.base.parse().unwrap(),
        extra_ca_pem: extra_ca.then(|| server.ca_pem.as_bytes().to_vec()),
        timeout: TIMEOUT,
    }
}

fn client(server: &LwaServer) -> LwaClient {
    LwaClient::new(&config(server, true)).unwrap()
}

/// One call, with how long it took.
async fn timed(client: &LwaClient, token: &str) -> (Result<Linked, ProfileError>, Duration) {
    let started = Instant::now();
    let result = client.profile(token).await;
    (result, started.elapsed())
}

/// Asserts an error's `Display` and `Debug` name nothing sent or received.
fn assert_discreet(err: &ProfileError, token: &str, server: &LwaServer) {
    let shown = format!("{err} {err:?}");
    for secret in [
        token,
        "Bearer",
        "Anna",
        ANNA_EMAIL,
        "anna",
        ANNA_USER_ID,
        "/user/profile",
        server.base.as_str(),
        "127.0.0.1",
    ] {
        assert!(!shown.contains(secret), "{secret:?} in {shown:?}");
    }
}

#[tokio::test]
async fn a_linked_token_gives_the_profile() {
    let server = start().await;
    let client = client(&server);
    match client.profile("anna").await.unwrap() {
        Linked::Profile(profile) => {
            assert_eq!(profile.user_id, ANNA_USER_ID);
            assert_eq!(profile.name.as_deref(), Some(ANNA_NAME));
            assert_eq!(profile.email.as_deref(), Some(ANNA_EMAIL));
            assert_eq!(profile.first_name().as_deref(), Some("Anna"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.calls("anna"), 1);
}

#[tokio::test]
async fn without_the_profile_scope_only_the_user_id_comes_and_unknown_fields_are_ignored() {
    let server = start().await;
    match client(&server).profile("minimal").await.unwrap() {
        Linked::Profile(profile) => {
            assert_eq!(profile.user_id, "amzn1.account.MINIMAL");
            assert_eq!((profile.name, profile.email), (None, None));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn profiles_added_to_the_stand_in_are_served() {
    let server = start().await;
    server.add_profile(
        "Atza|bob",
        "amzn1.account.BOB",
        Some("Bob"),
        Some("bob@example.com"),
    );
    server.add_profile("Atza|nameless", "amzn1.account.NONAME", None, None);
    let client = client(&server);
    let Linked::Profile(bob) = client.profile("Atza|bob").await.unwrap() else {
        panic!("Bob is not linked");
    };
    assert_eq!(bob.email.as_deref(), Some("bob@example.com"));
    let Linked::Profile(nameless) = client.profile("Atza|nameless").await.unwrap() else {
        panic!("the nameless profile is not linked");
    };
    assert_eq!((nameless.name, nameless.email), (None, None));
    assert_eq!(server.calls("Atza|bob"), 1);
    assert_eq!(server.total_calls(), 2);
}

#[tokio::test]
async fn refused_and_unknown_tokens_are_refused() {
    let server = start().await;
    let client = client(&server);
    for token in ["revoked", "bad-400", "Atza|nobody-knows-this-one"] {
        assert_eq!(
            client.profile(token).await.unwrap(),
            Linked::Refused,
            "{token}"
        );
        assert_eq!(server.calls(token), 1, "{token}");
    }
}

#[tokio::test]
async fn a_token_no_header_can_carry_is_refused_without_a_call() {
    let server = start().await;
    let client = client(&server);
    for token in ["", "anna\r\nX-Injected: 1", "anna\n", &"A".repeat(10_000)] {
        assert_eq!(
            client.profile(token).await.unwrap(),
            Linked::Refused,
            "{token:?}"
        );
    }
    assert_eq!(server.total_calls(), 0);
}

#[tokio::test]
async fn unexpected_answers_are_bad_answers_with_a_short_reason() {
    let server = start().await;
    let client = client(&server);
    for (token, reason) in [
        ("html", "not JSON"),
        ("teapot", "status 500"),
        ("redirect", "status 302, not followed"),
        ("no-user-id", "no user_id"),
        ("bad-request", "status 400"),
        ("huge", "profile body over 64 KiB"),
        ("huge-chunked", "profile body over 64 KiB"),
    ] {
        let (result, took) = timed(&client, token).await;
        match result {
            Err(ProfileError::BadAnswer(why)) => assert_eq!(why, reason, "{token}"),
            other => panic!("{token}: {other:?}"),
        }
        assert!(took < TIMEOUT, "{token} took {took:?}");
        // Neither retried nor, for the redirect, followed (it points back
        // to the profile, with the same token).
        assert_eq!(server.calls(token), 1, "{token}");
    }
}

#[tokio::test]
async fn slow_and_stalled_servers_cost_no_more_than_the_deadline() {
    let server = start().await;
    let client = client(&server);
    for token in ["slow", "hang"] {
        let (result, took) = timed(&client, token).await;
        match result {
            Err(ProfileError::Timeout(ms)) => assert_eq!(ms, TIMEOUT.as_millis(), "{token}"),
            other => panic!("{token}: {other:?}"),
        }
        assert!(took < TIMEOUT + SLACK, "{token} took {took:?}");
        assert!(took >= TIMEOUT - SLACK, "{token} gave up early: {took:?}");
        assert_eq!(server.calls(token), 1, "{token} was retried");
    }
}

#[tokio::test]
async fn the_test_ca_must_be_trusted_explicitly() {
    let server = start().await;
    let untrusting = LwaClient::new(&config(&server, false)).unwrap();
    let (result, took) = timed(&untrusting, "anna").await;
    match &result {
        Err(ProfileError::Unreachable(why)) => {
            assert_eq!(why, "TLS failed: invalid peer certificate: UnknownIssuer");
        }
        other => panic!("{other:?}"),
    }
    assert!(took < TIMEOUT + SLACK, "took {took:?}");
    assert_eq!(
        server.calls("anna"),
        0,
        "the token was sent over an untrusted connection"
    );
    assert_discreet(result.as_ref().unwrap_err(), "anna", &server);
}

#[tokio::test]
async fn a_closed_port_is_unreachable() {
    let server = start().await;
    let closed = support::free_port();
    let config = LwaConfig {
        api_url: format!("https://127.0.0.1:{closed}").parse().unwrap(),
        ..config(&server, true)
    };
    let (result, took) = timed(&LwaClient::new(&config).unwrap(), "anna").await;
    match &result {
        Err(ProfileError::Unreachable(why)) => {
            assert_eq!(why, "cannot connect: connection refused")
        }
        other => panic!("{other:?}"),
    }
    assert!(took < TIMEOUT + SLACK, "took {took:?}");
    let shown = result.unwrap_err().to_string();
    assert!(
        !shown.contains(&closed.to_string()) && !shown.contains("anna"),
        "{shown}"
    );
}

#[tokio::test]
async fn no_error_names_the_token_or_the_profile() {
    let server = start().await;
    let client = client(&server);
    for token in [
        "html",
        "teapot",
        "redirect",
        "no-user-id",
        "bad-request",
        "huge",
        "huge-chunked",
        "slow",
        "hang",
    ] {
        let err = client.profile(token).await.unwrap_err();
        assert_discreet(&err, token, &server);
    }
}

#[tokio::test]
async fn the_client_names_itself_and_calls_are_counted_per_token() {
    let server = start().await;
    let client = client(&server);
    let Linked::Profile(echo) = client.profile("agent").await.unwrap() else {
        panic!("agent is not linked");
    };
    assert_eq!(echo.user_id, concat!("jukebox/", env!("CARGO_PKG_VERSION")));
    for _ in 0..3 {
        client.profile("anna").await.unwrap();
    }
    client.profile("revoked").await.unwrap();
    assert_eq!(server.calls("anna"), 3);
    assert_eq!(server.calls("revoked"), 1);
    assert_eq!(server.calls("agent"), 1);
    assert_eq!(server.calls("never-sent"), 0);
    assert_eq!(server.total_calls(), 5);
}
