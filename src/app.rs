//! The router and layout shell. The loaded configuration and a ticking clock are provided as
//! context to every page.

use crate::config::{self, LoadedConfig};
use crate::pages::{detail::JobDetailPage, overview::OverviewPage, settings::SettingsPage, source::SourcePage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

/// The path the app is served under (`/ops/jobs` for a build made with JOBDECK_BASE=/ops/jobs),
/// without a trailing slash; empty at the root.
pub const BASE_PATH: &str = match option_env!("JOBDECK_BASE") {
    Some(b) => b,
    None => "",
};

/// A same-origin file next to index.html.
pub fn asset_url(file: &str) -> String {
    format!("{}/{}", BASE_PATH.trim_end_matches('/'), file)
}

/// The configuration, once loaded.
#[derive(Clone, Copy)]
pub struct ConfigContext(pub RwSignal<Option<LoadedConfig>>);

/// Wall-clock milliseconds, ticking once a second, for "12 s ago" labels.
#[derive(Clone, Copy)]
pub struct Clock(pub RwSignal<f64>);

pub fn use_config() -> RwSignal<Option<LoadedConfig>> {
    expect_context::<ConfigContext>().0
}

pub fn use_clock() -> RwSignal<f64> {
    expect_context::<Clock>().0
}

#[component]
pub fn App() -> impl IntoView {
    let config = RwSignal::new(None::<LoadedConfig>);
    provide_context(ConfigContext(config));
    leptos::task::spawn_local(async move {
        let loaded = config::load().await;
        config.set(Some(loaded));
        crate::client::mark("jobdeck:config-loaded");
    });
    let clock = RwSignal::new(crate::client::now_ms());
    provide_context(Clock(clock));
    if let Ok(handle) = set_interval_with_handle(move || clock.set(crate::client::now_ms()), std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <Router base=BASE_PATH>
            <header class="topbar">
                <A href="/" attr:class="brand">"jobdeck"</A>
                <nav aria-label="Main">
                    <A href="/">"Overview"</A>
                    <A href="/settings">"Settings"</A>
                </nav>
            </header>
            <main id="main">
                <Show when=move || config.with(Option::is_some) fallback=|| view! { <p class="loading" role="status">"Loading configuration…"</p> }>
                    <Routes fallback=|| view! { <p class="empty">"This page does not exist. "<A href="/">"Back to the overview"</A></p> }>
                        <Route path=path!("/") view=OverviewPage />
                        <Route path=path!("/sources/:id") view=SourcePage />
                        <Route path=path!("/sources/:id/jobs/:job_id") view=JobDetailPage />
                        <Route path=path!("/settings") view=SettingsPage />
                    </Routes>
                </Show>
            </main>
        </Router>
    }
}
