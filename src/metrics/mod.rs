//! What the skill measures per request, written as CloudWatch Embedded
//! Metric Format (EMF) records to the Lambda's log: no CloudWatch API call
//! on the request path. Dimensions are few and bounded (the function, the
//! request type from a closed list): never a query, an id or a name.
//!
//! Two halves: [`RequestMetrics`], filled by the skill as it answers (its
//! store calls and LWA errors counted in a task-local [`Tally`], so
//! concurrent requests in one process do not mix), and a [`MetricsSink`]
//! that writes it ([`NoMetrics`] for local runs, [`EmfLog`] on Lambda,
//! the adapter in `emf`).

mod emf;

pub use emf::{emf_record, EmfLog, NAMESPACE};

use std::cell::RefCell;
use std::time::Duration;

/// DynamoDB (or other store) calls one request made.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StoreCalls {
    pub count: u32,
    /// Summed wall time of the calls, in milliseconds (concurrent calls overlap).
    pub total_ms: f64,
    /// The slowest call, in milliseconds.
    pub max_ms: f64,
    pub errors: u32,
}

/// One request's figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestMetrics {
    /// A bounded label: the request type (`LaunchRequest`,
    /// `AudioPlayer.PlaybackStarted`…) or, for an intent, the routed
    /// intent's name (`PlayMusicIntent`, `AMAZON.PauseIntent`…), `Unknown`
    /// for anything else.
    pub request_type: &'static str,
    /// From decoding to the response, in milliseconds.
    pub handler_ms: f64,
    /// The handler failed and the listener heard an apology.
    pub failed: bool,
    pub plays_started: u32,
    pub not_found: u32,
    pub offers_made: u32,
    pub offers_accepted: u32,
    pub lwa_errors: u32,
    pub store: StoreCalls,
}

/// Where request metrics go.
pub trait MetricsSink: Send + Sync {
    fn record(&self, metrics: &RequestMetrics);
}

/// Metrics nowhere: local runs and tests that do not look.
pub struct NoMetrics;

impl MetricsSink for NoMetrics {
    fn record(&self, _metrics: &RequestMetrics) {}
}

/// What the adapters below the skill count for the request being answered.
#[derive(Debug, Default)]
pub struct Tally {
    pub store: StoreCalls,
    pub lwa_errors: u32,
}

tokio::task_local! {
    static TALLY: RefCell<Tally>;
}

/// Runs `work` with a fresh tally, and returns what it counted.
pub async fn tallied<F: std::future::Future>(work: F) -> (F::Output, Tally) {
    TALLY
        .scope(RefCell::new(Tally::default()), async move {
            let output = work.await;
            let tally = TALLY.with(|t| std::mem::take(&mut *t.borrow_mut()));
            (output, tally)
        })
        .await
}

/// Counts one store call of the current request (nothing outside [`tallied`]).
pub fn note_store_call(took: Duration, ok: bool) {
    let _ = TALLY.try_with(|t| {
        let mut t = t.borrow_mut();
        let ms = took.as_secs_f64() * 1000.0;
        t.store.count += 1;
        t.store.total_ms += ms;
        t.store.max_ms = t.store.max_ms.max(ms);
        if !ok {
            t.store.errors += 1;
        }
    });
}

/// Counts an LWA call that failed (timeout, unreachable, bad answer).
pub fn note_lwa_error() {
    let _ = TALLY.try_with(|t| t.borrow_mut().lwa_errors += 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_tally_counts_its_own_request_only() {
        note_store_call(Duration::from_millis(5), true); // outside: ignored
        let ((), tally) = tallied(async {
            note_store_call(Duration::from_millis(2), true);
            let (_, inner) =
                tallied(async { note_store_call(Duration::from_millis(9), false) }).await;
            assert_eq!(inner.store.errors, 1);
            note_store_call(Duration::from_millis(4), false);
            note_lwa_error();
        })
        .await;
        assert_eq!(tally.store.count, 2);
        assert_eq!(tally.store.errors, 1);
        assert!((tally.store.total_ms - 6.0).abs() < 0.5);
        assert!((tally.store.max_ms - 4.0).abs() < 0.5);
        assert_eq!(tally.lwa_errors, 1);
    }
}
