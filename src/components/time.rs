//! A time as the user's time setting says (relative "3 min ago" or absolute, local or UTC),
//! with the other form on hover.

use crate::app::use_clock;
use crate::prefs::{display_time, use_prefs_read};
use jobdeck_core::prefs::Prefs;
use jobdeck_core::time::Timestamp;
use leptos::prelude::*;

/// The clock and time setting as the times of one view read them. A view that makes many
/// times at once (a table's rows) provides one of these for all of them: one pair of mirrors
/// (see `mirror.rs`) made and dropped with the rows, instead of a pair per cell.
#[derive(Clone, Copy)]
pub struct SharedTime {
    pub clock: Signal<f64>,
    pub prefs: Signal<Prefs>,
}

impl SharedTime {
    pub fn new() -> Self {
        SharedTime { clock: use_clock(), prefs: use_prefs_read() }
    }
}

impl Default for SharedTime {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn RelativeTime(at: Option<Timestamp>) -> impl IntoView {
    let t = at?;
    let SharedTime { clock, prefs } = use_context::<SharedTime>().unwrap_or_default();
    let shown = Memo::new(move |_| display_time(prefs.get(), t, clock.get()));
    Some(view! { <time datetime=t.to_rfc3339() title=move || shown.with(|s| s.1.clone())>{move || shown.with(|s| s.0.clone())}</time> })
}

/// A time in a table cell: the cheap form of [`RelativeTime`] for views that make hundreds at
/// once. The time setting is read once by the table (which re-makes its rows when it changes),
/// so an absolute time is plain text and a relative one follows the clock with a single effect.
#[component]
pub fn TimeCell(at: Option<Timestamp>, prefs: Prefs, clock: Signal<f64>) -> impl IntoView {
    let t = at?;
    let offset = crate::prefs::local_offset_minutes(t);
    Some(match prefs.time_style {
        jobdeck_core::prefs::TimeStyle::Absolute => view! { <time datetime=t.to_rfc3339() title=t.to_utc_string()>{prefs.format_absolute(t, offset)}</time> }.into_any(),
        jobdeck_core::prefs::TimeStyle::Relative => view! {
            <time datetime=t.to_rfc3339() title=prefs.format_absolute(t, offset)>{move || prefs.format_time(t, Timestamp(clock.get() as i64), offset)}</time>
        }.into_any(),
    })
}
