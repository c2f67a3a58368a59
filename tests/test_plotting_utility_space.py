"""The utility-space figure: the marks read back from the artists are where the answers are.

Structure, not pixels: every mark carries a ``gid`` (``solution:nash``,
``disagreement``, ``ideal``, ``ks-segment``), and its coordinates are compared
with answers computed independently of the figure: closed forms from the
literature, hand evaluation of the spec's formulas, and brute force.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import ROOT

from bargaining import solve_all
from bargaining.io import load, write
from bargaining.model.issue_space import BargainingProblem
from bargaining.plotting import plot_utility_space
from bargaining.plotting.utility_samples import convex_hull, pareto_mask, sample_utilities

KURSK = load(ROOT / "games" / "kursk.json")


def marks(fig: Any) -> dict[str, np.ndarray]:
    """``{gid: (k, 2) points}`` of the scatter marks and the KS segment of ``fig``'s first axes."""
    found: dict[str, np.ndarray] = {}
    for artist in fig.axes[0].get_children():
        gid = artist.get_gid()
        if not gid:
            continue
        if hasattr(artist, "get_offsets"):
            found[gid] = np.asarray(artist.get_offsets(), float)
        elif hasattr(artist, "get_xydata"):
            found[gid] = np.asarray(artist.get_xydata(), float)
    return found


def test_curved_frontier_marks_are_the_closed_forms() -> None:
    """u2 = 1 - u1^2, d = 0: Nash (1/sqrt3, 2/3), KS and egalitarian u1 = u2 = (sqrt5 - 1)/2,
    utilitarian (1/2, 3/4), ideal (1, 1) (maximise u1 u2, solve u = 1 - u^2, maximise u1 + u2)."""
    fig = plot_utility_space(load(ROOT / "games" / "curved_frontier.json"))
    found = marks(fig)
    golden = (math.sqrt(5) - 1) / 2
    expected = {
        "solution:nash": (1 / math.sqrt(3), 2 / 3),
        "solution:ks": (golden, golden),
        "solution:egalitarian": (golden, golden),
        "solution:utilitarian": (0.5, 0.75),
        "disagreement": (0.0, 0.0),
        "ideal": (1.0, 1.0),
    }
    for gid, point in expected.items():
        assert found[gid][0] == pytest.approx(point, abs=1e-6), gid
    assert found["ks-segment"] == pytest.approx(np.array([[0.0, 0.0], [1.0, 1.0]]), abs=1e-9)


def kursk_by_hand(values: dict[str, float]) -> tuple[float, float]:
    """Kursk's disagreement point, evaluated by hand from the spec's formulas."""
    share = values["kursk_held"] / values["kursk_peak"]
    ukraine = (
        values["kursk_weight_ukraine"] * share
        - values["holding_cost"] * share
        - values["war_cost_ukraine"]
        + values["us_aid_value"] * values["us_support"]
    )
    russia = (
        -values["kursk_weight_russia"] * share
        - values["war_cost_russia"]
        - values["us_cost_to_russia"] * values["us_support"]
    )
    return ukraine, russia


@pytest.mark.parametrize("held", [1000.0, 0.0])
def test_kursk_marks(held: float) -> None:
    problem = KURSK.with_parameters(kursk_held=held)
    fig = plot_utility_space(problem, per_piece=400)
    found = marks(fig)
    d = np.array(kursk_by_hand(problem.parameter_values()))
    assert found["disagreement"][0] == pytest.approx(d, abs=1e-9)
    ideal = found["ideal"][0]
    # Russia's best: nothing returned, no guarantee, all of Kursk back: utility 0.
    assert ideal[1] == pytest.approx(0.0, abs=1e-6)
    assert found["ks-segment"] == pytest.approx(np.vstack([d, ideal]), abs=1e-9)
    # Ukraine's ideal by brute force over the issues: at most it, and within the grid's error.
    brute = brute_force_kursk(problem)
    assert brute["ideal_ukraine"] <= ideal[0] + 1e-6
    assert ideal[0] - brute["ideal_ukraine"] < 2e-3
    # KS lies on the segment from d to the ideal point; Nash beats every brute-force agreement.
    ks = found["solution:ks"][0]
    cross = (ks - d)[0] * (ideal - d)[1] - (ks - d)[1] * (ideal - d)[0]
    assert abs(cross) < 1e-5
    nash = found["solution:nash"][0]
    assert np.prod(nash - d) >= brute["nash_product"] - 1e-6
    assert np.prod(nash - d) - brute["nash_product"] < 2e-3
    tags = {a.get_gid() for a in fig.axes[0].texts if a.get_gid()}
    assert {"tag:d", "tag:ideal"} <= tags


def brute_force_kursk(problem: BargainingProblem) -> dict[str, float]:
    """The ideal point's Ukrainian coordinate and the largest Nash product, on a fine grid of agreements."""
    v = problem.parameter_values()
    t, k = np.meshgrid(np.linspace(0, 1, 401), np.linspace(0, v["kursk_held"], 41), indexing="ij")
    d = kursk_by_hand(v)
    best_u, best_product = -np.inf, -np.inf
    for s in (0.0, 0.2, 0.45, 0.7, 1.0):
        left = (v["kursk_held"] - k) / v["kursk_peak"]
        u1 = (
            v["territory_weight_ukraine"] * np.sqrt(t)
            + v["security_weight_ukraine"] * s
            + v["kursk_weight_ukraine"] * left
        )
        u2 = (
            -v["territory_weight_russia"] * t
            - v["security_weight_russia"] * s**2
            - v["kursk_weight_russia"] * left
        )
        ok = u2 >= d[1]
        best_u = max(best_u, float(u1[ok].max(initial=-np.inf)))
        gains = np.where((u1 > d[0]) & ok, (u1 - d[0]) * (u2 - d[1]), -np.inf)
        best_product = max(best_product, float(gains.max()))
    return {"ideal_ukraine": best_u, "nash_product": best_product}


def test_kalai_smorodinsky_1975_lotteries() -> None:
    """The convex hull of (0,0), (1,0), (0,1), (1,0.7): Nash (1, 0.7), KS u1 = u2 = 1/1.3 (KS 1975)."""
    fig = plot_utility_space(load(ROOT / "games" / "kalai_smorodinsky_1975.json"))
    found = marks(fig)
    assert found["solution:nash"][0] == pytest.approx((1.0, 0.7), abs=1e-6)
    assert found["solution:ks"][0] == pytest.approx((1 / 1.3, 1 / 1.3), abs=1e-6)
    shaded = [p for p in fig.axes[0].patches if (p.get_gid() or "").startswith("piece:")]
    assert len(shaded) == 1
    corners = {tuple(np.round(v, 9)) for v in shaded[0].get_xy()}
    assert corners == {(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 0.7)}


def test_compact_figure_has_the_same_marks_and_shorter_labels() -> None:
    solutions = solve_all(KURSK)
    full = plot_utility_space(KURSK, solutions, per_piece=100)
    compact = plot_utility_space(KURSK, solutions, per_piece=100, agreements=False)
    for gid in ("solution:nash", "solution:ks", "disagreement", "ideal"):
        assert marks(compact)[gid] == pytest.approx(marks(full)[gid])
    labels = [t.get_text() for legend in compact.legends for t in legend.get_texts()]
    assert "Nash" in labels and not any("territory" in label for label in labels)
    assert any(
        "territory returned 0.113" in t.get_text() for legend in full.legends for t in legend.get_texts()
    )


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png"])
def test_written_in_each_format(tmp_path: Any, suffix: str) -> None:
    target = tmp_path / f"kursk{suffix}"
    write(plot_utility_space(KURSK, per_piece=100), target)
    assert target.stat().st_size > 5000


def test_samples_are_reused() -> None:
    assert sample_utilities(KURSK, 100) is sample_utilities(KURSK, 100)
    assert sample_utilities(KURSK.with_parameters(kursk_held=10), 100) is not sample_utilities(KURSK, 100)


points = st.lists(st.tuples(st.integers(-20, 20), st.integers(-20, 20)), min_size=1, max_size=80).map(
    lambda p: np.array(p, float)
)


@given(points)
@settings(max_examples=60, deadline=None)
def test_pareto_mask_is_brute_force(pts: np.ndarray) -> None:
    dominated = [any(np.all(q >= p) and np.any(q > p) for q in pts) for p in pts]
    # duplicates: exactly one copy of a non-dominated point is kept
    kept = pts[pareto_mask(pts)]
    assert {tuple(p) for p in kept} == {tuple(p) for p, dom in zip(pts, dominated, strict=True) if not dom}
    assert len(kept) == len({tuple(p) for p in kept})


@given(points)
@settings(max_examples=60, deadline=None)
def test_convex_hull_contains_every_point_and_is_convex(pts: np.ndarray) -> None:
    hull = convex_hull(pts)
    assert {tuple(v) for v in hull} <= {tuple(p) for p in pts}
    if len(hull) < 3:
        return
    nxt = np.roll(hull, -1, axis=0)
    for a, b in zip(hull, nxt, strict=True):
        cross = (b[0] - a[0]) * (pts[:, 1] - a[1]) - (b[1] - a[1]) * (pts[:, 0] - a[0])
        assert np.all(cross >= -1e-9)
