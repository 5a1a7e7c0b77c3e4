# Everything jukebox says in Dutch (nl-NL), addressing the listener with
# "je" as Alexa does. Same messages and variables as en/jukebox.ftl.

## Opening the skill

welcome = Welkom bij je jukebox. Vraag om een nummer, een album of een artiest, bijvoorbeeld: speel Bohemian Rhapsody van Queen. Wat wil je horen?
what-to-play = Wat wil je horen? Je kunt een nummer, een album of een artiest noemen.
welcome-back = Welkom terug.
welcome-back-name = Welkom terug, { $name }.
welcome-name = Welkom, { $name }.
you-were-listening = Je luisterde naar { $title } van { $artist }. Zal ik verdergaan?
offer-resume-reprompt = Zal ik verdergaan waar je gebleven was? Of noem iets anders om te spelen.

## Help, and what the skill cannot do

help = Je kunt zeggen: speel een nummer van een artiest, speel een album, speel een playlist, speel wat jazz, shuffle mijn muziek, of speel mijn favorieten. Terwijl er muziek speelt, zeg volgende, vorige, pauze, hervat, herhalen of shuffle, ik vind dit nummer leuk, of vraag wat er speelt. Wat wil je horen?
fallback = Sorry, daar kan ik je niet mee helpen. Vraag me om een nummer, een album of een artiest te spelen. Wat wil je horen?
apology = Sorry, er ging bij mij iets mis. Probeer het zo nog eens.
no-audio-player = Sorry, dit apparaat kan geen muziek afspelen. Probeer het op een Echo-speaker of in de Alexa-app.

## Playing

playing = Ik speel { $title } van { $artist }.
playing-artist = Ik speel muziek van { $artist }.
playing-album = Ik speel het album { $album } van { $artist }.
playing-playlist = Ik speel de playlist { $playlist }.
playing-genre = Ik speel { $genre } in willekeurige volgorde.
playing-favourites = Ik speel je favorieten.
shuffling-everything = Ik speel al je muziek in willekeurige volgorde.
shuffling-album = Ik speel het album { $album } van { $artist } in willekeurige volgorde.
shuffling-artist = Ik speel nummers van { $artist } in willekeurige volgorde.
shuffling-playlist = Ik speel de playlist { $playlist } in willekeurige volgorde.
playing-decade = Ik speel muziek uit de jaren { $year } in willekeurige volgorde.
playing-decade-by = Ik speel nummers van { $artist } uit de jaren { $year } in willekeurige volgorde.
playing-year = Ik speel muziek uit { $year } in willekeurige volgorde.
playing-year-by = Ik speel nummers van { $artist } uit { $year } in willekeurige volgorde.
era-not-found = Ik heb geen muziek uit die tijd in je bibliotheek gevonden. Wat wil je horen?
playing-latest-album = Ik speel het nieuwste album van { $artist }, { $album }.
playing-newest = Ik speel je nieuwste muziek, de laatst toegevoegde eerst, te beginnen met { $title } van { $artist }.
shuffling-newest = Ik speel je nieuwste muziek in willekeurige volgorde.
newest-unknown = Ik weet nog niet wanneer je muziek is toegevoegd, dus ik kan niet zeggen wat nieuw is. Wat wil je horen?
library-empty = Je muziekbibliotheek is leeg, dus er is nog niets om te spelen.

## Not found, and offers

not-found-song-by-artist = Ik kon { $song } van { $artist } niet vinden in deze jukebox.
not-found-song = Ik kon { $song } niet vinden in deze jukebox.
not-found-artist = Ik kon niets van { $artist } vinden in deze jukebox.
not-found-anything = Ik kon dat niet vinden in deze jukebox.
closest-match = Het dichtst in de buurt komt { $title } van { $artist }. Zal ik dat spelen?
try-another = Probeer een ander nummer, album of een andere artiest.
offer-closest = Zal ik { $title } van { $artist } spelen? Of noem een ander nummer.
offer-track = Zal ik { $title } van { $artist } spelen?
playlist-not-found = Ik kon geen playlist vinden met de naam { $heard }. Wat wil je horen?
playlist-near-miss = Ik kon geen playlist vinden met de naam { $heard }. Bedoel je de playlist { $playlist }?
offer-playlist = Zal ik de playlist { $playlist } spelen?
goodbye = Oké.

## What's playing, and moving through the queue

now-playing = Dit is { $title } van { $artist }.
paused = Gepauzeerd: { $title } van { $artist }. Zeg hervat om verder te luisteren.
nothing-playing = Er speelt nu niets. Wat wil je horen?
nothing-to-resume = Er is niets om te hervatten. Wat wil je horen?
end-of-queue = Dat is het laatste nummer in de wachtrij.
playing-station = Ik speel de zender { $station }, live.
station-not-found = Ik kon geen zender vinden met de naam { $heard }. Wat wil je horen?
live-no-skip = Dit is een livezender: er is geen volgend of vorig nummer.
now-playing-station = Dit is de zender { $station }, live.
station-paused = Gepauzeerd: de zender { $station }. Zeg hervat om weer live te luisteren.
loop-on = Herhalen staat aan.
loop-off = Herhalen staat uit.
shuffle-on = Shuffle staat aan.
shuffle-off = Shuffle staat uit.
always-shuffled = Deze muziek speelt alleen in willekeurige volgorde, dus shuffle blijft aan.
autoplay-on = Automatisch afspelen staat aan: als de wachtrij op is, speel ik vergelijkbare muziek verder.
autoplay-off = Automatisch afspelen staat uit: de muziek stopt als de wachtrij op is.
autoplay-unavailable = Automatisch afspelen is voor deze jukebox niet ingeschakeld, dus de muziek stopt als de wachtrij op is.

## Favourites

liked = Ik heb { $title } aan je favorieten toegevoegd.
already-liked = { $title } staat al in je favorieten.
favourites-full = Je favorieten zijn vol. Verwijder er eerst een: zeg, verwijder dit uit mijn favorieten.
unliked = Ik heb { $title } uit je favorieten verwijderd.
not-a-favourite = { $title } staat niet in je favorieten.
nothing-to-like = Er speelt niets van mij. Zeg terwijl er een nummer speelt: ik vind dit nummer leuk.
no-favourites = Je hebt nog geen favorieten. Zeg terwijl er een nummer speelt: ik vind dit nummer leuk.

## Who may listen

link-account = Deze jukebox speelt alleen voor de luisteraars van de eigenaar. Koppel je Amazon-account in de Alexa-app om te luisteren: ik heb je daar een kaart gestuurd die je helpt.
private-jukebox = Deze jukebox is privé. Vraag de eigenaar om je aan de lijst met luisteraars toe te voegen.
help-unlinked = Deze jukebox speelt alleen voor de luisteraars van de eigenaar. Koppel je Amazon-account in de Alexa-app aan deze skill om te luisteren, en vraag me dan om een nummer.
offer-link-card = Zal ik een kaart naar de Alexa-app sturen die je helpt met koppelen?
help-private = Deze jukebox is privé: alleen luisteraars die de eigenaar heeft toegevoegd kunnen hem gebruiken. Vraag de eigenaar om het e-mailadres van je Amazon-account toe te voegen, en vraag het me dan opnieuw.
ask-anything-else = Kan ik je nog ergens anders mee helpen?
ask-try-again = Wil je het opnieuw proberen?
cannot-check-listener = Sorry, ik kan nu niet controleren wie er luistert. Probeer het zo nog eens.

## De wachtrij aanpassen: toevoegen, hierna afspelen, leegmaken, wat komt er

queue-added = Ik heb { $title } van { $artist } aan de wachtrij toegevoegd.
queue-added-album = Ik heb het album { $album } van { $artist } aan de wachtrij toegevoegd.
queue-added-artist = Ik heb nummers van { $artist } aan de wachtrij toegevoegd.
queue-next = Hierna komt { $title } van { $artist }.
queue-full = De wachtrij is vol, dus ik heb niets toegevoegd.
queue-added-some = De wachtrij is nu vol, dus ik heb maar een deel van de nummers toegevoegd.
queue-cleared = Ik heb de wachtrij leeggemaakt. Dit nummer speelt nog tot het einde, daarna komt er niets meer.
next-up = Hierna komt { $title } van { $artist }.
nothing-next = Na dit nummer komt er niets meer.
