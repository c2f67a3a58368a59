"""Power indices of weighted voting (bargaining.coalitional.power): literature values and brute force."""

from __future__ import annotations

import math
import time
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining.coalitional.power import power_indices
from bargaining.errors import SpecError
from bargaining.model.coalitional import CoalitionalGame

UNSC = [f"p{i}" for i in range(5)] + [f"e{i}" for i in range(10)]


def brute_force(weights: list[int], quota: int, veto: list[int], members: int, blocking: int) -> tuple:
    """Swing counts by enumerating every coalition and every order size (independent of the DP)."""
    n = len(weights)

    def wins(s: int) -> bool:
        size = bin(s).count("1")
        if any(not s >> i & 1 for i in veto):
            return False
        weight = sum(w for i, w in enumerate(weights) if s >> i & 1)
        return (size >= members and weight >= quota) or n - size < blocking

    ss = [Fraction(0)] * n
    swings = [0] * n
    for s in range(1 << n):
        k = bin(s).count("1")
        for i in range(n):
            if not s >> i & 1 and wins(s | 1 << i) and not wins(s):
                swings[i] += 1
                ss[i] += Fraction(math.factorial(k) * math.factorial(n - k - 1), math.factorial(n))
    return ss, swings


def test_un_security_council_shapley_shubik() -> None:
    # Shapley and Shubik (1954), "A method for evaluating the distribution of power in a committee
    # system", APSR 48: each permanent member 421/2145 (about 0.1963), each elected member 4/2145.
    game = CoalitionalGame.weighted_voting(UNSC, [1] * 15, 9, veto=UNSC[:5])
    power = power_indices(game)
    assert power.shapley_shubik[0] == Fraction(421, 2145)
    assert float(power.shapley_shubik[0]) == pytest.approx(0.1963, abs=5e-5)
    assert power.shapley_shubik[5] == Fraction(4, 2145)
    # Banzhaf: a permanent member swings for the 848 sets of >= 4 elected members, an elected member
    # for the C(9, 3) = 84 sets of exactly 3 other elected members (with all five permanent ones);
    # normalised 848/5080 = 0.1669 (Felsenthal and Machover 1998, The Measurement of Voting Power, ch. 3).
    assert power.swings[0] == 848 and power.swings[5] == 84
    assert float(power.banzhaf[0]) == pytest.approx(0.1669, abs=5e-5)


def test_eu27_nice_weights_are_instant() -> None:
    # EU-27 under the Treaty of Nice weights (2007-2013; Accession Act 2005, Art. 22): 345 votes, 255 to pass.
    nice = [29, 29, 29, 29, 27, 27, 14, 13, 12, 12, 12, 12, 12, 10, 10, 10, 7, 7, 7, 7, 7, 4, 4, 4, 4, 4, 3]
    game = CoalitionalGame.weighted_voting([f"m{i}" for i in range(27)], nice, 255)
    start = time.perf_counter()
    power = power_indices(game)
    assert time.perf_counter() - start < 1.0  # the benchmark holds it to 50 ms; here a loose bound
    assert sum(power.shapley_shubik) == 1 and sum(power.banzhaf) == 1
    assert (
        power.shapley_shubik[0] > power.shapley_shubik[4] > power.shapley_shubik[6] > power.shapley_shubik[26]
    )


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.integers(0, 6), min_size=2, max_size=7),
    st.data(),
)
def test_dynamic_programme_matches_brute_force(weights: list[int], data: st.DataObject) -> None:
    n = len(weights)
    total = sum(weights)
    if total == 0:
        return
    quota = data.draw(st.integers(1, total))
    veto = sorted(set(data.draw(st.lists(st.integers(0, n - 1), max_size=2))))
    members = data.draw(st.integers(0, n))
    blocking = data.draw(st.integers(0, n))
    names = [f"x{i}" for i in range(n)]
    game = CoalitionalGame.weighted_voting(
        names, weights, quota, veto=[names[i] for i in veto], member_quota=members, blocking_minority=blocking
    )
    ss, swings = brute_force(weights, quota, veto, members, blocking)
    if sum(swings) == 0:
        with pytest.raises(SpecError):
            power_indices(game)
        return
    power = power_indices(game)
    assert list(power.shapley_shubik) == ss
    assert list(power.swings) == swings
    assert sum(power.shapley_shubik) == 1 and sum(power.banzhaf) == 1


def test_double_majority_with_blocking_minority() -> None:
    # Art. 16(4) TEU: 55% of members and 65% of population; a blocking minority needs four members.
    # Six members, one holding 70% of the population: without the blocking-minority clause the big
    # member is a veto player; with it (four members), any five members pass a measure.
    names = list("abcdef")
    weights = [70, 6, 6, 6, 6, 6]
    plain = CoalitionalGame.weighted_voting(names, weights, 65, member_quota=4)
    assert plain.value("b+c+d+e+f") == 0
    rule = CoalitionalGame.weighted_voting(names, weights, 65, member_quota=4, blocking_minority=4)
    assert rule.value("b+c+d+e+f") == 1
    # a+b: two members, and the four others form a blocking minority; a+b+c: only three are left against
    assert rule.value("a+b") == 0 and rule.value("a+b+c") == 1
    assert plain.value("a+b+c") == 0 and plain.value("a+b+c+d") == 1
    ss, _ = brute_force(weights, 65, [], 4, 4)
    assert list(power_indices(rule).shapley_shubik) == ss


def test_decimal_weights_are_exact() -> None:
    # 0.1 + 0.2 reaches a quota of 0.3 exactly (floats would say 0.30000000000000004 >= 0.3 by luck, or not).
    game = CoalitionalGame.weighted_voting(["a", "b", "c"], [0.1, 0.2, 0.7], 0.3)
    assert game.value("a+b") == 1


@pytest.mark.parametrize(
    ("quota", "message"),
    [(-1, "quota must be > 0"), (0, "quota must be > 0"), (11, "at most the total weight")],
)
def test_bad_quota(quota: float, message: str) -> None:
    with pytest.raises(SpecError, match=message) as info:
        CoalitionalGame.weighted_voting(["a", "b"], [5, 5], quota)
    assert info.value.path == "weighted_voting.quota"


def test_power_indices_need_a_voting_game() -> None:
    game = CoalitionalGame.glove(["l"], ["r"])
    with pytest.raises(SpecError, match="weighted voting"):
        power_indices(game)


#: EU-28 population shares for 2016 in per cent (Council Decision (EU, Euratom) 2015/2393, Annex III of
#: the Council's Rules of Procedure, as reported by Agence Europe, 9 December 2015), largest first.
EU28_2016 = [15.93, 13.04, 12.73, 12.07, 9.12, 7.47, 3.9, 3.37, 2.21, 2.13, 2.05, 2.04, 1.94, 1.92]
EU28_2016 += [1.69, 1.42, 1.11, 1.08, 1.06, 0.91, 0.83, 0.57, 0.41, 0.39, 0.26, 0.17, 0.11, 0.08]


def eu28_qmv() -> CoalitionalGame:
    # Art. 16(4) TEU: 55% of the members (16 of 28), 65% of the population, a blocking minority of four.
    names = [f"m{i}" for i in range(28)]
    quota = 0.65 * sum(EU28_2016)
    return CoalitionalGame.weighted_voting(names, EU28_2016, quota, member_quota=16, blocking_minority=4)


def test_eu28_double_majority() -> None:
    game = eu28_qmv()
    assert game.values is None  # 2**28 coalitions: never stored
    assert game.value(0b1111) == 0  # the four largest alone do not pass a measure...
    assert game.value((1 << 28) - 1 - 0b111) == 1  # ...but three members cannot block one
    start = time.perf_counter()
    power = power_indices(game)
    assert time.perf_counter() - start < 1.0
    assert sum(power.shapley_shubik) == 1
    ss = [float(x) for x in power.shapley_shubik]
    assert ss == sorted(ss, reverse=True)  # more population, more power (weakly)


@pytest.mark.slow
def test_eu28_dynamic_programme_against_sampling() -> None:
    from bargaining.coalitional.shapley import shapley_value

    game = eu28_qmv()
    exact = [float(x) for x in power_indices(game).shapley_shubik]
    estimate = shapley_value(game, samples=20_000, seed=3, confidence=0.999)
    assert estimate.confidence_intervals is not None
    for x, (lo, hi) in zip(exact, estimate.confidence_intervals, strict=True):
        assert lo - 1e-3 <= x <= hi + 1e-3
