//! The Login with Amazon (LWA) profile client: the adapter behind
//! [`ProfileSource`]. One `GET {LWA_API_URL}/user/profile` with the
//! listener's access token as a bearer token, as Amazon documents it:
//! <https://developer.amazon.com/docs/login-with-amazon/obtain-customer-profile.html>
//! (the answer is `{"user_id": "amzn1.account.…", "name": "…", "email": "…"}`;
//! `name` and `email` come with the `profile` scope, `user_id` always).
//!
//! Built to sit on the path of an Alexa request: one short deadline
//! (`LWA_TIMEOUT_MS`, at most one second) bounds the whole call, connection
//! to last byte; nothing is retried; redirects are not followed; a body is
//! read in chunks and given up past 64 KiB. Errors say what went wrong in a
//! few words (a status code, "not JSON", an error kind) and never carry the
//! token, the body, the URL's query or anything from the profile.

use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_LENGTH};
use serde_json::Value;

use crate::listeners::{Linked, Profile, ProfileError};
use crate::ports::ProfileSource;

/// Where LWA answers when `LWA_API_URL` is not set.
pub const DEFAULT_API_URL: &str = "https://api.amazon.com";
/// The deadline when `LWA_TIMEOUT_MS` is not set.
pub const DEFAULT_TIMEOUT_MS: u64 = 800;
/// The longest deadline `LWA_TIMEOUT_MS` may set: the call is on the path
/// of a request Alexa waits for.
pub const MAX_TIMEOUT_MS: u64 = 1_000;
/// The largest profile body read; a profile is a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// The longest token sent: LWA access tokens are at most 2048 bytes
/// (<https://developer.amazon.com/docs/login-with-amazon/access-token.html>);
/// anything far longer is not one, and is refused without a call.
const MAX_TOKEN_BYTES: usize = 4 * 1024;

/// Where and how to reach LWA (`crate::settings` reads it from the
/// environment).
#[derive(Clone)]
pub struct LwaConfig {
    /// The API's base URL (`https` only); the profile is at `{api_url}/user/profile`.
    pub api_url: url::Url,
    /// Extra certificate authorities to trust (PEM), for private proxies and tests.
    pub extra_ca_pem: Option<Vec<u8>>,
    /// The deadline of one whole profile call, connection to last byte.
    pub timeout: Duration,
}

impl std::fmt::Debug for LwaConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LwaConfig")
            .field("api_url", &self.api_url.as_str())
            .field(
                "extra_ca_pem",
                &self
                    .extra_ca_pem
                    .as_ref()
                    .map(|pem| format!("{} bytes", pem.len())),
            )
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl LwaConfig {
    /// The configuration the three variables' values make (`None` for an
    /// unset variable). Reads the CA file, if one is named.
    pub fn parse(
        api_url: Option<&str>,
        ca_file: Option<&str>,
        timeout_ms: Option<&str>,
    ) -> anyhow::Result<Self> {
        let api_url = parse_api_url(given(api_url).unwrap_or(DEFAULT_API_URL))?;
        let extra_ca_pem = match given(ca_file) {
            None => None,
            Some(path) => Some(read_ca_file(path)?),
        };
        let timeout = match given(timeout_ms) {
            None => Duration::from_millis(DEFAULT_TIMEOUT_MS),
            Some(raw) => parse_timeout(raw)?,
        };
        Ok(LwaConfig {
            api_url,
            extra_ca_pem,
            timeout,
        })
    }
}

/// A value that says something: blank is the same as unset.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn parse_api_url(raw: &str) -> anyhow::Result<url::Url> {
    let url = url::Url::parse(raw).context("LWA_API_URL is not a URL")?;
    anyhow::ensure!(
        url.scheme() == "https",
        "LWA_API_URL must be an https URL, not {}:",
        url.scheme()
    );
    anyhow::ensure!(url.host().is_some(), "LWA_API_URL names no host");
    anyhow::ensure!(
        url.username().is_empty() && url.password().is_none(),
        "LWA_API_URL must not carry credentials"
    );
    anyhow::ensure!(
        url.query().is_none() && url.fragment().is_none(),
        "LWA_API_URL must not carry a query or a fragment"
    );
    Ok(url)
}

fn read_ca_file(path: &str) -> anyhow::Result<Vec<u8>> {
    let pem = std::fs::read(path).with_context(|| format!("cannot read LWA_CA_FILE {path}"))?;
    crate::https::extra_certificates(&pem, &format!("LWA_CA_FILE {path}"))?;
    Ok(pem)
}

fn parse_timeout(raw: &str) -> anyhow::Result<Duration> {
    let ms: u64 = raw.parse().with_context(|| {
        format!(
            "LWA_TIMEOUT_MS must be a whole number of milliseconds, not {:?}",
            raw.chars().take(20).collect::<String>()
        )
    })?;
    anyhow::ensure!(
        (1..=MAX_TIMEOUT_MS).contains(&ms),
        "LWA_TIMEOUT_MS must be 1 to {MAX_TIMEOUT_MS} ms, not {ms}"
    );
    Ok(Duration::from_millis(ms))
}

/// The LWA profile client: one HTTP client, built once, reused for every call.
pub struct LwaClient {
    http: reqwest::Client,
    profile_url: url::Url,
    timeout: Duration,
}

impl std::fmt::Debug for LwaClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LwaClient")
            .field("profile_url", &self.profile_url.as_str())
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl LwaClient {
    /// The client `config` describes: rustls with the built-in roots (and
    /// the extra CA, if any), no redirects, no retries, the deadline as both
    /// connect and overall timeout.
    pub fn new(config: &LwaConfig) -> anyhow::Result<Self> {
        let mut profile_url = config.api_url.clone();
        profile_url
            .path_segments_mut()
            .map_err(|_| anyhow::anyhow!("LWA_API_URL cannot be a base URL"))?
            .pop_if_empty()
            .extend(["user", "profile"]);
        let mut builder = reqwest::Client::builder()
            .https_only(true)
            .redirect(reqwest::redirect::Policy::none())
            .retry(reqwest::retry::never())
            .connect_timeout(config.timeout)
            .timeout(config.timeout)
            .user_agent(concat!("jukebox/", env!("CARGO_PKG_VERSION")));
        if let Some(pem) = &config.extra_ca_pem {
            builder =
                builder.tls_certs_merge(crate::https::extra_certificates(pem, "the LWA CA file")?);
        }
        Ok(LwaClient {
            http: builder
                .build()
                .context("cannot build the LWA HTTP client")?,
            profile_url,
            timeout: config.timeout,
        })
    }

    /// Where profiles are asked for: `{api_url}/user/profile`.
    pub fn profile_url(&self) -> &url::Url {
        &self.profile_url
    }

    fn timed_out(&self) -> ProfileError {
        ProfileError::Timeout(self.timeout.as_millis())
    }

    /// One call, unbounded: [`ProfileSource::profile`] puts the deadline on it.
    async fn fetch(&self, authorization: HeaderValue) -> Result<Linked, ProfileError> {
        let mut response = self
            .http
            .get(self.profile_url.clone())
            .header(AUTHORIZATION, authorization)
            .header(ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| self.transport_error(&e))?;
        let status = response.status().as_u16();
        match status {
            200 => {
                let body = self.read_body(&mut response).await?;
                parse_profile(&body).map(Linked::Profile)
            }
            401 => Ok(Linked::Refused),
            400 => {
                let body = self.read_body(&mut response).await?;
                let error = serde_json::from_slice::<Value>(&body)
                    .ok()
                    .and_then(|json| json.get("error").and_then(Value::as_str).map(str::to_owned));
                match error.as_deref() {
                    Some("invalid_token") => Ok(Linked::Refused),
                    _ => Err(ProfileError::BadAnswer("status 400".into())),
                }
            }
            300..=399 => Err(ProfileError::BadAnswer(format!(
                "status {status}, not followed"
            ))),
            _ => Err(ProfileError::BadAnswer(format!("status {status}"))),
        }
    }

    /// The body, in chunks, given up past [`MAX_BODY_BYTES`].
    async fn read_body(&self, response: &mut reqwest::Response) -> Result<Vec<u8>, ProfileError> {
        let too_big = || ProfileError::BadAnswer("profile body over 64 KiB".into());
        let declared = response
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
            return Err(too_big());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(&e))?
        {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(too_big());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// A request error as a [`ProfileError`]: its kind in a few words,
    /// never the URL or anything sent.
    fn transport_error(&self, err: &reqwest::Error) -> ProfileError {
        if err.is_timeout() {
            return self.timed_out();
        }
        if err.is_redirect() {
            return ProfileError::BadAnswer("a 3xx, not followed".into());
        }
        let mut tls = None;
        let mut io_kind = None;
        for cause in causes(err) {
            if let Some(rustls_error) = cause.downcast_ref::<rustls::Error>() {
                tls.get_or_insert_with(|| rustls_error.to_string());
            }
            if let Some(io_error) = cause.downcast_ref::<std::io::Error>() {
                match io_error.kind() {
                    std::io::ErrorKind::TimedOut => return self.timed_out(),
                    std::io::ErrorKind::Other => {}
                    kind => {
                        io_kind.get_or_insert(kind);
                    }
                }
            }
        }
        let what = if let Some(tls) = tls {
            format!("TLS failed: {tls}")
        } else if err.is_dns() {
            "DNS lookup failed".to_string()
        } else if let Some(kind) = io_kind {
            let during = if err.is_connect() {
                "cannot connect"
            } else {
                "the connection failed"
            };
            format!("{during}: {kind}")
        } else if err.is_connect() {
            "cannot connect".to_string()
        } else if err.is_body() || err.is_decode() {
            "the connection broke during the body".to_string()
        } else {
            "the request failed".to_string()
        };
        ProfileError::Unreachable(what)
    }
}

/// The causes of `err`, outermost first. An `io::Error`'s `source()` skips
/// the error it wraps (where rustls puts its own), so this looks inside.
fn causes(err: &reqwest::Error) -> Vec<&(dyn std::error::Error + 'static)> {
    let mut found = Vec::new();
    let mut next = std::error::Error::source(err);
    while let Some(cause) = next {
        if found.len() == 32 {
            break;
        }
        found.push(cause);
        next = match cause
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => cause.source(),
        };
    }
    found
}

/// The profile in a 200's body: a JSON object with a non-blank string
/// `user_id`; `name` and `email` strings when present; anything else ignored.
fn parse_profile(body: &[u8]) -> Result<Profile, ProfileError> {
    let bad = |why: &str| ProfileError::BadAnswer(why.to_string());
    let json: Value = serde_json::from_slice(body).map_err(|_| bad("not JSON"))?;
    let object = json.as_object().ok_or_else(|| bad("not a JSON object"))?;
    let user_id = match object.get("user_id") {
        Some(Value::String(id)) if !id.trim().is_empty() => id.clone(),
        Some(Value::String(_)) => return Err(bad("empty user_id")),
        Some(_) => return Err(bad("user_id is not a string")),
        None => return Err(bad("no user_id")),
    };
    let optional = |field: &str| match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(bad(&format!("{field} is not a string"))),
    };
    Ok(Profile {
        user_id,
        name: optional("name")?,
        email: optional("email")?,
    })
}

#[async_trait]
impl ProfileSource for LwaClient {
    /// Never more than the configured deadline, whatever the server does:
    /// the request and the whole body read run under one timeout. An empty
    /// token, or one no HTTP header can carry, is refused without a call.
    async fn profile(&self, access_token: &str) -> Result<Linked, ProfileError> {
        if access_token.is_empty() || access_token.len() > MAX_TOKEN_BYTES {
            return Ok(Linked::Refused);
        }
        let Ok(mut authorization) = HeaderValue::from_str(&format!("Bearer {access_token}")) else {
            return Ok(Linked::Refused);
        };
        authorization.set_sensitive(true);
        tokio::time::timeout(self.timeout, self.fetch(authorization))
            .await
            .unwrap_or_else(|_| Err(self.timed_out()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A self-signed CA certificate, PEM, made now.
    fn test_ca() -> String {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.self_signed(&key).unwrap().pem()
    }

    fn write(content: &[u8]) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, content).unwrap();
        file
    }

    #[test]
    fn defaults_when_nothing_is_set_or_values_are_blank() {
        for blank in [None, Some(""), Some("   ")] {
            let config = LwaConfig::parse(blank, blank, blank).unwrap();
            assert_eq!(config.api_url.as_str(), "https://api.amazon.com/");
            assert_eq!(config.extra_ca_pem, None);
            assert_eq!(config.timeout, Duration::from_millis(800));
        }
    }

    #[test]
    fn the_api_url_must_be_plain_https() {
        let config = LwaConfig::parse(Some(" https://api.amazon.co.uk "), None, None).unwrap();
        assert_eq!(config.api_url.as_str(), "https://api.amazon.co.uk/");
        for bad in [
            "http://api.amazon.com",
            "http://127.0.0.1:8080",
            "http://localhost",
            "api.amazon.com",
            "ftp://api.amazon.com",
            "https://user:secret@api.amazon.com",
            "https://api.amazon.com/?access_token=x",
            "https://api.amazon.com/#x",
            "not a url",
        ] {
            let err = LwaConfig::parse(Some(bad), None, None).unwrap_err();
            assert!(format!("{err:#}").contains("LWA_API_URL"), "{bad}: {err:#}");
            assert!(!format!("{err:#}").contains("secret"), "{err:#}");
        }
    }

    #[test]
    fn the_timeout_is_one_to_a_thousand_milliseconds() {
        let ms = |raw: &str| LwaConfig::parse(None, None, Some(raw)).map(|c| c.timeout);
        assert_eq!(ms("1").unwrap(), Duration::from_millis(1));
        assert_eq!(ms(" 250 ").unwrap(), Duration::from_millis(250));
        assert_eq!(ms("1000").unwrap(), Duration::from_millis(1000));
        for bad in [
            "0",
            "1001",
            "5000",
            "-1",
            "0.5",
            "1s",
            "abc",
            "99999999999999999999",
        ] {
            let err = ms(bad).unwrap_err();
            assert!(
                format!("{err:#}").contains("LWA_TIMEOUT_MS"),
                "{bad}: {err:#}"
            );
        }
    }

    #[test]
    fn the_ca_file_is_read_at_start_and_must_hold_a_certificate() {
        let ca = test_ca();
        let good = write(ca.as_bytes());
        let config = LwaConfig::parse(None, Some(good.path().to_str().unwrap()), None).unwrap();
        assert_eq!(config.extra_ca_pem.as_deref(), Some(ca.as_bytes()));
        assert!(LwaClient::new(&config).is_ok());

        let missing = good.path().with_extension("missing");
        let err = LwaConfig::parse(None, Some(missing.to_str().unwrap()), None).unwrap_err();
        assert!(
            format!("{err:#}").contains("cannot read LWA_CA_FILE"),
            "{err:#}"
        );

        let empty = write(b"no certificate in here\n");
        let err = LwaConfig::parse(None, Some(empty.path().to_str().unwrap()), None).unwrap_err();
        assert!(format!("{err:#}").contains("LWA_CA_FILE"), "{err:#}");
    }

    #[test]
    fn the_profile_url_is_under_the_base() {
        for (base, expected) in [
            (
                "https://api.amazon.com",
                "https://api.amazon.com/user/profile",
            ),
            (
                "https://api.amazon.com/",
                "https://api.amazon.com/user/profile",
            ),
            (
                "https://127.0.0.1:8443/lwa/",
                "https://127.0.0.1:8443/lwa/user/profile",
            ),
            (
                "https://127.0.0.1:8443/lwa",
                "https://127.0.0.1:8443/lwa/user/profile",
            ),
        ] {
            let config = LwaConfig::parse(Some(base), None, None).unwrap();
            let client = LwaClient::new(&config).unwrap();
            assert_eq!(client.profile_url().as_str(), expected);
        }
    }

    #[test]
    fn profiles_are_parsed_strictly_and_errors_say_nothing_personal() {
        let profile = parse_profile(
            br#"{"user_id":"amzn1.account.X","name":"Anna Berg","email":"anna@example.com","postal_code":"1"}"#,
        )
        .unwrap();
        assert_eq!(profile.user_id, "amzn1.account.X");
        assert_eq!(profile.name.as_deref(), Some("Anna Berg"));
        assert_eq!(profile.email.as_deref(), Some("anna@example.com"));
        let bare = parse_profile(br#"{"user_id":"amzn1.account.Y","name":null}"#).unwrap();
        assert_eq!((bare.name, bare.email), (None, None));

        for (body, reason) in [
            (&b"<html>Anna</html>"[..], "not JSON"),
            (b"", "not JSON"),
            (br#"["anna@example.com"]"#, "not a JSON object"),
            (br#"{"name":"Anna Berg"}"#, "no user_id"),
            (br#"{"user_id":"  ","name":"Anna"}"#, "empty user_id"),
            (br#"{"user_id":7}"#, "user_id is not a string"),
            (
                br#"{"user_id":"u","email":["anna@example.com"]}"#,
                "email is not a string",
            ),
        ] {
            match parse_profile(body) {
                Err(ProfileError::BadAnswer(why)) => {
                    assert_eq!(why, reason);
                    assert!(!why.contains("Anna") && !why.contains("anna@"));
                }
                other => panic!("{other:?} for {}", String::from_utf8_lossy(body)),
            }
        }
    }

    #[test]
    fn debug_output_shows_no_certificate_bytes() {
        let config = LwaConfig {
            extra_ca_pem: Some(test_ca().into_bytes()),
            ..LwaConfig::parse(None, None, None).unwrap()
        };
        let shown = format!("{config:?}");
        assert!(
            shown.contains("bytes") && !shown.contains("BEGIN"),
            "{shown}"
        );
    }
}
