//! Text as speech recognition and catalogs write it, brought to one form:
//! lowercase ASCII words without accents or punctuation, numbers as digits,
//! spelled-out letters joined, abbreviations and sound-alike spellings of
//! common words unified. Applied alike to catalog text and to what the
//! listener said, so the two meet in the middle. Text in kana, Devanagari
//! or Arabic script is folded to one form first (see [`super::language`]);
//! a language's own reading of words comes on top ([`normal_words_in`]).

use unicode_normalization::UnicodeNormalization;

use super::language::{ar, hi, ja, Language};

/// Words a listener may say for a catalog's abbreviation, or the other way round.
const WORD_FORMS: &[(&str, &str)] = &[
    ("mr", "mister"),
    ("mrs", "missus"),
    ("ms", "miss"),
    ("dr", "doctor"),
    ("st", "saint"),
    ("vs", "versus"),
    ("feat", "featuring"),
    ("ft", "featuring"),
    ("pt", "part"),
    ("vol", "volume"),
    ("jr", "junior"),
    ("sgt", "sergeant"),
    ("mt", "mount"),
    ("sr", "senior"),
    ("n", "and"),
    ("you", "u"),
    ("ya", "u"),
    ("are", "r"),
    ("to", "2"),
    ("too", "2"),
    ("for", "4"),
    ("okay", "ok"),
    ("o", "of"),
    ("ol", "old"),
    ("til", "until"),
    ("till", "until"),
    ("nothin", "nothing"),
    ("somethin", "something"),
];

/// Leading words that a listener often leaves out (or adds).
const ARTICLES: &[&str] = &["the", "a", "an"];

const UNITS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const TEENS: &[&str] = &[
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Splits text into lowercase ASCII words: accents dropped, `&` and `+`
/// read as "and", `$` in a word as "s" and `!` in a word as "i" (Ke$ha,
/// P!nk), apostrophes joined (don't → dont), other punctuation a break.
/// `number.` before a digit reads as "number" (No. 1).
pub fn words(text: &str) -> Vec<String> {
    words_split(text, &[])
}

/// Text with kana and Devanagari in Latin letters and Arabic letters
/// folded; `None` when it holds none of them (most text: nothing to do).
fn fold_scripts(text: &str) -> Option<String> {
    let special = |c: char| {
        ja::is_kana(c)
            || hi::is_devanagari(c)
            || ar::is_arabic(c)
            || matches!(c, '\u{FF61}'..='\u{FF9F}')
    };
    if !text.chars().any(special) {
        return None;
    }
    // Kana composed first: a voiced kana and its half-width form become
    // one character. Devanagari and Arabic are read as they come.
    let kana = |c: char| ja::is_kana(c) || matches!(c, '\u{FF61}'..='\u{FF9F}');
    let composed: String = match text.chars().any(kana) {
        true => text.nfkc().collect(),
        false => text.to_string(),
    };
    let mut out = String::with_capacity(composed.len());
    let mut run = String::new();
    let mut kind = 0u8;
    let flush = |run: &mut String, kind: u8, out: &mut String| {
        match kind {
            1 => out.push_str(&ja::kana_to_latin(run)),
            2 => out.push_str(&hi::devanagari_to_latin(run)),
            _ => out.push_str(run),
        }
        run.clear();
    };
    for c in composed.chars() {
        let this = if ja::is_kana(c) {
            1
        } else if hi::is_devanagari(c) {
            2
        } else {
            0
        };
        if this != kind {
            flush(&mut run, kind, &mut out);
            kind = this;
        }
        if ar::is_arabic(c) {
            run.extend(ar::fold(c));
        } else {
            run.push(c);
        }
    }
    flush(&mut run, kind, &mut out);
    Some(out)
}

/// [`words`], with the elided articles `elisions` split from the word they
/// lean on ("l'amour" → "l", "amour") where a language says so.
fn words_split(text: &str, elisions: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let folded = fold_scripts(text);
    let text = folded.as_deref().unwrap_or(text);
    let chars: Vec<char> = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    let flush = |current: &mut String, words: &mut Vec<String>| {
        if !current.is_empty() {
            words.push(std::mem::take(current));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        let next_is_alnum = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        match c {
            c if c.is_alphanumeric() => {
                for lower in c.to_lowercase() {
                    match lower {
                        'ß' => current.push_str("ss"),
                        'æ' => current.push_str("ae"),
                        'œ' => current.push_str("oe"),
                        'ø' => current.push('o'),
                        'ð' => current.push('d'),
                        'þ' => current.push_str("th"),
                        'ł' => current.push('l'),
                        l if l.is_ascii() => current.push(l),
                        _ => current.push(lower),
                    }
                }
            }
            '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => {
                if elisions.contains(&current.as_str()) {
                    flush(&mut current, &mut words);
                }
            }
            '$' if !current.is_empty() || next_is_alnum => current.push('s'),
            '!' if !current.is_empty() && next_is_alnum => current.push('i'),
            '&' | '+' => {
                flush(&mut current, &mut words);
                words.push("and".to_string());
            }
            '.' if current == "no"
                && chars[i + 1..]
                    .iter()
                    .find(|c| !c.is_whitespace())
                    .is_some_and(|c| c.is_ascii_digit()) =>
            {
                current = "number".to_string();
                flush(&mut current, &mut words);
            }
            _ => flush(&mut current, &mut words),
        }
    }
    flush(&mut current, &mut words);
    words
}

fn unit(word: &str) -> Option<u64> {
    UNITS.iter().position(|u| *u == word).map(|v| v as u64)
}

fn teen(word: &str) -> Option<u64> {
    TEENS.iter().position(|u| *u == word).map(|v| v as u64 + 10)
}

fn tens(word: &str) -> Option<u64> {
    TENS.iter()
        .position(|u| !u.is_empty() && *u == word)
        .map(|v| v as u64 * 10)
}

/// A number below 100 spoken as words at `words[i..]`: (value, words used).
fn below_hundred(words: &[String], i: usize) -> Option<(u64, usize)> {
    let word = words.get(i)?.as_str();
    if let Some(t) = tens(word) {
        if let Some(u) = words.get(i + 1).and_then(|w| unit(w)).filter(|u| *u > 0) {
            return Some((t + u, 2));
        }
        return Some((t, 1));
    }
    teen(word).or_else(|| unit(word)).map(|v| (v, 1))
}

/// Skips a British "and" inside a number ("one hundred and one") when a
/// number word follows it.
fn and_then_number(words: &[String], at: usize) -> usize {
    if words.get(at).map(String::as_str) == Some("and") && below_hundred(words, at + 1).is_some() {
        at + 1
    } else {
        at
    }
}

/// A spoken number at `words[i..]`, as the digits a catalog would write:
/// cardinals ("one hundred twenty three", "two thousand"), and years read
/// in pairs ("nineteen seventy nine", "twenty twenty", "nineteen oh five").
fn spoken_number(words: &[String], i: usize) -> Option<(String, usize)> {
    let (first, mut used) = below_hundred(words, i)?;
    // Years: two pairs of digits.
    if (10..100).contains(&first) {
        if let Some((second, more)) =
            below_hundred(words, i + used).filter(|(v, _)| (10..100).contains(v))
        {
            return Some((format!("{}", first * 100 + second), used + more));
        }
        if words.get(i + used).map(String::as_str) == Some("oh") {
            if let Some((second, more)) =
                below_hundred(words, i + used + 1).filter(|(v, _)| *v < 10)
            {
                return Some((format!("{}", first * 100 + second), used + 1 + more));
            }
        }
    }
    let mut value = first;
    if words.get(i + used).map(String::as_str) == Some("hundred") {
        value *= 100;
        used += 1;
        let at = and_then_number(words, i + used);
        if let Some((rest, more)) = below_hundred(words, at) {
            value += rest;
            used = at - i + more;
        }
    }
    if words.get(i + used).map(String::as_str) == Some("thousand") {
        value *= 1000;
        used += 1;
        let at = and_then_number(words, i + used);
        if let Some((hundreds, more)) = below_hundred(words, at) {
            if words.get(at + more).map(String::as_str) == Some("hundred") {
                value += hundreds * 100;
                used = at - i + more + 1;
                let at = and_then_number(words, i + used);
                if let Some((rest, more)) = below_hundred(words, at) {
                    value += rest;
                    used = at - i + more;
                }
            } else {
                value += hundreds;
                used = at - i + more;
            }
        }
    }
    Some((value.to_string(), used))
}

/// A digit between letters reads as its sound (sk8er → skater, l8r → later);
/// "U2" or "Blink 182" keep their digits.
fn sound_out_digits(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let inside = |i: usize| {
        i > 0
            && i + 1 < chars.len()
            && chars[i - 1].is_ascii_alphabetic()
            && chars[i + 1].is_ascii_alphabetic()
    };
    if !(0..chars.len()).any(|i| chars[i].is_ascii_digit() && inside(i)) {
        return word.to_string();
    }
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let sound = match c {
            '0' => "o",
            '1' => "i",
            '2' => "to",
            '3' => "e",
            '4' => "for",
            '5' => "s",
            '8' => "ate",
            _ => "",
        };
        if sound.is_empty() || !inside(i) {
            out.push(c);
            continue;
        }
        // "sk8er" is "skater", not "skateer": the sound's last letter merges with the next.
        let sound = if sound.ends_with(chars[i + 1]) {
            &sound[..sound.len() - 1]
        } else {
            sound
        };
        out.push_str(sound);
    }
    out
}

/// The normal form of a text as words: numbers as digits, word forms
/// unified, runs of single letters joined ("a c d c" → "acdc", "b i g" →
/// "big", "u 2" → "u2"), a leading article dropped.
pub fn normal_words(text: &str) -> Vec<String> {
    normal_words_in(text, Language::English)
}

/// [`normal_words`] as a speaker of `language` means the text: its numbers
/// said as words, its "and", its leading articles, on top of English's
/// reading (listeners everywhere ask for English titles).
pub fn normal_words_in(text: &str, language: Language) -> Vec<String> {
    let rules = language.rules();
    let mut raw = words_split(text, rules.elisions);
    if let Some(adjust) = rules.adjust {
        adjust(&mut raw);
    }
    rules.drop_article(&mut raw);
    let mut spoken: Vec<String> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if let Some((digits, used)) = rules.number(&raw, i).or_else(|| spoken_number(&raw, i)) {
            spoken.push(digits);
            i += used;
        } else if rules.and.contains(&raw[i].as_str()) {
            spoken.push("and".to_string());
            i += 1;
        } else {
            let word = sound_out_digits(&raw[i]);
            spoken.push(
                WORD_FORMS
                    .iter()
                    .find(|(from, _)| *from == word)
                    .map_or(word, |(_, to)| to.to_string()),
            );
            i += 1;
        }
    }
    let mut joined: Vec<String> = Vec::with_capacity(spoken.len());
    let mut run: Vec<String> = Vec::new();
    for word in spoken.into_iter().chain(std::iter::once(String::new())) {
        if word.len() == 1 {
            run.push(word);
            continue;
        }
        match run.len() {
            0 => {}
            1 => joined.append(&mut run),
            _ => joined.push(std::mem::take(&mut run).concat()),
        }
        if !word.is_empty() {
            joined.push(word);
        }
    }
    if joined.len() > 1 && ARTICLES.contains(&joined[0].as_str()) {
        joined.remove(0);
    }
    joined
}

/// The words joined without spaces: "ac dc" and "a c d c" meet here.
pub fn compact(words: &[String]) -> String {
    words.concat()
}

/// Words that carry little for finding a title on their own.
pub fn is_significant(word: &str) -> bool {
    const STOP: &[&str] = &[
        "the", "a", "an", "of", "in", "on", "and", "or", "at", "by", "my", "me", "i", "it", "is",
        "u", "r", "2", "4", "de", "la", "le", "el", "en", "y", "with", "from", "your", "this",
        "that", "all", "be", "no",
    ];
    word.len() >= 3 && !STOP.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> String {
        normal_words(text).join(" ")
    }

    #[test]
    fn punctuation_case_accents_symbols() {
        assert_eq!(n("Hips Don't Lie"), "hips dont lie");
        assert_eq!(n("Beyoncé"), "beyonce");
        assert_eq!(n("Sigur Rós"), "sigur ros");
        assert_eq!(n("Für Elise"), "fur elise");
        assert_eq!(n("P!nk"), "pink");
        assert_eq!(n("Ke$ha"), "kesha");
        assert_eq!(n("Simon & Garfunkel"), "simon and garfunkel");
        assert_eq!(n("Guns N' Roses"), "guns and roses");
        assert_eq!(n("guns and roses"), "guns and roses");
        assert_eq!(n("Paint It, Black"), "paint it black");
    }

    #[test]
    fn numbers_both_ways() {
        assert_eq!(n("nineteen seventy nine"), "1979");
        assert_eq!(n("nineteen ninety nine"), "1999");
        assert_eq!(n("ninety nine problems"), "99 problems");
        assert_eq!(n("four minutes"), "4 minutes");
        assert_eq!(n("one hundred years"), "100 years");
        assert_eq!(n("twenty one pilots"), "21 pilots");
        assert_eq!(n("two thousand and one"), "2001");
        assert_eq!(n("one hundred and one dalmatians"), "101 dalmatians");
        assert_eq!(n("rock and roll"), "rock and roll");
        assert_eq!(n("nineteen eighty-four"), "1984");
        assert_eq!(n("nineteen oh five"), "1905");
        assert_eq!(n("No. 1"), "number 1");
        assert_eq!(n("No Doubt"), "no doubt");
    }

    #[test]
    fn letters_abbreviations_and_sounds() {
        assert_eq!(n("a c d c"), "acdc");
        assert_eq!(n("AC/DC"), "ac dc");
        assert_eq!(n("Sweet Child O' Mine"), "sweet child of mine");
        assert_eq!(n("like a prayer"), "like a prayer");
        assert_eq!(
            compact(&normal_words("AC/DC")),
            compact(&normal_words("a c d c"))
        );
        assert_eq!(
            compact(&normal_words("U2")),
            compact(&normal_words("u two"))
        );
        assert_eq!(n("The Notorious B.I.G."), "notorious big");
        assert_eq!(n("notorious big"), "notorious big");
        assert_eq!(n("Ms. Jackson"), n("miss jackson"));
        assert_eq!(n("Mr. Brightside"), n("mister brightside"));
        assert_eq!(n("Sk8er Boi"), "skater boi");
        assert_eq!(n("you can't touch this"), n("U Can't Touch This"));
        assert_eq!(n("The Rolling Stones"), "rolling stones");
        assert_eq!(n("Nothing Compares 2 U"), n("nothing compares to you"));
    }
}
