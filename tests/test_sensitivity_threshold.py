"""Thresholds: the conditions' grammar, known roots, and agreement with the sweep's sign changes."""

from __future__ import annotations

from functools import partial

import pytest
from strategies import ROOT
from strategies import dollar as shared_dollar

from bargaining.io import load
from bargaining.model.issue_space import BargainingProblem, Parameter
from bargaining.sensitivity import UnknownOutcomeError, sweep
from bargaining.sensitivity.compare import compare
from bargaining.sensitivity.threshold import Condition, ConditionError, parse_condition, threshold
from bargaining.sensitivity.tornado import tornado

dollar = partial(shared_dollar, d_b=0.3)


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("ukraine.gain = 0", Condition("ukraine.gain", 0.0)),
        ("nash.share==0.25", Condition("nash.share", 0.25)),
        ("  x = -1.5e-3 ", Condition("x", -1.5e-3)),
        ("agreement", Condition("agreement_exists")),
        ("agreement_exists", Condition("agreement_exists")),
    ],
)
def test_parse_condition(text: str, condition: Condition) -> None:
    assert parse_condition(text) == condition


@pytest.mark.parametrize(
    "text", ["__import__('os').system('x') = 1", "a = b", "a > 1", "= 3", "a = 1 = 2", "agreement = 1", ""]
)
def test_bad_conditions_are_rejected_without_evaluation(text: str) -> None:
    with pytest.raises(ConditionError):
        parse_condition(text)


def test_agreement_vanishes_where_the_disagreement_values_exhaust_the_dollar() -> None:
    result = threshold(dollar(d_b=0.3), "d_a", "agreement", num=21)
    assert len(result.thresholds) == 1
    found = result.thresholds[0]
    assert found.value == pytest.approx(0.7, abs=1e-6)
    assert found.direction == "falls"
    assert "agreement becomes impossible" in result.to_table()


def test_share_crosses_a_level_where_the_closed_form_says() -> None:
    # Nash share 0.5 + d_a/2 - d_b/2 = 0.6 with d_b = 0.3: d_a = 0.5
    result = threshold(dollar(d_b=0.3), "d_a", "share = 0.6", low=-0.5, high=0.65, num=9)
    assert [t.value for t in result.thresholds] == pytest.approx([0.5], abs=1e-8)
    assert result.thresholds[0].direction == "rises"
    assert result.condition.outcome == "nash.share"


def test_kursk_thresholds_are_where_the_sweep_changes_sign() -> None:
    kursk = load(ROOT / "games" / "kursk.json")
    result = threshold(kursk, "kursk_held", "nash.territory_returned = 0.1", num=21)
    values = result.sweep.column("nash.territory_returned") - 0.1
    grid = result.sweep.axes[0].values
    changes = [k for k in range(len(values) - 1) if values[k] * values[k + 1] < 0]
    assert len(result.thresholds) == len(changes) >= 1
    for k, found in zip(changes, result.thresholds, strict=True):
        assert grid[k] <= found.value <= grid[k + 1]
        assert found.bracket == (grid[k], grid[k + 1])
        assert found.direction == ("rises" if values[k + 1] > values[k] else "falls")
    # on a continuous stretch the root is a root
    smooth = [t for t in result.thresholds if t.direction == "rises"][0]
    at = sweep(kursk, "kursk_held", [smooth.value], solution="nash").column("nash.territory_returned")[0]
    assert at == pytest.approx(0.1, abs=1e-6)


def test_no_crossing_is_reported_plainly() -> None:
    result = threshold(dollar(d_b=-0.5), "d_a", "agreement", low=-1, high=0, num=5)
    assert result.thresholds == ()
    assert "is not crossed" in result.to_table()


def test_unknown_outcome_in_a_condition() -> None:
    with pytest.raises(UnknownOutcomeError, match="did you mean 'nash.share'"):
        threshold(dollar(), "d_a", "nash.shar = 0.5", num=3)


def test_compare_shows_the_value_of_the_chip() -> None:
    kursk = load(ROOT / "games" / "kursk.json")
    result = compare(kursk, {"kursk_held": 0}, solution="nash")
    assert result.changes == {"kursk_held": (1000.0, 0.0)}
    assert result.alternative["nash.kursk_returned"] == 0
    assert result.base["nash.kursk_returned"] == pytest.approx(1000)
    gain = result.difference("nash.ukraine.utility")
    assert gain == pytest.approx(
        result.base["nash.ukraine.utility"] - result.alternative["nash.ukraine.utility"]
    )
    text = result.to_table()
    assert "kursk_held=0" in text and "difference" in text
    with pytest.raises(Exception, match="outside its range"):
        compare(kursk, {"kursk_held": -5})


def test_tornado_ranks_by_swing_and_uses_the_range_ends() -> None:
    problem = dollar(d_a=0.0, d_b=0.0)
    problem = BargainingProblem(
        problem.parties,
        problem.issues,
        [Parameter("d_a", 0.0, (-0.2, 0.2)), Parameter("d_b", 0.0, (-0.1, 0.1))],
    )
    result = tornado(problem, "nash.share", solution="nash")
    assert [b.parameter for b in result.bars] == ["d_a", "d_b"]
    assert result.base == pytest.approx(0.5)
    a, b = result.bars
    assert (a.outcome_low, a.outcome_high) == pytest.approx((0.4, 0.6), abs=1e-7)
    assert a.swing == pytest.approx(0.2, abs=1e-7) and b.swing == pytest.approx(0.1, abs=1e-7)
    assert (b.outcome_low, b.outcome_high) == pytest.approx((0.55, 0.45), abs=1e-7)  # share 0.5 - d_b/2
