//! A time as the user's time setting says (relative "3 min ago" or absolute, local or UTC),
//! with the other form on hover.

use crate::app::use_clock;
use crate::prefs::{display_time, use_prefs_read};
use jobdeck_core::time::Timestamp;
use leptos::prelude::*;

#[component]
pub fn RelativeTime(at: Option<Timestamp>) -> impl IntoView {
    let clock = use_clock();
    let prefs = use_prefs_read();
    at.map(|t| {
        let shown = Memo::new(move |_| display_time(prefs.get(), t, clock.get()));
        view! { <time datetime=t.to_rfc3339() title=move || shown.with(|s| s.1.clone())>{move || shown.with(|s| s.0.clone())}</time> }
    })
}
