//! CSV with a header row naming the columns (any order, any case).

use serde_json::{Map, Value};

use super::RawRow;

/// The rows under the header; a header naming a column twice, or lacking
/// `id` or `url`, refuses the file.
pub(super) fn rows(text: &str) -> anyhow::Result<Vec<RawRow>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|err| anyhow::anyhow!("cannot read the CSV header: {err}"))?
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let mut columns = std::collections::HashSet::new();
    if let Some(twice) = headers
        .iter()
        .find(|h| !h.is_empty() && !columns.insert(*h))
    {
        anyhow::bail!("the CSV header names the column {twice:?} twice");
    }
    if !headers.iter().any(|h| h == "id") || !headers.iter().any(|h| h == "url") {
        anyhow::bail!(
            "the CSV header must name at least the columns id, title, artist and url (found: {})",
            headers.join(", ")
        );
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                // A field with a line break: the csv crate reads an
                // unterminated quote to the end of the file, swallowing
                // every row after it. Titles never hold line breaks.
                if record.iter().any(|field| field.contains(['\n', '\r'])) {
                    anyhow::bail!(
                        "line {line}: a quoted field runs on over several lines (an \
                         unterminated quote?); no field may hold a line break"
                    );
                }
                let mut map = Map::new();
                for (header, value) in headers.iter().zip(record.iter()) {
                    if !value.is_empty() {
                        map.insert(header.clone(), Value::String(value.to_string()));
                    }
                }
                let row = if record.len() > headers.len() {
                    Err(format!(
                        "{} fields, the header has {}",
                        record.len(),
                        headers.len()
                    ))
                } else {
                    Ok(map)
                };
                rows.push((line, row));
            }
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line() as usize);
                rows.push((line, Err(format!("unreadable CSV row: {err}"))));
            }
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse;
    use super::super::{parse_catalog, CatalogRules};

    #[test]
    fn csv_with_header() {
        let text = "id,title,artist,album,url,duration_ms\n\
                    1,\"Simon & Garfunkel, live\",S&G,,https://e.com/1.mp3,1000\n\
                    2,T,A,,https://e.com/2.mp3,abc\n";
        let report = parse_catalog(text, &CatalogRules::default()).unwrap();
        assert_eq!(report.tracks.len(), 1);
        assert_eq!(report.tracks[0].title, "Simon & Garfunkel, live");
        assert_eq!(report.tracks[0].album, None);
        assert_eq!(report.tracks[0].duration_ms, Some(1000));
        assert_eq!(report.invalid[0].line, 3);
    }

    #[test]
    fn an_unterminated_csv_quote_is_refused_with_its_line() {
        let csv = "id,title,artist,url\n\
                   a,\"Open quote,B,https://e.example/a.mp3\n\
                   b,Fine,B,https://e.example/b.mp3\n\
                   c,Fine,B,https://e.example/c.mp3\n";
        let err = parse(csv).unwrap_err().to_string();
        assert!(
            err.starts_with("line 2: a quoted field runs on over several lines"),
            "{err}"
        );
    }
}
