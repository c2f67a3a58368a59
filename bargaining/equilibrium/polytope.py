r"""Best-response polytopes of a bimatrix game, their vertices and labels.

For a bimatrix game :math:`(A, B)` with :math:`m \times n` payoff matrices,
made positive by a positive affine map of each player's payoffs (which changes
no best response), the best-response polytopes are (von Stengel 2007, sec. 3.3)

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

A point of :math:`P` has *label* :math:`i \in \{0..m-1\}` if :math:`x_i = 0`
and label :math:`m + j` if :math:`(B^\top x)_j = 1` (column :math:`j` is a best
response to :math:`x`); a point of :math:`Q` has label :math:`i` if
:math:`(A y)_i = 1` and :math:`m + j` if :math:`y_j = 0`. A pair
:math:`(x, y) \ne (0, 0)` is *completely labelled* (every label in
:math:`\{0..m+n-1\}` is a label of :math:`x` or of :math:`y`) exactly when
:math:`(x / 1^\top x,\ y / 1^\top y)` is a Nash equilibrium; the extreme
equilibria are the completely labelled pairs of *vertices* (von Stengel 2007,
Theorem 3.4 and sec. 3.5; Avis, Rosenberg, Savani and von Stengel 2010).

Both polytopes are instances of :math:`\{x \ge 0 : M^\top x \le 1\}` with
:math:`M = B` and :math:`M = A^\top`. This module enumerates their vertices two
independent ways:

* :func:`hull_vertices`: by polarity. With :math:`c` interior, the vertices of
  :math:`\{a_k^\top x \le b_k\}` are :math:`c + z` for the facets
  :math:`\{p : p^\top z = 1\}` of the convex hull of the points
  :math:`p_k = a_k / (b_k - a_k^\top c)`, computed with Qhull
  (:class:`scipy.spatial.ConvexHull`). Output-sensitive and fast.
* :func:`basis_vertices`: by supports. Every vertex :math:`x \ne 0` with
  support :math:`I` solves :math:`M_{IJ}^\top x_I = 1` for a set :math:`J` of
  :math:`|J| = |I|` best responses with :math:`M_{IJ}` non-singular; all
  :math:`\binom{m+n}{m}` square subsystems are solved in batches. Slower,
  but with no geometry code at all, and correct on degenerate games (where
  :math:`|J|` best responses may outnumber the support).

Labels of each vertex are computed from its coordinates (all tight
constraints, not only those of one basis), so degenerate vertices carry all
their labels; vertices are identified by their label sets.

References
----------
B. von Stengel, "Equilibrium computation for two-player games in strategic and
extensive form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*,
Cambridge University Press, 2007.

D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash
equilibria for two-player games", *Economic Theory* 42 (2010) 9-37.

C. Audet, P. Hansen, B. Jaumard and G. Savard, "Enumeration of all extreme
equilibria of bimatrix games", *SIAM J. Sci. Comput.* 23 (2001) 323-338.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import comb

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "LABEL_TOL",
    "NEAR_TIE",
    "ROUNDING",
    "PolytopeVertices",
    "basis_vertices",
    "complete_pairs",
    "hull_vertices",
    "labels_of",
    "maximal_bicliques",
    "positive_matrix",
]

#: a constraint counts as tight (a label) within this distance; payoffs are scaled to [1, 2]
LABEL_TOL = 1e-9
#: a label decision on a value this close to its threshold is a near-tie ...
NEAR_TIE = 1e-8
#: ... unless the value is this close, the rounding error of an exact tie
ROUNDING = 1e-12

#: largest batch of square subsystems solved at once by basis_vertices
_BATCH = 50_000


def positive_matrix(payoffs: NDArray[np.float64]) -> NDArray[np.float64]:
    r"""The positive affine image :math:`(M - \min M) / (\max M - \min M) + 1`, with entries in [1, 2].

    Best responses, and so labels and equilibria, do not change under a
    positive affine map of a player's payoffs; the scaling keeps the
    polytope well conditioned whatever the payoff units.
    """
    low, high = float(payoffs.min()), float(payoffs.max())
    spread = high - low if high > low else 1.0
    result: NDArray[np.float64] = (payoffs - low) / spread + 1.0
    return result


@dataclass(frozen=True, slots=True, eq=False)
class PolytopeVertices:
    r"""The vertices :math:`x \ne 0` of :math:`\{x \in \mathbb{R}^d : x \ge 0,\ M^\top x \le 1\}`.

    Attributes
    ----------
    points
        Vertex coordinates, shape ``(V, d)``.
    zero
        ``zero[v, i]``: :math:`x_i = 0` at vertex ``v``, shape ``(V, d)``.
    tight
        ``tight[v, j]``: :math:`(M^\top x)_j = 1` at vertex ``v``, shape ``(V, c)``.
    bases
        For each vertex, ``d`` linearly independent tight constraints
        (``k < d``: :math:`x_k = 0`; ``k >= d``: column ``k - d`` tight), shape ``(V, d)``.
    near_tie
        Whether some label or feasibility decision was made on a value within
        :data:`NEAR_TIE` of its threshold but beyond :data:`ROUNDING` (a
        coordinate, a slack or a violation): then vertices closer than the
        tolerance may have merged, or a label may be wrong.
    """

    points: NDArray[np.float64]
    zero: NDArray[np.bool_]
    tight: NDArray[np.bool_]
    bases: NDArray[np.intp]
    near_tie: bool = False

    @property
    def dimension(self) -> int:
        """The dimension ``d`` of the polytope."""
        return int(self.points.shape[1])

    @property
    def degenerate(self) -> bool:
        """Whether some vertex has more than ``d`` tight constraints (the polytope is not simple)."""
        counts = self.zero.sum(axis=1) + self.tight.sum(axis=1)
        return bool(np.any(counts > self.dimension))

    def __len__(self) -> int:
        return int(self.points.shape[0])


def labels_of(
    matrix: NDArray[np.float64], points: NDArray[np.float64], tol: float = LABEL_TOL
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """The zero and tight masks of ``points`` in ``{x >= 0, matrix^T x <= 1}``."""
    return points <= tol, points @ matrix >= 1.0 - tol


def _unique_vertices(
    matrix: NDArray[np.float64],
    points: NDArray[np.float64],
    bases: NDArray[np.intp],
    tol: float,
    check_rank: bool = False,
) -> PolytopeVertices:
    """Drop the origin and infeasible points, label the rest and keep one point per label set.

    With ``check_rank``, also drop points whose tight constraints have rank
    below ``d`` (points inside an edge or face, which a nearly singular
    subsystem can produce in floating point).
    """
    d = matrix.shape[0]
    values = points @ matrix
    violation = np.maximum(-points.min(axis=1, initial=0.0), values.max(axis=1, initial=0.0) - 1.0)
    near = bool(np.any((violation > ROUNDING) & (violation < NEAR_TIE)))
    feasible = (points >= -tol).all(axis=1) & (values <= 1.0 + tol).all(axis=1)
    feasible &= points.max(axis=1, initial=0.0) > tol
    points, bases, values = points[feasible], bases[feasible], values[feasible]
    margins = np.abs(np.concatenate([points, 1.0 - values], axis=1))
    near |= bool(np.any((margins > ROUNDING) & (margins < NEAR_TIE)))
    zero, tight = points <= tol, values >= 1.0 - tol
    labels = np.concatenate([zero, tight], axis=1)
    if labels.shape[1] <= 63:
        keys = labels.astype(np.int64) @ np.left_shift(
            np.int64(1), np.arange(labels.shape[1], dtype=np.int64)
        )
        _, first = np.unique(keys, return_index=True)
    else:
        _, first = np.unique(np.packbits(labels, axis=1), axis=0, return_index=True)
    first.sort()
    if check_rank and len(first):
        constraints = np.concatenate([np.eye(d), matrix.T])  # row k: the normal of constraint k
        labels = np.concatenate([zero[first], tight[first]], axis=1)
        ranks = np.linalg.matrix_rank(labels[:, :, None] * constraints[None, :, :])
        first = first[ranks == d]
    points = np.where(zero[first], 0.0, points[first])
    return PolytopeVertices(points, zero[first], tight[first], bases[first].reshape(-1, d), near)


def hull_vertices(matrix: NDArray[np.float64], tol: float = LABEL_TOL) -> PolytopeVertices:
    r"""Vertices of :math:`\{x \ge 0,\ M^\top x \le 1\}` by polarity and Qhull.

    Parameters
    ----------
    matrix
        :math:`M`, shape ``(d, c)``, entries positive (use :func:`positive_matrix`).
    tol
        Tolerance for labels.

    Notes
    -----
    With :math:`c = t \mathbf{1}`, :math:`t = 1 / (2 \max_j \sum_i M_{ij})`,
    in the interior, the constraints :math:`a_k^\top x \le b_k` (:math:`-e_i`,
    :math:`0` and :math:`M_{\cdot j}`, :math:`1`) become the points
    :math:`p_k = a_k / (b_k - a_k^\top c)`; each facet
    :math:`\nu^\top p + \omega = 0` of their convex hull is the vertex
    :math:`x = c - \nu / \omega` of the polytope. Qhull triangulates
    non-simplicial facets (degenerate vertices), so a vertex may come from
    several facets; duplicates are removed by label set. Falls back to
    :func:`basis_vertices` when the dimension is below 2 or Qhull fails.
    """
    from scipy.spatial import ConvexHull, QhullError

    d, c = matrix.shape
    if d < 2:
        return basis_vertices(matrix, tol)
    center = np.full(d, 0.5 / float(matrix.sum(axis=0).max()))
    normals = np.concatenate([-np.eye(d), matrix.T])
    rhs = np.concatenate([np.zeros(d), np.ones(c)])
    polar = normals / (rhs - normals @ center)[:, None]
    try:
        hull = ConvexHull(polar)
    except QhullError:
        try:
            hull = ConvexHull(polar, qhull_options="QJ")
        except QhullError:
            return basis_vertices(matrix, tol)
    equations = hull.equations
    points = center + equations[:, :d] / (-equations[:, d])[:, None]
    return _unique_vertices(matrix, points, np.asarray(hull.simplices, dtype=np.intp), tol)


def basis_vertices(matrix: NDArray[np.float64], tol: float = LABEL_TOL) -> PolytopeVertices:
    r"""Vertices of :math:`\{x \ge 0,\ M^\top x \le 1\}` by solving every square subsystem.

    For every support :math:`I` and every set :math:`J` of :math:`|I|`
    columns, solve :math:`M_{IJ}^\top x_I = \mathbf{1}` (in batches with
    :func:`numpy.linalg.solve`, skipping singular :math:`M_{IJ}`) and keep the
    feasible solutions. There are :math:`\binom{d+c}{d}` subsystems.
    """
    d, c = matrix.shape
    found_points: list[NDArray[np.float64]] = []
    found_bases: list[NDArray[np.intp]] = []
    for size in range(1, min(d, c) + 1):
        rows = np.array(list(combinations(range(d), size)), dtype=np.intp)
        cols = np.array(list(combinations(range(c), size)), dtype=np.intp)
        step = max(1, _BATCH // len(cols))
        for start in range(0, len(rows), step):
            block = rows[start : start + step]
            row_idx = np.repeat(block, len(cols), axis=0)  # (K, size)
            col_idx = np.tile(cols, (len(block), 1))  # (K, size)
            systems = matrix[row_idx[:, None, :], col_idx[:, :, None]]  # M_{IJ}^T: [k, a, b] = M[I_b, J_a]
            sign, _ = np.linalg.slogdet(systems)
            ok = sign != 0
            if not ok.any():
                continue
            solutions = np.linalg.solve(systems[ok], np.ones((int(ok.sum()), size, 1)))[..., 0]
            points = np.zeros((len(solutions), d))
            np.put_along_axis(points, row_idx[ok], solutions, axis=1)
            zero_rows = np.ones((len(solutions), d), dtype=bool)
            np.put_along_axis(zero_rows, row_idx[ok], False, axis=1)
            basis = np.concatenate(
                [np.nonzero(zero_rows)[1].reshape(len(solutions), d - size), d + col_idx[ok]], axis=1
            )
            found_points.append(points)
            found_bases.append(basis.astype(np.intp))
    if not found_points:
        return PolytopeVertices(
            np.zeros((0, d)), np.zeros((0, d), bool), np.zeros((0, c), bool), np.zeros((0, d), np.intp)
        )
    return _unique_vertices(
        matrix, np.concatenate(found_points), np.concatenate(found_bases), tol, check_rank=True
    )


def count_bases(d: int, c: int) -> int:
    """The number of square subsystems :func:`basis_vertices` solves, :math:`\\binom{d+c}{d} - 1`."""
    return comb(d + c, d) - 1


def complete_pairs(
    labels_p: NDArray[np.bool_], labels_q: NDArray[np.bool_], dim_p: int, dim_q: int, chunk: int = 2048
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Index pairs ``(a, b)`` with ``labels_p[a] | labels_q[b]`` all true (completely labelled).

    ``dim_p + dim_q`` is the number of labels. A *simple* vertex has exactly
    its polytope's dimension of labels; two simple vertices are completely
    labelled exactly when their label sets are complements, so those pairs
    are found by sorting the packed label sets and binary search. Pairs with
    a degenerate vertex (more labels) are tested exhaustively, in chunks.
    """
    n_labels = labels_p.shape[1]
    if len(labels_p) == 0 or len(labels_q) == 0:
        return np.zeros(0, np.intp), np.zeros(0, np.intp)
    if n_labels > 63:
        missing = (~labels_p).astype(np.float64) @ (~labels_q).astype(np.float64).T
        a, b = np.nonzero(missing == 0)
        return a.astype(np.intp), b.astype(np.intp)
    weights = np.left_shift(np.int64(1), np.arange(n_labels, dtype=np.int64))
    keys_p = labels_p.astype(np.int64) @ weights
    keys_q = labels_q.astype(np.int64) @ weights
    full = np.int64((1 << n_labels) - 1)
    simple_p = np.flatnonzero(labels_p.sum(axis=1) == dim_p)
    simple_q = np.flatnonzero(labels_q.sum(axis=1) == dim_q)
    found_a: list[NDArray[np.intp]] = []
    found_b: list[NDArray[np.intp]] = []
    if len(simple_p) and len(simple_q):
        order = simple_q[np.argsort(keys_q[simple_q], kind="stable")]
        sorted_q = keys_q[order]
        wanted = full ^ keys_p[simple_p]
        pos = np.minimum(np.searchsorted(sorted_q, wanted), len(sorted_q) - 1)
        hit = sorted_q[pos] == wanted
        found_a.append(simple_p[hit].astype(np.intp))
        found_b.append(order[pos[hit]].astype(np.intp))
    other_p = np.flatnonzero(labels_p.sum(axis=1) != dim_p)
    other_q = np.flatnonzero(labels_q.sum(axis=1) != dim_q)
    for rows, cols in ((other_p, np.arange(len(keys_q))), (simple_p, other_q)):
        for start in range(0, len(rows), chunk):
            block = rows[start : start + chunk]
            a, b = np.nonzero((keys_p[block][:, None] | keys_q[cols][None, :]) == full)
            found_a.append(block[a].astype(np.intp))
            found_b.append(cols[b].astype(np.intp))
    if not found_a:
        return np.zeros(0, np.intp), np.zeros(0, np.intp)
    return np.concatenate(found_a), np.concatenate(found_b)


def maximal_bicliques(pairs: list[tuple[int, int]]) -> list[tuple[frozenset[int], frozenset[int]]]:
    r"""The maximal complete bipartite subgraphs of the graph with edges ``pairs``.

    For extreme equilibria :math:`(x_a, y_b)` these are the maximal Nash
    subsets :math:`\mathrm{conv}\{x_a\} \times \mathrm{conv}\{y_b\}` (Audet et
    al. 2001; Winkels 1979). The right-hand sides of maximal bicliques are the
    non-empty intersections of neighbourhoods :math:`N(a)`; each is closed, and
    its left-hand side is every :math:`a` whose neighbourhood contains it.
    """
    neighbours: dict[int, frozenset[int]] = {}
    for a, b in pairs:
        neighbours[a] = neighbours.get(a, frozenset()) | {b}
    family: set[frozenset[int]] = set()
    frontier = set(neighbours.values())
    while frontier:
        family |= frontier
        frontier = {
            right & other for right in frontier for other in neighbours.values() if right & other
        } - family
    cliques = []
    for right in family:
        left = frozenset(a for a, nbrs in neighbours.items() if right <= nbrs)
        cliques.append((left, right))
    cliques.sort(key=lambda clique: (min(clique[0]), min(clique[1]), len(clique[0]), len(clique[1])))
    return cliques


def connected_components(pairs: list[tuple[int, int]]) -> list[set[int]]:
    """The connected components of the bipartite graph ``pairs``, as sets of edge indices."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in pairs:
        root_a, root_b = find(("x", a)), find(("y", b))
        if root_a != root_b:
            parent[root_a] = root_b
    groups: dict[tuple[str, int], set[int]] = {}
    for k, (a, _) in enumerate(pairs):
        groups.setdefault(find(("x", a)), set()).add(k)
    return sorted(groups.values(), key=min)
