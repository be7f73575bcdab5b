#!/usr/bin/env python3
"""Tunes steer.py's knobs with the Sextant Python client: maximise the reward subject to KL <= --max-kl.

    ./sextant serve &                                  # the server (dashboard at http://127.0.0.1:7070)
    PYTHONPATH=clients/python python3 examples/pytorch-steering/tune.py --trials 30

Each trial runs the steering job in this process (steer.run), so torch loads once; an exception in a trial marks
it FAILED on the server (the `with` block) and the loop goes on. Re-running continues the same study.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "clients", "python"))   # the client, when not pip-installed

import sextant  # noqa: E402
import steer    # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", default=os.environ.get("SEXTANT_URL", "http://127.0.0.1:7070"))
    ap.add_argument("--token", default=os.environ.get("SEXTANT_TOKEN"))
    ap.add_argument("--study", default="pytorch-steering")
    ap.add_argument("--trials", type=int, default=30, help="trials to run now (the study keeps earlier ones)")
    ap.add_argument("--max-kl", type=float, default=1.5, help="divergence bound, nats")
    ap.add_argument("--initial", type=int, default=8, help="Sobol trials before the model takes over")
    ap.add_argument("--samples", type=int, default=512)
    a = ap.parse_args(argv)

    client = sextant.Client(a.url, token=a.token)
    study = client.create_study(a.study, steer.PARAMETERS, {"metric": "reward", "goal": "maximize"},
                                outcome_constraints=[f"kl <= {a.max_kl}"], seed=1,
                                generation={"initial": a.initial}, exist_ok=True)
    for i in range(a.trials):
        started = time.time()
        with study.ask() as trial:
            m = steer.run(trial.params, seed=trial.number, samples=a.samples)
            study.tell(trial, {"reward": m["reward"][0], "kl": m["kl"][0]},
                       sems={"reward": m["reward"][1], "kl": m["kl"][1]})
        p = trial.params
        print(f"trial {trial.number:3d}: reward {m['reward'][0]:.3f}  kl {m['kl'][0]:6.3f}  diversity "
              f"{m['diversity'][0]:.2f}  | lr {p['lr']:.2g} kl_weight {p['kl_weight']:.2g} ft_steps {p['ft_steps']} "
              f"guidance {p['guidance_scale']:.2f}  ({time.time() - started:.1f} s)", flush=True)
    best = study.best()
    if best is None:
        print(f"no trial met kl <= {a.max_kl} yet")
        return 1
    print(f"best: trial {best.number}, reward {best.values['reward']:.3f} at kl {best.values['kl']:.3f}, "
          f"parameters {best.params}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
