//! Turns on route-level code splitting (`src/split.rs`) for release builds of the browser
//! bundle: `cfg(split_wasm)` makes the split points loaders, and `--emit-relocs` keeps the
//! relocations that `scripts/release.py (step 1)` needs to cut the module apart. Debug builds and the
//! wasm-bindgen tests stay one module. `JOBDECK_NO_SPLIT=1` builds a release bundle unsplit.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(split_wasm)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=JOBDECK_NO_SPLIT");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    let opted_out = std::env::var_os("JOBDECK_NO_SPLIT").is_some_and(|v| !v.is_empty());
    if wasm && release && !opted_out {
        println!("cargo::rustc-cfg=split_wasm");
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
