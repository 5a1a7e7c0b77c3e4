//! Numbers said as words, for the languages that build them from a small
//! lexicon: "noventa y nueve", "quatre-vingt-dix-neuf", "neunundneunzig",
//! "novantanove". Words are read as a run of lexicon tokens, so a compound
//! written as one word and the same number split over several words (as
//! speech recognition sometimes writes it) read alike.

/// What a lexicon word contributes to a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// A value added to the group being read: 0–19, a tens word, or a
    /// hundreds word ("doscientos").
    Value(u64),
    /// Multiplies the group by 100 ("hundert", "cent", "ciento").
    Hundred,
    /// Multiplies what was read by 1000 and starts a new group ("mil").
    Thousand,
    /// The "and" inside a number ("und", "en", "y", "e", "et", "و").
    Join,
}

/// A language's number words (accents folded, as `normalize::words`
/// writes them) and how it orders them.
pub(crate) struct Lexicon {
    pub words: &'static [(&'static str, Token)],
    /// Units come before tens, joined: "neun-und-neunzig", "negen-en-negentig".
    pub unit_first: bool,
}

/// The most words one number is read from ("mil novecientos noventa y nueve").
const MAX_SPAN: usize = 8;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    Unit,
    Teen,
    Tens,
    Hundred,
    Thousand,
}

impl Lexicon {
    /// The number said at `words[i..]`: its value and how many words it used.
    pub fn number(&self, words: &[String], i: usize) -> Option<(u64, usize)> {
        // Only words made wholly of number words can be part of one; most
        // words fail on their first letters.
        let span = words[i..]
            .iter()
            .take(MAX_SPAN)
            .take_while(|w| self.tokens(w).is_some())
            .count();
        (1..=span).rev().find_map(|n| {
            let joined = words[i..i + n].concat();
            self.value(&joined).map(|v| (v, n))
        })
    }

    /// Whether `word` could be (part of) a number: it starts with a number
    /// word. Cheap, and false for nearly every word of a title.
    pub fn may_read(&self, word: &str) -> bool {
        self.words.iter().any(|(w, _)| word.starts_with(w))
    }

    /// Some reading of `text` as lexicon tokens, if it is made of them.
    fn tokens(&self, text: &str) -> Option<Vec<Token>> {
        if !self.may_read(text) {
            return None;
        }
        let mut out = Vec::new();
        self.split(text, &mut out, &mut |_| true).then_some(out)
    }

    /// The value of `text` when some reading of it as tokens is a well
    /// formed number.
    fn value(&self, text: &str) -> Option<u64> {
        let mut found = None;
        let mut tokens = Vec::new();
        self.split(text, &mut tokens, &mut |tokens| {
            found = self.evaluate(tokens);
            found.is_some()
        });
        found
    }

    /// Splits `text` into tokens, longest words first, backtracking until
    /// `accept` takes a complete reading. Whether one was accepted.
    fn split(
        &self,
        text: &str,
        tokens: &mut Vec<Token>,
        accept: &mut dyn FnMut(&[Token]) -> bool,
    ) -> bool {
        if text.is_empty() {
            return !tokens.is_empty() && accept(tokens);
        }
        let mut matches: Vec<&(&str, Token)> = self
            .words
            .iter()
            .filter(|(word, _)| text.starts_with(word))
            .collect();
        matches.sort_by_key(|(word, _)| std::cmp::Reverse(word.len()));
        for (word, token) in matches {
            tokens.push(*token);
            if self.split(&text[word.len()..], tokens, accept) {
                return true;
            }
            tokens.pop();
        }
        false
    }

    /// The value of a token run read as one number, if it is well formed:
    /// smaller parts after larger ones ("noventa y nueve", "cento tre"),
    /// or a unit joined before its tens where the language says it so.
    fn evaluate(&self, tokens: &[Token]) -> Option<u64> {
        let (mut total, mut group) = (0u64, 0u64);
        let mut last = Last::Nothing;
        let mut joined = false;
        let mut thousand = false;
        for token in tokens {
            match *token {
                Token::Join => {
                    if matches!(last, Last::Nothing | Last::Thousand) || joined {
                        return None;
                    }
                    joined = true;
                }
                Token::Value(v) => {
                    let tens = (20..100).contains(&v) && v % 10 == 0;
                    let fits = match last {
                        Last::Nothing | Last::Thousand => true,
                        Last::Hundred => v < 100,
                        Last::Tens => v < 20 && v > 0,
                        Last::Unit => self.unit_first && joined && tens,
                        Last::Teen => false,
                    };
                    if !fits {
                        return None;
                    }
                    group += v;
                    last = match v {
                        0..=9 => Last::Unit,
                        10..=19 => Last::Teen,
                        _ if v >= 100 => Last::Hundred,
                        _ => Last::Tens,
                    };
                    joined = false;
                }
                Token::Hundred => {
                    if joined || group >= 100 {
                        return None;
                    }
                    group = group.max(1) * 100;
                    last = Last::Hundred;
                }
                Token::Thousand => {
                    if joined || thousand {
                        return None;
                    }
                    total = group.max(1) * 1000;
                    group = 0;
                    thousand = true;
                    last = Last::Thousand;
                }
            }
        }
        if joined || last == Last::Nothing {
            return None;
        }
        Some(total + group)
    }
}

#[cfg(test)]
mod tests {
    use super::{Lexicon, Token};

    const SMALL: Lexicon = Lexicon {
        words: &[
            ("ein", Token::Value(1)),
            ("zwei", Token::Value(2)),
            ("neun", Token::Value(9)),
            ("neunzehn", Token::Value(19)),
            ("zwanzig", Token::Value(20)),
            ("neunzig", Token::Value(90)),
            ("hundert", Token::Hundred),
            ("tausend", Token::Thousand),
            ("und", Token::Join),
        ],
        unit_first: true,
    };

    fn read(text: &str) -> Option<(u64, usize)> {
        let words: Vec<String> = text.split(' ').map(str::to_string).collect();
        SMALL.number(&words, 0)
    }

    #[test]
    fn compounds_and_split_words_read_alike() {
        assert_eq!(read("neunundneunzig"), Some((99, 1)));
        assert_eq!(read("neun und neunzig luftballons"), Some((99, 3)));
        assert_eq!(read("neunzehnhundertneunundneunzig"), Some((1999, 1)));
        assert_eq!(read("zweitausendzwanzig"), Some((2020, 1)));
        assert_eq!(read("einhundert"), Some((100, 1)));
    }

    #[test]
    fn ill_formed_runs_read_only_their_first_number() {
        assert_eq!(read("zwei neun"), Some((2, 1)));
        assert_eq!(read("und"), None);
        assert_eq!(read("neunund"), None);
        assert_eq!(read("luftballons"), None);
        assert_eq!(read("neunzig neunzig"), Some((90, 1)));
    }
}
