"""Rubinstein's alternating offers and its extensions (bargaining.sequential.rubinstein).

Known answers carry their source; property tests check the equilibrium
conditions independently of the closed forms (the responder is offered exactly
its reservation value, the proposer prefers agreement), monotonicity in
patience, and the limit to the asymmetric Nash solution.
"""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from bargaining.errors import InvalidGameError
from bargaining.sequential import (
    breakdown_probability,
    discount_factor,
    limit_bargaining_power,
    rubinstein_limit,
    rubinstein_shares,
    rubinstein_solution,
)

# ---------------------------------------------------------------------- known answers


@pytest.mark.parametrize("d0, d1", [(0.9, 0.8), (0.5, 0.5), (0.99, 0.6), (0.3, 0.95)])
def test_rubinstein_1982_shares(d0: float, d1: float) -> None:
    # Rubinstein (1982), thm. 1: the first proposer gets (1 - d1) / (1 - d0 d1), agreement at once.
    result = rubinstein_solution((d0, d1))
    x0 = (1 - d1) / (1 - d0 * d1)
    assert result.shares == pytest.approx((x0, 1 - x0), abs=1e-12)
    # With player 1 first, the roles swap: player 1 gets (1 - d0) / (1 - d0 d1).
    swapped = rubinstein_solution((d0, d1), first_proposer=1)
    x1 = (1 - d0) / (1 - d0 * d1)
    assert swapped.shares == pytest.approx((1 - x1, x1), abs=1e-12)


def test_symmetric_shares_and_first_mover_advantage() -> None:
    # Osborne & Rubinstein (1990), sect. 3.10: with a common delta the proposer gets 1 / (1 + delta).
    result = rubinstein_solution((0.8, 0.8))
    assert result.shares[0] == pytest.approx(1 / 1.8, abs=1e-12)
    assert result.shares[0] > result.shares[1]


def test_size_scales_the_shares() -> None:
    assert rubinstein_solution((0.9, 0.8), size=10.0).shares == pytest.approx((50 / 7, 20 / 7), abs=1e-12)


@pytest.mark.parametrize(
    "horizon, first, expected",
    [
        # Worked by hand with delta = (0.9, 0.8), player 0 first, nothing after the last offer:
        (1, 0, 1.0),  # ultimatum: the proposer takes all
        (2, 0, 1 - 0.8),  # player 1 takes all in period 2, so must be offered 0.8 now
        (3, 0, 1 - 0.8 * (1 - 0.9)),  # period 3: 0 takes all; period 2: 1 offers 0.9; now 0 offers 0.8*0.1
        (4, 0, 1 - 0.8 * (1 - 0.9 * (1 - 0.8))),
        (2, 1, 1 - 0.9),  # player 1 first: the share of player 1
    ],
)
def test_finite_horizon_by_backward_induction(horizon: int, first: int, expected: float) -> None:
    result = rubinstein_solution((0.9, 0.8), horizon=horizon, first_proposer=first)
    assert result.shares[first] == pytest.approx(expected, abs=1e-12)


def test_finite_horizon_tends_to_the_stationary_shares() -> None:
    # Stahl (1972) / Rubinstein (1982): the finite-horizon equilibria converge as T grows.
    target = rubinstein_solution((0.9, 0.8)).shares
    assert rubinstein_solution((0.9, 0.8), horizon=300).shares == pytest.approx(target, abs=1e-10)


def test_risk_of_breakdown_without_discounting() -> None:
    # Muthoo (1999), sect. 4.2 (after Binmore, Rubinstein & Wolinsky 1986): with no discounting and
    # breakdown probability q, the first proposer gets b0 + (pi - b0 - b1) / (2 - q).
    q, b0, b1 = 0.2, 0.1, 0.2
    result = rubinstein_solution((1.0, 1.0), breakdown_probability=q, breakdown_payoff=(b0, b1))
    assert result.shares[0] == pytest.approx(b0 + (1 - b0 - b1) / (2 - q), abs=1e-12)
    assert result.disagreement_value == pytest.approx((b0, b1))


def test_inside_options() -> None:
    # Muthoo (1999), sect. 5.5: with inside options g_i the proposer gets
    # g0 + (1 - d1) / (1 - d0 d1) (pi - g0 - g1): Rubinstein's split of the surplus over g.
    d0, d1, g0, g1 = 0.9, 0.8, 0.1, 0.2
    result = rubinstein_solution((d0, d1), inside_option=(g0, g1))
    assert result.shares[0] == pytest.approx(g0 + (1 - d1) / (1 - d0 * d1) * (1 - g0 - g1), abs=1e-12)


@pytest.mark.parametrize(
    "w, x0, binding",
    [
        # Muthoo (1999), thm. 5.1 (the outside-option principle; Binmore, Shaked & Sutton 1989),
        # delta0 = delta1 = 0.9, pi = 1, player 0 first; Rubinstein's share is 1/1.9 and each
        # responder's value of rejecting is 0.9/1.9 = 0.4737.
        ((0.1, 0.3), 1 / 1.9, False),  # neither option beats the value of rejecting: irrelevant
        ((0.1, 0.47), 1 / 1.9, False),  # just below 0.4737: still irrelevant
        ((0.1, 0.5), 1 - 0.5, True),  # w1 > 0.9/1.9 and w0 <= 0.9 (1 - w1): player 1 is offered w1
        ((0.5, 0.1), 1 - 0.9 * (1 - 0.5), False),  # w0 binds when 0 responds: x0 = 1 - d1 (1 - w0)
        ((0.48, 0.48), 1 - 0.48, True),  # both bind: x0 = 1 - w1
    ],
)
def test_outside_option_principle(w: tuple[float, float], x0: float, binding: bool) -> None:
    result = rubinstein_solution((0.9, 0.9), outside_option=w)
    assert result.shares[0] == pytest.approx(x0, abs=1e-12)
    assert result.binding_outside_options == (False, binding)


def test_discount_factor_and_breakdown_probability_from_rates() -> None:
    assert discount_factor(0.1, 2.0) == pytest.approx(math.exp(-0.2))
    assert breakdown_probability(0.1, 2.0) == pytest.approx(1 - math.exp(-0.2))
    by_rate = rubinstein_solution(discount_rate=(0.1, 0.2), period_length=0.5)
    by_factor = rubinstein_solution((math.exp(-0.05), math.exp(-0.1)))
    assert by_rate.shares == pytest.approx(by_factor.shares, abs=1e-14)


def _asymmetric_nbs(weights: tuple[float, float], d: tuple[float, float], size: float = 1.0) -> float:
    """Player 0's share maximising (x - d0)^w0 (size - x - d1)^w1, numerically."""
    w0, w1 = weights

    def minus_log_product(x: float) -> float:
        return -(w0 * math.log(x - d[0]) + w1 * math.log(size - x - d[1]))

    res = minimize_scalar(
        minus_log_product,
        bounds=(d[0] + 1e-12, size - d[1] - 1e-12),
        method="bounded",
        options={"xatol": 1e-12},
    )
    return float(res.x)


def test_short_periods_converge_to_asymmetric_nash_solution() -> None:
    # Binmore, Rubinstein & Wolinsky (1986), sect. 3: as the period shrinks, the shares tend to the
    # asymmetric Nash solution with bargaining powers proportional to 1 / r_i.
    r = (0.1, 0.3)
    nbs = _asymmetric_nbs((1 / r[0], 1 / r[1]), (0.0, 0.0))
    assert nbs == pytest.approx(0.75, abs=1e-7)
    assert rubinstein_limit(r).shares[0] == pytest.approx(nbs, abs=1e-7)
    errors = [
        abs(rubinstein_solution(discount_rate=r, period_length=dt).shares[0] - nbs) for dt in (1, 0.1, 0.01)
    ]
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 1e-3


def test_limit_with_breakdown_and_inside_options() -> None:
    # BRW (1986), sect. 4-5: with breakdown rate lam, the limit is the asymmetric Nash solution over
    # D_i = (lam b_i + r_i g_i) / (lam + r_i) with powers 1 / (lam + r_i).
    r, lam, b, g = (0.1, 0.3), 0.2, (0.1, 0.05), (-0.2, 0.3)
    d = tuple((lam * b[i] + r[i] * g[i]) / (lam + r[i]) for i in (0, 1))
    nbs = _asymmetric_nbs((1 / (lam + r[0]), 1 / (lam + r[1])), d)  # type: ignore[arg-type]
    limit = rubinstein_limit(r, breakdown_rate=lam, breakdown_payoff=b, inside_option=g)
    assert limit.shares[0] == pytest.approx(nbs, abs=1e-7)
    assert limit.disagreement_value == pytest.approx(d)
    dt = 1e-4
    q = breakdown_probability(lam, dt)
    near = rubinstein_solution(
        discount_rate=r, period_length=dt, breakdown_probability=q, breakdown_payoff=b, inside_option=g
    )
    assert near.shares[0] == pytest.approx(nbs, abs=1e-3)
    assert limit_bargaining_power(r, lam) == pytest.approx((0.5 / 0.8, 0.3 / 0.8))


def test_limit_with_outside_option_is_clamped() -> None:
    # Muthoo (1999), sect. 5.3: in the limit, outside options clamp the Nash solution.
    assert rubinstein_limit((0.1, 0.1), outside_option=(0.0, 0.7)).shares[0] == pytest.approx(0.3)
    assert rubinstein_limit((0.1, 0.1), outside_option=(0.0, 0.4)).shares[0] == pytest.approx(0.5)


# ---------------------------------------------------------------------- the formula and its derivatives


def test_symbolic_shares_are_rubinsteins_formula() -> None:
    import sympy

    d0, d1 = sympy.symbols("delta_0 delta_1", positive=True)
    x0, x1 = rubinstein_shares((d0, d1))
    assert sympy.simplify(x0 - (1 - d1) / (1 - d0 * d1)) == 0
    assert sympy.simplify(x0 + x1 - 1) == 0
    q, b0, b1 = sympy.symbols("q b_0 b_1")
    y0, _ = rubinstein_shares((1, 1), breakdown_probability=q, breakdown_payoff=(b0, b1))
    assert sympy.simplify(y0 - (b0 + (1 - b0 - b1) / (2 - q))) == 0


SCENARIOS = [
    {"discount_factor": (0.9, 0.8)},
    {
        "discount_factor": (0.9, 0.8),
        "breakdown_probability": 0.1,
        "breakdown_payoff": (0.1, 0.05),
        "inside_option": (-0.1, 0.05),
    },
    {"discount_factor": (0.9, 0.9), "outside_option": (0.1, 0.5)},  # player 1's option binds
    {"discount_factor": (0.9, 0.9), "outside_option": (0.5, 0.1)},  # player 0's option binds
    {"discount_factor": (0.9, 0.8), "horizon": 3, "outside_option": (0.05, 0.1)},
    {"discount_factor": (0.9, 0.8), "size": 2.0, "inside_option": (0.2, 0.1)},
]


@pytest.mark.parametrize("kwargs", SCENARIOS)
def test_formula_matches_numbers_and_derivatives_match_finite_differences(kwargs: dict) -> None:
    result = rubinstein_solution(**kwargs, symbolic=True)
    assert result.formula is not None
    values = {s: result.inputs[s.name] for f in result.formula for s in f.free_symbols}
    assert [float(f.subs(values)) for f in result.formula] == pytest.approx(result.shares, abs=1e-12)
    h = 1e-6
    for name in sorted({s.name for f in result.formula for s in f.free_symbols}):

        def shares_at(value: float, name: str = name) -> float:
            return rubinstein_solution(**_with_input(kwargs, name, value)).shares[0]

        x = result.inputs[name]
        numeric = (shares_at(x + h) - shares_at(x - h)) / (2 * h)
        assert result.derivative(name)[0] == pytest.approx(numeric, abs=1e-5), name


def _with_input(kwargs: dict, name: str, value: float) -> dict:
    """``kwargs`` with the primitive called ``name`` (delta_0, q, w_1, pi, ...) set to ``value``."""
    out = dict(kwargs)
    fields = {
        "delta": "discount_factor",
        "b": "breakdown_payoff",
        "g": "inside_option",
        "w": "outside_option",
    }
    if name == "q":
        out["breakdown_probability"] = value
    elif name == "pi":
        out["size"] = value
    else:
        prefix, index = name.rsplit("_", 1)
        pair = list(out.get(fields[prefix], (0.0, 0.0)))
        pair[int(index)] = value
        out[fields[prefix]] = tuple(pair)
    return out


def test_derivative_needs_the_formula() -> None:
    with pytest.raises(InvalidGameError, match="symbolic=True"):
        rubinstein_solution((0.9, 0.8)).derivative("delta_0")
    with pytest.raises(InvalidGameError, match="did you mean 'delta_0'"):
        rubinstein_solution((0.9, 0.8), symbolic=True).derivative("delta0")


def test_numbers_do_not_import_sympy() -> None:
    code = (
        "import sys; from bargaining.sequential import rubinstein_solution; "
        "rubinstein_solution((0.9, 0.8), outside_option=(0, 0.4), horizon=5); "
        "assert 'sympy' not in sys.modules, 'sympy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"discount_factor": (1.2, 0.8)}, r"discount_factor of player 0 must be in \(0, 1\)"),
        ({"discount_factor": (0.9, 0.0)}, r"discount_factor of player 1 must be in \(0, 1\)"),
        ({"discount_factor": (1.0, 0.8)}, "no risk of breakdown"),
        ({"discount_factor": (0.9, 0.8), "breakdown_probability": 1.5}, r"breakdown_probability must be in"),
        ({"discount_factor": (0.9, 0.8), "horizon": 0}, "horizon must be a positive whole number"),
        ({"discount_factor": (0.9, 0.8), "outside_option": (0.6, 0.5)}, "no gains from trade"),
        ({"discount_factor": (0.9, 0.8), "inside_option": (0.6, 0.5)}, "no gains from trade"),
        ({"discount_factor": (0.9, 0.8), "first_proposer": 2}, "first_proposer must be player 0 or 1"),
        ({"discount_factor": (0.9, 0.8), "discount_rate": (0.1, 0.1)}, "either discount_factor or"),
        ({"discount_factor": (0.9,)}, "one value per player"),
        ({"discount_factor": (0.9, float("nan"))}, "finite numbers"),
    ],
)
def test_bad_input(kwargs: dict, message: str) -> None:
    with pytest.raises(InvalidGameError, match=message):
        rubinstein_solution(**kwargs)


# ---------------------------------------------------------------------- properties

delta = st.floats(0.05, 0.99)
payoff = st.floats(-0.5, 0.4)


@st.composite
def games(draw: st.DrawFn) -> dict:
    kwargs: dict = {"discount_factor": (draw(delta), draw(delta)), "first_proposer": draw(st.integers(0, 1))}
    if draw(st.booleans()):
        kwargs["breakdown_probability"] = draw(st.floats(0.0, 1.0))
        kwargs["breakdown_payoff"] = (draw(payoff), draw(payoff))
    if draw(st.booleans()):
        kwargs["inside_option"] = (draw(payoff), draw(payoff))
    if draw(st.booleans()):
        kwargs["outside_option"] = (draw(st.floats(0.0, 0.6)), draw(st.floats(0.0, 0.6)))
    return kwargs


def _solve_or_skip(kwargs: dict) -> object:
    try:
        return rubinstein_solution(**kwargs)
    except InvalidGameError as exc:
        assume("no gains from trade" not in str(exc))
        raise


@settings(max_examples=200, deadline=None)
@given(games())
def test_equilibrium_conditions(kwargs: dict) -> None:
    # Independently of the closed forms: each responder is offered exactly max(w_r, value of rejecting),
    # and each proposer prefers its accepted offer to an offer that would be rejected.
    result = _solve_or_skip(kwargs)
    d = kwargs["discount_factor"]
    q = kwargs.get("breakdown_probability", 0.0)
    b = kwargs.get("breakdown_payoff", (0.0, 0.0))
    g = kwargs.get("inside_option", (0.0, 0.0))
    w = kwargs.get("outside_option")
    x = result.proposer_shares  # type: ignore[attr-defined]

    def rejecting(i: int, next_share: float) -> float:
        return q * b[i] + (1 - q) * ((1 - d[i]) * g[i] + d[i] * next_share)

    floor = min(*b, *g) < 0  # offers are divisions of the surplus: nobody is offered less than 0
    for proposer in (0, 1):
        r = 1 - proposer
        reservation = rejecting(r, x[r])
        if w is not None:
            reservation = max(w[r], reservation)
        if floor:
            reservation = max(0.0, reservation)
        assert 1 - x[proposer] == pytest.approx(reservation, abs=1e-9)
        assert x[proposer] >= rejecting(proposer, 1 - x[r]) - 1e-9
    shares = result.shares  # type: ignore[attr-defined]
    assert sum(shares) == pytest.approx(1.0)
    assert all(-1e-12 <= s <= 1 + 1e-12 for s in shares)


@settings(max_examples=100, deadline=None)
@given(delta, delta, st.integers(0, 1))
def test_shares_in_unit_interval_and_sum_to_one(d0: float, d1: float, first: int) -> None:
    shares = rubinstein_solution((d0, d1), first_proposer=first).shares
    assert 0 <= shares[0] <= 1 and 0 <= shares[1] <= 1
    assert sum(shares) == pytest.approx(1.0)


@settings(max_examples=100, deadline=None)
@given(delta, delta, delta, st.integers(0, 1))
def test_more_patience_means_a_larger_share(d0: float, d0_more: float, d1: float, first: int) -> None:
    # Rubinstein (1982): a player's share increases with its own discount factor, falls with the other's.
    low, high = sorted((d0, d0_more))
    assert rubinstein_solution((high, d1), first_proposer=first).shares[0] >= (
        rubinstein_solution((low, d1), first_proposer=first).shares[0] - 1e-12
    )
    assert rubinstein_solution((d1, high), first_proposer=first).shares[0] <= (
        rubinstein_solution((d1, low), first_proposer=first).shares[0] + 1e-12
    )


@settings(max_examples=50, deadline=None)
@given(st.floats(0.01, 1.0), st.floats(0.01, 1.0), st.integers(0, 1))
def test_nash_limit(r0: float, r1: float, first: int) -> None:
    # BRW (1986): as the period length tends to 0 both proposers' shares tend to r1 / (r0 + r1).
    share = rubinstein_solution(discount_rate=(r0, r1), period_length=1e-5, first_proposer=first).shares[0]
    assert share == pytest.approx(r1 / (r0 + r1), abs=1e-4)
    assert limit_bargaining_power((r0, r1))[0] == pytest.approx(r1 / (r0 + r1))


@settings(max_examples=50, deadline=None)
@given(games())
def test_long_finite_horizon_approaches_the_stationary_equilibrium(kwargs: dict) -> None:
    stationary = _solve_or_skip(kwargs)
    assume(max(kwargs["discount_factor"]) < 0.95)
    finite = rubinstein_solution(**kwargs, horizon=800)
    assert finite.shares == pytest.approx(stationary.shares, abs=1e-8)  # type: ignore[attr-defined]


def test_result_to_dict_and_table() -> None:
    result = rubinstein_solution((0.9, 0.8), outside_option=(0.0, 0.4), symbolic=True)
    data = result.to_dict()
    assert data["shares"] == pytest.approx([0.6, 0.4])
    assert data["binding_outside_options"] == [False, True]
    assert "formula" in data and "w_1" in data["formula"][0]
    table = result.to_table()
    assert "player 0" in table and "0.6" in table and "share of player 0 =" in table
