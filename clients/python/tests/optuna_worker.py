"""One Optuna worker process for test_optuna.test_two_processes_share_one_study (argv: url token storage study n seed)."""
import math
import sys

import optuna

from sextant.optuna import SextantSampler


def branin(trial):
    x = trial.suggest_float("x", -5.0, 10.0)
    y = trial.suggest_float("y", 0.0, 15.0)
    return (y - 5.1 / (4 * math.pi ** 2) * x * x + 5 / math.pi * x - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x) + 10


if __name__ == "__main__":
    url, token, storage, name, n, seed = sys.argv[1:7]
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.load_study(study_name=name, storage=storage,
                              sampler=SextantSampler(url, token=token or None, seed=int(seed)))
    study.optimize(branin, n_trials=int(n))
