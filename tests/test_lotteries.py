"""Lotteries over issue-space agreements: the convex hull of the pieces (perspective formulation)."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from strategies import ROOT

import bargaining as bg


def swap(lotteries: bool) -> bg.BargainingProblem:
    # Whoever gets g gains 3; x splits a unit. Pure agreements give (3 + x, 1 - x) or (x, 4 - x).
    return bg.BargainingProblem(
        parties=[bg.Party("a", "x + 3*g"), bg.Party("b", "1 - x + 3*(1 - g)")],
        issues=[bg.ContinuousIssue("x", 0, 1), bg.DiscreteIssue("g", {"to_a": 1, "to_b": 0})],
        lotteries=lotteries,
    )


def test_a_lottery_beats_every_sure_agreement() -> None:
    """Without lotteries the Nash product is at most 3 (e.g. (3, 1)); a fair coin over g gives (2, 2)."""
    sure = bg.nash_bargaining_solution(swap(False))
    assert np.prod(sure.utilities) == pytest.approx(3.0, abs=1e-6)
    mixed = bg.nash_bargaining_solution(swap(True))
    np.testing.assert_allclose(mixed.utilities, [2.0, 2.0], atol=1e-5)
    lottery = mixed.agreement["lottery"]
    assert {o["agreement"]["g"] for o in lottery} == {"to_a", "to_b"}
    assert sum(o["probability"] for o in lottery) == pytest.approx(1.0)
    np.testing.assert_allclose(
        sum(o["probability"] * swap(True).utilities_at(o["agreement"]) for o in lottery),
        mixed.utilities,
        atol=1e-6,
    )


def test_all_discrete_lotteries_match_the_utility_set_hull() -> None:
    """With only discrete issues, lotteries over agreements are lotteries over a finite utility set."""
    problem = bg.BargainingProblem(
        parties=[bg.Party("a", "2*p + q"), bg.Party("b", "3 - 2*p - 0.5*q*q")],
        issues=[
            bg.DiscreteIssue("p", {"p0": 0, "p1": 0.5, "p2": 1}),
            bg.DiscreteIssue("q", {"q0": 0, "q1": 1, "q2": 2}),
        ],
        lotteries=True,
    )
    points = [
        problem.utilities_at({"p": p, "q": q})
        for p, q in itertools.product(["p0", "p1", "p2"], ["q0", "q1", "q2"])
    ]
    hull = bg.UtilitySet(("a", "b"), points, lotteries=True)
    for concept in bg.SOLUTION_CONCEPTS:
        np.testing.assert_allclose(
            bg.solve(problem, concept).utilities,
            bg.solve(hull, concept).utilities,
            atol=1e-5,
            err_msg=concept,
        )


def test_lotteries_change_nothing_when_the_set_is_already_convex() -> None:
    kursk = bg.load(ROOT / "games" / "kursk.json")
    with_lotteries = dataclasses.replace(kursk, lotteries=True)
    for concept in ("nash", "ks"):
        np.testing.assert_allclose(
            bg.solve(with_lotteries, concept).utilities, bg.solve(kursk, concept).utilities, atol=1e-5
        )


def test_spec_round_trip_keeps_lotteries() -> None:
    from bargaining.io import dumps, loads

    problem = swap(True)
    assert loads(dumps(problem)).lotteries is True
