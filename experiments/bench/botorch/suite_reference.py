"""BoTorch reference runs for the problems of `sextant bench --suite public` that have no anchor numbers.

Sextant's own driver (not derived from any other script). One problem per call, seeds one after another in this
process, one torch thread; every finished seed is appended to --out as one JSON line at once (a crash or a deadline
keeps the seeds already done; a re-run skips the seeds the file already holds).

Protocol (the anchors' closed loop, BENCHMARKS.md section 1): maximise the score (the negated function for
minimisation problems, the function itself for Cosine8); `init` scrambled Sobol points (seeded by the seed), then
`iters` iterations of `q` candidates; every iteration refits a SingleTaskGP by MAP (inputs normalised to the unit
cube, outcomes standardised) with the model BoTorch >= 0.12 builds by default (RBF kernel without outputscale,
lengthscale prior LogNormal(sqrt(2) + log(d)/2, sqrt(3)), noise prior LogNormal(-4, 1), noise >= 1e-4), then
maximises qLogNoisyExpectedImprovement (X_baseline = all evaluated points, pruned) with optimize_acqf: 10 restarts
from 512 raw samples, q candidates jointly (BoTorch's default for q > 1). Observations get Gaussian noise of SD
--noise; the score of a run is the best TRUE value evaluated so far; regret = optimum - score with the exact optimum
below (BoTorch rounds some optima, e.g. Six-hump camel's -1.0316).

Usage (after `bash ../shared/reference/botorch/setup.sh` and `. /tmp/sextant-botorch-env.sh`):
  nice -n 10 /usr/bin/python3 suite_reference.py PROBLEM INIT ITERS Q FIRST_SEED LAST_SEED [--noise SD] --out FILE.jsonl
PROBLEM: six-hump-camel, griewank5, cosine8, levy10, ackley20, branin, hartmann6, ackley10.
"""
import argparse
import json
import math
import os
import platform
import sys
import time
import warnings

warnings.filterwarnings("ignore")

# exact optimal SCORES (maximised quantity), the same numbers as Sextant's TestFunctions
OPTIMAL_SCORE = {
    "branin": -0.39788735772973816,
    "six-hump-camel": 1.0316284534898774,
    "hartmann6": 3.32236801141551,
    "cosine8": 0.8,
    "griewank5": 0.0,
    "levy10": 0.0,
    "ackley10": 0.0,
    "ackley20": 0.0,
}


def problem(name):
    """(BoTorch test function with negate set so that larger is better, its dimension)."""
    from botorch.test_functions import synthetic as syn
    table = {
        "branin": lambda: syn.Branin(negate=True),
        "six-hump-camel": lambda: syn.SixHumpCamel(negate=True),
        "hartmann6": lambda: syn.Hartmann(dim=6, negate=True),
        "cosine8": lambda: syn.Cosine8(negate=False),  # a maximisation problem as defined
        "griewank5": lambda: syn.Griewank(dim=5, negate=True),
        "levy10": lambda: syn.Levy(dim=10, negate=True),
        "ackley10": lambda: syn.Ackley(dim=10, negate=True),
        "ackley20": lambda: syn.Ackley(dim=20, negate=True),
    }
    if name not in table:
        sys.exit("unknown problem %r; one of %s" % (name, ", ".join(table)))
    f = table[name]()
    return f, f.dim


def surrogate(train_x, train_y, dim):
    """The GP BoTorch >= 0.12 fits by default, built explicitly so BoTorch 0.11.3 fits the same model."""
    from botorch.models import SingleTaskGP
    from botorch.models.transforms import Normalize, Standardize
    from gpytorch.constraints.constraints import GreaterThan
    from gpytorch.kernels import RBFKernel
    from gpytorch.likelihoods.gaussian_likelihood import GaussianLikelihood
    from gpytorch.priors.torch_priors import LogNormalPrior
    noise_prior = LogNormalPrior(loc=-4.0, scale=1.0)
    lengthscale_prior = LogNormalPrior(loc=math.sqrt(2.0) + 0.5 * math.log(dim), scale=math.sqrt(3.0))
    likelihood = GaussianLikelihood(
        noise_prior=noise_prior,
        noise_constraint=GreaterThan(1e-4, transform=None, initial_value=noise_prior.mode))
    kernel = RBFKernel(
        ard_num_dims=dim, lengthscale_prior=lengthscale_prior,
        lengthscale_constraint=GreaterThan(2.5e-2, transform=None, initial_value=lengthscale_prior.mode))
    return SingleTaskGP(train_x, train_y, likelihood=likelihood, covar_module=kernel,
                        input_transform=Normalize(dim), outcome_transform=Standardize(1))


def one_seed(name, init, iters, q, noise, seed):
    import torch
    torch.set_num_threads(1)
    from botorch.acquisition.logei import qLogNoisyExpectedImprovement
    from botorch.fit import fit_gpytorch_mll
    from botorch.optim import optimize_acqf
    from botorch.utils.sampling import draw_sobol_samples
    from gpytorch.mlls import ExactMarginalLogLikelihood

    torch.manual_seed(seed)
    f, dim = problem(name)
    bounds = f.bounds.double()
    x = draw_sobol_samples(bounds=bounds, n=init, q=1, seed=seed).squeeze(1)
    truth = f(x)
    y = (truth + noise * torch.randn_like(truth)).unsqueeze(-1)
    best_curve, iteration_s = [], []
    failed_fits = 0
    load_before = os.getloadavg()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(iters):
        t0 = time.perf_counter()
        gp = surrogate(x, y, dim)
        try:
            fit_gpytorch_mll(ExactMarginalLogLikelihood(gp.likelihood, gp))
        except Exception:  # BoTorch keeps the last state; counted and reported
            failed_fits += 1
        acq = qLogNoisyExpectedImprovement(gp, X_baseline=x, prune_baseline=True)
        cand, _ = optimize_acqf(acq, bounds=bounds, q=q, num_restarts=10, raw_samples=512)
        iteration_s.append(time.perf_counter() - t0)
        new_truth = f(cand)
        x = torch.cat([x, cand])
        truth = torch.cat([truth, new_truth])
        y = torch.cat([y, (new_truth + noise * torch.randn_like(new_truth)).unsqueeze(-1)])
        best_curve.append(float(truth.max()))
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    best = best_curve[-1] if best_curve else float(truth.max())
    return dict(problem=name, dim=dim, init=init, iters=iters, q=q, noise=noise, seed=seed,
                optimum=OPTIMAL_SCORE[name], best=best, regret=abs(OPTIMAL_SCORE[name] - best),
                best_curve=best_curve, seconds_per_iter=wall / max(iters, 1), wall_s=wall, cpu_s=cpu,
                iteration_s=iteration_s, failed_fits=failed_fits,
                load_before=list(load_before), load_after=list(os.getloadavg()))


def done_seeds(path, name, init, iters, q, noise):
    seeds = set()
    if os.path.exists(path):
        with open(path) as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                r = json.loads(line)
                if (r["problem"], r["init"], r["iters"], r["q"], r["noise"]) == (name, init, iters, q, noise):
                    seeds.add(r["seed"])
    return seeds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("problem")
    ap.add_argument("init", type=int)
    ap.add_argument("iters", type=int)
    ap.add_argument("q", type=int)
    ap.add_argument("first_seed", type=int)
    ap.add_argument("last_seed", type=int)
    ap.add_argument("--noise", type=float, default=0.0)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.problem not in OPTIMAL_SCORE:
        sys.exit("unknown problem %r; one of %s" % (a.problem, ", ".join(OPTIMAL_SCORE)))
    import botorch
    import gpytorch
    import torch
    env = dict(botorch=botorch.__version__, gpytorch=gpytorch.__version__, torch=torch.__version__,
               python=platform.python_version(), machine=platform.node(), cpus=os.cpu_count(),
               omp=os.environ.get("OMP_NUM_THREADS"), openblas=os.environ.get("OPENBLAS_NUM_THREADS"),
               nice=os.nice(0), command=" ".join(sys.argv))
    skip = done_seeds(a.out, a.problem, a.init, a.iters, a.q, a.noise)
    for seed in range(a.first_seed, a.last_seed + 1):
        if seed in skip:
            print("seed", seed, "already in", a.out, flush=True)
            continue
        r = one_seed(a.problem, a.init, a.iters, a.q, a.noise, seed)
        r["started_utc"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - r["wall_s"]))
        r["env"] = env
        with open(a.out, "a") as fh:
            fh.write(json.dumps(r) + "\n")
        print(a.problem, "q", a.q, "seed", seed, "regret %.6g" % r["regret"], "s/iter %.3f" % r["seconds_per_iter"],
              "load", r["load_after"], flush=True)


if __name__ == "__main__":
    main()
