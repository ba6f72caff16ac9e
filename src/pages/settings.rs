//! `/settings`: the sources in use (from sources.json or saved in this browser), a form to add,
//! edit and remove them with "Test connection", import and export of the configuration, and
//! forgetting every token.

use crate::components::display_settings::DisplaySettings;
use crate::config::LoadedConfig;
use crate::context::use_config;
use jobdeck_core::config::{export_sources_json, validate_source, Origin};
use jobdeck_core::{parse_sources_json, Count, SourceConfig};
use leptos::prelude::*;
use serde_json::json;

/// The form's fields, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Draft {
    /// The id being edited (None = adding).
    editing: Option<String>,
    id: String,
    name: String,
    kind: String,
    base_url: String,
    token: String,
    auth_header: String,
    refresh_seconds: String,
    timeout_seconds: String,
    remember: bool,
}

impl Draft {
    fn from_source(s: &SourceConfig, remembered: bool) -> Self {
        Draft {
            editing: Some(s.id.clone()),
            id: s.id.clone(),
            name: s.name.clone(),
            kind: s.kind.name().to_string(),
            base_url: s.base_url.clone(),
            token: s.token.clone().unwrap_or_default(),
            auth_header: s.auth_header.clone().unwrap_or_default(),
            refresh_seconds: s.refresh_seconds.map(|n| n.to_string()).unwrap_or_default(),
            timeout_seconds: s.timeout_seconds.map(|n| n.to_string()).unwrap_or_default(),
            remember: remembered,
        }
    }

    /// Validated with the same rules as sources.json.
    fn to_source(&self) -> Result<SourceConfig, String> {
        let num = |s: &str, what: &str| -> Result<Option<u32>, String> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<u32>()
                .map(Some)
                .map_err(|_| format!("{what} must be a whole number of seconds"))
        };
        let mut v =
            json!({"id": self.id.trim(), "kind": self.kind, "base_url": self.base_url.trim()});
        for (key, value) in [
            ("name", &self.name),
            ("token", &self.token),
            ("auth_header", &self.auth_header),
        ] {
            if !value.trim().is_empty() {
                v[key] = json!(value.trim());
            }
        }
        if let Some(n) = num(&self.refresh_seconds, "Refresh")? {
            v["refresh_seconds"] = json!(n);
        }
        if let Some(n) = num(&self.timeout_seconds, "Timeout")? {
            v["timeout_seconds"] = json!(n);
        }
        validate_source(&v)
    }
}

fn new_draft() -> Draft {
    // osapi first: the open-source server a newcomer is most likely to try.
    Draft {
        kind: "osapi".into(),
        ..Default::default()
    }
}

/// Saves the browser's sources and updates the app's configuration.
fn commit(
    config: RwSignal<Option<LoadedConfig>>,
    browser: Vec<SourceConfig>,
    remembered: Vec<String>,
) -> Result<(), String> {
    crate::storage::save(&browser, &remembered)?;
    config.update(|c| {
        if let Some(cur) = c.as_ref() {
            *c = Some(cur.with_browser_sources(browser, remembered));
        }
    });
    Ok(())
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let config = use_config();
    let draft = RwSignal::new(new_draft());
    let form_open = RwSignal::new(false);
    let form_error = RwSignal::new(None::<String>);
    let test_result = RwSignal::new(None::<(bool, String)>);
    let notice = RwSignal::new(None::<String>);
    let open_form = move |d: Draft| {
        draft.set(d);
        form_error.set(None);
        test_result.set(None);
        form_open.set(true);
    };
    let edit = Callback::new(move |id: String| {
        let cfg = config.get_untracked().unwrap_or_default();
        if let Some(s) = cfg.source(&id) {
            open_form(Draft::from_source(s, cfg.remembered.contains(&id)));
        }
    });
    let remove = Callback::new(move |id: String| {
        notice.set(Some(remove_source(config, &id).unwrap_or_else(|e| e)))
    });
    let save = move || match save_draft(config, &draft.get_untracked()) {
        Ok(id) => {
            form_open.set(false);
            form_error.set(None);
            notice.set(Some(format!("Saved “{id}”.")));
        }
        Err(e) => form_error.set(Some(e)),
    };
    let test = move || test_connection(&draft.get_untracked(), test_result);

    view! {
        <h1 class="page-title">"Settings"</h1>
        {move || {
            notice
                .get()
                .map(|n| {
                    view! {
                        <p class="notice" role="status">
                            {n}
                        </p>
                    }
                })
        }}
        <ConfigProblems />
        <section aria-labelledby="sources-h" class="panel">
            <div class="section-head">
                <h2 id="sources-h">"Sources"</h2>
                <button
                    class="button primary"
                    type="button"
                    on:click=move |_| open_form(new_draft())
                >
                    "Add source"
                </button>
            </div>
            {move || {
                config
                    .with(|c| c.as_ref().is_some_and(|c| c.demo))
                    .then(|| {
                        view! {
                            <p class="muted">
                                "Nothing is configured yet: the overview shows demo data until you add a source."
                            </p>
                        }
                    })
            }}
            <SourcesTable on_edit=edit on_remove=remove />
        </section>
        <Show when=move || form_open.get()>
            <SourceForm
                draft
                form_error
                test_result
                on_save=Callback::new(move |_| save())
                on_test=Callback::new(move |_| test())
                on_cancel=Callback::new(move |_| form_open.set(false))
            />
        </Show>
        <ImportExport notice />
        <TokensPanel notice />
    }
}

/// The configuration's problems (a broken sources.json or entry), each with its reason.
#[component]
fn ConfigProblems() -> impl IntoView {
    let config = use_config();
    move || {
        let problems = config.with(|c| c.as_ref().map(|c| c.problems.clone()).unwrap_or_default());
        (!problems.is_empty()).then(|| {
            view! {
                <div role="alert" class="config-problems" data-testid="config-problems">
                    <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

/// How a source's token is kept, in words.
fn token_note(source: &SourceConfig, remembered: bool, origin: Origin) -> &'static str {
    match (&source.token, remembered) {
        (None, _) => "none",
        (Some(_), true) => "set, remembered on this device",
        (Some(_), false) if origin == Origin::Browser => "set, for this session",
        (Some(_), false) => "set in sources.json",
    }
}

/// The sources in use, where each came from, with Edit (and Remove for the browser's own).
#[component]
fn SourcesTable(on_edit: Callback<String>, on_remove: Callback<String>) -> impl IntoView {
    let config = use_config();
    let rows = move || {
        let cfg = config.get().unwrap_or_default();
        if cfg.demo {
            return Vec::new();
        }
        cfg.sources.iter().map(|s| {
            let origin = cfg.origin_of(&s.id).unwrap_or(Origin::File);
            let token = token_note(s, cfg.remembered.contains(&s.id), origin);
            let (id1, id2) = (s.id.clone(), s.id.clone());
            view! {
                <tr data-source=s.id.clone()>
                    <td>
                        <code>{s.id.clone()}</code>
                    </td>
                    <td>{s.name.clone()}</td>
                    <td>{s.kind.label()}</td>
                    <td class="url">{s.base_url.clone()}</td>
                    <td>{token}</td>
                    <td>{if origin == Origin::File { "sources.json" } else { "this browser" }}</td>
                    <td class="actions">
                        <button
                            class="button"
                            type="button"
                            aria-label=format!("Edit {}", s.id)
                            on:click=move |_| on_edit.run(id1.clone())
                        >
                            "Edit"
                        </button>
                        {(origin == Origin::Browser)
                            .then(|| {
                                view! {
                                    <button
                                        class="button"
                                        type="button"
                                        aria-label=format!("Remove {}", id2)
                                        on:click=move |_| on_remove.run(id2.clone())
                                    >
                                        "Remove"
                                    </button>
                                }
                            })}
                    </td>
                </tr>
            }
        }).collect::<Vec<_>>()
    };
    view! {
        <table class="plain" data-testid="settings-sources">
            <thead>
                <tr>
                    <th scope="col">"ID"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Kind"</th>
                    <th scope="col">"Base URL"</th>
                    <th scope="col">"Token"</th>
                    <th scope="col">"From"</th>
                    <th scope="col">
                        <span class="visually-hidden">"Actions"</span>
                    </th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// *Forget all tokens*.
#[component]
fn TokensPanel(notice: RwSignal<Option<String>>) -> impl IntoView {
    let config = use_config();
    let forget = move |_| {
        crate::storage::forget_tokens();
        let cfg = config.get_untracked().unwrap_or_default();
        let browser = cfg
            .browser_sources
            .iter()
            .cloned()
            .map(|mut s| {
                s.token = None;
                s
            })
            .collect();
        match commit(config, browser, Vec::new()) {
            Ok(()) => notice.set(Some("Forgot every token saved in this browser.".into())),
            Err(e) => notice.set(Some(e)),
        }
    };
    view! {
        <section class="panel" aria-labelledby="tokens-h">
            <h2 id="tokens-h">"Tokens"</h2>
            <p class="muted">
                "Tokens saved here stay in this tab's session storage unless you ask to remember them; they are only ever sent to their own source's base URL."
            </p>
            <button class="button" type="button" on:click=forget>
                "Forget all tokens"
            </button>
        </section>
    }
}

/// Removes a browser source; the notice to show.
fn remove_source(config: RwSignal<Option<LoadedConfig>>, id: &str) -> Result<String, String> {
    let cfg = config.get_untracked().unwrap_or_default();
    let browser: Vec<SourceConfig> = cfg
        .browser_sources
        .iter()
        .filter(|s| s.id != id)
        .cloned()
        .collect();
    let remembered = cfg
        .remembered
        .iter()
        .filter(|r| *r != id)
        .cloned()
        .collect();
    commit(config, browser, remembered).map(|()| format!("Removed “{id}” from this browser."))
}

/// Saves the form's source (replacing the one it edits); its id, or why not.
fn save_draft(config: RwSignal<Option<LoadedConfig>>, d: &Draft) -> Result<String, String> {
    let source = d.to_source()?;
    let cfg = config.get_untracked().unwrap_or_default();
    let editing = d.editing.as_deref();
    let clash =
        cfg.sources.iter().any(|s| s.id == source.id) && editing != Some(source.id.as_str());
    let file_clash = cfg.file_sources.iter().any(|s| s.id == source.id);
    if clash && !file_clash {
        return Err(format!(
            "the id “{}” is already used by another source",
            source.id
        ));
    }
    let mut browser: Vec<SourceConfig> = cfg
        .browser_sources
        .iter()
        .filter(|s| Some(s.id.as_str()) != editing && s.id != source.id)
        .cloned()
        .collect();
    let mut remembered: Vec<String> = cfg
        .remembered
        .iter()
        .filter(|r| **r != source.id && Some(r.as_str()) != editing)
        .cloned()
        .collect();
    if d.remember {
        remembered.push(source.id.clone());
    }
    let id = source.id.clone();
    browser.push(source);
    commit(config, browser, remembered).map(|()| id)
}

/// *Test connection*: counts the form's source once and says what came back.
fn test_connection(d: &Draft, result: RwSignal<Option<(bool, String)>>) {
    let source = match d.to_source() {
        Ok(source) => source,
        Err(e) => return result.set(Some((false, e))),
    };
    result.set(Some((true, "Testing…".into())));
    leptos::task::spawn_local(async move {
        let started = crate::perf::perf_now();
        let outcome = crate::fetch::counts(&source).await;
        let ms = (crate::perf::perf_now() - started).round() as i64;
        let _ = result.try_set(Some(match outcome {
            Ok(c) => {
                let total = match c.total {
                    Count::Exact(n) => format!("{n} jobs"),
                    Count::AtLeast(n) => format!("at least {n} jobs"),
                    Count::Unknown => "jobs (total not reported)".into(),
                };
                (
                    true,
                    format!(
                        "Connected in {ms} ms: {total} in {} states.",
                        c.states.len()
                    ),
                )
            }
            Err(e) => (false, format!("{e}. {}", e.hint())),
        }));
    });
}

#[component]
fn SourceForm(
    draft: RwSignal<Draft>,
    form_error: RwSignal<Option<String>>,
    test_result: RwSignal<Option<(bool, String)>>,
    on_save: Callback<()>,
    on_test: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let title = move || {
        if draft.with(|d| d.editing.is_some()) {
            "Edit source"
        } else {
            "Add a source"
        }
    };
    view! {
        <section class="panel" aria-labelledby="form-h">
            <h2 id="form-h">{title}</h2>
            <form
                class="source-form"
                data-testid="source-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    on_save.run(());
                }
            >
                <label>
                    "Kind"
                    <select
                        name="kind"
                        prop:value=move || draft.with(|d| d.kind.clone())
                        on:change=move |ev| draft.update(|d| d.kind = event_target_value(&ev))
                    >
                        {jobdeck_core::KINDS
                            .iter()
                            .map(|k| view! { <option value=k.name()>{k.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <DraftInput
                    draft
                    label="ID"
                    name="id"
                    get=|d| &d.id
                    set=|d, v| d.id = v
                    required=true
                    placeholder="fleet"
                />
                <DraftInput
                    draft
                    label="Name"
                    name="name"
                    get=|d| &d.name
                    set=|d, v| d.name = v
                    placeholder="defaults to the id"
                />
                <DraftInput
                    draft
                    label="Base URL"
                    name="base_url"
                    get=|d| &d.base_url
                    set=|d, v| d.base_url = v
                    required=true
                    wide=true
                    inputmode="url"
                    placeholder="https://osapi.example/api or /proxy/tines"
                />
                <DraftInput
                    draft
                    label="Token"
                    name="token"
                    get=|d| &d.token
                    set=|d, v| d.token = v
                    kind="password"
                    autocomplete="off"
                />
                <DraftInput
                    draft
                    label="Auth header"
                    name="auth_header"
                    get=|d| &d.auth_header
                    set=|d, v| d.auth_header = v
                    placeholder="Authorization (Bearer)"
                />
                <DraftInput
                    draft
                    label="Refresh (s)"
                    name="refresh_seconds"
                    get=|d| &d.refresh_seconds
                    set=|d, v| d.refresh_seconds = v
                    kind="number"
                    min="0"
                    placeholder="10"
                />
                <DraftInput
                    draft
                    label="Timeout (s)"
                    name="timeout_seconds"
                    get=|d| &d.timeout_seconds
                    set=|d, v| d.timeout_seconds = v
                    kind="number"
                    min="1"
                    placeholder="15"
                />
                <label class="check wide">
                    <input
                        name="remember"
                        type="checkbox"
                        prop:checked=move || draft.with(|d| d.remember)
                        on:change=move |ev| draft.update(|d| d.remember = event_target_checked(&ev))
                    />
                    " Remember the token on this device (otherwise it is forgotten when the tab closes)"
                </label>
                {move || {
                    form_error
                        .get()
                        .map(|e| {
                            view! {
                                <p class="form-error wide" role="alert" data-testid="form-error">
                                    {e}
                                </p>
                            }
                        })
                }}
                {move || {
                    test_result
                        .get()
                        .map(|(ok, msg)| {
                            view! {
                                <p
                                    class=if ok {
                                        "test-result ok wide"
                                    } else {
                                        "test-result bad wide"
                                    }
                                    role="status"
                                    data-testid="test-result"
                                    data-ok=ok.to_string()
                                >
                                    {msg}
                                </p>
                            }
                        })
                }}
                <div class="form-actions wide">
                    <button class="button" type="button" on:click=move |_| on_test.run(())>
                        "Test connection"
                    </button>
                    <button class="button primary" type="submit">
                        "Save"
                    </button>
                    <button class="button" type="button" on:click=move |_| on_cancel.run(())>
                        "Cancel"
                    </button>
                </div>
            </form>
        </section>
    }
}

/// One input of the source form, bound to a text field of the draft.
#[component]
fn DraftInput(
    draft: RwSignal<Draft>,
    label: &'static str,
    name: &'static str,
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft, String),
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] wide: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] min: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class:wide=wide>
            {label}
            <input
                name=name
                type=kind
                required=required
                placeholder=placeholder
                inputmode=inputmode
                autocomplete=autocomplete
                min=min
                prop:value=move || draft.with(|d| get(d).clone())
                on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
            />
        </label>
    }
}

#[component]
fn ImportExport(notice: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <DisplaySettings />
        <section class="panel" aria-labelledby="io-h">
            <h2 id="io-h">"Import and export"</h2>
            <div class="io">
                <ExportPanel />
                <ImportPanel notice />
            </div>
        </section>
    }
}

/// The configuration as a sources.json, tokens only when asked, to copy or download.
#[component]
fn ExportPanel() -> impl IntoView {
    let config = use_config();
    let include_tokens = RwSignal::new(false);
    let exported = move || {
        let cfg = config.get().unwrap_or_default();
        let sources: Vec<SourceConfig> = if cfg.demo {
            Vec::new()
        } else {
            cfg.sources.clone()
        };
        export_sources_json(cfg.refresh_seconds, &sources, include_tokens.get())
    };
    let download = move || {
        format!(
            "data:application/json;charset=utf-8,{}",
            jobdeck_core::http::encode(&exported())
        )
    };
    view! {
        <div>
            <h3>"Export"</h3>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=include_tokens
                    on:change=move |ev| include_tokens.set(event_target_checked(&ev))
                />
                " Include tokens"
            </label>
            <textarea
                readonly
                rows="10"
                aria-label="Exported configuration"
                data-testid="export-json"
                prop:value=exported
            ></textarea>
            <a class="button" download="sources.json" href=download>
                "Download sources.json"
            </a>
        </div>
    }
}

/// A pasted sources.json, added to this browser's sources (replacing those with the same ids);
/// its bad entries are listed with their reasons.
#[component]
fn ImportPanel(notice: RwSignal<Option<String>>) -> impl IntoView {
    let config = use_config();
    let import_text = RwSignal::new(String::new());
    let import_problems = RwSignal::new(Vec::<String>::new());
    let import = move |_| match import_sources(config, &import_text.get_untracked()) {
        Ok((n, problems)) => {
            import_problems.set(problems);
            notice.set(Some(format!(
                "Imported {n} source{}.",
                if n == 1 { "" } else { "s" }
            )));
        }
        Err(problems) => import_problems.set(problems),
    };
    let problems = move || {
        let p = import_problems.get();
        (!p.is_empty()).then(|| {
            view! {
                <ul class="form-error" role="alert" data-testid="import-problems">
                    {p.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <div>
            <h3>"Import"</h3>
            <textarea
                rows="10"
                aria-label="Configuration to import"
                data-testid="import-json"
                placeholder="Paste a sources.json"
                prop:value=import_text
                on:input=move |ev| import_text.set(event_target_value(&ev))
            ></textarea>
            <button class="button" type="button" on:click=import>
                "Import"
            </button>
            {problems}
        </div>
    }
}

/// Imports a sources.json: how many sources it added and its entries' problems, or why nothing
/// was imported.
fn import_sources(
    config: RwSignal<Option<LoadedConfig>>,
    text: &str,
) -> Result<(usize, Vec<String>), Vec<String>> {
    let file = parse_sources_json(text.as_bytes()).map_err(|e| vec![e])?;
    let cfg = config.get_untracked().unwrap_or_default();
    let mut browser: Vec<SourceConfig> = cfg
        .browser_sources
        .iter()
        .filter(|s| !file.sources.iter().any(|n| n.id == s.id))
        .cloned()
        .collect();
    let n = file.sources.len();
    browser.extend(file.sources);
    let mut problems: Vec<String> = file.errors.iter().map(|e| e.to_string()).collect();
    match commit(config, browser, cfg.remembered.clone()) {
        Ok(()) => Ok((n, problems)),
        Err(e) => {
            problems.push(e);
            Err(problems)
        }
    }
}
