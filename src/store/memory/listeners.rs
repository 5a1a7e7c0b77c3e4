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
    pub fn from_file(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
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
}
