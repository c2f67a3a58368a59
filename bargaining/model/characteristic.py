r"""How a coalitional game's characteristic function :math:`v(S)` is defined.

Each definition evaluates :math:`v` on a batch of coalition masks at the
parameter values (formulas go through :mod:`bargaining.expressions`, never
``eval``):

=====================  =====================================================================
definition             :math:`v(S)`
=====================  =====================================================================
:class:`ValueTable`    the listed value, else ``default`` (these coalitions are *filled in*)
:class:`ValueFormula`  a formula over membership indicators (``us`` is 1 if the US is in S)
:class:`WeightedVoting`  1 if :math:`S` holds every veto player and :math:`w(S) \ge q`, else 0
:class:`Bankruptcy`    :math:`\max(0, E - \sum_{i \notin S} c_i)` (O'Neill 1982)
:class:`GloveMarket`   :math:`\min(|S \cap L|, |S \cap R|)` (left and right gloves)
=====================  =====================================================================

A weighted voting rule may add a *member quota* (at least that many members)
and a *blocking minority* (a coalition whose complement has fewer members
wins anyway), as the EU Council's qualified majority does (Art. 16(4) TEU).
Weights and the quota are read as exact decimals (rounded to 12 significant
digits, so that a sweep's 0.30000000000000004 is 0.3) and scaled to
integers, so winning is decided exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import SpecError
from bargaining.expressions.parse import Expression
from bargaining.model.coalitions import indicators
from bargaining.model.parametrized import finite_value

__all__ = [
    "Bankruptcy",
    "ValueArray",
    "GloveMarket",
    "ScaledVoting",
    "ValueFormula",
    "ValueTable",
    "WeightedVoting",
]

#: the largest total integer weight the exact voting computations accept
MAX_SCALED_WEIGHT = 10**7


@dataclass(frozen=True, slots=True, eq=False)
class ValueArray:
    """:math:`v(S)` = ``values[S]`` for every mask (a read-only copy), for games built in Python."""

    values: NDArray[np.float64]

    def __post_init__(self) -> None:
        array = np.array(self.values, dtype=np.float64).ravel()
        if not np.all(np.isfinite(array)):
            raise SpecError("values", "every coalition value must be a finite number")
        array.flags.writeable = False
        object.__setattr__(self, "values", array)

    def evaluate(self, masks: NDArray[np.int64], n: int, values: Mapping[str, float]) -> NDArray[np.float64]:
        """:math:`v` of each mask."""
        out: NDArray[np.float64] = self.values[masks]
        return out

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ValueArray) and np.array_equal(self.values, other.values)

    def __hash__(self) -> int:
        return hash(self.values.tobytes())


@dataclass(frozen=True, slots=True)
class ValueTable:
    """:math:`v(S)` listed per coalition; the others take ``default``.

    Parameters
    ----------
    entries
        ``(mask, value)`` pairs, each mask once (the reader rejects ``a+b``
        listed again as ``b+a``).
    default
        The value of every coalition not listed (0 unless the spec says otherwise).
    """

    entries: tuple[tuple[int, Expression], ...]
    default: Expression

    def evaluate(self, masks: NDArray[np.int64], n: int, values: Mapping[str, float]) -> NDArray[np.float64]:
        """:math:`v` of each mask."""
        out = np.full(masks.shape, finite_value(self.default, values, "default"), dtype=np.float64)
        out[masks == 0] = 0.0  # the default is for the coalitions left out, never the empty one
        if not self.entries:
            return out
        keys = np.array([m for m, _ in self.entries], dtype=np.int64)
        vals = np.array([finite_value(e, values, f"coalitions[{m}]") for m, e in self.entries])
        order = np.argsort(keys)
        keys, vals = keys[order], vals[order]
        pos = np.clip(np.searchsorted(keys, masks), 0, len(keys) - 1)
        hit = keys[pos] == masks
        out[hit] = vals[pos[hit]]
        return out

    def listed(self) -> frozenset[int]:
        """The masks the table lists."""
        return frozenset(m for m, _ in self.entries)


@dataclass(frozen=True, slots=True)
class ValueFormula:
    """:math:`v(S)` as one formula over membership indicators and parameters.

    Each player's name is 1 in the formula when the player is in :math:`S` and
    0 otherwise, so ``"us * (ukraine + eu) * guarantee_value"`` is worth
    ``guarantee_value`` when the US and at least one of Ukraine and the EU are
    in (``min``/``max`` express "any of" and "all of").
    """

    formula: Expression

    def evaluate(
        self, masks: NDArray[np.int64], players: tuple[str, ...], values: Mapping[str, float]
    ) -> NDArray[np.float64]:
        """:math:`v` of each mask (evaluated in chunks, with numpy)."""
        out = np.empty(masks.shape, dtype=np.float64)
        chunk = 1 << 16
        for start in range(0, len(masks), chunk):
            part = masks[start : start + chunk]
            member = indicators(part, len(players))
            env: dict[str, object] = dict(values)
            env.update({name: member[i] for i, name in enumerate(players)})
            result = self.formula.evaluate(env)
            out[start : start + chunk] = np.broadcast_to(np.asarray(result, dtype=np.float64), part.shape)
        return out


@dataclass(frozen=True, slots=True)
class ScaledVoting:
    """A weighted voting rule in exact integers: ``scale * weight`` and the integer quota."""

    weights: tuple[int, ...]
    quota: int
    veto_mask: int
    member_quota: int
    blocking_minority: int
    scale: int

    def threshold(self, size: int, n: int) -> float:
        """The least integer weight with which a coalition of ``size`` members wins (``inf``: none)."""
        if n - size < self.blocking_minority:
            return 0.0
        return float(self.quota) if size >= self.member_quota else math.inf

    def wins(self, masks: NDArray[np.int64], n: int) -> NDArray[np.bool_]:
        """Whether each mask is a winning coalition."""
        bits = (masks[None, :] >> np.arange(n, dtype=np.int64)[:, None]) & 1
        weight = np.asarray(self.weights, dtype=np.int64) @ bits
        size = bits.sum(axis=0)
        rule = (size >= self.member_quota) & (weight >= self.quota)
        rule |= n - size < self.blocking_minority
        return rule & ((masks & self.veto_mask) == self.veto_mask)


def _exact(x: float) -> Fraction:
    """``x`` as the decimal of at most 12 significant digits it rounds to (0.30000000000000004 -> 3/10)."""
    return Fraction(f"{float(x):.12g}")


@dataclass(frozen=True, slots=True)
class WeightedVoting:
    r"""A weighted voting rule: :math:`v(S) = 1` iff :math:`S` wins.

    :math:`S` wins iff it holds every veto player and either
    :math:`|S| \ge m` and :math:`w(S) \ge q`, or :math:`n - |S| < b`
    (a blocking minority needs at least :math:`b` members).

    Parameters
    ----------
    weights
        One formula per player (votes, population, seats).
    quota
        :math:`q`, in the units of the weights, :math:`0 < q \le w(N)`.
    veto
        The indices of the veto players.
    member_quota
        :math:`m`: the least number of members of a winning coalition (0: none).
    blocking_minority
        :math:`b`: the least number of members of a blocking minority (0: none).
    """

    weights: tuple[Expression, ...]
    quota: Expression
    veto: tuple[int, ...] = ()
    member_quota: int = 0
    blocking_minority: int = 0

    def scaled(self, values: Mapping[str, float]) -> ScaledVoting:
        """The rule in exact integers at the parameter ``values``.

        Raises
        ------
        SpecError
            At ``weighted_voting.weights[i]`` for a negative weight, at
            ``weighted_voting.quota`` for a quota outside :math:`(0, w(N)]`, or
            when the weights need a finer resolution than the exact method holds.
        """
        w = [
            _exact(finite_value(e, values, f"weighted_voting.weights[{i}]"))
            for i, e in enumerate(self.weights)
        ]
        for i, x in enumerate(w):
            if x < 0:
                raise SpecError(f"weighted_voting.weights[{i}]", f"a weight must be >= 0, got {float(x):g}")
        q = _exact(finite_value(self.quota, values, "weighted_voting.quota"))
        total = sum(w, Fraction(0))
        if not 0 < q <= total:
            raise SpecError(
                "weighted_voting.quota",
                f"the quota must be > 0 and at most the total weight {float(total):g}, got {float(q):g}",
            )
        # integer weights need only the weights' denominators: w(S) >= q iff scale w(S) >= ceil(scale q)
        scale = math.lcm(*(x.denominator for x in w))
        if total * scale > MAX_SCALED_WEIGHT:
            raise SpecError(
                "weighted_voting.weights",
                f"the weights need {float(total * scale):.3g} integer units (at most {MAX_SCALED_WEIGHT:g}); "
                "round them to fewer digits (e.g. population in thousands)",
            )
        veto_mask = sum(1 << i for i in self.veto)
        return ScaledVoting(
            tuple(int(x * scale) for x in w),
            math.ceil(q * scale),
            veto_mask,
            self.member_quota,
            self.blocking_minority,
            scale,
        )

    def evaluate(self, masks: NDArray[np.int64], n: int, values: Mapping[str, float]) -> NDArray[np.float64]:
        """:math:`v` of each mask: 1.0 for a winning coalition, else 0.0."""
        return self.scaled(values).wins(masks, n).astype(np.float64)


@dataclass(frozen=True, slots=True)
class Bankruptcy:
    r"""A claims problem as a game: :math:`v(S) = \max(0, E - \sum_{i \notin S} c_i)`.

    What a coalition can secure when everyone outside is paid first
    (O'Neill 1982; Aumann and Maschler 1985).

    Parameters
    ----------
    estate
        :math:`E \ge 0`, at most the sum of the claims.
    claims
        :math:`c_i \ge 0`, one per player.
    """

    estate: Expression
    claims: tuple[Expression, ...]

    def numbers(self, values: Mapping[str, float]) -> tuple[float, NDArray[np.float64]]:
        """``(E, c)`` at the parameter values, checked."""
        estate = finite_value(self.estate, values, "bankruptcy.estate")
        claims = np.array(
            [finite_value(c, values, f"bankruptcy.claims[{i}]") for i, c in enumerate(self.claims)],
            dtype=float,
        )
        if estate < 0:
            raise SpecError("bankruptcy.estate", f"the estate must be >= 0, got {estate:g}")
        for i, c in enumerate(claims):
            if c < 0:
                raise SpecError(f"bankruptcy.claims[{i}]", f"a claim must be >= 0, got {c:g}")
        if estate > claims.sum():
            raise SpecError(
                "bankruptcy.estate",
                f"the estate {estate:g} exceeds the claims' total {claims.sum():g}: "
                "nothing to ration; lower the estate or raise the claims",
            )
        return estate, claims

    def evaluate(self, masks: NDArray[np.int64], n: int, values: Mapping[str, float]) -> NDArray[np.float64]:
        """:math:`v` of each mask."""
        estate, claims = self.numbers(values)
        inside = claims @ indicators(masks, n)
        return np.maximum(0.0, estate - (claims.sum() - inside))


@dataclass(frozen=True, slots=True)
class GloveMarket:
    r"""A glove market: :math:`v(S) = \min(|S \cap L|, |S \cap R|)` (pairs of gloves).

    Parameters
    ----------
    left, right
        The indices of the players holding a left (right) glove; each player holds one.
    """

    left: tuple[int, ...]
    right: tuple[int, ...]

    def evaluate(self, masks: NDArray[np.int64], n: int, values: Mapping[str, float]) -> NDArray[np.float64]:
        """:math:`v` of each mask."""
        member = indicators(masks, n)
        lefts = member[list(self.left)].sum(axis=0)
        rights = member[list(self.right)].sum(axis=0)
        return np.minimum(lefts, rights)
