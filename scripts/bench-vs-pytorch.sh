#!/usr/bin/env bash
# Measures example 1's training speed in Java and in the plain-PyTorch reference script in the same run, and
# prints both figures and their ratio. Needs Debian's python3-torch (apt-get install python3-torch).
# Usage: scripts/bench-vs-pytorch.sh [path/to/torch_reference_mlp.py] [path/to/mnist10k]
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-../shared/bench/torch_reference_mlp.py}
idx=${2:-matterhorn-data/src/main/resources/io/matterhorn/data/mnist10k}
[ -f "$ref" ] || { echo "reference script not found: $ref" >&2; exit 2; }
mvn -B -q -DskipTests install
java_rate=$(mvn -B -q -pl matterhorn-examples exec:java -Dexec.args="bench" | tee /dev/stderr \
  | awk '/^samples_per_s/ {print $2}' | tail -1)
# The reference prints one line per epoch; its second epoch is past start-up costs.
torch_rate=$(/usr/bin/python3 "$ref" "$idx" 2 2 | tee /dev/stderr | awk '{for (i = 1; i < NF; i++) if ($i == "samples_per_s") r = $(i + 1)} END {print r}')
echo "java_samples_per_s $java_rate"
echo "pytorch_samples_per_s $torch_rate"
awk -v j="$java_rate" -v t="$torch_rate" 'BEGIN {printf "ratio_java_over_pytorch %.2f\n", j / t}'
