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
from typing import Any

from bargaining.errors import InvalidGameError
from bargaining.sequential.closed_forms import (
    TOL,
    Terms,
    breakdown_probability,
    discount_factor,
    discount_factor_of,
    finite_share,
    limit_bargaining_power,
    make_terms,
    pair,
    rubinstein_shares,
    stationary_shares,
)
from bargaining.sequential.results import RubinsteinSolution

__all__ = [
    "RubinsteinSolution",
    "breakdown_probability",
    "discount_factor",
    "limit_bargaining_power",
    "rubinstein_shares",
    "rubinstein_solution",
]


def _check_inputs(terms: Terms, horizon: int | None) -> None:
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
    if reservation[0] + reservation[1] > terms.size + TOL:
        raise InvalidGameError(
            f"no gains from trade: what the players can get without a deal ({reservation[0]:g} and "
            f"{reservation[1]:g}, the larger of the value of never agreeing and the outside option) adds up "
            f"to more than the size {terms.size:g}; lower them or enlarge the surplus"
        )


def _symbols(terms: Terms) -> tuple[Terms, dict[str, float]]:
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
    return Terms(
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
        r0, r1 = pair(discount_rate, "discount_rate")
        discount_factor = (discount_factor_of(r0, period_length), discount_factor_of(r1, period_length))
    if first_proposer not in (0, 1) or isinstance(first_proposer, bool):
        raise InvalidGameError(f"first_proposer must be player 0 or 1, got {first_proposer!r}")
    terms = make_terms(
        discount_factor, breakdown_probability, breakdown_payoff, inside_option, outside_option, size
    )
    _check_inputs(terms, horizon)
    terms = Terms(
        size=float(terms.size),
        delta=(float(terms.delta[0]), float(terms.delta[1])),
        q=float(terms.q),
        breakdown_payoff=(float(terms.breakdown_payoff[0]), float(terms.breakdown_payoff[1])),
        inside_option=(float(terms.inside_option[0]), float(terms.inside_option[1])),
        outside_option=_effective_outside_option(terms),
    )
    given_options = outside_option
    if horizon is None:
        x0, x1 = stationary_shares(terms)
        proposer_shares = (float(x0), float(x1))
    else:
        proposer_shares = (float(finite_share(terms, horizon, 0)), float(finite_share(terms, horizon, 1)))
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


def _inputs(terms: Terms) -> dict[str, float]:
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


def _effective_outside_option(terms: Terms) -> tuple[float, float] | None:
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
    terms: Terms, horizon: int | None, first_proposer: int, proposer_shares: tuple[float, float]
) -> tuple[bool, bool]:
    """Whether the first responder's outside option beats its value of rejecting (so it is offered that)."""
    if terms.outside_option is None:
        return (False, False)
    r = 1 - first_proposer
    if horizon is None:
        after = proposer_shares[r]
    else:
        after = terms.disagreement(r) if horizon == 1 else float(finite_share(terms, horizon - 1, r))
    out = [False, False]
    out[r] = bool(terms.outside_option[r] > terms.c(r) + terms.a(r) * after + TOL)
    return out[0], out[1]
