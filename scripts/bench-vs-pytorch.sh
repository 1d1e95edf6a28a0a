#!/usr/bin/env bash
# Side-by-side training speed of Matterhorn for Java and plain PyTorch, measured in one run on one machine:
#   example 1 (spiking MLP, T=32, B=256)        Java `bench`       vs torch_reference_mlp.py
#   example 4 conv model (T=8, B=32)            Java `bench-conv`  vs torch_reference_conv.py, at each input density
#   the original's full setting (T=128, B=128, density 0.02), with the Java program's peak resident memory
# against two PyTorch builds: Debian's python3-torch (1.13) and the PyTorch 2.x CPU wheel in a venv. Each run
# pairs Java with both PyTorch builds, interleaved (Java, Debian, wheel, Java, ...), and gives one ratio: Java over
# the faster PyTorch of that run. With REPEAT runs per workload the script prints each program's median and the
# ratio's minimum, median and maximum over the runs; headline figures quote the minimum. The Java programs warm up
# until the JIT compiler is quiet (at least their --warmup steps; they print a `warm-up:` line), so that both sides
# are timed in their steady state: the PyTorch programs time their second epoch or after 3 warm-up steps.
#
# Usage: scripts/bench-vs-pytorch.sh [--setup] [--skip-build]
#   --setup       install what is missing: `apt-get install python3-torch libopenblas0-pthread` (needs root)
#                 and the venv
#   --skip-build  do not rebuild the Java modules (use the last build)
# Environment: SHARED (folder of the reference programs, default scripts/reference), VENV (default
#   .bench/torch2-venv), THREADS (default 2, all programs), CONV_DENSITIES (default "0.2 0.02"), MLP_EPOCHS (default
#   2; the torch script's last epoch counts), REPEAT (default 5 runs per workload), LONG (default 1: also the
#   T=128, B=128, density 0.02 workload; 0 skips it), LONG_STEPS (default 3 training steps per PyTorch run of it),
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
shared=${SHARED:-scripts/reference}
venv=${VENV:-.bench/torch2-venv}
threads=${THREADS:-2}
densities=${CONV_DENSITIES:-0.2 0.02}
mlp_epochs=${MLP_EPOCHS:-2}
repeat=${REPEAT:-5}
long=${LONG:-1}
long_steps=${LONG_STEPS:-3}
java_wait=${JAVA_OMP_WAIT_POLICY:-PASSIVE}
mlp_ref=$shared/torch_reference_mlp.py
conv_ref=$shared/torch_reference_conv.py
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
# package the reactor (incremental) and write the examples' class path in the same session, so sibling modules
# resolve to this checkout's build, not to whatever ~/.m2 holds
goals="dependency:build-classpath"
[ "$build" = 1 ] && goals="package $goals"
mvn -B -q -pl matterhorn-examples -am -DskipTests $goals -Dmdep.outputFile="$cp_file" >/dev/null
classpath="$PWD/matterhorn-examples/target/classes:$(cat "$cp_file")"
# Snapshot this project's own class-path entries, so that a build running beside the benchmark (which replaces
# jars in target/ and ~/.m2) cannot swap classes under a running program.
snapshot=$(mktemp -d)
snap_cp=""
IFS=: read -ra entries <<< "$classpath"
for e in "${entries[@]}"; do
  case "$e" in
    "$PWD"/*|*/io/matterhorn/*)
      dest="$snapshot/$(printf '%03d' ${#snap_cp})-$(basename "$e")"
      cp -r "$e" "$dest"
      e="$dest" ;;
  esac
  snap_cp="${snap_cp:+$snap_cp:}$e"
done
classpath="$snap_cp"

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
# Java rate over the faster of the two PyTorch rates: ratio JAVA DEBIAN WHEEL
ratio() {
  awk -v j="$1" -v a="$2" -v b="$3" 'BEGIN {f = (a > b) ? a : b; printf "%.3f", j / f}'
}
# Peak resident set of the Java program of the long workload, in MiB, read from GNU time's report.
peak_file=$(mktemp)
trap 'rm -rf "$cp_file" "$peak_file" "$snapshot"' EXIT
java_run_peak() {
  /usr/bin/time -f "peak_rss_kib %M" -o "$peak_file" env OMP_NUM_THREADS="$threads" OMP_WAIT_POLICY="$java_wait" \
    java -Dmatterhorn.threads="$threads" -cp "$classpath" io.matterhorn.examples.Main "$@"
}

results=()
# run_workload NAME: REPEAT interleaved runs of the three commands in JAVA_CMD, DEB_CMD, VENV_CMD (arrays)
run_workload() {
  local name=$1 i r peaks=()
  local j=() a=() b=() q=()
  for ((i = 0; i < repeat; i++)); do
    j+=("$(rate "${JAVA_CMD[@]}")")
    if [ "${JAVA_CMD[0]}" = java_run_peak ]; then
      peaks+=("$(awk '/peak_rss_kib/ {printf "%.0f", $2 / 1024}' "$peak_file")")
    fi
    a+=("$(rate "${DEB_CMD[@]}")")
    b+=("$(rate "${VENV_CMD[@]}")")
    q+=("$(ratio "${j[-1]}" "${a[-1]}" "${b[-1]}")")
  done
  echo "$name runs: java ${j[*]} / debian ${a[*]} / venv ${b[*]} / ratio ${q[*]}${peaks:+ / java peak MiB ${peaks[*]}}" >&2
  local lo hi peak="-"
  lo=$(printf '%s\n' "${q[@]}" | sort -g | head -1)
  hi=$(printf '%s\n' "${q[@]}" | sort -g | tail -1)
  [ ${#peaks[@]} -gt 0 ] && peak=$(printf '%s\n' "${peaks[@]}" | sort -g | tail -1)
  results+=("$name $(median "${j[@]}") $(median "${a[@]}") $(median "${b[@]}") $lo $(median "${q[@]}") $hi $peak")
}

JAVA_CMD=(java_run bench)
DEB_CMD=("$debian_python" "$mlp_ref" "$idx" "$mlp_epochs" "$threads")
VENV_CMD=("$venv/bin/python" "$mlp_ref" "$idx" "$mlp_epochs" "$threads")
run_workload example1
for d in $densities; do
  # rounds of 10 steps after 20 warm-up steps: each Java round times the same 10 steps as the PyTorch script's one
  # window (the default rounds of 5 steps, a quarter of a second, moved by 20% when a GC pause or a JIT
  # compilation fell into one)
  JAVA_CMD=(java_run bench-conv --time-steps 8 --batch 32 --density "$d" --warmup 20 --steps 10 --rounds 5)
  DEB_CMD=("$debian_python" "$conv_ref" 8 32 10 "$d" "$threads")
  VENV_CMD=("$venv/bin/python" "$conv_ref" 8 32 10 "$d" "$threads")
  run_workload "conv_T8_B32_density$d"
done
if [ "$long" = 1 ]; then
  JAVA_CMD=(java_run_peak bench-conv --time-steps 128 --batch 128 --density 0.02 --warmup 2 --steps 2 --rounds 3)
  DEB_CMD=("$debian_python" "$conv_ref" 128 128 "$long_steps" 0.02 "$threads")
  VENV_CMD=("$venv/bin/python" "$conv_ref" 128 128 "$long_steps" 0.02 "$threads")
  run_workload conv_T128_B128_density0.02
fi

echo "date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $repeat" \
  "interleaved runs per workload, load after the run: $(cut -d' ' -f1-3 /proc/loadavg), $torch_versions"
echo "samples/s are medians over the runs; ratio = Java / faster PyTorch of the same run: min, median, max"
printf '%-28s %9s %9s %9s %9s %9s %9s %9s\n' workload java debian wheel ratio_min ratio_med ratio_max peak_MiB
for r in "${results[@]}"; do
  set -- $r
  printf '%-28s %9.1f %9.1f %9.1f %8.2fx %8.2fx %8.2fx %9s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8"
done
