#!/bin/bash
# Compiles and runs the experiments against the built modules (run ./ich once first).
# Usage: tools/experiments/run.sh key=value ...          (a training run; see TrainExperiment.java)
#        tools/experiments/run.sh --probe MODEL_DIR [DEMO] (checks of a trained model; ModelProbe.java)
#        tools/experiments/run.sh --score SEL MODEL_DIR...   (MAPE on a selection cohort; SelectionScore.java)
#        tools/experiments/run.sh --bone-shell SEL [T,...]   (blood-like voxels per bone threshold; BoneShell.java)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cp=$(cat "$here/../../ich-cli/target/ich.classpath")
classes=$(mktemp -d)
javac -cp "$cp" -d "$classes" "$here/TrainExperiment.java" "$here/ModelProbe.java" "$here/SelectionScore.java" \
    "$here/BoneShell.java"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.cache/ich/djl}" TORCH_CPP_LOG_LEVEL=ERROR
main=TrainExperiment
case "${1:-}" in
    --probe) main=ModelProbe; shift ;;
    --score) main=SelectionScore; shift ;;
    --bone-shell) main=BoneShell; shift ;;
esac
java -Dai.djl.offline=true -cp "$cp:$classes" "$main" "$@"
