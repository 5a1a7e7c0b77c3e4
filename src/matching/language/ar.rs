//! Arabic: letter variants folded (alef with hamza or madda, alef maqsura
//! and ya, ta marbuta and ha, hamza on waw and ya, the tatweel), harakat
//! dropped, Arabic-Indic digits as digits; the prefixed article "ال" and
//! "و" ("and") read alike whether recognition writes them apart or joined.

use super::numbers::{Lexicon, Token};
use super::Rules;

use Token::{Hundred, Join, Thousand, Value};

/// Numbers as the folded letters write them ("ثلاثة" is "ثلاثه").
const NUMBERS: Lexicon = Lexicon {
    words: &[
        ("صفر", Value(0)),
        ("واحد", Value(1)),
        ("اثنين", Value(2)),
        ("اثنان", Value(2)),
        ("ثلاثه", Value(3)),
        ("اربعه", Value(4)),
        ("خمسه", Value(5)),
        ("سته", Value(6)),
        ("سبعه", Value(7)),
        ("ثمانيه", Value(8)),
        ("تسعه", Value(9)),
        ("عشره", Value(10)),
        ("عشرين", Value(20)),
        ("ثلاثين", Value(30)),
        ("اربعين", Value(40)),
        ("خمسين", Value(50)),
        ("ستين", Value(60)),
        ("سبعين", Value(70)),
        ("ثمانين", Value(80)),
        ("تسعين", Value(90)),
        ("ميه", Hundred),
        ("مئه", Hundred),
        ("مايه", Hundred),
        ("الف", Thousand),
        ("و", Join),
    ],
    unit_first: true,
};

pub(crate) const RULES: Rules = Rules {
    articles: &[],
    and: &[],
    by: &[],
    elisions: &[],
    numbers: Some(&NUMBERS),
    adjust: Some(article_and_conjunction),
};

/// Whether `c` is Arabic script this module folds.
pub(crate) fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}')
}

/// One Arabic character folded: `None` drops it.
pub(crate) fn fold(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' | 'ی' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        // Hamza alone, the tatweel, harakat and Quranic marks.
        'ء' | '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' => {
            return None
        }
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        c => c,
    })
}

/// "و" written apart joins the word after it, as Arabic writes it; the
/// article "ال" is dropped from the first word (a listener may leave it
/// out), when what remains is a word of two letters or more.
fn article_and_conjunction(words: &mut Vec<String>) {
    let mut joined: Vec<String> = Vec::with_capacity(words.len());
    let mut and = false;
    for word in words.drain(..) {
        if word == "و" {
            and = true;
            continue;
        }
        joined.push(if std::mem::take(&mut and) {
            format!("و{word}")
        } else {
            word
        });
    }
    if and {
        joined.push("و".to_string());
    }
    if let Some(first) = joined.first_mut() {
        if let Some(rest) = first.strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
            *first = rest.to_string();
        }
    }
    *words = joined;
}

#[cfg(test)]
mod tests {
    use super::super::tests::read;
    use super::super::Language::Arabic;

    #[test]
    fn letter_variants_and_harakat_fold() {
        assert_eq!(read(Arabic, "أنا لحبيبي"), read(Arabic, "انا لحبيبي"));
        assert_eq!(read(Arabic, "قارئة الفنجان"), read(Arabic, "قارئه الفنجان"));
        assert_eq!(read(Arabic, "على بالي"), read(Arabic, "علي بالي"));
        assert_eq!(read(Arabic, "حَبِيبِي"), read(Arabic, "حبيبي"));
        assert_eq!(read(Arabic, "حبيـــبي"), read(Arabic, "حبيبي"));
    }

    #[test]
    fn article_conjunction_and_numbers() {
        assert_eq!(read(Arabic, "الأماكن"), "اماكن");
        assert_eq!(read(Arabic, "الأماكن"), read(Arabic, "اماكن"));
        assert_eq!(read(Arabic, "ليلة و ليلة"), read(Arabic, "ليلة وليلة"));
        assert_eq!(read(Arabic, "تسعة وتسعين"), "99");
        assert_eq!(read(Arabic, "٩٩"), "99");
        assert_eq!(read(Arabic, "ألف ليلة وليلة"), "1000 ليله وليله");
    }
}
