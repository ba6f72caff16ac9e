//! Every vendor's list parser on arbitrary bytes: Ok or a SourceError, never a panic. The first
//! byte picks the page query so paging arithmetic is fuzzed too.
#![no_main]
use jobdeck_core::{Adapter, HttpResponse, ListQuery, SourceKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_first().map_or((0, data), |(h, b)| (*h, b));
    let q = ListQuery {
        state: Some(["in_progress", "queued", "retry", "dead"][(head & 3) as usize].to_string()),
        page: 1 + (head >> 4) as u64 * 1_000_003,
        per_page: [1, 20, 200, 500][((head >> 2) & 3) as usize],
        active_only: head & 0x80 != 0,
        ..Default::default()
    };
    let resp = HttpResponse { status: 200, headers: vec![], body: body.to_vec() };
    for kind in jobdeck_core::KINDS {
        let _ = Adapter(kind).parse_list(&q, &resp);
    }
});
