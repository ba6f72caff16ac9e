//! A stacked bar with its numbers: several parts of one whole, readable without the colours.

use jobdeck_core::number::fixed;
use leptos::prelude::*;

/// One part: label, value, CSS class for its colour.
pub type Part = (&'static str, u64, &'static str);

#[component]
pub fn StackedBar(
    #[prop(into)] title: String,
    parts: Vec<Part>,
    /// The whole, when larger than the parts' sum (e.g. expected tasks).
    #[prop(optional)]
    whole: Option<u64>,
    /// How the whole is described: "expected" (tasks planned) or "in all".
    #[prop(default = "in all")]
    whole_label: &'static str,
) -> impl IntoView {
    let sum: u64 = parts.iter().map(|p| p.1).sum();
    let total = whole.unwrap_or(sum).max(sum);
    let described = {
        let mut d: Vec<String> = parts.iter().map(|(l, v, _)| format!("{v} {l}")).collect();
        if let Some(w) = whole {
            d.push(format!("of {w} {whole_label}"));
        }
        format!("{title}: {}", d.join(", "))
    };
    let pct = move |v: u64| {
        if total == 0 {
            0.0
        } else {
            v as f64 * 100.0 / total as f64
        }
    };
    view! {
        <figure class="stacked" data-testid="stacked-bar" data-title=title.clone()>
            <figcaption>{title.clone()}</figcaption>
            <div class="bar" role="img" aria-label=described>
                {parts
                    .iter()
                    .filter(|p| p.1 > 0)
                    .map(|(l, v, class)| {
                        view! {
                            <span
                                class=format!("seg {class}")
                                style:width=format!("{}%", fixed(pct(*v), 2))
                                title=format!("{v} {l}")
                            ></span>
                        }
                    })
                    .collect_view()}
            </div>
            <ul class="legend">
                {parts
                    .iter()
                    .map(|(l, v, class)| {
                        view! {
                            <li>
                                <span class=format!("swatch {class}")></span>
                                {format!("{v} {l}")}
                            </li>
                        }
                    })
                    .collect_view()}
                {whole.map(|w| view! { <li class="muted">{format!("{w} {whole_label}")}</li> })}
            </ul>
        </figure>
    }
}
