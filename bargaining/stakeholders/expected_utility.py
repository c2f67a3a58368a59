r"""Bueno de Mesquita's expected-utility model as formalised by Scholz, Calbert and Smith (2011).

Issue by issue, actor :math:`i` has capability :math:`c_i`, position
:math:`x_i`, salience :math:`s_i` and a risk exponent :math:`r_i` (1 at the
start). One round:

1. **Risk.** With every :math:`r = 1`, actor :math:`i`'s danger is
   :math:`D_i = \sum_{o \ne i} E(U_{oi})`, the others' expected utility of
   challenging it; :math:`R_i = (2 D_i - \max D - \min D)/(\max D - \min D)` and
   :math:`r_i = (1 - R_i/3)/(1 + R_i/3) \in [1/2, 2]`.
2. **Probability** that :math:`i` beats :math:`j` (switch ``probability``):
   ``paper``: :math:`P_{ij} = \sum_k [w_k \delta_k]^+ / \sum_k |w_k \delta_k|` with
   :math:`w_k = c_k s_k`, :math:`\delta_k = |x_k - x_j| - |x_k - x_i|`;
   ``net_margin``: :math:`[\sum_k w_k \delta_k]^+ / \sum_k |w_k \delta_k|`;
   ``scholz_code``: :math:`\sum_k [w_k(\Delta_{kj}^{r_k} - \Delta_{ki}^{r_k})]^+`
   over the same sum taken over all ordered pairs of actors
   (:math:`\Delta_{ka} = |x_k - x_a|/\text{range}`). :math:`P_{ij} = 0` when :math:`x_i = x_j`.
3. **Expected utility** of :math:`i` challenging :math:`j`, with
   :math:`\Delta = |x_i - x_j|/\text{range}` and the exponent :math:`r` of the
   actor whose view it is (switch ``risk_perspective``):

   .. math::

       E(U_{ij}) = s_j (P_{ij} U_s + (1 - P_{ij}) U_f) + (1 - s_j) U_s
                   - Q U_{sq} - (1 - Q)(T U_b + (1 - T) U_w),

   :math:`U_s = 2 - 4(\tfrac12 - \tfrac12\Delta)^r`, :math:`U_f = 2 - 4(\tfrac12 + \tfrac12\Delta)^r`,
   :math:`U_{sq} = 2 - 4 \cdot 2^{-r}` and
   :math:`U_{b,w} = 2 - 4(\tfrac12 \mp \tfrac14(|x_i - \mu| + |x_i - x_j|)/\text{range})^r`.
4. **Offers.** Receiver :math:`a` compares :math:`e_{ab} = E(U_{ab})` with
   :math:`e_{ba} = E(U_{ba})`: :math:`e_{ba} > e_{ab} > 0` is a confrontation
   (:math:`a` moves to :math:`x_b`); :math:`e_{ba} > 0 > e_{ab}`,
   :math:`e_{ba} > |e_{ab}|` a compromise (:math:`x_a + (x_b - x_a)|e_{ab}/e_{ba}|`);
   :math:`e_{ba} > 0 > e_{ab}`, :math:`e_{ba} < |e_{ab}|` a capitulation
   (to :math:`x_b`). Each receiver takes one offer (switch ``offer_choice``);
   all move at once, towards the others' positions at the start of the round.

The forecast on each issue is the capability-times-salience weighted median of
the final positions. Everything is vectorised over actor pairs (and over
:math:`k` for the probabilities): no Python loop runs over actors.

References
----------
Scholz, J. B., Calbert, G. J. and Smith, G. A. (2011), "Unravelling Bueno De
Mesquita's group decision model", *Journal of Theoretical Politics* 23(4).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from bargaining.model.stakeholders import StakeholderTable
from bargaining.stakeholders.baselines import median_of
from bargaining.stakeholders.eu_offers import choose_offers
from bargaining.stakeholders.eu_options import EUOptions
from bargaining.stakeholders.results import Move, StakeholderForecast

__all__ = ["EURound", "eu_round", "expected_utility_model", "probability_matrix"]

Array = NDArray[np.float64]


def probability_matrix(
    x: Array, w: Array, r: Array, scale: float, rule: str, active: NDArray[np.bool_] | None = None
) -> Array:
    """:math:`P_{ij}`, the probability that ``i`` beats ``j`` (see the module docstring).

    ``active`` (default: all) are the actors whose pairs enter the
    ``scholz_code`` denominator.
    """
    same = x[:, None] == x[None, :]
    if rule == "scholz_code":
        dist = (np.abs(x[:, None] - x[None, :]) / scale) ** r[:, None]  # dist[k, a]
        compare = w[:, None, None] * (dist[:, None, :] - dist[:, :, None])  # [k, i, j]
        numerator = np.maximum(compare, 0).sum(axis=0)
        pairs = compare if active is None else compare[:, active][:, :, active]
        denominator = np.abs(pairs).sum()
        p = numerator / denominator if denominator > 0 else np.zeros_like(numerator)
    else:
        numerator, denominator = _linear_sums(x, w, rule)
        p = np.divide(numerator, denominator, out=np.zeros_like(numerator), where=denominator > 0)
    return np.where(same, 0.0, p)


def _linear_sums(x: Array, w: Array, rule: str) -> tuple[Array, Array]:
    r"""Numerator and denominator of the linear rules in :math:`O(N^2 \log N)`, by prefix sums.

    With :math:`\delta_k = |x_k - x_j| - |x_k - x_i|`, :math:`L = |x_i - x_j|` and
    :math:`m = (x_i + x_j)/2`: :math:`|\delta_k| = L` outside the interval between
    :math:`x_i` and :math:`x_j` and :math:`2|x_k - m|` inside, positive on
    :math:`x_i`'s side of :math:`m`. Sums over an empty set of voters are exactly 0.
    """
    order = np.argsort(x, kind="stable")
    xs, ws = x[order], w[order]
    cw = np.concatenate([[0.0], np.cumsum(ws)])
    cwx = np.concatenate([[0.0], np.cumsum(ws * xs)])
    xi, xj = x[:, None], x[None, :]
    lo, hi = np.minimum(xi, xj), np.maximum(xi, xj)
    mid, length = (lo + hi) / 2, hi - lo
    a = np.searchsorted(xs, lo, side="right")  # voters at or below lo: [0, a)
    b = np.searchsorted(xs, mid, side="right")  # (lo, mid]: [a, b)
    e = np.searchsorted(xs, hi, side="left")  # (mid, hi): [b, e); at or above hi: [e, n)
    below, above = cw[a], cw[-1] - cw[e]
    left = 2 * (mid * (cw[b] - cw[a]) - (cwx[b] - cwx[a]))
    right = 2 * ((cwx[e] - cwx[b]) - mid * (cw[e] - cw[b]))
    left, right = np.maximum(left, 0.0), np.maximum(right, 0.0)
    denominator = length * (below + above) + left + right
    i_low = xi < xj  # x_i is the lower end: voters below and on the left are closer to i
    towards_i = np.where(i_low, length * below + left, length * above + right)
    if rule == "paper":
        return towards_i, denominator
    return np.maximum(2 * towards_i - denominator, 0.0), denominator


def _power(base: Array, r: Array | float) -> Array:
    """``base ** r``, skipping the power where every exponent is 1 (the dangers' utilities)."""
    if np.ndim(r) == 0 and float(r) == 1.0:  # x ** 1 == x exactly
        return base
    return np.asarray(base**r)


def _win_lose(delta: Array, r: Array | float) -> tuple[Array, Array]:
    """:math:`U_s` and :math:`U_f` at distance ``delta`` (a share of the range) with exponent ``r``."""
    return 2 - 4 * _power(0.5 - 0.5 * delta, r), 2 - 4 * _power(0.5 + 0.5 * delta, r)


def _eu(
    xc: Array,
    xt: Array,
    p: Array,
    s_target: Array,
    r: Array | float,
    scale: float,
    mu: float,
    o: EUOptions,
    win_lose: tuple[Array, Array] | None = None,
) -> Array:
    """Expected utility of challengers at ``xc`` against targets at ``xt`` (broadcast).

    ``win_lose``: :math:`(U_s, U_f)` if already computed for the same distances and exponents.
    """
    if win_lose is None:
        delta = np.minimum(np.abs(xc - xt) / scale, 1.0)  # > 1 only towards an abstaining outsider
        win_lose = _win_lose(delta, r)
    us, uf = win_lose
    usq = 2 - 4 * 0.5**r
    eu = s_target * (p * us + (1 - p) * uf) + (1 - s_target) * us
    if o.status_quo_terms == "q_only" or o.q == 1:  # with Q = 1 the U_b, U_w terms weigh 0
        return eu - o.q * usq
    spread = 0.25 * (np.abs(xc - mu) + np.abs(xc - xt)) / scale
    ub = 2 - 4 * np.maximum(0.5 - spread, 0) ** r
    uw = 2 - 4 * (0.5 + spread) ** r
    tail = o.t * ub + (1 - o.t) * uw
    if o.status_quo_terms == "paper":
        return eu - o.q * usq - (1 - o.q) * tail
    return eu - (o.q * usq - (1 - o.q) * tail)


@dataclass(frozen=True, slots=True, eq=False)
class EURound:
    """The internals of one round on one issue (arrays indexed by actor, in table order).

    ``eu_own[a, b]`` is :math:`E(U_{ab})` (a challenges b) and ``eu_other[a, b]``
    is :math:`E(U_{ba})`, both as the switch ``risk_perspective`` evaluates them
    for receiver ``a``; ``offer[a]`` is the chosen counterpart (-1: none);
    ``risk_probability`` is :math:`P` with every :math:`r = 1`, which the
    dangers use, ``probability`` :math:`P` with the new exponents.
    """

    risk_probability: Array
    danger: Array
    r: Array
    probability: Array
    eu_own: Array
    eu_other: Array
    kind: tuple[str, ...]
    offer: NDArray[np.int64]
    new_positions: Array
    mu: float
    ties: NDArray[np.bool_]


def _reference(x: Array, w: Array, how: str) -> float:
    if how == "mean":
        return float((w * x).sum() / w.sum()) if w.sum() > 0 else float(x.mean())
    return median_of(x, w)[0] if w.sum() > 0 else float(np.median(x))


def eu_round(
    x: Array, c: Array, s: Array, scale: float, o: EUOptions, rank: NDArray[np.int64] | None = None
) -> EURound:
    """One round of the model on one issue: risk, probabilities, expected utilities, offers, moves.

    ``rank`` (default: the order given) is each actor's place in the table; it breaks exact ties.
    """
    w = c * s
    active = s > 0 if o.zero_salience == "abstains" else np.ones(len(x), dtype=bool)
    ones = np.ones_like(x)
    first = "weighted_median" if o.reference_point == "gdm_two_pass" else o.reference_point
    mu = _reference(x, w, first)
    p1 = probability_matrix(x, w, ones, scale, o.probability, active)
    delta = np.minimum(np.abs(x[:, None] - x[None, :]) / scale, 1.0)  # symmetric
    e1 = _eu(x[:, None], x[None, :], p1, s[None, :], 1.0, scale, mu, o, _win_lose(delta, 1.0))  # [o, i]
    np.fill_diagonal(e1, 0.0)
    danger = np.where(active[:, None], e1, 0.0).sum(axis=0)
    top, bottom = danger[active].max(), danger[active].min()
    spread = top - bottom
    big_r = (2 * danger - top - bottom) / spread if spread > 0 else np.zeros_like(danger)
    big_r = np.clip(big_r, -1, 1)  # only an abstaining actor can fall outside
    r = (1 - big_r / 3) / (1 + big_r / 3)
    if o.reference_point == "gdm_two_pass":
        mu = _reference(x, w, "mean")
    p = probability_matrix(x, w, r, scale, o.probability, active) if o.probability == "scholz_code" else p1
    ra = r[:, None]
    rb = ra if o.risk_perspective == "receiver" else r[None, :]
    s_other = s[:, None] if o.companion_salience == "target" else s[None, :]
    shared = _win_lose(delta, ra)  # the receiver's exponent on both sides, unless risk_perspective="own"
    eu_own = _eu(x[:, None], x[None, :], p, s[None, :], ra, scale, mu, o, shared)
    other = shared if o.risk_perspective == "receiver" else _win_lose(delta, rb)
    eu_other = _eu(x[None, :], x[:, None], p.T, s_other, rb, scale, mu, o, other)
    kind, offer, new, ties = choose_offers(x, eu_own, eu_other, o, active, rank)
    return EURound(p1, danger, r, p, eu_own, eu_other, kind, offer, new, mu, ties)


@dataclass(slots=True)
class _IssueRun:
    history: list[Array]
    moves: list[Move] = field(default_factory=list)
    details: list[dict[str, object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    converged: bool = True
    stopped_by: str = "nothing to do"


def _record(run: _IssueRun, step: EURound, x: Array, t: int, issue: str, names: tuple[str, ...]) -> None:
    for a in np.flatnonzero(step.offer >= 0):
        b = int(step.offer[a])
        values = {"eu_ij": float(step.eu_own[a, b]), "eu_ji": float(step.eu_other[a, b])}
        run.moves.append(
            Move(
                t, names[a], issue, step.kind[a], names[b], float(x[a]), float(step.new_positions[a]), values
            )
        )
    for a in np.flatnonzero(step.ties):
        run.notes.append(
            f"{issue}, round {t}: offers to {names[a]} tie from different positions; table order chose"
        )


def _issue_run(
    x0: Array,
    c: Array,
    s: Array,
    scale: float,
    o: EUOptions,
    issue: str,
    names: tuple[str, ...],
    rank: NDArray[np.int64],
) -> _IssueRun:
    x = x0.copy()
    run = _IssueRun([x.copy()])
    w = c * s
    inverse = np.argsort(rank)
    in_table_order = [names[j] for j in inverse]
    for t in range(1, o.rounds + 1):
        step = eu_round(x, c, s, scale, o, rank)
        _record(run, step, x, t, issue, names)
        moved = float(np.max(np.abs(step.new_positions - x)))
        x = step.new_positions
        run.history.append(x.copy())
        run.details.append(
            {
                "round": t,
                "issue": issue,
                "risk_exponent_r": dict(zip(in_table_order, step.r[inverse].tolist(), strict=True)),
                "weighted_median": median_of(x, w)[0],
                "mean": float((w * x).sum() / w.sum()),
            }
        )
        if o.stop == "no_movement" and moved <= o.tolerance * scale:
            run.stopped_by = f"no actor moves after round {t}"
            return run
    if o.stop == "fixed_rounds":
        run.stopped_by = f"{o.rounds} rounds, as asked (the sources have no stopping rule)"
    else:
        run.converged, run.stopped_by = False, f"round limit {o.rounds}: actors still move"
    return run


def expected_utility_model(table: StakeholderTable, options: EUOptions | None = None) -> StakeholderForecast:
    """Run the expected-utility model on every issue of ``table`` (see the module docstring).

    Parameters
    ----------
    table
        The actor table.
    options
        The switches (default: the paper's reading, :class:`EUOptions`); the
        replications are :data:`~bargaining.stakeholders.eu_options.PRESETS`.

    Returns
    -------
    StakeholderForecast
        With ``model="bdm"``; ``history`` holds every round (an issue that stops
        early keeps its last positions), ``moves`` every move and its reason.
    """
    o = options or EUOptions()
    # computed in a label-independent order (exact ties still go by table order, through rank)
    rank = table.canonical_order()
    x0, c, s = table.positions[rank], table.capabilities[rank], table.saliences[rank]
    names = tuple(table.actors_names[k] for k in rank)
    runs: list[_IssueRun] = []
    for d, issue in enumerate(table.issues):
        col = x0[:, d]
        held = col[s[:, d] > 0] if o.zero_salience == "abstains" and (s[:, d] > 0).any() else col
        scale = float(held.max() - held.min()) if o.position_range == "data" else issue.span
        if scale <= 0 or (c * s[:, d]).sum() <= 0:
            note = (
                f"{issue.name}: every actor that cares stands at one position (or none cares): nothing moves"
            )
            runs.append(_IssueRun([col.copy()], notes=[note]))
            continue
        runs.append(_issue_run(col, c, s[:, d], scale, o, issue.name, names, rank))
    length = max(len(run.history) for run in runs)
    history = np.empty((length, len(names), len(table.issues)))
    for d, run in enumerate(runs):
        history[:, rank, d] = np.array(run.history + [run.history[-1]] * (length - len(run.history)))
    w = table.weights
    place = {n: k for k, n in enumerate(table.actors_names)}
    moves = sorted(
        (m for run in runs for m in run.moves),
        key=lambda m: (m.round, table.issue_names.index(m.issue), place[m.actor]),
    )
    outcome = tuple(
        median_of(history[-1, :, d], w[:, d])[0] if w[:, d].sum() > 0 else float(np.median(history[-1, :, d]))
        for d in range(len(table.issues))
    )
    notes = [n for run in runs for n in run.notes]
    converged = all(run.converged for run in runs)
    if not converged:
        notes.append(
            "the run did not settle: positions still change at the round limit (the model may cycle)"
        )
    return StakeholderForecast(
        "bdm",
        table.actors_names,
        table.issue_names,
        outcome,
        history,
        tuple(moves),
        converged,
        "; ".join(f"{i.name}: {run.stopped_by}" for i, run in zip(table.issues, runs, strict=True)),
        o.to_dict(),
        [detail for run in runs for detail in run.details],
        tuple(notes),
    )
