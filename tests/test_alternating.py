"""Alternating offers over issue-space problems: Rubinstein's shares and the Nash limit."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import ROOT, invoke

import bargaining as bg
from bargaining.sequential.alternating import alternating_offers_solution

DOLLAR = bg.BargainingProblem([bg.Party("a", "x"), bg.Party("b", "1 - x")], [bg.ContinuousIssue("x")])


@pytest.mark.parametrize(("d1", "d2"), [(0.9, 0.8), (0.5, 0.5), (0.99, 0.6), (0.3, 0.95)])
def test_rubinstein_shares_on_the_dollar(d1: float, d2: float) -> None:
    """Rubinstein (1982): the first proposer gets (1 - d2)/(1 - d1 d2), the second (1 - d1)/(1 - d1 d2)."""
    first = alternating_offers_solution(DOLLAR, (d1, d2), first_proposer="a")
    assert first.utilities[0] == pytest.approx((1 - d2) / (1 - d1 * d2), abs=1e-7)
    second = alternating_offers_solution(DOLLAR, (d1, d2), first_proposer="b")
    assert second.utilities[1] == pytest.approx((1 - d1) / (1 - d1 * d2), abs=1e-7)


def test_short_periods_converge_to_asymmetric_nash() -> None:
    """Binmore, Rubinstein & Wolinsky (1986): delta_i = exp(-r_i T), T -> 0 gives powers 1/r_i."""
    r = (1.0, 3.0)
    nash = bg.nash_bargaining_solution(DOLLAR, bargaining_power=(1 / r[0], 1 / r[1]))
    gaps = []
    for period in (0.1, 0.01, 0.001):
        deltas = (math.exp(-r[0] * period), math.exp(-r[1] * period))
        gaps.append(abs(alternating_offers_solution(DOLLAR, deltas).utilities[0] - nash.utilities[0]))
    assert gaps[0] > gaps[1] > gaps[2]
    assert gaps[2] < 2e-3


def test_kursk_tends_to_the_nash_solution() -> None:
    """As both discount factors approach 1, the offers approach the Nash bargaining solution."""
    problem = bg.load(ROOT / "games" / "kursk.json")
    nash = bg.nash_bargaining_solution(problem)
    errors = []
    for delta in (0.9, 0.99, 0.999):
        s = alternating_offers_solution(problem, (delta, delta))
        assert s.agreement["security"] == nash.agreement["security"]
        errors.append(float(np.max(np.abs(s.utilities - nash.utilities))))
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 2e-3


@settings(max_examples=15, deadline=None)
@given(st.floats(0.05, 0.95), st.floats(0.05, 0.95), st.floats(0.01, 0.04))
def test_shares_are_monotone_in_patience(d1: float, d2: float, step: float) -> None:
    """A more patient party gets more; shares stay in [0, 1]."""
    base = alternating_offers_solution(DOLLAR, (d1, d2)).utilities[0]
    patient = alternating_offers_solution(DOLLAR, (min(d1 + step, 0.99), d2)).utilities[0]
    assert 0.0 <= base <= 1.0
    assert patient >= base - 1e-9


def test_offers_leave_the_responder_indifferent() -> None:
    """Each offer gives the responder exactly the discounted value of its own next offer."""
    d = np.array([-0.2, 0.1])
    problem = bg.BargainingProblem(
        [bg.Party("a", "sqrt(x)", disagreement=d[0]), bg.Party("b", "1 - x", disagreement=d[1])],
        [bg.ContinuousIssue("x")],
    )
    s = alternating_offers_solution(problem, (0.8, 0.7))
    x_u, y_u = s.offers["a"][1], s.offers["b"][1]
    assert x_u[1] - d[1] == pytest.approx(0.7 * (y_u[1] - d[1]), abs=1e-7)
    assert y_u[0] - d[0] == pytest.approx(0.8 * (x_u[0] - d[0]), abs=1e-7)


def test_no_agreement_and_bad_input() -> None:
    blocked = DOLLAR.__class__(
        [bg.Party("a", "x", disagreement=0.7), bg.Party("b", "1 - x", disagreement=0.7)],
        [bg.ContinuousIssue("x")],
    )
    s = alternating_offers_solution(blocked, (0.9, 0.9))
    assert not s.agreement_exists and s.blocking == ("a", "b")
    with pytest.raises(bg.InvalidGameError, match=r"in \(0, 1\)"):
        alternating_offers_solution(DOLLAR, (1.0, 0.5))
    with pytest.raises(bg.InvalidGameError, match="unknown party"):
        alternating_offers_solution(DOLLAR, (0.5, 0.5), first_proposer="c")


def test_cli() -> None:
    ok = invoke("alternating", str(ROOT / "games" / "kursk.json"), "--delta", "0.95", "0.9")
    assert ok.exit_code == 0 and "(accepted)" in ok.stdout
    bad = invoke("alternating", str(ROOT / "games" / "kursk.json"), "--delta", "0", "0.9")
    assert bad.exit_code == 2 and "in (0, 1)" in bad.stderr
