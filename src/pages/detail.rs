//! `/sources/{id}/jobs/{job_id}`: one job, reached from a table row or a pasted link. Vendors
//! with a get-one endpoint (osapi, CluedIn) are asked for it; the others (Tines, Vector Charts)
//! are found by scanning their list, bounded. It refreshes with the source's scheduler until
//! the job reaches a terminal state.

use crate::components::badge::StateBadge;
use crate::components::detail::charts::ChartsSection;
use crate::components::detail::cluedin::CluedinSection;
use crate::components::detail::osapi::OsapiSection;
use crate::components::detail::tines::TinesSection;
use crate::components::detail::{span_text, Field, When};
use crate::components::error::SourceErrorBanner;
use crate::components::health::Health;
use crate::components::json_view::{CopyButton, JsonView};
use crate::context::use_config;
use crate::poll::start_poller;
use crate::source_state::Fetched;
use jobdeck_core::route::Route;
use jobdeck_core::vendors::detail::VendorDetail;
use jobdeck_core::FoundJob;
use jobdeck_core::{SourceConfig, SourceKind};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn JobDetailPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let config = use_config();
    move || {
        let id = params.with(|p| p.get("id")).unwrap_or_default();
        let job_id = params.with(|p| p.get("job_id")).unwrap_or_default();
        let state = query.with(|q| q.get("state"));
        match config.with(|c| {
            c.as_ref()
                .and_then(|c| c.source(&id).map(|s| (s.clone(), c.refresh_of(s))))
        }) {
            Some((source, refresh)) => {
                view! { <JobDetail source refresh job_id state /> }.into_any()
            }
            None => view! {
                <p class="empty" role="alert">
                    {format!("No source with the id “{id}” is configured. ")}
                    <A href=crate::routes::href(&Route::Overview)>"Back to the overview"</A>
                </p>
            }
            .into_any(),
        }
    }
}

#[component]
fn JobDetail(
    source: SourceConfig,
    refresh: u32,
    job_id: String,
    state: Option<String>,
) -> impl IntoView {
    let fetched: Fetched<FoundJob> = Fetched::new();
    let src = StoredValue::new(source.clone());
    let wanted = StoredValue::new((job_id.clone(), state.clone()));
    let poller = start_poller(refresh, move || {
        let (source, (job_id, state)) = (src.get_value(), wanted.get_value());
        async move {
            // A finished job will not change: stop asking once it is terminal.
            if fetched
                .data
                .with_untracked(|d| d.as_ref().is_some_and(|f| f.job.category.is_terminal()))
            {
                return Ok(());
            }
            let started = crate::perf::perf_now();
            let result = crate::fetch::job(&source, &job_id, state.as_deref()).await;
            fetched.record(started, result)
        }
    });
    let stale = Signal::derive(move || fetched.data.with(Option::is_some));
    let back = match &state {
        Some(s) => Route::source_in_state(&source.id, s),
        None => Route::source(&source.id),
    };
    let (kind, sid) = (source.kind, source.id.clone());
    view! {
        <nav class="crumbs" aria-label="Breadcrumb">
            <A href=crate::routes::href(&Route::Overview)>"Overview"</A>
            " / "
            <A href=crate::routes::href(&back)>{source.name.clone()}</A>
            " / "
            <span>{job_id.clone()}</span>
        </nav>
        <div class="page-head">
            <h1 class="page-title">"Job "<code>{job_id.clone()}</code></h1>
            <CopyButton text=job_id.clone() label="Copy job ID" />
            <Health last_ok_ms=fetched.last_ok_ms latency_ms=fetched.latency_ms busy=poller.busy />
        </div>
        <SourceErrorBanner source_id=source.id.clone() error=fetched.error.into() stale=stale />
        {move || match fetched.data.get() {
            Some(found) => view! { <JobView kind source_id=sid.clone() found /> }.into_any(),
            None => {
                view! {
                    <p class="loading" role="status">
                        {move || {
                            if fetched.error.with(Option::is_some) {
                                ""
                            } else {
                                "Loading the job…"
                            }
                        }}
                    </p>
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn JobView(kind: SourceKind, source_id: String, found: FoundJob) -> impl IntoView {
    let job = found.job.clone();
    let (raw, state, category) = (job.raw.clone(), job.state.clone(), job.category);
    view! {
        <article
            data-testid="job-detail"
            class="detail"
            data-state=state
            data-category=category.name()
        >
            <JobSummary kind job />
            <VendorSection kind source_id found />
            <JsonView value=(*raw).clone() summary="Raw record (JSON)" />
        </article>
    }
}

/// The vendor's own section, fed the typed record core reads from the job.
#[component]
fn VendorSection(kind: SourceKind, source_id: String, found: FoundJob) -> impl IntoView {
    match jobdeck_core::Adapter(kind).detail(&found.job) {
        Ok(VendorDetail::Tines(d)) => view! { <TinesSection detail=d /> }.into_any(),
        Ok(VendorDetail::VectorCharts(d)) => {
            let children =
                jobdeck_core::vendors::vector_charts::children_of(&found.job.id, &found.scanned);
            view! { <ChartsSection detail=d source_id children_jobs=children /> }.into_any()
        }
        Ok(VendorDetail::Osapi(d)) => view! { <OsapiSection detail=d /> }.into_any(),
        Ok(VendorDetail::Cluedin(run)) => {
            view! { <CluedinSection run=*run source_id /> }.into_any()
        }
        Err(e) => view! {
            <p role="alert" class="source-error">
                {e.to_string()}
            </p>
        }
        .into_any(),
    }
}

/// What every vendor's job has: state, name, times, run time, progress and error.
#[component]
fn JobSummary(kind: SourceKind, job: jobdeck_core::Job) -> impl IntoView {
    let clock = crate::context::use_clock();
    let (started, finished, created) = (job.started, job.finished, job.created);
    let (state_badge, category) = (job.state.clone(), job.category);
    let (name, updated, progress, error) = (
        job.name.clone(),
        job.updated,
        job.progress,
        job.error.clone(),
    );
    view! {
        <section class="panel summary" aria-labelledby="summary-h">
            <h2 id="summary-h" class="visually-hidden">
                "Summary"
            </h2>
            <dl class="fields">
                <Field label="State">
                    <StateBadge state=state_badge category=category />
                </Field>
                {name
                    .map(|n| crate::components::text::clip(&n))
                    .map(|n| {
                        view! {
                            <Field label=jobdeck_core::Adapter(kind)
                                .header(jobdeck_core::vendors::Column::Name)>{n}</Field>
                        }
                    })}
                {created
                    .map(|t| {
                        view! {
                            <Field label="Created">
                                <When at=Some(t) />
                            </Field>
                        }
                    })}
                {started
                    .map(|t| {
                        view! {
                            <Field label="Started">
                                <When at=Some(t) />
                            </Field>
                        }
                    })}
                {finished
                    .map(|t| {
                        view! {
                            <Field label="Finished">
                                <When at=Some(t) />
                            </Field>
                        }
                    })}
                {started
                    .map(|_| {
                        view! {
                            <Field label=if finished.is_some() {
                                "Run time"
                            } else {
                                "Running for"
                            }>
                                {move || {
                                    span_text(started, finished, clock.get())
                                        .unwrap_or_else(|| "—".into())
                                }}
                            </Field>
                        }
                    })}
                {updated
                    .map(|t| {
                        view! {
                            <Field label="Updated">
                                <When at=Some(t) />
                            </Field>
                        }
                    })}
                {progress
                    .map(|p| {
                        view! {
                            <Field label="Progress">
                                <progress max="100" value=p aria-label="Progress"></progress>
                                {format!(" {}%", jobdeck_core::number::fixed(p, 0))}
                            </Field>
                        }
                    })}
                {error
                    .map(|e| {
                        view! {
                            <Field label="Error">
                                <span class="error-text" data-testid="job-error">
                                    {crate::components::text::clip(&e)}
                                </span>
                            </Field>
                        }
                    })}
            </dl>
        </section>
    }
}
