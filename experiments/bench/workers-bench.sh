#!/usr/bin/env bash
# Many workers, one study: `sextant run` plus 0 or 3 `sextant worker` processes (2 threads each; the workers start
# as soon as the run has opened the store, with --wait) on one campaign, on an H2 file and on
# PostgreSQL (an embedded server from the store's test classpath unless PG_URL is given). Prints one Markdown row per
# run: wall time (with every JVM's start-up), trials, duplicate points, trials/s, the campaign span (first trial created
# to last trial finished, i.e. without start-up) and trials/s over it, generation-lease wait (summed over all waiting
# threads, and the longest single wait), generation seconds per trial (GP fit + acquisition optimisation).
#   experiments/bench/workers-bench.sh [TRIALS=80] [SLEEPS="0.2 1"] [WORKERS="1 4"] [DBS="h2 pg"] [KEEP=1] [WORKERS_FIRST=1]
# (settings are environment variables; KEEP=1 keeps each run's logs, campaign and exported trials and prints where).
# WORKERS_FIRST=1: the way a cluster scheduler runs them — the workers start first (`sextant worker --wait`), and
# `sextant run` only once every worker has said it waits for the study and has warmed its generator up
# ("sextant worker: generator warmed up", at most 180 s); the wall time then counts from the start of `sextant run`,
# the JVM CPU column only what the JVMs used from then on, and a last column the CPU seconds the waiting workers used
# before (start-up and warm-up). The cold mode (default) starts the workers right after the run has opened the store.
# Run from the repository root on a quiet machine; it builds what is missing first (`./sextant --help`), then runs
# that build through the launcher without its source check (SEXTANT_NO_BUILD=1), so editing sources during a run does
# not rebuild in the middle of it. Each run also samples every JVM's CPU time by thread kind (jvm-cpu.py, kept as
# cpu.json with KEEP=1) and prints the CPU seconds of all JVMs together.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TRIALS=${TRIALS:-80}; SLEEPS=${SLEEPS:-"0.2 1"}; WORKERS=${WORKERS:-"1 4"}; DBS=${DBS:-"h2 pg"}
work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-workers-bench.XXXXXX")
cd "$root"
./sextant --help > /dev/null   # builds once if the sources changed; the runs below use that build directly
# the launcher without its source check (SEXTANT_NO_BUILD): the same JVM options as users get (the class-data archive)
sx() { SEXTANT_NO_BUILD=1 "$root/sextant" "$@"; }
pg_pid=""
cleanup() { [ -n "$pg_pid" ] && kill "$pg_pid" 2>/dev/null; if [ -n "${KEEP:-}" ]; then echo "runs kept in $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
pg_url=${PG_URL:-}
if [[ " $DBS " == *" pg "* && -z "$pg_url" ]]; then
  mvn -o -q -B -pl store -am test-compile dependency:build-classpath -Dmdep.outputFile="$work/store-cp.txt" \
      -Dmdep.includeScope=test > /dev/null
  mkfifo "$work/pg-in"
  java -cp "store/target/classes:store/target/test-classes:$(cat "$work/store-cp.txt")" \
      dev.sextant.store.bench.EmbeddedPostgresServer < "$work/pg-in" > "$work/pg-url" 2> "$work/pg.log" &
  pg_pid=$!
  exec 9> "$work/pg-in"
  for _ in $(seq 1 120); do [ -s "$work/pg-url" ] && break; sleep 0.5; done
  pg_url=$(head -1 "$work/pg-url")
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
first=${WORKERS_FIRST:-}
if [ -n "$first" ]; then
  echo "| database | workers × threads | evaluator | trials | wall s (from run start) | duplicates | trials/s (wall) | campaign span s | trials/s (span) | lease wait s (sum, max) | generation s/trial | JVM CPU s from run start (all; JIT) | waiting workers' CPU s before the run |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
else
  echo "| database | workers × threads | evaluator | trials | wall s | duplicates | trials/s (wall) | campaign span s | trials/s (span) | lease wait s (sum, max) | generation s/trial | JVM CPU s (all; JIT) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
fi
for db in $DBS; do
  for sleep_s in $SLEEPS; do
    for n in $WORKERS; do
      name="bench-${db}-${n}w-${sleep_s//./_}s-$RANDOM"
      run="$work/$name"; mkdir -p "$run"
      url=$([ "$db" = h2 ] && echo "jdbc:h2:file:$run/db" || echo "$pg_url")
      cat > "$run/eval.sh" <<'SH'
cat > /dev/null
sleep "$SLEEP"
awk -v x="$SEXTANT_PARAM_X" -v y="$SEXTANT_PARAM_Y" -v k="$SEXTANT_PARAM_K" \
  'BEGIN { printf "{\"loss\": %.6f}\n", (x - 0.3) ^ 2 + (y - 0.6) ^ 2 + 0.1 * k }'
SH
      cat > "$run/campaign.yaml" <<YAML
name: $name
seed: 1
parameters:
  - {name: x, type: float, low: 0.0, high: 1.0}
  - {name: y, type: float, low: 0.0, high: 1.0}
  - {name: k, type: int, low: 1, high: 4}
objective: {metric: loss, goal: minimize}
budget: {trials: $TRIALS}
batch: 1
parallelism: 2
generation: {initial: 8, raw_samples: 512, restarts: 4, mc_samples: 128}
evaluator:
  command: [sh, eval.sh]
  env: {SLEEP: "$sleep_s"}
  timeout: 5m
YAML
      python3 "$root/experiments/bench/jvm-cpu.py" "$name" "$run/cpu.json" "$run/cpu.stop" &
      sampler=$!
      pids=()
      if [ -n "$first" ]; then
        # workers first, one after the other (not several opening a fresh H2 file at once), each until it waits
        for w in $(seq 2 "$n"); do
          sx worker --study "$name" --db "$url" --no-progress --wait 10m > "$run/w$w.log" 2>&1 &
          pids+=($!)
          for _ in $(seq 1 600); do grep -q "^sextant worker: waiting" "$run/w$w.log" 2>/dev/null && break; sleep 0.1; done
        done
        for w in $(seq 2 "$n"); do
          for _ in $(seq 1 1800); do grep -q "^sextant worker: generator warmed up" "$run/w$w.log" 2>/dev/null && break; sleep 0.1; done
        done
      fi
      start=$(date +%s.%N)
      sx run "$run/campaign.yaml" --db "$url" --no-progress > "$run/w0.log" 2>&1 &
      pids+=($!)
      if [ -z "$first" ]; then
        # the workers start as soon as the run has opened the store (not all four opening a fresh H2 file at once),
        # and wait there for the study (--wait)
        for _ in $(seq 1 600); do grep -q "^sextant: campaign" "$run/w0.log" 2>/dev/null && break; sleep 0.1; done
        for w in $(seq 2 "$n"); do
          sx worker --study "$name" --db "$url" --no-progress --wait 5m > "$run/w$w.log" 2>&1 &
          pids+=($!)
        done
      fi
      for p in "${pids[@]}"; do wait "$p" || true; done
      end=$(date +%s.%N)
      touch "$run/cpu.stop"; wait "$sampler" || true
      sx export --study "$name" --db "$url" --format json --out "$run/trials.json" > /dev/null 2>&1
      python3 - "$run" "$db" "$n" "$sleep_s" "$start" "$end" "$first" <<'PY'
import json, sys, glob, re
from datetime import datetime
run, db, n, sleep_s, start, end, first = sys.argv[1:8]
wall = float(end) - float(start)
data = json.load(open(run + "/trials.json"))
trials = data["trials"] if isinstance(data, dict) else data
live = [t for t in trials if t.get("state") != "ABANDONED"]
points = [json.dumps(t.get("parameters"), sort_keys=True) for t in live]
dups = len(points) - len(set(points))
gen = [t.get("generation") or {} for t in live]
ts = lambda v: datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp()
span = max(ts(t["updated"]) for t in live) - min(ts(t["created"]) for t in live)
# one generator call records its fit and optimisation seconds on every trial it proposed: count each call once
calls = {(g.get("fit_seconds"), g.get("optimize_seconds"), json.dumps(g.get("hyperparameters"), sort_keys=True))
         for g in gen if g.get("fit_seconds") is not None}
gsec = sum((f or 0) + (o or 0) for f, o, _ in calls)
waits, longest = 0.0, 0.0
for log in glob.glob(run + "/w*.log"):
    m = re.search(r"generation lease: taken \d+ times, waited ([0-9.]+) s in all \(longest ([0-9.]+) s\)", open(log).read())
    if m:
        waits += float(m.group(1)); longest = max(longest, float(m.group(2)))
# CPU seconds of every JVM of the run (user + system, all threads), and of their JIT compiler threads
cpu, jit, before = float("nan"), float("nan"), 0.0
try:
    sampled = json.load(open(run + "/cpu.json"))
    procs = sampled["procs"].values()
    cpu = sum(p["cpu"] for p in procs)
    jit = sum(p["by_kind"].get("jit-c1", 0) + p["by_kind"].get("jit-c2", 0) for p in procs)
    if first:
        # workers first: what the waiting JVMs had used when the run started (their CPU series, about once a second;
        # the JIT threads' share of it is not sampled over time, so the JIT column stays the whole run's)
        at = float(start) - sampled["t0"]
        for p in procs:
            seen = [c for t, c in p.get("series", []) if t <= at]
            before += seen[-1] if seen else 0.0
        cpu -= before
except (OSError, ValueError, KeyError):
    pass
row = (f"| {'H2 file' if db == 'h2' else 'PostgreSQL'} | {n} × 2{', workers first' if first else ''} | sleep {sleep_s} s | "
       f"{len(live)} | {wall:.1f} | {dups} | {len(live) / wall:.2f} | {span:.1f} | {len(live) / span:.2f} | "
       f"{waits:.1f}, {longest:.1f} | {gsec / max(1, len(live)):.3f} | {cpu:.1f}; {jit:.1f} |")
print(row + (f" {before:.1f} |" if first else ""))
PY
    done
  done
done
