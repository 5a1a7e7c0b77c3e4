# Everything jukebox says in French (fr-FR, fr-CA), addressing the
# listener with "vous" as Alexa does, and in Alexa's own feminine voice
# ("désolée"). Same messages and variables as en/jukebox.ftl.

## Opening the skill

welcome = Bienvenue dans votre jukebox. Demandez une chanson, un album ou un artiste, par exemple : joue Bohemian Rhapsody de Queen. Que voulez-vous écouter ?
what-to-play = Que voulez-vous écouter ? Vous pouvez demander une chanson, un album ou un artiste.
welcome-back = Bon retour parmi nous.
welcome-back-name = Bon retour parmi nous, { $name }.
welcome-name = Bienvenue, { $name }.
you-were-listening = Vous écoutiez { $title } de { $artist }. Voulez-vous reprendre ?
offer-resume-reprompt = Voulez-vous reprendre là où vous en étiez ? Ou demandez autre chose.

## Help, and what the skill cannot do

help = Vous pouvez dire : joue une chanson d'un artiste, joue un album, joue une playlist, mets du jazz, mélange ma musique, ou joue mes favoris. Pendant la musique, dites suivant, précédent, pause, reprendre, répéter ou aléatoire, j'aime cette chanson, ou demandez ce qui passe. Que voulez-vous écouter ?
fallback = Désolée, je ne peux pas vous aider pour ça. Demandez-moi une chanson, un album ou un artiste. Que voulez-vous écouter ?
apology = Désolée, un problème est survenu de mon côté. Veuillez réessayer dans un instant.
no-audio-player = Désolée, cet appareil ne peut pas lire de musique. Réessayez sur une enceinte Echo ou dans l'application Alexa.

## Playing

playing = Je lance { $title } de { $artist }.
playing-artist = Je lance de la musique de { $artist }.
playing-album = Je lance l'album { $album } de { $artist }.
playing-playlist = Je lance la playlist { $playlist }.
playing-genre = Lecture aléatoire : { $genre }.
playing-favourites = Je lance vos favoris.
shuffling-everything = Lecture aléatoire de toute votre musique.
shuffling-album = Lecture aléatoire de l'album { $album } de { $artist }.
shuffling-artist = Lecture aléatoire des titres de { $artist }.
shuffling-playlist = Lecture aléatoire de la playlist { $playlist }.
playing-decade = Lecture aléatoire de musique des années { $year }.
playing-decade-by = Lecture aléatoire des titres de { $artist } des années { $year }.
playing-year = Lecture aléatoire de musique de { $year }.
playing-year-by = Lecture aléatoire des titres de { $artist } de { $year }.
era-not-found = Je n'ai trouvé aucune musique de cette époque dans votre bibliothèque. Que voulez-vous écouter ?
playing-latest-album = Je lance le dernier album de { $artist } : { $album }.
playing-newest = Je lance votre musique ajoutée récemment, la plus récente d'abord, en commençant par { $title } de { $artist }.
shuffling-newest = Lecture aléatoire de votre musique ajoutée récemment.
newest-unknown = Je ne sais pas encore quand votre musique a été ajoutée, je ne peux donc pas dire ce qui est nouveau. Que voulez-vous écouter ?
library-empty = Votre bibliothèque musicale est vide, il n'y a donc encore rien à écouter.

## Not found, and offers

not-found-song-by-artist = Je n'ai pas trouvé { $song } de { $artist } dans ce jukebox.
not-found-song = Je n'ai pas trouvé { $song } dans ce jukebox.
not-found-artist = Je n'ai rien trouvé de { $artist } dans ce jukebox.
not-found-anything = Je n'ai pas trouvé ça dans ce jukebox.
closest-match = Ce qui s'en rapproche le plus, c'est { $title } de { $artist }. Voulez-vous l'écouter ?
try-another = Essayez une autre chanson, un autre album ou un autre artiste.
offer-closest = Voulez-vous écouter { $title } de { $artist } ? Ou demandez une autre chanson.
offer-track = Voulez-vous écouter { $title } de { $artist } ?
playlist-not-found = Je n'ai pas trouvé de playlist appelée { $heard }. Que voulez-vous écouter ?
playlist-near-miss = Je n'ai pas trouvé de playlist appelée { $heard }. Vouliez-vous dire la playlist { $playlist } ?
offer-playlist = Voulez-vous écouter la playlist { $playlist } ?
goodbye = D'accord.

## What's playing, and moving through the queue

now-playing = C'est { $title } de { $artist }.
paused = En pause : { $title } de { $artist }. Dites reprendre pour continuer.
nothing-playing = Rien n'est en cours de lecture. Que voulez-vous écouter ?
nothing-to-resume = Il n'y a rien à reprendre. Que voulez-vous écouter ?
end-of-queue = C'est le dernier titre de la file d'attente.
playing-station = Je lance la station { $station }, en direct.
station-not-found = Je n'ai pas trouvé de station appelée { $heard }. Que voulez-vous écouter ?
live-no-skip = C'est une station en direct : il n'y a pas de titre suivant ou précédent.
now-playing-station = C'est la station { $station }, en direct.
station-paused = En pause : la station { $station }. Dites reprendre pour retrouver le direct.
loop-on = La répétition est activée.
loop-off = La répétition est désactivée.
shuffle-on = La lecture aléatoire est activée.
shuffle-off = La lecture aléatoire est désactivée.
always-shuffled = Cette musique se joue uniquement en aléatoire, la lecture aléatoire reste donc activée.
autoplay-on = La lecture automatique est activée : à la fin de la file d'attente, je continue avec de la musique du même genre.
autoplay-off = La lecture automatique est désactivée : la musique s'arrête à la fin de la file d'attente.
autoplay-unavailable = La lecture automatique n'est pas activée sur ce jukebox : la musique s'arrête donc à la fin de la file d'attente.

## Favourites

liked = J'ai ajouté { $title } à vos favoris.
already-liked = { $title } fait déjà partie de vos favoris.
favourites-full = Vos favoris sont pleins. Retirez-en d'abord un : dites, retire ça de mes favoris.
unliked = J'ai retiré { $title } de vos favoris.
not-a-favourite = { $title } ne fait pas partie de vos favoris.
nothing-to-like = Aucun de mes titres n'est en cours de lecture. Pendant une chanson, dites : j'aime cette chanson.
no-favourites = Vous n'avez pas encore de favoris. Pendant une chanson, dites : j'aime cette chanson.

## Who may listen

link-account = Ce jukebox est réservé aux auditeurs de son propriétaire. Pour écouter, associez votre compte Amazon dans l'application Alexa : je vous y ai envoyé une carte pour vous aider.
private-jukebox = Ce jukebox est privé. Demandez à son propriétaire de vous ajouter à la liste des auditeurs.
help-unlinked = Ce jukebox est réservé aux auditeurs de son propriétaire. Pour écouter, associez votre compte Amazon à cette skill dans l'application Alexa, puis demandez-moi une chanson.
offer-link-card = Voulez-vous que j'envoie une carte dans l'application Alexa pour vous aider à associer votre compte ?
help-private = Ce jukebox est privé : seuls les auditeurs ajoutés par son propriétaire peuvent l'écouter. Demandez au propriétaire d'ajouter l'adresse e-mail de votre compte Amazon, puis redemandez-moi.
ask-anything-else = Puis-je vous aider pour autre chose ?
ask-try-again = Voulez-vous réessayer ?
cannot-check-listener = Désolée, je ne peux pas vérifier qui écoute pour le moment. Veuillez réessayer dans un instant.

## Modifier la file d'attente : ajouter, jouer ensuite, vider, la suite

queue-added = J'ai ajouté { $title } de { $artist } à la file d'attente.
queue-added-album = J'ai ajouté l'album { $album } de { $artist } à la file d'attente.
queue-added-artist = J'ai ajouté des titres de { $artist } à la file d'attente.
queue-next = { $title } de { $artist } passera juste après.
queue-full = La file d'attente est pleine, je n'ai donc rien ajouté.
queue-added-some = La file d'attente est maintenant pleine, je n'ai donc ajouté qu'une partie des titres.
queue-cleared = J'ai vidé la file d'attente. Ce titre va jusqu'au bout, et rien ne suivra.
next-up = Ensuite, ce sera { $title } de { $artist }.
nothing-next = Rien ne suit ce titre.
