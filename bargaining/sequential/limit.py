r"""The limit of alternating offers as the time between offers goes to zero.

Binmore, Rubinstein & Wolinsky (1986): the shares tend to the asymmetric Nash
bargaining solution with the powers of :func:`~bargaining.sequential.limit_bargaining_power`.
"""

from __future__ import annotations

from collections.abc import Sequence

from bargaining.errors import InvalidGameError
from bargaining.sequential.closed_forms import TOL, limit_bargaining_power, pair
from bargaining.sequential.results import RubinsteinSolution

__all__ = ["rubinstein_limit"]


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
    r0, r1 = pair(discount_rate, "discount_rate")
    b0, b1 = pair(breakdown_payoff, "breakdown_payoff")
    g0, g1 = pair(inside_option, "inside_option")
    lam = breakdown_rate
    d0 = (lam * b0 + r0 * g0) / (lam + r0)
    d1 = (lam * b1 + r1 * g1) / (lam + r1)
    reservation = (d0, d1)
    if outside_option is not None:
        reservation = (max(d0, outside_option[0]), max(d1, outside_option[1]))
    if reservation[0] + reservation[1] > size + TOL:
        raise InvalidGameError(
            f"no gains from trade: the values without a deal ({reservation[0]:g}, {reservation[1]:g}) "
            f"add up to more than the size {size:g}"
        )
    x0 = d0 + beta0 * (size - d0 - d1)
    binding = (False, False)
    if outside_option is not None:
        w0, w1 = pair(outside_option, "outside_option")
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
