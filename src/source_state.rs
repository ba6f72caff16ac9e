//! What the UI knows about one source in one view: the last good data, the current error,
//! and when it last worked. A failure never clears the data: it stays on screen, marked stale.

use jobdeck_core::SourceError;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Loading,
    Ok,
    Error,
}

impl Status {
    /// The `data-status` value of docs/design.md.
    pub fn name(self) -> &'static str {
        match self {
            Status::Loading => "loading",
            Status::Ok => "ok",
            Status::Error => "error",
        }
    }
}

pub struct Fetched<T: Send + Sync + 'static> {
    pub data: RwSignal<Option<T>>,
    pub error: RwSignal<Option<SourceError>>,
    /// When the last success arrived (ms since epoch).
    pub last_ok_ms: RwSignal<Option<f64>>,
    /// How long the last successful fetch took.
    pub latency_ms: RwSignal<Option<f64>>,
}

impl<T: Send + Sync + 'static> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Fetched<T> {}

impl<T: Send + Sync + 'static> Default for Fetched<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Send + Sync + 'static> Fetched<T> {
    pub fn new() -> Self {
        Fetched {
            data: RwSignal::new(None),
            error: RwSignal::new(None),
            last_ok_ms: RwSignal::new(None),
            latency_ms: RwSignal::new(None),
        }
    }

    pub fn status(&self) -> Status {
        if self.error.with(Option::is_some) {
            Status::Error
        } else if self.data.with(Option::is_some) {
            Status::Ok
        } else {
            Status::Loading
        }
    }

    /// Records one fetch's outcome; returns the error again for the scheduler's backoff.
    pub fn record(
        &self,
        started_ms: f64,
        result: Result<T, SourceError>,
    ) -> Result<(), SourceError> {
        match result {
            Ok(v) => {
                // What the new data replaces is freed once the new data is on screen: freeing
                // a page of vendor records (hundreds of small maps) is a millisecond of a page
                // change that no one needs to wait for.
                if let Some(old) = self.data.try_update(|d| d.replace(v)).flatten() {
                    set_timeout(move || drop(old), std::time::Duration::ZERO);
                }
                self.error.set(None);
                self.last_ok_ms.set(Some(crate::perf::now_ms()));
                self.latency_ms
                    .set(Some(crate::perf::perf_now() - started_ms));
                Ok(())
            }
            // Leaving the view is not a failure to show.
            Err(SourceError::Aborted) => Err(SourceError::Aborted),
            Err(e) => {
                self.error.set(Some(e.clone()));
                Err(e)
            }
        }
    }
}
