//! Results kept in memory under a random id, each until it expires, at most a bounded number.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;
use std::time::{Duration, Instant};

/// One result: its page, the xlsx it offers (a unit's report or a comparison workbook) and the
/// name that downloads as.
pub(crate) struct Kept {
    pub page: Bytes,
    pub report: Bytes,
    pub report_name: String,
    created: Instant,
}

pub(crate) struct Store {
    ttl: Duration,
    max: usize,
    results: Mutex<HashMap<String, Kept>>,
}

/// What a lookup hands out (the bytes shared, not copied).
pub(crate) struct Found {
    pub page: Bytes,
    pub report: Bytes,
    pub report_name: String,
}

/// A fresh result id: 128 random bits, 32 hex characters.
pub(crate) fn new_id() -> String {
    crate::auth::random_hex()
}

impl Store {
    pub fn new(ttl: Duration, max: usize) -> Self {
        Store {
            ttl,
            max: max.max(1),
            results: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Kept>> {
        // A panic while holding the lock leaves a map that is still consistent.
        self.results
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Keeps a result under `id` (from [`new_id`]). Expired results go first, then the oldest
    /// while the store is full.
    pub fn put(&self, id: String, page: String, report: Vec<u8>, report_name: String) {
        let now = Instant::now();
        let mut map = self.lock();
        map.retain(|_, k| now.duration_since(k.created) < self.ttl);
        while map.len() >= self.max {
            let oldest = map
                .iter()
                .min_by_key(|(_, k)| k.created)
                .map(|(id, _)| id.clone());
            match oldest {
                Some(o) => map.remove(&o),
                None => break,
            };
        }
        map.insert(
            id,
            Kept {
                page: Bytes::from(page),
                report: Bytes::from(report),
                report_name,
                created: now,
            },
        );
    }

    /// The result under `id`, if it is a well-formed id, kept and not expired.
    pub fn get(&self, id: &str) -> Option<Found> {
        if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let map = self.lock();
        let k = map.get(id)?;
        if k.created.elapsed() >= self.ttl {
            return None;
        }
        Some(Found {
            page: k.page.clone(),
            report: k.report.clone(),
            report_name: k.report_name.clone(),
        })
    }

    /// How many results are kept; the expired ones are dropped first.
    pub fn len(&self) -> usize {
        let now = Instant::now();
        let mut map = self.lock();
        map.retain(|_, k| now.duration_since(k.created) < self.ttl);
        map.len()
    }
}
