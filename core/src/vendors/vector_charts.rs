//! Vector Charts OEM Portal API: `limit`/`offset` (limit capped at 200), `activeOnly` as the only
//! server-side filter, epoch-millisecond job times beside ISO-8601 log times, and older servers
//! that answer a bare array of every job (no paging at all).

use super::detail::VendorDetail;
use super::{at_least, json_body, offset_of, parse_each, Column, SourceKind, Vendor};
use crate::actions::ActionKind;
use crate::counts::{only_response, CountSteps};
use crate::error::SourceError;
use crate::http::{HttpRequest, HttpResponse};
use crate::json::{check_status, parse_body, Fields};
use crate::model::{
    Capabilities, Count, CountMethod, Counts, Job, ListQuery, Page, StateCategory, StateCount,
};
use crate::time::{parse_iso8601, Timestamp};
use serde_json::Value;
use std::collections::HashSet;
use std::sync::Arc;

pub struct VectorCharts;

impl Vendor for VectorCharts {
    const NAME: &'static str = "vector-charts";
    const LABEL: &'static str = "Vector Charts";
    const DEMO_ID: &'static str = "charts";

    fn capabilities() -> Capabilities {
        Capabilities {
            kind: SourceKind::VectorCharts,
            states: STATES,
            server_state_filter: false,
            state_required: false,
            free_state_filter: false,
            default_page_size: 25,
            max_page_size: MAX_LIMIT,
            supports_active_only: true,
            supports_config_filter: false,
        }
    }

    fn category(state: &str) -> StateCategory {
        category(state)
    }

    fn columns() -> &'static [Column] {
        &[
            Column::Id,
            Column::Name,
            Column::State,
            Column::Progress,
            Column::Created,
            Column::Updated,
            Column::Error,
        ]
    }

    fn list_request(q: &ListQuery) -> HttpRequest {
        list_request(q)
    }

    fn parse_list(q: &ListQuery, body: &Value) -> Result<Page, SourceError> {
        parse_list(q, body)
    }

    fn counts_plan() -> Box<dyn CountSteps> {
        Box::new(CountScan::FirstPage)
    }

    fn detail(job: &Job) -> Result<VendorDetail, SourceError> {
        detail(job).map(VendorDetail::VectorCharts)
    }

    fn actions() -> &'static [ActionKind] {
        &[ActionKind::Start]
    }
}

/// Per-state counts come from reading every page only up to this many jobs.
pub const SCAN_LIMIT: u64 = 2_000;

pub const STATES: &[&str] = &["pending", "running", "completed", "failed", "cancelled"];
pub const MAX_LIMIT: u64 = 200;
pub const PATH: &str = "/api/portal/v1/jobs";

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
    let r = if q.active_only {
        r.param("activeOnly", "true")
    } else {
        r
    };
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
            let jobs: Vec<Job> = jobs
                .into_iter()
                .skip(start)
                .take(q.per_page as usize)
                .collect();
            let has_more = offset.saturating_add(q.per_page) < total;
            Ok(Page {
                jobs,
                total: Count::Exact(total),
                has_more,
                page: q.page,
                per_page: q.per_page,
            })
        }
        Value::Object(_) => {
            let f = Fields::new(body, String::new())?;
            let items = f.opt_array("jobs")?.ok_or_else(|| f.missing("jobs"))?;
            let jobs = parse_each(items, "jobs", parse_job)?;
            let total = match f.opt_object("pagination")? {
                Some(_) => {
                    let p = Fields::new(
                        f.get("pagination").unwrap_or(&Value::Null),
                        "pagination".into(),
                    )?;
                    p.opt_count("total")?
                }
                None => None,
            };
            Ok(super::page_with_total(q, jobs, total))
        }
        other => Err(SourceError::invalid(format!(
            "the body: expected an object or a list, found {}",
            crate::json::kind_of(other)
        ))),
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
    let page: Page = serde_json::from_str(text)
        .map_err(|e| SourceError::invalid(format!("a counting page: {e}")))?;
    let jobs = page
        .jobs
        .into_iter()
        .enumerate()
        .map(|(i, j)| {
            let id = match j.id {
                ScanId::Text(s) if !s.is_empty() => s,
                ScanId::Text(_) => {
                    return Err(SourceError::invalid(format!(
                        "jobs[{i}].id: expected an id, found an empty string"
                    )))
                }
                ScanId::Whole(n) => n.to_string(),
                ScanId::Signed(n) => n.to_string(),
            };
            Ok(ScannedJob {
                id,
                state: j.job_state,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(ScanPage {
        jobs,
        total: page.pagination.and_then(|p| p.total),
    })
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
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|x| x.is_finite())
            .and_then(|ms| Timestamp::from_millis(ms.round() as i64))
            .map(Some)
            .ok_or_else(|| f.err(key, "not a date")),
        Some(Value::String(s)) => parse_iso8601(s)
            .map(Some)
            .ok_or_else(|| f.err(key, "not a date")),
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
        finished: if category.is_terminal() {
            updated
        } else {
            None
        },
        progress,
        error,
        raw: Arc::new(v.clone()),
    })
}

/// Counting: the API reports only a total, so jobs are counted by state by reading every page
/// while there are at most [`SCAN_LIMIT`]; beyond that only the all and active totals.
enum CountScan {
    /// The first page of 200, which also tells the total.
    FirstPage,
    /// Reading the other pages, one page per round so that only one page's body is ever held;
    /// `seen` is every (id, state) read so far.
    Pages {
        total: u64,
        pages: u64,
        next: u64,
        seen: Vec<ScannedJob>,
    },
    /// Too many jobs to scan: only the all and active totals.
    ActiveTotal { total: Count },
}

/// Page `page` of the counting scan (the most the API gives at once).
fn scan_query(page: u64) -> ListQuery {
    ListQuery {
        page,
        per_page: MAX_LIMIT,
        ..Default::default()
    }
}

fn active_query() -> ListQuery {
    ListQuery {
        page: 1,
        per_page: 1,
        active_only: true,
        ..Default::default()
    }
}

impl CountSteps for CountScan {
    fn requests(&self) -> Vec<HttpRequest> {
        let query = match self {
            CountScan::FirstPage => scan_query(1),
            CountScan::Pages { next, .. } => scan_query(*next),
            CountScan::ActiveTotal { .. } => active_query(),
        };
        vec![list_request(&super::normalize(
            &VectorCharts::capabilities(),
            &query,
        ))]
    }

    fn absorb(&mut self, responses: &[HttpResponse]) -> Result<Option<Counts>, SourceError> {
        let resp = only_response(responses)?;
        match std::mem::replace(self, CountScan::FirstPage) {
            CountScan::FirstPage => self.absorb_first_page(resp),
            CountScan::Pages {
                total,
                pages,
                next,
                mut seen,
            } => {
                check_status(resp)?;
                seen.extend(parse_scan_page(&resp.body)?.jobs);
                Ok(self.scan_on(total, pages, next + 1, seen))
            }
            CountScan::ActiveTotal { total } => {
                let active = parse_list(
                    &super::normalize(&VectorCharts::capabilities(), &active_query()),
                    &json_body(resp)?,
                )?
                .total;
                let states = STATES
                    .iter()
                    .map(|s| StateCount {
                        state: s.to_string(),
                        category: category(s),
                        count: Count::Unknown,
                    })
                    .collect();
                Ok(Some(Counts {
                    states,
                    total,
                    totals: vec![("all".into(), total), ("active".into(), active)],
                    method: CountMethod::TotalsOnly,
                }))
            }
        }
    }
}

impl CountScan {
    fn absorb_first_page(&mut self, resp: &HttpResponse) -> Result<Option<Counts>, SourceError> {
        check_status(resp)?;
        // A legacy server sends every job at once: count them right here.
        if is_legacy_list(&resp.body) {
            let everything = parse_list(
                &ListQuery {
                    page: 1,
                    per_page: u64::MAX,
                    ..Default::default()
                },
                &parse_body(&resp.body)?,
            )?;
            return Ok(Some(counts_of(
                everything
                    .jobs
                    .iter()
                    .map(|j| (j.id.as_str(), j.state.as_str())),
            )));
        }
        let first = parse_scan_page(&resp.body)?;
        let read = first.jobs.len() as u64;
        match first.total {
            Some(total) if total <= SCAN_LIMIT => {
                Ok(self.scan_on(total, total.div_ceil(MAX_LIMIT).max(1), 2, first.jobs))
            }
            Some(total) => {
                *self = CountScan::ActiveTotal {
                    total: Count::Exact(total),
                };
                Ok(None)
            }
            // Without a total, a short first page is everything; a full one is "at least".
            None if read < MAX_LIMIT => Ok(self.scan_on(read, 1, 2, first.jobs)),
            None => {
                *self = CountScan::ActiveTotal {
                    total: at_least(read),
                };
                Ok(None)
            }
        }
    }

    /// Asks for page `next` of the scan, or counts what was seen once every page is read.
    fn scan_on(
        &mut self,
        total: u64,
        pages: u64,
        next: u64,
        seen: Vec<ScannedJob>,
    ) -> Option<Counts> {
        if next <= pages {
            *self = CountScan::Pages {
                total,
                pages,
                next,
                seen,
            };
            return None;
        }
        let mut counts = counts_of(seen.iter().map(|j| (j.id.as_str(), j.state.as_str())));
        // The API's total, which may differ a little from the jobs seen when jobs came or went
        // between pages; the per-state numbers and "active" are the ones read.
        counts.total = Count::Exact(total);
        if let Some(all) = counts.totals.iter_mut().find(|(name, _)| name == "all") {
            all.1 = Count::Exact(total);
        }
        Some(counts)
    }
}

/// Exact per-state counts from every job seen (duplicates across pages counted once).
fn counts_of<'a>(jobs: impl Iterator<Item = (&'a str, &'a str)>) -> Counts {
    let mut seen = HashSet::new();
    let mut states: Vec<StateCount> = STATES
        .iter()
        .map(|s| StateCount {
            state: s.to_string(),
            category: category(s),
            count: Count::Exact(0),
        })
        .collect();
    let mut total = 0u64;
    for (id, state) in jobs {
        if !seen.insert(id.to_string()) {
            continue;
        }
        total += 1;
        match states.iter_mut().find(|s| s.state == state) {
            Some(s) => s.count = s.count.plus(Count::Exact(1)),
            None => states.push(StateCount {
                state: state.to_string(),
                category: category(state),
                count: Count::Exact(1),
            }),
        }
    }
    let active = states
        .iter()
        .filter(|s| {
            category(&s.state) == StateCategory::Queued
                || category(&s.state) == StateCategory::Running
        })
        .fold(Count::Exact(0), |a, s| a.plus(s.count));
    Counts {
        states,
        total: Count::Exact(total),
        totals: vec![
            ("all".into(), Count::Exact(total)),
            ("active".into(), active),
        ],
        method: CountMethod::Scanned,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    pub at: Option<Timestamp>,
    /// info, warning or error (as sent).
    pub level: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub name: String,
    pub status: Option<String>,
    pub started: Option<Timestamp>,
    pub completed: Option<Timestamp>,
    pub attempt: Option<i64>,
    pub error: Option<String>,
}

impl Step {
    pub fn duration_seconds(&self) -> Option<f64> {
        match (self.started, self.completed) {
            (Some(s), Some(c)) if c.0 >= s.0 => Some((c.0 - s.0) as f64 / 1000.0),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartsDetail {
    pub parent_id: Option<String>,
    pub account_id: Option<String>,
    pub priority: Option<i64>,
    pub parameters: Option<Value>,
    pub result: Option<Value>,
    pub logs: Vec<LogLine>,
    pub steps: Vec<Step>,
}

fn log_line(l: &Value) -> LogLine {
    LogLine {
        at: l
            .get("timestamp")
            .and_then(Value::as_str)
            .and_then(parse_iso8601),
        level: l
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("info")
            .to_string(),
        message: l
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
    }
}

fn step(s: &Value) -> Step {
    Step {
        name: s
            .get("stepName")
            .and_then(Value::as_str)
            .unwrap_or("(unnamed step)")
            .to_string(),
        status: s.get("status").and_then(Value::as_str).map(str::to_string),
        started: super::detail::millis(s.get("startedAt")),
        completed: super::detail::millis(s.get("completedAt")),
        attempt: s.get("attempt").and_then(Value::as_i64),
        error: super::detail::str_of(s, "error"),
    }
}

/// The jobs among `jobs` whose parent is `parent_id` (the detail view's child jobs: the API has
/// no query for them, so they are found among the jobs the lookup read).
pub fn children_of(parent_id: &str, jobs: &[Job]) -> Vec<Job> {
    jobs.iter()
        .filter(|j| j.raw.get("parentJobId").and_then(Value::as_str) == Some(parent_id))
        .cloned()
        .collect()
}

/// The detail record of a job the list parser already validated.
pub fn detail(job: &Job) -> Result<ChartsDetail, SourceError> {
    let f = Fields::new(&job.raw, String::new())?;
    Ok(ChartsDetail {
        parent_id: super::detail::text(&f, "parentJobId"),
        account_id: super::detail::text(&f, "accountId"),
        priority: f.opt_i64("priority").ok().flatten(),
        parameters: f.get("parameters").cloned(),
        result: f.get("result").cloned(),
        logs: f
            .opt_array("logs")?
            .into_iter()
            .flatten()
            .map(log_line)
            .collect(),
        steps: f
            .opt_array("steps")?
            .into_iter()
            .flatten()
            .map(step)
            .collect(),
    })
}
