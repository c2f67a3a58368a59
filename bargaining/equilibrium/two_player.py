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

With ``exact=True`` the vertices of both polytopes are enumerated by integer
pivoting with a lexicographic tie-break (:mod:`.rational_vertices`): every
label and vertex decision is made in exact arithmetic, never with a float
tolerance, and the probabilities are Fractions. In floating point, every
candidate of a game with integer or rational payoffs is recomputed exactly
from its basis and kept only if it is an equilibrium exactly; near-ties and
failed checks trigger the exact enumeration (:mod:`.certify`).

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
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.bimatrix import (
    ExactProfile,
    Profile,
    require_two_players,
    sorted_pairs,
)
from bargaining.equilibrium.budget import UNLIMITED, Budget, TimeLimitReached
from bargaining.equilibrium.extreme import extreme_equilibria
from bargaining.equilibrium.lemke_howson_ends import LabelFollower
from bargaining.equilibrium.polytope import basis_vertices, hull_vertices, positive_matrix
from bargaining.equilibrium.results import Equilibrium, EquilibriumSet
from bargaining.equilibrium.zero_sum import zero_sum_equilibrium
from bargaining.errors import InvalidGameError, SolverError
from bargaining.games.normal_form import NormalFormGame

__all__ = [
    "NASHPY_METHODS",
    "exact_lemke_howson",
    "is_degenerate",
    "lemke_howson",
    "nashpy_equilibria",
    "pure_equilibria_2p",
    "support_enumeration",
    "vertex_enumeration",
    "zero_sum_equilibrium",
]

NASHPY_METHODS = {
    "nashpy-vertex": "vertex_enumeration",
    "nashpy-support": "support_enumeration",
    "nashpy-lemke-howson": "lemke_howson_enumeration",
}


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
        Enumerate the vertices in exact (integer) arithmetic and report
        Fractions (:mod:`.rational_vertices`).

    Returns
    -------
    EquilibriumSet
        The extreme equilibria, ``complete=True`` unless a fallback that
        would certify them was too large (the notes say so).

    Notes
    -----
    Completeness is checked: a non-degenerate game has an odd number of
    equilibria; an even count, a candidate that fails its check, or a
    near-tie triggers the exact enumeration (:mod:`.certify`).

    Examples
    --------
    Battle of the sexes has two pure equilibria and one mixed:

    >>> game = NormalFormGame.from_arrays([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> [eq.describe(0) for eq in vertex_enumeration(game, exact=True)]
    ['s0', '3/5 s0, 2/5 s1', 's1']
    """
    require_two_players(game, "vertex")
    return extreme_equilibria(game, hull_vertices, "vertex", exact)


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
    require_two_players(game, "support")
    return extreme_equilibria(game, basis_vertices, "support", exact)


def is_degenerate(game: NormalFormGame) -> bool:
    """Whether some mixed strategy with support of size k has more than k pure best responses."""
    require_two_players(game, "is_degenerate")
    payoff_a, payoff_b = game.payoff_matrices
    poly_p = hull_vertices(positive_matrix(payoff_b))
    poly_q = hull_vertices(positive_matrix(payoff_a.T))
    return poly_p.degenerate or poly_q.degenerate


def exact_lemke_howson(game: NormalFormGame, label: int) -> ExactProfile:
    """The end of the Lemke-Howson path from ``label``, followed in rational arithmetic (integer pivoting)."""
    return LabelFollower(game, exact=True, max_pivots=100_000).exact_end(label)[0]


def lemke_howson(
    game: NormalFormGame,
    initial_labels: Iterable[int] | None = None,
    exact: bool = False,
    stop_after: int | None = None,
    max_pivots: int = 20_000,
    budget: Budget | None = None,
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
        Either way, a path that fails in floating point (a repeated basis, the
        pivot limit, an end that fails its check) is followed again from the
        start in exact arithmetic, and noted (:mod:`.lemke_howson_ends`; in
        floating-point mode for games up to
        :data:`~.lemke_howson_ends.MAX_EXACT_PATH_CELLS` payoff cells).
    stop_after
        Stop once this many distinct equilibria are found (``1``: one
        equilibrium, trying further labels only if a path fails).
    max_pivots
        Pivots allowed per path; a path longer than this in exact arithmetic
        is abandoned (with a note) and the next label tried. Path lengths vary widely: on random 200x200
        games, from under a hundred to many thousands of pivots.
    budget
        A time budget (:class:`~bargaining.equilibrium.budget.Budget`), checked
        before each path and every 64 pivots: when it has run out, the
        equilibria found so far are returned with ``timed_out=True``.

    Returns
    -------
    EquilibriumSet
        The distinct equilibria reached (``complete=False``): at least one,
        not necessarily all (none only when the time limit ran out first);
        abandoned labels are listed in ``notes``.

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
    require_two_players(game, "lemke-howson")
    m, n = game.num_strategies
    labels = list(range(m + n)) if initial_labels is None else [int(k) for k in initial_labels]
    for k in labels:
        if not 0 <= k < m + n:
            raise InvalidGameError(f"initial label {k} is out of range; labels are 0..{m + n - 1}")
    budget = budget if budget is not None else UNLIMITED
    follower = LabelFollower(game, exact, max_pivots, budget)
    found: dict[Any, tuple[Profile, ExactProfile | None]] = {}
    notes: list[str] = []
    timed_out = False
    for position, label in enumerate(labels):
        if stop_after is not None and len(found) >= stop_after:
            break
        if budget.expired():
            timed_out = True
            done = f"{position} of {len(labels)} paths"
            notes.append(f"the time limit ran out after {done} ({budget.describe()})")
            break
        try:
            end = follower.follow(label)
        except TimeLimitReached:
            timed_out = True
            notes.append(f"the time limit ran out on the path from label {label} ({budget.describe()})")
            break
        if end.note is not None:
            notes.append(end.note)
        if end.profile is None:
            continue
        profile = end.profile
        key: Any = (tuple(np.round(profile[0], 9)), tuple(np.round(profile[1], 9)))
        found.setdefault(key, (profile, end.exact_profile))
    if not found and not timed_out:
        raise SolverError(
            f"no Lemke-Howson path ended ({'; '.join(notes)}); "
            "try other initial labels or a larger max_pivots",
            status="max_pivots",
        )
    values = list(found.values())
    order = sorted_pairs([profile for profile, _ in values])
    equilibria = tuple(Equilibrium.from_profile(game, values[k][0], exact=values[k][1]) for k in order)
    return EquilibriumSet(
        game,
        "lemke-howson",
        equilibria,
        exact=exact,
        complete=False,
        notes=tuple(notes),
        timed_out=timed_out,
        elapsed=budget.elapsed() if budget.time_limit is not None else None,
        time_limit=budget.time_limit,
    )


def pure_equilibria_2p(game: NormalFormGame) -> EquilibriumSet:
    """All pure equilibria of a two-player game: cells that are best responses for both players."""
    require_two_players(game, "pure")
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


def nashpy_equilibria(game: NormalFormGame, method: str, budget: Budget | None = None) -> EquilibriumSet:
    """Equilibria from nashpy's vertex, support or Lemke-Howson enumeration.

    For comparison only: floating point, no degeneracy handling, and (as
    measured in ``docs/equilibria.md``) slower and less complete than the
    native methods. Profiles with NaN entries (nashpy's Lemke-Howson on
    degenerate games) are dropped, and duplicates removed. A time ``budget``
    is checked between the profiles nashpy yields.
    """
    require_two_players(game, method)
    if method not in NASHPY_METHODS:
        raise InvalidGameError(f"unknown nashpy method {method!r}; choose one of {', '.join(NASHPY_METHODS)}")
    import nashpy

    payoff_a, payoff_b = game.payoff_matrices
    nash_game = nashpy.Game(np.array(payoff_a), np.array(payoff_b))
    budget = budget if budget is not None else UNLIMITED
    profiles: list[Profile] = []
    timed_out = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for row, column in getattr(nash_game, NASHPY_METHODS[method])():
            if budget.expired():
                timed_out = True
                break
            row, column = np.asarray(row, dtype=np.float64), np.asarray(column, dtype=np.float64)
            if not (np.all(np.isfinite(row)) and np.all(np.isfinite(column))):
                continue
            if any(np.allclose(row, r, atol=1e-9) and np.allclose(column, c, atol=1e-9) for r, c in profiles):
                continue
            profiles.append((row, column))
    order = sorted_pairs(profiles)
    equilibria = tuple(Equilibrium.from_profile(game, profiles[k]) for k in order)
    return EquilibriumSet(
        game,
        method,
        equilibria,
        exact=False,
        complete=False,
        timed_out=timed_out,
        time_limit=budget.time_limit,
    )
