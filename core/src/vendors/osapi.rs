//! osapi job API: `limit` 1..=100 and `offset` (out-of-range values answer 400, so the adapter
//! clamps), a `status` filter over five statuses, `status_counts` that may be null or hold more
//! statuses (e.g. `skipped`), empty fields omitted, RFC 3339 times with offsets, and Go duration
//! strings in the per-agent states of the full record (GET /job/{id}).

use super::detail::{str_of, text, VendorDetail};
use super::{offset_of, parse_each, Column, SourceKind, Vendor};
use crate::actions::ActionKind;
use crate::counts::{CountSteps, OneRequest};
use crate::error::SourceError;
use crate::http::{encode, HttpRequest};
use crate::json::Fields;
use crate::model::{
    Capabilities, Count, CountMethod, Counts, Job, ListQuery, Page, StateCategory, StateCount,
};
use crate::time::{parse_go_duration, parse_iso8601, Timestamp};
use serde_json::{Map, Value};
use std::sync::Arc;

pub struct Osapi;

impl Vendor for Osapi {
    const NAME: &'static str = "osapi";
    const LABEL: &'static str = "osapi";
    const DEMO_ID: &'static str = "osapi";

    fn capabilities() -> Capabilities {
        Capabilities {
            kind: SourceKind::Osapi,
            states: STATES,
            server_state_filter: true,
            state_required: false,
            free_state_filter: false,
            default_page_size: 25,
            max_page_size: MAX_LIMIT,
            supports_active_only: false,
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
            Column::Extra("Host"),
            Column::Created,
            Column::Updated,
            Column::Error,
        ]
    }

    fn header(column: Column) -> &'static str {
        match column {
            Column::Name => "Operation",
            other => other.common_header(),
        }
    }

    fn extra_value(label: &str, job: &Job) -> Option<String> {
        match label {
            "Host" => super::raw_text(&job.raw, "hostname"),
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
        Box::new(OneRequest {
            request: counts_request,
            parse: parse_counts,
        })
    }

    fn detail_request(id: &str) -> Option<HttpRequest> {
        Some(detail_request(id))
    }

    fn parse_detail(body: &Value) -> Result<Job, SourceError> {
        parse_job(body, String::new())
    }

    fn detail(job: &Job) -> Result<VendorDetail, SourceError> {
        detail(job).map(VendorDetail::Osapi)
    }

    fn actions() -> &'static [ActionKind] {
        &[ActionKind::Retry, ActionKind::Delete]
    }
}

/// The statuses the server can filter by (its `status` enum).
pub const STATES: &[&str] = &[
    "submitted",
    "processing",
    "completed",
    "failed",
    "partial_failure",
];
pub const MAX_LIMIT: u64 = 100;

pub fn category(state: &str) -> StateCategory {
    match state {
        "submitted" => StateCategory::Queued,
        "processing" => StateCategory::Running,
        "completed" => StateCategory::Succeeded,
        "failed" | "partial_failure" => StateCategory::Failed,
        _ => StateCategory::Other,
    }
}

pub fn list_request(q: &ListQuery) -> HttpRequest {
    let mut r = HttpRequest::get("/job");
    // Only the server's enum: anything else would be answered with 400.
    if let Some(s) = q.state.as_deref().filter(|s| STATES.contains(s)) {
        r = r.param("status", s);
    }
    r.param("limit", q.per_page.clamp(1, MAX_LIMIT))
        .param("offset", offset_of(q))
}

pub fn detail_request(id: &str) -> HttpRequest {
    HttpRequest::get(format!("/job/{}", encode(id)))
}

pub fn counts_request() -> HttpRequest {
    HttpRequest::get("/job")
        .param("limit", 1)
        .param("offset", 0)
}

/// Go's omitempty drops empty fields, so `{}` is an empty list; an object holding none of the
/// list's keys is something else answering (a proxy, another API).
fn check_list_shape(f: &Fields) -> Result<(), SourceError> {
    let known = ["items", "total_items", "status_counts"];
    if !f.map().is_empty() && !f.map().keys().any(|k| known.contains(&k.as_str())) {
        return Err(SourceError::invalid(
            "the body: not an osapi job list (no items, total_items or status_counts)",
        ));
    }
    Ok(())
}

pub fn parse_list(q: &ListQuery, body: &Value) -> Result<Page, SourceError> {
    let f = Fields::new(body, String::new())?;
    check_list_shape(&f)?;
    let jobs = match f.opt_array("items")? {
        Some(items) => parse_each(items, "items", parse_job)?,
        None => Vec::new(),
    };
    Ok(super::page_with_total(q, jobs, f.opt_count("total_items")?))
}

/// `status_counts` covers every job; null means none, a missing status means zero.
pub fn parse_counts(body: &Value) -> Result<Counts, SourceError> {
    let f = Fields::new(body, String::new())?;
    check_list_shape(&f)?;
    // The counts ride on a list answer: a body whose list is not a list is not trusted either.
    if let Some(items) = f.opt_array("items")? {
        parse_each(items, "items", parse_job)?;
    }
    let mut states: Vec<StateCount> = STATES
        .iter()
        .map(|s| StateCount {
            state: s.to_string(),
            category: category(s),
            count: Count::Exact(0),
        })
        .collect();
    if let Some(map) = f.opt_object("status_counts")? {
        let c = Fields::new(
            f.get("status_counts").unwrap_or(&Value::Null),
            "status_counts".into(),
        )?;
        for key in map.keys() {
            let n = c.opt_count(key)?.unwrap_or(0);
            match states.iter_mut().find(|s| &s.state == key) {
                Some(s) => s.count = Count::Exact(n),
                None => states.push(StateCount {
                    state: key.clone(),
                    category: category(key),
                    count: Count::Exact(n),
                }),
            }
        }
    }
    let total = match f.opt_count("total_items")? {
        Some(t) => Count::Exact(t),
        None => states
            .iter()
            .fold(Count::Exact(0), |acc, s| acc.plus(s.count)),
    };
    Ok(Counts {
        states,
        total,
        totals: Vec::new(),
        method: CountMethod::Reported,
    })
}

fn time(f: &Fields, key: &str) -> Result<Option<Timestamp>, SourceError> {
    match f.opt_str(key)? {
        None | Some("") => Ok(None),
        Some(s) => parse_iso8601(s)
            .map(Some)
            .ok_or_else(|| f.err(key, "not a date")),
    }
}

pub fn parse_job(v: &Value, path: String) -> Result<Job, SourceError> {
    let f = Fields::new(v, path)?;
    let id = f.req_id("id")?;
    let state = f.req_str("status")?.to_string();
    let created = time(&f, "created")?;
    let updated = time(&f, "updated_at")?;
    let name = match f.opt_object("operation")? {
        Some(_) => Fields::new(
            f.get("operation").unwrap_or(&Value::Null),
            f.child_path("operation"),
        )?
        .opt_str("type")?
        .map(str::to_string),
        None => None,
    };
    f.opt_bool("changed")?;
    f.opt_str("hostname")?;
    let error = f
        .opt_str("error")?
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let (mut started, mut finished) = (None, None);
    for (i, ev) in f.opt_array("timeline")?.into_iter().flatten().enumerate() {
        let e = Fields::new(ev, crate::json::index_path(&f.child_path("timeline"), i))?;
        let at = time(&e, "timestamp")?;
        match e.opt_str("event")? {
            Some("started") if started.is_none() => started = at,
            Some("completed" | "failed") => finished = at.or(finished),
            _ => {}
        }
    }
    if let Some(states) = f.opt_object("agent_states")? {
        let parent = f.child_path("agent_states");
        for (host, st) in states {
            let s = Fields::new(st, crate::json::child_path(&parent, host))?;
            if let Some(d) = s.opt_str("duration")? {
                if parse_go_duration(d).is_none() {
                    return Err(s.err("duration", "not a duration"));
                }
            }
        }
    }
    f.opt_object("responses")?;
    let category = category(&state);
    Ok(Job {
        id,
        state,
        category,
        name,
        created,
        started,
        updated,
        finished: finished.or(if category.is_terminal() {
            updated
        } else {
            None
        }),
        progress: None,
        error,
        raw: Arc::new(v.clone()),
    })
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEvent {
    pub at: Option<Timestamp>,
    pub event: String,
    pub hostname: Option<String>,
    pub message: Option<String>,
    pub error: Option<String>,
}

/// One agent of a broadcast job: its response joined with its processing state.
#[derive(Clone, Debug, PartialEq)]
pub struct AgentRow {
    pub host: String,
    pub status: Option<String>,
    pub duration_seconds: Option<f64>,
    pub error: Option<String>,
    pub changed: Option<bool>,
    pub data: Option<Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OsapiDetail {
    pub operation_type: Option<String>,
    pub operation_data: Option<Value>,
    pub result: Option<Value>,
    pub changed: Option<bool>,
    pub error: Option<String>,
    pub hostname: Option<String>,
    pub timeline: Vec<TimelineEvent>,
    pub agents: Vec<AgentRow>,
}

fn timeline_event(e: &Value) -> TimelineEvent {
    TimelineEvent {
        at: e
            .get("timestamp")
            .and_then(Value::as_str)
            .and_then(parse_iso8601),
        event: e
            .get("event")
            .and_then(Value::as_str)
            .unwrap_or("event")
            .to_string(),
        hostname: e
            .get("hostname")
            .and_then(Value::as_str)
            .map(str::to_string),
        message: str_of(e, "message"),
        error: str_of(e, "error"),
    }
}

/// One row per agent, joining `responses` and `agent_states` by host name (a host may be in
/// either or both); the processing state's status and error win over the response's.
fn agent_rows(
    responses: Option<&Map<String, Value>>,
    states: Option<&Map<String, Value>>,
) -> Vec<AgentRow> {
    let mut hosts: Vec<&String> = responses.into_iter().flat_map(|m| m.keys()).collect();
    for h in states.into_iter().flat_map(|m| m.keys()) {
        if !hosts.contains(&h) {
            hosts.push(h);
        }
    }
    hosts
        .into_iter()
        .map(|host| {
            let r = responses.and_then(|m| m.get(host));
            let s = states.and_then(|m| m.get(host));
            let pick = |key: &str| {
                let value = s
                    .and_then(|v| v.get(key))
                    .or_else(|| r.and_then(|v| v.get(key)));
                value
                    .and_then(Value::as_str)
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
            };
            AgentRow {
                status: pick("status"),
                duration_seconds: s
                    .and_then(|v| v.get("duration"))
                    .and_then(Value::as_str)
                    .and_then(parse_go_duration),
                error: pick("error"),
                changed: r.and_then(|v| v.get("changed")).and_then(Value::as_bool),
                data: r
                    .and_then(|v| v.get("data"))
                    .filter(|d| !d.is_null())
                    .cloned(),
                host: host.clone(),
            }
        })
        .collect()
}

/// The detail record of a job the detail parser already validated.
pub fn detail(job: &Job) -> Result<OsapiDetail, SourceError> {
    let f = Fields::new(&job.raw, String::new())?;
    let op = f.get("operation");
    Ok(OsapiDetail {
        operation_type: op
            .and_then(|o| o.get("type"))
            .and_then(Value::as_str)
            .map(str::to_string),
        operation_data: op
            .and_then(|o| o.get("data"))
            .filter(|d| !d.is_null())
            .cloned(),
        result: f.get("result").cloned(),
        changed: f.opt_bool("changed").ok().flatten(),
        error: text(&f, "error"),
        hostname: text(&f, "hostname"),
        timeline: f
            .opt_array("timeline")?
            .into_iter()
            .flatten()
            .map(timeline_event)
            .collect(),
        agents: agent_rows(f.opt_object("responses")?, f.opt_object("agent_states")?),
    })
}
