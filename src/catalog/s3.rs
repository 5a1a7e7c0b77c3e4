//! `s3://BUCKET/KEY`: a track in the owner's private bucket. The catalog
//! keeps it so; the skill signs a short-lived HTTPS URL for it each time a
//! device is told to play it (see `skill::MediaSigner`).

/// One object of a bucket, as a catalog row names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Object {
    pub bucket: String,
    pub key: String,
}

impl S3Object {
    /// The object an `s3://` URL names, or why it names none.
    pub fn parse(url: &str) -> Result<S3Object, String> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| "is not an s3:// URL".to_string())?;
        let (bucket, key) = rest
            .split_once('/')
            .ok_or_else(|| "names a bucket but no object (s3://BUCKET/KEY)".to_string())?;
        check_bucket(bucket)?;
        if key.is_empty() {
            return Err("names a bucket but no object (s3://BUCKET/KEY)".to_string());
        }
        // S3 keys are at most 1,024 bytes of UTF-8.
        if key.len() > 1024 {
            return Err("names an object key longer than S3's 1,024 bytes".to_string());
        }
        if key.chars().any(char::is_control) {
            return Err("names an object key with control characters".to_string());
        }
        Ok(S3Object {
            bucket: bucket.to_string(),
            key: key.to_string(),
        })
    }
}

/// S3's bucket naming rules (general purpose buckets): 3–63 characters,
/// lowercase letters, digits, dots and hyphens, a letter or digit at each
/// end, not an IP address.
fn check_bucket(bucket: &str) -> Result<(), String> {
    let valid = (3..=63).contains(&bucket.len())
        && bucket
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && bucket.starts_with(|c: char| c.is_ascii_alphanumeric())
        && bucket.ends_with(|c: char| c.is_ascii_alphanumeric())
        && !bucket.contains("..")
        && bucket.parse::<std::net::Ipv4Addr>().is_err();
    if valid {
        Ok(())
    } else {
        Err(format!("names {bucket:?}, which is not an S3 bucket name"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_and_refusals() {
        assert_eq!(
            S3Object::parse("s3://my-music/Queen/01 Bohemian Rhapsody.mp3"),
            Ok(S3Object {
                bucket: "my-music".into(),
                key: "Queen/01 Bohemian Rhapsody.mp3".into()
            })
        );
        for (url, why) in [
            ("s3://my-music", "no object"),
            ("s3://my-music/", "no object"),
            ("s3://My_Music/a.mp3", "not an S3 bucket name"),
            ("s3://ab/a.mp3", "not an S3 bucket name"),
            ("s3://192.168.1.1/a.mp3", "not an S3 bucket name"),
            ("s3://my..music/a.mp3", "not an S3 bucket name"),
            ("https://x/a.mp3", "not an s3:// URL"),
        ] {
            let err = S3Object::parse(url).unwrap_err();
            assert!(err.contains(why), "{url}: {err}");
        }
        let long = format!("s3://my-music/{}", "a".repeat(1025));
        assert!(S3Object::parse(&long).unwrap_err().contains("1,024"));
    }
}
