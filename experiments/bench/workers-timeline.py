# Where the time of one workers-bench.sh run went (run it on a run kept with KEEP=1):
#   python3 experiments/bench/workers-timeline.py RUN_DIR
# From RUN_DIR/trials.json (the exported study) and RUN_DIR/cpu.json (jvm-cpu.py): per JVM, when it appeared, when it
# created (or claimed) its first trial, its CPU seconds by thread kind and its generator calls; evaluations in flight
# second by second; generator calls (fit and optimisation seconds, counted once per call) per JVM. Times are seconds
# from the first JVM's appearance. Claimed CANDIDATE trials count from their creation (the store keeps no claim time).
import collections, json, sys
from datetime import datetime

run = sys.argv[1]
trials = json.load(open(run + "/trials.json"))
trials = trials["trials"] if isinstance(trials, dict) else trials
cpu = json.load(open(run + "/cpu.json"))
t0 = cpu["t0"]
ts = lambda v: datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp() - t0
live = [t for t in trials if t.get("state") != "ABANDONED"]
first, last = min(ts(t["created"]) for t in live), max(ts(t["updated"]) for t in live)
print(f"campaign span {last - first:.1f} s (first trial created at {first:.1f} s, last finished at {last:.1f} s)")

calls = {}   # one generator call records the same fit/optimisation seconds and hyperparameters on each of its trials
for t in live:
    g = t.get("generation") or {}
    if g.get("fit_seconds") is not None:
        key = (g.get("fit_seconds"), g.get("optimize_seconds"), json.dumps(g.get("hyperparameters"), sort_keys=True))
        calls.setdefault(key, []).append(t)
pid_of = lambda w: (w or "").rsplit(":", 1)[-1]
by_jvm = collections.defaultdict(lambda: {"calls": 0, "gen_s": 0.0, "points": 0})
for (f, o, _), ts_ in calls.items():
    maker = min(ts_, key=lambda t: t["number"])   # the holder's own trial is the call's first
    j = by_jvm[pid_of(maker.get("worker"))]
    j["calls"] += 1; j["gen_s"] += (f or 0) + (o or 0); j["points"] += len(ts_)
started = collections.defaultdict(lambda: float("inf"))
count = collections.Counter()
for t in live:
    p = pid_of(t.get("worker"))
    started[p] = min(started[p], ts(t["created"])); count[p] += 1
print("| JVM | appeared s | first trial s | trials | CPU s | JIT s (C1+C2) | main s | GC s | warm-up s | generator calls (points) | generation s |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for pid, p in sorted(cpu["procs"].items(), key=lambda kv: kv[1]["first"]):
    k = p["by_kind"]; j = by_jvm.get(pid, {"calls": 0, "gen_s": 0.0, "points": 0})
    role = "run" if " run " in f" {p['cmd']} " or "campaign.yaml" in p["cmd"] else "worker"
    print(f"| {role} {pid} | {p['first']:.1f} | {started[pid]:.1f} | {count[pid]} | {p['cpu']:.1f} | "
          f"{k.get('jit-c1', 0) + k.get('jit-c2', 0):.1f} | {k.get('main', 0):.1f} | {k.get('gc', 0):.1f} | "
          f"{k.get('warm-up', 0):.1f} | {j['calls']} ({j['points']}) | {j['gen_s']:.1f} |")
inflight = collections.Counter()
for t in live:
    for s in range(int(ts(t["created"])), int(ts(t["updated"])) + 1):
        inflight[s] += 1
print("trials in flight (created to finished), second by second from", int(first), ":",
      " ".join(str(inflight[s]) for s in range(int(first), int(last) + 1)))
