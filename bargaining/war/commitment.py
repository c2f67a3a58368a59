r"""Shifting power and the commitment problem (Fearon 1995; Powell 2006).

Two parties divide a flow :math:`\pi` per period; the whole stream is worth
:math:`\Pi = \pi / (1-\delta)`. A war started in period :math:`t` is a costly
lottery that ends the game, worth :math:`M^0_t = p_t \Pi - c_0` and
:math:`M^1_t = (1-p_t)\Pi - c_1`: each party's *minmax* payoff, what it can
lock in by fighting. In period :math:`t` the proposer :math:`P` offers the
responder :math:`R` a share :math:`y_t \in [0, \pi]` of that period's flow;
:math:`R` accepts or fights, and :math:`P` may also fight instead of offering.

**The equilibrium** is computed by backward induction. From the last period
of the path on, power no longer moves and the game is stationary: the
proposer holds the responder to its minmax, :math:`V^R = \max(M^R, 0)`,
:math:`V^P = \Pi - V^R`, with no war (Fearon's bargaining range of the stream,
:math:`[p\Pi - c_0, p\Pi + c_1]`, is not empty). Before it, with the
continuation values :math:`V_{t+1}`, the responder accepts :math:`y` iff
:math:`y + \delta V^R_{t+1} \ge M^R_t`, so the proposer must give it

.. math:: y_t = \max\bigl(0,\ M^R_t - \delta V^R_{t+1}\bigr),

which is possible only if :math:`y_t \le \pi`. If :math:`y_t > \pi` no offer
is enough today: the responder fights (the commitment problem). Otherwise the
proposer offers :math:`y_t` unless fighting pays it more,
:math:`M^P_t > \pi - y_t + \delta V^P_{t+1}` (a preventive attack). Ties go
to peace; the comparisons allow :math:`10^{-12}` of :math:`\max(1, \Pi)` for
rounding. These are the payoffs of the limit of the finite-horizon games
(where the equilibrium is unique), which the tests check.

**Powell's condition.** What was checked against the sources, and what was
not:

* Verified (the abstract of Powell 2004, APSR 98(2), on Cambridge Core):
  Powell formalises the mechanism as an "inefficiency condition" that ensures
  that all the equilibria of a stochastic game are inefficient, and reads it
  as "large, rapid changes in the actors' relative power (measured in terms
  of their minmax payoffs)".
* Verified (a passage of Powell 2006, IO 60(1), doi:10.1017/S0020818306060061,
  quoted in the public repository quotables/jekyll-now,
  ``_posts/2018-03-15-preventive-war-comitment-problem.md``): to avoid war the
  temporarily weak bargainer "must promise the stronger at least as much of
  the flow as the latter can lock in", and if the shift in power is
  "sufficiently large and rapid" it is certain to renege once strong.
* Secondary source for the printed inequality: a public JavaScript
  implementation of Powell (2006), found by text search of public GitHub code
  (the search index gave its text, id 70773565006, but not its repository),
  restates the paper's "general inefficiency condition (p. 182, eq. 1)" as

  .. math:: \delta M_1(t+1) - M_1(t) > B - [M_1(t) + M_2(t)],

  "shift in the distribution of power" against "bargaining surplus", with a
  flow of 1 per period, :math:`B = 1/(1-\delta)`, state 1 rising and
  :math:`M_k(t)` what :math:`k` can lock in at :math:`t`; and its preventive
  war case (p. 183), war destroying a fraction :math:`d` of the flow and
  state 1's chance rising from :math:`p` to :math:`p + D`, as
  :math:`(1-d)[\delta(p+D) - p] > d`.
* **Not verified**: the printed paper itself. Only the first page of each
  paper could be read; the page and equation numbers above are the secondary
  source's. Adding :math:`M_1(t)` to both sides of its eq. (1) gives
  :math:`M_2(t) + \delta M_1(t+1) > B`, which is form 2 below with
  :math:`i = 2`, :math:`j = 1`, :math:`\Pi = B`; the tests check both the
  eq. (1) form and the p. 183 case against this code, at and on either side
  of the boundary.

The formalisation: whatever the bargaining protocol, the most that side
:math:`j` can credibly promise side :math:`i` in period :math:`t` is the whole
of today's flow and, from tomorrow, the stream less what :math:`j` will then
be able to lock in, :math:`\pi + \delta(\Pi - \max(0, M^j_{t+1}))`. If side
:math:`i`'s minmax exceeds it, that is if the *Powell gap*

.. math:: g^i_t = M^i_t - \pi - \delta\bigl(\Pi - \max(0, M^j_{t+1})\bigr) > 0,

every equilibrium has war by period :math:`t` (the tests check this under
every proposer sequence). Three forms of the same condition, equal by
algebra alone (the tests check the identities in exact rationals):

1. the gap above is positive;
2. since :math:`\pi + \delta\Pi = \Pi`, with :math:`M^j_{t+1} \ge 0`: the
   declining side's minmax today plus the rising side's discounted minmax
   tomorrow exceed the whole stream, :math:`M^i_t + \delta M^j_{t+1} > \Pi`;
3. with the costly lottery, :math:`M^i_t = (1-q_t)\Pi - c_i` and
   :math:`M^j_{t+1} = q_{t+1}\Pi - c_j`, where :math:`q_t` is the rising side
   :math:`j`'s win probability, form 2 is
   :math:`\Pi(\delta q_{t+1} - q_t) > c_i + \delta c_j`, and writing
   :math:`\delta q_{t+1} - q_t = \delta(q_{t+1} - q_t) - (1-\delta)q_t`,

   .. math:: \frac{\delta (q_{t+1} - q_t)\,\pi}{1 - \delta} > q_t\pi + c_i + \delta c_j ,

   equivalently :math:`\delta M^j_{t+1} - M^j_t > c_0 + c_1`: the present
   value of the rising side's gain in power exceeds what war destroys.

The gap is exactly form 1 (``powell_gaps`` computes it); forms 2 and 3 hold
only where :math:`M^j_{t+1} \ge 0`. The condition is sufficient, not
necessary. When power does not move the gap is never positive (it is
:math:`-(c_0 + c_1) - (1-\delta)M^j` when :math:`M^j \ge 0`), there is no
war, and the proposer gets the top of Fearon's static bargaining range of the
stream, :math:`p_P\Pi + c_R` (Fearon's range :math:`[p - c_A, p + c_B]` of a
unit pie, as restated in Wikipedia's "War's inefficiency puzzle", scaled to
the stream).

References
----------
Fearon, J. D. (1995). Rationalist explanations for war. *International
Organization* 49(3), 379-414 (the preventive-war commitment problem).

Powell, R. (2004). The inefficient use of power: costly conflict with complete
information. *American Political Science Review* 98(2), 231-241.

Powell, R. (2006). War as a commitment problem. *International Organization*
60(1), 169-203.

Examples
--------
>>> r = commitment_equilibrium((0.8, 0.3), (0.1, 0.1), discount=0.9, proposer=1)
>>> r.war, r.first_war
((True, False), 0)
>>> r = commitment_equilibrium((0.8, 0.79), (0.1, 0.1), discount=0.9, proposer=1)
>>> r.first_war is None
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from bargaining.errors import InvalidGameError
from bargaining.model.shifting_power import ShiftingPower
from bargaining.war.commitment_results import TIE_TOLERANCE, CommitmentSolution
from bargaining.war.fearon import bargaining_range, party_names_of

__all__ = ["TIE_TOLERANCE", "commitment_equilibrium", "powell_gaps", "solve_shifting_power"]


def _minmax(p: float, cost: tuple[float, float], stream: float) -> tuple[float, float]:
    return p * stream - cost[0], (1 - p) * stream - cost[1]


def powell_gaps(
    win_probability: Sequence[float], cost: Sequence[float], discount: float, size: float = 1.0
) -> tuple[tuple[float, float], ...]:
    r"""Powell's inefficiency gaps :math:`(g^0_t, g^1_t)` for each period of the path.

    :math:`g^i_t = M^i_t - \pi - \delta(\Pi - \max(0, M^j_{t+1}))`; a positive
    gap means side :math:`i` cannot be bought off in period :math:`t` under any
    protocol (Powell 2006). After the path power stays at its last value.

    Examples
    --------
    >>> [tuple(round(g, 4) for g in pair) for pair in powell_gaps((0.75, 0.25), (0.125, 0.25), 0.5)]
    [(0.0, -1.5625), (-1.0, -0.5625)]
    """
    stream = size / (1 - discount)
    c = (float(cost[0]), float(cost[1]))
    out = []
    n = len(win_probability)
    for t in range(n):
        now = _minmax(win_probability[t], c, stream)
        later = _minmax(win_probability[min(t + 1, n - 1)], c, stream)
        out.append(
            (
                now[0] - size - discount * (stream - max(0.0, later[1])),
                now[1] - size - discount * (stream - max(0.0, later[0])),
            )
        )
    return tuple(out)


def _check(win_probability: Any, cost: Any, discount: Any, size: Any, n_proposers: int) -> None:
    if not 0 < discount < 1:
        raise InvalidGameError(f"discount must be in (0, 1), got {discount!r}")
    if not (math.isfinite(size) and size > 0):
        raise InvalidGameError(f"size must be positive, got {size!r}")
    if not win_probability:
        raise InvalidGameError("win_probability needs at least one period")
    for t, p in enumerate(win_probability):
        if not 0 <= p <= 1:
            raise InvalidGameError(f"win_probability[{t}] must be in [0, 1], got {p!r}")
    if len(cost) != 2 or any(not (math.isfinite(c) and c >= 0) for c in cost):
        raise InvalidGameError(f"cost needs two costs of war >= 0, got {cost!r}")
    if n_proposers != len(win_probability):
        raise InvalidGameError(
            f"proposer needs one party per period ({len(win_probability)}), got {n_proposers}"
        )


def commitment_equilibrium(
    win_probability: Sequence[float],
    cost: Sequence[float],
    discount: float,
    size: float = 1.0,
    proposer: int | Sequence[int] = 1,
    party_names: Sequence[str] = ("party 0", "party 1"),
    labels: Sequence[str] = (),
) -> CommitmentSolution:
    r"""The subgame-perfect equilibrium of bargaining while power shifts (see the module docstring).

    Parameters
    ----------
    win_probability
        :math:`p_0, \dots, p_{T-1}`, party 0's chance of winning a war begun in
        each period; the last value holds for ever after.
    cost
        :math:`(c_0, c_1)`, the costs of war, in units of the per-period flow.
    discount
        :math:`\delta \in (0, 1)`.
    size
        :math:`\pi`, the flow divided each period.
    proposer
        Who offers in each period (one index for all, or one per period).
    party_names, labels
        For tables: the two parties and (optionally) one label per period.

    Returns
    -------
    CommitmentSolution

    Raises
    ------
    InvalidGameError
        For a probability outside [0, 1], a discount outside (0, 1), a negative
        cost, a size that is not positive, or a proposer list of the wrong length.
    """
    path = tuple(float(p) for p in win_probability)
    c = (float(cost[0]), float(cost[1])) if len(cost) == 2 else tuple(float(x) for x in cost)
    delta, size = float(discount), float(size)
    who = (proposer,) * len(path) if isinstance(proposer, int) else tuple(proposer)
    _check(path, c, delta, size, len(who))
    if any(isinstance(i, bool) or i not in (0, 1) for i in who):
        raise InvalidGameError(f"proposer must be party 0 or 1 in every period, got {who!r}")
    names = party_names_of(tuple(party_names))
    stream = size / (1 - delta)
    slack = TIE_TOLERANCE * max(1.0, stream)
    n = len(path)
    cc = (c[0], c[1])
    war_values = [_minmax(p, cc, stream) for p in path]
    values: list[tuple[float, float]] = [(0.0, 0.0)] * n
    needed, offer = [math.nan] * n, [math.nan] * n
    war, started = [False] * n, [""] * n
    last_r = 1 - who[-1]
    keep = max(war_values[-1][last_r], 0.0)
    tail = [0.0, 0.0]
    tail[last_r], tail[who[-1]] = keep, stream - keep
    following = (tail[0], tail[1])
    for t in range(n - 1, -1, -1):
        p_i, r_i = who[t], 1 - who[t]
        w = war_values[t]
        if t == n - 1:
            needed[t], offer[t], values[t] = (1 - delta) * keep, (1 - delta) * keep, following
            continue
        need = w[r_i] - delta * following[r_i]
        needed[t] = need
        y = max(0.0, need)
        if y > size + slack:
            war[t], started[t], values[t] = True, "responder", w
        elif w[p_i] > size - y + delta * following[p_i] + slack:
            war[t], started[t], values[t] = True, "proposer", w
        else:
            offer[t] = y
            v = [0.0, 0.0]
            v[r_i] = y + delta * following[r_i]
            v[p_i] = size - y + delta * following[p_i]
            values[t] = (v[0], v[1])
        following = values[t]
    first = next((t for t in range(n) if war[t]), None)
    return CommitmentSolution(
        party_names=names,
        labels=tuple(labels) if labels else tuple(f"t{t}" for t in range(n)),
        win_probability=path,
        cost=cc,
        discount=delta,
        size=size,
        proposer=who,
        war_values=tuple(war_values),
        needed=tuple(needed),
        offer=tuple(offer),
        values=tuple(values),
        war=tuple(war),
        started_by=tuple(started),
        powell_gap=powell_gaps(path, cc, delta, size),
        static_range=tuple(bargaining_range(p, cc, stream) for p in path),
        first_war=first,
    )


def solve_shifting_power(model: ShiftingPower, solution: str = "all") -> CommitmentSolution:
    """The ``bargain solve`` handler of kind ``shifting_power``: :func:`commitment_equilibrium`.

    ``solution`` is ignored, as by :func:`~bargaining.war.fearon.solve_war`: the
    model has one equilibrium, so every sensitivity command's default works.
    """
    return commitment_equilibrium(**model.arguments())
