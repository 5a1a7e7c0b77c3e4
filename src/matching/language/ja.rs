//! Japanese: kana read as Latin letters (so hiragana, katakana, half-width
//! katakana and a romaji reading meet, and a katakana title like
//! "ボヘミアン・ラプソディ" sounds like "Bohemian Rhapsody"), the long-vowel
//! mark dropped, ヴ read as ブ, kanji numerals as digits, ザ ("the") as an
//! article.
//!
//! Width folding (full-width Latin letters and digits, half-width
//! katakana) is Unicode's compatibility normalisation, done before this.

use super::Rules;

pub(crate) const RULES: Rules = Rules {
    articles: &["za"],
    and: &["ando"],
    by: &[],
    elisions: &[],
    numbers: None,
    adjust: Some(kanji_numerals),
};

/// Whether `c` is kana this module reads (hiragana, katakana, the
/// long-vowel mark).
pub(crate) fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}')
}

/// Hiragana U+3041..=U+3096 in order; a leading `_` marks a small kana,
/// which changes the syllable before it.
const SYLLABLES: [&str; 86] = [
    "_a", "a", "_i", "i", "_u", "u", "_e", "e", "_o", "o", // ぁ..お
    "ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go", // か..ご
    "sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo", // さ..ぞ
    "ta", "da", "chi", "ji", "_tsu", "tsu", "zu", "te", "de", "to", "do", // た..ど
    "na", "ni", "nu", "ne", "no", // な..の
    "ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo",
    "po", // は..ぽ
    "ma", "mi", "mu", "me", "mo", // ま..も
    "_ya", "ya", "_yu", "yu", "_yo", "yo", // ゃ..よ
    "ra", "ri", "ru", "re", "ro", // ら..ろ
    // ゔ reads as ぶ: Japanese writes loanwords either way (ヴァイオリン, バイオリン).
    "_wa", "wa", "i", "e", "o", "n", "bu", "ka", "ke", // ゎ..ゖ
];

/// The syllable of a kana: katakana read as the hiragana it pairs with.
fn syllable(c: char) -> Option<&'static str> {
    let code = match c {
        '\u{3041}'..='\u{3096}' => c as u32,
        '\u{30A1}'..='\u{30F6}' => c as u32 - 0x60,
        '\u{30F7}' => return Some("ba"),
        '\u{30F8}' => return Some("bi"),
        '\u{30F9}' => return Some("be"),
        '\u{30FA}' => return Some("bo"),
        _ => return None,
    };
    Some(SYLLABLES[(code - 0x3041) as usize])
}

/// A run of kana in Latin letters: "ボヘミアン" → "bohemian", "きょう" →
/// "kyou", "ティー" → "ti", "ロック" → "rokku".
pub(crate) fn kana_to_latin(kana: &str) -> String {
    let mut out = String::with_capacity(kana.len());
    let mut last = "";
    let mut double = false;
    for c in kana.chars() {
        let Some(syllable) = syllable(c) else {
            // The long-vowel mark: loanwords are matched with their English
            // spelling, which does not write the vowel twice.
            continue;
        };
        match syllable.strip_prefix('_') {
            Some("tsu") => {
                double = true;
                continue;
            }
            Some(small @ ("ya" | "yu" | "yo")) if last.ends_with('i') && last.len() > 1 => {
                // きゃ kya, しゃ sha, ちゃ cha, じゃ ja.
                out.pop();
                if out.ends_with("sh") || out.ends_with("ch") || out.ends_with('j') {
                    out.push_str(&small[1..]);
                } else {
                    out.push_str(small);
                }
            }
            Some(vowel) if last == "u" => {
                // ウィ wi, ウェ we.
                out.pop();
                out.push('w');
                out.push_str(vowel.trim_start_matches('w'));
            }
            Some(vowel) if !last.is_empty() && vowel.len() == 1 => {
                // ファ fa, ティ ti, シェ she: the small vowel replaces the last.
                out.pop();
                out.push_str(vowel);
            }
            Some(other) => out.push_str(other),
            None => {
                if double {
                    match syllable.as_bytes()[0] {
                        b'c' => out.push('t'),
                        b'a' | b'i' | b'u' | b'e' | b'o' | b'n' => {}
                        first => out.push(first as char),
                    }
                }
                out.push_str(syllable);
            }
        }
        double = false;
        last = syllable;
    }
    out
}

/// Kanji numerals as digits, inside the words they are part of:
/// "九十九" → "99", "二〇二〇" → "2020", "百万回の" → "100万回no".
// The type of every language's `adjust`; Arabic's changes how many words there are.
#[allow(clippy::ptr_arg)]
fn kanji_numerals(words: &mut Vec<String>) {
    for word in words.iter_mut() {
        if !word
            .chars()
            .any(|c| kanji_digit(c).is_some() || kanji_power(c).is_some())
        {
            continue;
        }
        let mut out = String::with_capacity(word.len());
        let mut run: Vec<char> = Vec::new();
        for c in word.chars().chain(std::iter::once(' ')) {
            if kanji_digit(c).is_some() || kanji_power(c).is_some() {
                run.push(c);
                continue;
            }
            if !run.is_empty() {
                out.push_str(&read_kanji_number(&run));
                run.clear();
            }
            if c != ' ' {
                out.push(c);
            }
        }
        *word = out;
    }
}

fn kanji_digit(c: char) -> Option<u64> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|d| d as u64)
}

fn kanji_power(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// A run of kanji numerals: with 十/百/千 as a number ("九十九" 99), without
/// them digit by digit ("二〇二〇" 2020).
fn read_kanji_number(run: &[char]) -> String {
    if run.iter().all(|c| kanji_power(*c).is_none()) {
        return run
            .iter()
            .filter_map(|c| kanji_digit(*c))
            .map(|d| d.to_string())
            .collect();
    }
    let (mut total, mut digit) = (0u64, 0u64);
    for c in run {
        match (kanji_digit(*c), kanji_power(*c)) {
            (Some(d), _) => digit = d,
            (_, Some(power)) => {
                total += digit.max(1) * power;
                digit = 0;
            }
            _ => {}
        }
    }
    (total + digit).to_string()
}

#[cfg(test)]
mod tests {
    use super::super::tests::read;
    use super::super::Language::Japanese;
    use super::kana_to_latin;

    #[test]
    fn kana_in_latin_letters() {
        assert_eq!(kana_to_latin("ボヘミアンラプソディ"), "bohemianrapusodi");
        assert_eq!(kana_to_latin("クイーン"), "kuin");
        assert_eq!(kana_to_latin("ロックンロール"), "rokkunroru");
        assert_eq!(kana_to_latin("きょう"), "kyou");
        assert_eq!(kana_to_latin("しゃ"), "sha");
        assert_eq!(kana_to_latin("ファイト"), "faito");
        assert_eq!(kana_to_latin("ウィー"), "wi");
        assert_eq!(kana_to_latin("マッチ"), "matchi");
        assert_eq!(kana_to_latin("ヴァイオリン"), kana_to_latin("バイオリン"));
        assert_eq!(kana_to_latin("ラヴ"), "rabu");
    }

    #[test]
    fn scripts_and_widths_fold() {
        let katakana = read(Japanese, "ボヘミアン・ラプソディ");
        assert_eq!(katakana, "bohemian rapusodi");
        assert_eq!(read(Japanese, "ぼへみあん らぷそでぃ"), katakana);
        assert_eq!(read(Japanese, "ﾎﾞﾍﾐｱﾝ･ﾗﾌﾟｿﾃﾞｨ"), katakana);
        assert_eq!(read(Japanese, "ＡＢＣ"), read(Japanese, "ABC"));
        // The long-vowel mark, written or not.
        assert_eq!(read(Japanese, "クイーン"), read(Japanese, "クイン"));
    }

    #[test]
    fn kanji_numerals_and_the_article() {
        assert_eq!(read(Japanese, "九十九"), "99");
        assert_eq!(read(Japanese, "二〇二〇"), "2020");
        assert_eq!(read(Japanese, "千本桜"), "1000本桜");
        assert_eq!(read(Japanese, "ザ・ビートルズ"), "bitoruzu");
        // Kanji stay as written: catalog and query meet on the same kanji.
        assert_eq!(read(Japanese, "上を向いて歩こう"), "上o向ite歩kou");
    }
}
