//! The integration tests, one binary (as zero-to-production keeps them):
//! one link instead of one per file, and one DynamoDB Local per run, shared
//! by every module through `support::dynamodb::local()`.
//!
//! - `events`, `invoke_cli`, `decoder`: envelopes through `jukebox invoke`
//!   and the decoder, exact response shapes, hostile input.
//! - `scenarios`: the AudioPlayer lifecycle suite, on the embedded stores and
//!   on DynamoDB Local.
//! - `dynamodb`: tables, import, bounded searches, conditional writes, faults;
//!   `dynamodb_tls`: the client's trust roots against a TLS proxy.
//! - `matching_rules`, `matching_dev_set`, `matching_languages`: what a
//!   spoken query finds, in English and in the other languages.
//! - `chat`, `voice_model`, `sam_template`: the local chat, the voice model,
//!   the deployment template.
//! - `lambda_runtime`, `lambda_startup`: the real Lambda binary under the
//!   Runtime API.
//! - `listeners`, `lwa`: account linking with Login with Amazon (a local
//!   HTTPS stand-in) and the owner's allow-list, on both stores.
//! - `probe`: `catalog check --probe` against a local HTTPS server with a test CA.

mod support;

mod catalog_rules;
mod chat;
mod decoder;
mod dynamodb;
mod dynamodb_tls;
mod events;
mod fidelity;
mod insights;
mod invoke_cli;
mod lambda_runtime;
mod lambda_startup;
mod listeners;
mod lwa;
mod matching_dev_set;
mod matching_languages;
mod matching_rules;
mod metrics;
mod playlists;
mod probe;
mod round_trips;
mod s3_streams;
mod sam_template;
mod scan;
mod scenarios;
mod voice_model;
