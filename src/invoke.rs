//! `jukebox invoke`: envelopes through exactly the code the Lambda runs, one
//! response JSON per line. Refused envelopes give a JSON error object on
//! their line, so outputs stay aligned with inputs: an unreadable line (not
//! UTF-8, longer than Lambda would accept) or a blank one is answered with
//! its own error and the stream goes on.

use std::path::PathBuf;

use anyhow::Context;
use serde_json::{json, Value};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// The longest envelope read: Lambda's own limit on a synchronous
/// invocation's payload (6 MB), far above any Alexa request.
pub const MAX_ENVELOPE_BYTES: usize = 6 * 1024 * 1024;

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
                let (value, ok) = match read_file(path).await {
                    Ok(text) => answer(skill, &text).await,
                    Err(err) => (json!({"error": format!("{err:#}")}), false),
                };
                write_line(out, &value).await?;
                emit(ok);
            }
        }
        Source::Stdin => {
            let lines = run_lines(skill, BufReader::new(tokio::io::stdin()), out).await?;
            summary.answered += lines.answered;
            summary.refused += lines.refused;
        }
    }
    Ok(summary)
}

async fn read_file(path: &std::path::Path) -> anyhow::Result<String> {
    use tokio::io::AsyncReadExt;
    let file = tokio::fs::File::open(path)
        .await
        .with_context(|| format!("cannot read {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_ENVELOPE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .await
        .with_context(|| format!("cannot read {}", path.display()))?;
    anyhow::ensure!(
        bytes.len() <= MAX_ENVELOPE_BYTES,
        "{} is larger than an envelope may be ({MAX_ENVELOPE_BYTES} bytes)",
        path.display()
    );
    String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8", path.display()))
}

/// One line of input as read: its text, or why it cannot be an envelope.
enum Line {
    Text(String),
    Unreadable(String),
}

/// Reads the next line (without its newline), never holding more than
/// [`MAX_ENVELOPE_BYTES`] of it; `None` at the end of input.
async fn next_line<R: AsyncBufRead + Unpin>(
    reader: &mut R,
    number: usize,
) -> std::io::Result<Option<Line>> {
    let mut bytes = Vec::new();
    let mut too_long = false;
    loop {
        let chunk = reader.fill_buf().await?;
        if chunk.is_empty() {
            if bytes.is_empty() && !too_long {
                return Ok(None);
            }
            break;
        }
        let (taken, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(end) => (end + 1, true),
            None => (chunk.len(), false),
        };
        let content = &chunk[..if done { taken - 1 } else { taken }];
        if !too_long && bytes.len() + content.len() <= MAX_ENVELOPE_BYTES {
            bytes.extend_from_slice(content);
        } else {
            // Skip the rest of the line without keeping it.
            too_long = true;
            bytes = Vec::new();
        }
        reader.consume(taken);
        if done {
            break;
        }
    }
    if too_long {
        return Ok(Some(Line::Unreadable(format!(
            "line {number} is longer than an envelope may be ({MAX_ENVELOPE_BYTES} bytes)"
        ))));
    }
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    Ok(Some(match String::from_utf8(bytes) {
        Ok(text) => Line::Text(text),
        Err(err) => Line::Unreadable(format!(
            "line {number} is not UTF-8 (invalid byte at {})",
            err.utf8_error().valid_up_to()
        )),
    }))
}

/// Answers JSON Lines from `reader` as they arrive: one output line per
/// input line, whatever the line holds. A blank line is refused like any
/// other line that is not an envelope: a program pairing its requests with
/// the answers by line count stays in step.
pub async fn run_lines<R: AsyncBufRead + Unpin, W: AsyncWrite + Unpin>(
    skill: &Skill,
    mut reader: R,
    out: &mut W,
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    let mut number = 0;
    while let Some(line) = next_line(&mut reader, number + 1)
        .await
        .context("cannot read stdin")?
    {
        number += 1;
        let (value, ok) = match line {
            Line::Text(text) if text.trim().is_empty() => (
                json!({ "error": format!("line {number} is blank: one envelope a line") }),
                false,
            ),
            Line::Text(text) => answer(skill, &text).await,
            Line::Unreadable(reason) => (json!({ "error": reason }), false),
        };
        write_line(out, &value).await?;
        if ok {
            summary.answered += 1;
        } else {
            summary.refused += 1;
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
