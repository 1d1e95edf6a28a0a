#!/usr/bin/env bash
# Time per epoch of example 1 on Spark local[1] and local[2] (synchronous, and parameter averaging every 8 steps),
# and of the single-process `mlp` for reference. Run from the repository root; prints the tables and the load.
# Usage: scripts/spark-epoch-times.sh [extra spark-mlp options, e.g. --max-batches 8]
set -euo pipefail
export SPARK_LOCAL_IP=127.0.0.1   # local mode: stay on the loopback interface
mvn -B -q -pl matterhorn-spark -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
OPENS=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' matterhorn-spark/pom.xml)
CP=matterhorn-spark/target/classes:$(cat matterhorn-spark/target/cp.txt)
run() {
  echo "== $* | $(date -u '+%F %T UTC') | $(uptime | sed 's/.*load/load/') | $(nproc) cores"
  java $OPENS -Xmx6g -cp "$CP" "$@" 2>/dev/null | grep -E '^ *[0-9]+ \||^epoch|^Example|^T='
}
run io.matterhorn.spark.examples.SparkMlpExample --master 'local[1]' --epochs 1 "$@"
run io.matterhorn.spark.examples.SparkMlpExample --master 'local[2]' --epochs 1 "$@"
run io.matterhorn.spark.examples.SparkMlpExample --master 'local[2]' --epochs 1 --average 8 "$@"
run io.matterhorn.examples.Main mlp --epochs 1
