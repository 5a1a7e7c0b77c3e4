//! The error the ports that keep or sign data share (catalog, playback,
//! favourites, insights, profile cache, allow-list, media signer): a store
//! could not answer. Neutral ground, so every port and every adapter can
//! name it without depending on one another. Adapters keep the underlying
//! error as a typed `source` (the SDK's error, with its request id and
//! code) instead of flattening it into a string.

/// Any error an adapter wraps: the SDK's, serde's, a poisoned lock's.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A store failed to answer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The store refused for now (DynamoDB throttling): worth a later retry.
    #[error("the store is throttling requests ({operation})")]
    Throttled {
        operation: String,
        #[source]
        source: Cause,
    },
    /// No answer within the deadline.
    #[error("the store did not answer in time ({operation})")]
    Timeout {
        operation: String,
        #[source]
        source: Cause,
    },
    /// Unreachable, or failed for another reason.
    #[error("the store is unreachable or failed ({operation})")]
    Unavailable {
        operation: String,
        #[source]
        source: Cause,
    },
    /// An item the store holds cannot be read back.
    #[error("a stored item is malformed ({what})")]
    Corrupt {
        what: String,
        #[source]
        source: Option<Cause>,
    },
}

impl StoreError {
    /// A malformed item with nothing underneath (a field missing).
    pub fn corrupt(what: impl Into<String>) -> Self {
        StoreError::Corrupt {
            what: what.into(),
            source: None,
        }
    }

    /// A malformed item, with the parser's error as the cause.
    pub fn corrupt_because(what: impl Into<String>, source: impl Into<Cause>) -> Self {
        StoreError::Corrupt {
            what: what.into(),
            source: Some(source.into()),
        }
    }
}

/// The error and its causes, outermost first, as one log field.
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cause_is_kept_and_chained() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
        let err = StoreError::Unavailable {
            operation: "GetItem on playback".into(),
            source: Box::new(io),
        };
        assert!(std::error::Error::source(&err).is_some());
        assert_eq!(
            chain(&err),
            "the store is unreachable or failed (GetItem on playback): connection refused"
        );
        assert_eq!(
            chain(&StoreError::corrupt("item without a version")),
            "a stored item is malformed (item without a version)"
        );
    }
}
