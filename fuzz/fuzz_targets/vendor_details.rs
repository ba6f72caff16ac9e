//! Detail parsers and the typed detail records on arbitrary bytes.
#![no_main]
use jobdeck_core::vendors::detail::detail_of;
use jobdeck_core::{Adapter, HttpResponse, SourceKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let resp = HttpResponse { status: 200, headers: vec![], body: data.to_vec() };
    for kind in jobdeck_core::KINDS {
        if let Ok(job) = Adapter(kind).parse_detail(&resp) {
            let _ = detail_of(kind, &job);
        }
    }
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        for kind in jobdeck_core::KINDS {
            let job = jobdeck_core::Job { id: "x".into(), state: "x".into(), category: jobdeck_core::StateCategory::Other, name: None, created: None, started: None, updated: None, finished: None, progress: None, error: None, raw: std::sync::Arc::new(v.clone()) };
            let _ = detail_of(kind, &job);
        }
    }
});
