#!/usr/bin/env bash
# make bench: Kickoff's speed and memory, with ratios, in one run on this machine. Release build.
#   1. one account end to end, in-process, against libcmark alone on the same plan.md
#   2. a book of BOOK accounts (the sample northwind-support profile, only account: changed), fresh and
#      unchanged, with its output on tmpfs (/dev/shm) and on disk side by side, against the file-system floor
#      (bench/fsfloor.c: Kickoff's own system calls without the rendering), and CPU per plan against the cmark CLI
#   3. memory: peak RSS of fresh builds of MEMORY_SMALL and MEMORY_LARGE accounts
#   4. scaling: flows of 100 to 10,000 steps (dependent and independent), profiles of 1 to 1,000 goals
#   5. kickoff status and kickoff today over the MEMORY_LARGE book
#   6. kickoff serve over SERVE accounts: the dashboard served, and an edit to a profile served rebuilt
# BASELINE=path/to/an/earlier/kickoff adds that build's fresh figures on the same tmpfs book to section 2, three
# runs alternating with this build's, with the ratio, so that a change is measured against its predecessor in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
BOOK=${BOOK:-2000}
MEMORY_SMALL=${MEMORY_SMALL:-1000}
MEMORY_LARGE=${MEMORY_LARGE:-10000}
SERVE=${SERVE:-1000}
THREADS=$(nproc)
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
need() { command -v "$1" >/dev/null || { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine; need cmark cmark; need cc gcc; [ -x /usr/bin/time ] || need /usr/bin/time time

swift build -c release --product kickoff >/dev/null
swift build -c release --product kickoff-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
cc -O2 -pthread -o .build/fsfloor bench/fsfloor.c 2>/dev/null

# Every measured run writes into a folder of its own: creating files right after a large rm -rf is slow on
# ext4 for about half a minute, so old runs are deleted first, and the inputs are made before any timing.
DISK=.build/bench
SHM=/dev/shm/kickoff-bench
rm -rf "$DISK" "$SHM"
mkdir -p "$DISK" "$SHM"
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
ms() { python3 -c "print(f'{$1 * 1000:.3f}')"; }
run=0
timed() { # timed FOLDER ARGS...: runs kickoff build into a new folder under FOLDER; sets seconds, cpu, kib, out
  run=$((run + 1)); out="$1/out-$run"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$DISK/time.txt" "$BIN/kickoff" build "$@" --out "$out" -qq --as-of 2026-11-23 --templates templates
  read -r seconds user system kib < "$DISK/time.txt"
  cpu=$(python3 -c "print($user + $system)")
}

echo "== machine"
echo "cpus: $THREADS, memory: $(free -g | awk '/Mem:/ {print $2}') GiB, $(swift --version 2>&1 | head -1), libcmark $(pkg-config --modversion libcmark)"
echo "disk: $(df -h . | awk 'NR==2 {print $1 " " $2}') ($(stat -f -c %T .)), tmpfs: $(df -h /dev/shm | awk 'NR==2 {print $2}')"

echo
echo "== 1. one account in-process (plans/acme-outdoor.yaml): Kickoff's whole pipeline vs libcmark alone"
"$BIN/kickoff-bench" pipeline plans/acme-outdoor.yaml templates > "$DISK/pipeline.txt"
whole=$(awk '/one_account_seconds/ {print $2}' "$DISK/pipeline.txt")
cmark_only=$(awk '/cmark_only_seconds/ {print $2}' "$DISK/pipeline.txt")
echo "kickoff pipeline (load profile, plan, md, html, json, ics): $(ms "$whole") ms"
echo "libcmark alone on the same plan.md:                        $(ms "$cmark_only") ms   ratio $(ratio "$whole" "$cmark_only")"

echo
echo "== 2. a book of $BOOK accounts (northwind-support, only account: changed), $THREADS threads"
for where in "$SHM" "$DISK"; do
  "$BIN/kickoff-bench" copies "$BOOK" "$where/book" plans/northwind-support.yaml
  cp -r flows "$where/book/"
done
sync; sleep 2
printf '%-8s %10s %10s %12s %12s %14s\n' where fresh/s unchanged/s floor/s fresh/floor "cpu ms/plan"
for where in "$SHM" "$DISK"; do
  timed "$where" "$where/book/plans"; fresh=$seconds; fresh_cpu=$cpu; fresh_user=$user; fresh_out=$out
  /usr/bin/time -f '%e %U %S %M' -o "$DISK/time.txt" "$BIN/kickoff" build "$where/book/plans" --out "$fresh_out" -qq --as-of 2026-11-23 --templates templates
  read -r unchanged _ _ _ < "$DISK/time.txt"
  run=$((run + 1))
  floor=$(/usr/bin/time -f '%U %S' -o "$DISK/floor-time.txt" .build/fsfloor "$where/book/plans" "$where/floor-$run" "$fresh_out/account-00000" "$THREADS")
  read -r floor_user floor_system < "$DISK/floor-time.txt"
  name=$([ "$where" = "$SHM" ] && echo tmpfs || echo disk)
  printf '%-8s %10.0f %10.0f %12.0f %12s %14s\n' "$name" "$(python3 -c "print($BOOK/$fresh)")" "$(python3 -c "print($BOOK/$unchanged)")" \
    "$(python3 -c "print($BOOK/$floor)")" "$(ratio "$floor" "$fresh")" "$(python3 -c "print(f'{$fresh_cpu / $BOOK * 1000:.2f}')")"
  [ "$where" = "$SHM" ] && sample="$fresh_out/account-00000" && shm_cpu=$fresh_cpu && shm_user=$fresh_user
  [ "$where" = "$DISK" ] && disk_floor=$floor && disk_floor_cpu=$(python3 -c "print($floor_user + $floor_system)")
done
echo "(fresh/floor: the share of the file system's own speed Kickoff reaches; 1.00 is the floor itself)"
# The floor is the system calls alone; the rendering (the fresh tmpfs build's user CPU) runs on the same cores.
# A build takes at least the floor's time, and at least the floor's CPU and the rendering's spread over the cores:
# the share of the floor it can reach is the floor's time over the larger of the two (waiting on the disk
# overlaps with rendering; the file system's CPU work does not).
echo "rendering alone: $shm_user s of CPU; the disk floor: $disk_floor s, $disk_floor_cpu s of CPU; on $THREADS cores fresh/floor on disk can reach about $(python3 -c "print(f'{$disk_floor / max($disk_floor, ($disk_floor_cpu + $shm_user) / $THREADS):.2f}')")"
if [ -n "${BASELINE:-}" ]; then
  # The disk runs above leave the kernel writing the book back for a while, which slows whatever runs next: let
  # it finish, then alternate the two builds three times each, so that neither gets the quieter moments.
  sync; sleep 2
  for round in 1 2 3; do
    for build in baseline this; do
      exe=$([ "$build" = baseline ] && echo "$BASELINE" || echo "$BIN/kickoff")
      run=$((run + 1)); out="$SHM/out-$run"
      /usr/bin/time -f '%e %U %S %M' -o "$DISK/time.txt" "$exe" build "$SHM/book/plans" --out "$out" -qq --as-of 2026-11-23 --templates templates
      read -r seconds user system kib < "$DISK/time.txt"
      echo "$build $seconds $(python3 -c "print($user + $system)")" >> "$DISK/baseline.txt"
      rm -rf "$out"
    done
  done
  for build in baseline this; do
    read -r rate per_plan <<< "$(awk -v b="$build" -v n="$BOOK" '$1 == b {s += $2; c += $3; k++} END {printf "%.0f %.3f", n * k / s, c / k / n * 1000}' "$DISK/baseline.txt")"
    printf '%-9s fresh on tmpfs, 3 alternating runs: %6s plans/s, %s ms CPU per plan\n' "$build" "$rate" "$per_plan"
    eval "${build}_cpu=$per_plan"
  done
  echo "CPU per plan, baseline / this build: $(ratio "$baseline_cpu" "$this_cpu")"
fi
hyperfine -N --warmup 20 --min-runs 200 --export-json "$DISK/cmark.json" "cmark --safe $sample/plan.md" >/dev/null
cmark_cli=$(python3 -c "import json; print(json.load(open('$DISK/cmark.json'))['results'][0]['mean'])")
per_plan=$(python3 -c "print($shm_cpu / $BOOK)")
echo "cmark CLI on one plan.md: $(ms "$cmark_cli") ms; Kickoff's CPU per plan: $(ms "$per_plan") ms; ratio $(ratio "$per_plan" "$cmark_cli")"
echo "targets: fresh >= 2000/s on tmpfs, unchanged >= 10000/s, disk >= 0.8 of the floor, CPU per plan <= 3x the cmark CLI"

echo
echo "== 3. memory: peak RSS of a fresh build (tmpfs)"
for size in "$MEMORY_SMALL" "$MEMORY_LARGE"; do
  "$BIN/kickoff-bench" copies "$size" "$SHM/memory-$size" plans/northwind-support.yaml
  cp -r flows "$SHM/memory-$size/"
done
for size in "$MEMORY_SMALL" "$MEMORY_LARGE"; do
  timed "$SHM" "$SHM/memory-$size/plans"
  eval "kib_$size=$kib"
  printf '%6d accounts: %6.2f s, %6.1f MiB peak\n' "$size" "$seconds" "$(python3 -c "print($kib/1024)")"
done
small=$(eval echo "\$kib_$MEMORY_SMALL"); large=$(eval echo "\$kib_$MEMORY_LARGE")
echo "ratio $MEMORY_LARGE / $MEMORY_SMALL accounts: $(ratio "$large" "$small")  (target: within 1.10); growth: $(python3 -c "print(round(($large - $small) * 1024 / ($MEMORY_LARGE - $MEMORY_SMALL)))") bytes an account"
book_out=$out
/usr/bin/time -f '%e %U %S %M' -o "$DISK/time.txt" "$BIN/kickoff" build "$SHM/memory-$MEMORY_LARGE/plans" --out "$book_out" -qq --as-of 2026-11-23 --templates templates
read -r seconds _ _ _ < "$DISK/time.txt"
echo "rebuild of the $MEMORY_LARGE unchanged accounts, with the book's dashboard: $seconds s"

echo
echo "== 5. the book over $MEMORY_LARGE accounts: kickoff status and kickoff today (tmpfs)"
for command in status today; do
  /usr/bin/time -f '%e %M' -o "$DISK/time.txt" "$BIN/kickoff" "$command" "$SHM/memory-$MEMORY_LARGE/plans" --out "$book_out" --as-of 2026-12-15 >/dev/null
  read -r seconds kib < "$DISK/time.txt"
  printf '%-7s %6.2f s, %6.1f MiB peak\n' "$command" "$seconds" "$(python3 -c "print($kib/1024)")"
done
echo "target: under 2 s each"

echo
echo "== 6. kickoff serve over $SERVE accounts (tmpfs)"
"$BIN/kickoff-bench" copies "$SERVE" "$SHM/serve" plans/northwind-support.yaml
cp -r flows "$SHM/serve/"
python3 bench/serve_bench.py "$BIN/kickoff" "$SHM/serve/plans" templates "$SHM/serve/out"

echo
echo "== 4. scaling (in-process, plan and render)"
"$BIN/kickoff-bench" scaling templates | while read -r key value; do
  case "$key" in
    *exponent) printf '%-48s %.2f\n' "$key" "$value" ;;
    *) printf '%-48s %10.2f ms\n' "$key" "$(python3 -c "print($value*1000)")" ;;
  esac
done
echo "target: time per plan grows no worse than n log n (exponent about 1.1 or less over this range)"
rm -rf "$SHM"
