//! The EMF adapter of the [`MetricsSink`] port: each request's figures as
//! one CloudWatch Embedded Metric Format line on the Lambda's log.

use crate::ports::MetricsSink;

use super::RequestMetrics;

/// The CloudWatch namespace of every metric the skill writes.
pub const NAMESPACE: &str = "Jukebox";

/// One request's figures as one CloudWatch Embedded Metric Format document
/// (<https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html>):
/// `_aws.Timestamp` in milliseconds since the epoch, one MetricDirective in
/// [`NAMESPACE`], and every dimension and metric it names as a member of the
/// root with a string (dimension) or number (metric) value.
///
/// Two dimension sets: `Function` (the function's totals, what the alarms
/// watch) and `Function` × `RequestType` (the same figures per request type,
/// a closed list of labels). Nothing else is a member of the root: no query,
/// no listener, device or request id, so the record holds no personal data
/// and the metrics' cardinality stays bounded.
///
/// The metrics, and why each is there:
/// - `Requests` (Count, always 1): the traffic, per request type.
/// - `HandlerLatency` (Milliseconds): from decoding to the response; the p99
///   alarm watches it against Alexa's 8 s deadline.
/// - `HandlerErrors` (Count, 1 when the handler failed and the listener heard
///   an apology): failures the function itself survives, which Lambda's own
///   `Errors` metric never sees.
/// - `PlaysStarted` (Count): requests that started a stream, what the skill is for.
/// - `NotFound` (Count): requests where nothing matched what the listener
///   asked for, a catalog or matching gap.
/// - `OffersMade`, `OffersAccepted` (Count): suggestions offered and taken,
///   their ratio says whether the offers help.
/// - `DynamoDbCalls` (Count): store operations the request made.
/// - `DynamoDbLatency` (Milliseconds): the request's summed store time; only
///   when it made a call, so requests without one do not drag the average to 0.
/// - `DynamoDbErrors` (Count): store operations that failed (timeouts,
///   throttling, unavailability); alarmed.
/// - `LwaErrors` (Count): Login with Amazon profile calls that failed; stays
///   0 without account linking.
///
/// A latency that is not a finite, non-negative number is left out rather
/// than written as `null`, which the specification does not allow.
pub fn emf_record(
    metrics: &RequestMetrics,
    function: &str,
    timestamp_ms: i64,
) -> serde_json::Value {
    use serde_json::{json, Map, Value};

    let mut root = Map::new();
    let mut definitions = Vec::new();
    let mut metric = |name: &str, unit: &str, value: Value| {
        definitions.push(json!({ "Name": name, "Unit": unit }));
        root.insert(name.to_string(), value);
    };
    let count = |n: u32| Value::from(n);
    let millis = |ms: f64| {
        // Microseconds are plenty, and keep the line short.
        (ms.is_finite() && ms >= 0.0).then(|| Value::from((ms * 1000.0).round() / 1000.0))
    };

    metric("Requests", "Count", count(1));
    if let Some(ms) = millis(metrics.handler_ms) {
        metric("HandlerLatency", "Milliseconds", ms);
    }
    metric("HandlerErrors", "Count", count(u32::from(metrics.failed)));
    metric("PlaysStarted", "Count", count(metrics.plays_started));
    metric("NotFound", "Count", count(metrics.not_found));
    metric("OffersMade", "Count", count(metrics.offers_made));
    metric("OffersAccepted", "Count", count(metrics.offers_accepted));
    metric("DynamoDbCalls", "Count", count(metrics.store.count));
    if metrics.store.count > 0 {
        if let Some(ms) = millis(metrics.store.total_ms) {
            metric("DynamoDbLatency", "Milliseconds", ms);
        }
    }
    metric("DynamoDbErrors", "Count", count(metrics.store.errors));
    metric("LwaErrors", "Count", count(metrics.lwa_errors));

    root.insert("Function".to_string(), Value::from(function));
    root.insert("RequestType".to_string(), Value::from(metrics.request_type));
    root.insert(
        "_aws".to_string(),
        json!({
            "Timestamp": timestamp_ms,
            "CloudWatchMetrics": [{
                "Namespace": NAMESPACE,
                "Dimensions": [["Function"], ["Function", "RequestType"]],
                "Metrics": definitions,
            }],
        }),
    );
    Value::Object(root)
}

/// Writes each request's figures as one EMF line (JSON, then `\n`) to a
/// writer: on Lambda, stdout, which Lambda sends to the function's log group,
/// where CloudWatch Logs extracts the metrics. No CloudWatch call on the
/// request path.
///
/// A line is written with a single `write_all` under a lock, so two requests'
/// lines never interleave; on stdout, `Stdout`'s own lock also keeps them
/// whole beside the tracing subscriber's lines. A failed write is dropped:
/// metrics never fail (or panic) a request.
pub struct EmfLog {
    function: String,
    writer: std::sync::Mutex<Box<dyn std::io::Write + Send>>,
}

impl EmfLog {
    /// Lines for the function `function_name` (the `Function` dimension), to `writer`.
    pub fn new(function_name: String, writer: Box<dyn std::io::Write + Send>) -> Self {
        EmfLog {
            function: function_name,
            writer: std::sync::Mutex::new(writer),
        }
    }

    /// Lines to the process's stdout.
    pub fn stdout(function_name: String) -> Self {
        Self::new(function_name, Box::new(std::io::stdout()))
    }
}

impl MetricsSink for EmfLog {
    fn record(&self, metrics: &RequestMetrics) {
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| {
                i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
            });
        let record = emf_record(metrics, &self.function, now_ms);
        // A `Value` with string keys always serialises.
        let Ok(mut line) = serde_json::to_string(&record) else {
            return;
        };
        line.push('\n');
        let mut writer = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if writer.write_all(line.as_bytes()).is_ok() {
            let _ = writer.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::StoreCalls;

    use serde_json::{json, Value};
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    /// The names in the record's (single) directive.
    fn named_metrics(record: &Value) -> Vec<String> {
        record["_aws"]["CloudWatchMetrics"][0]["Metrics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["Name"].as_str().unwrap().to_string())
            .collect()
    }

    fn sample() -> RequestMetrics {
        RequestMetrics {
            request_type: "PlayMusicIntent",
            handler_ms: 12.5,
            failed: false,
            plays_started: 1,
            not_found: 0,
            offers_made: 1,
            offers_accepted: 0,
            lwa_errors: 2,
            store: StoreCalls {
                count: 3,
                total_ms: 7.25,
                max_ms: 4.0,
                errors: 1,
            },
        }
    }

    #[test]
    fn an_emf_record_has_exactly_the_expected_members_and_values() {
        let record = emf_record(&sample(), "jukebox-fn", 1_700_000_000_123);
        let count = |name: &str| json!({ "Name": name, "Unit": "Count" });
        let millis = |name: &str| json!({ "Name": name, "Unit": "Milliseconds" });
        let expected = json!({
            "_aws": {
                "Timestamp": 1_700_000_000_123_i64,
                "CloudWatchMetrics": [{
                    "Namespace": "Jukebox",
                    "Dimensions": [["Function"], ["Function", "RequestType"]],
                    "Metrics": [
                        count("Requests"),
                        millis("HandlerLatency"),
                        count("HandlerErrors"),
                        count("PlaysStarted"),
                        count("NotFound"),
                        count("OffersMade"),
                        count("OffersAccepted"),
                        count("DynamoDbCalls"),
                        millis("DynamoDbLatency"),
                        count("DynamoDbErrors"),
                        count("LwaErrors"),
                    ],
                }],
            },
            "Function": "jukebox-fn",
            "RequestType": "PlayMusicIntent",
            "Requests": 1,
            "HandlerLatency": 12.5,
            "HandlerErrors": 0,
            "PlaysStarted": 1,
            "NotFound": 0,
            "OffersMade": 1,
            "OffersAccepted": 0,
            "DynamoDbCalls": 3,
            "DynamoDbLatency": 7.25,
            "DynamoDbErrors": 1,
            "LwaErrors": 2,
        });
        assert_eq!(record, expected);
    }

    #[test]
    fn a_failed_request_without_store_calls_has_no_store_latency() {
        let metrics = RequestMetrics {
            request_type: "Unknown",
            handler_ms: 3.0,
            failed: true,
            ..RequestMetrics::default()
        };
        let record = emf_record(&metrics, "f", 0);
        assert_eq!(record["HandlerErrors"], 1);
        assert_eq!(record["DynamoDbCalls"], 0);
        assert!(record.get("DynamoDbLatency").is_none(), "{record}");
        assert!(!named_metrics(&record).contains(&"DynamoDbLatency".to_string()));
    }

    #[test]
    fn a_latency_that_is_not_a_number_is_left_out_not_null() {
        let metrics = RequestMetrics {
            request_type: "LaunchRequest",
            handler_ms: f64::NAN,
            store: StoreCalls {
                count: 1,
                total_ms: f64::INFINITY,
                ..StoreCalls::default()
            },
            ..RequestMetrics::default()
        };
        let record = emf_record(&metrics, "f", 0);
        for name in ["HandlerLatency", "DynamoDbLatency"] {
            assert!(record.get(name).is_none(), "{name}: {record}");
            assert!(!named_metrics(&record).contains(&name.to_string()));
        }
    }

    #[test]
    fn every_metric_the_directive_names_is_a_number_on_the_root() {
        for metrics in [sample(), RequestMetrics::default()] {
            let record = emf_record(&metrics, "f", 1);
            let names = named_metrics(&record);
            assert!(!names.is_empty() && names.len() <= 100);
            for name in names {
                assert!(record[&name].is_number(), "{name} missing from {record}");
            }
            for set in record["_aws"]["CloudWatchMetrics"][0]["Dimensions"]
                .as_array()
                .unwrap()
            {
                for key in set.as_array().unwrap() {
                    assert!(record[key.as_str().unwrap()].is_string(), "{key}");
                }
            }
        }
    }

    #[test]
    fn a_record_holds_nothing_but_its_metrics_and_two_dimensions() {
        for metrics in [sample(), RequestMetrics::default()] {
            let record = emf_record(&metrics, "jukebox-fn", 1);
            let mut allowed = named_metrics(&record);
            allowed.extend(["_aws", "Function", "RequestType"].map(String::from));
            for key in record.as_object().unwrap().keys() {
                assert!(allowed.contains(key), "unexpected member {key}");
            }
            assert_eq!(record["Function"], "jukebox-fn");
            assert_eq!(record["RequestType"], metrics.request_type);
            let aws = record["_aws"].as_object().unwrap();
            let mut keys: Vec<&String> = aws.keys().collect();
            keys.sort();
            assert_eq!(keys, ["CloudWatchMetrics", "Timestamp"]);
        }
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

    struct Broken;

    impl Write for Broken {
        fn write(&mut self, _buf: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::Error::other("disk on fire"))
        }
    }

    #[test]
    fn emf_log_writes_one_whole_line_per_request() {
        let buffer = Shared::default();
        let log = Arc::new(EmfLog::new("jukebox-fn".into(), Box::new(buffer.clone())));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let log = Arc::clone(&log);
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        log.record(&sample());
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        assert!(text.ends_with('\n'));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 200);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        for line in lines {
            let record: Value = serde_json::from_str(line).unwrap();
            assert_eq!(record["Function"], "jukebox-fn");
            let timestamp = record["_aws"]["Timestamp"].as_i64().unwrap();
            assert!((now - 60_000..=now).contains(&timestamp), "{timestamp}");
        }
    }

    #[test]
    fn a_failing_writer_is_ignored() {
        let log = EmfLog::new("f".into(), Box::new(Broken));
        log.record(&sample());
        log.record(&sample());
    }
}
