//! A JSON object read with every key once: serde keeps the last of a key
//! given twice without a word, and a title given twice is a mistake the
//! owner should hear about.

use std::fmt;

use serde_json::{Map, Value};

/// One row's fields from its JSON text, refusing a key given twice (serde
/// would silently keep the last).
pub(crate) fn json_row(text: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str::<UniqueKeys>(text) {
        Ok(UniqueKeys(map)) => Ok(map),
        Err(err) if err.is_data() && err.to_string().starts_with(DUPLICATE) => Err(err
            .to_string()
            .split(" at line")
            .next()
            .unwrap_or_default()
            .to_string()),
        Err(err) if err.is_data() => Err("not a JSON object".to_string()),
        Err(err) => Err(format!("not valid JSON: {err}")),
    }
}

/// How the reason for a key given twice starts.
pub(crate) const DUPLICATE: &str = "the field";

/// A JSON object whose keys are all different.
struct UniqueKeys(Map<String, Value>);

impl<'de> serde::Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = UniqueKeys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut access: A,
            ) -> Result<UniqueKeys, A::Error> {
                let mut map = Map::new();
                while let Some((key, value)) = access.next_entry::<String, Value>()? {
                    if map.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!(
                            "{DUPLICATE} {key:?} is given twice"
                        )));
                    }
                    map.insert(key, value);
                }
                Ok(UniqueKeys(map))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse;

    #[test]
    fn a_key_or_column_given_twice_is_refused() {
        let twice =
            r#"{"id":"a","title":"A","artist":"B","url":"https://e.example/a.mp3","title":"Z"}"#;
        let report = parse(twice).unwrap();
        assert_eq!(report.tracks.len(), 0);
        assert_eq!(
            report.invalid[0].reasons,
            vec![r#"the field "title" is given twice"#]
        );
        let array = format!("[{twice}]");
        assert_eq!(
            parse(&array).unwrap().invalid[0].reasons,
            report.invalid[0].reasons
        );
        let csv = "id,title,artist,url,Title\na,A,B,https://e.example/a.mp3,Z\n";
        let err = parse(csv).unwrap_err().to_string();
        assert_eq!(err, r#"the CSV header names the column "title" twice"#);
    }
}
