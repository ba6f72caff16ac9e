//! Finding one job, sans-IO. Vendors with a get-one endpoint answer in one request; the others
//! (Tines, Vector Charts) are read list page by list page, newest first, until the job turns up
//! or [`DETAIL_SCAN_LIMIT`] jobs of each list were read. Like [`crate::CountsPlan`]: ask
//! [`DetailPlan::request`], feed the answer to [`DetailPlan::absorb`], repeat, then
//! [`DetailPlan::finish`].

use crate::error::SourceError;
use crate::http::{HttpRequest, HttpResponse};
use crate::model::{Job, ListQuery, SourceKind};
use crate::vendors::Adapter;

/// How many jobs of each list the detail view reads looking for a job in an API without a
/// get-one endpoint.
pub const DETAIL_SCAN_LIMIT: u64 = 2_000;

/// A job and, for list-scanned vendors, the other jobs read on the way (Vector Charts finds a
/// job's children among them).
#[derive(Clone, Debug, PartialEq)]
pub struct FoundJob {
    pub job: Job,
    pub scanned: Vec<Job>,
}

#[derive(Debug)]
enum Step {
    GetOne(HttpRequest),
    /// Reading `lists` (one per state where the API has one list per state) from the first.
    Scan {
        lists: Vec<Option<String>>,
        page: u64,
        scanned: Vec<Job>,
    },
    Found(FoundJob),
    NotFound,
}

#[derive(Debug)]
pub struct DetailPlan {
    adapter: Adapter,
    job_id: String,
    step: Step,
}

impl DetailPlan {
    /// `state` narrows the scan to that state's list where the API has one list per state
    /// (a Tines row's link carries it).
    pub fn new(kind: SourceKind, job_id: &str, state: Option<&str>) -> Self {
        let adapter = Adapter(kind);
        let step = match adapter.detail_request(job_id) {
            Some(req) => Step::GetOne(req),
            None => Step::Scan {
                lists: lists_to_scan(adapter, state),
                page: 1,
                scanned: Vec::new(),
            },
        };
        DetailPlan {
            adapter,
            job_id: job_id.to_string(),
            step,
        }
    }

    /// The next request, or `None` once the plan is finished.
    pub fn request(&self) -> Option<HttpRequest> {
        match &self.step {
            Step::GetOne(req) => Some(req.clone()),
            Step::Scan { lists, page, .. } => lists
                .first()
                .map(|state| self.adapter.list_request(&self.scan_query(state, *page))),
            Step::Found(_) | Step::NotFound => None,
        }
    }

    /// Takes the answer to [`DetailPlan::request`]. An error answer ends the plan with it.
    pub fn absorb(&mut self, resp: &HttpResponse) -> Result<(), SourceError> {
        match std::mem::replace(&mut self.step, Step::NotFound) {
            Step::GetOne(_) => {
                let job = self.adapter.parse_detail(resp)?;
                self.step = Step::Found(FoundJob {
                    job,
                    scanned: Vec::new(),
                });
            }
            Step::Scan {
                mut lists,
                page,
                mut scanned,
            } => {
                let state = lists.first().cloned().flatten();
                let read = self
                    .adapter
                    .parse_list(&self.scan_query(&state, page), resp)?;
                let has_more = read.has_more;
                scanned.extend(read.jobs);
                if let Some(i) = scanned.iter().position(|j| j.id == self.job_id) {
                    let job = scanned.swap_remove(i);
                    self.step = Step::Found(FoundJob { job, scanned });
                } else if has_more && page * self.per_page() < DETAIL_SCAN_LIMIT {
                    self.step = Step::Scan {
                        lists,
                        page: page + 1,
                        scanned,
                    };
                } else {
                    if !lists.is_empty() {
                        lists.remove(0);
                    }
                    self.step = if lists.is_empty() {
                        Step::NotFound
                    } else {
                        Step::Scan {
                            lists,
                            page: 1,
                            scanned,
                        }
                    };
                }
            }
            done => self.step = done,
        }
        Ok(())
    }

    pub fn is_done(&self) -> bool {
        matches!(self.step, Step::Found(_) | Step::NotFound)
    }

    /// The job, or why there is none.
    pub fn finish(self) -> Result<FoundJob, SourceError> {
        match self.step {
            Step::Found(found) => Ok(found),
            Step::NotFound => Err(SourceError::NotFound {
                detail: Some(format!(
                    "job {} was not found in the first {DETAIL_SCAN_LIMIT} jobs of each list",
                    self.job_id
                )),
            }),
            Step::GetOne(_) | Step::Scan { .. } => Err(SourceError::invalid(
                "internal: the job lookup did not finish",
            )),
        }
    }

    fn per_page(&self) -> u64 {
        self.adapter.capabilities().max_page_size
    }

    fn scan_query(&self, state: &Option<String>, page: u64) -> ListQuery {
        ListQuery {
            state: state.clone(),
            page,
            per_page: self.per_page(),
            ..Default::default()
        }
    }
}

/// The lists a scan reads: the given state's where the API keeps one list per state and the
/// state is one of them, else every state's list; the one list otherwise.
fn lists_to_scan(adapter: Adapter, state: Option<&str>) -> Vec<Option<String>> {
    let caps = adapter.capabilities();
    match (caps.state_required, state) {
        (true, Some(s)) if caps.states.contains(&s) => vec![Some(s.to_string())],
        (true, _) => caps.states.iter().map(|s| Some(s.to_string())).collect(),
        (false, _) => vec![None],
    }
}
