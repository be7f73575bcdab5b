"""The distribution mapping of sextant.optuna, without a server."""
import pytest

optuna = pytest.importorskip("optuna", reason="optuna is not installed for this Python (apt-get install python3-optuna)")

from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution  # noqa: E402

from sextant.optuna import _to_optuna, _to_sextant, to_sextant_parameter  # noqa: E402


def test_large_grids_are_searched_continuously_and_rounded():
    fine = FloatDistribution(0.0, 10.0, step=0.001)                  # 10001 points
    assert to_sextant_parameter("a", fine) == {"name": "a", "type": "float", "low": 0.0, "high": 10.0, "log": False}
    assert _to_optuna(fine, 3.14159) == pytest.approx(3.142)
    assert _to_optuna(fine, 11.0) == 10.0                             # clipped
    wide = IntDistribution(0, 99995, step=7)
    assert to_sextant_parameter("b", wide)["type"] == "int"
    assert _to_optuna(wide, 50) == 49 and wide._contains(_to_optuna(wide, 99994.4))


def test_categorical_labels_round_trip():
    plain = CategoricalDistribution([None, 1, "relu", 2.5])
    clash = CategoricalDistribution([1, "1"])                          # same text: labels carry the index
    assert to_sextant_parameter("c", clash)["choices"] == ["0: 1", "1: '1'"]
    for dist in (plain, clash):
        for choice in dist.choices:
            assert _to_optuna(dist, _to_sextant(dist, choice)) == choice


def test_unsupported_distribution_is_named():
    class Odd(optuna.distributions.BaseDistribution):
        def to_external_repr(self, v): return v
        def to_internal_repr(self, v): return v
        def single(self): return False
        def _contains(self, v): return True
        def _asdict(self): return {}
    with pytest.raises(ValueError, match="'p': Odd is not supported"):
        to_sextant_parameter("p", Odd())
