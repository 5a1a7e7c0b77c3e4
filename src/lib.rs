//! jukebox: an Alexa custom music skill backend for AWS Lambda.
//!
//! # Layout
//! - [`alexa`]: the wire format: request and response envelopes (one table
//!   of request types, responses only through constructors), SSML.
//! - [`skill`]: the domain core. [`skill::Skill::handle_json`] is the one
//!   entry point the Lambda, `jukebox invoke` and the tests share; routing is
//!   one exhaustive `match`; handlers live in rooms named after what they
//!   answer (`voice`, `events`, `buttons`) over the ports.
//! - [`catalog`]: tracks, catalog files, the [`catalog::Catalog`] port.
//! - [`matching`]: from what speech recognition heard to the track meant,
//!   through bounded search-key lookups.
//! - [`playback`]: each listener's playback state: the queue
//!   ([`playback::queue`]: the state type and every operation on it, its
//!   unread rest, shuffle, read-ahead, `MAX_QUEUE`), the
//!   [`playback::PlaybackStore`] port with optimistic concurrency, stream
//!   tokens.
//! - [`favourites`]: each person's liked tracks, kept per recognised voice
//!   (else per account), and the [`favourites::FavouritesStore`] port.
//! - [`insights`]: what listeners asked for and did not get, and plays:
//!   the counters behind `jukebox report`.
//! - [`listeners`]: who is listening (Login with Amazon profiles) and
//!   whether they may (the owner's allow-list): plain data and ports.
//! - [`locale`]: the listener's language, from the request's locale.
//! - [`lwa`]: the Login with Amazon profile client (an adapter, `reqwest`).
//! - [`https`]: what the outbound HTTPS clients share (extra CAs).
//! - [`metrics`]: per-request figures, written as CloudWatch EMF records
//!   (the `MetricsSink` port and its EMF adapter).
//! - [`error`]: [`error::StoreError`], the error every store port shares.
//! - [`ports`]: every port in one list (each defined beside its domain
//!   types, re-exported there), and [`ports::Ports`], the nine the skill
//!   uses, together, which the skill takes whole (`catalog scan` alone
//!   reads files through a tenth, `Files`).
//! - [`store`]: the adapters that keep data, and the only place AWS types
//!   appear: [`store::memory`] (embedded), [`store::dynamodb`] (tables,
//!   import, scans), [`store::s3`] (signed stream URLs, a bucket's files).
//! - [`settings`]: every environment variable the Lambda and the CLI read,
//!   parsed in one place ([`settings::Settings`]); nothing else reads the
//!   environment.
//! - [`wiring`]: the skill built from the settings, an adapter for each
//!   port, the same way for the Lambda and the CLI.
//! - [`invoke`]: running envelopes through the skill from files or stdin.
//! - [`chat`]: `jukebox chat`, typed utterances understood with the voice
//!   model and played on a virtual Echo.
//! - [`voice_model`]: the voice model from `interaction-model/`, expanded for
//!   `skill-package/` and checked against what the skill routes.
//! - [`voice_catalog`]: the owner's catalog as slot values of that model
//!   (entity ids, spoken synonyms, Amazon's size bounds).
//! - [`probe`]: `jukebox catalog check --probe`, what an Echo would make of
//!   every stream.
//! - [`progress`]: progress bars, drawn only on a terminal.
//!
//! Binaries: `jukebox` (the developer's CLI: parsing in `src/main.rs`, one
//! module per command family in `src/commands/`) and `jukebox-lambda` (the
//! Lambda bootstrap, `src/bin/jukebox-lambda.rs`). Only `src/bin/` knows
//! `lambda_runtime`.

pub mod alexa;
pub mod catalog;
pub mod chat;
pub mod error;
pub mod favourites;
pub mod https;
pub mod insights;
pub mod invoke;
pub mod listeners;
pub mod locale;
pub mod lwa;
pub mod matching;
pub mod metrics;
pub mod playback;
pub mod ports;
pub mod probe;
pub mod progress;
pub mod settings;
pub mod skill;
pub mod store;
pub mod voice_catalog;
pub mod voice_model;
pub mod wiring;

/// The name listeners say to open the skill; the voice model's single value.
pub const INVOCATION_NAME: &str = "my jukebox";
