//! How many expensive operations a caller may still ask for (`crate::limits` applies it).

use sha2::{Digest, Sha256};
use std::num::NonZeroU32;

/// Expensive operations per key (a hash of the bearer token). One instance keeps its own
/// counts; a store shared by several instances (Redis, PostgreSQL — README) is a second
/// implementation of this trait, not a rewrite of its callers.
pub trait Limiter: Send + Sync {
    /// Takes one operation for `key`; `Some(seconds)` to wait when there is none left.
    fn take(&self, key: &str) -> Option<u64>;
}

/// GCRA buckets with `governor` (keyed, in memory): `per_minute` operations a minute, bursts up
/// to the same number.
pub struct RateLimiter {
    inner: governor::DefaultKeyedRateLimiter<[u8; 16]>,
}

/// Keys kept before forgetting those whose bucket has refilled.
const MAX_KEYS: usize = 100_000;

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        RateLimiter {
            inner: governor::RateLimiter::keyed(governor::Quota::per_minute(per_minute)),
        }
    }
}

impl Limiter for RateLimiter {
    fn take(&self, key: &str) -> Option<u64> {
        use governor::clock::Clock;
        let digest = Sha256::digest(key.as_bytes());
        let mut id = [0u8; 16];
        id.copy_from_slice(&digest[..16]);
        if self.inner.len() > MAX_KEYS {
            // Full buckets carry no state worth keeping.
            self.inner.retain_recent();
        }
        match self.inner.check_key(&id) {
            Ok(()) => None,
            Err(not_until) => {
                let wait = not_until.wait_time_from(self.inner.clock().now());
                Some(wait.as_secs_f64().ceil().max(1.0) as u64)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_refuses_past_its_size_and_names_the_wait() {
        let l = RateLimiter::new(3);
        assert_eq!([l.take("a"), l.take("a"), l.take("a")], [None, None, None]);
        // A fourth in the same instant: one token comes back in 60/3 = 20 seconds.
        assert_eq!(l.take("a"), Some(20));
        // Another token has its own bucket.
        assert_eq!(l.take("b"), None);
    }
}
