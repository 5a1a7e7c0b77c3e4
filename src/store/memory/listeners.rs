//! Account-linking data in memory: the profile cache (entries expire as
//! DynamoDB's TTL would make them, checked on read) and the allow-list,
//! loaded from a file of addresses for local runs (`--listeners FILE`).

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Mutex;

use anyhow::Context;
use async_trait::async_trait;

use super::lock;
use crate::error::StoreError;
use crate::listeners::{Cached, Email, ListChange, TokenKey, MAX_LISTENERS};
use crate::ports::{AllowList, ProfileCache};

/// The most entries the in-memory cache keeps.
const MAX_CACHED: usize = 10_000;

#[derive(Debug, Default)]
pub struct MemoryProfileCache {
    entries: Mutex<HashMap<TokenKey, (Cached, i64)>>,
}

impl MemoryProfileCache {
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait]
impl ProfileCache for MemoryProfileCache {
    async fn cached(
        &self,
        keys: &[TokenKey],
        now_s: i64,
    ) -> Result<Option<(usize, Cached)>, StoreError> {
        let entries = lock(&self.entries, "profile cache")?;
        Ok(keys.iter().enumerate().find_map(|(i, key)| {
            entries
                .get(key)
                .filter(|(_, expires)| *expires > now_s)
                .map(|(entry, _)| (i, entry.clone()))
        }))
    }

    async fn remember(&self, keys: &[(TokenKey, i64)], entry: &Cached) -> Result<(), StoreError> {
        let mut entries = lock(&self.entries, "profile cache")?;
        if entries.len() >= MAX_CACHED {
            // Bounded, as a long-lived process meets many tokens: the half
            // that expires first goes (expired entries first of all).
            let mut expiries: Vec<i64> = entries.values().map(|(_, e)| *e).collect();
            let middle = expiries.len() / 2;
            let (_, cutoff, _) = expiries.select_nth_unstable(middle);
            let cutoff = *cutoff;
            entries.retain(|_, (_, expires)| *expires > cutoff);
        }
        for (key, expires) in keys {
            entries.insert(key.clone(), (entry.clone(), *expires));
        }
        Ok(())
    }
}

#[derive(Debug, Default)]
pub struct MemoryAllowList {
    emails: Mutex<BTreeSet<Email>>,
}

impl MemoryAllowList {
    pub fn new() -> Self {
        Self::default()
    }

    /// One address a line; blank lines and lines starting with `#` are
    /// skipped; a line that is not an address is an error naming the line.
    /// The file is a regular file of at most [`MAX_LISTENERS_FILE_BYTES`]
    /// of UTF-8: `/dev/zero` or a stray 300 MB file is refused before it
    /// fills memory, and a file in another encoding names its first bad line.
    pub fn from_file(path: &Path) -> anyhow::Result<Self> {
        let text = read_listeners_file(path)
            .with_context(|| format!("cannot read the listeners file {}", path.display()))?;
        let mut emails = BTreeSet::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let email = Email::parse(line)
                .with_context(|| format!("{} line {}", path.display(), number + 1))?;
            emails.insert(email);
        }
        anyhow::ensure!(
            emails.len() <= MAX_LISTENERS,
            "{} lists {} addresses; an allow-list holds at most {MAX_LISTENERS}",
            path.display(),
            emails.len()
        );
        Ok(MemoryAllowList {
            emails: Mutex::new(emails),
        })
    }
}

/// The largest listeners file read: [`MAX_LISTENERS`] addresses of at most
/// 254 bytes with their newlines fit four times over, leaving room for
/// comments.
pub const MAX_LISTENERS_FILE_BYTES: u64 = 1024 * 1024;

fn read_listeners_file(path: &Path) -> anyhow::Result<String> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    // The open file is checked, not the path: what was opened is what is read.
    anyhow::ensure!(
        file.metadata()?.is_file(),
        "not a regular file (a device, a pipe or a folder is never a list)"
    );
    let mut bytes = Vec::new();
    file.take(MAX_LISTENERS_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    anyhow::ensure!(
        bytes.len() as u64 <= MAX_LISTENERS_FILE_BYTES,
        "larger than {MAX_LISTENERS_FILE_BYTES} bytes; an allow-list holds at most {MAX_LISTENERS} addresses"
    );
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        anyhow::bail!(
            "the file is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8"
        );
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        anyhow::anyhow!("line {line} is not UTF-8: save the file as UTF-8")
    })
}

#[async_trait]
impl AllowList for MemoryAllowList {
    async fn allows(&self, email: &Email) -> Result<bool, StoreError> {
        Ok(lock(&self.emails, "allow-list")?.contains(email))
    }

    async fn allow(&self, email: &Email) -> Result<ListChange, StoreError> {
        let mut emails = lock(&self.emails, "allow-list")?;
        Ok(if emails.contains(email) {
            ListChange::Unchanged
        } else if emails.len() >= MAX_LISTENERS {
            ListChange::Full
        } else {
            emails.insert(email.clone());
            ListChange::Changed
        })
    }

    async fn deny(&self, email: &Email) -> Result<ListChange, StoreError> {
        Ok(if lock(&self.emails, "allow-list")?.remove(email) {
            ListChange::Changed
        } else {
            ListChange::Unchanged
        })
    }

    async fn list(&self) -> Result<Vec<Email>, StoreError> {
        Ok(lock(&self.emails, "allow-list")?.iter().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listeners_file_is_read_line_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("listeners.txt");
        std::fs::write(
            &path,
            "# household\nAnna@Example.com\n\n  bo@example.org \n",
        )
        .unwrap();
        let list = MemoryAllowList::from_file(&path).unwrap();
        let emails = futures::executor::block_on(list.list()).unwrap();
        let shown: Vec<&str> = emails.iter().map(Email::as_str).collect();
        assert_eq!(shown, ["anna@example.com", "bo@example.org"]);
        std::fs::write(&path, "anna@example.com\nnot an address\n").unwrap();
        let err = format!("{:#}", MemoryAllowList::from_file(&path).unwrap_err());
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn cache_entries_expire() {
        let cache = MemoryProfileCache::new();
        let key = TokenKey::of("token");
        futures::executor::block_on(async {
            cache
                .remember(&[(key.clone(), 100)], &Cached::Refused)
                .await
                .unwrap();
            assert_eq!(
                cache
                    .cached(std::slice::from_ref(&key), 99)
                    .await
                    .unwrap()
                    .map(|(_, entry)| entry),
                Some(Cached::Refused)
            );
            assert_eq!(cache.cached(&[key], 100).await.unwrap(), None);
            // Bounded: past MAX_CACHED, the entries expiring first go.
            for i in 0..MAX_CACHED as i64 + 10 {
                let key = TokenKey::of(&format!("token-{i}"));
                cache
                    .remember(&[(key, 1_000 + i)], &Cached::Refused)
                    .await
                    .unwrap();
            }
            let kept = cache.entries.lock().unwrap().len();
            assert!(kept <= MAX_CACHED && kept > MAX_CACHED / 3, "{kept}");
            let newest = TokenKey::of(&format!("token-{}", MAX_CACHED + 9));
            assert!(cache.cached(&[newest], 0).await.unwrap().is_some());
            assert!(cache
                .cached(&[TokenKey::of("token-0")], 0)
                .await
                .unwrap()
                .is_none());
        });
    }
    #[test]
    fn a_listeners_file_is_bounded_utf8_and_regular() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("listeners.txt");
        let error = |path: &Path| format!("{:#}", MemoryAllowList::from_file(path).unwrap_err());

        // Latin-1: the line of the first bad byte is named.
        std::fs::write(&path, b"anna@example.com\n# Gr\xfc\xdfe\nbo@example.org\n").unwrap();
        let err = error(&path);
        assert!(err.contains("line 2 is not UTF-8"), "{err}");
        // UTF-16 (as Windows' Notepad may save it) is named as such.
        let utf16: Vec<u8> = [0xfeffu16]
            .into_iter()
            .chain("anna@example.com\n".encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        std::fs::write(&path, utf16).unwrap();
        let err = error(&path);
        assert!(err.contains("UTF-16"), "{err}");

        // Larger than the cap: refused without reading it all.
        let big = std::fs::File::create(&path).unwrap();
        big.set_len(300 * 1024 * 1024).unwrap();
        let err = error(&path);
        assert!(err.contains("larger than 1048576 bytes"), "{err}");
        // Exactly the cap is read (and then judged line by line).
        let mut full = "# comment\n".repeat(104_857).into_bytes();
        full.resize(MAX_LISTENERS_FILE_BYTES as usize, b'#');
        std::fs::write(&path, full).unwrap();
        assert!(MemoryAllowList::from_file(&path).is_ok());

        // A folder, and a device that never ends, are not lists.
        let err = error(dir.path());
        assert!(err.contains("not a regular file"), "{err}");
        #[cfg(unix)]
        {
            let err = error(Path::new("/dev/zero"));
            assert!(err.contains("not a regular file"), "{err}");
        }
    }
}
