#!/usr/bin/env python3
"""A real (small) steering job: reward fine-tuning with a KL penalty, plus reward guidance, of a tiny diffusion model.

CPU only, a few seconds per run, nothing downloaded:
  1. data: 8 Gaussian blobs on a ring of radius 2 in 2-D, generated from a fixed seed;
  2. base model: a DDPM (25 noise levels, an MLP noise predictor) trained on that data once, then kept in
     $SEXTANT_STEERING_CACHE (default: <tmp>/sextant-pytorch-steering) so the next runs only load it;
  3. steering towards the reward r(x) = exp(-|x - c|^2 / (2 w^2)), c = (0, 2.6), w = 0.6 (just outside the top
     blob), by
       * fine-tuning a copy of the model for `ft_steps` Adam steps (learning rate `lr`) on
         -E[log r(x_0)] + kl_weight * KL(steered paths || base paths), differentiating through the sampler, and
       * reward guidance while sampling: each step's mean moves by guidance_scale * sigma_t^2 * grad log r_t, r_t
         being r at the denoised estimate x0_hat with its width widened by x0_hat's uncertainty;
  4. metrics of 512 samples of the steered sampler:
       reward     mean r(x),
       kl         KL divergence of the steered sampler's paths from the base model's, in nats (exact for the
                  Gaussian transitions, averaged over the samples; an upper bound on the KL of the outputs),
       diversity  mean pairwise distance between samples (the base model's is about 2.5),
     each as [estimate, standard error], so a campaign can optimise any of them, or several at once (a Pareto front).

Run it by hand:     python3 steer.py --lr 0.01 --kl-weight 0.1 --ft-steps 30 --guidance-scale 1
As a Sextant trial: the campaign file steering.yaml, or tune.py (the Python client). The last line of standard
output is the JSON result ({"reward": [mean, sem], "kl": [mean, sem], "diversity": [mean, sem]}); progress goes to
standard error.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from typing import Dict

import torch
from torch import nn

torch.set_num_threads(1)                  # tiny tensors: threads only cost time (and trials may run in parallel)

T = 25                                    # noise levels of the DDPM
TARGET = (0.0, 2.6)                       # reward centre c
WIDTH = 0.6                               # reward width w
BASE_VERSION = "v2"                       # bump when the data, the network or its training change

PARAMETERS = [                            # the knobs, as a Sextant search space (also used by tune.py)
    {"name": "lr", "type": "float", "low": 1e-4, "high": 3e-2, "log": True},
    {"name": "kl_weight", "type": "float", "low": 1e-3, "high": 10.0, "log": True},
    {"name": "ft_steps", "type": "int", "low": 0, "high": 40},
    {"name": "guidance_scale", "type": "float", "low": 0.0, "high": 2.0},
]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


class Denoiser(nn.Module):
    """eps_theta(x_t, t): an MLP on x and a sinusoidal embedding of t. x: n×2, t: n integer levels in [0, T)."""

    def __init__(self, hidden: int = 64) -> None:
        super().__init__()
        self.net = nn.Sequential(nn.Linear(2 + 16, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                                 nn.Linear(hidden, 2))

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        freqs = torch.exp(torch.arange(8, dtype=torch.float32) * (-math.log(100.0) / 8))
        angles = t.float()[:, None] * freqs[None, :]
        return self.net(torch.cat([x, torch.sin(angles), torch.cos(angles)], dim=1))


def schedule():
    betas = torch.linspace(1e-3, 0.35, T)
    alphas = 1 - betas
    abar = torch.cumprod(alphas, 0)
    return betas, alphas, abar


def ring_data(n: int, generator: torch.Generator) -> torch.Tensor:
    k = torch.randint(0, 8, (n,), generator=generator).float()
    centres = 2.0 * torch.stack([torch.cos(k * math.pi / 4), torch.sin(k * math.pi / 4)], dim=1)
    return centres + 0.15 * torch.randn(n, 2, generator=generator)


def base_model() -> Denoiser:
    """The trained base model, from the cache or trained now (1500 Adam steps, seeded)."""
    cache = os.environ.get("SEXTANT_STEERING_CACHE") or os.path.join(tempfile.gettempdir(), "sextant-pytorch-steering")
    path = os.path.join(cache, f"base-{BASE_VERSION}.pt")
    model = Denoiser()
    if os.path.exists(path):
        model.load_state_dict(torch.load(path))
        return model
    log(f"training the base diffusion model (once; cached in {path}) ...")
    started = time.time()
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    data = ring_data(20000, g)
    _, _, abar = schedule()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    for step in range(1500):
        x0 = data[torch.randint(0, len(data), (256,), generator=g)]
        t = torch.randint(0, T, (256,), generator=g)
        eps = torch.randn(256, 2, generator=g)
        xt = abar[t].sqrt()[:, None] * x0 + (1 - abar[t]).sqrt()[:, None] * eps
        loss = ((model(xt, t) - eps) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    os.makedirs(cache, exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    torch.save(model.state_dict(), tmp)
    os.replace(tmp, path)                 # atomic: parallel trials never read half a file
    log(f"base model trained in {time.time() - started:.1f} s (last loss {loss.item():.3f})")
    return model


def log_reward(x: torch.Tensor) -> torch.Tensor:
    c = torch.tensor(TARGET)
    return -((x - c) ** 2).sum(dim=1) / (2 * WIDTH ** 2)


def sample(model: nn.Module, base: nn.Module, n: int, guidance_scale: float, generator: torch.Generator):
    """Ancestral DDPM sampling with reward guidance. Returns (x_0: n×2, path KL from the base model: n)."""
    betas, alphas, abar = schedule()
    x = torch.randn(n, 2, generator=generator)
    kl = torch.zeros(n)
    c = torch.tensor(TARGET)
    for t in reversed(range(T)):
        tt = torch.full((n,), t, dtype=torch.long)
        eps = model(x, tt)
        coef = betas[t] / (1 - abar[t]).sqrt()
        mean = (x - coef * eps) / alphas[t].sqrt()
        base_mean = (x - coef * base(x, tt)) / alphas[t].sqrt()
        var = betas[t] * (1 - abar[t - 1]) / (1 - abar[t]) if t > 0 else betas[t] * 0.5
        if guidance_scale > 0:
            x0_hat = (x - (1 - abar[t]).sqrt() * eps) / abar[t].sqrt()
            # d/dx_t of log r smoothed by the uncertainty of x0_hat (its variance (1 - abar)/abar), eps held fixed
            grad = -(x0_hat - c) / (WIDTH ** 2 + (1 - abar[t]) / abar[t]) / abar[t].sqrt()
            mean = mean + guidance_scale * var * grad
        kl = kl + ((mean - base_mean) ** 2).sum(dim=1) / (2 * var)
        x = mean + var.sqrt() * torch.randn(n, 2, generator=generator) if t > 0 else mean
    return x, kl


def run(params: Dict[str, float], seed: int = 0, samples: int = 512) -> Dict[str, object]:
    """One steering run; ``params`` holds the PARAMETERS (missing ones take neutral values). Returns the metrics."""
    lr = float(params.get("lr", 1e-3))
    kl_weight = float(params.get("kl_weight", 1.0))
    ft_steps = int(params.get("ft_steps", 0))
    guidance_scale = float(params.get("guidance_scale", 0.0))
    torch.manual_seed(seed)
    base = base_model()
    for p in base.parameters():
        p.requires_grad_(False)
    model = Denoiser()
    model.load_state_dict(base.state_dict())
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    g = torch.Generator().manual_seed(seed)
    for step in range(ft_steps):           # reward fine-tuning with a KL penalty, through the sampler
        x0, kl = sample(model, base, 64, guidance_scale, g)
        loss = -log_reward(x0).mean() + kl_weight * kl.mean()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
        opt.step()
    with torch.no_grad():
        x0, kl = sample(model, base, samples, guidance_scale, torch.Generator().manual_seed(seed + 1))
        r = log_reward(x0).exp()
        # mean pairwise distance, a U-statistic: to first order 2/n * sum_i (row mean_i - mean), hence its SE
        rows = torch.cdist(x0, x0).sum(dim=1) / (samples - 1)
        diversity, diversity_sem = rows.mean().item(), (2 * rows.std() / math.sqrt(samples)).item()
    if not torch.isfinite(x0).all():
        raise FloatingPointError(f"the steered sampler diverged (lr {lr:g}, kl_weight {kl_weight:g}); "
                                 "try a smaller learning rate")
    return {"reward": [r.mean().item(), (r.std() / math.sqrt(samples)).item()],
            "kl": [kl.mean().item(), (kl.std() / math.sqrt(samples)).item()],
            "diversity": [diversity, diversity_sem]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--kl-weight", type=float, default=1.0)
    ap.add_argument("--ft-steps", type=int, default=0)
    ap.add_argument("--guidance-scale", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=int(os.environ.get("SEXTANT_SEED", "0")))
    ap.add_argument("--samples", type=int, default=512)
    a = ap.parse_args()
    started = time.time()
    metrics = run({"lr": a.lr, "kl_weight": a.kl_weight, "ft_steps": a.ft_steps, "guidance_scale": a.guidance_scale},
                  seed=a.seed, samples=a.samples)
    log(f"steering run done in {time.time() - started:.1f} s")
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
