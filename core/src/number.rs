//! Decimal text to and from numbers: display numbers (SVG coordinates, percentages,
//! durations) and the plain decimals inside vendors' duration strings.
//!
//! `format!("{x:.1}")` links Rust's float formatter (Grisu/Dragon with their tables, about
//! 10 KB of wasm) into whatever module uses it, and `str::parse::<f64>` links its parser
//! (Eisel-Lemire with a 10 KB table of powers of five, and a big-decimal fallback). The
//! overview's first-load module is the one that must stay small, and these numbers are short
//! with a few decimals, so scaled integer arithmetic does the job.

/// `x` with `decimals` digits after the point (at most 6): `fixed(33.333, 2)` is `"33.33"`,
/// `fixed(300.0, 0)` is `"300"`. Rounds half away from zero; never prints `-0`. Values beyond
/// what a display needs (|x| ≥ 10^15) are clamped; NaN prints as `0`.
pub fn fixed(x: f64, decimals: u32) -> String {
    let decimals = decimals.min(6);
    let scale = 10u64.pow(decimals);
    let limit = 1e15;
    let x = if x.is_nan() {
        0.0
    } else {
        x.clamp(-limit, limit)
    };
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

/// A plain decimal, digits with at most one point (`"1.5"`, `"300"`, `"2."`, `".5"` is not one:
/// it needs a digit before the point), as vendors write durations. No sign, exponent, spaces or
/// `inf`. Up to 19 significant digits are read exactly and the result is correctly rounded
/// when there are at most 15 of them (the quotient of two exactly representable numbers);
/// beyond that it is within an ulp or two, plenty for a duration.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    if whole.is_empty()
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // Digits past the 19th cannot change an f64 result: skipped, each one a power of ten more
    // in the whole part, nothing in the fraction. Leading zeros are not significant.
    const MAX_DIGITS: usize = 19;
    let (mut mantissa, mut significant, mut scale_up, mut scale_down) = (0u64, 0usize, 0i32, 0i32);
    let digits = whole
        .bytes()
        .map(|b| (b, false))
        .chain(frac.bytes().map(|b| (b, true)));
    for (b, in_fraction) in digits {
        if significant < MAX_DIGITS {
            mantissa = mantissa * 10 + u64::from(b - b'0');
            if mantissa != 0 {
                significant += 1;
            }
            if in_fraction {
                scale_down += 1;
            }
        } else if !in_fraction {
            scale_up += 1;
        }
    }
    let value = mantissa as f64 * 10f64.powi(scale_up) / 10f64.powi(scale_down);
    value.is_finite().then_some(value)
}

/// [`parse_decimal`] with an optional sign: `"-3"`, `"+2.5"`, `"10"`.
pub fn parse_signed_decimal(s: &str) -> Option<f64> {
    match s.strip_prefix('-') {
        Some(rest) => parse_decimal(rest).map(|x| -x),
        None => parse_decimal(s.strip_prefix('+').unwrap_or(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::{fixed, parse_decimal, parse_signed_decimal};

    #[test]
    fn signed_decimals() {
        assert_eq!(parse_signed_decimal("-3"), Some(-3.0));
        assert_eq!(parse_signed_decimal("+2.5"), Some(2.5));
        assert_eq!(parse_signed_decimal("10"), Some(10.0));
        for bad in ["-", "+", "--1", "-+1", "+-1", "1-", "host-1"] {
            assert_eq!(parse_signed_decimal(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn decimals_parse_like_std() {
        for s in [
            "0",
            "1",
            "1.5",
            "300",
            "2.",
            "0.0003",
            "3.4",
            "120.0034",
            "00012.50",
            "59.9999999",
            "1234567890123456789012",
            "0.000000000000000000000123",
        ] {
            let want: f64 = s.parse().unwrap_or(f64::NAN);
            let got = parse_decimal(s).unwrap_or(f64::NAN);
            assert!(
                (got - want).abs() <= want.abs() * 4.0 * f64::EPSILON,
                "{s}: {got} vs {want}"
            );
        }
        for bad in [
            "", ".", ".5", "1.2.3", "-1", "+1", "1e5", " 1", "1 ", "inf", "NaN", "1,5", "١",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn decimals_parse_like_std_for_any_digits(whole in "[0-9]{1,20}", frac in proptest::option::of("[0-9]{0,20}")) {
            let s = match &frac { Some(f) => format!("{whole}.{f}"), None => whole.clone() };
            let want: f64 = s.parse().unwrap_or(f64::NAN);
            let got = parse_decimal(&s).unwrap_or(f64::NAN);
            proptest::prop_assert!((got - want).abs() <= want.abs() * 4.0 * f64::EPSILON, "{} {} {}", s, got, want);
        }

        #[test]
        fn short_decimals_parse_exactly_like_std(whole in "[0-9]{1,8}", frac in "[0-9]{0,7}") {
            let s = format!("{whole}.{frac}");
            proptest::prop_assert_eq!(parse_decimal(&s), s.parse::<f64>().ok());
        }
    }

    #[test]
    fn matches_the_float_formatter_on_display_values() {
        for (x, d) in [
            (0.0, 1),
            (3.0, 1),
            (33.333, 2),
            (66.666_666, 2),
            (300.0, 0),
            (99.5, 0),
            (0.04, 1),
            (12.25, 1),
            (-4.0, 1),
            (1234.5678, 3),
            (7.0, 2),
            (0.999, 2),
        ] {
            let ours = fixed(x, d);
            let std = format!("{x:.*}", d as usize);
            // Exact ties (99.5, 12.25) may round the other way in std (half to even); compare values.
            let (a, b): (f64, f64) = (
                ours.parse().unwrap_or(f64::NAN),
                std.parse().unwrap_or(f64::NAN),
            );
            assert!(
                (a - b).abs() <= 1.0 / 10f64.powi(d as i32) + 1e-9,
                "{x} to {d}: {ours} vs {std}"
            );
            assert_eq!(
                ours.split('.').nth(1).map_or(0, str::len),
                d as usize,
                "{ours}"
            );
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
