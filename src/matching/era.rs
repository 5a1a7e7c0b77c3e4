//! A time the listener names ("the eighties", "1977", "achtziger",
//! "années 80", "80年代"): a decade or a year, read from what a slot heard
//! in any of the skill's languages, and the search keys a track of that time
//! carries (its year, its decade, and its decade with each of its artists).

use super::profile::Form;

/// A decade (its first year, `1980`) or a single year (`1977`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    Decade(u32),
    Year(u32),
}

/// Years a catalog row may carry and a listener may name: anything else is
/// not a year of recorded music (and keeps the keys few).
const FIRST_YEAR: u32 = 1000;
const LAST_YEAR: u32 = 2999;

/// Decade words, each with the decade within a century it names (`80`),
/// in every language the skill speaks (lower case, accents as written:
/// the text is compared after lowercasing only).
const DECADE_WORDS: &[(&str, u32)] = &[
    // English
    ("twenties", 20),
    ("thirties", 30),
    ("forties", 40),
    ("fifties", 50),
    ("sixties", 60),
    ("seventies", 70),
    ("eighties", 80),
    ("nineties", 90),
    ("noughties", 0),
    ("two thousands", 0),
    // German
    ("zwanziger", 20),
    ("dreißiger", 30),
    ("dreissiger", 30),
    ("vierziger", 40),
    ("fünfziger", 50),
    ("fuenfziger", 50),
    ("sechziger", 60),
    ("siebziger", 70),
    ("achtziger", 80),
    ("neunziger", 90),
    ("nuller", 0),
    // Dutch
    ("jaren twintig", 20),
    ("jaren dertig", 30),
    ("jaren veertig", 40),
    ("jaren vijftig", 50),
    ("jaren zestig", 60),
    ("jaren zeventig", 70),
    ("jaren tachtig", 80),
    ("jaren negentig", 90),
    // Spanish, Portuguese, Italian, French (the tens after "años", "anos",
    // "anni", "années")
    ("veinte", 20),
    ("treinta", 30),
    ("cuarenta", 40),
    ("cincuenta", 50),
    ("sesenta", 60),
    ("setenta", 70),
    ("ochenta", 80),
    ("noventa", 90),
    ("vinte", 20),
    ("trinta", 30),
    ("quarenta", 40),
    ("cinquenta", 50),
    ("sessenta", 60),
    ("oitenta", 80),
    ("venti", 20),
    ("trenta", 30),
    ("quaranta", 40),
    ("cinquanta", 50),
    ("sessanta", 60),
    ("settanta", 70),
    ("ottanta", 80),
    ("novanta", 90),
    ("vingt", 20),
    ("trente", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("soixante-dix", 70),
    ("soixante dix", 70),
    ("soixante", 60),
    ("quatre-vingt-dix", 90),
    ("quatre vingt dix", 90),
    ("quatre-vingt", 80),
    ("quatre vingt", 80),
    // Hindi, Arabic
    ("अस्सी", 80),
    ("नब्बे", 90),
    ("सत्तर", 70),
    ("साठ", 60),
    ("الثمانينات", 80),
    ("الثمانينيات", 80),
    ("التسعينات", 90),
    ("التسعينيات", 90),
    ("السبعينات", 70),
    ("السبعينيات", 70),
    ("الستينات", 60),
    ("الستينيات", 60),
];

/// The century a decade named without one belongs to: "the twenties" are
/// the 1920s, "the noughties" the 2000s. Music from the 2020s is asked for
/// with its digits ("2020s") or the year.
fn century_of(tens: u32) -> u32 {
    if tens == 0 {
        2000
    } else {
        1900
    }
}

impl Era {
    /// The era a slot heard, in any of the skill's languages: digits in
    /// any script ("1980s", "'80s", "80er", "80年代", "١٩٧٧", "१९७७"),
    /// or a decade's words.
    pub fn parse(heard: &str) -> Option<Era> {
        let lower = heard.trim().to_lowercase();
        let ascii: String = lower.chars().map(ascii_digit).collect();
        let digits: String = ascii.chars().filter(char::is_ascii_digit).collect();
        let decade_marked = ascii.contains('s')
            || ascii.contains("er")
            || ascii.contains('年')
            || ascii.contains("dec")
            || [
                "años",
                "anos",
                "anni",
                "années",
                "annees",
                "jaren",
                "दशक",
                "ات",
            ]
            .iter()
            .any(|w| ascii.contains(w));
        match digits.len() {
            4 => {
                let year: u32 = digits.parse().ok()?;
                if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
                    return None;
                }
                Some(if decade_marked && year.is_multiple_of(10) {
                    Era::Decade(year)
                } else {
                    Era::Year(year)
                })
            }
            2 => {
                let tens: u32 = digits.parse().ok()?;
                tens.is_multiple_of(10)
                    .then(|| Era::Decade(century_of(tens) + tens))
            }
            1 if digits == "0" => Some(Era::Decade(2000)),
            _ => {
                // Longest words first: "soixante-dix" before "soixante".
                let mut words: Vec<&(&str, u32)> = DECADE_WORDS.iter().collect();
                words.sort_by_key(|(word, _)| std::cmp::Reverse(word.len()));
                words
                    .into_iter()
                    .find(|(word, _)| ascii.contains(word))
                    .map(|&(_, tens)| Era::Decade(century_of(tens) + tens))
            }
        }
    }

    /// The search key of the era's tracks.
    pub fn key(self) -> String {
        match self {
            Era::Decade(decade) => decade_key(decade),
            Era::Year(year) => year_key(year),
        }
    }

    /// The search key of the era's tracks by the artist heard as `artist`.
    pub fn key_by(self, artist: &Form) -> String {
        format!("{}|{}", self.decade_key(), super::artist_key(artist))
    }

    /// The decade's key (a year's decade for a year): the decade keeps the
    /// keys by artist few; a year by an artist is its decade's tracks by
    /// the artist, of that year.
    fn decade_key(self) -> String {
        match self {
            Era::Decade(decade) => decade_key(decade),
            Era::Year(year) => decade_key(year - year % 10),
        }
    }
}

fn decade_key(decade: u32) -> String {
    format!("d:{decade}")
}

fn year_key(year: u32) -> String {
    format!("y:{year}")
}

/// An ASCII digit for a digit of any script Alexa's locales write (Arabic-
/// Indic, Extended Arabic-Indic, Devanagari, full-width); other characters
/// unchanged.
fn ascii_digit(c: char) -> char {
    let zero = match c {
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        '\u{0966}'..='\u{096F}' => 0x0966,
        '\u{FF10}'..='\u{FF19}' => 0xFF10,
        _ => return c,
    };
    char::from_digit(c as u32 - zero, 10).unwrap_or(c)
}

/// The key of the decade of a track of `year`, when it is a year of
/// recorded music.
pub fn decade_key_of(year: Option<u32>) -> Option<String> {
    year.filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
        .map(|year| Era::Year(year).decade_key())
}

/// The era keys of a track of `year` credited as `credits`: its year, its
/// decade, and its decade with each artist the credit names.
pub fn era_keys<'a>(year: Option<u32>, artists: impl Iterator<Item = &'a Form>) -> Vec<String> {
    let Some(year) = year.filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y)) else {
        return Vec::new();
    };
    let era = Era::Year(year);
    let mut keys = vec![year_key(year), era.decade_key()];
    keys.extend(artists.map(|artist| era.key_by(artist)));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decades_and_years_in_every_language() {
        let eighties = Some(Era::Decade(1980));
        for heard in [
            "the eighties",
            "eighties",
            "the 80s",
            "80's",
            "'80s",
            "1980s",
            "the 1980's",
            "achtziger",
            "den 80er",
            "80er jahre",
            "années 80",
            "années quatre-vingt",
            "los ochenta",
            "años 80",
            "anni ottanta",
            "anni 80",
            "anos 80",
            "anos oitenta",
            "jaren tachtig",
            "jaren 80",
            "80年代",
            "１９８０年代",
            "अस्सी का दशक",
            "८० का दशक",
            "الثمانينات",
            "١٩٨٠ات",
        ] {
            assert_eq!(Era::parse(heard), eighties, "{heard}");
        }
        assert_eq!(Era::parse("1977"), Some(Era::Year(1977)));
        assert_eq!(Era::parse("١٩٧٧"), Some(Era::Year(1977)));
        assert_eq!(Era::parse("1980"), Some(Era::Year(1980)));
        assert_eq!(Era::parse("années soixante-dix"), Some(Era::Decade(1970)));
        assert_eq!(Era::parse("les années 60"), Some(Era::Decade(1960)));
        assert_eq!(Era::parse("the noughties"), Some(Era::Decade(2000)));
        assert_eq!(Era::parse("the nineties"), Some(Era::Decade(1990)));
        assert_eq!(Era::parse("2010s"), Some(Era::Decade(2010)));
        assert_eq!(Era::parse("banana"), None);
        assert_eq!(Era::parse("85"), None);
        assert_eq!(Era::parse("123456"), None);
    }

    #[test]
    fn a_track_carries_its_year_its_decade_and_its_decade_by_artist() {
        let queen = Form::new("Queen", 1.0).unwrap();
        let keys = era_keys(Some(1977), std::iter::once(&queen));
        assert_eq!(keys[..2], ["y:1977".to_string(), "d:1970".to_string()]);
        assert_eq!(keys[2], Era::Decade(1970).key_by(&queen));
        assert_eq!(keys[2], Era::Year(1977).key_by(&queen));
        assert!(era_keys(None, std::iter::once(&queen)).is_empty());
        assert!(era_keys(Some(0), std::iter::once(&queen)).is_empty());
    }
}
