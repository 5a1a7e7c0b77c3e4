//! Who is listening, and whether they may: account linking with Login with
//! Amazon (LWA) and the owner's allow-list. Plain data and ports only: the
//! LWA client ([`crate::lwa`]) and the stores are adapters (see
//! [`crate::ports`]); [`crate::skill`] decides what a request may do.
//!
//! Privacy: an access token is never kept; the cache is keyed by
//! [`TokenKey`] (a SHA-256 of the token). Profiles, emails and names never
//! reach a log line: the types here have no `Display` and their `Debug`
//! says only that they are redacted.

use async_trait::async_trait;
use sha2::{Digest, Sha256};

use crate::error::StoreError;

/// The most addresses an allow-list holds: the list is one item, read on
/// every request while the allow-list is on, so it stays small (a private
/// jukebox is for a household, a band, a station's staff).
pub const MAX_LISTENERS: usize = 1_000;

/// How long a resolved profile is trusted for one token: LWA access tokens
/// live one hour ("expires_in": 3600), and Alexa refreshes them as they run
/// out, so a new token is resolved at most once an hour.
pub const PROFILE_TTL_SECONDS: i64 = 3_600;

/// How long a token LWA refused (401, revoked) is remembered as refused, so
/// a listener whose link broke does not cost an LWA call per request.
pub const REFUSED_TTL_SECONDS: i64 = 600;

/// How long the Alexa account's last resolved profile answers for player
/// events that carry a token not resolved yet (Alexa refreshed it during
/// playback). Player events never call LWA.
pub const ACCOUNT_TTL_SECONDS: i64 = 24 * 3_600;

/// The listener's Amazon profile, from LWA's `GET /user/profile`
/// (`profile` scope: `user_id`, `name`, `email`).
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    pub user_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Profile(redacted)")
    }
}

impl Profile {
    /// The name to greet with: the first word of the profile's name,
    /// without controls, format characters or other hidden code points (a
    /// U+202E in an Amazon profile's name would reach the greeting's SSML
    /// and turn the text around wherever it is shown).
    pub fn first_name(&self) -> Option<String> {
        let visible: String = self
            .name
            .as_deref()?
            .chars()
            .filter(|&c| !is_hidden(c))
            .collect();
        visible.split_whitespace().next().map(str::to_string)
    }

    /// The profile's email, normalised, when it has a usable one.
    pub fn email(&self) -> Option<Email> {
        self.email.as_deref().and_then(|e| Email::parse(e).ok())
    }
}

/// What a profile lookup learned about a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Linked {
    /// The token is good: this is who it belongs to.
    Profile(Profile),
    /// LWA refused the token (expired, revoked, not ours): treat the
    /// listener as not linked.
    Refused,
}

/// Why a profile could not be had: LWA did not answer usefully.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("LWA did not answer within {0} ms")]
    Timeout(u128),
    #[error("LWA is unreachable: {0}")]
    Unreachable(String),
    /// A status other than 200 or 401/400-invalid_token, a redirect, a body
    /// that is not the profile JSON, or too big.
    #[error("LWA answered unexpectedly: {0}")]
    BadAnswer(String),
}

/// The port to LWA: one profile per access token.
#[async_trait]
pub trait ProfileSource: Send + Sync {
    async fn profile(&self, access_token: &str) -> Result<Linked, ProfileError>;
}

/// A source for skills without account linking configured: every token is
/// a failure to look up (never called when no request carries a token).
pub struct NoProfileSource;

#[async_trait]
impl ProfileSource for NoProfileSource {
    async fn profile(&self, _access_token: &str) -> Result<Linked, ProfileError> {
        Err(ProfileError::Unreachable("no LWA client configured".into()))
    }
}

/// The cache key of one access token: its SHA-256, hex. The token itself
/// is never stored.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TokenKey(String);

impl TokenKey {
    pub fn of(access_token: &str) -> Self {
        TokenKey(hex(&Sha256::digest(access_token.as_bytes())))
    }

    /// The key of an Alexa account (`context.System.user.userId`), hashed
    /// the same way: where player events find the account's last profile.
    pub fn of_account(alexa_user_id: &str) -> Self {
        TokenKey(format!(
            "account|{}",
            hex(&Sha256::digest(alexa_user_id.as_bytes()))
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TokenKey({}…)", &self.0[..self.0.len().min(8)])
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the cache holds for a key.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cached {
    Profile { profile: Profile },
    Refused,
}

impl std::fmt::Debug for Cached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cached::Profile { .. } => f.write_str("Cached::Profile(redacted)"),
            Cached::Refused => f.write_str("Cached::Refused"),
        }
    }
}

impl From<Linked> for Cached {
    fn from(linked: Linked) -> Self {
        match linked {
            Linked::Profile(profile) => Cached::Profile { profile },
            Linked::Refused => Cached::Refused,
        }
    }
}

impl From<Cached> for Linked {
    fn from(cached: Cached) -> Self {
        match cached {
            Cached::Profile { profile } => Linked::Profile(profile),
            Cached::Refused => Linked::Refused,
        }
    }
}

/// The port to the profile cache (the playback table, with a TTL).
#[async_trait]
pub trait ProfileCache: Send + Sync {
    /// The first of `keys` with an entry still valid at `now_s` (seconds
    /// since the epoch), and its index in `keys`, in one round trip. A key
    /// the store could not read is an error, never skipped for a later one.
    async fn cached(
        &self,
        keys: &[TokenKey],
        now_s: i64,
    ) -> Result<Option<(usize, Cached)>, StoreError>;
    /// Keeps `entry` under each of `keys` until its expiry (seconds since the epoch).
    async fn remember(&self, entries: &[(TokenKey, i64)], entry: &Cached)
        -> Result<(), StoreError>;
}

/// An email address as the allow-list keeps it: trimmed (of spaces and of a
/// byte-order mark a text editor may put first), NFC-normalised, the local
/// part lower-cased and the domain in its ASCII (IDNA, punycode) form, so
/// `anna@bücher.de` and `anna@xn--bcher-kva.de` are one address (LWA returns
/// the address the account registered; owners type or paste it in any
/// form). At most 254 bytes as stored (RFC 5321 counts octets; it also keeps
/// 1,000 addresses within one DynamoDB item), one `@`, no spaces, controls,
/// format characters, default-ignorable or noncharacter code points (a
/// zero-width space or a tag character pasted in would make an address that
/// looks right and never matches).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

impl std::fmt::Debug for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Email(redacted)")
    }
}

/// Why an owner's address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidEmail {
    #[error("an email address is needed")]
    Empty,
    #[error("an email address is at most 254 bytes")]
    TooLong,
    #[error("an email address has one @ with text on both sides")]
    NoAt,
    #[error("an email address has no spaces, control or invisible characters")]
    BadCharacter,
    #[error("an email address's domain is not a valid domain name")]
    BadDomain,
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, InvalidEmail> {
        use unicode_normalization::UnicodeNormalization;
        let trimmed: String = raw
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
            .nfc()
            .collect();
        if trimmed.is_empty() {
            return Err(InvalidEmail::Empty);
        }
        if trimmed.chars().any(|c| c.is_whitespace() || is_hidden(c)) {
            return Err(InvalidEmail::BadCharacter);
        }
        let (local, domain) = match trimmed.split_once('@') {
            Some((local, domain))
                if !local.is_empty() && !domain.is_empty() && !domain.contains('@') =>
            {
                (local, domain)
            }
            _ => return Err(InvalidEmail::NoAt),
        };
        // The length is checked on what is stored: lower-casing can grow a
        // character (`İ` is two bytes, `i̇` three) and punycode a domain.
        let local: String = local.to_lowercase().nfc().collect();
        let domain = idna::domain_to_ascii_cow(domain.as_bytes(), idna::AsciiDenyList::URL)
            .map_err(|_| InvalidEmail::BadDomain)?;
        if domain.is_empty() {
            return Err(InvalidEmail::BadDomain);
        }
        let email = format!("{local}@{domain}");
        if email.len() > 254 {
            return Err(InvalidEmail::TooLong);
        }
        Ok(Email(email))
    }

    /// The address, for the owner's own eyes (`listeners list`), never a log.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Characters that show as nothing or are not text: controls, format
/// characters (Unicode category Cf: zero-width spaces and joiners,
/// direction marks, tags), default-ignorable code points (U+034F, the
/// Hangul fillers, variation selectors) and noncharacters (U+FFFF).
pub fn is_hidden(c: char) -> bool {
    use icu_properties::props::{
        DefaultIgnorableCodePoint, GeneralCategory, NoncharacterCodePoint,
    };
    use icu_properties::{CodePointMapData, CodePointSetData};
    c.is_control()
        || matches!(
            CodePointMapData::<GeneralCategory>::new().get(c),
            GeneralCategory::Format | GeneralCategory::Control
        )
        || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
        || CodePointSetData::new::<NoncharacterCodePoint>().contains(c)
}

/// What a change to the allow-list did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListChange {
    Changed,
    Unchanged,
    /// [`MAX_LISTENERS`] reached: nothing added.
    Full,
}

/// The port to the owner's allow-list.
#[async_trait]
pub trait AllowList: Send + Sync {
    async fn allows(&self, email: &Email) -> Result<bool, StoreError>;
    async fn allow(&self, email: &Email) -> Result<ListChange, StoreError>;
    async fn deny(&self, email: &Email) -> Result<ListChange, StoreError>;
    /// Every address, sorted.
    async fn list(&self) -> Result<Vec<Email>, StoreError>;
}

/// Who may play: `LISTENERS=open` (anyone who enabled the skill) or
/// `LISTENERS=allow-list` (linked listeners whose email is on the list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListenerPolicy {
    #[default]
    Open,
    AllowList,
}

impl ListenerPolicy {
    /// A `LISTENERS` value: blank is `open`, anything else unknown is an
    /// error (a typo must not open a private jukebox).
    pub fn parse(value: &str) -> anyhow::Result<Self> {
        match value.trim() {
            "" | "open" => Ok(ListenerPolicy::Open),
            "allow-list" => Ok(ListenerPolicy::AllowList),
            other => anyhow::bail!(
                "LISTENERS must be `open` or `allow-list`, not {:?}",
                other.chars().take(40).collect::<String>()
            ),
        }
    }
}

/// Whether the listener behind one request may play, and if not, why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admission {
    /// May play; the profile when one is known (for the greeting).
    Welcome(Option<Profile>),
    /// Allow-list on, and no linked account (no token, or LWA refused it).
    Unlinked,
    /// Allow-list on, linked, and not on the list (or no email shared).
    Private,
    /// Allow-list on and who it is could not be learned (LWA or the store
    /// down, nothing cached): fail closed.
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        let email = Email::parse("  Anna.Berg@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "anna.berg@example.com");
        assert_eq!(Email::parse(""), Err(InvalidEmail::Empty));
        assert_eq!(Email::parse("anna"), Err(InvalidEmail::NoAt));
        assert_eq!(Email::parse("@example.com"), Err(InvalidEmail::NoAt));
        assert_eq!(Email::parse("a@b@c"), Err(InvalidEmail::NoAt));
        assert_eq!(
            Email::parse("anna berg@example.com"),
            Err(InvalidEmail::BadCharacter)
        );
        assert_eq!(
            Email::parse("anna\u{1b}@example.com"),
            Err(InvalidEmail::BadCharacter)
        );
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(InvalidEmail::TooLong));
        // 254 bytes, not characters: 100 three-byte letters are 300 bytes.
        let wide = format!("{}@example.com", "é".repeat(100).replace('é', "\u{4e2d}"));
        assert_eq!(Email::parse(&wide), Err(InvalidEmail::TooLong));
        // A byte-order mark a file starts with goes; an invisible character
        // inside an address is refused, not stored to never match.
        assert_eq!(
            Email::parse("\u{feff}Anna@example.com"),
            Email::parse("anna@example.com")
        );
        for hidden in [
            "anna\u{200b}@example.com",
            "anna@exam\u{2060}ple.com",
            "an\u{ad}na@example.com",
        ] {
            assert_eq!(
                Email::parse(hidden),
                Err(InvalidEmail::BadCharacter),
                "{hidden:?}"
            );
        }
        // The same address, composed or decomposed, is one address.
        assert_eq!(
            Email::parse("jos\u{e9}@example.com"),
            Email::parse("jose\u{301}@example.com")
        );
    }

    #[test]
    fn nothing_personal_is_in_debug_output() {
        let profile = Profile {
            user_id: "amzn1.account.SECRET".into(),
            name: Some("Anna Berg".into()),
            email: Some("anna@example.com".into()),
        };
        let shown = format!(
            "{profile:?} {:?} {:?} {:?}",
            profile.email(),
            Cached::from(Linked::Profile(profile.clone())),
            TokenKey::of("Atza|secret-token")
        );
        for secret in ["SECRET", "Anna", "anna@", "Atza", "secret-token"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }

    #[test]
    fn token_keys_are_hashes_not_tokens() {
        let key = TokenKey::of("Atza|IwEBIExample");
        assert_eq!(key.as_str().len(), 64);
        assert!(!key.as_str().contains("Atza"));
        assert_eq!(key, TokenKey::of("Atza|IwEBIExample"));
        assert_ne!(key, TokenKey::of("Atza|IwEBIExamplf"));
        assert!(TokenKey::of_account("amzn1.ask.account.X")
            .as_str()
            .starts_with("account|"));
    }

    #[test]
    fn first_names_and_policies() {
        let profile = |name: Option<&str>| Profile {
            user_id: "u".into(),
            name: name.map(str::to_string),
            email: None,
        };
        assert_eq!(
            profile(Some("Anna Berg")).first_name().as_deref(),
            Some("Anna")
        );
        assert_eq!(profile(Some("  Zoë ")).first_name().as_deref(), Some("Zoë"));
        assert_eq!(profile(Some("   ")).first_name(), None);
        assert_eq!(profile(None).first_name(), None);
        assert_eq!(ListenerPolicy::parse("").unwrap(), ListenerPolicy::Open);
        assert_eq!(
            ListenerPolicy::parse(" allow-list ").unwrap(),
            ListenerPolicy::AllowList
        );
        assert!(ListenerPolicy::parse("allowlist").is_err());
    }
    #[test]
    fn a_name_is_spoken_without_hidden_characters() {
        let profile = |name: &str| Profile {
            user_id: "u".into(),
            name: Some(name.into()),
            email: None,
        };
        // A right-to-left override, an isolate, a zero-width space, a
        // control and a tag character go; the letters stay.
        for name in [
            "\u{202e}Anna Berg",
            "An\u{2067}na",
            "\u{200b}Anna",
            "Anna\u{7}",
            "Anna\u{e0041}",
        ] {
            assert_eq!(
                profile(name).first_name().as_deref(),
                Some("Anna"),
                "{name:?}"
            );
        }
        // Nothing visible is no name.
        assert_eq!(profile("\u{202e}\u{200b}").first_name(), None);
        assert_eq!(
            profile("\u{202e} Anna").first_name().as_deref(),
            Some("Anna")
        );
    }

    #[test]
    fn hidden_code_points_are_refused_in_addresses() {
        for hidden in [
            "anna\u{e0041}@example.com", // a tag character
            "anna\u{34f}@example.com",   // combining grapheme joiner
            "anna\u{3164}@example.com",  // Hangul filler
            "anna\u{115f}@example.com",  // Hangul choseong filler
            "anna\u{ffa0}@example.com",  // halfwidth Hangul filler
            "anna\u{fe0f}@example.com",  // a variation selector
            "anna\u{e0100}@example.com", // a supplementary variation selector
            "anna\u{ffff}@example.com",  // a noncharacter
            "anna\u{fffe}@example.com",  // a noncharacter
            "anna\u{fdd0}@example.com",  // a noncharacter
            "anna\u{1fffe}@example.com", // a noncharacter
            "anna@exa\u{e0001}mple.com", // the language tag
        ] {
            assert_eq!(
                Email::parse(hidden),
                Err(InvalidEmail::BadCharacter),
                "{hidden:?}"
            );
        }
    }

    #[test]
    fn the_length_is_that_of_the_stored_address() {
        // `İ` is two bytes, lower-cased `i̇` three: 120 of them fit before
        // lower-casing (240 + 12 bytes) and not after (360 + 12).
        let dotted = format!("{}@example.com", "\u{130}".repeat(120));
        assert!(dotted.len() <= 254);
        assert_eq!(Email::parse(&dotted), Err(InvalidEmail::TooLong));
        let fits = format!("{}@example.com", "\u{130}".repeat(80));
        let email = Email::parse(&fits).unwrap();
        assert!(email.as_str().len() <= 254);
        assert!(email.as_str().starts_with("i\u{307}"));
        // Punycode grows a domain: the stored form is what is counted.
        let wide = format!("anna@{}de", "ü.".repeat(40));
        assert!(wide.len() <= 254, "{}", wide.len());
        assert_eq!(Email::parse(&wide), Err(InvalidEmail::TooLong));
    }

    #[test]
    fn an_international_domain_is_one_address_in_either_spelling() {
        let unicode = Email::parse("Anna@Bücher.de").unwrap();
        let ascii = Email::parse("anna@xn--bcher-kva.de").unwrap();
        assert_eq!(unicode, ascii);
        assert_eq!(unicode.as_str(), "anna@xn--bcher-kva.de");
        // The local part stays as written, lower-cased.
        assert_eq!(
            Email::parse("Zoë@Example.com").unwrap().as_str(),
            "zoë@example.com"
        );
        assert_eq!(
            Email::parse("anna@exa<mple.com"),
            Err(InvalidEmail::BadDomain)
        );
        // Parsing what is stored gives it back.
        for raw in ["Anna@Bücher.de", "\u{130}x@example.com", "zoë@münchen.de"] {
            let once = Email::parse(raw).unwrap();
            assert_eq!(Email::parse(once.as_str()).unwrap(), once, "{raw:?}");
        }
    }
}
