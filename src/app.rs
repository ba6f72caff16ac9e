//! The router and layout shell. The loaded configuration and a ticking clock are provided as
//! context to every page.

use crate::config::{self, LoadedConfig};
use crate::mirror::Mirrors;
use crate::poll::RefreshAll;
use crate::shortcuts::{HelpOpen, KeyboardShortcuts};
use jobdeck_core::prefs::Theme;
use crate::pages::overview::OverviewPage;
use crate::split::{DetailRoute, SettingsRoute, SourceRoute};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy};
use wasm_bindgen::JsCast;

/// The path the app is served under (`/ops/jobs` for a build made with
/// `trunk build --public-url /ops/jobs/`), without a trailing slash; empty at the root. Trunk
/// writes the public URL into `<base href>`, so one build serves at the path it was made for
/// and an operator can move it by editing that one tag.
pub fn base_path() -> &'static str {
    thread_local! {
        static BASE: &'static str = Box::leak(read_base_path().into_boxed_str());
    }
    BASE.with(|b| *b)
}

fn read_base_path() -> String {
    let href = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.dyn_into::<web_sys::HtmlBaseElement>().ok())
        .map(|b| b.href());
    let path = href.and_then(|h| web_sys::Url::new(&h).ok()).map(|u| u.pathname()).unwrap_or_default();
    path.trim_end_matches('/').to_string()
}

/// A router path without the base path in front (`/ops/jobs/settings` → `/settings`).
pub fn strip_base(path: &str) -> String {
    let base = base_path();
    match path.strip_prefix(base) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => if rest.is_empty() { "/".to_string() } else { rest.to_string() },
        _ => path.to_string(),
    }
}

/// An app route as a link's href, under the base path (`/settings` → `/ops/jobs/settings`).
/// The router's `<A>` does not add its base to absolute paths, so every link goes through here.
pub fn href(route: &str) -> String {
    format!("{}{route}", base_path())
}

/// A same-origin file next to index.html.
pub fn asset_url(file: &str) -> String {
    format!("{}/{}", base_path(), file)
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

/// The app's clock mirrored for the calling view (see `mirror.rs`).
#[derive(Clone, Copy)]
pub struct ClockMirrors(pub Mirrors<f64>);

/// The clock, for reading in a view: the view's own mirror where the app provides them, else
/// the clock itself (a component mounted alone under test).
pub fn use_clock() -> Signal<f64> {
    match use_context::<ClockMirrors>() {
        Some(m) => m.0.mirror(),
        None => expect_context::<Clock>().0.into(),
    }
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
    provide_context(ClockMirrors(Mirrors::new(clock)));
    if let Ok(handle) = set_interval_with_handle(move || clock.set(crate::client::now_ms()), std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let prefs = crate::prefs::provide_prefs();
    provide_context(RefreshAll(RwSignal::new(0)));
    let help = RwSignal::new(false);
    provide_context(HelpOpen(help));
    provide_context(crate::history::CountsHistory::default());
    crate::split::prefetch_on_intent();
    view! {
        <Router base=base_path()>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="topbar">
                <A href=crate::app::href("/") attr:class="brand">"jobdeck"</A>
                <nav aria-label="Main">
                    <A href=crate::app::href("/")>"Overview"</A>
                    <A href=crate::app::href("/settings")>"Settings"</A>
                </nav>
                <div class="topbar-tools">
                    <button type="button" class="icon-button" data-testid="theme-toggle"
                        aria-label=move || format!("Theme: {} (change)", prefs.get().theme.label())
                        title=move || format!("Theme: {}. Click for {}.", prefs.get().theme.label(), prefs.get().theme.next().label())
                        on:click=move |_| prefs.update(|p| p.theme = p.theme.next())>
                        {move || match prefs.get().theme { Theme::System => "◐", Theme::Light => "☀", Theme::Dark => "☾" }}
                    </button>
                    <button type="button" class="icon-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)"
                        on:click=move |_| help.update(|o| *o = !*o)>"?"</button>
                </div>
            </header>
            <KeyboardShortcuts />
            <main id="main" tabindex="-1">
                <Show when=move || config.with(Option::is_some) fallback=|| view! { <p class="loading" role="status">"Loading configuration…"</p> }>
                    <Routes fallback=|| view! { <h1 class="page-title">"Not found"</h1><p class="empty">"This page does not exist. "<A href=crate::app::href("/")>"Back to the overview"</A></p> }>
                        <Route path=path!("/") view=OverviewPage />
                        <Route path=path!("/sources/:id") view={Lazy::<SourceRoute>::new()} />
                        <Route path=path!("/sources/:id/jobs/:job_id") view={Lazy::<DetailRoute>::new()} />
                        <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} />
                    </Routes>
                </Show>
            </main>
        </Router>
    }
}
