# Everything jukebox says in Italian (it-IT), addressing the listener with
# "tu" as Alexa does. Same messages and variables as en/jukebox.ftl.

## Opening the skill

welcome = Ti do il benvenuto nel tuo jukebox. Chiedi una canzone, un album o un artista, per esempio: metti Bohemian Rhapsody di Queen. Cosa vuoi ascoltare?
what-to-play = Cosa vuoi ascoltare? Puoi chiedere una canzone, un album o un artista.
welcome-back = Eccoti di nuovo.
welcome-back-name = Eccoti di nuovo, { $name }.
welcome-name = Ti do il benvenuto, { $name }.
you-were-listening = Stavi ascoltando { $title } di { $artist }. Vuoi riprendere?
offer-resume-reprompt = Vuoi riprendere da dove avevi interrotto? Oppure chiedi qualcos'altro.

## Help, and what the skill cannot do

help = Puoi dire: metti una canzone di un artista, metti un album, metti una playlist, metti un po' di jazz, mescola la mia musica, oppure metti i miei preferiti. Mentre la musica suona, di' avanti, indietro, pausa, riprendi, ripeti o casuale, mi piace questa canzone, oppure chiedi cosa sta suonando. Cosa vuoi ascoltare?
fallback = Mi dispiace, non posso aiutarti con questo. Chiedimi una canzone, un album o un artista. Cosa vuoi ascoltare?
apology = Mi dispiace, qualcosa è andato storto da parte mia. Riprova tra un momento.
no-audio-player = Mi dispiace, questo dispositivo non può riprodurre musica. Riprova su un altoparlante Echo o nell'app Alexa.

## Playing

playing = Ecco { $title } di { $artist }.
playing-artist = Ecco la musica di { $artist }.
playing-album = Ecco l'album { $album } di { $artist }.
playing-playlist = Ecco la playlist { $playlist }.
playing-genre = Riproduco { $genre } in ordine casuale.
playing-favourites = Ecco i tuoi preferiti.
shuffling-everything = Riproduco tutta la tua musica in ordine casuale.
shuffling-album = Riproduco l'album { $album } di { $artist } in ordine casuale.
shuffling-artist = Riproduco brani di { $artist } in ordine casuale.
shuffling-playlist = Riproduco la playlist { $playlist } in ordine casuale.
playing-decade = Riproduco musica degli anni { $year } in ordine casuale.
playing-decade-by = Riproduco brani di { $artist } degli anni { $year } in ordine casuale.
playing-year = Riproduco musica del { $year } in ordine casuale.
playing-year-by = Riproduco brani di { $artist } del { $year } in ordine casuale.
era-not-found = Non ho trovato musica di quel periodo nella tua libreria. Cosa vuoi ascoltare?
playing-latest-album = Ecco l'ultimo album di { $artist }, { $album }.
playing-newest = Ecco le novità della tua libreria, dalla più recente, a cominciare da { $title } di { $artist }.
shuffling-newest = Riproduco le novità della tua libreria in ordine casuale.
newest-unknown = Non so ancora quando è stata aggiunta la tua musica, quindi non posso dirti cosa c'è di nuovo. Cosa vuoi ascoltare?
library-empty = La tua libreria musicale è vuota, quindi per ora non c'è niente da riprodurre.

## Not found, and offers

not-found-song-by-artist = Non ho trovato { $song } di { $artist } in questo jukebox.
not-found-song = Non ho trovato { $song } in questo jukebox.
not-found-artist = Non ho trovato niente di { $artist } in questo jukebox.
not-found-anything = Non l'ho trovato in questo jukebox.
closest-match = La cosa più simile che ho è { $title } di { $artist }. Vuoi che la metta?
try-another = Prova con un'altra canzone, un altro album o un altro artista.
offer-closest = Metto { $title } di { $artist }? Oppure chiedi un'altra canzone.
offer-track = Metto { $title } di { $artist }?
playlist-not-found = Non ho trovato nessuna playlist chiamata { $heard }. Cosa vuoi ascoltare?
playlist-near-miss = Non ho trovato nessuna playlist chiamata { $heard }. Intendevi la playlist { $playlist }?
offer-playlist = Metto la playlist { $playlist }?
goodbye = Va bene.

## What's playing, and moving through the queue

now-playing = Stai ascoltando { $title } di { $artist }.
paused = In pausa: { $title } di { $artist }. Di' riprendi per continuare.
nothing-playing = Al momento non sta suonando niente. Cosa vuoi ascoltare?
nothing-to-resume = Non c'è niente da riprendere. Cosa vuoi ascoltare?
end-of-queue = Questo è l'ultimo brano della coda.
playing-station = Ecco la stazione { $station }, in diretta.
station-not-found = Non ho trovato nessuna stazione chiamata { $heard }. Cosa vuoi ascoltare?
live-no-skip = È una stazione in diretta: non c'è un brano successivo o precedente.
now-playing-station = Stai ascoltando la stazione { $station }, in diretta.
station-paused = In pausa: la stazione { $station }. Di' riprendi per tornare in diretta.
loop-on = La ripetizione è attiva.
loop-off = La ripetizione è disattivata.
shuffle-on = La riproduzione casuale è attiva.
shuffle-off = La riproduzione casuale è disattivata.
always-shuffled = Questa musica si riproduce solo in ordine casuale, quindi la riproduzione casuale resta attiva.
autoplay-on = La riproduzione automatica è attiva: quando la coda finisce, continuo con musica simile.
autoplay-off = La riproduzione automatica è disattivata: la musica si ferma quando la coda finisce.
autoplay-unavailable = La riproduzione automatica non è attiva su questo jukebox, quindi la musica si ferma quando la coda finisce.

## Favourites

liked = Ho aggiunto { $title } ai tuoi preferiti.
already-liked = { $title } è già tra i tuoi preferiti.
favourites-full = I tuoi preferiti sono pieni. Prima togline uno: di', togli questa canzone dai miei preferiti.
unliked = Ho tolto { $title } dai tuoi preferiti.
not-a-favourite = { $title } non è tra i tuoi preferiti.
nothing-to-like = Non sta suonando niente di mio. Mentre suona una canzone, di': mi piace questa canzone.
no-favourites = Non hai ancora preferiti. Mentre suona una canzone, di': mi piace questa canzone.

## Who may listen

link-account = Questo jukebox suona solo per gli ascoltatori del suo proprietario. Per ascoltare, collega il tuo account Amazon nell'app Alexa: ti ho inviato lì una scheda per aiutarti.
private-jukebox = Questo jukebox è privato. Chiedi al suo proprietario di aggiungerti alla lista degli ascoltatori.
help-unlinked = Questo jukebox suona solo per gli ascoltatori del suo proprietario. Per ascoltare, collega il tuo account Amazon a questa skill nell'app Alexa, poi chiedimi una canzone.
offer-link-card = Vuoi che ti invii una scheda nell'app Alexa per aiutarti a collegare l'account?
help-private = Questo jukebox è privato: possono usarlo solo gli ascoltatori aggiunti dal proprietario. Chiedi al proprietario di aggiungere l'indirizzo email del tuo account Amazon, poi chiedimelo di nuovo.
ask-anything-else = Posso aiutarti in qualcos'altro?
ask-try-again = Vuoi riprovare?
cannot-check-listener = Mi dispiace, al momento non riesco a verificare chi sta ascoltando. Riprova tra un momento.

## Modificare la coda: aggiungere, riprodurre dopo, svuotare, cosa viene dopo

queue-added = Ho aggiunto { $title } di { $artist } alla coda.
queue-added-album = Ho aggiunto l'album { $album } di { $artist } alla coda.
queue-added-artist = Ho aggiunto dei brani di { $artist } alla coda.
queue-next = Subito dopo arriva { $title } di { $artist }.
queue-full = La coda è piena, quindi non ho aggiunto niente.
queue-added-some = Ora la coda è piena, quindi ho aggiunto solo una parte dei brani.
queue-cleared = Ho svuotato la coda. Questo brano arriva fino alla fine, poi non segue nient'altro.
next-up = Il prossimo è { $title } di { $artist }.
nothing-next = Dopo questo brano non c'è nient'altro.
