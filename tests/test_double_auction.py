r"""The k-double auction (bargaining.auction, bargaining.model.double_auction, bargaining.io.double_auction).

Known answers: Chatterjee & Samuelson (1983), Operations Research 31(5), 835-851 (uniform
[0, 1] types, k = 1/2); Satterthwaite & Williams (1989), JET 48(1), 107-133 (general k); Myerson &
Satterthwaite (1983), JET 29(2), 265-281 (the second-best bound, attained on [0, 1]^2 by the k = 1/2
linear equilibrium). Cross-checks are independent of the package's polygon integrals: numerical best
responses (scipy quad + minimize_scalar), a midpoint grid, exact fractions, scipy dblquad.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargaining as bg
from bargaining.auction import DoubleAuction, Trader, linear_equilibrium, second_best_threshold
from bargaining.auction.geometry import region
from bargaining.cli import cli
from bargaining.io import loads, to_spec


def test_chatterjee_samuelson_uniform_unit_interval() -> None:
    """CS (1983): b(v) = 2/3 v + 1/12, s(c) = 2/3 c + 1/4, trade iff v >= c + 1/4
    (probability (3/4)^2 / 2 = 9/32), gains 9/64 against 1/6 at the first best; MS (1983): the
    second best trades iff v - c >= 1/4 and gains 9/64, which the equilibrium attains."""
    s = linear_equilibrium((0, 1), (0, 1), 0.5)
    assert s.exists and s.bid is not None and s.ask is not None
    assert (s.bid.slope, s.bid.intercept) == pytest.approx((2 / 3, 1 / 12), abs=1e-15)
    assert (s.ask.slope, s.ask.intercept) == pytest.approx((2 / 3, 1 / 4), abs=1e-15)
    assert (s.trade_intercept, s.trade_slope) == pytest.approx((1 / 4, 1.0), abs=1e-15)
    assert s.trade_probability == pytest.approx(9 / 32, abs=1e-15)
    assert s.gains_from_trade == pytest.approx(9 / 64, abs=1e-15)
    assert s.first_best_gains == pytest.approx(1 / 6, abs=1e-15)
    assert s.first_best_trade_probability == pytest.approx(1 / 2, abs=1e-15)
    assert s.second_best_threshold == pytest.approx(1 / 4, abs=1e-12)
    assert s.second_best_gains == pytest.approx(9 / 64, abs=1e-12)
    assert s.loss_against_second_best == pytest.approx(0.0, abs=1e-12)
    assert s.efficiency == pytest.approx(27 / 32, abs=1e-12)
    assert s.expected_price == pytest.approx(1 / 2, abs=1e-12)  # symmetric: E[price | trade] = 1/2
    assert sum(s.expected_payoffs) == pytest.approx(s.gains_from_trade, abs=1e-15)


@pytest.mark.parametrize("k", [0.0, 0.25, 0.5, 0.75, 1.0])
def test_satterthwaite_williams_general_k(k: float) -> None:
    """SW (1989), on [0, 1]^2: b(v) = v/(1+k) + k(1-k)/(2(1+k)), s(c) = c/(2-k) + (1-k)/2."""
    s = linear_equilibrium((0, 1), (0, 1), k)
    assert s.bid is not None and s.ask is not None
    assert (s.bid.slope, s.bid.intercept) == pytest.approx(
        (1 / (1 + k), k * (1 - k) / (2 * (1 + k))), abs=1e-15
    )
    assert (s.ask.slope, s.ask.intercept) == pytest.approx((1 / (2 - k), (1 - k) / 2), abs=1e-15)


def test_k_zero_gains_one_eighth() -> None:
    r"""k = 0: the buyer bids v, the seller asks (1 + c)/2; trade iff v >= (1 + c)/2. With u = (1 + c)/2,
    \int_u^1 (v - c) dv = (1 - u^2)/2 - c(1 - u) = 3(1 - c)^2/8, and \int_0^1 3(1 - c)^2/8 dc = 1/8.
    k = 1 is the mirror image: 1/8 too; both below 9/64 at k = 1/2."""
    for k in (0.0, 1.0):
        assert linear_equilibrium((0, 1), (0, 1), k).gains_from_trade == pytest.approx(1 / 8, abs=1e-15)


@pytest.mark.parametrize(("low", "width"), [(0.0, 2.0), (3.0, 0.5), (-1.0, 4.0)])
def test_common_support_rescales_the_unit_answer(low: float, width: float) -> None:
    """Both types uniform on [a, a + h]: v = a + h x maps the game onto [0, 1]^2, so bids are
    a + h (2/3 x + 1/12): slope 2/3, intercept a/3 + h/12; the ask's intercept is a/3 + h/4; gains 9/64 h."""
    s = linear_equilibrium((low, low + width), (low, low + width))
    assert s.bid is not None and s.ask is not None
    assert s.bid.intercept == pytest.approx(low / 3 + width / 12, abs=1e-12)
    assert s.ask.intercept == pytest.approx(low / 3 + width / 4, abs=1e-12)
    assert s.gains_from_trade == pytest.approx(9 / 64 * width, abs=1e-12)
    assert s.second_best_gains == pytest.approx(9 / 64 * width, abs=1e-12)


def buyer_payoff(bid: float, v: float, s: Any, k: float) -> float:
    r"""E[(v - k b - (1 - k) a(c)) 1{a(c) <= b}] by quadrature over c, against the seller's linear ask a."""
    from scipy.integrate import quad

    (cl, ch), ask = s.cost_support, s.ask
    top = min(ch, (bid - ask.intercept) / ask.slope)  # asks below the bid: c <= top
    if top <= cl:
        return 0.0
    value, _ = quad(lambda c: v - k * bid - (1 - k) * ask(c), cl, top, epsabs=1e-13)
    return value / (ch - cl)


def seller_payoff(asked: float, c: float, s: Any, k: float) -> float:
    r"""E[(k b(v) + (1 - k) a - c) 1{b(v) >= a}] by quadrature over v."""
    from scipy.integrate import quad

    (vl, vh), bid = s.value_support, s.bid
    bottom = max(vl, (asked - bid.intercept) / bid.slope)
    if bottom >= vh:
        return 0.0
    value, _ = quad(lambda v: k * bid(v) + (1 - k) * asked - c, bottom, vh, epsabs=1e-13)
    return value / (vh - vl)


def best_payoff(payoff: Any, low: float, high: float) -> float:
    """The best payoff over [low, high]: a grid, then minimize_scalar around the grid's best."""
    from scipy.optimize import minimize_scalar

    grid = np.linspace(low, high, 201)
    values = [payoff(x) for x in grid]
    i = int(np.argmax(values))
    a, b = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
    result = minimize_scalar(lambda x: -payoff(x), bounds=(a, b), method="bounded", options={"xatol": 1e-10})
    return max(max(values), -float(result.fun))


def check_mutual_best_responses(s: Any, k: float, types: int = 5) -> None:
    """No type of either side gains by another bid (numerically, against the other's linear strategy)."""
    (vl, vh), (cl, ch) = s.value_support, s.cost_support
    low, high = min(vl, cl) - 0.5 * (vh - vl), max(vh, ch) + 0.5 * (ch - cl)
    scale = max(vh - vl, ch - cl)
    for v in np.linspace(vl, vh, types):
        own = buyer_payoff(s.bid(v), v, s, k)
        assert own >= best_payoff(lambda b, v=v: buyer_payoff(b, v, s, k), low, high) - 1e-8 * scale, v
    for c in np.linspace(cl, ch, types):
        own = seller_payoff(s.ask(c), c, s, k)
        assert own >= best_payoff(lambda a, c=c: seller_payoff(a, c, s, k), low, high) - 1e-8 * scale, c


@pytest.mark.parametrize("k", [0.0, 0.5, 0.8])
def test_linear_strategies_are_mutual_best_responses_on_the_unit_square(k: float) -> None:
    s = linear_equilibrium((0, 1), (0, 1), k)
    check_mutual_best_responses(s, k)


@settings(max_examples=6, deadline=None)
@given(
    st.floats(-2, 2),
    st.floats(0.2, 3),
    st.floats(-2, 2),
    st.floats(0.2, 3),
    st.floats(0, 1),
)
def test_mutual_best_responses_where_the_equilibrium_exists(
    vl: float, vw: float, cl: float, cw: float, k: float
) -> None:
    """On random supports: wherever the result says the linear equilibrium exists, it is one; wherever
    it says not, the buyer's top type or the seller's bottom type has a better reply."""
    s = linear_equilibrium((vl, vl + vw), (cl, cl + cw), k)
    assume(s.exists)
    check_mutual_best_responses(s, k, types=3)


def test_where_the_result_says_no_equilibrium_a_type_deviates() -> None:
    """Values U[0.5, 1.5], costs U[0, 1], k = 1/2: B_h = 1.125 > c_h = 1. The linear profile (computed
    from the same formulas) lets the top buyer gain by bidding the top ask instead: not an equilibrium."""
    s = linear_equilibrium((0.5, 1.5), (0, 1))
    assert not s.exists and "B_h" in s.reason
    assert s.bid is None and np.isnan(s.gains_from_trade)
    k, top_bid, low_ask = 0.5, 1.125, (0 + 0.5 * 1.125) / 1.5
    top_ask = 1 / 1.5 + 0.5 * top_bid / 1.5
    v = 1.5

    def payoff(b: float) -> float:  # against asks uniform on [low_ask, top_ask]
        top = min(b, top_ask)
        return ((v - k * b) * (top - low_ask) - (1 - k) * (top**2 - low_ask**2) / 2) / (top_ask - low_ask)

    assert payoff(top_ask) > payoff((v + k * low_ask) / (1 + k)) + 1e-3


@settings(max_examples=30, deadline=None)
@given(st.floats(-2, 2), st.floats(0.2, 3), st.floats(-2, 2), st.floats(0.2, 3), st.floats(0, 1))
def test_equilibrium_is_individually_rational_and_below_the_bounds(
    vl: float, vw: float, cl: float, cw: float, k: float
) -> None:
    """Myerson-Satterthwaite: the equilibrium is an IC, IR mechanism, so its gains are at most the
    second best, which is at most the first best; each side's expected payoff is >= 0 and they sum to
    the gains."""
    s = linear_equilibrium((vl, vl + vw), (cl, cl + cw), k)
    scale = max(1.0, abs(vl) + vw, abs(cl) + cw)
    assert s.second_best_gains <= s.first_best_gains + 1e-12 * scale
    if s.exists:
        assert s.gains_from_trade <= s.second_best_gains + 1e-9 * scale
        assert min(s.expected_payoffs) >= -1e-12 * scale
        assert sum(s.expected_payoffs) == pytest.approx(s.gains_from_trade, abs=1e-12 * scale)


def grid_expectations(s: Any, n: int = 1500) -> tuple[float, float]:
    """(trade probability, gains) on an n x n midpoint grid of types, from the strategies themselves."""
    (vl, vh), (cl, ch) = s.value_support, s.cost_support
    v = vl + (np.arange(n) + 0.5) * (vh - vl) / n
    c = cl + (np.arange(n) + 0.5) * (ch - cl) / n
    trade = s.bid(v)[:, None] >= s.ask(c)[None, :]
    return float(trade.mean()), float(((v[:, None] - c[None, :]) * trade).mean())


@pytest.mark.parametrize(
    ("values", "costs", "k"), [((0, 1), (0, 1), 0.3), ((0, 1), (0.2, 1.0), 0.5), ((0, 2), (-0.5, 2.5), 0.6)]
)
def test_expectations_match_a_grid_over_the_types(values: Any, costs: Any, k: float) -> None:
    s = linear_equilibrium(values, costs, k)
    assert s.exists
    probability, gains = grid_expectations(s)
    assert s.trade_probability == pytest.approx(probability, abs=3e-3)
    assert s.gains_from_trade == pytest.approx(gains, abs=3e-3)


def test_second_best_threshold_zeroes_the_virtual_surplus() -> None:
    r"""At \delta^* the expected virtual surplus (MS 1983, the second-best mechanism, uniform types)
    is 0, and just below it is negative (checked with scipy dblquad, not the package's polygons)."""
    from scipy.integrate import dblquad

    for (vl, vh), (cl, ch) in [((0, 1), (0, 1)), ((0, 1), (0.3, 2)), ((-1, 2), (0, 1))]:
        delta = second_best_threshold((vl, vh), (cl, ch))

        def phi(d: float, vl: float = vl, vh: float = vh, cl: float = cl, ch: float = ch) -> float:
            value, _ = dblquad(
                lambda c, v: (2 * v - vh) - (2 * c - cl),
                vl,
                vh,
                lambda v: cl,
                lambda v: min(ch, max(cl, v - d)),
                epsabs=1e-11,
            )
            return value

        assert phi(delta) == pytest.approx(0.0, abs=1e-7)
        assert phi(delta - 0.01) < 0


def test_no_overlap_gives_the_first_best_and_says_there_is_no_linear_equilibrium() -> None:
    """Values above every cost: a posted price trades always (MS 1983 needs overlapping supports);
    the linear form is no equilibrium there."""
    s = linear_equilibrium((2, 3), (0, 1))
    assert s.second_best_threshold == 0.0
    assert s.first_best_gains == pytest.approx(2.0, abs=1e-12)
    assert s.second_best_gains == pytest.approx(2.0, abs=1e-12)
    assert not s.exists and s.reason
    json.dumps(s.to_dict(), allow_nan=False)
    assert "none:" in s.to_table()


def test_region_integrals_are_exact_with_fractions() -> None:
    """The triangle {v - c >= 1/4} in [0, 1]^2: area 9/32, centroid (3/4, 1/4), gains 9/64 exactly."""
    r = region((Fraction(0), Fraction(1)), (Fraction(0), Fraction(1)), 1, -1, Fraction(1, 4))
    assert (r.area, r.v, r.c) == (Fraction(9, 32), Fraction(3, 4), Fraction(1, 4))
    assert r.integral(1, -1, 0) == Fraction(9, 64)
    assert region((0, 1), (0, 1), 1, -1, 5).area == 0


# ------------------------------------------------------------------ the model, the reader, the CLI
SPEC: dict[str, Any] = {
    "format": "bargaining",
    "version": 1,
    "kind": "double_auction",
    "parameters": [{"name": "top", "value": 1.0}],
    "buyer": {"name": "b", "value": {"distribution": "uniform", "low": 0, "high": "top"}},
    "seller": {"name": "s", "cost": {"low": 0, "high": 1}},
    "price_weight": 0.5,
}


def spec_with(path: tuple[str, ...], value: Any) -> str:
    data = json.loads(json.dumps(SPEC))
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("seller", "cost", "high"), 0, "seller.cost.high"),
        (("seller", "cost", "high"), -1, "seller.cost.high"),
        (("buyer", "value", "high"), "top - 2", "buyer.value.high"),
        (("buyer", "value", "low"), "nope", "buyer.value.low"),
        (("price_weight",), 1.5, "price_weight"),
        (("buyer", "value", "distribution"), "normal", "buyer.value.distribution"),
        (("seller", "price"), 1, "seller.price"),
        (("buyer", "name"), "s", "seller.name"),
    ],
)
def test_bad_specs_name_the_json_path(path: tuple[str, ...], value: Any, where: str) -> None:
    with pytest.raises(bg.SpecError) as info:
        loads(spec_with(path, value))
    assert info.value.path == where


def test_bad_spec_on_the_command_line_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(spec_with(("seller", "cost", "high"), -1))
    result = CliRunner().invoke(cli, ["solve", str(bad)])
    assert result.exit_code == 2
    assert "seller.cost.high" in result.output and "inverted" in result.output
    assert "Traceback" not in result.output


def test_round_trip_parameters_and_solve(schema_validator: Any, tmp_path: Path) -> None:
    model = loads(json.dumps(SPEC))
    assert isinstance(model, DoubleAuction)
    assert to_spec(loads(json.dumps(to_spec(model)))) == to_spec(model)
    schema_validator.validate(to_spec(model))
    wider = model.with_parameters(top=2.0)
    assert wider.arguments()["value_support"] == (0.0, 2.0)
    path = tmp_path / "auction.json"
    path.write_text(json.dumps(SPEC))
    result = CliRunner().invoke(cli, ["solve", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["gains_from_trade"] == pytest.approx(9 / 64, abs=1e-12)


def test_model_validates_at_construction() -> None:
    with pytest.raises(bg.SpecError, match="buyer.value.high"):
        DoubleAuction(Trader("b", 1, 1), Trader("s", 0, 1))
    with pytest.raises(bg.InvalidGameError, match="low < high"):
        linear_equilibrium((1, 0), (0, 1))
    with pytest.raises(bg.InvalidGameError, match="price weight"):
        linear_equilibrium((0, 1), (0, 1), -0.1)
    s = linear_equilibrium()
    assert "DoubleAuctionSolution(trade probability" in repr(s)
    assert "<table>" in s._repr_html_()
