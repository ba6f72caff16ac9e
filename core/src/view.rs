//! The state of a job table view as the URL holds it (docs/design.md: `state`, `page`, `per_page`,
//! `q`, `sort`, `dir`, `config`, `active`), and the text filter and sort over loaded rows.

use crate::model::{Count, Job, ListQuery, SourceKind};
use crate::vendors::{Adapter, Column};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableView {
    pub state: Option<String>,
    /// 1-based.
    pub page: u64,
    /// 0 = the vendor's default.
    pub per_page: u64,
    pub q: String,
    pub sort: Option<String>,
    pub descending: bool,
    pub config: Option<String>,
    pub active: bool,
}

impl TableView {
    /// From URL query pairs; anything malformed falls back to the default for that field.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut v = TableView {
            page: 1,
            ..Default::default()
        };
        for (k, val) in pairs {
            let val = val.trim();
            match k {
                "state" if !val.is_empty() => v.state = Some(val.to_string()),
                "page" => v.page = val.parse::<u64>().ok().filter(|p| *p >= 1).unwrap_or(1),
                "per_page" => v.per_page = val.parse::<u64>().unwrap_or(0),
                "q" => v.q = val.to_string(),
                "sort" if !val.is_empty() => v.sort = Some(val.to_string()),
                "dir" => v.descending = val == "desc",
                "config" if !val.is_empty() => v.config = Some(val.to_string()),
                "active" => v.active = val == "true",
                _ => {}
            }
        }
        v
    }

    /// Query pairs, defaults left out so URLs stay short.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(s) = &self.state {
            out.push(("state", s.clone()));
        }
        if self.page > 1 {
            out.push(("page", self.page.to_string()));
        }
        if self.per_page > 0 {
            out.push(("per_page", self.per_page.to_string()));
        }
        if !self.q.is_empty() {
            out.push(("q", self.q.clone()));
        }
        if let Some(s) = &self.sort {
            out.push(("sort", s.clone()));
            out.push((
                "dir",
                if self.descending { "desc" } else { "asc" }.to_string(),
            ));
        }
        if let Some(c) = &self.config {
            out.push(("config", c.clone()));
        }
        if self.active {
            out.push(("active", "true".to_string()));
        }
        out
    }

    pub fn query_string(&self) -> String {
        let pairs: Vec<String> = self
            .to_pairs()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", crate::http::encode(&v)))
            .collect();
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }

    /// What goes to the server for this view. A state the server cannot filter by (Vector
    /// Charts) is applied to the loaded rows instead.
    pub fn list_query(&self, kind: SourceKind) -> ListQuery {
        let caps = Adapter(kind).capabilities();
        let state = self.state.clone().filter(|s| {
            caps.server_state_filter
                && (caps.free_state_filter || caps.states.contains(&s.as_str()))
        });
        Adapter(kind).normalize(&ListQuery {
            state,
            page: self.page,
            per_page: self.per_page,
            config: self.config.clone().filter(|_| caps.supports_config_filter),
            active_only: self.active && caps.supports_active_only,
        })
    }

    /// A state filter applied to loaded rows only (the API cannot filter by it).
    pub fn local_state_filter(&self, kind: SourceKind) -> Option<&str> {
        let caps = Adapter(kind).capabilities();
        self.state.as_deref().filter(|_| !caps.server_state_filter)
    }
}

/// The text shown in a cell, also what the text filter and sort look at.
pub fn cell_text(kind: SourceKind, column: Column, job: &Job) -> String {
    match column {
        Column::Id => job.id.clone(),
        Column::Name => job.name.clone().unwrap_or_default(),
        Column::State => job.state.clone(),
        Column::Created => job.created.map(|t| t.to_rfc3339()).unwrap_or_default(),
        Column::Started => job.started.map(|t| t.to_rfc3339()).unwrap_or_default(),
        Column::Updated => job.updated.map(|t| t.to_rfc3339()).unwrap_or_default(),
        Column::Progress => job
            .progress
            .map(|p| format!("{}%", crate::number::fixed(p, 0)))
            .unwrap_or_default(),
        Column::Error => job.error.clone().unwrap_or_default(),
        Column::Extra(label) => Adapter(kind).extra_value(label, job).unwrap_or_default(),
    }
}

/// Indexes of the loaded rows that match the text filter (case-insensitive, any column) and
/// the local state filter, sorted as asked. Stable: equal rows keep the API's order.
pub fn visible_rows(kind: SourceKind, jobs: &[Job], view: &TableView) -> Vec<usize> {
    let needle = view.q.trim().to_lowercase();
    let columns = Adapter(kind).columns();
    let local_state = view.local_state_filter(kind);
    let mut rows: Vec<usize> = jobs
        .iter()
        .enumerate()
        .filter(|(_, j)| local_state.is_none_or(|s| j.state == s))
        .filter(|(_, j)| {
            needle.is_empty()
                || columns
                    .iter()
                    .any(|c| cell_text(kind, *c, j).to_lowercase().contains(&needle))
        })
        .map(|(i, _)| i)
        .collect();
    if let Some(col) = view
        .sort
        .as_deref()
        .and_then(|key| columns.iter().find(|c| c.key() == key))
    {
        let key_of = |i: &usize| -> SortKey {
            let j = &jobs[*i];
            match col {
                Column::Progress => SortKey::Num(j.progress.unwrap_or(-1.0)),
                Column::Created => SortKey::Num(j.created.map_or(f64::MIN, |t| t.0 as f64)),
                Column::Started => SortKey::Num(j.started.map_or(f64::MIN, |t| t.0 as f64)),
                Column::Updated => SortKey::Num(j.updated.map_or(f64::MIN, |t| t.0 as f64)),
                other => {
                    let text = cell_text(kind, *other, j);
                    // Plain decimals (retry counts, sizes) sort as numbers, the rest as text.
                    match crate::number::parse_signed_decimal(&text) {
                        Some(n) => SortKey::Num(n),
                        None => SortKey::Text(text.to_lowercase()),
                    }
                }
            }
        };
        let mut keyed: Vec<(SortKey, usize)> = rows.iter().map(|i| (key_of(i), *i)).collect();
        // Descending compares the other way round rather than reversing the sorted rows, so
        // equal rows keep the API's order both ways (a stable sort).
        keyed.sort_by(|a, b| {
            let order = a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal);
            if view.descending {
                order.reverse()
            } else {
                order
            }
        });
        rows = keyed.into_iter().map(|(_, i)| i).collect();
    }
    rows
}

/// "26–50 of 120", "26–50 of at least 60", "26–50", or "No jobs".
pub fn range_label(page: u64, per_page: u64, shown: usize, total: Count) -> String {
    if shown == 0 {
        return match total {
            Count::Exact(0) | Count::Unknown => "No jobs".into(),
            _ => format!("No jobs on page {page}"),
        };
    }
    let first = (page - 1).saturating_mul(per_page) + 1;
    let last = first + shown as u64 - 1;
    match total {
        Count::Exact(t) => format!("{first}–{last} of {t}"),
        Count::AtLeast(t) => format!("{first}–{last} of at least {t}"),
        Count::Unknown => format!("{first}–{last}"),
    }
}

#[derive(PartialEq, PartialOrd)]
enum SortKey {
    Num(f64),
    Text(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StateCategory;
    use serde_json::json;

    fn kind(name: &str) -> SourceKind {
        name.parse().unwrap()
    }

    fn job(id: &str, state: &str, name: &str, progress: f64) -> Job {
        Job {
            id: id.into(),
            state: state.into(),
            category: StateCategory::Other,
            name: Some(name.into()),
            created: None,
            started: None,
            updated: None,
            finished: None,
            progress: Some(progress),
            error: None,
            raw: std::sync::Arc::new(json!({})),
        }
    }

    #[test]
    fn url_pairs_round_trip_and_bad_values_fall_back() {
        let v = TableView::from_pairs([
            ("state", "dead"),
            ("page", "3"),
            ("per_page", "50"),
            ("q", "boom"),
            ("sort", "name"),
            ("dir", "desc"),
            ("config", "c1"),
            ("active", "true"),
        ]);
        let again = TableView::from_pairs(v.to_pairs().iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(v, again);
        assert_eq!(
            v.query_string(),
            "?state=dead&page=3&per_page=50&q=boom&sort=name&dir=desc&config=c1&active=true"
        );
        let bad = TableView::from_pairs([("page", "-2"), ("per_page", "lots")]);
        assert_eq!((bad.page, bad.per_page), (1, 0));
        assert_eq!(TableView::from_pairs([]).query_string(), "");
    }

    #[test]
    fn list_queries_per_vendor() {
        let v = TableView::from_pairs([
            ("state", "failed"),
            ("page", "2"),
            ("per_page", "999"),
            ("active", "true"),
            ("config", "c"),
        ]);
        let charts = v.list_query(kind("vector-charts"));
        assert_eq!(
            (
                charts.state,
                charts.per_page,
                charts.active_only,
                charts.config
            ),
            (None, 200, true, None)
        );
        assert_eq!(v.local_state_filter(kind("vector-charts")), Some("failed"));
        let osapi = v.list_query(kind("osapi"));
        assert_eq!(
            (osapi.state.as_deref(), osapi.per_page, osapi.active_only),
            (Some("failed"), 100, false)
        );
        assert_eq!(v.list_query(kind("cluedin")).config.as_deref(), Some("c"));
        assert_eq!(
            TableView::from_pairs([])
                .list_query(kind("tines"))
                .state
                .as_deref(),
            Some("in_progress")
        );
    }

    #[test]
    fn pager_labels() {
        assert_eq!(range_label(2, 25, 25, Count::Exact(120)), "26–50 of 120");
        assert_eq!(
            range_label(1, 20, 1, Count::AtLeast(1)),
            "1–1 of at least 1"
        );
        assert_eq!(range_label(3, 10, 4, Count::Unknown), "21–24");
        assert_eq!(range_label(1, 10, 0, Count::Exact(0)), "No jobs");
    }

    #[test]
    fn text_filter_and_sort_over_loaded_rows() {
        let jobs = vec![
            job("a1", "running", "Clear-Tiles", 50.0),
            job("b2", "failed", "vacuum", 10.0),
            job("c3", "running", "clear-cache", 90.0),
        ];
        let v = TableView {
            q: "CLEAR".into(),
            ..TableView::from_pairs([])
        };
        assert_eq!(visible_rows(kind("vector-charts"), &jobs, &v), vec![0, 2]);
        let v = TableView {
            sort: Some("progress".into()),
            descending: true,
            ..TableView::from_pairs([])
        };
        assert_eq!(
            visible_rows(kind("vector-charts"), &jobs, &v),
            vec![2, 0, 1]
        );
        let v = TableView::from_pairs([("state", "running"), ("sort", "name"), ("dir", "asc")]);
        assert_eq!(visible_rows(kind("vector-charts"), &jobs, &v), vec![2, 0]);
    }

    #[test]
    fn equal_rows_keep_the_api_order_in_both_directions() {
        let jobs = vec![
            job("a", "running", "same", 1.0),
            job("b", "failed", "same", 2.0),
            job("c", "running", "other", 3.0),
        ];
        let asc = TableView::from_pairs([("sort", "name"), ("dir", "asc")]);
        assert_eq!(
            visible_rows(kind("vector-charts"), &jobs, &asc),
            vec![2, 0, 1]
        );
        let desc = TableView::from_pairs([("sort", "name"), ("dir", "desc")]);
        assert_eq!(
            visible_rows(kind("vector-charts"), &jobs, &desc),
            vec![0, 1, 2],
            "a stays before b"
        );
    }
}
