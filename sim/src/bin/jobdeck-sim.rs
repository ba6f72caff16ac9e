//! The vendor simulator as a server: `jobdeck-sim --port 8080 [--static dist] [--demo-sources]`.

use jobdeck_sim::server::{demo_sources_json, serve, ServerConfig};
use jobdeck_sim::SimConfig;

const USAGE: &str = "jobdeck-sim: the four vendor job APIs, simulated, on 127.0.0.1

  --port N          port to listen on (default 8080; 0 picks a free one)
  --static DIR      also serve this directory (the built dashboard) with SPA fallback
  --base-path P     serve the static files under this path (e.g. /ops/jobs)
  --demo-sources    serve /sources.json pointing the dashboard at these simulated APIs
  --refresh S       refresh_seconds written into that sources.json (default 10)
  --seed N          world seed (default 42)
  --jobs N          jobs per world at start (default 120)
  --arrival-ms N    one new job per world every N ms (default 15000, 0 = none)
  --no-auth         accept requests without tokens";

fn main() {
    if let Err(e) = run() {
        eprintln!("jobdeck-sim: {e}\n\n{USAGE}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut port: u16 = 8080;
    let mut config = ServerConfig::default();
    let mut demo = false;
    let mut refresh = 10u32;
    let mut sim = SimConfig::default();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--port" => port = value("--port")?.parse().map_err(|_| "bad --port")?,
            "--static" => config.static_dir = Some(value("--static")?.into()),
            "--base-path" => config.base_path = value("--base-path")?,
            "--demo-sources" => demo = true,
            "--refresh" => refresh = value("--refresh")?.parse().map_err(|_| "bad --refresh")?,
            "--seed" => sim.seed = value("--seed")?.parse().map_err(|_| "bad --seed")?,
            "--jobs" => sim.initial_jobs = value("--jobs")?.parse().map_err(|_| "bad --jobs")?,
            "--arrival-ms" => {
                sim.arrival_every_ms = value("--arrival-ms")?
                    .parse()
                    .map_err(|_| "bad --arrival-ms")?
            }
            "--no-auth" => sim.tokens.clear(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if demo {
        config.sources_json = Some(demo_sources_json(&sim, refresh));
    }
    config.sim = sim;
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        println!(
            "jobdeck-sim listening on http://{addr}/ (APIs under /tines /charts /osapi /cluedin)"
        );
        serve(listener, config).await.map_err(|e| e.to_string())
    })
}
