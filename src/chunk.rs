//! Split points: functions that may live in a wasm chunk of their own, fetched the first time
//! they are called (the pages in `split.rs`, the demo's simulator in `demo.rs`).
//!
//! In a release build for the browser (`build.rs` sets `cfg(split_wasm)` and links with
//! `--emit-relocs`), the `wasm_split` attribute turns the function into a loader, and the release
//! build (`scripts/release.py (step 1)`) cuts the code only these functions reach out of the main
//! module. Everywhere else (debug builds, `trunk serve`, the wasm-bindgen tests) the same
//! function is a plain `async fn`, so nothing but the release bundle needs the post-processing.
//!
//! A chunk that fails to load (offline, or the server now holds a newer build) is an error the
//! caller shows, never a panic: `fallible` makes the loader return it.

pub use leptos::wasm_split::SplitLoaderError;

/// Declares a split point: `split_point!(chunk_name, preload_name, fn name(args) -> Output {
/// body })` gives `async fn name(args) -> Result<Output, SplitLoaderError>` and `async fn
/// preload_name() -> Result<(), SplitLoaderError>`, which only fetches the chunk. Functions with
/// the same chunk name share a chunk.
macro_rules! split_point {
    ($chunk:ident, $preload:ident, $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block) => {
        $(#[$meta])*
        #[cfg(split_wasm)]
        #[allow(improper_ctypes, improper_ctypes_definitions)]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload(#[allow(dead_code)] $preload))]
        $vis fn $name($($arg: $ty),*) -> Result<$out, $crate::chunk::SplitLoaderError> {
            let out: $out = $body;
            Ok(out)
        }

        $(#[$meta])*
        #[cfg(not(split_wasm))]
        $vis async fn $name($($arg: $ty),*) -> Result<$out, $crate::chunk::SplitLoaderError> {
            let out: $out = $body;
            Ok(out)
        }

        #[cfg(not(split_wasm))]
        #[allow(dead_code)]
        $vis async fn $preload() -> Result<(), $crate::chunk::SplitLoaderError> {
            Ok(())
        }
    };
}
pub(crate) use split_point;
