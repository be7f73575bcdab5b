"""The README examples run as written (only the server address is replaced by the one under test)."""
import re

import pytest

import sextant

from conftest import MODULE, REPO

ADDRESS = 'Client("http://127.0.0.1:7070")'
SAMPLER = 'SextantSampler("http://127.0.0.1:7070")'


def blocks(path, marker):
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"<!-- " + re.escape(marker) + r":[^>]*-->\s*```python\n(.*?)```", text, re.S)
    assert found, f"{path}: no python block after <!-- {marker} -->"
    return found


READMES = [MODULE / "README.md", REPO / "README.md"]
_ran = set()                                                 # the root README repeats the client's examples


def first_time(code):
    seen = code in _ran
    _ran.add(code)
    return not seen


@pytest.mark.parametrize("readme", READMES, ids=["client-readme", "root-readme"])
def test_client_example(readme, url, token, capsys):
    for code in filter(first_time, blocks(readme, "PYTHON-EXAMPLE")):
        assert ADDRESS in code
        assert "range(20)" in code
        code = code.replace(ADDRESS, "Client(URL, token=TOKEN)").replace("range(20)", "range(10)")   # shorter
        exec(compile(code, str(readme), "exec"),
             {"URL": url, "TOKEN": token})
        assert "'x':" in capsys.readouterr().out             # printed the best parameters


@pytest.mark.parametrize("readme", READMES, ids=["client-readme", "root-readme"])
def test_optuna_example(readme, url, token):
    optuna = pytest.importorskip("optuna", reason="optuna is not installed for this Python")
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    for code in filter(first_time, blocks(readme, "PYTHON-EXAMPLE-OPTUNA")):
        assert SAMPLER in code
        g = {"URL": url, "TOKEN": token,
             "objective": lambda t: (t.suggest_float("x", -3, 3) - 1) ** 2 + t.suggest_int("n", 1, 4)}
        code = code.replace(SAMPLER, "SextantSampler(URL, token=TOKEN)").replace("n_trials=30", "n_trials=12")
        exec(compile(code, str(readme), "exec"), g)
        study = g["study"]
        assert len(study.trials) == 12
        sx = sextant.Client(url, token=token).study(study.study_name)     # named after the Optuna study
        assert len(sx.trials(state="COMPLETED")) == 12
