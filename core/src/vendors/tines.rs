//! Tines admin jobs: four lists (one per state), 1-based `page`/`per_page`, a body keyed by the
//! literal `"admin/<state>_jobs"`, and a `meta` that may be missing or say `count: 0` beside a
//! next page. The `meta` URLs are never followed: requests are always built from the base URL.

use super::detail::VendorDetail;
use super::{at_least, json_body, offset_of, parse_each, Column, SourceKind, Vendor};
use crate::actions::ActionKind;
use crate::counts::CountSteps;
use crate::error::SourceError;
use crate::http::{HttpRequest, HttpResponse};
use crate::json::Fields;
use crate::model::{
    Capabilities, Count, CountMethod, Counts, Job, ListQuery, Page, StateCategory, StateCount,
};
use crate::time::Timestamp;
use serde_json::Value;
use std::sync::Arc;

pub struct Tines;

impl Vendor for Tines {
    const NAME: &'static str = "tines";
    const LABEL: &'static str = "Tines";
    const DEMO_ID: &'static str = "tines";

    fn capabilities() -> Capabilities {
        Capabilities {
            kind: SourceKind::Tines,
            states: STATES,
            server_state_filter: true,
            state_required: true,
            free_state_filter: false,
            default_page_size: 20,
            max_page_size: 500,
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
            Column::Extra("Action"),
            Column::State,
            Column::Started,
            Column::Extra("Retries"),
            Column::Updated,
            Column::Error,
        ]
    }

    fn header(column: Column) -> &'static str {
        match column {
            Column::Updated => "Last retry",
            Column::Error => "Error class",
            other => other.common_header(),
        }
    }

    fn extra_value(label: &str, job: &Job) -> Option<String> {
        match label {
            "Action" => agent_label(&job.raw),
            "Retries" => super::raw_text(&job.raw, "retry_count"),
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
        Box::new(CountLists)
    }

    fn detail(job: &Job) -> Result<VendorDetail, SourceError> {
        detail(job).map(VendorDetail::Tines)
    }

    fn actions() -> &'static [ActionKind] {
        &[
            ActionKind::ClearQueued,
            ActionKind::ClearRetry,
            ActionKind::ClearDead,
        ]
    }
}

pub const STATES: &[&str] = &["in_progress", "queued", "retry", "dead"];

pub fn category(state: &str) -> StateCategory {
    match state {
        "in_progress" => StateCategory::Running,
        "queued" => StateCategory::Queued,
        "retry" => StateCategory::Retrying,
        "dead" => StateCategory::Failed,
        _ => StateCategory::Other,
    }
}

/// The list for a state; an unknown state name falls back to in_progress rather than
/// building a path from user input.
fn list_state(q: &ListQuery) -> &'static str {
    let wanted = q.state.as_deref().unwrap_or("in_progress");
    STATES
        .iter()
        .copied()
        .find(|s| *s == wanted)
        .unwrap_or("in_progress")
}

pub fn list_request(q: &ListQuery) -> HttpRequest {
    HttpRequest::get(format!("/api/v1/admin/{}_jobs", list_state(q)))
        .param("page", q.page)
        .param("per_page", q.per_page)
}

pub fn parse_list(q: &ListQuery, body: &Value) -> Result<Page, SourceError> {
    let state = list_state(q);
    let key = format!("admin/{state}_jobs");
    // The docs' prose says "a JSON Array" while the samples show the keyed object: take both.
    let (items, meta) = match body {
        Value::Array(items) => (items, None),
        Value::Object(map) => {
            let items = match map.get(&key) {
                Some(Value::Array(items)) => items,
                Some(Value::Null) | None => {
                    return Err(SourceError::invalid(format!(
                        "\"{key}\": missing (is this a Tines admin jobs endpoint?)"
                    )))
                }
                Some(other) => {
                    return Err(SourceError::invalid(format!(
                        "\"{key}\": expected a list, found {}",
                        crate::json::kind_of(other)
                    )))
                }
            };
            (items, map.get("meta").filter(|m| !m.is_null()))
        }
        other => {
            return Err(SourceError::invalid(format!(
                "the body: expected an object, found {}",
                crate::json::kind_of(other)
            )))
        }
    };
    let jobs = parse_each(items, &key, |v, path| parse_job(v, path, state))?;
    let seen = offset_of(q).saturating_add(jobs.len() as u64);
    let (total, has_more) = match meta {
        None => {
            // No meta: a short page is the last one.
            let has_more = jobs.len() as u64 >= q.per_page;
            (
                if has_more {
                    at_least(seen)
                } else {
                    Count::Exact(seen)
                },
                has_more,
            )
        }
        Some(meta) => total_from_meta(meta, seen)?,
    };
    Ok(Page {
        jobs,
        total,
        has_more,
        page: q.page,
        per_page: q.per_page,
    })
}

/// The total and whether a next page exists, from `meta`, with `seen` jobs up to this page.
fn total_from_meta(meta: &Value, seen: u64) -> Result<(Count, bool), SourceError> {
    let m = Fields::new(meta, "meta".into())?;
    let count = m.opt_count("count")?.unwrap_or(0);
    let next_number = m.opt_count("next_page_number")?;
    // Only whether a next page exists matters here; the URL itself is never used.
    let next_url = m.opt_str("next_page")?;
    let has_more = next_url.is_some() || next_number.is_some();
    let total = if count > 0 {
        Count::Exact(count)
    } else if !has_more {
        Count::Exact(seen)
    } else {
        // `count: 0` beside a next page: the tenant does not say how many.
        at_least(seen)
    };
    Ok((total, has_more))
}

pub fn parse_job(v: &Value, path: String, state: &str) -> Result<Job, SourceError> {
    let f = Fields::new(v, path)?;
    let id = f.req_id("id")?;
    let name = f.opt_str("type")?.map(str::to_string);
    // `agent` is an object {id, name}, a bare action id, or absent: validate, keep it raw.
    match f.get("agent") {
        None | Some(Value::Number(_)) => {}
        Some(agent @ Value::Object(_)) => {
            let a = Fields::new(agent, f.child_path("agent"))?;
            a.opt_str("name")?;
            if let Some(id) = a.get("id") {
                if !(id.is_number() || id.is_string()) {
                    return Err(a.err("id", "expected an id"));
                }
            }
        }
        Some(other) => {
            return Err(f.err(
                "agent",
                &format!(
                    "expected an object or an action id, found {}",
                    crate::json::kind_of(other)
                ),
            ))
        }
    }
    f.opt_count("events")?;
    f.opt_count("retry_count")?;
    let started = epoch_seconds(&f, "started_at")?;
    let last_retry = epoch_seconds(&f, "last_retry")?;
    let error = f
        .opt_str("error_class")?
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    Ok(Job {
        id,
        state: state.to_string(),
        category: category(state),
        name,
        created: None,
        started,
        updated: last_retry,
        finished: None,
        progress: None,
        error,
        raw: Arc::new(v.clone()),
    })
}

/// Float epoch seconds; `""` (a job never retried) means none.
fn epoch_seconds(f: &Fields, key: &str) -> Result<Option<Timestamp>, SourceError> {
    match f.get(key) {
        None => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::Number(n)) => n
            .as_f64()
            .and_then(Timestamp::from_epoch_seconds)
            .map(Some)
            .ok_or_else(|| f.err(key, "not a time")),
        Some(_) => Err(f.err(key, "not a time (expected epoch seconds)")),
    }
}

/// Agent name and id of a record, for tables and detail (`Action 01 (#1)` or `action #1`).
pub fn agent_label(raw: &Value) -> Option<String> {
    match raw.get("agent")? {
        Value::Object(a) => {
            let name = a.get("name").and_then(Value::as_str);
            let id = a
                .get("id")
                .map(|v| v.to_string().trim_matches('"').to_string());
            match (name, id) {
                (Some(n), Some(i)) => Some(format!("{n} (#{i})")),
                (Some(n), None) => Some(n.to_string()),
                (None, Some(i)) => Some(format!("action #{i}")),
                (None, None) => None,
            }
        }
        Value::Number(n) => Some(format!("action #{n}")),
        _ => None,
    }
}

/// Counted with one request of one job per list, all four at once: the totals are in `meta`.
struct CountLists;

fn count_query(state: &str) -> ListQuery {
    super::normalize(
        &Tines::capabilities(),
        &ListQuery {
            state: Some(state.to_string()),
            page: 1,
            per_page: 1,
            ..Default::default()
        },
    )
}

impl CountSteps for CountLists {
    fn requests(&self) -> Vec<HttpRequest> {
        STATES
            .iter()
            .map(|s| list_request(&count_query(s)))
            .collect()
    }

    fn absorb(&mut self, responses: &[HttpResponse]) -> Result<Option<Counts>, SourceError> {
        let mut states = Vec::new();
        for (state, resp) in STATES.iter().zip(responses) {
            let page = parse_list(&count_query(state), &json_body(resp)?)?;
            // `count: 0` beside jobs: the tenant does not count, but there are at least these.
            let count = match page.total {
                Count::Unknown if !page.jobs.is_empty() => Count::AtLeast(page.jobs.len() as u64),
                other => other,
            };
            states.push(StateCount {
                state: state.to_string(),
                category: category(state),
                count,
            });
        }
        let total = states
            .iter()
            .fold(Count::Exact(0), |acc, s| acc.plus(s.count));
        Ok(Some(Counts {
            states,
            total,
            totals: Vec::new(),
            method: CountMethod::Reported,
        }))
    }
}

/// A Tines job's own fields, for its detail section.
#[derive(Clone, Debug, PartialEq)]
pub struct TinesDetail {
    pub job_type: Option<String>,
    pub action_name: Option<String>,
    pub action_id: Option<String>,
    pub event_id: Option<i64>,
    pub started_at: Option<Timestamp>,
    pub retry_count: Option<i64>,
    /// `None` with `retried == false` means "never" (`last_retry: ""`).
    pub last_retry: Option<Timestamp>,
    pub retried: bool,
    pub error_class: Option<String>,
}

fn epoch_s(v: Option<&Value>) -> Option<Timestamp> {
    v.and_then(Value::as_f64)
        .and_then(Timestamp::from_epoch_seconds)
}

/// The detail record of a job the list parser already validated.
pub fn detail(job: &Job) -> Result<TinesDetail, SourceError> {
    let f = Fields::new(&job.raw, String::new())?;
    let (action_name, action_id) = match f.get("agent") {
        Some(Value::Object(a)) => (
            a.get("name").and_then(Value::as_str).map(str::to_string),
            a.get("id")
                .map(|v| v.to_string().trim_matches('"').to_string()),
        ),
        Some(Value::Number(n)) => (None, Some(n.to_string())),
        _ => (None, None),
    };
    let last_retry_raw = f.get("last_retry");
    Ok(TinesDetail {
        job_type: super::detail::text(&f, "type"),
        action_name,
        action_id,
        event_id: f.opt_i64("events").ok().flatten(),
        started_at: epoch_s(f.get("started_at")),
        retry_count: f.opt_i64("retry_count").ok().flatten(),
        last_retry: epoch_s(last_retry_raw),
        retried: last_retry_raw.is_some_and(Value::is_number),
        error_class: super::detail::text(&f, "error_class"),
    })
}
