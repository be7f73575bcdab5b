"""A client for Sextant's REST API (standard library only).

    client = Client("http://127.0.0.1:7070")
    study = client.create_study("demo", parameters=[{"name": "x", "type": "float", "low": 0, "high": 1}],
                                objective={"metric": "loss", "goal": "minimize"})
    with study.ask() as trial:
        study.tell(trial, {"loss": (trial.params["x"] - 0.3) ** 2})

Search spaces, objectives and constraints are plain dicts and lists in the shape of the REST body and of the
campaign file (``web/README.md``, ``examples/README.md``). Every call is one HTTP request (``trials()`` pages);
errors raise a :class:`~sextant.errors.SextantError` subclass carrying the server's message and status.
"""
from __future__ import annotations

import json
import math
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from .errors import (ConflictError, InvalidRequestError, NotFoundError, ServerError, SextantConnectionError,
                     SextantError, error_for)

__all__ = ["Client", "Study", "Trial"]

Values = Union[float, int, Mapping[str, float]]
TrialRef = Union["Trial", int]

_PAGE = 1000


class Client:
    """A connection to one Sextant server.

    ``url``: the server's base address, e.g. ``"http://127.0.0.1:7070"`` (a trailing ``/api`` is accepted).
    ``token``: the bearer token the server was started with (``sextant serve --token``), or ``None``.
    ``timeout``: seconds per HTTP request (asks that fit a model can take a while on a busy machine).
    """

    def __init__(self, url: str, token: Optional[str] = None, timeout: float = 120.0) -> None:
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ValueError(f"url: expected an http:// or https:// address such as http://127.0.0.1:7070, got {url!r}")
        base = url.rstrip("/")
        if base.endswith("/api"):
            base = base[: -len("/api")]
        self.url = base
        self.token = token or None
        self.timeout = float(timeout)

    def __repr__(self) -> str:
        return f"Client({self.url!r})"

    # ---- HTTP ----

    def request(self, method: str, path: str, body: Any = None, query: Optional[Mapping[str, Any]] = None) -> Any:
        """One request to ``/api`` + ``path``; returns the decoded JSON answer (``None`` for an empty one).

        Raises the :class:`SextantError` subclass matching the status, with the server's ``error`` message.
        """
        url = self.url + "/api" + path
        if query:
            pairs = {k: v for k, v in query.items() if v is not None}
            if pairs:
                url += "?" + urllib.parse.urlencode(pairs)
        data = None
        headers = {"Accept": "application/json"}
        if body is not None:
            try:
                data = json.dumps(body, allow_nan=False).encode("utf-8")
            except ValueError as e:
                raise InvalidRequestError(f"cannot send {method} {path}: {e}; values must be finite numbers") from None
            headers["Content-Type"] = "application/json"
        elif method == "POST":
            data = b""
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            raw = e.read()
            decoded: Any = None
            message = raw.decode("utf-8", "replace").strip() or e.reason
            try:
                decoded = json.loads(raw) if raw else None
                if isinstance(decoded, dict):
                    for key in ("error", "title"):      # ours, then the web framework's own (unknown route)
                        if isinstance(decoded.get(key), str):
                            message = decoded[key]
                            break
            except ValueError:
                pass
            raise error_for(e.code, f"{method} {path}: {message}", decoded) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise SextantConnectionError(f"cannot reach the Sextant server at {self.url}: {reason}") from None
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise ServerError(f"{method} {path}: the answer is not JSON: {raw[:200]!r}") from None

    # ---- studies ----

    def studies(self) -> List[Dict[str, Any]]:
        """The study list: ``[{name, objective, objectives, multiObjective, counts, total, bestValue, pareto,
        revision}]``."""
        return self.request("GET", "/studies")

    def create_study(self, name: str, parameters: Sequence[Mapping[str, Any]],
                     objective: Optional[Mapping[str, Any]] = None, *,
                     objectives: Optional[Sequence[Mapping[str, Any]]] = None,
                     seed: Optional[int] = None, parameter_constraints: Optional[Sequence[str]] = None,
                     outcome_constraints: Optional[Sequence[str]] = None,
                     generation: Optional[Mapping[str, Any]] = None, exist_ok: bool = False) -> "Study":
        """Creates a study and returns it.

        ``parameters``: ``[{"name", "type": float|int|categorical|ordinal|fixed, "low", "high", "log", "choices",
        "value"}]``; ``objective``: ``{"metric", "goal": minimize|maximize}``, or instead ``objectives``: several
        such dicts, each with an optional ``"threshold"`` (the worst value still of interest), for a study with a
        Pareto front (:meth:`Study.pareto`); ``parameter_constraints``: linear
        inequalities such as ``"x + 2*y <= 3"``; ``outcome_constraints``: e.g. ``["kl <= 2"]``; ``generation``:
        ``{"initial": N, "acquisition": "qlognei", ...options}``. None of the arguments is modified.
        With ``exist_ok`` an existing study of that name is returned instead of raising :class:`ConflictError`
        (its definition is not compared with the arguments).
        """
        if (objective is None) == (objectives is None):
            raise ValueError("create_study: give either objective (one dict) or objectives (a list of dicts)")
        body: Dict[str, Any] = {"name": name, "parameters": [dict(p) for p in parameters]}
        if objective is not None:
            body["objective"] = dict(objective)
        else:
            body["objectives"] = [dict(o) for o in objectives]
        if seed is not None:
            body["seed"] = seed
        if parameter_constraints:
            body["parameter_constraints"] = list(parameter_constraints)
        if outcome_constraints:
            body["outcome_constraints"] = list(outcome_constraints)
        if generation:
            body["generation"] = dict(generation)
        try:
            self.request("POST", "/studies", body)
        except ConflictError:
            if not exist_ok:
                raise
        return self.study(name)

    def study(self, name: str) -> "Study":
        """An existing study; raises :class:`NotFoundError` when there is none of that name."""
        study = Study(self, name)
        study.info()
        return study

    def delete_study(self, name: str) -> None:
        """Deletes a study and its trials (servers that have ``DELETE /api/studies/{name}``)."""
        self.request("DELETE", "/studies/" + _quote(name))


class Trial:
    """A trial as the server last reported it.

    ``number``: the trial's number (its id in the REST paths); ``params``: parameter values by name; ``state``:
    CANDIDATE, RUNNING, COMPLETED, FAILED or ABANDONED; ``values`` / ``sems``: observations by metric; ``data``: the
    whole JSON object. Used as a context manager (``with study.ask() as trial:``) it marks the trial FAILED when the
    block raises, and ABANDONED when the block ends without a tell, fail or abandon.
    """

    def __init__(self, study: "Study", data: Mapping[str, Any]) -> None:
        self.study = study
        self.data: Dict[str, Any] = dict(data)

    @property
    def number(self) -> int:
        n = self.data.get("number", self.data.get("id"))
        if n is None:
            raise ServerError("trial without a number or id in the server's answer: " + json.dumps(self.data)[:200])
        return int(n)

    @property
    def params(self) -> Dict[str, Any]:
        return dict(self.data.get("parameters") or {})

    @property
    def state(self) -> str:
        return str(self.data.get("state"))

    @property
    def values(self) -> Dict[str, float]:
        return dict(self.data.get("values") or {})

    @property
    def sems(self) -> Dict[str, Optional[float]]:
        return dict(self.data.get("sems") or {})

    @property
    def value(self) -> Optional[float]:
        """The objective's value, when the trial has one (a multi-objective study: see :attr:`values`)."""
        return self.values.get(self.study.objective_metric)

    @property
    def finished(self) -> bool:
        return self.state in ("COMPLETED", "FAILED", "ABANDONED")

    def tell(self, values: Values, sems: Optional[Values] = None) -> "Trial":
        """Same as ``study.tell(self, values, sems)``."""
        return self.study.tell(self, values, sems)

    def __enter__(self) -> "Trial":
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if self.finished:
            return False
        if exc is not None:
            reason = f"{exc_type.__name__}: {exc}"[:2000]
            try:
                self.study.fail(self, reason)
            except SextantError:
                pass   # the original exception matters more
        else:
            self.study.abandon(self)
        return False

    def __repr__(self) -> str:
        return f"Trial(number={self.number}, state={self.state}, params={self.params}, values={self.values})"


class Study:
    """A handle on one study of a server (no state kept client-side beyond the name and its objective)."""

    def __init__(self, client: Client, name: str) -> None:
        self.client = client
        self.name = name
        self._objective: Optional[Dict[str, Any]] = None
        self._objectives: Optional[List[Dict[str, Any]]] = None

    def __repr__(self) -> str:
        return f"Study({self.name!r} on {self.client.url})"

    def _path(self, suffix: str = "") -> str:
        return "/studies/" + _quote(self.name) + suffix

    def info(self) -> Dict[str, Any]:
        """The summary: ``spec, objective, objectives, multiObjective, pareto, metrics, outcomeConstraints, counts,
        total, best, ...``."""
        summary = self.client.request("GET", self._path())
        objectives = summary.get("objectives")
        if objectives is None:               # a server from before multi-objective studies
            objectives = [summary["objective"]]
        self._objectives = [dict(o) for o in objectives]
        self._objective = self._objectives[0]
        return summary

    @property
    def objectives(self) -> List[Dict[str, Any]]:
        """``[{"metric", "goal", "threshold"}]``: one dict per objective, in order."""
        if self._objectives is None:
            self.info()
        return [dict(o) for o in self._objectives]

    @property
    def multi_objective(self) -> bool:
        return len(self.objectives) > 1

    @property
    def objective_metric(self) -> str:
        """The objective metric (the first one of a multi-objective study)."""
        if self._objective is None:
            self.info()
        return str(self._objective["metric"])

    @property
    def direction(self) -> str:
        """``"minimize"`` or ``"maximize"`` (of the first objective of a multi-objective study)."""
        if self._objective is None:
            self.info()
        return str(self._objective["goal"])

    @property
    def directions(self) -> List[str]:
        """The goal of every objective, in order."""
        return [str(o["goal"]) for o in self.objectives]

    # ---- ask / tell ----

    def ask(self, n: Optional[int] = None) -> Union[Trial, List[Trial]]:
        """``ask()``: one new RUNNING trial; ``ask(n)``: a list of ``n`` trials proposed together (a batch, each
        taking the others as pending). Enqueued points come first."""
        count = 1 if n is None else n
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ValueError(f"n: expected a whole number >= 1, got {n!r}")
        trials = [Trial(self, t) for t in self.client.request("POST", self._path("/ask"), {"count": count})]
        return trials[0] if n is None else trials

    def tell(self, trial: TrialRef, values: Values, sems: Optional[Values] = None) -> Trial:
        """Completes a RUNNING or CANDIDATE trial.

        ``values``: ``{"metric": mean}`` for every metric of the study (objectives and outcome constraints), or one
        number for a study whose only metric is its one objective; ``sems``: standard errors in the same form.
        Raises :class:`ConflictError` when the trial is already finished, :class:`InvalidRequestError` for missing
        or unknown metrics. Returns the COMPLETED trial (and updates ``trial`` when a :class:`Trial` is given).
        """
        body: Dict[str, Any] = {"values": self._metric_map(values, "values")}
        if sems is not None:
            body["sems"] = self._metric_map(sems, "sems")
        return self._finish(trial, "/tell", body)

    def fail(self, trial: TrialRef, reason: Optional[str] = None) -> Trial:
        """Marks a trial FAILED, with an optional reason (at most 2000 characters)."""
        return self._finish(trial, "/fail", {} if reason is None else {"reason": str(reason)[:2000]})

    def abandon(self, trial: TrialRef) -> Trial:
        """Marks a trial ABANDONED (given up without a result)."""
        return self._finish(trial, "/abandon", None)

    def enqueue(self, params: Mapping[str, Any]) -> Trial:
        """Queues a point to evaluate; the next ``ask`` hands it out first. Returns the CANDIDATE trial."""
        return Trial(self, self.client.request("POST", self._path("/enqueue"), {"parameters": dict(params)}))

    def add_completed(self, params: Mapping[str, Any], values: Values, sems: Optional[Values] = None) -> Trial:
        """Records a point evaluated elsewhere (another sampler, an earlier session) as a COMPLETED trial, in one
        step: unlike :meth:`enqueue` then :meth:`tell`, no other worker's ``ask`` can be handed the point in between.
        ``values`` and ``sems`` as for :meth:`tell`. Raises :class:`InvalidRequestError` for parameters outside the
        space or missing or unknown metrics (nothing is recorded then)."""
        body: Dict[str, Any] = {"parameters": dict(params), "values": self._metric_map(values, "values")}
        if sems is not None:
            body["sems"] = self._metric_map(sems, "sems")
        return Trial(self, self.client.request("POST", self._path("/trials"), body))

    # ---- reading ----

    def best(self) -> Optional[Trial]:
        """The best feasible COMPLETED trial, or ``None`` when there is none yet. A multi-objective study has no
        single best trial: the server answers :class:`ConflictError`; use :meth:`pareto`."""
        try:
            return Trial(self, self.client.request("GET", self._path("/best")))
        except NotFoundError:
            self.info()          # raises NotFoundError itself when the study is gone
            return None

    def pareto(self) -> Dict[str, Any]:
        """The observed Pareto front: ``{"trials": [Trial, ...], "objectives", "referencePoint" (one value per
        objective, or None before there is anything to infer it from), "inferred" (per objective), "hypervolume",
        "hypervolumeByTrial": [{"number", "hypervolume"}]}``. The trials are the feasible COMPLETED ones that no
        other beats in every objective."""
        out = dict(self.client.request("GET", self._path("/pareto")))
        out["trials"] = [Trial(self, t) for t in out["trials"]]
        return out

    def trials(self, state: Union[None, str, Iterable[str]] = None, sort: Optional[str] = None) -> List[Trial]:
        """Every trial, or those in the given state(s) (e.g. ``"COMPLETED"`` or ``["FAILED", "ABANDONED"]``).

        ``sort``: ``id`` (default), ``-id``, ``value``, ``-value``, ``best``, ``created``, ``updated`` (and their
        ``-`` forms). Fetched in pages of 1000.
        """
        if state is not None and not isinstance(state, str):
            state = ",".join(state)
        out: List[Trial] = []
        offset = 0
        while True:
            page = self.client.request("GET", self._path("/trials"),
                                       query={"state": state, "sort": sort, "offset": offset, "limit": _PAGE})
            out.extend(Trial(self, t) for t in page["trials"])
            offset += len(page["trials"])
            if not page["trials"] or offset >= page["total"]:
                return out

    def trial(self, number: int) -> Trial:
        """One trial by number; raises :class:`NotFoundError` when the study has no such trial."""
        try:
            return Trial(self, self.client.request("GET", self._path(f"/trials/{int(number)}")))
        except SextantError as e:
            if e.status not in (404, 405):
                raise
            # servers without GET /trials/{number}: look through the list (404 for the study itself re-raises)
            for t in self.trials():
                if t.number == int(number):
                    return t
            raise NotFoundError(f"study {self.name!r} has no trial {number}", 404) from None

    def predict(self, points: Optional[Sequence[Mapping[str, Any]]] = None, *, metric: Optional[str] = None,
                slice: Optional[Mapping[str, Any]] = None,
                contour: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        """The model's mean and standard deviation (latent, in metric units). Give exactly one of

        * ``points``: a list of parameter dicts → ``{"mean": [...], "std": [...]}``,
        * ``slice={"parameter": name, "steps": 60, "at": {...}}`` → ``{"x", "mean", "std", ...}``,
        * ``contour={"x": name, "y": name, "steps": 30, "at": {...}}``.

        ``metric`` defaults to the objective. Raises :class:`ConflictError` when there are too few trials.
        """
        body: Dict[str, Any] = {}
        if metric is not None:
            body["metric"] = metric
        if points is not None:
            body["points"] = [dict(p) for p in points]
        if slice is not None:
            body["slice"] = dict(slice)
        if contour is not None:
            body["contour"] = dict(contour)
        if len(body) - (1 if metric is not None else 0) != 1:
            raise ValueError("predict: give exactly one of points, slice or contour")
        return self.client.request("POST", self._path("/predict"), body)

    def importance(self, metric: Optional[str] = None) -> Dict[str, Any]:
        """First-order Sobol indices of the model mean per parameter."""
        return self.client.request("GET", self._path("/importance"), query={"metric": metric})

    # ---- helpers ----

    def _metric_map(self, values: Values, what: str) -> Dict[str, float]:
        if isinstance(values, Mapping):
            out = {}
            for k, v in values.items():
                out[str(k)] = _number(v, f"{what}[{k!r}]")
            return out
        if self.multi_objective:
            raise InvalidRequestError(f"{what}: study {self.name!r} has several objectives "
                                      f"{[o['metric'] for o in self.objectives]}; give a dict with a value for each")
        return {self.objective_metric: _number(values, what)}

    def _finish(self, trial: TrialRef, action: str, body: Any) -> Trial:
        number = trial.number if isinstance(trial, Trial) else int(trial)
        data = self.client.request("POST", self._path(f"/trials/{number}{action}"), body)
        if isinstance(trial, Trial):
            trial.data = dict(data)
            return trial
        return Trial(self, data)


def _quote(name: str) -> str:
    return urllib.parse.quote(str(name), safe="")


def _number(v: Any, what: str) -> float:
    if isinstance(v, bool):
        raise InvalidRequestError(f"{what}: expected a number, got {v!r}")
    if not isinstance(v, (int, float)):
        try:
            v = float(v)     # numpy and torch scalars
        except (TypeError, ValueError):
            raise InvalidRequestError(f"{what}: expected a number, got {v!r}") from None
    f = float(v)
    if not math.isfinite(f):
        raise InvalidRequestError(f"{what}: {f} is not a finite number; report a failure with study.fail() instead")
    return f
