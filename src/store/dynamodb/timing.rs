//! Times every DynamoDB operation a client runs and counts it for the
//! request being answered ([`crate::metrics::note_store_call`]): the figures
//! behind `DynamoDbCalls`, `DynamoDbLatency` and `DynamoDbErrors`.
//!
//! An SDK interceptor, so every adapter's calls are counted without touching
//! them: one count per **operation**, from `read_before_execution` to
//! `read_after_execution`, which is the whole call as the caller waits for
//! it, retries and backoff included (the SDK calls both hooks exactly once
//! per operation, also when the operation timeout cancels it). Outside
//! [`crate::metrics::tallied`] (admin commands, imports) the counts go
//! nowhere.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::config::interceptors::{
    BeforeSerializationInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::operation::{put_item::PutItemError, update_item::UpdateItemError};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A conditional write whose condition did not hold: an answer, not a
/// failure. Saving playback state loses a race this way (and retries), and
/// adding a favourite already there is refused this way; counting those as
/// `DynamoDbErrors` would ring the DynamoDB alarm while DynamoDB is well.
/// (The operation's error comes type-erased: the caller downcasts it to
/// the two conditional writes jukebox makes.)
fn condition_failed(put: Option<&PutItemError>, update: Option<&UpdateItemError>) -> bool {
    put.map(PutItemError::is_conditional_check_failed_exception)
        .or(update.map(UpdateItemError::is_conditional_check_failed_exception))
        .unwrap_or(false)
}

/// `builder` with the interceptor that times its operations: what
/// [`super::client`] builds its clients with, and what tests that
/// build clients another way use to count the same.
pub fn with_timing(
    builder: aws_sdk_dynamodb::config::Builder,
) -> aws_sdk_dynamodb::config::Builder {
    builder.interceptor(StoreTiming::default())
}

/// When each operation in flight on the client started.
///
/// Operations run concurrently on one client (and one request may run two
/// at once), so the start time belongs to the operation, not the
/// interceptor. The natural home, the operation's `ConfigBag` layer, takes
/// only `Storable` types, a trait of `aws-smithy-types` that this crate does
/// not depend on directly; so the start is kept here, keyed by the address
/// of the operation's `ConfigBag`. The orchestrator creates one bag per
/// operation, inside the operation's future, and hands the same `&mut` to
/// both hooks: the address is stable for the operation's life (a pinned
/// future's locals do not move) and unique among operations in flight.
/// An operation whose future is dropped mid-flight (never reaching
/// `read_after_execution`) leaves its entry behind, and stale entries are
/// swept once there are many.
#[derive(Debug, Default)]
struct StoreTiming {
    started: Mutex<HashMap<usize, Instant>>,
}

/// More operations in flight than one Lambda process ever runs at once.
const SWEEP_AT: usize = 256;
/// Far past any operation timeout (2.5 s for listeners, 120 s for admin work).
const STALE_AFTER: Duration = Duration::from_secs(600);

fn operation_key(cfg: &ConfigBag) -> usize {
    std::ptr::from_ref(cfg) as usize
}

impl Intercept for StoreTiming {
    fn name(&self) -> &'static str {
        "JukeboxStoreTiming"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let now = Instant::now();
        let mut started = self.started.lock().unwrap_or_else(PoisonError::into_inner);
        if started.len() >= SWEEP_AT {
            started.retain(|_, start| now.duration_since(*start) < STALE_AFTER);
        }
        started.insert(operation_key(cfg), now);
        Ok(())
    }

    fn read_after_execution(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let start = self
            .started
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&operation_key(cfg));
        if let Some(start) = start {
            let ok = match context.output_or_error() {
                Some(Ok(_)) => true,
                Some(Err(err)) => err
                    .as_operation_error()
                    .is_some_and(|err| condition_failed(err.downcast_ref(), err.downcast_ref())),
                None => false,
            };
            crate::metrics::note_store_call(start.elapsed(), ok);
        }
        Ok(())
    }
}
