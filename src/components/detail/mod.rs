//! The job detail view: a header every vendor shares, then one section per vendor.

pub mod charts;
pub mod cluedin;
pub mod osapi;
pub mod tines;

use crate::context::use_clock;
use jobdeck_core::time::{format_duration, format_relative, Timestamp};
use leptos::prelude::*;

/// "2026-03-08 10:00:02 UTC · 3 min ago" (absolute in the zone of the time setting), or a dash.
#[component]
pub fn When(at: Option<Timestamp>) -> impl IntoView {
    let clock = use_clock();
    let prefs = crate::context::use_prefs_read();
    match at {
        Some(t) => view! {
            <time datetime=t.to_rfc3339() title=t.to_rfc3339()>
                {move || prefs.get().format_absolute(t, crate::prefs::local_offset_minutes(t))}
            </time>
            <span class="muted">
                {move || format!(" · {}", format_relative(t, Timestamp(clock.get() as i64)))}
            </span>
        }
        .into_any(),
        None => view! { <span class="muted">"—"</span> }.into_any(),
    }
}

/// A duration between two instants, or since the first one when the second is missing.
pub fn span_text(from: Option<Timestamp>, to: Option<Timestamp>, now: f64) -> Option<String> {
    let from = from?;
    let end = to.map_or(now as i64, |t| t.0);
    (end >= from.0).then(|| format_duration((end - from.0) as f64 / 1000.0))
}

/// A labelled value: `<dt>` and `<dd>` (docs/design.md).
#[component]
pub fn Field(#[prop(into)] label: String, children: Children) -> impl IntoView {
    view! {
        <dt>{label}</dt>
        <dd>{children()}</dd>
    }
}
