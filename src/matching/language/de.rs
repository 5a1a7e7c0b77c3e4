//! German: compound numbers ("neunundneunzig", "neunzehnhundertachtzig"),
//! der/die/das, "und", "von".

use super::numbers::{Lexicon, Token};
use super::Rules;

use Token::{Hundred, Join, Thousand, Value};

/// Accents and ß are folded before reading: "fünf" is "funf", "dreißig" "dreissig".
const NUMBERS: Lexicon = Lexicon {
    words: &[
        ("null", Value(0)),
        ("ein", Value(1)),
        ("eins", Value(1)),
        ("eine", Value(1)),
        ("zwei", Value(2)),
        ("zwo", Value(2)),
        ("drei", Value(3)),
        ("vier", Value(4)),
        ("funf", Value(5)),
        ("sechs", Value(6)),
        ("sieben", Value(7)),
        ("acht", Value(8)),
        ("neun", Value(9)),
        ("zehn", Value(10)),
        ("elf", Value(11)),
        ("zwolf", Value(12)),
        ("dreizehn", Value(13)),
        ("vierzehn", Value(14)),
        ("funfzehn", Value(15)),
        ("sechzehn", Value(16)),
        ("siebzehn", Value(17)),
        ("achtzehn", Value(18)),
        ("neunzehn", Value(19)),
        ("zwanzig", Value(20)),
        ("dreissig", Value(30)),
        ("vierzig", Value(40)),
        ("funfzig", Value(50)),
        ("sechzig", Value(60)),
        ("siebzig", Value(70)),
        ("achtzig", Value(80)),
        ("neunzig", Value(90)),
        ("hundert", Hundred),
        ("tausend", Thousand),
        ("und", Join),
    ],
    unit_first: true,
};

pub(crate) const RULES: Rules = Rules {
    articles: &["der", "die", "das", "den", "dem", "des"],
    and: &["und"],
    by: &["von"],
    elisions: &[],
    numbers: Some(&NUMBERS),
    adjust: None,
};

#[cfg(test)]
mod tests {
    use super::super::tests::read;
    use super::super::Language::German;

    #[test]
    fn numbers_said_as_words() {
        assert_eq!(read(German, "neunundneunzig Luftballons"), "99 luftballons");
        assert_eq!(
            read(German, "neun und neunzig luftballons"),
            "99 luftballons"
        );
        assert_eq!(read(German, "99 Luftballons"), "99 luftballons");
        assert_eq!(read(German, "neunzehnhundertneunundneunzig"), "1999");
        assert_eq!(read(German, "zweitausendzwanzig"), "2020");
        assert_eq!(read(German, "elf"), "11");
        assert_eq!(read(German, "fünfundzwanzig"), "25");
    }

    #[test]
    fn articles_and_and() {
        assert_eq!(read(German, "Die Toten Hosen"), "toten hosen");
        assert_eq!(read(German, "die ärzte"), "arzte");
        assert_eq!(read(German, "Simon und Garfunkel"), "simon and garfunkel");
        assert_eq!(read(German, "Simon & Garfunkel"), "simon and garfunkel");
        // An English title keeps English's reading.
        assert_eq!(read(German, "the beatles"), "beatles");
    }

    #[test]
    fn diacritics_fold_both_ways() {
        assert_eq!(read(German, "Motörhead"), read(German, "motorhead"));
        assert_eq!(read(German, "Für Elise"), "fur elise");
        assert_eq!(read(German, "Straße"), "strasse");
    }
}
