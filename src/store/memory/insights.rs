//! The insights counters in memory, per day.

use std::collections::HashMap;
use std::sync::Mutex;

use async_trait::async_trait;

use super::lock;
use crate::error::StoreError;
use crate::insights::{Counts, Day, Unwritten, Wanted};
use crate::ports::InsightsStore;

#[derive(Debug, Default)]
pub struct MemoryInsights {
    days: Mutex<HashMap<Day, Counts>>,
}

impl MemoryInsights {
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait]
impl InsightsStore for MemoryInsights {
    async fn add(&self, day: Day, counts: &Counts) -> Result<(), Unwritten> {
        lock(&self.days, "insights")
            .map_err(|err| Unwritten::all_lost(counts, err))?
            .entry(day)
            .or_default()
            .merge(counts.clone());
        Ok(())
    }

    async fn read(&self, days: &[Day], wanted: Wanted) -> Result<Counts, StoreError> {
        let stored = lock(&self.days, "insights")?;
        let mut total = Counts::default();
        for day in days {
            if let Some(counts) = stored.get(day) {
                total.merge(counts.clone());
            }
        }
        match wanted {
            Wanted::Misses => total.plays.clear(),
            Wanted::Plays => total.misses.clear(),
        }
        Ok(total)
    }
}
