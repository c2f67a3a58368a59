"""The bargaining model of war (bargaining.war.fearon): Fearon (1995) and the risk-return trade-off.

Known answers carry their source; the optimal demand is also checked against a
brute-force search over demands that uses only the definition of the
proposer's expected payoff.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from bargaining.errors import InvalidGameError, SpecError
from bargaining.war import (
    CostDistribution,
    CostType,
    CostTypes,
    UniformBelief,
    UniformCost,
    WarBargaining,
    WarParty,
    bargaining_range,
    fearon_solution,
    solve_war,
)

# ---------------------------------------------------------------------- complete information


@pytest.mark.parametrize("p, c0, c1", [(0.6, 0.1, 0.2), (0.5, 0.0, 0.0), (0.3, 0.25, 0.05)])
def test_fearon_bargaining_range(p: float, c0: float, c1: float) -> None:
    # Fearon (1995), fig. 1: the shares party 0 prefers to war and party 1 accepts are [p - c0, p + c1].
    assert bargaining_range(p, (c0, c1)) == pytest.approx((p - c0, p + c1))
    result = fearon_solution(p, (c0, c1))
    assert result.bargaining_range == pytest.approx((p - c0, p + c1))
    assert result.war_payoffs == pytest.approx((p - c0, 1 - p - c1))


def test_range_scales_with_size_and_is_clipped() -> None:
    assert bargaining_range(0.5, (0.1, 0.2), size=2.0) == pytest.approx((0.9, 1.2))
    assert bargaining_range(0.95, (0.1, 0.2)) == pytest.approx((0.85, 1.0))
    assert bargaining_range(0.05, (0.1, 0.2)) == pytest.approx((0.0, 0.25))


def test_complete_information_proposer_takes_the_top_of_the_range() -> None:
    # Fearon (1995): with a known cost the proposer demands p + c1, which is accepted; no war.
    result = fearon_solution(0.6, (0.1, 0.2))
    assert result.demand == pytest.approx(0.8)
    assert result.war_probability == 0.0
    assert result.expected_payoffs == pytest.approx((0.8, 0.2))
    # Party 1 proposing demands (1 - p) + c0 for itself.
    other = fearon_solution(0.6, (0.1, 0.2), proposer=1)
    assert other.shares == pytest.approx((0.5, 0.5))


# ---------------------------------------------------------------------- private information


@pytest.mark.parametrize("p, c_proposer, high", [(0.5, 0.1, 0.3), (0.6, 0.05, 0.4), (0.3, 0.2, 0.5)])
def test_risk_return_uniform_from_zero(p: float, c_proposer: float, high: float) -> None:
    # Worked analytically (Fearon 1995, sect. on private information; Powell 1999, ch. 3): with
    # c_R ~ U[0, h] the proposer maximises (p + z)(1 - z/h) + (p - c_P) z/h, so z* = (h - c_P)/2,
    # demand p + z*, and war occurs with probability (h - c_P) / (2h) > 0.
    result = fearon_solution(p, (c_proposer, 0.1), belief=UniformCost(0.0, high))
    assert result.demand == pytest.approx(p + (high - c_proposer) / 2)
    assert result.war_probability == pytest.approx((high - c_proposer) / (2 * high))


def test_uniform_cost_with_a_high_floor_gives_a_safe_demand() -> None:
    # If even the lowest-cost type is costly enough, z* = (h - c_P)/2 < l: demand p + l, no war.
    result = fearon_solution(0.5, (0.3, 0.2), belief=UniformCost(0.2, 0.4))
    assert result.demand == pytest.approx(0.7)
    assert result.war_probability == 0.0
    assert result.safe_demand == pytest.approx(0.7)


def test_two_types() -> None:
    # Two types of responder (Fearon 1995, sect. on private information): cost 0.05 w.p. mu = 0.3
    # ("resolute") or 0.3. Worked by hand with p = 0.5, c_P = 0.2: the safe demand 0.55 pays 0.55;
    # the risky demand 0.8 pays 0.7 * 0.8 + 0.3 * (0.5 - 0.2) = 0.65, so it is made; war w.p. 0.3.
    types = CostTypes((0.05, 0.3), (0.3, 0.7), ("resolute", "irresolute"))
    result = fearon_solution(0.5, (0.2, 0.0), belief=types)
    assert result.demand == pytest.approx(0.8)
    assert result.war_probability == pytest.approx(0.3)
    assert result.expected_payoffs[0] == pytest.approx(0.65)
    # The resolute type fights: 0.5 - 0.05; the other accepts 0.2.
    assert result.expected_payoffs[1] == pytest.approx(0.3 * 0.45 + 0.7 * 0.2)
    # With mu = 0.6 the risky demand pays 0.4 * 0.8 + 0.6 * 0.3 = 0.5 < 0.55: the safe one, no war.
    safe = fearon_solution(0.5, (0.2, 0.0), belief=CostTypes((0.05, 0.3), (0.6, 0.4)))
    assert safe.demand == pytest.approx(0.55)
    assert safe.war_probability == 0.0


def _proposer_payoff(p: float, c_proposer: float, belief: UniformCost | CostTypes, demand: float) -> float:
    """The definition: the demand is accepted by the types with c_R >= demand - p, else war."""
    z = demand - p
    if isinstance(belief, UniformCost):
        war = float(np.clip((z - belief.low) / (belief.high - belief.low), 0, 1))
    else:
        war = sum(q for c, q in zip(belief.costs, belief.probabilities, strict=True) if c < z - 1e-12)
    return demand * (1 - war) + (p - c_proposer) * war


beliefs = st.one_of(
    st.tuples(st.floats(0.0, 0.4), st.floats(0.01, 0.5)).map(lambda t: UniformCost(t[0], t[0] + t[1])),
    st.lists(st.tuples(st.floats(0.0, 0.6), st.floats(0.05, 1.0)), min_size=1, max_size=4).map(
        lambda ts: CostTypes([c for c, _ in ts], [w / sum(w for _, w in ts) for _, w in ts])
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.floats(0.0, 1.0), st.floats(0.0, 0.5), beliefs)
def test_optimal_demand_beats_every_demand_on_a_grid(p: float, c_proposer: float, belief: object) -> None:
    assert isinstance(belief, UniformCost | CostTypes)
    result = fearon_solution(p, (c_proposer, 0.1), belief=belief)
    grid = np.linspace(0.0, 1.0, 2001)
    best_on_grid = max(_proposer_payoff(p, c_proposer, belief, float(x)) for x in grid)
    assert result.expected_payoffs[0] == pytest.approx(_proposer_payoff(p, c_proposer, belief, result.demand))
    assert result.expected_payoffs[0] >= best_on_grid - 1e-9
    assert 0 <= result.war_probability <= 1
    assert 0 <= result.demand <= 1 + 1e-12


@settings(max_examples=50, deadline=None)
@given(st.floats(0.0, 1.0), st.floats(0.0, 0.5), st.floats(0.0, 0.3), st.floats(0.01, 0.5))
def test_responder_payoff_matches_numerical_integration(
    p: float, c_p: float, low: float, width: float
) -> None:
    belief = UniformCost(low, low + width)
    result = fearon_solution(p, (c_p, 0.1), belief=belief)
    offered = 1 - result.demand

    def payoff(c: float) -> float:
        return offered if c >= result.demand - p else (1 - p) - c

    expected, _ = quad(payoff, low, low + width, points=[result.demand - p], limit=200)
    assert result.expected_payoffs[1] == pytest.approx(expected / width, abs=1e-7)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.0, 1.0), st.floats(0.0, 0.5), st.floats(0.0, 0.5), beliefs)
def test_proposer_one_is_the_mirror_image(p: float, c0: float, c1: float, belief: object) -> None:
    assert isinstance(belief, UniformCost | CostTypes)
    direct = fearon_solution(p, (c0, c1), belief=belief, proposer=1)
    mirrored = fearon_solution(1 - p, (c1, c0), belief=belief, proposer=0)
    assert direct.shares == pytest.approx(mirrored.shares[::-1])
    assert direct.war_probability == pytest.approx(mirrored.war_probability)
    assert direct.expected_payoffs == pytest.approx(mirrored.expected_payoffs[::-1])


@settings(max_examples=50, deadline=None)
@given(st.floats(0.0, 0.7), st.floats(0.0, 0.3), st.floats(0.05, 0.5), st.floats(0.0, 0.2))
def test_wider_uncertainty_raises_the_risk_of_war(p: float, c_p: float, high: float, extra: float) -> None:
    # With c_R ~ U[0, h], Pr(war) = max(0, h - c_P) / (2h) rises with h (Fearon's risk-return logic).
    low_risk = fearon_solution(p, (c_p, 0.1), belief=UniformCost(0.0, high)).war_probability
    high_risk = fearon_solution(p, (c_p, 0.1), belief=UniformCost(0.0, high + extra)).war_probability
    if (1 - p) >= high + extra:  # the demand cap (the whole good) does not bind
        assert high_risk >= low_risk - 1e-12


# ---------------------------------------------------------------------- continuous distributions


@settings(max_examples=30, deadline=None)
@given(st.floats(0.0, 1.0), st.floats(0.0, 0.5), st.floats(0.0, 0.3), st.floats(0.01, 0.5))
def test_numerical_optimum_matches_the_uniform_closed_form(
    p: float, c_p: float, low: float, width: float
) -> None:
    from scipy import stats

    exact = fearon_solution(p, (c_p, 0.1), belief=UniformCost(low, low + width))
    numeric = fearon_solution(p, (c_p, 0.1), belief=CostDistribution(stats.uniform(low, width)))
    assert numeric.demand == pytest.approx(exact.demand, abs=1e-6)
    assert numeric.war_probability == pytest.approx(exact.war_probability, abs=1e-5)
    assert numeric.expected_payoffs == pytest.approx(exact.expected_payoffs, abs=1e-8)


@settings(max_examples=20, deadline=None)
@given(st.floats(0.1, 0.9), st.floats(0.0, 0.3), st.floats(-0.1, 0.4), st.floats(0.02, 0.3))
def test_truncated_normal_cost(p: float, c_p: float, mean: float, sd: float) -> None:
    # The definition, by brute force: Pr(war) = F(demand - p), payoffs integrated numerically.
    belief = CostDistribution.normal(mean, sd)
    dist = belief.distribution
    result = fearon_solution(p, (c_p, 0.1), belief=belief)
    grid = np.linspace(p, 1.0, 4001)
    f = dist.cdf(grid - p)
    payoffs = grid * (1 - f) + (p - c_p) * f
    assert result.expected_payoffs[0] >= payoffs.max() - 1e-9
    assert result.war_probability == pytest.approx(float(dist.cdf(result.demand - p)))
    offered = 1 - result.demand

    def responder(c: float) -> float:
        return (offered if c >= result.demand - p else (1 - p) - c) * float(dist.pdf(c))

    threshold = max(result.demand - p, 0.0)
    expected = quad(responder, 0, threshold, limit=200)[0] + quad(responder, threshold, np.inf, limit=200)[0]
    assert result.expected_payoffs[1] == pytest.approx(expected, abs=1e-6)


def test_distribution_must_be_on_nonnegative_costs() -> None:
    from scipy import stats

    with pytest.raises(InvalidGameError, match="truncate it at 0"):
        CostDistribution(stats.norm(0.2, 0.1))
    with pytest.raises(InvalidGameError, match="frozen scipy.stats distribution"):
        CostDistribution(0.2)


# ---------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: bargaining_range(1.2, (0.1, 0.1)), r"win_probability must be in \[0, 1\]"),
        (lambda: bargaining_range(0.5, (-0.1, 0.1)), "cost of party 0 must be in"),
        (lambda: bargaining_range(0.5, (0.1,)), "one value per party"),
        (lambda: fearon_solution(0.5, (0.1, 0.1), proposer=2), "proposer must be party 0 or 1"),
        (lambda: fearon_solution(0.5, (0.1, 0.1), size=0), "size must be positive"),
        (lambda: UniformCost(0.3, 0.1), "low < high"),
        (lambda: UniformCost(-0.1, 0.1), "lowest cost"),
        (lambda: CostTypes((0.1, 0.2), (0.5, 0.6)), "sum to 1.1"),
        (lambda: CostTypes((0.1, 0.2), (0.5,)), "one probability per type"),
        (lambda: CostTypes((0.1,), (1.5,)), "probability of type 0 must be in"),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(InvalidGameError, match=message):
        call()  # type: ignore[operator]


# ---------------------------------------------------------------------- the model with parameters


def _kursk_model(**overrides: object) -> WarBargaining:
    from bargaining.model.issue_space import Parameter

    kwargs: dict = {
        "parties": [WarParty("ukraine", "0.2 + hold_cost * held"), WarParty("russia", "0.1 + 0.05 * held")],
        "win_probability": "p_base + effect * held",
        "proposer": 1,
        "uncertainty": UniformBelief("0.05 + hold_cost * held", "0.35 + hold_cost * held"),
        "parameters": [
            Parameter("held", 1.0, (0.0, 1.3)),
            Parameter("p_base", 0.35, (0.0, 1.0)),
            Parameter("effect", 0.05, (0.0, 0.2)),
            Parameter("hold_cost", 0.03, (0.0, 0.1)),
        ],
    }
    kwargs.update(overrides)
    return WarBargaining(**kwargs)


def test_model_evaluates_formulas_and_solves() -> None:
    model = _kursk_model()
    result = solve_war(model)
    assert result.win_probability == pytest.approx(0.40)
    assert result.cost == pytest.approx((0.23, 0.15))
    # Russia proposes: p_R = 0.6, c_R = 0.15, Ukraine's cost ~ U[0.08, 0.38]: z* = (0.38 - 0.15)/2.
    assert result.demand == pytest.approx(0.6 + 0.115)
    assert result.war_probability == pytest.approx((0.115 - 0.08) / 0.3)
    assert model.parameter_values()["held"] == 1.0
    assert solve_war(model.with_parameters(held=0.0)).win_probability == pytest.approx(0.35)


def test_model_with_types() -> None:
    model = _kursk_model(
        uncertainty=(CostType("resolute", 0.05, "mu"), CostType("weak", 0.3, "1 - mu")),
        parameters=[*_kursk_model().parameters, *_mu()],
    )
    # Russia (p = 0.6, cost 0.15) demands 0.65 (safe, pays 0.65) or 0.9 (pays 0.7 * 0.9 + 0.3 * 0.45 = 0.765).
    result = solve_war(model)
    assert result.demand == pytest.approx(0.9)
    assert result.war_probability == pytest.approx(0.3)


def _mu() -> list:
    from bargaining.model.issue_space import Parameter

    return [Parameter("mu", 0.3, (0.0, 1.0))]


@pytest.mark.parametrize(
    "overrides, path, message",
    [
        ({"win_probability": "p_base + 1"}, "win_probability", r"in \[0, 1\]"),
        ({"win_probability": "p_bse"}, "win_probability", "did you mean 'p_base'"),
        ({"parties": [WarParty("ukraine", -0.1), WarParty("russia", 0.1)]}, "parties[0].cost", ">= 0"),
        ({"parties": [WarParty("ukraine", 0.1), WarParty("ukraine", 0.1)]}, "parties[1].name", "rename"),
        ({"uncertainty": UniformBelief(0.3, 0.1)}, "uncertainty.high", "high > low"),
        ({"uncertainty": (CostType("a", 0.1, 0.5), CostType("b", 0.2, 0.6))}, "uncertainty.types", "1.1"),
        ({"uncertainty": (CostType("a", 0.1, 1.5),)}, "uncertainty.types[0].probability", r"in \[0, 1\]"),
        ({"proposer": 3}, "proposer", "party 0 or 1"),
    ],
)
def test_model_errors_name_the_json_path(overrides: dict, path: str, message: str) -> None:
    with pytest.raises(SpecError, match=message) as info:
        _kursk_model(**overrides)
    assert info.value.path == path


def test_with_parameters_errors() -> None:
    model = _kursk_model()
    with pytest.raises(SpecError, match="did you mean 'held'") as info:
        model.with_parameters(hled=0.5)
    assert info.value.path == "parameters"
    with pytest.raises(SpecError, match="outside its range") as info:
        model.with_parameters(held=2.0)
    assert info.value.path == "parameters[0].value"


def test_result_to_dict_and_table() -> None:
    result = solve_war(_kursk_model())
    data = result.to_dict()
    assert data["parties"] == ["ukraine", "russia"] and data["proposer"] == "russia"
    assert data["war_probability"] == pytest.approx(result.war_probability)
    assert data["belief"].startswith("uniform on")
    table = result.to_table()
    assert "bargaining range (ukraine's share)" in table and "probability of war" in table
