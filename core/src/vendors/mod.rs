//! One module per vendor; [`Adapter`] dispatches on the source kind so the app has one API.

pub mod cluedin;
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

/// Zero-based offset of the first row of a 1-based page.
pub fn offset_of(q: &ListQuery) -> u64 {
    q.page.saturating_sub(1).saturating_mul(q.per_page)
}
