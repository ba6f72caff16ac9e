//! Which sources the app shows: sources.json from the app's own origin, merged with the sources
//! saved in this browser; with neither, the embedded demo.

use crate::client::fetch_own_file;
use jobdeck_core::config::{merge_sources, Origin, DEFAULT_REFRESH_SECONDS};
use jobdeck_core::{parse_sources_json, SourceConfig};

/// The configuration the app runs with, and what was wrong with it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedConfig {
    pub refresh_seconds: u32,
    /// In display order: the file's, then the browser's.
    pub sources: Vec<SourceConfig>,
    pub origins: Vec<Origin>,
    /// The file's sources as the file has them (Settings shows them and can override them).
    pub file_sources: Vec<SourceConfig>,
    /// The browser's saved sources, and which of their tokens are remembered.
    pub browser_sources: Vec<SourceConfig>,
    pub remembered: Vec<String>,
    /// Problems to show on screen: a bad file, bad entries, unreadable storage.
    pub problems: Vec<String>,
    /// Nothing is configured: the sources are the embedded demo.
    pub demo: bool,
    /// Whether a sources.json was found.
    pub has_file: bool,
}

impl LoadedConfig {
    pub fn source(&self, id: &str) -> Option<&SourceConfig> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The refresh interval of a source, in seconds (0 = off).
    pub fn refresh_of(&self, source: &SourceConfig) -> u32 {
        source.refresh_seconds.unwrap_or(self.refresh_seconds)
    }

    pub fn origin_of(&self, id: &str) -> Option<Origin> {
        self.sources
            .iter()
            .position(|s| s.id == id)
            .and_then(|i| self.origins.get(i).copied())
    }

    /// Recomputes the sources in use after the browser's sources changed.
    pub fn with_browser_sources(
        &self,
        browser: Vec<SourceConfig>,
        remembered: Vec<String>,
    ) -> LoadedConfig {
        let mut next = LoadedConfig {
            browser_sources: browser,
            remembered,
            demo: false,
            ..self.clone()
        };
        next.apply();
        next
    }

    fn apply(&mut self) {
        let merged = merge_sources(&self.file_sources, &self.browser_sources);
        self.demo = !self.has_file && merged.is_empty();
        if self.demo {
            self.sources = crate::demo::sources();
            self.origins = vec![Origin::File; self.sources.len()];
        } else {
            (self.sources, self.origins) = merged.into_iter().unzip();
        }
    }
}

pub const SOURCES_JSON: &str = "sources.json";

/// Reads sources.json (absent is fine, broken is reported) and the browser's saved sources.
pub async fn load() -> LoadedConfig {
    let mut config = LoadedConfig {
        refresh_seconds: DEFAULT_REFRESH_SECONDS,
        ..Default::default()
    };
    match fetch_own_file(&crate::routes::asset_url(SOURCES_JSON)).await {
        Ok(None) => {}
        Ok(Some(bytes)) => {
            config.has_file = true;
            match parse_sources_json(&bytes) {
                Ok(file) => {
                    config.refresh_seconds = file.refresh_seconds;
                    config.file_sources = file.sources;
                    config.problems = file
                        .errors
                        .iter()
                        .map(|e| format!("sources.json: {e}"))
                        .collect();
                }
                Err(e) => config.problems.push(e),
            }
        }
        Err(e) => config.problems.push(e),
    }
    let stored = crate::storage::load();
    config.problems.extend(stored.problems);
    config.browser_sources = stored.sources;
    config.remembered = stored.remembered;
    config.apply();
    config
}
