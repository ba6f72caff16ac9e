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
