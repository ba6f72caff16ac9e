# Sourced by ./dev: runs every cargo-fuzz target for a bounded time, seeded with the fixtures.
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets this machine's stable toolchain accept
# them. No sanitizer: jobdeck-core is safe Rust, what we look for is panics.
run_fuzz() {
  local seconds="${1:-60}"
  if have cargo-fuzz; then step "cargo-fuzz: present"; else step "Installing cargo-fuzz"; cargo install cargo-fuzz --locked; fi
  local targets=(vendor_lists vendor_details counts_plans sources_json time_formats)
  local failed=() log
  for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    cp core/tests/fixtures/*.json "fuzz/corpus/$t/"
    cp core/tests/fuzz-regressions/* "fuzz/corpus/$t/" 2>/dev/null || true
    step "Fuzzing $t for ${seconds}s"
    log=$(mktemp)
    # A target that does not build, or crashes, fails the run (its exit status, not its output).
    if (cd fuzz && RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz" cargo fuzz run "$t" -s none -- -max_total_time="$seconds" >"$log" 2>&1); then
      grep -E '^Done' "$log" || true
    else
      grep -E '^(==|SUMMARY)|panicked|Test unit written|^error' "$log" | head -20 || true
      failed+=("$t")
    fi
    rm -f "$log"
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "Failed to build or crashed: ${failed[*]}. A crashing input is in fuzz/artifacts/: fix the parser, then copy the input into core/tests/fuzz-regressions/ (core's tests replay them)."
    return 1
  fi
  step "No crash in ${#targets[@]} targets"
}

# Soak: long 1-second refresh with random faults (not part of ./dev test).
run_soak() {
  local minutes="${1:-30}"
  setup_all
  build_release_measure
  step "Soak run for $minutes minutes"
  JOBDECK_MEASURE_DIST="$PWD/dist-measure" cargo run --release -q -p jobdeck-e2e --bin soak -- "$minutes"
}

# Benchmark: the release bundle measured in headless Chromium against the simulator.
# `./dev bench profile [load]`: the V8 profiler over 200-row page changes (or overview loads), on
# a copy of the bundle that keeps wasm function names. `./dev bench render|load|memory N`: one
# part of the benchmark only.
run_bench() {
  setup_all
  build_release
  build_release_measure
  if [ "${1:-}" = profile ]; then
    build_profile_dist
    step "Profiling (self time per function)"
    JOBDECK_DIST="$PWD/dist-profile" cargo run --release -q -p jobdeck-e2e --bin bench -- "$@"
    return
  fi
  step "Benchmark (prints a table, writes bench-results/bench.json)"
  JOBDECK_DIST="$PWD/dist" cargo run --release -q -p jobdeck-e2e --bin bench -- "$@"
}

# dist/ again, with wasm-bindgen and wasm-opt keeping the function names the profiler shows.
build_profile_dist() {
  step "Copying dist/ to dist-profile/ with wasm function names kept"
  rm -rf dist-profile && cp -r dist dist-profile
  python3 scripts/release.py split dist-profile --keep-names
  # The files changed, so their subresource-integrity hashes no longer hold.
  sed -i 's/ integrity="[^"]*"//g' dist-profile/*.html
}
