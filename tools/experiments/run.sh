#!/bin/bash
# Compiles and runs TrainExperiment against the built modules (run ./ich once first).
# Usage: tools/experiments/run.sh key=value ...   (see TrainExperiment.java)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cp=$(cat "$here/../../ich-samples/target/ich.classpath")
classes=$(mktemp -d)
javac -cp "$cp" -d "$classes" "$here/TrainExperiment.java"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.cache/ich/djl}" TORCH_CPP_LOG_LEVEL=ERROR
java -Dai.djl.offline=true -cp "$cp:$classes" TrainExperiment "$@"
