//! Soak run: N minutes (default 30) of 1-second refresh of four sources against the simulator,
//! with random faults switched on and off, reporting wasm panics (must be 0), errors recovered
//! and memory at start and end. `./dev soak [minutes]`. Not part of the test run.

use jobdeck_e2e::{Env, Options};
use jobdeck_sim::world::Rng;
use serde_json::json;
use std::time::{Duration, Instant};

const SOURCES: [&str; 4] = ["tines", "charts", "osapi", "cluedin"];
const FAULTS: [&str; 8] = [
    "status=500",
    "status=503",
    "status=401",
    "retry_after=3",
    "body=html",
    "body=malformed",
    "body=wrong-shape",
    "latency_ms=20000",
];

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let minutes: f64 = std::env::args()
        .nth(1)
        .and_then(|m| m.parse().ok())
        .unwrap_or(30.0);
    let sources: Vec<_> = SOURCES.iter().map(|id| {
        let kind = match *id { "charts" => "vector-charts", other => other };
        json!({"id": id, "kind": kind, "base_url": format!("/{id}"), "token": format!("{id}-token"), "timeout_seconds": 5})
    }).collect();
    let env = Env::start(Options {
        dist: Some(jobdeck_e2e::measure_dist_dir()),
        sources_json: Some(json!({"refresh_seconds": 1, "sources": sources})),
        frozen_clock: false,
        // A busy system from the start (full 200-job pages for the Vector Charts scan), so the
        // start figure already includes the allocator's steady high-water mark and the growth
        // measured is the app's own; jobs keep arriving every 2 s.
        sim: jobdeck_sim::SimConfig {
            initial_jobs: 1_000,
            arrival_every_ms: 2_000,
            ..jobdeck_sim::SimConfig::default()
        },
        chrome_args: vec![
            "--js-flags=--expose-gc".into(),
            "--enable-precise-memory-info".into(),
        ],
        ..Options::default()
    })
    .await;
    env.goto("/").await;
    env.wait_js(
        "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4",
    )
    .await;
    tokio::time::sleep(Duration::from_secs(10)).await;
    let (wasm_start, heap_start, live_start) = settled_memory(&env).await;
    println!("soak: {minutes} min, 4 sources refreshing every second, random faults");
    println!("start: wasm memory {wasm_start} B, Rust heap in use {live_start} B, JS heap {heap_start} B");

    let mut rng = Rng::new(2026);
    let mut faulty: Vec<Option<&str>> = vec![None; 4];
    let (mut injected, mut recovered, mut panics) = (0u64, 0u64, 0u64);
    let mut was_error = [false; 4];
    let started = Instant::now();
    let mut next_flip = Instant::now();
    while started.elapsed() < Duration::from_secs_f64(minutes * 60.0) {
        if Instant::now() >= next_flip {
            let i = rng.range(0, 4) as usize;
            match faulty[i] {
                Some(_) => {
                    env.sim("DELETE", &format!("/_sim/fault/{}", SOURCES[i]), &[])
                        .await;
                    faulty[i] = None;
                }
                None => {
                    let f = *rng.pick(&FAULTS);
                    env.sim("POST", &format!("/_sim/fault/{}?{f}", SOURCES[i]), &[])
                        .await;
                    faulty[i] = Some(f);
                    injected += 1;
                }
            }
            next_flip = Instant::now() + Duration::from_secs(rng.range(5, 20));
        }
        let statuses = env.js("Array.from(document.querySelectorAll('[data-testid=source-card]')).map(c => c.dataset.status)").await;
        for (i, s) in statuses
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .take(4)
        {
            let error = s == "error";
            if was_error[i] && s == "ok" {
                recovered += 1;
            }
            was_error[i] = error;
        }
        panics += env
            .console_errors()
            .await
            .iter()
            .filter(|m| m.contains("panicked") || m.contains("RuntimeError"))
            .count() as u64;
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    for s in SOURCES {
        env.sim("DELETE", &format!("/_sim/fault/{s}"), &[]).await;
    }
    // Backoff after repeated failures can be long: give every source up to 5 minutes to recover.
    let settle = Instant::now();
    while settle.elapsed() < Duration::from_secs(300)
        && env
            .js("document.querySelectorAll('[data-testid=source-card][data-status=ok]').length")
            .await
            != json!(4)
    {
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    let recovery_seconds = settle.elapsed().as_secs();
    let (wasm_end, heap_end, live_end) = settled_memory(&env).await;
    let live_growth = (live_end + heap_end) as i64 - (live_start + heap_start) as i64;
    let all_ok = env
        .js("document.querySelectorAll('[data-testid=source-card][data-status=ok]').length")
        .await;
    let growth = (wasm_end + heap_end) as i64 - (wasm_start + heap_start) as i64;
    let report = json!({
        "minutes": minutes, "faults_injected": injected, "errors_recovered": recovered, "wasm_panics": panics,
        "wasm_memory_bytes": {"start": wasm_start, "end": wasm_end}, "js_heap_bytes": {"start": heap_start, "end": heap_end},
        "rust_heap_in_use_bytes": {"start": live_start, "end": live_end}, "in_use_growth_bytes": live_growth,
        "memory_growth_bytes": growth, "sources_ok_at_end": all_ok, "seconds_to_all_ok_after_faults_cleared": recovery_seconds,
    });
    println!(
        "end:   wasm memory {wasm_end} B, Rust heap in use {live_end} B, JS heap {heap_end} B"
    );
    println!(
        "growth: wasm memory + JS heap {growth} B; Rust heap in use + JS heap {live_growth} B"
    );
    println!("faults injected {injected}, errors recovered {recovered}, wasm panics {panics}, sources ok at the end {all_ok}/4");
    std::fs::create_dir_all("bench-results").ok();
    std::fs::write(
        "bench-results/soak.json",
        serde_json::to_string_pretty(&report).unwrap_or_default(),
    )
    .ok();
    println!("written to bench-results/soak.json");
    env.close().await;
}

/// Memory between refreshes: with four sources refreshing every second some request is nearly
/// always in flight (a 200-job page being parsed holds about a megabyte for a moment), so the
/// heaps are sampled 20 times over 6 s and the smallest reading kept. The wasm memory only
/// grows, so its last reading is its high-water mark.
async fn settled_memory(env: &Env) -> (u64, u64, u64) {
    let (mut wasm, mut js, mut live) = (0, u64::MAX, u64::MAX);
    for _ in 0..20 {
        let ((w, h), l) = (env.memory().await, env.live_heap().await);
        (wasm, js, live) = (w, js.min(h), live.min(l));
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    (wasm, js, live)
}
