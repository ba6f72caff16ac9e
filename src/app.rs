//! The layout shell: the top bar, the keyboard shortcuts and the router. The contexts it
//! provides are in `context.rs`, the routes' links in `routes.rs`.

use crate::context::provide_app_contexts;
use crate::pages::overview::OverviewPage;
use crate::routes::{base_path, href};
use crate::shortcuts::KeyboardShortcuts;
use crate::split::{DetailRoute, SettingsRoute, SourceRoute};
use jobdeck_core::prefs::Theme;
use jobdeck_core::route::Route as AppRoute;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy};

#[component]
pub fn App() -> impl IntoView {
    let (config, help) = provide_app_contexts();
    let prefs = crate::prefs::provide_prefs();
    crate::split::prefetch_on_intent();
    view! {
        <Router base=base_path()>
            <a class="skip-link" href="#main">
                "Skip to content"
            </a>
            <header class="topbar">
                <A href=href(&AppRoute::Overview) attr:class="brand">
                    "jobdeck"
                </A>
                <nav aria-label="Main">
                    <A href=href(&AppRoute::Overview)>"Overview"</A>
                    <A href=href(&AppRoute::Settings)>"Settings"</A>
                </nav>
                <div class="topbar-tools">
                    <button
                        type="button"
                        class="icon-button"
                        data-testid="theme-toggle"
                        aria-label=move || format!("Theme: {} (change)", prefs.get().theme.label())
                        title=move || {
                            format!(
                                "Theme: {}. Click for {}.",
                                prefs.get().theme.label(),
                                prefs.get().theme.next().label(),
                            )
                        }
                        on:click=move |_| prefs.update(|p| p.theme = p.theme.next())
                    >
                        {move || match prefs.get().theme {
                            Theme::System => "◐",
                            Theme::Light => "☀",
                            Theme::Dark => "☾",
                        }}
                    </button>
                    <button
                        type="button"
                        class="icon-button"
                        aria-label="Keyboard shortcuts"
                        title="Keyboard shortcuts (?)"
                        on:click=move |_| help.update(|o| *o = !*o)
                    >
                        "?"
                    </button>
                </div>
            </header>
            <KeyboardShortcuts />
            <main id="main" tabindex="-1">
                <Show
                    when=move || config.with(Option::is_some)
                    fallback=|| {
                        view! {
                            <p class="loading" role="status">
                                "Loading configuration…"
                            </p>
                        }
                    }
                >
                    <Routes fallback=|| {
                        view! {
                            <h1 class="page-title">"Not found"</h1>
                            <p class="empty">
                                "This page does not exist. "
                                <A href=href(&AppRoute::Overview)>"Back to the overview"</A>
                            </p>
                        }
                    }>
                        <Route path=path!("/") view=OverviewPage />
                        <Route path=path!("/sources/:id") view=source_route() />
                        <Route path=path!("/sources/:id/jobs/:job_id") view=detail_route() />
                        <Route path=path!("/settings") view=settings_route() />
                    </Routes>
                </Show>
            </main>
        </Router>
    }
}

// The pages loaded from their chunks on first visit (`split.rs`). Functions because inside
// view! a turbofish reads as a tag (and leptosfmt takes the braces off a block around one).
fn source_route() -> Lazy<SourceRoute> {
    Lazy::new()
}

fn detail_route() -> Lazy<DetailRoute> {
    Lazy::new()
}

fn settings_route() -> Lazy<SettingsRoute> {
    Lazy::new()
}
