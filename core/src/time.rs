//! Every vendor time format becomes one UTC instant ([`Timestamp`], epoch milliseconds);
//! every vendor duration format becomes seconds. Also the human renderings of both.

use serde::{Deserialize, Serialize};

/// A UTC instant in milliseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

/// Years outside this range are refused as nonsense rather than shown.
const MIN_MS: i64 = -62_135_596_800_000; // 0001-01-01
const MAX_MS: i64 = 253_402_300_799_999; // 9999-12-31

impl Timestamp {
    pub fn from_millis(ms: i64) -> Option<Self> {
        (MIN_MS..=MAX_MS).contains(&ms).then_some(Timestamp(ms))
    }

    /// Float epoch seconds (Tines `started_at: 1567399360.056226`).
    pub fn from_epoch_seconds(s: f64) -> Option<Self> {
        if !s.is_finite() {
            return None;
        }
        let ms = (s * 1000.0).round();
        if ms < MIN_MS as f64 || ms > MAX_MS as f64 {
            return None;
        }
        Self::from_millis(ms as i64)
    }

    /// `2026-11-23 07:34:49 UTC`
    pub fn to_utc_string(self) -> String {
        let (y, mo, d, h, mi, s) = self.civil(0);
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC")
    }

    /// RFC 3339 in UTC with milliseconds, for `datetime` attributes and exports.
    pub fn to_rfc3339(self) -> String {
        let (y, mo, d, h, mi, s) = self.civil(0);
        format!(
            "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z",
            self.0.rem_euclid(1000)
        )
    }

    /// Local wall time given the zone's offset in minutes east of UTC: `2026-11-23 08:34:49`.
    pub fn to_local_string(self, offset_minutes: i32) -> String {
        let (y, mo, d, h, mi, s) = self.civil(offset_minutes);
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }

    fn civil(self, offset_minutes: i32) -> (i64, u32, u32, u32, u32, u32) {
        let ms = self.0 + offset_minutes as i64 * 60_000;
        let secs = ms.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400);
        let (y, mo, d) = civil_from_days(days);
        (
            y,
            mo,
            d,
            (sod / 3600) as u32,
            (sod % 3600 / 60) as u32,
            (sod % 60) as u32,
        )
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Parses ISO 8601 / RFC 3339 date-times: `2026-03-08T10:00:00Z`, `...+02:00`, fractions of any
/// length (RFC3339Nano, .NET's seven digits), `t`/space separators. A time without an offset
/// (.NET `DateTime` of kind Unspecified, as CluedIn sends) is taken as UTC.
pub fn parse_iso8601(s: &str) -> Option<Timestamp> {
    let b = s.trim().as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    if b.len() < 19
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)? as u32, num(8..10)? as u32);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo)
        || d == 0
        || d > days_in_month(y, mo)
        || h > 23
        || mi > 59
        || sec > 60
    {
        return None;
    }
    let mut i = 19;
    let mut frac_ms = 0i64;
    if b.get(i) == Some(&b'.') || b.get(i) == Some(&b',') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        let digits = b.get(start..i)?;
        for (k, dgt) in digits.iter().take(3).enumerate() {
            frac_ms += (*dgt - b'0') as i64 * 10i64.pow(2 - k as u32);
        }
    }
    let offset_min: i64 = match b.get(i) {
        None => 0,
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) => {
            let oh = num(i + 1..i + 3)?;
            let om = match (b.get(i + 3), b.len()) {
                (Some(b':'), n) if n == i + 6 => num(i + 4..i + 6)?,
                (None, _) => 0,
                (Some(_), n) if n == i + 5 => num(i + 3..i + 5)?,
                _ => return None,
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let m = oh * 60 + om;
            if *sign == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    let secs =
        days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec.min(59) - offset_min * 60;
    Timestamp::from_millis(secs * 1000 + frac_ms)
}

/// Go's `time.Duration.String()` form: `1.5s`, `2m3.4ms`, `1h2m3s`, `300µs`, `0s`, `-1.5h`.
pub fn parse_go_duration(s: &str) -> Option<f64> {
    let s = s.trim();
    let (neg, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest == "0" {
        return Some(0.0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total = 0.0f64;
    while !rest.is_empty() {
        let n_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (n, after) = rest.split_at(n_end);
        if n.is_empty() || n == "." {
            return None;
        }
        let value = crate::number::parse_decimal(n)?;
        let u_end = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, next) = after.split_at(u_end);
        let scale = match unit {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        total += value * scale;
        rest = next;
    }
    let total = if neg { -total } else { total };
    total.is_finite().then_some(total)
}

/// .NET `TimeSpan` strings: `00:01:02.3450000`, `1.02:03:04`, `-00:00:05`.
pub fn parse_timespan(s: &str) -> Option<f64> {
    let s = s.trim();
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let parts: Vec<&str> = rest.split(':').collect();
    if parts.len() != 3 {
        return None;
    }
    let (days, hours) = match parts.first()?.split_once('.') {
        Some((d, h)) => (d.parse::<u64>().ok()?, h.parse::<u64>().ok()?),
        None => (0, parts.first()?.parse::<u64>().ok()?),
    };
    let minutes: u64 = parts.get(1)?.parse().ok()?;
    let sec_str = parts.get(2)?;
    let seconds = crate::number::parse_decimal(sec_str)?;
    if hours > 23 || minutes > 59 || seconds >= 60.0 || days > 10_675_199 {
        return None;
    }
    let total = days as f64 * 86_400.0 + hours as f64 * 3600.0 + minutes as f64 * 60.0 + seconds;
    Some(if neg { -total } else { total })
}

/// `340 ms`, `13 s`, `2 m 13 s`, `1 h 2 m`, `3 d 4 h`.
pub fn format_duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "—".to_string();
    }
    let sign = if seconds < 0.0 { "-" } else { "" };
    let s = seconds.abs();
    if s < 1.0 {
        return format!("{sign}{} ms", (s * 1000.0).round() as u64);
    }
    if s < 10.0 && s.fract() >= 0.05 {
        return format!("{sign}{} s", crate::number::fixed(s, 1));
    }
    let total = s.round() as u64;
    let (d, h, m, sec) = (
        total / 86_400,
        total % 86_400 / 3600,
        total % 3600 / 60,
        total % 60,
    );
    let body = if d > 0 {
        if h > 0 {
            format!("{d} d {h} h")
        } else {
            format!("{d} d")
        }
    } else if h > 0 {
        if m > 0 {
            format!("{h} h {m} m")
        } else {
            format!("{h} h")
        }
    } else if m > 0 {
        if sec > 0 {
            format!("{m} m {sec} s")
        } else {
            format!("{m} m")
        }
    } else {
        format!("{sec} s")
    };
    format!("{sign}{body}")
}

/// `just now`, `12 s ago`, `3 min ago`, `2 h ago`, `5 d ago`, `in 3 min`.
pub fn format_relative(then: Timestamp, now: Timestamp) -> String {
    let delta = (now.0 - then.0) / 1000;
    let (future, d) = (delta < 0, delta.unsigned_abs());
    let amount = if d < 5 {
        return "just now".to_string();
    } else if d < 60 {
        format!("{d} s")
    } else if d < 3600 {
        format!("{} min", d / 60)
    } else if d < 86_400 {
        format!("{} h", d / 3600)
    } else {
        format!("{} d", d / 86_400)
    };
    if future {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

/// The local zone's offset (minutes east of UTC) for timestamps, remembered per quarter hour
/// of UTC so that asking the browser (several crossings into JS for each `Date`) happens once
/// per quarter, not once per time shown. An answer holds for its whole quarter: modern zones'
/// offsets are whole quarter hours and they change at a whole local hour or half hour, which
/// is always a quarter-hour boundary of UTC.
#[derive(Debug, Default)]
pub struct OffsetMemo {
    /// The last quarters asked about and their offsets, most recent first.
    recent: Vec<(i64, i32)>,
}

impl OffsetMemo {
    const QUARTER_HOUR_MS: i64 = 15 * 60 * 1000;
    /// A job table's times span a few quarters at most; more would only make lookups slower.
    const REMEMBERED: usize = 8;

    /// The offset at `t`, from memory or else from `ask`.
    pub fn offset_at(&mut self, t: Timestamp, ask: impl FnOnce(Timestamp) -> i32) -> i32 {
        let quarter = t.0.div_euclid(Self::QUARTER_HOUR_MS);
        if let Some(&(_, offset)) = self.recent.iter().find(|(q, _)| *q == quarter) {
            return offset;
        }
        let offset = ask(t);
        self.recent.insert(0, (quarter, offset));
        self.recent.truncate(Self::REMEMBERED);
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Central European time: +60, +120 from 2026-03-29 01:00 UTC.
    fn berlin(t: Timestamp) -> i32 {
        if t.0 >= 1_774_746_000_000 {
            120
        } else {
            60
        }
    }

    #[test]
    fn offset_memo_answers_as_the_zone_does_across_a_change() {
        let mut memo = OffsetMemo::default();
        let change = 1_774_746_000_000;
        for t in (change - 7_200_000..change + 7_200_000).step_by(59_999) {
            assert_eq!(
                memo.offset_at(Timestamp(t), berlin),
                berlin(Timestamp(t)),
                "at {t}"
            );
        }
        // Either side of the change by a millisecond, after the quarters around it were learned.
        assert_eq!(memo.offset_at(Timestamp(change - 1), berlin), 60);
        assert_eq!(memo.offset_at(Timestamp(change), berlin), 120);
    }

    #[test]
    fn offset_memo_asks_once_per_quarter_hour() {
        let mut memo = OffsetMemo::default();
        let mut asked = 0;
        let base = 1_700_000_400_000; // five minutes into a quarter hour
        for t in [
            base,
            base + 1_000,
            base - 30_000,
            base + 120_000,
            base + 1_000_000,
            base,
        ] {
            memo.offset_at(Timestamp(t), |_| {
                asked += 1;
                0
            });
        }
        // base, base+1s, base-30s and base+2min share a quarter; base+1000s is the next one.
        assert_eq!(asked, 2);
        // Negative timestamps (before 1970) are quartered the same way.
        let mut before = OffsetMemo::default();
        assert_eq!(before.offset_at(Timestamp(-1), |_| -300), -300);
        assert_eq!(before.offset_at(Timestamp(-900_000), |_| 0), -300);
        assert_eq!(before.offset_at(Timestamp(-900_001), |_| 7), 7);
    }

    #[test]
    fn iso_dates_with_offsets_and_fractions_become_one_instant() {
        let z = parse_iso8601("2026-03-08T10:00:00Z").unwrap();
        assert_eq!(z.to_utc_string(), "2026-03-08 10:00:00 UTC");
        assert_eq!(parse_iso8601("2026-03-08T12:00:00+02:00"), Some(z));
        assert_eq!(parse_iso8601("2026-03-08T05:30:00-04:30"), Some(z));
        assert_eq!(
            parse_iso8601("2026-03-08T10:00:00.123456789Z").unwrap().0,
            z.0 + 123
        );
        assert_eq!(
            parse_iso8601("2026-03-08T10:00:00.1234567").unwrap().0,
            z.0 + 123
        );
        assert_eq!(parse_iso8601("2026-03-08 10:00:00z"), Some(z));
        assert_eq!(parse_iso8601("1970-01-01T00:00:00Z"), Some(Timestamp(0)));
        assert_eq!(
            parse_iso8601("1969-12-31T23:59:59Z"),
            Some(Timestamp(-1000))
        );
        for bad in [
            "",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-03-08",
            "2026-03-08T25:00:00Z",
            "2026-03-08T10:00:00Q",
            "2026-03-08T10:00:00.Z",
            "２026-03-08T10:00:00Z",
            "2026-03-08T10:00:00+2",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
        assert_eq!(
            parse_iso8601("2024-02-29T00:00:00Z").unwrap().to_rfc3339(),
            "2024-02-29T00:00:00.000Z"
        );
    }

    #[test]
    fn epoch_seconds_and_bounds() {
        assert_eq!(
            Timestamp::from_epoch_seconds(1567399360.056226),
            Some(Timestamp(1_567_399_360_056))
        );
        assert_eq!(Timestamp::from_epoch_seconds(f64::NAN), None);
        assert_eq!(Timestamp::from_epoch_seconds(1e300), None);
        assert_eq!(Timestamp::from_millis(i64::MAX), None);
        assert_eq!(
            Timestamp(1_736_942_400_000).to_local_string(120),
            "2025-01-15 14:00:00"
        );
    }

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("1.5s"), Some(1.5));
        assert!((parse_go_duration("2m3.4ms").unwrap() - 120.0034).abs() < 1e-9);
        assert_eq!(parse_go_duration("1h2m3s"), Some(3723.0));
        assert!((parse_go_duration("300µs").unwrap() - 0.0003).abs() < 1e-12);
        assert_eq!(parse_go_duration("0"), Some(0.0));
        assert_eq!(parse_go_duration("-1.5h"), Some(-5400.0));
        for bad in ["", "5", "1x", "s", "1..5s", "-"] {
            assert_eq!(parse_go_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn dotnet_timespans() {
        assert_eq!(parse_timespan("00:01:02.3450000"), Some(62.345));
        assert_eq!(parse_timespan("1.02:03:04"), Some(93_784.0));
        assert_eq!(parse_timespan("-00:00:05"), Some(-5.0));
        for bad in ["", "1:2", "00:61:00", "aa:bb:cc", "00:00:-5", "24:00:00"] {
            assert_eq!(parse_timespan(bad), None, "{bad}");
        }
    }

    #[test]
    fn human_renderings() {
        assert_eq!(format_duration(0.34), "340 ms");
        assert_eq!(format_duration(1.5), "1.5 s");
        assert_eq!(format_duration(133.0), "2 m 13 s");
        assert_eq!(format_duration(3720.0), "1 h 2 m");
        assert_eq!(format_duration(273_600.0), "3 d 4 h");
        let now = Timestamp(1_000_000_000);
        assert_eq!(format_relative(Timestamp(now.0 - 2_000), now), "just now");
        assert_eq!(format_relative(Timestamp(now.0 - 12_000), now), "12 s ago");
        assert_eq!(
            format_relative(Timestamp(now.0 - 180_000), now),
            "3 min ago"
        );
        assert_eq!(format_relative(Timestamp(now.0 + 180_000), now), "in 3 min");
    }
}
