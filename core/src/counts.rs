//! Counting jobs per state takes one request on some vendors and a few rounds on others. A
//! [`CountsPlan`] is a sans-IO state machine: ask it for requests, feed it the responses, repeat
//! until it has no more requests, then take the [`Counts`].

use crate::error::SourceError;
use crate::http::{HttpRequest, HttpResponse};
use crate::json::{check_status, parse_body};
use crate::model::{Count, CountMethod, Counts, ListQuery, SourceKind, StateCount};
use crate::vendors::{cluedin, json_body, osapi, tines, vector_charts, Adapter};
use std::collections::HashSet;

/// Vector Charts is counted per state by reading every page only up to this many jobs.
pub const VECTOR_CHARTS_SCAN_LIMIT: u64 = 2_000;

#[derive(Debug)]
enum Step {
    /// One per-page=1 request per Tines list; the totals come from `meta`.
    TinesLists,
    /// The first page of 200, which also tells the total.
    ChartsFirstPage,
    /// Reading the other pages of 200 to count by state, one page per round so that only one
    /// page's body is ever held; `seen` is every (id, state) read so far.
    ChartsScan { total: u64, pages: u64, next: u64, seen: Vec<vector_charts::ScannedJob> },
    /// Too many jobs to scan: only the all and active totals.
    ChartsActiveTotal { total: Count },
    OsapiCounts,
    CluedinCounts,
    CluedinFallback,
    Done,
}

#[derive(Debug)]
pub struct CountsPlan {
    kind: SourceKind,
    step: Step,
    result: Option<Counts>,
}

impl CountsPlan {
    pub fn new(kind: SourceKind) -> Self {
        let step = match kind {
            SourceKind::Tines => Step::TinesLists,
            SourceKind::VectorCharts => Step::ChartsFirstPage,
            SourceKind::Osapi => Step::OsapiCounts,
            SourceKind::Cluedin => Step::CluedinCounts,
        };
        CountsPlan { kind, step, result: None }
    }

    /// The requests of the current round; empty when the plan is finished.
    pub fn requests(&self) -> Vec<HttpRequest> {
        let charts = Adapter(SourceKind::VectorCharts);
        match &self.step {
            Step::TinesLists => tines::STATES.iter().map(|s| tines::list_request(&tines_query(s))).collect(),
            Step::ChartsFirstPage => vec![charts.list_request(&scan_query(1))],
            Step::ChartsScan { next, .. } => vec![charts.list_request(&scan_query(*next))],
            Step::ChartsActiveTotal { .. } => vec![charts.list_request(&ListQuery { page: 1, per_page: 1, active_only: true, ..Default::default() })],
            Step::OsapiCounts => vec![osapi::counts_request()],
            Step::CluedinCounts => vec![cluedin::counts_request()],
            Step::CluedinFallback => vec![cluedin::counts_fallback_request()],
            Step::Done => Vec::new(),
        }
    }

    /// Feeds the responses to [`CountsPlan::requests`], in the same order.
    pub fn absorb(&mut self, responses: &[HttpResponse]) -> Result<(), SourceError> {
        if responses.len() != self.requests().len() {
            return Err(SourceError::invalid("internal: response count does not match the requests"));
        }
        let step = std::mem::replace(&mut self.step, Step::Done);
        match step {
            Step::TinesLists => {
                let mut states = Vec::new();
                for (state, resp) in tines::STATES.iter().zip(responses) {
                    let q = tines_query(state);
                    // The vendor's own parser, not Adapter::parse_list: that dispatcher would
                    // pull every vendor's job parser into the overview's first-load wasm.
                    let page = tines::parse_list(&Adapter(SourceKind::Tines).normalize(&q), &json_body(resp)?)?;
                    let count = match page.total {
                        Count::Unknown if !page.jobs.is_empty() => Count::AtLeast(page.jobs.len() as u64),
                        other => other,
                    };
                    states.push(StateCount { state: state.to_string(), category: tines::category(state), count });
                }
                let total = states.iter().fold(Count::Exact(0), |acc, s| acc.add(s.count));
                self.result = Some(Counts { states, total, totals: Vec::new(), method: CountMethod::Reported });
            }
            Step::ChartsFirstPage => {
                let resp = responses.first().ok_or_else(|| SourceError::invalid("internal: no response"))?;
                check_status(resp)?;
                // A legacy server sends every job at once: count them right here.
                if vector_charts::is_legacy_list(&resp.body) {
                    let everything = vector_charts::parse_list(&ListQuery { page: 1, per_page: u64::MAX, ..Default::default() }, &parse_body(&resp.body)?)?;
                    self.result = Some(charts_counts(everything.jobs.iter().map(|j| (j.id.as_str(), j.state.as_str())), CountMethod::Scanned));
                    return Ok(());
                }
                let first = vector_charts::parse_scan_page(&resp.body)?;
                match first.total {
                    Some(total) if total <= VECTOR_CHARTS_SCAN_LIMIT => {
                        let pages = total.div_ceil(vector_charts::MAX_LIMIT).max(1);
                        self.finish_charts_scan(total, pages, 2, first.jobs);
                    }
                    Some(total) => self.step = Step::ChartsActiveTotal { total: Count::Exact(total) },
                    // Without a total, a short first page is everything; a full one is "at least".
                    None if (first.jobs.len() as u64) < vector_charts::MAX_LIMIT => {
                        let total = first.jobs.len() as u64;
                        self.finish_charts_scan(total, 1, 2, first.jobs);
                    }
                    None => self.step = Step::ChartsActiveTotal { total: super::vendors::at_least(first.jobs.len() as u64) },
                }
            }
            Step::ChartsScan { total, pages, next, mut seen } => {
                let resp = responses.first().ok_or_else(|| SourceError::invalid("internal: no response"))?;
                check_status(resp)?;
                seen.extend(vector_charts::parse_scan_page(&resp.body)?.jobs);
                self.finish_charts_scan(total, pages, next + 1, seen);
            }
            Step::ChartsActiveTotal { total } => {
                let resp = responses.first().ok_or_else(|| SourceError::invalid("internal: no response"))?;
                let active_q = ListQuery { page: 1, per_page: 1, active_only: true, ..Default::default() };
                let active = vector_charts::parse_list(&Adapter(SourceKind::VectorCharts).normalize(&active_q), &json_body(resp)?)?.total;
                let states = vector_charts::STATES.iter().map(|s| StateCount { state: s.to_string(), category: vector_charts::category(s), count: Count::Unknown }).collect();
                self.result = Some(Counts { states, total, totals: vec![("all".into(), total), ("active".into(), active)], method: CountMethod::TotalsOnly });
            }
            Step::OsapiCounts => {
                let resp = responses.first().ok_or_else(|| SourceError::invalid("internal: no response"))?;
                self.result = Some(osapi::parse_counts(&json_body(resp)?)?);
            }
            Step::CluedinCounts => {
                let resp = responses.first().ok_or_else(|| SourceError::invalid("internal: no response"))?;
                // Servers without the counts form of /api/v1/jobs answer 404 or a job list:
                // then ask /api/v1/jobstatecount.
                if resp.status == 404 {
                    self.step = Step::CluedinFallback;
                    return Ok(());
                }
                let body = json_body(resp)?;
                if cluedin::looks_like_list(&body) {
                    self.step = Step::CluedinFallback;
                    return Ok(());
                }
                self.result = Some(cluedin::parse_counts(&body)?);
            }
            Step::CluedinFallback => {
                let resp = responses.first().ok_or_else(|| SourceError::invalid("internal: no response"))?;
                check_status(resp)?;
                self.result = Some(cluedin::parse_counts(&parse_body(&resp.body)?)?);
            }
            Step::Done => {}
        }
        Ok(())
    }

    /// Asks for page `next` of the scan, or counts what was seen once every page is read.
    fn finish_charts_scan(&mut self, total: u64, pages: u64, next: u64, seen: Vec<vector_charts::ScannedJob>) {
        if next <= pages {
            self.step = Step::ChartsScan { total, pages, next, seen };
            return;
        }
        let mut counts = charts_counts(seen.iter().map(|j| (j.id.as_str(), j.state.as_str())), CountMethod::Scanned);
        // The API's total, which may differ a little from the jobs seen when jobs came or went
        // between pages; the per-state numbers and "active" are the ones read.
        counts.total = Count::Exact(total);
        if let Some(all) = counts.totals.iter_mut().find(|(name, _)| name == "all") {
            all.1 = Count::Exact(total);
        }
        self.result = Some(counts);
    }

    pub fn is_done(&self) -> bool {
        matches!(self.step, Step::Done)
    }

    /// The counts, once [`CountsPlan::is_done`].
    pub fn finish(self) -> Result<Counts, SourceError> {
        self.result.ok_or_else(|| SourceError::invalid(format!("internal: counting {} did not finish", self.kind.label())))
    }
}

/// Page `page` of the Vector Charts counting scan (the most the API gives at once).
fn scan_query(page: u64) -> ListQuery {
    ListQuery { page, per_page: vector_charts::MAX_LIMIT, ..Default::default() }
}

fn tines_query(state: &str) -> ListQuery {
    ListQuery { state: Some(state.to_string()), page: 1, per_page: 1, ..Default::default() }
}

/// Exact per-state counts from every job seen (duplicates across pages counted once).
fn charts_counts<'a>(jobs: impl Iterator<Item = (&'a str, &'a str)>, method: CountMethod) -> Counts {
    let mut seen = HashSet::new();
    let mut states: Vec<StateCount> = vector_charts::STATES.iter().map(|s| StateCount { state: s.to_string(), category: vector_charts::category(s), count: Count::Exact(0) }).collect();
    let mut total = 0u64;
    for (id, state) in jobs {
        if !seen.insert(id.to_string()) {
            continue;
        }
        total += 1;
        match states.iter_mut().find(|s| s.state == state) {
            Some(s) => s.count = s.count.add(Count::Exact(1)),
            None => states.push(StateCount { state: state.to_string(), category: vector_charts::category(state), count: Count::Exact(1) }),
        }
    }
    let active = states.iter().filter(|s| s.state == "pending" || s.state == "running").fold(Count::Exact(0), |a, s| a.add(s.count));
    Counts { states, total: Count::Exact(total), totals: vec![("all".into(), Count::Exact(total)), ("active".into(), active)], method }
}
