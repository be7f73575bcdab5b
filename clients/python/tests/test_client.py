"""Every call of sextant.Client / Study / Trial and every error class, against a real server."""
import math
import socket

import pytest

import sextant
from sextant import (AuthenticationError, ConflictError, InvalidRequestError, NotFoundError, SextantConnectionError,
                     SextantError)

from conftest import SPACE


def loss(params):
    return (params["x"] - 0.3) ** 2 + abs(math.log10(params["lr"]) + 2) * 0.1 + (0.2 if params["opt"] == "sgd" else 0)


@pytest.fixture
def study(client, name):
    return client.create_study(name, SPACE, {"metric": "loss", "goal": "minimize"}, seed=3,
                               generation={"initial": 4})


def test_create_get_and_list(client, study, name):
    assert study.name == name
    info = study.info()
    assert [p["name"] for p in info["spec"]["parameters"]] == ["x", "lr", "opt"]
    assert study.direction == "minimize" and study.objective_metric == "loss"
    assert name in [s["name"] for s in client.studies()]
    assert client.study(name).info()["total"] == 0


def test_create_duplicate_conflicts_unless_exist_ok(client, study, name):
    with pytest.raises(ConflictError) as e:
        client.create_study(name, SPACE, {"metric": "loss", "goal": "minimize"})
    assert e.value.status == 409 and name in e.value.message
    assert client.create_study(name, SPACE, {"metric": "loss", "goal": "minimize"}, exist_ok=True).name == name


def test_invalid_study_names_the_problem(client, name):
    with pytest.raises(InvalidRequestError) as e:
        client.create_study(name, [{"name": "x", "type": "float", "low": 3.0, "high": 1.0}],
                            {"metric": "y", "goal": "minimize"})
    assert e.value.status == 400 and "x" in e.value.message and "3.0" in e.value.message


def test_unknown_study_is_not_found(client):
    with pytest.raises(NotFoundError) as e:
        client.study("no-such-study-here")
    assert e.value.status == 404 and "no-such-study-here" in str(e.value)
    assert isinstance(e.value, SextantError)


def test_ask_single_and_batch(study):
    t = study.ask()
    assert isinstance(t, sextant.Trial) and t.state == "RUNNING"
    assert 0 <= t.params["x"] <= 1 and 1e-4 <= t.params["lr"] <= 1e-1 and t.params["opt"] in ("adam", "sgd")
    batch = study.ask(3)
    assert len(batch) == 3 and len({b.number for b in batch} | {t.number}) == 4
    with pytest.raises(ValueError):
        study.ask(0)


def test_tell_with_dict_number_and_sems(study):
    a, b = study.ask(2)
    done = study.tell(a, {"loss": loss(a.params)}, sems={"loss": 0.01})
    assert done is a and a.state == "COMPLETED" and a.values["loss"] == pytest.approx(loss(a.params))
    assert a.sems["loss"] == pytest.approx(0.01)
    by_number = study.tell(b.number, 0.5)                  # a bare number is the objective
    assert by_number.number == b.number and by_number.value == 0.5


def test_tell_errors(study):
    t = study.ask()
    with pytest.raises(InvalidRequestError) as e:
        study.tell(t, {"accuracy": 0.9})
    assert e.value.status == 400 and "accuracy" in e.value.message
    with pytest.raises(InvalidRequestError) as e:
        study.tell(t, float("nan"))
    assert e.value.status is None                          # refused before sending
    study.tell(t, 1.0)
    with pytest.raises(ConflictError) as e:
        study.tell(t, 2.0)
    assert e.value.status == 409 and "COMPLETED" in e.value.message
    with pytest.raises(NotFoundError):
        study.tell(987654, 1.0)


def test_fail_and_abandon(study):
    a, b = study.ask(2)
    study.fail(a, "CUDA out of memory")
    assert a.state == "FAILED" and a.data["failureReason"] == "CUDA out of memory"
    study.abandon(b)
    assert b.state == "ABANDONED"
    with pytest.raises(ConflictError):
        study.fail(b)


def test_enqueue_comes_first(study):
    queued = study.enqueue({"x": 0.25, "lr": 0.01, "opt": "sgd"})
    assert queued.state == "CANDIDATE"
    t = study.ask()
    assert t.number == queued.number and t.params == {"x": 0.25, "lr": 0.01, "opt": "sgd"}
    with pytest.raises(InvalidRequestError) as e:
        study.enqueue({"x": 7.0, "lr": 0.01, "opt": "sgd"})
    assert "x" in e.value.message


def test_add_completed_records_a_point_evaluated_elsewhere(study):
    with pytest.raises(InvalidRequestError) as e:
        study.add_completed({"x": 7.0, "lr": 0.01, "opt": "sgd"}, 1.0)
    assert "x" in e.value.message and study.trials() == []        # refused: nothing recorded
    done = study.add_completed({"x": 0.25, "lr": 0.01, "opt": "sgd"}, 0.75, sems=0.05)
    assert done.state == "COMPLETED" and done.value == 0.75 and done.sems == {"loss": 0.05}
    assert study.ask().number != done.number                      # never handed out by an ask


def test_context_manager(study):
    with pytest.raises(RuntimeError, match="diverged"):
        with study.ask() as t:
            raise RuntimeError("loss diverged")
    assert t.state == "FAILED" and "diverged" in t.data["failureReason"]
    with study.ask() as t2:
        pass                                               # no tell: given up
    assert t2.state == "ABANDONED"
    with study.ask() as t3:
        t3.tell(loss(t3.params))
    assert t3.state == "COMPLETED"
    assert study.trial(t.number).state == "FAILED"         # the server agrees


def test_best_trials_and_trial(study):
    assert study.best() is None
    told = []
    for _ in range(6):
        with study.ask() as t:
            study.tell(t, loss(t.params))
            told.append(t)
    study.fail(study.ask(), "boom")
    best = study.best()
    assert best.value == min(t.value for t in told)
    assert [t.number for t in study.trials()] == sorted(t.number for t in study.trials())
    assert len(study.trials(state="COMPLETED")) == 6
    assert len(study.trials(state=["FAILED", "ABANDONED"])) == 1
    assert study.trials(sort="best")[0].number == best.number
    assert study.trial(told[2].number).params == told[2].params
    with pytest.raises(NotFoundError):
        study.trial(987654)


def test_predict_and_importance(study):
    with pytest.raises(ConflictError):                     # no model without data
        study.predict([{"x": 0.3, "lr": 0.01, "opt": "adam"}])
    for _ in range(6):
        with study.ask() as t:
            t.tell(loss(t.params))
    p = study.predict([{"x": 0.3, "lr": 0.01, "opt": "adam"}, {"x": 0.9, "lr": 0.01, "opt": "adam"}])
    assert len(p["mean"]) == 2 and all(s >= 0 for s in p["std"])
    s = study.predict(slice={"parameter": "x", "steps": 5})
    assert len(s["x"]) == 5 and len(s["mean"]) == 5
    with pytest.raises(ValueError):
        study.predict()
    with pytest.raises(InvalidRequestError):
        study.predict(slice={"parameter": "nope"})
    imp = study.importance()
    assert imp                                             # per-parameter indices


def test_token_is_required_when_the_server_has_one(url, token, name):
    if token is None:
        pytest.skip("the server under test runs without --token")
    anonymous = sextant.Client(url)
    anonymous.studies()                                    # reads stay open
    with pytest.raises(AuthenticationError) as e:
        anonymous.create_study(name, SPACE, {"metric": "loss", "goal": "minimize"})
    assert e.value.status == 401


def test_unreachable_server():
    with socket.socket() as s:                             # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(SextantConnectionError) as e:
        sextant.Client(f"http://127.0.0.1:{port}", timeout=5).studies()
    assert e.value.status is None and str(port) in str(e.value)
    with pytest.raises(ValueError):
        sextant.Client("127.0.0.1:7070")


def test_delete_study_when_the_server_has_it(client, study, name):
    try:
        client.delete_study(name)
    except SextantError as e:
        if e.status in (404, 405) and "not found" in e.message.lower() and "endpoint" in e.message.lower():
            pytest.skip("this server has no DELETE /api/studies/{name} route")
        raise
    with pytest.raises(NotFoundError):
        client.study(name)


def test_several_objectives_and_the_pareto_front(client, name):
    objectives = [{"metric": "reward", "goal": "maximize", "threshold": 0.1}, {"metric": "divergence", "goal": "minimize"}]
    sx = client.create_study(name, SPACE[:1], objectives=objectives, seed=1, generation={"initial": 20})
    assert sx.multi_objective and sx.directions == ["maximize", "minimize"]
    assert [o["metric"] for o in sx.objectives] == ["reward", "divergence"] and sx.objectives[0]["threshold"] == 0.1
    told = [sx.tell(t, {"reward": t.params["x"], "divergence": (t.params["x"] - 0.2) ** 2}) for t in sx.ask(8)]
    # the front by brute force: trials no other beats in both objectives
    def dominated(a):
        return any(b.values["reward"] >= a.values["reward"] and b.values["divergence"] <= a.values["divergence"]
                   and (b.values["reward"] > a.values["reward"] or b.values["divergence"] < a.values["divergence"])
                   for b in told)
    front = sx.pareto()
    assert sorted(t.number for t in front["trials"]) == sorted(t.number for t in told if not dominated(t))
    assert front["referencePoint"][0] == 0.1 and front["inferred"] == [False, True]
    assert front["hypervolume"] > 0 and len(front["hypervolumeByTrial"]) == 8
    with pytest.raises(ConflictError) as e:
        sx.best()
    assert "/pareto" in str(e.value)
    with pytest.raises(InvalidRequestError) as e:
        sx.tell(sx.ask(), 0.5)
    assert "several objectives" in str(e.value)
    with pytest.raises(ValueError):
        client.create_study(name + "-both", SPACE, {"metric": "reward", "goal": "maximize"}, objectives=objectives)
    with pytest.raises(InvalidRequestError) as e:
        client.create_study(name + "-bad", SPACE, objectives=[{"metric": "reward", "goal": "upwards"}])
    assert "objectives[0].goal" in str(e.value)
