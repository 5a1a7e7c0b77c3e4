//! Italian: "novantanove", "ventuno", il/lo/la/i/gli/le/l', "e", "di".

use super::numbers::{Lexicon, Token};
use super::Rules;

use Token::{Hundred, Thousand, Value};

/// Tens lose their last vowel before "uno" and "otto" ("ventuno",
/// "trentotto"), and "cento" before "ottanta": the short forms are words too.
const NUMBERS: Lexicon = Lexicon {
    words: &[
        ("zero", Value(0)),
        ("un", Value(1)),
        ("uno", Value(1)),
        ("una", Value(1)),
        ("due", Value(2)),
        ("tre", Value(3)),
        ("quattro", Value(4)),
        ("cinque", Value(5)),
        ("sei", Value(6)),
        ("sette", Value(7)),
        ("otto", Value(8)),
        ("nove", Value(9)),
        ("dieci", Value(10)),
        ("undici", Value(11)),
        ("dodici", Value(12)),
        ("tredici", Value(13)),
        ("quattordici", Value(14)),
        ("quindici", Value(15)),
        ("sedici", Value(16)),
        ("diciassette", Value(17)),
        ("diciotto", Value(18)),
        ("diciannove", Value(19)),
        ("venti", Value(20)),
        ("vent", Value(20)),
        ("trenta", Value(30)),
        ("trent", Value(30)),
        ("quaranta", Value(40)),
        ("quarant", Value(40)),
        ("cinquanta", Value(50)),
        ("cinquant", Value(50)),
        ("sessanta", Value(60)),
        ("sessant", Value(60)),
        ("settanta", Value(70)),
        ("settant", Value(70)),
        ("ottanta", Value(80)),
        ("ottant", Value(80)),
        ("novanta", Value(90)),
        ("novant", Value(90)),
        ("cento", Hundred),
        ("cent", Hundred),
        ("mille", Thousand),
        ("mila", Thousand),
    ],
    unit_first: false,
};

pub(crate) const RULES: Rules = Rules {
    articles: &["il", "lo", "la", "i", "gli", "le", "l"],
    and: &["e", "ed"],
    by: &["di"],
    elisions: &["l"],
    numbers: Some(&NUMBERS),
    adjust: None,
};

#[cfg(test)]
mod tests {
    use super::super::tests::read;
    use super::super::Language::Italian;

    #[test]
    fn numbers_said_as_words() {
        assert_eq!(read(Italian, "novantanove"), "99");
        assert_eq!(read(Italian, "novanta nove"), "99");
        assert_eq!(read(Italian, "ventuno"), "21");
        assert_eq!(read(Italian, "trentatré"), "33");
        assert_eq!(read(Italian, "millenovecentonovantanove"), "1999");
        assert_eq!(read(Italian, "duemilaventi"), "2020");
        assert_eq!(read(Italian, "cento passi"), "100 passi");
    }

    #[test]
    fn articles_elisions_and_and() {
        assert_eq!(read(Italian, "L'Italiano"), "italiano");
        assert_eq!(read(Italian, "il cielo in una stanza"), "cielo in 1 stanza");
        assert_eq!(read(Italian, "gli occhi"), "occhi");
        assert_eq!(
            read(Italian, "Albano e Romina Power"),
            "albano and romina power"
        );
    }

    #[test]
    fn diacritics_fold_both_ways() {
        assert_eq!(read(Italian, "Perché"), read(Italian, "perche"));
        assert_eq!(read(Italian, "Più bella cosa"), "piu bella cosa");
    }
}
