//! Dutch: "negenennegentig", "tweeëntwintig", de/het/'t, "en", "van".

use super::numbers::{Lexicon, Token};
use super::Rules;

use Token::{Hundred, Join, Thousand, Value};

/// The diaeresis of "tweeëntwintig" is folded before reading ("tweeentwintig").
const NUMBERS: Lexicon = Lexicon {
    words: &[
        ("nul", Value(0)),
        ("een", Value(1)),
        ("twee", Value(2)),
        ("drie", Value(3)),
        ("vier", Value(4)),
        ("vijf", Value(5)),
        ("zes", Value(6)),
        ("zeven", Value(7)),
        ("acht", Value(8)),
        ("negen", Value(9)),
        ("tien", Value(10)),
        ("elf", Value(11)),
        ("twaalf", Value(12)),
        ("dertien", Value(13)),
        ("veertien", Value(14)),
        ("vijftien", Value(15)),
        ("zestien", Value(16)),
        ("zeventien", Value(17)),
        ("achttien", Value(18)),
        ("negentien", Value(19)),
        ("twintig", Value(20)),
        ("dertig", Value(30)),
        ("veertig", Value(40)),
        ("vijftig", Value(50)),
        ("zestig", Value(60)),
        ("zeventig", Value(70)),
        ("tachtig", Value(80)),
        ("negentig", Value(90)),
        ("honderd", Hundred),
        ("duizend", Thousand),
        ("en", Join),
    ],
    unit_first: true,
};

pub(crate) const RULES: Rules = Rules {
    articles: &["de", "het", "t"],
    and: &["en"],
    by: &["van"],
    elisions: &[],
    numbers: Some(&NUMBERS),
    adjust: None,
};

#[cfg(test)]
mod tests {
    use super::super::tests::read;
    use super::super::Language::Dutch;

    #[test]
    fn numbers_said_as_words() {
        assert_eq!(read(Dutch, "negenennegentig"), "99");
        assert_eq!(read(Dutch, "negen en negentig"), "99");
        assert_eq!(read(Dutch, "tweeëntwintig"), "22");
        assert_eq!(read(Dutch, "achttien"), "18");
        assert_eq!(read(Dutch, "negentienhonderdvierentachtig"), "1984");
    }

    #[test]
    fn articles_and_and() {
        assert_eq!(read(Dutch, "De Dijk"), "dijk");
        assert_eq!(read(Dutch, "het is een nacht"), "is 1 nacht");
        assert_eq!(read(Dutch, "Nick en Simon"), "nick and simon");
    }

    #[test]
    fn diacritics_fold_both_ways() {
        assert_eq!(read(Dutch, "Één"), read(Dutch, "een"));
    }
}
