r"""Beliefs about the responder's cost of war, for the bargaining model of war.

The proposer of :mod:`bargaining.war.fearon` does not know the responder's cost
:math:`c_R`, only its distribution :math:`F`: uniform on :math:`[\ell, h]`
(:class:`UniformCost`), finitely many types (:class:`CostTypes`) or any
continuous distribution on :math:`[0, \infty)` (:class:`CostDistribution`).
Each gives :math:`F(z)` (``war_probability``) and a line for tables; they are
values, checked at construction, and solve nothing.

Examples
--------
>>> UniformCost(0.0, 0.3).war_probability(0.15)
0.5
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bargaining.errors import SpecError

__all__ = ["TOL", "Belief", "CostDistribution", "CostTypes", "UniformCost", "check_number"]

TOL = 1e-12
"""The tolerance below which an indifferent type counts as accepting."""


def check_number(
    value: Any, name: str, low: float | None = None, high: float | None = None, path: str = ""
) -> float:
    """``value`` as a float, or a :class:`SpecError` at ``path`` naming ``name`` and the range."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise SpecError(path, f"{name} must be a finite number, got {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        raise SpecError(path, f"{name} must be in [{lo}, {hi}], got {value:g}")
    return float(value)


@dataclass(frozen=True, slots=True)
class UniformCost:
    r"""The responder's cost of war is uniform on :math:`[\ell, h]`, :math:`0 \le \ell < h`."""

    low: float
    high: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", check_number(self.low, "the lowest cost", 0.0, path="low"))
        object.__setattr__(self, "high", check_number(self.high, "the highest cost", 0.0, path="high"))
        if not self.low < self.high:
            raise SpecError(
                "high",
                f"a uniform cost needs low < high, got [{self.low:g}, {self.high:g}]; "
                "for a known cost leave the uncertainty out",
            )

    def war_probability(self, threshold: float) -> float:
        """:math:`F(z)`: the chance that the cost is below ``threshold`` (the responder fights)."""
        return min(1.0, max(0.0, (threshold - self.low) / (self.high - self.low)))

    def describe(self) -> str:
        """One line for tables."""
        return f"uniform on [{self.low:g}, {self.high:g}]"


@dataclass(frozen=True, slots=True)
class CostTypes:
    """The responder's cost of war is one of finitely many values (types), with probabilities.

    Parameters
    ----------
    costs
        Each type's cost of war, :math:`c_k \\ge 0`.
    probabilities
        Each type's prior probability; they sum to 1.
    names
        Optional names of the types (``"resolute"``, ``"irresolute"``).
    """

    costs: tuple[float, ...] | Sequence[float]
    probabilities: tuple[float, ...] | Sequence[float]
    names: tuple[str, ...] | Sequence[str] = ()

    def __post_init__(self) -> None:
        costs = tuple(
            check_number(c, f"cost of type {k}", 0.0, path=f"costs[{k}]") for k, c in enumerate(self.costs)
        )
        probs = tuple(
            check_number(q, f"probability of type {k}", 0.0, 1.0, path=f"probabilities[{k}]")
            for k, q in enumerate(self.probabilities)
        )
        if not costs or len(costs) != len(probs):
            raise SpecError(
                "probabilities",
                f"give one probability per type: {len(costs)} costs and {len(probs)} probabilities",
            )
        if abs(sum(probs) - 1.0) > 1e-9:
            raise SpecError(
                "probabilities", f"the types' probabilities sum to {sum(probs):g}; they must sum to 1"
            )
        names = tuple(self.names) or tuple(f"type_{k}" for k in range(len(costs)))
        if len(names) != len(costs):
            raise SpecError("names", f"give one name per type: {len(costs)} costs and {len(names)} names")
        object.__setattr__(self, "costs", costs)
        object.__setattr__(self, "probabilities", probs)
        object.__setattr__(self, "names", names)

    def war_probability(self, threshold: float) -> float:
        """The chance that the cost is below ``threshold`` (an indifferent type accepts)."""
        return sum(q for c, q in zip(self.costs, self.probabilities, strict=True) if c < threshold - TOL)

    def describe(self) -> str:
        """One line for tables."""
        types = zip(self.names, self.costs, self.probabilities, strict=True)
        return ", ".join(f"{n}: cost {c:g} w.p. {q:g}" for n, c, q in types)


@dataclass(frozen=True, slots=True, eq=False)
class CostDistribution:
    r"""The responder's cost of war follows a continuous distribution on :math:`[0, \infty)`.

    Any frozen ``scipy.stats`` continuous distribution whose support starts
    at or above 0 (e.g. ``scipy.stats.gamma(2, scale=0.1)``); :meth:`normal`
    builds a normal truncated at 0. The proposer's optimal demand is found
    numerically: a grid over the support, then a bounded local refinement.

    Parameters
    ----------
    distribution
        The frozen distribution of the responder's cost.
    label
        A short description for tables (default: the distribution's name).
    """

    distribution: Any
    label: str = ""

    def __post_init__(self) -> None:
        if not all(hasattr(self.distribution, attr) for attr in ("cdf", "ppf", "expect", "support")):
            raise SpecError(
                "distribution",
                f"expected a frozen scipy.stats distribution, got {type(self.distribution).__name__}",
            )
        low = float(self.distribution.support()[0])
        if low < -1e-12:  # (a normal truncated at 0 may start at -1e-17 by rounding)
            raise SpecError(
                "distribution",
                f"a cost of war is >= 0, but the distribution's support starts at {low:g}; truncate it at 0",
            )

    @classmethod
    def normal(cls, mean: float, sd: float) -> CostDistribution:
        """A normal distribution of the cost, truncated at 0."""
        mean = check_number(mean, "the mean cost", path="mean")
        sd = check_number(sd, "the standard deviation of the cost", 0.0, path="sd")
        if sd == 0:
            raise SpecError("sd", "the standard deviation must be positive; for a known cost leave it out")
        from scipy.stats import truncnorm

        label = f"normal({mean:g}, {sd:g}) truncated at 0"
        return cls(truncnorm(-mean / sd, math.inf, loc=mean, scale=sd), label)

    def war_probability(self, threshold: float) -> float:
        """:math:`F(z)`: the chance that the cost is below ``threshold`` (the responder fights)."""
        return float(self.distribution.cdf(threshold))

    def describe(self) -> str:
        """One line for tables."""
        if self.label:
            return self.label
        dist = self.distribution
        return f"{dist.dist.name}{tuple(dist.args)}" if hasattr(dist, "dist") else str(dist)


Belief = UniformCost | CostTypes | CostDistribution
