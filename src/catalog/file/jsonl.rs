//! JSON Lines: one track object a line. A broken line is a bad row, not a
//! broken file, so the owner sees every bad line at once.

use serde_json::Value;

use super::duplicate_keys::json_row;
use super::RawRow;

/// Each non-blank line as a row; a file of pretty-printed objects is
/// refused as a whole, with what to write instead.
pub(super) fn rows(text: &str) -> anyhow::Result<Vec<RawRow>> {
    let rows: Vec<RawRow> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| (index + 1, json_row(line)))
        .collect();
    if rows.iter().all(|(_, row)| row.is_err()) {
        if let Some(objects) = pretty_printed_objects(text) {
            anyhow::bail!(
                "this is pretty-printed JSON ({objects} objects over {} lines): JSON Lines \
                 needs each track on one line (or write a JSON array: [ {{...}}, {{...}} ])",
                text.lines().count()
            );
        }
    }
    Ok(rows)
}

/// How many JSON objects the text holds, when it is nothing but objects
/// and they spread over more lines than one each.
fn pretty_printed_objects(text: &str) -> Option<usize> {
    let mut count = 0;
    for value in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
        if !value.ok()?.is_object() {
            return None;
        }
        count += 1;
    }
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    (count > 0 && lines > count).then_some(count)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{parse, ROW};

    #[test]
    fn a_broken_or_pretty_printed_json_lines_file_says_which_line() {
        // A broken line is a bad row of its own; pretty-printed objects are
        // one error that says what to write instead.
        let broken_first = format!("{{\"id\": \"x\",\n{ROW}\n");
        let report = parse(&broken_first).unwrap();
        assert_eq!(report.tracks.len(), 1);
        assert_eq!(report.invalid[0].line, 1);
        assert!(
            report.invalid[0].reasons[0].starts_with("not valid JSON"),
            "{:?}",
            report.invalid
        );

        let pretty = "{\n  \"id\": \"a\",\n  \"title\": \"A\"\n}\n{\n  \"id\": \"b\"\n}\n";
        let err = parse(pretty).unwrap_err().to_string();
        assert!(
            err.starts_with("this is pretty-printed JSON (2 objects over 7 lines)"),
            "{err}"
        );
    }
}
