//! Spanish: "noventa y nueve", "veintiuno", el/la/los/las, "y", "de".

use super::numbers::{Lexicon, Token};
use super::Rules;

use Token::{Hundred, Join, Thousand, Value};

const NUMBERS: Lexicon = Lexicon {
    words: &[
        ("cero", Value(0)),
        ("un", Value(1)),
        ("uno", Value(1)),
        ("una", Value(1)),
        ("dos", Value(2)),
        ("tres", Value(3)),
        ("cuatro", Value(4)),
        ("cinco", Value(5)),
        ("seis", Value(6)),
        ("siete", Value(7)),
        ("ocho", Value(8)),
        ("nueve", Value(9)),
        ("diez", Value(10)),
        ("once", Value(11)),
        ("doce", Value(12)),
        ("trece", Value(13)),
        ("catorce", Value(14)),
        ("quince", Value(15)),
        ("dieciseis", Value(16)),
        ("diecisiete", Value(17)),
        ("dieciocho", Value(18)),
        ("diecinueve", Value(19)),
        ("veinte", Value(20)),
        ("veinti", Value(20)),
        ("treinta", Value(30)),
        ("cuarenta", Value(40)),
        ("cincuenta", Value(50)),
        ("sesenta", Value(60)),
        ("setenta", Value(70)),
        ("ochenta", Value(80)),
        ("noventa", Value(90)),
        ("cien", Hundred),
        ("ciento", Hundred),
        ("doscientos", Value(200)),
        ("trescientos", Value(300)),
        ("cuatrocientos", Value(400)),
        ("quinientos", Value(500)),
        ("seiscientos", Value(600)),
        ("setecientos", Value(700)),
        ("ochocientos", Value(800)),
        ("novecientos", Value(900)),
        ("mil", Thousand),
        ("y", Join),
    ],
    unit_first: false,
};

pub(crate) const RULES: Rules = Rules {
    articles: &["el", "la", "los", "las"],
    and: &["y", "e"],
    by: &["de"],
    elisions: &[],
    numbers: Some(&NUMBERS),
    adjust: None,
};

#[cfg(test)]
mod tests {
    use super::super::tests::read;
    use super::super::Language::Spanish;

    #[test]
    fn numbers_said_as_words() {
        assert_eq!(read(Spanish, "noventa y nueve"), "99");
        assert_eq!(read(Spanish, "veintiuno"), "21");
        assert_eq!(read(Spanish, "cien años de soledad"), "100 anos de soledad");
        assert_eq!(read(Spanish, "ciento veinte"), "120");
        assert_eq!(read(Spanish, "mil novecientos noventa y nueve"), "1999");
        assert_eq!(read(Spanish, "dos mil veinte"), "2020");
        assert_eq!(read(Spanish, "dos y tres"), "2 and 3");
    }

    #[test]
    fn articles_and_and() {
        assert_eq!(read(Spanish, "La Bamba"), "bamba");
        assert_eq!(read(Spanish, "los lobos"), "lobos");
        assert_eq!(read(Spanish, "Simon y Garfunkel"), "simon and garfunkel");
    }

    #[test]
    fn diacritics_fold_both_ways() {
        assert_eq!(
            read(Spanish, "Corazón Espinado"),
            read(Spanish, "corazon espinado")
        );
        assert_eq!(read(Spanish, "Señor"), "senor");
    }
}
