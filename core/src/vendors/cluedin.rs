//! CluedIn agent jobs. No response schema is published, so this adapter is the most tolerant:
//! PascalCase or camelCase keys (matched case-insensitively), states as names or the
//! AgentJobState integers, counts as an object or an array, lists bare or wrapped with a total,
//! ZERO-based `page` with `take`, a job run as an object or a one-element array, and elapsed times
//! as .NET TimeSpan strings, numbers of seconds, or null.

use super::detail::VendorDetail;
use super::{json_body, parse_each, raw_text, Column, SourceKind, Vendor};
use crate::actions::ActionKind;
use crate::counts::{only_response, CountSteps};
use crate::error::SourceError;
use crate::http::{HttpRequest, HttpResponse};
use crate::json::{check_status, kind_of, parse_body, Fields};
use crate::model::{
    Capabilities, Count, CountMethod, Counts, Job, ListQuery, Page, StateCategory, StateCount,
};
use crate::time::{parse_iso8601, parse_timespan, Timestamp};
use serde_json::Value;
use std::sync::Arc;

pub struct Cluedin;

impl Vendor for Cluedin {
    const NAME: &'static str = "cluedin";
    const LABEL: &'static str = "CluedIn";
    const DEMO_ID: &'static str = "cluedin";

    fn capabilities() -> Capabilities {
        Capabilities {
            kind: SourceKind::Cluedin,
            states: STATES,
            server_state_filter: true,
            state_required: false,
            free_state_filter: true,
            default_page_size: 20,
            max_page_size: MAX_TAKE,
            supports_active_only: false,
            supports_config_filter: true,
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
            Column::Created,
            Column::Extra("Configuration"),
        ]
    }

    fn header(column: Column) -> &'static str {
        match column {
            Column::Name => "Component",
            other => other.common_header(),
        }
    }

    fn extra_value(label: &str, job: &Job) -> Option<String> {
        match label {
            "Configuration" => raw_text(&job.raw, "configurationId"),
            _ => None,
        }
    }

    fn list_request(q: &ListQuery) -> HttpRequest {
        list_request(q)
    }

    fn parse_list(q: &ListQuery, body: &Value) -> Result<Page, SourceError> {
        parse_list(q, body)
    }

    fn counts_plan() -> Box<dyn CountSteps> {
        Box::new(CountStates::Jobs)
    }

    fn detail_request(id: &str) -> Option<HttpRequest> {
        Some(detail_request(id))
    }

    fn parse_detail(body: &Value) -> Result<Job, SourceError> {
        parse_job_run(body).map(|run| run.job)
    }

    fn detail(job: &Job) -> Result<VendorDetail, SourceError> {
        parse_job_run(&job.raw).map(|run| VendorDetail::Cluedin(Box::new(run)))
    }

    fn actions() -> &'static [ActionKind] {
        &[ActionKind::Abandon, ActionKind::Trigger]
    }
}

/// Counting: the counts form of `/api/v1/jobs`, else `/api/v1/jobstatecount`.
enum CountStates {
    Jobs,
    Fallback,
}

impl CountSteps for CountStates {
    fn requests(&self) -> Vec<HttpRequest> {
        match self {
            CountStates::Jobs => vec![counts_request()],
            CountStates::Fallback => vec![counts_fallback_request()],
        }
    }

    fn absorb(&mut self, responses: &[HttpResponse]) -> Result<Option<Counts>, SourceError> {
        let resp = only_response(responses)?;
        match self {
            CountStates::Jobs => {
                // Servers without the counts form of /api/v1/jobs answer 404 or a job list:
                // then ask /api/v1/jobstatecount.
                if resp.status == 404 {
                    *self = CountStates::Fallback;
                    return Ok(None);
                }
                let body = json_body(resp)?;
                if looks_like_list(&body) {
                    *self = CountStates::Fallback;
                    return Ok(None);
                }
                parse_counts(&body).map(Some)
            }
            CountStates::Fallback => {
                check_status(resp)?;
                parse_counts(&parse_body(&resp.body)?).map(Some)
            }
        }
    }
}

/// AgentJobState, in the docs' order, with its integer values.
pub const AGENT_JOB_STATES: &[(&str, i64)] = &[
    ("Unknown", 0),
    ("Queued", 10),
    ("Executing", 20),
    ("ExecutionCompleted", 30),
    ("Cancelling", 40),
    ("Submitting", 50),
    ("Completed", 60),
    ("Cancelled", 70),
    ("Failed", 80),
];

/// The states offered in the State filter.
pub const STATES: &[&str] = &[
    "Queued",
    "Executing",
    "ExecutionCompleted",
    "Cancelling",
    "Submitting",
    "Completed",
    "Cancelled",
    "Failed",
];

/// The five the counts endpoint reports.
pub const COUNTED_STATES: &[&str] = &["Queued", "Executing", "Completed", "Failed", "Cancelled"];
pub const MAX_TAKE: u64 = 200;

pub fn category(state: &str) -> StateCategory {
    match state {
        "Queued" => StateCategory::Queued,
        // The agent finished but processing goes on; cancelling and submitting are still moving.
        "Executing" | "ExecutionCompleted" | "Cancelling" | "Submitting" => StateCategory::Running,
        "Completed" => StateCategory::Succeeded,
        "Cancelled" => StateCategory::Cancelled,
        "Failed" => StateCategory::Failed,
        _ => StateCategory::Other,
    }
}

/// A state as the docs spell it, from a name in any case or its integer.
pub fn state_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = s.trim();
            if let Ok(n) = s.parse::<i64>() {
                return AGENT_JOB_STATES
                    .iter()
                    .find(|(_, i)| *i == n)
                    .map(|(name, _)| name.to_string());
            }
            Some(
                AGENT_JOB_STATES
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(s))
                    .map_or_else(|| s.to_string(), |(name, _)| name.to_string()),
            )
            .filter(|s| !s.is_empty())
        }
        Value::Number(n) => {
            let n = n.as_i64()?;
            AGENT_JOB_STATES
                .iter()
                .find(|(_, i)| *i == n)
                .map(|(name, _)| name.to_string())
        }
        _ => None,
    }
}

pub fn list_request(q: &ListQuery) -> HttpRequest {
    let mut r = HttpRequest::get("/api/v1/jobs")
        .param("page", q.page.saturating_sub(1))
        .param("take", q.per_page);
    if let Some(s) = q.state.as_deref().filter(|s| !s.is_empty()) {
        r = r.param("state", s);
    }
    if let Some(c) = q.config.as_deref().filter(|s| !s.is_empty()) {
        r = r.param("configurationId", c);
    }
    r
}

pub fn detail_request(id: &str) -> HttpRequest {
    HttpRequest::get("/api/v1/jobrun").param("id", id)
}

pub fn counts_request() -> HttpRequest {
    HttpRequest::get("/api/v1/jobs")
}

/// The alternative path some servers use for the same counts.
pub fn counts_fallback_request() -> HttpRequest {
    HttpRequest::get("/api/v1/jobstatecount")
}

const LIST_KEYS: &[&str] = &["items", "data", "jobs", "results", "value"];
const TOTAL_KEYS: &[&str] = &["total", "totalCount", "count", "totalItems"];

/// The array of a list body and its total, if it says one.
fn list_parts(body: &Value) -> Result<(&Vec<Value>, String, Option<u64>), SourceError> {
    match body {
        Value::Array(items) => Ok((items, "the list".into(), None)),
        Value::Object(_) => {
            let f = Fields::new(body, String::new())?.case_insensitive();
            let (key, items) = LIST_KEYS
                .iter()
                .find_map(|k| f.get(k).map(|v| (*k, v)))
                .ok_or_else(|| {
                    SourceError::invalid(
                        "the body: no list of jobs (expected items, data, jobs or results)",
                    )
                })?;
            let items = items
                .as_array()
                .ok_or_else(|| f.err(key, &format!("expected a list, found {}", kind_of(items))))?;
            let mut total = None;
            for k in TOTAL_KEYS {
                if let Some(t) = f.opt_count(k)? {
                    total = Some(t);
                    break;
                }
            }
            Ok((items, key.to_string(), total))
        }
        other => Err(SourceError::invalid(format!(
            "the body: expected a list, found {}",
            kind_of(other)
        ))),
    }
}

pub fn parse_list(q: &ListQuery, body: &Value) -> Result<Page, SourceError> {
    let (items, path, total) = list_parts(body)?;
    let jobs = parse_each(items, &path, parse_list_job)?;
    Ok(super::page_with_total(q, jobs, total))
}

/// Whether a counts answer is really a list of jobs (a server without the counts form).
pub fn looks_like_list(body: &Value) -> bool {
    list_parts(body).is_ok_and(|(items, _, _)| {
        items
            .first()
            .is_some_and(|j| j.get("id").or_else(|| j.get("Id")).is_some())
    })
}

/// `{state: n}`: keys that are not states are skipped, a state's value must be a count.
fn counts_of_object(
    body: &Value,
    map: &serde_json::Map<String, Value>,
) -> Result<Vec<(String, u64)>, SourceError> {
    let f = Fields::new(body, String::new())?;
    let mut found = Vec::new();
    for key in map.keys() {
        let Some(state) = state_name(&Value::String(key.clone())) else {
            continue;
        };
        let n = f
            .opt_count(key)?
            .ok_or_else(|| f.err(key, "expected a count"))?;
        found.push((state, n));
    }
    Ok(found)
}

/// `[{state, count}]`, the state under `state`, `name` or `agentState`.
fn counts_of_rows(rows: &[Value]) -> Result<Vec<(String, u64)>, SourceError> {
    let mut found = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let r = Fields::new(row, crate::json::index_path("the list", i))?.case_insensitive();
        let state_v = r
            .get("state")
            .or_else(|| r.get("name"))
            .or_else(|| r.get("agentState"))
            .ok_or_else(|| r.missing("state"))?;
        let state = state_name(state_v).ok_or_else(|| r.err("state", "not a job state"))?;
        let n = r.opt_count("count")?.ok_or_else(|| r.missing("count"))?;
        found.push((state, n));
    }
    Ok(found)
}

/// Counts as `{state: n}` (any key case, names or integer strings) or `[{state, count}]`.
pub fn parse_counts(body: &Value) -> Result<Counts, SourceError> {
    let found = match body {
        Value::Object(map) => counts_of_object(body, map)?,
        Value::Array(rows) => counts_of_rows(rows)?,
        other => {
            return Err(SourceError::invalid(format!(
                "the body: expected counts, found {}",
                kind_of(other)
            )))
        }
    };
    if found.is_empty() {
        return Err(SourceError::invalid("the body: no job state counts in it"));
    }
    let mut states: Vec<StateCount> = COUNTED_STATES
        .iter()
        .map(|s| StateCount {
            state: s.to_string(),
            category: category(s),
            count: Count::Unknown,
        })
        .collect();
    for (state, n) in found {
        match states.iter_mut().find(|s| s.state == state) {
            Some(s) => {
                s.count = s
                    .count
                    .plus(Count::Exact(n))
                    .exact()
                    .map_or(Count::Exact(n), Count::Exact)
            }
            None => states.push(StateCount {
                category: category(&state),
                state,
                count: Count::Exact(n),
            }),
        }
    }
    let total = states
        .iter()
        .fold(Count::Exact(0), |acc, s| acc.plus(s.count));
    Ok(Counts {
        states,
        total,
        totals: Vec::new(),
        method: CountMethod::Reported,
    })
}

fn date(f: &Fields, key: &str) -> Result<Option<Timestamp>, SourceError> {
    match f.opt_str(key)? {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => parse_iso8601(s)
            .map(Some)
            .ok_or_else(|| f.err(key, "not a date")),
    }
}

/// A TimeSpan string, a number of seconds, or null.
fn elapsed(f: &Fields, key: &str) -> Result<Option<f64>, SourceError> {
    match f.get(key) {
        None => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => parse_timespan(s)
            .map(Some)
            .ok_or_else(|| f.err(key, "not a duration")),
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|x| x.is_finite())
            .map(Some)
            .ok_or_else(|| f.err(key, "not a duration")),
        Some(v) => Err(f.err(key, &format!("expected a duration, found {}", kind_of(v)))),
    }
}

fn state_field(f: &Fields, keys: &[&str]) -> Result<Option<String>, SourceError> {
    for key in keys {
        if let Some(v) = f.get(key) {
            return state_name(v)
                .map(Some)
                .ok_or_else(|| f.err(key, "not a job state"));
        }
    }
    Ok(None)
}

/// A row of the jobs list (an agent job: id, state, componentName, createdDate, configurationId...).
pub fn parse_list_job(v: &Value, path: String) -> Result<Job, SourceError> {
    let f = Fields::new(v, path)?.case_insensitive();
    // A list row may also be a job run (flat Agent* fields): read it the same way.
    if f.get("agentState").is_some() && f.get("state").is_none() {
        return parse_run_fields(&f, v).map(|run| run.job);
    }
    let id = f.req_id("id")?;
    let state = state_field(&f, &["state"])?.ok_or_else(|| f.missing("state"))?;
    let name = match f.opt_str("componentName")? {
        Some(n) => Some(n.to_string()),
        None => f.opt_str("name")?.map(str::to_string),
    };
    let created = date(&f, "createdDate")?;
    let category = category(&state);
    Ok(Job {
        id,
        category,
        state,
        name,
        created,
        started: None,
        updated: None,
        finished: None,
        progress: None,
        error: None,
        raw: Arc::new(v.clone()),
    })
}

/// Task or clue counters of one phase.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counters {
    pub expected: Option<u64>,
    pub total: Option<u64>,
    pub queued: Option<u64>,
    pub completed: Option<u64>,
    pub failed: Option<u64>,
}

/// The job-run record (GET /api/v1/jobrun), every field of CluedIn's Agent Jobs page (docs, Development > Agent Jobs) typed.
#[derive(Clone, Debug, PartialEq)]
pub struct JobRun {
    /// id = JobId when present (what the list links by), else the run's own Id.
    pub job: Job,
    pub run_id: Option<String>,
    pub job_id: Option<String>,
    pub agent_id: Option<String>,
    pub agent_key: Option<String>,
    pub configuration_id: Option<String>,
    pub update_date: Option<Timestamp>,
    pub is_success: Option<bool>,
    pub is_cancellation_requested: Option<bool>,
    pub message: Option<String>,
    pub agent_state: Option<String>,
    pub queued: Option<Timestamp>,
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    pub elapsed_queued_seconds: Option<f64>,
    pub elapsed_execution_seconds: Option<f64>,
    pub percent_completed: Option<f64>,
    pub last_submitted: Option<Timestamp>,
    pub tasks: Counters,
    pub clues: Counters,
    pub processing_state: Option<String>,
    pub processing_queued: Option<Timestamp>,
    pub processing_start: Option<Timestamp>,
    pub processing_end: Option<Timestamp>,
    pub processing_updated: Option<Timestamp>,
    pub processing_tasks: Counters,
    pub processing_skipped: Option<u64>,
    pub processing_retries: Option<u64>,
    pub processing_already_exists: Option<u64>,
    pub processing_already_up_to_date: Option<u64>,
    pub processing_ignored: Option<u64>,
    pub received_payloads: Option<u64>,
    pub received_clues: Option<u64>,
    pub received_log_lines: Option<u64>,
}

/// A job run, sent as an object or as a one-element array.
pub fn parse_job_run(body: &Value) -> Result<JobRun, SourceError> {
    let record = match body {
        Value::Array(items) => match items.as_slice() {
            [one] => one,
            [] => {
                return Err(SourceError::NotFound {
                    detail: Some("no job run with this id".into()),
                })
            }
            _ => {
                return Err(SourceError::invalid(format!(
                    "the body: expected one job run, found {}",
                    items.len()
                )))
            }
        },
        other => other,
    };
    let path = if body.is_array() {
        "the list[0]".to_string()
    } else {
        String::new()
    };
    let f = Fields::new(record, path)?.case_insensitive();
    parse_run_fields(&f, record)
}

fn parse_run_fields(f: &Fields, raw: &Value) -> Result<JobRun, SourceError> {
    let text = |key: &str| id_text(f, key);
    let run_id = text("id")?;
    let job_id = text("jobId")?;
    let id = job_id
        .clone()
        .or_else(|| run_id.clone())
        .ok_or_else(|| f.missing("JobId"))?;
    let agent_state = state_field(f, &["agentState", "state"])?;
    let counters = |prefix: &str, noun: &str| counters(f, prefix, noun);
    let processing_state = processing_state(f)?;
    let is_success = f.opt_bool("agentResultIsSuccess")?;
    let message = f.opt_str("agentResultMessage")?.map(str::to_string);
    let percent = f
        .opt_f64("agentPercentCompleted")?
        .map(|p| p.clamp(0.0, 100.0));
    let run = JobRun {
        run_id,
        job_id,
        agent_id: text("agentId")?,
        agent_key: text("agentKey")?,
        configuration_id: text("configurationId")?,
        update_date: date(f, "updateDate")?,
        is_success,
        is_cancellation_requested: f.opt_bool("agentResultIsCancellationRequested")?,
        message: message.clone(),
        agent_state: agent_state.clone(),
        queued: date(f, "agentQueuedDate")?,
        start: date(f, "agentStartTime")?,
        end: date(f, "agentEndTime")?,
        elapsed_queued_seconds: elapsed(f, "agentElapsedQueuedTime")?,
        elapsed_execution_seconds: elapsed(f, "agentElapsedExecutionTime")?,
        percent_completed: percent,
        last_submitted: date(f, "agentLastSubmittedDate")?,
        tasks: counters("Agent", "Tasks")?,
        clues: Counters {
            expected: None,
            total: f.opt_count("agentCluesCount")?,
            queued: f.opt_count("agentCluesQueuedCount")?,
            completed: f.opt_count("agentCluesCompletedCount")?,
            failed: f.opt_count("agentCluesFailedCount")?,
        },
        processing_state,
        processing_queued: date(f, "processingQueuedDate")?,
        processing_start: date(f, "processingStartTime")?,
        processing_end: date(f, "processingEndTime")?,
        processing_updated: date(f, "processingUpdatedDate")?,
        processing_tasks: counters("Processing", "Tasks")?,
        processing_skipped: f.opt_count("processingTasksSkippedCount")?,
        processing_retries: f.opt_count("processingTaskRetriesCount")?,
        processing_already_exists: f.opt_count("processingTasksAlreadyExistsCount")?,
        processing_already_up_to_date: f.opt_count("processingTasksAlreadyUpToDateCount")?,
        processing_ignored: f.opt_count("processingTasksIgnoredCount")?,
        received_payloads: f.opt_count("processingTasksReceivedPayloadsCount")?,
        received_clues: f.opt_count("processingTasksReceivedCluesCount")?,
        received_log_lines: f.opt_count("processingTasksReceivedLogLinesCount")?,
        job: Job {
            id,
            state: String::new(),
            category: StateCategory::Other,
            name: None,
            created: None,
            started: None,
            updated: None,
            finished: None,
            progress: percent,
            error: None,
            raw: Arc::new(raw.clone()),
        },
    };
    run_with_job(f, run)
}

/// An id sent as text or as a number.
fn id_text(f: &Fields, key: &str) -> Result<Option<String>, SourceError> {
    match f.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(v) => Err(f.err(key, &format!("expected an id, found {}", kind_of(v)))),
    }
}

/// A phase's task counters: `{prefix}Expected{noun}Count`, `{prefix}{noun}Count`, ...
fn counters(f: &Fields, prefix: &str, noun: &str) -> Result<Counters, SourceError> {
    Ok(Counters {
        expected: f.opt_count(&format!("{prefix}Expected{noun}Count"))?,
        total: f.opt_count(&format!("{prefix}{noun}Count"))?,
        queued: f.opt_count(&format!("{prefix}{noun}QueuedCount"))?,
        completed: f.opt_count(&format!("{prefix}{noun}CompletedCount"))?,
        failed: f.opt_count(&format!("{prefix}{noun}FailedCount"))?,
    })
}

/// The processing state, a name or an integer (no enum is published for it).
fn processing_state(f: &Fields) -> Result<Option<String>, SourceError> {
    match f.get("processingState") {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(v) => Err(f.err(
            "ProcessingState",
            &format!("expected a state, found {}", kind_of(v)),
        )),
    }
}

/// The run's job as the table and the detail header show it: its state from the agent state,
/// its times from the agent phase, its error from a failed result's message.
fn run_with_job(f: &Fields, run: JobRun) -> Result<JobRun, SourceError> {
    let agent_state = run.agent_state.clone();
    let message = run.message.clone();
    let is_success = run.is_success;
    let state = agent_state.unwrap_or_else(|| "Unknown".to_string());
    let category = category(&state);
    let error = match (is_success, &message) {
        (Some(false), Some(m)) if !m.is_empty() => Some(m.clone()),
        _ => None,
    };
    let job = Job {
        state,
        category,
        name: f.opt_str("componentName")?.map(str::to_string),
        created: run.queued,
        started: run.start,
        updated: run.update_date.or(run.processing_updated),
        finished: run.end,
        error,
        ..run.job.clone()
    };
    Ok(JobRun { job, ..run })
}
