//! Tines: job type, the action, event, started at or retries, last retry ("never") and error class.

use super::{Field, When};
use jobdeck_core::vendors::tines::TinesDetail;
use leptos::prelude::*;

#[component]
pub fn TinesSection(detail: TinesDetail) -> impl IntoView {
    let action = match (&detail.action_name, &detail.action_id) {
        (Some(n), Some(id)) => format!("{n} (action #{id})"),
        (Some(n), None) => n.clone(),
        (None, Some(id)) => format!("action #{id} (no name in the record)"),
        (None, None) => "none".into(),
    };
    let in_progress = detail.started_at.is_some();
    view! {
        <section class="panel" aria-labelledby="tines-h" data-testid="vendor-section">
            <h2 id="tines-h">"Tines job"</h2>
            <dl class="fields">
                <Field label="Job type">
                    {detail.job_type.clone().unwrap_or_else(|| "—".into())}
                </Field>
                <Field label="Action">{action}</Field>
                <Field label="Event ID">
                    {detail.event_id.map_or_else(|| "—".to_string(), |e| e.to_string())}
                </Field>
                {in_progress
                    .then(|| {
                        view! {
                            <Field label="Started at">
                                <When at=detail.started_at />
                            </Field>
                        }
                    })}
                {(!in_progress)
                    .then(|| {
                        view! {
                            <Field label="Retry count">
                                {detail
                                    .retry_count
                                    .map_or_else(|| "—".to_string(), |n| n.to_string())}
                            </Field>
                            <Field label="Last retry">
                                {if detail.retried {
                                    view! { <When at=detail.last_retry /> }.into_any()
                                } else {
                                    view! { <span>"never"</span> }.into_any()
                                }}
                            </Field>
                            <Field label="Error class">
                                {detail
                                    .error_class
                                    .clone()
                                    .map_or_else(
                                        || view! { <span class="muted">"none"</span> }.into_any(),
                                        |e| view! { <code class="error-text">{e}</code> }.into_any(),
                                    )}
                            </Field>
                        }
                    })}
            </dl>
        </section>
    }
}
