//! How a process puts the skill together: which skill ids it accepts and
//! which adapter serves each port, from the [`Settings`] read once at
//! start and the command line. The Lambda bootstrap and every CLI command
//! that runs the skill call [`build_skill`], so the two cannot drift apart.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;

use crate::catalog::cache::CachedCatalog;
use crate::listeners::{Linked, ListenerPolicy, ProfileError};
use crate::lwa::{LwaClient, LwaConfig};
use crate::ports::{Catalog, MetricsSink, Ports, ProfileSource};
use crate::settings::{Settings, StoreConfig};
use crate::skill::{Skill, SkillConfig, SkillIdPolicy};
use crate::store::memory::{MemoryAllowList, MemoryCatalog};
use crate::store::Stores;

/// Where the skill runs, which decides the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// The Lambda function: `SKILL_ID` is required (unless
    /// `JUKEBOX_ACCEPT_ANY_SKILL=1`), the tables come from `CATALOG_TABLE`
    /// and `PLAYBACK_TABLE`, or the embedded sample catalog when both are unset.
    Lambda,
    /// `jukebox invoke` / `jukebox chat`: any skill id when `SKILL_ID` is
    /// unset (said on stderr); DynamoDB only when asked for, else the catalog
    /// file (or the sample catalog) in memory.
    Local {
        catalog: Option<PathBuf>,
        /// M3U playlists (a file or a folder) for the catalog in memory.
        playlists: Option<PathBuf>,
        dynamodb: bool,
        /// The allow-list for the embedded store: one address a line.
        listeners: Option<PathBuf>,
        /// Login with Amazon's API base URL, instead of `LWA_API_URL`.
        lwa_url: Option<String>,
    },
}

/// The skill with its configuration and every port, built once per process.
pub async fn build_skill(host: &Host, settings: &Settings) -> anyhow::Result<Skill> {
    let skill_id = skill_id_policy(host, settings)?;
    let (listeners, profiles) = access(host, settings).inspect_err(|err| {
        tracing::error!(error = %format!("{err:#}"), "invalid listener settings: refusing to start");
    })?;
    let stores = stores(host, settings).await?;
    // Signs the catalog's s3:// URLs; its client is built on first use.
    let stream_urls = settings.stream_urls.clone().inspect_err(|err| {
        tracing::error!(error = %format!("{err:#}"), "invalid stream URL settings: refusing to start");
    })?;
    let media = crate::store::s3::S3Signer::new(stream_urls, settings.s3_path_style);
    // On Lambda, each request's figures go to the log as CloudWatch EMF.
    let metrics: Arc<dyn MetricsSink> = match host {
        Host::Lambda => Arc::new(crate::metrics::EmfLog::stdout(
            settings.function_name.clone(),
        )),
        Host::Local { .. } => Arc::new(crate::metrics::NoMetrics),
    };
    let ports = Ports {
        catalog: stores.catalog,
        playback: stores.playback,
        favourites: stores.favourites,
        insights: stores.insights,
        media: Arc::new(media),
        metrics,
        profiles,
        profile_cache: stores.profile_cache,
        allow_list: stores.allow_list,
    };
    let autoplay = settings.autoplay.clone().inspect_err(|err| {
        tracing::error!(error = %format!("{err:#}"), "invalid autoplay setting: refusing to start");
    })?;
    Ok(Skill::new(
        SkillConfig::new(skill_id, listeners).with_autoplay(autoplay),
        ports,
    ))
}

/// Who may listen (`LISTENERS`) and how a listener is looked up: the LWA
/// settings are checked now, the client is built on first use, so a skill
/// whose listeners never link pays nothing for it at start.
fn access(
    host: &Host,
    settings: &Settings,
) -> anyhow::Result<(ListenerPolicy, Arc<dyn ProfileSource>)> {
    let policy = settings.listeners.clone()?;
    if let Host::Local {
        listeners: Some(path),
        ..
    } = host
    {
        // Without the allow-list anyone may play: a file of addresses
        // given then would be ignored while the run looks private.
        anyhow::ensure!(
            policy == ListenerPolicy::AllowList,
            "--listeners {} is an allow-list: set LISTENERS=allow-list for it to decide who may play",
            path.display()
        );
    }
    let mut lwa = settings.lwa.clone()?;
    if let Host::Local {
        lwa_url: Some(url), ..
    } = host
    {
        lwa.api_url = LwaConfig::parse(Some(url), None, None)
            .context("--lwa-url")?
            .api_url;
    }
    if policy == ListenerPolicy::AllowList {
        tracing::info!("LISTENERS=allow-list: only linked listeners on the allow-list may play");
    }
    let profiles = Arc::new(LazyLwa {
        config: lwa,
        client: tokio::sync::OnceCell::new(),
    });
    Ok((policy, profiles))
}

/// The LWA client, built when the first linked listener needs it.
struct LazyLwa {
    config: LwaConfig,
    client: tokio::sync::OnceCell<Result<LwaClient, String>>,
}

#[async_trait::async_trait]
impl ProfileSource for LazyLwa {
    async fn profile(&self, access_token: &str) -> Result<Linked, ProfileError> {
        let client = self
            .client
            .get_or_init(|| async {
                LwaClient::new(&self.config).map_err(|err| format!("{err:#}"))
            })
            .await;
        match client {
            Ok(client) => client.profile(access_token).await,
            Err(err) => Err(ProfileError::Unreachable(err.clone())),
        }
    }
}

fn skill_id_policy(host: &Host, settings: &Settings) -> anyhow::Result<SkillIdPolicy> {
    if let Some(id) = &settings.skill_id {
        return Ok(SkillIdPolicy::Only(id.clone()));
    }
    match host {
        Host::Lambda if settings.accept_any_skill => {
            tracing::warn!("SKILL_ID is unset and JUKEBOX_ACCEPT_ANY_SKILL=1: accepting requests for any skill (local use only)");
            Ok(SkillIdPolicy::AcceptAny)
        }
        Host::Lambda => {
            tracing::error!("SKILL_ID is not set: refusing to start (set JUKEBOX_ACCEPT_ANY_SKILL=1 for local use only)");
            anyhow::bail!("SKILL_ID is not set")
        }
        Host::Local { .. } => {
            eprintln!(
                "jukebox: SKILL_ID is not set; accepting requests for any skill id (local use)."
            );
            Ok(SkillIdPolicy::AcceptAny)
        }
    }
}

/// The stores `host` uses. The table names matter only where DynamoDB is
/// used, and the catalog cache only on DynamoDB: a setting nobody uses
/// stops nothing.
async fn stores(host: &Host, settings: &Settings) -> anyhow::Result<Stores> {
    match host {
        Host::Lambda => match settings.stores.clone() {
            Ok(StoreConfig::DynamoDb {
                catalog_table,
                playback_table,
            }) => {
                tracing::info!(%catalog_table, %playback_table, "using DynamoDB");
                dynamodb(&catalog_table, &playback_table, settings)
                    .await
                    .inspect_err(|err| {
                        tracing::error!(error = %format!("{err:#}"), "cannot set up DynamoDB: refusing to start");
                    })
            }
            Ok(StoreConfig::Embedded) => {
                tracing::warn!("CATALOG_TABLE and PLAYBACK_TABLE are unset: serving the embedded sample catalog with in-memory state");
                Ok(Stores::embedded(MemoryCatalog::sample()))
            }
            Err(err) => {
                tracing::error!(error = %err, "invalid store configuration: refusing to start");
                Err(err.into())
            }
        },
        Host::Local { dynamodb: true, .. } => {
            let (catalog_table, playback_table) = settings.stores.clone()?.require_dynamodb()?;
            dynamodb(&catalog_table, &playback_table, settings).await
        }
        Host::Local {
            catalog,
            playlists,
            listeners,
            ..
        } => {
            let catalog = match (catalog, playlists) {
                (Some(path), playlists) => MemoryCatalog::from_files(path, playlists.as_deref())
                    .context("cannot load the catalog")?,
                (None, Some(playlists)) => MemoryCatalog::sample_with_playlists(playlists)
                    .context("cannot load the playlists")?,
                (None, None) => MemoryCatalog::sample(),
            };
            let stores = Stores::embedded(catalog);
            Ok(match listeners {
                Some(path) => stores.with_allow_list(MemoryAllowList::from_file(path)?),
                None => stores,
            })
        }
    }
}

/// The DynamoDB stores. A warm process keeps recent catalog answers a few
/// seconds (`CATALOG_CACHE_SECONDS`, 0 for none): the function never writes
/// the catalog, so an import shows within that time.
async fn dynamodb(
    catalog_table: &str,
    playback_table: &str,
    settings: &Settings,
) -> anyhow::Result<Stores> {
    let mut stores = Stores::dynamodb(catalog_table, playback_table, &settings.trust_roots).await?;
    let ttl = settings.catalog_cache.clone()?;
    if !ttl.is_zero() {
        let catalog: Arc<dyn Catalog> = Arc::new(CachedCatalog::new(stores.catalog, ttl));
        stores.catalog = catalog;
    }
    Ok(stores)
}
