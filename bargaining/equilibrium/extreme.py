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
verifies every one (:mod:`.certify`: exactly when the payoffs are rational),
and groups them into maximal Nash subsets and connected components.

In exact mode no floating-point number is involved: both polytopes are
enumerated by :func:`~bargaining.equilibrium.rational_vertices.rational_vertices`
(lexicographic pivoting in integers) and the pairs matched on exact labels,
so the list is complete and every equilibrium exact. Floating point falls
back to the same exact enumeration (for games below
:data:`FALLBACK_VERTICES` vertices) when a candidate fails its exact check, a
label was decided on a near-tie or the parity check fails, and for degenerate
games (below :data:`DEGENERATE_FALLBACK_VERTICES`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.bimatrix import ExactProfile, Profile, sorted_pairs
from bargaining.equilibrium.certify import exact_pair_check, regret_check
from bargaining.equilibrium.polytope import (
    LABEL_TOL,
    PolytopeVertices,
    basis_vertices,
    complete_pairs,
    connected_components,
    count_bases,
    maximal_bicliques,
    positive_matrix,
)
from bargaining.equilibrium.rational_vertices import integer_positive_matrix, rational_vertices
from bargaining.equilibrium.results import Equilibrium, EquilibriumSet
from bargaining.errors import SolverError
from bargaining.games.normal_form import NormalFormGame

__all__ = [
    "DEGENERATE_FALLBACK_VERTICES",
    "FALLBACK_VERTICES",
    "MAX_EXACT_BASES",
    "VertexEnumerator",
    "exact_candidates",
    "extreme_equilibria",
]

#: basis enumeration is offered as a fallback only below this many subsystems
_MAX_FALLBACK_BASES = 2_000_000

#: exact enumeration (``exact=True``) gives up after this many bases per polytope (about a minute)
MAX_EXACT_BASES = 200_000
#: floating point is recomputed exactly after a failed check only if its polytopes have at most
#: this many vertices in all (about a second of exact pivoting)
FALLBACK_VERTICES = 3_000
#: ... and a degenerate game only up to this many (about 0.2 s: degenerate games are common)
DEGENERATE_FALLBACK_VERTICES = 800

VertexEnumerator = Callable[[NDArray[np.float64], float], PolytopeVertices]


class Candidates(NamedTuple):
    """Completely labelled pairs: vertex indices, profiles, exact profiles (if exact), degeneracy.

    ``certain``: found by exact enumeration, so complete and exact whatever ``exact_profiles`` holds;
    ``vertices``: how many vertices the floating-point polytopes have (the cost of recomputing).
    """

    pairs: list[tuple[int, int]]
    profiles: list[Profile]
    exact_profiles: list[ExactProfile] | None
    degenerate: bool
    certain: bool = False
    vertices: int = 0


def extreme_equilibria(
    game: NormalFormGame, enumerate_vertices: VertexEnumerator, method: str, exact: bool
) -> EquilibriumSet:
    """All extreme equilibria: vertices of P and Q and their completely labelled pairs.

    With ``exact``, the vertices are enumerated in rational arithmetic
    (:func:`exact_candidates`), whatever ``enumerate_vertices`` is. In floating
    point every candidate is verified (:func:`_verified`). A non-degenerate
    game has an odd number of equilibria; an even count in floating point
    triggers a recomputation by basis enumeration (when that is affordable),
    or else a warning in ``notes``.
    """
    if exact:
        return _assemble(game, method, exact_candidates(game, MAX_EXACT_BASES), True, [], True)
    found, complete, notes = _verified(game, *_float_candidates(game, enumerate_vertices))
    if complete and not found.certain and not found.degenerate and len(found.pairs) % 2 == 0:
        m, n = game.num_strategies
        reason = f"an even number, {len(found.pairs)}, in a non-degenerate game"
        recomputed = _exact_fallback(game, reason, found.vertices <= FALLBACK_VERTICES)
        if recomputed is not None:
            return _assemble(game, method, recomputed[0], False, recomputed[1], True)
        if enumerate_vertices is not basis_vertices and count_bases(m, n) <= _MAX_FALLBACK_BASES:
            retry = extreme_equilibria(game, basis_vertices, method, exact)
            note = "vertex enumeration found an even number of equilibria; recomputed by support enumeration"
            return dataclasses.replace(retry, notes=(*retry.notes, note))
        notes.append(
            f"warning: {len(found.pairs)} equilibria in a non-degenerate game (expected an odd number); "
            "some may be missing because of rounding: try exact=True"
        )
        complete = False
    return _assemble(game, method, found, False, notes, complete)


def exact_candidates(game: NormalFormGame, max_bases: int | None) -> Candidates:
    """Every completely labelled pair of vertices, from exact enumeration of both polytopes.

    Raises :class:`~bargaining.errors.SolverError` (``status="max_bases"``)
    if a polytope has more than ``max_bases`` lexicographic bases.
    """
    rational = game.rational_payoff_array()
    m, n = game.num_strategies
    try:
        poly_p = rational_vertices(integer_positive_matrix(rational[1]), max_bases)
        poly_q = rational_vertices(integer_positive_matrix(rational[0].T), max_bases)
    except SolverError as error:
        raise SolverError(
            f"{error} (a {m}x{n} game is too large for exact enumeration); drop --exact / exact=True "
            "(floating-point results are verified exactly) or use --method lemke-howson "
            "(Python: method='lemke-howson') for some equilibria",
            status="max_bases",
        ) from error
    labels_p = np.concatenate([poly_p.zero, poly_p.tight], axis=1)
    labels_q = np.concatenate([poly_q.tight, poly_q.zero], axis=1)
    index_p, index_q = complete_pairs(labels_p, labels_q, m, n)
    pairs = [(int(a), int(b)) for a, b in zip(index_p, index_q, strict=True)]
    exact_profiles: list[ExactProfile] = [(poly_p.strategy(a), poly_q.strategy(b)) for a, b in pairs]
    profiles: list[Profile] = [
        (np.array([float(v) for v in x]), np.array([float(v) for v in y])) for x, y in exact_profiles
    ]
    return Candidates(pairs, profiles, exact_profiles, poly_p.degenerate or poly_q.degenerate, True)


def _float_candidates(
    game: NormalFormGame, enumerate_vertices: VertexEnumerator
) -> tuple[Candidates, PolytopeVertices, PolytopeVertices]:
    """The completely labelled vertex pairs in floating point, polished, with the two polytopes."""
    payoff_a, payoff_b = game.payoff_matrices
    m, n = game.num_strategies
    matrix_p, matrix_q = positive_matrix(payoff_b), positive_matrix(payoff_a.T)
    poly_p, poly_q = enumerate_vertices(matrix_p, LABEL_TOL), enumerate_vertices(matrix_q, LABEL_TOL)
    index_p, index_q = complete_pairs(_p_labels(poly_p), _q_labels(poly_q), m, n)
    points_x = _polish(matrix_p, poly_p, index_p)
    points_y = _polish(matrix_q, poly_q, index_q)
    points_x /= points_x.sum(axis=1, keepdims=True)
    points_y /= points_y.sum(axis=1, keepdims=True)
    pairs = [(int(a), int(b)) for a, b in zip(index_p, index_q, strict=True)]
    degenerate = poly_p.degenerate or poly_q.degenerate
    profiles = list(zip(points_x, points_y, strict=True))
    found = Candidates(pairs, profiles, None, degenerate, vertices=len(poly_p) + len(poly_q))
    return found, poly_p, poly_q


def _verified(
    game: NormalFormGame, found: Candidates, poly_p: PolytopeVertices, poly_q: PolytopeVertices
) -> tuple[Candidates, bool, list[str]]:
    """The floating-point candidates that are equilibria, whether the list is complete, and notes.

    Rational payoffs: each candidate is recomputed and checked exactly
    (:func:`~bargaining.equilibrium.certify.exact_pair_check`) and reported
    with the exact values rounded once. Floating-point payoffs: candidates
    must pass :func:`~bargaining.equilibrium.certify.regret_check`. If one
    fails, or a label was decided on a near-tie, everything is recomputed by
    exact enumeration (payoffs as :meth:`NormalFormGame.rational_payoff_array`,
    below :data:`FALLBACK_VERTICES`), and so is a degenerate game (below
    :data:`DEGENERATE_FALLBACK_VERTICES`). What cannot be guaranteed is said:
    ``complete=False`` and a note.
    """
    near_tie = poly_p.near_tie or poly_q.near_tie
    rational = game.exact_payoff_array is not None
    if rational:
        checked = exact_pair_check(game, poly_p, poly_q, found.pairs)
        kept = [k for k, vertices in enumerate(checked) if vertices is not None]
        profiles = [(vx.rounded(), vy.rounded()) for vertices in checked if vertices for vx, vy in [vertices]]
    else:
        kept = [k for k, ok in enumerate(regret_check(game, found.profiles)) if ok]
        profiles = [found.profiles[k] for k in kept]
    failed = len(found.pairs) - len(kept)
    check = "the exact check" if rational else "the regret check (1e-11 of the payoff spread)"
    if failed or near_tie or found.degenerate:
        reason = (
            f"{failed} candidate(s) failed {check}"
            if failed
            else "labels decided on near-ties"
            if near_tie
            else "a degenerate game, whose polytopes Qhull may not resolve"
        )
        budget = FALLBACK_VERTICES if failed or near_tie else DEGENERATE_FALLBACK_VERTICES
        recomputed = _exact_fallback(game, reason, found.vertices <= budget)
        if recomputed is not None:
            return recomputed[0], True, recomputed[1] if failed or near_tie else []
    notes = []
    if failed:
        notes.append(
            f"{failed} floating-point candidate(s) failed {check} and were dropped: some equilibria "
            "may be missing; exact=True enumerates them all"
        )
    if near_tie:
        notes.append(_NEAR_TIE_NOTE + "; exact=True enumerates them all")
    if found.degenerate:
        notes.append(_DEGENERATE_NOTE)
    return found._replace(pairs=[found.pairs[k] for k in kept], profiles=profiles), not notes, notes


def _exact_fallback(
    game: NormalFormGame, reason: str, affordable: bool
) -> tuple[Candidates, list[str]] | None:
    """Exact enumeration in place of a floating-point result that failed a check, if ``affordable``.

    The probabilities are the exact ones rounded once; floating-point payoffs
    are read as decimals (:meth:`NormalFormGame.rational_payoff_array`).
    """
    if not affordable:
        return None
    try:
        exact = exact_candidates(game, 4 * FALLBACK_VERTICES)
    except SolverError:
        return None
    how = (
        "in rational arithmetic"
        if game.exact_payoff_array is not None
        else "exactly, payoffs read as decimals"
    )
    note = f"floating-point vertex enumeration was unreliable ({reason}); recomputed {how}"
    return exact._replace(exact_profiles=None), [note]


_DEGENERATE_NOTE = (
    "the game is degenerate and too large to recompute exactly: floating-point vertex enumeration "
    "may miss vertices of degenerate polytopes, so equilibria may be missing; exact=True enumerates them all"
)
_NEAR_TIE_NOTE = (
    "labels were decided on near-ties (within 1e-8 of the payoff spread): vertices closer than the "
    "floating-point tolerance may have merged, so equilibria may be missing"
)


def _assemble(
    game: NormalFormGame, method: str, found: Candidates, exact: bool, notes: list[str], complete: bool
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
        complete,
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
