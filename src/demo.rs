//! The embedded demo: with nothing configured, four demo sources (one per vendor) are answered
//! in the browser by the simulator library, through the same adapters as real HTTP.

use jobdeck_core::{HttpRequest, HttpResponse, SourceConfig, SourceError};
use jobdeck_sim::{Sim, SimConfig, SimRequest};
use std::cell::RefCell;

/// Base URLs of demo sources start with this; only [`execute`] answers them.
pub const SCHEME: &str = "demo:";

thread_local! {
    static SIM: RefCell<Option<Sim>> = const { RefCell::new(None) };
}

pub fn is_demo(source: &SourceConfig) -> bool {
    source.base_url.starts_with(SCHEME)
}

/// The four demo sources.
pub fn sources() -> Vec<SourceConfig> {
    jobdeck_core::KINDS
        .into_iter()
        .map(|kind| (kind, kind.demo_id()))
        .map(|(kind, id)| SourceConfig {
            id: format!("demo-{id}"),
            name: format!("{} demo", kind.label()),
            kind,
            base_url: format!("{SCHEME}/{id}"),
            token: None,
            auth_header: None,
            refresh_seconds: None,
            timeout_seconds: None,
        })
        .collect()
}

/// Answers a demo source's request from the in-browser simulator, after a short delay so the
/// demo feels like a network. The simulator is a chunk of its own (see `split.rs`): a page
/// with real sources never downloads it.
pub async fn execute(
    source: &SourceConfig,
    req: &HttpRequest,
) -> Result<HttpResponse, SourceError> {
    crate::perf::sleep_ms(60).await;
    let url = req.url(source.base_url.trim_start_matches(SCHEME));
    answer(url, crate::perf::now_ms() as i64)
        .await
        .map_err(|_| SourceError::Network {
            detail: "the demo's simulator could not be loaded from the server".to_string(),
        })
}

crate::chunk::split_point!(
    demo_simulator,
    preload_demo_simulator,
    fn answer(url: String, now: i64) -> HttpResponse {
        let resp = SIM.with(|cell| {
            let mut slot = cell.borrow_mut();
            let sim = slot.get_or_insert_with(|| {
                let mut tokens = jobdeck_sim::default_tokens();
                tokens.clear();
                Sim::new(
                    SimConfig {
                        seed: 7,
                        initial_jobs: 150,
                        arrival_every_ms: 8_000,
                        tokens,
                    },
                    now,
                )
            });
            sim.handle(&SimRequest::get(&url), now)
        });
        HttpResponse {
            status: resp.status,
            headers: resp.headers,
            body: resp.body,
        }
    }
);
