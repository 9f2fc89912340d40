#!/usr/bin/env bash
# Times live collection from the simulator with --parallel 1 and --parallel N, best of RUNS each,
# runs interleaved, and checks both give the same reports.
#
# usage: Benchmarks/parallel.sh [DEVICES] [PARALLEL] [LATENCY_MS] [RUNS]
#   defaults: 200000 devices, --parallel 8, 50 ms a device-list answer, 3 runs
# It records night 0 of the simulator's fleet in a fresh history (the split points come from
# it), then times night 1 against a copy of that history for each run, with the default formats
# (FORMATS=csv,html,xml times without the workbook).
# environment:
#   FORMATS      --formats for the timed runs (default: the default night's, all four)
#   FOTA_REPORT  the binary to time (default: a release build of this checkout)
#   SIMULATOR    the simulator to serve it (default: a release build of this checkout)
set -euo pipefail

devices=${1:-200000}
parallel=${2:-8}
latency=${3:-50}
runs=${4:-3}
here=$(cd "$(dirname "$0")/.." && pwd)

if [[ -z ${FOTA_REPORT:-} || -z ${SIMULATOR:-} ]]; then
  (cd "$here" && swift build -c release --product fota-report >&2 && swift build -c release --product thingspace-simulator >&2)
fi
bin=$(cd "$here" && swift build -c release --show-bin-path)
fota_report=${FOTA_REPORT:-$bin/fota-report}
simulator_bin=${SIMULATOR:-$bin/thingspace-simulator}
formats=()
[[ -n ${FORMATS:-} ]] && formats=(--formats "$FORMATS")

scratch=$(mktemp -d)
simulator=""
stop() { [[ -n $simulator ]] && kill "$simulator" 2>/dev/null && wait "$simulator" 2>/dev/null || true; simulator=""; }
trap 'stop; rm -rf "$scratch"' EXIT

# Starts the simulator with "$@", waits for its banner, and sets $url.
start() {
  "$simulator_bin" --port 0 --devices "$devices" "$@" >"$scratch/simulator.out" 2>"$scratch/simulator.err" &
  simulator=$!
  for _ in $(seq 200); do
    url=$(sed -n 's/^ThingSpace simulator listening on \(http:[^ ]*\) .*/\1/p' "$scratch/simulator.out")
    [[ -n $url ]] && return
    sleep 0.05
  done
  echo "error: the simulator did not start" >&2
  cat "$scratch/simulator.err" >&2
  exit 1
}

export THINGSPACE_CLIENT_ID=demo-client THINGSPACE_CLIENT_SECRET=demo-secret
export THINGSPACE_USERNAME=demo-user THINGSPACE_PASSWORD=demo-password
account=0242078698-00001
run() { # run NAME PARALLEL AS_OF
  "$fota_report" run --account "$account" --base-url "$url" --history "$scratch/$1.sqlite" \
    --out "$scratch/$1" --as-of "$3" --parallel "$2" --templates "$here/Templates" --log-level warning \
    "${formats[@]}"
}

start
run night0 1 2026-11-01 >/dev/null
stop
start --night 1 --latency-ms "$latency"

best_1=""; best_n=""
less() { [[ -z $2 ]] || awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
for ((i = 1; i <= runs; i++)); do
  for p in 1 "$parallel"; do
    rm -rf "$scratch/p$p" "$scratch/p$p.sqlite"*
    cp "$scratch/night0.sqlite" "$scratch/p$p.sqlite"
    started=$(date +%s.%N)
    run "p$p" "$p" 2026-11-02 >/dev/null
    t=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    echo "run $i --parallel $p: $t s" >&2
    if [[ $p == 1 ]]; then less "$t" "$best_1" && best_1=$t; else less "$t" "$best_n" && best_n=$t; fi
  done
done
stop

for f in "$scratch/p1"/*.csv; do
  cmp -s "$f" "$scratch/p$parallel/$(basename "$f")" || { echo "error: $(basename "$f") differs" >&2; exit 1; }
done
requests() { sed -n 's/^    "requests" : \([0-9]*\),$/\1/p' "$1/run.json" | head -1; }
printf 'night 1 of %s devices, %s ms a page, formats %s, reports identical\n' "$devices" "$latency" \
  "${FORMATS:-default}"
printf -- '--parallel 1:  %6.2f s best of %d, %s requests\n' "$best_1" "$runs" "$(requests "$scratch/p1")"
printf -- '--parallel %s:  %6.2f s best of %d, %s requests\n' "$parallel" "$best_n" "$runs" "$(requests "$scratch/p$parallel")"
awk -v a="$best_1" -v b="$best_n" 'BEGIN { printf "speed-up:      %6.1fx\n", a / b }'
