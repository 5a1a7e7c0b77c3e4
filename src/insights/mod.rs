//! What listeners asked for and did not get, and what they played: the
//! counts an owner grows a catalog from (`jukebox report misses|plays`).
//! No record holds a user or device id: a miss is its normalised query,
//! a play its track id.
//!
//! The skill notes misses, accepted offers and plays as it answers
//! ([`Note`]); [`Pending`] adds them up in memory, and the next request
//! writes them to the [`InsightsStore`] *concurrently* with its own work, so
//! counting never adds a sequential round trip to a request, and a failure
//! to count never changes an answer. The cost: a process that ends keeps
//! its last request's counts (at most a few, on Lambda where a container
//! idles out), which a report can bear.

use std::collections::HashMap;
use std::sync::Mutex;

use async_trait::async_trait;

use crate::error::StoreError;
use crate::matching::normalize::normal_words;

/// The longest query kept, in characters: what speech recognition hears is
/// a few words; longer is not speech, and would bloat the counters.
pub const MAX_QUERY_CHARS: usize = 120;

/// The most distinct entries one process adds up before a write: a burst
/// of odd queries cannot grow memory without bound (the excess is dropped
/// and logged).
pub const MAX_PENDING: usize = 1_000;

/// The longest report window, in days: the counters expire after it.
pub const MAX_DAYS: u32 = 90;

/// What the listener asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Asked {
    Song,
    Artist,
    Album,
    Playlist,
    Genre,
}

impl Asked {
    pub const ALL: [Asked; 5] = [
        Asked::Song,
        Asked::Artist,
        Asked::Album,
        Asked::Playlist,
        Asked::Genre,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Asked::Song => "song",
            Asked::Artist => "artist",
            Asked::Album => "album",
            Asked::Playlist => "playlist",
            Asked::Genre => "genre",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Asked::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// A request as the counters know it: what kind of thing, in the matcher's
/// normal form ("Purple Rain." and "purple rain" count together).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Query {
    pub asked: Asked,
    pub text: String,
}

impl Query {
    /// `None` when nothing speakable is left of what was heard.
    pub fn new(asked: Asked, what: Option<&str>, by: Option<&str>) -> Option<Self> {
        let normal =
            |text: Option<&str>| text.map(|t| normal_words(t).join(" ")).unwrap_or_default();
        let (what, by) = (normal(what), normal(by));
        let text = match (what.is_empty(), by.is_empty()) {
            (false, false) => format!("{what} by {by}"),
            (false, true) => what,
            (true, false) => by,
            (true, true) => return None,
        };
        Some(Query {
            asked,
            text: text.chars().take(MAX_QUERY_CHARS).collect(),
        })
    }
}

/// Something a request did that the owner's reports count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Nothing played of what was asked; `offered` is the "did you mean"
    /// suggestion made instead, if any ("Bohemian Rhapsody by Queen").
    Missed {
        query: Query,
        offered: Option<String>,
        /// The request's locale (`request.locale`), as [`locale_tag`] keeps it.
        locale: String,
    },
    /// The listener said yes to the suggestion made for `query`.
    OfferAccepted { query: Query },
    /// A device started playing this track (PlaybackStarted).
    PlayStarted { track_id: String },
}

/// One query's counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MissCounts {
    /// Times asked and not played.
    pub missed: u64,
    /// Of those, times a suggestion was offered.
    pub offered: u64,
    /// Times a suggestion was accepted.
    pub accepted: u64,
    /// The latest suggestion offered.
    pub suggestion: Option<String>,
    /// Seconds since the epoch.
    pub last_seen: i64,
    /// The locales the query was heard in: one count for all of them (a
    /// catalog and its misses are the same whatever the listener speaks),
    /// and the owner sees which languages ask for it.
    pub locales: std::collections::BTreeSet<String>,
}

/// A request's locale as the counters keep it: a tag such as `de-DE`
/// (letters, digits and hyphens, at most 16 characters), else `unknown`, so
/// a forged locale can neither grow an item nor reach a report unescaped.
pub fn locale_tag(locale: Option<&str>) -> String {
    match locale {
        Some(tag)
            if !tag.is_empty()
                && tag.len() <= 16
                && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
        {
            tag.to_string()
        }
        _ => "unknown".to_string(),
    }
}

/// The most locales one query's counts list: every Alexa locale.
pub const MAX_LOCALES: usize = 17;

/// One track's plays.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlayCounts {
    pub plays: u64,
    pub last_seen: i64,
}

/// Counts added up for one day (UTC), ready to be written as increments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub misses: HashMap<Query, MissCounts>,
    pub plays: HashMap<String, PlayCounts>,
}

impl Counts {
    pub fn is_empty(&self) -> bool {
        self.misses.is_empty() && self.plays.is_empty()
    }

    pub fn len(&self) -> usize {
        self.misses.len() + self.plays.len()
    }

    /// Adds a note seen at `now_s`; false when full and the note is new.
    pub fn add(&mut self, note: &Note, now_s: i64) -> bool {
        let delta = Counts::of(note, now_s);
        let new = delta.misses.keys().any(|q| !self.misses.contains_key(q))
            || delta.plays.keys().any(|t| !self.plays.contains_key(t));
        if new && self.len() >= MAX_PENDING {
            return false;
        }
        self.merge(delta);
        true
    }

    /// One note as counts, to add like any other counts.
    fn of(note: &Note, now_s: i64) -> Counts {
        let mut counts = Counts::default();
        match note {
            Note::Missed {
                query,
                offered,
                locale,
            } => {
                counts.misses.insert(
                    query.clone(),
                    MissCounts {
                        missed: 1,
                        offered: u64::from(offered.is_some()),
                        accepted: 0,
                        suggestion: offered.clone(),
                        last_seen: now_s,
                        locales: [locale.clone()].into(),
                    },
                );
            }
            Note::OfferAccepted { query } => {
                counts.misses.insert(
                    query.clone(),
                    MissCounts {
                        accepted: 1,
                        last_seen: now_s,
                        ..MissCounts::default()
                    },
                );
            }
            Note::PlayStarted { track_id } => {
                counts.plays.insert(
                    track_id.clone(),
                    PlayCounts {
                        plays: 1,
                        last_seen: now_s,
                    },
                );
            }
        }
        counts
    }

    /// Adds another day's counts into these (for reports over many days).
    pub fn merge(&mut self, other: Counts) {
        for (query, counts) in other.misses {
            let entry = self.misses.entry(query).or_default();
            entry.missed += counts.missed;
            entry.offered += counts.offered;
            entry.accepted += counts.accepted;
            if counts.last_seen >= entry.last_seen || entry.suggestion.is_none() {
                entry.suggestion = counts.suggestion.or(entry.suggestion.take());
            }
            entry.last_seen = entry.last_seen.max(counts.last_seen);
            for locale in counts.locales {
                if entry.locales.len() < MAX_LOCALES {
                    entry.locales.insert(locale);
                }
            }
        }
        for (track, counts) in other.plays {
            let entry = self.plays.entry(track).or_default();
            entry.plays += counts.plays;
            entry.last_seen = entry.last_seen.max(counts.last_seen);
        }
    }
}

/// A day, UTC, as `YYYY-MM-DD`: the counters' partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Day(time::Date);

impl Day {
    pub fn of(seconds: i64) -> Self {
        let at = time::OffsetDateTime::from_unix_timestamp(seconds)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        Day(at.date())
    }

    /// This day and the `days - 1` before it, newest first.
    pub fn window(self, days: u32) -> Vec<Day> {
        let days = days.clamp(1, MAX_DAYS);
        let mut out = Vec::with_capacity(days as usize);
        let mut day = self.0;
        for _ in 0..days {
            out.push(Day(day));
            match day.previous_day() {
                Some(previous) => day = previous,
                None => break,
            }
        }
        out
    }

    /// The day's end (the next midnight), in seconds since the epoch.
    pub fn end_s(self) -> i64 {
        self.0
            .next_day()
            .map_or(i64::MAX, |d| d.midnight().assume_utc().unix_timestamp())
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }
}

/// The port to the counters.
#[async_trait]
pub trait InsightsStore: Send + Sync {
    /// Adds these counts to `day`'s (atomic increments: concurrent writers
    /// lose nothing). A store may write entries one by one; on failure it
    /// says which entries surely did not land, so a retry never counts one
    /// twice.
    async fn add(&self, day: Day, counts: &Counts) -> Result<(), Unwritten>;
    /// These days' counts of one kind, added up.
    async fn read(&self, days: &[Day], wanted: Wanted) -> Result<Counts, StoreError>;
}

/// What a failed [`InsightsStore::add`] left undone.
#[derive(Debug)]
pub struct Unwritten {
    /// Entries the store surely did not apply (it throttled them): worth
    /// another try.
    pub retry: Counts,
    /// Entries lost: the store refused them, or their fate is unknown (a
    /// timed-out increment may have landed, and `ADD` is not idempotent, so
    /// it is not sent again: a report may miss a count, never double one).
    pub lost: usize,
    /// The first error met, for the log.
    pub error: StoreError,
}

impl Unwritten {
    /// Nothing applied and nothing worth retrying: `counts` are lost.
    pub fn all_lost(counts: &Counts, error: StoreError) -> Self {
        Unwritten {
            retry: Counts::default(),
            lost: counts.len(),
            error,
        }
    }
}

/// Which counters a report reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    Misses,
    Plays,
}

/// Notes waiting for the next write, per day.
#[derive(Debug, Default)]
pub struct Pending {
    days: Mutex<HashMap<Day, Counts>>,
}

impl Pending {
    /// Adds a request's notes. Never fails: a poisoned lock or a full
    /// buffer drops counts (and says so), never an answer.
    pub fn add(&self, notes: &[Note], now_s: i64) {
        if notes.is_empty() {
            return;
        }
        let Ok(mut days) = self.days.lock() else {
            tracing::warn!("insights buffer unusable: counts dropped");
            return;
        };
        let counts = days.entry(Day::of(now_s)).or_default();
        let dropped = notes.iter().filter(|note| !counts.add(note, now_s)).count();
        if dropped > 0 {
            tracing::warn!(dropped, "insights buffer full: counts dropped");
        }
    }

    /// Everything waiting, emptied.
    pub fn take(&self) -> Vec<(Day, Counts)> {
        match self.days.lock() {
            Ok(mut days) => days.drain().filter(|(_, c)| !c.is_empty()).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Counts a failed write gave back, kept for the next one (unless the
    /// buffer filled meanwhile).
    pub fn restore(&self, batches: Vec<(Day, Counts)>) {
        let Ok(mut days) = self.days.lock() else {
            return;
        };
        for (day, counts) in batches {
            let into = days.entry(day).or_default();
            if into.len() + counts.len() <= MAX_PENDING {
                into.merge(counts);
            } else {
                tracing::warn!("insights buffer full: counts of a failed write dropped");
            }
        }
    }
}

/// Writes `batches` (each day's counts), and gives back the entries worth
/// another try: those the store throttled, which surely did not land.
/// Entries it refused, could not reach or timed out on are dropped with a
/// log line: a broken counter store costs one failed write per request, not
/// a growing backlog, and no count is ever added twice.
pub async fn write(store: &dyn InsightsStore, batches: Vec<(Day, Counts)>) -> Vec<(Day, Counts)> {
    let writes = batches.into_iter().map(|(day, counts)| async move {
        match store.add(day, &counts).await {
            Ok(()) => None,
            Err(Unwritten { retry, lost, error }) => {
                tracing::warn!(
                    error = %crate::error::chain(&error),
                    kept = retry.len(),
                    lost,
                    "cannot write some insights counters (kept ones go with the next request)"
                );
                (!retry.is_empty()).then_some((day, retry))
            }
        }
    });
    futures::future::join_all(writes)
        .await
        .into_iter()
        .flatten()
        .collect()
}

/// A report line: a query and its counts, or a track and its plays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissLine {
    pub query: Query,
    pub counts: MissCounts,
}

/// The most asked-for misses first (then the most recent).
pub fn top_misses(counts: &Counts, limit: usize) -> Vec<MissLine> {
    let mut lines: Vec<MissLine> = counts
        .misses
        .iter()
        .filter(|(_, c)| c.missed > 0)
        .map(|(query, counts)| MissLine {
            query: query.clone(),
            counts: counts.clone(),
        })
        .collect();
    lines.sort_by(|a, b| {
        b.counts
            .missed
            .cmp(&a.counts.missed)
            .then(b.counts.last_seen.cmp(&a.counts.last_seen))
            .then(a.query.cmp(&b.query))
    });
    lines.truncate(limit);
    lines
}

/// The most played tracks first.
pub fn top_plays(counts: &Counts, limit: usize) -> Vec<(String, PlayCounts)> {
    let mut lines: Vec<(String, PlayCounts)> = counts
        .plays
        .iter()
        .map(|(id, c)| (id.clone(), c.clone()))
        .collect();
    lines.sort_by(|a, b| {
        b.1.plays
            .cmp(&a.1.plays)
            .then(b.1.last_seen.cmp(&a.1.last_seen))
            .then(a.0.cmp(&b.0))
    });
    lines.truncate(limit);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn song(text: &str) -> Query {
        Query::new(Asked::Song, Some(text), None).unwrap()
    }

    /// A store that applies every entry but those it throttles or refuses,
    /// as DynamoDB does with one `UpdateItem` per entry.
    struct Flaky {
        throttles: &'static str,
        refuses: &'static str,
        applied: Mutex<Counts>,
    }

    #[async_trait]
    impl InsightsStore for Flaky {
        async fn add(&self, _day: Day, counts: &Counts) -> Result<(), Unwritten> {
            let (mut retry, mut lost) = (Counts::default(), 0);
            for (query, miss) in &counts.misses {
                let mut one = Counts::default();
                one.misses.insert(query.clone(), miss.clone());
                if query.text == self.throttles {
                    retry.merge(one);
                } else if query.text == self.refuses {
                    lost += 1;
                } else {
                    self.applied.lock().unwrap().merge(one);
                }
            }
            if retry.is_empty() && lost == 0 {
                return Ok(());
            }
            Err(Unwritten {
                retry,
                lost,
                error: StoreError::corrupt("flaky"),
            })
        }

        async fn read(&self, _days: &[Day], _wanted: Wanted) -> Result<Counts, StoreError> {
            Ok(self.applied.lock().unwrap().clone())
        }
    }

    /// A write that partly fails gives back only what surely did not land:
    /// the entries applied are not sent again (`ADD` twice would count
    /// twice), the refused ones are dropped, the throttled ones kept.
    #[tokio::test]
    async fn a_partly_failed_write_gives_back_only_the_throttled_entries() {
        let store = Flaky {
            throttles: "b",
            refuses: "c",
            applied: Mutex::new(Counts::default()),
        };
        let day = Day::of(1_700_000_000);
        let mut counts = Counts::default();
        for text in ["a", "b", "c"] {
            counts.add(
                &Note::Missed {
                    query: song(text),
                    offered: None,
                    locale: "en-US".into(),
                },
                1_700_000_000,
            );
        }
        let kept = write(&store, vec![(day, counts)]).await;
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].0, day);
        let kept_queries: Vec<&str> = kept[0].1.misses.keys().map(|q| q.text.as_str()).collect();
        assert_eq!(kept_queries, ["b"]);
        // The next write sends "b" alone: "a" is applied once.
        store.add(day, &kept[0].1).await.unwrap_err();
        let applied = store.read(&[day], Wanted::Misses).await.unwrap();
        assert_eq!(applied.misses.len(), 1);
        assert_eq!(applied.misses[&song("a")].missed, 1);
    }

    #[test]
    fn a_locale_is_kept_only_as_a_short_tag() {
        assert_eq!(locale_tag(Some("de-DE")), "de-DE");
        for forged in [None, Some(""), Some("<b>de</b>"), Some(&"x".repeat(17)[..])] {
            assert_eq!(locale_tag(forged), "unknown", "{forged:?}");
        }
        let mut counts = Counts::default();
        for i in 0..40 {
            counts.add(
                &Note::Missed {
                    query: song("yellow"),
                    offered: None,
                    locale: format!("xx-{i}"),
                },
                0,
            );
        }
        assert_eq!(counts.misses[&song("yellow")].locales.len(), MAX_LOCALES);
    }

    #[test]
    fn a_window_is_bounded_whatever_is_asked() {
        let day = Day::of(1_700_000_000);
        assert_eq!(day.window(u32::MAX).len(), MAX_DAYS as usize);
        assert_eq!(day.window(0), vec![day]);
    }

    #[test]
    fn queries_count_under_their_normal_form() {
        assert_eq!(song("Purple Rain."), song("purple rain"));
        assert_eq!(
            Query::new(Asked::Song, Some("Purple  Rain"), Some("Prince!"))
                .unwrap()
                .text,
            "purple rain by prince"
        );
        assert_eq!(
            Query::new(Asked::Artist, None, Some("AC/DC")).unwrap().text,
            "ac dc"
        );
        assert!(Query::new(Asked::Song, Some(" ... "), None).is_none());
        let long = "la ".repeat(200);
        assert_eq!(song(&long).text.chars().count(), MAX_QUERY_CHARS);
    }

    #[test]
    fn notes_add_up_and_reports_rank_them() {
        let pending = Pending::default();
        let day = 20_000 * 86_400;
        pending.add(
            &[
                Note::Missed {
                    query: song("purple rain"),
                    offered: Some("Purple Haze by Jimi Hendrix".into()),
                    locale: "de-DE".into(),
                },
                Note::Missed {
                    query: song("Purple Rain"),
                    offered: None,
                    locale: "en-US".into(),
                },
                Note::OfferAccepted {
                    query: song("purple rain"),
                },
                Note::Missed {
                    query: song("yellow"),
                    offered: None,
                    locale: "en-US".into(),
                },
                Note::PlayStarted {
                    track_id: "t1".into(),
                },
                Note::PlayStarted {
                    track_id: "t1".into(),
                },
            ],
            day + 10,
        );
        let batches = pending.take();
        assert_eq!(batches.len(), 1);
        assert!(pending.take().is_empty());
        let (when, counts) = &batches[0];
        assert_eq!(*when, Day::of(day));
        let top = top_misses(counts, 10);
        assert_eq!(top[0].query, song("purple rain"));
        assert_eq!(
            (
                top[0].counts.missed,
                top[0].counts.offered,
                top[0].counts.accepted
            ),
            (2, 1, 1)
        );
        assert_eq!(
            top[0].counts.suggestion.as_deref(),
            Some("Purple Haze by Jimi Hendrix")
        );
        assert_eq!(top[1].query, song("yellow"));
        assert_eq!(
            top_plays(counts, 10),
            vec![(
                "t1".to_string(),
                PlayCounts {
                    plays: 2,
                    last_seen: day + 10
                }
            )]
        );
        // A failed write is kept for the next one.
        pending.restore(batches);
        assert_eq!(pending.take().len(), 1);
    }

    #[test]
    fn the_buffer_is_bounded() {
        let pending = Pending::default();
        let notes: Vec<Note> = (0..MAX_PENDING + 50)
            .map(|i| Note::Missed {
                query: song(&format!("song {i}")),
                offered: None,
                locale: "en-US".into(),
            })
            .collect();
        pending.add(&notes, 0);
        let batches = pending.take();
        assert_eq!(batches[0].1.misses.len(), MAX_PENDING);
    }

    #[test]
    fn days_and_windows() {
        let day = Day::of(1_764_115_200); // 2025-11-26T00:00:00Z
        assert_eq!(day.to_string(), "2025-11-26");
        let window = day.window(3);
        let shown: Vec<String> = window.iter().map(Day::to_string).collect();
        assert_eq!(shown, ["2025-11-26", "2025-11-25", "2025-11-24"]);
        assert_eq!(day.window(1_000).len(), MAX_DAYS as usize);
        assert_eq!(day.end_s(), 1_764_115_200 + 86_400);
    }
}
