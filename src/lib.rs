//! jobdeck: one browser dashboard for the background jobs of Tines, Vector Charts, osapi and
//! CluedIn. Client-side Leptos; all vendor knowledge lives in `jobdeck-core`.

/// Only in the builds that measure memory (feature `measure`: the benchmark, the soak run and
/// the browser memory tests); users' builds use the plain allocator.
#[cfg(all(target_arch = "wasm32", feature = "measure"))]
pub mod alloc_count;
pub mod app;
pub mod chunk;
pub mod client;
pub mod components;
pub mod config;
pub mod context;
pub mod demo;
pub mod download;
pub mod fetch;
pub mod history;
pub mod mirror;
pub mod pages;
pub mod perf;
pub mod poll;
pub mod prefs;
pub mod routes;
pub mod shortcuts;
pub mod source_state;
pub mod split;
pub mod storage;
pub mod transport;

#[cfg(all(target_arch = "wasm32", feature = "measure"))]
#[global_allocator]
static ALLOCATOR: alloc_count::CountingAllocator = alloc_count::CountingAllocator;
