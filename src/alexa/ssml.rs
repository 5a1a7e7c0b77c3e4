//! Speech as SSML. Every piece of catalog text goes through [`escape`], so a
//! title like "Simon & Garfunkel" or "<3" never breaks the markup.

/// Escapes text for inclusion in SSML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' => out.push(' '),
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

/// `text` cut to at most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}

impl Speech {
    pub fn new() -> Self {
        Speech::default()
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
    fn plain_text_of_tags() {
        assert_eq!(
            to_plain_text("<speak>a<break time=\"1s\"/> b &amp;amp;</speak>"),
            "a b &amp;"
        );
    }
}
