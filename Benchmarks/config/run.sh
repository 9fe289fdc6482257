#!/bin/sh
# Builds the main.cf parse/plan/diff benchmark in release mode and runs it.
# Usage: Benchmarks/config/run.sh   (from anywhere; exits 1 when a budget is missed)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scratch="$root/.build-bench-config"
swift build -c release --package-path "$here" --scratch-path "$scratch"
exec "$scratch/release/ConfigBenchmark"
