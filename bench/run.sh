#!/usr/bin/env bash
# make bench: Kickoff's speed and memory, with ratios, in one run on this machine. Builds in release mode.
#   1. one account end to end, in-process (flow loaded once, as in a batch) vs libcmark alone on the same plan.md
#   2. a book of BOOK_SIZE generated accounts (default 10,000) from a cold process, writing all outputs:
#      accounts per second and peak memory, with smaller books to show memory does not grow with the book
#   3. the same plan.md through the cmark CLI and pandoc, against `kickoff build` of one account (hyperfine)
#   4. scaling: flows of 100, 1,000, 10,000 steps and profiles of 1 to 1,000 goals, with the fitted exponent
set -euo pipefail
cd "$(dirname "$0")/.."
BOOK_SIZE=${BOOK_SIZE:-10000}
WORK=.build/bench
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
need() { command -v "$1" >/dev/null || { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine; need pandoc pandoc; need cmark cmark; [ -x /usr/bin/time ] || need /usr/bin/time time

swift build -c release --product kickoff >/dev/null
swift build -c release --product kickoff-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
rm -rf "$WORK" && mkdir -p "$WORK"
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

echo "== machine"
echo "cpus: $(nproc), memory: $(free -g | awk '/Mem:/ {print $2}') GiB, $(swift --version 2>&1 | head -1), libcmark $(pkg-config --modversion libcmark)"

echo
echo "== 1. one account in-process (plans/acme-outdoor.yaml): Kickoff's whole pipeline vs libcmark alone"
"$BIN/kickoff-bench" pipeline plans/acme-outdoor.yaml templates > "$WORK/pipeline.txt"
whole=$(awk '/one_account_seconds/ {print $2}' "$WORK/pipeline.txt")
cmark_only=$(awk '/cmark_only_seconds/ {print $2}' "$WORK/pipeline.txt")
printf 'kickoff pipeline (load profile, plan, md, html, json, ics): %.3f ms\n' "$(python3 -c "print($whole*1000)")"
printf 'libcmark alone on the same plan.md (%s bytes):          %.3f ms\n' "$(awk '/markdown_bytes/ {print $2}' "$WORK/pipeline.txt")" "$(python3 -c "print($cmark_only*1000)")"
echo "ratio kickoff / libcmark: $(ratio "$whole" "$cmark_only")  (target: at most 3)"

echo
echo "== 2. a book of accounts, cold process, writing every output"
for size in $((BOOK_SIZE / 4)) $((BOOK_SIZE / 2)) "$BOOK_SIZE"; do
  rm -rf "$WORK/book" && mkdir -p "$WORK/book" && cp -r flows "$WORK/book/"
  "$BIN/kickoff-bench" book "$size" "$WORK/book"
  sync
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$BIN/kickoff" build "$WORK/book/plans" --out "$WORK/book/out" --quiet --as-of 2026-11-23 --templates templates
  read -r seconds kib < "$WORK/time.txt"
  built=$(find "$WORK/book/out" -mindepth 1 -maxdepth 1 -type d | wc -l)
  printf '%6d accounts: %6.2f s, %7.0f accounts/s, peak memory %6.1f MiB (%d folders written)\n' "$size" "$seconds" \
    "$(python3 -c "print($size/$seconds)")" "$(python3 -c "print($kib/1024)")" "$built"
done
echo "target: at least 2000 accounts/s on this machine; memory flat in the number of accounts"
/usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$BIN/kickoff" build "$WORK/book/plans" --out "$WORK/book/out" --quiet --as-of 2026-11-23 --templates templates
read -r seconds kib < "$WORK/time.txt"
printf 'rebuild of %d unchanged accounts: %.2f s, %.0f accounts/s (nothing rewritten)\n' "$BOOK_SIZE" "$seconds" "$(python3 -c "print($BOOK_SIZE/$seconds)")"

echo
echo "== 3. the same Markdown through the tools a user would otherwise reach for (whole process, hyperfine)"
mkdir -p "$WORK/one"
hyperfine --warmup 3 --min-runs 20 --export-json "$WORK/hyperfine.json" \
  --prepare "rm -rf $WORK/one/out" \
  -n kickoff "$BIN/kickoff build plans/acme-outdoor.yaml --out $WORK/one/out --quiet --as-of 2026-11-23 --templates templates" \
  -n cmark "cmark --safe $WORK/plan.md" \
  -n pandoc "pandoc -f commonmark -t html $WORK/plan.md" >/dev/null
python3 - "$WORK/hyperfine.json" <<'PY'
import json, sys
results = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
k = results["kickoff"]
for name in ("kickoff", "cmark", "pandoc"):
    print(f"{name:8s} {results[name]*1000:8.2f} ms   ratio to kickoff {results[name]/k:6.2f}")
print("(kickoff does all four outputs from the YAML; cmark and pandoc only turn plan.md into HTML)")
PY

echo
echo "== 4. scaling (in-process, plan and render)"
"$BIN/kickoff-bench" scaling templates | while read -r key value; do
  case "$key" in
    *exponent) printf '%-48s %.2f\n' "$key" "$value" ;;
    *) printf '%-48s %10.2f ms\n' "$key" "$(python3 -c "print($value*1000)")" ;;
  esac
done
echo "target: time per plan grows no worse than n log n (exponent about 1.1 or less over this range)"
