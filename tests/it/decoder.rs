//! The decoder never panics: arbitrary JSON, and real envelopes truncated or
//! mutated, either decode or give a clear error; anything that is not an
//! Alexa envelope is refused with a reason.

use crate::support;

use jukebox::skill::{decode, Refusal};
use proptest::prelude::*;
use serde_json::{json, Value};
use support::*;

fn all_events() -> Vec<Value> {
    let mut events: Vec<Value> = event_files()
        .into_iter()
        .map(|path| serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
        .collect();
    events.sort_by_key(|e| e.to_string());
    events
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("LaunchRequest"),
            Just("IntentRequest"),
            Just("AudioPlayer.PlaybackFailed"),
            Just("PlaybackController.NextCommandIssued"),
            Just("System.ExceptionEncountered")
        ]
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("type".to_string()),
                    Just("request".to_string()),
                    Just("context".to_string()),
                    Just("System".to_string()),
                    Just("intent".to_string()),
                    Just("token".to_string()),
                    Just("offsetInMilliseconds".to_string()),
                    "[a-zA-Z]{1,8}"
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the value at a pseudo-random path of `value` with `replacement`.
fn mutate(value: &mut Value, mut choice: usize, replacement: Value) {
    let mut node = value;
    loop {
        let len = match node {
            Value::Object(map) => map.len(),
            Value::Array(items) => items.len(),
            _ => 0,
        };
        if len == 0 || choice.is_multiple_of(4) {
            *node = replacement;
            return;
        }
        let index = choice % len;
        choice /= 3;
        node = match node {
            Value::Object(map) => map.values_mut().nth(index).unwrap(),
            Value::Array(items) => &mut items[index],
            _ => unreachable!(),
        };
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(value in arb_json()) {
        let skill = embedded_skill(sample_tracks());
        let answer = runtime().block_on(skill.handle_json(value));
        if let Err(refusal) = answer {
            prop_assert!(!refusal.to_string().is_empty());
        }
    }

    #[test]
    fn mutated_envelopes_decode_or_are_refused_clearly(index in 0usize..64, choice in any::<usize>(), replacement in arb_json()) {
        let events = all_events();
        let mut event = events[index % events.len()].clone();
        mutate(&mut event, choice, replacement);
        let skill = embedded_skill(sample_tracks());
        match runtime().block_on(skill.handle_json(event)) {
            Ok(response) => {
                prop_assert_eq!(&response["version"], "1.0");
                assert_directive_rules(&response);
            }
            Err(Refusal::NotAnEnvelope(reason)) => prop_assert!(!reason.is_empty()),
            Err(Refusal::WrongSkill { .. }) => {}
        }
    }

    #[test]
    fn truncated_envelopes_are_refused_as_not_json(index in 0usize..64, cut in 0usize..4000) {
        let events = all_events();
        let text = events[index % events.len()].to_string();
        let cut = cut.min(text.len().saturating_sub(1));
        let truncated = &text[..cut];
        let skill = embedded_skill(sample_tracks());
        let (answer, ok) = runtime().block_on(jukebox::invoke::answer(&skill, truncated));
        prop_assert!(!ok);
        prop_assert!(answer["error"].as_str().unwrap().starts_with("not JSON"));
    }
}

#[test]
fn not_an_envelope_says_why() {
    let cases = [
        (json!({"hello": "world"}), "missing field `context`"),
        (json!([1, 2]), "invalid type"),
        (
            json!({"context": {"System": {"application": {"applicationId": "a"}, "user": {"userId": "u"}}}}),
            "missing field `request`",
        ),
        (
            json!({"context": {"System": {"application": {"applicationId": "a"}, "user": {"userId": "u"}}}, "request": {"requestId": "r"}}),
            "request has no \"type\"",
        ),
        (
            json!({"context": {"System": {"application": {"applicationId": "a"}, "user": {"userId": "u"}}}, "request": {"type": "IntentRequest"}}),
            "malformed IntentRequest",
        ),
    ];
    for (value, reason) in cases {
        match decode(value) {
            Err(Refusal::NotAnEnvelope(message)) => {
                assert!(message.contains(reason), "{message} lacks {reason}")
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}

#[test]
fn unknown_request_types_and_minus_one_offsets_decode() {
    let mut failed = event("playback-failed.json");
    failed["context"]["AudioPlayer"]["offsetInMilliseconds"] = json!(-1);
    let envelope = decode(failed).unwrap();
    assert_eq!(
        envelope
            .context
            .audio_player
            .unwrap()
            .offset_in_milliseconds,
        Some(-1)
    );
    let unknown = decode(event("unknown-request-type.json")).unwrap();
    assert_eq!(
        unknown.request.kind.type_name(),
        "Alexa.Presentation.APL.UserEvent"
    );
}

/// The name of a request type jukebox does not know comes from the
/// request: only a bounded prefix of it is kept (for the log).
#[test]
fn an_endless_unknown_request_type_is_kept_as_a_prefix() {
    let mut envelope = event("unknown-request-type.json");
    let long = format!("Alexa.Future.{}", "é".repeat(100_000));
    envelope["request"]["type"] = serde_json::json!(long);
    let decoded = decode(envelope).unwrap();
    let kept = decoded.request.kind.type_name();
    assert_eq!(kept.chars().count(), 100);
    assert!(long.starts_with(kept));
}

/// serde quotes the value it could not use: a 100 kB string where a
/// number belongs is refused with a reason of a few hundred characters.
#[test]
fn a_refusal_quotes_an_endless_value_only_in_part() {
    let mut envelope = event("playback-failed.json");
    envelope["context"]["AudioPlayer"]["offsetInMilliseconds"] = json!("9".repeat(100_000));
    match decode(envelope) {
        Err(Refusal::NotAnEnvelope(reason)) => {
            assert!(reason.contains("invalid type: string"), "{reason}");
            assert!(reason.chars().count() <= 301, "{} characters", reason.len());
            assert!(reason.ends_with('…'));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn envelopes_round_trip_through_serde() {
    for event in all_events() {
        let envelope = decode(event.clone()).unwrap();
        let again = decode(serde_json::to_value(&envelope).unwrap()).unwrap();
        assert_eq!(envelope, again);
    }
}
