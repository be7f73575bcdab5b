"""Smoke runs of examples/pytorch-steering: the job itself, tune.py for 3 trials, steering.yaml for 1 trial."""
import json
import os
import re
import subprocess
import sys

import pytest

pytest.importorskip("torch", reason="torch is not installed for this Python (apt-get install python3-torch)")

from conftest import REPO  # noqa: E402

EXAMPLE = REPO / "examples" / "pytorch-steering"
sys.path.insert(0, str(EXAMPLE))
import steer  # noqa: E402
import tune   # noqa: E402


def test_steering_moves_reward_and_divergence():
    base = steer.run({}, seed=0, samples=256)
    guided = steer.run({"guidance_scale": 1.0}, seed=0, samples=256)
    tuned = steer.run({"lr": 3e-3, "kl_weight": 0.1, "ft_steps": 3}, seed=0, samples=256)
    assert base["kl"] == [0.0, 0.0] and base["diversity"][0] > 2.0   # the ring of 8 blobs, radius 2
    assert guided["reward"][0] > base["reward"][0] + 5 * guided["reward"][1]
    assert guided["kl"][0] > 0.1 and guided["diversity"][0] < base["diversity"][0]
    assert tuned["kl"][0] > 0.0 and tuned["reward"][0] != base["reward"][0]
    # every metric comes with a standard error (a multi-objective campaign can use any of them)
    assert all(0 < m[1] < abs(m[0]) for m in (guided["reward"], guided["kl"], guided["diversity"]))


def test_tune_driver_runs_trials(client, url, token, name):
    assert tune.main(["--url", url, "--study", name, "--trials", "3", "--initial", "2", "--samples", "128"]
                     + (["--token", token] if token else [])) in (0, 1)   # 1: no trial within the bound yet
    completed = client.study(name).trials(state="COMPLETED")
    assert len(completed) == 3
    assert all(set(t.values) == {"reward", "kl"} and t.sems["reward"] > 0 for t in completed)
    assert all(t.sems["kl"] > 0 for t in completed if t.values["kl"] > 0)


def test_campaign_file_runs_with_sextant_run(tmp_path, name):
    java, cp = os.environ.get("SEXTANT_JAVA"), os.environ.get("SEXTANT_CLASSPATH")
    if not java or not cp:
        pytest.skip("SEXTANT_JAVA / SEXTANT_CLASSPATH not set (PythonClientTest sets them): cannot run `sextant run`")
    text = (EXAMPLE / "steering.yaml").read_text()
    text = re.sub(r"(?m)^name: .*$", f"name: {name}", text)
    text = re.sub(r"trials: \d+", "trials: 1", text)
    text = text.replace("command: [python3,", f"command: [{json.dumps(sys.executable)},")
    text = text.replace("  timeout: 5m", f"  timeout: 5m\n  workdir: {json.dumps(str(EXAMPLE))}")
    assert sys.executable in text and "trials: 1" in text
    campaign = tmp_path / "steering.yaml"
    campaign.write_text(text)
    run = subprocess.run([java, "-cp", cp, "dev.sextant.experiments.cli.SextantCli", "run", str(campaign),
                          "--db", f"jdbc:h2:file:{tmp_path / 'store'}", "--no-progress"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 completed, 0 failed" in run.stdout, run.stdout
    # its first (Sobol) point may or may not meet the KL bound
    assert re.search(r"-> reward = [0-9.]+|no completed trial meets the outcome constraints", run.stdout), run.stdout
