//! The threads that run the database work (diesel is synchronous), shared by every HTTP worker
//! and kept while the process runs (issue #18).
//!
//! actix-web gives each HTTP worker its own pool of blocking threads, and tokio ends a blocking
//! thread after 10 s without work. A thread that ends leaves its allocator heap's pages behind
//! half-used: they still hold what it built and the caches keep (member pages, rosters,
//! principals), so they stay resident until another thread happens to take them over. Under the
//! deadline-week trials the server went through 43 such heaps, and up to 1,800 of mimalloc's
//! 64 KiB pages (about 115 MiB) were left that way. Here the threads are made as work needs them,
//! up to the number the pools can use at once, and are not ended while idle: each keeps reusing
//! its own heap.

use std::sync::OnceLock;
use std::time::Duration;

/// How many threads at most when [`configure`] was not called (the tests): the default pool.
const DEFAULT_THREADS: usize = 32;

/// How long an idle thread is kept: as long as the process runs, in practice.
const KEEP_ALIVE: Duration = Duration::from_secs(7 * 24 * 3600);

static THREADS: OnceLock<tokio::runtime::Runtime> = OnceLock::new();

fn build(threads: usize) -> tokio::runtime::Runtime {
    #[allow(clippy::expect_used)]
    tokio::runtime::Builder::new_multi_thread()
        // The runtime's one worker only starts the blocking threads; it runs nothing itself.
        .worker_threads(1)
        .max_blocking_threads(threads.max(1))
        .thread_keep_alive(KEEP_ALIVE)
        .thread_name("kiemdiem-db")
        .build()
        // A process that cannot start a thread cannot serve a request either.
        .expect("cannot start the database threads")
}

/// Sets how many threads there may be at most (the connections of the pools, and a few more);
/// called once when the server starts, before the first request. `false` when it was too late.
pub fn configure(threads: usize) -> bool {
    THREADS.set(build(threads)).is_ok()
}

/// Runs `f` on one of the kept threads and waits for it without blocking the HTTP worker.
pub async fn run<T, F>(f: F) -> Result<T, tokio::task::JoinError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    THREADS
        .get_or_init(|| build(DEFAULT_THREADS))
        .spawn_blocking(f)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The threads of this process with the kept threads' name (Linux: /proc/self/task).
    fn kept_threads() -> usize {
        std::fs::read_dir("/proc/self/task")
            .unwrap()
            .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
            .filter(|c| c.trim_end() == "kiemdiem-db")
            .count()
    }

    #[actix_web::test]
    async fn the_work_runs_on_threads_that_idle_time_does_not_end() {
        let name = run(|| std::thread::current().name().map(str::to_owned))
            .await
            .unwrap();
        assert_eq!(name.as_deref(), Some("kiemdiem-db"));
        let before = kept_threads();
        // The runtime's worker and at least the one blocking thread that ran the work.
        assert!(before >= 2, "{before}");
        // Past tokio's 10 s: its own blocking threads would have ended by now.
        tokio::time::sleep(Duration::from_secs(11)).await;
        assert!(kept_threads() >= before, "{} < {before}", kept_threads());
        // A panic in the work is an error for the caller, not the end of the threads.
        assert!(run(|| panic!("boom")).await.is_err());
        assert_eq!(run(|| 7).await.unwrap(), 7);
    }
}
