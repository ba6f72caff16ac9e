//! Vector Charts: priority, account, parent and child jobs, the steps as a timeline, the logs
//! with a level filter, parameters and result.

use super::{Field, When};
use crate::components::json_view::JsonInline;
use crate::routes::href;
use jobdeck_core::route::Route;
use jobdeck_core::time::format_duration;
use jobdeck_core::vendors::vector_charts::{ChartsDetail, LogLine, Step};
use jobdeck_core::Job;
use leptos::prelude::*;

#[component]
pub fn ChartsSection(
    detail: ChartsDetail,
    #[prop(into)] source_id: String,
    children_jobs: Vec<Job>,
) -> impl IntoView {
    let (steps, logs) = (detail.steps.clone(), detail.logs.clone());
    view! {
        <ChartsFields detail source_id children_jobs />
        <StepsPanel steps />
        <LogsPanel logs />
    }
}

/// Priority, account, the parent and child jobs as links, parameters and result.
#[component]
fn ChartsFields(detail: ChartsDetail, source_id: String, children_jobs: Vec<Job>) -> impl IntoView {
    let link = |id: &str| {
        href(&Route::Job {
            source_id: source_id.clone(),
            job_id: id.to_string(),
            state: None,
        })
    };
    let parent = detail.parent_id.clone().map(|p| (link(&p), p));
    let kids: Vec<(String, String, String)> = children_jobs
        .iter()
        .map(|j| (link(&j.id), j.id.clone(), j.state.clone()))
        .collect();
    view! {
        <section class="panel" aria-labelledby="vc-h" data-testid="vendor-section">
            <h2 id="vc-h">"Vector Charts job"</h2>
            <dl class="fields">
                <Field label="Priority">
                    {detail
                        .priority
                        .map_or_else(
                            || "— (not reported by this server)".to_string(),
                            |p| p.to_string(),
                        )}
                </Field>
                <Field label="Account">
                    {detail.account_id.clone().unwrap_or_else(|| "system-wide".into())}
                </Field>
                <Field label="Parent job">
                    {match parent {
                        Some((link, id)) => {
                            view! {
                                <a href=link data-testid="parent-link">
                                    {id}
                                </a>
                            }
                                .into_any()
                        }
                        None => view! { <span class="muted">"none"</span> }.into_any(),
                    }}
                </Field>
                <Field label="Child jobs">
                    {if kids.is_empty() {
                        view! { <span class="muted">"none among the loaded jobs"</span> }.into_any()
                    } else {
                        view! {
                            <ul class="inline-list" data-testid="child-jobs">
                                {kids
                                    .into_iter()
                                    .map(|(link, id, state)| {
                                        view! {
                                            <li>
                                                <a href=link>{id}</a>
                                                " ("
                                                {state}
                                                ")"
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                </Field>
                <Field label="Parameters">
                    <JsonInline
                        value=detail.parameters.clone().unwrap_or_default()
                        label="parameters"
                    />
                </Field>
                <Field label="Result">
                    <JsonInline value=detail.result.clone().unwrap_or_default() label="result" />
                </Field>
            </dl>
        </section>
    }
}

/// The steps as a timeline.
#[component]
fn StepsPanel(steps: Vec<Step>) -> impl IntoView {
    let longest = steps
        .iter()
        .filter_map(|s| s.duration_seconds())
        .fold(0.0f64, f64::max);
    view! {
        <section class="panel" aria-labelledby="steps-h">
            <h2 id="steps-h">"Steps"</h2>
            {if steps.is_empty() {
                view! { <p class="muted">"No steps recorded."</p> }.into_any()
            } else {
                view! {
                    <ol class="steps" data-testid="steps">
                        {steps.into_iter().map(|s| view! { <StepItem s longest /> }).collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

/// One step: its status, a bar as long as its share of the longest step, its times and error.
#[component]
fn StepItem(s: Step, longest: f64) -> impl IntoView {
    let d = s.duration_seconds();
    let width = d.map_or(2.0, |d| {
        if longest > 0.0 {
            (d / longest * 100.0).max(2.0)
        } else {
            2.0
        }
    });
    let status = s.status.clone().unwrap_or_else(|| "unknown".into());
    let cat = jobdeck_core::vendors::vector_charts::category(&status);
    view! {
        <li class="step">
            <div class="step-head">
                <strong>{s.name.clone()}</strong>
                " "
                <span class=format!("badge cat-{}", cat.name())>{status}</span>
                {s
                    .attempt
                    .map(|a| {
                        view! { <span class="muted">{format!(" attempt {a}")}</span> }
                    })}
            </div>
            <div class="step-bar">
                <span
                    class=format!("seg cat-{}", cat.name())
                    style:width=format!("{}%", jobdeck_core::number::fixed(width, 1))
                ></span>
            </div>
            <div class="step-times">
                <When at=s.started />
                " → "
                <When at=s.completed />
                {d
                    .map(|d| {
                        view! { <span>{format!(" · {}", format_duration(d))}</span> }
                    })}
            </div>
            {s
                .error
                .clone()
                .map(|e| {
                    view! { <div class="error-text">{crate::components::text::clip(&e)}</div> }
                })}
        </li>
    }
}

/// The logs, with a level filter.
#[component]
fn LogsPanel(logs: Vec<LogLine>) -> impl IntoView {
    let level = RwSignal::new(String::new());
    view! {
        <section class="panel" aria-labelledby="logs-h">
            <div class="section-head">
                <h2 id="logs-h">"Logs"</h2>
                <label>
                    "Level "
                    <select
                        aria-label="Log level"
                        on:change=move |ev| level.set(event_target_value(&ev))
                    >
                        <option value="">"All"</option>
                        <option value="info">"info"</option>
                        <option value="warning">"warning"</option>
                        <option value="error">"error"</option>
                    </select>
                </label>
            </div>
            <ol class="logs" data-testid="logs">
                {move || {
                    let want = level.get();
                    let shown: Vec<_> = logs
                        .iter()
                        .filter(|l| want.is_empty() || l.level == want)
                        .cloned()
                        .collect();
                    if shown.is_empty() {
                        return view! { <li class="muted">"No log lines at this level."</li> }
                            .into_any();
                    }
                    shown
                        .into_iter()
                        .map(|l| {
                            view! {
                                <li class=format!("log log-{}", l.level) data-level=l.level.clone()>
                                    <span class="log-level">{l.level.clone()}</span>
                                    " "
                                    <When at=l.at />
                                    <div class="log-message">
                                        {crate::components::text::clip(&l.message)}
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ol>
        </section>
    }
}
