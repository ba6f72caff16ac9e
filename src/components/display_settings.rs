//! The Settings page's "Display" section: theme, and how times are shown, for the whole app.

use crate::context::use_prefs;
use jobdeck_core::prefs::{Prefs, Theme, TimeStyle, TimeZone};
use leptos::prelude::*;

#[component]
pub fn DisplaySettings() -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="display-h" data-testid="display-settings">
            <h2 id="display-h">"Display"</h2>
            {choices(
                "Theme",
                "theme",
                Theme::ALL.map(|t| (t, t.name(), t.label())).to_vec(),
                |p| p.theme,
                |p, t| p.theme = t,
            )}
            {choices(
                "Times",
                "time-style",
                vec![
                    (TimeStyle::Relative, TimeStyle::Relative.name(), "Relative (3 min ago)"),
                    (
                        TimeStyle::Absolute,
                        TimeStyle::Absolute.name(),
                        "Absolute (2026-11-23 10:15:00)",
                    ),
                ],
                |p| p.time_style,
                |p, s| p.time_style = s,
            )}
            {choices(
                "Time zone",
                "time-zone",
                vec![
                    (TimeZone::Local, TimeZone::Local.name(), "This computer's time zone"),
                    (TimeZone::Utc, TimeZone::Utc.name(), "UTC"),
                ],
                |p| p.time_zone,
                |p, z| p.time_zone = z,
            )}
            <p class="muted">
                "Saved in this browser. Relative times show the absolute one on hover, and the other way round."
            </p>
        </section>
    }
}

/// One preference as a group of radio buttons: (value, its stored name, its label) each.
fn choices<T: Copy + PartialEq + Send + Sync + 'static>(
    legend: &'static str,
    name: &'static str,
    options: Vec<(T, &'static str, &'static str)>,
    get: fn(&Prefs) -> T,
    set: fn(&mut Prefs, T),
) -> impl IntoView {
    let prefs = use_prefs();
    view! {
        <fieldset class="choices">
            <legend>{legend}</legend>
            {options
                .into_iter()
                .map(|(value, value_name, label)| {
                    view! {
                        <label class="check">
                            <input
                                type="radio"
                                name=name
                                value=value_name
                                prop:checked=move || get(&prefs.get()) == value
                                on:change=move |_| prefs.update(|p| set(p, value))
                            />
                            {format!(" {label}")}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
