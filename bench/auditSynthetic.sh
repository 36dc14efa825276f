#!/bin/bash
# Issue 18's targets on the default model: for each generator seed, the synthetic set written as CSV,
# `train --data` with the defaults, `export --cam --attributions ...`, `audit --truth`; prints each
# audit's summary and keeps every audit.json under bench/results/audit-synthetic/seedN.json.
#   npm run bench:audit-synthetic -w bench [-- 1 2 3 4 5]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli="node $here/../cli/bin/spectracam.js"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$here/results/audit-synthetic"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
for s in "${@:-1 2 3 4 5}"; do
  for seed in $s; do
    d="$work/seed$seed"
    $cli synth --seed "$seed" --out "$d/data" > /dev/null
    csv=$(ls "$d"/data/*.csv | head -1)
    $cli train --data "$csv" --out "$d/run" > "$d/train.log" 2>&1
    $cli export "$d/run" --out "$d/model.onnx" --cam --attributions gradient,gradient-x-input,guided-gradcam > /dev/null
    echo "seed $seed: $(grep -m1 'accuracy:' "$d/train.log" | xargs)"
    $cli audit "$d/model.onnx" "$csv" --truth "$d/data/ground-truth.json" --out "$d/audit" 2>&1 | grep -v '^\s*$' | tail -6
    cp "$d/audit/audit.json" "$here/results/audit-synthetic/seed$seed.json"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
