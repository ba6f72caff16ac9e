//! One module per vendor; [`Adapter`] dispatches on the source kind so the app has one API.

pub mod cluedin;
pub mod detail;
pub mod osapi;
pub mod tines;
pub mod vector_charts;

use crate::error::SourceError;
use crate::http::{HttpRequest, HttpResponse};
use crate::json::{check_status, parse_body};
use crate::model::{Capabilities, Count, Job, ListQuery, Page, SourceKind};
use serde_json::Value;

/// The sans-IO adapter of one vendor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Adapter(pub SourceKind);

impl Adapter {
    pub fn capabilities(self) -> Capabilities {
        match self.0 {
            SourceKind::Tines => tines::capabilities(),
            SourceKind::VectorCharts => vector_charts::capabilities(),
            SourceKind::Osapi => osapi::capabilities(),
            SourceKind::Cluedin => cluedin::capabilities(),
        }
    }

    /// The query with its page size clamped to what the API allows and a page of at least 1.
    pub fn normalize(self, q: &ListQuery) -> ListQuery {
        let caps = self.capabilities();
        let mut q = q.clone();
        q.page = q.page.clamp(1, MAX_PAGE);
        q.per_page = caps.clamp_page_size(q.per_page);
        if caps.state_required && q.state.is_none() {
            q.state = caps.states.first().map(|s| s.to_string());
        }
        q
    }

    pub fn list_request(self, q: &ListQuery) -> HttpRequest {
        let q = self.normalize(q);
        match self.0 {
            SourceKind::Tines => tines::list_request(&q),
            SourceKind::VectorCharts => vector_charts::list_request(&q),
            SourceKind::Osapi => osapi::list_request(&q),
            SourceKind::Cluedin => cluedin::list_request(&q),
        }
    }

    pub fn parse_list(self, q: &ListQuery, resp: &HttpResponse) -> Result<Page, SourceError> {
        let q = self.normalize(q);
        let body = json_body(resp)?;
        match self.0 {
            SourceKind::Tines => tines::parse_list(&q, &body),
            SourceKind::VectorCharts => vector_charts::parse_list(&q, &body),
            SourceKind::Osapi => osapi::parse_list(&q, &body),
            SourceKind::Cluedin => cluedin::parse_list(&q, &body),
        }
    }

    /// The get-one request, for vendors that have one (osapi, CluedIn).
    pub fn detail_request(self, id: &str) -> Option<HttpRequest> {
        match self.0 {
            SourceKind::Osapi => Some(osapi::detail_request(id)),
            SourceKind::Cluedin => Some(cluedin::detail_request(id)),
            SourceKind::Tines | SourceKind::VectorCharts => None,
        }
    }

    pub fn parse_detail(self, resp: &HttpResponse) -> Result<Job, SourceError> {
        let body = json_body(resp)?;
        match self.0 {
            SourceKind::Osapi => osapi::parse_job(&body, String::new()),
            SourceKind::Cluedin => cluedin::parse_job_run(&body).map(|run| run.job),
            SourceKind::Tines | SourceKind::VectorCharts => Err(SourceError::invalid("this API has no get-one endpoint")),
        }
    }
}

/// No one pages this far; keeps offset arithmetic far from overflow.
const MAX_PAGE: u64 = 10_000_000;

/// Status check, then JSON.
pub fn json_body(resp: &HttpResponse) -> Result<Value, SourceError> {
    check_status(resp)?;
    parse_body(&resp.body)
}

/// Parses every element of a list, naming the failing index.
pub fn parse_each<T>(items: &[Value], path: &str, mut f: impl FnMut(&Value, String) -> Result<T, SourceError>) -> Result<Vec<T>, SourceError> {
    items.iter().enumerate().map(|(i, v)| f(v, crate::json::index_path(path, i))).collect()
}

/// A lower bound that says nothing when it is zero.
pub fn at_least(n: u64) -> Count {
    if n == 0 {
        Count::Unknown
    } else {
        Count::AtLeast(n)
    }
}

/// A page from its jobs and the total the API reported, if any. Without a total, a short page is
/// the last one and the total is exact; a full page means "at least" and maybe more.
pub fn page_with_total(q: &ListQuery, jobs: Vec<Job>, total: Option<u64>) -> Page {
    let seen = offset_of(q).saturating_add(jobs.len() as u64);
    let (total, has_more) = match total {
        Some(t) => (Count::Exact(t), seen < t),
        None => {
            let more = jobs.len() as u64 >= q.per_page;
            (if more { at_least(seen) } else { Count::Exact(seen) }, more)
        }
    };
    Page { jobs, total, has_more, page: q.page, per_page: q.per_page }
}

/// Zero-based offset of the first row of a 1-based page.
pub fn offset_of(q: &ListQuery) -> u64 {
    q.page.saturating_sub(1).saturating_mul(q.per_page)
}

/// A vendor-specific column of the job table: its header and the value for a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Id,
    Name,
    State,
    Created,
    Started,
    Updated,
    Progress,
    Error,
    /// A vendor field, read by [`extra_value`].
    Extra(&'static str),
}

impl Column {
    pub fn header(self, kind: SourceKind) -> &'static str {
        match (self, kind) {
            (Column::Id, _) => "ID",
            (Column::Name, SourceKind::Tines | SourceKind::VectorCharts) => "Type",
            (Column::Name, SourceKind::Osapi) => "Operation",
            (Column::Name, SourceKind::Cluedin) => "Component",
            (Column::State, _) => "State",
            (Column::Created, _) => "Created",
            (Column::Started, _) => "Started",
            (Column::Updated, SourceKind::Tines) => "Last retry",
            (Column::Updated, _) => "Updated",
            (Column::Progress, _) => "Progress",
            (Column::Error, SourceKind::Tines) => "Error class",
            (Column::Error, _) => "Error",
            (Column::Extra(label), _) => label,
        }
    }

    /// The `sort` value in the URL.
    pub fn key(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Name => "name",
            Column::State => "state",
            Column::Created => "created",
            Column::Started => "started",
            Column::Updated => "updated",
            Column::Progress => "progress",
            Column::Error => "error",
            Column::Extra(label) => label,
        }
    }
}

/// The columns of a vendor's job table, in order.
pub fn columns(kind: SourceKind) -> &'static [Column] {
    match kind {
        SourceKind::Tines => &[Column::Id, Column::Name, Column::Extra("Action"), Column::State, Column::Started, Column::Extra("Retries"), Column::Updated, Column::Error],
        SourceKind::VectorCharts => &[Column::Id, Column::Name, Column::State, Column::Progress, Column::Created, Column::Updated, Column::Error],
        SourceKind::Osapi => &[Column::Id, Column::Name, Column::State, Column::Extra("Host"), Column::Created, Column::Updated, Column::Error],
        SourceKind::Cluedin => &[Column::Id, Column::Name, Column::State, Column::Created, Column::Extra("Configuration")],
    }
}

/// The value of a vendor's extra column for a job, from its raw record.
pub fn extra_value(kind: SourceKind, label: &str, job: &Job) -> Option<String> {
    let field = |keys: &[&str]| -> Option<String> {
        let obj = job.raw.as_object()?;
        keys.iter().find_map(|k| obj.iter().find(|(key, _)| key.eq_ignore_ascii_case(k)).map(|(_, v)| v)).and_then(|v| match v {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    match (kind, label) {
        (SourceKind::Tines, "Action") => tines::agent_label(&job.raw),
        (SourceKind::Tines, "Retries") => field(&["retry_count"]),
        (SourceKind::Osapi, "Host") => field(&["hostname"]),
        (SourceKind::Cluedin, "Configuration") => field(&["configurationId"]),
        _ => None,
    }
}
