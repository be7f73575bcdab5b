"""An Optuna sampler that asks a Sextant server for its points.

    import optuna
    from sextant.optuna import SextantSampler

    study = optuna.create_study(sampler=SextantSampler("http://127.0.0.1:7070"))
    study.optimize(objective, n_trials=30)

How it maps Optuna onto a Sextant study (named after the Optuna study unless ``study_name`` is given):

* the relative search space (Optuna's intersection of the distributions of the finished trials, or the
  ``search_space`` you pass) becomes the Sextant study's parameters when the study is created, i.e. at the first
  trial after one has finished (or at the first trial with ``search_space``); from then on the space is fixed.
  A conditional parameter that the first trial happened to use stays in it (its proposed value is simply unused in
  trials that do not suggest it); pass ``search_space`` to choose the space yourself. The mapping: ``FloatDistribution``
  → ``float`` (``log`` kept), ``IntDistribution`` → ``int`` (``log`` kept), a ``step`` other than 1 → ``ordinal``
  over the grid values (up to 1000 of them; larger grids are searched continuously and rounded to the grid),
  ``CategoricalDistribution`` → ``categorical`` over the choices' text (the Optuna choice objects come back);
* each trial's relative parameters come from one Sextant ``ask``; parameters outside that space (conditional ones,
  or every parameter of the first trial, before any space is known) come from ``independent_sampler``
  (Optuna's ``RandomSampler(seed)`` by default);
* ``after_trial`` tells the result: COMPLETE → its value under the objective metric (``metric``, default
  ``"value"``; a multi-objective study: one value per objective, under ``metrics``, default ``value0``, ``value1``
  ...), FAIL and PRUNED → failed with the state as reason. Finished Optuna trials that Sextant did not
  propose (those run before the space was known, or enqueued with fixed parameters) are added to the Sextant study
  as completed trials, each by the worker that ran it; those finished before any sampler of this study started
  (an earlier session, another sampler) by the worker that creates the Sextant study;
* the goal follows ``study.direction``; ``optuna.create_study(directions=[...])`` makes a multi-objective Sextant
  study with one objective per direction (its Pareto front: ``Study.pareto()`` or ``GET …/pareto``);
* several Optuna processes (one Optuna storage, e.g. RDB) with a sampler each share one Sextant study: each
  worker's running trials are pending points for the others' asks.

Supported Optuna versions: 3.1 (Debian 12's ``python3-optuna``) to 5.0; the tests have run with 3.1.0 and 5.0.0.
Where they differ: ``IntersectionSearchSpace`` lives in ``optuna.search_space`` from 3.2 on (``optuna.samplers``
before; gone from there in 5.0); 3.1 calls ``sample_relative`` when the trial starts, 5.0 at the first
``suggest_*`` of the trial; ``before_trial`` exists from 3.2 on (3.1 never calls it). The sampler works either way.
"""
from __future__ import annotations

import datetime
import math
import threading
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import optuna
from optuna.distributions import BaseDistribution, CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers import BaseSampler, RandomSampler
from optuna.trial import FrozenTrial, TrialState

from .client import Client, Study
from .errors import ConflictError, NotFoundError

try:                                     # Optuna >= 3.2
    from optuna.search_space import IntersectionSearchSpace as _IntersectionSearchSpace
except ImportError:                      # Optuna 3.0, 3.1
    from optuna.samplers import IntersectionSearchSpace as _IntersectionSearchSpace

__all__ = ["SextantSampler", "to_sextant_parameter"]

#: system attribute of an Optuna trial holding the number of the Sextant trial that proposed its parameters
TRIAL_ATTR = "sextant:trial"
#: grids with more points than this are searched as continuous parameters and rounded
MAX_GRID = 1000


def _grid(dist: BaseDistribution) -> Optional[List[Any]]:
    """The grid values of a stepped float or int distribution, or None (no step, or too many points)."""
    if isinstance(dist, FloatDistribution) and dist.step is not None:
        n = int(round((dist.high - dist.low) / dist.step)) + 1
        if n <= MAX_GRID:
            return [float(round(dist.low + k * dist.step, 12)) for k in range(n)]
    if isinstance(dist, IntDistribution) and dist.step != 1:
        n = (dist.high - dist.low) // dist.step + 1
        if n <= MAX_GRID:
            return [dist.low + k * dist.step for k in range(n)]
    return None


def _labels(dist: CategoricalDistribution) -> List[str]:
    labels = [str(c) for c in dist.choices]
    if len(set(labels)) != len(labels):
        labels = [f"{i}: {c!r}" for i, c in enumerate(dist.choices)]
    return labels


def to_sextant_parameter(name: str, dist: BaseDistribution) -> Dict[str, Any]:
    """The Sextant parameter (campaign-file dict) for an Optuna distribution; ValueError for other kinds."""
    if isinstance(dist, CategoricalDistribution):
        return {"name": name, "type": "categorical", "choices": _labels(dist)}
    grid = _grid(dist)
    if grid is not None:
        return {"name": name, "type": "ordinal", "choices": grid}
    if isinstance(dist, FloatDistribution):
        return {"name": name, "type": "float", "low": dist.low, "high": dist.high, "log": dist.log}
    if isinstance(dist, IntDistribution):
        return {"name": name, "type": "int", "low": dist.low, "high": dist.high, "log": dist.log and dist.step == 1}
    raise ValueError(f"parameter {name!r}: {type(dist).__name__} is not supported; use suggest_float, suggest_int "
                     "or suggest_categorical")


def _snap(dist: BaseDistribution, v: float) -> Any:
    """A number from Sextant as a value of the Optuna distribution (clipped into range, on its step grid)."""
    assert isinstance(dist, (FloatDistribution, IntDistribution))
    v = min(max(float(v), dist.low), dist.high)
    if dist.step is not None:
        k = round((v - dist.low) / dist.step)
        v = min(dist.low + k * dist.step, dist.high)
    if isinstance(dist, IntDistribution):
        return int(round(v))
    return float(v)


def _to_optuna(dist: BaseDistribution, value: Any) -> Any:
    if isinstance(dist, CategoricalDistribution):
        return dist.choices[_labels(dist).index(str(value))]
    return _snap(dist, value)


def _to_sextant(dist: BaseDistribution, value: Any) -> Any:
    if isinstance(dist, CategoricalDistribution):
        return _labels(dist)[dist.choices.index(value)]
    grid = _grid(dist)
    if grid is not None:
        return min(grid, key=lambda g: abs(g - value))
    return int(value) if isinstance(dist, IntDistribution) else float(value)


def _supported(dist: BaseDistribution) -> bool:
    return isinstance(dist, (FloatDistribution, IntDistribution, CategoricalDistribution)) and not dist.single()


class SextantSampler(BaseSampler):
    """An Optuna sampler backed by a Sextant study (see the module documentation for the mapping).

    ``url``, ``token``: the server (or pass a ready ``client``). ``study_name``: the Sextant study (default: the
    Optuna study's name). ``search_space``: ``{name: distribution}`` to use from the first trial on instead of
    inferring it. ``seed``: seed of the Sextant study (its Sobol design) and of the default independent sampler.
    ``generation``: the Sextant study's ``generation`` dict (e.g. ``{"initial": 8, "acquisition": "qlognei"}``).
    ``metric``: the objective metric's name in Sextant; ``metrics``: the names of a multi-objective study's metrics,
    one per direction (default ``value0``, ``value1``, ...). ``independent_sampler``: for parameters outside the space.
    """

    def __init__(self, url: Optional[str] = None, study_name: Optional[str] = None, *, token: Optional[str] = None,
                 client: Optional[Client] = None, search_space: Optional[Mapping[str, BaseDistribution]] = None,
                 seed: Optional[int] = None, generation: Optional[Mapping[str, Any]] = None, metric: str = "value",
                 metrics: Optional[Sequence[str]] = None,
                 independent_sampler: Optional[BaseSampler] = None) -> None:
        if client is None:
            if url is None:
                raise ValueError("SextantSampler needs the server's url (e.g. http://127.0.0.1:7070) or a client")
            client = Client(url, token=token)
        self.client = client
        self.study_name = study_name
        self.seed = seed
        self.generation = dict(generation) if generation else None
        self.metric = metric
        self.metrics = list(metrics) if metrics is not None else None
        self._metrics: List[str] = [metric]        # one per objective, set when the study is bound
        self._given_space = dict(search_space) if search_space is not None else None
        if self._given_space is not None:
            for name, dist in self._given_space.items():
                to_sextant_parameter(name, dist)     # fail early on unsupported kinds
        self._independent = independent_sampler or RandomSampler(seed=seed)
        self._intersection: Dict[int, Any] = {}
        self._lock = threading.Lock()
        self._study: Optional[Study] = None
        self._optuna_name: Optional[str] = None
        self._space: Dict[str, BaseDistribution] = {}
        # Optuna trial id -> (Sextant trial number, the values sample_relative returned), for after_trial
        self._proposed: Dict[int, Tuple[int, Dict[str, Any]]] = {}
        self._started = datetime.datetime.now()  # Optuna's trial times are naive local times too
        self._early: set = set()                  # Optuna trial ids this worker finished before the space was known

    # ---- the sampler interface ----

    def reseed_rng(self) -> None:
        self._independent.reseed_rng()

    def infer_relative_search_space(self, study: optuna.Study, trial: FrozenTrial) -> Dict[str, BaseDistribution]:
        if self._study is not None:
            if study.study_name != self._optuna_name:
                raise ValueError(f"this SextantSampler serves Optuna study {self._optuna_name!r}, not "
                                 f"{study.study_name!r}; create one sampler per study")
            return dict(self._space)
        if self._given_space is not None:
            space = self._given_space
        else:
            key = id(study._storage), study._study_id
            if key not in self._intersection:
                self._intersection[key] = _IntersectionSearchSpace()
            space = self._intersection[key].calculate(study)
        return {n: d for n, d in sorted(space.items()) if _supported(d)}

    def sample_relative(self, study: optuna.Study, trial: FrozenTrial,
                        search_space: Dict[str, BaseDistribution]) -> Dict[str, Any]:
        if not search_space:
            return {}
        sx = self._bind(study, search_space)
        proposed = sx.ask()
        study._storage.set_trial_system_attr(trial._trial_id, TRIAL_ATTR, proposed.number)
        params = proposed.params
        values = {n: _to_optuna(d, params[n]) for n, d in search_space.items() if n in params}
        self._proposed[trial._trial_id] = (proposed.number, values)
        return values

    def sample_independent(self, study: optuna.Study, trial: FrozenTrial, param_name: str,
                           param_distribution: BaseDistribution) -> Any:
        return self._independent.sample_independent(study, trial, param_name, param_distribution)

    def before_trial(self, study: optuna.Study, trial: FrozenTrial) -> None:
        """Optuna >= 3.2 calls this; nothing to prepare (the point is asked in ``sample_relative``)."""
        hook = getattr(self._independent, "before_trial", None)
        if hook is not None:
            hook(study, trial)

    def after_trial(self, study: optuna.Study, trial: FrozenTrial, state: TrialState,
                    values: Optional[Sequence[float]]) -> None:
        try:
            number, proposed = self._proposed.pop(trial._trial_id, (trial.system_attrs.get(TRIAL_ATTR), None))
            sx = self._study
            if sx is None:        # no space known yet: added when the Sextant study is created or attached to
                if state == TrialState.COMPLETE:
                    self._early.add(trial._trial_id)
                return
            point = self._point(trial)
            if number is not None and proposed is not None and point is not None and any(
                    not _same(trial.params[n], v) for n, v in proposed.items()):
                # evaluated elsewhere than proposed (fixed parameters): record the point actually evaluated
                _finish_quietly(lambda: sx.abandon(int(number)))
                number = None
            told = self._told(values)
            if number is None:
                if state == TrialState.COMPLETE and point is not None and told is not None:
                    self._import(sx, point, told)
                return
            if state == TrialState.COMPLETE and told is not None:
                _finish_quietly(lambda: sx.tell(int(number), told))
            elif state == TrialState.COMPLETE:
                _finish_quietly(lambda: sx.fail(int(number), f"optuna: COMPLETE with value {values}, not finite"))
            else:
                _finish_quietly(lambda: sx.fail(int(number), f"optuna: {state.name}"))
        finally:
            hook = getattr(self._independent, "after_trial", None)
            if hook is not None:
                hook(study, trial, state, values)

    # ---- the Sextant study ----

    def _bind(self, study: optuna.Study, space: Dict[str, BaseDistribution]) -> Study:
        """The Sextant study for this Optuna study: created from ``space`` (or attached to, when another worker
        created it first), with the finished Optuna trials it does not know yet added as completed trials."""
        with self._lock:
            if self._study is not None:
                return self._study
            goals = ["maximize" if d == optuna.study.StudyDirection.MAXIMIZE else "minimize" for d in study.directions]
            if len(goals) == 1:
                metrics = [self.metric]
            else:
                metrics = self.metrics if self.metrics is not None else [f"value{i}" for i in range(len(goals))]
                if len(metrics) != len(goals) or len(set(metrics)) != len(metrics):
                    raise ValueError(f"metrics: give {len(goals)} distinct names, one per direction of the Optuna "
                                     f"study; got {metrics}")
            objectives = [{"metric": m, "goal": g} for m, g in zip(metrics, goals)]
            name = self.study_name or study.study_name
            params = [to_sextant_parameter(n, d) for n, d in space.items()]
            created = False
            try:
                sx = self.client.study(name)
            except NotFoundError:
                try:
                    if len(objectives) == 1:
                        sx = self.client.create_study(name, params, objectives[0], seed=self.seed,
                                                      generation=self.generation)
                    else:
                        sx = self.client.create_study(name, params, objectives=objectives, seed=self.seed,
                                                      generation=self.generation)
                    created = True
                except ConflictError:              # another worker created it meanwhile
                    sx = self.client.study(name)
            existing = {p["name"]: p for p in sx.info()["spec"]["parameters"]}
            if set(existing) != set(space):
                raise ValueError(f"Sextant study {name!r} has parameters {sorted(existing)} but this Optuna study "
                                 f"searches {sorted(space)}; pass SextantSampler(study_name=...) to use another one")
            have = [(o["metric"], o["goal"]) for o in sx.objectives]
            if [g for _, g in have] != goals:
                shown = goals[0] if len(goals) == 1 else goals
                theirs = sx.direction if len(have) == 1 else [g for _, g in have]
                raise ValueError(f"Sextant study {name!r} is set to {theirs} but the Optuna study to {shown}")
            if len(goals) > 1 and [m for m, _ in have] != metrics:
                raise ValueError(f"Sextant study {name!r} has the objectives {[m for m, _ in have]}, not {metrics}; "
                                 "pass SextantSampler(metrics=[...]) to match them")
            self._metrics = metrics
            self._space = dict(space)
            self._study = sx
            self._optuna_name = study.study_name
            # Finished trials Sextant did not propose: each worker adds those it ran itself; the worker that creates
            # the Sextant study also adds those finished before it started (earlier sessions, other samplers). Trials
            # of other live workers are theirs to add, so that two workers do not add the same one.
            known = {_key(t.params) for t in sx.trials(state="COMPLETED")}
            for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)):
                earlier = t.datetime_complete is not None and t.datetime_complete < self._started
                mine = t._trial_id in self._early or (created and earlier)
                if not mine or TRIAL_ATTR in t.system_attrs or self._told(t.values) is None:
                    continue
                point = self._point(t)
                if point is not None and _key(point) not in known:
                    self._import(sx, point, self._told(t.values))
                    known.add(_key(point))
            self._early.clear()
            return sx

    def _point(self, trial: FrozenTrial) -> Optional[Dict[str, Any]]:
        """The trial's parameters as a Sextant point, or None when it lacks a parameter of the space or has one
        outside it."""
        point = {}
        for n, d in self._space.items():
            if n not in trial.params or trial.distributions.get(n) is None:
                return None
            v = trial.params[n]
            if not d._contains(d.to_internal_repr(v)):
                return None
            point[n] = _to_sextant(d, v)
        return point

    def _told(self, values: Optional[Sequence[float]]) -> Optional[Dict[str, float]]:
        """``{metric: value}`` for every objective, or None unless there is one finite value per objective."""
        if not values or len(values) != len(self._metrics) or not all(math.isfinite(v) for v in values):
            return None
        return {m: float(v) for m, v in zip(self._metrics, values)}

    def _import(self, sx: Study, point: Dict[str, Any], values: Dict[str, float]) -> None:
        # one step: an enqueued point told afterwards could be handed to another worker's ask in between
        sx.add_completed(point, values)


def _finish_quietly(action) -> None:
    """Runs a tell/fail/abandon; a trial that another worker finished meanwhile (409) is left as it is."""
    try:
        action()
    except ConflictError:
        pass


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        try:
            return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
        except (TypeError, ValueError):
            return False
    return a == b


def _key(params: Mapping[str, Any]) -> Tuple[Tuple[str, str], ...]:
    return tuple(sorted((k, repr(float(v)) if isinstance(v, (int, float)) and not isinstance(v, bool) else repr(v))
                        for k, v in params.items()))
