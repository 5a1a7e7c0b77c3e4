//! The listener's language: how a spoken query is read in it.
//!
//! A catalog is shared by listeners of every locale (a German owner's
//! catalog holds English and German titles), so the two halves of matching
//! divide the work:
//!
//! - script folding is language-neutral and applies to catalog text and
//!   heard text alike, in [`super::normalize::words`]: kana read as Latin
//!   letters ([`ja`]), Devanagari romanised ([`hi`]), Arabic letter variants
//!   and diacritics folded ([`ar`]), accents dropped, full-width letters
//!   narrowed.
//! - the rules of a language (numbers said as words, its "and", its leading
//!   articles, elided articles, the word for "by") read a text as a speaker
//!   of that language means it. A query is read with its listener's rules;
//!   at import every title, artist and album is read with each language's
//!   rules too, and each reading that differs adds a search key
//!   ([`super::index_keys`]). The key a German listener's "neunundneunzig
//!   luftballons" makes is then the German reading of "99 Luftballons",
//!   stored beside the English one; ranking reads the candidates with the
//!   listener's rules, so both sides of a comparison are read alike.
//!
//! Every language's rules include English's (numbers, word forms, "the"):
//! listeners everywhere ask for English titles.

pub(crate) mod ar;
mod de;
mod es;
mod fr;
pub(crate) mod hi;
mod it;
pub(crate) mod ja;
mod nl;
mod numbers;
mod pt;

use numbers::Lexicon;

/// The language a query is read in, from the request's locale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Language {
    #[default]
    English,
    German,
    French,
    Spanish,
    Italian,
    Portuguese,
    Dutch,
    Japanese,
    Hindi,
    Arabic,
}

impl Language {
    /// Every language with its own rules, English first.
    pub const ALL: [Language; 10] = [
        Language::English,
        Language::German,
        Language::French,
        Language::Spanish,
        Language::Italian,
        Language::Portuguese,
        Language::Dutch,
        Language::Japanese,
        Language::Hindi,
        Language::Arabic,
    ];

    /// The language of an Alexa locale ("de-DE", "fr-CA", "pt-BR"): its
    /// language part decides. A locale without rules of its own, or none,
    /// reads as English.
    pub fn from_locale(locale: &str) -> Self {
        let language = locale.split(['-', '_']).next().unwrap_or("");
        match language.to_ascii_lowercase().as_str() {
            "de" => Language::German,
            "fr" => Language::French,
            "es" => Language::Spanish,
            "it" => Language::Italian,
            "pt" => Language::Portuguese,
            "nl" => Language::Dutch,
            "ja" => Language::Japanese,
            "hi" => Language::Hindi,
            "ar" => Language::Arabic,
            _ => Language::English,
        }
    }

    pub(crate) fn rules(self) -> &'static Rules {
        match self {
            Language::English => &ENGLISH,
            Language::German => &de::RULES,
            Language::French => &fr::RULES,
            Language::Spanish => &es::RULES,
            Language::Italian => &it::RULES,
            Language::Portuguese => &pt::RULES,
            Language::Dutch => &nl::RULES,
            Language::Japanese => &ja::RULES,
            Language::Hindi => &hi::RULES,
            Language::Arabic => &ar::RULES,
        }
    }
}

/// How a language reads a text, on top of English's rules.
pub(crate) struct Rules {
    /// Leading articles a listener may leave out ("die", "les", "o").
    pub articles: &'static [&'static str],
    /// The language's "and", read as "and" ("&" in a catalog is "and").
    pub and: &'static [&'static str],
    /// The word between a title and its artist ("hey jude von den beatles").
    pub by: &'static [&'static str],
    /// Elided articles split from their word ("l'amour" → "l amour").
    pub elisions: &'static [&'static str],
    /// Numbers said as words.
    pub numbers: Option<&'static Lexicon>,
    /// A last reading of the words, for what the other fields cannot say
    /// (kanji numerals, Arabic's prefixed article and "and").
    pub adjust: Option<fn(&mut Vec<String>)>,
}

const ENGLISH: Rules = Rules {
    articles: &[],
    and: &[],
    by: &[],
    elisions: &[],
    numbers: None,
    adjust: None,
};

impl Rules {
    /// Drops a leading article when a word of more than one letter follows
    /// (a single letter may start a spelled name: "a c d c").
    pub fn drop_article(&self, words: &mut Vec<String>) {
        if words.len() > 1
            && words[1].chars().count() > 1
            && self.articles.contains(&words[0].as_str())
        {
            words.remove(0);
        }
    }

    /// Whether these rules may read `text` otherwise than English does,
    /// given its words as [`crate::matching::normalize::words`] splits
    /// them. When not, the reading is English's and need not be made:
    /// most catalog text holds none of a language's own words.
    pub fn may_differ(&self, text: &str, words: &[String]) -> bool {
        let special = |c: char| match self.adjust {
            Some(_) => !c.is_ascii(),
            None => false,
        };
        (!self.elisions.is_empty() && text.contains(['\'', '\u{2019}', '\u{2018}']))
            || text.chars().any(special)
            || words.iter().any(|word| {
                self.articles.contains(&word.as_str())
                    || self.and.contains(&word.as_str())
                    || self.numbers.is_some_and(|lexicon| lexicon.may_read(word))
            })
    }

    /// A number said at `words[i..]`, as digits, and the words it used.
    pub fn number(&self, words: &[String], i: usize) -> Option<(String, usize)> {
        self.numbers
            .and_then(|lexicon| lexicon.number(words, i))
            .map(|(value, used)| (value.to_string(), used))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::Language;
    use crate::matching::normalize::normal_words_in;

    /// The normal form of `text` read in `language`, as one string.
    pub fn read(language: Language, text: &str) -> String {
        normal_words_in(text, language).join(" ")
    }

    #[test]
    fn the_locale_names_the_language() {
        assert_eq!(Language::from_locale("de-DE"), Language::German);
        assert_eq!(Language::from_locale("fr-CA"), Language::French);
        assert_eq!(Language::from_locale("pt-BR"), Language::Portuguese);
        assert_eq!(Language::from_locale("es-US"), Language::Spanish);
        assert_eq!(Language::from_locale("ja-JP"), Language::Japanese);
        assert_eq!(Language::from_locale("hi-IN"), Language::Hindi);
        assert_eq!(Language::from_locale("ar-SA"), Language::Arabic);
        assert_eq!(Language::from_locale("en-GB"), Language::English);
        assert_eq!(Language::from_locale("sv-SE"), Language::English);
        assert_eq!(Language::from_locale(""), Language::English);
    }

    #[test]
    fn every_language_reads_english_titles_as_english_does() {
        for language in Language::ALL {
            for title in [
                "Nothing Compares 2 U",
                "nineteen seventy nine",
                "The Rolling Stones",
                "Hey Jude",
                "Sweet Child O' Mine",
            ] {
                assert_eq!(read(language, title), read(Language::English, title));
            }
        }
    }
}
