//! `/sources/{id}/jobs/{job_id}`: one job. Vendors with a get-one endpoint (osapi, CluedIn) are
//! asked for it; the others (Tines, Vector Charts) are found by scanning their list, bounded.

use crate::app::use_config;
use crate::components::badge::StateBadge;
use crate::components::error::SourceErrorBanner;
use crate::components::health::Health;
use crate::components::time::RelativeTime;
use crate::poll::start_poller;
use crate::source_state::Fetched;
use jobdeck_core::time::format_duration;
use jobdeck_core::{Job, SourceConfig};
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
        match config.with(|c| c.as_ref().and_then(|c| c.source(&id).map(|s| (s.clone(), c.refresh_of(s))))) {
            Some((source, refresh)) => view! { <JobDetail source refresh job_id state /> }.into_any(),
            None => view! { <p class="empty" role="alert">{format!("No source with the id “{id}” is configured. ")}<A href="/">"Back to the overview"</A></p> }.into_any(),
        }
    }
}

#[component]
fn JobDetail(source: SourceConfig, refresh: u32, job_id: String, state: Option<String>) -> impl IntoView {
    let fetched: Fetched<Job> = Fetched::new();
    let src = StoredValue::new(source.clone());
    let wanted = StoredValue::new((job_id.clone(), state));
    let poller = start_poller(refresh, move || {
        let (source, (job_id, state)) = (src.get_value(), wanted.get_value());
        async move {
            // A finished job will not change: stop asking once it is terminal.
            if fetched.data.with_untracked(|d| d.as_ref().is_some_and(|j| j.category.is_terminal())) {
                return Ok(());
            }
            let started = crate::client::perf_now();
            let result = crate::fetch::job(&source, &job_id, state.as_deref()).await;
            fetched.record(started, result)
        }
    });
    let stale = Signal::derive(move || fetched.data.with(Option::is_some));
    let back = format!("/sources/{}", source.id);
    view! {
        <nav class="crumbs" aria-label="Breadcrumb"><A href="/">"Overview"</A>" / "<A href=back>{source.name.clone()}</A>" / "<span>{job_id.clone()}</span></nav>
        <div class="page-head">
            <h1 class="page-title">"Job "<code>{job_id.clone()}</code></h1>
            <Health last_ok_ms=fetched.last_ok_ms latency_ms=fetched.latency_ms busy=poller.busy />
        </div>
        <SourceErrorBanner source_id=source.id.clone() error=fetched.error.into() stale=stale />
        {move || fetched.data.get().map(|job| view! { <JobFields job /> })}
    }
}

#[component]
fn JobFields(job: Job) -> impl IntoView {
    let raw = serde_json::to_string_pretty(&job.raw).unwrap_or_default();
    let run_time = match (job.started, job.finished) {
        (Some(s), Some(f)) if f.0 >= s.0 => Some(format_duration((f.0 - s.0) as f64 / 1000.0)),
        _ => None,
    };
    view! {
        <article data-testid="job-detail" class="detail">
            <dl class="fields">
                <dt>"ID"</dt><dd><code>{job.id.clone()}</code></dd>
                <dt>"State"</dt><dd><StateBadge state=job.state.clone() category=job.category /></dd>
                {job.name.clone().map(|n| view! { <dt>"Type"</dt><dd>{n}</dd> })}
                {job.created.map(|t| view! { <dt>"Created"</dt><dd><RelativeTime at=Some(t) /></dd> })}
                {job.started.map(|t| view! { <dt>"Started"</dt><dd><RelativeTime at=Some(t) /></dd> })}
                {job.finished.map(|t| view! { <dt>"Finished"</dt><dd><RelativeTime at=Some(t) /></dd> })}
                {run_time.map(|d| view! { <dt>"Run time"</dt><dd>{d}</dd> })}
                {job.updated.map(|t| view! { <dt>"Updated"</dt><dd><RelativeTime at=Some(t) /></dd> })}
                {job.progress.map(|p| view! { <dt>"Progress"</dt><dd><progress max="100" value=p></progress>{format!(" {p:.0}%")}</dd> })}
                {job.error.clone().map(|e| view! { <dt>"Error"</dt><dd class="error-text">{e}</dd> })}
            </dl>
            <details class="raw">
                <summary>"Raw record (JSON)"</summary>
                <pre><code>{raw}</code></pre>
            </details>
        </article>
    }
}
