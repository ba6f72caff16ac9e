//! `/settings`: the sources in use and any problem with their configuration.

use crate::app::use_config;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let config = use_config();
    let cfg = config.get_untracked().unwrap_or_default();
    view! {
        <h1 class="page-title">"Settings"</h1>
        <section aria-labelledby="sources-h">
            <h2 id="sources-h">"Sources"</h2>
            <p>{format!("Refresh every {} s (0 = off).", cfg.refresh_seconds)}</p>
            <table class="plain" data-testid="settings-sources">
                <thead><tr><th scope="col">"ID"</th><th scope="col">"Name"</th><th scope="col">"Kind"</th><th scope="col">"Base URL"</th><th scope="col">"Token"</th></tr></thead>
                <tbody>
                    {cfg.sources.iter().map(|s| view! {
                        <tr data-source=s.id.clone()>
                            <td>{s.id.clone()}</td><td>{s.name.clone()}</td><td>{s.kind.label()}</td><td>{s.base_url.clone()}</td>
                            <td>{if s.token.is_some() { format!("set, sent as {}", s.auth_header.clone().unwrap_or_else(|| "Authorization: Bearer".into())) } else { "none".to_string() }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!cfg.problems.is_empty()).then(|| view! {
                <div role="alert" class="config-problems"><ul>{cfg.problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul></div>
            })}
        </section>
    }
}
