//! A time shown relative ("3 min ago") with the exact time on hover.

use crate::app::use_clock;
use jobdeck_core::time::{format_relative, Timestamp};
use leptos::prelude::*;

#[component]
pub fn RelativeTime(at: Option<Timestamp>) -> impl IntoView {
    let clock = use_clock();
    at.map(|t| {
        view! { <time datetime=t.to_rfc3339() title=t.to_utc_string()>{move || format_relative(t, Timestamp(clock.get() as i64))}</time> }
    })
}
