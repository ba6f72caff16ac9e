//! The app's routes (docs/design.md "Routes") as one type: every link is built by [`Route::path`]
//! and every path read back by [`Route::parse`], so the two cannot drift apart. Paths here are
//! the app's own, without the base path the app may be served under (the app adds that).

use crate::http::encode;
use crate::view::TableView;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`
    Overview,
    /// `/sources/{id}` with the table's view as its query string (`""` or `"?state=…"`, as
    /// [`TableView::query_string`] writes it). Kept as text: links to a table are made and read
    /// on the overview, whose first-load module should not carry the table view's parser.
    Source { id: String, query: String },
    /// `/sources/{id}/jobs/{job_id}`; `state` rides along where the vendor keeps one list per
    /// state (Tines), so the detail reads only that list.
    Job {
        source_id: String,
        job_id: String,
        state: Option<String>,
    },
    /// `/settings`
    Settings,
}

impl Route {
    /// A source's table in its default view.
    pub fn source(id: &str) -> Route {
        Route::Source {
            id: id.to_string(),
            query: String::new(),
        }
    }

    /// A source's table filtered by one of its states.
    pub fn source_in_state(id: &str, state: &str) -> Route {
        Route::Source {
            id: id.to_string(),
            query: format!("?state={}", encode(state)),
        }
    }

    /// A source's table in a given view.
    pub fn source_view(id: &str, view: &TableView) -> Route {
        Route::Source {
            id: id.to_string(),
            query: view.query_string(),
        }
    }

    /// The path and query, e.g. `/sources/fleet?state=failed`.
    pub fn path(&self) -> String {
        match self {
            Route::Overview => "/".to_string(),
            Route::Source { id, query } => format!("/sources/{}{query}", encode(id)),
            Route::Job {
                source_id,
                job_id,
                state,
            } => {
                let query = state
                    .as_deref()
                    .map(|s| format!("?state={}", encode(s)))
                    .unwrap_or_default();
                format!(
                    "/sources/{}/jobs/{}{query}",
                    encode(source_id),
                    encode(job_id)
                )
            }
            Route::Settings => "/settings".to_string(),
        }
    }

    /// The route of an app path (query and fragment allowed), if it is one.
    pub fn parse(path_and_query: &str) -> Option<Route> {
        let without_fragment = path_and_query.split('#').next().unwrap_or_default();
        let (path, query) = without_fragment
            .split_once('?')
            .unwrap_or((without_fragment, ""));
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        let parts = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        );
        match parts {
            (None, ..) => Some(Route::Overview),
            (Some("settings"), None, ..) => Some(Route::Settings),
            (Some("sources"), Some(id), None, ..) => {
                let query = if query.is_empty() {
                    String::new()
                } else {
                    format!("?{query}")
                };
                Some(Route::Source {
                    id: decode(id),
                    query,
                })
            }
            (Some("sources"), Some(id), Some("jobs"), Some(job), None) => {
                let state = query
                    .split('&')
                    .find_map(|pair| pair.strip_prefix("state="))
                    .map(decode)
                    .filter(|s| !s.is_empty());
                Some(Route::Job {
                    source_id: decode(id),
                    job_id: decode(job),
                    state,
                })
            }
            _ => None,
        }
    }

    /// One level up (`Esc`): a job → its table, a table or Settings → the overview; the
    /// overview has none.
    pub fn parent(&self) -> Option<Route> {
        match self {
            Route::Overview => None,
            Route::Job { source_id, .. } => Some(Route::source(source_id)),
            Route::Source { .. } | Route::Settings => Some(Route::Overview),
        }
    }
}

/// Percent-decoding of one URL component (`+` is a space in a query); a stray `%` stays as it
/// is, and a component whose decoded bytes are not UTF-8 is kept as written.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = match (
            b,
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => Some(high << 4 | low),
            _ => None,
        };
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(if b == b'+' { b' ' } else { b });
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The value of one hexadecimal digit.
fn hex(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_parses_back_from_its_path() {
        let routes = [
            Route::Overview,
            Route::Settings,
            Route::source("fleet"),
            Route::source_in_state("tines", "dead"),
            Route::source_view(
                "mdm",
                &TableView::from_pairs([("config", "a b/c"), ("page", "3"), ("q", "50% off")]),
            ),
            Route::Job {
                source_id: "charts".into(),
                job_id: "j/1 ?#".into(),
                state: None,
            },
            Route::Job {
                source_id: "tines".into(),
                job_id: "1234".into(),
                state: Some("retry".into()),
            },
        ];
        for route in routes {
            assert_eq!(
                Route::parse(&route.path()),
                Some(route.clone()),
                "{}",
                route.path()
            );
        }
    }

    #[test]
    fn paths_are_the_documented_ones() {
        assert_eq!(
            Route::source_in_state("fleet", "partial_failure").path(),
            "/sources/fleet?state=partial_failure"
        );
        assert_eq!(
            Route::Job {
                source_id: "c".into(),
                job_id: "a/b".into(),
                state: None
            }
            .path(),
            "/sources/c/jobs/a%2Fb"
        );
        assert_eq!(
            Route::parse("/sources/x/jobs/9?state=queued#top"),
            Some(Route::Job {
                source_id: "x".into(),
                job_id: "9".into(),
                state: Some("queued".into())
            })
        );
        assert_eq!(Route::parse("/sources"), None);
        assert_eq!(Route::parse("/nope/at/all"), None);
    }

    #[test]
    fn a_table_view_rides_in_the_query_as_its_own_query_string() {
        let view = TableView::from_pairs([("state", "failed"), ("sort", "name"), ("dir", "desc")]);
        let route = Route::source_view("fleet", &view);
        assert_eq!(
            route.path(),
            "/sources/fleet?state=failed&sort=name&dir=desc"
        );
        let Some(Route::Source { query, .. }) = Route::parse(&route.path()) else {
            panic!("a source route")
        };
        let pairs: Vec<(String, String)> = query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (decode(k), decode(v)))
            .collect();
        assert_eq!(
            TableView::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            view
        );
    }

    #[test]
    fn parents_go_one_level_up() {
        let job = Route::Job {
            source_id: "t".into(),
            job_id: "1".into(),
            state: Some("dead".into()),
        };
        assert_eq!(job.parent(), Some(Route::source("t")));
        assert_eq!(Route::source("t").parent(), Some(Route::Overview));
        assert_eq!(Route::Settings.parent(), Some(Route::Overview));
        assert_eq!(Route::Overview.parent(), None);
    }

    #[test]
    fn decoding_is_total() {
        assert_eq!(decode("a%2Fb+c"), "a/b c");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(
            decode("%zz%E2%9C"),
            "%zz%E2%9C",
            "not UTF-8 once decoded: kept as written"
        );
    }
}
