//! Everything the skill says, in one place. Catalog text is always escaped.

use crate::alexa::ssml::Speech;
use crate::matching::Suggestion;

pub fn welcome() -> Speech {
    Speech::from("Welcome to jukebox. Ask for a song, an album or an artist, for example: play Bohemian Rhapsody by Queen. What would you like to hear?")
}

pub fn what_to_play() -> Speech {
    Speech::from("What would you like to hear? You can say a song, an album or an artist.")
}

pub fn help() -> Speech {
    Speech::from("You can say: play a song by an artist, play an album, play a playlist, play some jazz, shuffle my music, or play my favourites. While music plays, say next, previous, pause, resume, loop or shuffle, I like this song, or ask what's playing. What would you like to hear?")
}

pub fn fallback() -> Speech {
    Speech::from("Sorry, I can't help with that. Ask me to play a song, an album or an artist. What would you like to hear?")
}

pub fn apology() -> Speech {
    Speech::from("Sorry, something went wrong on my side. Please try again in a moment.")
}

pub fn no_audio_player() -> Speech {
    Speech::from(
        "Sorry, this device can't play music. Try again on an Echo speaker or the Alexa app.",
    )
}

pub fn playing(title: &str, artist: &str) -> Speech {
    Speech::new()
        .say("Playing ")
        .text(title)
        .say(" by ")
        .text(artist)
        .say(".")
}

pub fn playing_artist(artist: &str) -> Speech {
    Speech::new().say("Playing music by ").text(artist).say(".")
}

pub fn liked(title: &str) -> Speech {
    Speech::new()
        .say("Added ")
        .text(title)
        .say(" to your favourites.")
}

pub fn already_liked(title: &str) -> Speech {
    Speech::new()
        .text(title)
        .say(" is already one of your favourites.")
}

pub fn favourites_full() -> Speech {
    Speech::from("Your favourites are full. Remove one first: say, remove this from my favourites.")
}

pub fn unliked(title: &str) -> Speech {
    Speech::new()
        .say("Removed ")
        .text(title)
        .say(" from your favourites.")
}

pub fn not_a_favourite(title: &str) -> Speech {
    Speech::new()
        .text(title)
        .say(" isn't one of your favourites.")
}

pub fn nothing_to_like() -> Speech {
    Speech::from("Nothing of mine is playing. While a song plays, say: I like this song.")
}

pub fn no_favourites() -> Speech {
    Speech::from("You have no favourites yet. While a song plays, say: I like this song.")
}

pub fn playing_favourites() -> Speech {
    Speech::from("Playing your favourites.")
}

pub fn playing_playlist(playlist: &str) -> Speech {
    Speech::new()
        .say("Playing the playlist ")
        .text(playlist)
        .say(".")
}

pub fn playlist_not_found(heard: &str) -> Speech {
    Speech::new()
        .say("I couldn't find a playlist called ")
        .text(heard)
        .say(". What would you like to hear?")
}

pub fn playlist_near_miss(heard: &str, playlist: &str) -> Speech {
    Speech::new()
        .say("I couldn't find a playlist called ")
        .text(heard)
        .say(". Did you mean the playlist ")
        .text(playlist)
        .say("?")
}

pub fn offer_playlist(playlist: &str) -> Speech {
    Speech::new()
        .say("Should I play the playlist ")
        .text(playlist)
        .say("?")
}

pub fn shuffling_everything() -> Speech {
    Speech::from("Shuffling all your music.")
}

pub fn library_empty() -> Speech {
    Speech::from("Your music library is empty, so there's nothing to play yet.")
}

pub fn playing_genre(genre: &str) -> Speech {
    Speech::new().say("Shuffling ").text(genre).say(".")
}

pub fn playing_album(album: &str, artist: &str) -> Speech {
    Speech::new()
        .say("Playing the album ")
        .text(album)
        .say(" by ")
        .text(artist)
        .say(".")
}

pub fn not_found(
    song: Option<&str>,
    artist: Option<&str>,
    suggestion: Option<&Suggestion>,
) -> Speech {
    let mut speech = Speech::new().say("I couldn't find ");
    speech = match (song, artist) {
        (Some(song), Some(artist)) => speech.text(song).say(" by ").text(artist),
        (Some(song), None) => speech.text(song),
        (None, Some(artist)) => speech.say("anything by ").text(artist),
        (None, None) => speech.say("that"),
    };
    speech = speech.say(" in this jukebox. ");
    match suggestion {
        Some(s) => speech
            .say("The closest I have is ")
            .text(&s.title)
            .say(" by ")
            .text(&s.artist)
            .say(". Should I play that?"),
        None => speech.say("Try another song, album or artist."),
    }
}

pub fn not_found_reprompt(suggestion: Option<&Suggestion>) -> Speech {
    match suggestion {
        Some(s) => Speech::new()
            .say("Should I play ")
            .text(&s.title)
            .say(" by ")
            .text(&s.artist)
            .say("? Or name another song."),
        None => what_to_play(),
    }
}

/// "Welcome back" or, for a linked listener, "Welcome back, Anna" (the
/// name is text, escaped like catalog text).
fn welcome_back(first_name: Option<&str>) -> Speech {
    match first_name {
        Some(name) => Speech::new().say("Welcome back, ").text(name).say("."),
        None => Speech::from("Welcome back."),
    }
}

/// The welcome, greeting a linked listener by first name: "welcome back"
/// only to one who has listened here before (`returning`).
pub fn welcome_by_name(first_name: Option<&str>, returning: bool) -> Speech {
    let invite = " What would you like to hear? You can say a song, an album or an artist.";
    match (first_name, returning) {
        (Some(_), true) => welcome_back(first_name).say(invite),
        (Some(name), false) => Speech::new()
            .say("Welcome, ")
            .text(name)
            .say(".")
            .say(invite),
        (None, _) => welcome(),
    }
}

pub fn offer_resume(first_name: Option<&str>, title: &str, artist: &str) -> Speech {
    welcome_back(first_name)
        .say(" You were listening to ")
        .text(title)
        .say(" by ")
        .text(artist)
        .say(". Shall I resume?")
}

pub fn offer_resume_reprompt() -> Speech {
    Speech::from("Shall I resume where you left off? Or name something else to play.")
}

pub fn now_playing(title: &str, artist: &str) -> Speech {
    Speech::new()
        .say("This is ")
        .text(title)
        .say(" by ")
        .text(artist)
        .say(".")
}

pub fn paused(title: &str, artist: &str) -> Speech {
    Speech::new()
        .say("Paused: ")
        .text(title)
        .say(" by ")
        .text(artist)
        .say(". Say resume to go on.")
}

/// The answer to "no" and "go home": nothing more to ask.
pub fn goodbye() -> Speech {
    Speech::from("Okay.")
}

/// The question of a "did you mean" offer, asked again.
pub fn offer_track(title: &str, artist: &str) -> Speech {
    Speech::new()
        .say("Should I play ")
        .text(title)
        .say(" by ")
        .text(artist)
        .say("?")
}

pub fn nothing_playing() -> Speech {
    Speech::from("Nothing is playing right now. What would you like to hear?")
}

pub fn nothing_to_resume() -> Speech {
    Speech::from("There's nothing to resume. What would you like to hear?")
}

pub fn end_of_queue() -> Speech {
    Speech::from("That's the last track in the queue.")
}

pub fn loop_set(on: bool) -> Speech {
    Speech::from(if on { "Loop is on." } else { "Loop is off." })
}

pub fn shuffle_set(on: bool) -> Speech {
    Speech::from(if on {
        "Shuffle is on."
    } else {
        "Shuffle is off."
    })
}

/// Shuffle off asked of a genre or the whole catalog, which only ever
/// plays shuffled: say so rather than claim an order that will not come.
pub fn always_shuffled() -> Speech {
    Speech::from("This music only plays shuffled, so shuffle stays on.")
}

/// Allow-list on, account not linked: said once, with a LinkAccount card.
pub fn link_account() -> Speech {
    Speech::from("This jukebox plays for its owner's listeners only. To listen, link your Amazon account in the Alexa app: I've sent a card there to help.")
}

/// Allow-list on, linked, not on the list: no card, nothing to retry.
pub fn private_jukebox() -> Speech {
    Speech::from("This jukebox is private. Ask its owner to add you to the list of listeners.")
}

/// Help for a listener who has not linked: how to get in, then a question
/// ("yes" sends the card).
pub fn help_unlinked() -> Speech {
    Speech::from("This jukebox plays for its owner's listeners only. To listen, link your Amazon account to this skill in the Alexa app, then ask me for a song.")
}

pub fn offer_link_card() -> Speech {
    Speech::from("Shall I send a card to the Alexa app to help you link?")
}

/// Help for a linked listener the owner has not added.
pub fn help_private() -> Speech {
    Speech::from("This jukebox is private: only listeners its owner has added can play it. Ask the owner to add the email address of your Amazon account, then ask me again.")
}

pub fn ask_anything_else() -> Speech {
    Speech::from("Is there anything else I can help with?")
}

pub fn ask_try_again() -> Speech {
    Speech::from("Would you like to try again?")
}

/// Allow-list on, and who is listening could not be checked.
pub fn cannot_check_listener() -> Speech {
    Speech::from("Sorry, I can't check who's listening right now. Please try again in a moment.")
}
