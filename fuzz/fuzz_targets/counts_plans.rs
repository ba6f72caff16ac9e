//! Counting plans fed arbitrary answers, round after round, with arbitrary statuses.
#![no_main]
use jobdeck_core::{CountsPlan, HttpResponse, SourceKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status_byte, body) = data.split_first().map_or((0, data), |(h, b)| (*h, b));
    let status = [200u16, 200, 200, 404, 429, 500, 401, 302][(status_byte & 7) as usize];
    for kind in jobdeck_core::KINDS {
        let mut plan = CountsPlan::new(kind);
        for _ in 0..4 {
            let n = plan.requests().len();
            if n == 0 {
                break;
            }
            let resp = HttpResponse { status, headers: vec![("retry-after".into(), "5".into())], body: body.to_vec() };
            if plan.absorb(&vec![resp; n]).is_err() {
                break;
            }
        }
        let _ = plan.finish();
    }
});
