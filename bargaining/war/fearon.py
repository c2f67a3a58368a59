r"""The bargaining model of war (Fearon 1995), with the risk-return trade-off.

Two parties, 0 and 1, dispute a good of size :math:`\pi` (1 unless said
otherwise). War gives party 0 the whole good with probability :math:`p` and
costs the parties :math:`c_0, c_1 \ge 0`, so its expected payoffs are

.. math:: W_0 = p\pi - c_0, \qquad W_1 = (1-p)\pi - c_1 .

A division giving party 0 the share :math:`x` beats war for both iff
:math:`x \in [p\pi - c_0,\ p\pi + c_1]`, the *bargaining range*, which is never
empty when war is costly (Fearon 1995, sect. "War as a bargaining failure").

*Private information* (Fearon 1995, sect. on private information; Powell 1999,
ch. 3; Powell 2006): the proposer :math:`P` (win probability :math:`p_P`, cost
:math:`c_P`) makes a take-it-or-leave-it demand :math:`x` without knowing the
responder's cost :math:`c_R`, only its distribution :math:`F`. The responder
accepts iff :math:`\pi - x \ge (1-p_P)\pi - c_R`, i.e. iff
:math:`c_R \ge z := x - p_P\pi`, so the proposer maximises

.. math:: U(z) = (p_P\pi + z)\,(1 - F(z)) + (p_P\pi - c_P)\,F(z),

trading a larger share if accepted (return) against a higher chance of war
(risk). For :math:`c_R \sim U[\ell, h]`, :math:`U` is concave on
:math:`[\ell, h]` with :math:`U'(z) = (h - 2z - c_P)/(h - \ell)`, so

.. math:: z^* = \min\Bigl(\max\bigl(\ell,\ \min(h, (h - c_P)/2)\bigr),\ (1-p_P)\pi\Bigr),
          \qquad \Pr(\text{war}) = F(z^*),

and with :math:`\ell = 0 < c_P < h` the probability of war is
:math:`(h - c_P)/(2h)`: positive although a peaceful division exists. For
finitely many types the optimum is a demand that leaves some type exactly
indifferent (:math:`z = c_k`), found by comparing them. For any other
continuous distribution (:class:`CostDistribution`, e.g. a normal truncated at
0) :math:`U` is maximised numerically.

References
----------
Fearon, J. D. (1995). Rationalist explanations for war. *International
Organization* 49(3), 379-414.

Powell, R. (1999). *In the Shadow of Power: States and Strategies in
International Politics*. Princeton University Press, ch. 3.

Powell, R. (2006). War as a commitment problem. *International Organization*
60(1), 169-203.

Examples
--------
>>> bargaining_range(0.6, (0.1, 0.2))
(0.5, 0.8)
>>> result = fearon_solution(0.5, (0.1, 0.2), belief=UniformCost(0.0, 0.3))
>>> round(result.demand, 4), round(result.war_probability, 4)
(0.6, 0.3333)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bargaining.errors import InvalidGameError
from bargaining.model.beliefs import TOL, Belief, CostDistribution, CostTypes, UniformCost, check_number
from bargaining.model.war import WarBargaining
from bargaining.war.results import WarSolution

__all__ = ["bargaining_range", "fearon_solution", "party_names_of", "solve_war"]


def bargaining_range(win_probability: float, cost: Sequence[float], size: float = 1.0) -> tuple[float, float]:
    r"""Party 0's shares that both parties prefer to war: :math:`[p\pi - c_0,\ p\pi + c_1] \cap [0, \pi]`.

    Parameters
    ----------
    win_probability
        :math:`p`, the probability that party 0 wins a war.
    cost
        :math:`(c_0, c_1)`, the costs of war in units of the good.
    size
        :math:`\pi`, the size of the good.

    References
    ----------
    Fearon (1995), sect. "War as a bargaining failure", fig. 1.

    Examples
    --------
    >>> bargaining_range(0.5, (0.1, 0.1), size=2.0)
    (0.9, 1.1)
    """
    p = check_number(win_probability, "win_probability", 0.0, 1.0)
    size = check_number(size, "size", 0.0)
    if size == 0:
        raise InvalidGameError("size must be positive, got 0")
    c0, c1 = (check_number(c, f"cost of party {i}", 0.0) for i, c in enumerate(_pair(cost, "cost")))
    return max(0.0, p * size - c0), min(size, p * size + c1)


def _pair(value: Any, name: str) -> tuple[Any, Any]:
    if isinstance(value, str) or not isinstance(value, Sequence) or len(value) != 2:
        raise InvalidGameError(f"{name} needs one value per party (two), got {value!r}")
    return value[0], value[1]


def party_names_of(party_names: Any) -> tuple[str, str]:
    """Two different, non-empty party names, or an error saying which is wrong.

    Examples
    --------
    >>> party_names_of(["Ukraine", "Russia"])
    ('Ukraine', 'Russia')
    >>> party_names_of(["same", "same"])
    Traceback (most recent call last):
    ...
    bargaining.errors.InvalidGameError: party_names (--names): both parties are called 'same'; ...
    """
    a, b = _pair(tuple(party_names) if isinstance(party_names, list) else party_names, "party_names")
    names = (str(a).strip(), str(b).strip())
    if not all(names):
        raise InvalidGameError(f"party_names (--names): a party name is empty, got {party_names!r}")
    if names[0] == names[1]:
        raise InvalidGameError(
            f"party_names (--names): both parties are called {names[0]!r}; give each its own name"
        )
    return names


# ---------------------------------------------------------------------- the proposer's optimum


def _responder_war_value(belief: Belief, threshold: float, war_share: float) -> float:
    r"""Expected payoff of the types that fight: :math:`E[((1-p_P)\pi - c_R) 1\{c_R < z\}]`."""
    if isinstance(belief, UniformCost):
        top = min(max(threshold, belief.low), belief.high)
        mass = (top - belief.low) / (belief.high - belief.low)
        mean_cost_times_mass = (top**2 - belief.low**2) / (2 * (belief.high - belief.low))
        return war_share * mass - mean_cost_times_mass
    if isinstance(belief, CostDistribution):
        low = _lowest_cost(belief)
        if threshold <= low:
            return 0.0
        partial_mean = float(belief.distribution.expect(lambda c: c, lb=low, ub=threshold))
        return war_share * belief.war_probability(threshold) - partial_mean
    types = zip(belief.costs, belief.probabilities, strict=True)
    return sum(q * (war_share - c) for c, q in types if c < threshold - TOL)


def _lowest_cost(belief: Belief) -> float:
    if isinstance(belief, UniformCost):
        return belief.low
    if isinstance(belief, CostDistribution):
        return max(0.0, float(belief.distribution.support()[0]))
    return min(belief.costs)


def _optimal_threshold(p: float, c_proposer: float, belief: Belief, size: float) -> float:
    """The proposer's optimal :math:`z = x - p\\pi` (the cost of the responder type made indifferent)."""
    cap = (1 - p) * size  # the demand cannot exceed the whole good

    if isinstance(belief, UniformCost):
        interior = (belief.high - c_proposer) / 2
        return min(max(belief.low, min(belief.high, interior)), cap)
    if isinstance(belief, CostDistribution):
        cdf = belief.distribution.cdf

        def expected(z: Any) -> Any:  # vectorised over z
            return (p * size + z) * (1 - cdf(z)) + (p * size - c_proposer) * cdf(z)

        return _maximise(expected, _lowest_cost(belief), min(cap, float(belief.distribution.ppf(1 - 1e-12))))

    def utility(z: float) -> float:
        war = belief.war_probability(z)
        return (p * size + z) * (1 - war) + (p * size - c_proposer) * war

    candidates = sorted({min(c, cap) for c in belief.costs})
    best = max(utility(z) for z in candidates)
    return min(z for z in candidates if utility(z) >= best - 1e-12)  # ties: the safer demand


def _maximise(utility: Any, low: float, high: float, points: int = 2001) -> float:
    """The maximiser of ``utility`` (vectorised) on ``[low, high]``: a grid, refined by a bounded search."""
    if high <= low:
        return high
    import numpy as np
    from scipy.optimize import minimize_scalar

    grid = np.linspace(low, high, points)
    values = utility(grid)
    k = int(np.argmax(values))  # the first maximum: on ties, the safer (smaller) demand
    bounds = (float(grid[max(k - 1, 0)]), float(grid[min(k + 1, points - 1)]))
    refined = minimize_scalar(
        lambda z: -float(utility(z)), bounds=bounds, method="bounded", options={"xatol": 1e-12}
    )
    z = float(refined.x)
    return z if float(utility(z)) > float(values[k]) else float(grid[k])


def fearon_solution(
    win_probability: float,
    cost: Sequence[float],
    *,
    belief: Belief | None = None,
    proposer: int = 0,
    size: float = 1.0,
    party_names: Sequence[str] = ("A", "B"),
) -> WarSolution:
    r"""The bargaining range and the proposer's optimal demand, with or without private information.

    Parameters
    ----------
    win_probability
        :math:`p \in [0, 1]`, the probability that party 0 wins a war.
    cost
        :math:`(c_0, c_1) \ge 0`, the costs of war in units of the good.
    belief
        The proposer's belief about the responder's cost (:class:`UniformCost`,
        :class:`CostTypes` or :class:`CostDistribution`); ``None`` when the cost
        is known (complete information: the proposer demands the top of the
        range and there is no war).
    proposer
        The party (0 or 1) that makes the take-it-or-leave-it demand.
    size
        :math:`\pi > 0`, the size of the good.
    party_names
        Two different, non-empty names, for tables.

    Returns
    -------
    WarSolution

    Raises
    ------
    InvalidGameError
        For a probability outside :math:`[0, 1]`, a negative cost, a size that
        is not positive, a proposer other than 0 or 1, or party names that are
        empty or the same.

    References
    ----------
    Fearon (1995); Powell (1999, ch. 3) (see the module docstring).

    Examples
    --------
    >>> r = fearon_solution(0.6, (0.1, 0.2))
    >>> round(r.demand, 4), r.war_probability
    (0.8, 0.0)
    """
    names = party_names_of(party_names)
    low_high = bargaining_range(win_probability, cost, size)
    p, size = float(win_probability), float(size)
    c = (float(cost[0]), float(cost[1]))
    if isinstance(proposer, bool) or proposer not in (0, 1):
        raise InvalidGameError(f"proposer must be party 0 or 1, got {proposer!r}")
    if belief is not None and not isinstance(belief, UniformCost | CostTypes | CostDistribution):
        raise InvalidGameError(
            f"belief must be a UniformCost, CostTypes or CostDistribution, got {type(belief).__name__}"
        )
    responder = 1 - proposer
    p_proposer = p if proposer == 0 else 1 - p
    c_proposer = c[proposer]
    war_share = (1 - p_proposer) * size  # the responder's expected share of the good in a war
    if belief is None:
        z = min(c[responder], war_share)
        war = 0.0
        responder_payoff = size - (p_proposer * size + z)
        safe = None
    else:
        z = _optimal_threshold(p_proposer, c_proposer, belief, size)
        war = belief.war_probability(z)
        accepted = (size - p_proposer * size - z) * (1 - war)
        responder_payoff = accepted + _responder_war_value(belief, z, war_share)
        safe = p_proposer * size + min(_lowest_cost(belief), war_share)
    demand = p_proposer * size + z
    proposer_payoff = demand * (1 - war) + (p_proposer * size - c_proposer) * war
    shares = (demand, size - demand) if proposer == 0 else (size - demand, demand)
    payoffs = (proposer_payoff, responder_payoff) if proposer == 0 else (responder_payoff, proposer_payoff)
    return WarSolution(
        party_names=names,
        win_probability=p,
        cost=c,
        size=size,
        bargaining_range=low_high,
        war_payoffs=(p * size - c[0], (1 - p) * size - c[1]),
        proposer=proposer,
        demand=demand,
        shares=shares,
        war_probability=war,
        expected_payoffs=payoffs,
        belief=belief,
        safe_demand=safe,
    )


def solve_war(model: WarBargaining, solution: str = "all") -> WarSolution:
    """The bargaining range, the optimal demand and the probability of war of ``model``.

    The ``bargain solve`` handler of spec kind ``war`` (``solution`` is ignored):
    :func:`fearon_solution` at the model's :meth:`~bargaining.model.war.WarBargaining.arguments`.
    """
    return fearon_solution(**model.arguments())
