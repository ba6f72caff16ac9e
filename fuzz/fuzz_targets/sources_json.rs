//! sources.json on arbitrary bytes; whatever it accepts must export and parse back the same.
#![no_main]
use jobdeck_core::config::export_sources_json;
use jobdeck_core::parse_sources_json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = parse_sources_json(data) {
        let out = export_sources_json(file.refresh_seconds, &file.sources, true);
        let again = parse_sources_json(out.as_bytes()).expect("an export parses");
        assert_eq!(again.sources, file.sources);
    }
});
