#!/usr/bin/env bash
# bench/engine_bench.sh [SURVEY.json]: the survey engine's figures natively (native-release) and
# in wasm under Node (the web preset's -Os code, as the browser runs it), with the wasm/native ratio.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
survey="${1:-assets/surveys/diz-digital-needs.json}"
scripts/setup >/dev/null
scripts/build native-release web >/dev/null
native=$(build/native-release/canvass_engine_bench "$survey" 5000)
wasm=$(node --no-experimental-fetch build/web/canvass_engine_bench.cjs "$survey" 5000)
echo "native: $native"
echo "wasm:   $wasm"
node -e '
const [n, w] = process.argv.slice(1).map(JSON.parse);
const r = (a, b) => (a / b).toFixed(2);
console.log(`wasm/native: re-evaluate median ${r(w.reevaluate_us.median, n.reevaluate_us.median)}x, parse+validate+load median ${r(w.parse_validate_load_ms.median, n.parse_validate_load_ms.median)}x`);
' "$native" "$wasm"
