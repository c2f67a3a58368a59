"""Shifting power and the commitment problem (bargaining.war.commitment, kind ``shifting_power``).

Known answers: Powell's (2006) condition at, above and below its boundary in exact dyadic numbers;
the static Fearon (1995) range when power does not shift, against bargaining.war.fearon. Independent
checks: a plain-Python backward induction of the finite-horizon game that tries every offer on a
grid (no threshold formula), and Powell's protocol-free claim checked over every proposer sequence.
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import GAMES, run

from bargaining.dispatch import solve_model
from bargaining.errors import InvalidGameError, SpecError
from bargaining.io import load
from bargaining.io.shifting_power import from_dict, to_dict
from bargaining.model.shifting_power import ShiftingPower
from bargaining.model.war import WarBargaining, WarParty
from bargaining.war import commitment_equilibrium, fearon_solution, powell_gaps, solve_war

KURSK = GAMES / "kursk_shifting_power.json"


# ---------------------------------------------------------------------- Powell's condition

# Sources (see bargaining/war/commitment.py for what was and was not verified):
# - Powell (2006), "War as a Commitment Problem", IO 60(1), 169-203, doi:10.1017/S0020818306060061:
#   "the weaker party must promise the stronger at least as much of the flow as the latter can lock
#   in" and, if the shift is "sufficiently large and rapid", reneges (passage quoted in the public
#   repository quotables/jekyll-now, _posts/2018-03-15-preventive-war-comitment-problem.md);
# - Powell (2004), "The Inefficient Use of Power", APSR 98(2), abstract (Cambridge Core): an
#   "inefficiency condition" in minmax payoffs that makes every equilibrium inefficient.
# The printed inequality and its page could NOT be verified; what is tested is the formalisation of
# that statement: side 0 declines from p0 to 1/4 and can be promised at most pi + delta (Pi - M^1_1),
# all of today's flow and the stream less what side 1 will lock in tomorrow. With delta = 1/2, pi = 1
# (Pi = 2), c = (1/8, 1/4) the gap is 2 p0 - 5/4 - 1/4, so the boundary is p0 = 3/4; in the rising
# side's probabilities q = 1 - p it reads delta (q1 - q0) pi / (1 - delta) = q0 pi + c0 + delta c1,
# and in minmax payoffs M^0_0 + delta M^1_1 = Pi. Every number is dyadic: floats are exact.
DELTA, COST = 0.5, (0.125, 0.25)
# the protocol that attains Powell's bound: the rising side offers today, the declining side offers after
GENEROUS = (1, 0)


@pytest.mark.parametrize(("p0", "war"), [(0.75, False), (0.75 + 1 / 64, True), (0.75 - 1 / 64, False)])
def test_powell_condition_at_and_on_either_side_of_the_boundary(p0: float, war: bool) -> None:
    q0, q1 = 1 - p0, 0.75
    lhs = DELTA * (q1 - q0) * 1 / (1 - DELTA)
    rhs = q0 * 1 + COST[0] + DELTA * COST[1]
    assert (lhs > rhs) is war
    gap = powell_gaps((p0, 0.25), COST, DELTA)[0][0]
    assert gap == lhs - rhs  # the same condition, in minmax form
    stream = 1 / (1 - DELTA)
    declining_now, rising_next = p0 * stream - COST[0], 0.75 * stream - COST[1]
    assert (declining_now + DELTA * rising_next > stream) is war  # ... and as a sum of minmax payoffs
    assert gap == declining_now + DELTA * rising_next - stream
    result = commitment_equilibrium((p0, 0.25), COST, DELTA, proposer=GENEROUS)
    assert result.war[0] is war
    assert result.first_war == (0 if war else None)
    if war:
        assert result.started_by[0] == "responder"  # the declining side cannot be offered enough
    # under every protocol the condition forces war (it is sufficient whatever the protocol)
    for protocol in itertools.product((0, 1), repeat=2):
        r = commitment_equilibrium((p0, 0.25), COST, DELTA, proposer=protocol)
        if war:
            assert r.first_war == 0


def test_at_the_boundary_the_declining_side_gets_exactly_everything_it_can_be_promised() -> None:
    r = commitment_equilibrium((0.75, 0.25), COST, DELTA, proposer=GENEROUS)
    assert r.needed[0] == 1.0 and r.offer[0] == 1.0  # all of today's flow
    assert r.values[0][0] == r.war_values[0][0] == 1.375  # its minmax 3/2 - 1/8


# Powell (2006), p. 182, eq. (1) and p. 183, as restated by a public JavaScript implementation of the
# paper (found by text search of public GitHub code; the index gave its text, id 70773565006, not its
# repository; the printed paper itself could not be read):
#   eq. (1): delta M1(t+1) - M1(t) > B - [M1(t) + M2(t)], B = 1 / (1 - delta), state 1 rising;
#   preventive war, p. 183: war destroys a fraction d of the flow, 1's chance rises from p to p + D,
#   condition (1 - d)[delta (p + D) - p] > d.
# Here side 0 is Powell's declining state 2 and side 1 his rising state 1. Powell's costs are a fraction d
# of each side's expected stream; the lump costs c_0 = (1 - p) d B and c_1 = (p + D) d B give exactly his
# M2(0) = (1 - p)(1 - d) B and M1(1) = (p + D)(1 - d) B, the two minmax payoffs the condition uses.
# With delta = 1/2 and d = 1/5 the condition is D > p + 1/2: for p = 1/8 the boundary is D = 5/8.
POWELL_DELTA, POWELL_D, POWELL_P = Fraction(1, 2), Fraction(1, 5), Fraction(1, 8)


@pytest.mark.parametrize(
    "shift", [Fraction(5, 8), Fraction(5, 8) + Fraction(1, 64), Fraction(5, 8) - Fraction(1, 64)]
)
def test_powells_preventive_war_case_p183_at_and_on_either_side_of_the_boundary(shift: Fraction) -> None:
    delta, d, p = POWELL_DELTA, POWELL_D, POWELL_P
    stream = 1 / (1 - delta)
    published = (1 - d) * (delta * (p + shift) - p) - d  # p. 183, left minus right
    m2_now, m1_next, m1_now = (1 - p) * (1 - d) * stream, (p + shift) * (1 - d) * stream, p * (1 - d) * stream
    eq1 = delta * m1_next - m1_now - (stream - (m1_now + m2_now))  # p. 182, eq. (1), left minus right
    assert eq1 == published * stream  # the p. 183 case is eq. (1) divided by B
    cost = (float((1 - p) * d * stream), float((p + shift) * d * stream))
    path = (float(1 - p), float(1 - p - shift))  # side 0's (Powell's state 2's) chance of winning
    gap = powell_gaps(path, cost, float(delta))[0][0]
    assert gap == pytest.approx(float(eq1), abs=1e-12)  # the code's gap is eq. (1)
    war = published > 0
    for protocol in itertools.product((0, 1), repeat=2):
        first = commitment_equilibrium(path, cost, float(delta), proposer=protocol).first_war
        if war:
            assert first == 0  # under every protocol
    generous = commitment_equilibrium(path, cost, float(delta), proposer=GENEROUS)
    if shift == Fraction(5, 8):
        assert published == 0 and gap == pytest.approx(0, abs=1e-12)
    else:
        assert generous.war[0] is war  # the protocol that attains the bound: war exactly when it holds


def exact_forms(
    p: tuple[Fraction, Fraction], c: tuple[Fraction, Fraction], delta: Fraction, flow: Fraction
) -> tuple[Fraction, Fraction, Fraction]:
    """Side 0 declining from p[0] to p[1]: the gap, the minmax-sum form and the win-probability form,
    each as "left side minus right side", in exact rationals (no code of the package)."""
    stream = flow / (1 - delta)
    m0_now, m1_next = p[0] * stream - c[0], (1 - p[1]) * stream - c[1]
    gap = m0_now - flow - delta * (stream - max(Fraction(0), m1_next))
    total = m0_now + delta * m1_next - stream
    q0, q1 = 1 - p[0], 1 - p[1]
    shift = delta * (q1 - q0) * flow / (1 - delta) - (q0 * flow + c[0] + delta * c[1])
    return gap, total, shift


rational = st.fractions(min_value=0, max_value=1, max_denominator=64)


@settings(max_examples=80, deadline=None)
@given(
    p=st.tuples(rational, rational),
    c=st.tuples(rational, rational),
    delta=st.fractions(min_value=Fraction(1, 20), max_value=Fraction(19, 20), max_denominator=40),
    flow=st.fractions(min_value=Fraction(1, 4), max_value=4, max_denominator=8),
)
def test_the_three_forms_of_the_condition_are_one_and_the_code_computes_it(
    p: tuple[Fraction, Fraction], c: tuple[Fraction, Fraction], delta: Fraction, flow: Fraction
) -> None:
    """Exact rationals: where the rising side's minmax tomorrow is not negative the three forms in
    bargaining/war/commitment.py are the same number; the package's float gap agrees with it."""
    gap, total, shift = exact_forms(p, c, delta, flow)
    stream = flow / (1 - delta)
    assert total == shift  # forms 2 and 3: algebra alone
    if (1 - p[1]) * stream - c[1] >= 0:
        assert gap == total  # forms 1 and 2 where the rising side's minmax tomorrow is not negative
    else:
        assert gap > total  # tomorrow the rising side gets at least 0: less can be promised
    code = powell_gaps([float(x) for x in p], [float(x) for x in c], float(delta), float(flow))
    assert code[0][0] == pytest.approx(float(gap), abs=1e-9 * max(1.0, float(stream)))


@settings(max_examples=40, deadline=None)
@given(
    path=st.lists(st.floats(0, 1).map(lambda x: round(x, 3)), min_size=2, max_size=4),
    cost=st.tuples(st.floats(0, 0.5), st.floats(0, 0.5)),
    delta=st.floats(0.3, 0.95),
)
def test_powell_condition_forces_war_under_every_protocol(
    path: list[float], cost: tuple[float, float], delta: float
) -> None:
    gaps = powell_gaps(path, cost, delta)
    bad = [t for t, g in enumerate(gaps) if max(g) > 1e-9]
    assume(bad)
    for protocol in itertools.product((0, 1), repeat=len(path)):
        first = commitment_equilibrium(path, cost, delta, proposer=protocol).first_war
        assert first is not None and first <= bad[0]


def test_a_sudden_loss_of_the_chip_is_war_a_slow_one_is_not() -> None:
    """Fearon's (1995) preventive-war logic: the same total shift, all at once or spread out."""
    sudden = commitment_equilibrium((0.6, 0.3), (0.05, 0.05), 0.9, proposer=1)
    slow = commitment_equilibrium([0.6 - 0.3 * t / 30 for t in range(31)], (0.05, 0.05), 0.9, proposer=1)
    assert sudden.first_war == 0 and slow.first_war is None


# ---------------------------------------------------------------------- Fearon when power does not move


@settings(max_examples=60, deadline=None)
@given(
    p=st.floats(0, 1),
    cost=st.tuples(st.floats(0, 3), st.floats(0, 3)),
    delta=st.floats(0.05, 0.95),
    proposer=st.sampled_from([0, 1]),
    periods=st.integers(1, 4),
)
def test_without_a_shift_the_answer_is_fearons_range(
    p: float, cost: tuple[float, float], delta: float, proposer: int, periods: int
) -> None:
    """Fearon (1995), IO 49(3): no war, and the proposer gets the top of its end of the range of the stream.

    The range [p - c_A, p + c_B] of a unit pie is as restated in Wikipedia, "War's inefficiency puzzle"
    (A's share x with p_A - c_A < x < p_A + c_B); here it is scaled to the stream 1 / (1 - delta)."""
    r = commitment_equilibrium((p,) * periods, cost, delta, proposer=proposer)
    stream = 1 / (1 - delta)
    assert r.first_war is None and not any(r.inefficient)
    static = fearon_solution(p, cost, proposer=proposer, size=stream)
    assert r.values[0] == pytest.approx(static.expected_payoffs, abs=1e-9)
    low, high = static.bargaining_range
    # the formula itself, cut to the feasible shares [0, Pi]
    formula = (max(0.0, p * stream - cost[0]), min(stream, p * stream + cost[1]))
    assert (low, high) == pytest.approx(formula, abs=1e-12)
    assert low - 1e-9 <= r.values[0][0] <= high + 1e-9
    assert r.static_range[0] == pytest.approx(static.bargaining_range)


def test_one_period_spec_solves_like_the_war_module() -> None:
    parties = (WarParty("a", 0.3), WarParty("b", 0.5))
    flow = ShiftingPower(parties, (0.4,), discount=0.75, proposer=0)
    static = WarBargaining(parties, 0.4, size=4.0, proposer=0)  # the stream 1 / (1 - 0.75)
    assert solve_model(flow).values[0] == pytest.approx(solve_war(static).expected_payoffs)


# ---------------------------------------------------------------------- an independent brute force


def brute_force(
    path: list[float],
    cost: tuple[float, float],
    delta: float,
    protocol: tuple[int, ...],
    horizon: int,
    grid: int,
) -> tuple[tuple[float, float], list[bool]]:
    """Backward induction of the game cut after ``horizon`` periods, trying every offer k / grid.

    War in period t of the cut game wins the rest of the horizon: p (1 - delta^(H-t)) / (1 - delta) - c.
    No formula for the offer: the proposer compares every grid offer the responder accepts and an attack.
    """
    n = len(path)
    following = (0.0, 0.0)
    wars = [False] * n
    for t in range(horizon - 1, -1, -1):
        p, proposer = path[min(t, n - 1)], protocol[min(t, n - 1)]
        responder = 1 - proposer
        rest = (1 - delta ** (horizon - t)) / (1 - delta)
        war = (p * rest - cost[0], (1 - p) * rest - cost[1])
        best, value = war[proposer], war
        for k in range(grid + 1):
            y = k / grid
            if y + delta * following[responder] >= war[responder] - 1e-9:
                mine = 1 - y + delta * following[proposer]
                if mine >= best - 1e-9:  # ties go to peace, as in the model
                    pair = [0.0, 0.0]
                    pair[proposer], pair[responder] = mine, y + delta * following[responder]
                    best, value = mine, (pair[0], pair[1])
                break  # larger offers only cost the proposer more
        if t < n:
            wars[t] = value is war
        following = value
    return following, wars


@settings(max_examples=15, deadline=None)
@given(
    path=st.lists(st.floats(0, 1).map(lambda x: round(x, 2)), min_size=1, max_size=3),
    cost=st.tuples(st.floats(0, 0.6), st.floats(0, 0.6)),
    delta=st.sampled_from([0.5, 0.6, 0.7]),
    protocol=st.tuples(st.sampled_from([0, 1]), st.sampled_from([0, 1]), st.sampled_from([0, 1])),
)
def test_equilibrium_matches_brute_force_over_offers(
    path: list[float], cost: tuple[float, float], delta: float, protocol: tuple[int, int, int]
) -> None:
    who = protocol[: len(path)]
    r = commitment_equilibrium(path, cost, delta, proposer=who)
    # stay away from knife edges, where the grid may tip a decision the other way
    assume(all(abs(need - 1) > 0.05 for need in r.needed))
    values, wars = brute_force(path, cost, delta, who, horizon=len(path) + 60, grid=200)
    assert values == pytest.approx(r.values[0], abs=2 / 200 / (1 - delta) + 1e-6)
    if r.first_war is not None:
        assert wars[r.first_war]


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(
    path=st.lists(st.floats(0, 1).map(lambda x: round(x, 2)), min_size=1, max_size=4),
    cost=st.tuples(st.floats(0, 0.6), st.floats(0, 0.6)),
    delta=st.sampled_from([0.5, 0.7, 0.8]),
)
def test_equilibrium_matches_a_fine_brute_force(
    path: list[float], cost: tuple[float, float], delta: float
) -> None:
    r = commitment_equilibrium(path, cost, delta, proposer=1)
    assume(all(abs(need - 1) > 0.01 for need in r.needed))
    values, _ = brute_force(path, cost, delta, (1,) * len(path), horizon=len(path) + 120, grid=2000)
    assert values == pytest.approx(r.values[0], abs=2 / 2000 / (1 - delta) + 1e-6)


# ---------------------------------------------------------------------- spec, errors, CLI


def spec(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "bargaining",
        "version": 1,
        "kind": "shifting_power",
        "parameters": [{"name": "shift", "value": 0.5}],
        "parties": [{"name": "a", "cost": 0.125}, {"name": "b", "cost": 0.25}],
        "discount": 0.5,
        "win_probability": ["0.25 + shift", 0.25],
        "proposer": ["b", "a"],
        "labels": ["now", "later"],
    }
    data.update(changes)
    return data


def test_spec_round_trips_and_solves_like_the_arrays() -> None:
    model = from_dict(spec())
    assert from_dict(to_dict(model)) == model
    assert from_dict(json.loads(json.dumps(to_dict(model)))) == model
    result = solve_model(model)
    assert result.values == commitment_equilibrium((0.75, 0.25), COST, DELTA, proposer=GENEROUS).values
    assert solve_model(model.with_parameters(shift=0.5 + 1 / 64)).first_war == 0


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"win_probability": [0.5, 1.5]}, "win_probability[1]"),
        ({"win_probability": []}, "win_probability"),
        ({"win_probability": ["-shift", 0.2]}, "win_probability[0]"),
        ({"discount": 1}, "discount"),
        ({"discount": "shift - 0.5"}, "discount"),
        ({"size": 0}, "size"),
        ({"parties": [{"name": "a", "cost": -0.1}, {"name": "b", "cost": 0.25}]}, "parties[0].cost"),
        ({"parties": [{"name": "a", "cost": 0.1}]}, "parties"),
        ({"proposer": ["b", "c"]}, "proposer[1]"),
        ({"proposer": ["b"]}, "proposer"),
        ({"proposer": 2}, "proposer"),
        ({"labels": ["now"]}, "labels"),
        ({"labels": ["now", 3]}, "labels[1]"),
        ({"win_probability": ["unknown", 0.2]}, "win_probability[0]"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_input_names_its_json_path(changes: dict[str, Any], path: str) -> None:
    with pytest.raises(SpecError) as info:
        from_dict(spec(**changes))
    assert info.value.path == path


def test_library_refuses_bad_arrays() -> None:
    with pytest.raises(InvalidGameError, match="discount"):
        commitment_equilibrium((0.5,), (0.1, 0.1), 1.0)
    with pytest.raises(InvalidGameError, match="proposer"):
        commitment_equilibrium((0.5, 0.4), (0.1, 0.1), 0.9, proposer=(0,))
    with pytest.raises(InvalidGameError, match=r"win_probability\[1\]"):
        commitment_equilibrium((0.5, 1.4), (0.1, 0.1), 0.9)


def test_cli_bad_spec_is_one_line_and_status_2(tmp_path: Any) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(spec(discount=1.5)))
    code, out, err = run("solve", str(bad))
    assert code == 2 and "discount" in err and len(err.strip().splitlines()) == 1


# ---------------------------------------------------------------------- the Kursk spec


def test_kursk_chip_eroding_over_eight_months_never_causes_war() -> None:
    """The shipped assumptions: the chip erodes by about 0.008 of Ukraine's win probability a month,
    far less than the per-month value of Russia's power plus the costs, so Powell's gap is negative
    in every month and Russia buys Ukraine off each month with a shrinking offer."""
    r = solve_model(load(KURSK))
    assert r.first_war is None and not any(r.inefficient)
    assert r.labels[0] == "2024-08" and r.labels[-1] == "2025-04"
    ukraine = [v[0] for v in r.values]
    assert all(a > b for a, b in zip(ukraine, ukraine[1:], strict=False))
    # Ukraine's equilibrium value is its war value: Russia, the proposer, holds it to its minmax
    assert ukraine == pytest.approx([w[0] for w in r.war_values])


def test_kursk_chip_lost_in_one_month_with_cheap_war_is_the_commitment_problem() -> None:
    model = load(KURSK).with_parameters(months_to_loss=1, ua_cost=0.0, ru_cost=0.0)
    r = solve_model(model)
    assert r.first_war == 0 and r.started_by[0] == "responder" and r.inefficient[0]
    code, out, _ = run(
        "solve", str(KURSK), "--set", "months_to_loss=1", "--set", "ua_cost=0", "--set", "ru_cost=0"
    )
    assert code == 0 and "War starts in '2024-08'" in out


def test_kursk_threshold_cost_matches_powells_condition_by_hand() -> None:
    """With the chip lost in one month and Ukraine's cost 0, Powell's gap in August 2024 is
    M0 - pi - delta (1 - M1_next) = p0 - pi - delta (1 - (q1 - c1)),
    zero at c1 = (p0 - pi - delta (1 - q1)) / delta."""
    delta, flow = 0.97, 1 - 0.97
    p0, q1 = 0.35 + 0.05 * 1.294, 0.65
    c1 = (p0 - flow - delta * (1 - q1)) / delta
    model = load(KURSK).with_parameters(months_to_loss=1, ua_cost=0.0)
    assert solve_model(model.with_parameters(ru_cost=c1 - 1e-6)).inefficient[0]
    assert not solve_model(model.with_parameters(ru_cost=c1 + 1e-6)).inefficient[0]
    assert c1 == pytest.approx(0.0465979, abs=1e-7)  # the threshold docs/war.md shows


def test_a_long_path_is_elided_in_the_table_but_not_in_json() -> None:
    path = [0.5 - 0.4 * t / 99 for t in range(100)]
    r = commitment_equilibrium(path, (0.2, 0.2), 0.9, proposer=1)
    table = r.to_table()
    assert "... 60 periods" in table and "t99" in table and "t50" not in table
    assert len(r.to_dict()["periods"]) == 100
