//! Per-view mirrors of app-wide signals (the clock, the display preferences).
//!
//! leptos 0.8 does not unsubscribe a dropped effect from the signals it read: the signal keeps
//! a dead entry (about 84 bytes) for every view that read it and is gone. For a signal that
//! lives as long as the page and is read by views re-made on every refresh (a table's time
//! cells), that is a steady leak. So such views read a mirror of their own instead: a signal
//! owned by the view, kept equal to the source by one long-lived effect, and dropped with the
//! view, dead entries and all. tests/memory.rs measures it.

use leptos::prelude::*;
use std::collections::BTreeMap;

pub struct Mirrors<T: Send + Sync + 'static> {
    source: RwSignal<T>,
    live: StoredValue<BTreeMap<u64, RwSignal<T>>>,
    next_id: StoredValue<u64>,
}

impl<T: Send + Sync + 'static> Clone for Mirrors<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Mirrors<T> {}

impl<T: Clone + Send + Sync + 'static> Mirrors<T> {
    /// Call once, under a long-lived owner (the app): one effect copies each change of
    /// `source` to every live mirror.
    pub fn new(source: RwSignal<T>) -> Self {
        let mirrors = Mirrors {
            source,
            live: StoredValue::new(BTreeMap::new()),
            next_id: StoredValue::new(0),
        };
        Effect::new(move |_| {
            let value = source.get();
            mirrors.live.with_value(|all| {
                for mirror in all.values() {
                    let _ = mirror.try_set(value.clone());
                }
            });
        });
        mirrors
    }

    /// A signal that follows the source, owned by the current view and gone with it.
    pub fn mirror(&self) -> Signal<T> {
        let local = RwSignal::new(self.source.get_untracked());
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        self.live.update_value(|all| {
            all.insert(id, local);
        });
        let live = self.live;
        on_cleanup(move || {
            let _ = live.try_update_value(|all| all.remove(&id));
        });
        local.into()
    }
}
