//! French: "quatre-vingt-dix-neuf", "soixante et onze", le/la/les/l',
//! "et", "de"/"par".

use super::numbers::{Lexicon, Token};
use super::Rules;

use Token::{Hundred, Join, Thousand, Value};

/// Hyphens split words before reading, so "quatre-vingt-dix-neuf" arrives
/// as four words and is read as one run ("quatrevingtdixneuf").
const NUMBERS: Lexicon = Lexicon {
    words: &[
        ("zero", Value(0)),
        ("un", Value(1)),
        ("une", Value(1)),
        ("deux", Value(2)),
        ("trois", Value(3)),
        ("quatre", Value(4)),
        ("cinq", Value(5)),
        ("six", Value(6)),
        ("sept", Value(7)),
        ("huit", Value(8)),
        ("neuf", Value(9)),
        ("dix", Value(10)),
        ("onze", Value(11)),
        ("douze", Value(12)),
        ("treize", Value(13)),
        ("quatorze", Value(14)),
        ("quinze", Value(15)),
        ("seize", Value(16)),
        ("dixsept", Value(17)),
        ("dixhuit", Value(18)),
        ("dixneuf", Value(19)),
        ("vingt", Value(20)),
        ("vingts", Value(20)),
        ("trente", Value(30)),
        ("quarante", Value(40)),
        ("cinquante", Value(50)),
        ("soixante", Value(60)),
        ("septante", Value(70)),
        ("quatrevingt", Value(80)),
        ("quatrevingts", Value(80)),
        ("huitante", Value(80)),
        ("nonante", Value(90)),
        ("cent", Hundred),
        ("cents", Hundred),
        ("mille", Thousand),
        ("et", Join),
    ],
    unit_first: false,
};

pub(crate) const RULES: Rules = Rules {
    articles: &["le", "la", "les", "l"],
    and: &["et"],
    by: &["de", "par"],
    elisions: &["l"],
    numbers: Some(&NUMBERS),
    adjust: None,
};

#[cfg(test)]
mod tests {
    use super::super::tests::read;
    use super::super::Language::French;

    #[test]
    fn numbers_said_as_words() {
        assert_eq!(read(French, "quatre-vingt-dix-neuf"), "99");
        assert_eq!(
            read(French, "quatre vingt dix neuf luftballons"),
            "99 luftballons"
        );
        assert_eq!(read(French, "soixante et onze"), "71");
        assert_eq!(read(French, "soixante-dix"), "70");
        assert_eq!(read(French, "vingt et un"), "21");
        assert_eq!(read(French, "mille neuf cent quatre-vingt-quatre"), "1984");
        assert_eq!(read(French, "deux mille vingt"), "2020");
        assert_eq!(read(French, "trois cafés gourmands"), "3 cafes gourmands");
    }

    #[test]
    fn articles_elisions_and_and() {
        assert_eq!(read(French, "L'Aventurier"), "aventurier");
        assert_eq!(read(French, "l aventurier"), "aventurier");
        assert_eq!(read(French, "La Vie en rose"), "vie en rose");
        assert_eq!(read(French, "les rita mitsouko"), "rita mitsouko");
        assert_eq!(read(French, "Simon et Garfunkel"), "simon and garfunkel");
    }

    #[test]
    fn diacritics_fold_both_ways() {
        assert_eq!(read(French, "Édith Piaf"), read(French, "edith piaf"));
        assert_eq!(
            read(French, "Non, je ne regrette rien"),
            "non je ne regrette rien"
        );
    }
}
