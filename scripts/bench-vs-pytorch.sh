#!/usr/bin/env bash
# Side-by-side training speed of Matterhorn for Java and plain PyTorch, measured in one run on one machine:
#   example 1 (spiking MLP, T=32, B=256)   Java `bench`       vs torch_reference_mlp.py
#   example 4 conv model (T=8, B=32)       Java `bench-conv`  vs torch_reference_conv.py, at each input density
# against two PyTorch builds: Debian's python3-torch (1.13) and the PyTorch 2.x CPU wheel installed into a venv
# from pip's configured wheel folder (`pip config list`). Prints every figure, then one ratio line per
# (workload, PyTorch) pair and the ratio to the faster PyTorch.
#
# Usage: scripts/bench-vs-pytorch.sh [--setup] [--skip-build]
#   --setup       install what is missing: `apt-get install python3-torch libopenblas0-pthread` (needs root)
#                 and the venv
#   --skip-build  do not rebuild the Java modules (use the last build)
# Environment: SHARED (default ../shared), VENV (default .bench/torch2-venv), THREADS (default 2, all four
#   programs), CONV_DENSITIES (default "0.2 0.02"), MLP_EPOCHS (default 2; the torch script's last epoch counts),
#   REPEAT (default 1): run each workload's three programs REPEAT times, interleaved (Java, Debian, venv, Java,
#   ...), and take each program's median, so that a slow phase of the machine hits all three alike;
#   JAVA_OMP_WAIT_POLICY (default PASSIVE): OMP_WAIT_POLICY of the Java programs, Matterhorn's recommended
#   setting: OpenMP threads sleep instead of spinning after a parallel region. In one Java process three thread
#   pools share the cores (ND4J's libnd4j and the native kernels on OpenMP, the Java kernels on a fork-join
#   pool), and spinning OpenMP threads take CPU from the Java workers; measured +10-20% for the Java programs.
#   The PyTorch programs run with the environment as it is (their default, spinning), which measured faster
#   for Debian's torch than PASSIVE.
set -euo pipefail
cd "$(dirname "$0")/.."
setup=0
build=1
for a in "$@"; do
  case "$a" in
    --setup) setup=1 ;;
    --skip-build) build=0 ;;
    *) echo "unknown option $a (expected --setup, --skip-build)" >&2; exit 2 ;;
  esac
done
shared=${SHARED:-../shared}
venv=${VENV:-.bench/torch2-venv}
threads=${THREADS:-2}
densities=${CONV_DENSITIES:-0.2 0.02}
mlp_epochs=${MLP_EPOCHS:-2}
repeat=${REPEAT:-1}
java_wait=${JAVA_OMP_WAIT_POLICY:-PASSIVE}
mlp_ref=$shared/bench/torch_reference_mlp.py
conv_ref=$shared/bench/torch_reference_conv.py
idx=matterhorn-data/src/main/resources/io/matterhorn/data/mnist10k
for f in "$mlp_ref" "$conv_ref"; do
  [ -f "$f" ] || { echo "reference script not found: $f (set SHARED)" >&2; exit 2; }
done

debian_python=/usr/bin/python3
# Debian's torch calls the generic libblas.so.3. Without OpenBLAS (apt with recommends off installs only libblas3,
# the single-threaded reference BLAS) its matrix products run several times slower: the cause of the wrong
# 407-410 samples/s figure once quoted for PyTorch. libopenblas0-pthread takes over libblas.so.3 when installed.
if ! "$debian_python" -c 'import torch' 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  if [ "$setup" = 1 ]; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-torch libopenblas0-pthread
  else
    echo "Debian's python3-torch or libopenblas0-pthread is missing: run with --setup" \
      "(or apt-get install python3-torch libopenblas0-pthread)" >&2
    exit 2
  fi
fi
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)
case "$blas" in
  *openblas*) ;;
  *) echo "warning: libblas.so.3 is $blas, not OpenBLAS; Debian's torch will be slow" \
       "(update-alternatives --config libblas.so.3-x86_64-linux-gnu)" >&2 ;;
esac
if ! "$venv/bin/python" -c 'import torch' 2>/dev/null; then
  if [ "$setup" = 1 ]; then
    "$debian_python" -m venv "$venv" && "$venv/bin/pip" install torch
  else
    echo "no PyTorch 2.x venv at $venv: run with --setup (creates it and pip-installs torch)" >&2; exit 2
  fi
fi

cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
# package the reactor (incremental) and write the examples' class path in the same session, so sibling modules
# resolve to this checkout's build, not to whatever ~/.m2 holds
goals="dependency:build-classpath"
[ "$build" = 1 ] && goals="package $goals"
mvn -B -q -pl matterhorn-examples -am -DskipTests $goals -Dmdep.outputFile="$cp_file" >/dev/null
classpath="$PWD/matterhorn-examples/target/classes:$(cat "$cp_file")"

# Last "samples_per_s N" value of a command's output (the output also goes to stderr for the log; tee appends,
# so a log file given as stderr is not truncated by each command).
rate() {
  local r
  r=$("$@" 2>&1 | tee -a /dev/stderr | awk '{for (i = 1; i < NF; i++) if ($i == "samples_per_s") r = $(i + 1)} END {print r}')
  [ -n "$r" ] || { echo "no samples_per_s figure from: $*" >&2; exit 1; }
  echo "$r"
}
java_run() {
  OMP_NUM_THREADS="$threads" OMP_WAIT_POLICY="$java_wait" java -Dmatterhorn.threads="$threads" -cp "$classpath" io.matterhorn.examples.Main "$@"
}

echo "machine: $(nproc) cores, $(uname -m), load: $(cut -d' ' -f1-3 /proc/loadavg)," \
  "libblas.so.3: $blas, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, OMP_WAIT_POLICY java=$java_wait torch=${OMP_WAIT_POLICY:-default}" >&2
torch_versions="debian:$($debian_python -c 'import torch; print(torch.__version__)') venv:$("$venv/bin/python" -c 'import torch; print(torch.__version__)')"
echo "pytorch: $torch_versions" >&2

# Median of the numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

results=()
j=(); a=(); b=()
for ((i = 0; i < repeat; i++)); do
  j+=("$(rate java_run bench)")
  a+=("$(rate "$debian_python" "$mlp_ref" "$idx" "$mlp_epochs" "$threads")")
  b+=("$(rate "$venv/bin/python" "$mlp_ref" "$idx" "$mlp_epochs" "$threads")")
done
echo "example1 runs: java ${j[*]} / debian ${a[*]} / venv ${b[*]}" >&2
results+=("example1 $(median "${j[@]}") $(median "${a[@]}") $(median "${b[@]}")")
for d in $densities; do
  j=(); a=(); b=()
  for ((i = 0; i < repeat; i++)); do
    j+=("$(rate java_run bench-conv --time-steps 8 --batch 32 --density "$d")")
    a+=("$(rate "$debian_python" "$conv_ref" 8 32 10 "$d" "$threads")")
    b+=("$(rate "$venv/bin/python" "$conv_ref" 8 32 10 "$d" "$threads")")
  done
  echo "conv density $d runs: java ${j[*]} / debian ${a[*]} / venv ${b[*]}" >&2
  results+=("conv_T8_B32_density$d $(median "${j[@]}") $(median "${a[@]}") $(median "${b[@]}")")
done

echo "date: $(date -u +%Y-%m-%dT%H:%MZ), repeat $repeat (medians), load after the run: $(cut -d' ' -f1-3 /proc/loadavg), $torch_versions"
printf '%-28s %10s %12s %12s %14s %14s %14s\n' workload java torch_debian torch_venv ratio_debian ratio_venv ratio_faster
for r in "${results[@]}"; do
  set -- $r
  awk -v w="$1" -v j="$2" -v a="$3" -v b="$4" 'BEGIN {
    f = (a > b) ? a : b
    printf "%-28s %10.1f %12.1f %12.1f %13.2fx %13.2fx %13.2fx\n", w, j, a, b, j / a, j / b, j / f }'
done
