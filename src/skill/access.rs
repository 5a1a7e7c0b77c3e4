//! Who may listen: before a request is routed, the skill learns
//! who the listener is when it needs to, and, with the owner's allow-list
//! on, whether they may play.
//!
//! - `LISTENERS=open`: only a LaunchRequest looks the listener up (to greet
//!   them by name), and waits at most [`GREETING_BUDGET`] for it; nothing
//!   else ever waits for LWA, so the music starts as without linking.
//! - `LISTENERS=allow-list`: spoken requests resolve the token (the cache,
//!   else LWA, bounded by the LWA client's timeout) and check the address;
//!   AudioPlayer and PlaybackController events only read the cache (they
//!   never call LWA). Whatever cannot be decided is refused (fail closed).
//!
//! Amazon's guidance for skills that require linking: "If the access token
//! is missing or invalid, return a LinkAccount card and a user-friendly
//! spoken output" (Validate and Use Access Tokens in Custom Skill Code,
//! developer.amazon.com/docs/account-linking/add-account-linking-logic-custom-skill.html).

use std::sync::Arc;
use std::time::Duration;

use tracing::{info, warn};

use crate::alexa::{RequestEnvelope, RequestKind};
use crate::listeners::{
    Admission, Cached, Linked, ListenerPolicy, Profile, TokenKey, ACCOUNT_TTL_SECONDS,
    PROFILE_TTL_SECONDS, REFUSED_TTL_SECONDS,
};
use crate::ports::{AllowList, ProfileCache, ProfileSource};

/// How long a LaunchRequest waits for the listener's name with the
/// allow-list off: a greeting by name is a nicety, not worth a slow start.
pub const GREETING_BUDGET: Duration = Duration::from_millis(300);

/// The most the allow-list check may take (cache, LWA, list), so that a
/// slow DynamoDB or LWA still leaves the handler time to answer within
/// Alexa's 8 s: past it, the listener is refused with an apology.
pub const ALLOW_LIST_BUDGET: Duration = Duration::from_millis(2_500);

/// What the skill needs to know who is listening: the policy from its
/// configuration, the rest from its ports.
#[derive(Clone)]
pub struct Access {
    pub policy: ListenerPolicy,
    pub profiles: Arc<dyn ProfileSource>,
    pub cache: Arc<dyn ProfileCache>,
    pub allow_list: Arc<dyn AllowList>,
}

/// How a request may learn who is listening.
enum Lookup {
    /// Nothing to learn: the request starts nothing and says nothing.
    None,
    /// A spoken request: the cache, else LWA.
    Conversation,
    /// A device's event: the cache only (the token's entry, else the
    /// account's last profile).
    DeviceEvent,
}

fn lookup_for(kind: &RequestKind) -> Lookup {
    if kind.is_player_event() {
        return Lookup::DeviceEvent;
    }
    match kind {
        RequestKind::Launch | RequestKind::Intent(_) => Lookup::Conversation,
        _ => Lookup::None,
    }
}

/// The token Alexa sends for a linked account (`context.System.user`,
/// else `session.user`); an empty string is no token.
fn access_token(envelope: &RequestEnvelope) -> Option<&str> {
    envelope
        .context
        .system
        .user
        .access_token
        .as_deref()
        .or_else(|| {
            envelope
                .session
                .as_ref()
                .and_then(|s| s.user.as_ref())
                .and_then(|u| u.access_token.as_deref())
        })
        .filter(|token| !token.trim().is_empty())
}

impl Access {
    /// Whether this listener may play, and who they are as far as this
    /// request needs to know.
    pub async fn admission(&self, envelope: &RequestEnvelope, now_s: i64) -> Admission {
        let lookup = lookup_for(&envelope.request.kind);
        match (self.policy, lookup) {
            (_, Lookup::None) => Admission::Welcome(None),
            (ListenerPolicy::Open, Lookup::Conversation)
                if matches!(envelope.request.kind, RequestKind::Launch) =>
            {
                let Some(token) = access_token(envelope) else {
                    return Admission::Welcome(None);
                };
                // A task of its own: a lookup slower than the greeting's
                // budget still finishes and fills the cache, so the next
                // launch greets by name instead of asking LWA again.
                let access = self.clone();
                let (token, user) = (token.to_string(), envelope.user_id().to_string());
                let lookup =
                    tokio::spawn(async move { access.resolve(&token, &user, now_s).await });
                let profile = tokio::time::timeout(GREETING_BUDGET, lookup).await;
                match profile {
                    Ok(Ok(Some(Linked::Profile(profile)))) => Admission::Welcome(Some(profile)),
                    Ok(_) => Admission::Welcome(None),
                    Err(_) => {
                        info!(
                            budget_ms = GREETING_BUDGET.as_millis() as u64,
                            "listener's name not known in time: greeting without it"
                        );
                        Admission::Welcome(None)
                    }
                }
            }
            (ListenerPolicy::Open, _) => Admission::Welcome(None),
            (ListenerPolicy::AllowList, lookup) => {
                let Some(token) = access_token(envelope) else {
                    return Admission::Unlinked;
                };
                let check = self.check(lookup, token, envelope.user_id(), now_s);
                match tokio::time::timeout(ALLOW_LIST_BUDGET, check).await {
                    Ok(admission) => admission,
                    Err(_) => {
                        warn!(
                            budget_ms = ALLOW_LIST_BUDGET.as_millis() as u64,
                            "cannot check the listener in time: refusing"
                        );
                        Admission::Unknown
                    }
                }
            }
        }
    }

    /// With the allow-list on: whose token this is, and whether they are
    /// on the list. Device events only read the cache (the token's entry,
    /// else the Alexa account's last profile).
    async fn check(
        &self,
        lookup: Lookup,
        token: &str,
        alexa_user_id: &str,
        now_s: i64,
    ) -> Admission {
        let linked = match lookup {
            Lookup::DeviceEvent => {
                let keys = [TokenKey::of(token), TokenKey::of_account(alexa_user_id)];
                let hit = self.cached(&keys, now_s).await;
                if matches!(hit, Some((1, _))) {
                    // A token the cache has not seen, on an account it has:
                    // most often Alexa refreshed the token mid-album, but the
                    // account may have been re-linked to someone else, or the
                    // token revoked. This event goes on the account's last
                    // profile; the token itself is resolved in the
                    // background, so the next event is judged on its own.
                    let access = self.clone();
                    let (token, user) = (token.to_string(), alexa_user_id.to_string());
                    tokio::spawn(async move {
                        access.resolve(&token, &user, now_s).await;
                    });
                }
                hit.map(|(_, cached)| Linked::from(cached))
            }
            Lookup::Conversation | Lookup::None => self.resolve(token, alexa_user_id, now_s).await,
        };
        match linked {
            Some(Linked::Profile(profile)) => self.admit(profile).await,
            Some(Linked::Refused) => Admission::Unlinked,
            None => Admission::Unknown,
        }
    }

    /// The profile behind `token`: the cache, else LWA (remembered for
    /// next time). `None` when neither could answer.
    async fn resolve(&self, token: &str, alexa_user_id: &str, now_s: i64) -> Option<Linked> {
        let key = TokenKey::of(token);
        if let Some((_, cached)) = self.cached(std::slice::from_ref(&key), now_s).await {
            return Some(cached.into());
        }
        let linked = match self.profiles.profile(token).await {
            Ok(linked) => linked,
            Err(err) => {
                crate::metrics::note_lwa_error();
                warn!(error = %err, "cannot look the listener up with Login with Amazon");
                return None;
            }
        };
        let mut keys = Vec::with_capacity(2);
        match &linked {
            Linked::Profile(_) => {
                keys.push((key, now_s + PROFILE_TTL_SECONDS));
                keys.push((
                    TokenKey::of_account(alexa_user_id),
                    now_s + ACCOUNT_TTL_SECONDS,
                ));
            }
            Linked::Refused => {
                info!("Login with Amazon refused the listener's token: treated as not linked");
                keys.push((key, now_s + REFUSED_TTL_SECONDS));
                // The account's last profile goes too: device events must not
                // fall back on it once its token is refused (revoked, or the
                // account unlinked).
                keys.push((
                    TokenKey::of_account(alexa_user_id),
                    now_s + REFUSED_TTL_SECONDS,
                ));
            }
        }
        if let Err(err) = self.cache.remember(&keys, &linked.clone().into()).await {
            // The answer stands; the next request asks LWA again.
            warn!(error = %crate::error::chain(&err), "cannot cache the listener's profile");
        }
        Some(linked)
    }

    async fn cached(&self, keys: &[TokenKey], now_s: i64) -> Option<(usize, Cached)> {
        match self.cache.cached(keys, now_s).await {
            Ok(cached) => cached,
            Err(err) => {
                warn!(error = %crate::error::chain(&err), "cannot read the profile cache");
                None
            }
        }
    }

    /// On the list, or not; a profile without an address is never on it.
    async fn admit(&self, profile: Profile) -> Admission {
        let Some(email) = profile.email() else {
            info!("linked listener shares no email address: not on the allow-list");
            return Admission::Private;
        };
        match self.allow_list.allows(&email).await {
            Ok(true) => Admission::Welcome(Some(profile)),
            Ok(false) => {
                info!("linked listener is not on the allow-list");
                Admission::Private
            }
            Err(err) => {
                warn!(error = %crate::error::chain(&err), "cannot read the allow-list");
                Admission::Unknown
            }
        }
    }
}
