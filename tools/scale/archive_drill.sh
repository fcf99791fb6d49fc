#!/usr/bin/env bash
# The archive drill of docs/scale.md, on one machine:
#  1. 200 phantom studies, five of them broken in five ways (plant_broken_studies.py);
#  2. `ich analyze --batch` over the folder, killed with SIGKILL once about half the rows are in
#     its journal, then started again with the same command: 195 result rows and 5 error rows,
#     each study once, and the rate printed;
#  3. the same folder through the Spark job (`AnalyzeArchive` from the application jar, local[2]),
#     compared row by row with the batch's results.csv (CompareTables.java; timings aside).
# Usage: tools/scale/archive_drill.sh <new work folder> [model folder]
# Without a model, one is trained for one epoch (time and failures do not depend on the weights).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mkdir -p "$1" && cd "$1" && pwd)"
ich="$root/ich"
count=200

"$ich" phantoms --count "$count" --out "$work/cohort" --raters 0
model="${2:-$work/model}"
[ -n "${2:-}" ] || "$ich" train --manifest "$work/cohort/manifest.csv" --out "$model" --epochs 1
python3 "$root/tools/scale/plant_broken_studies.py" "$work/cohort/studies"

journal="$work/batch/results.journal.csv"
"$ich" analyze --model "$model" --out "$work/batch" --batch "$work/cohort/studies" &
run=$!
rows() { if [ -f "$journal" ]; then wc -l <"$journal"; else echo 0; fi; }
while [ "$(rows)" -le $((count / 2)) ]; do
  kill -0 $run 2>/dev/null || { echo "the run ended before it could be killed" >&2; exit 1; }
  sleep 0.2
done
kill -KILL $run 2>/dev/null || true
wait $run 2>/dev/null || true
echo "killed with $(($(rows) - 1)) rows in the journal"
"$ich" analyze --model "$model" --out "$work/batch" --batch "$work/cohort/studies"

python3 - "$work/batch/results.csv" <<'PY'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
keys = collections.Counter(r["study"] for r in rows)
status = collections.Counter(r["status"] for r in rows)
print(f"results.csv: {len(rows)} rows, {len(keys)} studies, {status['ok']} ok, {status['error']} error")
for r in rows:
    if r["status"] == "error":
        print(f"  {r['study'].rsplit('/', 1)[-1]}: {r['error_code']}")
sys.exit(0 if len(rows) == len(keys) == 200 and status["error"] == 5 else 1)
PY

# The Spark job over the same studies, from the application jar (ich-spark-assembly) on a class
# path of Spark's own jars, as spark-submit runs it: a manifest of the batch's study keys.
(echo study; ls -d "$work/cohort/studies"/*) >"$work/spark-manifest.csv"
(cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests -pl ich-spark-assembly -am package)
assembly="$(ls "$root"/ich-spark-assembly/target/ich-spark-assembly-*.jar | grep -v original)"
cluster="$(cat "$root"/ich-spark-assembly/target/cluster.classpath):$(cat "$root"/ich-spark-assembly/target/cluster-logging.classpath)"
flags=$(sed -n 's:.*<spark.jvm.args>\(.*\)</spark.jvm.args>.*:\1:p' "$root/pom.xml")
# shellcheck disable=SC2086 # the flags are words
time SPARK_LOCAL_IP=127.0.0.1 java $flags -Dspark.master='local[2]' -Dspark.ui.enabled=false \
    -cp "$assembly:$cluster" dev.ich.spark.AnalyzeArchive --manifest "$work/spark-manifest.csv" \
    --model "$model" --out "$work/spark.parquet" --partitions 8
# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 java $flags -cp "$assembly:$cluster" "$root/tools/scale/CompareTables.java" \
    "$work/batch/results.csv" "$work/spark.parquet"
