//! `jukebox tables create`: the catalog and playback tables, idempotently;
//! `jukebox tables copy`: one table's items into another.

use std::process::ExitCode;

use jukebox::settings::Settings;
use jukebox::store::dynamodb::{client, tables, ClientUse};

pub async fn create(settings: &Settings) -> anyhow::Result<ExitCode> {
    let (catalog_table, playback_table) = settings.stores.clone()?.require_dynamodb()?;
    let client = client(ClientUse::Admin, &settings.trust_roots).await?;
    for (name, spec) in [
        (&catalog_table, tables::catalog_spec()),
        (&playback_table, tables::playback_spec()),
    ] {
        match tables::ensure_table(&client, name, &spec).await? {
            tables::Outcome::Created => println!("created table {name}"),
            tables::Outcome::AlreadyExisted => {
                println!("table {name} already exists with the right schema")
            }
            tables::Outcome::IndexesAdded => {
                println!(
                    "table {name} already existed: added the index it lacked (DynamoDB builds it in the background)"
                )
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn copy(from: &str, to: &str, settings: &Settings) -> anyhow::Result<ExitCode> {
    let client = client(ClientUse::Admin, &settings.trust_roots).await?;
    let copied = jukebox::store::dynamodb::copy::copy_items(&client, from, to).await?;
    println!("copied {} items from {from} to {to}", copied.items);
    Ok(ExitCode::SUCCESS)
}
