//! The skill's CloudWatch metrics: the EMF lines it writes are
//! valid by the Embedded Metric Format specification, and every DynamoDB
//! operation of a request is timed and counted.
//!
//! [`validate_emf`] checks a line against the specification
//! (<https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html>,
//! its text and the JSON schema it gives), so other tests can check what the
//! real skill writes.

use std::io::Write;
use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::Client;
use jukebox::metrics::{emf_record, tallied, EmfLog, MetricsSink, RequestMetrics, StoreCalls};
use jukebox::store::dynamodb::ClientUse;
use serde_json::{json, Map, Value};

use crate::support::dynamodb;

/// The largest EMF document: CloudWatch Logs' event limit.
const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// The units the specification's schema accepts (CloudWatch's `StandardUnit`).
const UNITS: [&str; 27] = [
    "Seconds",
    "Microseconds",
    "Milliseconds",
    "Bytes",
    "Kilobytes",
    "Megabytes",
    "Gigabytes",
    "Terabytes",
    "Bits",
    "Kilobits",
    "Megabits",
    "Gigabits",
    "Terabits",
    "Percent",
    "Count",
    "Bytes/Second",
    "Kilobytes/Second",
    "Megabytes/Second",
    "Gigabytes/Second",
    "Terabytes/Second",
    "Bits/Second",
    "Kilobits/Second",
    "Megabits/Second",
    "Gigabits/Second",
    "Terabits/Second",
    "Count/Second",
    "None",
];

/// Checks one log line (with or without its `\n`) against the EMF
/// specification, and says what is wrong.
///
/// The rules: the line is one JSON object and nothing else, under 1 MB;
/// `_aws` is an object with an integer `Timestamp` (milliseconds since the
/// epoch) and a `CloudWatchMetrics` array of MetricDirectives; a directive
/// has exactly `Namespace` (a string of 1 to 1024 characters), `Dimensions`
/// (at least one DimensionSet, each an array of at most 30 keys of 1 to 250
/// characters, each naming a root member whose value is a string of at most
/// 1024 characters) and `Metrics` (at most 100 MetricDefinitions); a
/// definition has a `Name` (1 to 1024 characters) naming a root member whose
/// value is a number or an array of 1 to 100 numbers, and may have a `Unit`
/// among CloudWatch's units and a `StorageResolution` of 1 or 60.
///
/// Stricter than the text in three places, each a mistake for this skill:
/// `CloudWatchMetrics` must not be empty, a directive must not name a metric
/// twice, and `_aws`, directives and definitions must not have members the
/// specification does not define ("objects defined by this specification
/// MUST NOT contain any additional members").
pub(crate) fn validate_emf(line: &str) -> Result<(), String> {
    let text = line.strip_suffix('\n').unwrap_or(line);
    if text.contains('\n') {
        return Err("more than one line".into());
    }
    if text.len() >= MAX_RECORD_BYTES {
        return Err(format!("{} bytes: over 1 MB", text.len()));
    }
    let root: Value = serde_json::from_str(text).map_err(|e| format!("not one JSON value: {e}"))?;
    let root = root.as_object().ok_or("the root is not an object")?;
    let aws = root
        .get("_aws")
        .ok_or("no _aws member")?
        .as_object()
        .ok_or("_aws is not an object")?;
    only_members(aws, &["Timestamp", "CloudWatchMetrics"], "_aws")?;
    let timestamp = aws.get("Timestamp").ok_or("no _aws.Timestamp")?;
    if timestamp.as_u64().is_none() {
        return Err(format!(
            "_aws.Timestamp {timestamp} is not milliseconds since the epoch"
        ));
    }
    let directives = aws
        .get("CloudWatchMetrics")
        .ok_or("no _aws.CloudWatchMetrics")?
        .as_array()
        .ok_or("_aws.CloudWatchMetrics is not an array")?;
    if directives.is_empty() {
        return Err("_aws.CloudWatchMetrics is empty".into());
    }
    for (i, directive) in directives.iter().enumerate() {
        validate_directive(root, directive).map_err(|e| format!("directive {i}: {e}"))?;
    }
    Ok(())
}

fn validate_directive(root: &Map<String, Value>, directive: &Value) -> Result<(), String> {
    let directive = directive.as_object().ok_or("not an object")?;
    only_members(
        directive,
        &["Namespace", "Dimensions", "Metrics"],
        "MetricDirective",
    )?;
    let namespace = directive
        .get("Namespace")
        .ok_or("no Namespace")?
        .as_str()
        .ok_or("Namespace is not a string")?;
    if !(1..=1024).contains(&namespace.chars().count()) {
        return Err(format!(
            "Namespace {namespace:?} is not 1 to 1024 characters"
        ));
    }

    let sets = directive
        .get("Dimensions")
        .ok_or("no Dimensions")?
        .as_array()
        .ok_or("Dimensions is not an array")?;
    if sets.is_empty() {
        return Err("Dimensions has no DimensionSet".into());
    }
    for set in sets {
        let keys = set.as_array().ok_or("a DimensionSet is not an array")?;
        if keys.len() > 30 {
            return Err(format!(
                "a DimensionSet has {} keys (30 at most)",
                keys.len()
            ));
        }
        for key in keys {
            let key = key.as_str().ok_or("a dimension key is not a string")?;
            if !(1..=250).contains(&key.chars().count()) {
                return Err(format!("dimension key {key:?} is not 1 to 250 characters"));
            }
            match root.get(key) {
                None => return Err(format!("dimension {key:?} is not a root member")),
                Some(Value::String(value)) if value.chars().count() <= 1024 => {}
                Some(Value::String(_)) => {
                    return Err(format!("dimension {key:?} is over 1024 characters"))
                }
                Some(other) => return Err(format!("dimension {key:?} is {other}, not a string")),
            }
        }
    }

    let metrics = directive
        .get("Metrics")
        .ok_or("no Metrics")?
        .as_array()
        .ok_or("Metrics is not an array")?;
    if metrics.len() > 100 {
        return Err(format!("{} metrics (100 at most)", metrics.len()));
    }
    let mut names = std::collections::HashSet::new();
    for definition in metrics {
        let definition = definition
            .as_object()
            .ok_or("a MetricDefinition is not an object")?;
        only_members(
            definition,
            &["Name", "Unit", "StorageResolution"],
            "MetricDefinition",
        )?;
        let name = definition
            .get("Name")
            .ok_or("a MetricDefinition has no Name")?
            .as_str()
            .ok_or("a metric Name is not a string")?;
        if !(1..=1024).contains(&name.chars().count()) {
            return Err(format!("metric name {name:?} is not 1 to 1024 characters"));
        }
        if !names.insert(name) {
            return Err(format!("metric {name:?} defined twice"));
        }
        match root.get(name) {
            None => return Err(format!("metric {name:?} is not a root member")),
            Some(Value::Number(_)) => {}
            Some(Value::Array(values))
                if (1..=100).contains(&values.len()) && values.iter().all(Value::is_number) => {}
            Some(other) => {
                return Err(format!(
                    "metric {name:?} is {other}, not a number or 1 to 100 numbers"
                ))
            }
        }
        if let Some(unit) = definition.get("Unit") {
            if !unit.as_str().is_some_and(|unit| UNITS.contains(&unit)) {
                return Err(format!("metric {name:?}: {unit} is not a CloudWatch unit"));
            }
        }
        if let Some(resolution) = definition.get("StorageResolution") {
            if !matches!(resolution.as_u64(), Some(1 | 60)) {
                return Err(format!(
                    "metric {name:?}: StorageResolution {resolution} is not 1 or 60"
                ));
            }
        }
    }
    Ok(())
}

fn only_members(object: &Map<String, Value>, allowed: &[&str], what: &str) -> Result<(), String> {
    match object.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(key) => Err(format!(
            "{what} has a member {key:?} the specification does not define"
        )),
        None => Ok(()),
    }
}

/// A valid record to break.
fn good() -> Value {
    json!({
        "_aws": {
            "Timestamp": 1_700_000_000_000_u64,
            "CloudWatchMetrics": [{
                "Namespace": "Jukebox",
                "Dimensions": [["Function"], ["Function", "RequestType"]],
                "Metrics": [
                    { "Name": "Requests", "Unit": "Count" },
                    { "Name": "HandlerLatency", "Unit": "Milliseconds", "StorageResolution": 60 },
                    { "Name": "Sizes" },
                ],
            }],
        },
        "Function": "jukebox-fn",
        "RequestType": "LaunchRequest",
        "Requests": 1,
        "HandlerLatency": 4.5,
        "Sizes": [1, 2.5, 3],
        "requestId": "other members are allowed",
    })
}

fn check(record: &Value) -> Result<(), String> {
    validate_emf(&serde_json::to_string(record).unwrap())
}

/// `good()` with `change` applied must fail, saying `why`.
fn rejects(change: impl FnOnce(&mut Value), why: &str) {
    let mut record = good();
    change(&mut record);
    match check(&record) {
        Ok(()) => panic!("accepted a record with {why}: {record}"),
        Err(message) => assert!(
            message.contains(why),
            "rejected for {message:?}, expected {why:?}"
        ),
    }
}

fn directive(record: &mut Value) -> &mut Value {
    &mut record["_aws"]["CloudWatchMetrics"][0]
}

#[test]
fn the_validator_accepts_the_specifications_own_example() {
    check(&good()).unwrap();
    // The example in the specification, verbatim but for white space.
    validate_emf(
        r#"{"_aws":{"Timestamp":1574109732004,"CloudWatchMetrics":[{"Namespace":"lambda-function-metrics","Dimensions":[["functionVersion"]],"Metrics":[{"Name":"time","Unit":"Milliseconds","StorageResolution":60}]}]},"functionVersion":"$LATEST","time":100,"requestId":"989ffbf8-9ace-4817-a57c-e4dd734019ee"}"#,
    )
    .unwrap();
}

#[test]
fn the_validator_rejects_broken_records() {
    rejects(
        |r| {
            r.as_object_mut().unwrap().remove("Requests");
        },
        "metric \"Requests\" is not a root member",
    );
    rejects(
        |r| r["Function"] = json!(42),
        "dimension \"Function\" is 42",
    );
    rejects(
        |r| {
            r.as_object_mut().unwrap().remove("RequestType");
        },
        "dimension \"RequestType\" is not a root member",
    );
    rejects(
        |r| directive(r)["Metrics"][0]["Unit"] = json!("Requests"),
        "not a CloudWatch unit",
    );
    rejects(
        |r| directive(r)["Metrics"][0]["Unit"] = json!("milliseconds"),
        "not a CloudWatch unit",
    );
    rejects(
        |r| {
            r["_aws"].as_object_mut().unwrap().remove("Timestamp");
        },
        "no _aws.Timestamp",
    );
    rejects(
        |r| r["_aws"]["Timestamp"] = json!("2024-01-01T00:00:00Z"),
        "not milliseconds",
    );
    rejects(|r| r["_aws"]["Timestamp"] = json!(1.5), "not milliseconds");
    rejects(
        |r| {
            r.as_object_mut().unwrap().remove("_aws");
        },
        "no _aws member",
    );
    rejects(
        |r| r["_aws"]["CloudWatchMetrics"] = json!([]),
        "CloudWatchMetrics is empty",
    );
    rejects(|r| directive(r)["Namespace"] = json!(""), "Namespace");
    rejects(
        |r| directive(r)["Namespace"] = json!("n".repeat(1025)),
        "Namespace",
    );
    rejects(
        |r| {
            directive(r).as_object_mut().unwrap().remove("Dimensions");
        },
        "no Dimensions",
    );
    rejects(
        |r| directive(r)["Dimensions"] = json!([]),
        "no DimensionSet",
    );
    rejects(
        |r| directive(r)["Dimensions"] = json!(["Function"]),
        "not an array",
    );
    rejects(
        |r| {
            let keys: Vec<String> = (0..31).map(|i| format!("D{i}")).collect();
            for key in &keys {
                r[key.as_str()] = json!("x");
            }
            directive(r)["Dimensions"] = json!([keys]);
        },
        "31 keys",
    );
    rejects(
        |r| r["Function"] = json!("f".repeat(1025)),
        "over 1024 characters",
    );
    rejects(
        |r| {
            let metrics: Vec<Value> = (0..101)
                .map(|i| {
                    r[format!("M{i}").as_str()] = json!(i);
                    json!({ "Name": format!("M{i}") })
                })
                .collect();
            directive(r)["Metrics"] = json!(metrics);
        },
        "101 metrics",
    );
    rejects(|r| r["Requests"] = json!("1"), "not a number");
    rejects(|r| r["Requests"] = Value::Null, "not a number");
    rejects(|r| r["Sizes"] = json!([]), "not a number");
    rejects(
        |r| r["Sizes"] = json!((0..101).collect::<Vec<_>>()),
        "not a number",
    );
    rejects(|r| r["Sizes"] = json!([1, "2"]), "not a number");
    rejects(
        |r| directive(r)["Metrics"][1]["StorageResolution"] = json!(5),
        "StorageResolution 5",
    );
    rejects(
        |r| directive(r)["Metrics"][2] = json!({ "Name": "Requests" }),
        "defined twice",
    );
    rejects(
        |r| directive(r)["Metrics"][0]["Value"] = json!(1),
        "member \"Value\"",
    );
    rejects(
        |r| directive(r)["Metrics"][0] = json!({ "Unit": "Count" }),
        "no Name",
    );
    rejects(
        |r| r["padding"] = json!("x".repeat(MAX_RECORD_BYTES)),
        "over 1 MB",
    );

    for line in [
        "[]",
        "not json",
        "{\"_aws\":{}} trailing",
        "{\"_aws\":{}}\n{\"_aws\":{}}",
    ] {
        assert!(validate_emf(line).is_err(), "accepted {line:?}");
    }
    let mut two_lines = serde_json::to_string(&good()).unwrap();
    two_lines.push('\n');
    validate_emf(&two_lines).expect("one trailing newline is the line's end");
    two_lines.push_str("{}\n");
    assert!(validate_emf(&two_lines).is_err());
}

/// A `Write` into a buffer the test keeps.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn samples() -> Vec<RequestMetrics> {
    vec![
        RequestMetrics::default(),
        RequestMetrics {
            request_type: "PlayMusicIntent",
            handler_ms: 18.25,
            plays_started: 1,
            offers_made: 1,
            store: StoreCalls {
                count: 2,
                total_ms: 9.5,
                max_ms: 6.0,
                errors: 0,
            },
            ..RequestMetrics::default()
        },
        RequestMetrics {
            request_type: "AMAZON.YesIntent",
            handler_ms: 2500.0,
            failed: true,
            not_found: 1,
            offers_accepted: 1,
            lwa_errors: 1,
            store: StoreCalls {
                count: 3,
                total_ms: 2400.0,
                max_ms: 1000.0,
                errors: 3,
            },
            ..RequestMetrics::default()
        },
        RequestMetrics {
            request_type: "AudioPlayer.PlaybackNearlyFinished",
            handler_ms: 0.0,
            ..RequestMetrics::default()
        },
    ]
}

#[test]
fn the_lines_emf_log_writes_are_valid_emf() {
    let buffer = Shared::default();
    let log = EmfLog::new(
        "jukebox-JukeboxFunction-abc123".into(),
        Box::new(buffer.clone()),
    );
    let samples = samples();
    for metrics in &samples {
        log.record(metrics);
    }
    let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(text.ends_with('\n'), "every record ends its line");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), samples.len(), "one line a request");
    for (line, metrics) in lines.iter().zip(&samples) {
        validate_emf(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let record: Value = serde_json::from_str(line).unwrap();
        assert_eq!(record["Function"], "jukebox-JukeboxFunction-abc123");
        assert_eq!(record["RequestType"], metrics.request_type);
        assert_eq!(
            record["_aws"]["CloudWatchMetrics"][0]["Namespace"],
            "Jukebox"
        );
        assert_eq!(record["HandlerErrors"], u32::from(metrics.failed));
        assert_eq!(record["DynamoDbErrors"], metrics.store.errors);
    }
}

#[test]
fn emf_records_stay_valid_for_any_request_type_label() {
    // The labels the skill uses are static names; even an odd one (empty,
    // long) must not make the record invalid.
    let long: &'static str = Box::leak("x".repeat(1024).into_boxed_str());
    for label in ["", "Unknown", "AMAZON.StopIntent", long] {
        let metrics = RequestMetrics {
            request_type: label,
            ..RequestMetrics::default()
        };
        let record = emf_record(&metrics, "f", 1);
        check(&record).unwrap_or_else(|e| panic!("{label:?}: {e}"));
    }
}

async fn get_item(client: &Client, table: &str) -> bool {
    client
        .get_item()
        .table_name(table)
        .key("pk", AttributeValue::S("track#none".into()))
        .key("sk", AttributeValue::S("track".into()))
        .send()
        .await
        .is_ok()
}

#[tokio::test]
async fn every_dynamodb_operation_of_a_request_is_timed_and_counted() {
    let (catalog, _) = dynamodb::create_tables().await;
    let client = dynamodb::timed_client(ClientUse::Answering);
    let missing = dynamodb::unique_name("missing");

    let ((found, failed), tally) = tallied(async {
        (
            get_item(&client, &catalog).await,
            get_item(&client, &missing).await,
        )
    })
    .await;
    assert!(found, "GetItem on the catalog table succeeds");
    assert!(!failed, "GetItem on a missing table fails");
    assert_eq!(tally.store.count, 2);
    assert_eq!(tally.store.errors, 1);
    assert!(tally.store.total_ms > 0.0, "{:?}", tally.store);
    assert!(tally.store.max_ms > 0.0 && tally.store.max_ms <= tally.store.total_ms);

    // Operations running at once on one client are told apart.
    let (results, tally) = tallied(async {
        futures::join!(
            get_item(&client, &catalog),
            get_item(&client, &missing),
            get_item(&client, &catalog),
        )
    })
    .await;
    assert_eq!(results, (true, false, true));
    assert_eq!(tally.store.count, 3);
    assert_eq!(tally.store.errors, 1);

    // Outside a request: counted nowhere, and no harm done.
    assert!(get_item(&client, &catalog).await);
    let ((), tally) = tallied(async {}).await;
    assert_eq!(tally.store.count, 0);
}

/// A conditional write that loses its race is an answer, not a DynamoDB
/// error: the call is counted, the error is not (else the DynamoDB alarm
/// would ring on busy track changes while DynamoDB is well). A call to a
/// missing table still counts as an error.
#[tokio::test]
async fn a_lost_optimistic_lock_race_is_no_dynamodb_error() {
    use jukebox::playback::{ListenerKey, PlaybackState, PlaybackStore, QueuedTrack, SaveError};
    let (_, playback) = dynamodb::create_tables().await;
    let client = dynamodb::timed_client(ClientUse::Answering);
    let store = jukebox::store::dynamodb::DynamoPlaybackStore::new(client.clone(), &playback);
    let key = ListenerKey {
        user_id: "racer".into(),
        device_id: "echo".into(),
    };
    let state = PlaybackState::new_queue(
        vec![QueuedTrack {
            id: "a".into(),
            title: "A".into(),
            artist: "B".into(),
            url: "https://e.example/a".into(),
            image_url: None,
            live: false,
        }],
        1,
    );
    let (results, tally) = tallied(async {
        let first = store.save(&key, &state, None).await;
        let lost = store.save(&key, &state, None).await;
        (first, lost)
    })
    .await;
    assert_eq!(results.0.unwrap(), 1);
    assert!(
        matches!(results.1, Err(SaveError::Conflict)),
        "{:?}",
        results.1
    );
    assert_eq!(tally.store.count, 2);
    assert_eq!(tally.store.errors, 0);

    let missing = jukebox::store::dynamodb::DynamoPlaybackStore::new(
        client,
        &dynamodb::unique_name("missing"),
    );
    let (result, tally) = tallied(missing.save(&key, &state, None)).await;
    assert!(result.is_err());
    assert_eq!(tally.store.errors, 1);
}

#[tokio::test]
async fn a_record_of_a_real_tally_is_valid_emf() {
    let (catalog, _) = dynamodb::create_tables().await;
    let client = dynamodb::timed_client(ClientUse::Answering);
    let (_, tally) = tallied(async { get_item(&client, &catalog).await }).await;
    let metrics = RequestMetrics {
        request_type: "PlayMusicIntent",
        handler_ms: tally.store.total_ms + 1.0,
        lwa_errors: tally.lwa_errors,
        store: tally.store,
        ..RequestMetrics::default()
    };
    let record = emf_record(&metrics, "jukebox-fn", 1_700_000_000_000);
    check(&record).unwrap();
    assert_eq!(record["DynamoDbCalls"], 1);
    assert!(record["DynamoDbLatency"].as_f64().unwrap() > 0.0);
}
