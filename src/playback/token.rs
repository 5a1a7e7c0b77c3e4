//! Stream tokens: `jb2.<queue id>.<play>.<position>.<track id>`. A token
//! names the queue, the position in it and which play of that position it is
//! (a number counted per queue), so every AudioPlayer event can be matched
//! to what is playing and stale or foreign tokens are recognised. The play
//! number gives a track that follows itself (loop on a one-track queue) a
//! token of its own: Alexa matches `expectedPreviousToken` against the
//! current stream to order ENQUEUE against other changes, and an enqueued
//! stream with the current stream's token could not be told apart from it
//! (AudioPlayer interface reference, Play directive parameters).
//! Tokens of the first format, `jb1.<queue id>.<position>.<track id>`, still
//! parse (as play 0): a device may hold one across a deploy.

use std::fmt;

/// Alexa's limit on a stream token's length.
pub const MAX_TOKEN_LEN: usize = 1024;

const PREFIX: &str = "jb2";
const FIRST_PREFIX: &str = "jb1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamToken {
    pub queue_id: String,
    /// Which play of the queue this is: a new number for every stream sent.
    pub play: u64,
    pub position: usize,
    pub track_id: String,
}

impl StreamToken {
    /// Parses a token we issued; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        if text.len() > MAX_TOKEN_LEN {
            return None;
        }
        let mut parts = text.splitn(5, '.');
        let first_format = match parts.next()? {
            PREFIX => false,
            FIRST_PREFIX => true,
            _ => return None,
        };
        let queue_id = parts.next()?;
        let play = if first_format {
            0
        } else {
            canonical_number(parts.next()?)?
        };
        let position = usize::try_from(canonical_number(parts.next()?)?).ok()?;
        // The track id is the rest, dots and all.
        let track_id = if first_format {
            text.splitn(4, '.').nth(3)?
        } else {
            parts.next()?
        };
        if queue_id.is_empty() || track_id.is_empty() {
            return None;
        }
        Some(StreamToken {
            queue_id: queue_id.to_string(),
            play,
            position,
            track_id: track_id.to_string(),
        })
    }
}

impl fmt::Display for StreamToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{PREFIX}.{}.{}.{}.{}",
            self.queue_id, self.play, self.position, self.track_id
        )
    }
}

/// A number as we write it: ASCII digits without a sign or leading zeros,
/// so one number has exactly one spelling (`07` or `+7` are not ours).
fn canonical_number(text: &str) -> Option<u64> {
    let canonical = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    canonical.then(|| text.parse().ok()).flatten()
}

/// A new random queue id: 12 characters of base 36.
pub fn new_queue_id() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut rng = rand::rng();
    (0..12)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// What begins the id of a queue a first ask starts without writing it
/// ([`PlaybackState::asked`](super::PlaybackState::asked)): never in an id
/// of [`new_queue_id`], whose letters are digits and lowercase.
const ASK_QUEUE: &str = "a-";

/// A fresh id for the queue a first ask of the listener tagged `owner`
/// ([`ListenerKey::ask_tag`](super::ListenerKey::ask_tag)) starts at
/// `asked_us` (microseconds since the Unix epoch):
/// `a-<asked_us in base 36>-<owner><random>`. The time in the id orders the
/// ask against the stored queue when the device first reports its stream,
/// and the owner keeps another endpoint from adopting it ([`ask_of`]).
pub fn new_ask_queue_id(asked_us: u64, owner: &str) -> String {
    format!(
        "{ASK_QUEUE}{}-{owner}{}",
        base36(asked_us, 1),
        &new_queue_id()[..6]
    )
}

/// When the ask whose queue has this id was made (microseconds since the
/// Unix epoch) and whose it is (the owner's tag); `None` for any other id,
/// including the older ask queues' `a-<random>`, which were always stored
/// before their first stream.
pub fn ask_of(queue_id: &str) -> Option<(u64, &str)> {
    let (time, rest) = queue_id.strip_prefix(ASK_QUEUE)?.split_once('-')?;
    let ours = |text: &str| {
        text.bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
    };
    if !ours(time)
        || !ours(rest)
        || time.is_empty()
        || time.len() > 13
        || (time.starts_with('0') && time != "0")
        || rest.len() != 12
    {
        return None;
    }
    Some((u64::from_str_radix(time, 36).ok()?, &rest[..6]))
}

/// `n` in base 36 with lowercase letters, at least `width` digits.
pub(crate) fn base36(mut n: u64, width: usize) -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = Vec::new();
    while n > 0 || digits.len() < width.max(1) {
        digits.push(ALPHABET[(n % 36) as usize]);
        n /= 36;
    }
    digits.reverse();
    String::from_utf8(digits).expect("ASCII digits")
}

/// Whether `token` is the first stream of a queue a first ask started:
/// the stream whose events may find that queue not stored yet (or, for
/// the older ask queues, stored and still waiting for the track).
pub fn opens_ask_queue(token: &StreamToken) -> bool {
    token.queue_id.starts_with(ASK_QUEUE) && token.play == 1 && token.position == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_foreign_tokens() {
        let token = StreamToken {
            queue_id: "abc".into(),
            play: 3,
            position: 7,
            track_id: "id.with.dots".into(),
        };
        assert_eq!(token.to_string(), "jb2.abc.3.7.id.with.dots");
        assert_eq!(StreamToken::parse(&token.to_string()), Some(token));
        assert_eq!(StreamToken::parse("some-other-skill-token"), None);
        assert_eq!(StreamToken::parse("jb1.abc.x.t"), None);
        assert_eq!(StreamToken::parse("jb1..1.t"), None);
        assert_eq!(StreamToken::parse("jb2.abc.1.2."), None);
        assert_eq!(StreamToken::parse("jb3.abc.1.2.t"), None);
        assert_eq!(
            StreamToken::parse(&format!("jb1.a.1.{}", "x".repeat(1100))),
            None
        );
        assert_eq!(new_queue_id().len(), 12);
    }

    #[test]
    fn ask_queue_ids_carry_their_time_and_owner() {
        for ms in [0, 1, 35, 36, 1_765_000_000_123, u64::MAX] {
            let id = new_ask_queue_id(ms, "ab12cd");
            assert_eq!(ask_of(&id), Some((ms, "ab12cd")), "{id}");
            assert!(!id.contains('.'), "a token's parts are split at dots");
        }
        for id in [
            "a-x1y2z3w4v5u6",
            "a--ab12cdef34gh",
            "a-01-ab12cdef34gh",
            "a-Z1-ab12cdef34gh",
            "a-1-ab12cd",
            "a-1-ab12cdef34gh5",
            "b-1-ab12cdef34gh",
            "a-zzzzzzzzzzzzzz-ab12cdef34gh",
        ] {
            assert_eq!(ask_of(id), None, "{id}");
        }
        assert_eq!(base36(0, 6), "000000");
        assert_eq!(base36(36, 1), "10");
    }

    #[test]
    fn first_format_tokens_parse_as_play_zero() {
        assert_eq!(
            StreamToken::parse("jb1.abc.7.id.with.dots"),
            Some(StreamToken {
                queue_id: "abc".into(),
                play: 0,
                position: 7,
                track_id: "id.with.dots".into(),
            })
        );
    }

    #[test]
    fn numbers_have_one_spelling() {
        // Each of these names position 1 or play 1 in a spelling we never
        // write: accepting it would let two tokens name one stream.
        for token in [
            "jb2.abc.1.01.t",
            "jb2.abc.01.1.t",
            "jb2.abc.+1.1.t",
            "jb2.abc.1.+1.t",
            "jb2.abc.1. 1.t",
            "jb2.abc.1.1_0.t",
            "jb1.abc.00.t",
            "jb2.abc.1.99999999999999999999999.t",
        ] {
            assert_eq!(StreamToken::parse(token), None, "{token}");
        }
        assert_eq!(
            StreamToken::parse("jb2.abc.0.0.t").map(|t| (t.play, t.position)),
            Some((0, 0))
        );
    }
}
