//! jukebox: an Alexa custom music skill backend for AWS Lambda.
//!
//! # Layout
//! - [`alexa`]: the wire format: request and response envelopes, SSML.
//! - [`skill`]: the domain core. [`skill::Skill::handle_json`] is the one
//!   entry point the Lambda, `jukebox invoke` and the tests share; routing is
//!   one exhaustive `match`; handlers are plain functions over the ports.
//! - [`catalog`]: tracks, catalog files, the [`catalog::Catalog`] port and the
//!   embedded in-memory catalog.
//! - [`matching`]: from what speech recognition heard to the track meant,
//!   through bounded search-key lookups.
//! - [`playback`]: each listener's queue and position, the
//!   [`playback::PlaybackStore`] port with optimistic concurrency, stream tokens.
//! - [`store`]: the DynamoDB adapters of both ports, the table definitions,
//!   the catalog import; which stores a process uses ([`store::StoreConfig`]).
//! - [`invoke`]: running envelopes through the skill from files or stdin.
//! - [`chat`]: `jukebox chat`, typed utterances understood with the voice
//!   model and played on a virtual Echo.
//! - [`voice_model`]: the voice model from `interaction-model/`, expanded for
//!   `skill-package/` and checked against what the skill routes.
//! - [`probe`]: `jukebox catalog check --probe`, what an Echo would make of
//!   every stream.
//!
//! Binaries: `jukebox` (the developer's CLI, `src/main.rs`) and
//! `jukebox-lambda` (the Lambda bootstrap, `src/bin/jukebox-lambda.rs`).

pub mod alexa;
pub mod catalog;
pub mod chat;
pub mod invoke;
pub mod matching;
pub mod playback;
pub mod probe;
pub mod progress;
pub mod skill;
pub mod store;
pub mod voice_model;

/// The name listeners say to open the skill; the voice model's single value.
pub const INVOCATION_NAME: &str = "my jukebox";
