//! Display preferences, one set for the whole app: colour theme, and how times are shown
//! (relative or absolute, local time or UTC). Stored as JSON in the browser; anything
//! unreadable falls back to the defaults field by field.

use crate::time::{format_relative, Timestamp};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the operating system (`prefers-color-scheme`).
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimeStyle {
    /// "3 min ago"
    #[default]
    Relative,
    /// "2026-11-23 10:15:00"
    Absolute,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimeZone {
    #[default]
    Local,
    Utc,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    pub theme: Theme,
    pub time_style: TimeStyle,
    pub time_zone: TimeZone,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The `data-theme` value on `<html>` and the stored name.
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    pub fn from_name(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.name() == s)
    }

    /// The next one in the top bar's toggle: system → light → dark → system.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
}

impl TimeStyle {
    pub fn name(self) -> &'static str {
        match self {
            TimeStyle::Relative => "relative",
            TimeStyle::Absolute => "absolute",
        }
    }

    pub fn from_name(s: &str) -> Option<TimeStyle> {
        [TimeStyle::Relative, TimeStyle::Absolute]
            .into_iter()
            .find(|t| t.name() == s)
    }
}

impl TimeZone {
    pub fn name(self) -> &'static str {
        match self {
            TimeZone::Local => "local",
            TimeZone::Utc => "utc",
        }
    }

    pub fn from_name(s: &str) -> Option<TimeZone> {
        [TimeZone::Local, TimeZone::Utc]
            .into_iter()
            .find(|t| t.name() == s)
    }
}

impl Prefs {
    /// Reads stored preferences; a missing or unknown field keeps its default.
    pub fn from_json(v: &Value) -> Prefs {
        let field = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default();
        Prefs {
            theme: Theme::from_name(field("theme")).unwrap_or_default(),
            time_style: TimeStyle::from_name(field("time")).unwrap_or_default(),
            time_zone: TimeZone::from_name(field("zone")).unwrap_or_default(),
        }
    }

    pub fn to_json(self) -> Value {
        json!({"theme": self.theme.name(), "time": self.time_style.name(), "zone": self.time_zone.name()})
    }

    /// A time as the user asked to see it. `offset_minutes` is the local zone's offset east of
    /// UTC at that instant (the browser knows it; daylight saving makes it vary by date).
    pub fn format_time(self, t: Timestamp, now: Timestamp, offset_minutes: i32) -> String {
        match self.time_style {
            TimeStyle::Relative => format_relative(t, now),
            TimeStyle::Absolute => self.format_absolute(t, offset_minutes),
        }
    }

    /// The absolute form, also the tooltip of a relative time.
    pub fn format_absolute(self, t: Timestamp, offset_minutes: i32) -> String {
        match self.time_zone {
            TimeZone::Utc => t.to_utc_string(),
            TimeZone::Local => format!(
                "{} {}",
                t.to_local_string(offset_minutes),
                utc_offset_label(offset_minutes)
            ),
        }
    }
}

/// `UTC+01:00`, `UTC-05:30`, `UTC` for zero.
pub fn utc_offset_label(offset_minutes: i32) -> String {
    if offset_minutes == 0 {
        return "UTC".to_string();
    }
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let m = offset_minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_fall_back_to_defaults() {
        assert_eq!(
            Prefs::from_json(&json!({"theme": "neon", "time": 3})),
            Prefs::default()
        );
        assert_eq!(Prefs::from_json(&json!("garbage")), Prefs::default());
        let p = Prefs {
            theme: Theme::Dark,
            time_style: TimeStyle::Absolute,
            time_zone: TimeZone::Utc,
        };
        assert_eq!(Prefs::from_json(&p.to_json()), p);
    }

    #[test]
    fn times_follow_the_preference() {
        let t = Timestamp(1_795_421_700_000); // 2026-11-23T08:15:00Z
        let now = Timestamp(t.0 + 180_000);
        let mut p = Prefs::default();
        assert_eq!(p.format_time(t, now, 60), "3 min ago");
        p.time_style = TimeStyle::Absolute;
        assert_eq!(p.format_time(t, now, 60), "2026-11-23 09:15:00 UTC+01:00");
        assert_eq!(p.format_time(t, now, -330), "2026-11-23 02:45:00 UTC-05:30");
        p.time_zone = TimeZone::Utc;
        assert_eq!(p.format_time(t, now, 60), "2026-11-23 08:15:00 UTC");
    }

    #[test]
    fn theme_toggle_cycles() {
        assert_eq!(Theme::System.next().next().next(), Theme::System);
    }
}
