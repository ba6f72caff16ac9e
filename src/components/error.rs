//! A source's error, in words, with what to do about it (docs/design.md: `[role=alert][data-source]`).

use jobdeck_core::SourceError;
use leptos::prelude::*;

#[component]
pub fn SourceErrorBanner(
    #[prop(into)] source_id: String,
    error: Signal<Option<SourceError>>,
    #[prop(into)] stale: Signal<bool>,
) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let hint = e.hint();
            let proxy_link = matches!(e, SourceError::Network { .. });
            view! {
                <div
                    class="source-error"
                    role="alert"
                    data-source=source_id.clone()
                    data-error=e.class()
                >
                    <strong>{e.to_string()}</strong>
                    <span class="hint">{hint}</span>
                    {proxy_link
                        .then(|| {
                            view! {
                                <span class="hint-link">
                                    "See “Reverse proxy for CORS” in jobdeck's README."
                                </span>
                            }
                        })}
                    {move || {
                        stale
                            .get()
                            .then(|| {
                                view! {
                                    <span class="stale">"Showing the last data that loaded."</span>
                                }
                            })
                    }}
                </div>
            }
        })
    }
}
