//! The one place that does HTTP. Executes core's [`HttpRequest`]s for a source: adds its auth
//! header (only ever to its own base URL), enforces the timeout and a body-size cap, aborts when
//! the caller goes away, and turns every failure into a [`SourceError`].

use jobdeck_core::{HttpRequest, HttpResponse, SourceConfig, SourceError};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Larger answers are refused: no job list needs this much, and a runaway body must not freeze
/// the tab.
pub const MAX_BODY_BYTES: u64 = 8_000_000;

/// Aborts the fetch when dropped (the view that wanted it is gone) or when the timer fires.
struct AbortOnDrop {
    controller: web_sys::AbortController,
    /// Set when the timer fired, to tell a timeout from the view going away.
    timed_out: Rc<Cell<bool>>,
    timer: Option<i32>,
    _on_timeout: Option<Closure<dyn FnMut()>>,
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let (Some(t), Some(w)) = (self.timer, web_sys::window()) {
            w.clear_timeout_with_handle(t);
        }
        self.controller.abort();
    }
}

/// Fetches `req` from `source`, as `GET base_url + path`.
pub async fn execute(
    source: &SourceConfig,
    req: &HttpRequest,
) -> Result<HttpResponse, SourceError> {
    let timeout_s = source.timeout_seconds();
    let guard = AbortOnDrop::with_timeout(timeout_s)?;
    let signal = guard.controller.signal();
    let mut builder = gloo_net::http::Request::get(&req.url(&source.base_url))
        .abort_signal(Some(&signal))
        .header("Accept", "application/json");
    // The token (or the header a proxy wants it in) goes only with this source's own requests.
    if let Some((name, value)) = source.auth() {
        builder = builder.header(&name, &value);
    }
    let fail = |_: gloo_net::Error| -> SourceError {
        if guard.timed_out.get() {
            SourceError::Timeout { seconds: timeout_s }
        } else if signal.aborted() {
            SourceError::Aborted
        } else {
            // The browser hides the reason (refused, DNS, CORS) on purpose; say what it may be.
            SourceError::Network {
                detail: String::new(),
            }
        }
    };
    let resp = builder.send().await.map_err(fail)?;
    let announced = resp
        .headers()
        .get("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok());
    if announced.is_some_and(|len| len > MAX_BODY_BYTES) {
        return Err(SourceError::TooLarge {
            limit_bytes: MAX_BODY_BYTES,
        });
    }
    let body = resp.binary().await.map_err(fail)?;
    if body.len() as u64 > MAX_BODY_BYTES {
        return Err(SourceError::TooLarge {
            limit_bytes: MAX_BODY_BYTES,
        });
    }
    let headers = ["retry-after", "content-type"]
        .iter()
        .filter_map(|h| resp.headers().get(h).map(|v| (h.to_string(), v)))
        .collect();
    drop(guard);
    Ok(HttpResponse {
        status: resp.status(),
        headers,
        body,
    })
}

impl AbortOnDrop {
    /// A controller whose signal aborts after `timeout_s` seconds (noting that it timed out).
    fn with_timeout(timeout_s: u32) -> Result<AbortOnDrop, SourceError> {
        let controller = web_sys::AbortController::new().map_err(|_| SourceError::Network {
            detail: "the browser cannot make requests".into(),
        })?;
        let mut guard = AbortOnDrop {
            controller,
            timed_out: Rc::new(Cell::new(false)),
            timer: None,
            _on_timeout: None,
        };
        if let Some(window) = web_sys::window() {
            let (c, flag) = (guard.controller.clone(), guard.timed_out.clone());
            let on_timeout = Closure::<dyn FnMut()>::new(move || {
                flag.set(true);
                c.abort();
            });
            guard.timer = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    on_timeout.as_ref().unchecked_ref(),
                    (timeout_s * 1000) as i32,
                )
                .ok();
            guard._on_timeout = Some(on_timeout);
        }
        Ok(guard)
    }
}

/// Fetches a same-origin file (sources.json): `Ok(None)` when it is absent.
pub async fn fetch_own_file(path: &str) -> Result<Option<Vec<u8>>, String> {
    let resp = gloo_net::http::Request::get(path)
        .header("Cache-Control", "no-cache")
        .send()
        .await
        .map_err(|_| format!("{path} could not be loaded"))?;
    match resp.status() {
        200 => {
            let is_html = resp
                .headers()
                .get("content-type")
                .is_some_and(|t| t.contains("text/html"));
            let bytes = resp
                .binary()
                .await
                .map_err(|_| format!("{path} could not be read"))?;
            // A static host without the file may answer index.html (SPA fallback): that means absent.
            if is_html || bytes.first() == Some(&b'<') {
                return Ok(None);
            }
            Ok(Some(bytes))
        }
        404 => Ok(None),
        s => Err(format!("{path} answered {s}")),
    }
}
