#!/usr/bin/env sh
# Builds benchmarks/target/benchmarks.jar and runs every scenario, writing benchmarks/results/latest.{md,json}.
# Usage: ./benchmarks/run.sh [--quick] [--latency=0|5|20|50] [--only=loading,refresh,parameterstore,jmh,faults,memory,cold,boot]
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -pl benchmarks -am -Pbench -DskipTests package
exec java -Xmx1g -jar benchmarks/target/benchmarks.jar "$@"
