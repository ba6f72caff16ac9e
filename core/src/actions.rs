//! The write actions vendors document (docs/design.md: `button[data-action=NAME]`). Which vendor has
//! which is said in its module ([`crate::vendors::Vendor::actions`]); sending them waits for the
//! actions issue, and nothing is ever sent for a source without `actions: true`.

/// One kind of write action, named as in the DOM contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActionKind {
    /// osapi: run a job again (`POST /api/job/{id}/retry`).
    Retry,
    /// osapi: delete one job (`DELETE /api/job/{id}`).
    Delete,
    /// Tines: empty the queued list.
    ClearQueued,
    /// Tines: empty the retry list.
    ClearRetry,
    /// Tines: empty the dead list.
    ClearDead,
    /// Vector Charts: start a maintenance job.
    Start,
    /// CluedIn: stop a running job.
    Abandon,
    /// CluedIn: run a recurring schedule now.
    Trigger,
}

impl ActionKind {
    /// The `data-action` value.
    pub fn name(self) -> &'static str {
        match self {
            ActionKind::Retry => "retry",
            ActionKind::Delete => "delete",
            ActionKind::ClearQueued => "clear-queued",
            ActionKind::ClearRetry => "clear-retry",
            ActionKind::ClearDead => "clear-dead",
            ActionKind::Start => "start",
            ActionKind::Abandon => "abandon",
            ActionKind::Trigger => "trigger",
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::vendors::{Adapter, KINDS};

    #[test]
    fn every_vendor_documents_write_actions_with_distinct_names() {
        for kind in KINDS {
            let actions = Adapter(kind).actions();
            assert!(!actions.is_empty(), "{kind} documents write requests");
            let mut names: Vec<&str> = actions.iter().map(|a| a.name()).collect();
            names.dedup();
            assert_eq!(names.len(), actions.len());
        }
    }
}
