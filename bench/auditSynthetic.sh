#!/bin/bash
# Issue 18's targets on the default model: for each generator seed, the synthetic set written as CSV,
# `train --data` with the defaults, `export --cam --attributions ...`, `audit --truth`; prints each
# audit's summary and keeps every audit.json under bench/results/audit-synthetic/seedN.json.
#   npm run bench:audit-synthetic -w bench [-- 1 2 3 4 5]
# AUDIT_WORK=DIR keeps the data sets and runs there and trains only the seeds without a run (to re-audit).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli="node $here/../cli/bin/spectracam.js"
if [ -n "${AUDIT_WORK:-}" ]; then work=$AUDIT_WORK; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$here/results/audit-synthetic"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
for s in "${@:-1 2 3 4 5}"; do
  for seed in $s; do
    d="$work/seed$seed"
    if [ ! -f "$d/run/run.json" ]; then
      $cli synth --seed "$seed" --out "$d/data" > /dev/null
      $cli train --data "$(ls "$d"/data/*.csv | head -1)" --out "$d/run" > "$d/train.log" 2>&1
    fi
    csv=$(ls "$d"/data/*.csv | head -1)
    $cli export "$d/run" --out "$d/model.onnx" --cam --attributions gradient,gradient-x-input,guided-gradcam,contribution > /dev/null
    echo "seed $seed: $(grep -m1 'accuracy:' "$d/train.log" | xargs)"
    $cli audit "$d/model.onnx" "$csv" --truth "$d/data/ground-truth.json" --out "$d/audit" 2>&1 | grep -v '^\s*$' | grep -v "top region on the truth" | tail -6
    cp "$d/audit/audit.json" "$here/results/audit-synthetic/seed$seed.json"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
