//! The vendor-neutral model the UI works with.

use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::Arc;

pub use crate::vendors::SourceKind;

/// Vendor states fall into these categories, which drive colours and cross-source totals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StateCategory {
    Queued,
    Running,
    Retrying,
    Succeeded,
    Failed,
    Cancelled,
    Other,
}

impl StateCategory {
    pub const ALL: [StateCategory; 7] = [
        StateCategory::Queued,
        StateCategory::Running,
        StateCategory::Retrying,
        StateCategory::Succeeded,
        StateCategory::Failed,
        StateCategory::Cancelled,
        StateCategory::Other,
    ];

    /// Lower-case name, used as a CSS class and `data-category`.
    pub fn name(self) -> &'static str {
        match self {
            StateCategory::Queued => "queued",
            StateCategory::Running => "running",
            StateCategory::Retrying => "retrying",
            StateCategory::Succeeded => "succeeded",
            StateCategory::Failed => "failed",
            StateCategory::Cancelled => "cancelled",
            StateCategory::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StateCategory::Queued => "Queued",
            StateCategory::Running => "Running",
            StateCategory::Retrying => "Retrying",
            StateCategory::Succeeded => "Succeeded",
            StateCategory::Failed => "Failed",
            StateCategory::Cancelled => "Cancelled",
            StateCategory::Other => "Other",
        }
    }

    /// A job in a terminal category will not change any more (detail views stop refreshing).
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            StateCategory::Succeeded | StateCategory::Failed | StateCategory::Cancelled
        )
    }
}

/// One job, whatever the vendor.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub id: String,
    /// The vendor's own state name (`in_progress`, `running`, `partial_failure`, `Executing`).
    pub state: String,
    pub category: StateCategory,
    /// Job type or name (`AgentReceiveJob`, `refresh-public-charts`, an osapi operation type).
    pub name: Option<String>,
    pub created: Option<Timestamp>,
    pub started: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    pub finished: Option<Timestamp>,
    /// Percent, 0..=100.
    pub progress: Option<f64>,
    pub error: Option<String>,
    /// The record exactly as the API sent it, for the detail view. Shared, because the table
    /// copies its rows several times on the way to the screen (loaded, filtered, sorted) and a
    /// deep copy of 200 vendor records each time was most of a page change's script time.
    pub raw: Arc<Value>,
}

/// How sure a number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Count {
    Exact(u64),
    /// The API only lets us say "at least this many".
    AtLeast(u64),
    /// The API does not say.
    Unknown,
}

impl Count {
    pub fn exact(self) -> Option<u64> {
        match self {
            Count::Exact(n) => Some(n),
            _ => None,
        }
    }

    /// The number to show: `12`, `≥ 3`, `?`.
    pub fn display(self) -> String {
        match self {
            Count::Exact(n) => n.to_string(),
            Count::AtLeast(n) => format!("≥ {n}"),
            Count::Unknown => "?".to_string(),
        }
    }

    /// Sum, keeping honesty: anything unknown or lower-bounded makes the sum a lower bound.
    pub fn plus(self, other: Count) -> Count {
        match (self, other) {
            (Count::Exact(a), Count::Exact(b)) => Count::Exact(a.saturating_add(b)),
            (Count::Exact(a) | Count::AtLeast(a), Count::Exact(b) | Count::AtLeast(b)) => {
                Count::AtLeast(a.saturating_add(b))
            }
            (Count::Unknown, Count::Exact(n) | Count::AtLeast(n))
            | (Count::Exact(n) | Count::AtLeast(n), Count::Unknown) => Count::AtLeast(n),
            (Count::Unknown, Count::Unknown) => Count::Unknown,
        }
    }
}

/// The number of jobs in one vendor state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateCount {
    pub state: String,
    pub category: StateCategory,
    pub count: Count,
}

/// How a source's counts were obtained, to label them honestly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountMethod {
    /// The API reports counts itself.
    Reported,
    /// jobdeck counted by reading every page (Vector Charts with few jobs).
    Scanned,
    /// Only totals are known (Vector Charts with many jobs: all and active).
    TotalsOnly,
}

/// A source's overview numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts {
    pub states: Vec<StateCount>,
    /// All jobs, when the API says.
    pub total: Count,
    /// Labelled totals beyond the states (Vector Charts `all` and `active`).
    pub totals: Vec<(String, Count)>,
    pub method: CountMethod,
}

/// What one list request returned.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub jobs: Vec<Job>,
    /// Jobs matching the filter across all pages.
    pub total: Count,
    /// Whether a next page exists (from the API's own words, or derived from the total).
    pub has_more: bool,
    /// 1-based page as the app counts.
    pub page: u64,
    pub per_page: u64,
}

/// The filters and page of a job table, as the URL holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// The vendor's own state name.
    pub state: Option<String>,
    /// 1-based.
    pub page: u64,
    pub per_page: u64,
    /// CluedIn configurationId.
    pub config: Option<String>,
    /// Vector Charts activeOnly.
    pub active_only: bool,
}

/// What a vendor's API can do, so the UI offers only what works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capabilities {
    pub kind: SourceKind,
    /// The vendor's state names, in display order.
    pub states: &'static [&'static str],
    /// Whether the list can be filtered by one of `states` on the server.
    pub server_state_filter: bool,
    /// A state must be chosen: the API has one list per state (Tines).
    pub state_required: bool,
    /// The server's state filter takes any state name, not only those in `states` (CluedIn's
    /// takes the names and integers of states it may have added since).
    pub free_state_filter: bool,
    pub default_page_size: u64,
    pub max_page_size: u64,
    pub supports_active_only: bool,
    pub supports_config_filter: bool,
}

impl Capabilities {
    pub fn clamp_page_size(&self, per_page: u64) -> u64 {
        if per_page == 0 {
            self.default_page_size
        } else {
            per_page.min(self.max_page_size)
        }
    }

    /// The page sizes the pager offers.
    pub fn page_sizes(&self) -> Vec<u64> {
        [10u64, 25, 50, 100, 200, 500]
            .into_iter()
            .filter(|n| *n <= self.max_page_size)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_honestly() {
        assert_eq!(Count::Exact(2).plus(Count::Exact(3)), Count::Exact(5));
        assert_eq!(Count::Exact(2).plus(Count::Unknown), Count::AtLeast(2));
        assert_eq!(Count::AtLeast(2).plus(Count::Exact(1)), Count::AtLeast(3));
        assert_eq!(Count::Unknown.plus(Count::Unknown), Count::Unknown);
        assert_eq!(
            Count::Exact(u64::MAX).plus(Count::Exact(1)),
            Count::Exact(u64::MAX)
        );
        assert_eq!(Count::AtLeast(3).display(), "≥ 3");
    }
}
