//! What matching needs to know of a catalog text, derived once: the forms
//! a title can be asked for, the artists a credit names.

use super::language::Language;
use super::normalize::{compact, is_significant, normal_words_in};
use super::phonetic::sound_key;

/// One way of saying a title or a name: its words, compact form and sound key.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub words: Vec<String>,
    pub compact: String,
    pub sound: String,
    /// How much a match on this form counts (a shortened form a little less).
    pub weight: f32,
}

impl Form {
    pub fn new(text: &str, weight: f32) -> Option<Self> {
        Self::read(text, weight, Language::English)
    }

    /// The form of `text` as a speaker of `language` means it.
    pub fn read(text: &str, weight: f32, language: Language) -> Option<Self> {
        let words = normal_words_in(text, language);
        if words.is_empty() {
            return None;
        }
        let compact = compact(&words);
        let sound = sound_key(&compact);
        Some(Form {
            words,
            compact,
            sound,
            weight,
        })
    }
}

/// Words in a title's trailing part that mark a version, not the song.
pub(crate) const VERSION_WORDS: &[&str] = &[
    "remaster",
    "remastered",
    "live",
    "edit",
    "version",
    "mix",
    "remix",
    "mono",
    "stereo",
    "demo",
    "acoustic",
    "single",
    "bonus",
    "deluxe",
    "instrumental",
    "feat",
    "featuring",
    "ft",
    "radio",
    "extended",
    "original",
    "unplugged",
    "session",
    "take",
    "reprise",
    "anniversary",
    "mixed",
    "explicit",
    "clean",
];

fn is_version_note(text: &str) -> bool {
    let words = super::normalize::words(text);
    words.iter().any(|w| VERSION_WORDS.contains(&w.as_str()))
        || words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit()))
}

/// Removes "(feat. …)", "- 2015 Remaster", "[Live]" and the like.
fn strip_version_notes(title: &str) -> String {
    let mut text = title.trim().to_string();
    // Trailing " - …" with a version word.
    if let Some(index) = text.rfind(" - ") {
        if is_version_note(&text[index + 3..]) {
            text.truncate(index);
        }
    }
    // Bracketed parts with a version word, anywhere.
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find(['(', '[']) {
        let close_char = if rest.as_bytes()[open] == b'(' {
            ')'
        } else {
            ']'
        };
        let Some(close) = rest[open..].find(close_char) else {
            break;
        };
        let inside = &rest[open + 1..open + close];
        out.push_str(&rest[..open]);
        if !is_version_note(inside) {
            out.push_str(&rest[open..=open + close]);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    // " feat. X" without brackets.
    let lower = out.to_lowercase();
    for marker in [" feat. ", " feat ", " ft. ", " featuring "] {
        if let Some(index) = lower.find(marker) {
            out.truncate(index);
            break;
        }
    }
    out.trim().to_string()
}

/// Text with bracketed parts removed.
fn without_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every form a listener may use for a title: as written (without version
/// notes), without its parentheticals ("Waka Waka", "Satisfaction"), and up
/// to its first colon or comma ("Eine kleine Nachtmusik").
pub fn title_forms(title: &str) -> Vec<Form> {
    title_forms_in(title, Language::English)
}

/// [`title_forms`] as a speaker of `language` reads the title.
pub fn title_forms_in(title: &str, language: Language) -> Vec<Form> {
    let add = |forms: &mut Vec<Form>, text: &str, weight: f32| {
        if let Some(form) = Form::read(text, weight, language) {
            if !forms.iter().any(|f| f.compact == form.compact) {
                forms.push(form);
            }
        }
    };
    let clean = strip_version_notes(title);
    let mut forms: Vec<Form> = Vec::new();
    add(&mut forms, &clean, 1.0);
    let bare = without_brackets(&clean);
    add(&mut forms, &bare, 1.0);
    if let Some(cut) = bare.find([':', ',', ';']) {
        add(&mut forms, &bare[..cut], 0.97);
    }
    if let Some(cut) = bare.find(" - ") {
        add(&mut forms, &bare[..cut], 0.97);
    }
    if forms.is_empty() {
        add(&mut forms, title, 1.0);
    }
    forms
}

/// Featured artists named in a title: "(feat. Wyclef Jean)".
pub fn featured_in_title(title: &str) -> Vec<String> {
    let lower = title.to_lowercase();
    for marker in ["feat. ", "feat ", "ft. ", "featuring "] {
        if let Some(index) = lower.find(marker) {
            let rest = &title[index + marker.len()..];
            let end = rest.find([')', ']']).unwrap_or(rest.len());
            return split_credits(&rest[..end]);
        }
    }
    Vec::new()
}

/// The artists a credit names: "Queen & David Bowie" → Queen, David Bowie.
pub fn split_credits(artist: &str) -> Vec<String> {
    const SEPARATORS: &[&str] = &[
        " & ",
        ", ",
        " and ",
        " x ",
        " X ",
        " feat. ",
        " Feat. ",
        " ft. ",
        " featuring ",
        " with ",
        " vs. ",
        " vs ",
        " / ",
        " + ",
    ];
    if !SEPARATORS.iter().any(|s| artist.contains(s)) {
        return vec![artist.trim().to_string()];
    }
    let mut parts = vec![artist.to_string()];
    for separator in SEPARATORS {
        parts = parts
            .iter()
            .flat_map(|p| p.split(separator).map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// An artist credit: the whole credit and each artist it names, as written
/// (for saying) and as forms (for matching). The first named is the primary.
#[derive(Debug, Clone)]
pub struct Credits {
    pub whole: Option<Form>,
    pub named: Vec<(String, Form)>,
}

impl Credits {
    pub fn new(artist: &str, title: &str) -> Self {
        Self::read(artist, title, Language::English)
    }

    /// The credit as a speaker of `language` reads it.
    pub fn read(artist: &str, title: &str, language: Language) -> Self {
        let whole = Form::read(artist, 1.0, language);
        let mut named: Vec<(String, Form)> = Vec::new();
        let split = split_credits(artist);
        let featured = featured_in_title(title);
        if split.len() > 1 || !featured.is_empty() {
            for name in split.into_iter().chain(featured) {
                if let Some(form) = Form::read(&name, 1.0, language) {
                    if !named.iter().any(|(_, f)| f.compact == form.compact) {
                        named.push((name, form));
                    }
                }
            }
        }
        Credits { whole, named }
    }

    /// The name of the first-credited artist and its form.
    pub fn primary(&self, artist: &str) -> Option<(String, &Form)> {
        match self.named.first() {
            Some((name, form)) if self.named.len() > 1 || self.whole.is_none() => {
                Some((name.clone(), form))
            }
            _ => self.whole.as_ref().map(|form| (artist.to_string(), form)),
        }
    }

    pub fn forms(&self) -> impl Iterator<Item = &Form> {
        self.whole.iter().chain(self.named.iter().map(|(_, f)| f))
    }
}

/// Significant words of forms, longest first, without repeats.
pub fn significant_words<'a>(forms: impl Iterator<Item = &'a Form>, most: usize) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    let mut words: Vec<&str> = Vec::new();
    for form in forms {
        for word in &form.words {
            if is_significant(word) && seen.insert(word.as_str()) {
                words.push(word);
            }
        }
    }
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.truncate(most);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compacts(title: &str) -> Vec<String> {
        title_forms(title).into_iter().map(|f| f.compact).collect()
    }

    #[test]
    fn title_forms_drop_versions_and_keep_what_listeners_say() {
        assert_eq!(
            compacts("Space Oddity - 2015 Remaster"),
            vec!["spaceoddity"]
        );
        assert_eq!(
            compacts("Knockin' on Heaven's Door - Remastered 2004"),
            vec!["knockinonheavensdoor"]
        );
        assert_eq!(
            compacts("Hips Don't Lie (feat. Wyclef Jean)"),
            vec!["hipsdontlie"]
        );
        assert_eq!(
            compacts("Waka Waka (This Time for Africa)"),
            vec!["wakawakathistime4africa", "wakawaka"]
        );
        assert_eq!(
            compacts("(I Can't Get No) Satisfaction"),
            vec!["icantgetnosatisfaction", "satisfaction"]
        );
        assert_eq!(
            compacts("Eine kleine Nachtmusik, K. 525: I. Allegro"),
            vec!["einekleinenachtmusikk525iallegro", "einekleinenachtmusik"]
        );
        assert_eq!(
            compacts("Under Pressure [Live at Wembley]"),
            vec!["underpressure"]
        );
    }

    #[test]
    fn credits_name_every_artist() {
        let credits = Credits::new("Queen & David Bowie", "Under Pressure");
        let names: Vec<&str> = credits.named.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["Queen", "David Bowie"]);
        assert_eq!(credits.primary("Queen & David Bowie").unwrap().0, "Queen");
        let featured = Credits::new("Madonna", "4 Minutes (feat. Justin Timberlake & Timbaland)");
        let names: Vec<&str> = featured.named.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["Madonna", "Justin Timberlake", "Timbaland"]);
        assert_eq!(featured.primary("Madonna").unwrap().0, "Madonna");
        let solo = Credits::new("Simon & Garfunkel", "The Boxer");
        assert_eq!(solo.primary("Simon & Garfunkel").unwrap().0, "Simon");
    }
}
