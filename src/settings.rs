//! Every environment variable the Lambda and the CLI read, parsed in one
//! place. The binaries call [`Settings::from_env`] once and hand the values
//! down ([`crate::wiring`] turns them into a skill); nothing else in the
//! library reads the environment, except the AWS SDK, which reads its own
//! `AWS_*` settings (region, credentials, endpoints) through `aws-config`.
//! `docs/settings.md` is the table of names, defaults and limits.
//!
//! A value that does not parse is kept as its error until the part of the
//! process that needs it asks for it: `jukebox tables create` is not refused
//! over a Lambda-only setting, a local `jukebox invoke` on the embedded
//! stores does not care about the table names, and the Lambda refuses to
//! start at the same step, with the same message, whichever setting is bad.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::catalog::cache::{DEFAULT_TTL, MAX_TTL};
use crate::listeners::ListenerPolicy;
use crate::lwa::LwaConfig;
use crate::skill::Autoplay;
use crate::store::dynamodb::TrustRoots;
use crate::store::s3::{DEFAULT_EXPIRY, MAX_EXPIRY};

/// A setting's value, or why its variable was refused.
pub type Setting<T> = Result<T, Invalid>;

/// Why a variable's value was refused: the same message, causes included,
/// as when the value is needed; cloned to every part that needs it.
#[derive(Clone)]
pub struct Invalid(Arc<anyhow::Error>);

impl From<anyhow::Error> for Invalid {
    fn from(err: anyhow::Error) -> Self {
        Invalid(Arc::new(err))
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&*self.0, f)
    }
}

impl std::fmt::Debug for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::error::Error for Invalid {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// What the process was started with. Not `Debug`: it holds the LWA client
/// secret.
#[derive(Clone)]
pub struct Settings {
    /// `SKILL_ID`, trimmed; `None` when unset or blank.
    pub skill_id: Option<String>,
    /// `JUKEBOX_ACCEPT_ANY_SKILL=1`: the Lambda serves any skill id when
    /// `SKILL_ID` is unset (local use only).
    pub accept_any_skill: bool,
    /// `AWS_LAMBDA_FUNCTION_NAME` (Lambda sets it; `jukebox` otherwise):
    /// the metrics' `Function` dimension.
    pub function_name: String,
    /// `CATALOG_TABLE` and `PLAYBACK_TABLE`.
    pub stores: Setting<StoreConfig>,
    /// `CATALOG_CACHE_SECONDS`: how long a warm process keeps catalog
    /// answers from DynamoDB; zero keeps none.
    pub catalog_cache: Setting<Duration>,
    /// Which roots the DynamoDB client trusts (`AWS_CA_BUNDLE`,
    /// `JUKEBOX_TRUST_ROOTS`, a China region in `AWS_REGION` or
    /// `AWS_DEFAULT_REGION`).
    pub trust_roots: TrustRoots,
    /// `LISTENERS`: who may play.
    pub listeners: Setting<ListenerPolicy>,
    /// `AUTOPLAY`: what plays when a queue ends with loop off.
    pub autoplay: Setting<Autoplay>,
    /// `LWA_API_URL`, `LWA_CA_FILE` (read now), `LWA_TIMEOUT_MS`.
    pub lwa: Setting<LwaConfig>,
    /// `STREAM_URL_EXPIRY_SECONDS` and `MUSIC_BUCKET`.
    pub stream_urls: Setting<StreamUrls>,
    /// `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL` set: S3 is a stand-in
    /// (MinIO, moto) answering on one host, so paths name the bucket.
    pub s3_path_style: bool,
    /// `LWA_CLIENT_SECRET`, trimmed; `None` when unset or blank. Only
    /// `jukebox skill account-linking` uses it.
    pub lwa_client_secret: Option<String>,
    /// How the Lambda logs.
    pub lambda_logs: LambdaLogs,
    /// `SSL_CERT_FILE` or `SSL_CERT_DIR` is set: the operator chose where
    /// the system's roots are, and the Lambda bootstrap leaves it be.
    pub system_roots_chosen: bool,
}

/// Which stores a process uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreConfig {
    /// The embedded sample catalog and in-memory playback state.
    Embedded,
    /// DynamoDB tables named by `CATALOG_TABLE` and `PLAYBACK_TABLE`.
    DynamoDb {
        catalog_table: String,
        playback_table: String,
    },
}

impl StoreConfig {
    /// The DynamoDB table names, or an error saying which variables to set.
    pub fn require_dynamodb(self) -> anyhow::Result<(String, String)> {
        match self {
            StoreConfig::DynamoDb {
                catalog_table,
                playback_table,
            } => Ok((catalog_table, playback_table)),
            StoreConfig::Embedded => {
                anyhow::bail!("set CATALOG_TABLE and PLAYBACK_TABLE to use DynamoDB")
            }
        }
    }
}

/// How the catalog's `s3://` URLs are signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamUrls {
    /// How long a signed URL stays valid.
    pub expiry: Duration,
    /// The one bucket the function may read, when named.
    pub bucket: Option<String>,
}

/// The Lambda's log settings, as Lambda's own `LoggingConfig` sets them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LambdaLogs {
    /// `AWS_LAMBDA_LOG_LEVEL`, else `RUST_LOG`: a level name (anything
    /// else means INFO).
    pub level: Option<String>,
    /// `AWS_LAMBDA_LOG_FORMAT=JSON` (any case): one JSON object a line.
    pub json: bool,
}

impl Settings {
    /// From the process's environment.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var_os(name))
    }

    /// From any source of variables (`None` for an unset one): the rules,
    /// testable without touching the process's environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<OsString>) -> Self {
        let vars = Vars(&lookup);
        Settings {
            skill_id: vars.trimmed("SKILL_ID"),
            accept_any_skill: vars.text("JUKEBOX_ACCEPT_ANY_SKILL").as_deref() == Some("1"),
            function_name: vars
                .text("AWS_LAMBDA_FUNCTION_NAME")
                .unwrap_or_else(|| "jukebox".to_string()),
            stores: store_config(&vars).map_err(Invalid::from),
            catalog_cache: catalog_cache(vars.text("CATALOG_CACHE_SECONDS").as_deref())
                .map_err(Invalid::from),
            trust_roots: trust_roots(&vars),
            listeners: listener_policy(&vars).map_err(Invalid::from),
            autoplay: autoplay(&vars).map_err(Invalid::from),
            lwa: lwa_config(&vars).map_err(Invalid::from),
            stream_urls: stream_urls(&vars).map_err(Invalid::from),
            s3_path_style: vars.is_set("AWS_ENDPOINT_URL_S3") || vars.is_set("AWS_ENDPOINT_URL"),
            lwa_client_secret: vars.trimmed("LWA_CLIENT_SECRET"),
            lambda_logs: LambdaLogs {
                level: vars
                    .text("AWS_LAMBDA_LOG_LEVEL")
                    .or_else(|| vars.text("RUST_LOG")),
                json: vars
                    .text("AWS_LAMBDA_LOG_FORMAT")
                    .is_some_and(|format| format.eq_ignore_ascii_case("json")),
            },
            system_roots_chosen: vars.is_set("SSL_CERT_FILE") || vars.is_set("SSL_CERT_DIR"),
        }
    }
}

/// The variables, read through one lookup.
struct Vars<'a>(&'a dyn Fn(&str) -> Option<OsString>);

impl Vars<'_> {
    /// Set at all, even to a value that is not Unicode.
    fn is_set(&self, name: &str) -> bool {
        (self.0)(name).is_some()
    }

    /// Set and not empty, as the operating system has it (a path).
    fn os(&self, name: &str) -> Option<OsString> {
        (self.0)(name).filter(|value| !value.is_empty())
    }

    /// The value; one that is not Unicode counts as unset.
    fn text(&self, name: &str) -> Option<String> {
        (self.0)(name).and_then(|value| value.into_string().ok())
    }

    /// The value trimmed; blank counts as unset.
    fn trimmed(&self, name: &str) -> Option<String> {
        self.text(name)
            .map(|value| value.trim().to_string())
            .filter(|value| !value.is_empty())
    }

    /// The value, or `Err(())` when it is not Unicode.
    fn unicode(&self, name: &str) -> Result<Option<String>, ()> {
        (self.0)(name)
            .map(|value| value.into_string().map_err(|_| ()))
            .transpose()
    }
}

/// `CATALOG_TABLE` and `PLAYBACK_TABLE` both set: DynamoDB; neither:
/// embedded; one without the other is a configuration error.
fn store_config(vars: &Vars) -> anyhow::Result<StoreConfig> {
    match (
        vars.trimmed("CATALOG_TABLE"),
        vars.trimmed("PLAYBACK_TABLE"),
    ) {
        (Some(catalog_table), Some(playback_table)) => Ok(StoreConfig::DynamoDb {
            catalog_table,
            playback_table,
        }),
        (None, None) => Ok(StoreConfig::Embedded),
        (Some(_), None) => anyhow::bail!("CATALOG_TABLE is set but PLAYBACK_TABLE is not"),
        (None, Some(_)) => anyhow::bail!("PLAYBACK_TABLE is set but CATALOG_TABLE is not"),
    }
}

/// The time to live a `CATALOG_CACHE_SECONDS` value asks for: unset or
/// blank is [`DEFAULT_TTL`], `0` is no cache, at most [`MAX_TTL`].
fn catalog_cache(value: Option<&str>) -> anyhow::Result<Duration> {
    match value.map(str::trim) {
        None | Some("") => Ok(DEFAULT_TTL),
        Some(value) => match value.parse::<u64>() {
            Ok(seconds) if Duration::from_secs(seconds) <= MAX_TTL => {
                Ok(Duration::from_secs(seconds))
            }
            _ => anyhow::bail!(
                "CATALOG_CACHE_SECONDS must be a number of seconds from 0 to {}",
                MAX_TTL.as_secs()
            ),
        },
    }
}

/// A bundle named by `AWS_CA_BUNDLE` wins; then `JUKEBOX_TRUST_ROOTS=system`
/// or a China region (`cn-*`), whose endpoints Amazon Trust Services does
/// not certify, take the system's roots; else Amazon Trust Services'.
fn trust_roots(vars: &Vars) -> TrustRoots {
    if let Some(bundle) = vars.os("AWS_CA_BUNDLE") {
        return TrustRoots::Bundle(PathBuf::from(bundle));
    }
    if vars
        .os("JUKEBOX_TRUST_ROOTS")
        .is_some_and(|value| value == "system")
    {
        return TrustRoots::System;
    }
    let region = vars
        .os("AWS_REGION")
        .or_else(|| vars.os("AWS_DEFAULT_REGION"));
    if region.is_some_and(|region| region.to_string_lossy().starts_with("cn-")) {
        return TrustRoots::System;
    }
    TrustRoots::AmazonTrustServices
}

/// `LISTENERS`: unset or blank is `open`, anything else unknown is an error
/// (a typo must not open a private jukebox).
fn listener_policy(vars: &Vars) -> anyhow::Result<ListenerPolicy> {
    match vars.unicode("LISTENERS") {
        Ok(Some(value)) => ListenerPolicy::parse(&value),
        Ok(None) => Ok(ListenerPolicy::Open),
        Err(()) => {
            anyhow::bail!("LISTENERS must be `open` or `allow-list`, not a value that is not UTF-8")
        }
    }
}

/// `AUTOPLAY`: unset or blank is `off`; `similar` turns it on; anything
/// else is an error rather than a guess.
fn autoplay(vars: &Vars) -> anyhow::Result<Autoplay> {
    match vars.unicode("AUTOPLAY") {
        Ok(None) => Ok(Autoplay::Off),
        Ok(Some(value)) => match value.trim().to_ascii_lowercase().as_str() {
            "" | "off" => Ok(Autoplay::Off),
            "similar" => Ok(Autoplay::Similar),
            _ => anyhow::bail!("AUTOPLAY must be `off` or `similar`, not {value:?}"),
        },
        Err(()) => {
            anyhow::bail!("AUTOPLAY must be `off` or `similar`, not a value that is not UTF-8")
        }
    }
}

/// `LWA_API_URL`, `LWA_CA_FILE` and `LWA_TIMEOUT_MS`, as
/// [`LwaConfig::parse`] takes them; a value that is not Unicode is an error.
fn lwa_config(vars: &Vars) -> anyhow::Result<LwaConfig> {
    let value = |name: &str| {
        vars.unicode(name)
            .map_err(|()| anyhow::anyhow!("{name} is not valid Unicode"))
    };
    let api_url = value("LWA_API_URL")?;
    let ca_file = value("LWA_CA_FILE")?;
    let timeout_ms = value("LWA_TIMEOUT_MS")?;
    LwaConfig::parse(
        api_url.as_deref(),
        ca_file.as_deref(),
        timeout_ms.as_deref(),
    )
}

/// `STREAM_URL_EXPIRY_SECONDS` (60 s to 7 days; default 6 h) and
/// `MUSIC_BUCKET` (empty is unset).
fn stream_urls(vars: &Vars) -> anyhow::Result<StreamUrls> {
    let expiry = match vars.text("STREAM_URL_EXPIRY_SECONDS") {
        Some(text) => {
            let seconds: u64 = text.trim().parse().map_err(|_| {
                anyhow::anyhow!("STREAM_URL_EXPIRY_SECONDS={text:?} is not a number of seconds")
            })?;
            let expiry = Duration::from_secs(seconds);
            anyhow::ensure!(
                (Duration::from_secs(60)..=MAX_EXPIRY).contains(&expiry),
                "STREAM_URL_EXPIRY_SECONDS must lie between 60 and {} (7 days)",
                MAX_EXPIRY.as_secs()
            );
            expiry
        }
        None => DEFAULT_EXPIRY,
    };
    let bucket = vars.text("MUSIC_BUCKET").filter(|b| !b.is_empty());
    Ok(StreamUrls { expiry, bucket })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Settings {
        Settings::from_lookup(|name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| OsString::from(value))
        })
    }

    /// A variable whose value is not Unicode, and nothing else.
    #[cfg(unix)]
    fn not_unicode(var: &str) -> Settings {
        use std::os::unix::ffi::OsStringExt;
        Settings::from_lookup(|name| (name == var).then(|| OsString::from_vec(vec![0x66, 0xff])))
    }

    /// The message a refused value stops the process with.
    fn message<T: std::fmt::Debug>(result: Result<T, impl Into<anyhow::Error>>) -> String {
        format!("{:#}", result.map_err(Into::into).unwrap_err())
    }

    #[test]
    fn nothing_set_is_every_default() {
        let settings = settings(&[]);
        assert_eq!(settings.skill_id, None);
        assert!(!settings.accept_any_skill);
        assert_eq!(settings.function_name, "jukebox");
        assert_eq!(settings.stores.unwrap(), StoreConfig::Embedded);
        assert_eq!(settings.catalog_cache.unwrap(), DEFAULT_TTL);
        assert_eq!(settings.trust_roots, TrustRoots::AmazonTrustServices);
        assert_eq!(settings.listeners.unwrap(), ListenerPolicy::Open);
        assert_eq!(settings.autoplay.unwrap(), Autoplay::Off);
        let lwa = settings.lwa.unwrap();
        assert_eq!(lwa.api_url.as_str(), "https://api.amazon.com/");
        assert_eq!(lwa.timeout, Duration::from_millis(800));
        assert_eq!(
            settings.stream_urls.unwrap(),
            StreamUrls {
                expiry: DEFAULT_EXPIRY,
                bucket: None
            }
        );
        assert!(!settings.s3_path_style);
        assert_eq!(settings.lwa_client_secret, None);
        assert_eq!(
            settings.lambda_logs,
            LambdaLogs {
                level: None,
                json: false
            }
        );
        assert!(!settings.system_roots_chosen);
    }

    #[test]
    fn values_are_trimmed_and_blank_is_unset() {
        let set = settings(&[
            ("SKILL_ID", "  amzn1.ask.skill.x "),
            ("CATALOG_TABLE", " catalog "),
            ("PLAYBACK_TABLE", "playback"),
            ("LWA_CLIENT_SECRET", "   "),
            ("JUKEBOX_ACCEPT_ANY_SKILL", "1"),
            ("AWS_LAMBDA_FUNCTION_NAME", "jukebox-prod"),
        ]);
        assert_eq!(set.skill_id.as_deref(), Some("amzn1.ask.skill.x"));
        assert_eq!(
            set.stores.unwrap().require_dynamodb().unwrap(),
            ("catalog".to_string(), "playback".to_string())
        );
        assert_eq!(set.lwa_client_secret, None);
        assert!(set.accept_any_skill);
        assert_eq!(set.function_name, "jukebox-prod");
        assert_eq!(settings(&[("SKILL_ID", " ")]).skill_id, None);
        assert!(!settings(&[("JUKEBOX_ACCEPT_ANY_SKILL", "yes")]).accept_any_skill);
    }

    #[test]
    fn autoplay_is_off_or_similar_and_nothing_else() {
        for (value, expected) in [
            ("off", Autoplay::Off),
            (" ", Autoplay::Off),
            ("similar", Autoplay::Similar),
            (" Similar ", Autoplay::Similar),
        ] {
            assert_eq!(
                settings(&[("AUTOPLAY", value)]).autoplay.unwrap(),
                expected,
                "{value:?}"
            );
        }
        assert_eq!(
            message(settings(&[("AUTOPLAY", "on")]).autoplay),
            "AUTOPLAY must be `off` or `similar`, not \"on\""
        );
    }

    #[test]
    fn both_tables_or_neither() {
        assert_eq!(
            message(settings(&[("CATALOG_TABLE", "c")]).stores),
            "CATALOG_TABLE is set but PLAYBACK_TABLE is not"
        );
        assert_eq!(
            message(settings(&[("PLAYBACK_TABLE", "p"), ("CATALOG_TABLE", " ")]).stores),
            "PLAYBACK_TABLE is set but CATALOG_TABLE is not"
        );
        assert_eq!(
            message(settings(&[]).stores.unwrap().require_dynamodb()),
            "set CATALOG_TABLE and PLAYBACK_TABLE to use DynamoDB"
        );
    }

    #[test]
    fn the_time_to_live_is_read_and_bounded() {
        assert_eq!(catalog_cache(None).unwrap(), DEFAULT_TTL);
        assert_eq!(catalog_cache(Some(" ")).unwrap(), DEFAULT_TTL);
        assert_eq!(catalog_cache(Some("0")).unwrap(), Duration::ZERO);
        assert_eq!(
            catalog_cache(Some(" 120 ")).unwrap(),
            Duration::from_secs(120)
        );
        for bad in ["3601", "-1", "30s", "ten"] {
            assert!(catalog_cache(Some(bad)).is_err(), "{bad}");
        }
        assert_eq!(
            message(settings(&[("CATALOG_CACHE_SECONDS", "3601")]).catalog_cache),
            "CATALOG_CACHE_SECONDS must be a number of seconds from 0 to 3600"
        );
        assert_eq!(
            settings(&[("CATALOG_CACHE_SECONDS", "3600")])
                .catalog_cache
                .unwrap(),
            MAX_TTL
        );
    }

    #[test]
    fn amazon_roots_by_default_and_in_every_commercial_region() {
        assert_eq!(settings(&[]).trust_roots, TrustRoots::AmazonTrustServices);
        for region in ["us-east-1", "eu-west-1", "us-gov-west-1", "ap-southeast-2"] {
            assert_eq!(
                settings(&[("AWS_REGION", region)]).trust_roots,
                TrustRoots::AmazonTrustServices,
                "{region}"
            );
        }
    }

    #[test]
    fn china_regions_and_an_explicit_choice_use_the_system_roots() {
        assert_eq!(
            settings(&[("AWS_REGION", "cn-north-1")]).trust_roots,
            TrustRoots::System
        );
        assert_eq!(
            settings(&[("AWS_DEFAULT_REGION", "cn-northwest-1")]).trust_roots,
            TrustRoots::System
        );
        assert_eq!(
            settings(&[("JUKEBOX_TRUST_ROOTS", "system")]).trust_roots,
            TrustRoots::System
        );
    }

    #[test]
    fn a_ca_bundle_wins_and_an_empty_one_is_unset() {
        assert_eq!(
            settings(&[
                ("AWS_CA_BUNDLE", "/etc/proxy-ca.pem"),
                ("AWS_REGION", "cn-north-1")
            ])
            .trust_roots,
            TrustRoots::Bundle(PathBuf::from("/etc/proxy-ca.pem"))
        );
        assert_eq!(
            settings(&[("AWS_CA_BUNDLE", "")]).trust_roots,
            TrustRoots::AmazonTrustServices
        );
    }

    #[test]
    fn listeners_is_open_or_allow_list_and_a_typo_is_refused() {
        assert_eq!(
            settings(&[("LISTENERS", " ")]).listeners.unwrap(),
            ListenerPolicy::Open
        );
        assert_eq!(
            settings(&[("LISTENERS", "allow-list")]).listeners.unwrap(),
            ListenerPolicy::AllowList
        );
        assert_eq!(
            message(settings(&[("LISTENERS", "allowlist")]).listeners),
            "LISTENERS must be `open` or `allow-list`, not \"allowlist\""
        );
    }

    #[test]
    fn lwa_settings_are_checked_at_start() {
        let lwa = settings(&[
            ("LWA_API_URL", " https://api.amazon.co.uk "),
            ("LWA_TIMEOUT_MS", "250"),
        ])
        .lwa
        .unwrap();
        assert_eq!(lwa.api_url.as_str(), "https://api.amazon.co.uk/");
        assert_eq!(lwa.timeout, Duration::from_millis(250));
        for (name, value) in [
            ("LWA_API_URL", "http://api.amazon.com"),
            ("LWA_TIMEOUT_MS", "1001"),
            ("LWA_CA_FILE", "/nonexistent/lwa-ca.pem"),
        ] {
            let err = message(settings(&[(name, value)]).lwa);
            assert!(err.contains(name), "{name}={value}: {err}");
        }
        // The cause comes along: what the file system said.
        let err = message(settings(&[("LWA_CA_FILE", "/nonexistent/lwa-ca.pem")]).lwa);
        assert!(
            err.starts_with("cannot read LWA_CA_FILE /nonexistent/lwa-ca.pem: "),
            "{err}"
        );
    }

    #[test]
    fn stream_urls_last_a_minute_to_seven_days() {
        let urls = |value: &str| settings(&[("STREAM_URL_EXPIRY_SECONDS", value)]).stream_urls;
        assert_eq!(urls(" 60 ").unwrap().expiry, Duration::from_secs(60));
        assert_eq!(urls("604800").unwrap().expiry, MAX_EXPIRY);
        for bad in ["59", "604801"] {
            assert_eq!(
                message(urls(bad)),
                "STREAM_URL_EXPIRY_SECONDS must lie between 60 and 604800 (7 days)"
            );
        }
        assert_eq!(
            message(urls("6h")),
            "STREAM_URL_EXPIRY_SECONDS=\"6h\" is not a number of seconds"
        );
        assert_eq!(
            message(urls("")),
            "STREAM_URL_EXPIRY_SECONDS=\"\" is not a number of seconds"
        );
        let bucket = |value: &str| {
            settings(&[("MUSIC_BUCKET", value)])
                .stream_urls
                .unwrap()
                .bucket
        };
        assert_eq!(bucket("my-music").as_deref(), Some("my-music"));
        assert_eq!(bucket(""), None);
    }

    #[test]
    fn an_s3_stand_in_is_addressed_by_path() {
        assert!(settings(&[("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000")]).s3_path_style);
        assert!(settings(&[("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")]).s3_path_style);
    }

    #[test]
    fn the_lambda_logs_as_lambda_says() {
        let logs = |vars: &[(&str, &str)]| settings(vars).lambda_logs;
        assert_eq!(
            logs(&[("AWS_LAMBDA_LOG_LEVEL", "DEBUG"), ("RUST_LOG", "trace")]).level,
            Some("DEBUG".to_string())
        );
        assert_eq!(
            logs(&[("RUST_LOG", "trace")]).level,
            Some("trace".to_string())
        );
        assert!(logs(&[("AWS_LAMBDA_LOG_FORMAT", "json")]).json);
        assert!(logs(&[("AWS_LAMBDA_LOG_FORMAT", "JSON")]).json);
        assert!(!logs(&[("AWS_LAMBDA_LOG_FORMAT", "Text")]).json);
        assert!(settings(&[("SSL_CERT_DIR", "/etc/ssl/certs")]).system_roots_chosen);
    }

    #[cfg(unix)]
    #[test]
    fn values_that_are_not_unicode() {
        assert_eq!(
            message(not_unicode("LISTENERS").listeners),
            "LISTENERS must be `open` or `allow-list`, not a value that is not UTF-8"
        );
        for name in ["LWA_API_URL", "LWA_CA_FILE", "LWA_TIMEOUT_MS"] {
            assert_eq!(
                message(not_unicode(name).lwa),
                format!("{name} is not valid Unicode")
            );
        }
        // Elsewhere such a value counts as unset.
        assert_eq!(not_unicode("SKILL_ID").skill_id, None);
        assert_eq!(
            not_unicode("STREAM_URL_EXPIRY_SECONDS")
                .stream_urls
                .unwrap()
                .expiry,
            DEFAULT_EXPIRY
        );
        assert_eq!(
            not_unicode("CATALOG_CACHE_SECONDS").catalog_cache.unwrap(),
            DEFAULT_TTL
        );
        // A path need not be Unicode; presence is presence.
        assert!(matches!(
            not_unicode("AWS_CA_BUNDLE").trust_roots,
            TrustRoots::Bundle(_)
        ));
        assert!(not_unicode("AWS_ENDPOINT_URL").s3_path_style);
    }
}
