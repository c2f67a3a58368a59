r"""The feasible set in utility space, sampled: what the utility-space figure draws (no matplotlib).

An issue-space problem's feasible set :math:`S = \{u(x)\}` is a union of
pieces, one per combination of levels of its discrete issues. Each piece is
sampled on a grid of its continuous issues (the bounds included, so a linear
problem's vertices are among the samples), the utilities evaluated with numpy
in one call per party, and points that break a constraint dropped.

Each piece is shaded as the convex hull of its samples. With concave
utilities over a convex box (what the solvers assume) every point of that hull
is weakly dominated by an agreement of the piece, :math:`\lambda u(x) + (1 -
\lambda) u(y) \le u(\lambda x + (1 - \lambda) y)`, so the hull's upper-right
boundary is the piece's Pareto frontier, approximated from inside to the
grid's resolution. The frontier of the whole set is the non-dominated part of
the pieces' boundaries (with ``lotteries``, of the hull of all of them).

A :class:`~bargaining.model.utility_space.Frontier` is drawn exactly as its
definition :math:`\{a \le u_1 \le b,\ u_2 \le f(u_1)\}`; a
:class:`~bargaining.model.utility_space.UtilitySet` is its points (and their
hull with lotteries).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.model.issue_space import BargainingProblem
from bargaining.model.utility_space import Frontier, UtilitySet

__all__ = ["Piece", "UtilitySamples", "convex_hull", "dominated_by", "pareto_mask", "sample_utilities"]

#: Samples per piece by default (a 40 x 40 grid for two continuous issues).
PER_PIECE = 1600
#: Samples in all, over every piece (more pieces: a coarser grid each).
TOTAL = 12000
_CACHE: OrderedDict[Any, UtilitySamples] = OrderedDict()
_CACHE_SIZE = 64
_LOCK = threading.Lock()  # a server may draw from several threads


@dataclass(frozen=True, slots=True)
class Piece:
    """One convex piece of the feasible set.

    Attributes
    ----------
    label
        The discrete levels that make it (``"security = none"``), ``""`` if one piece.
    points
        ``(m, n)`` sampled utility vectors (``m`` may be 0: no sample is feasible).
    hull
        ``(k, 2)`` the shaded polygon, counter-clockwise (two parties only).
    """

    label: str
    points: np.ndarray
    hull: np.ndarray


@dataclass(frozen=True, slots=True)
class UtilitySamples:
    """The sampled feasible set of a model.

    Attributes
    ----------
    parties
        The parties' names.
    pieces
        The pieces, in the order of the discrete levels.
    frontier
        Runs of the Pareto frontier, each ``(k, 2)`` sorted by the first party's
        utility (two parties only; a run per stretch of one piece).
    discrete
        Whether the feasible set is the finite set of points itself (a utility
        set without lotteries): nothing between the points is feasible.
    note
        What the sampling could not do (e.g. equality constraints), or ``""``.
    """

    parties: tuple[str, ...]
    pieces: tuple[Piece, ...]
    frontier: tuple[np.ndarray, ...]
    discrete: bool = False
    note: str = ""

    @property
    def points(self) -> np.ndarray:
        """Every sample, ``(m, n)``."""
        n = len(self.parties)
        parts = [p.points for p in self.pieces if len(p.points)]
        return np.vstack(parts) if parts else np.empty((0, n))


def sample_utilities(model: Any, per_piece: int = PER_PIECE) -> UtilitySamples:
    """The sampled feasible set of an issue-space problem, a frontier or a utility set.

    Cached by the model's structure and parameter values, so redrawing the same
    problem (a slider moved back) costs nothing.

    Parameters
    ----------
    model
        A :class:`BargainingProblem`, :class:`Frontier` or :class:`UtilitySet`.
    per_piece
        Samples per piece (at most; fewer when there are many pieces).
    """
    key = _key(model, per_piece)
    with _LOCK:
        if key is not None and key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    if isinstance(model, Frontier):
        samples = _frontier_samples(model, max(50, per_piece // 4))
    elif isinstance(model, UtilitySet):
        samples = _set_samples(model)
    elif isinstance(model, BargainingProblem):
        samples = _problem_samples(model, per_piece)
    else:
        raise TypeError(f"cannot sample the feasible set of a {type(model).__name__}")
    if key is not None:
        with _LOCK:
            _CACHE[key] = samples
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    return samples


def _key(model: Any, per_piece: int) -> Any:
    if isinstance(model, BargainingProblem):
        return ("problem", model.structure_key(), tuple(model.parameter_values().items()), per_piece)
    if isinstance(model, Frontier):
        return (
            "frontier",
            str(model.frontier),
            tuple(str(x) for x in (*model.domain, *model.disagreement_point)),
            model.parties,
            tuple(model.parameter_values().items()),
            per_piece,
        )
    return None


def _problem_samples(problem: BargainingProblem, per_piece: int) -> UtilitySamples:
    values = problem.parameter_values()
    combos = list(problem.level_combinations())
    budget = max(4, min(per_piece, TOTAL // max(1, len(combos))))
    grid = _issue_grid(problem, values, budget)
    utilities = [p.utility.tree for p in problem.parties]
    constraints = [(c.comparison.body.tree, c.comparison.equality) for c in problem.constraints]
    pieces = []
    for combo in combos:
        scope: dict[str, Any] = {**values, **grid, **{k: lv.value for k, lv in combo.items()}}
        size = len(next(iter(grid.values()))) if grid else 1
        with np.errstate(all="ignore"):
            u = np.column_stack(
                [np.broadcast_to(np.asarray(f.evaluate(scope), float), (size,)) for f in utilities]
            )
            ok = np.all(np.isfinite(u), axis=1)
            for body, equality in constraints:
                g = np.broadcast_to(np.asarray(body.evaluate(scope), float), (size,))
                scale = 1e-9 * max(1.0, float(np.nanmax(np.abs(g))) if g.size else 1.0)
                ok &= (np.abs(g) <= scale) if equality else (g <= scale)
        points = u[ok]
        label = ", ".join(f"{k} = {lv.name}" for k, lv in combo.items())
        pieces.append(Piece(label, points, _hull2(points)))
    note = ""
    if constraints and any(eq for _, eq in constraints):
        note = "equality constraints: the grid samples few agreements; the shaded set may be incomplete"
    if not any(len(p.points) for p in pieces):
        note = "no sampled agreement satisfies the constraints; the feasible set is not drawn"
    if problem.lotteries:
        everything = np.vstack([p.points for p in pieces])
        pieces = [
            Piece(
                "lotteries over " + (", ".join(d.name for d in problem.discrete_issues) or "agreements"),
                everything,
                _hull2(everything),
            )
        ]
    return UtilitySamples(problem.party_names, tuple(pieces), _frontier_runs(pieces), note=note)


def _issue_grid(
    problem: BargainingProblem, values: Mapping[str, float], budget: int
) -> dict[str, np.ndarray]:
    """Each continuous issue's value at every sample (flattened): a grid, the bounds included.

    With so many issues that even two values each exceed the budget (more than
    about 11), a fixed-seed random sample instead: half corners of the box
    (where a linear problem's frontier lies), half points inside it.
    """
    issues = problem.continuous_issues
    if not issues:
        return {}
    bounds = np.array([[float(x.lower.evaluate(values)), float(x.upper.evaluate(values))] for x in issues])
    per_axis = max(2, int(np.floor(budget ** (1.0 / len(issues)) + 1e-9)))
    if per_axis ** len(issues) > 2 * budget:
        rng = np.random.default_rng(0)
        unit = np.vstack(
            [rng.integers(0, 2, (budget // 2, len(issues))), rng.random((budget - budget // 2, len(issues)))]
        )
        sample = bounds[:, 0] + unit * (bounds[:, 1] - bounds[:, 0])
        return {x.name: sample[:, k] for k, x in enumerate(issues)}
    axes = [np.linspace(low, high, per_axis) for low, high in bounds]
    mesh = np.meshgrid(*axes, indexing="ij")
    return {issue.name: m.ravel() for issue, m in zip(issues, mesh, strict=True)}


def _frontier_samples(model: Frontier, count: int) -> UtilitySamples:
    values = model.parameter_values()
    first = model.parties[0]
    low, high = (float(b.evaluate(values)) for b in model.domain)
    u1 = np.linspace(low, high, count)
    with np.errstate(all="ignore"):
        u2 = np.broadcast_to(np.asarray(model.formula.tree.evaluate({**values, first: u1}), float), u1.shape)
    ok = np.isfinite(u2)
    curve = np.column_stack([u1[ok], u2[ok]])
    d2 = float(model.disagreement_point[1].evaluate(values))
    span = float(np.ptp(curve[:, 1])) if len(curve) else 1.0
    floor = min(d2, float(curve[:, 1].min()) if len(curve) else d2) - 0.08 * max(span, 1e-9)
    region = np.vstack([[curve[0, 0], floor], curve, [curve[-1, 0], floor]]) if len(curve) else curve
    piece = Piece("", curve, region)
    mask = pareto_mask(curve)
    return UtilitySamples(model.party_names, (piece,), (curve[mask],))


def _set_samples(model: UtilitySet) -> UtilitySamples:
    points = np.asarray(model.points, float)
    two = points.shape[1] == 2
    if model.lotteries:
        piece = Piece("lotteries over the outcomes", points, _hull2(points))
        return UtilitySamples(model.party_names, (piece,), _frontier_runs([piece]) if two else ())
    piece = Piece("outcomes", points, np.empty((0, 2)))
    front = points[pareto_mask(points)] if two else np.empty((0, 2))
    return UtilitySamples(
        model.party_names, (piece,), (front[np.argsort(front[:, 0])],) if two else (), discrete=True
    )


def _hull2(points: np.ndarray) -> np.ndarray:
    return (
        convex_hull(points) if points.ndim == 2 and points.shape[1] == 2 and len(points) else np.empty((0, 2))
    )


def convex_hull(points: np.ndarray) -> np.ndarray:
    """The convex hull of 2-D points, counter-clockwise (Andrew's monotone chain).

    Degenerate sets give fewer vertices: one point, or the two ends of a segment.
    """
    pts = np.unique(np.round(np.asarray(points, float), 12), axis=0)
    if len(pts) <= 2:
        return pts
    pts = _extremes(pts)
    span = float(np.ptp(pts, axis=0).max())
    tol = 1e-10 * span * span  # collinear up to rounding: not a corner

    def chain(sequence: Sequence[np.ndarray]) -> list[np.ndarray]:
        out: list[np.ndarray] = []
        for p in sequence:
            while len(out) >= 2 and _cross(out[-2], out[-1], p) <= tol:
                out.pop()
            out.append(p)
        return out

    lower = chain(list(pts))
    upper = chain(list(pts[::-1]))
    hull = lower[:-1] + upper[:-1]
    return np.array(hull if len(hull) > 2 else [pts[0], pts[-1]])


def _extremes(pts: np.ndarray) -> np.ndarray:
    """Drop the points strictly inside the hull of a few extreme points (so the Python loop is short)."""
    if len(pts) < 64:
        return pts
    directions = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    normals = np.column_stack([np.cos(directions), np.sin(directions)])
    octagon = np.unique(pts[np.argmax(pts @ normals.T, axis=0)], axis=0)
    if len(octagon) < 3:
        return pts
    hull = convex_hull(octagon)
    edges = np.roll(hull, -1, axis=0) - hull
    rel = pts[:, None, :] - hull[None, :, :]
    cross = edges[None, :, 0] * rel[:, :, 1] - edges[None, :, 1] * rel[:, :, 0]
    scale = 1e-9 * max(1.0, float(np.abs(pts).max()))
    inside = np.all(cross > scale, axis=1)
    return pts[~inside]


def _cross(o: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    return float((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]))


def pareto_mask(points: np.ndarray) -> np.ndarray:
    """Which 2-D points no other point weakly dominates with one strict gain (the Pareto set)."""
    pts = np.asarray(points, float)
    if not len(pts):
        return np.zeros(0, bool)
    order = np.lexsort((-pts[:, 1], -pts[:, 0]))
    u2 = pts[order, 1]
    best = np.concatenate([[-np.inf], np.maximum.accumulate(u2)[:-1]])
    keep = np.zeros(len(pts), bool)
    keep[order] = u2 > best
    return keep


def _frontier_runs(pieces: Sequence[Piece]) -> tuple[np.ndarray, ...]:
    """The non-dominated part of the pieces' boundaries, as runs of one piece each.

    Points along every edge are filtered twice: against each other
    (:func:`pareto_mask`), then exactly against every piece's polygon
    (:func:`dominated_by`), so that no drawn point lies below a shaded one.
    """
    hulls = [piece.hull for piece in pieces if len(piece.hull)]
    if not hulls:
        return ()
    span = float(np.ptp(np.vstack(hulls), axis=0).max()) or 1.0
    boundary, owner = [], []
    for k, hull in enumerate(hulls):
        dense = _densify(hull, span / 400)
        boundary.append(dense)
        owner.append(np.full(len(dense), k))
    pts, who = np.vstack(boundary), np.concatenate(owner)
    keep = pareto_mask(pts)
    pts, who = pts[keep], who[keep]
    keep = ~dominated_by(pts, hulls, 1e-9 * max(1.0, float(np.abs(pts).max())))
    pts, who = pts[keep], who[keep]
    order = np.argsort(pts[:, 0], kind="stable")
    pts, who = pts[order], who[order]
    breaks = np.flatnonzero(np.diff(who)) + 1
    return tuple(run for run in np.split(pts, breaks) if len(run))


def dominated_by(points: np.ndarray, polygons: Sequence[np.ndarray], tol: float) -> np.ndarray:
    r"""Which points some point of a convex polygon beats by more than ``tol`` for both parties.

    :math:`g(u) = \max_{v \in P} \min(v_1 - u_1, v_2 - u_2)` is attained at a vertex
    or where an edge crosses the diagonal through :math:`u`; ``u`` is dominated if
    :math:`g(u) > tol` for some polygon.
    """
    out = np.zeros(len(points), bool)
    u = points[:, None, :]
    for polygon in polygons:
        a = polygon[None, :, :]
        d = (np.roll(polygon, -1, axis=0) - polygon)[None, :, :]
        gap = a - u  # (m, E, 2): v - u at the edge's start
        best = np.minimum(gap[..., 0], gap[..., 1])
        best = np.maximum(best, np.minimum(gap[..., 0] + d[..., 0], gap[..., 1] + d[..., 1]))
        slope = d[..., 0] - d[..., 1]
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(slope != 0, (gap[..., 1] - gap[..., 0]) / slope, -1.0)
        inside = (t > 0) & (t < 1)
        cross = np.where(inside, gap[..., 0] + np.clip(t, 0, 1) * d[..., 0], -np.inf)
        out |= np.max(np.maximum(best, cross), axis=1) > tol
    return out


def _densify(polygon: np.ndarray, spacing: float) -> np.ndarray:
    """Points along a closed polygon's edges, at most ``spacing`` apart (its vertices included)."""
    if len(polygon) <= 1:
        return polygon
    nxt = np.roll(polygon, -1, axis=0)
    length = np.hypot(*(nxt - polygon).T)
    parts = [
        a
        + np.linspace(0.0, 1.0, int(np.clip(np.ceil(n / spacing), 1, 400)), endpoint=False)[:, None] * (b - a)
        for a, b, n in zip(polygon, nxt, length, strict=True)
    ]
    return np.vstack(parts)
