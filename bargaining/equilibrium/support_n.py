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
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

__all__ = ["SupportSearch", "mixed_equilibrium_profiles", "support_profiles"]

Profile = tuple[NDArray[np.float64], ...]

#: the initial box overhangs the unit cube by these (unequal, non-dyadic) amounts,
#: so that bisection faces never fall on simple fractions such as 1/2, where
#: equilibria of games with small integer payoffs often lie
_OVERHANG = 0.0123456789
_OVERHANG_HIGH = 0.0276543211
#: relative safety margin of the Krawczyk tests against rounding
_SAFETY = 1e-9
_MIN_WIDTH = 1e-10
_ZERO_TOL = 1e-11


@dataclass
class SupportSearch:
    """Options and diagnostics of :func:`mixed_equilibrium_profiles`.

    Attributes
    ----------
    max_boxes
        The most boxes alive at once for a group of supports; beyond it the
        search of that group stops (a continuum of equilibria) and
        ``complete`` becomes False.
    complete
        Whether every support was resolved, i.e. the result is provably the
        set of all isolated equilibria (up to rounding).
    supports_tried, boxes_examined
        Work done.
    unresolved
        The supports (as tuples of strategy indices) the search gave up on.
    """

    max_boxes: int = 20000
    complete: bool = True
    supports_tried: int = 0
    boxes_examined: int = 0
    unresolved: list[tuple[tuple[int, ...], ...]] = field(default_factory=list)


def support_profiles(num_strategies: Sequence[int]) -> Iterator[tuple[tuple[int, ...], ...]]:
    """Every support profile, by total size then lexicographically."""
    per_player = [
        [subset for size in range(1, a + 1) for subset in itertools.combinations(range(a), size)]
        for a in num_strategies
    ]
    profiles = list(itertools.product(*per_player))
    profiles.sort(key=lambda profile: (sum(len(s) for s in profile), profile))
    yield from profiles


def _support_first(
    support: tuple[tuple[int, ...], ...], sizes: tuple[int, ...], player: int
) -> list[NDArray[np.intp]]:
    """Index arrays: the others' supports, and all of ``player``'s strategies, the support first."""
    rest = [t for t in range(sizes[player]) if t not in support[player]]
    return [np.asarray(list(s) + rest) if j == player else np.asarray(s) for j, s in enumerate(support)]


def _dependent_equations(payoffs: NDArray[np.float64], support: tuple[tuple[int, ...], ...]) -> bool:
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


def _conditionally_dominated(payoffs: NDArray[np.float64], support: tuple[tuple[int, ...], ...]) -> bool:
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


class _Group:
    """All supports with the same sizes ``(k_0, ..., k_{n-1})``, evaluated together."""

    def __init__(self, payoffs: NDArray[np.float64], supports: list[tuple[tuple[int, ...], ...]]) -> None:
        self.supports = supports
        self.n = payoffs.shape[0]
        self.sizes = tuple(len(s) for s in supports[0])
        self.offsets = np.cumsum([0, *[k - 1 for k in self.sizes]])
        self.d = int(self.offsets[-1])
        # Player i's k_i - 1 equations involve only the other players' variables; when
        # those are fewer, the equations over-determine them and (unless the game is
        # degenerate) have no common solution. Bisecting those variables first excludes
        # such supports quickly instead of covering the others' solution sets with boxes.
        self.priority = np.zeros(self.d, dtype=bool)
        for i in range(self.n):
            others = [j for j in range(self.n) if j != i]
            if self.sizes[i] - 1 > sum(self.sizes[j] - 1 for j in others):
                for j in others:
                    self.priority[self.offsets[j] : self.offsets[j + 1]] = True
        # reduced payoff tables, one stack per player: (G, k_0, ..., k_{n-1})
        self.tables = [
            np.stack([payoffs[i][np.ix_(*[np.asarray(s) for s in support])] for support in supports])
            for i in range(self.n)
        ]
        # the same with all of player i's own strategies, the support first: for the
        # best-response test (no strategy outside the support may pay more)
        self.full_tables = [
            np.stack([payoffs[i][np.ix_(*_support_first(s, payoffs.shape[1:], i))] for s in supports])
            for i in range(self.n)
        ]
        letters = string.ascii_lowercase[: self.n]
        self.subscripts = [
            ",".join([f"z{letters}", *(f"z{letters[j]}" for j in range(self.n) if j != i)])
            + f"->z{letters[i]}"
            for i in range(self.n)
        ]

    def mixtures(self, y: NDArray[np.float64]) -> list[NDArray[np.float64]]:
        """Each player's probabilities on the support at points ``y`` of shape (m, d)."""
        out = []
        for i in range(self.n):
            free = y[:, self.offsets[i] : self.offsets[i + 1]]
            out.append(np.concatenate([1.0 - free.sum(axis=1, keepdims=True), free], axis=1))
        return out

    def equations(self, y: NDArray[np.float64], group: NDArray[np.intp]) -> NDArray[np.float64]:
        """``F(y)`` of shape (m, d): payoff of each support strategy minus the first's."""
        x = self.mixtures(y)
        parts = []
        for i in range(self.n):
            if self.sizes[i] == 1:
                continue
            operands = [self.tables[i][group]] + [x[j] for j in range(self.n) if j != i]
            values = np.einsum(self.subscripts[i], *operands)
            parts.append(values[:, 1:] - values[:, :1])
        return np.concatenate(parts, axis=1)

    def with_jacobian(
        self, y: NDArray[np.float64], group: NDArray[np.intp]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """``F(y)`` (m, d) and its Jacobian (m, d, d), exact by a unit forward difference."""
        m, d = y.shape
        shifted = (y[:, None, :] + np.eye(d)[None, :, :]).reshape(m * d, d)
        values = self.equations(np.concatenate([y, shifted]), np.concatenate([group, np.repeat(group, d)]))
        f = values[:m]
        jac = (values[m:].reshape(m, d, d) - f[:, None, :]).transpose(0, 2, 1)
        return f, jac

    def corner_values(
        self, lo: NDArray[np.float64], hi: NDArray[np.float64], group: NDArray[np.intp]
    ) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
        """``F`` at the :math:`2^d` corners of each box, shape (m, 2, ..., 2, d), and
        whether each box may hold an equilibrium by the best-response test.

        The corners are a product over players of each player's own corners,
        so each player's payoffs are one contraction of the box's payoff table
        with the other players' corner mixtures (no per-corner gather). The
        payoff advantage of a strategy outside the support over the support is
        multilinear too: if it is positive at every corner, it is positive on
        the whole box, which then holds no equilibrium.
        """
        m = lo.shape[0]
        corners = []  # per player: (m, 2^d_i, k_i)
        for i in range(self.n):
            d_i = self.sizes[i] - 1
            bits = np.array(list(itertools.product((0.0, 1.0), repeat=d_i))).reshape(2**d_i, d_i)
            low = lo[:, self.offsets[i] : self.offsets[i + 1]]
            high = hi[:, self.offsets[i] : self.offsets[i + 1]]
            free = low[:, None, :] + bits[None, :, :] * (high - low)[:, None, :]
            corners.append(np.concatenate([1.0 - free.sum(axis=2, keepdims=True), free], axis=2))
        letters = string.ascii_lowercase[: self.n]
        upper = string.ascii_uppercase[: self.n]
        parts = []
        feasible = np.ones(m, dtype=bool)
        for i in range(self.n):
            k_i = self.sizes[i]
            table = self.full_tables[i][group]
            if k_i == 1 and table.shape[1 + i] == 1:
                continue
            others = [j for j in range(self.n) if j != i]
            subscripts = (
                ",".join([f"z{letters}", *(f"z{upper[j]}{letters[j]}" for j in others)])
                + "->z"
                + "".join(upper[j] for j in others)
                + letters[i]
            )
            values = np.einsum(subscripts, table, *[corners[j] for j in others])
            values = values.reshape(m, -1, values.shape[-1])  # (m, corners of the others, a_i)
            advantage = values[:, :, k_i:] - values[:, :, :1]
            feasible &= ~np.any(advantage.min(axis=1) > _ZERO_TOL, axis=1)
            if k_i == 1:
                continue
            values = values.reshape(m, *[2 ** (self.sizes[j] - 1) for j in others], values.shape[-1])
            values = np.expand_dims(values[..., :k_i], 1 + i)  # the player's own corners: no dependence
            shape = (m, *[2 ** (k - 1) for k in self.sizes], k_i)
            values = np.broadcast_to(values, shape).reshape(m, -1, k_i)
            parts.append(values[:, :, 1:] - values[:, :, :1])
        return np.concatenate(parts, axis=2).reshape(m, *([2] * self.d), self.d), feasible

    def newton(
        self, y: NDArray[np.float64], group: NDArray[np.intp], steps: int = 30
    ) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
        """Newton's method from ``y``; returns the points and which converged."""
        y = y.copy()
        for _ in range(steps):
            f, jac = self.with_jacobian(y, group)
            try:
                step = np.linalg.solve(jac, f[:, :, None])[:, :, 0]
            except np.linalg.LinAlgError:
                step = np.einsum("mij,mj->mi", np.linalg.pinv(jac), f)
            y -= step
            if np.all(np.abs(step) < 1e-15):
                break
        f = self.equations(y, group)
        return y, np.all(np.abs(f) < 1e-9, axis=1) & np.all(np.isfinite(y), axis=1)

    def simplex_feasible(self, lo: NDArray[np.float64]) -> NDArray[np.bool_]:
        ok = np.ones(lo.shape[0], dtype=bool)
        for i in range(self.n):
            ok &= lo[:, self.offsets[i] : self.offsets[i + 1]].sum(axis=1) <= 1.0 + _OVERHANG
        return ok


def _search_group(
    group: _Group, options: SupportSearch, max_boxes: int | None = None
) -> list[tuple[int, NDArray[np.float64]]]:
    """The roots of every support in the group, as (support number, y)."""
    max_boxes = options.max_boxes if max_boxes is None else max_boxes
    d = group.d
    count = len(group.supports)
    if d == 0:
        return [(g, np.zeros(0)) for g in range(count)]
    lo = np.full((count, d), -_OVERHANG)
    hi = np.full((count, d), 1.0 + _OVERHANG_HIGH)
    owner = np.arange(count)
    roots: list[tuple[int, NDArray[np.float64]]] = []
    eye = np.eye(d)
    while len(owner):
        if len(owner) > max_boxes:
            options.complete = False
            options.unresolved.extend(group.supports[g] for g in sorted(set(owner.tolist())))
            break
        options.boxes_examined += len(owner)
        m = len(owner)
        f_corner, responds = group.corner_values(lo, hi, owner)
        flat = f_corner.reshape(m, -1, d)
        # 1. exclusion: an equation that keeps its sign over the box, or a strategy
        #    outside the support that pays more everywhere in it
        keep = np.all((flat.min(axis=1) <= _ZERO_TOL) & (flat.max(axis=1) >= -_ZERO_TOL), axis=1)
        keep &= responds
        keep &= group.simplex_feasible(lo)
        lo, hi, owner, f_corner = lo[keep], hi[keep], owner[keep], f_corner[keep]
        if not len(owner):
            break
        # 2. Krawczyk test; dF/dy_k is the difference across side k, divided by its width
        centre = (lo + hi) / 2
        radius = (hi - lo) / 2
        f_centre, j_centre = group.with_jacobian(centre, owner)
        j_low = np.empty((len(owner), d, d))
        j_high = np.empty((len(owner), d, d))
        for k in range(d):
            slope = (np.take(f_corner, 1, axis=1 + k) - np.take(f_corner, 0, axis=1 + k)).reshape(
                len(owner), -1, d
            ) / (hi[:, k] - lo[:, k])[:, None, None]
            j_low[:, :, k] = slope.min(axis=1)
            j_high[:, :, k] = slope.max(axis=1)
        j_mid = (j_high + j_low) / 2
        j_rad = (j_high - j_low) / 2
        invertible = np.abs(np.linalg.det(j_centre)) > 1e-300
        invertible &= np.linalg.cond(np.where(invertible[:, None, None], j_centre, eye)) < 1e12
        inverse = np.linalg.inv(np.where(invertible[:, None, None], j_centre, eye))
        delta = -np.einsum("mij,mj->mi", inverse, f_centre)
        spread = np.abs(eye - inverse @ j_mid) + np.abs(inverse) @ j_rad
        k_radius = np.einsum("mij,mj->mi", spread, radius)
        slack = _SAFETY * (np.abs(delta) + k_radius + radius) + 1e-15
        unique = invertible & np.all(np.abs(delta) + k_radius + slack < radius, axis=1)
        empty = invertible & np.any(np.abs(delta) > radius + k_radius + slack, axis=1)
        if np.any(unique):
            # Newton from the centre; a step that leaves the box (possible for full Newton,
            # which Krawczyk's contraction does not cover) sends the box back to bisection
            found, ok = group.newton(centre[unique], owner[unique])
            margin = 1e-9 * (1.0 + radius[unique])
            ok &= np.all((found >= lo[unique] - margin) & (found <= hi[unique] + margin), axis=1)
            roots.extend((int(g), y) for g, y, good in zip(owner[unique][ok], found[ok], ok[ok], strict=True))
            unique[np.flatnonzero(unique)[~ok]] = False
        rest = ~unique & ~empty
        rest_index = np.flatnonzero(rest)
        lo, hi, owner = lo[rest], hi[rest], owner[rest]
        # 3. boxes too small to split: a singular root; polish and keep it if it converges
        width = hi - lo
        tiny = width.max(axis=1) < _MIN_WIDTH
        if np.any(tiny):
            found, ok = group.newton((lo[tiny] + hi[tiny]) / 2, owner[tiny])
            roots.extend((int(g), y) for g, y, good in zip(owner[tiny], found, ok, strict=True) if good)
            lo, hi, owner, width = lo[~tiny], hi[~tiny], owner[~tiny], width[~tiny]
            rest_index = rest_index[~tiny]
        # 4. bisect the side along which the equations vary most (width times the
        #    largest slopes); over-determined variables first (see _Group)
        if np.any(group.priority):
            axis = np.where(group.priority, width, width * 1e-9).argmax(axis=1)
        else:
            axis = (width * (np.abs(j_mid) + j_rad).sum(axis=1)[rest_index]).argmax(axis=1)
        rows = np.arange(len(owner))
        middle = (lo[rows, axis] + hi[rows, axis]) / 2
        lo_right = lo.copy()
        lo_right[rows, axis] = middle
        hi_left = hi.copy()
        hi_left[rows, axis] = middle
        lo = np.concatenate([lo, lo_right])
        hi = np.concatenate([hi_left, hi])
        owner = np.concatenate([owner, owner])
    return roots


def regrets(payoffs: NDArray[np.float64], profile: Profile) -> NDArray[np.float64]:
    r"""Each player's regret :math:`\max_s u_i(s, \sigma_{-i}) - u_i(\sigma)` at a mixed profile."""
    n = payoffs.shape[0]
    out = np.empty(n)
    for i in range(n):
        table = payoffs[i]
        for j in reversed(range(n)):
            if j != i:
                table = np.tensordot(table, profile[j], axes=([j], [0]))
        out[i] = table.max() - table @ profile[i]
    return out


def mixed_equilibrium_profiles(
    payoff_array: NDArray[np.float64], options: SupportSearch | None = None, tol: float = 1e-8
) -> list[Profile]:
    """All isolated Nash equilibria (pure and mixed) of a small game.

    Parameters
    ----------
    payoff_array
        Payoffs of shape ``(n, a_0, ..., a_{n-1})``.
    options
        Search options; on return it holds diagnostics (``complete``).
    tol
        Accepted regret and negative probability, relative to each player's
        payoff range.

    Returns
    -------
    list of tuple of numpy.ndarray
        One mixed strategy per player for each equilibrium, ordered by total
        support size.
    """
    options = options if options is not None else SupportSearch()
    payoffs = _normalised(np.asarray(payoff_array, dtype=np.float64))
    sizes = payoffs.shape[1:]
    # supports grouped by their sizes, and whether some player's equations are dependent
    groups: dict[tuple[tuple[int, ...], bool], list[tuple[tuple[int, ...], ...]]] = {}
    for support in support_profiles(sizes):
        options.supports_tried += 1
        if not _conditionally_dominated(payoffs, support):
            key = (tuple(len(s) for s in support), _dependent_equations(payoffs, support))
            groups.setdefault(key, []).append(support)
    found: list[tuple[tuple[tuple[int, ...], ...], Profile]] = []
    for key in sorted(groups, key=lambda k: (sum(k[0]), k)):
        group = _Group(payoffs, groups[key])
        # dependent equations leave a free direction: the support's solutions, if
        # any, form a continuum, which a smaller budget detects as well
        budget = max(500, options.max_boxes // 20) if key[1] else options.max_boxes
        for g, y in _search_group(group, options, budget):
            support = group.supports[g]
            local = group.mixtures(y[None, :])
            profile = []
            for i, strategies in enumerate(support):
                sigma = np.zeros(sizes[i])
                sigma[list(strategies)] = local[i][0]
                profile.append(sigma)
            if min(sigma.min() for sigma in profile) < -tol:
                continue
            clean = tuple(np.clip(sigma, 0.0, None) / np.clip(sigma, 0.0, None).sum() for sigma in profile)
            if np.all(regrets(payoffs, clean) <= tol):
                found.append((support, clean))
    return _deduplicate([profile for _, profile in found])


def _normalised(payoffs: NDArray[np.float64]) -> NDArray[np.float64]:
    """Each player's payoffs mapped affinely onto [0, 1] (equilibria are unchanged)."""
    out = np.empty_like(payoffs)
    for i in range(payoffs.shape[0]):
        low, high = payoffs[i].min(), payoffs[i].max()
        out[i] = (payoffs[i] - low) / (high - low) if high > low else 0.0
    return out


def _deduplicate(profiles: list[Profile], tol: float = 1e-7) -> list[Profile]:
    unique: list[Profile] = []
    for profile in profiles:
        flat = np.concatenate(profile)
        if not any(np.max(np.abs(flat - np.concatenate(other))) <= tol for other in unique):
            unique.append(profile)
    unique.sort(key=lambda p: (sum(int(np.count_nonzero(s > 0)) for s in p), [-v for s in p for v in s]))
    return unique
