//! A vendor state shown as a badge coloured by its category.

use jobdeck_core::StateCategory;
use leptos::prelude::*;

#[component]
pub fn StateBadge(#[prop(into)] state: String, category: StateCategory) -> impl IntoView {
    view! {
        <span
            class=format!("badge cat-{}", category.name())
            data-category=category.name()
            title=category.label()
        >
            {state}
        </span>
    }
}
