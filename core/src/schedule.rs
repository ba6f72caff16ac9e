//! The refresh policy of one view as a sans-IO state machine. The app's driver (`src/poll.rs`)
//! feeds it the clock, the tab's visibility, wakes and each run's outcome, and does what
//! [`Scheduler::next`] says. The rules: the first run at once; the next one only after the last
//! finished (never two in flight); after a success the interval, after failures an exponential
//! backoff capped at [`MAX_BACKOFF_SECONDS`] and at least the server's Retry-After; nothing
//! while the tab is hidden; a manual refresh runs now (or right after the run in flight); a
//! view whose run was aborted stops.

pub const MAX_BACKOFF_SECONDS: u32 = 300;

/// Seconds to wait after a run: the interval when it went well, otherwise an exponential
/// backoff from the interval (or 5 s) doubling per consecutive failure, at least Retry-After.
pub fn next_delay_seconds(
    interval: u32,
    consecutive_failures: u32,
    retry_after: Option<u64>,
) -> Option<u32> {
    if consecutive_failures == 0 {
        return (interval > 0).then_some(interval);
    }
    let base = if interval > 0 { interval } else { 5 };
    let backoff = base
        .saturating_mul(1u32 << consecutive_failures.min(16))
        .min(MAX_BACKOFF_SECONDS);
    let wanted = retry_after.map_or(backoff, |r| backoff.max(r.min(u32::MAX as u64) as u32));
    Some(wanted)
}

/// What the driver should do now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Start a run (then call [`Scheduler::finished`] with its outcome).
    Run,
    /// Sleep this many milliseconds, or less if woken.
    Wait(u32),
    /// Sleep until woken (hidden tab, refresh off, or a run in flight).
    WaitForWake,
    /// The view is gone or its run was aborted: end the loop.
    Stop,
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Failed; the server may have said when to come back (Retry-After, seconds).
    Failed {
        retry_after: Option<u64>,
    },
    /// The request was aborted (the view left): no more runs.
    Aborted,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scheduler {
    interval_seconds: u32,
    failures: u32,
    /// When the next run is due, ms since the epoch; infinite when refresh is off.
    due_ms: f64,
    running: bool,
    stopped: bool,
}

impl Scheduler {
    /// A view refreshing every `interval_seconds` (0 = only on demand and to retry errors).
    /// The first run is due at once.
    pub fn new(interval_seconds: u32) -> Self {
        Scheduler {
            interval_seconds,
            failures: 0,
            due_ms: 0.0,
            running: false,
            stopped: false,
        }
    }

    /// What to do at `now_ms`, with the tab hidden or not.
    pub fn next(&self, now_ms: f64, hidden: bool) -> Next {
        if self.stopped {
            Next::Stop
        } else if self.running || hidden || self.due_ms.is_infinite() {
            Next::WaitForWake
        } else if now_ms >= self.due_ms {
            Next::Run
        } else {
            Next::Wait((self.due_ms - now_ms).clamp(0.0, u32::MAX as f64) as u32)
        }
    }

    /// The driver started a run.
    pub fn started(&mut self) {
        self.running = true;
    }

    /// The run ended at `now_ms`. Wakes that came during it were for this run (see
    /// [`Scheduler::refresh_now`]), so the next run is scheduled from the outcome alone.
    pub fn finished(&mut self, now_ms: f64, outcome: Outcome) {
        self.running = false;
        let retry_after = match outcome {
            Outcome::Ok => {
                self.failures = 0;
                None
            }
            Outcome::Failed { retry_after } => {
                self.failures = self.failures.saturating_add(1);
                retry_after
            }
            Outcome::Aborted => {
                self.stopped = true;
                return;
            }
        };
        self.due_ms = match next_delay_seconds(self.interval_seconds, self.failures, retry_after) {
            Some(s) => now_ms + s as f64 * 1000.0,
            None => f64::INFINITY,
        };
    }

    /// The user asked for a refresh: due now. While a run is in flight it is that run's.
    pub fn refresh_now(&mut self, now_ms: f64) {
        if !self.running {
            self.due_ms = self.due_ms.min(now_ms);
        }
    }

    /// The view is gone.
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    /// Consecutive failed runs.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_when_well_backoff_when_not() {
        assert_eq!(next_delay_seconds(10, 0, None), Some(10));
        assert_eq!(next_delay_seconds(0, 0, None), None, "0 turns refresh off");
        assert_eq!(next_delay_seconds(10, 1, None), Some(20));
        assert_eq!(next_delay_seconds(10, 3, None), Some(80));
        assert_eq!(
            next_delay_seconds(10, 30, None),
            Some(MAX_BACKOFF_SECONDS),
            "capped at 5 minutes"
        );
        assert_eq!(
            next_delay_seconds(10, 1, Some(120)),
            Some(120),
            "Retry-After honoured"
        );
        assert_eq!(
            next_delay_seconds(0, 1, None),
            Some(10),
            "errors retry even with refresh off"
        );
    }

    #[test]
    fn runs_at_once_then_every_interval_never_two_at_a_time() {
        let mut s = Scheduler::new(10);
        assert_eq!(s.next(1_000.0, false), Next::Run);
        s.started();
        assert_eq!(
            s.next(1_000.0, false),
            Next::WaitForWake,
            "a run is in flight"
        );
        assert_eq!(
            s.next(99_000.0, false),
            Next::WaitForWake,
            "however long it takes"
        );
        s.finished(2_000.0, Outcome::Ok);
        assert_eq!(
            s.next(2_000.0, false),
            Next::Wait(10_000),
            "the interval counts from the end of the run"
        );
        assert_eq!(s.next(12_000.0, false), Next::Run);
    }

    #[test]
    fn failures_back_off_and_retry_after_is_honoured_then_success_resets() {
        let mut s = Scheduler::new(10);
        s.started();
        s.finished(0.0, Outcome::Failed { retry_after: None });
        assert_eq!(s.next(0.0, false), Next::Wait(20_000));
        s.started();
        s.finished(
            0.0,
            Outcome::Failed {
                retry_after: Some(120),
            },
        );
        assert_eq!(s.next(0.0, false), Next::Wait(120_000));
        assert_eq!(s.failures(), 2);
        s.started();
        s.finished(0.0, Outcome::Ok);
        assert_eq!((s.next(0.0, false), s.failures()), (Next::Wait(10_000), 0));
    }

    #[test]
    fn a_hidden_tab_waits_for_a_wake_and_a_due_run_goes_out_when_visible() {
        let mut s = Scheduler::new(10);
        s.started();
        s.finished(0.0, Outcome::Ok);
        assert_eq!(s.next(50_000.0, true), Next::WaitForWake);
        assert_eq!(
            s.next(50_000.0, false),
            Next::Run,
            "visible again and overdue: at once"
        );
        assert_eq!(
            s.next(5_000.0, false),
            Next::Wait(5_000),
            "visible and not due: the rest of the wait"
        );
    }

    #[test]
    fn a_manual_refresh_runs_now_but_not_twice_while_in_flight() {
        let mut s = Scheduler::new(10);
        s.started();
        s.finished(0.0, Outcome::Ok);
        s.refresh_now(3_000.0);
        assert_eq!(s.next(3_000.0, false), Next::Run);
        s.started();
        s.refresh_now(3_500.0);
        s.finished(4_000.0, Outcome::Ok);
        assert_eq!(
            s.next(4_000.0, false),
            Next::Wait(10_000),
            "the wake during the run was that run's"
        );
    }

    #[test]
    fn refresh_off_waits_for_the_user_but_still_retries_errors() {
        let mut s = Scheduler::new(0);
        assert_eq!(
            s.next(0.0, false),
            Next::Run,
            "the first load happens anyway"
        );
        s.started();
        s.finished(0.0, Outcome::Ok);
        assert_eq!(s.next(1e12, false), Next::WaitForWake);
        s.refresh_now(5.0);
        assert_eq!(s.next(5.0, false), Next::Run);
        s.started();
        s.finished(5.0, Outcome::Failed { retry_after: None });
        assert_eq!(s.next(5.0, false), Next::Wait(10_000));
    }

    #[test]
    fn an_aborted_run_or_a_stop_ends_the_loop() {
        let mut s = Scheduler::new(10);
        s.started();
        s.finished(0.0, Outcome::Aborted);
        assert_eq!(s.next(0.0, false), Next::Stop);
        let mut s = Scheduler::new(10);
        s.stop();
        assert_eq!(s.next(0.0, false), Next::Stop);
    }
}
