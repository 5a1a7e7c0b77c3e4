# Everything jukebox says in German (de-DE), addressing the listener with
# "du" as Alexa does. Same messages and variables as en/jukebox.ftl.

## Opening the skill

welcome = Willkommen bei deiner Jukebox. Wünsch dir einen Song, ein Album oder einen Künstler, zum Beispiel: spiele Bohemian Rhapsody von Queen. Was möchtest du hören?
what-to-play = Was möchtest du hören? Du kannst einen Song, ein Album oder einen Künstler nennen.
welcome-back = Willkommen zurück.
welcome-back-name = Willkommen zurück, { $name }.
welcome-name = Willkommen, { $name }.
you-were-listening = Du hast zuletzt { $title } von { $artist } gehört. Soll ich weiterspielen?
offer-resume-reprompt = Soll ich dort weitermachen, wo du aufgehört hast? Oder nenne etwas anderes.

## Help, and what the skill cannot do

help = Du kannst sagen: spiele einen Song von einem Künstler, spiele ein Album, spiele eine Playlist, spiele etwas Jazz, spiele alles zufällig, oder spiele meine Favoriten. Während Musik läuft, sag: weiter, zurück, Pause, fortsetzen, wiederholen oder zufällig, ich mag dieses Lied, oder frag, was gerade läuft. Was möchtest du hören?
fallback = Dabei kann ich leider nicht helfen. Bitte mich, einen Song, ein Album oder einen Künstler zu spielen. Was möchtest du hören?
apology = Entschuldige, bei mir ist etwas schiefgelaufen. Bitte versuch es gleich noch einmal.
no-audio-player = Dieses Gerät kann leider keine Musik abspielen. Versuch es auf einem Echo-Lautsprecher oder in der Alexa App.

## Playing

playing = Ich spiele { $title } von { $artist }.
playing-artist = Ich spiele Musik von { $artist }.
playing-album = Ich spiele das Album { $album } von { $artist }.
playing-playlist = Ich spiele die Playlist { $playlist }.
playing-genre = Ich spiele { $genre } in zufälliger Reihenfolge.
playing-favourites = Ich spiele deine Favoriten.
shuffling-everything = Ich spiele deine ganze Musik in zufälliger Reihenfolge.
shuffling-album = Ich spiele das Album { $album } von { $artist } in zufälliger Reihenfolge.
shuffling-artist = Ich spiele Songs von { $artist } in zufälliger Reihenfolge.
shuffling-playlist = Ich spiele die Playlist { $playlist } in zufälliger Reihenfolge.
playing-decade = Ich spiele Musik aus den { $year }er-Jahren in zufälliger Reihenfolge.
playing-decade-by = Ich spiele Songs von { $artist } aus den { $year }er-Jahren in zufälliger Reihenfolge.
playing-year = Ich spiele Musik aus dem Jahr { $year } in zufälliger Reihenfolge.
playing-year-by = Ich spiele Songs von { $artist } aus dem Jahr { $year } in zufälliger Reihenfolge.
era-not-found = Aus dieser Zeit habe ich in deiner Bibliothek keine Musik gefunden. Was möchtest du hören?
playing-latest-album = Ich spiele das neueste Album von { $artist }: { $album }.
playing-newest = Ich spiele deine zuletzt hinzugefügte Musik, das Neueste zuerst, angefangen mit { $title } von { $artist }.
shuffling-newest = Ich spiele deine zuletzt hinzugefügte Musik in zufälliger Reihenfolge.
newest-unknown = Ich weiß noch nicht, wann deine Musik hinzugefügt wurde, deshalb kann ich nicht sagen, was neu ist. Was möchtest du hören?
library-empty = Deine Musikbibliothek ist leer, es gibt also noch nichts zu spielen.

## Not found, and offers

not-found-song-by-artist = Ich habe { $song } von { $artist } in dieser Jukebox nicht gefunden.
not-found-song = Ich habe { $song } in dieser Jukebox nicht gefunden.
not-found-artist = Ich habe nichts von { $artist } in dieser Jukebox gefunden.
not-found-anything = Das habe ich in dieser Jukebox nicht gefunden.
closest-match = Am ähnlichsten ist { $title } von { $artist }. Soll ich das spielen?
try-another = Versuch es mit einem anderen Song, Album oder Künstler.
offer-closest = Soll ich { $title } von { $artist } spielen? Oder nenne einen anderen Song.
offer-track = Soll ich { $title } von { $artist } spielen?
playlist-not-found = Ich habe keine Playlist namens { $heard } gefunden. Was möchtest du hören?
playlist-near-miss = Ich habe keine Playlist namens { $heard } gefunden. Meinst du die Playlist { $playlist }?
offer-playlist = Soll ich die Playlist { $playlist } spielen?
goodbye = Okay.

## What's playing, and moving through the queue

now-playing = Das ist { $title } von { $artist }.
paused = Pausiert: { $title } von { $artist }. Sag fortsetzen, um weiterzuhören.
nothing-playing = Gerade läuft nichts. Was möchtest du hören?
nothing-to-resume = Es gibt nichts fortzusetzen. Was möchtest du hören?
end-of-queue = Das ist der letzte Titel in der Warteschlange.
playing-station = Ich spiele den Sender { $station }, live.
station-not-found = Ich habe keinen Sender namens { $heard } gefunden. Was möchtest du hören?
live-no-skip = Das ist ein Live-Sender: Es gibt keinen nächsten oder vorherigen Titel.
now-playing-station = Das ist der Sender { $station }, live.
station-paused = Pausiert: der Sender { $station }. Sag fortsetzen, um wieder live dabei zu sein.
loop-on = Wiederholen ist an.
loop-off = Wiederholen ist aus.
shuffle-on = Zufallswiedergabe ist an.
shuffle-off = Zufallswiedergabe ist aus.
always-shuffled = Diese Musik läuft nur in zufälliger Reihenfolge, daher bleibt die Zufallswiedergabe an.
autoplay-on = Autoplay ist an: Wenn die Warteschlange zu Ende ist, spiele ich ähnliche Musik weiter.
autoplay-off = Autoplay ist aus: Die Musik hört auf, wenn die Warteschlange zu Ende ist.
autoplay-unavailable = Autoplay ist für diese Jukebox nicht eingeschaltet. Die Musik hört also auf, wenn die Warteschlange zu Ende ist.

## Favourites

liked = Ich habe { $title } zu deinen Favoriten hinzugefügt.
already-liked = { $title } ist schon einer deiner Favoriten.
favourites-full = Deine Favoriten sind voll. Entferne zuerst einen: sag, entferne das aus meinen Favoriten.
unliked = Ich habe { $title } aus deinen Favoriten entfernt.
not-a-favourite = { $title } ist keiner deiner Favoriten.
nothing-to-like = Gerade läuft nichts von mir. Sag während eines Songs: ich mag dieses Lied.
no-favourites = Du hast noch keine Favoriten. Sag während eines Songs: ich mag dieses Lied.

## Who may listen

link-account = Diese Jukebox spielt nur für die Hörer ihres Besitzers. Verknüpfe dazu dein Amazon-Konto in der Alexa App: Ich habe dir dort eine Karte geschickt, die dir hilft.
private-jukebox = Diese Jukebox ist privat. Bitte ihren Besitzer, dich zur Liste der Hörer hinzuzufügen.
help-unlinked = Diese Jukebox spielt nur für die Hörer ihres Besitzers. Verknüpfe dazu dein Amazon-Konto in der Alexa App mit diesem Skill und wünsch dir dann einen Song.
offer-link-card = Soll ich dir eine Karte in die Alexa App schicken, die dir beim Verknüpfen hilft?
help-private = Diese Jukebox ist privat: Nur Hörer, die ihr Besitzer hinzugefügt hat, können sie nutzen. Bitte den Besitzer, die E-Mail-Adresse deines Amazon-Kontos hinzuzufügen, und frag mich dann noch einmal.
ask-anything-else = Kann ich sonst noch etwas für dich tun?
ask-try-again = Möchtest du es noch einmal versuchen?
cannot-check-listener = Ich kann gerade leider nicht prüfen, wer zuhört. Bitte versuch es gleich noch einmal.

## Die Warteschlange bearbeiten: hinzufügen, als Nächstes, leeren, was kommt

queue-added = { $title } von { $artist } ist jetzt in der Warteschlange.
queue-added-album = Das Album { $album } von { $artist } ist jetzt in der Warteschlange.
queue-added-artist = Titel von { $artist } sind jetzt in der Warteschlange.
queue-next = Als Nächstes kommt { $title } von { $artist }.
queue-full = Die Warteschlange ist voll, deshalb habe ich nichts hinzugefügt.
queue-added-some = Die Warteschlange ist jetzt voll, deshalb habe ich nur einen Teil der Titel hinzugefügt.
queue-cleared = Ich habe die Warteschlange geleert. Dieser Titel läuft noch zu Ende, danach kommt nichts mehr.
next-up = Als Nächstes kommt { $title } von { $artist }.
nothing-next = Nach diesem Titel kommt nichts mehr.
