"""Bargaining solutions and the coalitional game of the same problem (bargaining.coalitional.bridged),
and ``bargain solve --coalitions``."""

from __future__ import annotations

import csv
import io
import itertools
import json
from fractions import Fraction

import numpy as np
import pytest
from strategies import GAMES, run

from bargaining.coalitional.bridged import ASSUMPTION, solve_with_coalitions
from bargaining.errors import SpecError
from bargaining.model.issue_space import BargainingProblem, Constraint, ContinuousIssue, Party

KURSK_EUROPE = str(GAMES / "kursk_europe.json")


def split_with_a_keen_third() -> BargainingProblem:
    """a gets x, b gets y, c values the rest 1 - x - y twice; disagreement 0 for all."""
    parties = [Party("a", "x"), Party("b", "y"), Party("c", "2 * (1 - x - y)")]
    issues = [ContinuousIssue("x"), ContinuousIssue("y")]
    return BargainingProblem(parties, issues, constraints=[Constraint("x + y <= 1")])


def test_hand_worked_three_party_split() -> None:
    # Worked by hand. Outsiders held at 0, a coalition with c gives c everything (worth 2); one without
    # c gives its members everything (worth 1): v(a) = v(b) = v(ab) = 1, v(c) = v(ac) = v(bc) = v(N) = 2.
    # Shapley: phi_a = v(a)/3 + [v(ab) - v(b) + v(ac) - v(c)]/6 + [v(N) - v(bc)]/3 = 1/3 = phi_b, phi_c = 4/3.
    # The imputation set is empty (1 + 1 + 2 > 2); the prenucleolus, (t, t, 2 - 2t) by symmetry, minimises
    # the largest excess max(1 - t, 2t, t, 1 - 2t): t = 1/3, epsilon = 2/3. Nash: max x y 2(1 - x - y)
    # gives x = y = 1/3, gains (1/3, 1/3, 2/3), which sum to less than v(N) = 2 (TU transfers c's keenness).
    both = solve_with_coalitions(split_with_a_keen_third())
    game = both.coalitional.game
    assert game.values is not None
    assert list(game.values) == pytest.approx([0, 1, 1, 1, 2, 2, 2, 2], abs=1e-6)
    shapley, _banzhaf, pre = both.coalitional.allocations
    assert shapley.payoffs == pytest.approx((1 / 3, 1 / 3, 4 / 3), abs=1e-6)
    assert pre.concept == "prenucleolus"
    assert pre.payoffs == pytest.approx((1 / 3, 1 / 3, 4 / 3), abs=1e-6)
    assert both.coalitional.core is not None and not both.coalitional.core.non_empty
    assert both.coalitional.core.least_core_epsilon == pytest.approx(2 / 3, abs=1e-6)
    assert both.reference() == ("nash", pytest.approx((1 / 3, 1 / 3, 2 / 3), abs=1e-6))
    assert both.reference_in_core() is False


def test_hand_worked_unanimity_rule() -> None:
    # Only all three can agree: v(N) = 2 (everything to c), 0 elsewhere; Shapley splits it evenly, the core
    # is every split of 2, and the Nash gains (summing to 4/3 < 2) are not in it.
    both = solve_with_coalitions(split_with_a_keen_third(), rule="unanimity")
    assert both.coalitional.allocations[0].payoffs == pytest.approx((2 / 3,) * 3, abs=1e-6)
    assert both.coalitional.core is not None and both.coalitional.core.non_empty
    assert both.reference_in_core() is False


def brute_force_values(spec: dict) -> dict[frozenset[str], float]:
    """v(S) = max sum_{i in S} (u_i - d_i) over agreements with u >= d, for kursk_europe, by scipy's SLSQP
    from several starts, independently of the project's solvers (the utilities written out in numpy)."""
    from scipy.optimize import minimize

    w = {p["name"]: p["value"] for p in spec["parameters"]}

    def utilities(z: np.ndarray) -> np.ndarray:
        t, g, r = z
        return np.array(
            [
                w["territory_weight_ukraine"] * np.sqrt(max(t, 0.0))
                + w["security_weight_ukraine"] * g
                - w["relief_cost_ukraine"] * r,
                -w["territory_weight_russia"] * t
                - w["security_weight_russia"] * g**2
                + w["relief_value_russia"] * r,
                w["territory_weight_europe"] * t
                + w["security_weight_europe"] * g
                - w["guarantee_cost_europe"] * g**2
                + w["relief_value_europe"] * r,
            ]
        )

    d = np.array([-w["war_cost_ukraine"], -w["war_cost_russia"], -w["war_cost_europe"]])
    names = ("ukraine", "russia", "europe")
    out = {}
    for size in (1, 2, 3):
        for members in itertools.combinations(range(3), size):
            inside = np.array([i in members for i in range(3)])
            # every party at no less than its disagreement value (the bridge's v(S): members too)
            cons = [{"type": "ineq", "fun": lambda z, j=j: utilities(z)[j] - d[j]} for j in range(3)]
            best = -np.inf
            for start in itertools.product((0.1, 0.9), repeat=3):
                res = minimize(
                    lambda z, inside=inside: -float((utilities(z) - d)[inside].sum()),
                    np.array(start),
                    bounds=[(0, 1)] * 3,
                    constraints=cons,
                    method="SLSQP",
                )
                if res.success and all(c["fun"](res.x) >= -1e-9 for c in cons):
                    best = max(best, -res.fun)
            out[frozenset(names[i] for i in members)] = best
    return out


def test_kursk_europe_values_match_an_independent_optimiser() -> None:
    spec = json.loads((GAMES / "kursk_europe.json").read_text(encoding="utf-8"))
    code, out, err = run("solve", KURSK_EUROPE, "--coalitions", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [s["concept"] for s in data["solutions"]][0] == "nash"  # the usual output, unchanged
    coalitional = data["coalitional"]
    assert coalitional["assumption"] == ASSUMPTION and coalitional["rule"] == "outsiders_at_disagreement"
    expected = brute_force_values(spec)
    for name, value in coalitional["coalition_values"].items():
        assert value == pytest.approx(expected[frozenset(name.split("+"))], abs=1e-5), name
    shapley = coalitional["shapley"]
    assert sum(shapley.values()) == pytest.approx(coalitional["coalition_values"]["ukraine+russia+europe"])
    # Shapley by permutations in exact arithmetic, from the reported coalition values
    v = {frozenset(k.split("+")): Fraction(x) for k, x in coalitional["coalition_values"].items()}
    v[frozenset()] = Fraction(0)
    orders = list(itertools.permutations(("ukraine", "russia", "europe")))
    for player in shapley:
        total = sum(
            v[frozenset(o[: o.index(player) + 1])] - v[frozenset(o[: o.index(player)])] for o in orders
        )
        assert shapley[player] == pytest.approx(float(total / len(orders)), abs=1e-9)
    assert coalitional["reference"] == "nash" and coalitional["reference_in_core"] is False


def test_cli_table_csv_and_the_hint() -> None:
    code, out, _ = run("solve", KURSK_EUROPE, "--coalitions", "-s", "nash")
    assert code == 0
    assert "Coalitional game of the problem (outsiders_at_disagreement" in out
    assert "nash gain" in out and "shapley" in out and "core: empty" in out
    assert ASSUMPTION in out
    code, out, _ = run("solve", KURSK_EUROPE, "--coalitions", "-s", "nash", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["player"] for r in rows] == ["ukraine", "russia", "europe"]
    assert {"nash_gain", "shapley", "banzhaf", "prenucleolus"} <= rows[0].keys()
    code, out, _ = run("solve", KURSK_EUROPE, "-s", "nash")
    assert code == 0 and "add --coalitions" in out and "Coalitional game" not in out
    code, out, _ = run("solve", KURSK_EUROPE, "-s", "nash", "--format", "json")
    assert code == 0 and "coalitional" not in json.loads(out)  # the hint is for people only


def test_two_parties_are_unchanged_and_refuse_the_flag() -> None:
    code, out, _ = run("solve", str(GAMES / "divide_the_dollar.json"), "-s", "nash")
    assert code == 0 and "--coalitions" not in out
    code, _, err = run("solve", str(GAMES / "divide_the_dollar.json"), "--coalitions")
    assert code == 2 and "three or more parties" in err
    code, _, err = run("solve", str(GAMES / "chicken.json"), "--coalitions")
    assert code == 2 and "three or more parties" in err


def test_two_party_problem_is_an_error_in_python() -> None:
    problem = BargainingProblem([Party("a", "x"), Party("b", "1 - x")], [ContinuousIssue("x")])
    with pytest.raises(SpecError, match="3 to"):
        solve_with_coalitions(problem)
