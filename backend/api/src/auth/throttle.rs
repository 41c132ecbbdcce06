//! Login throttling (issue #13, ASVS 6.3): slows a guesser per account and address without
//! letting anyone lock the real owner out.
//!
//! - One account from one address: after `PER_PAIR` failures in the window, that address
//!   waits for that account (an attacker locks only themselves out).
//! - One address, whatever the accounts (password spraying): after `PER_ADDRESS` failures.
//! - One account from many addresses (a distributed guesser): after `PER_ACCOUNT` failures in
//!   the window, only addresses the account has logged in from before (in this process) may
//!   still try; the others wait. The owner at their usual address is never refused.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(15 * 60);
pub const PER_PAIR: usize = 5;
pub const PER_ADDRESS: usize = 20;
pub const PER_ACCOUNT: usize = 20;
/// Addresses remembered per account as its owner's.
const KNOWN_PER_ACCOUNT: usize = 8;

#[derive(Default)]
struct State {
    failures: HashMap<String, Vec<Instant>>,
    known: HashMap<String, VecDeque<String>>,
}

#[derive(Default)]
pub struct Throttle {
    state: Mutex<State>,
}

fn pair(account: &str, address: &str) -> String {
    format!("p:{account}\n{address}")
}

impl Throttle {
    /// Seconds to wait when a limit applies to this account at this address.
    pub fn check(&self, account: &str, address: &str) -> Option<u64> {
        let now = Instant::now();
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let known = st
            .known
            .get(account)
            .is_some_and(|k| k.iter().any(|a| a == address));
        let mut keys = vec![(pair(account, address), PER_PAIR)];
        // The owner at an address they logged in from: neither a guesser behind the same
        // address (an office's NAT) nor one on the account elsewhere locks them out.
        if !known {
            keys.push((format!("a:{address}"), PER_ADDRESS));
            keys.push((format!("u:{account}"), PER_ACCOUNT));
        }
        keys.into_iter()
            .filter_map(|(key, limit)| {
                let list = st.failures.get_mut(&key)?;
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
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        for key in [
            pair(account, address),
            format!("a:{address}"),
            format!("u:{account}"),
        ] {
            st.failures.entry(key).or_default().push(now);
        }
        // Keep the map small under a spray of usernames.
        if st.failures.len() > 100_000 {
            st.failures
                .retain(|_, list| list.iter().any(|t| now.duration_since(*t) < WINDOW));
        }
    }

    /// The owner logged in from `address`: its failures there are forgotten and the address
    /// is remembered as theirs.
    pub fn succeed(&self, account: &str, address: &str) {
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        st.failures.remove(&pair(account, address));
        if st.known.len() > 100_000 {
            st.known.clear();
        }
        let known = st.known.entry(account.to_owned()).or_default();
        if !known.iter().any(|a| a == address) {
            if known.len() == KNOWN_PER_ACCOUNT {
                known.pop_front();
            }
            known.push_back(address.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guesser_locks_only_its_own_address_out() {
        let t = Throttle::default();
        for _ in 0..PER_PAIR {
            assert_eq!(t.check("admin", "6.6.6.6"), None);
            t.fail("admin", "6.6.6.6");
        }
        assert!(t.check("admin", "6.6.6.6").is_some(), "the guesser waits");
        assert_eq!(
            t.check("admin", "10.0.0.2"),
            None,
            "the owner elsewhere does not"
        );
        assert_eq!(t.check("other", "6.6.6.6"), None, "other accounts do not");
    }

    #[test]
    fn a_distributed_guesser_cannot_lock_the_owner_at_a_known_address() {
        let t = Throttle::default();
        t.succeed("admin", "10.0.0.2");
        for i in 0..PER_ACCOUNT {
            t.fail("admin", &format!("6.6.{i}.1"));
        }
        assert!(
            t.check("admin", "6.6.99.1").is_some(),
            "a new address waits once the account is under attack"
        );
        assert_eq!(
            t.check("admin", "10.0.0.2"),
            None,
            "the owner's address does not"
        );
    }

    #[test]
    fn an_address_locks_after_its_limit_whatever_the_account() {
        let t = Throttle::default();
        for i in 0..PER_ADDRESS {
            t.fail(&format!("user{i}"), "9.9.9.9");
        }
        assert!(t.check("someone-else", "9.9.9.9").is_some());
    }

    #[test]
    fn success_forgets_the_failures_of_that_address() {
        let t = Throttle::default();
        for _ in 0..PER_PAIR {
            t.fail("a", "1.1.1.1");
        }
        t.succeed("a", "1.1.1.1");
        assert_eq!(t.check("a", "1.1.1.1"), None);
    }
}
