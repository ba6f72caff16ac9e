//! Which sources the app shows: sources.json from the app's own origin, read once at start.

use crate::client::fetch_own_file;
use jobdeck_core::config::DEFAULT_REFRESH_SECONDS;
use jobdeck_core::{parse_sources_json, SourceConfig};

/// The configuration the app runs with, and what was wrong with it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedConfig {
    pub refresh_seconds: u32,
    pub sources: Vec<SourceConfig>,
    /// Problems to show on screen: a bad file, or bad entries (the valid ones still work).
    pub problems: Vec<String>,
}

impl LoadedConfig {
    pub fn source(&self, id: &str) -> Option<&SourceConfig> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The refresh interval of a source, in seconds (0 = off).
    pub fn refresh_of(&self, source: &SourceConfig) -> u32 {
        source.refresh_seconds.unwrap_or(self.refresh_seconds)
    }
}

/// Path of sources.json relative to the page, so a build served under a sub-path finds its own.
pub const SOURCES_JSON: &str = "sources.json";

/// Reads sources.json; absent is fine (no sources), broken is reported.
pub async fn load() -> LoadedConfig {
    let mut config = LoadedConfig { refresh_seconds: DEFAULT_REFRESH_SECONDS, ..Default::default() };
    match fetch_own_file(&crate::app::asset_url(SOURCES_JSON)).await {
        Ok(None) => {}
        Ok(Some(bytes)) => match parse_sources_json(&bytes) {
            Ok(file) => {
                config.refresh_seconds = file.refresh_seconds;
                config.sources = file.sources;
                config.problems = file.errors.iter().map(|e| format!("sources.json: {e}")).collect();
            }
            Err(e) => config.problems.push(e),
        },
        Err(e) => config.problems.push(e),
    }
    config
}
