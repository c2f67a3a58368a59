r"""Voting power: the Shapley-Shubik (1954) and Banzhaf (1965) indices of a weighted voting rule.

Player :math:`i` *swings* for a losing coalition :math:`S \not\ni i` when
:math:`S \cup \{i\}` wins. With :math:`\eta_i(k)` the number of such :math:`S` of
size :math:`k`,

.. math::

    \mathrm{SS}_i = \sum_k \frac{k!\,(n-k-1)!}{n!}\,\eta_i(k), \qquad
    \beta'_i = \frac{\sum_k \eta_i(k)}{2^{n-1}}, \qquad
    \beta_i = \frac{\sum_k \eta_i(k)}{\sum_j \sum_k \eta_j(k)}.

The counts come from a dynamic programme over (members, weight) in exact
integers (the weights scaled to integers, :class:`~bargaining.model.characteristic.ScaledVoting`):
the table :math:`C[k, w]` of coalitions of the non-veto players with
:math:`k` members and weight :math:`w` is built once
(:math:`O(n^2 W)`), and each player's own table, without that player, is
peeled off it by :math:`C_{-i}[k, w] = C[k, w] - C_{-i}[k-1, w - w_i]`. A rule
with a member quota and a blocking minority (the EU Council's double
majority) only changes, per coalition size, the least winning weight, so the
same table answers it. Veto players are conditioned on: a coalition without
one loses. Indices are exact rationals.

Examples
--------
The UN Security Council (five permanent members with a veto, ten elected; nine
votes pass a resolution): Shapley and Shubik (1954) give each permanent member
421/2145, about 0.1963.

>>> from bargaining.model.coalitional import CoalitionalGame
>>> names = [f"p{i}" for i in range(5)] + [f"e{i}" for i in range(10)]
>>> unsc = CoalitionalGame.weighted_voting(names, [1] * 15, 9, veto=names[:5])
>>> str(power_indices(unsc).shapley_shubik[0])
'421/2145'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.coalitional.results import fraction_text
from bargaining.errors import SpecError
from bargaining.model.characteristic import ScaledVoting, WeightedVoting
from bargaining.model.coalitional import CoalitionalGame
from bargaining.table import format_table

__all__ = ["PowerIndices", "power_indices", "swing_counts"]


@dataclass(frozen=True, slots=True)
class PowerIndices:
    """The Shapley-Shubik and Banzhaf indices of a weighted voting rule, exact.

    Attributes
    ----------
    players
        The voters.
    shapley_shubik
        :math:`\\mathrm{SS}_i` (sums to 1).
    banzhaf
        The normalised Banzhaf index :math:`\\beta_i` (sums to 1).
    banzhaf_absolute
        :math:`\\beta'_i`: the share of the others' coalitions for which
        :math:`i` swings.
    swings
        :math:`\\sum_k \\eta_i(k)`.
    """

    players: tuple[str, ...]
    shapley_shubik: tuple[Fraction, ...]
    banzhaf: tuple[Fraction, ...]
    banzhaf_absolute: tuple[Fraction, ...]
    swings: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        """Floats, with the exact fractions beside them."""
        return {
            "players": list(self.players),
            "shapley_shubik": {p: float(x) for p, x in zip(self.players, self.shapley_shubik, strict=True)},
            "banzhaf": {p: float(x) for p, x in zip(self.players, self.banzhaf, strict=True)},
            "banzhaf_absolute": {
                p: float(x) for p, x in zip(self.players, self.banzhaf_absolute, strict=True)
            },
            "swings": dict(zip(self.players, self.swings, strict=True)),
            "exact": {
                "shapley_shubik": [fraction_text(x) for x in self.shapley_shubik],
                "banzhaf": [fraction_text(x) for x in self.banzhaf],
            },
        }

    def to_table(self) -> str:
        """A row per voter."""
        rows = [
            [p, float(a), float(b), float(c), s]
            for p, a, b, c, s in zip(
                self.players,
                self.shapley_shubik,
                self.banzhaf,
                self.banzhaf_absolute,
                self.swings,
                strict=True,
            )
        ]
        header = ["player", "shapley_shubik", "banzhaf", "banzhaf_absolute", "swings"]
        return format_table(header, rows, "Voting power (exact, dynamic programme over weights)")

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{p}={float(x):.4g}" for p, x in zip(self.players, self.shapley_shubik, strict=True)
        )
        return f"PowerIndices(Shapley-Shubik: {shown})"

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per player: Shapley-Shubik, Banzhaf (normalised and absolute), swings."""
        from bargaining.frames import to_frame

        return to_frame(
            (
                {
                    "player": p,
                    "shapley_shubik": float(self.shapley_shubik[i]),
                    "banzhaf": float(self.banzhaf[i]),
                    "banzhaf_absolute": float(self.banzhaf_absolute[i]),
                    "swings": self.swings[i],
                }
                for i, p in enumerate(self.players)
            ),
            index="player",
        )


def _table(weights: list[int], total: int) -> NDArray[np.int64]:
    """``C[k, w]``: the number of sets of ``weights`` with ``k`` members and weight ``w``."""
    table = np.zeros((len(weights) + 1, total + 1), dtype=np.int64)
    table[0, 0] = 1
    for count, w in enumerate(weights, start=1):
        if w == 0:
            table[1 : count + 1] += table[:count].copy()
        else:
            table[1 : count + 1, w:] += table[:count, :-w].copy()
    return table


def _without(table: NDArray[np.int64], w: int) -> NDArray[np.int64]:
    """The table with one member of weight ``w`` removed."""
    out = np.zeros((table.shape[0] - 1, table.shape[1]), dtype=np.int64)
    out[0] = table[0]
    for k in range(1, out.shape[0]):
        out[k] = table[k]
        if w == 0:
            out[k] -= out[k - 1]
        else:
            out[k, w:] -= out[k - 1, :-w]
    return out


def _position(x: float, total: int) -> int:
    """The index into a cumulative table (``counts[:, t]`` = sets of weight below ``t``) of bound ``x``."""
    if x == math.inf:
        return total + 1
    return int(min(max(math.ceil(x), 0), total + 1))


def swing_counts(rule: ScaledVoting, n: int) -> NDArray[np.int64]:
    r""":math:`\eta_i(k)`, shape ``(n, n)``: coalitions of size ``k`` without ``i`` for which ``i`` swings."""
    veto = [i for i in range(n) if rule.veto_mask >> i & 1]
    free = [i for i in range(n) if i not in veto]
    total = sum(rule.weights[i] for i in free)
    full = _table([rule.weights[i] for i in free], total)
    cumulative = np.concatenate(
        [np.zeros((full.shape[0], 1), dtype=np.int64), np.cumsum(full, axis=1)], axis=1
    )
    out = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        if i in veto:
            counts, base = cumulative, sum(rule.weights[j] for j in veto if j != i)
            required = len(veto) - 1
        else:
            # removing a member commutes with prefix sums, so peel it off the cumulative table directly
            counts = _without(cumulative, rule.weights[i])
            base, required = sum(rule.weights[j] for j in veto), len(veto)
        for j in range(counts.shape[0]):
            k = required + j  # |S|
            if k >= n:
                continue
            low = rule.threshold(k + 1, n) - rule.weights[i] - base
            high = math.inf if i in veto else rule.threshold(k, n) - base
            lo, hi = _position(low, total), _position(high, total)
            if hi > lo:
                out[i, k] = counts[j, hi] - counts[j, lo]
    return out


def power_indices(game: CoalitionalGame) -> PowerIndices:
    """The Shapley-Shubik and Banzhaf indices of a game defined by a weighted voting rule.

    Raises
    ------
    SpecError
        If ``game`` is not a weighted voting game, or no coalition can swing
        (no coalition wins).
    """
    rule = game.definition
    if not isinstance(rule, WeightedVoting):
        raise SpecError(
            "weighted_voting",
            "power indices need a weighted voting game (weighted_voting in the spec); "
            "for other games use the Shapley and Banzhaf values",
        )
    n = game.n
    eta = swing_counts(rule.scaled(game.parameter_values()), n)
    weight = [Fraction(math.factorial(k) * math.factorial(n - k - 1), math.factorial(n)) for k in range(n)]
    ss = tuple(sum((weight[k] * int(eta[i, k]) for k in range(n)), Fraction(0)) for i in range(n))
    swings = tuple(int(eta[i].sum()) for i in range(n))
    total = sum(swings)
    if total == 0:
        raise SpecError("weighted_voting.quota", "no coalition wins under this rule; lower the quota")
    return PowerIndices(
        game.players,
        ss,
        tuple(Fraction(s, total) for s in swings),
        tuple(Fraction(s, 1 << (n - 1)) for s in swings),
        swings,
    )
