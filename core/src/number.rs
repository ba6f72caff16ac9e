//! Decimal text for display numbers (SVG coordinates, percentages, durations).
//!
//! `format!("{x:.1}")` links Rust's float formatter (Grisu/Dragon with their tables, about
//! 10 KB of wasm) into whatever module uses it, and the overview's first-load module is the
//! one that must stay small. Display numbers here are small and need a fixed number of
//! decimals, so scaled integer arithmetic does the job.

/// `x` with `decimals` digits after the point (at most 6): `fixed(33.333, 2)` is `"33.33"`,
/// `fixed(300.0, 0)` is `"300"`. Rounds half away from zero; never prints `-0`. Values beyond
/// what a display needs (|x| ≥ 10^15) are clamped; NaN prints as `0`.
pub fn fixed(x: f64, decimals: u32) -> String {
    let decimals = decimals.min(6);
    let scale = 10u64.pow(decimals);
    let limit = 1e15;
    let x = if x.is_nan() { 0.0 } else { x.clamp(-limit, limit) };
    // `as` saturates and the clamp keeps x·scale below 2^63, so this cannot overflow.
    let scaled = (x.abs() * scale as f64).round() as u64;
    let sign = if x < 0.0 && scaled != 0 { "-" } else { "" };
    let (whole, frac) = (scaled / scale, scaled % scale);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac:0width$}", width = decimals as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn matches_the_float_formatter_on_display_values() {
        for (x, d) in [(0.0, 1), (3.0, 1), (33.333, 2), (66.666_666, 2), (300.0, 0), (99.5, 0), (0.04, 1), (12.25, 1), (-4.0, 1), (1234.5678, 3), (7.0, 2), (0.999, 2)] {
            let ours = fixed(x, d);
            let std = format!("{x:.*}", d as usize);
            // Exact ties (99.5, 12.25) may round the other way in std (half to even); compare values.
            let (a, b): (f64, f64) = (ours.parse().unwrap_or(f64::NAN), std.parse().unwrap_or(f64::NAN));
            assert!((a - b).abs() <= 1.0 / 10f64.powi(d as i32) + 1e-9, "{x} to {d}: {ours} vs {std}");
            assert_eq!(ours.split('.').nth(1).map_or(0, str::len), d as usize, "{ours}");
        }
        assert_eq!(fixed(33.333, 2), "33.33");
        assert_eq!(fixed(300.0, 0), "300");
        assert_eq!(fixed(12.34, 1), "12.3");
        assert_eq!(fixed(0.05, 1), "0.1");
        assert_eq!(fixed(-1.25, 1), "-1.3");
    }

    #[test]
    fn no_negative_zero_and_no_nan() {
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-0.0, 0), "0");
        assert_eq!(fixed(f64::NAN, 2), "0.00");
        assert_eq!(fixed(f64::INFINITY, 0), "1000000000000000");
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_float_formatter_within_one_last_digit(x in -1e6f64..1e6, d in 0u32..4) {
            let ours: f64 = fixed(x, d).parse().unwrap_or(f64::NAN);
            let std: f64 = format!("{x:.*}", d as usize).parse().unwrap_or(f64::NAN);
            proptest::prop_assert!((ours - std).abs() <= 1.0 / 10f64.powi(d as i32) + 1e-6, "{} {} {} {}", x, d, ours, std);
        }
    }
}
