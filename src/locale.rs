//! The listener's language, read from the request's `locale` (`de-DE`).
//!
//! Alexa's locales share a language per prefix: what the skill says and
//! how `jukebox chat` reads typed words depend on the language, while a
//! locale's own differences (Spain's "gramola", Mexico's "rocola") are the
//! phrase catalog's business ([`crate::skill`]'s speech).

/// A language the skill speaks: one per language of Alexa's locales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Arabic,
    Dutch,
    English,
    French,
    German,
    Hindi,
    Italian,
    Japanese,
    Portuguese,
    Spanish,
}

impl Language {
    /// Every language, in the order of their codes.
    pub const ALL: [Language; 10] = [
        Language::Arabic,
        Language::German,
        Language::English,
        Language::Spanish,
        Language::French,
        Language::Hindi,
        Language::Italian,
        Language::Japanese,
        Language::Dutch,
        Language::Portuguese,
    ];

    /// The language of a locale (`de-DE`, `pt_BR`, `JA-jp`); English for a
    /// locale the skill has no words for, and for a request without one.
    pub fn of_locale(locale: Option<&str>) -> Language {
        let code = locale
            .and_then(|l| l.split(['-', '_']).next())
            .unwrap_or("");
        Language::ALL
            .into_iter()
            .find(|language| code.eq_ignore_ascii_case(language.code()))
            .unwrap_or(Language::English)
    }

    /// The ISO 639-1 code, which names the language's files
    /// (`interaction-model/de.json`, `locales/de/jukebox.ftl`).
    pub fn code(self) -> &'static str {
        match self {
            Language::Arabic => "ar",
            Language::Dutch => "nl",
            Language::English => "en",
            Language::French => "fr",
            Language::German => "de",
            Language::Hindi => "hi",
            Language::Italian => "it",
            Language::Japanese => "ja",
            Language::Portuguese => "pt",
            Language::Spanish => "es",
        }
    }

    /// Whether the language writes words without spaces between them, so
    /// that typed text is read character by character.
    pub fn is_unspaced(self) -> bool {
        self == Language::Japanese
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_its_language_and_the_rest_english() {
        for locale in crate::voice_model::LOCALES {
            assert_eq!(
                Language::of_locale(Some(locale)).code(),
                crate::voice_model::language(locale),
                "{locale}"
            );
        }
        assert_eq!(Language::of_locale(Some("de_AT")), Language::German);
        assert_eq!(Language::of_locale(Some("JA-jp")), Language::Japanese);
        assert_eq!(Language::of_locale(Some("sv-SE")), Language::English);
        assert_eq!(Language::of_locale(Some("")), Language::English);
        assert_eq!(Language::of_locale(None), Language::English);
    }
}
