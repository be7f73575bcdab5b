#!/usr/bin/env bash
# Runs the BoTorch reference problems one after another (never two at once), seeds 0-9, under nice -n 10.
# Output: botorch_<problem>_q<q>.jsonl in $OUT (default: this folder); a re-run skips the seeds already there.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-$here}
mkdir -p "$out" && cd "$out"
. /tmp/sextant-botorch-env.sh
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
run() {  # PROBLEM INIT ITERS Q
  echo "$(date -u +%FT%TZ) start $* load $(cut -d' ' -f1-3 /proc/loadavg)"
  nice -n 10 /usr/bin/python3 "$here/suite_reference.py" "$1" "$2" "$3" "$4" 0 9 --out "botorch_$1_q$4.jsonl"
  echo "$(date -u +%FT%TZ) end $* rc $?"
}
run six-hump-camel 5 25 1
run branin 5 6 4
run griewank5 10 40 1
run cosine8 16 40 1
run levy10 20 40 1
run ackley20 40 40 1
run hartmann6 10 10 4
echo "$(date -u +%FT%TZ) queue done"
