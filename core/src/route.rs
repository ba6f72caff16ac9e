//! The app's routes (docs/design.md "Routes") as one type: every link is built by [`Route::path`]
//! and every path read back by [`Route::parse`], so the two cannot drift apart. Paths here are
//! the app's own, without the base path the app may be served under (the app adds that).

use crate::http::encode;
use crate::view::TableView;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`
    Overview,
    /// `/sources/{id}` with the table's view in the query.
    Source { id: String, view: TableView },
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
            view: TableView::from_pairs([]),
        }
    }

    /// A source's table filtered by one of its states.
    pub fn source_in_state(id: &str, state: &str) -> Route {
        Route::Source {
            id: id.to_string(),
            view: TableView::from_pairs([("state", state)]),
        }
    }

    /// The path and query, e.g. `/sources/fleet?state=failed`.
    pub fn path(&self) -> String {
        match self {
            Route::Overview => "/".to_string(),
            Route::Source { id, view } => format!("/sources/{}{}", encode(id), view.query_string()),
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
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter_map(|p| p.split_once('=').or(Some((p, ""))))
            .filter(|(k, _)| !k.is_empty())
            .map(|(k, v)| (decode(k), decode(v)))
            .collect();
        let pairs = || pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let parts: Vec<String> = path
            .split('/')
            .filter(|p| !p.is_empty())
            .map(decode)
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        match parts.as_slice() {
            [] => Some(Route::Overview),
            ["settings"] => Some(Route::Settings),
            ["sources", id] => Some(Route::Source {
                id: id.to_string(),
                view: TableView::from_pairs(pairs()),
            }),
            ["sources", id, "jobs", job] => {
                let state = pairs()
                    .find(|(k, _)| *k == "state")
                    .map(|(_, v)| v.to_string())
                    .filter(|s| !s.is_empty());
                Some(Route::Job {
                    source_id: id.to_string(),
                    job_id: job.to_string(),
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

/// Percent-decoding of one URL component (`+` is a space in a query); bytes that do not form
/// UTF-8 become U+FFFD, a stray `%` stays as it is.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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
            Route::Source {
                id: "mdm".into(),
                view: TableView::from_pairs([("config", "a b/c"), ("page", "3"), ("q", "50% off")]),
            },
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
        assert_eq!(decode("%zz%E2%9C"), "%zz\u{fffd}");
    }
}
