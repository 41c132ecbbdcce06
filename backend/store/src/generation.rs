//! Short-lived caches of read answers (issue #18), and what each write tells them.
//!
//! Every write in this crate to members, their long absences, organisations, users, role
//! assignments, tokens or service accounts says what it [`touched`]: members of some branches
//! (by the branches' paths), one user, one session, one service account, or everything (an
//! organisation renamed, moved or deleted). Each cache forgets only the answers the write can
//! change — a branch's new member forgets the pages of the scopes that hold the branch, not
//! the other 7,999 branches' pages — once when the write is made and again when its
//! transaction commits ([`crate::db::write_tx`]), so that an answer computed from what the
//! database held before the commit is not kept.
//!
//! The caches are `moka`'s (maintained; bounded by weight in bytes, time to live, predicates
//! that invalidate at once for readers). An answer computed while any write happened meanwhile
//! is not stored at all (the process-wide count read before computing, see [`current`]), and
//! none is used longer than its time to live: that is how late another instance's write shows.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::Duration;

static GENERATION: AtomicU64 = AtomicU64::new(0);

/// What a write changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched {
    /// Members (or their long absences) of the branches at these paths.
    Members(Vec<String>),
    /// A user: profile, password, member link, roles, tokens.
    User(i64),
    /// A session (refresh-token family) ended.
    Family(String),
    ServiceAccount(i64),
    /// Organisations: their names, paths and places in the tree show in every answer.
    Everything,
}

/// A cache key that knows which writes change its answer.
pub trait Scoped {
    fn touched_by(&self, t: &Touched) -> bool;
}

/// A cache that forgets what a write touched.
trait Forget: Send + Sync {
    fn forget(&self, t: &Touched);
}

type Listeners = RwLock<Vec<Weak<dyn Forget>>>;

fn listeners() -> &'static Listeners {
    static LISTENERS: std::sync::OnceLock<Listeners> = std::sync::OnceLock::new();
    LISTENERS.get_or_init(|| RwLock::new(Vec::new()))
}

thread_local! {
    /// What the transaction on this thread has touched, told again at its end.
    static PENDING: RefCell<Vec<Touched>> = const { RefCell::new(Vec::new()) };
    /// How many write transactions are open on this thread (they may nest).
    static DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The last writes, each with the count it raised [`GENERATION`] to: a value computed while
/// writes happened is still kept when none of them touched its key (issue #18: under a load
/// with writes anywhere in the province, refusing every such value left the caches empty).
const LOG_LEN: usize = 1024;

fn log() -> &'static Mutex<VecDeque<(u64, Touched)>> {
    static LOG: std::sync::OnceLock<Mutex<VecDeque<(u64, Touched)>>> = std::sync::OnceLock::new();
    LOG.get_or_init(|| Mutex::new(VecDeque::with_capacity(LOG_LEN)))
}

/// Whether a write after `since` and up to `until` touched `key`; `true` also when the log no
/// longer reaches back to `since` (too many writes meanwhile to tell).
fn touched_between<K: Scoped>(key: &K, since: u64, until: u64) -> bool {
    if since == until {
        return false;
    }
    let Ok(log) = log().lock() else {
        return true;
    };
    // Every write up to `until` is in the log (it is logged before the count is raised).
    match log.front() {
        Some((first, _)) if *first <= since + 1 => {}
        _ => return true,
    }
    log.iter()
        .filter(|(g, _)| *g > since && *g <= until)
        .any(|(_, t)| key.touched_by(t))
}

fn tell(t: &Touched) {
    if let Ok(mut log) = log().lock() {
        // Logged under the lock that orders the counts: the log's counts rise one by one.
        let g = GENERATION.fetch_add(1, Ordering::SeqCst) + 1;
        if log.len() == LOG_LEN {
            log.pop_front();
        }
        log.push_back((g, t.clone()));
    } else {
        GENERATION.fetch_add(1, Ordering::SeqCst);
    }
    if let Ok(list) = listeners().read() {
        for l in list.iter().filter_map(Weak::upgrade) {
            l.forget(t);
        }
    }
}

/// A write changed `t`: the caches forget it now, and again when the transaction ends.
pub fn touched(t: Touched) {
    tell(&t);
    PENDING.with(|p| p.borrow_mut().push(t));
}

/// A write transaction begins on this thread (what a write outside one left was told already).
pub(crate) fn begin() {
    if DEPTH.get() == 0 {
        PENDING.with(|p| p.borrow_mut().clear());
    }
    DEPTH.set(DEPTH.get() + 1);
}

/// A write transaction on this thread committed or rolled back: once the outermost has, its
/// writes are told again.
pub(crate) fn end() {
    DEPTH.set(DEPTH.get().saturating_sub(1));
    if DEPTH.get() > 0 {
        return;
    }
    let pending = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    for t in &pending {
        tell(t);
    }
}

/// The count of writes so far; read it before computing what will be cached.
pub fn current() -> u64 {
    GENERATION.load(Ordering::SeqCst)
}

/// A bounded cache of answers: at most `max_bytes` of them by their weight, each for at most
/// `ttl`, forgotten when a write touches its key's scope.
pub struct Cache<K, V> {
    inner: moka::sync::Cache<K, Stamped<V>>,
    /// From this age on, a value read is computed again by one reader in the background
    /// ([`Cache::get_refreshing`]).
    refresh_after: Duration,
}

/// A value with when it was stored, and whether a reader has taken on computing it again.
#[derive(Clone)]
struct Stamped<V> {
    value: V,
    /// When it is to be renewed (see [`Cache::get_refreshing`]).
    renew_at: std::time::Instant,
    claimed: Arc<std::sync::atomic::AtomicBool>,
}

impl<V> Stamped<V> {
    /// Renewed from `refresh_after` on, plus up to a quarter of it drawn at random (issue
    /// #18): the 3,900 pages and 390 rosters of the mix's first seconds were all renewed in
    /// the same two seconds, 15 s later, and every request waited behind them (the rate
    /// halved). Still well before the earliest expiry ([`Spread`]: three quarters of the time
    /// to live) for the caches' half and quarter.
    fn new(value: V, refresh_after: Duration) -> Self {
        Stamped {
            value,
            renew_at: std::time::Instant::now() + refresh_after + random_below(refresh_after / 4),
            claimed: Arc::default(),
        }
    }
}

/// A duration drawn at random below `d` (zero for zero).
fn random_below(d: Duration) -> Duration {
    use std::hash::BuildHasher;
    // A fresh RandomState is seeded anew for each call: a random draw without a crate.
    let r = std::collections::hash_map::RandomState::new().hash_one(0u8);
    let nanos = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX).max(1);
    Duration::from_nanos(r % nanos)
}

impl<K, V> std::fmt::Debug for Cache<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("entries", &self.inner.entry_count())
            .field("weight", &self.inner.weighted_size())
            .finish()
    }
}

impl<K, V> Forget for Cache<K, V>
where
    K: Scoped + Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    fn forget(&self, t: &Touched) {
        if *t == Touched::Everything {
            self.inner.invalidate_all();
            return;
        }
        let t = t.clone();
        // Registered predicates hide matching entries from readers at once.
        let _ = self
            .inner
            .invalidate_entries_if(move |k: &K, _: &Stamped<V>| k.touched_by(&t));
    }
}

impl<K, V> Cache<K, V>
where
    K: Scoped + Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    /// A cache weighing each entry with `weigh` (bytes, roughly), listening to the writes;
    /// a value read past half its time to live is renewed (see [`Cache::get_refreshing`]).
    pub fn new(ttl: Duration, max_bytes: u64, weigh: fn(&K, &V) -> u32) -> Arc<Self> {
        Self::renewed_after(ttl, ttl / 2, max_bytes, weigh)
    }

    /// The same, a value read past `refresh_after` renewed.
    pub fn renewed_after(
        ttl: Duration,
        refresh_after: Duration,
        max_bytes: u64,
        weigh: fn(&K, &V) -> u32,
    ) -> Arc<Self> {
        let cache = Arc::new(Cache {
            inner: moka::sync::Cache::builder()
                .max_capacity(max_bytes)
                .weigher(move |k: &K, s: &Stamped<V>| weigh(k, &s.value))
                .time_to_live(ttl)
                .expire_after(Spread { ttl })
                .support_invalidation_closures()
                .build(),
            refresh_after,
        });
        if let Ok(mut list) = listeners().write() {
            list.retain(|l| l.strong_count() > 0);
            let weak: Weak<dyn Forget> = Arc::downgrade(&(Arc::clone(&cache) as Arc<dyn Forget>));
            list.push(weak);
        }
        cache
    }

    pub fn get(&self, key: &K) -> Option<V> {
        self.inner.get(key).map(|s| s.value)
    }

    /// Forgets `key`'s value.
    pub fn invalidate(&self, key: &K) {
        self.inner.invalidate(key);
    }

    /// The value kept for `key`, and whether this caller is to compute it again now (and
    /// [`Cache::put`] it) while everyone goes on reading this one: past half its time to live,
    /// the first reader takes that on, once (issue #18). A value read often is thus renewed
    /// before it expires instead of making its readers wait for it when it does; one no one
    /// reads expires as before, and a write that touches it forgets it at once as before.
    pub fn get_refreshing(&self, key: &K) -> Option<(V, bool)> {
        let s = self.inner.get(key)?;
        let due = std::time::Instant::now() >= s.renew_at
            && !s.claimed.swap(true, std::sync::atomic::Ordering::AcqRel);
        Some((s.value, due))
    }

    /// The value kept for `key`, or the one `load` gives — loaded once for every caller
    /// asking for it at the same time (moka's `try_get_with`: when many pages of a scope
    /// expire together, its roster is read once, not once per request) — and kept unless a
    /// write that touched `key` happened while it was loaded (see [`Cache::put`]). Past half
    /// its time to live, the first caller loads it again (see [`Cache::get_refreshing`])
    /// while the others go on with the one kept, instead of all waiting when it expires.
    pub fn get_or_load<E>(&self, key: K, load: impl FnOnce() -> Result<V, E>) -> Result<V, Arc<E>>
    where
        K: Clone,
        E: Send + Sync + 'static,
    {
        self.get_or_load_since(key, None, load)
    }

    /// [`Cache::get_or_load`] for a `load` that also rests on what was read before, from
    /// `since` (see [`current`]) on: kept only if no write touched `key` from then (a roster
    /// read from branch ids read in an earlier statement: an organisation written between the
    /// two is not missed).
    pub fn get_or_load_since<E>(
        &self,
        key: K,
        since: Option<u64>,
        load: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, Arc<E>>
    where
        K: Clone,
        E: Send + Sync + 'static,
    {
        if let Some((value, renew)) = self.get_refreshing(&key) {
            if !renew {
                return Ok(value);
            }
            let generation = since.unwrap_or_else(current);
            let value = load().map_err(Arc::new)?;
            self.put(key, generation, value.clone());
            return Ok(value);
        }
        let mut loaded_after = None;
        let value = self
            .inner
            .try_get_with(key.clone(), || {
                let generation = since.unwrap_or_else(current);
                let value = load()?;
                loaded_after = Some(generation);
                Ok(Stamped::new(value, self.refresh_after))
            })?
            .value;
        if let Some(generation) = loaded_after
            && touched_between(&key, generation, current())
        {
            self.inner.invalidate(&key);
        }
        Ok(value)
    }

    /// Keeps `value`, computed after reading `generation` (see [`current`]) — unless a write
    /// that happened meanwhile touched `key` (its effect the value may or may not hold), or
    /// too many writes happened to tell.
    pub fn put(&self, key: K, generation: u64, value: V)
    where
        K: Clone,
    {
        let now = current();
        if touched_between(&key, generation, now) {
            return;
        }
        self.inner
            .insert(key.clone(), Stamped::new(value, self.refresh_after));
        // A write between the check and the insert, whose forgetting may have come before it.
        if touched_between(&key, now, current()) {
            self.inner.invalidate(&key);
        }
    }
}

/// Each entry lives between three quarters of the time to live and all of it, drawn at random
/// when it is stored: answers computed together (the first minute after a start, a burst of
/// requests) do not all expire in the same instant and send every request back to the
/// database at once — the stalls of the deadline-week mix (issue #18).
struct Spread {
    ttl: Duration,
}

impl Spread {
    fn draw(&self) -> Duration {
        self.ttl - random_below(self.ttl / 4)
    }
}

impl<K, V> moka::Expiry<K, V> for Spread {
    fn expire_after_create(&self, _: &K, _: &V, _: std::time::Instant) -> Option<Duration> {
        Some(self.draw())
    }

    /// A value stored again over one kept lives from then on, as a new one.
    fn expire_after_update(
        &self,
        _: &K,
        _: &V,
        _: std::time::Instant,
        _: Option<Duration>,
    ) -> Option<Duration> {
        Some(self.draw())
    }
}

/// A key holding a scoped key first (a filter with its page and size) is touched with it.
impl<A: Scoped, B, C> Scoped for (A, B, C) {
    fn touched_by(&self, t: &Touched) -> bool {
        self.0.touched_by(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Hash, PartialEq, Eq)]
    struct Branch(&'static str);

    impl Scoped for Branch {
        fn touched_by(&self, t: &Touched) -> bool {
            match t {
                Touched::Members(paths) => paths.iter().any(|p| p.starts_with(self.0)),
                Touched::Everything => true,
                _ => false,
            }
        }
    }

    #[test]
    fn entries_stored_together_expire_apart() {
        let spread = Spread {
            ttl: Duration::from_secs(30),
        };
        let draws: Vec<Duration> = (0..200).map(|_| spread.draw()).collect();
        assert!(
            draws
                .iter()
                .all(|d| *d >= Duration::from_millis(22_500) && *d <= Duration::from_secs(30)),
            "within the last quarter of the time to live"
        );
        let early = draws
            .iter()
            .filter(|d| **d < Duration::from_millis(26_250))
            .count();
        // Spread over the quarter: about half fall in its first half (never all or none).
        assert!(
            (40..=160).contains(&early),
            "{early} of 200 in the first half"
        );
        // And the cache still forgets an entry by its time to live.
        let cache: Arc<Cache<Branch, i64>> =
            Cache::new(Duration::from_millis(200), 1 << 20, |_, _| 8);
        cache.put(Branch("9."), current(), 1);
        std::thread::sleep(Duration::from_millis(210));
        assert_eq!(cache.get(&Branch("9.")), None);
    }

    #[test]
    fn values_stored_together_are_renewed_apart() {
        let refresh = Duration::from_secs(15);
        let at = std::time::Instant::now();
        let due: Vec<Duration> = (0..200)
            .map(|_| Stamped::new(0u8, refresh).renew_at - at)
            .collect();
        assert!(
            due.iter()
                .all(|d| *d >= refresh && *d < refresh + refresh / 4 + Duration::from_secs(1)),
            "within a quarter of the point after it"
        );
        // Spread over that quarter: about half in its first half (never all or none).
        let early = due.iter().filter(|d| **d < refresh + refresh / 8).count();
        assert!(
            (40..=160).contains(&early),
            "{early} of 200 in the first half"
        );
    }

    /// The caches listen to every write of the process: a test whose writes forget
    /// everything runs apart from one that waits on a value kept.
    static APART: Mutex<()> = Mutex::new(());

    #[test]
    fn a_value_read_past_half_its_life_is_renewed_by_one_reader() {
        let _apart = APART.lock();
        let cache: Arc<Cache<Branch, i64>> =
            Cache::new(Duration::from_millis(400), 1 << 20, |_, _| 8);
        cache.put(Branch("5."), current(), 1);
        assert_eq!(
            cache.get_refreshing(&Branch("5.")),
            Some((1, false)),
            "young"
        );
        std::thread::sleep(Duration::from_millis(260));
        // Past half its life and the spread (200–250 ms; it expires at 300–400 ms): the first
        // reader renews it, the others read the value kept meanwhile.
        assert_eq!(cache.get_refreshing(&Branch("5.")), Some((1, true)));
        assert_eq!(cache.get_refreshing(&Branch("5.")), Some((1, false)));
        cache.put(Branch("5."), current(), 2);
        assert_eq!(
            cache.get_refreshing(&Branch("5.")),
            Some((2, false)),
            "renewed"
        );
        // Renewed, it outlives the first value's time to live.
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(cache.get(&Branch("5.")), Some(2));
        // A write to its scope still forgets it at once.
        touched(Touched::Members(vec!["5.1.".into()]));
        assert_eq!(cache.get_refreshing(&Branch("5.")), None);
        // Loaded through the cache: past half its life, the first caller loads it again and
        // the others read the kept one meanwhile.
        let load = |v: i64| move || Ok::<i64, ()>(v);
        assert_eq!(cache.get_or_load(Branch("6."), load(1)), Ok(1));
        assert_eq!(cache.get_or_load(Branch("6."), load(2)), Ok(1), "kept");
        std::thread::sleep(Duration::from_millis(260));
        assert_eq!(
            cache.get_or_load(Branch("6."), load(3)),
            Ok(3),
            "loaded again"
        );
        assert_eq!(cache.get_or_load(Branch("6."), load(4)), Ok(3), "and kept");
        // Loaded from what was read before a write that touched it: answered, not kept.
        let since = current();
        touched(Touched::Members(vec!["91.1.".into()]));
        assert_eq!(
            cache.get_or_load_since(Branch("91."), Some(since), load(5)),
            Ok(5)
        );
        assert_eq!(cache.get(&Branch("91.")), None, "not kept");
        let since = current();
        assert_eq!(
            cache.get_or_load_since(Branch("91."), Some(since), load(6)),
            Ok(6)
        );
        assert_eq!(cache.get(&Branch("91.")), Some(6), "kept");
    }

    /// Renewed earlier when asked (the principals, at a quarter of their life: issue #18): a
    /// renewal slowed by a saturated machine then still lands before the value expires.
    #[test]
    fn a_value_is_renewed_from_the_point_its_cache_was_given() {
        let _apart = APART.lock();
        let cache: Arc<Cache<Branch, i64>> = Cache::renewed_after(
            Duration::from_millis(800),
            Duration::from_millis(200),
            1 << 20,
            |_, _| 8,
        );
        cache.put(Branch("7."), current(), 1);
        assert_eq!(cache.get_refreshing(&Branch("7.")), Some((1, false)));
        std::thread::sleep(Duration::from_millis(260));
        // Past a quarter of its life and the spread (200–250 ms; it expires at 600–800 ms):
        // the first reader renews it.
        assert_eq!(cache.get_refreshing(&Branch("7.")), Some((1, true)));
        assert_eq!(cache.get_refreshing(&Branch("7.")), Some((1, false)));
    }

    #[test]
    fn a_write_forgets_only_its_scope() {
        let _apart = APART.lock();
        let cache: Arc<Cache<Branch, i64>> = Cache::new(Duration::from_secs(60), 1 << 20, |_, _| 8);
        cache.put(Branch("1.2."), current(), 1);
        cache.put(Branch("1.3."), current(), 2);
        assert_eq!(cache.get(&Branch("1.2.")), Some(1));
        touched(Touched::Members(vec!["1.2.7.".into()]));
        assert_eq!(
            cache.get(&Branch("1.2.")),
            None,
            "the write's scope is forgotten"
        );
        assert_eq!(cache.get(&Branch("1.3.")), Some(2), "another scope is kept");
        // Computed before a write to its scope that happened meanwhile: never kept.
        let before = current();
        touched(Touched::Members(vec!["1.2.9.".into()]));
        cache.put(Branch("1.2."), before, 3);
        assert_eq!(cache.get(&Branch("1.2.")), None);
        // Writes elsewhere meanwhile (another branch, a user): kept.
        let before = current();
        touched(Touched::Members(vec!["1.3.1.".into()]));
        touched(Touched::User(5));
        cache.put(Branch("1.2."), before, 4);
        assert_eq!(cache.get(&Branch("1.2.")), Some(4));
        // More writes meanwhile than the log holds: nothing can be told, not kept.
        let before = current();
        for _ in 0..=LOG_LEN {
            touched(Touched::User(6));
        }
        cache.put(Branch("1.4."), before, 5);
        assert_eq!(cache.get(&Branch("1.4.")), None);
        touched(Touched::Everything);
        assert_eq!(cache.get(&Branch("1.3.")), None);
        let short: Arc<Cache<Branch, i64>> = Cache::new(Duration::ZERO, 1 << 20, |_, _| 8);
        short.put(Branch("1."), current(), 1);
        assert_eq!(short.get(&Branch("1.")), None, "past its time");
    }
}
