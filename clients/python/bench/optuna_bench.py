#!/usr/bin/env python3
"""Optuna's TPE and random samplers against SextantSampler on Branin (30 trials) and Hartmann6 (50 trials).

    ./sextant serve --port 7071 --db jdbc:h2:file:./sextant-data/bench &
    python3 clients/python/bench/optuna_bench.py --url http://127.0.0.1:7071

Each (problem, sampler, seed) is one in-memory Optuna study minimising the function with the sampler seeded by the
seed: TPESampler(seed) (Optuna's default sampler), RandomSampler(seed), SextantSampler(url, seed=seed) with the
server's default generation (the first trial at random, then Sobol, then GP + qLogNEI). Final regret = best value
- the function's minimum; seconds per trial = the study's wall time / trials, so for Sextant it includes the REST
round trips and the server's model fit and acquisition. Prints per-seed regrets, a table of medians, the load
average before and after, and writes JSON with --out.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import optuna  # noqa: E402

from sextant.optuna import SextantSampler  # noqa: E402

BRANIN_MIN = 0.397887357729738
H6_MIN = -3.32236801141551
H6_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
H6_P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
        [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]
H6_ALPHA = [1.0, 1.2, 3.0, 3.2]


def branin(trial):
    x = trial.suggest_float("x0", -5.0, 10.0)
    y = trial.suggest_float("x1", 0.0, 15.0)
    return (y - 5.1 / (4 * math.pi ** 2) * x * x + 5 / math.pi * x - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x) + 10


def hartmann6(trial):
    x = [trial.suggest_float(f"x{i}", 0.0, 1.0) for i in range(6)]
    return -sum(a * math.exp(-sum(A[j] * (x[j] - P[j]) ** 2 for j in range(6)))
                for a, A, P in zip(H6_ALPHA, H6_A, H6_P))


PROBLEMS = {"branin": (branin, BRANIN_MIN, 30), "hartmann6": (hartmann6, H6_MIN, 50)}


def sampler_for(kind, seed, args, problem):
    if kind == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if kind == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    return SextantSampler(args.url, token=args.token, seed=seed,
                          study_name=f"bench-{problem}-{seed}-{uuid.uuid4().hex[:8]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", required=True, help="a running sextant serve, e.g. http://127.0.0.1:7071")
    ap.add_argument("--token", default=os.environ.get("SEXTANT_TOKEN"))
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--problems", default="branin,hartmann6")
    ap.add_argument("--samplers", default="tpe,random,sextant")
    ap.add_argument("--out", help="write every result as JSON here")
    args = ap.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    load_before = os.getloadavg()
    print(f"optuna {optuna.__version__}, python {sys.version.split()[0]}, load average before "
          f"{load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}", flush=True)
    seeds = list(range(args.first_seed, args.first_seed + args.seeds))
    results = []
    for problem in args.problems.split(","):
        fn, fmin, n = PROBLEMS[problem]
        for kind in args.samplers.split(","):
            for seed in seeds:
                study = optuna.create_study(sampler=sampler_for(kind, seed, args, problem))
                started = time.perf_counter()
                study.optimize(fn, n_trials=n)
                wall = time.perf_counter() - started
                results.append({"problem": problem, "sampler": kind, "seed": seed, "trials": n,
                                "regret": study.best_value - fmin, "seconds_per_trial": wall / n})
            mine = [r for r in results if r["problem"] == problem and r["sampler"] == kind]
            print(f"{problem:9s} {kind:7s} regrets by seed: " + " ".join(f"{r['regret']:.4g}" for r in mine),
                  flush=True)
    load_after = os.getloadavg()
    print(f"load average after {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")
    print()
    print("| problem | trials | sampler | median final regret | seeds better than TPE | s / trial (median) |")
    print("|---|---|---|---|---|---|")
    for problem in args.problems.split(","):
        tpe = {r["seed"]: r["regret"] for r in results if r["problem"] == problem and r["sampler"] == "tpe"}
        for kind in args.samplers.split(","):
            rs = [r for r in results if r["problem"] == problem and r["sampler"] == kind]
            wins = sum(1 for r in rs if r["seed"] in tpe and r["regret"] < tpe[r["seed"]])
            print(f"| {problem} | {rs[0]['trials']} | {kind} | {statistics.median(r['regret'] for r in rs):.4g} | "
                  f"{'-' if kind == 'tpe' or not tpe else f'{wins}/{len(rs)}'} | "
                  f"{statistics.median(r['seconds_per_trial'] for r in rs):.4f} |")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"optuna": optuna.__version__, "load_before": load_before, "load_after": load_after,
                       "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
