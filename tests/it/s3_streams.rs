//! Issue 16: music in a private S3 bucket. A catalog row's `s3://` URL is
//! signed into a presigned HTTPS GET URL whenever a device is told to play
//! it; the URL really downloads the object from an S3 server (moto,
//! started on a free loopback port); a skill without a signer, or a
//! bucket other than the function's, gets an apology, never an `s3://`
//! URL Alexa would reject.

use std::sync::Arc;

use jukebox::catalog::Track;
use jukebox::skill::Skill;
use jukebox::store::memory::{MemoryCatalog, MemoryPlaybackStore};
use jukebox::store::s3::{S3Signer, DEFAULT_EXPIRY};
use serde_json::Value;

use crate::support::s3::client;
use crate::support::*;

fn catalog(bucket: &str) -> Vec<Track> {
    vec![Track {
        id: "bo-rhap".into(),
        title: "Bohemian Rhapsody".into(),
        artist: "Queen".into(),
        url: format!("s3://{bucket}/Queen/A Night at the Opera/11 Bohemian Rhapsody.mp3"),
        image_url: Some(format!(
            "s3://{bucket}/Queen/A Night at the Opera/cover.jpg"
        )),
        duration_ms: Some(354_000),
        ..Default::default()
    }]
}

fn skill(bucket: &str, signer: Option<S3Signer>) -> Skill {
    let skill = skill_on(
        Arc::new(MemoryCatalog::new(catalog(bucket))),
        Arc::new(MemoryPlaybackStore::new()),
    );
    match signer {
        Some(signer) => skill.with_media_signer(Arc::new(signer)),
        None => skill,
    }
}

fn urls(response: &Value) -> (String, String) {
    let item = &play_directive(response).expect("a Play directive")["audioItem"];
    (
        item["stream"]["url"].as_str().unwrap().to_string(),
        item["metadata"]["art"]["sources"][0]["url"]
            .as_str()
            .unwrap()
            .to_string(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_object_plays_through_a_presigned_url() {
    let s3 = client();
    let bucket = "jukebox-private-music";
    s3.create_bucket().bucket(bucket).send().await.unwrap();
    let audio = jukebox::probe::sniff::mp3_frames(128, 50);
    s3.put_object()
        .bucket(bucket)
        .key("Queen/A Night at the Opera/11 Bohemian Rhapsody.mp3")
        .body(audio.clone().into())
        .send()
        .await
        .unwrap();
    s3.put_object()
        .bucket(bucket)
        .key("Queen/A Night at the Opera/cover.jpg")
        .body(b"\xff\xd8\xff\xe0cover".to_vec().into())
        .send()
        .await
        .unwrap();
    let skill = skill(
        bucket,
        Some(S3Signer::with_client(
            client(),
            DEFAULT_EXPIRY,
            Some(bucket.into()),
        )),
    );
    let mut listener = Listener::new("owner", "echo");
    let play = listener.play(Some("bohemian rhapsody"), None);
    let response = skill.handle_json(play).await.unwrap();
    assert_eq!(
        speech(&response).unwrap(),
        "Playing Bohemian Rhapsody by Queen."
    );
    let (stream, art) = urls(&response);
    for url in [&stream, &art] {
        assert!(!url.starts_with("s3://"), "{url}");
        assert!(url.contains("X-Amz-Signature="), "{url}");
        assert!(url.contains("X-Amz-Expires=21600"), "{url}");
    }
    assert!(
        stream.contains("/jukebox-private-music/Queen/A%20Night%20at%20the%20Opera/11%20Bohemian%20Rhapsody.mp3?"),
        "{stream}"
    );
    // The device's GET: the object itself, from the server.
    let body = reqwest::get(&stream).await.unwrap();
    assert_eq!(body.status(), 200);
    assert_eq!(body.bytes().await.unwrap().to_vec(), audio);
    let cover = reqwest::get(&art).await.unwrap();
    assert_eq!(
        cover.bytes().await.unwrap().as_ref(),
        b"\xff\xd8\xff\xe0cover"
    );
}

#[tokio::test]
async fn without_a_signer_or_for_another_bucket_the_listener_hears_an_apology() {
    let other = S3Signer::with_client(client(), DEFAULT_EXPIRY, Some("my-music".into()));
    for skill in [
        skill("their-music", None),
        skill("their-music", Some(other)),
    ] {
        let play = Listener::new("owner", "echo").play(Some("bohemian rhapsody"), None);
        let response = skill.handle_json(play).await.unwrap();
        assert!(play_directive(&response).is_none(), "{response}");
        assert!(!response.to_string().contains("s3://"), "{response}");
        assert!(
            speech(&response).unwrap().starts_with("Sorry"),
            "{response}"
        );
    }
}
