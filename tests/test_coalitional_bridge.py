"""The TU game of a bargaining problem (bargaining.coalitional.bridge)."""

from __future__ import annotations

import pytest

from bargaining.coalitional.bridge import coalitional_game_from_problem
from bargaining.coalitional.shapley import shapley_value
from bargaining.coalitional.solve import solve_coalitional
from bargaining.errors import SpecError
from bargaining.model.issue_space import BargainingProblem, Constraint, ContinuousIssue, Party


def three_way_split(d: tuple[float, float, float] = (0.0, 0.0, 0.0)) -> BargainingProblem:
    """Divide a unit among a, b, c (x, y, 1 - x - y), disagreement d."""
    parties = [Party("a", "x", d[0]), Party("b", "y", d[1]), Party("c", "1 - x - y", d[2])]
    issues = [ContinuousIssue("x"), ContinuousIssue("y")]
    return BargainingProblem(parties, issues, constraints=[Constraint("x + y <= 1")], name="split")


def test_unanimity_game_splits_the_surplus_evenly() -> None:
    # Only the grand coalition can agree: v(N) = 1 - sum(d) (transferable utility), 0 elsewhere;
    # the Shapley value and the nucleolus split it evenly.
    game = coalitional_game_from_problem(three_way_split((0.1, 0.2, 0.0)))
    assert game.values is not None
    assert game.values[-1] == pytest.approx(0.7, abs=1e-6)
    assert list(game.values[:-1]) == [0.0] * 7
    result = solve_coalitional(game)
    assert result.allocations[0].payoffs == pytest.approx((0.7 / 3,) * 3, abs=1e-6)
    assert result.core is not None and result.core.non_empty


def test_outsiders_at_disagreement_is_optimistic() -> None:
    # Each coalition may take the whole unit if the outsiders are held at 0: v(S) = 1 for S nonempty,
    # so the core is empty (no split gives every party 1), and symmetry gives Shapley 1/3 each.
    game = coalitional_game_from_problem(three_way_split(), "outsiders_at_disagreement")
    assert game.values is not None
    assert list(game.values[1:]) == pytest.approx([1.0] * 7, abs=1e-6)
    assert shapley_value(game).payoffs == pytest.approx((1 / 3,) * 3, abs=1e-6)
    result = solve_coalitional(game)
    assert result.core is not None and not result.core.non_empty


def test_no_agreement_gives_the_zero_game() -> None:
    game = coalitional_game_from_problem(three_way_split((0.5, 0.5, 0.5)))
    assert game.values is not None and not game.values.any()


def test_two_parties_or_an_unknown_rule_are_errors() -> None:
    problem = BargainingProblem([Party("a", "x"), Party("b", "1 - x")], [ContinuousIssue("x")])
    with pytest.raises(SpecError, match="3 to"):
        coalitional_game_from_problem(problem)
    with pytest.raises(SpecError, match="unknown rule"):
        coalitional_game_from_problem(three_way_split(), "bogus")
