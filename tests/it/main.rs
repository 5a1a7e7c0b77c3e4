//! The integration tests, one binary (as zero-to-production keeps them):
//! one link instead of one per file, and one DynamoDB Local per run, shared
//! by every module through `support::dynamodb::local()`.
//!
//! - `events`, `invoke_cli`, `decoder`: envelopes through `jukebox invoke`
//!   and the decoder, exact response shapes, hostile input.
//! - `scenarios`: the AudioPlayer lifecycle suite, on the embedded stores and
//!   on DynamoDB Local.
//! - `fidelity`: answers real listeners need on every kind of device, and
//!   envelopes real devices sent, under Alexa's AudioPlayer rules.
//! - `round_trips`: how many store requests, in how many sequential round
//!   trips, each request type makes; `first_ask`: the queue written beside
//!   the search keeps its promises.
//! - `dynamodb`: tables, import, bounded searches, conditional writes, faults;
//!   `dynamodb_tls`: the client's trust roots against a TLS proxy.
//! - `catalog_rules`: `catalog check` accepts exactly the rows DynamoDB
//!   accepts, property-tested with hostile rows.
//! - `scan`: `catalog scan` on a folder of real tagged files.
//! - `playlists`: the owner's playlists by voice and from M3U files.
//! - `s3_streams`: music in a private S3 bucket, played through presigned
//!   URLs.
//! - `matching_rules`, `matching_dev_set`, `matching_languages`: what a
//!   spoken query finds, in English and in the other languages.
//! - `insights`, `metrics`: misses and plays behind `jukebox report`; the
//!   CloudWatch EMF lines and every DynamoDB operation timed.
//! - `chat`, `voice_model`, `sam_template`: the local chat, the voice model,
//!   the deployment template; `voice_catalog`: the owner's catalog as slot
//!   values of that model, and `catalog import` saying when it is stale.
//! - `locales`: every Alexa locale answered, and chatted with, in its
//!   own language.
//! - `lambda_runtime`, `lambda_startup`: the real Lambda binary under the
//!   Runtime API.
//! - `listeners`, `lwa`: account linking with Login with Amazon (a local
//!   HTTPS stand-in) and the owner's allow-list, on both stores.
//! - `probe`: `catalog check --probe` against a local HTTPS server with a test CA.
//!
//! `support/`: what the modules (and `benches/`) share: the DynamoDB Local
//! instance and clients, a listener that sends envelopes, stand-in LWA, S3
//! and probe servers, M4A files built box by box, the Lambda binary under a
//! local Runtime API.

mod support;

mod catalog_rules;
mod chat;
mod decoder;
mod dynamodb;
mod dynamodb_tls;
mod events;
mod fidelity;
mod first_ask;
mod insights;
mod invoke_cli;
mod lambda_runtime;
mod lambda_startup;
mod listeners;
mod locales;
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
mod screen;
mod voice_catalog;
mod voice_model;
