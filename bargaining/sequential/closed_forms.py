r"""The closed forms of alternating offers, exact for floats and sympy expressions alike.

:func:`rubinstein_shares` gives the proposers' shares of the stationary
equilibrium (and of the finite-horizon game by backward induction), built from
:math:`a_i = (1-q)\delta_i`, :math:`c_i = q b_i + (1-q)(1-\delta_i) g_i` and
:math:`D_i = c_i/(1-a_i)` (:class:`Terms`); the model and its references are in
:mod:`bargaining.sequential.rubinstein`. Nothing here imports sympy: symbolic
inputs bring their own.

Examples
--------
>>> [round(float(x), 4) for x in rubinstein_shares((0.9, 0.8))]
[0.7143, 0.2857]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bargaining.errors import InvalidGameError
from bargaining.model.alternating_offers import MAX_FORMULA_HORIZON, horizon_error

__all__ = [
    "TOL",
    "Terms",
    "breakdown_probability",
    "discount_factor",
    "discount_factor_of",
    "finite_share",
    "is_symbolic",
    "limit_bargaining_power",
    "make_terms",
    "pair",
    "rubinstein_shares",
    "stationary_shares",
]

TOL = 1e-12


# ---------------------------------------------------------------------- helpers


def is_symbolic(value: Any) -> bool:
    """Whether ``value`` is a sympy object (checked without importing sympy)."""
    return type(value).__module__.startswith("sympy")


def _any_symbolic(*values: Any) -> bool:
    return any(is_symbolic(v) for v in values)


def _exp(value: Any) -> Any:
    if is_symbolic(value):
        import sympy

        return sympy.exp(value)
    return math.exp(value)


def _max(a: Any, b: Any) -> Any:
    if _any_symbolic(a, b):
        import sympy

        return sympy.Max(a, b)
    return a if a >= b else b


def _select(cases: Sequence[tuple[Any, Any]]) -> Any:
    """The value of the first case whose condition holds; a sympy ``Piecewise`` if undecided."""
    if all(isinstance(cond, bool) for _, cond in cases):
        for value, cond in cases:
            if cond:
                return value
        return cases[-1][0]
    import sympy

    return sympy.Piecewise(*[(value, cond) for value, cond in cases[:-1]], (cases[-1][0], True))


def pair(value: Any, name: str) -> tuple[Any, Any]:
    if isinstance(value, str) or not isinstance(value, Sequence) or len(value) != 2:
        raise InvalidGameError(f"{name} needs one value per player (two), got {value!r}")
    return value[0], value[1]


def discount_factor(discount_rate: Any, period_length: Any = 1.0) -> Any:
    r"""The discount factor per period, :math:`\delta = e^{-r\Delta}`.

    Parameters
    ----------
    discount_rate
        The rate :math:`r \ge 0` per unit of time (e.g. per month).
    period_length
        The time :math:`\Delta > 0` between two offers, in the same unit.

    Returns
    -------
    float or sympy expression
        :math:`e^{-r\Delta}` (symbolic if an argument is a sympy symbol).

    Examples
    --------
    >>> round(discount_factor(0.05, 2.0), 6)
    0.904837
    """
    if not _any_symbolic(discount_rate, period_length) and (discount_rate < 0 or period_length <= 0):
        raise InvalidGameError(
            f"discount_rate must be >= 0 and period_length > 0, got {discount_rate!r}, {period_length!r}"
        )
    return _exp(-discount_rate * period_length)


discount_factor_of = discount_factor  # rubinstein_solution's argument of the same name shadows the function


def breakdown_probability(breakdown_rate: Any, period_length: Any = 1.0) -> Any:
    r"""The probability that talks break down after a rejection, :math:`q = 1 - e^{-\lambda\Delta}`.

    Breakdowns arrive as a Poisson process of rate :math:`\lambda` (Binmore,
    Rubinstein & Wolinsky 1986).

    Examples
    --------
    >>> round(breakdown_probability(0.1, 1.0), 6)
    0.095163
    """
    if not _any_symbolic(breakdown_rate, period_length) and (breakdown_rate < 0 or period_length <= 0):
        raise InvalidGameError(
            f"breakdown_rate must be >= 0 and period_length > 0, got {breakdown_rate!r}, {period_length!r}"
        )
    return 1 - _exp(-breakdown_rate * period_length)


# ---------------------------------------------------------------------- the closed forms


@dataclass(frozen=True, slots=True)
class Terms:
    """The primitives, as floats or sympy expressions, and the derived :math:`a_i, c_i, D_i`."""

    size: Any
    delta: tuple[Any, Any]
    q: Any
    breakdown_payoff: tuple[Any, Any]
    inside_option: tuple[Any, Any]
    outside_option: tuple[Any, Any] | None

    def a(self, i: int) -> Any:
        """Effective discount factor :math:`a_i = (1-q)\\delta_i`."""
        return (1 - self.q) * self.delta[i]

    def c(self, i: int) -> Any:
        """What a rejection yields before the next period: :math:`q b_i + (1-q)(1-\\delta_i) g_i`."""
        return self.q * self.breakdown_payoff[i] + (1 - self.q) * (1 - self.delta[i]) * self.inside_option[i]

    def disagreement(self, i: int) -> Any:
        """:math:`D_i`, the value of never agreeing (:math:`g_i` when :math:`a_i = 1`)."""
        a = self.a(i)
        if not is_symbolic(a) and a == 1:
            return self.inside_option[i]
        return self.c(i) / (1 - a)


def stationary_shares(terms: Terms) -> tuple[Any, Any]:
    """The proposers' shares ``(x0, x1)`` of the stationary equilibrium."""
    pi = terms.size
    a0, a1 = terms.a(0), terms.a(1)
    d0, d1 = terms.disagreement(0), terms.disagreement(1)
    surplus = pi - d0 - d1
    x0 = d0 + (1 - a1) / (1 - a0 * a1) * surplus
    x1 = d1 + (1 - a0) / (1 - a0 * a1) * surplus
    if terms.outside_option is None:
        return x0, x1
    w0, w1 = terms.outside_option
    c0, c1 = terms.c(0), terms.c(1)
    # An outside option binds iff it beats the reservation value at the interior solution.
    binds1 = w1 > c1 + a1 * x1
    binds0 = w0 > c0 + a0 * x0
    # (x0, x1) when player 1's, player 0's or both outside options bind.
    only1 = (pi - w1, pi - c0 - a0 * (pi - w1))
    only0 = (pi - c1 - a1 * (pi - w0), pi - w0)
    both = (pi - w1, pi - w0)
    conditions = [
        _and(_not(binds1), _not(binds0)),
        _and(binds1, _leq(w0, c0 + a0 * only1[0])),
        _and(binds0, _leq(w1, c1 + a1 * only0[1])),
        True,
    ]
    candidates = [(x0, x1), only1, only0, both]
    return (
        _select([(c[0], cond) for c, cond in zip(candidates, conditions, strict=True)]),
        _select([(c[1], cond) for c, cond in zip(candidates, conditions, strict=True)]),
    )


def _reservation(terms: Terms, responder: int, next_share: Any) -> Any:
    """The responder's value of not accepting: :math:`\\max(w_r, c_r + a_r s)`, ``s`` its next share."""
    value = terms.c(responder) + terms.a(responder) * next_share
    if terms.outside_option is not None:
        value = _max(terms.outside_option[responder], value)
    return value


def _and(a: Any, b: Any) -> Any:
    if isinstance(a, bool) and isinstance(b, bool):
        return a and b
    import sympy

    return sympy.And(a, b)


def _not(a: Any) -> Any:
    if isinstance(a, bool):
        return not a
    import sympy

    return sympy.Not(a)


def _leq(a: Any, b: Any) -> Any:
    if _any_symbolic(a, b):
        import sympy

        return sympy.Le(a, b)
    return bool(a <= b + 1e-12)


def finite_share(terms: Terms, horizon: int, first_proposer: int) -> Any:
    """The first proposer's share in the game that ends after ``horizon`` offers.

    Raises
    ------
    InvalidGameError
        Past :data:`~bargaining.model.alternating_offers.MAX_HORIZON` offers, or
        past :data:`~bargaining.model.alternating_offers.MAX_FORMULA_HORIZON` as formulas.
    """
    if horizon_error(horizon):
        raise InvalidGameError(f"horizon: {horizon_error(horizon)}")
    pi = terms.size
    values = (pi, *terms.delta, terms.q, *terms.breakdown_payoff, *terms.inside_option)
    if horizon > MAX_FORMULA_HORIZON and _any_symbolic(*values, *(terms.outside_option or ())):
        raise InvalidGameError(
            f"horizon: the shares of a game of {horizon:,} offers as formulas nest {horizon:,} levels deep; "
            f"formulas are written up to {MAX_FORMULA_HORIZON} offers: drop --formula (numbers only) "
            "or shorten the horizon"
        )
    proposers = [(first_proposer + t) % 2 for t in range(horizon)]
    last_responder = 1 - proposers[-1]
    share = terms.disagreement(last_responder)  # s_{T+1}: the last responder's value
    for proposer in reversed(proposers):
        share = pi - _reservation(terms, 1 - proposer, share)
    return share


def make_terms(
    discount_factor: Any,
    breakdown_probability: Any,
    breakdown_payoff: Any,
    inside_option: Any,
    outside_option: Any,
    size: Any,
) -> Terms:
    return Terms(
        size=size,
        delta=pair(discount_factor, "discount_factor"),
        q=breakdown_probability,
        breakdown_payoff=pair(breakdown_payoff, "breakdown_payoff"),
        inside_option=pair(inside_option, "inside_option"),
        outside_option=None if outside_option is None else pair(outside_option, "outside_option"),
    )


def rubinstein_shares(
    discount_factor: Any,
    *,
    first_proposer: int = 0,
    breakdown_probability: Any = 0,
    breakdown_payoff: Any = (0, 0),
    inside_option: Any = (0, 0),
    outside_option: Any = None,
    horizon: int | None = None,
    size: Any = 1,
) -> tuple[Any, Any]:
    r"""The equilibrium shares ``(player 0, player 1)`` as formulas (or numbers).

    The same closed forms as :func:`rubinstein_solution`, without validation,
    for inputs that may be sympy symbols or expressions: the result is then a
    pair of sympy expressions (``Piecewise`` where an outside option may or
    may not bind) that can be differentiated, simplified or plotted.

    Unlike :func:`rubinstein_solution` it does not impose that offers are at
    least 0; when a breakdown payoff or inside option may be negative, pass
    ``outside_option=(Max(w_0, 0), Max(w_1, 0))`` (or ``(0, 0)``) to impose it.

    Parameters
    ----------
    discount_factor
        :math:`(\delta_0, \delta_1)`.
    first_proposer
        The player (0 or 1) who makes the first offer.
    breakdown_probability
        :math:`q`, the probability that talks break down after a rejection.
    breakdown_payoff
        :math:`(b_0, b_1)`, the payoffs if talks break down.
    inside_option
        :math:`(g_0, g_1)`, the present value of the payoff stream while disagreeing.
    outside_option
        :math:`(w_0, w_1)`, what a responder gets by opting out; ``None`` for none.
    horizon
        The number of offers :math:`T`; ``None`` for no deadline.
    size
        The size :math:`\pi` of the surplus.

    Examples
    --------
    >>> import sympy
    >>> d0, d1 = sympy.symbols("delta_0 delta_1", positive=True)
    >>> x0, x1 = rubinstein_shares((d0, d1))
    >>> sympy.simplify(x0 - (1 - d1) / (1 - d0 * d1))
    0
    """
    if first_proposer not in (0, 1):
        raise InvalidGameError(f"first_proposer must be player 0 or 1, got {first_proposer!r}")
    terms = make_terms(
        discount_factor, breakdown_probability, breakdown_payoff, inside_option, outside_option, size
    )
    if horizon is not None:
        own = finite_share(terms, horizon, first_proposer)
    else:
        own = stationary_shares(terms)[first_proposer]
    return (own, size - own) if first_proposer == 0 else (size - own, own)


def limit_bargaining_power(
    discount_rate: Sequence[float], breakdown_rate: float = 0.0
) -> tuple[float, float]:
    r"""The bargaining powers of the limit :math:`\Delta \to 0`: proportional to :math:`1/(\lambda + r_i)`.

    Normalised to sum to 1. Without breakdown the more patient player (the
    smaller :math:`r_i`) has the larger power :math:`r_j / (r_0 + r_1)`.

    Examples
    --------
    >>> limit_bargaining_power((0.1, 0.3))
    (0.75, 0.25)
    """
    r0, r1 = pair(discount_rate, "discount_rate")
    if min(r0, r1) < 0 or breakdown_rate < 0 or (breakdown_rate == 0 and min(r0, r1) == 0):
        raise InvalidGameError(
            f"discount rates must be >= 0 and, with no breakdown rate, positive; got {[r0, r1]} "
            f"and breakdown_rate {breakdown_rate}"
        )
    w0, w1 = 1 / (breakdown_rate + r0), 1 / (breakdown_rate + r1)
    return w0 / (w0 + w1), w1 / (w0 + w1)
