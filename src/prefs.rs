//! The display preferences: loaded from the browser into the app-wide context, saved whenever
//! they change, and the theme applied as `data-theme` on `<html>` (the stylesheet does the rest).

use crate::context::{PrefsContext, PrefsMirrors};
use crate::mirror::Mirrors;
use jobdeck_core::prefs::Prefs;
use jobdeck_core::time::{OffsetMemo, Timestamp};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Loads the saved preferences and keeps the page and storage in step with them.
pub fn provide_prefs() -> RwSignal<Prefs> {
    let prefs = RwSignal::new(crate::storage::load_prefs());
    Effect::new(move |_| {
        let p = prefs.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-theme", p.theme.name());
        }
        // A browser that refuses storage still gets the preference for this page's life.
        let _ = crate::storage::save_prefs(p);
    });
    provide_context(PrefsContext(prefs));
    provide_context(PrefsMirrors(Mirrors::new(prefs)));
    prefs
}

/// The local zone's offset east of UTC at `t`, in minutes (it changes with daylight saving),
/// as the browser says, remembered per quarter hour (see [`OffsetMemo`]).
pub fn local_offset_minutes(t: Timestamp) -> i32 {
    thread_local! {
        static MEMO: std::cell::RefCell<OffsetMemo> = std::cell::RefCell::new(OffsetMemo::default());
    }
    MEMO.with(|m| {
        m.borrow_mut().offset_at(t, |t| {
            -(js_sys::Date::new(&JsValue::from_f64(t.0 as f64)).get_timezone_offset() as i32)
        })
    })
}
