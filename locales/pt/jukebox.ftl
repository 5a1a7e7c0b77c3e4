# Everything jukebox says in Brazilian Portuguese (pt-BR), addressing the
# listener with "você" as Alexa does. Same messages and variables as
# en/jukebox.ftl.

## Opening the skill

welcome = Boas-vindas à sua jukebox. Peça uma música, um álbum ou um artista, por exemplo: toca Bohemian Rhapsody do Queen. O que você quer ouvir?
what-to-play = O que você quer ouvir? Você pode pedir uma música, um álbum ou um artista.
welcome-back = Que bom ter você de volta.
welcome-back-name = Que bom ter você de volta, { $name }.
welcome-name = Boas-vindas, { $name }.
you-were-listening = Você estava ouvindo { $title } de { $artist }. Quer continuar?
offer-resume-reprompt = Quer continuar de onde parou? Ou peça outra coisa para tocar.

## Help, and what the skill cannot do

help = Você pode dizer: toca uma música de um artista, toca um álbum, toca uma playlist, toca um pouco de jazz, embaralha minhas músicas, ou toca meus favoritos. Enquanto a música toca, diga próxima, anterior, pausar, continuar, repetir ou aleatório, eu gosto dessa música, ou pergunte o que está tocando. O que você quer ouvir?
fallback = Desculpe, não posso ajudar com isso. Peça uma música, um álbum ou um artista. O que você quer ouvir?
apology = Desculpe, algo deu errado do meu lado. Tente de novo daqui a pouco.
no-audio-player = Desculpe, este dispositivo não toca música. Tente de novo em um dispositivo Echo ou no app Alexa.

## Playing

playing = Tocando { $title } de { $artist }.
playing-artist = Tocando músicas de { $artist }.
playing-album = Tocando o álbum { $album } de { $artist }.
playing-playlist = Tocando a playlist { $playlist }.
playing-genre = Tocando { $genre } no modo aleatório.
playing-favourites = Tocando seus favoritos.
shuffling-everything = Tocando todas as suas músicas no modo aleatório.
shuffling-album = Tocando o álbum { $album } de { $artist } no modo aleatório.
shuffling-artist = Tocando músicas de { $artist } no modo aleatório.
shuffling-playlist = Tocando a playlist { $playlist } no modo aleatório.
playing-decade = Tocando músicas dos anos { $year } no modo aleatório.
playing-decade-by = Tocando músicas de { $artist } dos anos { $year } no modo aleatório.
playing-year = Tocando músicas de { $year } no modo aleatório.
playing-year-by = Tocando músicas de { $artist } de { $year } no modo aleatório.
era-not-found = Não encontrei músicas dessa época na sua biblioteca. O que você quer ouvir?
playing-latest-album = Tocando o álbum mais recente de { $artist }, { $album }.
playing-newest = Tocando as novidades da sua biblioteca, das mais recentes para as mais antigas, começando com { $title } de { $artist }.
shuffling-newest = Tocando as novidades da sua biblioteca no modo aleatório.
newest-unknown = Ainda não sei quando suas músicas foram adicionadas, então não consigo dizer o que é novo. O que você quer ouvir?
library-empty = Sua biblioteca de músicas está vazia, então ainda não há nada para tocar.

## Not found, and offers

not-found-song-by-artist = Não encontrei { $song } de { $artist } nesta jukebox.
not-found-song = Não encontrei { $song } nesta jukebox.
not-found-artist = Não encontrei nada de { $artist } nesta jukebox.
not-found-anything = Não encontrei isso nesta jukebox.
closest-match = O mais parecido que eu tenho é { $title } de { $artist }. Quer que eu toque?
try-another = Tente outra música, outro álbum ou outro artista.
offer-closest = Quer que eu toque { $title } de { $artist }? Ou peça outra música.
offer-track = Quer que eu toque { $title } de { $artist }?
playlist-not-found = Não encontrei nenhuma playlist chamada { $heard }. O que você quer ouvir?
playlist-near-miss = Não encontrei nenhuma playlist chamada { $heard }. Você quis dizer a playlist { $playlist }?
offer-playlist = Quer que eu toque a playlist { $playlist }?
goodbye = Tudo bem.

## What's playing, and moving through the queue

now-playing = Está tocando { $title } de { $artist }.
paused = Pausado: { $title } de { $artist }. Diga continuar para seguir ouvindo.
nothing-playing = Nada está tocando agora. O que você quer ouvir?
nothing-to-resume = Não há nada para continuar. O que você quer ouvir?
end-of-queue = Essa é a última faixa da fila.
playing-station = Tocando a rádio { $station }, ao vivo.
station-not-found = Não encontrei nenhuma rádio chamada { $heard }. O que você quer ouvir?
live-no-skip = Esta é uma rádio ao vivo: não tem faixa seguinte nem anterior.
now-playing-station = Está tocando a rádio { $station }, ao vivo.
station-paused = Pausado: a rádio { $station }. Diga continuar para voltar ao vivo.
loop-on = A repetição está ligada.
loop-off = A repetição está desligada.
shuffle-on = O modo aleatório está ligado.
shuffle-off = O modo aleatório está desligado.
always-shuffled = Essa música só toca no modo aleatório, então o modo aleatório continua ligado.
autoplay-on = A reprodução automática está ligada: quando a fila acabar, continuo com música parecida.
autoplay-off = A reprodução automática está desligada: a música para quando a fila acaba.
autoplay-unavailable = A reprodução automática não está ativada neste jukebox, então a música para quando a fila acaba.

## Favourites

liked = Adicionei { $title } aos seus favoritos.
already-liked = { $title } já está nos seus favoritos.
favourites-full = Seus favoritos estão cheios. Remova um primeiro: diga, remove essa música dos meus favoritos.
unliked = Removi { $title } dos seus favoritos.
not-a-favourite = { $title } não está nos seus favoritos.
nothing-to-like = Nada meu está tocando. Enquanto uma música toca, diga: eu gosto dessa música.
no-favourites = Você ainda não tem favoritos. Enquanto uma música toca, diga: eu gosto dessa música.

## Who may listen

link-account = Esta jukebox toca só para os ouvintes do dono. Para ouvir, vincule sua conta Amazon no app Alexa: enviei um cartão lá para ajudar.
private-jukebox = Esta jukebox é particular. Peça ao dono para adicionar você à lista de ouvintes.
help-unlinked = Esta jukebox toca só para os ouvintes do dono. Para ouvir, vincule sua conta Amazon a esta skill no app Alexa e depois me peça uma música.
offer-link-card = Quer que eu envie um cartão para o app Alexa para ajudar você a vincular a conta?
help-private = Esta jukebox é particular: só os ouvintes que o dono adicionou podem usá-la. Peça ao dono para adicionar o e-mail da sua conta Amazon e depois me peça de novo.
ask-anything-else = Posso ajudar com mais alguma coisa?
ask-try-again = Quer tentar de novo?
cannot-check-listener = Desculpe, não consigo verificar quem está ouvindo agora. Tente de novo daqui a pouco.

## Editar a fila: adicionar, tocar em seguida, limpar, o que vem depois

queue-added = Adicionei { $title } de { $artist } à fila.
queue-added-album = Adicionei o álbum { $album } de { $artist } à fila.
queue-added-artist = Adicionei músicas de { $artist } à fila.
queue-next = { $title } de { $artist } toca em seguida.
queue-full = A fila está cheia, então não adicionei nada.
queue-added-some = A fila ficou cheia, então só adicionei uma parte das faixas.
queue-cleared = Limpei a fila. Esta faixa toca até o fim, e depois não vem mais nada.
next-up = A próxima é { $title } de { $artist }.
nothing-next = Não vem nada depois desta faixa.
