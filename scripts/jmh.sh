#!/usr/bin/env bash
# Runs the JMH microbenchmarks of one module (they live in its test sources, see docs/benchmarks.md).
#
# Usage: scripts/jmh.sh MODULE [JMH options]
#   scripts/jmh.sh matterhorn-native                       # every benchmark of the module
#   scripts/jmh.sh matterhorn-native -l                    # list them
#   scripts/jmh.sh matterhorn-native LifKernel -p backend=java,native,cuda
#   scripts/jmh.sh matterhorn-core StdpUpdate -f 1 -wi 2 -i 3 -rf json -rff stdp.json
# JMH options: java -jar jmh.jar -h lists them (-f forks, -wi/-i warm-up and measurement iterations, -w/-r their
# seconds, -p name=v1,v2 parameters, -prof gc, -rf/-rff result file).
# Environment: MVN_ARGS, extra Maven options (e.g. "-o -Djavacpp.platform=linux-x86_64").
#
# It compiles the module and the modules it depends on from this tree (main and test sources; no install),
# writes the test class path to MODULE/target/jmh-classpath.txt and starts JMH's own launcher on it; JMH forks
# a fresh JVM for every benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
module=${1:?usage: scripts/jmh.sh MODULE [JMH options]}
shift
if [[ ! -f "$module/pom.xml" ]]; then
  echo "no module '$module' (one of: $(ls -d matterhorn-*/ | tr -d / | tr '\n' ' '))" >&2
  exit 2
fi
# shellcheck disable=SC2086
mvn -B -q ${MVN_ARGS:-} -pl "$module" -am -DskipTests test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh-classpath.txt
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java_cmd" -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/jmh-classpath.txt")" \
  org.openjdk.jmh.Main "$@"
