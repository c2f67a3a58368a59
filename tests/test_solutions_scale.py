"""Scale and ties: every concept gives the same agreement for a problem and its rescaling.

Issue 9, bugs 4 and 5: the lexicographic tie-break relaxed the first stage by an
amount that grew with the square of the utility scale (so answers drifted when
utilities were large), and ignored flat stretches shorter than 1e-3 of the scale.
The known answers here are worked out by hand in each test.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargaining as bg
from bargaining.solutions.concepts import solve

CONCEPTS = ("nash", "ks", "egalitarian", "utilitarian")


@pytest.mark.parametrize("k", [1e-3, 1.0, 100.0, 1000.0, 3000.0, 1e4])
def test_utilitarian_does_not_drift_with_the_scale(k: float) -> None:
    # max K sqrt(x) + K (1 - x): 1/(2 sqrt(x)) = 1, so x = 1/4 at every K (the audit's reproducer).
    p = bg.BargainingProblem(
        [bg.Party("a", f"{k}*sqrt(x)"), bg.Party("b", f"{k}*(1 - x)")], [bg.ContinuousIssue("x", 0, 1)]
    )
    assert bg.utilitarian_solution(p).agreement["x"] == pytest.approx(0.25, abs=1e-7)


@pytest.mark.parametrize("k", [1e-3, 1.0, 1e4])
def test_egalitarian_does_not_drift_with_the_scale(k: float) -> None:
    # min(K (x - x^2), K (1 + x)) = K (x - x^2) on [0, 1], largest at x = 1/2. The maximum of a
    # quadratic fixes x only to the square root of the solver's accuracy (about 1e-5 here).
    p = bg.BargainingProblem(
        [bg.Party("a", f"{k}*(x - x**2)"), bg.Party("b", f"{k}*(1 + x)")], [bg.ContinuousIssue("x", 0, 1)]
    )
    assert bg.egalitarian_solution(p).agreement["x"] == pytest.approx(0.5, abs=2e-5)


def test_a_short_flat_stretch_is_tie_broken_for_egalitarian_and_ks() -> None:
    # a gets y <= 0.3 whatever x is, so min gain 0.3 ties for every x in [0, 0.0005];
    # the documented tie-break (most total gain) gives b its most, x = 0.
    p = bg.BargainingProblem(
        [bg.Party("a", "y"), bg.Party("b", "1 - x")],
        [bg.ContinuousIssue("y", 0, 0.3), bg.ContinuousIssue("x", 0, 0.0005)],
    )
    for concept in ("egalitarian", "ks"):
        agreement = solve(p, concept).agreement
        assert agreement["y"] == pytest.approx(0.3, abs=1e-8)
        assert agreement["x"] == pytest.approx(0.0, abs=1e-8), concept


def test_a_short_flat_stretch_is_tie_broken_for_utilitarian() -> None:
    # x + (1 - x) = 1 for every x in [0.3, 0.3005]: all tie; the tie-break maximises the
    # smaller gain, min(x, 1 - x), so x = 0.3005.
    q = bg.BargainingProblem(
        [bg.Party("a", "x"), bg.Party("b", "1 - x")], [bg.ContinuousIssue("x", 0.3, 0.3005)]
    )
    assert bg.utilitarian_solution(q).agreement["x"] == pytest.approx(0.3005, abs=1e-8)


def test_a_long_flat_stretch_is_still_tie_broken() -> None:
    # Linear frontier u_a + u_b = 1: every split is utilitarian; the fair tie-break halves it.
    p = bg.BargainingProblem([bg.Party("a", "x"), bg.Party("b", "1 - x")], [bg.ContinuousIssue("x", 0, 1)])
    assert bg.utilitarian_solution(p).agreement["x"] == pytest.approx(0.5, abs=1e-7)


def _family(
    k: tuple[float, float], shift: tuple[float, float], c: tuple[float, float, float]
) -> bg.BargainingProblem:
    """Two parties over two issues; party i's utility and disagreement value are K_i u_i + b_i."""
    a = f"{k[0]}*({c[0]}*sqrt(x) + {c[1]}*y) + {shift[0]}"
    b = f"{k[1]}*((1 - x) + {c[2]}*(1 - y**2)) + {shift[1]}"
    return bg.BargainingProblem(
        [
            bg.Party("a", a, disagreement=f"{k[0]}*0.05 + {shift[0]}"),
            bg.Party("b", b, disagreement=f"{shift[1]}"),
        ],
        [bg.ContinuousIssue("x", 0, 1), bg.ContinuousIssue("y", 0, 1)],
    )


coefficients = st.tuples(st.floats(0.2, 2.0), st.floats(0.1, 1.0), st.floats(0.1, 1.0))
scales = st.sampled_from([1e-3, 1e-2, 10.0, 1e3, 1e4])


def _utilities(problem: bg.BargainingProblem, concept: str) -> np.ndarray:
    return np.asarray(solve(problem, concept, method="conic").utilities)


@settings(max_examples=8, deadline=None)
@given(c=coefficients, k=scales)
def test_the_conic_path_is_invariant_under_a_common_rescaling(
    c: tuple[float, float, float], k: float
) -> None:
    # method="conic" solves both as the same program on u/s, up to rounding in the compiled
    # constants. KS, egalitarian and utilitarian (linear objectives) then agree to 1e-7 (measured:
    # 4e-8 at worst on 150 cases). Nash's power cones often end "optimal_inaccurate", certified by
    # the first-order condition to a gap of 1e-6, which leaves the point free to a few 1e-6 (measured:
    # 7e-6 at worst), since the Nash product is flat to second order at its maximum. (A Newton step
    # on the quadratic model over the same cones was tried: its point is as loose, flat in the same
    # direction.) The default, method="auto", meets 1e-7 for Nash too: the tests below. The old
    # tolerances, quadratic in the scale, moved answers by 1e-2 at K = 1000 (issue 9, bug 4).
    base = _family((1.0, 1.0), (0.0, 0.0), c)
    scaled = _family((k, k), (0.0, 0.0), c)
    for concept in CONCEPTS:
        u, v = _utilities(base, concept), _utilities(scaled, concept)
        bound = 2e-5 if concept == "nash" else 1e-7
        np.testing.assert_allclose(v / k, u, rtol=bound, atol=bound, err_msg=concept)


@settings(max_examples=6, deadline=None)
@given(
    c=coefficients,
    ka=st.sampled_from([0.1, 0.5, 3.0, 10.0]),
    kb=st.sampled_from([0.1, 0.5, 3.0, 10.0]),
    shift=st.tuples(st.floats(-5, 5), st.floats(-5, 5)),
)
def test_the_conic_path_keeps_nash_and_ks_under_positive_affine_maps(
    c: tuple[float, float, float], ka: float, kb: float, shift: tuple[float, float]
) -> None:
    # Nash (1950) and Kalai-Smorodinsky (1975) are defined to be invariant under u_i -> K_i u_i + b_i.
    # The conic programs share one scale for all parties, so party-by-party maps are solved as
    # other programs: KS agrees to 1e-7 (measured 2e-8), Nash to its solver's accuracy (above).
    base = _family((1.0, 1.0), (0.0, 0.0), c)
    mapped = _family((ka, kb), (shift[0] * ka, shift[1] * kb), c)
    for concept in ("nash", "ks"):
        u, v = _utilities(base, concept), _utilities(mapped, concept)
        back = (v - np.array(shift) * [ka, kb]) / [ka, kb]
        bound = 2e-5 if concept == "nash" else 1e-7
        np.testing.assert_allclose(back, u, rtol=bound, atol=bound, err_msg=concept)


@settings(max_examples=6, deadline=None)
@given(c=coefficients, k=scales)
def test_every_concept_is_invariant_under_a_common_rescaling_to_1e_7(
    c: tuple[float, float, float], k: float
) -> None:
    # The default, method="auto" (the library's and `bargain solve`'s), answers these smooth
    # problems by Newton's method, whose programs divide their linear part by the utilities'
    # size: every concept, utilitarian included, agrees to 1e-7 relative (measured: 1e-10 or
    # better). Before, the barrier weight was absolute, and utilitarian drifted by 3e-6 at 1e-3.
    base = _family((1.0, 1.0), (0.0, 0.0), c)
    scaled = _family((k, k), (0.0, 0.0), c)
    for concept in CONCEPTS:
        s, t = solve(base, concept), solve(scaled, concept)
        assert s.method == t.method == "newton", (concept, s.fallback, t.fallback)
        u, v = np.asarray(s.utilities), np.asarray(t.utilities)
        np.testing.assert_allclose(v / k, u, rtol=1e-7, atol=1e-7, err_msg=concept)


@settings(max_examples=6, deadline=None)
@given(
    c=coefficients,
    ka=st.sampled_from([1e-3, 0.1, 3.0, 10.0, 1e4]),
    kb=st.sampled_from([1e-3, 0.1, 3.0, 10.0, 1e4]),
    shift=st.tuples(st.floats(-5, 5), st.floats(-5, 5)),
)
def test_nash_and_ks_are_invariant_under_positive_affine_maps_to_1e_7(
    c: tuple[float, float, float], ka: float, kb: float, shift: tuple[float, float]
) -> None:
    # Nash (1950) and Kalai-Smorodinsky (1975) are invariant under u_i -> K_i u_i + b_i.
    base = _family((1.0, 1.0), (0.0, 0.0), c)
    mapped = _family((ka, kb), (shift[0] * ka, shift[1] * kb), c)
    for concept in ("nash", "ks"):
        s, t = solve(base, concept), solve(mapped, concept)
        assert s.method == t.method == "newton", (concept, s.fallback, t.fallback)
        back = (np.asarray(t.utilities) - np.array(shift) * [ka, kb]) / [ka, kb]
        np.testing.assert_allclose(back, np.asarray(s.utilities), rtol=1e-7, atol=1e-7, err_msg=concept)


@pytest.mark.parametrize("k", [1e-3, 1.0, 1e4])
def test_the_newton_ideal_point_is_certified_at_every_scale(k: float) -> None:
    # b's best utility with a at its disagreement value 0.05 K: a's constraint
    # c0 sqrt(x) + c1 y >= 0.05 binds, so x = ((0.05 - c1 y)/c0)^2 (or 0), and b's
    # (1 - x) + c2 (1 - y^2) is a concave function of y alone: scipy's bounded scalar
    # minimiser is the reference. At K = 1e4 the barrier used to stall on a's constraint
    # (its gain below rounding against 500) and report 1.9639 K, certified (issue 9).
    from scipy.optimize import minimize_scalar

    c = (0.6984041672816674, 0.2445868078976142, 0.9729328718945193)

    def b(y: float) -> float:
        x = max(0.0, (0.05 - c[1] * y) / c[0]) ** 2
        return (1 - x) + c[2] * (1 - y * y)

    best = minimize_scalar(lambda y: -b(y), bounds=(0.0, 1.0), method="bounded", options={"xatol": 1e-12})
    s = solve(_family((k, k), (0.0, 0.0), c), "ks", method="auto")
    assert s.method == "newton", s.fallback
    assert s.ideal_point[1] / k == pytest.approx(-best.fun, rel=1e-9)
