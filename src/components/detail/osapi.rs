//! osapi: operation, result, changed, error, host; the event timeline; one row per agent
//! joining its response and its processing state.

use super::{Field, When};
use crate::components::json_view::JsonInline;
use crate::components::text::clip;
use jobdeck_core::time::format_duration;
use jobdeck_core::vendors::osapi::{AgentRow, OsapiDetail, TimelineEvent};
use leptos::prelude::*;

fn event_class(event: &str) -> &'static str {
    match event {
        "completed" => "cat-succeeded",
        "failed" => "cat-failed",
        "retried" => "cat-retrying",
        "started" | "acknowledged" => "cat-running",
        _ => "cat-queued",
    }
}

fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "—",
    }
}

#[component]
pub fn OsapiSection(detail: OsapiDetail) -> impl IntoView {
    let (agents, timeline) = (detail.agents.clone(), detail.timeline.clone());
    view! {
        <OperationFields detail />
        <TimelinePanel timeline />
        {(!agents.is_empty()).then(|| view! { <AgentsPanel agents /> })}
    }
}

/// The operation, its result, changed, error and host.
#[component]
fn OperationFields(detail: OsapiDetail) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="op-h" data-testid="vendor-section">
            <h2 id="op-h">"Operation"</h2>
            <dl class="fields">
                <Field label="Operation type">
                    <code>{detail.operation_type.clone().unwrap_or_else(|| "—".into())}</code>
                </Field>
                <Field label="Operation data">
                    <JsonInline
                        value=detail.operation_data.clone().unwrap_or_default()
                        label="operation data"
                    />
                </Field>
                <Field label="Result">
                    <JsonInline value=detail.result.clone().unwrap_or_default() label="result" />
                </Field>
                <Field label="Changed the system">{yes_no(detail.changed)}</Field>
                <Field label="Host">
                    {detail.hostname.clone().unwrap_or_else(|| "—".into())}
                </Field>
                {detail
                    .error
                    .clone()
                    .map(|e| {
                        view! {
                            <Field label="Error">
                                <span class="error-text">{clip(&e)}</span>
                            </Field>
                        }
                    })}
            </dl>
        </section>
    }
}

/// The job's events, in order.
#[component]
fn TimelinePanel(timeline: Vec<TimelineEvent>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="tl-h">
            <h2 id="tl-h">"Timeline"</h2>
            {if timeline.is_empty() {
                view! { <p class="muted">"The record has no timeline yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline" data-testid="timeline">
                        {timeline
                            .into_iter()
                            .map(|e| {
                                view! {
                                    <li>
                                        <span class=format!(
                                            "badge {}",
                                            event_class(&e.event),
                                        )>{e.event.clone()}</span>
                                        " "
                                        <When at=e.at />
                                        {e
                                            .hostname
                                            .map(|h| view! { <span class="host">" on "{h}</span> })}
                                        {e
                                            .message
                                            .map(|m| {
                                                view! { <div class="event-message">{clip(&m)}</div> }
                                            })}
                                        {e
                                            .error
                                            .map(|m| {
                                                view! { <div class="error-text">{clip(&m)}</div> }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

/// One row per agent: its status, Go duration, changed, error and data.
#[component]
fn AgentsPanel(agents: Vec<AgentRow>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="agents-h">
            <h2 id="agents-h">"Agents"</h2>
            <div class="table-wrap">
                <table class="plain" data-testid="agents-table">
                    <thead>
                        <tr>
                            <th scope="col">"Host"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Duration"</th>
                            <th scope="col">"Changed"</th>
                            <th scope="col">"Error"</th>
                            <th scope="col">"Data"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {agents
                            .into_iter()
                            .map(|a| {
                                view! {
                                    <tr data-host=a.host.clone()>
                                        <td>{a.host.clone()}</td>
                                        <td>
                                            {a
                                                .status
                                                .clone()
                                                .map(|s| {
                                                    let c = jobdeck_core::vendors::osapi::category(&s);
                                                    view! {
                                                        <span class=format!("badge cat-{}", c.name())>{s}</span>
                                                    }
                                                })}
                                        </td>
                                        <td>
                                            {a
                                                .duration_seconds
                                                .map(format_duration)
                                                .unwrap_or_else(|| "—".into())}
                                        </td>
                                        <td>{yes_no(a.changed)}</td>
                                        <td class="error-text">
                                            {clip(&a.error.clone().unwrap_or_default())}
                                        </td>
                                        <td>
                                            {a
                                                .data
                                                .clone()
                                                .map(|d| {
                                                    view! {
                                                        <JsonInline value=d label=format!("{} data", a.host) />
                                                    }
                                                })}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
