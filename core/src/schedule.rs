//! The refresh policy: when the next request of a view may go out.

pub const MAX_BACKOFF_SECONDS: u32 = 300;

/// Seconds to wait after a run: the interval when it went well, otherwise an exponential
/// backoff from the interval (or 5 s) doubling per consecutive failure, at least Retry-After.
pub fn next_delay_seconds(interval: u32, consecutive_failures: u32, retry_after: Option<u64>) -> Option<u32> {
    if consecutive_failures == 0 {
        return (interval > 0).then_some(interval);
    }
    let base = if interval > 0 { interval } else { 5 };
    let backoff = base.saturating_mul(1u32 << consecutive_failures.min(16)).min(MAX_BACKOFF_SECONDS);
    let wanted = retry_after.map_or(backoff, |r| backoff.max(r.min(u32::MAX as u64) as u32));
    Some(wanted)
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
        assert_eq!(next_delay_seconds(10, 30, None), Some(MAX_BACKOFF_SECONDS), "capped at 5 minutes");
        assert_eq!(next_delay_seconds(10, 1, Some(120)), Some(120), "Retry-After honoured");
        assert_eq!(next_delay_seconds(0, 1, None), Some(10), "errors retry even with refresh off");
    }
}
