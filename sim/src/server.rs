//! The native HTTP server around [`Sim`]: the four APIs under `/tines`, `/charts`, `/osapi`,
//! `/cluedin`, control endpoints under `/_sim/`, and optionally a static directory (the built
//! dashboard) with SPA fallback and a generated `sources.json`.

use crate::{Sim, SimConfig, SimRequest, SOURCE_IDS};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::Router;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[derive(Clone, Debug, Default)]
pub struct ServerConfig {
    pub sim: SimConfig,
    /// Serve this directory (index.html for unknown paths without an extension).
    pub static_dir: Option<PathBuf>,
    /// Serve this text as `/sources.json` instead of any file.
    pub sources_json: Option<String>,
    /// Serve the static files under this path prefix (e.g. `/ops/jobs`), as a sub-path host would.
    pub base_path: String,
    /// Stop the world's clock at its start (tests that compare numbers); `false` = real time.
    pub frozen_clock: bool,
    /// Where the Tines sim's `meta` URLs point (another host: jobdeck must never call it).
    pub tines_tenant_url: Option<String>,
    /// Answer unknown paths the way hosts without SPA rewrites do (GitHub Pages, S3): status
    /// 404 with the site's `404.html`, instead of index.html.
    pub no_spa_fallback: bool,
}

struct AppState {
    sim: Mutex<Sim>,
    config: ServerConfig,
    started_ms: i64,
    /// Per source: requests being answered now, and the most ever at once.
    inflight: Mutex<std::collections::BTreeMap<String, (usize, usize)>>,
}

/// Counts a request in flight for its source until dropped.
struct InFlight<'a> {
    state: &'a AppState,
    source: Option<String>,
}

impl<'a> InFlight<'a> {
    fn start(state: &'a AppState, path: &str) -> Self {
        let source = SOURCE_IDS
            .iter()
            .find(|id| {
                path.strip_prefix('/')
                    .and_then(|p| p.strip_prefix(*id))
                    .is_some_and(|r| r.is_empty() || r.starts_with('/'))
            })
            .map(|s| s.to_string());
        if let (Some(s), Ok(mut map)) = (&source, state.inflight.lock()) {
            let e = map.entry(s.clone()).or_insert((0, 0));
            e.0 += 1;
            e.1 = e.1.max(e.0);
        }
        InFlight { state, source }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let (Some(s), Ok(mut map)) = (&self.source, self.state.inflight.lock()) {
            if let Some(e) = map.get_mut(s) {
                e.0 = e.0.saturating_sub(1);
            }
        }
    }
}

impl AppState {
    fn clock(&self) -> i64 {
        if self.config.frozen_clock {
            self.started_ms
        } else {
            now_ms()
        }
    }
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Serves until the listener fails. The sim's clock starts now.
pub async fn serve(listener: tokio::net::TcpListener, config: ServerConfig) -> std::io::Result<()> {
    let started_ms = now_ms();
    let mut sim = Sim::new(config.sim.clone(), started_ms);
    if let Some(url) = &config.tines_tenant_url {
        sim.tines.tenant_url = url.clone();
    }
    let state = Arc::new(AppState {
        sim: Mutex::new(sim),
        config,
        started_ms,
        inflight: Mutex::new(Default::default()),
    });
    let app = Router::new().fallback(handle).with_state(state);
    axum::serve(listener, app).await
}

/// The sources.json for this server's own sims.
pub fn demo_sources_json(config: &SimConfig, refresh_seconds: u32) -> String {
    Sim::new(config.clone(), now_ms())
        .sources_json(refresh_seconds)
        .to_string()
}

fn is_api_path(path: &str) -> bool {
    path.starts_with("/_sim/")
        || SOURCE_IDS.iter().any(|id| {
            path.strip_prefix('/')
                .and_then(|p| p.strip_prefix(id))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
}

async fn handle(State(state): State<Arc<AppState>>, req: Request) -> Response<Body> {
    let path = req.uri().path().to_string();
    // `/_sim/inflight`: the most requests each source ever had in flight at once (`?reset` clears).
    if path == "/_sim/inflight" {
        let mut map = match state.inflight.lock() {
            Ok(m) => m,
            Err(_) => return plain(500, "poisoned"),
        };
        let body = serde_json::Value::Object(
            map.iter()
                .map(|(k, (_, max))| (k.clone(), serde_json::json!(max)))
                .collect(),
        )
        .to_string();
        if req.uri().query().is_some_and(|q| q.contains("reset")) {
            map.values_mut().for_each(|e| e.1 = e.0);
        }
        return Response::builder()
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap_or_else(|_| plain(500, ""));
    }
    let _inflight = InFlight::start(&state, &path);
    if is_api_path(&path) {
        let pq = req
            .uri()
            .path_and_query()
            .map_or(path.clone(), |pq| pq.as_str().to_string());
        let headers = req
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        let sim_req = SimRequest::new(req.method().as_str(), &pq, headers);
        let resp = match state.sim.lock() {
            Ok(mut sim) => sim.handle(&sim_req, state.clock()),
            Err(_) => crate::error(500, "simulator state poisoned"),
        };
        if resp.delay_ms > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(resp.delay_ms)).await;
        }
        let mut out = Response::builder().status(resp.status);
        for (k, v) in &resp.headers {
            out = out.header(k.as_str(), v.as_str());
        }
        let body = match resp.stall_after {
            // Announce the whole length, send half, then hang: a body that stalls halfway.
            Some(n) => {
                out = out.header(header::CONTENT_LENGTH, resp.body.len());
                let first = bytes_of(resp.body.get(..n).unwrap_or_default());
                Body::from_stream(futures_util::stream::StreamExt::chain(
                    futures_util::stream::once(async move { Ok::<_, std::io::Error>(first) }),
                    futures_util::stream::pending(),
                ))
            }
            None => Body::from(resp.body),
        };
        return out
            .body(body)
            .unwrap_or_else(|_| plain(500, "bad response"));
    }
    let base = state.config.base_path.trim_end_matches('/');
    let Some(rel) = path
        .strip_prefix(base)
        .filter(|r| r.is_empty() || r.starts_with('/'))
    else {
        return plain(404, "not found");
    };
    if rel == "/sources.json" {
        if let Some(json) = &state.config.sources_json {
            return Response::builder()
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::CACHE_CONTROL, "no-cache")
                .body(Body::from(json.clone()))
                .unwrap_or_else(|_| plain(500, ""));
        }
    }
    match &state.config.static_dir {
        Some(dir) => serve_static(dir, rel, !state.config.no_spa_fallback).await,
        None => plain(404, "not found"),
    }
}

fn bytes_of(b: &[u8]) -> axum::body::Bytes {
    axum::body::Bytes::copy_from_slice(b)
}

fn plain(status: u16, text: &str) -> Response<Body> {
    let mut r = Response::new(Body::from(text.to_string()));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "application/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

async fn serve_static(dir: &Path, rel: &str, spa_fallback: bool) -> Response<Body> {
    // Never outside the directory.
    if rel.split('/').any(|seg| seg == ".." || seg.contains('\\')) {
        return plain(400, "bad path");
    }
    let trimmed = rel.trim_start_matches('/');
    let candidate = dir.join(if trimmed.is_empty() {
        "index.html"
    } else {
        trimmed
    });
    let has_extension = Path::new(trimmed).extension().is_some();
    let mut status = StatusCode::OK;
    let file = if tokio::fs::metadata(&candidate)
        .await
        .is_ok_and(|m| m.is_file())
    {
        candidate
    } else if !spa_fallback {
        status = StatusCode::NOT_FOUND;
        dir.join("404.html")
    } else if !has_extension {
        // SPA fallback: the router inside index.html handles the path.
        dir.join("index.html")
    } else {
        return plain(404, "not found");
    };
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            let mut r = Response::new(Body::from(bytes));
            *r.status_mut() = status;
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&file)),
            );
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            r
        }
        Err(_) => plain(404, "not found"),
    }
}
