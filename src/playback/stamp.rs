//! When a player event happened, for putting events in order. Alexa stamps
//! every request with `timestamp`, an ISO 8601 date-time in UTC such as
//! `2016-10-27T21:06:28Z` (request and response JSON reference), which we
//! read as RFC 3339. Stamps come from outside: one that cannot be read, or
//! that lies further ahead than any clock skew, counts as "now", so a forged
//! `9999-12-31T23:59:59Z` can never make every later event look late.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// How far ahead of our clock a stamp may be before it is not believed:
/// clocks of Alexa's fleet and Lambda's agree far better than this.
pub const MAX_AHEAD_MS: i64 = 5 * 60 * 1000;

/// An event's place in time, and what was wrong with its stamp, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventTime {
    /// Milliseconds since the Unix epoch.
    pub at_ms: i64,
    pub problem: Option<StampProblem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StampProblem {
    /// Not an RFC 3339 date-time: ordered as "now".
    Unreadable,
    /// Further ahead than [`MAX_AHEAD_MS`]: ordered as "now".
    InTheFuture,
}

/// Reads `stamp`, with `now_ms` standing in for what cannot be believed.
pub fn event_time(stamp: &str, now_ms: i64) -> EventTime {
    match parse_ms(stamp) {
        Some(at_ms) if at_ms <= now_ms.saturating_add(MAX_AHEAD_MS) => EventTime {
            at_ms,
            problem: None,
        },
        Some(_) => EventTime {
            at_ms: now_ms,
            problem: Some(StampProblem::InTheFuture),
        },
        None => EventTime {
            at_ms: now_ms,
            problem: Some(StampProblem::Unreadable),
        },
    }
}

/// An RFC 3339 date-time as milliseconds since the Unix epoch.
pub fn parse_ms(stamp: &str) -> Option<i64> {
    let at = OffsetDateTime::parse(stamp, &Rfc3339).ok()?;
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()
}

/// Milliseconds since the Unix epoch as an RFC 3339 date-time in UTC.
pub fn format_ms(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|at| at.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000_000; // 2026-11-18T11:06:40Z

    #[test]
    fn stamps_are_read_as_rfc_3339() {
        assert_eq!(parse_ms("2026-11-18T11:06:40Z"), Some(NOW));
        assert_eq!(parse_ms("2026-11-18T11:06:40.250Z"), Some(NOW + 250));
        assert_eq!(parse_ms("2026-11-18T12:06:40+01:00"), Some(NOW));
        assert_eq!(format_ms(NOW + 250), "2026-11-18T11:06:40.25Z");
        assert_eq!(parse_ms(&format_ms(NOW + 250)), Some(NOW + 250));
        for bad in [
            "",
            "zzzz",
            "2026-13-01T00:00:00Z",
            "2026-11-18 11:06:40",
            "2026-11-18",
        ] {
            assert_eq!(parse_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn unreadable_and_future_stamps_count_as_now() {
        assert_eq!(
            event_time("2026-11-18T11:06:30Z", NOW),
            EventTime {
                at_ms: NOW - 10_000,
                problem: None
            }
        );
        assert_eq!(
            event_time("zzzz", NOW),
            EventTime {
                at_ms: NOW,
                problem: Some(StampProblem::Unreadable)
            }
        );
        assert_eq!(
            event_time("9999-12-31T23:59:59Z", NOW),
            EventTime {
                at_ms: NOW,
                problem: Some(StampProblem::InTheFuture)
            }
        );
        // A little skew is believed.
        assert_eq!(event_time("2026-11-18T11:07:40Z", NOW).at_ms, NOW + 60_000);
    }
}
