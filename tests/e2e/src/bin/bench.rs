//! The benchmark: builds nothing itself (./dev bench builds the release bundle first), then
//! measures that bundle in headless Chromium against the simulator on loopback and prints a
//! table (and bench-results/bench.json). The numbers come from the page's own
//! `performance.mark`s. It asserts nothing: budgets are read off the table.

use jobdeck_e2e::{Env, Options};
use serde_json::{json, Value};
use std::io::Write;
use std::time::Duration;

fn percentile(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let idx = ((p / 100.0) * (s.len() - 1) as f64).round() as usize;
    s[idx.min(s.len() - 1)]
}

fn gzip(b: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(b);
    e.finish().map_or(0, |v| v.len())
}

fn brotli(b: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut std::io::Cursor::new(b), &mut out, &params);
    out.len()
}

/// Raw, gzip and brotli sizes of bundle files. Gzip and brotli are the build's precompressed
/// `.gz` (zopfli) and `.br` copies where it has them (scripts/release.py (step 4): what the shipped
/// nginx and Caddy configurations send), else the file compressed here at the best level.
fn sizes_of(dist: &std::path::Path, files: &[String]) -> Vec<(String, usize, usize, usize)> {
    let precompressed = |f: &str, ext: &str| {
        std::fs::metadata(dist.join(format!("{f}{ext}")))
            .ok()
            .map(|m| m.len() as usize)
    };
    files
        .iter()
        .map(|f| {
            let b = std::fs::read(dist.join(f)).unwrap_or_default();
            let g = precompressed(f, ".gz").unwrap_or_else(|| gzip(&b));
            let br = precompressed(f, ".br").unwrap_or_else(|| brotli(&b));
            (f.clone(), b.len(), g, br)
        })
        .collect()
}

/// The bundle files (paths under dist/) the browser has fetched since the page was opened, from
/// the page's own Resource Timing entries (index.html is the navigation itself): what a visit
/// really downloads, chunks included.
async fn bundle_files_fetched(env: &Env, dist: &std::path::Path) -> Vec<String> {
    let paths = env.resource_paths().await;
    let mut files: Vec<String> = Vec::new();
    for path in std::iter::once("/index.html").chain(paths.iter().map(String::as_str)) {
        let name = path.trim_start_matches('/').to_string();
        if !name.is_empty() && dist.join(&name).is_file() && !files.contains(&name) {
            files.push(name);
        }
    }
    files
}

/// Prints one table of file sizes with its total, and returns it as JSON.
fn size_table(title: &str, sizes: &[(String, usize, usize, usize)]) -> Value {
    println!("\n{title}\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|");
    let (mut tr, mut tg, mut tb) = (0, 0, 0);
    for (f, r, g, b) in sizes {
        println!("| {f} | {r} | {g} | {b} |");
        (tr, tg, tb) = (tr + r, tg + g, tb + b);
    }
    println!("| **total** | {tr} | {tg} | {tb} |");
    json!({"files": sizes.iter().map(|(f, r, g, b)| json!({"file": f, "raw": r, "gzip": g, "brotli": b})).collect::<Vec<_>>(), "total": {"raw": tr, "gzip": tg, "brotli": tb}})
}

/// Transfer sizes: the first load of the overview with real sources configured, then what each
/// other page adds on its first visit (route-level code splitting), and the embedded demo.
async fn transfer(dist: &std::path::Path) -> Value {
    let env = Env::start(Options {
        sources_json: Some(sources(0, None)),
        ..Options::default()
    })
    .await;
    env.goto("/").await;
    env.wait_js("performance.getEntriesByName('jobdeck:counts-painted').length > 0")
        .await;
    let first = bundle_files_fetched(&env, dist).await;
    let mut report = serde_json::Map::new();
    report.insert(
        "initial".into(),
        size_table(
            "Initial load (overview, four sources configured):",
            &sizes_of(dist, &first),
        ),
    );
    let mut seen = first.clone();
    let visits = [
        (
            "source page",
            "[data-testid=source-card][data-source=osapi] h2 a",
            "document.querySelectorAll('tbody tr[data-job-id]').length > 0",
        ),
        (
            "job detail",
            "tbody tr[data-job-id] a.job-link",
            "document.querySelector('[data-testid=job-detail]') !== null",
        ),
        (
            "settings",
            "nav a[href='/settings']",
            "document.querySelector('[data-testid=settings-sources]') !== null",
        ),
    ];
    let mut later = serde_json::Map::new();
    for (page, link, ready) in visits {
        env.click(link).await;
        env.wait_js(ready).await;
        let now = bundle_files_fetched(&env, dist).await;
        let new: Vec<String> = now.iter().filter(|f| !seen.contains(f)).cloned().collect();
        seen.extend(new.iter().cloned());
        later.insert(
            page.into(),
            size_table(
                &format!("First visit to the {page} adds:"),
                &sizes_of(dist, &new),
            ),
        );
    }
    env.close().await;
    report.insert("first_visit_adds".into(), Value::Object(later));

    // The embedded demo (nothing configured) also fetches the simulator's chunk.
    let env = Env::start(Options {
        no_sources_file: true,
        ..Options::default()
    })
    .await;
    env.goto("/").await;
    env.wait_js(
        "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4",
    )
    .await;
    let demo = bundle_files_fetched(&env, dist).await;
    env.close().await;
    report.insert(
        "demo_initial".into(),
        size_table(
            "Initial load of the embedded demo (nothing configured):",
            &sizes_of(dist, &demo),
        ),
    );
    Value::Object(report)
}

async fn mark_time(env: &Env, name: &str) -> Option<f64> {
    env.js(&format!(
        "(performance.getEntriesByName('{name}')[0] || {{}}).startTime"
    ))
    .await
    .as_f64()
}

/// Navigation start to every overview count on screen, over `n` fresh loads.
async fn load_times(env: &Env, n: usize) -> Vec<f64> {
    let mut out = Vec::new();
    for _ in 0..n {
        env.goto("/").await;
        env.wait_js("performance.getEntriesByName('jobdeck:counts-painted').length > 0")
            .await;
        if let Some(t) = mark_time(env, "jobdeck:counts-painted").await {
            out.push(t);
        }
    }
    out
}

/// Next/Previous page clicks to new rows in the DOM, and the render script time of each page.
async fn page_changes(env: &Env, path: &str, n: usize) -> (Vec<f64>, Vec<f64>) {
    let (changes, renders, _) = page_changes_in_detail(env, path, n).await;
    (changes, renders)
}

/// [`page_changes`], with each change split into its parts: click to request sent, request
/// sent to response end (the server), response end to rows parsed (`jobdeck:rows-fetched`),
/// parsed to rows in the DOM (`jobdeck:rows-rendered`), in the DOM to the next frame.
async fn page_changes_in_detail(
    env: &Env,
    path: &str,
    n: usize,
) -> (Vec<f64>, Vec<f64>, Vec<[f64; 5]>) {
    env.goto(path).await;
    env.wait_js("performance.getEntriesByName('jobdeck:rows-painted').length > 0")
        .await;
    let (mut changes, mut renders, mut parts) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        let button = if i % 2 == 0 {
            "Next page"
        } else {
            "Previous page"
        };
        let t0 = env.js(&format!("(window.__t0 = performance.now(), document.querySelector(\"button[aria-label='{button}']\").click(), window.__t0)")).await.as_f64().unwrap_or(0.0);
        let painted = env.wait_js(&format!("(performance.getEntriesByName('jobdeck:rows-painted').map(e => e.startTime).filter(t => t > {t0}))[0]")).await;
        changes.push(painted.as_f64().unwrap_or(f64::NAN) - t0);
        tokio::time::sleep(Duration::from_millis(30)).await;
        if let Some(r) = env
            .js("(performance.getEntriesByName('jobdeck:render').slice(-1)[0] || {}).duration")
            .await
            .as_f64()
        {
            renders.push(r);
        }
        let after = |name: &str| {
            format!("(performance.getEntriesByName('{name}').map(e => e.startTime).filter(t => t > {t0}))[0]")
        };
        let times = env.js(&format!("(() => {{ const api = performance.getEntriesByType('resource').filter(e => e.startTime > {t0} && /\\/(tines|charts|osapi|cluedin)\\//.test(e.name))[0] || {{}}; return [api.startTime, api.responseEnd, {}, {}, {}]; }})()", after("jobdeck:rows-fetched"), after("jobdeck:rows-rendered"), after("jobdeck:rows-painted"))).await;
        let t = |i: usize| times[i].as_f64().unwrap_or(f64::NAN);
        parts.push([
            t(0) - t0,
            t(1) - t(0),
            t(2) - t(1),
            t(3) - t(2),
            t(4) - t(3),
        ]);
    }
    (changes, renders, parts)
}

/// Script time of filtering the loaded rows by text, typed `n` times.
async fn filter_times(env: &Env, n: usize) -> Vec<f64> {
    let mut out = Vec::new();
    for i in 0..n {
        let term = ["clear", "vacuum", "upload", "refresh", "ingest"][i % 5];
        env.js(&format!("(i => (i.value = '{term}{}', i.dispatchEvent(new Event('input', {{bubbles: true}})), true))(document.querySelector(\"input[aria-label='Search loaded rows']\"))", if i % 2 == 0 { "" } else { "s" })).await;
        tokio::time::sleep(Duration::from_millis(60)).await;
        if let Some(d) = env
            .js("(performance.getEntriesByName('jobdeck:filter').slice(-1)[0] || {}).duration")
            .await
            .as_f64()
        {
            out.push(d);
        }
    }
    out
}

async fn requests(env: &Env, source: &str) -> u64 {
    env.sim("GET", &format!("/_sim/requests/{source}"), &[])
        .await
        .1["requests"]
        .as_u64()
        .unwrap_or(0)
}

/// The simulator's four sources (or only one), refreshing every `refresh` seconds.
fn sources(refresh: u32, only: Option<&str>) -> Value {
    let list: Vec<Value> = [("tines", "tines"), ("charts", "vector-charts"), ("osapi", "osapi"), ("cluedin", "cluedin")]
        .iter()
        .filter(|(id, _)| only.is_none_or(|o| o == *id))
        .map(|(id, kind)| json!({"id": id, "kind": kind, "base_url": format!("/{id}"), "token": format!("{id}-token")}))
        .collect();
    json!({"refresh_seconds": refresh, "sources": list})
}

/// Memory over `n` refresh cycles (manual refresh of one card, each after the last finished):
/// wasm memory (high-water), the Rust heap in use (live bytes) and the JS heap, after GC.
async fn memory_over_refreshes(env: &Env, n: u32) -> Value {
    tokio::time::sleep(Duration::from_secs(2)).await;
    let ((w0, h0), l0) = (env.memory().await, env.live_heap().await);
    env.js(&format!("(window.__cycles = 0, (async () => {{ const b = document.querySelector(\"[data-source=osapi] button[aria-label^='Refresh']\"); const card = document.querySelector('[data-testid=source-card][data-source=osapi]'); for (let i = 0; i < {n}; i++) {{ b.click(); await new Promise(r => setTimeout(r, 1)); while (card.getAttribute('aria-busy') === 'true') await new Promise(r => setTimeout(r, 1)); window.__cycles = i + 1; }} }})(), true)")).await;
    env.wait_js_for(&format!("window.__cycles >= {n}"), Duration::from_secs(900))
        .await;
    let ((w1, h1), l1) = (env.memory().await, env.live_heap().await);
    println!("| wasm memory before / after {n} refresh cycles (bytes) | {w0} / {w1} |");
    println!("| Rust heap in use before / after (bytes) | {l0} / {l1} |");
    println!("| JS heap before / after (bytes, after GC) | {h0} / {h1} |");
    println!(
        "| memory growth, wasm + JS heap (bytes) | {} |",
        (w1 + h1) as i64 - (w0 + h0) as i64
    );
    println!(
        "| memory growth, Rust heap in use + JS heap (bytes) | {} |",
        (l1 + h1) as i64 - (l0 + h0) as i64
    );
    json!({"cycles": n, "wasm_before": w0, "wasm_after": w1, "live_before": l0, "live_after": l1, "heap_before": h0, "heap_after": h1,
        "growth": (w1 + h1) as i64 - (w0 + h0) as i64, "live_growth": (l1 + h1) as i64 - (l0 + h0) as i64})
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dist = jobdeck_e2e::dist_dir();
    if std::env::args().nth(1).as_deref() == Some("render") {
        // Quick loop for render work: only the big-page changes (`render osapi 1000000`: of
        // osapi's 100-row pages in a world of a million jobs).
        let source = std::env::args().nth(2).unwrap_or_else(|| "charts".into());
        let jobs: u64 = std::env::args()
            .nth(3)
            .and_then(|n| n.parse().ok())
            .unwrap_or(1_000);
        let env = Env::start(Options {
            sources_json: Some(sources(0, Some(&source))),
            sim: jobdeck_sim::SimConfig {
                initial_jobs: jobs,
                arrival_every_ms: 0,
                ..Default::default()
            },
            ..Options::default()
        })
        .await;
        let per_page = if source == "osapi" { 100 } else { 200 };
        let (changes, renders, parts) =
            page_changes_in_detail(&env, &format!("/sources/{source}?per_page={per_page}"), 20)
                .await;
        println!(
            "page change p50 {:.1} p95 {:.1}; render script p50 {:.1} p95 {:.1}",
            percentile(&changes, 50.0),
            percentile(&changes, 95.0),
            percentile(&renders, 50.0),
            percentile(&renders, 95.0)
        );
        let names = [
            "click to request sent",
            "server (request to response end)",
            "response to rows parsed",
            "parsed to rows in the DOM",
            "DOM to next frame",
        ];
        for (i, name) in names.iter().enumerate() {
            let part: Vec<f64> = parts.iter().map(|p| p[i]).collect();
            println!(
                "  {name}: p50 {:.1} p95 {:.1}",
                percentile(&part, 50.0),
                percentile(&part, 95.0)
            );
        }
        let inside = env.js("(() => { const m = n => performance.getEntriesByName(n).map(e => e.startTime); const f = m('jobdeck:rows-fetched'), b = m('jobdeck:rows-build'), j = m('jobdeck:rows-json'), d = m('jobdeck:rows-dom'), r = m('jobdeck:rows-rendered'); \
            return r.map(rt => { const last = (xs) => xs.filter(t => t <= rt).slice(-1)[0]; const ft = last(f), bt = last(b), jt = last(j), dt = last(d); return [bt - ft, jt - bt, dt - jt, rt - dt]; }).slice(-20); })()").await;
        let inside: Vec<[f64; 4]> = inside
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| {
                let t = |i: usize| a[i].as_f64().unwrap_or(f64::NAN);
                [t(0), t(1), t(2), t(3)]
            })
            .collect();
        for (i, name) in [
            "rows parsed to building them (filter, sort, other effects)",
            "building the rows' JSON (wasm)",
            "table_rows.js: JSON.parse and the DOM",
            "after the DOM",
        ]
        .iter()
        .enumerate()
        {
            let part: Vec<f64> = inside.iter().map(|p| p[i]).collect();
            println!(
                "    {name}: p50 {:.1} p95 {:.1}",
                percentile(&part, 50.0),
                percentile(&part, 95.0)
            );
        }
        env.close().await;
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("rowsjs") {
        let env = Env::start(Options {
            sources_json: Some(sources(0, Some("charts"))),
            sim: jobdeck_sim::SimConfig {
                initial_jobs: 1_000,
                arrival_every_ms: 0,
                ..Default::default()
            },
            ..Options::default()
        })
        .await;
        env.cdp("Page.setBypassCSP", json!({"enabled": true})).await;
        env.goto("/sources/charts?per_page=200").await;
        env.wait_js("document.querySelectorAll('tbody tr').length === 200")
            .await;
        let snap = "(() => { const tb = document.querySelector('tbody'); const cols = Array.from(tb.rows[0].cells).map(td => td.dataset.col); const t = tb.querySelector('time[data-relative]'); \
            return JSON.stringify({cols, relative: t ? t.dataset.relative : 'text', href_prefix: '', href_suffix: '', rows: Array.from(tb.rows).map(tr => [tr.dataset.jobId, tr.dataset.state, Array.from(tr.cells).map(td => { const el = td.firstElementChild; if (!el) return null; \
            switch (el.localName) { case 'a': return ['a', el.getAttribute('href')]; case 'time': return ['t', el.getAttribute('datetime'), el.title, el.textContent]; \
            default: return el.classList.contains('badge') ? ['b', el.dataset.category, el.title] : el.classList.contains('progress') ? ['p', +el.firstElementChild.getAttribute('value'), el.lastChild.data] : ['x', el.textContent]; } })])}); })()";
        let a = env.js(snap).await;
        env.js("(document.querySelector(\"button[aria-label='Next page']\").click(), 1)")
            .await;
        env.wait_js(&format!(
            "document.querySelector('tbody tr').dataset.jobId !== {}",
            json!(serde_json::from_str::<Value>(a.as_str().unwrap_or("{}"))
                .ok()
                .and_then(|v| v["rows"][0][0].as_str().map(String::from))
                .unwrap_or_default())
        ))
        .await;
        let b = env.js(snap).await;
        let files: Vec<String> = std::env::args().skip(2).collect();
        let srcs: Vec<String> = files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap_or_default())
            .collect();
        env.js(&format!("(window.__res = null, (async () => {{ const srcs = {}; const [a, b] = [{}, {}]; \
            const ms = []; for (const src of srcs) ms.push(await import(URL.createObjectURL(new Blob([src], {{type: 'text/javascript'}})))); \
            const tbs = ms.map(m => {{ const wrap = document.querySelector('.table-wrap').cloneNode(true); document.querySelector('.table-wrap').after(wrap); const tb = wrap.querySelector('tbody'); tb.replaceChildren(); m.render_rows(tb, a); return tb; }}); \
            const ts = ms.map(() => []); for (let i = 0; i < 60; i++) {{ for (let k = 0; k < ms.length; k++) {{ await new Promise(r => requestAnimationFrame(r)); const t = performance.now(); ms[k].render_rows(tbs[k], i % 2 ? a : b); ts[k].push(performance.now() - t); tbs[k].offsetHeight; }} }} \
            window.__res = ts.map(x => (x.sort((p, q) => p - q), [x[30], x[57]])); }})(), 1)", json!(srcs), json!(a), json!(b))).await;
        let r = env
            .wait_js_for("window.__res", Duration::from_secs(120))
            .await;
        for (k, file) in files.iter().enumerate() {
            println!(
                "{file}: p50 {:.2} p95 {:.2} ms",
                r[k][0].as_f64().unwrap_or(f64::NAN),
                r[k][1].as_f64().unwrap_or(f64::NAN)
            );
        }
        env.close().await;
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("load") {
        // Where the first counts' time goes: milestones of 12 fresh loads of the overview.
        let env = Env::start(Options {
            sources_json: Some(sources(0, None)),
            sim: jobdeck_sim::SimConfig {
                initial_jobs: 1_000,
                arrival_every_ms: 0,
                ..Default::default()
            },
            ..Options::default()
        })
        .await;
        let probe = "(() => { const r = performance.getEntriesByType('resource'); const end = s => (r.find(e => e.name.includes(s)) || {}).responseEnd; \
            const api = r.filter(e => /\\/(tines|charts|osapi|cluedin)\\//.test(e.name)); const mark = n => (performance.getEntriesByName(n)[0] || {}).startTime; \
            const last = s => Math.max(...api.filter(e => e.name.includes('/' + s + '/')).map(e => e.responseEnd)); \
            return [end('.js'), end('_bg.wasm'), mark('jobdeck:config-loaded'), Math.min(...api.map(e => e.startTime)), last('tines'), last('charts'), last('osapi'), last('cluedin'), mark('jobdeck:counts-painted'), api.length]; })()";
        let names = [
            "glue JS fetched",
            "wasm fetched",
            "sources.json read (app running)",
            "first API request sent",
            "Tines answered (4 requests)",
            "Vector Charts answered (5 scan pages)",
            "osapi answered",
            "CluedIn answered",
            "every count painted",
            "API requests",
        ];
        let mut samples: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
        for _ in 0..12 {
            env.goto("/").await;
            env.wait_js("performance.getEntriesByName('jobdeck:counts-painted').length > 0")
                .await;
            for (i, v) in env
                .js(probe)
                .await
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                if let (Some(list), Some(x)) = (samples.get_mut(i), v.as_f64()) {
                    list.push(x);
                }
            }
        }
        println!("| milestone after navigation start | p50 (ms) |\n|---|---:|");
        for (name, list) in names.iter().zip(&samples) {
            println!("| {name} | {:.1} |", percentile(list, 50.0));
        }
        // The last load's API requests as a waterfall: queued (start -> request sent), server
        // (request sent -> first byte) and body (first byte -> end).
        let waterfall = env.js("performance.getEntriesByType('resource').filter(e => /\\/(tines|charts|osapi|cluedin)\\//.test(e.name)).map(e => [e.name.replace(location.origin, ''), e.startTime, e.requestStart, e.responseStart, e.responseEnd])").await;
        println!("\nlast load, API requests (ms after navigation start): start / sent / first byte / end");
        for e in waterfall.as_array().into_iter().flatten() {
            let n = |i: usize| e[i].as_f64().unwrap_or(f64::NAN);
            println!(
                "{:>7.1} {:>7.1} {:>7.1} {:>7.1}  {}",
                n(1),
                n(2),
                n(3),
                n(4),
                e[0].as_str()
                    .unwrap_or("")
                    .chars()
                    .take(90)
                    .collect::<String>()
            );
        }
        env.close().await;
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("profile") {
        // Where a 200-row page change (or with `load`, an overview load) spends its script time:
        // the V8 sampling profiler, self time per function. Run on a bundle that keeps wasm function names
        // (`./dev bench profile` builds one) or wasm frames are only numbers.
        let env = Env::start(Options {
            sources_json: Some(sources(0, None)),
            sim: jobdeck_sim::SimConfig {
                initial_jobs: 1_000,
                arrival_every_ms: 0,
                ..Default::default()
            },
            ..Options::default()
        })
        .await;
        env.goto("/sources/charts?per_page=200").await;
        env.wait_js("performance.getEntriesByName('jobdeck:rows-painted').length > 0")
            .await;
        env.cdp("Profiler.enable", json!({})).await;
        env.cdp("Profiler.setSamplingInterval", json!({"interval": 100}))
            .await;
        env.cdp("Profiler.start", json!({})).await;
        if std::env::args().nth(2).as_deref() == Some("load") {
            // `profile load`: the overview made ten times, up to every count painted. Through
            // the router (Settings and back), because a new document would leave the profiler
            // behind; what it leaves out is the wasm download and compile.
            for i in 1..=10 {
                env.click("a[href$='/settings']").await;
                env.wait_js("location.pathname.endsWith('/settings')").await;
                env.click("a.brand").await;
                env.wait_js(&format!(
                    "performance.getEntriesByName('jobdeck:counts-painted').length >= {i}"
                ))
                .await;
            }
        } else {
            let (changes, renders) = page_changes(&env, "/sources/charts?per_page=200", 20).await;
            println!(
                "page change p50 {:.1} p95 {:.1}; render script p50 {:.1} p95 {:.1}",
                percentile(&changes, 50.0),
                percentile(&changes, 95.0),
                percentile(&renders, 50.0),
                percentile(&renders, 95.0)
            );
        }
        let profile = env.cdp("Profiler.stop", json!({})).await;
        print_profile(&profile["profile"]);
        env.close().await;
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("size") {
        // Quick loop for size work: only the transfer tables.
        transfer(&dist).await;
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("memory") {
        // Quick loop for memory work: only the refresh cycles.
        let chrome_args = vec![
            "--js-flags=--expose-gc".to_string(),
            "--enable-precise-memory-info".to_string(),
        ];
        let env = Env::start(Options {
            sources_json: Some(sources(1, None)),
            chrome_args,
            dist: Some(jobdeck_e2e::measure_dist_dir()),
            ..Options::default()
        })
        .await;
        env.goto("/").await;
        env.wait_js(
            "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4",
        )
        .await;
        let n = std::env::args()
            .nth(2)
            .and_then(|n| n.parse().ok())
            .unwrap_or(1000);
        memory_over_refreshes(&env, n).await;
        env.close().await;
        return;
    }
    let mut report = serde_json::Map::new();
    println!(
        "jobdeck benchmark: release bundle in {}, headless Chromium, simulator on 127.0.0.1",
        dist.display()
    );

    // 1. Transfer size of the initial load, and of each page's first visit.
    report.insert("transfer_bytes".into(), transfer(&dist).await);

    let chrome_args = vec![
        "--js-flags=--expose-gc".to_string(),
        "--enable-precise-memory-info".to_string(),
    ];
    let mut rows = Vec::new();
    for (label, jobs, only) in [
        ("1,000 jobs per source", 1_000u64, None),
        (
            "1,000,000 jobs in one source (osapi)",
            1_000_000,
            Some("osapi"),
        ),
    ] {
        let env = Env::start(Options {
            sources_json: Some(sources(0, only)),
            sim: jobdeck_sim::SimConfig {
                initial_jobs: jobs
                    .max(1_000)
                    .min(if only.is_some() { jobs } else { 1_000 }),
                arrival_every_ms: 0,
                ..Default::default()
            },
            chrome_args: chrome_args.clone(),
            ..Options::default()
        })
        .await;
        let loads = load_times(&env, 12).await;
        let source = only.unwrap_or("charts");
        let small = "per_page=25";
        let big = if source == "osapi" {
            "per_page=100"
        } else {
            "per_page=200"
        };
        let (c25, _) = page_changes(&env, &format!("/sources/{source}?{small}"), 20).await;
        let (c200, r200, parts) =
            page_changes_in_detail(&env, &format!("/sources/{source}?{big}"), 20).await;
        // The simulator's own share of a page change (request sent to response end), and the
        // rest, which is the app's and the browser's.
        let server: Vec<f64> = parts.iter().map(|p| p[1]).collect();
        let app: Vec<f64> = parts.iter().map(|p| p[0] + p[2] + p[3] + p[4]).collect();
        let filters = filter_times(&env, 20).await;
        let big_label = if source == "osapi" {
            "100 (osapi max)"
        } else {
            "200"
        };
        let row = json!({
            "world": label,
            "counts_painted_ms": {"p50": percentile(&loads, 50.0), "p95": percentile(&loads, 95.0), "n": loads.len()},
            "page_change_25_ms": {"p50": percentile(&c25, 50.0), "p95": percentile(&c25, 95.0), "n": c25.len()},
            "page_change_big_ms": {"rows": big_label, "p50": percentile(&c200, 50.0), "p95": percentile(&c200, 95.0), "n": c200.len()},
            "page_change_big_server_ms": {"p50": percentile(&server, 50.0), "p95": percentile(&server, 95.0)},
            "page_change_big_app_ms": {"p50": percentile(&app, 50.0), "p95": percentile(&app, 95.0)},
            "render_big_page_script_ms": {"p50": percentile(&r200, 50.0), "p95": percentile(&r200, 95.0)},
            "filter_loaded_rows_ms": {"p50": percentile(&filters, 50.0), "p95": percentile(&filters, 95.0)},
        });
        rows.push(row);
        env.close().await;
    }
    println!(
        "\n| measure | {} | {} |\n|---|---:|---:|",
        rows[0]["world"].as_str().unwrap_or(""),
        rows[1]["world"].as_str().unwrap_or("")
    );
    for (name, key) in [
        ("first counts painted (ms)", "counts_painted_ms"),
        ("page change, 25 rows (ms)", "page_change_25_ms"),
        ("page change, big page (ms)", "page_change_big_ms"),
        (
            "… of which the simulator answering (ms)",
            "page_change_big_server_ms",
        ),
        (
            "… of which the app and browser (ms)",
            "page_change_big_app_ms",
        ),
        ("render big page, script (ms)", "render_big_page_script_ms"),
        ("filter loaded rows by text (ms)", "filter_loaded_rows_ms"),
    ] {
        let cell = |r: &Value| {
            format!(
                "p50 {:.1} / p95 {:.1}",
                r[key]["p50"].as_f64().unwrap_or(f64::NAN),
                r[key]["p95"].as_f64().unwrap_or(f64::NAN)
            )
        };
        println!("| {name} | {} | {} |", cell(&rows[0]), cell(&rows[1]));
    }
    report.insert("timings".into(), json!(rows));

    // 3. Refresh discipline and memory, on the build that counts its heap (feature `measure`).
    let env = Env::start(Options {
        sources_json: Some(sources(1, None)),
        chrome_args,
        dist: Some(jobdeck_e2e::measure_dist_dir()),
        ..Options::default()
    })
    .await;
    env.goto("/").await;
    env.wait_js(
        "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4",
    )
    .await;
    env.sim("GET", "/_sim/inflight?reset", &[]).await;
    let before: Vec<u64> = futures_join(&env).await;
    tokio::time::sleep(Duration::from_secs(20)).await;
    let after: Vec<u64> = futures_join(&env).await;
    let inflight = env.sim("GET", "/_sim/inflight", &[]).await.1;
    // A hidden tab (visibilityState forced to hidden, as a browser does for a background tab).
    env.js("(Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'hidden'}), document.dispatchEvent(new Event('visibilitychange')), true)").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let hidden_before: Vec<u64> = futures_join(&env).await;
    tokio::time::sleep(Duration::from_secs(10)).await;
    let hidden_after: Vec<u64> = futures_join(&env).await;
    let hidden: u64 = hidden_after
        .iter()
        .zip(&hidden_before)
        .map(|(a, b)| a - b)
        .sum();
    env.js("(Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'visible'}), document.dispatchEvent(new Event('visibilitychange')), true)").await;
    let per_source: Vec<u64> = after.iter().zip(&before).map(|(a, b)| a - b).collect();
    println!("\n| refresh discipline (1 s interval) | value |\n|---|---:|");
    for (i, s) in ["tines", "charts", "osapi", "cluedin"].iter().enumerate() {
        println!("| HTTP requests in 20 s, {s} | {} |", per_source[i]);
    }
    let max_inflight = inflight.as_object().map_or(0, |m| {
        m.values().filter_map(Value::as_u64).max().unwrap_or(0)
    });
    println!("| most requests in flight for one view | {max_inflight} |");
    println!("| requests while the tab was hidden (10 s) | {hidden} |");

    let memory = memory_over_refreshes(&env, 1000).await;
    report.insert("refresh".into(), json!({"requests_in_20s": per_source, "max_in_flight_per_view": max_inflight, "requests_while_hidden_10s": hidden,
        "memory": memory}));
    env.close().await;

    std::fs::create_dir_all("bench-results").ok();
    std::fs::write(
        "bench-results/bench.json",
        serde_json::to_string_pretty(&Value::Object(report)).unwrap_or_default(),
    )
    .ok();
    println!("\nwritten to bench-results/bench.json");
}

async fn futures_join(env: &Env) -> Vec<u64> {
    let mut v = Vec::new();
    for s in ["tines", "charts", "osapi", "cluedin"] {
        v.push(requests(env, s).await);
    }
    v
}

/// Self time per function of a CDP CPU profile, the top 40, in milliseconds.
fn print_profile(profile: &Value) {
    let mut name_of = std::collections::HashMap::new();
    for node in profile["nodes"].as_array().into_iter().flatten() {
        let frame = &node["callFrame"];
        let name = match frame["functionName"].as_str() {
            Some("") | None => format!(
                "({})",
                frame["url"]
                    .as_str()
                    .unwrap_or("?")
                    .rsplit('/')
                    .next()
                    .unwrap_or("?")
            ),
            Some(n) => n.to_string(),
        };
        name_of.insert(node["id"].as_u64().unwrap_or(0), name);
    }
    let mut self_us: std::collections::HashMap<String, f64> = std::collections::HashMap::new();
    let samples = profile["samples"].as_array().cloned().unwrap_or_default();
    let deltas = profile["timeDeltas"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (sample, delta) in samples
        .iter()
        .zip(deltas.iter().skip(1).chain(std::iter::once(&json!(0))))
    {
        let name = name_of
            .get(&sample.as_u64().unwrap_or(0))
            .cloned()
            .unwrap_or_default();
        *self_us.entry(name).or_default() += delta.as_f64().unwrap_or(0.0);
    }
    let total: f64 = self_us
        .iter()
        .filter(|(n, _)| !matches!(n.as_str(), "(idle)" | "(program)"))
        .map(|(_, t)| t)
        .sum();
    let mut rows: Vec<_> = self_us.into_iter().collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!(
        "self time over the run, busy total {:.1} ms:",
        total / 1000.0
    );
    for (name, us) in rows.iter().take(40) {
        println!(
            "{:>9.1} ms {:>5.1}%  {}",
            us / 1000.0,
            us * 100.0 / total.max(1.0),
            name.chars().take(140).collect::<String>()
        );
    }
}
