//! Everything the skill says, in every language, from the phrase catalog
//! in `locales/<language>/jukebox.ftl` (Project Fluent).
//!
//! One [`Phrases`] per language (and per locale whose words differ from its
//! language's), built once per process on first use and shared by every
//! request; [`Phrases::for_locale`] is the one place that picks it.
//!
//! SSML safety: the catalog's wording is escaped as Fluent writes it out
//! (the bundle's text transform), and every variable is catalog or listener
//! text, escaped and shortened exactly as [`Speech::text`] does before it
//! goes in. Fluent's Unicode isolation marks are off: they would end up in
//! the SSML and in cards.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::alexa::ssml::{escape, shorten, Speech, MAX_SPOKEN_TEXT};
use crate::locale::Language;
use crate::matching::Suggestion;

/// Each language's catalog, compiled in.
const LANGUAGE_FILES: [(Language, &str); 10] = [
    (
        Language::Arabic,
        include_str!("../../locales/ar/jukebox.ftl"),
    ),
    (
        Language::German,
        include_str!("../../locales/de/jukebox.ftl"),
    ),
    (
        Language::English,
        include_str!("../../locales/en/jukebox.ftl"),
    ),
    (
        Language::Spanish,
        include_str!("../../locales/es/jukebox.ftl"),
    ),
    (
        Language::French,
        include_str!("../../locales/fr/jukebox.ftl"),
    ),
    (
        Language::Hindi,
        include_str!("../../locales/hi/jukebox.ftl"),
    ),
    (
        Language::Italian,
        include_str!("../../locales/it/jukebox.ftl"),
    ),
    (
        Language::Japanese,
        include_str!("../../locales/ja/jukebox.ftl"),
    ),
    (
        Language::Dutch,
        include_str!("../../locales/nl/jukebox.ftl"),
    ),
    (
        Language::Portuguese,
        include_str!("../../locales/pt/jukebox.ftl"),
    ),
];

/// Locales whose words differ from their language's: a file of the
/// entries (terms) it replaces, read over the language's file.
const LOCALE_FILES: [(&str, &str); 1] =
    [("es-ES", include_str!("../../locales/es-ES/jukebox.ftl"))];

static LANGUAGE_PHRASES: [OnceLock<Phrases>; LANGUAGE_FILES.len()] =
    [const { OnceLock::new() }; LANGUAGE_FILES.len()];
static LOCALE_PHRASES: [OnceLock<Phrases>; LOCALE_FILES.len()] =
    [const { OnceLock::new() }; LOCALE_FILES.len()];

/// One locale's messages, ready to say.
pub struct Phrases {
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Phrases {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Phrases")
            .field("locales", &self.bundle.locales)
            .finish()
    }
}

/// A message's variable: its name and the catalog or listener text it holds.
type Arg<'a> = (&'static str, &'a str);

impl Phrases {
    /// The phrases for a request's `locale`: its own when its words differ
    /// from its language's, else its language's; English for a locale the
    /// skill has no words for.
    pub fn for_locale(locale: Option<&str>) -> &'static Phrases {
        if let Some(at) = locale.and_then(|locale| {
            let locale = locale.replace('_', "-");
            LOCALE_FILES
                .iter()
                .position(|(name, _)| name.eq_ignore_ascii_case(&locale))
        }) {
            let (name, file) = LOCALE_FILES[at];
            let language = Language::of_locale(Some(name));
            return LOCALE_PHRASES[at].get_or_init(|| Phrases::build(name, language, Some(file)));
        }
        Phrases::for_language(Language::of_locale(locale))
    }

    /// A language's phrases.
    pub fn for_language(language: Language) -> &'static Phrases {
        let at = LANGUAGE_FILES
            .iter()
            .position(|(l, _)| *l == language)
            .unwrap_or(0);
        LANGUAGE_PHRASES[at].get_or_init(|| Phrases::build(language.code(), language, None))
    }

    /// The bundle of `language`'s file, with `overlay`'s entries over it.
    /// The files are compiled in and checked by the tests: an entry that
    /// would not parse is left out (its message falls back to English).
    fn build(name: &str, language: Language, overlay: Option<&'static str>) -> Phrases {
        let id: LanguageIdentifier = name.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        bundle.set_use_isolating(false);
        bundle.set_transform(Some(|text: &str| Cow::Owned(escape(text))));
        let file = LANGUAGE_FILES
            .iter()
            .find(|(l, _)| *l == language)
            .map_or("", |(_, file)| file);
        let resource = FluentResource::try_new(file.to_string()).unwrap_or_else(|(r, _)| r);
        // Duplicate entries are a file's mistake the tests catch; the
        // bundle keeps the first.
        let _ = bundle.add_resource(resource);
        if let Some(overlay) = overlay {
            let resource = FluentResource::try_new(overlay.to_string()).unwrap_or_else(|(r, _)| r);
            bundle.add_resource_overriding(resource);
        }
        Phrases { bundle }
    }

    /// Message `id` with its variables: the wording escaped by the bundle,
    /// each variable escaped and shortened here.
    fn say(&self, id: &str, args: &[Arg<'_>]) -> Speech {
        let english = || Phrases::for_language(Language::English);
        let (bundle, pattern) = match self.bundle.get_message(id).and_then(|m| m.value()) {
            Some(pattern) => (&self.bundle, pattern),
            None => match english().bundle.get_message(id).and_then(|m| m.value()) {
                Some(pattern) => (&english().bundle, pattern),
                None => {
                    tracing::error!(message = id, "no such message in the phrase catalog");
                    return Speech::new();
                }
            },
        };
        let mut values = FluentArgs::with_capacity(args.len());
        for (name, text) in args {
            values.set(
                *name,
                FluentValue::from(escape(&shorten(text, MAX_SPOKEN_TEXT))),
            );
        }
        let mut errors = Vec::new();
        let said = bundle.format_pattern(pattern, Some(&values), &mut errors);
        if !errors.is_empty() {
            tracing::error!(
                message = id,
                ?errors,
                "phrase catalog message did not format"
            );
        }
        Speech::from_escaped(said.into_owned())
    }

    pub fn welcome(&self) -> Speech {
        self.say("welcome", &[])
    }

    pub fn what_to_play(&self) -> Speech {
        self.say("what-to-play", &[])
    }

    pub fn help(&self) -> Speech {
        self.say("help", &[])
    }

    pub fn fallback(&self) -> Speech {
        self.say("fallback", &[])
    }

    pub fn apology(&self) -> Speech {
        self.say("apology", &[])
    }

    pub fn no_audio_player(&self) -> Speech {
        self.say("no-audio-player", &[])
    }

    pub fn playing(&self, title: &str, artist: &str) -> Speech {
        self.say("playing", &[("title", title), ("artist", artist)])
    }

    pub fn playing_artist(&self, artist: &str) -> Speech {
        self.say("playing-artist", &[("artist", artist)])
    }

    pub fn liked(&self, title: &str) -> Speech {
        self.say("liked", &[("title", title)])
    }

    pub fn already_liked(&self, title: &str) -> Speech {
        self.say("already-liked", &[("title", title)])
    }

    pub fn favourites_full(&self) -> Speech {
        self.say("favourites-full", &[])
    }

    pub fn unliked(&self, title: &str) -> Speech {
        self.say("unliked", &[("title", title)])
    }

    pub fn not_a_favourite(&self, title: &str) -> Speech {
        self.say("not-a-favourite", &[("title", title)])
    }

    pub fn nothing_to_like(&self) -> Speech {
        self.say("nothing-to-like", &[])
    }

    pub fn no_favourites(&self) -> Speech {
        self.say("no-favourites", &[])
    }

    pub fn playing_favourites(&self) -> Speech {
        self.say("playing-favourites", &[])
    }

    pub fn playing_playlist(&self, playlist: &str) -> Speech {
        self.say("playing-playlist", &[("playlist", playlist)])
    }

    pub fn playlist_not_found(&self, heard: &str) -> Speech {
        self.say("playlist-not-found", &[("heard", heard)])
    }

    pub fn playlist_near_miss(&self, heard: &str, playlist: &str) -> Speech {
        self.say(
            "playlist-near-miss",
            &[("heard", heard), ("playlist", playlist)],
        )
    }

    pub fn offer_playlist(&self, playlist: &str) -> Speech {
        self.say("offer-playlist", &[("playlist", playlist)])
    }

    pub fn shuffling_everything(&self) -> Speech {
        self.say("shuffling-everything", &[])
    }

    pub fn library_empty(&self) -> Speech {
        self.say("library-empty", &[])
    }

    pub fn playing_genre(&self, genre: &str) -> Speech {
        self.say("playing-genre", &[("genre", genre)])
    }

    pub fn playing_album(&self, album: &str, artist: &str) -> Speech {
        self.say("playing-album", &[("album", album), ("artist", artist)])
    }

    pub fn shuffling_album(&self, album: &str, artist: &str) -> Speech {
        self.say("shuffling-album", &[("album", album), ("artist", artist)])
    }

    pub fn shuffling_artist(&self, artist: &str) -> Speech {
        self.say("shuffling-artist", &[("artist", artist)])
    }

    pub fn shuffling_playlist(&self, playlist: &str) -> Speech {
        self.say("shuffling-playlist", &[("playlist", playlist)])
    }

    /// "Music from the 1980s [by Queen]", "… from 1977": the decade or the
    /// year as digits, which each language's message words.
    pub fn playing_era(&self, era: crate::matching::Era, artist: Option<&str>) -> Speech {
        use crate::matching::Era;
        let year = match era {
            Era::Decade(year) | Era::Year(year) => year.to_string(),
        };
        let year = ("year", year.as_str());
        match (era, artist) {
            (Era::Decade(_), None) => self.say("playing-decade", &[year]),
            (Era::Decade(_), Some(artist)) => {
                self.say("playing-decade-by", &[year, ("artist", artist)])
            }
            (Era::Year(_), None) => self.say("playing-year", &[year]),
            (Era::Year(_), Some(artist)) => {
                self.say("playing-year-by", &[year, ("artist", artist)])
            }
        }
    }

    pub fn era_not_found(&self) -> Speech {
        self.say("era-not-found", &[])
    }

    pub fn playing_newest(&self, title: &str, artist: &str) -> Speech {
        self.say("playing-newest", &[("title", title), ("artist", artist)])
    }

    pub fn shuffling_newest(&self) -> Speech {
        self.say("shuffling-newest", &[])
    }

    pub fn newest_unknown(&self) -> Speech {
        self.say("newest-unknown", &[])
    }

    pub fn playing_latest_album(&self, album: &str, artist: &str) -> Speech {
        self.say(
            "playing-latest-album",
            &[("album", album), ("artist", artist)],
        )
    }

    pub fn not_found(
        &self,
        song: Option<&str>,
        artist: Option<&str>,
        suggestion: Option<&Suggestion>,
    ) -> Speech {
        let missed = match (song, artist) {
            (Some(song), Some(artist)) => self.say(
                "not-found-song-by-artist",
                &[("song", song), ("artist", artist)],
            ),
            (Some(song), None) => self.say("not-found-song", &[("song", song)]),
            (None, Some(artist)) => self.say("not-found-artist", &[("artist", artist)]),
            (None, None) => self.say("not-found-anything", &[]),
        };
        let next = match suggestion {
            Some(s) => self.say(
                "closest-match",
                &[("title", &s.title), ("artist", &s.artist)],
            ),
            None => self.say("try-another", &[]),
        };
        missed.then(&next)
    }

    pub fn not_found_reprompt(&self, suggestion: Option<&Suggestion>) -> Speech {
        match suggestion {
            Some(s) => self.say(
                "offer-closest",
                &[("title", &s.title), ("artist", &s.artist)],
            ),
            None => self.what_to_play(),
        }
    }

    /// "Welcome back" or, for a linked listener, "Welcome back, Anna" (the
    /// name is text, escaped like catalog text).
    fn welcome_back(&self, first_name: Option<&str>) -> Speech {
        match first_name {
            Some(name) => self.say("welcome-back-name", &[("name", name)]),
            None => self.say("welcome-back", &[]),
        }
    }

    /// The welcome, greeting a linked listener by first name: "welcome back"
    /// only to one who has listened here before (`returning`).
    pub fn welcome_by_name(&self, first_name: Option<&str>, returning: bool) -> Speech {
        match (first_name, returning) {
            (Some(_), true) => self.welcome_back(first_name).then(&self.what_to_play()),
            (Some(name), false) => self
                .say("welcome-name", &[("name", name)])
                .then(&self.what_to_play()),
            (None, _) => self.welcome(),
        }
    }

    pub fn offer_resume(&self, first_name: Option<&str>, title: &str, artist: &str) -> Speech {
        self.welcome_back(first_name).then(&self.say(
            "you-were-listening",
            &[("title", title), ("artist", artist)],
        ))
    }

    pub fn offer_resume_reprompt(&self) -> Speech {
        self.say("offer-resume-reprompt", &[])
    }

    pub fn now_playing(&self, title: &str, artist: &str) -> Speech {
        self.say("now-playing", &[("title", title), ("artist", artist)])
    }

    pub fn paused(&self, title: &str, artist: &str) -> Speech {
        self.say("paused", &[("title", title), ("artist", artist)])
    }

    /// The answer to "no" and "go home": nothing more to ask.
    pub fn goodbye(&self) -> Speech {
        self.say("goodbye", &[])
    }

    /// The question of a "did you mean" offer, asked again.
    pub fn offer_track(&self, title: &str, artist: &str) -> Speech {
        self.say("offer-track", &[("title", title), ("artist", artist)])
    }

    pub fn nothing_playing(&self) -> Speech {
        self.say("nothing-playing", &[])
    }

    pub fn nothing_to_resume(&self) -> Speech {
        self.say("nothing-to-resume", &[])
    }

    /// "Add X to the queue": one track added after what is queued.
    pub fn queue_added(&self, title: &str, artist: &str) -> Speech {
        self.say("queue-added", &[("title", title), ("artist", artist)])
    }

    pub fn queue_added_album(&self, album: &str, artist: &str) -> Speech {
        self.say("queue-added-album", &[("album", album), ("artist", artist)])
    }

    pub fn queue_added_artist(&self, artist: &str) -> Speech {
        self.say("queue-added-artist", &[("artist", artist)])
    }

    /// "Play X next": the track comes right after the current one.
    pub fn queue_next(&self, title: &str, artist: &str) -> Speech {
        self.say("queue-next", &[("title", title), ("artist", artist)])
    }

    /// The queue holds its most tracks: nothing was added.
    pub fn queue_full(&self) -> Speech {
        self.say("queue-full", &[])
    }

    /// The queue filled up part of the way through what was asked.
    pub fn queue_added_some(&self) -> Speech {
        self.say("queue-added-some", &[])
    }

    /// "Clear the queue": the current track plays out, nothing follows.
    pub fn queue_cleared(&self) -> Speech {
        self.say("queue-cleared", &[])
    }

    /// "What's next?"
    pub fn next_up(&self, title: &str, artist: &str) -> Speech {
        self.say("next-up", &[("title", title), ("artist", artist)])
    }

    pub fn nothing_next(&self) -> Speech {
        self.say("nothing-next", &[])
    }

    pub fn playing_station(&self, station: &str) -> Speech {
        self.say("playing-station", &[("station", station)])
    }

    pub fn station_not_found(&self, heard: &str) -> Speech {
        self.say("station-not-found", &[("heard", heard)])
    }

    /// Next or previous asked while a live station plays.
    pub fn live_no_skip(&self) -> Speech {
        self.say("live-no-skip", &[])
    }

    pub fn now_playing_station(&self, station: &str) -> Speech {
        self.say("now-playing-station", &[("station", station)])
    }

    pub fn station_paused(&self, station: &str) -> Speech {
        self.say("station-paused", &[("station", station)])
    }

    pub fn end_of_queue(&self) -> Speech {
        self.say("end-of-queue", &[])
    }

    pub fn loop_set(&self, on: bool) -> Speech {
        self.say(if on { "loop-on" } else { "loop-off" }, &[])
    }

    /// The listener's autoplay switch, as now set.
    pub fn autoplay_set(&self, on: bool) -> Speech {
        self.say(if on { "autoplay-on" } else { "autoplay-off" }, &[])
    }

    /// Autoplay asked of a jukebox whose owner left it off (`AUTOPLAY`).
    pub fn autoplay_unavailable(&self) -> Speech {
        self.say("autoplay-unavailable", &[])
    }

    pub fn shuffle_set(&self, on: bool) -> Speech {
        self.say(if on { "shuffle-on" } else { "shuffle-off" }, &[])
    }

    /// Shuffle off asked of a genre or the whole catalog, which only ever
    /// plays shuffled: say so rather than claim an order that will not come.
    pub fn always_shuffled(&self) -> Speech {
        self.say("always-shuffled", &[])
    }

    /// Allow-list on, account not linked: said once, with a LinkAccount card.
    pub fn link_account(&self) -> Speech {
        self.say("link-account", &[])
    }

    /// Allow-list on, linked, not on the list: no card, nothing to retry.
    pub fn private_jukebox(&self) -> Speech {
        self.say("private-jukebox", &[])
    }

    /// Help for a listener who has not linked: how to get in, then a question
    /// ("yes" sends the card).
    pub fn help_unlinked(&self) -> Speech {
        self.say("help-unlinked", &[])
    }

    pub fn offer_link_card(&self) -> Speech {
        self.say("offer-link-card", &[])
    }

    /// Help for a linked listener the owner has not added.
    pub fn help_private(&self) -> Speech {
        self.say("help-private", &[])
    }

    pub fn ask_anything_else(&self) -> Speech {
        self.say("ask-anything-else", &[])
    }

    pub fn ask_try_again(&self) -> Speech {
        self.say("ask-try-again", &[])
    }

    /// Allow-list on, and who is listening could not be checked.
    pub fn cannot_check_listener(&self) -> Speech {
        self.say("cannot-check-listener", &[])
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    /// Each message of a file with the variables it uses.
    fn messages(file: &str) -> BTreeMap<String, BTreeSet<String>> {
        let resource = FluentResource::try_new(file.to_string())
            .unwrap_or_else(|(_, errors)| panic!("the file does not parse: {errors:?}"));
        let mut messages = BTreeMap::new();
        for entry in resource.entries() {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    pattern_variables(pattern, &mut variables);
                }
                let id = message.id.name.to_string();
                assert!(
                    messages.insert(id.clone(), variables).is_none(),
                    "{id} is written twice"
                );
            }
        }
        messages
    }

    /// The terms (`-name`) a file defines.
    fn terms(file: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(file.to_string()).unwrap();
        resource
            .entries()
            .filter_map(|entry| match entry {
                ast::Entry::Term(term) => Some(term.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }

    fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Inline(inline) => inline_variables(inline, out),
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for variant in variants {
                    pattern_variables(&variant.value, out);
                }
            }
        }
    }

    fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for argument in &arguments.positional {
                    inline_variables(argument, out);
                }
                for argument in &arguments.named {
                    inline_variables(&argument.value, out);
                }
            }
            ast::InlineExpression::Placeable { expression } => {
                expression_variables(expression, out)
            }
            _ => {}
        }
    }

    fn english() -> BTreeMap<String, BTreeSet<String>> {
        messages(LANGUAGE_FILES[2].1)
    }

    /// The message ids this file's code asks for: the string literals
    /// given to `say` or chosen in an `if` (`"loop-on"`).
    fn ids_in_code() -> BTreeSet<String> {
        let source = include_str!("speech.rs");
        let code = &source[..source.find("#[cfg(test)]").unwrap()];
        let mut ids = BTreeSet::new();
        let mut rest = code;
        while let Some(open) = rest.find('"') {
            let before = rest[..open].trim_end();
            let after = &rest[open + 1..];
            let close = after.find('"').unwrap();
            if before.ends_with("say(") || before.ends_with('{') {
                ids.insert(after[..close].to_string());
            }
            rest = &after[close + 1..];
        }
        ids
    }

    #[test]
    fn every_message_the_code_says_is_in_english_and_every_english_message_is_said() {
        let english: BTreeSet<String> = english().into_keys().collect();
        let code = ids_in_code();
        assert!(code.len() > 50, "{code:?}");
        assert_eq!(
            code.difference(&english).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "said in code, missing from en/jukebox.ftl"
        );
        assert_eq!(
            english.difference(&code).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "in en/jukebox.ftl, never said"
        );
    }

    #[test]
    fn every_language_has_every_message_with_the_same_variables() {
        let english = english();
        for (language, file) in LANGUAGE_FILES {
            let theirs = messages(file);
            let missing: Vec<_> = english
                .keys()
                .filter(|id| !theirs.contains_key(*id))
                .collect();
            let extra: Vec<_> = theirs
                .keys()
                .filter(|id| !english.contains_key(*id))
                .collect();
            assert!(missing.is_empty(), "{language:?} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{language:?} has messages English lacks: {extra:?}"
            );
            for (id, variables) in &english {
                assert_eq!(
                    &theirs[id], variables,
                    "{language:?}: {id} and its variables"
                );
            }
        }
    }

    #[test]
    fn a_locale_file_only_replaces_terms_of_its_language() {
        for (locale, file) in LOCALE_FILES {
            assert!(messages(file).is_empty(), "{locale} holds messages");
            let language = Language::of_locale(Some(locale));
            let base = LANGUAGE_FILES
                .iter()
                .find(|(l, _)| *l == language)
                .unwrap()
                .1;
            let unknown: Vec<_> = terms(file).difference(&terms(base)).cloned().collect();
            assert!(
                unknown.is_empty(),
                "{locale} replaces no term of its language: {unknown:?}"
            );
        }
    }

    /// Every message formats in every locale, with no error, no Unicode
    /// isolation mark, and no placeable left unfilled.
    #[test]
    fn every_message_formats_in_every_locale() {
        let english = english();
        for locale in crate::voice_model::LOCALES {
            let phrases = Phrases::for_locale(Some(locale));
            for (id, variables) in &english {
                let message = phrases.bundle.get_message(id).unwrap();
                let mut args = FluentArgs::new();
                for variable in variables {
                    args.set(variable.as_str(), "X");
                }
                let mut errors = Vec::new();
                let said = phrases.bundle.format_pattern(
                    message.value().unwrap(),
                    Some(&args),
                    &mut errors,
                );
                assert!(errors.is_empty(), "{locale} {id}: {errors:?}");
                assert!(
                    !said.contains(['{', '}', '\u{2068}', '\u{2069}']),
                    "{locale} {id}: {said}"
                );
                assert_eq!(
                    said.matches('X').count(),
                    variables.len(),
                    "{locale} {id}: {said}"
                );
            }
        }
    }

    #[test]
    fn catalog_text_and_the_wording_are_escaped_and_titles_kept_whole() {
        let title = "Bridge <Over> \"Troubled\" Water";
        let artist = "Simon & Garfunkel's";
        assert_eq!(
            Phrases::for_locale(Some("en-US")).playing(title, artist).to_ssml(),
            "<speak>Playing Bridge &lt;Over&gt; &quot;Troubled&quot; Water by Simon &amp; Garfunkel&apos;s.</speak>"
        );
        let french = Phrases::for_locale(Some("fr-FR")).playing_album(title, artist);
        assert_eq!(
            french.to_ssml(),
            "<speak>Je lance l&apos;album Bridge &lt;Over&gt; &quot;Troubled&quot; Water de Simon &amp; Garfunkel&apos;s.</speak>"
        );
        assert_eq!(
            french.to_plain(),
            "Je lance l'album Bridge <Over> \"Troubled\" Water de Simon & Garfunkel's."
        );
        let japanese = Phrases::for_locale(Some("ja-JP")).now_playing("Für Elise", "Beethoven");
        assert_eq!(japanese.to_plain(), "BeethovenのFür Eliseです。");
        // A long title is cut as Speech::text cuts it, in every language.
        let long = "a".repeat(MAX_SPOKEN_TEXT + 50);
        let said = Phrases::for_locale(Some("de-DE")).liked(&long).to_plain();
        assert!(
            said.contains(&format!("{}…", "a".repeat(MAX_SPOKEN_TEXT - 1))),
            "{said}"
        );
        assert!(!said.contains(&"a".repeat(MAX_SPOKEN_TEXT)), "{said}");
    }

    #[test]
    fn each_locale_gets_its_words_and_an_unknown_one_english() {
        let said = |locale: Option<&str>| {
            Phrases::for_locale(locale)
                .not_found(None, None, None)
                .to_plain()
        };
        assert!(
            said(Some("es-ES")).contains("gramola"),
            "{}",
            said(Some("es-ES"))
        );
        assert!(
            said(Some("es-MX")).contains("rocola"),
            "{}",
            said(Some("es-MX"))
        );
        assert!(
            said(Some("es-US")).contains("rocola"),
            "{}",
            said(Some("es-US"))
        );
        assert_eq!(said(Some("es_es")), said(Some("es-ES")));
        for locale in [Some("en-GB"), Some("en-IN"), Some("sv-SE"), None] {
            assert_eq!(
                said(locale),
                "I couldn't find that in this jukebox. Try another song, album or artist.",
                "{locale:?}"
            );
        }
        // One bundle per locale, built once and shared.
        assert!(std::ptr::eq(
            Phrases::for_locale(Some("de-DE")),
            Phrases::for_language(Language::German)
        ));
    }
}
