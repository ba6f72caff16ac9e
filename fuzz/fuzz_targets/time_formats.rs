//! The time and duration parsers, and the renderings of whatever they accept.
#![no_main]
use jobdeck_core::time::{format_duration, format_relative, parse_go_duration, parse_iso8601, parse_timespan, Timestamp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Some(t) = parse_iso8601(s) {
        let _ = (t.to_utc_string(), t.to_rfc3339(), t.to_local_string(-720), format_relative(t, Timestamp(0)));
        assert_eq!(parse_iso8601(&t.to_rfc3339()), Some(t), "RFC 3339 round trip");
    }
    for d in [parse_go_duration(s), parse_timespan(s)].into_iter().flatten() {
        let _ = format_duration(d);
    }
});
