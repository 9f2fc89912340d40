#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer, then runs each for a bounded time
# (FUZZ_SECONDS, default 30) from the seed corpus. Exits non-zero on the first crash and leaves
# the input that caused it in Fuzz/Crashes/: copy it into Tests/Regressions/fuzz/ so the tests
# replay it for ever after.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-30}
# A crash is reported by libFuzzer and AddressSanitizer; the Swift backtracer would only add noise.
export SWIFT_BACKTRACE=enable=no

swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld \
  --product FuzzPageDecoder
swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld \
  --product FuzzUpgradeTime

mkdir -p Crashes
status=0
for target in page-decoder upgrade-time; do
  case $target in
    page-decoder) binary=FuzzPageDecoder ;;
    upgrade-time) binary=FuzzUpgradeTime ;;
  esac
  # libFuzzer adds what it finds to its first corpus folder: a scratch copy, not the seeds.
  work=$(mktemp -d)
  cp Corpus/$target/* "$work"/
  echo "== fuzz $target for ${seconds}s"
  log=$(mktemp)
  if ! .build-fuzz/release/$binary "$work" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="Crashes/$target-" >"$log" 2>&1 </dev/null; then
    status=1
  fi
  grep -E "^(Done|stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb)|ERROR|SUMMARY|Test unit written" "$log" || true
  rm -f "$log"
  rm -rf "$work"
done
if ls Crashes/* >/dev/null 2>&1; then
  echo "fuzzing found crashes: $(ls Crashes)" >&2
  status=1
fi
exit $status
