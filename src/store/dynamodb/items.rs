//! Tracks and playback states as DynamoDB items.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;

use crate::catalog::{StoreError, Track};

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

fn n(value: u64) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

/// The track's own fields, as both item kinds carry them.
fn track_fields(track: &Track) -> Item {
    let mut item = Item::new();
    item.insert("id".into(), s(&track.id));
    item.insert("title".into(), s(&track.title));
    item.insert("artist".into(), s(&track.artist));
    item.insert("url".into(), s(&track.url));
    item.insert("position".into(), n(u64::from(track.position)));
    if let Some(album) = &track.album {
        item.insert("album".into(), s(album));
    }
    if let Some(duration) = track.duration_ms {
        item.insert("duration_ms".into(), n(duration));
    }
    if let Some(image) = &track.image_url {
        item.insert("image_url".into(), s(image));
    }
    if let Some(rank) = track.rank {
        item.insert("rank".into(), n(u64::from(rank)));
    }
    item
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

fn text(item: &Item, name: &str) -> Option<String> {
    item.get(name).and_then(|v| v.as_s().ok()).cloned()
}

fn number(item: &Item, name: &str) -> Result<Option<u64>, StoreError> {
    match item.get(name) {
        None => Ok(None),
        Some(value) => value
            .as_n()
            .ok()
            .and_then(|n| n.parse().ok())
            .map(Some)
            .ok_or_else(|| StoreError::Corrupt(format!("{name} is not a number"))),
    }
}

/// A track from either item kind.
pub fn track_from(item: &Item) -> Result<Track, StoreError> {
    let required = |name: &str| {
        text(item, name).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "catalog item {} lacks {name}",
                text(item, "pk").unwrap_or_default()
            ))
        })
    };
    Ok(Track {
        id: required("id")?,
        title: required("title")?,
        artist: required("artist")?,
        url: required("url")?,
        album: text(item, "album"),
        duration_ms: number(item, "duration_ms")?,
        image_url: text(item, "image_url"),
        rank: number(item, "rank")?.map(|r| r.min(u64::from(u32::MAX)) as u32),
        position: number(item, "position")?
            .unwrap_or(0)
            .min(u64::from(u32::MAX)) as u32,
    })
}

/// The search keys and position a stored track item was written with.
pub fn stored_keys(item: &Item) -> (Vec<String>, u32) {
    let keys = item
        .get("search_keys")
        .and_then(|v| v.as_l().ok())
        .map(|list| list.iter().filter_map(|k| k.as_s().ok().cloned()).collect())
        .unwrap_or_default();
    let position = number(item, "position")
        .ok()
        .flatten()
        .unwrap_or(0)
        .min(u64::from(u32::MAX)) as u32;
    (keys, position)
}
