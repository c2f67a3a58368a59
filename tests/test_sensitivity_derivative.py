"""Derivatives: closed forms where known, agreement of exact and finite differences, one-sided at bounds."""

from __future__ import annotations

from functools import partial

import pytest
from strategies import ROOT
from strategies import dollar as shared_dollar

from bargaining.io import load
from bargaining.model.alternating_offers import AlternatingOffers, Bargainer
from bargaining.model.issue_space import Parameter
from bargaining.sensitivity.derivative import derivatives, exact_derivatives, step_size

dollar = partial(shared_dollar, d_a=0.1, d_b=0.2)


@pytest.mark.parametrize("solution", ["nash", "all"])
def test_divide_the_dollar_share_moves_half_for_half(solution: str) -> None:
    # Nash share d_a + (1 - d_a - d_b)/2: derivative 1/2 in d_a, -1/2 in d_b (KS and egalitarian agree here).
    table = derivatives(dollar(), solution=solution)
    share = 0.1 + (1 - 0.1 - 0.2) / 2
    concepts = ["nash"] if solution == "nash" else ["nash", "ks", "egalitarian"]
    for concept in concepts:
        row = table.get(f"{concept}.share", "d_a")
        assert row.method == "central"
        assert row.derivative == pytest.approx(0.5, abs=1e-6)
        assert row.elasticity == pytest.approx(0.5 * 0.1 / share, rel=1e-5)
        assert table.get(f"{concept}.share", "d_b").derivative == pytest.approx(-0.5, abs=1e-6)
        # the gain of b: 1 - share - d_b, derivative -1/2 in d_b
        assert table.get(f"{concept}.b.gain", "d_b").derivative == pytest.approx(-0.5, abs=1e-6)


def test_one_sided_at_the_end_of_the_range() -> None:
    table = derivatives(dollar(d_a=-1.0, d_b=-1.0), ["d_a"], ["nash.share"], solution="nash")
    row = table.rows[0]
    assert row.method == "forward"
    assert row.derivative == pytest.approx(0.5, abs=1e-6)


def test_kursk_disagreement_derivative_is_the_spec_coefficient() -> None:
    # ukraine's disagreement value is linear in holding_cost with slope -kursk_held/kursk_peak.
    kursk = load(ROOT / "games" / "kursk.json")
    values = kursk.parameter_values()
    table = derivatives(
        kursk,
        ["holding_cost", "us_support"],
        ["ukraine.disagreement", "russia.disagreement"],
        solution="nash",
    )
    slope = -values["kursk_held"] / values["kursk_peak"]
    assert table.get("ukraine.disagreement", "holding_cost").derivative == pytest.approx(slope, rel=1e-9)
    assert table.get("ukraine.disagreement", "us_support").derivative == pytest.approx(values["us_aid_value"])
    assert table.get("russia.disagreement", "us_support").derivative == pytest.approx(
        -values["us_cost_to_russia"]
    )


def test_step_size_is_a_thousandth_of_the_range() -> None:
    assert step_size(Parameter("x", 5, (0, 1294))) == pytest.approx(1.294)
    assert step_size(Parameter("x", 500)) == pytest.approx(0.05)


def classic(delta_a: float = 0.9, delta_b: float = 0.8) -> AlternatingOffers:
    return AlternatingOffers(
        [Bargainer("a", discount_factor="delta_a"), Bargainer("b", discount_factor="delta_b")],
        parameters=[Parameter("delta_a", delta_a, (0.5, 0.99)), Parameter("delta_b", delta_b, (0.5, 0.99))],
    )


def test_rubinstein_derivative_is_exact_and_matches_the_textbook_formula() -> None:
    # share of the first proposer x = (1 - d_b)/(1 - d_a d_b): dx/dd_a = d_b (1 - d_b)/(1 - d_a d_b)^2.
    da, db = 0.9, 0.8
    table = derivatives(classic(da, db))
    row = table.get("shares.a", "delta_a")
    assert row.method == "exact"
    assert row.value == pytest.approx((1 - db) / (1 - da * db))
    assert row.derivative == pytest.approx(db * (1 - db) / (1 - da * db) ** 2, rel=1e-12)
    dx_ddb = (-(1 - da * db) + da * (1 - db)) / (1 - da * db) ** 2
    assert table.get("shares.a", "delta_b").derivative == pytest.approx(dx_ddb, rel=1e-12)
    assert row.derivative is not None
    assert table.get("shares.b", "delta_a").derivative == pytest.approx(-row.derivative, rel=1e-12)


def test_rubinstein_exact_derivatives_agree_with_finite_differences_on_kursk() -> None:
    model = load(ROOT / "games" / "kursk_rubinstein.json")
    exact = derivatives(model, outcomes=["shares.ukraine", "shares.russia"])
    numeric = derivatives(model, outcomes=["shares.ukraine", "shares.russia"], exact=False)
    assert {r.method for r in exact.rows} == {"exact"}
    assert {r.method for r in numeric.rows} <= {"central", "forward", "backward"}
    for row in exact.rows:
        other = numeric.get(row.outcome, row.parameter)
        assert other.derivative == pytest.approx(row.derivative, rel=1e-4, abs=1e-9), row


def test_exact_derivatives_are_empty_without_a_closed_form() -> None:
    assert exact_derivatives(dollar(), ["d_a"]) == {}


def test_table_and_json() -> None:
    table = derivatives(dollar(), solution="nash")
    text = table.to_table()
    assert "nash.share" in text and "elasticity" in text
    records = table.to_dict()["derivatives"]
    assert {"outcome", "parameter", "derivative", "elasticity", "method"} <= set(records[0])
    from bargaining.sensitivity import UnknownOutcomeError

    with pytest.raises(UnknownOutcomeError, match="did you mean"):
        derivatives(dollar(), outcomes=["nash.shar"], solution="nash")


def test_frontier_derivatives_by_implicit_differentiation_agree_with_the_closed_form() -> None:
    # u2 = s (1 - u1^2) with d = (d1, 0): Nash maximises (u1 - d1) s (1 - u1^2), so
    # 1 - 3 u1^2 + 2 d1 u1 = 0, u1 = (d1 + sqrt(d1^2 + 3))/3, du1/dd1 = (1 + d1/sqrt(d1^2 + 3))/3;
    # utilitarian: 1 - 2 s u1 = 0, u1 = 1/(2 s), du1/ds = -1/(2 s^2).
    import math

    from bargaining.model.utility_space import Frontier

    d1, s = 0.2, 1.5
    model = Frontier(
        ("alice", "bob"),
        "s * (1 - alice**2)",
        disagreement_point=("d1", 0),
        parameters=[Parameter("d1", d1, (0, 0.5)), Parameter("s", s, (1, 2))],
    )
    exact = derivatives(model)
    numeric = derivatives(model, exact=False)
    row = exact.get("nash.alice.utility", "d1")
    assert row.method == "exact"
    assert row.derivative == pytest.approx((1 + d1 / math.sqrt(d1**2 + 3)) / 3, rel=1e-9)
    # (exact up to the accuracy of the numerical point it is evaluated at)
    assert exact.get("nash.alice.utility", "s").derivative == pytest.approx(0.0, abs=1e-8)
    assert exact.get("utilitarian.alice.utility", "s").derivative == pytest.approx(-1 / (2 * s**2), rel=1e-9)
    # finite differences agree to the solver's accuracy on the frontier (about 1e-7 in u, over a step of 1e-3)
    for r in exact.rows:
        if r.method == "exact" and r.derivative is not None:
            other = numeric.get(r.outcome, r.parameter).derivative
            assert other == pytest.approx(r.derivative, rel=1e-3, abs=3e-4), r


def test_a_level_switch_inside_the_step_is_reported_as_a_jump() -> None:
    # Under Nash the guarantee switches from assurances to bilateral treaties as US support rises
    # (docs/figures/kursk_sweep_us_support.png); at the switch the derivative of the level is undefined.
    from bargaining.sensitivity import sweep

    kursk = load(ROOT / "games" / "kursk.json")
    lo, hi = -0.2, 0.2
    for _ in range(20):  # bisect the switch to well inside one finite-difference step (h = 0.002)
        mid = (lo + hi) / 2
        level = sweep(kursk, "us_support", [mid], solution="nash").rows[0]["nash.security"]
        lo, hi = (mid, hi) if level == "assurances" else (lo, mid)
    at_switch = kursk.with_parameters(us_support=(lo + hi) / 2)
    table = derivatives(
        at_switch, ["us_support"], ["nash.security", "nash.territory_returned"], solution="nash"
    )
    security = table.get("nash.security", "us_support")
    assert security.note == "jump" and security.derivative is None
    assert table.get("nash.territory_returned", "us_support").note == "kink"
    away = derivatives(kursk, ["us_support"], ["nash.security"], solution="nash").rows[0]
    assert away.note == "" and away.derivative == 0.0
