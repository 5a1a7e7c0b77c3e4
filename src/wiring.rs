//! How a process puts the skill together: which skill ids it accepts and
//! which stores it uses, parsed once from the environment and the command
//! line. The Lambda bootstrap and every CLI command that runs the skill call
//! [`build_skill`], so the two cannot drift apart.

use std::path::PathBuf;

use anyhow::Context;

use std::sync::Arc;

use crate::listeners::{Linked, ListenerPolicy, ProfileError, ProfileSource};
use crate::lwa::{LwaClient, LwaConfig};
use crate::skill::{Access, Skill, SkillConfig, SkillIdPolicy};
use crate::store::memory::{MemoryAllowList, MemoryCatalog};
use crate::store::{StoreConfig, Stores};

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

/// The skill with its configuration and stores, built once per process.
pub async fn build_skill(host: &Host) -> anyhow::Result<Skill> {
    let skill_id = skill_id_policy(host)?;
    let stores = stores(host).await?;
    let access = access(host, &stores).inspect_err(|err| {
        tracing::error!(error = %format!("{err:#}"), "invalid listener settings: refusing to start");
    })?;
    // Signs the catalog's s3:// URLs; its client is built on first use.
    let media = crate::store::s3::S3Signer::from_env().inspect_err(|err| {
        tracing::error!(error = %format!("{err:#}"), "invalid stream URL settings: refusing to start");
    })?;
    // On Lambda, each request's figures go to the log as CloudWatch EMF.
    let metrics: Arc<dyn crate::metrics::MetricsSink> = match host {
        Host::Lambda => Arc::new(crate::metrics::EmfLog::stdout(
            std::env::var("AWS_LAMBDA_FUNCTION_NAME").unwrap_or_else(|_| "jukebox".to_string()),
        )),
        Host::Local { .. } => Arc::new(crate::metrics::NoMetrics),
    };
    Ok(
        Skill::new(SkillConfig::new(skill_id), stores.catalog, stores.playback)
            .with_favourites(stores.favourites)
            .with_insights(stores.insights)
            .with_metrics(metrics)
            .with_media_signer(std::sync::Arc::new(media))
            .with_access(access),
    )
}

/// Who may listen (`LISTENERS`) and how a listener is looked up: the LWA
/// settings are checked now, the client is built on first use, so a skill
/// whose listeners never link pays nothing for it at start.
fn access(host: &Host, stores: &Stores) -> anyhow::Result<Access> {
    let policy = ListenerPolicy::from_env()?;
    let mut lwa = LwaConfig::from_env()?;
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
    Ok(Access {
        policy,
        profiles: Arc::new(LazyLwa {
            config: lwa,
            client: tokio::sync::OnceCell::new(),
        }),
        cache: Arc::clone(&stores.profile_cache),
        allow_list: Arc::clone(&stores.allow_list),
    })
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

fn skill_id_policy(host: &Host) -> anyhow::Result<SkillIdPolicy> {
    if let Some(policy) = SkillIdPolicy::from_env() {
        return Ok(policy);
    }
    match host {
        Host::Lambda if std::env::var("JUKEBOX_ACCEPT_ANY_SKILL").as_deref() == Ok("1") => {
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

async fn stores(host: &Host) -> anyhow::Result<Stores> {
    match host {
        Host::Lambda => match StoreConfig::from_env() {
            Ok(StoreConfig::DynamoDb {
                catalog_table,
                playback_table,
            }) => {
                tracing::info!(%catalog_table, %playback_table, "using DynamoDB");
                Stores::dynamodb(&catalog_table, &playback_table)
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
                Err(err)
            }
        },
        Host::Local { dynamodb: true, .. } => {
            let (catalog_table, playback_table) = StoreConfig::require_dynamodb()?;
            Stores::dynamodb(&catalog_table, &playback_table).await
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
