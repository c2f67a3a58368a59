r"""Rubinstein's alternating offers, with breakdown risk, inside and outside options.

Two players, numbered 0 and 1, divide a surplus of size :math:`\pi` (1 unless
said otherwise). In each period one of them proposes a division and the other
accepts or rejects; after a rejection the roles swap. Agreement on
:math:`(x, \pi - x)` in period :math:`t` is worth :math:`\delta_i^t x_i` to
player :math:`i`, with discount factor :math:`\delta_i`.

The model here adds the standard extensions of Muthoo (1999, chs. 3-5) and
Binmore, Rubinstein & Wolinsky (1986):

* after each rejection the talks break down with probability :math:`q`, and
  the players then get their breakdown payoffs :math:`b_i` (the war goes on
  for good);
* while they disagree, player :math:`i` receives the flow
  :math:`(1-\delta_i) g_i` per period, its *inside option* (the present value
  of the stream for ever is :math:`g_i`; negative for the costs of war);
* when it responds to an offer, player :math:`i` may opt out and take its
  *outside option* :math:`w_i`.

Write :math:`a_i = (1-q)\,\delta_i` for the effective discount factor and

.. math:: D_i = \frac{q\, b_i + (1-q)(1-\delta_i)\, g_i}{1 - (1-q)\,\delta_i}

for the value of never agreeing (a weighted mean of :math:`b_i` and
:math:`g_i`). Without outside options the unique subgame-perfect equilibrium
is stationary and the proposer's share is

.. math::

    x_0^* = D_0 + \frac{1 - a_1}{1 - a_0 a_1}\,(\pi - D_0 - D_1),
    \qquad
    x_1^* = D_1 + \frac{1 - a_0}{1 - a_0 a_1}\,(\pi - D_0 - D_1),

the first offer is accepted, and the first proposer :math:`k` gets
:math:`x_k^*`. With :math:`q = 0` and :math:`g = 0` this is Rubinstein's
:math:`x_0^* = (1-\delta_1)/(1-\delta_0\delta_1)`; with :math:`\delta = 1` it is
Muthoo's (1999, sect. 4.2) :math:`b_0 + (\pi - b_0 - b_1)/(2 - q)`; with
:math:`q = 0` it is Muthoo's (1999, sect. 5.5) inside-option formula.

*Outside-option principle* (Binmore, Shaked & Sutton 1989; Osborne &
Rubinstein 1990, sect. 3.12; Muthoo 1999, thm. 5.1). Only the responder may
opt out, when it receives an offer (if either player may quit after any
rejection, equilibria are no longer unique: Ponsatí & Sákovics 1998). The responder's reservation
value is :math:`\max(w_i, \text{value of rejecting})`, so an outside option
changes the outcome only if it beats what the player would get without it.
The equilibrium solves

.. math::

    \pi - x_0^* = \max\bigl(w_1,\ c_1 + a_1 x_1^*\bigr), \qquad
    \pi - x_1^* = \max\bigl(w_0,\ c_0 + a_0 x_0^*\bigr),

with :math:`c_i = (1 - a_i) D_i`; the right-hand sides form a contraction, so
the solution is unique, and it is found in closed form case by case.

*Finite horizon* :math:`T`: if the offer of period :math:`T` is rejected the
players get :math:`D_i` for good. Backward induction gives the proposer's
share :math:`s_t = \pi - \max(w_r, c_r + a_r s_{t+1})`, :math:`r` the responder of
period :math:`t`, with :math:`s_{T+1} = D_r` for the responder of period
:math:`T`. As :math:`T \to \infty`, :math:`s_1` tends to the stationary share.

*Short periods*: with discount rates :math:`r_i`, breakdown rate
:math:`\lambda` and period length :math:`\Delta`, :math:`\delta_i = e^{-r_i\Delta}`
and :math:`q = 1 - e^{-\lambda\Delta}`. As :math:`\Delta \to 0` the shares tend
to the asymmetric Nash bargaining solution over the disagreement point
:math:`D_i = (\lambda b_i + r_i g_i) / (\lambda + r_i)` with bargaining powers
proportional to :math:`1/(\lambda + r_i)` (Binmore, Rubinstein & Wolinsky 1986),
clamped to the outside options (:func:`rubinstein_limit`).

Every formula is written once, with arithmetic that works both on floats (the
fast path, no sympy) and on sympy expressions (:func:`rubinstein_shares`), so
parameters may be symbols and the shares can be differentiated.

References
----------
Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
*Econometrica* 50(1), 97-109.

Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining solution
in economic modelling. *RAND Journal of Economics* 17(2), 176-188.

Binmore, K., Shaked, A. & Sutton, J. (1989). An outside option experiment.
*Quarterly Journal of Economics* 104(4), 753-770.

Osborne, M. J. & Rubinstein, A. (1990). *Bargaining and Markets*. Academic Press, ch. 3.

Muthoo, A. (1999). *Bargaining Theory with Applications*. Cambridge University
Press, chs. 3-5.

Ponsatí, C. & Sákovics, J. (1998). Rubinstein bargaining with two-sided outside
options. *Economic Theory* 11(3), 667-672.

Examples
--------
>>> result = rubinstein_solution((0.9, 0.8))
>>> [round(s, 4) for s in result.shares]
[0.7143, 0.2857]
>>> result = rubinstein_solution((0.9, 0.8), outside_option=(0.0, 0.4))
>>> [round(s, 4) for s in result.shares], result.binding_outside_options
([0.6, 0.4], (False, True))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bargaining.errors import InvalidGameError
from bargaining.table import format_table

__all__ = [
    "RubinsteinSolution",
    "breakdown_probability",
    "discount_factor",
    "limit_bargaining_power",
    "rubinstein_limit",
    "rubinstein_shares",
    "rubinstein_solution",
]

_TOL = 1e-12


# ---------------------------------------------------------------------- helpers


def _is_symbolic(value: Any) -> bool:
    """Whether ``value`` is a sympy object (checked without importing sympy)."""
    return type(value).__module__.startswith("sympy")


def _any_symbolic(*values: Any) -> bool:
    return any(_is_symbolic(v) for v in values)


def _exp(value: Any) -> Any:
    if _is_symbolic(value):
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


def _pair(value: Any, name: str) -> tuple[Any, Any]:
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


_df = discount_factor  # rubinstein_solution's argument of the same name shadows the function


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
class _Terms:
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
        if not _is_symbolic(a) and a == 1:
            return self.inside_option[i]
        return self.c(i) / (1 - a)


def _stationary(terms: _Terms) -> tuple[Any, Any]:
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


def _reservation(terms: _Terms, responder: int, next_share: Any) -> Any:
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


def _finite(terms: _Terms, horizon: int, first_proposer: int) -> Any:
    """The first proposer's share in the game that ends after ``horizon`` offers."""
    pi = terms.size
    proposers = [(first_proposer + t) % 2 for t in range(horizon)]
    last_responder = 1 - proposers[-1]
    share = terms.disagreement(last_responder)  # s_{T+1}: the last responder's value
    for proposer in reversed(proposers):
        share = pi - _reservation(terms, 1 - proposer, share)
    return share


def _terms(
    discount_factor: Any,
    breakdown_probability: Any,
    breakdown_payoff: Any,
    inside_option: Any,
    outside_option: Any,
    size: Any,
) -> _Terms:
    return _Terms(
        size=size,
        delta=_pair(discount_factor, "discount_factor"),
        q=breakdown_probability,
        breakdown_payoff=_pair(breakdown_payoff, "breakdown_payoff"),
        inside_option=_pair(inside_option, "inside_option"),
        outside_option=None if outside_option is None else _pair(outside_option, "outside_option"),
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
    terms = _terms(
        discount_factor, breakdown_probability, breakdown_payoff, inside_option, outside_option, size
    )
    if horizon is not None:
        own = _finite(terms, horizon, first_proposer)
    else:
        own = _stationary(terms)[first_proposer]
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
    r0, r1 = _pair(discount_rate, "discount_rate")
    if min(r0, r1) < 0 or breakdown_rate < 0 or (breakdown_rate == 0 and min(r0, r1) == 0):
        raise InvalidGameError(
            f"discount rates must be >= 0 and, with no breakdown rate, positive; got {[r0, r1]} "
            f"and breakdown_rate {breakdown_rate}"
        )
    w0, w1 = 1 / (breakdown_rate + r0), 1 / (breakdown_rate + r1)
    return w0 / (w0 + w1), w1 / (w0 + w1)


# ---------------------------------------------------------------------- the result


@dataclass(frozen=True, slots=True)
class RubinsteinSolution:
    """The subgame-perfect equilibrium of an alternating-offers game.

    Attributes
    ----------
    shares
        What each player gets in equilibrium: the first offer is accepted.
    proposer_shares
        What player ``i`` gets when it makes the first offer, :math:`x_i^*`.
    first_proposer
        Who makes the first offer.
    disagreement_value
        :math:`D_i`, each player's value of never agreeing.
    binding_outside_options
        Whether each player's outside option pins down what it is offered.
    horizon
        The number of offers, ``None`` for no deadline; ``0`` for the limit of
        short periods (:func:`rubinstein_limit`).
    inputs
        The numeric value of every primitive, named as in :attr:`formula`
        (``delta_0``, ``delta_1``, ``q``, ``b_0``, ``g_0``, ``w_0``, ``pi``, ...).
    formula
        The shares as sympy expressions over :attr:`inputs`' names, when
        requested with ``symbolic=True``; else ``None``.
    player_names
        For tables (``"player 0"``, ``"player 1"`` unless a model names them).
    """

    shares: tuple[float, float]
    proposer_shares: tuple[float, float]
    first_proposer: int
    disagreement_value: tuple[float, float]
    binding_outside_options: tuple[bool, bool]
    horizon: int | None
    inputs: dict[str, float] = field(compare=False)
    formula: tuple[Any, Any] | None = field(default=None, repr=False, compare=False)
    player_names: tuple[str, str] = ("player 0", "player 1")

    def derivative(self, name: str) -> tuple[float, float]:
        """d(shares)/d(``name``) at :attr:`inputs`, from the sympy formula.

        Raises
        ------
        InvalidGameError
            If the solution was computed without ``symbolic=True``, or ``name``
            is not one of :attr:`inputs`.
        """
        if self.formula is None:
            raise InvalidGameError("no formula: solve with rubinstein_solution(..., symbolic=True)")
        if name not in self.inputs:
            from bargaining.errors import suggest

            raise InvalidGameError(f"unknown input {name!r}{suggest(name, list(self.inputs))}")
        import sympy

        symbols = {s.name: s for f in self.formula for s in f.free_symbols}
        if name not in symbols:
            return (0.0, 0.0)
        values = {symbols[k]: v for k, v in self.inputs.items() if k in symbols}
        d = [sympy.diff(f, symbols[name]).subs(values) for f in self.formula]
        return float(d[0]), float(d[1])

    def to_dict(self) -> dict[str, Any]:
        """Plain floats and lists, for JSON."""
        out: dict[str, Any] = {
            "model": "rubinstein",
            "players": list(self.player_names),
            "shares": list(self.shares),
            "proposer_shares": list(self.proposer_shares),
            "first_proposer": self.first_proposer,
            "disagreement_value": list(self.disagreement_value),
            "binding_outside_options": list(self.binding_outside_options),
            "horizon": self.horizon,
            "inputs": dict(self.inputs),
        }
        if self.formula is not None:
            out["formula"] = [str(f) for f in self.formula]
        return out

    def to_table(self) -> str:
        """A table for the terminal."""
        rows = [
            [
                self.player_names[i],
                self.shares[i],
                self.proposer_shares[i],
                self.disagreement_value[i],
                self.binding_outside_options[i],
            ]
            for i in (0, 1)
        ]
        deadline = (
            "none"
            if self.horizon is None
            else ("limit of short periods" if self.horizon == 0 else f"{self.horizon} offers")
        )
        title = (
            f"Alternating offers (Rubinstein 1982): {self.player_names[self.first_proposer]} proposes first; "
            f"deadline: {deadline}"
        )
        table = format_table(
            ["player", "share", "share as proposer", "value of no deal", "outside option binds"], rows, title
        )
        if self.formula is not None:
            named = zip(self.player_names, self.formula, strict=True)
            table += "\n" + "\n".join(f"share of {n} = {f}" for n, f in named)
        return table


# ---------------------------------------------------------------------- validated entry points


def _check_inputs(terms: _Terms, horizon: int | None) -> None:
    """Raise :class:`InvalidGameError` for inputs outside the model's domain."""
    names = ("discount_factor", "breakdown_probability", "breakdown_payoff", "inside_option", "size")
    values = [*terms.delta, terms.q, *terms.breakdown_payoff, *terms.inside_option, terms.size]
    if terms.outside_option is not None:
        values += list(terms.outside_option)
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise InvalidGameError(f"{', '.join(names)} and outside_option must be finite numbers, got {v!r}")
    if terms.size <= 0:
        raise InvalidGameError(f"size must be positive, got {terms.size!r}")
    if not 0 <= terms.q <= 1:
        raise InvalidGameError(f"breakdown_probability must be in [0, 1], got {terms.q!r}")
    for i, d in enumerate(terms.delta):
        if not 0 < d <= 1:
            raise InvalidGameError(f"discount_factor of player {i} must be in (0, 1), got {d!r}")
        if horizon is None and terms.a(i) >= 1:
            raise InvalidGameError(
                f"discount_factor of player {i} is 1 and there is no risk of breakdown: with no deadline and "
                "no cost of delay the game has no unique equilibrium; use a discount factor below 1"
            )
    if horizon is not None and (isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < 1):
        raise InvalidGameError(f"horizon must be a positive whole number of offers, got {horizon!r}")
    reservation = [terms.disagreement(i) for i in (0, 1)]
    if terms.outside_option is not None:
        reservation = [max(reservation[i], terms.outside_option[i]) for i in (0, 1)]
    if reservation[0] + reservation[1] > terms.size + _TOL:
        raise InvalidGameError(
            f"no gains from trade: what the players can get without a deal ({reservation[0]:g} and "
            f"{reservation[1]:g}, the larger of the value of never agreeing and the outside option) adds up "
            f"to more than the size {terms.size:g}; lower them or enlarge the surplus"
        )


def _symbols(terms: _Terms) -> tuple[_Terms, dict[str, float]]:
    """The same terms with a sympy symbol for every primitive in use, and their values."""
    import sympy

    values: dict[str, float] = {}

    def sym(name: str, value: Any, positive: bool = False) -> Any:
        values[name] = float(value)
        return sympy.Symbol(name, positive=True) if positive else sympy.Symbol(name, real=True)

    def pair_or_zero(prefix: str, pair: tuple[Any, Any]) -> tuple[Any, Any]:
        if pair[0] == 0 and pair[1] == 0:
            return 0, 0
        return sym(f"{prefix}_0", pair[0]), sym(f"{prefix}_1", pair[1])

    q = 0 if terms.q == 0 else sym("q", terms.q, positive=True)
    return _Terms(
        size=1 if terms.size == 1 else sym("pi", terms.size, positive=True),
        delta=(sym("delta_0", terms.delta[0], True), sym("delta_1", terms.delta[1], True)),
        q=q,
        breakdown_payoff=pair_or_zero("b", terms.breakdown_payoff) if q != 0 else (0, 0),
        inside_option=pair_or_zero("g", terms.inside_option),
        outside_option=None
        if terms.outside_option is None
        else (sym("w_0", terms.outside_option[0]), sym("w_1", terms.outside_option[1])),
    ), values


def rubinstein_solution(
    discount_factor: Sequence[float] | None = None,
    *,
    discount_rate: Sequence[float] | None = None,
    period_length: float = 1.0,
    first_proposer: int = 0,
    breakdown_probability: float = 0.0,
    breakdown_payoff: Sequence[float] = (0.0, 0.0),
    inside_option: Sequence[float] = (0.0, 0.0),
    outside_option: Sequence[float] | None = None,
    horizon: int | None = None,
    size: float = 1.0,
    symbolic: bool = False,
) -> RubinsteinSolution:
    r"""The subgame-perfect equilibrium of alternating offers over a surplus.

    See the module docstring for the model and the formulas.

    Parameters
    ----------
    discount_factor
        :math:`(\delta_0, \delta_1)`, each in :math:`(0, 1)` (1 is allowed with
        a risk of breakdown or a deadline). Give this or ``discount_rate``.
    discount_rate, period_length
        Alternatively :math:`(r_0, r_1)` and :math:`\Delta`:
        :math:`\delta_i = e^{-r_i \Delta}` (:func:`discount_factor`).
    first_proposer
        The player (0 or 1) who makes the first offer.
    breakdown_probability
        :math:`q \in [0, 1]`: the probability that talks break down after a
        rejection.
    breakdown_payoff
        :math:`(b_0, b_1)`: the payoffs after a breakdown.
    inside_option
        :math:`(g_0, g_1)`: the present value of each player's payoff stream
        while the parties disagree (negative for a costly war).
    outside_option
        :math:`(w_0, w_1)`: what a responder can take instead of replying; ``None``
        for no outside options.
    horizon
        The number of offers :math:`T` before talks end; ``None`` for none.
    size
        The size :math:`\pi > 0` of the surplus.
    symbolic
        Also build the sympy formula of the shares (:attr:`RubinsteinSolution.formula`),
        so that :meth:`RubinsteinSolution.derivative` works. Off by default:
        the numbers need no sympy.

    Returns
    -------
    RubinsteinSolution

    Raises
    ------
    InvalidGameError
        For a discount factor outside :math:`(0, 1)`, a probability outside
        :math:`[0, 1]`, a horizon that is not a positive integer, or no gains
        from trade (the players' values without a deal add up to more than
        :math:`\pi`).

    References
    ----------
    Rubinstein (1982); Binmore, Rubinstein & Wolinsky (1986); Muthoo (1999),
    chs. 3-5 (see the module docstring).

    Examples
    --------
    >>> r = rubinstein_solution((0.9, 0.9), horizon=2)
    >>> [round(s, 6) for s in r.shares]
    [0.1, 0.9]
    >>> r = rubinstein_solution((0.9, 0.8), symbolic=True)
    >>> r.formula[0]
    (1 - delta_1)/(-delta_0*delta_1 + 1)
    """
    if (discount_factor is None) == (discount_rate is None):
        raise InvalidGameError("give either discount_factor or discount_rate (with period_length), not both")
    if discount_rate is not None:
        r0, r1 = _pair(discount_rate, "discount_rate")
        discount_factor = (_df(r0, period_length), _df(r1, period_length))
    if first_proposer not in (0, 1) or isinstance(first_proposer, bool):
        raise InvalidGameError(f"first_proposer must be player 0 or 1, got {first_proposer!r}")
    terms = _terms(
        discount_factor, breakdown_probability, breakdown_payoff, inside_option, outside_option, size
    )
    _check_inputs(terms, horizon)
    terms = _Terms(
        size=float(terms.size),
        delta=(float(terms.delta[0]), float(terms.delta[1])),
        q=float(terms.q),
        breakdown_payoff=(float(terms.breakdown_payoff[0]), float(terms.breakdown_payoff[1])),
        inside_option=(float(terms.inside_option[0]), float(terms.inside_option[1])),
        outside_option=_effective_outside_option(terms),
    )
    given_options = outside_option
    if horizon is None:
        x0, x1 = _stationary(terms)
        proposer_shares = (float(x0), float(x1))
    else:
        proposer_shares = (float(_finite(terms, horizon, 0)), float(_finite(terms, horizon, 1)))
    binding = _binding(terms, horizon, first_proposer, proposer_shares)
    # Report an outside option as binding only where it is the player's own, not the floor of 0.
    binding = (
        bool(binding[0] and given_options is not None and terms.outside_option[0] == given_options[0]),  # type: ignore[index]
        bool(binding[1] and given_options is not None and terms.outside_option[1] == given_options[1]),  # type: ignore[index]
    )
    own = proposer_shares[first_proposer]
    pi = terms.size
    shares = (own, pi - own) if first_proposer == 0 else (pi - own, own)
    formula = None
    inputs = _inputs(terms)
    if symbolic:
        sym_terms, inputs = _symbols(terms)
        formula = rubinstein_shares(
            sym_terms.delta,
            first_proposer=first_proposer,
            breakdown_probability=sym_terms.q,
            breakdown_payoff=sym_terms.breakdown_payoff,
            inside_option=sym_terms.inside_option,
            outside_option=sym_terms.outside_option,
            horizon=horizon,
            size=sym_terms.size,
        )
    return RubinsteinSolution(
        shares=shares,
        proposer_shares=proposer_shares,
        first_proposer=first_proposer,
        disagreement_value=(float(terms.disagreement(0)), float(terms.disagreement(1))),
        binding_outside_options=binding,
        horizon=horizon,
        inputs=inputs,
        formula=formula,
    )


def _inputs(terms: _Terms) -> dict[str, float]:
    out = {
        "delta_0": terms.delta[0],
        "delta_1": terms.delta[1],
        "q": terms.q,
        "b_0": terms.breakdown_payoff[0],
        "b_1": terms.breakdown_payoff[1],
        "g_0": terms.inside_option[0],
        "g_1": terms.inside_option[1],
        "pi": terms.size,
    }
    if terms.outside_option is not None:
        out |= {"w_0": terms.outside_option[0], "w_1": terms.outside_option[1]}
    return out


def _effective_outside_option(terms: _Terms) -> tuple[float, float] | None:
    """The outside options, raised to 0 when a player's payoffs without a deal can be negative.

    Offers are divisions of the surplus, so nobody can be offered less than 0:
    in the equilibrium conditions this floor acts exactly like an outside
    option of 0. It can matter only when a breakdown payoff or an inside
    option is negative (e.g. the cost of fighting on).
    """
    floor_needed = min(*terms.breakdown_payoff, *terms.inside_option) < 0
    if terms.outside_option is None:
        return (0.0, 0.0) if floor_needed else None
    w0, w1 = (float(w) for w in terms.outside_option)
    return (max(w0, 0.0), max(w1, 0.0)) if floor_needed else (w0, w1)


def _binding(
    terms: _Terms, horizon: int | None, first_proposer: int, proposer_shares: tuple[float, float]
) -> tuple[bool, bool]:
    """Whether the first responder's outside option beats its value of rejecting (so it is offered that)."""
    if terms.outside_option is None:
        return (False, False)
    r = 1 - first_proposer
    if horizon is None:
        after = proposer_shares[r]
    else:
        after = terms.disagreement(r) if horizon == 1 else float(_finite(terms, horizon - 1, r))
    out = [False, False]
    out[r] = bool(terms.outside_option[r] > terms.c(r) + terms.a(r) * after + _TOL)
    return out[0], out[1]


def rubinstein_limit(
    discount_rate: Sequence[float],
    *,
    breakdown_rate: float = 0.0,
    breakdown_payoff: Sequence[float] = (0.0, 0.0),
    inside_option: Sequence[float] = (0.0, 0.0),
    outside_option: Sequence[float] | None = None,
    size: float = 1.0,
) -> RubinsteinSolution:
    r"""The limit of the equilibrium as the time between offers shrinks to 0.

    With :math:`\delta_i = e^{-r_i\Delta}` and :math:`q = 1 - e^{-\lambda\Delta}`,
    as :math:`\Delta \to 0` both proposers' shares tend to the asymmetric Nash
    bargaining solution

    .. math::

        x_0 = \arg\max_x (x - D_0)^{\beta_0} (\pi - x - D_1)^{\beta_1}
            = D_0 + \frac{\beta_0}{\beta_0 + \beta_1} (\pi - D_0 - D_1),
        \quad \beta_i = \frac{1}{\lambda + r_i},
        \quad D_i = \frac{\lambda b_i + r_i g_i}{\lambda + r_i},

    clamped to :math:`[w_0, \pi - w_1]` by the outside options (Binmore,
    Rubinstein & Wolinsky 1986, sects. 3-5; Muthoo 1999, sects. 4.4, 5.3).

    Returns
    -------
    RubinsteinSolution
        With ``horizon=0`` marking the limit; both proposers' shares are equal
        (who proposes first no longer matters).

    Examples
    --------
    >>> [round(s, 6) for s in rubinstein_limit((0.1, 0.3)).shares]
    [0.75, 0.25]
    """
    beta0, beta1 = limit_bargaining_power(discount_rate, breakdown_rate)
    r0, r1 = _pair(discount_rate, "discount_rate")
    b0, b1 = _pair(breakdown_payoff, "breakdown_payoff")
    g0, g1 = _pair(inside_option, "inside_option")
    lam = breakdown_rate
    d0 = (lam * b0 + r0 * g0) / (lam + r0)
    d1 = (lam * b1 + r1 * g1) / (lam + r1)
    reservation = (d0, d1)
    if outside_option is not None:
        reservation = (max(d0, outside_option[0]), max(d1, outside_option[1]))
    if reservation[0] + reservation[1] > size + _TOL:
        raise InvalidGameError(
            f"no gains from trade: the values without a deal ({reservation[0]:g}, {reservation[1]:g}) "
            f"add up to more than the size {size:g}"
        )
    x0 = d0 + beta0 * (size - d0 - d1)
    binding = (False, False)
    if outside_option is not None:
        w0, w1 = _pair(outside_option, "outside_option")
        binding = (x0 < w0, x0 > size - w1)
        x0 = min(max(x0, w0), size - w1)
    x0 = min(max(x0, 0.0), size)  # nobody is offered less than 0 (see _effective_outside_option)
    inputs = {
        "r_0": float(r0),
        "r_1": float(r1),
        "lambda": float(lam),
        "b_0": float(b0),
        "b_1": float(b1),
        "g_0": float(g0),
        "g_1": float(g1),
        "pi": float(size),
    }
    return RubinsteinSolution(
        shares=(x0, size - x0),
        proposer_shares=(x0, size - x0),
        first_proposer=0,
        disagreement_value=(d0, d1),
        binding_outside_options=binding,
        horizon=0,
        inputs=inputs,
    )
