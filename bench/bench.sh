#!/usr/bin/env sh
# Runs the benchmarks: bench/bench.sh [--quick] [grpc|kafka|operator|startup|tracing ...]
# Builds what they need first; prints a table and writes bench/target/results.json.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
echo "bench: building..." >&2
./mvnw -B -q -pl bench,runtime-image,examples/hello -am package -DskipTests
exec java -Dproject.root="$ROOT" -jar bench/target/bench.jar "$@"
