//! Vector Charts OEM Portal API: `limit`/`offset` (limit capped at 200), `activeOnly` as the only
//! server-side filter, epoch-millisecond job times beside ISO-8601 log times, and older servers
//! that answer a bare array of every job (no paging at all).

use std::sync::Arc;
use super::{offset_of, parse_each};
use crate::error::SourceError;
use crate::http::HttpRequest;
use crate::json::Fields;
use crate::model::{Capabilities, Count, Job, ListQuery, Page, PagingStyle, SourceKind, StateCategory};
use crate::time::{parse_iso8601, Timestamp};
use serde_json::Value;

pub const STATES: &[&str] = &["pending", "running", "completed", "failed", "cancelled"];
pub const MAX_LIMIT: u64 = 200;
pub const PATH: &str = "/api/portal/v1/jobs";

pub fn capabilities() -> Capabilities {
    Capabilities {
        kind: SourceKind::VectorCharts,
        states: STATES,
        server_state_filter: false,
        state_required: false,
        paging: PagingStyle::LimitOffset,
        default_page_size: 25,
        max_page_size: MAX_LIMIT,
        has_detail_endpoint: false,
        supports_active_only: true,
        supports_config_filter: false,
    }
}

pub fn category(state: &str) -> StateCategory {
    match state {
        "pending" => StateCategory::Queued,
        "running" => StateCategory::Running,
        "completed" => StateCategory::Succeeded,
        "failed" => StateCategory::Failed,
        "cancelled" => StateCategory::Cancelled,
        _ => StateCategory::Other,
    }
}

pub fn list_request(q: &ListQuery) -> HttpRequest {
    let r = HttpRequest::get(PATH);
    let r = if q.active_only { r.param("activeOnly", "true") } else { r };
    r.param("limit", q.per_page).param("offset", offset_of(q))
}

pub fn parse_list(q: &ListQuery, body: &Value) -> Result<Page, SourceError> {
    let offset = offset_of(q);
    match body {
        // Before pagination existed the endpoint returned every job as a bare array and ignored
        // limit/offset: the array is the whole list, so page it here and the total is exact.
        Value::Array(all) => {
            let mut jobs = parse_each(all, "the list", parse_job)?;
            if q.active_only {
                jobs.retain(|j| matches!(j.state.as_str(), "pending" | "running"));
            }
            let total = jobs.len() as u64;
            let start = (offset.min(total)) as usize;
            let jobs: Vec<Job> = jobs.into_iter().skip(start).take(q.per_page as usize).collect();
            let has_more = offset.saturating_add(q.per_page) < total;
            Ok(Page { jobs, total: Count::Exact(total), has_more, page: q.page, per_page: q.per_page })
        }
        Value::Object(_) => {
            let f = Fields::new(body, String::new())?;
            let items = f.opt_array("jobs")?.ok_or_else(|| f.missing("jobs"))?;
            let jobs = parse_each(items, "jobs", parse_job)?;
            let total = match f.opt_object("pagination")? {
                Some(_) => {
                    let p = Fields::new(f.get("pagination").unwrap_or(&Value::Null), "pagination".into())?;
                    p.opt_count("total")?
                }
                None => None,
            };
            Ok(super::page_with_total(q, jobs, total))
        }
        other => Err(SourceError::invalid(format!("the body: expected an object or a list, found {}", crate::json::kind_of(other)))),
    }
}

/// The id and state of one job on a counting scan page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedJob {
    pub id: String,
    pub state: String,
}

/// Reads only `jobs[].id` and `jobs[].jobState` of a list page, skipping everything else without
/// building it. The counting scan reads up to ten pages of 200 jobs every refresh; parsing them
/// as whole jobs (a JSON tree plus a copy of each record) made the tab's memory peak several
/// megabytes higher than the pages themselves.
pub fn parse_scan_page(body: &[u8]) -> Result<ScanPage, SourceError> {
    #[derive(serde::Deserialize)]
    struct Page {
        jobs: Vec<ScanJob>,
        pagination: Option<Pagination>,
    }
    #[derive(serde::Deserialize)]
    struct Pagination {
        total: Option<u64>,
    }
    #[derive(serde::Deserialize)]
    struct ScanJob {
        id: ScanId,
        #[serde(rename = "jobState")]
        job_state: String,
    }
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum ScanId {
        Text(String),
        Whole(u64),
        Signed(i64),
    }
    let text = crate::json::json_text(body)?;
    let page: Page = serde_json::from_str(text).map_err(|e| SourceError::invalid(format!("a counting page: {e}")))?;
    let jobs = page
        .jobs
        .into_iter()
        .enumerate()
        .map(|(i, j)| {
            let id = match j.id {
                ScanId::Text(s) if !s.is_empty() => s,
                ScanId::Text(_) => return Err(SourceError::invalid(format!("jobs[{i}].id: expected an id, found an empty string"))),
                ScanId::Whole(n) => n.to_string(),
                ScanId::Signed(n) => n.to_string(),
            };
            Ok(ScannedJob { id, state: j.job_state })
        })
        .collect::<Result<_, _>>()?;
    Ok(ScanPage { jobs, total: page.pagination.and_then(|p| p.total) })
}

/// A page of the counting scan: its jobs' ids and states, and the total the API reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanPage {
    pub jobs: Vec<ScannedJob>,
    pub total: Option<u64>,
}

/// Whether a body is the bare list of every job that servers from before pagination send.
pub fn is_legacy_list(body: &[u8]) -> bool {
    crate::json::json_text(body).is_ok_and(|text| text.starts_with('['))
}

/// Epoch milliseconds (documented); an ISO string is accepted too.
fn millis(f: &Fields, key: &str) -> Result<Option<Timestamp>, SourceError> {
    match f.get(key) {
        None => Ok(None),
        Some(Value::Number(n)) => n.as_f64().filter(|x| x.is_finite()).and_then(|ms| Timestamp::from_millis(ms.round() as i64)).map(Some).ok_or_else(|| f.err(key, "not a date")),
        Some(Value::String(s)) => parse_iso8601(s).map(Some).ok_or_else(|| f.err(key, "not a date")),
        Some(_) => Err(f.err(key, "not a date")),
    }
}

pub fn parse_job(v: &Value, path: String) -> Result<Job, SourceError> {
    let f = Fields::new(v, path)?;
    let id = f.req_id("id")?;
    let state = f.req_str("jobState")?.to_string();
    let name = f.opt_str("jobType")?.map(str::to_string);
    f.opt_str("parentJobId")?;
    f.opt_i64("priority")?;
    let progress = f.opt_f64("percentComplete")?.map(|p| p.clamp(0.0, 100.0));
    let created = millis(&f, "createdAt")?;
    let updated = millis(&f, "updatedAt")?;
    let mut error = None;
    for (i, log) in f.opt_array("logs")?.into_iter().flatten().enumerate() {
        let l = Fields::new(log, crate::json::index_path(&f.child_path("logs"), i))?;
        if let Some(ts) = l.opt_str("timestamp")? {
            if parse_iso8601(ts).is_none() {
                return Err(l.err("timestamp", "not a date"));
            }
        }
        let message = l.opt_str("message")?;
        if l.opt_str("type")? == Some("error") {
            error = message.map(str::to_string);
        }
    }
    // Steps' shape is declared unstable: read what is there, tolerate what is not.
    let mut started: Option<Timestamp> = None;
    for (i, step) in f.opt_array("steps")?.into_iter().flatten().enumerate() {
        let s = Fields::new(step, crate::json::index_path(&f.child_path("steps"), i))?;
        if let Some(t) = millis(&s, "startedAt")? {
            started = Some(started.map_or(t, |cur| cur.min(t)));
        }
        millis(&s, "completedAt")?;
        if error.is_none() {
            if let Ok(Some(e)) = s.opt_str("error") {
                error = Some(e.to_string());
            }
        }
    }
    let category = category(&state);
    Ok(Job {
        id,
        state,
        category,
        name,
        created,
        started,
        updated,
        finished: if category.is_terminal() { updated } else { None },
        progress,
        error,
        raw: Arc::new(v.clone()),
    })
}
