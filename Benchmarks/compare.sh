#!/usr/bin/env bash
# Times fota-report against ../shared/bench/python_fast.py on the same saved pages, best of 3 each,
# runs interleaved (Python, Swift, Python, Swift, ...) so both see the same machine, and prints both
# times, the ratio and each side's peak RSS; fota-report twice: with the reports python_fast.py
# makes (CSV, HTML, XML) and with the default formats (report.xlsx too), the default night.
#
# python_fast.py stops on the few malformed records a real night (and the demo fleet) holds, so it
# runs through python_fast_shim.py, which hands it those pages made safe; see that file.
#
# usage: Benchmarks/compare.sh PAGES_DIR [RUNS]
#   PAGES_DIR  saved pages, e.g. from
#              fota-report run --demo --demo-devices 1000000 --save-pages DIR --no-history --no-plan
#   RUNS       runs of each (default 3)
# environment:
#   PYTHON       the interpreter with orjson (default: python3)
#   PYTHON_FAST  the competitor (default: ../shared/bench/python_fast.py beside this checkout)
#   FOTA_REPORT  the binary to time (default: a release build of this checkout, built when missing)
set -euo pipefail

usage() { echo "usage: $0 PAGES_DIR [RUNS]" >&2; exit 64; }
[[ $# -ge 1 && $# -le 2 ]] || usage
pages=$(cd "$1" && pwd) || { echo "error: no folder $1" >&2; exit 64; }
runs=${2:-3}
[[ $runs =~ ^[1-9][0-9]*$ ]] || usage

here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
competitor=${PYTHON_FAST:-$here/../shared/bench/python_fast.py}
[[ -f $competitor ]] || { echo "error: no $competitor (set PYTHON_FAST)" >&2; exit 64; }
"$python" -c 'import orjson' 2>/dev/null || { echo "error: $python has no orjson (set PYTHON)" >&2; exit 64; }
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2; exit 64; }

if [[ -z ${FOTA_REPORT:-} ]]; then
  (cd "$here" && swift build -c release --product fota-report >&2)
  FOTA_REPORT=$(cd "$here" && swift build -c release --show-bin-path)/fota-report
fi

# 2026-11-01T00:00:00Z, the same instant for both.
as_of_day=2026-11-01
as_of_ms=1793491200000

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# One timed run: prints "seconds peak-kB"; the command's own output is discarded.
timed() {
  /usr/bin/time -f '%e %M' -o "$scratch/time" "$@" >/dev/null 2>"$scratch/stderr" || {
    echo "error: failed: $*" >&2
    cat "$scratch/stderr" >&2
    exit 1
  }
  cat "$scratch/time"
}

# True when $1 < $2, or $2 is empty (no best yet).
less() { [[ -z $2 ]] || awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

best_py=""; best_swift=""; best_default=""; rss_py=0; rss_swift=0; rss_default=0
for ((i = 1; i <= runs; i++)); do
  rm -rf "$scratch/py" "$scratch/swift"
  read -r t m < <(timed "$python" "$here/Benchmarks/python_fast_shim.py" "$competitor" "$pages" "$scratch/py" "$as_of_ms")
  echo "run $i python_fast.py  ${t} s  ${m} kB" >&2
  less "$t" "$best_py" && best_py=$t
  ((m > rss_py)) && rss_py=$m
  # The reports python_fast.py's are compared with: CSV, HTML, XML and run.json (report.xlsx,
  # which it has no counterpart of, is timed on its own; see the README).
  read -r t m < <(timed "$FOTA_REPORT" run --from-pages "$pages" --out "$scratch/swift" --no-history --no-plan \
    --formats csv,html,xml --as-of "$as_of_day" --templates "$here/Templates")
  echo "run $i fota-report     ${t} s  ${m} kB" >&2
  less "$t" "$best_swift" && best_swift=$t
  ((m > rss_swift)) && rss_swift=$m
  # The default night: every format.
  rm -rf "$scratch/default"
  read -r t m < <(timed "$FOTA_REPORT" run --from-pages "$pages" --out "$scratch/default" --no-history --no-plan \
    --as-of "$as_of_day" --templates "$here/Templates")
  echo "run $i fota-report, default formats  ${t} s  ${m} kB" >&2
  less "$t" "$best_default" && best_default=$t
  ((m > rss_default)) && rss_default=$m
done

devices=$(sed -n 's/^  "devices" : \([0-9]*\),$/\1/p' "$scratch/swift/run.json")
printf 'pages:          %s (%s devices)\n' "$pages" "$devices"
printf 'python_fast.py: %6.2f s best of %d, peak RSS %d MB\n' "$best_py" "$runs" $((rss_py / 1024))
printf 'fota-report:    %6.2f s best of %d, peak RSS %d MB\n' "$best_swift" "$runs" $((rss_swift / 1024))
awk -v p="$best_py" -v s="$best_swift" 'BEGIN { printf "ratio:          %6.1fx faster than python_fast.py\n", p / s }'
printf 'default night:  %6.2f s best of %d, peak RSS %d MB (all formats, report.xlsx too)\n' "$best_default" "$runs" \
  $((rss_default / 1024))
awk -v d="$best_default" -v s="$best_swift" 'BEGIN { printf "workbook cost:  %+6.0f%% over csv,html,xml\n", (d / s - 1) * 100 }'
