//! Drives the refresh scheduler of core (`jobdeck_core::schedule`, where the rules are and are
//! tested): one loop per source and view, sleeping as it says, woken by the tab becoming
//! visible and by manual refreshes, and aborting the request in flight when the view goes.

use crate::perf::{now_ms, sleep_ms};
use futures::channel::{mpsc, oneshot};
use futures::future::{select, Either};
use futures::{FutureExt, StreamExt};
use jobdeck_core::schedule::{Next, Outcome, Scheduler};
use jobdeck_core::SourceError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_use::use_document_visibility;
use std::future::Future;
use std::pin::pin;
use web_sys::VisibilityState;

/// Why the loop was woken before its time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wake {
    /// The user asked for a refresh: run now.
    Manual,
    /// The tab became visible: run if due.
    Visible,
}

/// A running refresh loop.
#[derive(Clone, Copy)]
pub struct Poller {
    wake: StoredValue<mpsc::UnboundedSender<Wake>, LocalStorage>,
    /// A request is in flight.
    pub busy: RwSignal<bool>,
}

impl Poller {
    /// Runs now (or right after the run in flight).
    pub fn refresh(&self) {
        self.wake.with_value(|w| {
            let _ = w.unbounded_send(Wake::Manual);
        });
    }
}

/// Starts `task` now, then again as the scheduler says while the current reactive owner lives.
/// `task` returns the error of a failed run so the loop can back off.
pub fn start_poller<F, Fut>(interval_seconds: u32, task: F) -> Poller
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<(), SourceError>> + 'static,
{
    start_poller_showing_busy(RwSignal::new(false), interval_seconds, task)
}

/// [`start_poller`], telling whether a run is in flight in `busy`: a view that makes a new
/// poller for every query (the job table) keeps one spinner for all of them.
pub fn start_poller_showing_busy<F, Fut>(
    busy: RwSignal<bool>,
    interval_seconds: u32,
    task: F,
) -> Poller
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<(), SourceError>> + 'static,
{
    let (wake_tx, wake_rx) = mpsc::unbounded::<Wake>();
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let visibility = use_document_visibility();
    wake_on_visible(visibility, wake_tx.clone());
    wake_on_refresh_all(wake_tx.clone());
    let stop = std::sync::Mutex::new(Some(stop_tx));
    on_cleanup(move || {
        if let Some(tx) = stop.lock().ok().and_then(|mut s| s.take()) {
            let _ = tx.send(());
        }
    });
    let is_hidden = move || {
        visibility
            .try_get_untracked()
            .is_some_and(|v| v == VisibilityState::Hidden)
    };
    spawn_local(drive(
        Scheduler::new(interval_seconds),
        task,
        busy,
        is_hidden,
        wake_rx,
        stop_rx,
    ));
    Poller {
        wake: StoredValue::new_local(wake_tx),
        busy,
    }
}

/// Coming back to the tab wakes the loop, which then refreshes at once if it is due.
fn wake_on_visible(visibility: Signal<VisibilityState>, tx: mpsc::UnboundedSender<Wake>) {
    Effect::new(move |_| {
        if visibility.get() == VisibilityState::Visible {
            let _ = tx.unbounded_send(Wake::Visible);
        }
    });
}

/// The app's "refresh everything" (the `r` shortcut) wakes every loop alive when it changes.
fn wake_on_refresh_all(tx: mpsc::UnboundedSender<Wake>) {
    let Some(crate::context::RefreshAll(asked)) = crate::context::use_refresh_all() else {
        return;
    };
    Effect::new(move |seen: Option<u64>| {
        let n = asked.get();
        if seen.is_some_and(|s| s != n) {
            let _ = tx.unbounded_send(Wake::Manual);
        }
        n
    });
}

/// The loop: does what the scheduler says until it says stop or the view goes.
async fn drive<F, Fut>(
    mut scheduler: Scheduler,
    task: F,
    busy: RwSignal<bool>,
    is_hidden: impl Fn() -> bool,
    mut wake_rx: mpsc::UnboundedReceiver<Wake>,
    stop_rx: oneshot::Receiver<()>,
) where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<(), SourceError>>,
{
    let mut stop_rx = stop_rx.fuse();
    loop {
        let wait = match scheduler.next(now_ms(), is_hidden()) {
            Next::Stop => return,
            Next::Run => None,
            Next::Wait(ms) => Some(Some(ms)),
            Next::WaitForWake => Some(None),
        };
        if let Some(wait) = wait {
            let sleeper = pin!(async move {
                match wait {
                    Some(ms) => sleep_ms(ms).await,
                    None => futures::future::pending::<()>().await,
                }
            });
            match select(pin!(select(sleeper, wake_rx.next())), &mut stop_rx).await {
                Either::Right(_) | Either::Left((Either::Right((None, _)), _)) => return,
                Either::Left((Either::Right((Some(Wake::Manual), _)), _)) => {
                    scheduler.refresh_now(now_ms())
                }
                Either::Left(_) => {}
            }
            continue;
        }
        scheduler.started();
        let _ = busy.try_set(true);
        let result = match select(pin!(task()), &mut stop_rx).await {
            Either::Left((r, _)) => r,
            // The view is gone: dropping the run aborts its request.
            Either::Right(_) => return,
        };
        if busy.try_set(false).is_some() {
            return; // disposed
        }
        // Wakes that came in during the run asked for this run.
        while wake_rx.try_recv().is_ok() {}
        let outcome = match &result {
            Ok(()) => Outcome::Ok,
            Err(SourceError::Aborted) => Outcome::Aborted,
            Err(e) => Outcome::Failed {
                retry_after: e.retry_after(),
            },
        };
        scheduler.finished(now_ms(), outcome);
    }
}
