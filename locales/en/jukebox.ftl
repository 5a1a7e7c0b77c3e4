# Everything jukebox says in English (en-US, en-GB, en-AU, en-CA, en-IN).
#
# This file is the reference: every other language has exactly these
# messages with exactly these variables (a test checks). Variables hold
# catalog or listener text ($title, $artist, $album, $playlist, $genre,
# $song, $heard, $name): the code escapes and shortens them for SSML, and
# escapes the wording here, so write plain text, never SSML.

## Opening the skill

welcome = Welcome to jukebox. Ask for a song, an album or an artist, for example: play Bohemian Rhapsody by Queen. What would you like to hear?
what-to-play = What would you like to hear? You can say a song, an album or an artist.
# Said before what-to-play to a linked listener who has played here before.
welcome-back = Welcome back.
welcome-back-name = Welcome back, { $name }.
# Said before what-to-play to a linked listener on their first visit.
welcome-name = Welcome, { $name }.
# Said after welcome-back or welcome-back-name.
you-were-listening = You were listening to { $title } by { $artist }. Shall I resume?
offer-resume-reprompt = Shall I resume where you left off? Or name something else to play.

## Help, and what the skill cannot do

help = You can say: play a song by an artist, play an album, play a playlist, play some jazz, shuffle my music, or play my favourites. While music plays, say next, previous, pause, resume, loop or shuffle, I like this song, or ask what's playing. What would you like to hear?
fallback = Sorry, I can't help with that. Ask me to play a song, an album or an artist. What would you like to hear?
apology = Sorry, something went wrong on my side. Please try again in a moment.
no-audio-player = Sorry, this device can't play music. Try again on an Echo speaker or the Alexa app.

## Playing

playing = Playing { $title } by { $artist }.
playing-artist = Playing music by { $artist }.
playing-album = Playing the album { $album } by { $artist }.
playing-playlist = Playing the playlist { $playlist }.
playing-genre = Shuffling { $genre }.
playing-favourites = Playing your favourites.
shuffling-everything = Shuffling all your music.
shuffling-album = Shuffling the album { $album } by { $artist }.
shuffling-artist = Shuffling songs by { $artist }.
shuffling-playlist = Shuffling the playlist { $playlist }.
playing-decade = Shuffling music from the { $year }s.
playing-decade-by = Shuffling songs by { $artist } from the { $year }s.
playing-year = Shuffling music from { $year }.
playing-year-by = Shuffling songs by { $artist } from { $year }.
era-not-found = I couldn't find any music from that time in your library. What would you like to hear?
playing-latest-album = Playing { $artist }'s latest album, { $album }.
playing-newest = Playing your most recently added music, newest first, starting with { $title } by { $artist }.
shuffling-newest = Shuffling your most recently added music.
newest-unknown = I don't know yet when your music was added, so I can't tell what's new. What would you like to hear?
library-empty = Your music library is empty, so there's nothing to play yet.

## Not found, and offers

not-found-song-by-artist = I couldn't find { $song } by { $artist } in this jukebox.
not-found-song = I couldn't find { $song } in this jukebox.
not-found-artist = I couldn't find anything by { $artist } in this jukebox.
not-found-anything = I couldn't find that in this jukebox.
# Said after a not-found-… sentence when the catalog has something close.
closest-match = The closest I have is { $title } by { $artist }. Should I play that?
# Said after a not-found-… sentence when it has nothing close.
try-another = Try another song, album or artist.
offer-closest = Should I play { $title } by { $artist }? Or name another song.
offer-track = Should I play { $title } by { $artist }?
playlist-not-found = I couldn't find a playlist called { $heard }. What would you like to hear?
playlist-near-miss = I couldn't find a playlist called { $heard }. Did you mean the playlist { $playlist }?
offer-playlist = Should I play the playlist { $playlist }?
# The answer to "no": nothing more to ask.
goodbye = Okay.

## What's playing, and moving through the queue

now-playing = This is { $title } by { $artist }.
paused = Paused: { $title } by { $artist }. Say resume to go on.
nothing-playing = Nothing is playing right now. What would you like to hear?
nothing-to-resume = There's nothing to resume. What would you like to hear?
end-of-queue = That's the last track in the queue.
playing-station = Playing the station { $station }, live.
station-not-found = I couldn't find a station called { $heard }. What would you like to hear?
live-no-skip = This is a live station: there's no next or previous track.
now-playing-station = This is the station { $station }, live.
station-paused = Paused: the station { $station }. Say resume to join it live again.
loop-on = Loop is on.
loop-off = Loop is off.
shuffle-on = Shuffle is on.
shuffle-off = Shuffle is off.
# Shuffle off asked of a genre or of all the music, which only plays shuffled.
always-shuffled = This music only plays shuffled, so shuffle stays on.
autoplay-on = Autoplay is on: when the queue ends, I'll keep playing music like the last track.
autoplay-off = Autoplay is off: the music stops when the queue ends.
autoplay-unavailable = Autoplay isn't turned on for this jukebox, so the music stops when the queue ends.

## Favourites

liked = Added { $title } to your favourites.
already-liked = { $title } is already one of your favourites.
favourites-full = Your favourites are full. Remove one first: say, remove this from my favourites.
unliked = Removed { $title } from your favourites.
not-a-favourite = { $title } isn't one of your favourites.
nothing-to-like = Nothing of mine is playing. While a song plays, say: I like this song.
no-favourites = You have no favourites yet. While a song plays, say: I like this song.

## Who may listen

# Not linked: said once, with a card in the Alexa app.
link-account = This jukebox plays for its owner's listeners only. To listen, link your Amazon account in the Alexa app: I've sent a card there to help.
# Linked, but not on the owner's list.
private-jukebox = This jukebox is private. Ask its owner to add you to the list of listeners.
help-unlinked = This jukebox plays for its owner's listeners only. To listen, link your Amazon account to this skill in the Alexa app, then ask me for a song.
offer-link-card = Shall I send a card to the Alexa app to help you link?
help-private = This jukebox is private: only listeners its owner has added can play it. Ask the owner to add the email address of your Amazon account, then ask me again.
ask-anything-else = Is there anything else I can help with?
ask-try-again = Would you like to try again?
cannot-check-listener = Sorry, I can't check who's listening right now. Please try again in a moment.

## Editing the queue: add, play next, clear, what's next

queue-added = Added { $title } by { $artist } to the queue.
queue-added-album = Added the album { $album } by { $artist } to the queue.
queue-added-artist = Added songs by { $artist } to the queue.
queue-next = { $title } by { $artist } plays next.
queue-full = The queue is full, so nothing was added.
queue-added-some = The queue is full now, so only some of the tracks were added.
queue-cleared = I've cleared the queue. This track plays to the end, and nothing follows.
next-up = Next up is { $title } by { $artist }.
nothing-next = Nothing comes after this track.
