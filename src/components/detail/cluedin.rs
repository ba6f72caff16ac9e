//! CluedIn's job run. CluedIn's docs list the record's fields and say "A design is missing for
//! the Job Details"; this is that design. Every field of the record is shown, grouped the way an
//! operator reads a run: did it work, when did it happen, how far did the agent get, what did
//! processing make of it, and which job, agent and configuration it belongs to.

use super::{span_text, Field, When};
use crate::components::bars::StackedBar;
use crate::context::use_clock;
use crate::routes::href;
use jobdeck_core::route::Route;
use jobdeck_core::time::format_duration;
use jobdeck_core::vendors::cluedin::JobRun;
use jobdeck_core::view::TableView;
use leptos::prelude::*;

fn n(v: Option<u64>) -> String {
    v.map_or_else(|| "—".to_string(), |n| n.to_string())
}

#[component]
pub fn CluedinSection(run: JobRun, #[prop(into)] source_id: String) -> impl IntoView {
    view! {
        <div class="cluedin-run" data-testid="vendor-section">
            <RunStatus run=run.clone() />
            <RunTimeline run=run.clone() />
            <AgentPhase run=run.clone() />
            <ProcessingPhase run=run.clone() />
            <RunIdentity run source_id />
        </div>
    }
}

/// Did it work: the outcome in words, the agent state, success, cancellation and the message.
#[component]
fn RunStatus(run: JobRun) -> impl IntoView {
    let outcome = match (run.is_success, run.job.category.is_terminal()) {
        (Some(true), _) => ("Succeeded", "ok"),
        (Some(false), _) => ("Did not succeed", "bad"),
        (None, true) => ("Finished (no result reported)", "neutral"),
        (None, false) => ("Still running", "neutral"),
    };
    view! {
        <section class="panel run-status" aria-labelledby="ci-status-h">
            <h2 id="ci-status-h">"Status"</h2>
            <div class=format!("outcome outcome-{}", outcome.1) data-testid="run-outcome">
                {outcome.0}
            </div>
            <dl class="fields">
                <Field label="Agent state">
                    {run.agent_state.clone().unwrap_or_else(|| "Unknown".into())}
                </Field>
                <Field label="Success">
                    {match run.is_success {
                        Some(true) => "yes",
                        Some(false) => "no",
                        None => "not yet reported",
                    }}
                </Field>
                <Field label="Cancellation requested">
                    {match run.is_cancellation_requested {
                        Some(true) => "yes",
                        Some(false) => "no",
                        None => "—",
                    }}
                </Field>
                <Field label="Result message">
                    {run
                        .message
                        .clone()
                        .map_or_else(
                            || view! { <span class="muted">"none"</span> }.into_any(),
                            |m| {
                                view! {
                                    <span class="result-message">
                                        {crate::components::text::clip(&m)}
                                    </span>
                                }
                                    .into_any()
                            },
                        )}
                </Field>
            </dl>
        </section>
    }
}

/// When it happened: queued → started → ended, with the waits between them (live while running).
#[component]
fn RunTimeline(run: JobRun) -> impl IntoView {
    let clock = use_clock();
    let queued_for = run.elapsed_queued_seconds.map(format_duration);
    let executed_for = run.elapsed_execution_seconds.map(format_duration);
    let (q, s, e) = (run.queued, run.start, run.end);
    let queued_live = move || queued_for.clone().or_else(|| span_text(q, s, clock.get()));
    let exec_live = move || {
        executed_for
            .clone()
            .or_else(|| span_text(s, e, clock.get()))
    };
    view! {
        <section class="panel" aria-labelledby="ci-time-h">
            <h2 id="ci-time-h">"Timeline"</h2>
            <ol class="run-timeline" data-testid="run-timeline">
                <li class=if q.is_some() { "reached" } else { "" }>
                    <span class="dot"></span>
                    <strong>"Queued"</strong>
                    <When at=q />
                </li>
                <li class="gap">
                    {move || queued_live().map(|d| format!("waited {d} in the queue"))}
                </li>
                <li class=if s.is_some() { "reached" } else { "" }>
                    <span class="dot"></span>
                    <strong>"Started"</strong>
                    <When at=s />
                </li>
                <li class="gap">
                    {move || {
                        exec_live()
                            .map(|d| {
                                if e.is_some() {
                                    format!("ran for {d}")
                                } else {
                                    format!("running for {d}")
                                }
                            })
                    }}
                </li>
                <li class=if e.is_some() { "reached" } else { "" }>
                    <span class="dot"></span>
                    <strong>"Ended"</strong>
                    <When at=e />
                </li>
            </ol>
            <dl class="fields">
                <Field label="Elapsed queued time">
                    {run.elapsed_queued_seconds.map_or_else(|| "—".into(), format_duration)}
                </Field>
                <Field label="Elapsed execution time">
                    {run.elapsed_execution_seconds.map_or_else(|| "—".into(), format_duration)}
                </Field>
            </dl>
        </section>
    }
}

/// How far the agent got: percent completed, its tasks and clues.
#[component]
fn AgentPhase(run: JobRun) -> impl IntoView {
    let t = run.tasks.clone();
    let c = run.clues.clone();
    let percent = run.percent_completed.unwrap_or(0.0);
    view! {
        <section class="panel" aria-labelledby="ci-agent-h">
            <h2 id="ci-agent-h">"Agent phase"</h2>
            <div class="percent">
                <progress max="100" value=percent aria-label="Percent completed"></progress>
                <span data-testid="percent-completed">
                    {format!(" {}% completed", jobdeck_core::number::fixed(percent, 0))}
                </span>
            </div>
            <StackedBar
                title="Tasks"
                whole=t.expected.unwrap_or(0).max(t.total.unwrap_or(0))
                whole_label="expected"
                parts=vec![
                    ("completed", t.completed.unwrap_or(0), "cat-succeeded"),
                    ("failed", t.failed.unwrap_or(0), "cat-failed"),
                    ("queued", t.queued.unwrap_or(0), "cat-queued"),
                ]
            />
            <p class="muted">
                {format!("{} tasks in all, {} expected", n(t.total), n(t.expected))}
            </p>
            <StackedBar
                title="Clues"
                whole=c.total.unwrap_or(0)
                parts=vec![
                    ("completed", c.completed.unwrap_or(0), "cat-succeeded"),
                    ("failed", c.failed.unwrap_or(0), "cat-failed"),
                    ("queued", c.queued.unwrap_or(0), "cat-queued"),
                ]
            />
            <dl class="fields">
                <Field label="Last submitted">
                    <When at=run.last_submitted />
                </Field>
            </dl>
        </section>
    }
}

/// What processing made of it: its state and dates, and the breakdown of its tasks.
#[component]
fn ProcessingPhase(run: JobRun) -> impl IntoView {
    let p = run.processing_tasks.clone();
    view! {
        <section class="panel" aria-labelledby="ci-proc-h">
            <h2 id="ci-proc-h">"Processing phase"</h2>
            <dl class="fields">
                <Field label="Processing state">
                    {run
                        .processing_state
                        .clone()
                        .map_or_else(
                            || "—".to_string(),
                            |s| {
                                if s.chars().all(|c| c.is_ascii_digit()) {
                                    format!("state {s}")
                                } else {
                                    s
                                }
                            },
                        )}
                </Field>
                <Field label="Queued">
                    <When at=run.processing_queued />
                </Field>
                <Field label="Started">
                    <When at=run.processing_start />
                </Field>
                <Field label="Ended">
                    <When at=run.processing_end />
                </Field>
                <Field label="Updated">
                    <When at=run.processing_updated />
                </Field>
            </dl>
            <StackedBar
                title="Processing tasks"
                whole=p.total.unwrap_or(0)
                parts=vec![
                    ("completed", p.completed.unwrap_or(0), "cat-succeeded"),
                    ("failed", p.failed.unwrap_or(0), "cat-failed"),
                    ("skipped", run.processing_skipped.unwrap_or(0), "cat-cancelled"),
                    ("already existed", run.processing_already_exists.unwrap_or(0), "cat-other"),
                    (
                        "already up to date",
                        run.processing_already_up_to_date.unwrap_or(0),
                        "cat-running",
                    ),
                    ("ignored", run.processing_ignored.unwrap_or(0), "cat-retrying"),
                    ("queued", p.queued.unwrap_or(0), "cat-queued"),
                ]
            />
            <table class="plain breakdown" data-testid="processing-breakdown">
                <tbody>
                    <tr>
                        <th scope="row">"Tasks"</th>
                        <td>{n(p.total)}</td>
                        <th scope="row">"Retries"</th>
                        <td>{n(run.processing_retries)}</td>
                    </tr>
                    <tr>
                        <th scope="row">"Received payloads"</th>
                        <td>{n(run.received_payloads)}</td>
                        <th scope="row">"Received clues"</th>
                        <td>{n(run.received_clues)}</td>
                    </tr>
                    <tr>
                        <th scope="row">"Received log lines"</th>
                        <td>{n(run.received_log_lines)}</td>
                        <th scope="row">"Failed"</th>
                        <td>{n(p.failed)}</td>
                    </tr>
                </tbody>
            </table>
        </section>
    }
}

/// Which job, run, agent and configuration it belongs to.
#[component]
fn RunIdentity(run: JobRun, source_id: String) -> impl IntoView {
    let config_link = run.configuration_id.clone().map(|cid| {
        let view = TableView::from_pairs([("config", cid.as_str())]);
        (href(&Route::source_view(&source_id, &view)), cid)
    });
    view! {
        <section class="panel" aria-labelledby="ci-id-h">
            <h2 id="ci-id-h">"Identity"</h2>
            <dl class="fields">
                <Field label="Job ID">
                    <code>{run.job_id.clone().unwrap_or_else(|| "—".into())}</code>
                </Field>
                <Field label="Run ID">
                    <code>{run.run_id.clone().unwrap_or_else(|| "—".into())}</code>
                </Field>
                <Field label="Agent ID">
                    <code>{run.agent_id.clone().unwrap_or_else(|| "—".into())}</code>
                </Field>
                <Field label="Agent key">
                    <code>{run.agent_key.clone().unwrap_or_else(|| "—".into())}</code>
                </Field>
                <Field label="Configuration">
                    {match config_link {
                        Some((link, id)) => {
                            view! {
                                <a href=link data-testid="config-link">
                                    {id}
                                </a>
                                " (jobs of this configuration)"
                            }
                                .into_any()
                        }
                        None => view! { <span class="muted">"not in the record"</span> }.into_any(),
                    }}
                </Field>
                <Field label="Updated">
                    <When at=run.update_date />
                </Field>
            </dl>
        </section>
    }
}
