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

/// One search item of a track.
pub fn search_item(track: &Track, key: &str) -> Item {
    let mut item = track_fields(track);
    item.insert("pk".into(), s(&key_pk(key)));
    item.insert("sk".into(), s(&key_sk(track.position, &track.id)));
    item
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
#[derive(Debug, Deserialize)]
struct StoredKeys {
    #[serde(default)]
    search_keys: Vec<String>,
    #[serde(default)]
    position: u32,
}

/// The search keys and position a stored track item was written with.
pub fn stored_keys(item: &Item) -> (Vec<String>, u32) {
    serde_dynamo::from_item::<_, StoredKeys>(item.clone())
        .map(|stored| (stored.search_keys, stored.position))
        .unwrap_or_default()
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
        }
    }

    #[test]
    fn items_round_trip_and_keep_the_attribute_names() {
        let item = track_item(&track(), &["halo".into(), "beyonce".into()]);
        assert_eq!(item["pk"], s("track#t1"));
        assert_eq!(item["sk"], s("track"));
        assert_eq!(item["position"], AttributeValue::N("41".into()));
        assert_eq!(item["duration_ms"], AttributeValue::N("261000".into()));
        assert!(
            !item.contains_key("image_url"),
            "absent fields are not written"
        );
        assert_eq!(track_from(&item).unwrap(), track());
        assert_eq!(
            stored_keys(&item),
            (vec!["halo".to_string(), "beyonce".to_string()], 41)
        );
        let search = search_item(&track(), "halo");
        assert_eq!(search["sk"], s("0000000041#t1"));
        assert_eq!(track_from(&search).unwrap(), track());
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
