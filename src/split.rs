//! Route-level code splitting: the first load carries the overview only. Each page but the
//! overview is a split point (see `chunk.rs`), and its chunk is fetched as soon as someone shows
//! the intent to open it.

use crate::chunk::{split_point, SplitLoaderError};
use jobdeck_core::route::Route;
use leptos::prelude::*;
use leptos_router::LazyRoute;

split_point!(
    source_page,
    preload_source_page,
    fn source_page() -> AnyView {
        view! { <crate::pages::source::SourcePage /> }.into_any()
    }
);
split_point!(
    detail_page,
    preload_detail_page,
    fn detail_page() -> AnyView {
        view! { <crate::pages::detail::JobDetailPage /> }.into_any()
    }
);
split_point!(
    settings_page,
    preload_settings_page,
    fn settings_page() -> AnyView {
        view! { <crate::pages::settings::SettingsPage /> }.into_any()
    }
);

/// The pages that are chunks of their own.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SplitPage {
    Source,
    Detail,
    Settings,
}

impl SplitPage {
    /// The page an app path (without the base path) opens, if it is one of the split pages.
    pub fn of_path(path: &str) -> Option<SplitPage> {
        match Route::parse(path)? {
            Route::Overview => None,
            Route::Source { .. } => Some(SplitPage::Source),
            Route::Job { .. } => Some(SplitPage::Detail),
            Route::Settings => Some(SplitPage::Settings),
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    async fn preload(self) -> Result<(), SplitLoaderError> {
        match self {
            SplitPage::Source => preload_source_page().await,
            SplitPage::Detail => preload_detail_page().await,
            SplitPage::Settings => preload_settings_page().await,
        }
    }
}

thread_local! {
    /// Pages whose chunk has been asked for (cleared again when the fetch fails).
    static REQUESTED: std::cell::Cell<[bool; 3]> = const { std::cell::Cell::new([false; 3]) };
}

/// Fetches a page's chunk as soon as the pointer or the keyboard focus reaches a link to it, so
/// the click finds the code there: on a slow network the chunk takes a moment, and the page
/// would otherwise wait for it after the click. Nothing is fetched before someone shows intent.
pub fn prefetch_on_intent() {
    let on_intent = |target: Option<web_sys::EventTarget>| {
        use wasm_bindgen::JsCast;
        let href = target
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|a| a.get_attribute("href"));
        let Some(page) = href.and_then(|h| SplitPage::of_path(&crate::routes::strip_base(&h)))
        else {
            return;
        };
        let already = REQUESTED.with(|r| {
            let mut flags = r.get();
            let was = flags[page.index()];
            flags[page.index()] = true;
            r.set(flags);
            was
        });
        if !already {
            leptos::task::spawn_local(async move {
                if page.preload().await.is_err() {
                    // Try again on the next hover; opening the page shows the error if it persists.
                    REQUESTED.with(|r| {
                        let mut flags = r.get();
                        flags[page.index()] = false;
                        r.set(flags);
                    });
                }
            });
        }
    };
    let pointer = window_event_listener(leptos::ev::pointerover, move |e| on_intent(e.target()));
    let focus = window_event_listener(leptos::ev::focusin, move |e| on_intent(e.target()));
    on_cleanup(move || {
        pointer.remove();
        focus.remove();
    });
}

/// What a page whose chunk could not be fetched shows instead. Opening the page again (or
/// Reload) tries again: a failed load is not remembered.
fn chunk_failed() -> AnyView {
    view! {
        <div class="source-error" role="alert" data-testid="chunk-error">
            <p>
                "This page could not be loaded. The network may be down, or jobdeck was updated on the server since this tab opened."
            </p>
            <button
                type="button"
                on:click=|_| {
                    let _ = window().location().reload();
                }
            >
                "Reload jobdeck"
            </button>
        </div>
    }
    .into_any()
}

fn page_or_error(page: Result<AnyView, SplitLoaderError>) -> AnyView {
    page.unwrap_or_else(|_| chunk_failed())
}

/// `/sources/:id`, loaded on first visit.
pub struct SourceRoute;
/// `/sources/:id/jobs/:job_id`, loaded on first visit.
pub struct DetailRoute;
/// `/settings`, loaded on first visit.
pub struct SettingsRoute;

impl LazyRoute for SourceRoute {
    fn data() -> Self {
        SourceRoute
    }
    async fn view(_: Self) -> AnyView {
        page_or_error(source_page().await)
    }
}

impl LazyRoute for DetailRoute {
    fn data() -> Self {
        DetailRoute
    }
    async fn view(_: Self) -> AnyView {
        page_or_error(detail_page().await)
    }
}

impl LazyRoute for SettingsRoute {
    fn data() -> Self {
        SettingsRoute
    }
    async fn view(_: Self) -> AnyView {
        page_or_error(settings_page().await)
    }
}
