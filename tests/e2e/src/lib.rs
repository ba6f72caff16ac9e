//! End-to-end harness: the release build served by the simulator server on 127.0.0.1, driven in
//! headless Debian Chromium through chromedriver (WebDriver, via fantoccini).

use fantoccini::{Client, ClientBuilder};
use jobdeck_sim::server::{serve, ServerConfig};
use jobdeck_sim::{Sim, SimConfig};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub use fantoccini::Locator;

/// How long to wait for the page to reach a state before failing.
pub const WAIT: Duration = Duration::from_secs(20);

pub struct Options {
    /// sources.json to serve; `None` serves the demo configuration of this sim.
    pub sources_json: Option<Value>,
    /// Serve no sources.json at all.
    pub no_sources_file: bool,
    pub sim: SimConfig,
    pub frozen_clock: bool,
    pub base_path: String,
    /// Another dist directory (a sub-path build).
    pub dist: Option<PathBuf>,
    /// Where the Tines sim's `meta` URLs point.
    pub tines_tenant_url: Option<String>,
    /// More Chromium flags (e.g. `--js-flags=--expose-gc` for memory sampling).
    pub chrome_args: Vec<String>,
    /// Serve like a host without SPA rewrites: unknown paths get 404.html with status 404.
    pub no_spa_fallback: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sources_json: None,
            no_sources_file: false,
            sim: SimConfig {
                arrival_every_ms: 0,
                ..SimConfig::default()
            },
            frozen_clock: true,
            base_path: String::new(),
            dist: None,
            tines_tenant_url: None,
            chrome_args: Vec::new(),
            no_spa_fallback: false,
        }
    }
}

/// One running server and one browser session.
pub struct Env {
    pub origin: String,
    pub client: Client,
    _driver: tokio::process::Child,
    server: tokio::task::JoinHandle<()>,
}

/// The release build made with `--public-url /ops/jobs/` (./dev test builds it).
pub fn subpath_dist_dir() -> PathBuf {
    std::env::var_os("JOBDECK_SUBPATH_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dist-subpath"))
        })
}

/// The sub-path that build is made for.
pub const SUBPATH: &str = "/ops/jobs";

/// The release bundle built with the `measure` feature (its heap counted, for the benchmark's
/// and the soak run's memory figures): `JOBDECK_MEASURE_DIST`, else `dist-measure/`.
pub fn measure_dist_dir() -> PathBuf {
    std::env::var_os("JOBDECK_MEASURE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dist-measure"))
        })
}

pub fn dist_dir() -> PathBuf {
    std::env::var_os("JOBDECK_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dist")))
}

async fn free_port() -> u16 {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    l.local_addr().expect("addr").port()
}

impl Env {
    pub async fn start(opts: Options) -> Env {
        let dist = opts.dist.clone().unwrap_or_else(dist_dir);
        assert!(
            dist.join("index.html").exists(),
            "no release build at {} (run ./dev test, which builds it)",
            dist.display()
        );
        let sources = if opts.no_sources_file {
            None
        } else {
            Some(
                opts.sources_json
                    .clone()
                    .unwrap_or_else(|| Sim::new(opts.sim.clone(), 0).sources_json(10))
                    .to_string(),
            )
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind server");
        let origin = format!(
            "http://127.0.0.1:{}",
            listener.local_addr().expect("addr").port()
        );
        let chrome_args = opts.chrome_args.clone();
        let config = ServerConfig {
            sim: opts.sim,
            static_dir: Some(dist),
            sources_json: sources,
            base_path: opts.base_path,
            frozen_clock: opts.frozen_clock,
            tines_tenant_url: opts.tines_tenant_url,
            no_spa_fallback: opts.no_spa_fallback,
        };
        let server = tokio::spawn(async move {
            let _ = serve(listener, config).await;
        });

        let port = free_port().await;
        let driver = tokio::process::Command::new(
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into()),
        )
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("chromedriver (apt install chromium-driver)");
        let webdriver = format!("http://127.0.0.1:{port}");
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--window-size=1280,900",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.extend(chrome_args);
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": args,
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({"browser": "ALL"}));
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&webdriver)
                .await
            {
                Ok(c) => break c,
                Err(e) if started.elapsed() < Duration::from_secs(15) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("cannot start a WebDriver session: {e}"),
            }
        };
        Env {
            origin,
            client,
            _driver: driver,
            server,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.origin, path)
    }

    pub async fn goto(&self, path: &str) {
        self.client.goto(&self.url(path)).await.expect("goto");
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver (`goog/cdp/execute`), for
    /// the benchmark's profiler.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.client
            .issue_cmd(CdpCommand {
                cmd: cmd.to_string(),
                params,
            })
            .await
            .unwrap_or_else(|e| panic!("CDP {cmd}: {e}"))
    }

    /// Evaluates `expr` in the page.
    pub async fn js(&self, expr: &str) -> Value {
        self.client
            .execute(&format!("return ({expr});"), vec![])
            .await
            .unwrap_or_else(|e| panic!("script {expr}: {e}"))
    }

    /// Waits until `expr` is truthy in the page and returns its value.
    pub async fn wait_js(&self, expr: &str) -> Value {
        self.wait_js_for(expr, WAIT).await
    }

    pub async fn wait_js_for(&self, expr: &str, limit: Duration) -> Value {
        let start = Instant::now();
        let mut last_error = String::new();
        loop {
            let v = match self
                .client
                .execute(
                    &format!("try {{ return ({expr}); }} catch (e) {{ return null; }}"),
                    vec![],
                )
                .await
            {
                Ok(v) => v,
                Err(e) => {
                    last_error = e.to_string();
                    Value::Null
                }
            };
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                Value::Array(a) => !a.is_empty(),
                Value::Object(_) => true,
            };
            if truthy {
                return v;
            }
            if start.elapsed() > limit {
                let text = self
                    .js("document.body ? document.body.innerText.slice(0, 3000) : ''")
                    .await;
                let text: String = text.as_str().unwrap_or("").chars().take(1500).collect();
                panic!("timed out waiting for `{expr}` (last WebDriver error: {last_error:.300}); the page says:\n{text}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The URL paths of every resource the page has fetched since it was opened (its Resource
    /// Timing entries), in order: what a visit really downloaded.
    pub async fn resource_paths(&self) -> Vec<String> {
        let v = self
            .js("performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)")
            .await;
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect()
    }

    /// The attribute of the first element matching `selector`.
    pub async fn attr(&self, selector: &str, name: &str) -> Option<String> {
        let v = self.js(&format!("(document.querySelector({sel}) || {{getAttribute: () => null}}).getAttribute({name})", sel = json!(selector), name = json!(name))).await;
        v.as_str().map(str::to_string)
    }

    /// The text of the first element matching `selector`.
    pub async fn text(&self, selector: &str) -> String {
        self.js(&format!(
            "(document.querySelector({}) || {{innerText: ''}}).innerText",
            json!(selector)
        ))
        .await
        .as_str()
        .unwrap_or("")
        .to_string()
    }

    /// Clicks the button whose text is `text`, once it is on the page.
    pub async fn click_button(&self, text: &str) {
        self.wait_js(&format!(
            "Array.from(document.querySelectorAll('button')).some(b => b.innerText.trim() === {})",
            json!(text)
        ))
        .await;
        self.client
            .find(Locator::XPath(&format!(
                "//button[normalize-space(text())={}]",
                json!(text)
            )))
            .await
            .unwrap_or_else(|e| panic!("button {text}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {text}: {e}"));
    }

    pub async fn click(&self, selector: &str) {
        self.wait_js(&format!("document.querySelector({})", json!(selector)))
            .await;
        self.client
            .find(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("find {selector}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {selector}: {e}"));
    }

    /// Sends a request to the simulator (its control endpoints, or an API for the truth).
    pub async fn sim(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> (u16, Value) {
        let addr = self.origin.trim_start_matches("http://").to_string();
        let mut stream = tokio::net::TcpStream::connect(&addr)
            .await
            .expect("connect sim");
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n");
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        stream.write_all(req.as_bytes()).await.expect("write");
        let mut buf = Vec::new();
        stream.read_to_end(&mut buf).await.expect("read");
        let text = String::from_utf8_lossy(&buf);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        // Bodies are small and not chunked by axum when the length is known.
        (status, serde_json::from_str(body).unwrap_or(Value::Null))
    }

    /// A vendor API's answer, with the demo token of that source.
    pub async fn api(&self, source: &str, path_and_query: &str) -> Value {
        let auth = format!("Bearer {source}-token");
        let (status, body) = self
            .sim(
                "GET",
                &format!("/{source}{path_and_query}"),
                &[("Authorization", &auth)],
            )
            .await;
        assert_eq!(status, 200, "{source}{path_and_query}");
        body
    }

    /// Severe console messages (a wasm panic shows up here).
    pub async fn console_errors(&self) -> Vec<String> {
        match self.client.issue_cmd(GetBrowserLog).await {
            Ok(Value::Array(entries)) => entries
                .into_iter()
                .filter(|e| e["level"] == "SEVERE")
                .filter_map(|e| e["message"].as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Fails the test if the wasm module trapped: a Rust panic (the release build's panics are
    /// `RuntimeError: unreachable`, a debug build's print "panicked") or the app-error banner.
    pub async fn assert_no_crash(&self) {
        let console = self.console_errors().await;
        let crashes: Vec<&String> = console
            .iter()
            .filter(|m| {
                m.contains("panicked") || m.contains("RuntimeError") || m.contains("unreachable")
            })
            .collect();
        assert!(crashes.is_empty(), "the wasm module trapped: {crashes:?}");
        assert_eq!(
            self.js("document.querySelector('[data-testid=app-error]')?.innerText ?? null")
                .await,
            Value::Null,
            "the app-error banner is showing"
        );
    }

    /// Wasm memory and JS heap in bytes, after a forced garbage collection (needs
    /// `--js-flags=--expose-gc` and `--enable-precise-memory-info`).
    pub async fn memory(&self) -> (u64, u64) {
        let v = self.js("(window.gc && gc(), [window.jobdeckWasmMemory ? jobdeckWasmMemory() : 0, performance.memory ? performance.memory.usedJSHeapSize : 0])").await;
        (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0))
    }

    /// axe-core's serious and critical accessibility violations on the page as it is now, one
    /// line each (rule, help, first elements). axe-core comes from npm (./dev test installs it
    /// and sets JOBDECK_AXE).
    pub async fn axe_violations(&self) -> Vec<String> {
        let path = std::env::var("JOBDECK_AXE")
            .expect("JOBDECK_AXE: the path of axe.min.js (./dev test sets it)");
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        self.client
            .execute(&format!("{source}\n;return true;"), vec![])
            .await
            .expect("inject axe-core");
        let found = self
            .client
            .execute(
                "return axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')));",
                vec![],
            )
            .await
            .expect("axe.run");
        found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    /// Bytes the app's Rust code holds now (its counting allocator), after a JS garbage
    /// collection has run the finalizers that free wasm objects.
    pub async fn live_heap(&self) -> u64 {
        self.js("(window.gc && gc(), window.wasmBindings && wasmBindings.jobdeckLiveHeapBytes ? wasmBindings.jobdeckLiveHeapBytes() : 0)").await.as_u64().unwrap_or(0)
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
        self.server.abort();
    }
}

/// chromedriver's log endpoint (not in W3C WebDriver): the browser console since the last call.
#[derive(Debug)]
struct GetBrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for GetBrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type":"browser"}"#.to_string()),
        )
    }
}

/// chromedriver's vendor endpoint for raw DevTools commands.
#[derive(Debug)]
struct CdpCommand {
    cmd: String,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"cmd": self.cmd, "params": self.params}).to_string()),
        )
    }
}
