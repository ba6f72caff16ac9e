//! jobdeck: one browser dashboard for the background jobs of Tines, Vector Charts, osapi and
//! CluedIn. Client-side Leptos; all vendor knowledge lives in `jobdeck-core`.

#[cfg(target_arch = "wasm32")]
pub mod alloc_count;
pub mod app;
pub mod client;
pub mod components;
pub mod config;
pub mod demo;
pub mod download;
pub mod fetch;
pub mod history;
pub mod mirror;
pub mod pages;
pub mod poll;
pub mod prefs;
pub mod shortcuts;
pub mod source_state;
pub mod split;
pub mod storage;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: alloc_count::CountingAllocator = alloc_count::CountingAllocator;
