r"""Nash equilibria of :math:`n`-player normal-form games, as result objects.

Three methods, each a function of a :class:`~bargaining.games.normal_form.NormalFormGame`
returning an :class:`~bargaining.equilibrium.results.EquilibriumSet`:

=====================  ===========================================================  ==================
function               finds                                                        for
=====================  ===========================================================  ==================
:func:`pure_equilibria`    every pure equilibrium (vectorized over all profiles)    any size
:func:`mixed_equilibria`   every isolated equilibrium, by support enumeration        small games
:func:`logit_path`         one equilibrium, the limit of the logit QRE path          larger games
=====================  ===========================================================  ==================

The algorithms work on the payoff array (:mod:`.pure`, :mod:`.support_n`,
:mod:`.logit`); this module names the strategies, attaches exact values where
they can be proved, and records whether the enumeration is complete.

Exact values: pure equilibria of games with rational payoffs are exact. When
at most two players mix, the support equations are linear and ``exact=True``
solves them again in rational arithmetic. With three or more players mixing the
equilibrium is in general irrational (the equations are polynomial); it is
rounded to nearby fractions (denominators up to :math:`10^6`). Exact values
are attached only when they pass the best-response check in rational
arithmetic (:meth:`Equilibrium.is_nash` with ``exact=True``).

Examples
--------
>>> import numpy as np
>>> from bargaining.games.normal_form import NormalFormGame
>>> pennies = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
>>> len(pure_equilibria(pennies))
0
>>> result = mixed_equilibria(pennies, exact=True)
>>> result[0].describe(0), result.complete
('1/2 s0, 1/2 s1', True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.results import Equilibrium, EquilibriumSet
from bargaining.errors import InvalidGameError

if TYPE_CHECKING:
    from bargaining.equilibrium.budget import Budget
    from bargaining.games.normal_form import NormalFormGame

__all__ = ["MAX_SUPPORT_PROFILES", "logit_path", "mixed_equilibria", "pure_equilibria"]

_MAX_DENOMINATOR = 10**6


def _comparable_payoffs(game: NormalFormGame) -> NDArray[np.float64] | NDArray[np.object_]:
    """Exact payoffs if known (so ties are exact), else the float ones."""
    exact = game.exact_payoffs  # non-integral rationals only: integral floats compare exactly
    return exact if exact is not None else game.payoff_array


def _pure_profile(game: NormalFormGame, indices: Sequence[int]) -> list[list[Fraction]]:
    return [[Fraction(int(k == s)) for k in range(game.num_strategies[i])] for i, s in enumerate(indices)]


def _solve_exact(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The solution of a square linear system in rational arithmetic, or None if singular."""
    size = len(rhs)
    rows = [[*row, value] for row, value in zip(matrix, rhs, strict=True)]
    for col in range(size):
        pivot = next((r for r in range(col, size) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(size):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[r][size] / rows[r][r] for r in range(size)]


def _exact_linear_profile(
    game: NormalFormGame, profile: Sequence[NDArray[np.float64]]
) -> list[list[Fraction]] | None:
    r"""The exact profile on the same supports, when its equations are linear.

    With at most two players mixing, each mixing player's indifference
    conditions are linear in the other's probabilities (the rest play pure
    strategies): :math:`(u_a(s, \cdot) - u_a(s_0, \cdot)) \cdot x_b = 0` for
    :math:`s \in S_a`, :math:`\sum x_b = 1`, solved exactly in Fractions.
    """
    payoffs = game.exact_payoff_array
    if payoffs is None:
        return None
    supports = [[int(k) for k in np.flatnonzero(sigma > 1e-12)] for sigma in profile]
    mixing = [i for i, support in enumerate(supports) if len(support) > 1]
    if len(mixing) not in (0, 2):
        return None
    exact = [
        [Fraction(int(k == support[0])) for k in range(len(sigma))]
        for sigma, support in zip(profile, supports, strict=True)
    ]
    if not mixing:
        return exact
    fixed = [support[0] for support in supports]
    for a, b in (mixing, mixing[::-1]):
        if len(supports[a]) != len(supports[b]):
            return None

        def payoff(s: int, t: int, player: int = a, other: int = b) -> Fraction:
            index = list(fixed)
            index[player], index[other] = s, t
            return Fraction(payoffs[(player, *index)])

        first = supports[a][0]
        matrix = [[payoff(s, t) - payoff(first, t) for t in supports[b]] for s in supports[a][1:]]
        matrix.append([Fraction(1)] * len(supports[b]))
        solution = _solve_exact(matrix, [Fraction(0)] * (len(supports[a]) - 1) + [Fraction(1)])
        if solution is None:
            return None
        exact[b] = [Fraction(0)] * len(profile[b])
        for t, value in zip(supports[b], solution, strict=True):
            exact[b][t] = value
    return exact


def _equilibrium(game: NormalFormGame, profile: Sequence[NDArray[np.float64]], exact: bool) -> Equilibrium:
    """An :class:`Equilibrium`, with exact probabilities when ``exact`` and they verify.

    The exact candidates are the solution of the support's equations in rational
    arithmetic when they are linear (at most two players mix), else the profile
    rounded to nearby fractions; either is attached only if it passes the
    best-response check in rational arithmetic.
    """
    if exact and game.is_exact:
        rounded = [
            [Fraction(float(p)).limit_denominator(_MAX_DENOMINATOR) for p in sigma] for sigma in profile
        ]
        for candidate_profile in (_exact_linear_profile(game, profile), rounded):
            if candidate_profile is None or any(sum(sigma) != 1 for sigma in candidate_profile):
                continue
            candidate = Equilibrium.from_profile(game, profile, exact=candidate_profile)
            if candidate.is_nash(game, exact=True):
                return candidate
    return Equilibrium.from_profile(game, [np.asarray(sigma, dtype=np.float64) for sigma in profile])


def pure_equilibria(
    game: NormalFormGame, exact: bool = False, budget: Budget | None = None
) -> EquilibriumSet:
    r"""Every pure-strategy Nash equilibrium of ``game``.

    A profile :math:`s` is an equilibrium when :math:`u_i(s) \ge \max_{t}
    u_i(t, s_{-i})` for every player; all profiles are tested at once
    (:func:`bargaining.equilibrium.pure.pure_equilibrium_profiles`), comparing
    rational payoffs exactly.

    Parameters
    ----------
    game
        A game of any number of players.
    exact
        Attach exact probabilities (0 and 1) and exact payoffs, when the payoffs
        are rational.
    budget
        A time budget, checked between blocks of profiles.

    Returns
    -------
    EquilibriumSet
        Method ``"pure"``, in lexicographic order of the profiles; ``complete``
        (every pure equilibrium is listed) unless the time budget ran out.
    """
    from bargaining.equilibrium.pure import search_pure_profiles

    search = search_pure_profiles(_comparable_payoffs(game), budget)
    found = search.profiles
    use_exact = exact and game.is_exact
    equilibria = []
    for row in found:
        # a pure profile's payoffs are entries of the array: no contraction needed
        index: tuple[Any, ...] = (slice(None), *(int(s) for s in row))
        profile = _pure_profile(game, [int(s) for s in row])
        exact_payoffs = None
        if use_exact:  # integral payoffs are exact floats; others are kept as Fractions
            rational = game.exact_payoffs
            if rational is not None:
                exact_payoffs = tuple(rational[index])
            else:
                exact_payoffs = tuple(Fraction(int(v)) for v in game.payoff_array[index])
        equilibria.append(
            Equilibrium(
                tuple(np.array(p, dtype=np.float64) for p in profile),
                game.payoff_array[index],
                game.players,
                game.strategies,
                tuple(tuple(p) for p in profile) if use_exact else None,
                exact_payoffs,
            )
        )
    notes: tuple[str, ...] = ()
    if not search.complete:
        notes = (
            f"Incomplete: the time limit ran out after testing the profiles where "
            f"{game.players[0]} plays one of its first {search.strategies_done} of "
            f"{game.num_strategies[0]} strategies.",
        )
    return EquilibriumSet(
        game,
        "pure",
        tuple(equilibria),
        exact=use_exact,
        complete=search.complete,
        notes=notes,
        **_timing(budget, not search.complete),
    )


def _timing(budget: Budget | None, timed_out: bool) -> dict[str, Any]:
    """The time fields of an :class:`EquilibriumSet` for a computation under ``budget``."""
    if budget is None or budget.time_limit is None:
        return {"timed_out": timed_out}
    return {"timed_out": timed_out, "elapsed": budget.elapsed(), "time_limit": budget.time_limit}


#: the most support profiles :func:`mixed_equilibria` enumerates unless told otherwise
MAX_SUPPORT_PROFILES = 5000


def mixed_equilibria(
    game: NormalFormGame,
    exact: bool = False,
    max_boxes: int = 20000,
    max_supports: int | None = MAX_SUPPORT_PROFILES,
    budget: Budget | None = None,
) -> EquilibriumSet:
    r"""Every isolated Nash equilibrium of a small game, by support enumeration.

    For each support profile the indifference equations (polynomial, and
    multilinear in the free probabilities) are solved by a verified
    subdivision search with the Krawczyk test; see
    :mod:`bargaining.equilibrium.support_n` for the mathematics. Each solution
    is kept when it is a probability profile with no profitable deviation.

    Parameters
    ----------
    game
        A game of any number of players; the work grows with the number of
        support profiles, :math:`\prod_i (2^{a_i} - 1)` (343 for 3x3x3).
    exact
        Attach exact probabilities where a rational profile near the solution
        passes the exact best-response check.
    max_boxes
        The search budget per group of supports; a support with a continuum
        of solutions exhausts it, and the result is then marked incomplete.
    max_supports
        Refuse games with more support profiles than this (``None``: no limit).
        A 3x3x3 game (343 profiles) takes about 0.1 s, a 4x4x4 game (3375)
        tens of seconds; larger games call for :func:`logit_path`.
    budget
        A time budget (:class:`~bargaining.equilibrium.budget.Budget`); when it
        runs out the equilibria found so far are returned, ``timed_out``.

    Returns
    -------
    EquilibriumSet
        Method ``"support-n"``; ``complete`` when every support was resolved,
        in which case every isolated equilibrium is listed.

    Raises
    ------
    InvalidGameError
        If the game has more than ``max_supports`` support profiles.
    """
    from bargaining.equilibrium.support_n import SupportSearch, search_supports

    count = math.prod(2**a - 1 for a in game.num_strategies)
    if max_supports is not None and count > max_supports:
        sizes = "x".join(str(a) for a in game.num_strategies)
        raise InvalidGameError(
            f"a {sizes} game has {count} support profiles, too many to enumerate here "
            f"(limit {max_supports}); use --method logit for one equilibrium or --method pure for the "
            "pure ones (Python: method='logit' or 'pure'), or, from Python, call "
            "mixed_equilibria(game, max_supports=None) to wait"
        )

    search = search_supports(game.payoff_array, SupportSearch(max_boxes=max_boxes), budget)
    equilibria = tuple(_equilibrium(game, profile, exact) for profile in search.profiles)
    notes: list[str] = []
    if search.timed_out:
        notes.append(
            f"Incomplete: the time limit ran out after {search.supports_tried} of {count} support profiles "
            f"were enumerated and {search.boxes_examined} boxes searched; the equilibria listed are those "
            "found by then."
        )
    elif not search.complete:
        shown = "; ".join(
            " x ".join("{" + ",".join(game.strategies[i][k] for k in s) + "}" for i, s in enumerate(support))
            for support in search.unresolved[:3]
        )
        more = f" and {len(search.unresolved) - 3} more" if len(search.unresolved) > 3 else ""
        notes.append(
            f"Incomplete: supports {shown}{more} have a continuum of solutions (a degenerate game); "
            "the equilibria listed are the isolated ones found."
        )
    return EquilibriumSet(
        game,
        "support-n",
        equilibria,
        exact=bool(exact and equilibria and all(eq.is_exact for eq in equilibria)),
        degenerate=True if search.unresolved and not search.timed_out else None,
        complete=search.complete,
        notes=tuple(notes),
        **_timing(budget, search.timed_out),
    )


def logit_path(
    game: NormalFormGame, exact: bool = False, max_lambda: float = 1e4, budget: Budget | None = None
) -> EquilibriumSet:
    r"""One Nash equilibrium: the limit of the principal branch of the logit QRE.

    Follows the logit quantal-response correspondence of McKelvey & Palfrey
    (1995) from uniform play at :math:`\lambda = 0` until :math:`\lambda \ge`
    ``max_lambda`` (payoffs scaled to [0, 1]), then polishes the end point on
    its support (Turocy 2005); see :mod:`bargaining.equilibrium.logit`.

    Parameters
    ----------
    game
        A game of any number of players and size.
    exact
        Attach exact probabilities when a nearby rational profile verifies.
    max_lambda
        Where to stop tracing.
    budget
        A time budget, checked before each step of the path. When it runs
        out, the point reached is polished; the result holds the equilibrium
        that gives, or none, and is ``timed_out``.

    Returns
    -------
    EquilibriumSet
        Method ``"logit"`` with one equilibrium (none if the time ran out
        first); not ``complete``.

    Raises
    ------
    SolverError
        If the path cannot be followed to an equilibrium.
    """
    from bargaining.equilibrium.budget import TimeLimitReached
    from bargaining.equilibrium.logit import LogitPath, trace_logit_path

    try:
        traced = trace_logit_path(game.payoff_array, LogitPath(max_lambda=max_lambda), budget)
    except TimeLimitReached as stopped:
        note = f"Incomplete: {stopped}; no equilibrium was found."
        return EquilibriumSet(game, "logit", (), complete=False, notes=(note,), **_timing(budget, True))
    equilibrium = _equilibrium(game, traced.profile, exact)
    note = (
        f"The limit of the logit QRE path (traced to lambda = {traced.final_lambda:.3g}, "
        f"{traced.steps} steps)."
    )
    if traced.timed_out:
        note = (
            f"Incomplete: the time limit ran out at lambda = {traced.final_lambda:.3g} "
            f"({traced.steps} steps); the point reached was polished to this equilibrium, "
            "which need not be the limit of the path."
        )
    is_exact = bool(exact and equilibrium.is_exact)
    return EquilibriumSet(
        game,
        "logit",
        (equilibrium,),
        exact=is_exact,
        complete=False,
        notes=(note,),
        **_timing(budget, traced.timed_out),
    )
