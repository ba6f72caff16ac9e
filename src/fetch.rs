//! The app's data operations, each a core plan driven to its end: counts (a
//! [`CountsPlan`]), a page of jobs, one job (a [`DetailPlan`]), through the source's transport.

use crate::transport::execute;
use jobdeck_core::{
    Adapter, Counts, CountsPlan, DetailPlan, FoundJob, ListQuery, Page, SourceConfig, SourceError,
};

/// Runs a source's counts plan to the end, one request at a time (one in flight per view).
pub async fn counts(source: &SourceConfig) -> Result<Counts, SourceError> {
    let mut plan = CountsPlan::new(source.kind);
    while !plan.is_done() {
        let mut responses = Vec::new();
        for req in plan.requests() {
            responses.push(execute(source, &req).await?);
        }
        plan.absorb(&responses)?;
    }
    plan.finish()
}

/// One page of a source's job list.
pub async fn page(source: &SourceConfig, query: &ListQuery) -> Result<Page, SourceError> {
    let adapter = Adapter(source.kind);
    let resp = execute(source, &adapter.list_request(query)).await?;
    adapter.parse_list(query, &resp)
}

/// One job: from the get-one endpoint where there is one, else by scanning the lists, bounded.
pub async fn job(
    source: &SourceConfig,
    job_id: &str,
    state: Option<&str>,
) -> Result<FoundJob, SourceError> {
    let mut plan = DetailPlan::new(source.kind, job_id, state);
    while let Some(req) = plan.request() {
        let resp = execute(source, &req).await?;
        plan.absorb(&resp)?;
    }
    plan.finish()
}
