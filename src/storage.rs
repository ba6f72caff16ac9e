//! Sources kept in this browser: their settings in localStorage, their tokens in sessionStorage
//! (gone when the tab closes) unless the user asked to remember them. Whatever is in storage is
//! read defensively: a corrupt or old entry is dropped with a message, never a blank page.

use jobdeck_core::config::validate_source;
use jobdeck_core::prefs::Prefs;
use jobdeck_core::SourceConfig;
use serde_json::{json, Map, Value};

const SOURCES_KEY: &str = "jobdeck.sources.v1";
const SESSION_TOKENS_KEY: &str = "jobdeck.tokens.v1";
const REMEMBERED_TOKENS_KEY: &str = "jobdeck.tokens.remembered.v1";
const PREFS_KEY: &str = "jobdeck.prefs.v1";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn read_json(store: Option<web_sys::Storage>, key: &str) -> Result<Option<Value>, String> {
    let Some(raw) = store.and_then(|s| s.get_item(key).ok().flatten()) else {
        return Ok(None);
    };
    serde_json::from_str(&raw)
        .map(Some)
        .map_err(|_| format!("the saved data under {key} was unreadable and has been reset"))
}

fn write_json(store: Option<web_sys::Storage>, key: &str, value: &Value) -> Result<(), String> {
    let store = store.ok_or("this browser does not allow storage here")?;
    store
        .set_item(key, &value.to_string())
        .map_err(|_| "the browser refused to save (storage full or disabled)".to_string())
}

fn token_map(
    store: Option<web_sys::Storage>,
    key: &str,
    problems: &mut Vec<String>,
) -> Map<String, Value> {
    match read_json(store.clone(), key) {
        Ok(Some(Value::Object(m))) => m,
        Ok(None) => Map::new(),
        Ok(Some(_)) | Err(_) => {
            problems.push("saved tokens were unreadable and have been forgotten".into());
            if let Some(s) = store {
                let _ = s.remove_item(key);
            }
            Map::new()
        }
    }
}

/// The sources saved in this browser, with their tokens, and what could not be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stored {
    pub sources: Vec<SourceConfig>,
    /// Ids whose token is remembered across sessions.
    pub remembered: Vec<String>,
    pub problems: Vec<String>,
}

pub fn load() -> Stored {
    let mut problems = Vec::new();
    let mut out = Stored::default();
    let list = match read_json(local(), SOURCES_KEY) {
        Ok(Some(Value::Object(doc))) => doc
            .get("sources")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        Ok(Some(_)) => {
            problems
                .push("saved sources were in an old or unknown format and have been reset".into());
            if let Some(s) = local() {
                let _ = s.remove_item(SOURCES_KEY);
            }
            Vec::new()
        }
        Ok(None) => Vec::new(),
        Err(e) => {
            problems.push(e);
            if let Some(s) = local() {
                let _ = s.remove_item(SOURCES_KEY);
            }
            Vec::new()
        }
    };
    let session_tokens = token_map(session(), SESSION_TOKENS_KEY, &mut problems);
    let remembered = token_map(local(), REMEMBERED_TOKENS_KEY, &mut problems);
    for entry in &list {
        match validate_source(entry) {
            Ok(mut s) => {
                let token = remembered
                    .get(&s.id)
                    .or_else(|| session_tokens.get(&s.id))
                    .and_then(Value::as_str);
                s.token = token.map(str::to_string);
                if remembered.contains_key(&s.id) {
                    out.remembered.push(s.id.clone());
                }
                if !out.sources.iter().any(|o| o.id == s.id) {
                    out.sources.push(s);
                }
            }
            Err(reason) => problems.push(format!("a saved source was dropped: {reason}")),
        }
    }
    out.problems = problems;
    out
}

/// Saves the browser's sources; tokens go to session storage, or local storage for `remembered`.
pub fn save(sources: &[SourceConfig], remembered: &[String]) -> Result<(), String> {
    let without_tokens: Vec<SourceConfig> = sources
        .iter()
        .cloned()
        .map(|mut s| {
            s.token = None;
            s
        })
        .collect();
    write_json(
        local(),
        SOURCES_KEY,
        &json!({"version": 1, "sources": without_tokens}),
    )?;
    let (mut session_tokens, mut kept) = (Map::new(), Map::new());
    for s in sources {
        if let Some(t) = s.token.as_deref().filter(|t| !t.is_empty()) {
            if remembered.contains(&s.id) {
                kept.insert(s.id.clone(), json!(t));
            } else {
                session_tokens.insert(s.id.clone(), json!(t));
            }
        }
    }
    write_json(
        session(),
        SESSION_TOKENS_KEY,
        &Value::Object(session_tokens),
    )?;
    write_json(local(), REMEMBERED_TOKENS_KEY, &Value::Object(kept))
}

/// Removes every token this browser holds for jobdeck.
pub fn forget_tokens() {
    for (store, key) in [
        (session(), SESSION_TOKENS_KEY),
        (local(), REMEMBERED_TOKENS_KEY),
    ] {
        if let Some(s) = store {
            let _ = s.remove_item(key);
        }
    }
}

/// The display preferences (theme, time). Unreadable ones are the defaults: nothing to report.
pub fn load_prefs() -> Prefs {
    match read_json(local(), PREFS_KEY) {
        Ok(Some(v)) => Prefs::from_json(&v),
        _ => Prefs::default(),
    }
}

pub fn save_prefs(prefs: Prefs) -> Result<(), String> {
    write_json(local(), PREFS_KEY, &prefs.to_json())
}
