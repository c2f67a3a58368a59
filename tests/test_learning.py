"""Bargaining and learning while fighting with finitely many types (bargaining.war.learning).

Known answers: one round of talks and a war decided in one round is Fearon's (1995) risk-return
trade-off with cost types (against bargaining.war.fearon); one type is complete information; two
types over two rounds give the weak type the Coasian rent of mimicking the strong one. Independent
check: a plain-Python backward induction over every set of accepting types (no screening order
assumed) and every offer on a grid.
"""

from __future__ import annotations

import itertools
import json
from functools import cache
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import GAMES, run

from bargaining.dispatch import solve_model
from bargaining.errors import InvalidGameError, SpecError
from bargaining.io import load
from bargaining.io.learning_while_fighting import from_dict, to_dict
from bargaining.war import CostTypes, fearon_solution, learning_equilibrium

KURSK = GAMES / "kursk_learning.json"
probability = st.floats(0.05, 0.95).map(lambda x: round(x, 3))
small_cost = st.floats(0, 0.4).map(lambda x: round(x, 3))


# ---------------------------------------------------------------------- known answers


@settings(max_examples=60, deadline=None)
@given(
    p=probability,
    costs=st.lists(small_cost, min_size=1, max_size=4, unique=True),
    weights=st.lists(st.floats(0.05, 1), min_size=4, max_size=4),
    proposer_cost=small_cost,
)
def test_one_round_decided_war_is_fearons_risk_return_trade_off(
    p: float, costs: list[float], weights: list[float], proposer_cost: float
) -> None:
    """Fearon (1995), Powell (1999, ch. 3): a take-it-or-leave-it demand against cost types.

    The informed side wins a war with probability p and pays c_k; the war is decided in one round
    (win + loss = 1), so fighting it out is worth p - c_k and 1 - p - c_U, Fearon's war payoffs.
    """
    k = len(costs)
    prior = [w / sum(weights[:k]) for w in weights[:k]]
    r = learning_equilibrium(
        prior, costs, [p] * k, [1 - p] * k, proposer_cost=proposer_cost, discount=0.9, horizon=1
    )
    static = fearon_solution(1 - p, (proposer_cost, 0.0), belief=CostTypes(costs, prior), proposer=0)
    assert r.proposer_value == pytest.approx(static.expected_payoffs[0], abs=1e-9)
    assert r.war_probability[0] == pytest.approx(static.war_probability, abs=1e-9)


def test_one_type_is_complete_information() -> None:
    """No uncertainty: the informed side is bought off at once at its value of fighting it out,
    (a - c) / (1 - delta s) (a costly lottery repeated until the war is decided)."""
    a, b, c, delta = 0.05, 0.1, 0.01, 0.95
    r = learning_equilibrium((1.0,), (c,), (a,), (b,), proposer_cost=0.02, discount=delta, horizon=30)
    value = (a - c) / (1 - delta * (1 - a - b))
    assert r.offers[0] == pytest.approx(value) and r.war_probability[0] == 0
    assert r.proposer_value == pytest.approx(1 - value) and r.expected_duration == 0


def test_two_types_two_rounds_weak_type_gets_the_rent_of_mimicking() -> None:
    """Screening (the skimming logic of Powell 2004; the finite-type Coase problem): the weak type
    accepts in round 0 exactly what rejecting and being bought off as the strong type would give it,
    x0 = a_w - c_w + delta s_w x1, and the strong type, alone in round 1, gets its value of fighting
    it out, x1 = F_s. The parameters make screening better for the proposer than pooling."""
    delta = 0.97
    a, b, c = (0.01, 0.04), (0.08, 0.03), (0.01, 0.002)
    r = learning_equilibrium((0.7, 0.3), c, a, b, proposer_cost=0.005, discount=delta, horizon=2)
    s = [1 - a[k] - b[k] for k in range(2)]
    x1 = (a[1] - c[1]) / (1 - delta * s[1])
    x0 = a[0] - c[0] + delta * s[0] * x1
    assert r.accepting == (("type_0",), ("type_1",))
    assert r.offers == pytest.approx((x0, x1))
    assert r.war_probability[0] == pytest.approx(0.3) and r.war_probability[1] == 0
    assert r.posterior[1] == (0.0, 1.0)
    assert r.type_values == pytest.approx((x0, delta * s[1] * x1 + a[1] - c[1]))


# ---------------------------------------------------------------------- properties


@settings(max_examples=40, deadline=None)
@given(
    prior=st.lists(st.floats(0.05, 1), min_size=2, max_size=4),
    data=st.data(),
    proposer_cost=st.floats(0, 0.05),
    delta=st.floats(0.6, 0.97),
)
def test_probability_is_conserved_and_war_only_winds_down(
    prior: list[float], data: st.DataObject, proposer_cost: float, delta: float
) -> None:
    k = len(prior)
    prior = [w / sum(prior) for w in prior]
    cost = data.draw(st.lists(st.floats(0, 0.05), min_size=k, max_size=k))
    win = data.draw(st.lists(st.floats(0, 0.2), min_size=k, max_size=k))
    loss = data.draw(st.lists(st.floats(0.01, 0.2), min_size=k, max_size=k))
    try:
        r = learning_equilibrium(prior, cost, win, loss, proposer_cost, delta, horizon=8)
    except InvalidGameError as exc:  # types not ordered by strength: a refusal, never a guess
        assert "not ordered by strength" in str(exc)
        return
    total = sum(r.settle_probability) + sum(r.decided_probability) + r.ongoing_after
    assert total == pytest.approx(1.0, abs=1e-9)
    assert all(x >= y - 1e-12 for x, y in itertools.pairwise(r.war_probability))
    offers = [x for x in r.offers if x == x]
    assert all(0 <= x <= 1 for x in offers)
    assert all(v >= max(0.0, f) - 1e-9 for v, f in zip(r.type_values, r.fight_out[0], strict=True))


def test_longer_talks_converge() -> None:
    args = ((0.5, 0.3, 0.2), (0.3, 0.15, 0.05), (0.1, 0.15, 0.2), (0.3, 0.2, 0.1), 0.05, 0.9)
    values = [learning_equilibrium(*args, horizon=h).proposer_value for h in (20, 40, 80)]
    assert values[1] == pytest.approx(values[2], abs=1e-9)
    assert values[0] == pytest.approx(values[2], abs=1e-3)


def test_a_type_of_prior_zero_is_left_out() -> None:
    """A type outside the support cannot be believed in, so the weak type gets no rent for mimicking it:
    the answer is the one-type (complete-information) answer, not the limit as its prior goes to 0."""
    args = ((0.01, 0.04), (0.08, 0.03), 0.005, 0.97, 6)
    with_zero = learning_equilibrium((1.0, 0.0), (0.01, 0.002), *args[:2], *args[2:])
    alone = learning_equilibrium((1.0,), (0.01,), (0.01,), (0.08,), 0.005, 0.97, 6)
    assert with_zero.dropped == ("type_1",) and with_zero.offers == alone.offers
    assert with_zero.proposer_value == alone.proposer_value
    tiny = learning_equilibrium((1 - 1e-9, 1e-9), (0.01, 0.002), *args[:2], *args[2:])
    assert tiny.offers[0] > alone.offers[0] + 0.1  # the rent survives any positive prior


# ---------------------------------------------------------------------- an independent brute force


def brute_force(
    prior: tuple[float, ...],
    cost: tuple[float, ...],
    win: tuple[float, ...],
    loss: tuple[float, ...],
    proposer_cost: float,
    delta: float,
    horizon: int,
    grid: int,
) -> float:
    """The proposer's value by backward induction over (round, set of types still fighting).

    Every offer k / grid and every set of accepting types is tried; a set counts if its types weakly
    prefer the offer to fighting a round and going on, and the others strictly prefer to fight.
    """
    n = len(prior)
    s = [1 - win[k] - loss[k] for k in range(n)]
    out_i = [(win[k] - cost[k]) / (1 - delta * s[k]) for k in range(n)]
    out_u = [(loss[k] - proposer_cost) / (1 - delta * s[k]) for k in range(n)]
    strongest = max(range(n), key=lambda k: out_i[k])

    @cache
    def solve(t: int, alive: frozenset[int]) -> tuple[tuple[float, ...], tuple[float, ...]]:
        if t == horizon:
            return tuple(out_i), tuple(out_u)
        weights = {k: prior[k] * s[k] ** t for k in alive}
        mass = sum(weights.values())
        belief = {k: w / mass for k, w in weights.items()} if mass > 0 else {strongest: 1.0}
        best: tuple[float, tuple[float, ...], tuple[float, ...]] | None = None
        for j in range(grid + 1):
            x = j / grid
            for size in range(len(alive) + 1):
                for accept in itertools.combinations(sorted(alive), size):
                    rest = alive - set(accept)
                    w, u = solve(t + 1, rest or frozenset({strongest}))
                    fight = [win[k] - cost[k] + delta * s[k] * w[k] for k in range(n)]
                    if any(x < fight[k] - 1e-12 for k in accept) or any(x >= fight[k] - 1e-12 for k in rest):
                        continue
                    fight_u = [loss[k] - proposer_cost + delta * s[k] * u[k] for k in range(n)]
                    takes = [x >= fight[k] - 1e-12 for k in range(n)]
                    u_now = tuple(1 - x if takes[k] else fight_u[k] for k in range(n))
                    value = sum(belief[k] * u_now[k] for k in belief)
                    if best is None or value > best[0]:
                        best = (value, tuple(x if takes[k] else fight[k] for k in range(n)), u_now)
        assert best is not None
        return best[1], best[2]

    _, u = solve(0, frozenset(range(n)))
    return sum(prior[k] * u[k] for k in range(n))


@settings(max_examples=12, deadline=None)
@given(
    weights=st.lists(st.floats(0.1, 1), min_size=2, max_size=3),
    data=st.data(),
    horizon=st.integers(1, 3),
)
def test_proposer_value_matches_brute_force_over_offers_and_accepting_sets(
    weights: list[float], data: st.DataObject, horizon: int
) -> None:
    n = len(weights)
    prior = tuple(w / sum(weights) for w in weights)
    cost = tuple(data.draw(st.lists(st.floats(0, 0.2), min_size=n, max_size=n)))
    win = tuple(data.draw(st.lists(st.floats(0, 0.4), min_size=n, max_size=n)))
    loss = tuple(data.draw(st.lists(st.floats(0.05, 0.5), min_size=n, max_size=n)))
    try:
        r = learning_equilibrium(prior, cost, win, loss, 0.05, 0.8, horizon)
    except InvalidGameError:
        assume(False)
        return
    grid = 400
    expected = brute_force(prior, cost, win, loss, 0.05, 0.8, horizon, grid)
    # the grid rounds each price up by less than 1 / grid
    assert r.proposer_value == pytest.approx(expected, abs=(horizon + 1) / grid)


def test_the_proposer_fights_a_round_to_learn_and_updates_by_bayes_rule() -> None:
    """Learning from the battlefield (Powell 2004): in round 1 no offer is made that anyone takes;
    the war's not ending is news, and the belief over the types still fighting is proportional to
    prior * s^t. Without that reweighting the proposer would do 0.05 worse (found by search)."""
    prior, cost = (0.454, 0.206, 0.34), (0.064, 0.059, 0.001)
    win, loss = (0.07, 0.29, 0.07), (0.29, 0.22, 0.39)
    r = learning_equilibrium(prior, cost, win, loss, 0.02, 0.9, 3)
    assert r.accepting == (("type_0",), (), ("type_2",)) and r.offers[1] != r.offers[1]  # nan
    s = [1 - w - lo for w, lo in zip(win, loss, strict=True)]
    for t in (1, 2):
        weights = {k: prior[k] * s[k] ** t for k in (2, 1)}  # the types still fighting, weakest first
        total = sum(weights.values())
        assert r.posterior[t][1:] == pytest.approx([weights[2] / total, weights[1] / total])
    assert r.proposer_value == pytest.approx(
        brute_force(prior, cost, win, loss, 0.02, 0.9, 3, 400), abs=4 / 400
    )
    assert r.proposer_value == pytest.approx(0.7596547311993763, abs=1e-12)


# ---------------------------------------------------------------------- spec, errors, CLI


def spec(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "bargaining",
        "version": 1,
        "kind": "learning_while_fighting",
        "parameters": [{"name": "q", "value": 0.3}],
        "parties": [{"name": "u", "cost": 0.005}, {"name": "i"}],
        "types": [
            {"name": "weak", "probability": "1 - q", "cost": 0.01, "win": 0.01, "loss": 0.08},
            {"name": "strong", "probability": "q", "cost": 0.002, "win": 0.04, "loss": 0.03},
        ],
        "discount": 0.97,
        "rounds": 2,
    }
    data.update(changes)
    return data


def test_spec_round_trips_and_solves_like_the_arrays() -> None:
    model = from_dict(spec())
    assert from_dict(to_dict(model)) == model
    assert from_dict(json.loads(json.dumps(to_dict(model)))) == model
    r = solve_model(model)
    direct = learning_equilibrium((0.7, 0.3), (0.01, 0.002), (0.01, 0.04), (0.08, 0.03), 0.005, 0.97, 2)
    assert r.offers == direct.offers and r.type_names == ("weak", "strong")
    assert solve_model(model.with_parameters(q=0.0)).war_probability[0] == 0


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"discount": 1}, "discount"),
        ({"rounds": 0}, "rounds"),
        ({"rounds": 2.5}, "rounds"),
        ({"parties": [{"name": "u", "cost": -1}, {"name": "i"}]}, "parties[0].cost"),
        ({"parties": [{"name": "u"}]}, "parties"),
        ({"parties": [{"name": "u"}, {"name": "u"}]}, "parties[1].name"),
        ({"types": []}, "types"),
        ({"types": [{"name": "a", "probability": 1, "cost": 0, "win": 0.7, "loss": 0.5}]}, "types[0].loss"),
        (
            {"types": [{"name": "a", "probability": 1, "cost": -0.1, "win": 0.1, "loss": 0.1}]},
            "types[0].cost",
        ),
        ({"types": [{"name": "a", "probability": 0.5, "cost": 0, "win": 0.1, "loss": 0.1}]}, "types"),
        ({"types": [{"name": "a", "probability": 1, "cost": 0, "win": "x", "loss": 0.1}]}, "types[0].win"),
        ({"types": [{"name": "a", "probability": 1, "cost": 0, "win": 0.1}]}, "types[0].loss"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_input_names_its_json_path(changes: dict[str, Any], path: str) -> None:
    with pytest.raises(SpecError) as info:
        from_dict(spec(**changes))
    assert info.value.path == path


def test_cli_bad_spec_is_one_line_and_status_2(tmp_path: Any) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(spec(rounds=-3)))
    code, _, err = run("solve", str(bad))
    assert code == 2 and "rounds" in err and len(err.strip().splitlines()) == 1


def test_kursk_learning_screens_in_august_and_settles_in_september() -> None:
    """The shipped assumptions: Russia's August offer is taken by a wavering Ukraine; a resolute
    one fights a month and is bought off in September at its value of fighting the war out."""
    r = solve_model(load(KURSK))
    assert r.accepting[:2] == (("wavering",), ("resolute",))
    assert r.war_probability[0] == pytest.approx(0.3) and r.war_probability[1] == 0
    assert r.offers[1] == pytest.approx(r.fight_out[0][1])
    assert r.expected_duration == pytest.approx(0.3)
    code, out, _ = run("solve", str(KURSK))
    assert code == 0 and "russia offers ukraine" in out
