# Everything jukebox says in Japanese (ja-JP), in the polite です/ます
# style Alexa uses. Same messages and variables as en/jukebox.ftl. Words
# run on without spaces; a title keeps the catalog's own spelling.

## Opening the skill

welcome = マイジュークボックスへようこそ。曲名、アルバム、アーティストを言ってください。たとえば「クイーンのボヘミアンラプソディをかけて」のように言えます。何を聴きますか？
what-to-play = 何を聴きますか？曲名、アルバム、アーティストを言ってください。
welcome-back = おかえりなさい。
welcome-back-name = { $name }さん、おかえりなさい。
welcome-name = { $name }さん、ようこそ。
you-were-listening = 前回は{ $artist }の{ $title }を聴いていました。続きから再生しますか？
offer-resume-reprompt = 前回の続きから再生しますか？ほかの曲を言うこともできます。

## Help, and what the skill cannot do

help = 「アーティストの曲をかけて」、「アルバムをかけて」、「プレイリストをかけて」、「ジャズ系の曲をかけて」、「全部の曲をシャッフルして」、「お気に入りをかけて」のように言ってください。再生中は「次」、「前」、「一時停止」、「再開」、「リピート」、「シャッフル」、「この曲が好き」、「今かかっている曲は何」と言えます。何を聴きますか？
fallback = すみません、それはお手伝いできません。曲、アルバム、アーティストを言ってください。何を聴きますか？
apology = すみません、問題が発生しました。しばらくしてからもう一度お試しください。
no-audio-player = すみません、このデバイスでは音楽を再生できません。EchoスピーカーかAlexaアプリでもう一度お試しください。

## Playing

playing = { $artist }の{ $title }を再生します。
playing-artist = { $artist }の曲を再生します。
playing-album = { $artist }のアルバム、{ $album }を再生します。
playing-playlist = プレイリスト、{ $playlist }を再生します。
playing-genre = { $genre }をシャッフル再生します。
playing-favourites = お気に入りを再生します。
shuffling-everything = すべての曲をシャッフル再生します。
shuffling-album = { $artist }のアルバム、{ $album }をシャッフル再生します。
shuffling-artist = { $artist }の曲をシャッフル再生します。
shuffling-playlist = プレイリスト、{ $playlist }をシャッフル再生します。
playing-decade = { $year }年代の曲をシャッフル再生します。
playing-decade-by = { $artist }の{ $year }年代の曲をシャッフル再生します。
playing-year = { $year }年の曲をシャッフル再生します。
playing-year-by = { $artist }の{ $year }年の曲をシャッフル再生します。
era-not-found = ライブラリーにその年代の曲が見つかりませんでした。何を聴きますか？
playing-latest-album = { $artist }の最新アルバム、{ $album }を再生します。
playing-newest = 最近追加された曲を新しい順に再生します。まずは{ $artist }の{ $title }です。
shuffling-newest = 最近追加された曲をシャッフル再生します。
newest-unknown = 曲がいつ追加されたかまだ分からないので、新しい曲をお伝えできません。何を聴きますか？
library-empty = ミュージックライブラリーが空なので、まだ再生できる曲がありません。

## Not found, and offers

not-found-song-by-artist = このジュークボックスには、{ $artist }の{ $song }が見つかりませんでした。
not-found-song = このジュークボックスには、{ $song }が見つかりませんでした。
not-found-artist = このジュークボックスには、{ $artist }の曲が見つかりませんでした。
not-found-anything = このジュークボックスでは見つかりませんでした。
closest-match = いちばん近いのは{ $artist }の{ $title }です。再生しますか？
try-another = ほかの曲、アルバム、アーティストを試してください。
offer-closest = { $artist }の{ $title }を再生しますか？ほかの曲を言うこともできます。
offer-track = { $artist }の{ $title }を再生しますか？
playlist-not-found = { $heard }というプレイリストが見つかりませんでした。何を聴きますか？
playlist-near-miss = { $heard }というプレイリストが見つかりませんでした。プレイリスト、{ $playlist }のことですか？
offer-playlist = プレイリスト、{ $playlist }を再生しますか？
goodbye = わかりました。

## What's playing, and moving through the queue

now-playing = { $artist }の{ $title }です。
paused = 一時停止中です。{ $artist }の{ $title }。続けるには「再開」と言ってください。
nothing-playing = 今は何も再生していません。何を聴きますか？
nothing-to-resume = 再開できる曲がありません。何を聴きますか？
end-of-queue = キューの最後の曲です。
playing-station = ステーション、{ $station }をライブで再生します。
station-not-found = { $heard }というステーションが見つかりませんでした。何を聴きますか？
live-no-skip = ライブのステーションなので、次の曲や前の曲はありません。
now-playing-station = ステーション、{ $station }をライブで再生中です。
station-paused = 一時停止中です。ステーション、{ $station }。ライブに戻るには「再開」と言ってください。
loop-on = リピートをオンにしました。
loop-off = リピートをオフにしました。
shuffle-on = シャッフルをオンにしました。
shuffle-off = シャッフルをオフにしました。
always-shuffled = この音楽はシャッフルでのみ再生されるため、シャッフルはオンのままです。
autoplay-on = 自動再生をオンにしました。キューが終わったら、似た曲を続けて再生します。
autoplay-off = 自動再生をオフにしました。キューが終わると音楽も止まります。
autoplay-unavailable = このジュークボックスでは自動再生が有効になっていないため、キューが終わると音楽も止まります。

## Favourites

liked = { $title }をお気に入りに追加しました。
already-liked = { $title }はすでにお気に入りに入っています。
favourites-full = お気に入りがいっぱいです。先にひとつ削除してください。「この曲をお気に入りから削除して」と言えます。
unliked = { $title }をお気に入りから削除しました。
not-a-favourite = { $title }はお気に入りに入っていません。
nothing-to-like = このスキルの曲は再生されていません。曲の再生中に「この曲が好き」と言ってください。
no-favourites = お気に入りはまだありません。曲の再生中に「この曲が好き」と言ってください。

## Who may listen

link-account = このジュークボックスは、オーナーが登録したリスナー専用です。聴くには、AlexaアプリでAmazonアカウントをリンクしてください。手順を書いたカードをアプリに送りました。
private-jukebox = このジュークボックスはプライベートです。オーナーに、リスナーのリストに追加するよう頼んでください。
help-unlinked = このジュークボックスは、オーナーが登録したリスナー専用です。聴くには、AlexaアプリでAmazonアカウントをこのスキルにリンクしてから、曲をリクエストしてください。
offer-link-card = リンクの手順を書いたカードをAlexaアプリに送りましょうか？
help-private = このジュークボックスはプライベートで、オーナーが追加したリスナーだけが再生できます。オーナーにAmazonアカウントのメールアドレスを追加してもらってから、もう一度話しかけてください。
ask-anything-else = ほかに何かお手伝いできることはありますか？
ask-try-again = もう一度試しますか？
cannot-check-listener = すみません、今はどなたが聴いているか確認できません。しばらくしてからもう一度お試しください。

## キューの編集: 追加、次に再生、クリア、次の曲

queue-added = { $artist }の{ $title }をキューに追加しました。
queue-added-album = { $artist }のアルバム、{ $album }をキューに追加しました。
queue-added-artist = { $artist }の曲をキューに追加しました。
queue-next = 次に{ $artist }の{ $title }を再生します。
queue-full = キューがいっぱいなので、何も追加しませんでした。
queue-added-some = キューがいっぱいになったので、一部の曲だけを追加しました。
queue-cleared = キューをクリアしました。この曲は最後まで再生し、そのあとは何も再生しません。
next-up = 次は{ $artist }の{ $title }です。
nothing-next = この曲のあとには何もありません。
