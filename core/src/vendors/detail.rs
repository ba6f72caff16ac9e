//! Typed detail records per vendor, read from a job's raw record, so the detail views never
//! touch vendor JSON shapes. Everything is optional: vendors omit freely.

use super::cluedin::{parse_job_run, JobRun};
use crate::error::SourceError;
use crate::json::Fields;
use crate::model::{Job, SourceKind};
use crate::time::{parse_go_duration, parse_iso8601, Timestamp};
use serde_json::Value;

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

#[derive(Clone, Debug, PartialEq)]
pub enum VendorDetail {
    Tines(TinesDetail),
    VectorCharts(ChartsDetail),
    Osapi(OsapiDetail),
    Cluedin(Box<JobRun>),
}

fn text(f: &Fields, key: &str) -> Option<String> {
    match f.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn epoch_s(v: Option<&Value>) -> Option<Timestamp> {
    v.and_then(Value::as_f64).and_then(Timestamp::from_epoch_seconds)
}

fn millis(v: Option<&Value>) -> Option<Timestamp> {
    match v? {
        Value::Number(n) => n.as_f64().and_then(|ms| Timestamp::from_millis(ms.round() as i64)),
        Value::String(s) => parse_iso8601(s),
        _ => None,
    }
}

/// The vendor's detail record of a job (already validated by the list or detail parser).
pub fn detail_of(kind: SourceKind, job: &Job) -> Result<VendorDetail, SourceError> {
    let f = Fields::new(&job.raw, String::new())?;
    Ok(match kind {
        SourceKind::Tines => {
            let (action_name, action_id) = match f.get("agent") {
                Some(Value::Object(a)) => (a.get("name").and_then(Value::as_str).map(str::to_string), a.get("id").map(|v| v.to_string().trim_matches('"').to_string())),
                Some(Value::Number(n)) => (None, Some(n.to_string())),
                _ => (None, None),
            };
            let last_retry_raw = f.get("last_retry");
            VendorDetail::Tines(TinesDetail {
                job_type: text(&f, "type"),
                action_name,
                action_id,
                event_id: f.opt_i64("events").ok().flatten(),
                started_at: epoch_s(f.get("started_at")),
                retry_count: f.opt_i64("retry_count").ok().flatten(),
                last_retry: epoch_s(last_retry_raw),
                retried: last_retry_raw.is_some_and(Value::is_number),
                error_class: text(&f, "error_class"),
            })
        }
        SourceKind::VectorCharts => {
            let logs = f
                .opt_array("logs")?
                .into_iter()
                .flatten()
                .map(|l| LogLine {
                    at: l.get("timestamp").and_then(Value::as_str).and_then(parse_iso8601),
                    level: l.get("type").and_then(Value::as_str).unwrap_or("info").to_string(),
                    message: l.get("message").and_then(Value::as_str).unwrap_or("").to_string(),
                })
                .collect();
            let steps = f
                .opt_array("steps")?
                .into_iter()
                .flatten()
                .map(|s| Step {
                    name: s.get("stepName").and_then(Value::as_str).unwrap_or("(unnamed step)").to_string(),
                    status: s.get("status").and_then(Value::as_str).map(str::to_string),
                    started: millis(s.get("startedAt")),
                    completed: millis(s.get("completedAt")),
                    attempt: s.get("attempt").and_then(Value::as_i64),
                    error: s.get("error").and_then(Value::as_str).filter(|e| !e.is_empty()).map(str::to_string),
                })
                .collect();
            VendorDetail::VectorCharts(ChartsDetail {
                parent_id: text(&f, "parentJobId"),
                account_id: text(&f, "accountId"),
                priority: f.opt_i64("priority").ok().flatten(),
                parameters: f.get("parameters").cloned(),
                result: f.get("result").cloned(),
                logs,
                steps,
            })
        }
        SourceKind::Osapi => {
            let op = f.get("operation");
            let timeline = f
                .opt_array("timeline")?
                .into_iter()
                .flatten()
                .map(|e| TimelineEvent {
                    at: e.get("timestamp").and_then(Value::as_str).and_then(parse_iso8601),
                    event: e.get("event").and_then(Value::as_str).unwrap_or("event").to_string(),
                    hostname: e.get("hostname").and_then(Value::as_str).map(str::to_string),
                    message: e.get("message").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string),
                    error: e.get("error").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string),
                })
                .collect();
            let responses = f.opt_object("responses")?;
            let states = f.opt_object("agent_states")?;
            let mut hosts: Vec<String> = responses.into_iter().flat_map(|m| m.keys().cloned()).collect();
            for h in states.into_iter().flat_map(|m| m.keys()) {
                if !hosts.contains(h) {
                    hosts.push(h.clone());
                }
            }
            let agents = hosts
                .into_iter()
                .map(|host| {
                    let r = responses.and_then(|m| m.get(&host));
                    let s = states.and_then(|m| m.get(&host));
                    let pick = |key: &str| s.and_then(|v| v.get(key)).or_else(|| r.and_then(|v| v.get(key))).and_then(Value::as_str).filter(|x| !x.is_empty()).map(str::to_string);
                    AgentRow {
                        status: pick("status"),
                        duration_seconds: s.and_then(|v| v.get("duration")).and_then(Value::as_str).and_then(parse_go_duration),
                        error: pick("error"),
                        changed: r.and_then(|v| v.get("changed")).and_then(Value::as_bool),
                        data: r.and_then(|v| v.get("data")).filter(|d| !d.is_null()).cloned(),
                        host,
                    }
                })
                .collect();
            VendorDetail::Osapi(OsapiDetail {
                operation_type: op.and_then(|o| o.get("type")).and_then(Value::as_str).map(str::to_string),
                operation_data: op.and_then(|o| o.get("data")).filter(|d| !d.is_null()).cloned(),
                result: f.get("result").cloned(),
                changed: f.opt_bool("changed").ok().flatten(),
                error: text(&f, "error"),
                hostname: text(&f, "hostname"),
                timeline,
                agents,
            })
        }
        SourceKind::Cluedin => VendorDetail::Cluedin(Box::new(parse_job_run(&job.raw)?)),
    })
}
