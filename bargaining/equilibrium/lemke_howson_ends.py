r"""Where a Lemke-Howson path ends: verified, and followed again exactly when floating point fails.

The lexicographic Lemke-Howson path (:mod:`.lemke_howson`) always ends at an
equilibrium in exact arithmetic. In floating point a ratio test can be
decided wrongly once rounding errors reach the tolerance (on degenerate games,
after some hundreds of pivots); the path then leaves the true one and may
cycle, wander, or end at a basis that is not an equilibrium. So each label is
followed in three steps:

1. the floating-point path (fast); a repeated pair of bases, which the
   exact rule never produces, stops it at once (:class:`SolverError` with
   ``status="cycle"``);
2. its end is verified: by :meth:`Equilibrium.is_nash` in floating point, or
   with ``exact=True`` by recomputing the vertex pair from its bases in
   rational arithmetic and an exact best-response check (no tolerance);
3. if floating point is proven wrong (a repeated pair of bases, an
   infeasible basis at the pivot limit, or an end that fails its check), the
   path is followed again *from the start* in exact arithmetic (integer
   pivoting, :mod:`.integer_tableau`), where the lexicographic rule is
   exact, and its end is checked exactly. A note says that this happened.

Abandoned, with a note: a path that reaches ``max_pivots`` with feasible
bases (a genuinely long path: the exact path is the same, only slower), one
longer than ``max_pivots`` in exact arithmetic, and, in floating-point mode,
a failed path of a game above :data:`MAX_EXACT_PATH_CELLS` payoff cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.bimatrix import ExactProfile, Profile
from bargaining.equilibrium.budget import Budget
from bargaining.equilibrium.exact import exact_positive_matrix, solve_exact
from bargaining.equilibrium.lemke_howson import lemke_howson_path
from bargaining.equilibrium.polytope import positive_matrix
from bargaining.equilibrium.results import Equilibrium
from bargaining.errors import SolverError
from bargaining.games.normal_form import NormalFormGame

__all__ = ["MAX_EXACT_PATH_CELLS", "LabelEnd", "LabelFollower"]

#: in floating-point mode, a failed path is followed again exactly only for games up to this many cells
MAX_EXACT_PATH_CELLS = 10_000

#: why a floating-point path was not accepted, by SolverError status
_FAILURES = {
    "cycle": "repeated a pair of bases",
    "astray": "reached an infeasible basis",
    "max_pivots": "reached the pivot limit",
    "unbounded": "found no leaving row",
}


@dataclass(frozen=True, slots=True)
class LabelEnd:
    """The verified end of the Lemke-Howson path from one label, or why there is none.

    Attributes
    ----------
    label
        The initially dropped label.
    profile
        The equilibrium reached (normalised mixed strategies), or ``None``.
    exact_profile
        The same in Fractions when it was computed and checked exactly.
    pivots
        Pivots of the path that gave the answer.
    arithmetic
        ``"floating point"`` or ``"exact"``: the arithmetic of that path.
    note
        What went wrong on the way, if anything (the path was followed again
        exactly, skipped or abandoned).
    """

    label: int
    profile: Profile | None
    exact_profile: ExactProfile | None
    pivots: int
    arithmetic: str
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "label": self.label,
            "profile": None if self.profile is None else [p.tolist() for p in self.profile],
            "exact_profile": None
            if self.exact_profile is None
            else [[str(v) for v in side] for side in self.exact_profile],
            "pivots": self.pivots,
            "arithmetic": self.arithmetic,
            "note": self.note,
        }


class LabelFollower:
    """Follows Lemke-Howson paths of one two-player game, label by label (see the module docstring).

    Parameters
    ----------
    game
        A two-player game.
    exact
        Verify each end in rational arithmetic, and report Fractions.
    max_pivots
        Pivots allowed per path, in each arithmetic.
    budget
        A time budget checked between pivots (a path under way raises
        :class:`~bargaining.equilibrium.budget.TimeLimitReached`).
    """

    def __init__(
        self, game: NormalFormGame, exact: bool, max_pivots: int, budget: Budget | None = None
    ) -> None:
        self.game = game
        self.exact = exact
        self.max_pivots = max_pivots
        self.budget = budget
        payoff_a, payoff_b = game.payoff_matrices
        self.positive = (positive_matrix(payoff_a), positive_matrix(payoff_b))
        self._payoffs: NDArray[np.object_] | None = None
        self._rational: tuple[NDArray[np.object_], NDArray[np.object_]] | None = None

    @property
    def rational_payoffs(self) -> NDArray[np.object_]:
        """The game's payoffs as Fractions (:meth:`NormalFormGame.rational_payoff_array`), computed once."""
        if self._payoffs is None:
            self._payoffs = self.game.rational_payoff_array()
        return self._payoffs

    @property
    def rational(self) -> tuple[NDArray[np.object_], NDArray[np.object_]]:
        """The exact positive images of :math:`A` and :math:`B` (Fractions in [1, 2]), computed once."""
        if self._rational is None:
            payoffs = self.rational_payoffs
            self._rational = (
                np.array(exact_positive_matrix(payoffs[0]), dtype=object),
                np.array(exact_positive_matrix(payoffs[1]), dtype=object),
            )
        return self._rational

    def follow(self, label: int) -> LabelEnd:
        """The verified end of the path that drops ``label``."""
        try:
            path = lemke_howson_path(*self.positive, label, max_pivots=self.max_pivots, budget=self.budget)
        except SolverError as error:
            if error.status not in _FAILURES:
                raise
            failure = _FAILURES[error.status]
            if error.status == "max_pivots":  # its bases are feasible: a long path, as long exactly
                note = f"the path from label {label} was abandoned after {self.max_pivots} pivots"
                return LabelEnd(label, None, None, 0, "floating point", note)
        else:
            end = self._verified_float_end(path.nonbasic_p, path.nonbasic_q, path.x, path.y)
            if end is not None:
                return LabelEnd(label, end[0], end[1], path.pivots, "floating point")
            failure = "ended at a basis that is not an equilibrium"
        m, n = self.game.num_strategies
        start = f"the path from label {label} {failure} in floating point"
        if not self.exact and m * n > MAX_EXACT_PATH_CELLS:
            note = (
                f"{start}; the game has more than {MAX_EXACT_PATH_CELLS} cells, so it was not followed "
                "in exact arithmetic (exact=True does): skipped"
            )
            return LabelEnd(label, None, None, 0, "floating point", note)
        try:
            exact_profile, pivots = self.exact_end(label)
        except SolverError as error:
            if error.status != "max_pivots":
                raise
            note = f"{start}; in exact arithmetic it is longer than {self.max_pivots} pivots: abandoned"
            return LabelEnd(label, None, None, 0, "exact", note)
        note = f"{start}; followed again in exact arithmetic from the start, it ended after {pivots} pivots"
        kept = exact_profile if self.exact else None
        return LabelEnd(label, _floats(exact_profile), kept, pivots, "exact", note)

    def exact_end(self, label: int) -> tuple[ExactProfile, int]:
        """The end of the path from ``label`` in exact arithmetic, checked exactly, and its pivots.

        Raises
        ------
        SolverError
            ``status="max_pivots"`` if the path is longer than ``max_pivots``.
        """
        path = lemke_howson_path(*self.rational, label, max_pivots=self.max_pivots, budget=self.budget)
        profile = (_normalised([Fraction(v) for v in path.x]), _normalised([Fraction(v) for v in path.y]))
        if not self.is_exact_equilibrium(profile):  # pragma: no cover - the exact lexicographic path is sound
            raise SolverError(f"exact Lemke-Howson from label {label} did not end at an equilibrium")
        return profile, path.pivots

    def is_exact_equilibrium(self, profile: ExactProfile) -> bool:
        r"""The exact best-response check on the game's own payoffs, with no tolerance.

        :math:`(x, y)` is an equilibrium iff both are probability vectors and
        every strategy played with positive probability is a best response:
        :math:`(A y)_i = \max_k (A y)_k` for :math:`x_i > 0`, and
        :math:`(x^\top B)_j = \max_k (x^\top B)_k` for :math:`y_j > 0`.
        """
        x, y = profile
        if any(v < 0 for v in (*x, *y)) or sum(x) != 1 or sum(y) != 1:
            return False
        payoffs = self.rational_payoffs
        return _plays_best_responses(payoffs[0], x, y) and _plays_best_responses(payoffs[1].T, y, x)

    def _verified_float_end(
        self,
        nonbasic_p: tuple[int, ...],
        nonbasic_q: tuple[int, ...],
        x: NDArray[np.float64],
        y: NDArray[np.float64],
    ) -> tuple[Profile, ExactProfile | None] | None:
        """The end of a floating-point path if it passes its check (exact if ``exact``), else ``None``."""
        profile: Profile = (x / x.sum(), y / y.sum())
        if not self.exact and Equilibrium.from_profile(self.game, profile).is_nash(self.game):
            return profile, None
        exact_profile = self.vertex_pair_of_bases(nonbasic_p, nonbasic_q)
        if exact_profile is None or not self.is_exact_equilibrium(exact_profile):
            return None
        return _floats(exact_profile), exact_profile if self.exact else None

    def vertex_pair_of_bases(
        self, nonbasic_p: tuple[int, ...], nonbasic_q: tuple[int, ...]
    ) -> ExactProfile | None:
        r"""The mixed strategies of the vertices of :math:`P` and :math:`Q` with these bases, exactly.

        In :math:`P` the non-basic labels :math:`i < m` are the zero
        coordinates :math:`x_i = 0` and the labels :math:`m + j` the tight
        constraints :math:`(B^\top x)_j = 1`; on the support :math:`S` this is
        the square system :math:`B_{S T}^\top x_S = \mathbf 1`, solved in
        Fractions (and likewise in :math:`Q` with :math:`A`). ``None`` if a
        system is singular or its solution is not a non-zero point
        :math:`\ge 0`.
        """
        m, n = self.game.num_strategies
        exact_a, exact_b = self.rational
        x = _support_vertex(exact_b, [k for k in nonbasic_p if k < m], [k - m for k in nonbasic_p if k >= m])
        y = _support_vertex(
            exact_a.T, [k - m for k in nonbasic_q if k >= m], [k for k in nonbasic_q if k < m]
        )
        if x is None or y is None:
            return None
        return _normalised(x), _normalised(y)


def _support_vertex(matrix: NDArray[np.object_], zero: list[int], tight: list[int]) -> list[Fraction] | None:
    r"""The point :math:`x \ge 0` with :math:`x_{zero} = 0` and :math:`(M^\top x)_{tight} = 1`, if unique."""
    zeros = set(zero)
    support = [i for i in range(matrix.shape[0]) if i not in zeros]
    if len(support) != len(tight) or not support:
        return None
    rows = [[matrix[i, j] for i in support] for j in tight]
    solution = solve_exact(rows, [Fraction(1)] * len(tight))
    if solution is None or any(v < 0 for v in solution):
        return None
    point = [Fraction(0)] * matrix.shape[0]
    for i, v in zip(support, solution, strict=True):
        point[i] = v
    return point


def _floats(profile: ExactProfile) -> Profile:
    """An exact profile in floating point."""
    return np.array([float(v) for v in profile[0]]), np.array([float(v) for v in profile[1]])


def _normalised(point: list[Fraction]) -> list[Fraction]:
    """``point / sum(point)``."""
    total = sum(point, Fraction(0))
    return [v / total for v in point]


def _plays_best_responses(payoffs: NDArray[np.object_], own: list[Fraction], other: list[Fraction]) -> bool:
    r"""Whether every strategy in the support of ``own`` maximises :math:`(M \cdot other)_i`, exactly."""
    support = [(j, v) for j, v in enumerate(other) if v]
    values = [sum((payoffs[i, j] * v for j, v in support), Fraction(0)) for i in range(len(own))]
    best = max(values)
    return all(value == best for value, p in zip(values, own, strict=True) if p)
