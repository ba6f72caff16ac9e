//! Links and paths under the base path the app is served at. Which routes exist and how their
//! paths look is core's [`Route`]; this module adds the base path (`<base href>`) on the way
//! out and takes it off on the way in.

use jobdeck_core::route::Route;
use wasm_bindgen::JsCast;

/// A route as a link's href, under the base path (`/settings` → `/ops/jobs/settings`). The
/// router's `<A>` does not add its base to absolute paths, so every link goes through here.
pub fn href(route: &Route) -> String {
    format!("{}{}", base_path(), route.path())
}

/// The path the app is served under (`/ops/jobs` for a build made with
/// `trunk build --public-url /ops/jobs/`), without a trailing slash; empty at the root. Trunk
/// writes the public URL into `<base href>`, so one build serves at the path it was made for
/// and an operator can move it by editing that one tag.
pub fn base_path() -> &'static str {
    thread_local! {
        static BASE: &'static str = Box::leak(read_base_path().into_boxed_str());
    }
    BASE.with(|b| *b)
}

fn read_base_path() -> String {
    let href = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.dyn_into::<web_sys::HtmlBaseElement>().ok())
        .map(|b| b.href());
    let path = href
        .and_then(|h| web_sys::Url::new(&h).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_string()
}

/// A router path without the base path in front (`/ops/jobs/settings` → `/settings`).
pub fn strip_base(path: &str) -> String {
    let base = base_path();
    match path.strip_prefix(base) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => {
            if rest.is_empty() {
                "/".to_string()
            } else {
                rest.to_string()
            }
        }
        _ => path.to_string(),
    }
}

/// A same-origin file next to index.html.
pub fn asset_url(file: &str) -> String {
    format!("{}/{}", base_path(), file)
}
