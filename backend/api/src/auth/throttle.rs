//! Login throttling: too many failures for one account or from one address in a window → 429.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
pub const PER_ACCOUNT: usize = 5;
pub const PER_ADDRESS: usize = 20;

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl Throttle {
    /// Seconds to wait when either key is over its limit.
    pub fn check(&self, account: &str, address: &str) -> Option<u64> {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        [
            (format!("u:{account}"), PER_ACCOUNT),
            (format!("a:{address}"), PER_ADDRESS),
        ]
        .into_iter()
        .filter_map(|(key, limit)| {
            let list = map.get_mut(&key)?;
            list.retain(|t| now.duration_since(*t) < WINDOW);
            (list.len() >= limit).then(|| {
                let oldest = list.first().copied().unwrap_or(now);
                (WINDOW - now.duration_since(oldest)).as_secs().max(1)
            })
        })
        .max()
    }

    pub fn fail(&self, account: &str, address: &str) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for key in [format!("u:{account}"), format!("a:{address}")] {
            map.entry(key).or_default().push(now);
        }
        // Keep the map small under a spray of usernames.
        if map.len() > 100_000 {
            map.retain(|_, list| list.iter().any(|t| now.duration_since(*t) < WINDOW));
        }
    }

    pub fn succeed(&self, account: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&format!("u:{account}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_locks_after_its_limit_and_unlocks_on_success() {
        let t = Throttle::default();
        for _ in 0..PER_ACCOUNT {
            assert_eq!(t.check("a", "1.1.1.1"), None);
            t.fail("a", "1.1.1.1");
        }
        assert!(
            t.check("a", "2.2.2.2").is_some(),
            "per account, whatever the address"
        );
        assert_eq!(t.check("b", "3.3.3.3"), None);
        t.succeed("a");
        assert_eq!(t.check("a", "4.4.4.4"), None);
    }

    #[test]
    fn an_address_locks_after_its_limit_whatever_the_account() {
        let t = Throttle::default();
        for i in 0..PER_ADDRESS {
            t.fail(&format!("user{i}"), "9.9.9.9");
        }
        assert!(t.check("someone-else", "9.9.9.9").is_some());
    }
}
