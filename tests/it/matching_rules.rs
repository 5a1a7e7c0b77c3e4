//! Matching rules on catalogs other than the development set: the sample
//! catalog that ships with jukebox, and real-world titles that exercise each
//! rule (numbers, letters, abbreviations, versions, featured artists,
//! sound-alikes), plus what must never match. And the cost of a search
//! does not grow with the catalog.

use crate::support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use async_trait::async_trait;
use jukebox::catalog::{Catalog, Track};
use jukebox::error::StoreError;
use jukebox::matching::{find, Found, SpokenQuery};
use jukebox::store::memory::MemoryCatalog;

fn row(id: &str, title: &str, artist: &str, album: &str) -> Track {
    Track {
        id: id.into(),
        title: title.into(),
        artist: artist.into(),
        album: Some(album.into()),
        url: format!("https://audio.example.com/{id}.mp3"),
        duration_ms: None,
        image_url: None,
        rank: None,
        position: 0,
        ..Default::default()
    }
}

fn world() -> MemoryCatalog {
    MemoryCatalog::new(vec![
        row("w01", "Mr. Brightside", "The Killers", "Hot Fuss"),
        row("w02", "Summer of '69", "Bryan Adams", "Reckless"),
        row("w03", "Don't Stop Believin'", "Journey", "Escape"),
        row("w04", "Livin' on a Prayer", "Bon Jovi", "Slippery When Wet"),
        row(
            "w05",
            "Nothing Compares 2 U",
            "Sinéad O'Connor",
            "I Do Not Want What I Haven't Got",
        ),
        row(
            "w06",
            "All the Small Things",
            "blink-182",
            "Enema of the State",
        ),
        row(
            "w07",
            "Uptown Funk (feat. Bruno Mars)",
            "Mark Ronson",
            "Uptown Special",
        ),
        row(
            "w08",
            "Despacito - Remix",
            "Luis Fonsi & Daddy Yankee",
            "Vida",
        ),
        row("w09", "99 Luftballons", "Nena", "Nena"),
        row("w10", "TiK ToK", "Ke$ha", "Animal"),
        row(
            "w11",
            "Mambo No. 5 (A Little Bit of...)",
            "Lou Bega",
            "A Little Bit of Mambo",
        ),
        row(
            "w12",
            "The Real Slim Shady",
            "Eminem",
            "The Marshall Mathers LP",
        ),
        row("w13", "Purple Rain", "Prince", "Purple Rain"),
        row("w14", "Hey Jude - Remastered 2015", "The Beatles", "1"),
        row("w15", "Smells Like Teen Spirit", "Nirvana", "Nevermind"),
        row(
            "w16",
            "Clair de Lune",
            "Claude Debussy",
            "Suite bergamasque",
        ),
        row("w17", "Seven Nation Army", "The White Stripes", "Elephant"),
        row("w18", "Mrs. Robinson", "Simon & Garfunkel", "Bookends"),
    ])
}

async fn track_of(
    catalog: &MemoryCatalog,
    song: Option<&str>,
    artist: Option<&str>,
) -> Option<String> {
    match find(catalog, &SpokenQuery::new(song, artist))
        .await
        .unwrap()
    {
        Found::Track { track, .. } => Some(track.id),
        _ => None,
    }
}

#[tokio::test]
async fn real_world_titles_are_found_as_spoken() {
    let catalog = world();
    for (song, artist, id) in [
        (Some("mister brightside"), None, "w01"),
        (Some("mr brightside"), Some("killers"), "w01"),
        (Some("summer of sixty nine"), None, "w02"),
        (Some("don't stop believing"), Some("journey"), "w03"),
        (Some("living on a prayer"), None, "w04"),
        (
            Some("nothing compares to you"),
            Some("sinead o'connor"),
            "w05",
        ),
        (
            Some("all the small things"),
            Some("blink one eighty two"),
            "w06",
        ),
        (Some("uptown funk"), Some("bruno mars"), "w07"),
        (Some("despacito"), Some("daddy yankee"), "w08"),
        (Some("ninety nine luftballons"), None, "w09"),
        (Some("tik tok"), Some("kesha"), "w10"),
        (Some("mambo number five"), None, "w11"),
        (Some("real slim shady"), None, "w12"),
        (Some("hey jude"), Some("beatles"), "w14"),
        (Some("smells like teen spirit"), None, "w15"),
        (Some("smells like teen sprit"), None, "w15"),
        (Some("clair de lune"), Some("debussy"), "w16"),
        (Some("seven nation army"), Some("the white stripes"), "w17"),
        (Some("misses robinson"), None, "w18"),
        (Some("smells like teen spirit by nirvana"), None, "w15"),
        (Some("mr brightside by the killers"), None, "w01"),
    ] {
        assert_eq!(
            track_of(&catalog, song, artist).await.as_deref(),
            Some(id),
            "{song:?} by {artist:?}"
        );
    }
}

#[tokio::test]
async fn what_the_catalog_lacks_is_never_played_instead() {
    let catalog = world();
    for (song, artist) in [
        (Some("purple haze"), None),
        (Some("hey joe"), None),
        (Some("hey joe"), Some("the beatles")),
        (Some("yellow submarine"), Some("the beatles")),
        (Some("stairway to heaven"), None),
        (Some("mr brightside"), Some("bon jovi")),
        (Some("seven nation army"), Some("the killers")),
        (Some("seven nation army by the killers"), None),
        (None, Some("led zeppelin")),
    ] {
        let found = find(&catalog, &SpokenQuery::new(song, artist))
            .await
            .unwrap();
        assert!(
            matches!(found, Found::NotFound { .. }),
            "{song:?} by {artist:?} gave {found:?}"
        );
    }
    match find(&catalog, &SpokenQuery::new(Some("purple haze"), None))
        .await
        .unwrap()
    {
        Found::NotFound {
            suggestion: Some(s),
        } => assert_eq!(
            (s.title.as_str(), s.artist.as_str()),
            ("Purple Rain", "Prince")
        ),
        other => panic!("expected a suggestion, got {other:?}"),
    }
}

#[tokio::test]
async fn the_sample_catalog_answers_as_written() {
    let catalog = MemoryCatalog::sample();
    for (song, artist, id) in [
        (Some("sweet child of mine"), None, "gnr-sweet-child"),
        (
            Some("sweet child o mine"),
            Some("guns and roses"),
            "gnr-sweet-child",
        ),
        (Some("bohemian rapsody"), None, "queen-bohemian-rhapsody"),
        (Some("ninety nine problems"), None, "jayz-99-problems"),
        (Some("nineteen ninety nine"), Some("prince"), "prince-1999"),
        (Some("fur elise"), None, "beethoven-fur-elise"),
        (
            Some("satisfaction"),
            Some("rolling stones"),
            "stones-satisfaction",
        ),
        (Some("knockin on heavens door"), None, "gnr-knockin"),
        (
            Some("under pressure"),
            Some("david bowie"),
            "queen-bowie-under-pressure",
        ),
        (
            Some("senorita"),
            Some("camila cabello"),
            "mendes-cabello-senorita",
        ),
        (Some("back in black"), Some("a c d c"), "acdc-back-in-black"),
        (Some("halo"), Some("beyonce"), "beyonce-halo"),
        (
            Some("blinding lights"),
            Some("the weekend"),
            "weeknd-blinding-lights",
        ),
        (Some("so what"), Some("pink"), "pink-so-what"),
        (
            Some("hoppipolla"),
            Some("sigur ros"),
            "sigur-ros-hoppipolla",
        ),
        (Some("mrs robinson"), None, "sg-mrs-robinson"),
    ] {
        assert_eq!(
            track_of(&catalog, song, artist).await.as_deref(),
            Some(id),
            "{song:?} by {artist:?}"
        );
    }
    match find(
        &catalog,
        &SpokenQuery::new(Some("a night at the opera"), None),
    )
    .await
    .unwrap()
    {
        Found::Album {
            album,
            artist,
            tracks,
        } => {
            assert_eq!(
                (album.as_str(), artist.as_str()),
                ("A Night at the Opera", "Queen")
            );
            let ids: Vec<&str> = tracks.iter().map(|t| t.id.as_str()).collect();
            assert_eq!(
                ids,
                vec![
                    "queen-bohemian-rhapsody",
                    "queen-love-of-my-life",
                    "queen-you-re-my-best-friend"
                ]
            );
        }
        other => panic!("expected the album, got {other:?}"),
    }
    for (artist, name, first) in [
        ("guns and roses", "Guns N' Roses", "gnr-sweet-child"),
        ("pink", "P!nk", "pink-so-what"),
        ("the weekend", "The Weeknd", "weeknd-blinding-lights"),
        ("queen", "Queen", "queen-bohemian-rhapsody"),
    ] {
        match find(&catalog, &SpokenQuery::new(None, Some(artist)))
            .await
            .unwrap()
        {
            Found::Artist {
                artist: said,
                tracks,
            } => {
                assert_eq!(
                    (said.as_str(), tracks[0].id.as_str()),
                    (name, first),
                    "{artist}"
                );
                assert!(tracks
                    .windows(2)
                    .all(|w| w[0].position < w[1].position || w[1].artist != w[0].artist));
            }
            other => panic!("{artist}: {other:?}"),
        }
    }
    // Playing a track queues the rest of its first-credited artist's
    // tracks: those after it in the catalog, then from the first, read a
    // few at a time.
    match find(
        &catalog,
        &SpokenQuery::new(Some("under pressure"), Some("david bowie")),
    )
    .await
    .unwrap()
    {
        Found::Track {
            rest: Some(mut rest),
            ..
        } => {
            let mut queue = Vec::new();
            while !rest.all_read {
                queue.extend(rest.read_more(&catalog, 2).await.unwrap());
            }
            let ids: Vec<&str> = queue.iter().map(|t| t.id.as_str()).collect();
            assert_eq!(
                ids,
                vec![
                    "queen-bohemian-rhapsody",
                    "queen-love-of-my-life",
                    "queen-you-re-my-best-friend",
                    "queen-dont-stop-me-now"
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A catalog that counts what matching asks of it.
struct Counting {
    inner: MemoryCatalog,
    calls: AtomicUsize,
    keys: Mutex<Vec<(usize, usize)>>,
}

#[async_trait]
impl Catalog for Counting {
    async fn lookup(
        &self,
        keys: &[String],
        per_key_limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.keys.lock().unwrap().push((keys.len(), per_key_limit));
        self.inner.lookup(keys, per_key_limit).await
    }

    async fn track(&self, id: &str) -> Result<Option<Track>, StoreError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.inner.track(id).await
    }

    async fn playlist_names(&self) -> Result<Vec<String>, StoreError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.inner.playlist_names().await
    }
    async fn last(&self, key: &str) -> Result<Option<Track>, StoreError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.inner.last(key).await
    }

    async fn tracks_from(
        &self,
        key: &str,
        from: u32,
        limit: usize,
    ) -> Result<Vec<Track>, StoreError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.inner.tracks_from(key, from, limit).await
    }

    async fn newest(&self, limit: usize) -> Result<Vec<Track>, StoreError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.inner.newest(limit).await
    }
}

#[tokio::test]
async fn a_search_asks_the_same_of_a_small_and_a_large_catalog() {
    let known = row("known", "Golden River Song", "The Lanterns", "Night Lights");
    let catalog = |n: usize| {
        let mut tracks = vec![known.clone()];
        tracks.extend(support::synthetic_catalog(n));
        Counting {
            inner: MemoryCatalog::new(tracks),
            calls: AtomicUsize::new(0),
            keys: Mutex::new(Vec::new()),
        }
    };
    let (small, large) = (catalog(1_000), catalog(30_000));
    for (song, artist) in [
        (Some("golden river song"), Some("the lanterns")),
        (Some("golden river song"), None),
        (Some("golden rivers song"), None),
        (None, Some("lanterns")),
        (Some("no such song at all"), None),
    ] {
        let query = SpokenQuery::new(song, artist);
        let a = find(&small, &query).await.unwrap();
        let b = find(&large, &query).await.unwrap();
        assert_eq!(
            std::mem::discriminant(&a),
            std::mem::discriminant(&b),
            "{query:?}"
        );
        let asked = |c: &Counting| {
            (
                c.calls.swap(0, Ordering::Relaxed),
                std::mem::take(&mut *c.keys.lock().unwrap()),
            )
        };
        let (small_asked, large_asked) = (asked(&small), asked(&large));
        assert_eq!(
            small_asked, large_asked,
            "{query:?}: lookups (calls, [(keys, per-key limit)])"
        );
        assert!(small_asked.0 <= 3, "{query:?}: {} lookups", small_asked.0);
        assert!(
            small_asked
                .1
                .iter()
                .all(|(keys, limit)| *keys <= 6 && *limit <= 100),
            "{query:?}: {:?}",
            small_asked.1
        );
    }
}

/// A megabyte slot of distinct words must not cost minutes (the matcher's
/// work grows with the square of the text): what speech could hold is
/// kept, the rest dropped, and the answer still comes from it.
#[tokio::test]
async fn a_slot_longer_than_speech_is_cut_to_what_speech_could_hold() {
    use jukebox::matching::MAX_SPOKEN_CHARS;
    let junk: String = (0..150_000).map(|i| format!(" w{i}")).collect();
    assert!(junk.len() > 1_000_000);
    let query = SpokenQuery::new(
        Some(&format!("halo{junk}")),
        Some(&format!("beyonce{junk}")),
    );
    for slot in [&query.song, &query.artist] {
        let slot = slot.as_deref().unwrap();
        assert_eq!(slot.chars().count(), MAX_SPOKEN_CHARS);
    }
    // Cut on a character, never inside one.
    let accents = SpokenQuery::new(Some(&"é".repeat(MAX_SPOKEN_CHARS * 2)), None);
    assert_eq!(accents.song.unwrap(), "é".repeat(MAX_SPOKEN_CHARS));
    let short = SpokenQuery::new(Some("  halo "), None);
    assert_eq!(short.song.as_deref(), Some("halo"));

    let catalog = MemoryCatalog::new(vec![row("h", "Halo", "Beyoncé", "I Am")]);
    let found = find(&catalog, &query).await.unwrap();
    assert!(
        !matches!(found, Found::Track { .. }),
        "three hundred characters of junk are not a request for Halo: {found:?}"
    );
}

/// An album plays in disc and track order, whatever the catalog's
/// row order; tracks without a number follow the numbered ones of their disc.
#[tokio::test]
async fn an_album_plays_in_disc_and_track_order() {
    let numbered = |id: &str, disc: Option<u32>, number: Option<u32>| Track {
        disc_number: disc,
        track_number: number,
        ..row(id, &format!("Song {id}"), "The Orderlies", "Sides of Order")
    };
    let catalog = MemoryCatalog::new(vec![
        numbered("d2t1", Some(2), Some(1)),
        numbered("unnumbered", None, None),
        numbered("d1t2", Some(1), Some(2)),
        numbered("d1t1", None, Some(1)),
        numbered("d2t2", Some(2), Some(2)),
    ]);
    let found = find(&catalog, &SpokenQuery::new(Some("sides of order"), None))
        .await
        .unwrap();
    match found {
        Found::Album { tracks, .. } => {
            let ids: Vec<&str> = tracks.iter().map(|t| t.id.as_str()).collect();
            assert_eq!(ids, vec!["d1t1", "d1t2", "unnumbered", "d2t1", "d2t2"]);
        }
        other => panic!("{other:?}"),
    }
}

/// A genre as speech recognition hears it finds the catalog's
/// spelling ("hip hop" for "Hip-Hop", "r and b" for "R&B"), and its order
/// holds every track of the genre exactly once.
#[tokio::test]
async fn genres_are_found_as_spoken() {
    let tagged = |id: &str, genres: &[&str]| Track {
        genres: genres.iter().map(|g| g.to_string()).collect(),
        ..row(id, &format!("Song {id}"), "Some Artist", "Some Album")
    };
    let catalog = MemoryCatalog::new(vec![
        tagged("a", &["Hip-Hop"]),
        tagged("b", &["R&B", "Soul"]),
        tagged("c", &["Hip-Hop", "Jazz"]),
    ]);
    for (spoken, genre, ids) in [
        ("hip hop", "Hip-Hop", vec!["a", "c"]),
        ("r and b", "R&B", vec!["b"]),
        ("jazz", "Jazz", vec!["c"]),
    ] {
        match jukebox::matching::find_genre(&catalog, spoken, 7)
            .await
            .unwrap()
        {
            Found::Genre {
                genre: found,
                tracks,
                rest,
            } => {
                assert_eq!(found, genre);
                let mut all = tracks;
                let mut rest = rest.expect("the rest of the genre");
                while !rest.all_read {
                    all.extend(rest.read_more(&catalog, 1).await.unwrap());
                }
                let mut found_ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
                found_ids.sort_unstable();
                assert_eq!(found_ids, ids, "{spoken}");
            }
            other => panic!("{spoken}: {other:?}"),
        }
    }
    assert!(matches!(
        jukebox::matching::find_genre(&catalog, "polka", 7)
            .await
            .unwrap(),
        Found::NotFound { .. }
    ));
}
