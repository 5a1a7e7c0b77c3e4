# Everything jukebox says in Arabic (ar-SA), in Modern Standard Arabic.
# Same messages and variables as en/jukebox.ftl. A title keeps the
# catalog's own script; "لـ" joins it to its artist.

## Opening the skill

welcome = مرحبًا بك في صندوق الموسيقى. اطلب أغنية أو ألبومًا أو فنانًا، مثلًا: شغل بوهيميان رابسودي لفرقة كوين. ماذا تريد أن تسمع؟
what-to-play = ماذا تريد أن تسمع؟ يمكنك أن تطلب أغنية أو ألبومًا أو فنانًا.
welcome-back = أهلًا بعودتك.
welcome-back-name = أهلًا بعودتك يا { $name }.
welcome-name = أهلًا بك يا { $name }.
you-were-listening = كنت تستمع إلى { $title } لـ { $artist }. هل أكمل التشغيل؟
offer-resume-reprompt = هل أكمل من حيث توقفت؟ أو اطلب شيئًا آخر.

## Help, and what the skill cannot do

help = يمكنك أن تقول: شغل أغنية لفنان، شغل ألبومًا، شغل قائمة تشغيل، شغل موسيقى جاز، شغل أغانيي بشكل عشوائي، أو شغل المفضلة. أثناء التشغيل، قل: التالي، السابق، إيقاف مؤقت، استئناف، تكرار أو عشوائي، أحب هذه الأغنية، أو اسأل عمّا يُشغَّل الآن. ماذا تريد أن تسمع؟
fallback = عذرًا، لا أستطيع المساعدة في ذلك. اطلب مني تشغيل أغنية أو ألبوم أو فنان. ماذا تريد أن تسمع؟
apology = عذرًا، حدث خطأ من جهتي. يُرجى المحاولة مرة أخرى بعد قليل.
no-audio-player = عذرًا، لا يستطيع هذا الجهاز تشغيل الموسيقى. جرّب مرة أخرى على سماعة Echo أو في تطبيق Alexa.

## Playing

playing = جارٍ تشغيل { $title } لـ { $artist }.
playing-artist = جارٍ تشغيل موسيقى { $artist }.
playing-album = جارٍ تشغيل ألبوم { $album } لـ { $artist }.
playing-playlist = جارٍ تشغيل قائمة التشغيل { $playlist }.
playing-genre = جارٍ تشغيل { $genre } بشكل عشوائي.
playing-favourites = جارٍ تشغيل مفضلتك.
shuffling-everything = جارٍ تشغيل كل موسيقاك بشكل عشوائي.
shuffling-album = جارٍ تشغيل ألبوم { $album } لـ { $artist } بشكل عشوائي.
shuffling-artist = جارٍ تشغيل أغاني { $artist } بشكل عشوائي.
shuffling-playlist = جارٍ تشغيل قائمة التشغيل { $playlist } بشكل عشوائي.
playing-decade = جارٍ تشغيل موسيقى من عقد { $year } بشكل عشوائي.
playing-decade-by = جارٍ تشغيل أغاني { $artist } من عقد { $year } بشكل عشوائي.
playing-year = جارٍ تشغيل موسيقى من عام { $year } بشكل عشوائي.
playing-year-by = جارٍ تشغيل أغاني { $artist } من عام { $year } بشكل عشوائي.
era-not-found = لم أجد في مكتبتك أي موسيقى من تلك الفترة. ماذا تريد أن تسمع؟
playing-latest-album = جارٍ تشغيل أحدث ألبوم لـ { $artist }، { $album }.
playing-newest = جارٍ تشغيل أحدث ما أُضيف إلى مكتبتك، الأحدث أولًا، بدءًا بـ { $title } لـ { $artist }.
shuffling-newest = جارٍ تشغيل أحدث ما أُضيف إلى مكتبتك بشكل عشوائي.
newest-unknown = لا أعرف بعد متى أُضيفت موسيقاك، لذا لا أستطيع أن أحدد الجديد منها. ماذا تريد أن تسمع؟
library-empty = مكتبتك الموسيقية فارغة، لذلك لا يوجد ما يمكن تشغيله بعد.

## Not found, and offers

not-found-song-by-artist = لم أجد { $song } لـ { $artist } في صندوق الموسيقى هذا.
not-found-song = لم أجد { $song } في صندوق الموسيقى هذا.
not-found-artist = لم أجد شيئًا لـ { $artist } في صندوق الموسيقى هذا.
not-found-anything = لم أجد ذلك في صندوق الموسيقى هذا.
closest-match = أقرب ما لدي هو { $title } لـ { $artist }. هل أشغّله؟
try-another = جرّب أغنية أو ألبومًا أو فنانًا آخر.
offer-closest = هل أشغّل { $title } لـ { $artist }؟ أو اطلب أغنية أخرى.
offer-track = هل أشغّل { $title } لـ { $artist }؟
playlist-not-found = لم أجد قائمة تشغيل باسم { $heard }. ماذا تريد أن تسمع؟
playlist-near-miss = لم أجد قائمة تشغيل باسم { $heard }. هل تقصد قائمة التشغيل { $playlist }؟
offer-playlist = هل أشغّل قائمة التشغيل { $playlist }؟
goodbye = حسنًا.

## What's playing, and moving through the queue

now-playing = يُشغَّل الآن { $title } لـ { $artist }.
paused = متوقف مؤقتًا: { $title } لـ { $artist }. قل استئناف للمتابعة.
nothing-playing = لا يُشغَّل شيء الآن. ماذا تريد أن تسمع؟
nothing-to-resume = لا يوجد ما يمكن استئنافه. ماذا تريد أن تسمع؟
end-of-queue = هذا آخر مقطع في قائمة الانتظار.
playing-station = جارٍ تشغيل المحطة { $station } مباشرةً.
station-not-found = لم أجد محطة باسم { $heard }. ماذا تريد أن تسمع؟
live-no-skip = هذه محطة بث مباشر: لا يوجد مقطع تالٍ أو سابق.
now-playing-station = تُبَثّ الآن المحطة { $station } مباشرةً.
station-paused = متوقف مؤقتًا: المحطة { $station }. قل استئناف للعودة إلى البث المباشر.
loop-on = التكرار مفعّل.
loop-off = التكرار متوقف.
shuffle-on = التشغيل العشوائي مفعّل.
shuffle-off = التشغيل العشوائي متوقف.
always-shuffled = هذه الموسيقى لا تُشغَّل إلا بشكل عشوائي، لذلك يبقى التشغيل العشوائي مفعّلًا.
autoplay-on = التشغيل التلقائي مفعّل: عندما تنتهي قائمة الانتظار، سأواصل تشغيل موسيقى مشابهة.
autoplay-off = التشغيل التلقائي متوقف: تتوقف الموسيقى عندما تنتهي قائمة الانتظار.
autoplay-unavailable = التشغيل التلقائي غير مفعّل في صندوق الموسيقى هذا، لذلك تتوقف الموسيقى عندما تنتهي قائمة الانتظار.

## Favourites

liked = أضفت { $title } إلى مفضلتك.
already-liked = { $title } موجودة بالفعل في مفضلتك.
favourites-full = مفضلتك ممتلئة. احذف واحدة أولًا: قل، احذف هذه الأغنية من المفضلة.
unliked = حذفت { $title } من مفضلتك.
not-a-favourite = { $title } ليست في مفضلتك.
nothing-to-like = لا يُشغَّل شيء من عندي الآن. أثناء تشغيل أغنية، قل: أحب هذه الأغنية.
no-favourites = ليست لديك مفضلة بعد. أثناء تشغيل أغنية، قل: أحب هذه الأغنية.

## Who may listen

link-account = صندوق الموسيقى هذا مخصص لمستمعي مالكه فقط. للاستماع، اربط حسابك على Amazon في تطبيق Alexa: أرسلت إليك بطاقة هناك للمساعدة.
private-jukebox = صندوق الموسيقى هذا خاص. اطلب من مالكه أن يضيفك إلى قائمة المستمعين.
help-unlinked = صندوق الموسيقى هذا مخصص لمستمعي مالكه فقط. للاستماع، اربط حسابك على Amazon بهذه المهارة في تطبيق Alexa، ثم اطلب مني أغنية.
offer-link-card = هل أرسل بطاقة إلى تطبيق Alexa لمساعدتك في ربط حسابك؟
help-private = صندوق الموسيقى هذا خاص: لا يشغّله إلا المستمعون الذين أضافهم مالكه. اطلب من المالك أن يضيف البريد الإلكتروني لحسابك على Amazon، ثم اسألني مرة أخرى.
ask-anything-else = هل يمكنني مساعدتك في شيء آخر؟
ask-try-again = هل تريد المحاولة مرة أخرى؟
cannot-check-listener = عذرًا، لا أستطيع الآن التحقق ممن يستمع. يُرجى المحاولة مرة أخرى بعد قليل.

## تعديل قائمة الانتظار: الإضافة، التشغيل تاليًا، المسح، ما التالي

queue-added = أضفت { $title } لـ { $artist } إلى قائمة الانتظار.
queue-added-album = أضفت ألبوم { $album } لـ { $artist } إلى قائمة الانتظار.
queue-added-artist = أضفت أغاني لـ { $artist } إلى قائمة الانتظار.
queue-next = سيُشغَّل { $title } لـ { $artist } بعد هذا المقطع.
queue-full = قائمة الانتظار ممتلئة، لذلك لم أُضف شيئًا.
queue-added-some = امتلأت قائمة الانتظار، لذلك أضفت جزءًا فقط من المقاطع.
queue-cleared = مسحت قائمة الانتظار. سيُكمل هذا المقطع حتى النهاية، ولن يليه شيء.
next-up = التالي هو { $title } لـ { $artist }.
nothing-next = لا شيء بعد هذا المقطع.
