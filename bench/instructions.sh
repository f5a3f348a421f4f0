#!/usr/bin/env bash
# bench/instructions.sh [KICKOFF...]: instructions per account, counted by callgrind, a figure that moves by up to
# 1% between runs (the two workers meet first-time costs in their own order) where times move by 20%. Builds a
# 120-account book (the sample northwind-support profile, only account: changed) and prints, for each build named
# (default: this one in release mode), the instructions of Pipeline.build (one account from profile to its four
# files in memory) divided by 120.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
command -v valgrind >/dev/null || { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }
swift build -c release --product kickoff >/dev/null
swift build -c release --product kickoff-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
WORK=$(mktemp -d /dev/shm/kickoff-instructions.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$BIN/kickoff-bench" copies 120 "$WORK/book" plans/northwind-support.yaml
cp -r flows "$WORK/book/"
for exe in "${@:-$BIN/kickoff}"; do
  # valgrind 3.19 cannot read this toolchain's debug information: count a copy without it.
  strip -g -o "$WORK/kickoff" "$exe"
  rm -rf "$WORK/out"
  # Hashing seeded alike in every run: with a random seed, dictionaries collide differently and the count moves
  # by about 1%.
  SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" "$WORK/kickoff" build "$WORK/book/plans" \
    --out "$WORK/out" -qq --as-of 2026-11-23 --templates templates >/dev/null 2>&1
  total=$(callgrind_annotate --inclusive=yes "$WORK/callgrind.out" 2>/dev/null | awk '/PipelineC5build9profileAt/ && !found {gsub(",", "", $1); print $1; found = 1}')
  echo "$exe: $((total / 120)) instructions per account in Pipeline.build"
done
