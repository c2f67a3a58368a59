r"""The nucleolus and the prenucleolus (Schmeidler 1969): sequential LPs, then exact confirmation.

The nucleolus minimises the excesses :math:`e(S, x) = v(S) - x(S)`
lexicographically, largest first, over the imputations
(:math:`x(N) = v(N)`, :math:`x_i \ge v(\{i\})`); the prenucleolus over all
pre-imputations (:math:`x(N) = v(N)` only). It is computed as a sequence of
linear programmes (Maschler, Peleg and Shapley 1979), each through scipy's
HiGHS:

.. math::

    \varepsilon_k = \min \varepsilon \quad \text{s.t.}\quad
    v(S) - x(S) \le \varepsilon \;(S \text{ free}),\quad
    v(S) - x(S) = \varepsilon_j \;(S \text{ fixed at stage } j < k).

After each stage the coalitions with a positive dual multiplier are tight on
every optimum (complementary slackness), so they are fixed at
:math:`\varepsilon_k`; a coalition whose indicator lies in the span of the
fixed ones is dropped; the sequence ends when the fixed coalitions determine
:math:`x`. For games of at most :data:`EXACT_MAX_PLAYERS` players the answer
is then confirmed in exact rationals: the fixed equations are solved in
:class:`~fractions.Fraction` and Kohlberg's (1971) criterion is checked
(:mod:`bargaining.coalitional.exact`); the result says whether it was.

The first stage is the least core: :math:`\varepsilon_1 \le 0` iff the core is
non-empty.

Examples
--------
>>> from bargaining.model.coalitional import CoalitionalGame
>>> glove = CoalitionalGame.glove(["left"], ["right_1", "right_2"])
>>> result = nucleolus(glove)
>>> [str(x) for x in result.allocation.exact], result.confirmed
(['1', '0', '0'], True)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.coalitional.exact import kohlberg_certifies, solve_unique
from bargaining.coalitional.results import Allocation, fraction_text
from bargaining.errors import InvalidGameError, SolverError
from bargaining.model.coalitional import CoalitionalGame

__all__ = ["EXACT_MAX_PLAYERS", "NucleolusResult", "incidence", "nucleolus", "prenucleolus"]

#: the most players for which the nucleolus is confirmed in exact arithmetic
EXACT_MAX_PLAYERS = 6
_DUAL_TOL = 1e-9


@dataclass(frozen=True, slots=True)
class NucleolusResult:
    """The (pre)nucleolus with the LP sequence that found it.

    Attributes
    ----------
    allocation
        The payoffs (``exact`` set when confirmed).
    levels
        :math:`\\varepsilon_1 \\ge \\varepsilon_2 \\ge \\dots`: the excess fixed at each stage.
    stages
        The coalitions fixed at each stage (masks).
    confirmed
        Whether the answer was confirmed in exact arithmetic (Kohlberg's criterion).
    exact_levels
        The levels as fractions, when confirmed.
    """

    allocation: Allocation
    levels: tuple[float, ...]
    stages: tuple[tuple[int, ...], ...]
    confirmed: bool
    exact_levels: tuple[Fraction, ...] | None = None

    @property
    def least_core_epsilon(self) -> float:
        """:math:`\\varepsilon_1` (for the prenucleolus: the least core's; <= 0 iff the core is non-empty)."""
        return self.levels[0]

    def to_dict(self) -> dict[str, Any]:
        """Plain floats, strings and lists."""
        return {
            **self.allocation.to_dict(),
            "levels": list(self.levels),
            "exact_levels": None
            if self.exact_levels is None
            else [fraction_text(x) for x in self.exact_levels],
            "stages": [list(s) for s in self.stages],
            "confirmed": self.confirmed,
        }

    def to_table(self) -> str:
        """The allocation's table."""
        return self.allocation.to_table()

    def __repr__(self) -> str:
        return f"NucleolusResult({self.allocation!r}, {len(self.levels)} stages, confirmed={self.confirmed})"

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per player: the payoff, as a pandas DataFrame."""
        return self.allocation.to_frame()


def incidence(n: int) -> NDArray[np.float64]:
    """``(2**n, n)``: row ``S`` is the indicator vector of coalition ``S``."""
    masks = np.arange(1 << n, dtype=np.int64)
    return ((masks[:, None] >> np.arange(n)) & 1).astype(np.float64)


def _stage(
    values: NDArray[np.float64],
    rows: NDArray[np.float64],
    free: list[int],
    fixed: list[tuple[int, float]],
    bounds: list[tuple[float | None, float | None]],
) -> tuple[float, NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """One LP: (epsilon, x, duals of the free coalitions, duals of the lower bounds on x)."""
    from scipy.optimize import linprog

    n = rows.shape[1]
    grand = (1 << n) - 1
    a_ub = np.hstack([-rows[free], -np.ones((len(free), 1))])
    b_ub = -values[free]
    eq_masks = [grand] + [m for m, _ in fixed]
    a_eq = np.hstack([rows[eq_masks], np.zeros((len(eq_masks), 1))])
    # a lower bound at its value with a positive dual is fixed too: x_i = v({i}) as an equality
    b_eq = np.array([values[grand]] + [values[m] - level for m, level in fixed])
    c = np.zeros(n + 1)
    c[-1] = 1.0
    res = linprog(
        c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=[*bounds, (None, None)], method="highs"
    )
    if res.status != 0:
        raise SolverError(f"the nucleolus LP failed: {res.message}")
    return (
        float(res.x[-1]),
        np.asarray(res.x[:n]),
        -np.asarray(res.ineqlin.marginals),
        np.asarray(res.lower.marginals[:n]),
    )


def _in_span(basis: NDArray[np.float64], candidates: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Whether each row of ``candidates`` is a linear combination of the rows of ``basis``."""
    _, singular, vt = np.linalg.svd(basis, full_matrices=False)
    space = vt[singular > 1e-9 * singular[0]]
    residual = candidates - (candidates @ space.T) @ space
    norms: NDArray[np.bool_] = np.linalg.norm(residual, axis=1) < 1e-9
    return norms


def _sequence(
    game: CoalitionalGame, imputation: bool
) -> tuple[NDArray[np.float64], list[float], list[list[int]], list[int]]:
    """The LP sequence: (x, the levels, the coalitions fixed at each stage, the players held at v({i}))."""
    values = game.dense("the nucleolus")
    n = game.n
    rows = incidence(n)
    if imputation:
        singles = values[[1 << i for i in range(n)]]
        if singles.sum() > values[-1] + 1e-12 * max(1.0, abs(values[-1])):
            raise InvalidGameError(
                f"the imputation set is empty (the players alone get {singles.sum():g} > "
                f"v(N) = {values[-1]:g}), "
                "so the nucleolus does not exist; use the prenucleolus"
            )
        bounds: list[tuple[float | None, float | None]] = [(float(s), None) for s in singles]
    else:
        bounds = [(None, None)] * n
    free = list(range(1, (1 << n) - 1))
    fixed: list[tuple[int, float]] = []
    floors: list[int] = []
    basis = rows[[(1 << n) - 1]]
    levels: list[float] = []
    stages: list[list[int]] = []
    x = np.zeros(n)
    while free:
        eps, x, duals, lower = _stage(values, rows, free, fixed, bounds)
        tight = [m for m, d in zip(free, duals, strict=True) if d > _DUAL_TOL]
        if not tight:
            tight = [free[int(np.argmax(duals))]]
        floors += [i for i in range(n) if imputation and lower[i] > _DUAL_TOL and i not in floors]
        levels.append(eps)
        stages.append(tight)
        fixed += [(m, eps) for m in tight]
        basis = np.vstack([rows[[(1 << n) - 1]], rows[[m for m, _ in fixed]], rows[[1 << i for i in floors]]])
        if np.linalg.matrix_rank(basis) == n:
            break
        rest = [m for m in free if m not in tight]
        free = [m for m, inside in zip(rest, _in_span(basis, rows[rest]), strict=True) if not inside]
    return x, levels, stages, floors


def _confirm(
    game: CoalitionalGame,
    x: NDArray[np.float64],
    stages: list[list[int]],
    floors: list[int],
    imputation: bool,
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None:
    """The exact (x, levels) the stages determine, if Kohlberg's criterion holds for them."""
    values = [Fraction(repr(float(v))) for v in game.dense("the nucleolus")]
    n, k = game.n, len(stages)
    grand = (1 << n) - 1
    equations = [[Fraction(grand >> i & 1) for i in range(n)] + [Fraction(0)] * k]
    rhs = [values[grand]]
    for j, masks in enumerate(stages):
        for m in masks:
            equations.append(
                [Fraction(m >> i & 1) for i in range(n)] + [Fraction(int(j == t)) for t in range(k)]
            )
            rhs.append(values[m])
    for i in floors:
        equations.append([Fraction(int(i == t)) for t in range(n)] + [Fraction(0)] * k)
        rhs.append(values[1 << i])
    solution = solve_unique(equations, rhs)
    if solution is None:
        candidate = tuple(Fraction(float(xi)).limit_denominator(10**6) for xi in x)
        levels: tuple[Fraction, ...] = ()
    else:
        candidate, levels = solution[:n], solution[n:]
    if not kohlberg_certifies(values, candidate, imputation):
        return None
    return candidate, levels


def _solve(game: CoalitionalGame, imputation: bool, exact: bool | None) -> NucleolusResult:
    x, levels, stages, floors = _sequence(game, imputation)
    concept = "nucleolus" if imputation else "prenucleolus"
    check = game.n <= EXACT_MAX_PLAYERS if exact is None else exact
    confirmed = _confirm(game, x, stages, floors, imputation) if check else None
    if confirmed is not None:
        point, exact_levels = confirmed
        note = f"{len(levels)} LPs (HiGHS), confirmed in exact arithmetic (Kohlberg's criterion)"
        allocation = Allocation(concept, game.players, tuple(float(p) for p in point), point, note=note)
        shown = tuple(float(t) for t in exact_levels) if exact_levels else tuple(levels)
        return NucleolusResult(allocation, shown, tuple(map(tuple, stages)), True, exact_levels or None)
    why = "the exact check failed" if check else f"more than {EXACT_MAX_PLAYERS} players: not checked exactly"
    note = f"{len(levels)} LPs (HiGHS), floating point ({why})"
    allocation = Allocation(concept, game.players, tuple(float(p) for p in x), note=note)
    return NucleolusResult(allocation, tuple(levels), tuple(map(tuple, stages)), False)


def nucleolus(game: CoalitionalGame, exact: bool | None = None) -> NucleolusResult:
    """The nucleolus (over imputations).

    Parameters
    ----------
    exact
        Confirm in exact arithmetic: ``None`` (default) for games of at most
        :data:`EXACT_MAX_PLAYERS` players, ``True`` always, ``False`` never.

    Raises
    ------
    InvalidGameError
        If the imputation set is empty (:math:`\\sum_i v(\\{i\\}) > v(N)`).
    """
    return _solve(game, True, exact)


def prenucleolus(game: CoalitionalGame, exact: bool | None = None) -> NucleolusResult:
    """The prenucleolus (over pre-imputations); ``exact`` as for :func:`nucleolus`."""
    return _solve(game, False, exact)
