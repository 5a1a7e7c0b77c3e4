//! `jukebox invoke`: envelopes through exactly the code the Lambda runs, one
//! response JSON per line. Refused envelopes give a JSON error object on
//! their line, so outputs stay aligned with inputs.

use std::path::PathBuf;

use anyhow::Context;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncWrite, AsyncWriteExt, BufReader};

use crate::skill::Skill;

/// Where envelopes come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// One JSON envelope per file.
    Files(Vec<PathBuf>),
    /// JSON Lines on stdin, answered line by line as they arrive.
    Stdin,
}

/// Counts of one run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub answered: usize,
    pub refused: usize,
}

/// Answers one raw input: the response, or a JSON error object.
pub async fn answer(skill: &Skill, input: &str) -> (Value, bool) {
    match serde_json::from_str::<Value>(input) {
        Ok(event) => match skill.handle_json(event).await {
            Ok(response) => (response, true),
            Err(refusal) => (json!({"error": refusal.to_string()}), false),
        },
        Err(err) => (json!({"error": format!("not JSON: {err}")}), false),
    }
}

/// Runs every envelope of `source`, writing one line per envelope to `out`.
pub async fn run<W: AsyncWrite + Unpin>(
    skill: &Skill,
    source: &Source,
    out: &mut W,
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    let mut emit = |ok: bool| {
        if ok {
            summary.answered += 1
        } else {
            summary.refused += 1
        }
    };
    match source {
        Source::Files(paths) => {
            for path in paths {
                let text = tokio::fs::read_to_string(path)
                    .await
                    .with_context(|| format!("cannot read {}", path.display()))?;
                let (value, ok) = answer(skill, &text).await;
                write_line(out, &value).await?;
                emit(ok);
            }
        }
        Source::Stdin => {
            let mut lines = BufReader::new(tokio::io::stdin()).lines();
            while let Some(line) = lines.next_line().await.context("cannot read stdin")? {
                if line.trim().is_empty() {
                    continue;
                }
                let (value, ok) = answer(skill, &line).await;
                write_line(out, &value).await?;
                emit(ok);
            }
        }
    }
    Ok(summary)
}

async fn write_line<W: AsyncWrite + Unpin>(out: &mut W, value: &Value) -> anyhow::Result<()> {
    let mut line = serde_json::to_vec(value)?;
    line.push(b'\n');
    out.write_all(&line).await.context("cannot write output")?;
    out.flush().await.context("cannot write output")?;
    Ok(())
}
