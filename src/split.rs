//! Route-level code splitting: the first load carries the overview only.
//!
//! Each page but the overview, and the embedded demo's simulator, is a *split point*: a function
//! that may live in a separate wasm chunk, fetched the first time it is called. In a release
//! build for the browser (`build.rs` sets `cfg(split_wasm)` and links with `--emit-relocs`), the
//! `wasm_split` attribute turns the function into a loader, and `scripts/split-wasm.py` (a trunk
//! post-build hook) cuts the code only these functions reach out of the main module. Everywhere
//! else (debug builds, `trunk serve`, the wasm-bindgen tests) the same function is a plain
//! `async fn`, so nothing but the release bundle needs the post-processing.
//!
//! A chunk that fails to load (offline, or the server now holds a newer build) is an error the
//! caller shows, never a panic: `fallible` makes the loader return it.

use leptos::prelude::*;
use leptos_router::LazyRoute;

pub use leptos::wasm_split::SplitLoaderError;

/// Declares a split point: `split_point!(chunk_name, fn name(args) -> Output { body })` gives
/// `async fn name(args) -> Result<Output, SplitLoaderError>`. Functions with the same chunk
/// name share a chunk.
macro_rules! split_point {
    ($chunk:ident, $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block) => {
        $(#[$meta])*
        #[cfg(split_wasm)]
        #[allow(improper_ctypes, improper_ctypes_definitions)]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$out, $crate::split::SplitLoaderError> {
            let out: $out = $body;
            Ok(out)
        }

        $(#[$meta])*
        #[cfg(not(split_wasm))]
        $vis async fn $name($($arg: $ty),*) -> Result<$out, $crate::split::SplitLoaderError> {
            let out: $out = $body;
            Ok(out)
        }
    };
}
pub(crate) use split_point;

split_point!(source_page, fn source_page() -> AnyView { view! { <crate::pages::source::SourcePage /> }.into_any() });
split_point!(detail_page, fn detail_page() -> AnyView { view! { <crate::pages::detail::JobDetailPage /> }.into_any() });
split_point!(settings_page, fn settings_page() -> AnyView { view! { <crate::pages::settings::SettingsPage /> }.into_any() });

/// What a page whose chunk could not be fetched shows instead. Opening the page again (or
/// Reload) tries again: a failed load is not remembered.
fn chunk_failed() -> AnyView {
    view! {
        <div class="source-error" role="alert" data-testid="chunk-error">
            <p>"This page could not be loaded. The network may be down, or jobdeck was updated on the server since this tab opened."</p>
            <button type="button" on:click=|_| { let _ = window().location().reload(); }>"Reload jobdeck"</button>
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
