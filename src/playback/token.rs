//! Stream tokens: `jb1.<queue id>.<position>.<track id>`. A token names the
//! queue and the position in it, so every AudioPlayer event can be matched
//! to what is playing and stale or foreign tokens are recognised.

use std::fmt;

/// Alexa's limit on a stream token's length.
pub const MAX_TOKEN_LEN: usize = 1024;

const PREFIX: &str = "jb1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamToken {
    pub queue_id: String,
    pub position: usize,
    pub track_id: String,
}

impl StreamToken {
    /// Parses a token we issued; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        if text.len() > MAX_TOKEN_LEN {
            return None;
        }
        let mut parts = text.splitn(4, '.');
        if parts.next()? != PREFIX {
            return None;
        }
        let queue_id = parts.next()?;
        let position = parts.next()?.parse().ok()?;
        let track_id = parts.next()?;
        if queue_id.is_empty() || track_id.is_empty() {
            return None;
        }
        Some(StreamToken {
            queue_id: queue_id.to_string(),
            position,
            track_id: track_id.to_string(),
        })
    }
}

impl fmt::Display for StreamToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{PREFIX}.{}.{}.{}",
            self.queue_id, self.position, self.track_id
        )
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_foreign_tokens() {
        let token = StreamToken {
            queue_id: "abc".into(),
            position: 7,
            track_id: "id.with.dots".into(),
        };
        assert_eq!(token.to_string(), "jb1.abc.7.id.with.dots");
        assert_eq!(StreamToken::parse(&token.to_string()), Some(token));
        assert_eq!(StreamToken::parse("some-other-skill-token"), None);
        assert_eq!(StreamToken::parse("jb1.abc.x.t"), None);
        assert_eq!(StreamToken::parse("jb1..1.t"), None);
        assert_eq!(
            StreamToken::parse(&format!("jb1.a.1.{}", "x".repeat(1100))),
            None
        );
        assert_eq!(new_queue_id().len(), 12);
    }
}
