"""Writes the per-seed reference results of `sextant bench --suite public`
(experiments/src/main/resources/bench/reference/<problem id>.jsonl) from
  - the anchors (BoTorch 0.18.1 on the GPU test machine): botorch_loop.jsonl and botorch_more.jsonl, and
  - the JSON lines of the scratch BoTorch driver (BoTorch 0.11.3 run on the development machine; see the reference README).
Sextant's own script. Every output line: problem (suite id), seed, best (best true score), regret (|optimum - best|
with the exact optimum; null when nothing feasible was found), seconds_per_iter, implementation, measured_here,
the run's protocol, and what the source recorded (best_curve, load, start time, source file).
Usage: python3 reference_data.py ANCHORS_DIR LOCAL_DIR OUT_DIR
"""
import glob
import json
import os
import sys

OPTIMAL_SCORE = {"branin": -0.39788735772973816, "hartmann6": 3.32236801141551, "ackley10": 0.0}
ANCHOR = "BoTorch 0.18.1 (anchor runs, GPU test machine, CPU, 1 thread per run)"
LOCAL = "BoTorch 0.11.3 (development machine, 1 thread, nice 10)"


def write(out_dir, problem, lines):
    lines.sort(key=lambda r: r["seed"])
    path = os.path.join(out_dir, problem + ".jsonl")
    with open(path, "w") as fh:
        for r in lines:
            fh.write(json.dumps(r) + "\n")
    print("wrote", path, len(lines), "seeds")


def anchors(anchor_dir):
    out = {}
    with open(os.path.join(anchor_dir, "botorch_loop.jsonl")) as fh:
        for line in fh:
            r = json.loads(line)
            pid = r["problem"] + ("-noisy" if r["noise"] > 0 else "")
            best = r["best_curve"][-1]
            out.setdefault(pid, []).append(dict(
                problem=pid, seed=r["seed"], best=best, regret=abs(OPTIMAL_SCORE[r["problem"]] - best),
                seconds_per_iter=r["wall_s"] / r["n_iter"], implementation=ANCHOR, measured_here=False,
                init=r["n_init"], iters=r["n_iter"], q=r["q"], noise=r["noise"], best_curve=r["best_curve"],
                source="anchors/botorch_loop.jsonl"))
    with open(os.path.join(anchor_dir, "botorch_more.jsonl")) as fh:
        for line in fh:
            r = json.loads(line)
            if r["kind"] != "constrained":
                continue
            best = r["best_curve"][-1]
            feasible = best == best  # NaN when no feasible point
            out.setdefault("hartmann6-constrained", []).append(dict(
                problem="hartmann6-constrained", seed=r["seed"], best=best if feasible else None,
                regret=abs(OPTIMAL_SCORE["hartmann6"] - best) if feasible else None,
                seconds_per_iter=sum(r["iter_s"]) / len(r["iter_s"]), implementation=ANCHOR, measured_here=False,
                init=10, iters=len(r["best_curve"]), q=1, noise=r["noise"], best_curve=r["best_curve"],
                source="anchors/botorch_more.jsonl"))
    return out


def command(text):
    """The driver's command line without the folder the driver ran from (machine-specific)."""
    words = text.split(" ")
    return " ".join([os.path.basename(words[0])] + words[1:]) if words else text


def local(local_dir):
    out = {}
    for path in sorted(glob.glob(os.path.join(local_dir, "botorch_*_q*.jsonl"))):
        with open(path) as fh:
            for line in fh:
                if not line.strip():
                    continue
                r = json.loads(line)
                pid = r["problem"] + ("" if r["q"] == 1 else "-q%d" % r["q"])
                out.setdefault(pid, []).append(dict(
                    problem=pid, seed=r["seed"], best=r["best"], regret=r["regret"],
                    seconds_per_iter=r["seconds_per_iter"], implementation=LOCAL, measured_here=True,
                    init=r["init"], iters=r["iters"], q=r["q"], noise=r["noise"], best_curve=r["best_curve"],
                    load_before=r["load_before"], load_after=r["load_after"], started_utc=r["started_utc"],
                    wall_s=r["wall_s"], cpu_s=r["cpu_s"], failed_fits=r["failed_fits"],
                    command=command(r["env"]["command"]), source=os.path.basename(path)))
    return out


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    anchor_dir, local_dir, out_dir = sys.argv[1:]
    os.makedirs(out_dir, exist_ok=True)
    results = anchors(anchor_dir)
    for pid, lines in local(local_dir).items():
        if pid in results:
            sys.exit("%s is both an anchor and a local run; keep one" % pid)
        results[pid] = lines
    for pid, lines in sorted(results.items()):
        write(out_dir, pid, lines)


if __name__ == "__main__":
    main()
