//! Short-lived caches of read answers, and the process-wide count of the writes that change
//! them. Each write in this crate to members, their long absences, organisations, users, role
//! assignments or service accounts calls [`bump`]; a cached answer is used only while the count
//! is the one it was computed under, and never longer than its time to live (writes by another
//! instance, or one still uncommitted when a reader computed, show within that time).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Something cached answers may depend on was written.
pub fn bump() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// The current count; read it before computing what will be cached.
pub fn current() -> u64 {
    GENERATION.load(Ordering::SeqCst)
}

/// A bounded map of answers, each valid for its generation and at most `ttl`.
#[derive(Debug)]
pub struct Cache<K, V> {
    map: Mutex<HashMap<K, (u64, Instant, V)>>,
    ttl: Duration,
    max: usize,
}

impl<K: Hash + Eq, V: Clone> Cache<K, V> {
    pub fn new(ttl: Duration, max: usize) -> Self {
        Cache {
            map: Mutex::new(HashMap::new()),
            ttl,
            max,
        }
    }

    pub fn get(&self, key: &K) -> Option<V> {
        let map = self.map.lock().ok()?;
        let (generation, at, value) = map.get(key)?;
        (*generation == current() && at.elapsed() < self.ttl).then(|| value.clone())
    }

    /// Keeps `value`, computed under `generation` (see [`current`]); a full cache starts over.
    pub fn put(&self, key: K, generation: u64, value: V) {
        if let Ok(mut map) = self.map.lock() {
            if map.len() >= self.max {
                map.clear();
            }
            map.insert(key, (generation, Instant::now(), value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_lasts_until_a_write_or_its_time() {
        let cache: Cache<&str, i64> = Cache::new(Duration::from_secs(60), 2);
        cache.put("a", current(), 1);
        assert_eq!(cache.get(&"a"), Some(1));
        bump();
        assert_eq!(cache.get(&"a"), None, "a write forgets it");
        // Computed before a write that happened meanwhile: never served.
        let before = current();
        bump();
        cache.put("a", before, 2);
        assert_eq!(cache.get(&"a"), None);
        let short: Cache<&str, i64> = Cache::new(Duration::ZERO, 2);
        short.put("a", current(), 1);
        assert_eq!(short.get(&"a"), None, "past its time");
    }
}
