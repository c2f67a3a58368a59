r"""Iterated elimination of dominated strategies, by pure strategies and by mixtures.

Strategy :math:`s` of player :math:`i` is *strictly dominated* by a mixed
strategy :math:`p` over the player's other strategies when

.. math:: \sum_t p_t\, u_i(t, s_{-i}) > u_i(s, s_{-i}) \quad \text{for every } s_{-i},

and *weakly dominated* when the inequality holds with :math:`\ge` everywhere
and strictly somewhere. A strictly dominated strategy is never a best response,
so removing it keeps every Nash equilibrium (and creates none); iterating
until nothing is dominated gives the same reduced game in any order
(Gilboa, Kalai & Zemel 1990). Weak dominance may remove equilibria and its
result can depend on the order; here one weakly dominated strategy is removed
at a time, in player order, and the order is reported.

A pure dominator is found by comparing rows; domination by a mixture is a
linear programme (solved with :func:`scipy.optimize.linprog`, HiGHS):

.. math::

    \max_{p \ge 0,\ \varepsilon} \varepsilon \quad \text{s.t.} \quad
    \sum_t p_t R_{tc} \ge R_{sc} + \varepsilon\ \forall c, \qquad \sum_t p_t = 1,

where :math:`R` has one column per profile :math:`c` of the others'
remaining strategies; :math:`s` is strictly dominated iff the optimum is
positive. For weak dominance the objective is the total slack
:math:`\sum_c (\sum_t p_t R_{tc} - R_{sc})` subject to every slack being
non-negative. Positive means larger than ``tol`` times the player's payoff range.

References
----------
Gilboa, I., Kalai, E. & Zemel, E. (1990). On the order of eliminating dominated
strategies. *Operations Research Letters* 9(2), 85-89.
Myerson, R. B. (1991). *Game Theory: Analysis of Conflict*, section 3.9. Harvard.

Examples
--------
>>> from bargaining.games.normal_form import NormalFormGame
>>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                                 strategies=[["cooperate", "defect"], ["cooperate", "defect"]])
>>> result = iterated_dominance(pd)
>>> [(e.player, e.strategy) for e in result.eliminated]
[('player_0', 'cooperate'), ('player_1', 'cooperate')]
>>> result.reduced.strategies
(('defect',), ('defect',))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from bargaining.games.normal_form import NormalFormGame

__all__ = ["DominanceResult", "Elimination", "iterated_dominance"]


@dataclass(frozen=True, slots=True)
class Elimination:
    """One eliminated strategy.

    Attributes
    ----------
    round
        The round of elimination, from 1 (strict: all strategies dominated in
        the same game share a round; weak: one strategy per round).
    player, strategy
        Who lost which strategy.
    dominated_by
        The dominating mixture, ``{strategy: probability}`` (one entry for a
        pure dominator).
    margin
        The smallest payoff gain of the dominator over the eliminated strategy
        (strict), or the total gain (weak).
    """

    round: int
    player: str
    strategy: str
    dominated_by: dict[str, float]
    margin: float

    @property
    def by_mixture(self) -> bool:
        """Whether only a mixture (no pure strategy) dominates."""
        return len(self.dominated_by) > 1

    def describe_dominator(self) -> str:
        """``defect`` or ``0.5 hold + 0.5 withdraw``."""
        if not self.by_mixture:
            return next(iter(self.dominated_by))
        return " + ".join(f"{p:.4g} {name}" for name, p in self.dominated_by.items())

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "round": self.round,
            "player": self.player,
            "strategy": self.strategy,
            "dominated_by": dict(self.dominated_by),
            "by_mixture": self.by_mixture,
            "margin": self.margin,
        }


@dataclass(frozen=True, slots=True, eq=False)
class DominanceResult:
    """The outcome of :func:`iterated_dominance`.

    Attributes
    ----------
    game
        The original game.
    reduced
        The game that remains (same players; the surviving strategies, exact
        payoffs kept).
    eliminated
        The eliminations in order.
    weak, mixed
        Whether weak dominance and domination by mixtures were used.
    """

    game: NormalFormGame
    reduced: NormalFormGame
    eliminated: tuple[Elimination, ...]
    weak: bool
    mixed: bool

    @property
    def remaining(self) -> tuple[tuple[str, ...], ...]:
        """Each player's surviving strategies."""
        return self.reduced.strategies

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {
            "game": self.game.summary(),
            "dominance": "weak" if self.weak else "strict",
            "mixtures": self.mixed,
            "eliminated": [e.to_dict() for e in self.eliminated],
            "remaining": {p: list(self.remaining[i]) for i, p in enumerate(self.game.players)},
        }

    def to_table(self) -> str:
        """The eliminations as a table, then the surviving strategies."""
        from bargaining.table import format_table

        kind = "weakly" if self.weak else "strictly"
        by = "pure strategies or mixtures" if self.mixed else "pure strategies"
        title = f"{self.game.summary()} -- strategies {kind} dominated by {by}"
        rows = [[e.round, e.player, e.strategy, e.describe_dominator(), e.margin] for e in self.eliminated]
        if rows:
            headers = ["round", "player", "eliminated", "dominated by", "margin"]
            lines = [format_table(headers, rows, title=title)]
        else:
            lines = [title, "No strategy is dominated."]
        lines.append("Remaining:")
        lines.extend(f"  {p}: {', '.join(self.remaining[i])}" for i, p in enumerate(self.game.players))
        return "\n".join(lines)

    def __repr__(self) -> str:
        sizes = "x".join(str(len(s)) for s in self.remaining)
        return f"DominanceResult({len(self.eliminated)} eliminated, reduced to {sizes})"

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per eliminated strategy, in the order of elimination, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_dict()["eliminated"])


def _rows(payoffs: NDArray[Any], player: int, keep: list[list[int]]) -> NDArray[np.float64]:
    """Player's payoffs on the remaining strategies: own strategy x others' remaining profiles."""
    table = payoffs[player][np.ix_(*[np.asarray(k) for k in keep])]
    return np.asarray(np.moveaxis(table, player, 0).reshape(len(keep[player]), -1), dtype=np.float64)


def _pure_dominator(rows: NDArray[np.float64], s: int, weak: bool, tol: float) -> tuple[int, float] | None:
    gains = rows - rows[s]
    for t in range(len(rows)):
        if t == s:
            continue
        if not weak and np.all(gains[t] > tol):
            return t, float(gains[t].min())
        if weak and np.all(gains[t] >= -tol) and np.any(gains[t] > tol):
            return t, float(gains[t].sum())
    return None


def _mixed_dominator(
    rows: NDArray[np.float64], s: int, weak: bool, tol: float
) -> tuple[NDArray[np.float64], float] | None:
    """The LP in the module docstring; returns (mixture over all rows, margin) or None."""
    from scipy.optimize import linprog

    others = [t for t in range(len(rows)) if t != s]
    if len(others) < 2:  # a mixture of one strategy is pure, already tried
        return None
    r = rows[others]  # (k, m)
    k, m = r.shape
    if weak:
        # max sum_c (p @ r)_c  s.t.  p @ r >= rows[s], sum p = 1, p >= 0
        result = linprog(
            -r.sum(axis=1),
            A_ub=-r.T,
            b_ub=-rows[s],
            A_eq=np.ones((1, k)),
            b_eq=[1.0],
            bounds=[(0, None)] * k,
            method="highs",
        )
        if result.status != 0:
            return None
        margin = float(-result.fun - rows[s].sum())
    else:
        # variables (p, eps): max eps  s.t.  rows[s] + eps - p @ r <= 0
        c = np.zeros(k + 1)
        c[-1] = -1.0
        a_ub = np.hstack([-r.T, np.ones((m, 1))])
        a_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
        result = linprog(
            c,
            A_ub=a_ub,
            b_ub=-rows[s],
            A_eq=a_eq,
            b_eq=[1.0],
            bounds=[(0, None)] * k + [(None, None)],
            method="highs",
        )
        if result.status != 0:
            return None
        margin = float(-result.fun)
    if margin <= tol:
        return None
    p = np.clip(result.x[:k], 0.0, None)
    full = np.zeros(len(rows))
    full[others] = p / p.sum()
    gains = full @ rows - rows[s]  # re-check the dominance with the returned mixture
    if weak and (np.any(gains < -tol) or gains.sum() <= tol):
        return None
    if not weak and np.any(gains <= tol):
        return None
    return full, float(gains.sum() if weak else gains.min())


def iterated_dominance(
    game: NormalFormGame, weak: bool = False, mixed: bool = True, tol: float = 1e-9
) -> DominanceResult:
    """Remove dominated strategies until none is left.

    Parameters
    ----------
    game
        Any normal-form game.
    weak
        Use weak instead of strict dominance (one strategy removed per round).
    mixed
        Also test domination by mixtures (a linear programme per strategy);
        otherwise only by pure strategies.
    tol
        Gains up to ``tol`` times the player's payoff range count as zero.

    Returns
    -------
    DominanceResult
        The reduced game and the order of elimination.
    """
    from bargaining.games.normal_form import NormalFormGame

    exact = game.exact_payoff_array
    payoffs: NDArray[Any] = game.payoff_array
    keep = [list(range(a)) for a in game.num_strategies]
    scale = [max(float(np.ptp(payoffs[i])), 1e-300) for i in range(game.num_players)]
    eliminated: list[Elimination] = []
    round_number = 0
    while True:
        round_number += 1
        found: list[tuple[int, int, dict[str, float], float]] = []
        for i in range(game.num_players):
            if len(keep[i]) == 1:
                continue
            rows = _rows(payoffs, i, keep)
            for s in range(len(keep[i])):
                names = game.strategies[i]
                pure = _pure_dominator(rows, s, weak, tol * scale[i])
                if pure is not None:
                    found.append((i, s, {names[keep[i][pure[0]]]: 1.0}, pure[1]))
                elif mixed:
                    mixture = _mixed_dominator(rows, s, weak, tol * scale[i])
                    if mixture is not None:
                        weights = {names[keep[i][t]]: float(p) for t, p in enumerate(mixture[0]) if p > 1e-12}
                        found.append((i, s, weights, mixture[1]))
                if found and weak:
                    break
            if found and weak:
                break
        if not found:
            break
        for i, s, by, margin in found:
            strategy = game.strategies[i][keep[i][s]]
            eliminated.append(Elimination(round_number, game.players[i], strategy, by, margin))
        for i in range(game.num_players):
            gone = {s for j, s, _, _ in found if j == i}
            keep[i] = [k for pos, k in enumerate(keep[i]) if pos not in gone]
    index: tuple[Any, ...] = (slice(None), *np.ix_(*[np.asarray(k) for k in keep]))
    source = exact if exact is not None else payoffs
    reduced = NormalFormGame(
        np.asarray(source)[index],
        players=game.players,
        strategies=tuple(tuple(game.strategies[i][k] for k in keep[i]) for i in range(game.num_players)),
        title=game.title,
    )
    return DominanceResult(game, reduced, tuple(eliminated), weak, mixed)
