//! Speech as SSML. Every piece of catalog text goes through [`escape`], so a
//! title like "Simon & Garfunkel" or "<3" never breaks the markup.

/// Whether SSML and cards may carry `c`: a character XML 1.0 allows
/// (W3C XML 1.0, section 2.2 "Characters": tab, line feed, carriage return,
/// U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and up), and not another control
/// character (C1 controls are allowed by XML but mean nothing to speech).
pub fn is_speakable(c: char) -> bool {
    matches!(c, '\n' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !(c.is_control() && c != '\n')
}

/// Escapes text for inclusion in SSML; characters XML forbids become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if !is_speakable(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A sentence being built: fixed wording plus escaped catalog text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Speech {
    inner: String,
}

/// The most characters of one catalog or listener string that speech and
/// cards carry (a title, an artist): far below Alexa's 8,000-character
/// limits even with several in one sentence.
pub const MAX_SPOKEN_TEXT: usize = 300;

/// `text` for speech or a card: characters XML forbids as spaces, cut to
/// at most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let clean = |c: char| if is_speakable(c) { c } else { ' ' };
    if text.chars().count() <= max {
        return text.chars().map(clean).collect();
    }
    let mut short: String = text
        .chars()
        .take(max.saturating_sub(1))
        .map(clean)
        .collect();
    short.push('…');
    short
}

impl Speech {
    pub fn new() -> Self {
        Speech::default()
    }

    /// SSML already escaped piece by piece: a message of the phrase
    /// catalog, its wording and each of its variables escaped apart.
    pub fn from_escaped(ssml: String) -> Self {
        Speech { inner: ssml }
    }

    /// Our own wording (trusted, still escaped for safety).
    pub fn say(mut self, text: &str) -> Self {
        self.inner.push_str(&escape(text));
        self
    }

    /// Text from the catalog or the listener, always escaped, and shortened
    /// to [`MAX_SPOKEN_TEXT`] characters so no title can push a response past
    /// Alexa's limits (8,000 characters of speech, 24 KB a response).
    pub fn text(self, text: &str) -> Self {
        self.say(&shorten(text, MAX_SPOKEN_TEXT))
    }

    /// This speech, a pause, then `next` (already escaped).
    pub fn then(mut self, next: &Speech) -> Self {
        self.inner.push(' ');
        self.inner.push_str(&next.inner);
        self
    }

    /// The finished `<speak>` document.
    pub fn to_ssml(&self) -> String {
        format!("<speak>{}</speak>", self.inner)
    }

    /// The plain text, as a card or a terminal shows it.
    pub fn to_plain(&self) -> String {
        to_plain_text(&self.to_ssml())
    }
}

impl From<&str> for Speech {
    fn from(text: &str) -> Self {
        Speech::new().say(text)
    }
}

/// Renders SSML as plain text: tags dropped, entities decoded.
pub fn to_plain_text(ssml: &str) -> String {
    let mut out = String::with_capacity(ssml.len());
    let mut in_tag = false;
    for c in ssml.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_catalog_text() {
        let speech = Speech::new()
            .say("Playing ")
            .text("Bridge <Over> \"Troubled\" Water")
            .say(" by ")
            .text("Simon & Garfunkel's");
        assert_eq!(
            speech.to_ssml(),
            "<speak>Playing Bridge &lt;Over&gt; &quot;Troubled&quot; Water by Simon &amp; Garfunkel&apos;s</speak>"
        );
        assert_eq!(
            speech.to_plain(),
            "Playing Bridge <Over> \"Troubled\" Water by Simon & Garfunkel's"
        );
    }

    #[test]
    fn characters_xml_forbids_never_reach_speech_or_cards() {
        // U+FFFE and U+FFFF, like control characters, make SSML that XML
        // parsers reject.
        let hostile = "a\u{FFFE}b\u{FFFF}c\u{0}d\u{1B}e\u{85}f\tg";
        let speech = Speech::new().text(hostile).to_ssml();
        assert_eq!(speech, "<speak>a b c d e f g</speak>");
        assert_eq!(shorten(hostile, 100), "a b c d e f g");
        assert!("Björk 日本 \u{10330}".chars().all(is_speakable));
        assert_eq!(shorten("Björk 日本 \u{10330}", 100), "Björk 日本 \u{10330}");
    }

    #[test]
    fn plain_text_of_tags() {
        assert_eq!(
            to_plain_text("<speak>a<break time=\"1s\"/> b &amp;amp;</speak>"),
            "a b &amp;"
        );
    }
}
