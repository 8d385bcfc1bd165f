//! A bound on rendering: Tera has no limit on the steps a template takes (two
//! nested loops over `range(end=100000)` never finish), and a render cannot be
//! interrupted. So each page's render is registered here, and a watchdog
//! thread stops the process, naming the page and the template, when one page
//! has taken longer than [`LIMIT`]. Nothing has been published by then: the
//! output folder is as it was, and the next build clears what was staged.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long one page may take; a page of the example site takes milliseconds,
/// and the largest page of the benchmark corpus well under a second.
pub(crate) const LIMIT: Duration = Duration::from_secs(60);

/// Renders in progress: number → (template, page, since).
static RUNNING: Mutex<BTreeMap<u64, (String, String, Instant)>> = Mutex::new(BTreeMap::new());
static NEXT: AtomicU64 = AtomicU64::new(0);
static WATCHDOG: OnceLock<()> = OnceLock::new();

/// A render being watched; it is forgotten when this is dropped.
pub(crate) struct Watched(u64);

impl Drop for Watched {
    fn drop(&mut self) {
        running().remove(&self.0);
    }
}

fn running() -> std::sync::MutexGuard<'static, BTreeMap<u64, (String, String, Instant)>> {
    RUNNING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The limit in force: [`LIMIT`], or what `RAGTIME_TEST_RENDER_SECONDS` says
/// (the tests' hook, in every build, so `cargo test --release` tests the same).
fn limit() -> Duration {
    std::env::var("RAGTIME_TEST_RENDER_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(LIMIT, Duration::from_secs)
}

/// Watches the render of `page` with `template` until the guard is dropped.
pub(crate) fn watch(template: &str, page: &str) -> Watched {
    WATCHDOG.get_or_init(|| {
        let limit = limit();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(250).min(limit));
            let late = running()
                .values()
                .find(|(_, _, since)| since.elapsed() > limit)
                .map(|(template, page, _)| (template.clone(), page.clone()));
            if let Some((template, page)) = late {
                eprintln!(
                    "error: the page {page} took more than {} s to render with the template {template}, and was stopped\n  help: look in {template} (and the templates it uses) for loops that repeat too often, or a template that includes itself; nothing was published",
                    limit.as_secs()
                );
                std::process::exit(1);
            }
        });
    });
    let number = NEXT.fetch_add(1, Ordering::Relaxed);
    running().insert(
        number,
        (template.to_owned(), page.to_owned(), Instant::now()),
    );
    Watched(number)
}
