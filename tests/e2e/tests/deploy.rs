//! Deployment as operators do it: the sub-path build on a host without SPA rewrites (404.html),
//! and the shipped nginx and Caddy configurations in front of the simulator, each proxying the
//! vendors on the dashboard's origin and adding tokens server-side for two of them.

use jobdeck_e2e::{dist_dir, subpath_dist_dir, Env, Options, SUBPATH};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sub_path_build_reloads_deep_links_on_a_host_without_rewrites() {
    let dist = subpath_dist_dir();
    assert!(
        dist.join("404.html").exists(),
        "no sub-path build at {} (./dev test builds it)",
        dist.display()
    );
    let env = Env::start(Options {
        dist: Some(dist),
        base_path: SUBPATH.into(),
        no_spa_fallback: true,
        ..Options::default()
    })
    .await;
    env.goto(&format!("{SUBPATH}/")).await;
    env.wait_js(
        "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4",
    )
    .await;
    // Every link the app draws stays under the sub-path.
    let outside = env.js(&format!("Array.from(document.querySelectorAll('a[href^=\"/\"]')).map(a => a.getAttribute('href')).filter(h => !h.startsWith('{SUBPATH}/') && h !== '{SUBPATH}')")).await;
    assert_eq!(outside, json!([]), "links outside {SUBPATH}");

    // Into a table and a job by clicking, then a reload of that deep link: the host answers
    // 404 with 404.html, which boots the app on the same route.
    env.click("[data-testid=source-card][data-source=osapi] h2 a")
        .await;
    env.wait_js("document.querySelector('table[data-testid=jobs-table] tbody tr a.job-link')")
        .await;
    assert!(env
        .client
        .current_url()
        .await
        .expect("url")
        .path()
        .starts_with(&format!("{SUBPATH}/sources/osapi")));
    env.click("table[data-testid=jobs-table] tbody tr a.job-link")
        .await;
    env.wait_js("document.querySelector('[data-testid=job-detail]')")
        .await;
    let deep = env.client.current_url().await.expect("url");
    assert!(
        deep.path()
            .starts_with(&format!("{SUBPATH}/sources/osapi/jobs/")),
        "{deep}"
    );
    let (status, _) = env.sim("GET", deep.path(), &[]).await;
    assert_eq!(status, 404, "the host has no rewrite rule");
    env.client.refresh().await.expect("reload");
    env.wait_js("document.querySelector('[data-testid=job-detail]') && document.querySelector('[data-testid=job-detail]').innerText.length > 0").await;
    assert_eq!(env.client.current_url().await.expect("url"), deep);
    // Esc goes up a level (a reloaded deep link has no in-app history to go back to).
    env.js("document.body.focus(), document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))").await;
    env.wait_js("document.querySelector('table[data-testid=jobs-table]')")
        .await;
    assert_eq!(
        env.client.current_url().await.expect("url").path(),
        format!("{SUBPATH}/sources/osapi")
    );
    env.assert_no_crash().await;
    env.close().await;
}

/// A host serving a damaged build (here the main wasm module is not wasm): the page says the app
/// could not start and why, instead of staying blank.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_build_whose_wasm_is_damaged_says_it_could_not_start() {
    let tmp = temp_dir("damaged");
    let site = tmp.join("site");
    copy_tree(&dist_dir(), &site);
    let wasm = std::fs::read_dir(&site)
        .expect("site")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("jobdeck-") && n.ends_with("_bg.wasm"))
        })
        .expect("the main wasm module");
    std::fs::write(&wasm, b"<html>Not Found</html>").expect("damage the module");
    let env = Env::start(Options {
        dist: Some(site),
        ..Options::default()
    })
    .await;
    env.goto("/").await;
    env.wait_js(
        "document.querySelector('[data-testid=app-error][data-kind=not-started][role=alert]')",
    )
    .await;
    let text = env.text("[data-testid=app-error]").await;
    assert!(text.starts_with("jobdeck could not start."), "{text}");
    assert!(
        text.contains("missing or altering files of this build"),
        "{text}"
    );
    assert_eq!(env.text("[data-testid=app-error] button").await, "Reload");
    env.close().await;
    let _ = std::fs::remove_dir_all(&tmp);
}

/// Copies a directory with everything under it (dist/ has `snippets/` for the JS the wasm imports).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A copy of the release build with a sources.json naming the proxied paths. Tines and CluedIn
/// have no token in the browser: the proxy adds theirs.
fn site_dir(tmp: &Path) -> PathBuf {
    let site = tmp.join("site");
    copy_tree(&dist_dir(), &site);
    let sources = json!({"refresh_seconds": 5, "sources": [
        {"id": "tines", "name": "Tines via proxy", "kind": "tines", "base_url": "/proxy/tines"},
        {"id": "charts", "name": "Charts via proxy", "kind": "vector-charts", "base_url": "/proxy/charts", "token": "charts-token"},
        {"id": "osapi", "name": "osapi via proxy", "kind": "osapi", "base_url": "/proxy/osapi", "token": "osapi-token"},
        {"id": "cluedin", "name": "CluedIn via proxy", "kind": "cluedin", "base_url": "/proxy/cluedin"},
    ]});
    std::fs::write(site.join("sources.json"), sources.to_string()).expect("sources.json");
    site
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jobdeck-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port")
}

async fn wait_for_port(port: u16, what: &str, log: &Path) {
    let start = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        if start.elapsed() > Duration::from_secs(15) {
            panic!(
                "{what} did not start: {}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The dashboard through the proxy: every source answers (two with server-side tokens), the
/// counts are the simulator's, a deep link reloads, the security headers are there, and the
/// browser never saw the proxied tokens.
async fn check_dashboard_through(env: &Env, origin: &str, site: &Path) {
    env.client
        .goto(&format!("{origin}/"))
        .await
        .expect("goto proxy");
    env.wait_js(
        "document.querySelectorAll('[data-testid=source-card][data-status=ok]').length === 4",
    )
    .await;
    let truth = env.api("cluedin", "/api/v1/jobs").await;
    let shown = env
        .attr(
            "[data-testid=state-count][data-source=cluedin][data-state=Queued]",
            "data-count",
        )
        .await;
    assert_eq!(
        shown.as_deref(),
        truth["queued"].as_u64().map(|n| n.to_string()).as_deref()
    );
    let truth = env.api("tines", "/api/v1/admin/dead_jobs?per_page=1").await;
    let shown = env
        .attr(
            "[data-testid=state-count][data-source=tines][data-state=dead]",
            "data-count",
        )
        .await;
    assert_eq!(
        shown.as_deref(),
        truth["meta"]["count"]
            .as_u64()
            .map(|n| n.to_string())
            .as_deref()
    );
    // The bundle travelled compressed, as the build's own precompressed copy: the main wasm's
    // bytes on the wire are exactly its `.br` or `.gz` file's (the server compressed nothing).
    let sizes = env.js("(e => e && [e.encodedBodySize, e.decodedBodySize, new URL(e.name).pathname])(performance.getEntriesByType('resource').find(e => e.name.endsWith('_bg.wasm')))").await;
    let (wire, body) = (
        sizes[0].as_u64().unwrap_or(0),
        sizes[1].as_u64().unwrap_or(0),
    );
    let file = site.join(
        sizes[2]
            .as_str()
            .unwrap_or_default()
            .trim_start_matches('/'),
    );
    assert_eq!(
        std::fs::metadata(&file).map(|m| m.len()).ok(),
        Some(body),
        "{}",
        file.display()
    );
    let precompressed: Vec<u64> = [".br", ".gz"]
        .iter()
        .filter_map(|ext| std::fs::metadata(format!("{}{ext}", file.display())).ok())
        .map(|m| m.len())
        .collect();
    assert!(precompressed.len() == 2 && precompressed.contains(&wire), "the wasm came as {wire} bytes, not as its precompressed copies {precompressed:?} (file {body} bytes)");

    // A deep link of a table, loaded fresh: the server's rewrite rule hands it to the app.
    env.client
        .goto(&format!("{origin}/sources/tines?state=dead"))
        .await
        .expect("deep link");
    env.wait_js("document.querySelectorAll('table[data-testid=jobs-table] tbody tr').length > 0")
        .await;

    let csp = env
        .js("fetch('/sources/x').then(r => r.headers.get('content-security-policy'))")
        .await;
    assert!(
        csp.as_str()
            .is_some_and(|c| c.contains("script-src 'self' 'wasm-unsafe-eval'")),
        "{csp}"
    );
    let page_knows = env
        .js("JSON.stringify([localStorage, sessionStorage]) + document.documentElement.outerHTML")
        .await;
    let page_knows = page_knows.as_str().unwrap_or_default();
    assert!(
        !page_knows.contains("tines-token") && !page_knows.contains("cluedin-token"),
        "a server-side token reached the page"
    );
    env.assert_no_crash().await;
}

/// A server process, stopped with SIGTERM when dropped (a SIGKILLed nginx master leaves its
/// workers behind), then waited for.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let stopped = std::process::Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        if !stopped {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_nginx_config_serves_and_proxies_the_dashboard() {
    let env = Env::start(Options {
        frozen_clock: true,
        ..Options::default()
    })
    .await;
    let sim = env.origin.clone();
    let tmp = temp_dir("nginx");
    let site = site_dir(&tmp);
    let port = free_port();
    let deploy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/nginx");
    // What an operator changes, and nothing else: the CHANGE lines.
    let mut conf = std::fs::read_to_string(deploy.join("jobdeck.conf")).expect("jobdeck.conf");
    for (from, to) in [
        (
            "listen 8080;".to_string(),
            format!("listen 127.0.0.1:{port};"),
        ),
        (
            "root /srv/jobdeck;".to_string(),
            format!("root {};", site.display()),
        ),
        (
            "https://your-tenant.tines.com/".to_string(),
            format!("{sim}/tines/"),
        ),
        (
            "https://charts.example.com:9909/".to_string(),
            format!("{sim}/charts/"),
        ),
        (
            "https://osapi.example.com/api/".to_string(),
            format!("{sim}/osapi/"),
        ),
        (
            "https://cluedin.example.com/".to_string(),
            format!("{sim}/cluedin/"),
        ),
        (
            "$jobdeck_tines_auth    { default $http_authorization; }".to_string(),
            "$jobdeck_tines_auth    { default \"Bearer tines-token\"; }".to_string(),
        ),
        (
            "$jobdeck_cluedin_auth  { default $http_authorization; }".to_string(),
            "$jobdeck_cluedin_auth  { default \"Bearer cluedin-token\"; }".to_string(),
        ),
    ] {
        assert!(conf.contains(&from), "jobdeck.conf no longer has `{from}`");
        conf = conf.replace(&from, &to);
    }
    std::fs::write(tmp.join("jobdeck.conf"), conf).expect("write conf");
    for companion in ["jobdeck-headers.conf", "jobdeck-proxy-common.conf"] {
        std::fs::copy(deploy.join(companion), tmp.join(companion)).expect("companion");
    }
    let t = tmp.display();
    // The host's part of the configuration: what /etc/nginx/nginx.conf holds on a server.
    std::fs::write(
        tmp.join("nginx.conf"),
        format!(
            "daemon off; worker_processes 1; user root; pid {t}/nginx.pid; error_log {t}/error.log warn;\n\
             events {{ worker_connections 256; }}\n\
             http {{ include /etc/nginx/mime.types; access_log off;\n\
               client_body_temp_path {t}/body; proxy_temp_path {t}/proxy; fastcgi_temp_path {t}/fastcgi; uwsgi_temp_path {t}/uwsgi; scgi_temp_path {t}/scgi;\n\
               include {t}/jobdeck.conf; }}\n"
        ),
    )
    .expect("nginx.conf");
    let test = std::process::Command::new("nginx")
        .args(["-t", "-q", "-p"])
        .arg(&tmp)
        .arg("-c")
        .arg(tmp.join("nginx.conf"))
        .output()
        .expect("nginx (apt install nginx)");
    assert!(
        test.status.success(),
        "nginx -t: {}",
        String::from_utf8_lossy(&test.stderr)
    );
    let _nginx = Child(
        std::process::Command::new("nginx")
            .arg("-p")
            .arg(&tmp)
            .arg("-c")
            .arg(tmp.join("nginx.conf"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start nginx"),
    );
    wait_for_port(port, "nginx", &tmp.join("error.log")).await;
    check_dashboard_through(&env, &format!("http://127.0.0.1:{port}"), &site).await;
    env.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shipped_caddyfile_serves_and_proxies_the_dashboard() {
    let env = Env::start(Options {
        frozen_clock: true,
        ..Options::default()
    })
    .await;
    let sim = env.origin.clone();
    let tmp = temp_dir("caddy");
    let site = site_dir(&tmp);
    let port = free_port();
    // Server-side tokens for Tines and CluedIn: their header_up lines uncommented.
    let caddyfile = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/caddy/Caddyfile"),
    )
    .expect("Caddyfile");
    let mut edited = caddyfile.clone();
    for v in ["TINES", "CLUEDIN"] {
        let line = format!("# header_up Authorization \"Bearer {{$JOBDECK_{v}_TOKEN}}\"");
        assert!(edited.contains(&line), "Caddyfile no longer has `{line}`");
        edited = edited.replace(&line, line.trim_start_matches("# "));
    }
    std::fs::write(tmp.join("Caddyfile"), edited).expect("Caddyfile");
    let log = tmp.join("caddy.log");
    let mut cmd = std::process::Command::new("caddy");
    cmd.args(["run", "--adapter", "caddyfile", "--config"])
        .arg(tmp.join("Caddyfile"));
    cmd.env("JOBDECK_ADDRESS", format!("http://127.0.0.1:{port}"))
        .env("JOBDECK_ROOT", &site)
        .env("JOBDECK_CADDY_ADMIN", "off");
    cmd.env("XDG_DATA_HOME", tmp.join("data"))
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .env("HOME", &tmp);
    for (v, id) in [
        ("TINES", "tines"),
        ("CHARTS", "charts"),
        ("OSAPI", "osapi"),
        ("CLUEDIN", "cluedin"),
    ] {
        cmd.env(format!("JOBDECK_{v}_URL"), &sim)
            .env(format!("JOBDECK_{v}_PATH"), format!("/{id}"));
    }
    cmd.env("JOBDECK_TINES_TOKEN", "tines-token")
        .env("JOBDECK_CLUEDIN_TOKEN", "cluedin-token");
    let log_file = std::fs::File::create(&log).expect("log");
    cmd.stdout(log_file.try_clone().expect("log"))
        .stderr(log_file);
    let _caddy = Child(cmd.spawn().expect("caddy (apt install caddy)"));
    wait_for_port(port, "caddy", &log).await;
    check_dashboard_through(&env, &format!("http://127.0.0.1:{port}"), &site).await;
    env.close().await;
}
