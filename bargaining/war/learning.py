r"""Bargaining and learning while fighting, with finitely many types (after Powell 2004).

The uninformed side :math:`U` makes every offer; the informed side :math:`I` is
one of finitely many types :math:`k` with prior :math:`\pi_k`. Type :math:`k`
pays :math:`c_k` per round of fighting and, in each round, wins the war
outright with probability :math:`a_k`, loses it with probability :math:`b_k`,
and fights on with probability :math:`s_k = 1 - a_k - b_k`; :math:`U` pays
:math:`c_U` per round. In round :math:`t = 0, \dots, T-1` :math:`U` offers
:math:`I` a share :math:`x_t` of a prize worth 1; acceptance ends the war,
rejection means a round of fighting and, if it does not end the war, round
:math:`t+1` (discount :math:`\delta`). After :math:`T` rounds of talks the war
is fought to its end, worth

.. math:: F_k = \frac{a_k - c_k}{1 - \delta s_k}, \qquad G_k = \frac{b_k - c_U}{1 - \delta s_k}

to type :math:`k` and to :math:`U`. :math:`U` learns twice: from who rejects
(screening) and from the war not ending (the posterior after :math:`t` rounds
is proportional to :math:`\pi_k s_k^t` over the types still fighting).

**The equilibrium** (perfect Bayesian, computed by backward induction over the
states :math:`(t, m)`: round :math:`t`, the types :math:`m, m+1, \dots` still
fighting, ordered from the weakest, i.e. the lowest :math:`F_k`). In state
:math:`(t, m)` :math:`U` picks the types :math:`m, \dots, m'-1` to buy off; a
rejecting type fights a round and goes on in state :math:`(t+1, m')`, worth

.. math:: R_k(t, m') = a_k - c_k + \delta s_k W_k(t+1, m'),

so the price is :math:`x = \max(0, \max_{m \le k < m'} R_k)`, and the choice is
consistent only if every type from :math:`m'` on strictly prefers to reject
(:math:`R_k > x`). :math:`U` takes the consistent choice with the largest
expected payoff (ties: the larger set bought off); every type, on or off the
path, takes the better of :math:`x` and :math:`R_k`. After a rejection of an
offer every type was meant to accept, :math:`U` believes it faces the
strongest type. Types of prior 0 are outside the support and left out (listed
in ``dropped``). If no choice is consistent in some state (types not ordered
by strength there), :func:`learning_equilibrium` refuses rather than guess.

References
----------
Powell, R. (2004). Bargaining and learning while fighting. *American Journal of
Political Science* 48(2), 344-361 (the uninformed state makes the offers, and
fighting and rejections both reveal the informed state's type; here with
finitely many types and a finite number of rounds of talks).

Fearon, J. D. (1995). Rationalist explanations for war. *International
Organization* 49(3), 379-414 (with one round of talks and a war decided in one
round this is Fearon's risk-return trade-off).

Examples
--------
>>> r = learning_equilibrium((0.5, 0.5), cost=(0.3, 0.05), win=(0.4, 0.4), loss=(0.6, 0.6),
...                          proposer_cost=0.05, discount=0.9, horizon=1)
>>> round(r.offers[0], 4), round(r.war_probability[0], 4)
(0.1, 0.5)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from bargaining.errors import InvalidGameError
from bargaining.model.learning import MAX_ROUNDS, MAX_TYPES, LearningWhileFighting
from bargaining.war.learning_results import LearningSolution

__all__ = ["learning_equilibrium", "solve_learning_while_fighting"]

_TIE = 1e-12


def _check(prior: np.ndarray, cost: np.ndarray, win: np.ndarray, loss: np.ndarray, horizon: int) -> None:
    k = len(prior)
    if not 1 <= k <= MAX_TYPES:
        raise InvalidGameError(f"give between 1 and {MAX_TYPES} types, got {k}")
    if not (len(cost) == len(win) == len(loss) == k):
        raise InvalidGameError("give one prior, cost, win and loss probability per type")
    if (prior < 0).any() or abs(prior.sum() - 1) > 1e-9:
        raise InvalidGameError(f"the prior must be probabilities summing to 1, got {prior.tolist()}")
    if (cost < 0).any() or not np.isfinite(cost).all():
        raise InvalidGameError(f"costs of fighting must be finite and >= 0, got {cost.tolist()}")
    if (win < 0).any() or (loss < 0).any() or (win + loss > 1 + 1e-12).any():
        raise InvalidGameError(
            "each type's win and loss probabilities per round must be >= 0 and sum to <= 1"
        )
    if isinstance(horizon, bool) or not isinstance(horizon, int) or not 1 <= horizon <= MAX_ROUNDS:
        raise InvalidGameError(
            f"horizon must be a whole number of rounds in [1, {MAX_ROUNDS}], got {horizon!r}"
        )


_Data = tuple[np.ndarray, np.ndarray, np.ndarray, float, np.ndarray, float]


def _choose(
    m: int, posterior: np.ndarray, follow_w: list[np.ndarray], follow_u: list[np.ndarray], data: _Data
) -> tuple[int, float, np.ndarray, np.ndarray]:
    """U's best consistent choice in one state: (m', price, W, U-values by type)."""
    win, loss, cost, c_u, survive, delta = data
    n = len(win)
    best: tuple[float, int, float, np.ndarray, np.ndarray] | None = None
    for cut in range(m, n + 1):
        nxt = min(cut, n - 1) if cut == n else cut  # all bought off: a rejecter is the strongest type
        reject = win - cost + delta * survive * follow_w[nxt]
        fight_u = loss - c_u + delta * survive * follow_u[nxt]
        price = max(0.0, float(reject[m:cut].max())) if cut > m else 0.0
        if cut < n and not (reject[cut:] > price + _TIE).all():
            continue
        accept = reject <= price + _TIE  # every type's best response, on the path or off it
        u_by_type = np.where(accept, 1 - price, fight_u)
        value = float(posterior[m:] @ u_by_type[m:])
        if best is None or value >= best[0] - _TIE:
            best = (value, cut, price, np.where(accept, price, reject), u_by_type)
    if best is None:
        raise InvalidGameError(
            f"no screening offer is consistent in round state {m}: the types are not ordered by "
            "strength (a type with a higher value of war should never accept less)"
        )
    return best[1], best[2], best[3], best[4]


def learning_equilibrium(
    prior: Sequence[float],
    cost: Sequence[float],
    win: Sequence[float],
    loss: Sequence[float],
    proposer_cost: float,
    discount: float,
    horizon: int,
    party_names: Sequence[str] = ("uninformed", "informed"),
    type_names: Sequence[str] = (),
) -> LearningSolution:
    r"""The equilibrium of bargaining while fighting with finitely many types (module docstring).

    Parameters
    ----------
    prior
        :math:`\pi_k`, the uninformed side's prior over the types.
    cost
        :math:`c_k`, each type's cost per round of fighting.
    win, loss
        :math:`a_k, b_k`, the chance that a round of fighting ends the war in
        the informed side's favour, and against it.
    proposer_cost
        :math:`c_U`, the uninformed side's cost per round.
    discount
        :math:`\delta \in (0, 1)` per round.
    horizon
        :math:`T`, the rounds of talks; after them the war is fought to its end.
    party_names, type_names
        For tables: (uninformed, informed) and one name per type.

    Raises
    ------
    InvalidGameError
        For bad numbers, or if no consistent screening offer exists in some state.
    """
    pi, c, a, b = (np.asarray(x, dtype=float) for x in (prior, cost, win, loss))
    _check(pi, c, a, b, horizon)
    delta, c_u = float(discount), float(proposer_cost)
    if not 0 < delta < 1:
        raise InvalidGameError(f"discount must be in (0, 1), got {discount!r}")
    if not (math.isfinite(c_u) and c_u >= 0):
        raise InvalidGameError(f"proposer_cost must be finite and >= 0, got {proposer_cost!r}")
    names = tuple(type_names) or tuple(f"type_{k}" for k in range(len(pi)))
    s = np.clip(1 - a - b, 0.0, 1.0)
    fight_out_i = (a - c) / (1 - delta * s)
    fight_out_u = (b - c_u) / (1 - delta * s)
    # weakest first; a type of prior 0 is outside the support: no belief can put weight on it
    order = np.array([k for k in np.argsort(fight_out_i, kind="stable") if pi[k] > 0], dtype=int)
    dropped = tuple(names[k] for k in range(len(pi)) if pi[k] <= 0)
    n = len(order)
    data: _Data = (a[order], b[order], c[order], c_u, s[order], delta)
    follow_w = [fight_out_i[order].copy() for _ in range(n)]
    follow_u = [fight_out_u[order].copy() for _ in range(n)]
    cuts = np.zeros((horizon, n), dtype=int)
    prices = np.zeros((horizon, n))
    for t in range(horizon - 1, -1, -1):
        weights = pi[order] * s[order] ** t
        new_w, new_u = [], []
        for m in range(n):
            mass = weights[m:].sum()
            posterior = weights / mass if mass > 0 else np.eye(n)[n - 1]
            cut, price, w, u = _choose(m, posterior, follow_w, follow_u, data)
            cuts[t, m], prices[t, m] = cut, price
            new_w.append(w)
            new_u.append(u)
        follow_w, follow_u = new_w, new_u
    return LearningSolution.from_path(
        party_names=(str(party_names[0]), str(party_names[1])),
        type_names=tuple(names[k] for k in order),
        prior=pi[order],
        cost=c[order],
        win=a[order],
        loss=b[order],
        proposer_cost=c_u,
        discount=delta,
        cuts=cuts,
        prices=prices,
        type_values=follow_w[0],
        proposer_values=follow_u[0],
        fight_out=(fight_out_i[order], fight_out_u[order]),
        dropped=dropped,
    )


def solve_learning_while_fighting(model: LearningWhileFighting, solution: str = "all") -> LearningSolution:
    """The ``bargain solve`` handler of kind ``learning_while_fighting`` (``solution`` is ignored)."""
    return learning_equilibrium(**model.arguments())
