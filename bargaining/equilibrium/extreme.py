r"""All extreme equilibria of a two-player game from the vertices of its best-response polytopes.

With :math:`P = \{x \ge 0 : B^\top x \le 1\}` and :math:`Q = \{y \ge 0 : A y \le 1\}`
(payoffs made positive), a point of :math:`P` has label :math:`i` when
:math:`x_i = 0` and :math:`m + j` when :math:`(B^\top x)_j = 1`, and a point of
:math:`Q` label :math:`i` when :math:`(A y)_i = 1` and :math:`m + j` when
:math:`y_j = 0`. The extreme equilibria are the completely labelled pairs of
vertices, :math:`L(x) \cup L(y) = M \cup N`, normalised to sum one
(von Stengel 2007). :func:`extreme_equilibria` takes any vertex enumerator
(:func:`~bargaining.equilibrium.polytope.hull_vertices` or
:func:`~bargaining.equilibrium.polytope.basis_vertices`), matches the pairs,
optionally verifies them in rational arithmetic, and groups them into maximal
Nash subsets and connected components.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from fractions import Fraction
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.bimatrix import ExactProfile, Profile, sorted_pairs
from bargaining.equilibrium.exact import ExactVertex, exact_positive_matrix, exact_vertex
from bargaining.equilibrium.polytope import (
    LABEL_TOL,
    PolytopeVertices,
    basis_vertices,
    complete_pairs,
    connected_components,
    count_bases,
    labels_of,
    maximal_bicliques,
    positive_matrix,
)
from bargaining.equilibrium.results import Equilibrium, EquilibriumSet
from bargaining.games.normal_form import NormalFormGame

__all__ = ["LOOSE_TOL", "VertexEnumerator", "extreme_equilibria"]

#: labels within this distance are candidates for the exact check
LOOSE_TOL = 1e-6

#: basis enumeration is offered as a fallback only below this many subsystems
_MAX_FALLBACK_BASES = 2_000_000

VertexEnumerator = Callable[[NDArray[np.float64], float], PolytopeVertices]
ExactPair = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


class _Candidates(NamedTuple):
    """Completely labelled pairs: vertex indices, profiles, exact profiles (exact mode only)."""

    pairs: list[tuple[int, int]]
    profiles: list[Profile]
    exact_profiles: list[ExactProfile] | None
    degenerate: bool


def extreme_equilibria(
    game: NormalFormGame, enumerate_vertices: VertexEnumerator, method: str, exact: bool
) -> EquilibriumSet:
    """All extreme equilibria: vertices of P and Q, completely labelled pairs, exact check if asked.

    A non-degenerate game has an odd number of equilibria; an even count in
    floating point triggers a recomputation by basis enumeration (when that is
    affordable), or else a warning in ``notes``.
    """
    found = _candidates(game, enumerate_vertices, exact)
    notes: list[str] = []
    if not exact and not found.degenerate and len(found.pairs) % 2 == 0:
        m, n = game.num_strategies
        if enumerate_vertices is not basis_vertices and count_bases(m, n) <= _MAX_FALLBACK_BASES:
            retry = extreme_equilibria(game, basis_vertices, method, exact)
            note = "vertex enumeration found an even number of equilibria; recomputed by support enumeration"
            return dataclasses.replace(retry, complete=True, notes=(note,))
        notes.append(
            f"warning: {len(found.pairs)} equilibria in a non-degenerate game (expected an odd number); "
            "some may be missing because of rounding: try exact=True"
        )
    return _assemble(game, method, found, exact, notes)


def _candidates(game: NormalFormGame, enumerate_vertices: VertexEnumerator, exact: bool) -> _Candidates:
    """The completely labelled vertex pairs, polished (floating point) or recomputed exactly."""
    payoff_a, payoff_b = game.payoff_matrices
    m, n = game.num_strategies
    matrix_p, matrix_q = positive_matrix(payoff_b), positive_matrix(payoff_a.T)
    tol = LOOSE_TOL if exact else LABEL_TOL
    poly_p, poly_q = enumerate_vertices(matrix_p, tol), enumerate_vertices(matrix_q, tol)
    if exact:  # labels were loose; degeneracy is judged at the strict tolerance
        strict_p = np.concatenate(labels_of(matrix_p, poly_p.points), axis=1)
        strict_q = np.concatenate(labels_of(matrix_q, poly_q.points), axis=1)
        degenerate = bool((strict_p.sum(axis=1) > m).any() or (strict_q.sum(axis=1) > n).any())
    else:
        degenerate = poly_p.degenerate or poly_q.degenerate
    index_p, index_q = complete_pairs(_p_labels(poly_p), _q_labels(poly_q), m, n)
    if exact:
        exact_pairs = _exact_pairs(game, poly_p, poly_q, index_p, index_q)
        vertices_x = {key: k for k, key in enumerate(dict.fromkeys(pair[0] for pair in exact_pairs))}
        vertices_y = {key: k for k, key in enumerate(dict.fromkeys(pair[1] for pair in exact_pairs))}
        exact_profiles: list[ExactProfile] = [
            ([v / sum(x) for v in x], [v / sum(y) for v in y]) for x, y in exact_pairs
        ]
        return _Candidates(
            [(vertices_x[x], vertices_y[y]) for x, y in exact_pairs],
            [(np.array([float(v) for v in x]), np.array([float(v) for v in y])) for x, y in exact_profiles],
            exact_profiles,
            degenerate,
        )
    points_x = _polish(matrix_p, poly_p, index_p)
    points_y = _polish(matrix_q, poly_q, index_q)
    points_x /= points_x.sum(axis=1, keepdims=True)
    points_y /= points_y.sum(axis=1, keepdims=True)
    pairs = [(int(a), int(b)) for a, b in zip(index_p, index_q, strict=True)]
    return _Candidates(pairs, list(zip(points_x, points_y, strict=True)), None, degenerate)


def _assemble(
    game: NormalFormGame, method: str, found: _Candidates, exact: bool, notes: list[str]
) -> EquilibriumSet:
    """The equilibria in canonical order, with their maximal Nash subsets and connected components."""
    profiles, exact_profiles = found.profiles, found.exact_profiles
    order = sorted_pairs(profiles)
    equilibria = tuple(
        Equilibrium.from_profile(
            game, profiles[k], exact=exact_profiles[k] if exact_profiles is not None else None
        )
        for k in order
    )
    sorted_indices = [found.pairs[k] for k in order]
    cliques = maximal_bicliques(sorted_indices)
    index_of = {pair: r for r, pair in enumerate(sorted_indices)}
    components = sorted(
        tuple(sorted(index_of[(a, b)] for a in left for b in right)) for left, right in cliques
    )
    connected = [tuple(sorted(component)) for component in connected_components(sorted_indices)]
    return EquilibriumSet(
        game,
        method,
        equilibria,
        exact,
        found.degenerate,
        tuple(components),
        tuple(connected),
        True,
        tuple(notes),
    )


def _q_labels(q: PolytopeVertices) -> NDArray[np.bool_]:
    return np.concatenate([q.tight, q.zero], axis=1)


def _p_labels(p: PolytopeVertices) -> NDArray[np.bool_]:
    return np.concatenate([p.zero, p.tight], axis=1)


def _polish(
    matrix: NDArray[np.float64], poly: PolytopeVertices, indices: NDArray[np.intp]
) -> NDArray[np.float64]:
    """The vertices ``indices`` re-solved from their bases (one batched solve), where that agrees.

    Each basis is ``d`` linearly independent tight constraints, so the
    vertex is the solution of a square system; solving it directly is more
    accurate than the facet equation Qhull returns.
    """
    d = matrix.shape[0]
    points = poly.points[indices]
    if len(indices) == 0:
        return points
    constraints = np.concatenate([np.eye(d), matrix.T])  # row k: normal of constraint k
    rhs = np.concatenate([np.zeros(d), np.ones(matrix.shape[1])])
    bases = poly.bases[indices]
    systems = constraints[bases]  # (k, d, d)
    try:
        solved = np.linalg.solve(systems, rhs[bases][..., None])[..., 0]
    except np.linalg.LinAlgError:
        return points
    good = np.all(np.abs(solved - points) < 1e-7, axis=1)
    polished = np.where(good[:, None], solved, points)
    return np.where(poly.zero[indices], 0.0, polished)


def _exact_pairs(
    game: NormalFormGame,
    poly_p: PolytopeVertices,
    poly_q: PolytopeVertices,
    index_p: NDArray[np.intp],
    index_q: NDArray[np.intp],
) -> list[ExactPair]:
    """The candidate pairs that are completely labelled in rational arithmetic, as exact vertices."""
    rational = game.rational_payoff_array()
    m, n = game.num_strategies
    exact_p = exact_positive_matrix(rational[1])
    exact_q = exact_positive_matrix(rational[0].T)
    cache_p: dict[int, ExactVertex | None] = {}
    cache_q: dict[int, ExactVertex | None] = {}

    def vertex_of(
        cache: dict[int, ExactVertex | None], matrix: list[list[Fraction]], poly: PolytopeVertices, k: int
    ) -> ExactVertex | None:
        if k not in cache:
            found = exact_vertex(matrix, poly.bases[k].tolist())
            if found is None:  # the float basis was wrong; use every (loosely) tight constraint
                constraints = np.flatnonzero(np.concatenate([poly.zero[k], poly.tight[k]])).tolist()
                found = exact_vertex(matrix, constraints)
            cache[k] = found
        return cache[k]

    found: dict[ExactPair, None] = {}
    for a, b in zip(index_p.tolist(), index_q.tolist(), strict=True):
        vx, vy = vertex_of(cache_p, exact_p, poly_p, a), vertex_of(cache_q, exact_q, poly_q, b)
        if vx is None or vy is None:
            continue
        if all(vx.zero[i] or vy.tight[i] for i in range(m)) and all(
            vx.tight[j] or vy.zero[j] for j in range(n)
        ):
            found[(vx.key(), vy.key())] = None
    return list(found)
