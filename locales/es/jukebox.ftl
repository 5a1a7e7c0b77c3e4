# Everything jukebox says in Spanish (es-MX, es-US, and es-ES with the
# words of es-ES/jukebox.ftl over these), addressing the listener with
# "tú" as Alexa does. Same messages and variables as en/jukebox.ftl.

# What the listener calls a jukebox: "rocola" in the Americas (Spain's
# "gramola" is in es-ES/jukebox.ftl). Both are feminine.
-jukebox = rocola

## Opening the skill

welcome = Te doy la bienvenida a tu { -jukebox }. Pide una canción, un álbum o un artista, por ejemplo: pon Bohemian Rhapsody de Queen. ¿Qué te gustaría escuchar?
what-to-play = ¿Qué te gustaría escuchar? Puedes pedir una canción, un álbum o un artista.
welcome-back = Me alegra tenerte de vuelta.
welcome-back-name = Me alegra tenerte de vuelta, { $name }.
welcome-name = Te doy la bienvenida, { $name }.
you-were-listening = Estabas escuchando { $title } de { $artist }. ¿Quieres continuar?
offer-resume-reprompt = ¿Quieres continuar donde lo dejaste? O pide otra cosa.

## Help, and what the skill cannot do

help = Puedes decir: pon una canción de un artista, pon un álbum, pon una playlist, pon un poco de jazz, mezcla mi música, o pon mis favoritos. Mientras suena la música, di siguiente, anterior, pausa, continúa, repetir o aleatorio, me gusta esta canción, o pregunta qué suena. ¿Qué te gustaría escuchar?
fallback = Lo siento, no puedo ayudarte con eso. Pídeme una canción, un álbum o un artista. ¿Qué te gustaría escuchar?
apology = Lo siento, algo salió mal por mi parte. Vuelve a intentarlo en un momento.
no-audio-player = Lo siento, este dispositivo no puede reproducir música. Inténtalo en un dispositivo Echo o en la app de Alexa.

## Playing

playing = Reproduciendo { $title } de { $artist }.
playing-artist = Reproduciendo música de { $artist }.
playing-album = Reproduciendo el álbum { $album } de { $artist }.
playing-playlist = Reproduciendo la playlist { $playlist }.
playing-genre = Reproduciendo { $genre } en modo aleatorio.
playing-favourites = Reproduciendo tus favoritos.
shuffling-everything = Reproduciendo toda tu música en modo aleatorio.
shuffling-album = Reproduciendo el álbum { $album } de { $artist } en modo aleatorio.
shuffling-artist = Reproduciendo canciones de { $artist } en modo aleatorio.
shuffling-playlist = Reproduciendo la playlist { $playlist } en modo aleatorio.
playing-decade = Reproduciendo música de la década de { $year } en modo aleatorio.
playing-decade-by = Reproduciendo canciones de { $artist } de la década de { $year } en modo aleatorio.
playing-year = Reproduciendo música de { $year } en modo aleatorio.
playing-year-by = Reproduciendo canciones de { $artist } de { $year } en modo aleatorio.
era-not-found = No encontré música de esa época en tu biblioteca. ¿Qué te gustaría escuchar?
playing-latest-album = Reproduciendo el último álbum de { $artist }, { $album }.
playing-newest = Reproduciendo lo más reciente de tu biblioteca, de lo más nuevo a lo más antiguo, empezando por { $title } de { $artist }.
shuffling-newest = Reproduciendo lo más reciente de tu biblioteca en modo aleatorio.
newest-unknown = Todavía no sé cuándo llegó tu música a la biblioteca, así que no puedo decirte qué es nuevo. ¿Qué te gustaría escuchar?
library-empty = Tu biblioteca de música está vacía, así que todavía no hay nada que reproducir.

## Not found, and offers

not-found-song-by-artist = No encontré { $song } de { $artist } en esta { -jukebox }.
not-found-song = No encontré { $song } en esta { -jukebox }.
not-found-artist = No encontré nada de { $artist } en esta { -jukebox }.
not-found-anything = No encontré eso en esta { -jukebox }.
closest-match = Lo más parecido que tengo es { $title } de { $artist }. ¿Quieres que lo ponga?
try-another = Prueba con otra canción, otro álbum u otro artista.
offer-closest = ¿Pongo { $title } de { $artist }? O pide otra canción.
offer-track = ¿Pongo { $title } de { $artist }?
playlist-not-found = No encontré ninguna playlist llamada { $heard }. ¿Qué te gustaría escuchar?
playlist-near-miss = No encontré ninguna playlist llamada { $heard }. ¿Te refieres a la playlist { $playlist }?
offer-playlist = ¿Pongo la playlist { $playlist }?
goodbye = De acuerdo.

## What's playing, and moving through the queue

now-playing = Está sonando { $title } de { $artist }.
paused = En pausa: { $title } de { $artist }. Di continúa para seguir.
nothing-playing = Ahora mismo no suena nada. ¿Qué te gustaría escuchar?
nothing-to-resume = No hay nada que reanudar. ¿Qué te gustaría escuchar?
end-of-queue = Esa es la última canción de la cola.
playing-station = Reproduciendo la emisora { $station } en directo.
station-not-found = No encontré ninguna emisora llamada { $heard }. ¿Qué te gustaría escuchar?
live-no-skip = Es una emisora en directo: no hay canción siguiente ni anterior.
now-playing-station = Está sonando la emisora { $station } en directo.
station-paused = En pausa: la emisora { $station }. Di continúa para volver al directo.
loop-on = La repetición está activada.
loop-off = La repetición está desactivada.
shuffle-on = El modo aleatorio está activado.
shuffle-off = El modo aleatorio está desactivado.
always-shuffled = Esta música solo se reproduce en modo aleatorio, así que el modo aleatorio sigue activado.
autoplay-on = La reproducción automática está activada: cuando se acabe la cola, seguiré con música parecida.
autoplay-off = La reproducción automática está desactivada: la música se detiene cuando se acaba la cola.
autoplay-unavailable = La reproducción automática no está activada en esta { -jukebox }, así que la música se detiene cuando se acaba la cola.

## Favourites

liked = Guardé { $title } en tus favoritos.
already-liked = { $title } ya está en tus favoritos.
favourites-full = Tus favoritos están llenos. Primero quita uno: di, quita esto de mis favoritos.
unliked = Quité { $title } de tus favoritos.
not-a-favourite = { $title } no está en tus favoritos.
nothing-to-like = No está sonando nada mío. Mientras suena una canción, di: me gusta esta canción.
no-favourites = Todavía no tienes favoritos. Mientras suena una canción, di: me gusta esta canción.

## Who may listen

link-account = Esta { -jukebox } solo suena para los oyentes de su dueño. Para escuchar, vincula tu cuenta de Amazon en la app de Alexa: te envié allí una tarjeta para ayudarte.
private-jukebox = Esta { -jukebox } es privada. Pide a su dueño que te incluya en la lista de oyentes.
help-unlinked = Esta { -jukebox } solo suena para los oyentes de su dueño. Para escuchar, vincula tu cuenta de Amazon a esta skill en la app de Alexa y luego pídeme una canción.
offer-link-card = ¿Te envío una tarjeta a la app de Alexa para ayudarte a vincular tu cuenta?
help-private = Esta { -jukebox } es privada: solo pueden usarla los oyentes que su dueño ha incluido. Pide al dueño que incluya el correo electrónico de tu cuenta de Amazon y vuelve a pedírmelo.
ask-anything-else = ¿Puedo ayudarte con algo más?
ask-try-again = ¿Quieres volver a intentarlo?
cannot-check-listener = Lo siento, ahora mismo no puedo comprobar quién está escuchando. Vuelve a intentarlo en un momento.

## Editar la cola: añadir, poner a continuación, vaciar, qué sigue

queue-added = He añadido { $title } de { $artist } a la cola.
queue-added-album = He añadido el álbum { $album } de { $artist } a la cola.
queue-added-artist = He añadido canciones de { $artist } a la cola.
queue-next = { $title } de { $artist } sonará a continuación.
queue-full = La cola está llena, así que no he añadido nada.
queue-added-some = La cola ya está llena, así que solo he añadido una parte de las canciones.
queue-cleared = He vaciado la cola. Esta canción sonará hasta el final y después no sonará nada más.
next-up = La siguiente es { $title } de { $artist }.
nothing-next = Después de esta canción no hay nada más.
