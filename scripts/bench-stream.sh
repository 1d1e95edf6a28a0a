#!/usr/bin/env bash
# Streaming-inference latency of Matterhorn's runtime against plain PyTorch and ONNX Runtime, measured in one run on
# one machine: one time step of ONE stream per call, state carried between calls, for the two networks of
# scripts/reference/torch_reference_stream.py (mlp: example 1's 784-80-10 LIF network; conv: an N-MNIST-sized conv net):
#   Java    `stream-bench --networks mlp,conv` (path `step`: dense input, as the references take it)
#   PyTorch torch_reference_stream.py under Debian's python3-torch (1.13) and the 2.x wheel (venv), 1 and 2 threads
#   ONNX    onnx_reference_stream.py (ONNX Runtime in the venv), 1 and 2 threads
# Every run of the REPEAT rounds runs all programs once, interleaved, so a slow phase of the machine hits them
# alike. Per round the ratios are: p50 ratio = fastest reference p50 / Java p50 (PyTorch: the faster of both
# versions and both thread counts), p99 ratio likewise. The summary gives each ratio's minimum, median and
# maximum over the rounds; quote the minimum.
#
# Usage: scripts/bench-stream.sh [--skip-build]
# Environment: SHARED (folder of the reference programs, default scripts/reference), VENV (default .bench/torch2-venv, with torch, onnx, onnxruntime,
#   onnxscript: see docs/benchmarks.md), REPEAT (default 5), STEPS (default 20000 timed steps per program and run)
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
for a in "$@"; do
  case "$a" in
    --skip-build) build=0 ;;
    *) echo "unknown option $a (expected --skip-build)" >&2; exit 2 ;;
  esac
done
shared=${SHARED:-scripts/reference}
venv=${VENV:-.bench/torch2-venv}
repeat=${REPEAT:-5}
steps=${STEPS:-20000}
torch_ref=$shared/torch_reference_stream.py
onnx_ref=$shared/onnx_reference_stream.py
for f in "$torch_ref" "$onnx_ref"; do
  [ -f "$f" ] || { echo "reference script not found: $f (set SHARED)" >&2; exit 2; }
done
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "Debian's python3-torch is missing (apt-get install python3-torch libopenblas0-pthread)" >&2; exit 2; }
"$venv/bin/python" -c 'import torch, onnxruntime, onnx' 2>/dev/null || {
  echo "no venv with torch, onnx and onnxruntime at $venv (see docs/benchmarks.md, streaming)" >&2; exit 2; }

cp_file=$(mktemp)
log=$(mktemp)
trap 'rm -f "$cp_file" "$log"' EXIT
goals="dependency:build-classpath"
[ "$build" = 1 ] && goals="install $goals"
mvn -B -q -pl matterhorn-examples -am -DskipTests $goals -Dmdep.outputFile="$cp_file" >/dev/null
classpath="$PWD/matterhorn-examples/target/classes:$(cat "$cp_file")"

echo "machine: $(nproc) cores, $(uname -m), load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for ((i = 1; i <= repeat; i++)); do
  echo "round $i" >&2
  java -cp "$classpath" io.matterhorn.examples.Main stream-bench --networks mlp,conv --streams 0 \
    --steps "$steps" 2>/dev/null | grep '^stream' | sed "s/^/round $i java /" | tee -a "$log" >&2
  for net in mlp conv; do
    for th in 1 2; do
      /usr/bin/python3 "$torch_ref" "$net" "$steps" "$th" | sed "s/^/round $i ref /" | tee -a "$log" >&2
      "$venv/bin/python" "$torch_ref" "$net" "$steps" "$th" | sed "s/^/round $i ref /" | tee -a "$log" >&2
      "$venv/bin/python" "$onnx_ref" "$net" "$steps" "$th" 2>/dev/null | grep '^onnxruntime' \
        | sed "s/^/round $i ref /" | tee -a "$log" >&2
    done
  done
done
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), $repeat rounds of $steps steps, load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$log" <<'PY'
import re, statistics, sys
rounds = {}
for line in open(sys.argv[1]):
    f = line.split()
    r = int(f[1])
    d = rounds.setdefault(r, {})
    kv = {f[i]: f[i + 1] for i in range(len(f) - 1) if f[i].endswith("_us") or f[i] == "bytes_per_step"}
    if f[2] == "java":
        net, path = f[4], f[6]
        d[("java", net, path)] = kv
    else:
        engine, version, net, threads = f[3], f[4], f[6], f[8]
        kind = "onnx" if engine == "onnxruntime" else "torch"
        d.setdefault((kind, net), []).append((float(kv["p50_us"]), float(kv["p99_us"]), f"{engine} {version} t{threads}"))
print(f"{'network':8} {'java p50':>9} {'java p99':>9} {'B/step':>7} {'torch p50':>10} {'torch p99':>10} {'onnx p50':>9} "
      f"{'p50 vs torch':>13} {'p99 vs torch':>13} {'p50 vs onnx':>12}")
summary = {}
for r in sorted(rounds):
    d = rounds[r]
    for net in ("mlp", "conv"):
        j = d.get(("java", net, "step"))
        t = d.get(("torch", net))
        o = d.get(("onnx", net))
        if not (j and t and o):
            continue
        jp50, jp99 = float(j["p50_us"]), float(j["p99_us"])
        tp50 = min(x[0] for x in t)
        tp99 = min(x[1] for x in t)
        op50 = min(x[0] for x in o)
        ratios = (tp50 / jp50, tp99 / jp99, op50 / jp50)
        summary.setdefault(net, []).append(ratios)
        print(f"{net:8} {jp50:9.2f} {jp99:9.2f} {float(j['bytes_per_step']):7.2f} {tp50:10.2f} {tp99:10.2f} {op50:9.2f} "
              f"{ratios[0]:12.2f}x {ratios[1]:12.2f}x {ratios[2]:11.2f}x   (round {r})")
print()
for net, rs in summary.items():
    for k, name in enumerate(("p50 vs faster PyTorch", "p99 vs faster PyTorch", "p50 vs ONNX Runtime")):
        v = [x[k] for x in rs]
        print(f"{net:5} {name:22} min {min(v):6.2f}x  median {statistics.median(v):6.2f}x  max {max(v):6.2f}x  ({len(v)} rounds)")
PY
