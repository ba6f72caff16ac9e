//! The app-wide contexts and their accessors: what the shell provides and every view reads.

use crate::config::LoadedConfig;
use crate::history::CountsHistory;
use crate::mirror::Mirrors;
use jobdeck_core::prefs::Prefs;
use leptos::prelude::*;

/// The configuration, once loaded.
#[derive(Clone, Copy)]
pub struct ConfigContext(pub RwSignal<Option<LoadedConfig>>);

/// Wall-clock milliseconds, ticking once a second, for "12 s ago" labels.
#[derive(Clone, Copy)]
pub struct Clock(pub RwSignal<f64>);

pub fn use_config() -> RwSignal<Option<LoadedConfig>> {
    expect_context::<ConfigContext>().0
}

/// The app's clock mirrored for the calling view (see `mirror.rs`).
#[derive(Clone, Copy)]
pub struct ClockMirrors(pub Mirrors<f64>);

/// The clock, for reading in a view: the view's own mirror where the app provides them, else
/// the clock itself (a component mounted alone under test).
pub fn use_clock() -> Signal<f64> {
    match use_context::<ClockMirrors>() {
        Some(m) => m.0.mirror(),
        None => expect_context::<Clock>().0.into(),
    }
}

/// The "refresh everything now" request (the `r` shortcut): every poller alive when it
/// changes runs at once.
#[derive(Clone, Copy)]
pub struct RefreshAll(pub RwSignal<u64>);

impl RefreshAll {
    pub fn request(&self) {
        self.0.update(|n| *n = n.wrapping_add(1));
    }
}

/// The counter of "refresh everything" requests, where the app provides it.
pub fn use_refresh_all() -> Option<RefreshAll> {
    use_context::<RefreshAll>()
}

/// Whether the keyboard help is open.
#[derive(Clone, Copy)]
pub struct HelpOpen(pub RwSignal<bool>);

/// The help overlay's state (closed and alone where no app provides it).
pub fn use_help_open() -> RwSignal<bool> {
    use_context::<HelpOpen>()
        .map(|h| h.0)
        .unwrap_or_else(|| RwSignal::new(false))
}

/// Provides the configuration (loaded as it arrives), the ticking clock and the app-wide
/// requests; returns the configuration and the help state for the shell.
pub fn provide_app_contexts() -> (RwSignal<Option<LoadedConfig>>, RwSignal<bool>) {
    let config = RwSignal::new(None::<LoadedConfig>);
    provide_context(ConfigContext(config));
    leptos::task::spawn_local(async move {
        let loaded = crate::config::load().await;
        config.set(Some(loaded));
        crate::perf::mark("jobdeck:config-loaded");
    });
    let clock = RwSignal::new(crate::perf::now_ms());
    provide_context(Clock(clock));
    provide_context(ClockMirrors(Mirrors::new(clock)));
    if let Ok(handle) = set_interval_with_handle(
        move || clock.set(crate::perf::now_ms()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    provide_context(RefreshAll(RwSignal::new(0)));
    let help = RwSignal::new(false);
    provide_context(HelpOpen(help));
    provide_context(CountsHistory::default());
    (config, help)
}

#[derive(Clone, Copy)]
pub struct PrefsContext(pub RwSignal<Prefs>);

/// The preferences mirrored per view (see `mirror.rs`), for views re-made on refresh.
#[derive(Clone, Copy)]
pub struct PrefsMirrors(pub Mirrors<Prefs>);

/// The preferences for reading in a view that may be re-made often (a table cell): its own
/// mirror where the app provides them.
pub fn use_prefs_read() -> Signal<Prefs> {
    match use_context::<PrefsMirrors>() {
        Some(m) => m.0.mirror(),
        None => use_prefs().into(),
    }
}

/// The preferences, to change them (the defaults where no app provides them, e.g. a component
/// under test).
pub fn use_prefs() -> RwSignal<Prefs> {
    use_context::<PrefsContext>()
        .map(|c| c.0)
        .unwrap_or_else(|| RwSignal::new(Prefs::default()))
}

/// The app's history (a private one where no app provides it, e.g. a component under test).
pub fn use_history() -> CountsHistory {
    use_context::<CountsHistory>().unwrap_or_default()
}
