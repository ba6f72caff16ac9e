# Shared steps for ./dev. Sourced, not run. Each install step checks first and prints what it does.

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
BINARYEN_VERSION=132.0.0
AXE_VERSION=4.14.1
TERSER_VERSION=5.51.2
LIGHTNINGCSS_VERSION=1.33.0
LEPTOSFMT_VERSION=0.1.33
TOOLS_DIR="${JOBDECK_TOOLS_DIR:-$HOME/.cache/jobdeck-tools}"
export PATH="$TOOLS_DIR/binaryen/node_modules/.bin:$TOOLS_DIR/minify/node_modules/.bin:$TOOLS_DIR/wasm-split/bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
# One target directory for every build (the machine has 2 cores: never build twice).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# The wasm-bindgen version the app is locked to; the CLI must match it exactly.
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "wasm32-unknown-unknown target: present"
  else
    step "Installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if have trunk && trunk --version | grep -q " $TRUNK_VERSION"; then
    step "trunk $TRUNK_VERSION: present"
  else
    # 0.22 needs a newer rustc than this machine has; --locked keeps its tested dependency set.
    step "Installing trunk $TRUNK_VERSION (cargo install, several minutes the first time)"
    cargo install trunk --locked --version "$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen_cli() {
  local want; want=$(locked_wasm_bindgen)
  if have wasm-bindgen && wasm-bindgen --version | grep -q " $want"; then
    step "wasm-bindgen-cli $want: present"
  else
    # Not --locked: its lock file names a webpki-roots version the registry lacks.
    step "Installing wasm-bindgen-cli $want (matches Cargo.lock)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_binaryen() {
  # Debian's binaryen 108 silently breaks the output; npm's binaryen 132 is the one Trunk.toml pins.
  if [ -x "$TOOLS_DIR/binaryen/node_modules/.bin/wasm-opt" ] &&
     "$TOOLS_DIR/binaryen/node_modules/.bin/wasm-opt" --version | grep -q "version 132"; then
    step "wasm-opt (npm binaryen $BINARYEN_VERSION): present"
  else
    step "Installing wasm-opt from npm binaryen@$BINARYEN_VERSION into $TOOLS_DIR/binaryen"
    mkdir -p "$TOOLS_DIR/binaryen"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR/binaryen" "binaryen@$BINARYEN_VERSION"
  fi
}

ensure_minifiers() {
  # The release bundle's JS and CSS are minified by a post-build hook (scripts/release.py (step 2)).
  local dir="$TOOLS_DIR/minify/node_modules"
  if [ -f "$dir/terser/package.json" ] && grep -q "\"version\": \"$TERSER_VERSION\"" "$dir/terser/package.json" &&
     [ -f "$dir/lightningcss-cli/package.json" ] && grep -q "\"version\": \"$LIGHTNINGCSS_VERSION\"" "$dir/lightningcss-cli/package.json"; then
    step "terser $TERSER_VERSION, lightningcss $LIGHTNINGCSS_VERSION: present"
  else
    step "Installing terser $TERSER_VERSION and lightningcss-cli $LIGHTNINGCSS_VERSION from npm into $TOOLS_DIR/minify"
    mkdir -p "$TOOLS_DIR/minify"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR/minify" "terser@$TERSER_VERSION" "lightningcss-cli@$LIGHTNINGCSS_VERSION"
  fi
}

ensure_wasm_split() {
  # Cuts the release wasm into the first-load module and lazily loaded chunks (src/split.rs,
  # scripts/release.py (step 1)). The tool Leptos' own build (cargo-leptos --split) uses.
  if have wasm-split-cli && [ -f "$TOOLS_DIR/wasm-split/version" ] && grep -qx "$WASM_SPLIT_VERSION" "$TOOLS_DIR/wasm-split/version"; then
    step "wasm-split-cli $WASM_SPLIT_VERSION: present"
  else
    step "Installing wasm-split-cli $WASM_SPLIT_VERSION (cargo install wasm_split_cli_support, a few minutes the first time)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --root "$TOOLS_DIR/wasm-split" --force
    echo "$WASM_SPLIT_VERSION" > "$TOOLS_DIR/wasm-split/version"
  fi
}

ensure_axe() {
  # The accessibility checker the end-to-end tests inject into every page.
  if [ -f "$TOOLS_DIR/axe/node_modules/axe-core/axe.min.js" ] &&
     grep -q "\"version\": \"$AXE_VERSION\"" "$TOOLS_DIR/axe/node_modules/axe-core/package.json"; then
    step "axe-core $AXE_VERSION: present"
  else
    step "Installing axe-core $AXE_VERSION from npm into $TOOLS_DIR/axe"
    mkdir -p "$TOOLS_DIR/axe"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR/axe" "axe-core@$AXE_VERSION"
  fi
  export JOBDECK_AXE="$TOOLS_DIR/axe/node_modules/axe-core/axe.min.js"
}

ensure_leptosfmt() {
  # Formats the bodies of view! macros, which rustfmt leaves alone; the test command checks it.
  if have leptosfmt && leptosfmt --version | grep -q " $LEPTOSFMT_VERSION"; then
    step "leptosfmt $LEPTOSFMT_VERSION: present"
  else
    step "Installing leptosfmt $LEPTOSFMT_VERSION (cargo install, a few minutes the first time)"
    cargo install leptosfmt --locked --version "$LEPTOSFMT_VERSION"
  fi
}

ensure_apt() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -eq 0 ]; then
    step "Debian packages present: $*"
  else
    step "Installing Debian packages: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}

ensure_crates_fetched() {
  # Trunk.toml sets offline = true (so trunk never tries to download tools); cargo then needs
  # every crate already in the local registry.
  step "Fetching crates (cargo fetch)"
  cargo fetch --quiet
}

setup_build_tools() {
  ensure_wasm_target
  ensure_binaryen
  ensure_trunk
  ensure_wasm_bindgen_cli
  ensure_wasm_split
  ensure_minifiers
  # The release bundle's precompressed .gz and .br files (scripts/release.py (step 4)).
  ensure_apt zopfli brotli
  ensure_crates_fetched
  ensure_rust_src
}

setup_browser() { ensure_apt chromium chromium-driver; }

# The end-to-end tests also run the shipped proxy configurations and axe-core.
setup_test_tools() { ensure_apt chromium chromium-driver nginx caddy; ensure_axe; ensure_leptosfmt; }

setup_all() { setup_build_tools; setup_test_tools; }

have_rust_src() { [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]; }

ensure_rust_src() {
  # The release bundle rebuilds the standard library (trunk_release); that needs std's source and
  # the crates std depends on, fetched here because Trunk.toml builds offline.
  if have_rust_src; then
    step "rust-src: present"
  else
    step "Installing rust-src (rustup component add rust-src)"
    rustup component add rust-src || echo "rust-src could not be installed: the release bundle will use the prebuilt standard library"
  fi
  if have_rust_src; then
    # For the wasm target: std's wasm-only dependencies (dlmalloc) are left out of a host fetch,
    # and the offline release build then fails on a machine whose registry never saw them.
    step "Fetching the standard library's crates for wasm32 (cargo fetch with build-std)"
    RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort cargo fetch --quiet --target wasm32-unknown-unknown
  fi
}

# trunk build --release, with the standard library rebuilt for the bundle: std compiled at the
# bundle's opt-level "z" with fat LTO across it, and the panic strategy immediate-abort (a panic
# is a wasm trap, with no message formatting or panic locations in the module). Together 247 ->
# 226 KB gzip for the first-load module. These are unstable cargo and rustc options, enabled on
# this pinned stable toolchain with RUSTC_BOOTSTRAP, for this one build only; the debug build
# (`trunk serve`, the wasm-bindgen tests) keeps Rust's normal panics with their messages.
# Without rust-src, or with JOBDECK_PREBUILT_STD=1, it is a plain `trunk build --release`.
trunk_release() {
  if [ -z "${JOBDECK_PREBUILT_STD:-}" ] && have_rust_src; then
    echo "(standard library rebuilt: build-std, panic=immediate-abort)"
    RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
      trunk build index.html --release "$@"
  else
    echo "(prebuilt standard library)"
    trunk build index.html --release "$@"
  fi
}

build_release() {
  step "Building the release bundle (trunk build --release) into dist/"
  trunk_release
}

# The bundle with the `measure` feature (the counting allocator), for the benchmark's and the
# soak run's memory figures.
build_release_measure() {
  step "Building the release bundle with the measure feature into dist-measure/"
  trunk_release --features measure --dist dist-measure
}

# The same bundle for a sub-path (`<base href>` and asset URLs under it), for the deployment test.
build_release_subpath() {
  step "Building the release bundle for the sub-path /ops/jobs/ into dist-subpath/"
  trunk_release --public-url /ops/jobs/ --dist dist-subpath
}

build_sim_server() {
  step "Building the vendor simulator server"
  cargo build --quiet --release -p jobdeck-sim --features server --bin jobdeck-sim
}

run_dashboard() {
  setup_build_tools
  build_release
  build_sim_server
  local port="${PORT:-8080}"
  step "Starting the simulator and the dashboard on http://127.0.0.1:$port/"
  echo "Open http://127.0.0.1:$port/ in a browser. Ctrl-C stops it."
  exec "$CARGO_TARGET_DIR/release/jobdeck-sim" --port "$port" --static dist --demo-sources "$@"
}

# Formatting, lints and the module structure, before any test: each fails the run on its own.
run_gates() {
  step "Gate: formatting (cargo fmt --all --check)"
  cargo fmt --all --check
  step "Gate: formatting of view! bodies (leptosfmt --check)"
  leptosfmt --check src tests
  step "Gate: lints of the native crates (cargo clippy, warnings denied)"
  cargo clippy --quiet -p jobdeck-core -p jobdeck-sim -p jobdeck-e2e --all-targets --features jobdeck-sim/server -- -D warnings
  step "Gate: lints of the wasm32 app (cargo clippy --target wasm32-unknown-unknown, warnings denied)"
  cargo clippy --quiet -p jobdeck --target wasm32-unknown-unknown --all-targets --features measure -- -D warnings
  step "Gate: no import cycle between the app's modules"
  python3 scripts/module-cycles.py src
}

# Runs a cargo test command, keeping its output for the final tally.
tally_run() {
  "$@" 2>&1 | tee -a "$TEST_LOG"
}

run_tests() {
  set -o pipefail
  setup_all
  export CHROMEDRIVER=/usr/bin/chromedriver
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
  TEST_LOG=$(mktemp)
  run_gates
  step "1/3 Native tests: core and sim"
  tally_run cargo test --release -p jobdeck-core -p jobdeck-sim --features jobdeck-sim/server
  step "2/3 Browser tests: wasm-bindgen-test in headless Chromium"
  tally_run cargo test --target wasm32-unknown-unknown -p jobdeck --features measure
  build_release
  build_release_subpath
  step "3/3 End-to-end tests: WebDriver against the release build and the simulator"
  JOBDECK_DIST="$PWD/dist" JOBDECK_SUBPATH_DIST="$PWD/dist-subpath" tally_run cargo test --release -p jobdeck-e2e -- --test-threads=1
  step "All test suites passed"
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       END { printf "jobdeck: %d passed, %d failed\n", p, f }' "$TEST_LOG"
  rm -f "$TEST_LOG"
}
