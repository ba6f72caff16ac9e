//! Refresh scheduling: one loop per source and view. The next request starts only after the
//! last one finished (never two in flight), nothing runs while the tab is hidden, errors back
//! off exponentially up to 5 minutes, a server's Retry-After is honoured, and leaving the view
//! aborts the request in flight.

use crate::client::sleep_ms;
use futures::channel::mpsc;
use futures::future::{select, Either};
use futures::{FutureExt, StreamExt};
use jobdeck_core::SourceError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::pin;
use web_sys::VisibilityState;

pub use jobdeck_core::schedule::{next_delay_seconds, MAX_BACKOFF_SECONDS};

/// Why the loop was woken before its time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wake {
    /// The user asked for a refresh: run now.
    Manual,
    /// The tab became visible: run if due.
    Visible,
}

/// The "refresh everything now" request (the `r` shortcut): every poller alive when it
/// changes runs at once.
#[derive(Clone, Copy)]
pub struct RefreshAll(pub RwSignal<u64>);

impl RefreshAll {
    pub fn request(&self) {
        self.0.update(|n| *n = n.wrapping_add(1));
    }
}

/// A running refresh loop.
#[derive(Clone, Copy)]
pub struct Poller {
    wake: StoredValue<mpsc::UnboundedSender<Wake>, LocalStorage>,
    /// A request is in flight.
    pub busy: RwSignal<bool>,
    /// When the next automatic run is due (ms since epoch), if one is scheduled.
    pub next_due_ms: RwSignal<Option<f64>>,
}

impl Poller {
    /// Runs now (or right after the run in flight).
    pub fn refresh(&self) {
        self.wake.with_value(|w| {
            let _ = w.unbounded_send(Wake::Manual);
        });
    }
}

/// Starts `task` now, then again after each interval while the current reactive owner lives.
/// `task` returns the error of a failed run so the loop can back off.
pub fn start_poller<F, Fut>(interval_seconds: u32, task: F) -> Poller
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<(), SourceError>> + 'static,
{
    let (wake_tx, mut wake_rx) = mpsc::unbounded::<Wake>();
    let (stop_tx, stop_rx) = futures::channel::oneshot::channel::<()>();
    let busy = RwSignal::new(false);
    let next_due_ms = RwSignal::new(None);
    let visibility = leptos_use::use_document_visibility();
    let poller = Poller { wake: StoredValue::new_local(wake_tx.clone()), busy, next_due_ms };
    // Coming back to the tab wakes the loop, which then refreshes at once if it is due.
    let visible_tx = wake_tx.clone();
    Effect::new(move |_| {
        if visibility.get() == VisibilityState::Visible {
            let _ = visible_tx.unbounded_send(Wake::Visible);
        }
    });
    if let Some(RefreshAll(asked)) = use_context::<RefreshAll>() {
        let manual_tx = wake_tx.clone();
        Effect::new(move |seen: Option<u64>| {
            let n = asked.get();
            if seen.is_some_and(|s| s != n) {
                let _ = manual_tx.unbounded_send(Wake::Manual);
            }
            n
        });
    }
    let stop = std::sync::Mutex::new(Some(stop_tx));
    on_cleanup(move || {
        if let Some(tx) = stop.lock().ok().and_then(|mut s| s.take()) {
            let _ = tx.send(());
        }
    });
    let is_hidden = move || visibility.try_get_untracked().is_some_and(|v| v == VisibilityState::Hidden);
    spawn_local(async move {
        let mut stop_rx = stop_rx.fuse();
        let mut failures: u32 = 0;
        let mut due_ms = 0.0f64;
        loop {
            // Wait until due (or woken by the user), and visible.
            loop {
                let now = crate::client::now_ms();
                if !is_hidden() && now >= due_ms {
                    break;
                }
                let wait = if is_hidden() { None } else { Some((due_ms - now).max(0.0).min(u32::MAX as f64) as u32) };
                let sleeper = async move {
                    match wait {
                        Some(ms) => sleep_ms(ms).await,
                        None => futures::future::pending::<()>().await,
                    }
                };
                let sleeper = pin!(sleeper);
                let woken = pin!(select(sleeper, wake_rx.next()));
                match select(woken, &mut stop_rx).await {
                    Either::Right(_) => return,
                    Either::Left((Either::Right((Some(Wake::Manual), _)), _)) => due_ms = due_ms.min(crate::client::now_ms()),
                    Either::Left((Either::Right((Some(Wake::Visible), _)), _)) => {}
                    Either::Left((Either::Right((None, _)), _)) => return,
                    Either::Left((Either::Left(_), _)) => {}
                }
            }
            let _ = busy.try_set(true);
            let _ = next_due_ms.try_set(None);
            let run = pin!(task());
            let result = match select(run, &mut stop_rx).await {
                Either::Left((r, _)) => r,
                // The view is gone: dropping the run aborts its request.
                Either::Right(_) => return,
            };
            if busy.try_set(false).is_some() {
                return; // disposed
            }
            // Wakes that came in during the run asked for this run.
            while wake_rx.try_recv().is_ok() {}
            let retry_after = match &result {
                Ok(()) => {
                    failures = 0;
                    None
                }
                Err(SourceError::Aborted) => return,
                Err(e) => {
                    failures = failures.saturating_add(1);
                    e.retry_after()
                }
            };
            match next_delay_seconds(interval_seconds, failures, retry_after) {
                Some(s) => {
                    due_ms = crate::client::now_ms() + s as f64 * 1000.0;
                    let _ = next_due_ms.try_set(Some(due_ms));
                }
                None => due_ms = f64::INFINITY,
            }
        }
    });
    poller
}
