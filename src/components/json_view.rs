//! A collapsible, copyable JSON viewer. Always text, never HTML.

use leptos::prelude::*;
use serde_json::Value;

/// Copies text to the clipboard; says whether it worked.
pub fn copy_text(text: String, done: RwSignal<Option<&'static str>>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        let _ = done.try_set(Some(if ok { "Copied" } else { "Copy failed" }));
    });
}

#[component]
pub fn CopyButton(#[prop(into)] text: String, #[prop(into)] label: String) -> impl IntoView {
    let done = RwSignal::new(None::<&'static str>);
    view! {
        <button
            type="button"
            class="icon-button copy"
            aria-label=label.clone()
            title=label
            on:click=move |_| copy_text(text.clone(), done)
        >
            {move || done.get().unwrap_or("Copy")}
        </button>
    }
}

#[component]
pub fn JsonView(
    value: Value,
    #[prop(into)] summary: String,
    #[prop(optional)] open: bool,
) -> impl IntoView {
    let text = serde_json::to_string_pretty(&value).unwrap_or_default();
    let copy = text.clone();
    view! {
        <details class="json" open=open>
            <summary>{summary.clone()}</summary>
            <div class="json-tools">
                <CopyButton text=copy label=format!("Copy {summary}") />
            </div>
            <pre>
                <code>{text}</code>
            </pre>
        </details>
    }
}

/// A small JSON value inline (objects and lists collapsed into a viewer).
#[component]
pub fn JsonInline(value: Value, #[prop(into)] label: String) -> impl IntoView {
    match value {
        Value::Null => view! { <span class="muted">"none"</span> }.into_any(),
        Value::String(s) => view! { <span>{s}</span> }.into_any(),
        Value::Object(ref m) if m.is_empty() => {
            view! { <span class="muted">"{ } (empty)"</span> }.into_any()
        }
        Value::Object(_) | Value::Array(_) => {
            view! { <JsonView value summary=label open=true /> }.into_any()
        }
        other => view! { <code>{other.to_string()}</code> }.into_any(),
    }
}
