//! Keyboard shortcuts (the mapping is `jobdeck_core::keys`): one window listener, acting on the
//! router and on the page's own elements. Keys typed into a field stay in the field; Esc there
//! leaves the field.

use crate::context::{use_help_open, use_refresh_all};
use crate::routes::strip_base;
use jobdeck_core::keys::{move_selection, Action, KeyReader, HELP};
use jobdeck_core::route::Route;
use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

/// Listens for shortcuts and shows the help overlay. Must be inside the `<Router>`.
#[component]
pub fn KeyboardShortcuts() -> impl IntoView {
    let help = use_help_open();
    let refresh = use_refresh_all();
    let navigate = use_navigate();
    let location = use_location();
    let reader = StoredValue::new(KeyReader::default());
    let handle = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        if e.default_prevented() || e.is_composing() {
            return;
        }
        if in_text_field(&e) {
            return;
        }
        let modified = e.ctrl_key() || e.alt_key() || e.meta_key();
        let Some(action) = reader
            .try_update_value(|r| r.read(&e.key(), modified))
            .flatten()
        else {
            return;
        };
        let handled = match action {
            Action::Help => {
                help.update(|h| *h = !*h);
                true
            }
            Action::Back if help.get_untracked() => {
                help.set(false);
                true
            }
            _ if help.get_untracked() => false,
            Action::FocusSearch => focus_first("input[type=search][data-shortcut=search]"),
            Action::Refresh => {
                if let Some(r) = refresh {
                    r.request();
                }
                refresh.is_some()
            }
            Action::GoOverview => {
                navigate(&Route::Overview.path(), NavigateOptions::default());
                true
            }
            Action::GoSettings => {
                navigate(&Route::Settings.path(), NavigateOptions::default());
                true
            }
            Action::NextRow | Action::PreviousRow => select_row(action),
            Action::Open => open_selected_row(),
            Action::Back => go_up(&location.pathname.get_untracked(), &navigate),
        };
        if handled {
            e.prevent_default();
        }
    });
    // The app's listener lives as long as the page.
    std::mem::forget(handle);
    view! {
        <Show when=move || help.get()>
            <HelpOverlay on_close=Callback::new(move |_| help.set(false)) />
        </Show>
    }
}

/// Keys typed into a field stay in the field; Esc there leaves it. Whether the key was a field's.
fn in_text_field(e: &web_sys::KeyboardEvent) -> bool {
    if !active_element().is_some_and(|el| is_text_field(&el)) {
        return false;
    }
    if e.key() == "Escape" {
        if let Some(el) = active_element().and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.blur();
        }
    }
    true
}

/// Esc: one level up from the page at `pathname`. Back in history when that is where the user
/// came from (a table keeps its page and filters that way); otherwise, e.g. on a deep link opened
/// directly, to the parent page. Whether there was a level to go up to.
fn go_up(pathname: &str, navigate: &impl Fn(&str, NavigateOptions)) -> bool {
    let here = Route::parse(&strip_base(pathname));
    let Some(parent) = here.and_then(|r| r.parent()).map(|r| r.path()) else {
        return false;
    };
    let came_from_parent = previous_entry_path().is_some_and(|p| strip_base(&p) == parent);
    if !(came_from_parent && window().history().and_then(|h| h.back()).is_ok()) {
        navigate(&parent, NavigateOptions::default());
    }
    true
}

#[component]
fn HelpOverlay(on_close: Callback<()>) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Div>::new();
    let close = NodeRef::<leptos::html::Button>::new();
    // Focus moves into the dialog so screen readers announce it, and goes back where it was
    // when the dialog closes.
    let opener = active_element().and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    let opener = StoredValue::new_local(opener);
    on_cleanup(move || {
        if let Some(Some(el)) = opener.try_get_value() {
            let _ = el.focus();
        }
    });
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.focus();
        }
    });
    // A modal dialog keeps Tab inside it; its only control is Close.
    let trap_tab = move |e: web_sys::KeyboardEvent| {
        if e.key() == "Tab" {
            e.prevent_default();
            if let Some(b) = close.get() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <div class="overlay" on:click=move |_| on_close.run(())>
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="help-title"
                tabindex="-1"
                data-testid="shortcuts-help"
                node_ref=dialog
                on:click=|e| e.stop_propagation()
                on:keydown=trap_tab
            >
                <h2 id="help-title">"Keyboard shortcuts"</h2>
                <table class="keys">
                    <thead>
                        <tr>
                            <th scope="col">"Key"</th>
                            <th scope="col">"Does"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {HELP
                            .iter()
                            .map(|(k, what)| {
                                view! {
                                    <tr>
                                        <td>
                                            <kbd>{*k}</kbd>
                                        </td>
                                        <td>{*what}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <button
                    type="button"
                    class="button"
                    node_ref=close
                    on:click=move |_| on_close.run(())
                >
                    "Close"
                </button>
            </div>
        </div>
    }
}

fn active_element() -> Option<web_sys::Element> {
    document().active_element()
}

fn is_text_field(el: &web_sys::Element) -> bool {
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            el.get_attribute("type").as_deref(),
            Some("checkbox" | "radio" | "button" | "submit")
        ),
        _ => el
            .get_attribute("contenteditable")
            .is_some_and(|v| v != "false"),
    }
}

fn focus_first(selector: &str) -> bool {
    match document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

const ROWS: &str = "table[data-testid=jobs-table] tbody tr";

fn rows() -> Vec<web_sys::Element> {
    let Ok(list) = document().query_selector_all(ROWS) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// Moves the row selection (marked `data-selected`) and focuses the row's link, which scrolls
/// it into view and lets Enter open it.
fn select_row(action: Action) -> bool {
    let rows = rows();
    let current = rows.iter().position(|r| r.has_attribute("data-selected"));
    let Some(next) = move_selection(current, rows.len(), action) else {
        return false;
    };
    for r in &rows {
        let _ = r.remove_attribute("data-selected");
    }
    let Some(row) = rows.get(next) else {
        return false;
    };
    let _ = row.set_attribute("data-selected", "");
    if let Some(link) = row
        .query_selector("a")
        .ok()
        .flatten()
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = link.focus();
    }
    true
}

/// Enter on a selected row whose link lost focus. (A focused link opens by itself.)
fn open_selected_row() -> bool {
    if active_element()
        .is_some_and(|el| matches!(el.tag_name().as_str(), "A" | "BUTTON" | "SUMMARY"))
    {
        return false;
    }
    match document()
        .query_selector(&format!("{ROWS}[data-selected] a"))
        .ok()
        .flatten()
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(link) => {
            link.click();
            true
        }
        None => false,
    }
}

/// The path of the previous history entry, where the browser tells (the Navigation API:
/// Chromium, Safari 26, Firefox 147); `None` elsewhere, and at the first entry.
fn previous_entry_path() -> Option<String> {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;
    let navigation = Reflect::get(&window(), &JsValue::from_str("navigation"))
        .ok()
        .filter(|n| n.is_object())?;
    let current = Reflect::get(&navigation, &JsValue::from_str("currentEntry"))
        .ok()
        .filter(|c| c.is_object())?;
    let index = Reflect::get(&current, &JsValue::from_str("index"))
        .ok()?
        .as_f64()?;
    let entries = Reflect::get(&navigation, &JsValue::from_str("entries"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call0(&navigation)
        .ok()?;
    let previous = js_sys::Array::from(&entries).get((index as u32).checked_sub(1)?);
    let url = Reflect::get(&previous, &JsValue::from_str("url"))
        .ok()?
        .as_string()?;
    web_sys::Url::new(&url)
        .ok()
        .filter(|u| u.origin() == window().location().origin().unwrap_or_default())
        .map(|u| u.pathname())
}
