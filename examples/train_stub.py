#!/usr/bin/env python3
"""Stands in for a reward fine-tuning run of a generative model (standard library only).

Sextant gives every trial's parameters three ways; this script shows all of them:
  * command-line arguments from the template in train-stub.yaml ("--lr {lr}"),
  * a JSON object on standard input ({"lr": 3e-05, "kl_weight": 0.1, ...}),
  * environment variables SEXTANT_PARAM_LR, SEXTANT_PARAM_KL_WEIGHT, ... (and SEXTANT_TRIAL_ID, SEXTANT_SEED).
It "trains" for a moment and prints its metrics as JSON on the last line of standard output:
  {"reward": [mean, sem], "kl": value}
Progress and logs go to standard error (Sextant keeps its tail when a trial fails).
"""
import argparse
import json
import math
import os
import random
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, required=True)
    ap.add_argument("--steps", type=int, required=True)
    ap.add_argument("--trial", type=int, default=0)
    args = ap.parse_args()
    params = json.load(sys.stdin)                         # the full parameter set
    kl_weight = float(os.environ["SEXTANT_PARAM_KL_WEIGHT"])  # or from the environment
    reward_model = params["reward_model"]
    rng = random.Random(int(os.environ.get("SEXTANT_SEED", "0")))

    # a made-up response surface: the reward rises with the effective update size lr*steps until it overshoots;
    # the KL to the base model grows with the update size and shrinks with the KL weight.
    update = math.log10(args.lr * args.steps)             # about -3.3 ... 0.3
    reward = 0.8 * math.exp(-((update + 1.2) ** 2) / 0.8) - 0.15 * kl_weight ** 0.5
    if reward_model == "pickscore":
        reward += 0.05
    kl = 0.2 + 2.5 * 10 ** (update + 1.2) / (1 + 20 * kl_weight)
    for step in range(0, args.steps, max(1, args.steps // 5)):
        print(f"trial {args.trial} step {step}/{args.steps}", file=sys.stderr)
        time.sleep(0.01)
    noise = 0.02
    print("training done", flush=True)
    print(json.dumps({"reward": [reward + rng.gauss(0, noise), noise], "kl": kl + rng.gauss(0, 0.05)}))


if __name__ == "__main__":
    main()
