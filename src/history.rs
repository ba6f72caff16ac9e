//! Each source's counts over this browser session (the overview's "counts over time" chart):
//! app-wide, so leaving the overview and coming back keeps the line.

use jobdeck_core::history::{History, Sample};
use jobdeck_core::Counts;
use leptos::prelude::*;
use std::collections::HashMap;

#[derive(Clone, Copy)]
pub struct CountsHistory(pub RwSignal<HashMap<String, History>>);

impl Default for CountsHistory {
    fn default() -> Self {
        CountsHistory(RwSignal::new(HashMap::new()))
    }
}

impl CountsHistory {
    pub fn record(&self, source_id: &str, at_ms: f64, counts: &Counts) {
        let sample = Sample::of(at_ms as i64, counts);
        self.0
            .update(|all| all.entry(source_id.to_string()).or_default().push(sample));
    }
}
