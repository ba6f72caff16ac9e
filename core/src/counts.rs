//! Counting jobs per state takes one request on some vendors and a few rounds on others. A
//! [`CountsPlan`] is a sans-IO state machine: ask it for requests, feed it the responses, repeat
//! until it has no more requests, then take the [`Counts`]. How each vendor counts is its own
//! [`CountSteps`], in its module of `vendors/`.

use crate::error::SourceError;
use crate::http::{HttpRequest, HttpResponse};
use crate::model::{Counts, SourceKind};
use crate::vendors::{json_body, Adapter};
use serde_json::Value;
use std::fmt;

/// One vendor's rounds of counting requests. (No `Debug` bound: the trait objects' vtables are
/// in the first-load module, and a `Debug` in each would bring the formatting code with it.)
pub trait CountSteps {
    /// The requests of the current round; the plan sends them together.
    fn requests(&self) -> Vec<HttpRequest>;
    /// Takes the answers to [`CountSteps::requests`], in their order: the counts when they are
    /// known, `None` when another round is needed.
    fn absorb(&mut self, responses: &[HttpResponse]) -> Result<Option<Counts>, SourceError>;
}

pub struct CountsPlan {
    kind: SourceKind,
    steps: Box<dyn CountSteps>,
    result: Option<Counts>,
}

impl fmt::Debug for CountsPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CountsPlan")
            .field("kind", &self.kind)
            .field("done", &self.is_done())
            .finish()
    }
}

impl CountsPlan {
    pub fn new(kind: SourceKind) -> Self {
        CountsPlan {
            kind,
            steps: Adapter(kind).counts_plan(),
            result: None,
        }
    }

    /// The requests of the current round; empty when the plan is finished.
    pub fn requests(&self) -> Vec<HttpRequest> {
        if self.is_done() {
            return Vec::new();
        }
        self.steps.requests()
    }

    /// Feeds the responses to [`CountsPlan::requests`], in the same order.
    pub fn absorb(&mut self, responses: &[HttpResponse]) -> Result<(), SourceError> {
        if self.is_done() {
            return Ok(());
        }
        if responses.len() != self.steps.requests().len() {
            return Err(SourceError::invalid(
                "internal: response count does not match the requests",
            ));
        }
        self.result = self.steps.absorb(responses)?;
        Ok(())
    }

    pub fn is_done(&self) -> bool {
        self.result.is_some()
    }

    /// The counts, once [`CountsPlan::is_done`].
    pub fn finish(self) -> Result<Counts, SourceError> {
        self.result.ok_or_else(|| {
            SourceError::invalid(format!(
                "internal: counting {} did not finish",
                self.kind.label()
            ))
        })
    }
}

/// The one response of a one-request round.
pub fn only_response(responses: &[HttpResponse]) -> Result<&HttpResponse, SourceError> {
    responses
        .first()
        .ok_or_else(|| SourceError::invalid("internal: no response"))
}

/// Counting in one request whose JSON answer holds the counts (osapi's `status_counts`).
pub struct OneRequest {
    /// Builds the request (a function, not a value: the plan asks for it again to check the
    /// answers' count, and building it is cheaper in code than cloning one).
    pub request: fn() -> HttpRequest,
    pub parse: fn(&Value) -> Result<Counts, SourceError>,
}

impl CountSteps for OneRequest {
    fn requests(&self) -> Vec<HttpRequest> {
        vec![(self.request)()]
    }

    fn absorb(&mut self, responses: &[HttpResponse]) -> Result<Option<Counts>, SourceError> {
        (self.parse)(&json_body(only_response(responses)?)?).map(Some)
    }
}
