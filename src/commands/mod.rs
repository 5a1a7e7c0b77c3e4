//! The `jukebox` binary's commands, one module per family (as mini-redis
//! keeps one per command). Each takes its parsed arguments and returns the
//! process's exit code; errors carry their context for the one line
//! `main` prints.

pub mod catalog;
pub mod chat;
pub mod invoke;
pub mod listeners;
pub mod model;
pub mod report;
pub mod tables;
