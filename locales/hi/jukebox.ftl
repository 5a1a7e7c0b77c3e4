# Everything jukebox says in Hindi (hi-IN), addressing the listener with
# "आप", in Alexa's own feminine voice ("चला रही हूँ"). Same messages and
# variables as en/jukebox.ftl.

## Opening the skill

welcome = ज्यूकबॉक्स प्लेयर में आपका स्वागत है। कोई गाना, एल्बम या कलाकार बताइए, जैसे: क्वीन का बोहेमियन रैप्सोडी चलाओ। आप क्या सुनना चाहेंगे?
what-to-play = आप क्या सुनना चाहेंगे? आप कोई गाना, एल्बम या कलाकार बता सकते हैं।
welcome-back = फिर से स्वागत है।
welcome-back-name = { $name }, फिर से स्वागत है।
welcome-name = { $name }, आपका स्वागत है।
you-were-listening = आप { $artist } का { $title } सुन रहे थे। क्या मैं वहीं से आगे चलाऊँ?
offer-resume-reprompt = क्या मैं वहीं से आगे चलाऊँ जहाँ आपने छोड़ा था? या कुछ और चलाने को कहिए।

## Help, and what the skill cannot do

help = आप कह सकते हैं: किसी कलाकार का गाना चलाओ, कोई एल्बम चलाओ, कोई प्लेलिस्ट चलाओ, कुछ जैज संगीत चलाओ, मेरे सारे गाने शफल करो, या मेरे पसंदीदा गाने चलाओ। संगीत चलते समय कहिए: अगला, पिछला, रोको, फिर से चलाओ, दोहराओ या शफल, मुझे यह गाना पसंद है, या पूछिए कि क्या चल रहा है। आप क्या सुनना चाहेंगे?
fallback = माफ़ कीजिए, मैं इसमें मदद नहीं कर सकती। मुझसे कोई गाना, एल्बम या कलाकार चलाने को कहिए। आप क्या सुनना चाहेंगे?
apology = माफ़ कीजिए, मेरी तरफ़ से कुछ गड़बड़ हो गई। कृपया थोड़ी देर बाद फिर से कोशिश कीजिए।
no-audio-player = माफ़ कीजिए, यह डिवाइस संगीत नहीं चला सकता। किसी Echo स्पीकर या Alexa ऐप पर फिर से कोशिश कीजिए।

## Playing

playing = { $artist } का { $title } चला रही हूँ।
playing-artist = { $artist } के गाने चला रही हूँ।
playing-album = { $artist } का एल्बम { $album } चला रही हूँ।
playing-playlist = प्लेलिस्ट { $playlist } चला रही हूँ।
playing-genre = { $genre } शफल करके चला रही हूँ।
playing-favourites = आपके पसंदीदा गाने चला रही हूँ।
shuffling-everything = आपके सारे गाने शफल करके चला रही हूँ।
shuffling-album = { $artist } का एल्बम { $album } शफल करके चला रही हूँ।
shuffling-artist = { $artist } के गाने शफल करके चला रही हूँ।
shuffling-playlist = प्लेलिस्ट { $playlist } शफल करके चला रही हूँ।
playing-decade = { $year } के दशक के गाने शफल करके चला रही हूँ।
playing-decade-by = { $artist } के { $year } के दशक के गाने शफल करके चला रही हूँ।
playing-year = { $year } के गाने शफल करके चला रही हूँ।
playing-year-by = { $artist } के { $year } के गाने शफल करके चला रही हूँ।
era-not-found = आपकी लाइब्रेरी में उस दौर का कोई गाना नहीं मिला। आप क्या सुनना चाहेंगे?
playing-latest-album = { $artist } का सबसे नया एल्बम { $album } चला रही हूँ।
library-empty = आपकी म्यूज़िक लाइब्रेरी खाली है, इसलिए अभी चलाने के लिए कुछ नहीं है।

## Not found, and offers

not-found-song-by-artist = मुझे इस ज्यूकबॉक्स में { $artist } का { $song } नहीं मिला।
not-found-song = मुझे इस ज्यूकबॉक्स में { $song } नहीं मिला।
not-found-artist = मुझे इस ज्यूकबॉक्स में { $artist } का कुछ भी नहीं मिला।
not-found-anything = मुझे इस ज्यूकबॉक्स में वह नहीं मिला।
closest-match = सबसे मिलता-जुलता { $artist } का { $title } है। क्या मैं वह चलाऊँ?
try-another = कोई दूसरा गाना, एल्बम या कलाकार आज़माइए।
offer-closest = क्या मैं { $artist } का { $title } चलाऊँ? या कोई दूसरा गाना बताइए।
offer-track = क्या मैं { $artist } का { $title } चलाऊँ?
playlist-not-found = मुझे { $heard } नाम की कोई प्लेलिस्ट नहीं मिली। आप क्या सुनना चाहेंगे?
playlist-near-miss = मुझे { $heard } नाम की कोई प्लेलिस्ट नहीं मिली। क्या आपका मतलब प्लेलिस्ट { $playlist } से था?
offer-playlist = क्या मैं प्लेलिस्ट { $playlist } चलाऊँ?
goodbye = ठीक है।

## What's playing, and moving through the queue

now-playing = यह { $artist } का { $title } है।
paused = रोका गया: { $artist } का { $title }। आगे सुनने के लिए कहिए, फिर से चलाओ।
nothing-playing = अभी कुछ नहीं चल रहा है। आप क्या सुनना चाहेंगे?
nothing-to-resume = फिर से चलाने के लिए कुछ नहीं है। आप क्या सुनना चाहेंगे?
end-of-queue = यह कतार का आखिरी गाना है।
playing-station = स्टेशन { $station } लाइव चला रही हूँ।
station-not-found = मुझे { $heard } नाम का कोई स्टेशन नहीं मिला। आप क्या सुनना चाहेंगे?
live-no-skip = यह एक लाइव स्टेशन है: इसमें अगला या पिछला गाना नहीं होता।
now-playing-station = यह स्टेशन { $station } है, लाइव।
station-paused = रोका गया: स्टेशन { $station }। फिर से लाइव सुनने के लिए कहिए, फिर से चलाओ।
loop-on = दोहराना चालू है।
loop-off = दोहराना बंद है।
shuffle-on = शफल चालू है।
shuffle-off = शफल बंद है।
always-shuffled = यह संगीत सिर्फ़ शफल में चलता है, इसलिए शफल चालू रहेगा।

## Favourites

liked = मैंने { $title } आपके पसंदीदा गानों में जोड़ दिया।
already-liked = { $title } पहले से आपके पसंदीदा गानों में है।
favourites-full = आपके पसंदीदा गानों की सूची भर गई है। पहले एक हटाइए: कहिए, यह गाना पसंदीदा से हटाओ।
unliked = मैंने { $title } आपके पसंदीदा गानों से हटा दिया।
not-a-favourite = { $title } आपके पसंदीदा गानों में नहीं है।
nothing-to-like = अभी मेरा कोई गाना नहीं चल रहा है। गाना चलते समय कहिए: मुझे यह गाना पसंद है।
no-favourites = अभी आपके कोई पसंदीदा गाने नहीं हैं। गाना चलते समय कहिए: मुझे यह गाना पसंद है।

## Who may listen

link-account = यह ज्यूकबॉक्स सिर्फ़ इसके मालिक के श्रोताओं के लिए है। सुनने के लिए Alexa ऐप में अपना Amazon अकाउंट लिंक कीजिए: मदद के लिए मैंने वहाँ एक कार्ड भेजा है।
private-jukebox = यह ज्यूकबॉक्स निजी है। इसके मालिक से कहिए कि आपको श्रोताओं की सूची में जोड़ दें।
help-unlinked = यह ज्यूकबॉक्स सिर्फ़ इसके मालिक के श्रोताओं के लिए है। सुनने के लिए Alexa ऐप में अपना Amazon अकाउंट इस स्किल से लिंक कीजिए, फिर मुझसे कोई गाना माँगिए।
offer-link-card = क्या मैं लिंक करने में मदद के लिए Alexa ऐप में एक कार्ड भेजूँ?
help-private = यह ज्यूकबॉक्स निजी है: इसे सिर्फ़ वही श्रोता चला सकते हैं जिन्हें मालिक ने जोड़ा है। मालिक से अपने Amazon अकाउंट का ईमेल पता जुड़वाइए, फिर मुझसे दोबारा पूछिए।
ask-anything-else = क्या मैं किसी और चीज़ में मदद कर सकती हूँ?
ask-try-again = क्या आप फिर से कोशिश करना चाहेंगे?
cannot-check-listener = माफ़ कीजिए, अभी मैं यह नहीं देख पा रही कि कौन सुन रहा है। कृपया थोड़ी देर बाद फिर से कोशिश कीजिए।

## कतार बदलना: जोड़ना, अगला चलाना, खाली करना, आगे क्या है

queue-added = मैंने { $artist } का { $title } कतार में जोड़ दिया है।
queue-added-album = मैंने { $artist } का एल्बम { $album } कतार में जोड़ दिया है।
queue-added-artist = मैंने { $artist } के गाने कतार में जोड़ दिए हैं।
queue-next = इसके बाद { $artist } का { $title } चलेगा।
queue-full = कतार भरी हुई है, इसलिए मैंने कुछ नहीं जोड़ा।
queue-added-some = कतार अब भर गई है, इसलिए मैंने सिर्फ़ कुछ गाने जोड़े हैं।
queue-cleared = मैंने कतार खाली कर दी है। यह गाना पूरा चलेगा, उसके बाद कुछ नहीं चलेगा।
next-up = अगला गाना { $artist } का { $title } है।
nothing-next = इस गाने के बाद कुछ नहीं है।
