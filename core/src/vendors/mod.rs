//! Every vendor jobdeck speaks to, behind one trait. Each vendor's module holds everything about
//! it (capabilities, states and their categories, columns, requests, parsers, how it is counted,
//! its detail record, its write actions); this module registers them and dispatches on the
//! [`SourceKind`] so the rest of the code never asks which vendor it has.
//!
//! Adding a vendor: a module implementing [`Vendor`], a [`SourceKind`] variant, its entry in
//! [`KINDS`] and its arm in `with_vendor!`, all in this file.

pub mod cluedin;
pub mod detail;
pub mod osapi;
pub mod tines;
pub mod vector_charts;

use crate::actions::ActionKind;
use crate::counts::CountSteps;
use crate::error::SourceError;
use crate::http::{HttpRequest, HttpResponse};
use crate::json::{check_status, parse_body};
use crate::model::{Capabilities, Count, Job, ListQuery, Page, StateCategory};
use detail::VendorDetail;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The job systems jobdeck speaks to. The serialized names are the `kind` values of
/// sources.json.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Tines,
    VectorCharts,
    Osapi,
    Cluedin,
}

/// Every kind, in the order Settings offers them.
pub const KINDS: [SourceKind; 4] = [
    SourceKind::Tines,
    SourceKind::VectorCharts,
    SourceKind::Osapi,
    SourceKind::Cluedin,
];

/// Runs `$body` with the type `$V` naming the [`Vendor`] of `$kind`: the one place a kind meets
/// its module. Static dispatch on purpose: a caller instantiates only the vendor functions it
/// calls, so the overview's first-load module carries the counting code and not the job
/// parsers, which live in the table's and the detail's chunks.
macro_rules! with_vendor {
    ($kind:expr, $V:ident => $body:expr) => {
        match $kind {
            SourceKind::Tines => {
                type $V = tines::Tines;
                $body
            }
            SourceKind::VectorCharts => {
                type $V = vector_charts::VectorCharts;
                $body
            }
            SourceKind::Osapi => {
                type $V = osapi::Osapi;
                $body
            }
            SourceKind::Cluedin => {
                type $V = cluedin::Cluedin;
                $body
            }
        }
    };
}

/// What one vendor is and how its API is spoken. Associated functions only: vendors hold no
/// state, and static dispatch keeps each page's chunk to what it calls (see `with_vendor!`).
pub trait Vendor {
    /// The `kind` string of sources.json.
    const NAME: &'static str;
    /// How the vendor calls itself, for people.
    const LABEL: &'static str;
    /// The id of this vendor's source in the embedded demo.
    const DEMO_ID: &'static str;

    fn capabilities() -> Capabilities;
    /// The category of one of the vendor's state names (any name: unknown ones are `Other`).
    fn category(state: &str) -> StateCategory;
    /// The job table's columns, in order.
    fn columns() -> &'static [Column];
    /// A column's header, where the vendor names it differently from [`Column::common_header`].
    fn header(column: Column) -> &'static str {
        column.common_header()
    }
    /// The value of one of the vendor's [`Column::Extra`] columns for a job.
    fn extra_value(_label: &str, _job: &Job) -> Option<String> {
        None
    }
    /// The list request for an already normalized query.
    fn list_request(q: &ListQuery) -> HttpRequest;
    fn parse_list(q: &ListQuery, body: &Value) -> Result<Page, SourceError>;
    /// How this vendor's jobs are counted per state (see [`crate::CountsPlan`]).
    fn counts_plan() -> Box<dyn CountSteps>;
    /// The get-one request; `None` for vendors whose jobs are found by scanning their lists
    /// (see [`crate::lookup::DetailPlan`]).
    fn detail_request(_id: &str) -> Option<HttpRequest> {
        None
    }
    fn parse_detail(_body: &Value) -> Result<Job, SourceError> {
        Err(SourceError::invalid("this API has no get-one endpoint"))
    }
    /// The vendor's typed detail record of a job, read from its raw record.
    fn detail(job: &Job) -> Result<VendorDetail, SourceError>;
    /// The write actions the vendor's API documents.
    fn actions() -> &'static [ActionKind] {
        &[]
    }
}

impl SourceKind {
    /// The kind named by a sources.json `kind` string.
    pub fn from_name(name: &str) -> Option<Self> {
        KINDS.into_iter().find(|k| k.name() == name)
    }

    /// The `kind` string of sources.json.
    pub fn name(self) -> &'static str {
        with_vendor!(self, V => V::NAME)
    }

    /// How the vendor calls itself, for people.
    pub fn label(self) -> &'static str {
        with_vendor!(self, V => V::LABEL)
    }

    /// The id of this kind's source in the embedded demo.
    pub fn demo_id(self) -> &'static str {
        with_vendor!(self, V => V::DEMO_ID)
    }
}

impl std::str::FromStr for SourceKind {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        // The names spelled out (a test checks them against KINDS): joining them at run time
        // would put that code in the first-load module for one error message.
        SourceKind::from_name(name).ok_or_else(|| {
            format!(
                "unknown kind \"{}\" (expected tines, vector-charts, osapi or cluedin)",
                crate::json::shorten(name, 30)
            )
        })
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A source kind's vendor, as one value the app can hold and ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Adapter(pub SourceKind);

impl Adapter {
    pub fn capabilities(self) -> Capabilities {
        with_vendor!(self.0, V => V::capabilities())
    }

    pub fn category(self, state: &str) -> StateCategory {
        with_vendor!(self.0, V => V::category(state))
    }

    pub fn columns(self) -> &'static [Column] {
        with_vendor!(self.0, V => V::columns())
    }

    pub fn header(self, column: Column) -> &'static str {
        with_vendor!(self.0, V => V::header(column))
    }

    pub fn extra_value(self, label: &str, job: &Job) -> Option<String> {
        with_vendor!(self.0, V => V::extra_value(label, job))
    }

    /// The query with its page size clamped to what the API allows and a page of at least 1.
    pub fn normalize(self, q: &ListQuery) -> ListQuery {
        normalize(&self.capabilities(), q)
    }

    pub fn list_request(self, q: &ListQuery) -> HttpRequest {
        let q = self.normalize(q);
        with_vendor!(self.0, V => V::list_request(&q))
    }

    pub fn parse_list(self, q: &ListQuery, resp: &HttpResponse) -> Result<Page, SourceError> {
        let q = self.normalize(q);
        let body = json_body(resp)?;
        with_vendor!(self.0, V => V::parse_list(&q, &body))
    }

    pub fn counts_plan(self) -> Box<dyn CountSteps> {
        with_vendor!(self.0, V => V::counts_plan())
    }

    /// The get-one request, for vendors that have one.
    pub fn detail_request(self, id: &str) -> Option<HttpRequest> {
        with_vendor!(self.0, V => V::detail_request(id))
    }

    pub fn parse_detail(self, resp: &HttpResponse) -> Result<Job, SourceError> {
        let body = json_body(resp)?;
        with_vendor!(self.0, V => V::parse_detail(&body))
    }

    pub fn detail(self, job: &Job) -> Result<VendorDetail, SourceError> {
        with_vendor!(self.0, V => V::detail(job))
    }

    pub fn actions(self) -> &'static [ActionKind] {
        with_vendor!(self.0, V => V::actions())
    }
}

/// No one pages this far; keeps offset arithmetic far from overflow.
const MAX_PAGE: u64 = 10_000_000;

/// A query made valid for an API: a page of at least 1, a page size it allows, and the first
/// state where the API has one list per state.
pub fn normalize(caps: &Capabilities, q: &ListQuery) -> ListQuery {
    let mut q = q.clone();
    q.page = q.page.clamp(1, MAX_PAGE);
    q.per_page = caps.clamp_page_size(q.per_page);
    if caps.state_required && q.state.is_none() {
        q.state = caps.states.first().map(|s| s.to_string());
    }
    q
}

/// Status check, then JSON.
pub fn json_body(resp: &HttpResponse) -> Result<Value, SourceError> {
    check_status(resp)?;
    parse_body(&resp.body)
}

/// Parses every element of a list, naming the failing index.
pub fn parse_each<T>(
    items: &[Value],
    path: &str,
    mut f: impl FnMut(&Value, String) -> Result<T, SourceError>,
) -> Result<Vec<T>, SourceError> {
    items
        .iter()
        .enumerate()
        .map(|(i, v)| f(v, crate::json::index_path(path, i)))
        .collect()
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
            (
                if more {
                    at_least(seen)
                } else {
                    Count::Exact(seen)
                },
                more,
            )
        }
    };
    Page {
        jobs,
        total,
        has_more,
        page: q.page,
        per_page: q.per_page,
    }
}

/// Zero-based offset of the first row of a 1-based page.
pub fn offset_of(q: &ListQuery) -> u64 {
    q.page.saturating_sub(1).saturating_mul(q.per_page)
}

/// A text or number field of a raw record, its key matched case-insensitively (for the extra
/// columns).
pub fn raw_text(raw: &Value, key: &str) -> Option<String> {
    let obj = raw.as_object()?;
    obj.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .and_then(|(_, v)| match v {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
}

/// A column of the job table. Each vendor lists its own in [`Vendor::columns`].
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
    /// A vendor field, read by [`Vendor::extra_value`].
    Extra(&'static str),
}

impl Column {
    /// The header for a source of `kind`.
    pub fn header(self, kind: SourceKind) -> &'static str {
        Adapter(kind).header(self)
    }

    /// The header most vendors use.
    pub fn common_header(self) -> &'static str {
        match self {
            Column::Id => "ID",
            Column::Name => "Type",
            Column::State => "State",
            Column::Created => "Created",
            Column::Started => "Started",
            Column::Updated => "Updated",
            Column::Progress => "Progress",
            Column::Error => "Error",
            Column::Extra(label) => label,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in KINDS {
            assert_eq!(SourceKind::from_name(k.name()), Some(k));
            assert_eq!(k.name().parse::<SourceKind>(), Ok(k));
            assert_eq!(Adapter(k).capabilities().kind, k);
        }
        let names: Vec<&str> = KINDS.iter().map(|k| k.name()).collect();
        assert_eq!(
            names,
            ["tines", "vector-charts", "osapi", "cluedin"],
            "the FromStr message names them all"
        );
        assert!("sidekiq"
            .parse::<SourceKind>()
            .unwrap_err()
            .contains("(expected tines, vector-charts, osapi or cluedin)"));
    }

    #[test]
    fn demo_ids_are_distinct() {
        let mut ids: Vec<&str> = KINDS.iter().map(|k| k.demo_id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), KINDS.len());
    }
}
