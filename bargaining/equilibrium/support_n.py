r"""All isolated mixed equilibria of small :math:`n`-player games, by support enumeration.

For a support profile :math:`S = (S_0, \dots, S_{n-1})`, :math:`S_i \subseteq
A_i`, an equilibrium with exactly these supports solves the polynomial system

.. math::

    u_i(s, \sigma_{-i}) = u_i(s_0^i, \sigma_{-i}) \quad (s \in S_i,\ i = 0..n-1), \qquad
    \sum_{s \in S_i} \sigma_i(s) = 1,

with :math:`\sigma_i(s) \ge 0` on :math:`S_i` and no strategy outside
:math:`S_i` paying more (Gambit's ``enumpoly``; McKelvey & McLennan 1996).
Writing :math:`\sigma_i = (1 - \sum_k y_{ik}, y_{i1}, \dots)` in the free
variables :math:`y \in \mathbb{R}^d`, :math:`d = \sum_i (|S_i| - 1)`, gives a
square system :math:`F(y) = 0` whose equations are **multilinear**: each
variable appears with degree at most one in every term, because player
:math:`i`'s equations are products of the *other* players' probabilities.

That makes a rigorous subdivision search simple (Moore 1966; Krawczyk 1969):

* the exact range of a multilinear function over a box is spanned by its
  values at the :math:`2^d` corners, so a box where some equation keeps one
  sign holds no root;
* the entries of the Jacobian are multilinear too, so the same corner values
  give an exact interval Jacobian :math:`[J]`, and the Krawczyk operator
  :math:`K(X) = c - Y F(c) + (I - Y [J])(X - c)`, :math:`Y \approx J(c)^{-1}`,
  proves a *unique* root in :math:`X` when :math:`K(X) \subset \operatorname{int} X`
  (Newton from the centre then converges to it) and no root when
  :math:`K(X) \cap X = \emptyset`;
* a box where some strategy outside the support pays more than the support at
  every corner (the difference is multilinear too) holds no equilibrium;
* other boxes are bisected along the side where the equations vary most
  (width times slope); when a player's equations
  outnumber the other players' free probabilities (a structurally singular
  support, which generic games never use), those probabilities are bisected
  first, which rules the support out quickly.

The Jacobian is a forward difference with step 1, which is exact for a
multilinear function. All boxes of all supports of the same size are
processed together as numpy batches. Roots are mapped to mixed profiles,
kept when they are probabilities and pass a best-response check on the whole
game, and deduplicated.

The equations are evaluated by
:class:`~bargaining.equilibrium.support_equations.SupportGroup` and searched by
:func:`~bargaining.equilibrium.subdivision.search_group`; this module
enumerates the supports and returns a frozen :class:`SupportSearchResult`.

Supports with a continuum of solutions (degenerate games) cannot be resolved
this way; when the number of boxes exceeds a budget the search stops, what
was found is returned, and the result says the enumeration is incomplete.
Supports whose equations are linearly dependent as polynomials (e.g. a player
with equal payoffs from two support strategies), the usual source of continua,
are searched with a smaller budget.

References
----------
McKelvey, R. D. & McLennan, A. (1996). Computation of equilibria in finite
games. *Handbook of Computational Economics* 1, 87-142.
Krawczyk, R. (1969). Newton-Algorithmen zur Bestimmung von Nullstellen mit
Fehlerschranken. *Computing* 4, 187-201.
Moore, R. E. (1966). *Interval Analysis*. Prentice-Hall.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.subdivision import search_group
from bargaining.equilibrium.support_equations import (
    Profile,
    Support,
    SupportGroup,
    checked_profile,
    normalised_payoffs,
    readonly,
)
from bargaining.errors import InvalidGameError

if TYPE_CHECKING:
    from bargaining.equilibrium.budget import Budget

__all__ = ["SupportSearch", "SupportSearchResult", "search_supports", "support_profiles"]


@dataclass(frozen=True, slots=True)
class SupportSearch:
    """Options of :func:`search_supports`.

    Attributes
    ----------
    max_boxes
        The most boxes alive at once for a group of supports; beyond it the
        search of that group stops (a continuum of equilibria) and the result
        is not ``complete``. Groups whose equations are linearly dependent get
        ``max(500, max_boxes // 20)``.
    tol
        Accepted regret and negative probability, relative to each player's
        payoff range.

    Raises
    ------
    InvalidGameError
        If ``max_boxes`` is not a positive integer or ``tol`` not positive.
    """

    max_boxes: int = 20000
    tol: float = 1e-8

    def __post_init__(self) -> None:
        if isinstance(self.max_boxes, bool) or not isinstance(self.max_boxes, int | np.integer):
            raise InvalidGameError(f"max_boxes must be an integer, got {self.max_boxes!r}")
        if self.max_boxes < 1:
            raise InvalidGameError(f"max_boxes must be at least 1, got {self.max_boxes}")
        if not float(self.tol) > 0:
            raise InvalidGameError(f"tol must be positive, got {self.tol!r}")
        object.__setattr__(self, "max_boxes", int(self.max_boxes))
        object.__setattr__(self, "tol", float(self.tol))

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {"max_boxes": self.max_boxes, "tol": self.tol}


@dataclass(frozen=True, slots=True, eq=False)
class SupportSearchResult:
    """The equilibria :func:`search_supports` found, with the options used and the work done.

    Attributes
    ----------
    options
        The :class:`SupportSearch` options.
    profiles
        One mixed strategy per player for each equilibrium (read-only
        arrays), ordered by total support size.
    supports_tried
        The support profiles enumerated.
    boxes_examined
        The boxes tested by the subdivision search, over all groups.
    unresolved
        The supports (as tuples of strategy indices) the search gave up on.
    timed_out
        Whether the time budget ran out first: then the supports not yet
        enumerated or searched are not listed in ``unresolved``.
    supports_total
        The number of support profiles of the game.
    """

    options: SupportSearch
    profiles: tuple[Profile, ...]
    supports_tried: int
    boxes_examined: int
    unresolved: tuple[Support, ...]
    timed_out: bool = False
    supports_total: int | None = None

    @property
    def complete(self) -> bool:
        """Whether every support was resolved, i.e. the result is provably the
        set of all isolated equilibria (up to rounding)."""
        return not self.unresolved and not self.timed_out

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the method, options, diagnostics and profiles as lists of floats."""
        return {
            "method": "support-n",
            "options": self.options.to_dict(),
            "complete": self.complete,
            "timed_out": self.timed_out,
            "supports_tried": self.supports_tried,
            "boxes_examined": self.boxes_examined,
            "unresolved": [[list(s) for s in support] for support in self.unresolved],
            "profiles": [[[float(p) for p in sigma] for sigma in profile] for profile in self.profiles],
        }

    def __repr__(self) -> str:
        state = "complete" if self.complete else f"{len(self.unresolved)} unresolved"
        return f"SupportSearchResult({len(self.profiles)} equilibria, {state})"


def support_profiles(num_strategies: Sequence[int]) -> Iterator[Support]:
    """Every support profile, by total size then lexicographically."""
    per_player = [
        [subset for size in range(1, a + 1) for subset in itertools.combinations(range(a), size)]
        for a in num_strategies
    ]
    profiles = list(itertools.product(*per_player))
    profiles.sort(key=lambda profile: (sum(len(s) for s in profile), profile))
    yield from profiles


def dependent_equations(payoffs: NDArray[np.float64], support: Support) -> bool:
    """Whether some player's indifference equations are linearly dependent as
    polynomials (e.g. one vanishes: equal payoffs from two support strategies
    against every profile of the others' supports). The coefficients of player
    i's equations are the rows of payoff differences over the others' support
    profiles, whose probability products are linearly independent functions;
    dependent rows leave a free direction, so the support's solutions, if any,
    form a continuum."""
    n = payoffs.shape[0]
    for i in range(n):
        if len(support[i]) < 2:
            continue
        table = payoffs[i][np.ix_(*[np.asarray(s) for s in support])]
        rows = np.moveaxis(table, i, 0).reshape(len(support[i]), -1)
        differences = rows[1:] - rows[0]
        if np.linalg.matrix_rank(differences, tol=1e-12) < len(differences):
            return True
    return False


def conditionally_dominated(payoffs: NDArray[np.float64], support: Support) -> bool:
    """Whether some strategy in the support is strictly worse than another one of the
    player's strategies against every profile of the others' supports (then no
    equilibrium has this support)."""
    n = payoffs.shape[0]
    for i in range(n):
        axes = [np.arange(payoffs.shape[1 + j]) if j == i else np.asarray(support[j]) for j in range(n)]
        table = payoffs[i][np.ix_(*axes)]
        rows = np.moveaxis(table, i, 0).reshape(table.shape[i], -1)  # own strategy x others' profiles
        for s in support[i]:
            if np.any(np.all(rows > rows[s], axis=1)):
                return True
    return False


def search_supports(
    payoff_array: NDArray[np.float64], options: SupportSearch | None = None, budget: Budget | None = None
) -> SupportSearchResult:
    """All isolated Nash equilibria (pure and mixed) of a small game.

    Parameters
    ----------
    payoff_array
        Payoffs of shape ``(n, a_0, ..., a_{n-1})``.
    options
        Search options (default :class:`SupportSearch()`).
    budget
        A time budget, checked for every support enumerated, before each group
        of supports and before each round of the subdivision search; when it
        runs out the equilibria found so far are returned with ``timed_out``.

    Returns
    -------
    SupportSearchResult
        The equilibria, ordered by total support size, and the diagnostics
        (``complete``, ``supports_tried``, ``boxes_examined``, ``unresolved``).
    """
    options = options if options is not None else SupportSearch()
    payoffs = normalised_payoffs(np.asarray(payoff_array, dtype=np.float64))
    total = math.prod(2**a - 1 for a in payoffs.shape[1:])
    progress = _Progress()
    # support profiles come by total size; each size is searched as soon as it is enumerated,
    # so that a time limit still leaves the equilibria of the smaller supports (pure ones first)
    by_size = itertools.groupby(support_profiles(payoffs.shape[1:]), key=lambda s: sum(len(p) for p in s))
    for _, supports in by_size:
        # supports grouped by their sizes, and whether some player's equations are dependent
        groups: dict[tuple[tuple[int, ...], bool], list[Support]] = {}
        for support in supports:
            if budget is not None and budget.expired():
                progress.timed_out = True
                break
            progress.tried += 1
            if not conditionally_dominated(payoffs, support):
                key = (tuple(len(s) for s in support), dependent_equations(payoffs, support))
                groups.setdefault(key, []).append(support)
        _search_groups(payoffs, groups, options, budget, progress)
        if progress.timed_out:
            break
    profiles = tuple(tuple(readonly(sigma) for sigma in profile) for profile in _deduplicate(progress.found))
    return SupportSearchResult(
        options,
        profiles,
        progress.tried,
        progress.examined,
        tuple(progress.unresolved),
        progress.timed_out,
        total,
    )


@dataclass(slots=True)
class _Progress:
    """What :func:`search_supports` has done so far (mutable, internal)."""

    tried: int = 0
    examined: int = 0
    timed_out: bool = False
    found: list[Profile] = field(default_factory=list)
    unresolved: list[Support] = field(default_factory=list)


def _search_groups(
    payoffs: NDArray[np.float64],
    groups: dict[tuple[tuple[int, ...], bool], list[Support]],
    options: SupportSearch,
    budget: Budget | None,
    progress: _Progress,
) -> None:
    """Search each group of supports of one total size, in order, recording into ``progress``."""
    for key in sorted(groups):
        if budget is not None and budget.expired():
            progress.timed_out = True
            return
        group = SupportGroup(payoffs, groups[key])
        # dependent equations leave a free direction: the support's solutions, if
        # any, form a continuum, which a smaller budget detects as well
        boxes = max(500, options.max_boxes // 20) if key[1] else options.max_boxes
        searched = search_group(group, boxes, budget)
        progress.examined += searched.boxes_examined
        progress.timed_out = searched.timed_out
        if not searched.timed_out:  # supports cut short by the clock are not known to have a continuum
            progress.unresolved.extend(searched.unresolved)
        for g, y in searched.roots:
            local = group.mixtures(y[None, :])
            profile = checked_profile(payoffs, group.supports[g], [m[0] for m in local], options.tol)
            if profile is not None:
                progress.found.append(profile)
        if searched.timed_out:
            return


def _deduplicate(profiles: list[Profile], tol: float = 1e-7) -> list[Profile]:
    unique: list[Profile] = []
    for profile in profiles:
        flat = np.concatenate(profile)
        if not any(np.max(np.abs(flat - np.concatenate(other))) <= tol for other in unique):
            unique.append(profile)
    unique.sort(key=lambda p: (sum(int(np.count_nonzero(s > 0)) for s in p), [-v for s in p for v in s]))
    return unique
