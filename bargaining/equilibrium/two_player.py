r"""Nash equilibria of two-player (bimatrix) games.

A bimatrix game has payoff matrices :math:`A` (row player, strategies
:math:`i \in M`, :math:`|M| = m`) and :math:`B` (column player, :math:`j \in N`,
:math:`|N| = n`). A pair of mixed strategies :math:`(x, y)` is a Nash
equilibrium when each is a best response to the other:

.. math:: x^\top A y \ge x'^\top A y \ \ \forall x', \qquad
          x^\top B y \ge x^\top B y' \ \ \forall y'.

The set of equilibria is a finite union of convex polytopes, the *maximal Nash
subsets* :math:`\mathrm{conv}(X) \times \mathrm{conv}(Y)`, whose vertices are
the *extreme equilibria*. In a non-degenerate game every equilibrium is
extreme and isolated, and there is an odd number of them (Shapley 1974).

Methods
-------
=====================  ==============================================================
``vertex``             all extreme equilibria: vertices of the best-response polytopes
                       (Qhull, by polarity), completely labelled pairs matched as
                       bitmasks (:mod:`.polytope`)
``support``            all extreme equilibria: every square support subsystem solved
                       in batches, then the same matching; an independent check of
                       ``vertex``, slower (:math:`\binom{m+n}{m}` systems)
``lemke-howson``       one equilibrium per initial label (:math:`m + n` paths), with
                       lexicographic pivoting (:mod:`.lemke_howson`); for large games
``zero-sum``           value and optimal strategies by linear programming
                       (:mod:`.zero_sum`); constant-sum games only
``pure``               all pure equilibria (mutual best responses)
``nashpy-vertex``,     the same algorithms in nashpy, for comparison (slow; nashpy's
``nashpy-support``,    support enumeration misses equilibria of degenerate games and
``nashpy-lemke-howson``  its Lemke-Howson may cycle on them)
=====================  ==============================================================

With ``exact=True`` every equilibrium is recomputed in rational arithmetic from
the basis that determined it and accepted only if it is an equilibrium exactly
(:mod:`.exact`); the probabilities are then Fractions.

References
----------
B. von Stengel, "Equilibrium computation for two-player games in strategic and
extensive form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*,
Cambridge University Press, 2007.

D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash
equilibria for two-player games", *Economic Theory* 42 (2010) 9-37.

L. S. Shapley, "A note on the Lemke-Howson algorithm", *Mathematical
Programming Study* 1 (1974) 175-189.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.exact import ExactVertex, exact_positive_matrix, exact_vertex, solve_exact
from bargaining.equilibrium.lemke_howson import lemke_howson_path
from bargaining.equilibrium.polytope import (
    LABEL_TOL,
    PolytopeVertices,
    basis_vertices,
    complete_pairs,
    connected_components,
    count_bases,
    hull_vertices,
    labels_of,
    maximal_bicliques,
    positive_matrix,
)
from bargaining.equilibrium.results import Equilibrium, EquilibriumSet
from bargaining.equilibrium.zero_sum import solve_zero_sum
from bargaining.errors import InvalidGameError, SolverError
from bargaining.games.normal_form import NormalFormGame

__all__ = [
    "NASHPY_METHODS",
    "is_degenerate",
    "lemke_howson",
    "nashpy_equilibria",
    "pure_equilibria_2p",
    "support_enumeration",
    "vertex_enumeration",
    "zero_sum_equilibrium",
]

#: labels within this distance are candidates for the exact check
LOOSE_TOL = 1e-6

#: Lemke-Howson paths are re-followed in rational arithmetic only for games up to this many cells
MAX_EXACT_PATH_CELLS = 2_500

#: basis enumeration is offered as a fallback only below this many subsystems
_MAX_FALLBACK_BASES = 2_000_000

NASHPY_METHODS = {
    "nashpy-vertex": "vertex_enumeration",
    "nashpy-support": "support_enumeration",
    "nashpy-lemke-howson": "lemke_howson_enumeration",
}

VertexEnumerator = Callable[[NDArray[np.float64], float], PolytopeVertices]
Profile = tuple[NDArray[np.float64], NDArray[np.float64]]
ExactProfile = tuple[list[Fraction], list[Fraction]]


def _require_two_players(game: NormalFormGame, method: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"expected a NormalFormGame, got {type(game).__name__}")
    if game.num_players != 2:
        raise InvalidGameError(
            f"method {method!r} is for two-player games; this game has {game.num_players} players "
            "(use method='mixed', 'pure' or 'logit')"
        )


# --------------------------------------------------------------------------- polytopes
def _q_constraint(label: int, m: int, n: int) -> int:
    """The index in Q's constraint numbering (``y_k = 0``: k; row tight: n + i) of a label."""
    return n + label if label < m else label - m


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


def _sorted_pairs(profiles: Sequence[Profile]) -> list[int]:
    """Indices of profiles in a canonical order: by the row then the column strategy, descending."""
    return sorted(
        range(len(profiles)),
        key=lambda k: (tuple(-np.round(profiles[k][0], 12)), tuple(-np.round(profiles[k][1], 12))),
    )


def _enumerate(
    game: NormalFormGame, enumerate_vertices: VertexEnumerator, method: str, exact: bool
) -> EquilibriumSet:
    """All extreme equilibria: vertices of P and Q, completely labelled pairs, exact check if asked."""
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
    notes: list[str] = []
    if exact:
        exact_pairs = _exact_pairs(game, poly_p, poly_q, index_p, index_q)
        vertices_x = {key: k for k, key in enumerate(dict.fromkeys(pair[0] for pair in exact_pairs))}
        vertices_y = {key: k for k, key in enumerate(dict.fromkeys(pair[1] for pair in exact_pairs))}
        pairs = [(vertices_x[x], vertices_y[y]) for x, y in exact_pairs]
        exact_profiles: list[ExactProfile] = [
            ([v / sum(x) for v in x], [v / sum(y) for v in y]) for x, y in exact_pairs
        ]
        profiles: list[Profile] = [
            (np.array([float(v) for v in x]), np.array([float(v) for v in y])) for x, y in exact_profiles
        ]
    else:
        points_x = _polish(matrix_p, poly_p, index_p)
        points_y = _polish(matrix_q, poly_q, index_q)
        points_x /= points_x.sum(axis=1, keepdims=True)
        points_y /= points_y.sum(axis=1, keepdims=True)
        pairs = [(int(a), int(b)) for a, b in zip(index_p, index_q, strict=True)]
        profiles = list(zip(points_x, points_y, strict=True))
        exact_profiles = []
        if not degenerate and len(pairs) % 2 == 0:
            if enumerate_vertices is not basis_vertices and count_bases(m, n) <= _MAX_FALLBACK_BASES:
                retry = _enumerate(game, basis_vertices, method, exact)
                note = (
                    "vertex enumeration found an even number of equilibria; recomputed by support enumeration"
                )
                return EquilibriumSet(
                    game,
                    method,
                    retry.equilibria,
                    retry.exact,
                    retry.degenerate,
                    retry.components,
                    retry.connected_components,
                    True,
                    (note,),
                )
            notes.append(
                f"warning: {len(pairs)} equilibria in a non-degenerate game (expected an odd number); "
                "some may be missing because of rounding: try exact=True"
            )
    order = _sorted_pairs(profiles)
    equilibria = tuple(
        Equilibrium.from_profile(game, profiles[k], exact=exact_profiles[k] if exact else None) for k in order
    )
    sorted_pairs = [pairs[k] for k in order]
    cliques = maximal_bicliques(sorted_pairs)
    index_of = {pair: r for r, pair in enumerate(sorted_pairs)}
    components = sorted(
        tuple(sorted(index_of[(a, b)] for a in left for b in right)) for left, right in cliques
    )
    connected = [tuple(sorted(component)) for component in connected_components(sorted_pairs)]
    return EquilibriumSet(
        game, method, equilibria, exact, degenerate, tuple(components), tuple(connected), True, tuple(notes)
    )


def _exact_pairs(
    game: NormalFormGame,
    poly_p: PolytopeVertices,
    poly_q: PolytopeVertices,
    index_p: NDArray[np.intp],
    index_q: NDArray[np.intp],
) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
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

    found: dict[tuple[tuple[Fraction, ...], tuple[Fraction, ...]], None] = {}
    for a, b in zip(index_p.tolist(), index_q.tolist(), strict=True):
        vx, vy = vertex_of(cache_p, exact_p, poly_p, a), vertex_of(cache_q, exact_q, poly_q, b)
        if vx is None or vy is None:
            continue
        if all(vx.zero[i] or vy.tight[i] for i in range(m)) and all(
            vx.tight[j] or vy.zero[j] for j in range(n)
        ):
            found[(vx.key(), vy.key())] = None
    return list(found)


# --------------------------------------------------------------------------- public methods
def vertex_enumeration(game: NormalFormGame, exact: bool = False) -> EquilibriumSet:
    r"""All extreme equilibria of a two-player game by vertex enumeration.

    Enumerates the vertices of the best-response polytopes :math:`P` and
    :math:`Q` with Qhull (by polarity, see
    :func:`~bargaining.equilibrium.polytope.hull_vertices`), labels each by
    all its tight constraints, and keeps the completely labelled pairs
    (:math:`L(x) \cup L(y) = M \cup N`), matched as bitmasks. Degenerate games
    are handled (their vertices carry more than :math:`d` labels), and the
    maximal Nash subsets are reported as :attr:`EquilibriumSet.components`.

    Parameters
    ----------
    game
        A two-player game.
    exact
        Recompute and verify every equilibrium in rational arithmetic.

    Returns
    -------
    EquilibriumSet
        The extreme equilibria, ``complete=True``.

    Notes
    -----
    Completeness is checked: a non-degenerate game has an odd number of
    equilibria; an even count triggers a recomputation by
    :func:`support_enumeration`.

    Examples
    --------
    Battle of the sexes has two pure equilibria and one mixed:

    >>> game = NormalFormGame.from_arrays([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> [eq.describe(0) for eq in vertex_enumeration(game, exact=True)]
    ['s0', '3/5 s0, 2/5 s1', 's1']
    """
    _require_two_players(game, "vertex")
    return _enumerate(game, hull_vertices, "vertex", exact)


def support_enumeration(game: NormalFormGame, exact: bool = False) -> EquilibriumSet:
    r"""All extreme equilibria of a two-player game by enumerating supports.

    For each player and every support :math:`I` of their strategy with a set
    :math:`J` of :math:`|J| = |I|` opponent strategies made indifferent, solve
    :math:`B_{IJ}^\top x_I = \mathbf{1}` (batched :func:`numpy.linalg.solve`,
    :func:`~bargaining.equilibrium.polytope.basis_vertices`); the feasible
    solutions are the vertices of the best-response polytope. Pairs are then
    matched as in :func:`vertex_enumeration`. Because :math:`J` need not be
    the opponent's support, extreme equilibria of degenerate games with
    supports of different sizes are found too (textbook support enumeration,
    and nashpy's, miss them).

    Solves :math:`\binom{m+n}{m}` small systems per player: about 0.7 s at
    10x10 and 12 s at 12x12 (vertex enumeration: milliseconds).
    """
    _require_two_players(game, "support")
    return _enumerate(game, basis_vertices, "support", exact)


def is_degenerate(game: NormalFormGame) -> bool:
    """Whether some mixed strategy with support of size k has more than k pure best responses."""
    _require_two_players(game, "is_degenerate")
    payoff_a, payoff_b = game.payoff_matrices
    poly_p = hull_vertices(positive_matrix(payoff_b))
    poly_q = hull_vertices(positive_matrix(payoff_a.T))
    return poly_p.degenerate or poly_q.degenerate


def _exact_check(
    game: NormalFormGame, nonbasic_p: Sequence[int], nonbasic_q: Sequence[int]
) -> ExactProfile | None:
    """The exact equilibrium with the given bases, if it is one."""
    rational = game.rational_payoff_array()
    m, n = game.num_strategies
    vx = exact_vertex(exact_positive_matrix(rational[1]), list(nonbasic_p))
    vy = exact_vertex(exact_positive_matrix(rational[0].T), [_q_constraint(k, m, n) for k in nonbasic_q])
    if vx is None or vy is None:
        return None
    if not (
        all(vx.zero[i] or vy.tight[i] for i in range(m)) and all(vx.tight[j] or vy.zero[j] for j in range(n))
    ):
        return None
    return [v / sum(vx.point) for v in vx.point], [v / sum(vy.point) for v in vy.point]


def _exact_lemke_howson(game: NormalFormGame, label: int) -> ExactProfile:
    """The end of the Lemke-Howson path from ``label``, followed in rational arithmetic."""
    rational = game.rational_payoff_array()
    exact_a = np.array(exact_positive_matrix(rational[0]), dtype=object)
    exact_b = np.array(exact_positive_matrix(rational[1]), dtype=object)
    path = lemke_howson_path(exact_a, exact_b, label)
    profile = _exact_check(game, path.nonbasic_p, path.nonbasic_q)
    if profile is None:  # pragma: no cover - exact Lemke-Howson always ends at an equilibrium
        raise SolverError(f"exact Lemke-Howson from label {label} did not end at an equilibrium")
    return profile


def lemke_howson(
    game: NormalFormGame,
    initial_labels: Iterable[int] | None = None,
    exact: bool = False,
    stop_after: int | None = None,
    max_pivots: int = 20_000,
) -> EquilibriumSet:
    r"""Equilibria found by Lemke-Howson from each initial label (lexicographic pivoting).

    Parameters
    ----------
    game
        A two-player game with :math:`m \times n` strategies.
    initial_labels
        The labels to drop, in order: :math:`0..m-1` are the row player's
        strategies, :math:`m..m+n-1` the column player's. Default: all
        :math:`m + n`.
    exact
        Verify each end point in rational arithmetic and report Fractions.
        Without it, each end point is checked with :meth:`Equilibrium.is_nash`.
        Either way, a path whose floating-point end fails its check is
        followed again in rational arithmetic (games up to
        :data:`MAX_EXACT_PATH_CELLS` payoff cells; larger ones skip the label).
    stop_after
        Stop once this many distinct equilibria are found (``1``: one
        equilibrium, trying further labels only if a path fails).
    max_pivots
        Pivots allowed per path; a longer path is abandoned (with a note) and
        the next label tried. Path lengths vary widely: on random 200x200
        games, from under a hundred to many thousands of pivots.

    Returns
    -------
    EquilibriumSet
        The distinct equilibria reached (``complete=False``): at least one,
        not necessarily all; abandoned labels are listed in ``notes``.

    Raises
    ------
    SolverError
        If no path ended within ``max_pivots``.

    Examples
    --------
    >>> game = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> lemke_howson(game, initial_labels=[0])[0].describe(0)
    '0.5 s0, 0.5 s1'
    """
    _require_two_players(game, "lemke-howson")
    m, n = game.num_strategies
    labels = list(range(m + n)) if initial_labels is None else [int(k) for k in initial_labels]
    for k in labels:
        if not 0 <= k < m + n:
            raise InvalidGameError(f"initial label {k} is out of range; labels are 0..{m + n - 1}")
    payoff_a, payoff_b = game.payoff_matrices
    positive_a, positive_b = positive_matrix(payoff_a), positive_matrix(payoff_b)
    found: dict[Any, tuple[Profile, ExactProfile | None]] = {}
    notes: list[str] = []
    for label in labels:
        if stop_after is not None and len(found) >= stop_after:
            break
        try:
            path = lemke_howson_path(positive_a, positive_b, label, max_pivots=max_pivots)
        except SolverError:
            notes.append(f"the path from label {label} was abandoned after {max_pivots} pivots")
            continue
        x, y = np.asarray(path.x, dtype=np.float64), np.asarray(path.y, dtype=np.float64)
        profile: Profile = (x / x.sum(), y / y.sum())
        exact_profile: ExactProfile | None = None
        if exact or not Equilibrium.from_profile(game, profile).is_nash(game):
            exact_profile = _exact_check(game, path.nonbasic_p, path.nonbasic_q)
            if exact_profile is None:  # floating point went astray: follow the path again in Fractions
                if m * n > MAX_EXACT_PATH_CELLS:
                    notes.append(f"the path from label {label} lost accuracy and was skipped")
                    continue
                exact_profile = _exact_lemke_howson(game, label)
            profile = (
                np.array([float(v) for v in exact_profile[0]]),
                np.array([float(v) for v in exact_profile[1]]),
            )
            if not exact:
                exact_profile = None
        key: Any = (tuple(np.round(profile[0], 9)), tuple(np.round(profile[1], 9)))
        found.setdefault(key, (profile, exact_profile))
    if not found:
        raise SolverError(
            f"no Lemke-Howson path ended ({'; '.join(notes)}); "
            "try other initial labels or a larger max_pivots",
            status="max_pivots",
        )
    values = list(found.values())
    order = _sorted_pairs([profile for profile, _ in values])
    equilibria = tuple(Equilibrium.from_profile(game, values[k][0], exact=values[k][1]) for k in order)
    return EquilibriumSet(game, "lemke-howson", equilibria, exact=exact, complete=False, notes=tuple(notes))


def zero_sum_equilibrium(game: NormalFormGame, exact: bool = False) -> EquilibriumSet:
    r"""The value and a pair of optimal strategies of a zero-sum (or constant-sum) game, by LP.

    See :mod:`bargaining.equilibrium.zero_sum`. With ``exact=True`` the
    optimal strategies are recomputed in rational arithmetic from the LP's
    supports and checked to guarantee the value exactly.

    Raises
    ------
    InvalidGameError
        If :math:`A + B` is not constant.

    Examples
    --------
    Rock-paper-scissors:

    >>> rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    >>> game = NormalFormGame.from_arrays(rps, [[-v for v in row] for row in rps])
    >>> result = zero_sum_equilibrium(game, exact=True)
    >>> result[0].describe(0), result.notes[0]
    ('1/3 s0, 1/3 s1, 1/3 s2', 'value of the game to player_0: 0')
    """
    _require_two_players(game, "zero-sum")
    payoff_a, _ = game.payoff_matrices
    scale = max(1.0, float(np.abs(game.payoff_array).max()))
    if not game.is_constant_sum(tol=1e-9 * scale):
        raise InvalidGameError(
            "method 'zero-sum' needs a zero-sum (or constant-sum) game, where A + B is the same for every "
            "profile; use method='vertex' for general games"
        )
    solution = solve_zero_sum(payoff_a)
    profile: Profile = (solution.row_strategy, solution.column_strategy)
    value_text = f"{solution.value:.10g}"
    exact_profile: ExactProfile | None = None
    if exact:
        exact_profile, value = _exact_zero_sum(game, profile)
        profile = (
            np.array([float(v) for v in exact_profile[0]]),
            np.array([float(v) for v in exact_profile[1]]),
        )
        value_text = str(value)
    equilibrium = Equilibrium.from_profile(game, profile, exact=exact_profile)
    note = f"value of the game to {game.players[0]}: {value_text}"
    return EquilibriumSet(game, "zero-sum", (equilibrium,), exact=exact, complete=False, notes=(note,))


def _exact_zero_sum(game: NormalFormGame, profile: Profile) -> tuple[ExactProfile, Fraction]:
    """Exact optimal strategies from the LP's solution, or from exact vertex enumeration if that fails."""
    rational = game.rational_payoff_array()[0]
    m, n = game.num_strategies
    strategies: list[list[Fraction]] = []
    matrices = (rational, rational.T)
    for side, (sigma, own) in enumerate(zip(profile, matrices, strict=True)):
        opponent_values = sigma @ np.asarray(own, dtype=np.float64)  # payoff against each opponent strategy
        target = opponent_values.min() if side == 0 else opponent_values.max()
        scale = max(1.0, float(np.abs(opponent_values).max()))
        support = np.flatnonzero(sigma > 1e-9)
        tight = np.flatnonzero(np.abs(opponent_values - target) <= 1e-7 * scale)
        size = len(sigma)
        rows = [[Fraction(own[i, j]) for i in support] + [Fraction(-1)] for j in tight]
        rows.append([Fraction(1)] * len(support) + [Fraction(0)])
        solution = solve_exact(rows, [Fraction(0)] * len(tight) + [Fraction(1)])
        if solution is None:
            break
        full = [Fraction(0)] * size
        for i, value in zip(support, solution[:-1], strict=True):
            full[int(i)] = value
        strategies.append(full)
    if len(strategies) == 2 and all(v >= 0 for s in strategies for v in s):
        x, y = strategies
        guaranteed_row = min(sum((x[i] * rational[i, j] for i in range(m)), Fraction(0)) for j in range(n))
        guaranteed_col = max(sum((rational[i, j] * y[j] for j in range(n)), Fraction(0)) for i in range(m))
        if guaranteed_row == guaranteed_col:
            return (x, y), guaranteed_row
    first = vertex_enumeration(game, exact=True)[0]
    assert first.exact_probabilities is not None and first.exact_payoffs is not None
    x_exact, y_exact = first.exact_probabilities
    return (list(x_exact), list(y_exact)), first.exact_payoffs[0]


def pure_equilibria_2p(game: NormalFormGame) -> EquilibriumSet:
    """All pure equilibria of a two-player game: cells that are best responses for both players."""
    _require_two_players(game, "pure")
    exact_payoffs = game.exact_payoff_array
    payoffs: NDArray[Any] = exact_payoffs if exact_payoffs is not None else game.payoff_array
    payoff_a, payoff_b = payoffs[0], payoffs[1]
    best_rows = payoff_a == payoff_a.max(axis=0, keepdims=True)
    best_cols = payoff_b == payoff_b.max(axis=1, keepdims=True)
    m, n = game.num_strategies
    equilibria = []
    for i, j in np.argwhere(best_rows & best_cols):
        x = [Fraction(int(k == i)) for k in range(m)]
        y = [Fraction(int(k == j)) for k in range(n)]
        equilibria.append(
            Equilibrium.from_profile(game, (np.array(x, float), np.array(y, float)), exact=(x, y))
        )
    return EquilibriumSet(game, "pure", tuple(equilibria), exact=True, complete=True)


def nashpy_equilibria(game: NormalFormGame, method: str) -> EquilibriumSet:
    """Equilibria from nashpy's vertex, support or Lemke-Howson enumeration.

    For comparison only: floating point, no degeneracy handling, and (as
    measured in ``docs/equilibria.md``) slower and less complete than the
    native methods. Profiles with NaN entries (nashpy's Lemke-Howson on
    degenerate games) are dropped, and duplicates removed.
    """
    _require_two_players(game, method)
    if method not in NASHPY_METHODS:
        raise InvalidGameError(f"unknown nashpy method {method!r}; choose one of {', '.join(NASHPY_METHODS)}")
    import nashpy

    payoff_a, payoff_b = game.payoff_matrices
    nash_game = nashpy.Game(np.array(payoff_a), np.array(payoff_b))
    profiles: list[Profile] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for row, column in getattr(nash_game, NASHPY_METHODS[method])():
            row, column = np.asarray(row, dtype=np.float64), np.asarray(column, dtype=np.float64)
            if not (np.all(np.isfinite(row)) and np.all(np.isfinite(column))):
                continue
            if any(np.allclose(row, r, atol=1e-9) and np.allclose(column, c, atol=1e-9) for r, c in profiles):
                continue
            profiles.append((row, column))
    order = _sorted_pairs(profiles)
    equilibria = tuple(Equilibrium.from_profile(game, profiles[k]) for k in order)
    return EquilibriumSet(game, method, equilibria, exact=False, complete=False)
