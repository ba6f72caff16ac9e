//! The app's data operations, each a sequence of core requests run through the one client:
//! counts (a core CountsPlan), a page of jobs, one job.

use crate::client::execute;
use jobdeck_core::{Adapter, Counts, CountsPlan, ListQuery, Page, SourceConfig, SourceError};

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

/// A job and, for list-scanned vendors, the other jobs read on the way (Vector Charts finds a
/// job's children among them).
#[derive(Clone, Debug, PartialEq)]
pub struct FoundJob {
    pub job: jobdeck_core::Job,
    pub scanned: Vec<jobdeck_core::Job>,
}

/// How many jobs the detail view reads looking for a job in an API without a get-one endpoint.
pub const DETAIL_SCAN_LIMIT: u64 = 2_000;

/// One job: from the get-one endpoint where there is one, else by scanning the list (Tines in
/// the given state's list, else all four; Vector Charts newest first), bounded.
pub async fn job(source: &SourceConfig, job_id: &str, state: Option<&str>) -> Result<FoundJob, SourceError> {
    let adapter = Adapter(source.kind);
    if let Some(req) = adapter.detail_request(job_id) {
        let resp = execute(source, &req).await?;
        return adapter.parse_detail(&resp).map(|job| FoundJob { job, scanned: Vec::new() });
    }
    let mut scanned: Vec<jobdeck_core::Job> = Vec::new();
    let caps = adapter.capabilities();
    let states: Vec<Option<String>> = match (caps.state_required, state) {
        (true, Some(s)) if caps.states.contains(&s) => vec![Some(s.to_string())],
        (true, _) => caps.states.iter().map(|s| Some(s.to_string())).collect(),
        (false, _) => vec![None],
    };
    let per_page = caps.max_page_size;
    for st in states {
        let mut page = 1;
        while (page - 1) * per_page < DETAIL_SCAN_LIMIT {
            let q = ListQuery { state: st.clone(), page, per_page, ..Default::default() };
            let p = self::page(source, &q).await?;
            let has_more = p.has_more;
            scanned.extend(p.jobs);
            if let Some(i) = scanned.iter().position(|j| j.id == job_id) {
                let job = scanned.swap_remove(i);
                return Ok(FoundJob { job, scanned });
            }
            if !has_more {
                break;
            }
            page += 1;
        }
    }
    Err(SourceError::NotFound { detail: Some(format!("job {job_id} was not found in the first {DETAIL_SCAN_LIMIT} jobs of each list")) })
}
