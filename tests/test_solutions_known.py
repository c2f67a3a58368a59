"""Known answers from the literature, each with its source."""

from __future__ import annotations

import math

import numpy as np
import pytest
from strategies import ROOT
from strategies import constant_dollar as dollar

import bargaining as bg
from bargaining.solutions.concepts import solve_all


def test_nash_1950_bill_and_jack() -> None:
    """Nash (1950), Econometrica 18(2), p. 161.

    Bill gives the book, whip, ball and bat; Jack gives the pen, toy and knife.
    """
    problem = bg.load(ROOT / "games" / "nash1950_bill_jack.json")
    solution = bg.nash_bargaining_solution(problem)
    traded = {good for good, p in solution.agreement.items() if p > 0.5}
    assert traded == {"book", "whip", "ball", "bat", "pen", "toy", "knife"}
    np.testing.assert_allclose(solution.utilities, [12.0, 5.0], atol=1e-6)


def test_divide_the_dollar_symmetric() -> None:
    """Nash (1950); Osborne & Rubinstein (1990), sect. 2.3: equal split with linear utilities."""
    for concept in bg.SOLUTION_CONCEPTS:
        s = bg.solve(dollar(), concept)
        np.testing.assert_allclose(s.utilities, [0.5, 0.5], atol=1e-6, err_msg=concept)


def test_divide_the_dollar_with_disagreement_point() -> None:
    """Split the difference: u_a = d_a + (1 - d_a - d_b)/2 (Osborne & Rubinstein 1990, sect. 2.3)."""
    s = bg.nash_bargaining_solution(dollar(d=(0.3, 0.1)))
    np.testing.assert_allclose(s.utilities, [0.6, 0.4], atol=1e-6)


@pytest.mark.parametrize("w", [0.2, 0.5, 2 / 3, 0.9])
def test_asymmetric_nash_gives_shares_equal_to_powers(w: float) -> None:
    """Kalai (1977); Muthoo (1999), sect. 2.5: with linear utilities and d = 0, shares equal the powers."""
    s = bg.nash_bargaining_solution(dollar(powers=(w, 1 - w)))
    np.testing.assert_allclose(s.utilities, [w, 1 - w], atol=1e-6)
    assert s.concept_name == ("asymmetric Nash" if w != 0.5 else "Nash")


def test_asymmetric_nash_on_a_curved_frontier() -> None:
    """u2 = 1 - u1**2, powers (w1, w2): FOC gives u1 = sqrt(w1/(w1 + 2 w2))."""
    f = bg.Frontier(("a", "b"), "1 - a**2", bargaining_power=(2, 1))
    s = bg.nash_bargaining_solution(f)
    assert s.utilities[0] == pytest.approx(math.sqrt(2 / 4), abs=1e-6)
    assert s.exact == {"a": "sqrt(2)/2", "b": "1/2"}


def test_curved_frontier_exact_forms() -> None:
    """u2 = 1 - u1**2, d = 0: Nash u1 = sqrt(3)/3; KS and egalitarian (sqrt(5)-1)/2; utilitarian 1/2."""
    solutions = solve_all(bg.load(ROOT / "games" / "curved_frontier.json"))
    nash, ks, egal, util = (solutions[c] for c in ("nash", "ks", "egalitarian", "utilitarian"))
    assert nash.exact == {"alice": "sqrt(3)/3", "bob": "2/3"}
    np.testing.assert_allclose(nash.utilities, [math.sqrt(3) / 3, 2 / 3], atol=1e-6)
    golden = (math.sqrt(5) - 1) / 2
    np.testing.assert_allclose(ks.utilities, [golden, golden], atol=1e-6)
    np.testing.assert_allclose(egal.utilities, [golden, golden], atol=1e-6)
    np.testing.assert_allclose(util.utilities, [0.5, 0.75], atol=1e-6)
    assert util.exact == {"alice": "1/2", "bob": "3/4"}


def test_kalai_smorodinsky_1975_example_where_nash_and_ks_differ() -> None:
    """Kalai & Smorodinsky (1975), Econometrica 43(3): Nash (1, 0.7), KS u1 = u2 = 1/1.3."""
    problem = bg.load(ROOT / "games" / "kalai_smorodinsky_1975.json")
    nash = bg.nash_bargaining_solution(problem)
    ks = bg.kalai_smorodinsky_solution(problem)
    np.testing.assert_allclose(nash.utilities, [1.0, 0.7], atol=1e-6)
    np.testing.assert_allclose(ks.utilities, [1 / 1.3, 1 / 1.3], atol=1e-6)


def test_nash_is_not_monotone_but_ks_is_on_the_1975_pair() -> None:
    """Kalai & Smorodinsky (1975): Nash gives player 2 more on S with (3/4, 3/4) than on T, larger for 2."""
    points_s = [[0, 0], [1, 0], [0, 1], [0.75, 0.75]]
    points_t = [[0, 0], [1, 0], [0, 1], [1, 0.7]]
    s = bg.UtilitySet(("p1", "p2"), points_s, lotteries=True)
    t = bg.UtilitySet(("p1", "p2"), points_t, lotteries=True)
    assert bg.nash_bargaining_solution(s).utilities[1] > bg.nash_bargaining_solution(t).utilities[1] + 0.04
    assert (
        bg.kalai_smorodinsky_solution(t).utilities[1] >= bg.kalai_smorodinsky_solution(s).utilities[1] - 1e-7
    )


def test_egalitarian_and_proportional() -> None:
    """Kalai (1977): equal gains; proportional gains with weights (2, 1) on the dollar give (2/3, 1/3)."""
    s = bg.egalitarian_solution(dollar(d=(0.2, 0.0)))
    np.testing.assert_allclose(s.gains, [0.4, 0.4], atol=1e-6)
    p = bg.egalitarian_solution(dollar(), weights=(2, 1))
    np.testing.assert_allclose(p.utilities, [2 / 3, 1 / 3], atol=1e-6)
    assert p.concept_name == "proportional"


def test_egalitarian_breaks_weak_pareto_ties() -> None:
    """Max-min alone may stop at a weakly Pareto point; the tie-break moves along the flat edge."""
    s = bg.UtilitySet(("a", "b"), [[0, 0], [1, 0], [1, 1], [0, 2], [2, 1]], lotteries=True)
    # The point (1, 1) is max-min optimal; (2, 1)... but (1.5, 1.5)-type points on [(0,2),(2,1)] do better.
    e = bg.egalitarian_solution(s)
    np.testing.assert_allclose(e.utilities, [4 / 3, 4 / 3], atol=1e-6)


def test_utilitarian_with_weights() -> None:
    """Weighted utilitarian on the dollar puts everything with the heavier weight."""
    s = bg.utilitarian_solution(dollar(), weights=(1, 3))
    np.testing.assert_allclose(s.utilities, [0.0, 1.0], atol=1e-6)


def test_no_agreement_is_an_answer_that_names_who_blocks() -> None:
    """d = (0.6, 0.6) on the dollar: no split gives both more than 0.6."""
    for concept in bg.SOLUTION_CONCEPTS:
        s = bg.solve(dollar(d=(0.6, 0.6)), concept)
        assert not s.agreement_exists
        assert s.blocking == ("a", "b")
        assert s.agreement == {}
        np.testing.assert_allclose(s.utilities, [0.6, 0.6])


def test_one_party_blocks() -> None:
    """Party c's disagreement value exceeds anything it can get while a and b keep theirs."""
    problem = bg.BargainingProblem(
        parties=[bg.Party("a", "x"), bg.Party("b", "y"), bg.Party("c", "1 - x - y", disagreement=2)],
        issues=[bg.ContinuousIssue("x", 0, 1), bg.ContinuousIssue("y", 0, 1)],
        constraints=[bg.Constraint("x + y <= 1")],
    )
    s = bg.nash_bargaining_solution(problem)
    assert not s.agreement_exists
    assert s.blocking == ("c",)


def test_three_party_nash_split() -> None:
    """Three parties splitting a unit: Nash gives a third each (symmetry and Pareto)."""
    problem = bg.BargainingProblem(
        parties=[bg.Party("a", "x"), bg.Party("b", "y"), bg.Party("c", "1 - x - y")],
        issues=[bg.ContinuousIssue("x", 0, 1), bg.ContinuousIssue("y", 0, 1)],
        constraints=[bg.Constraint("x + y <= 1")],
    )
    for concept in bg.SOLUTION_CONCEPTS:
        if concept == "utilitarian":
            continue
        np.testing.assert_allclose(bg.solve(problem, concept).utilities, [1 / 3] * 3, atol=1e-6)


def test_discrete_issue_enumerates_levels() -> None:
    """A discrete issue is solved per level; the Nash product picks the best level."""
    problem = bg.BargainingProblem(
        parties=[bg.Party("a", "x + g"), bg.Party("b", "1 - x - g**2")],
        issues=[
            bg.ContinuousIssue("x", 0, 1),
            bg.DiscreteIssue("g", {"none": 0.0, "some": 0.5, "full": 1.0}),
        ],
    )
    s = bg.nash_bargaining_solution(problem)
    # Surplus 1 + g - g**2 is largest at g = 0.5 (1.25); each gets half of it.
    assert s.agreement["g"] == "some"
    np.testing.assert_allclose(s.utilities, [0.625, 0.625], atol=1e-6)


def test_finite_set_without_lotteries() -> None:
    """Without lotteries, the concepts pick among the outcomes themselves."""
    s = bg.UtilitySet(("a", "b"), [[0, 3], [1, 1], [2, 0.5], [3, 0]], labels=["w", "x", "y", "z"])
    assert bg.nash_bargaining_solution(s).agreement == {"outcome": "y"}
    assert bg.kalai_smorodinsky_solution(s).agreement == {"outcome": "x"}
    u = bg.utilitarian_solution(s)
    assert u.agreement == {"outcome": "w"} and "tie" in u.notes[0]


def test_concavity_error_names_party_and_term() -> None:
    problem = bg.BargainingProblem(
        parties=[bg.Party("a", "x"), bg.Party("russia", "1 - x + x**2")],
        issues=[bg.ContinuousIssue("x", 0, 1)],
    )
    with pytest.raises(
        bg.ConvexityError,
        match=r"parties\[1\].utility: the utility of 'russia' is not concave: "
        r"the term x\*\*2 is convex",
    ):
        bg.nash_bargaining_solution(problem)


def test_parameters_resolve_without_rebuilding() -> None:
    """A new parameter value reuses the compiled cvxpy problem (DPP) and gives the new answer."""
    from bargaining.solutions.feasible import compilations

    base = bg.BargainingProblem(
        parties=[bg.Party("a", "k*sqrt(x)", disagreement="d"), bg.Party("b", "1 - x")],
        issues=[bg.ContinuousIssue("x", 0, 1)],
        parameters=[bg.Parameter("k", 1.0, (0.1, 10)), bg.Parameter("d", 0.0, (-1, 1))],
    )
    bg.nash_bargaining_solution(base, method="conic")
    compiled = compilations(base)
    for k in (0.5, 2.0, 4.0):
        s = bg.nash_bargaining_solution(base.with_parameters(k=k), method="conic")
        # max sqrt(x)(1-x): x = 1/3 whatever k is.
        assert s.agreement["x"] == pytest.approx(1 / 3, abs=1e-6)
    assert len(compilations(base)) == len(compiled) == 1
    for program in compiled[0].model._programs.values():
        program = program[0] if isinstance(program, tuple) else program
        assert program.is_dpp()
