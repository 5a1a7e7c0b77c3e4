//! Tracks as DynamoDB items, through `serde_dynamo`: a track's fields are
//! its serde fields (adding one to [`Track`] is one line), and the keys are
//! added around them.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use serde::Deserialize;

use crate::catalog::Track;
use crate::error::StoreError;

pub type Item = HashMap<String, AttributeValue>;

pub const TRACK_SK: &str = "track";

pub fn track_pk(id: &str) -> String {
    format!("track#{id}")
}

pub fn key_pk(key: &str) -> String {
    format!("key#{key}")
}

/// Sort key of a search item: catalog position first, so a Query returns
/// tracks in catalog order.
pub fn key_sk(position: u32, id: &str) -> String {
    format!("{position:010}#{id}")
}

/// The partition of the newest-first index: one item per dated track (no
/// station), so one `Query` backwards with a `Limit` reads the newest tracks
/// whatever the catalog's size.
pub const NEW_PK: &str = "new";

/// Sort key of a track's item in the newest-first index: when it was added
/// (eleven digits of seconds, enough for every `added_at` a row may carry),
/// then its catalog position, so tracks added at the same second come
/// later-in-the-catalog first when read backwards.
pub fn new_sk(added_at: u64, position: u32, id: &str) -> String {
    format!("{added_at:011}#{position:010}#{id}")
}

fn s(value: &str) -> AttributeValue {
    AttributeValue::S(value.to_string())
}

/// The track's own fields, as both item kinds carry them.
fn track_fields(track: &Track) -> Item {
    // A struct of strings and numbers always serializes to a map.
    serde_dynamo::to_item(track).unwrap_or_default()
}

/// The track item: the track and the search keys it was indexed under, so
/// a re-import can remove search items the track no longer has.
pub fn track_item(track: &Track, keys: &[String]) -> Item {
    let mut item = track_fields(track);
    item.insert("pk".into(), s(&track_pk(&track.id)));
    item.insert("sk".into(), s(TRACK_SK));
    item.insert(
        "search_keys".into(),
        AttributeValue::L(keys.iter().map(|k| s(k)).collect()),
    );
    item
}

/// A search key as a track item records it: a ranked key
/// ([`crate::matching::is_ranked`]) with the track's rank there
/// (`g:rock@17`), since its sort key holds the rank, not the position.
pub fn recorded_key(key: &str, place: u32) -> String {
    if crate::matching::is_ranked(key) {
        format!("{key}@{place}")
    } else {
        key.to_string()
    }
}

/// The search item's key (`pk`, `sk`) of a recorded key of the track `id`
/// stored at catalog position `position`.
pub fn search_item_key(recorded: &str, position: u32, id: &str) -> (String, String) {
    match recorded
        .rsplit_once('@')
        .and_then(|(key, rank)| Some((key, rank.parse::<u32>().ok()?)))
    {
        Some((key, rank)) => (key_pk(key), key_sk(rank, id)),
        None => (key_pk(recorded), key_sk(position, id)),
    }
}

/// One search item of a track, at `place` under its key: the track's
/// catalog position, or its rank under a ranked key (the copied `position`
/// says the same, so a reader sees the track where the key holds it).
pub fn search_item(track: &Track, key: &str, place: u32) -> Item {
    under_key(track_fields(track), &track.id, key, place)
}

/// Every search item of a track, one per `(key, place)` as
/// [`search_item`] makes it: the track's fields are serialized once and
/// copied into each (an import writes some ten per track).
pub fn search_items<'a>(
    track: &'a Track,
    keys: &'a [(String, u32)],
) -> impl Iterator<Item = Item> + 'a {
    let fields = track_fields(track);
    keys.iter()
        .map(move |(key, place)| under_key(fields.clone(), &track.id, key, *place))
}

/// The track's `fields` as its search item under `key`, at `place`.
fn under_key(mut fields: Item, id: &str, key: &str, place: u32) -> Item {
    fields.insert("pk".into(), s(&key_pk(key)));
    fields.insert("sk".into(), s(&key_sk(place, id)));
    fields.insert("position".into(), AttributeValue::N(place.to_string()));
    fields
}

/// A track's item in the newest-first index ([`NEW_PK`]): the track's
/// fields, so the read needs nothing more. `None` for a station or a track
/// without a date.
pub fn new_item(track: &Track) -> Option<Item> {
    let added_at = track.added_at.filter(|_| !track.live)?;
    let mut item = track_fields(track);
    item.insert("pk".into(), s(NEW_PK));
    item.insert("sk".into(), s(&new_sk(added_at, track.position, &track.id)));
    Some(item)
}

pub fn key_of(pk: &str, sk: &str) -> Item {
    HashMap::from([("pk".to_string(), s(pk)), ("sk".to_string(), s(sk))])
}

/// A track from either item kind (the key attributes are ignored).
pub fn track_from(item: &Item) -> Result<Track, StoreError> {
    serde_dynamo::from_item(item.clone()).map_err(|err| {
        let pk = item.get("pk").and_then(|v| v.as_s().ok());
        StoreError::corrupt_because(format!("catalog item {}", pk.map_or("?", |p| p)), err)
    })
}

/// What a re-import needs of a stored track item.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
pub struct StoredKeys {
    #[serde(default)]
    pub search_keys: Vec<String>,
    #[serde(default)]
    pub position: u32,
    /// When the track was first imported (absent on a table imported
    /// before tracks were dated): kept by every later import.
    #[serde(default)]
    pub added_at: Option<u64>,
}

impl StoredKeys {
    /// The key of the stored track's item in the newest-first index, if
    /// it has one.
    pub fn new_item_key(&self, id: &str) -> Option<(String, String)> {
        self.added_at
            .map(|at| (NEW_PK.to_string(), new_sk(at, self.position, id)))
    }
}

/// DynamoDB's limits on one item ("Service, account, and table quotas in
/// Amazon DynamoDB"): 400 KB including attribute names, a partition key
/// value of at most 2,048 bytes and a sort key value of at most 1,024.
const MAX_ITEM_BYTES: usize = 400 * 1024;
const MAX_PARTITION_KEY_BYTES: usize = 2048;
const MAX_SORT_KEY_BYTES: usize = 1024;

/// Whether every item an import writes for `track` (its track item and one
/// search item per key) fits DynamoDB's limits; else why not, in the
/// owner's words. `catalog check` and `catalog import` both run it, so a
/// row check passes is a row import can write.
pub fn check_fits(track: &Track) -> Result<(), String> {
    // The longest an import can write them: ranked keys record their rank
    // (`g:rock@17`), at most ten digits.
    let keys = crate::matching::index_keys(track);
    let recorded: Vec<String> = keys.iter().map(|k| recorded_key(k, u32::MAX)).collect();
    let items = std::iter::once(track_item(track, &recorded))
        .chain(keys.iter().map(|key| search_item(track, key, u32::MAX)));
    for item in items {
        let bytes = |name: &str| {
            item.get(name)
                .and_then(|v| v.as_s().ok())
                .map_or(0, String::len)
        };
        let (pk, sk) = (bytes("pk"), bytes("sk"));
        if pk > MAX_PARTITION_KEY_BYTES {
            return Err(format!(
                "would need a search key of {pk} bytes; DynamoDB allows \
                 {MAX_PARTITION_KEY_BYTES} (shorten the title, artist or album)"
            ));
        }
        if sk > MAX_SORT_KEY_BYTES {
            return Err(format!(
                "would need a sort key of {sk} bytes; DynamoDB allows \
                 {MAX_SORT_KEY_BYTES} (shorten the id)"
            ));
        }
        let size = item_size(&item);
        if size > MAX_ITEM_BYTES {
            return Err(format!(
                "would be stored as an item of {size} bytes; DynamoDB allows {MAX_ITEM_BYTES}"
            ));
        }
    }
    Ok(())
}

/// An item's size as DynamoDB counts it, rounded up where the count is not
/// exact (numbers): attribute names plus values ("Item sizes and formats").
fn item_size(item: &Item) -> usize {
    item.iter()
        .map(|(name, value)| name.len() + value_size(value))
        .sum()
}

fn value_size(value: &AttributeValue) -> usize {
    match value {
        AttributeValue::S(text) => text.len(),
        // At most 21 bytes, whatever the digits.
        AttributeValue::N(_) => 21,
        AttributeValue::B(blob) => blob.as_ref().len(),
        AttributeValue::Bool(_) | AttributeValue::Null(_) => 1,
        AttributeValue::L(list) => 3 + list.iter().map(|v| 1 + value_size(v)).sum::<usize>(),
        AttributeValue::M(map) => {
            3 + map
                .iter()
                .map(|(name, v)| 1 + name.len() + value_size(v))
                .sum::<usize>()
        }
        AttributeValue::Ss(set) | AttributeValue::Ns(set) => set.iter().map(String::len).sum(),
        AttributeValue::Bs(set) => set.iter().map(|b| b.as_ref().len()).sum(),
        // A kind the SDK added later: count it as the largest a value may be.
        _ => MAX_ITEM_BYTES,
    }
}

/// The search keys, position and date a stored track item was written with.
pub fn stored_keys(item: &Item) -> StoredKeys {
    serde_dynamo::from_item::<_, StoredKeys>(item.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track() -> Track {
        Track {
            id: "t1".into(),
            title: "Halo".into(),
            artist: "Beyoncé".into(),
            album: Some("I Am… Sasha Fierce".into()),
            url: "https://audio.example.com/halo.mp3?a=1&b=2".into(),
            duration_ms: Some(261_000),
            image_url: None,
            rank: Some(3),
            position: 41,
            aliases: vec!["ヘイロー".into()],
            genres: vec!["R&B".into(), "Pop".into()],
            disc_number: Some(1),
            track_number: Some(4),
            year: Some(2008),
            added_at: Some(1_714_588_200),
            playlist: Some("Road Trip".into()),
            live: false,
        }
    }

    #[test]
    fn items_round_trip_and_keep_the_attribute_names() {
        let item = track_item(&track(), &["halo".into(), "beyonce".into()]);
        assert_eq!(item["pk"], s("track#t1"));
        assert_eq!(item["sk"], s("track"));
        assert_eq!(item["position"], AttributeValue::N("41".into()));
        assert_eq!(item["duration_ms"], AttributeValue::N("261000".into()));
        assert_eq!(item["genres"], AttributeValue::L(vec![s("R&B"), s("Pop")]));
        assert_eq!(item["track_number"], AttributeValue::N("4".into()));
        assert_eq!(item["year"], AttributeValue::N("2008".into()));
        assert!(
            !item.contains_key("image_url"),
            "absent fields are not written"
        );
        assert_eq!(track_from(&item).unwrap(), track());
        let stored = stored_keys(&item);
        assert_eq!(
            (stored.search_keys.clone(), stored.position, stored.added_at),
            (
                vec!["halo".to_string(), "beyonce".to_string()],
                41,
                Some(1_714_588_200)
            )
        );
        let new = new_item(&track()).unwrap();
        assert_eq!(new["pk"], s("new"));
        assert_eq!(new["sk"], s("01714588200#0000000041#t1"));
        assert_eq!(
            stored.new_item_key("t1"),
            Some(("new".into(), "01714588200#0000000041#t1".into()))
        );
        assert_eq!(track_from(&new).unwrap(), track());
        let undated = Track {
            added_at: None,
            ..track()
        };
        assert!(new_item(&undated).is_none());
        let station = Track {
            live: true,
            ..track()
        };
        assert!(new_item(&station).is_none());
        let search = search_item(&track(), "halo", 41);
        assert_eq!(search["sk"], s("0000000041#t1"));
        assert_eq!(track_from(&search).unwrap(), track());
    }

    #[test]
    fn item_sizes_count_names_and_values() {
        let item = key_of("ab", "cde");
        assert_eq!(item_size(&item), "pk".len() + 2 + "sk".len() + 3);
        let mut item = Item::new();
        item.insert("l".into(), AttributeValue::L(vec![s("xy"), s("z")]));
        item.insert("n".into(), AttributeValue::N("1".into()));
        assert_eq!(item_size(&item), 1 + 3 + (1 + 2) + (1 + 1) + 1 + 21);
        assert!(check_fits(&track()).is_ok());
    }

    #[test]
    fn a_key_longer_than_dynamodb_allows_is_refused_before_writing() {
        // Longer than a catalog row may be (only a change of the text limits
        // could let it through): 600 Gothic letters, 2,400 bytes of UTF-8
        // that normalisation keeps (not one letter repeated: repeats
        // collapse in a sound key).
        let mut long = track();
        long.title = "\u{10330}\u{10331}".repeat(300);
        let err = check_fits(&long).unwrap_err();
        assert!(err.contains("search key of"), "{err}");
        let mut long_id = track();
        long_id.id = "\u{10330}\u{10331}".repeat(150);
        let err = check_fits(&long_id).unwrap_err();
        assert!(err.contains("sort key of"), "{err}");
        let mut huge = track();
        huge.url = format!("https://cdn.example/{}", "a".repeat(MAX_ITEM_BYTES));
        let err = check_fits(&huge).unwrap_err();
        assert!(err.contains("an item of"), "{err}");
    }

    #[test]
    fn a_malformed_item_is_corrupt_with_its_key() {
        let mut item = track_item(&track(), &[]);
        item.remove("url");
        let err = track_from(&item).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }));
        assert!(crate::error::chain(&err).contains("track#t1"), "{err}");
    }
}
