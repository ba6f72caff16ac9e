# Sourced by ./dev: screenshots of the real app, served with the simulator, for the README.
take_screenshots() {
  setup_all
  build_release
  build_sim_server
  local port=18080 out=docs/screenshots
  mkdir -p "$out"
  step "Starting the simulator on 127.0.0.1:$port"
  "$CARGO_TARGET_DIR/release/jobdeck-sim" --port "$port" --static dist --demo-sources --jobs 300 --refresh 2 --arrival-ms 400 >/dev/null 2>&1 &
  local sim=$!
  trap 'kill $sim 2>/dev/null' RETURN
  sleep 1
  local base="http://127.0.0.1:$port"
  first() { curl -s -H "Authorization: Bearer $1-token" "$base/$1$2" | python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$3"; }
  local osapi_id cluedin_id tines_id charts_id
  osapi_id=$(first osapi "/job?status=partial_failure&limit=1" "d['items'][0]['id']")
  cluedin_id=$(first cluedin "/api/v1/jobs?page=0&take=1&state=Failed" "d['Items'][0]['Id']")
  tines_id=$(first tines "/api/v1/admin/retry_jobs?per_page=1" "d['admin/retry_jobs'][0]['id']")
  charts_id=$(first charts "/api/portal/v1/jobs?limit=200" "[j for j in d['jobs'] if j['steps'] and j['logs']][0]['id']")
  shot() {
    step "Screenshot $1"
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
      --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --hide-scrollbars \
      --window-size="$3" --virtual-time-budget=9000 ${4:-} --screenshot="$out/$1.png" "$base$2" >/dev/null 2>&1
  }
  shot overview / 1300,820
  shot table "/sources/osapi?per_page=25" 1300,1000
  shot detail-cluedin "/sources/cluedin/jobs/$cluedin_id" 1300,1500
  shot detail-osapi "/sources/osapi/jobs/$osapi_id" 1300,1300
  shot detail-vector-charts "/sources/charts/jobs/$charts_id" 1300,1300
  shot detail-tines "/sources/tines/jobs/$tines_id?state=retry" 1300,700
  shot settings /settings 1300,900
  # Dark as the system asks (the default "system" theme); the toggle picks one for good.
  shot overview-dark / 1300,820 --force-dark-mode
  shot table-dark "/sources/charts?per_page=25" 1300,1000 --force-dark-mode
  step "Screenshots written to $out/"
}
