//! Hindi: Devanagari romanised the way Hindi is written in Latin letters
//! ("तुम ही हो" → "tum hi ho"), so a catalog in either script meets a query
//! in either; Hindi numbers, "aur".

use super::numbers::{Lexicon, Token};
use super::Rules;

use Token::{Hundred, Thousand, Value};

/// Numbers as romanised Devanagari writes them, and as listeners' Latin
/// spellings do. Hindi's numbers from 11 to 99 are each a word of their
/// own; the round ones are those titles use.
const NUMBERS: Lexicon = Lexicon {
    words: &[
        ("shunya", Value(0)),
        ("ek", Value(1)),
        ("do", Value(2)),
        ("tin", Value(3)),
        ("teen", Value(3)),
        ("char", Value(4)),
        ("chaar", Value(4)),
        ("panch", Value(5)),
        ("paanch", Value(5)),
        ("chhah", Value(6)),
        ("chhe", Value(6)),
        ("sat", Value(7)),
        ("saat", Value(7)),
        ("ath", Value(8)),
        ("aath", Value(8)),
        ("nau", Value(9)),
        ("das", Value(10)),
        ("bis", Value(20)),
        ("bees", Value(20)),
        ("pachas", Value(50)),
        ("pachaas", Value(50)),
        ("sau", Hundred),
        ("hazar", Thousand),
        ("hazaar", Thousand),
    ],
    unit_first: false,
};

pub(crate) const RULES: Rules = Rules {
    articles: &[],
    and: &["aur"],
    by: &[],
    elisions: &[],
    numbers: Some(&NUMBERS),
    adjust: None,
};

/// Whether `c` is Devanagari.
pub(crate) fn is_devanagari(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{097F}')
}

fn consonant(c: char) -> Option<&'static str> {
    Some(match c {
        'क' => "k",
        'ख' => "kh",
        'ग' => "g",
        'घ' => "gh",
        'ङ' | 'ञ' | 'ण' | 'न' | 'ऩ' => "n",
        'च' => "ch",
        'छ' => "chh",
        'ज' => "j",
        'झ' => "jh",
        'ट' | 'त' => "t",
        'ठ' | 'थ' => "th",
        'ड' | 'द' => "d",
        'ढ' | 'ध' => "dh",
        'प' => "p",
        'फ' => "ph",
        'ब' => "b",
        'भ' => "bh",
        'म' => "m",
        'य' => "y",
        'र' | 'ऱ' => "r",
        'ल' | 'ळ' | 'ऴ' => "l",
        'व' => "v",
        'श' | 'ष' => "sh",
        'स' => "s",
        'ह' => "h",
        // Precomposed nukta letters, as some keyboards write them.
        '\u{0958}' => "k",
        '\u{0959}' => "kh",
        '\u{095A}' => "g",
        '\u{095B}' => "z",
        '\u{095C}' => "r",
        '\u{095D}' => "rh",
        '\u{095E}' => "f",
        '\u{095F}' => "y",
        _ => return None,
    })
}

/// A consonant with a nukta: the sounds Hindi borrowed (ज़ z, फ़ f, ड़ r).
fn with_nukta(plain: &str) -> &'static str {
    match plain {
        "j" => "z",
        "ph" => "f",
        "d" => "r",
        "dh" => "rh",
        "kh" => "kh",
        "g" => "g",
        _ => "k",
    }
}

fn vowel(c: char) -> Option<&'static str> {
    Some(match c {
        'अ' | 'आ' | 'ा' => "a",
        'इ' | 'ई' | 'ि' | 'ी' => "i",
        'उ' | 'ऊ' | 'ु' | 'ू' => "u",
        'ऋ' | 'ृ' => "ri",
        'ए' | 'े' | 'ॅ' | 'ऍ' => "e",
        'ऐ' | 'ै' => "ai",
        'ओ' | 'ो' | 'ॉ' | 'ऑ' => "o",
        'औ' | 'ौ' => "au",
        _ => return None,
    })
}

fn is_sign(c: char) -> bool {
    matches!(c, '\u{093E}'..='\u{094C}' | '\u{0962}' | '\u{0963}')
}

/// A run of Devanagari in Latin letters. A consonant carries the inherent
/// "a" unless a vowel sign or a virama follows, and loses it at the end of
/// a word (as Hindi is said: "दिल" is "dil"), unless it is the whole word.
pub(crate) fn devanagari_to_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The last consonant still carries its inherent "a".
    let mut pending = false;
    let mut last_consonant: Option<(usize, &str)> = None;
    let mut word_start = 0;
    let flush = |out: &mut String, pending: &mut bool| {
        if std::mem::take(pending) {
            out.push('a');
        }
    };
    let end_word = |out: &mut String, pending: &mut bool, word_start: usize| {
        let voiced = out[word_start..].contains(['a', 'e', 'i', 'o', 'u']);
        if std::mem::take(pending) && !voiced {
            out.push('a');
        }
    };
    for c in text.chars() {
        match c {
            '\u{093C}' => {
                // Nukta: changes the consonant just written.
                if let Some((at, plain)) = last_consonant.take() {
                    out.truncate(at);
                    out.push_str(with_nukta(plain));
                }
            }
            '\u{094D}' => pending = false,
            '\u{0901}' | '\u{0902}' => {
                flush(&mut out, &mut pending);
                out.push('n');
            }
            '\u{0903}' => {
                flush(&mut out, &mut pending);
                out.push('h');
            }
            c if is_sign(c) => {
                pending = false;
                out.push_str(vowel(c).unwrap_or(""));
            }
            c => {
                if let Some(sound) = consonant(c) {
                    flush(&mut out, &mut pending);
                    last_consonant = Some((out.len(), sound));
                    out.push_str(sound);
                    pending = true;
                    continue;
                }
                if let Some(sound) = vowel(c) {
                    flush(&mut out, &mut pending);
                    out.push_str(sound);
                    continue;
                }
                end_word(&mut out, &mut pending, word_start);
                match c {
                    '\u{0966}'..='\u{096F}' => {
                        out.push(char::from(b'0' + (c as u32 - 0x0966) as u8))
                    }
                    _ => out.push(' '),
                }
                word_start = out.len();
            }
        }
    }
    end_word(&mut out, &mut pending, word_start);
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::read;
    use super::super::Language::Hindi;
    use super::devanagari_to_latin;

    #[test]
    fn devanagari_in_latin_letters() {
        assert_eq!(devanagari_to_latin("तुम"), "tum");
        assert_eq!(devanagari_to_latin("दिल"), "dil");
        assert_eq!(devanagari_to_latin("कल"), "kal");
        assert_eq!(devanagari_to_latin("ना"), "na");
        assert_eq!(devanagari_to_latin("छैयाँ"), "chhaiyan");
        assert_eq!(devanagari_to_latin("ज़िंदगी"), "zindagi");
        assert_eq!(devanagari_to_latin("\u{095B}िंदगी"), "zindagi");
        assert_eq!(devanagari_to_latin("प्यार"), "pyar");
        assert_eq!(devanagari_to_latin("न"), "na");
    }

    #[test]
    fn romanised_and_devanagari_meet() {
        assert_eq!(read(Hindi, "तुम ही हो"), "tum hi ho");
        assert_eq!(read(Hindi, "कल हो ना हो"), "kal ho na ho");
        assert_eq!(read(Hindi, "Kal Ho Naa Ho"), "kal ho naa ho");
    }

    #[test]
    fn numbers_and_and() {
        // Single digits join as spelled letters do in every language.
        assert_eq!(read(Hindi, "एक दो तीन"), "123");
        assert_eq!(read(Hindi, "do hazaar"), "2000");
        assert_eq!(read(Hindi, "दिल्ली ६"), "dilli 6");
        assert_eq!(read(Hindi, "shiv aur parvati"), "shiv and parvati");
    }
}
