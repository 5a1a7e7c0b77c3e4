//! Portuguese: "noventa e nove", o/a/os/as, "e", "de"/"do"/"da".

use super::numbers::{Lexicon, Token};
use super::Rules;

use Token::{Hundred, Join, Thousand, Value};

const NUMBERS: Lexicon = Lexicon {
    words: &[
        ("zero", Value(0)),
        ("um", Value(1)),
        ("uma", Value(1)),
        ("dois", Value(2)),
        ("duas", Value(2)),
        ("tres", Value(3)),
        ("quatro", Value(4)),
        ("cinco", Value(5)),
        ("seis", Value(6)),
        ("sete", Value(7)),
        ("oito", Value(8)),
        ("nove", Value(9)),
        ("dez", Value(10)),
        ("onze", Value(11)),
        ("doze", Value(12)),
        ("treze", Value(13)),
        ("catorze", Value(14)),
        ("quatorze", Value(14)),
        ("quinze", Value(15)),
        ("dezesseis", Value(16)),
        ("dezasseis", Value(16)),
        ("dezessete", Value(17)),
        ("dezassete", Value(17)),
        ("dezoito", Value(18)),
        ("dezenove", Value(19)),
        ("dezanove", Value(19)),
        ("vinte", Value(20)),
        ("trinta", Value(30)),
        ("quarenta", Value(40)),
        ("cinquenta", Value(50)),
        ("sessenta", Value(60)),
        ("setenta", Value(70)),
        ("oitenta", Value(80)),
        ("noventa", Value(90)),
        ("cem", Hundred),
        ("cento", Hundred),
        ("duzentos", Value(200)),
        ("trezentos", Value(300)),
        ("quatrocentos", Value(400)),
        ("quinhentos", Value(500)),
        ("seiscentos", Value(600)),
        ("setecentos", Value(700)),
        ("oitocentos", Value(800)),
        ("novecentos", Value(900)),
        ("mil", Thousand),
        ("e", Join),
    ],
    unit_first: false,
};

pub(crate) const RULES: Rules = Rules {
    articles: &["o", "a", "os", "as"],
    and: &["e"],
    by: &["de", "do", "da"],
    elisions: &[],
    numbers: Some(&NUMBERS),
    adjust: None,
};

#[cfg(test)]
mod tests {
    use super::super::tests::read;
    use super::super::Language::Portuguese;

    #[test]
    fn numbers_said_as_words() {
        assert_eq!(read(Portuguese, "noventa e nove"), "99");
        assert_eq!(
            read(Portuguese, "mil novecentos e oitenta e quatro"),
            "1984"
        );
        assert_eq!(read(Portuguese, "dois e tres"), "2 and 3");
        assert_eq!(read(Portuguese, "cem anos"), "100 anos");
    }

    #[test]
    fn articles_and_and() {
        assert_eq!(read(Portuguese, "O Leãozinho"), "leaozinho");
        assert_eq!(read(Portuguese, "as rosas não falam"), "rosas nao falam");
        assert_eq!(read(Portuguese, "Tom e Vinicius"), "tom and vinicius");
    }

    #[test]
    fn diacritics_fold_both_ways() {
        assert_eq!(
            read(Portuguese, "Águas de Março"),
            read(Portuguese, "aguas de marco")
        );
    }
}
