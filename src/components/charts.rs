//! The overview's two small SVG charts per source: the state distribution now, and the counts
//! by category over this session's refreshes. Geometry comes from `jobdeck_core::history`;
//! every chart also says its numbers in words (`aria-label`), so it is never colour-only.

use crate::context::use_history;
use jobdeck_core::history::{distribution, Line};
use jobdeck_core::number::fixed;
use jobdeck_core::time::format_duration;
use jobdeck_core::Counts;
use leptos::prelude::*;

const WIDTH: f64 = 300.0;
const BAR_HEIGHT: f64 = 12.0;
const LINE_HEIGHT: f64 = 60.0;

#[component]
pub fn StateDistribution(counts: Counts) -> impl IntoView {
    let segments = distribution(&counts, WIDTH);
    if segments.is_empty() {
        return ().into_any();
    }
    // The labels are ASCII; `to_lowercase` would bring Unicode's case tables into the first load.
    let described = format!(
        "State distribution: {}",
        segments
            .iter()
            .map(|s| format!("{} {}", s.count, s.category.label().to_ascii_lowercase()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    view! {
        <svg
            class="chart distribution"
            data-testid="state-distribution"
            viewBox=format!("0 0 {} {}", fixed(WIDTH, 0), fixed(BAR_HEIGHT, 0))
            preserveAspectRatio="none"
            role="img"
            aria-label=described
        >
            {segments
                .into_iter()
                .map(|s| {
                    view! {
                        <rect
                            class=format!("fill-{}", s.category.name())
                            data-category=s.category.name()
                            data-count=s.count.to_string()
                            x=fixed(s.x, 2)
                            y="0"
                            width=fixed(s.width, 2)
                            height=fixed(BAR_HEIGHT, 0)
                        >
                            <title>
                                {format!("{} {}", s.count, s.category.label().to_ascii_lowercase())}
                            </title>
                        </rect>
                    }
                })
                .collect_view()}
        </svg>
    }
    .into_any()
}

/// Counts by category over the refreshes this browser session has seen.
#[component]
pub fn CountsOverTime(#[prop(into)] source_id: String) -> impl IntoView {
    let history = use_history();
    let id = StoredValue::new(source_id);
    let chart = Memo::new(move |_| {
        history.0.with(|all| {
            id.with_value(|id| {
                all.get(id)
                    .map(|h| (h.lines(WIDTH, LINE_HEIGHT), h.len(), h.max(), h.span_ms()))
            })
        })
    });
    move || {
        chart.get().filter(|(lines, ..)| !lines.is_empty()).map(|(lines, samples, max, span_ms)| {
            let span = if samples < 2 { "one refresh so far".to_string() } else { format!("last {} ({samples} refreshes)", format_duration(span_ms as f64 / 1000.0)) };
            let described = format!("Counts over the {span}: {}", lines.iter().map(|l| format!("{} now {}", l.category.label().to_ascii_lowercase(), l.latest.map_or("unknown".to_string(), |n| n.to_string()))).collect::<Vec<_>>().join(", "));
            view! {
                <figure class="chart-figure">
                    <svg
                        class="chart history"
                        data-testid="counts-over-time"
                        data-samples=samples.to_string()
                        viewBox=format!(
                            "-4 -4 {} {}",
                            fixed(WIDTH + 8.0, 0),
                            fixed(LINE_HEIGHT + 8.0, 0),
                        )
                        role="img"
                        aria-label=described
                    >
                        <line
                            class="axis"
                            x1="0"
                            y1=fixed(LINE_HEIGHT, 0)
                            x2=fixed(WIDTH, 0)
                            y2=fixed(LINE_HEIGHT, 0)
                        />
                        {lines
                            .into_iter()
                            .map(|l: Line| {
                                let end = l
                                    .end
                                    .map(|(x, y)| {
                                        view! {
                                            <circle
                                                class=format!("dot stroke-{}", l.category.name())
                                                cx=fixed(x, 1)
                                                cy=fixed(y, 1)
                                                r="2.5"
                                            />
                                        }
                                    });
                                view! {
                                    <g data-category=l.category.name()>
                                        <path
                                            class=format!("line stroke-{}", l.category.name())
                                            d=l.path
                                        />
                                        {end}
                                    </g>
                                }
                            })
                            .collect_view()}
                    </svg>
                    <figcaption class="muted">
                        {format!("Counts over the {span} · top {max}")}
                    </figcaption>
                </figure>
            }
        })
    }
}
