//! The Settings page's "Display" section: theme, and how times are shown, for the whole app.

use crate::prefs::use_prefs;
use jobdeck_core::prefs::{Theme, TimeStyle, TimeZone};
use leptos::prelude::*;

#[component]
pub fn DisplaySettings() -> impl IntoView {
    let prefs = use_prefs();
    view! {
        <section class="panel" aria-labelledby="display-h" data-testid="display-settings">
            <h2 id="display-h">"Display"</h2>
            <fieldset class="choices">
                <legend>"Theme"</legend>
                {Theme::ALL.into_iter().map(|t| view! {
                    <label class="check">
                        <input type="radio" name="theme" value=t.name() prop:checked=move || prefs.get().theme == t on:change=move |_| prefs.update(|p| p.theme = t) />
                        {format!(" {}", t.label())}
                    </label>
                }).collect_view()}
            </fieldset>
            <fieldset class="choices">
                <legend>"Times"</legend>
                {[(TimeStyle::Relative, "Relative (3 min ago)"), (TimeStyle::Absolute, "Absolute (2026-11-23 10:15:00)")].into_iter().map(|(s, label)| view! {
                    <label class="check">
                        <input type="radio" name="time-style" value=s.name() prop:checked=move || prefs.get().time_style == s on:change=move |_| prefs.update(|p| p.time_style = s) />
                        {format!(" {label}")}
                    </label>
                }).collect_view()}
            </fieldset>
            <fieldset class="choices">
                <legend>"Time zone"</legend>
                {[(TimeZone::Local, "This computer's time zone"), (TimeZone::Utc, "UTC")].into_iter().map(|(z, label)| view! {
                    <label class="check">
                        <input type="radio" name="time-zone" value=z.name() prop:checked=move || prefs.get().time_zone == z on:change=move |_| prefs.update(|p| p.time_zone = z) />
                        {format!(" {label}")}
                    </label>
                }).collect_view()}
            </fieldset>
            <p class="muted">"Saved in this browser. Relative times show the absolute one on hover, and the other way round."</p>
        </section>
    }
}
