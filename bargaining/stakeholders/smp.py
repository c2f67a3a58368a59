r"""KTAB's Spatial Model of Politics (SMP): challenges, interpolated bargains, bargains chosen by vote.

Each turn (``SMPState::doBCN``), on the current state:

1. every actor :math:`i` finds its best target: the :math:`j` with the largest
   expected gain :math:`e_{ij} > 10^{-5}` of challenging it, in its own
   estimate (:func:`~bargaining.stakeholders.smp_state.challenge`);
2. the challenge becomes a bargain: a point for each of the two, interpolated
   between their positions with weights :math:`s^n \phi^n` (InterVecBrgn
   S1P1, S2P2: rounded to :math:`10^{-4}`) or by S2PMax; BargnModel says whose
   view builds it;
3. each actor's queue (its status quo, its own proposal, every proposal aimed at
   it) goes to a probabilistic Condorcet election among all actors
   (capabilities as weights, the utility of the state each bargain would make,
   averaged over the positions); the most probable bargain wins
   (Deterministic) or one is drawn (Stochastic);
4. all move at once; ideals follow (IdealAdjustment); the risk attitudes are
   inferred again.

The run stops after turn :math:`t` when :math:`t \ge 100`, or :math:`t \ge 2`
and :math:`\sum_i \lVert x_i^t - x_i^{t-1}\rVert / (\sum_i \lVert x_i^1 -
x_i^0\rVert + 10^{-4}) < 0.02`. The forecast on each issue is the position
most likely to win the final state's election.

References
----------
KAPSARC Toolkit for Behavioral Analysis (KTAB), ``examples/smp`` (smp.cpp,
smpbcn.cpp), github.com/KAPSARC/KTAB; Wise, Lester and Efird, "An introduction to
the KAPSARC Toolkit for Behavioral Analysis (KTAB) using one-dimensional
spatial models" (KAPSARC, 2015).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import InvalidGameError
from bargaining.model.stakeholders import StakeholderTable
from bargaining.stakeholders.results import Move, StakeholderForecast
from bargaining.stakeholders.smp_options import SMPOptions
from bargaining.stakeholders.smp_pce import pce
from bargaining.stakeholders.smp_state import SMPState, challenge, distances, make_state, utility

__all__ = ["SMPRun", "smp_run", "spatial_model", "win_probabilities"]

Array = NDArray[np.float64]


def _round4(z: Array) -> Array:
    return np.trunc(0.5 + 1e4 * z) / 1e4


def interpolate(xi: Array, xj: Array, si: Array, sj: Array, prob_i: float, how: str) -> tuple[Array, Array]:
    """The bargain's points for initiator and receiver (``interpolateBrgn``, smp.cpp:269-326)."""
    prob_j = 1 - prob_i
    if how == "S2PMax":
        di, dj = max(0.0, prob_j - prob_i), max(0.0, prob_i - prob_j)
        ai = di * sj**2 / (di * sj**2 + 1e-6 + (1 - di) * si**2)
        aj = dj * si**2 / (dj * si**2 + 1e-6 + (1 - dj) * sj**2)
        return xi + ai * (xj - xi), xj + aj * (xi - xj)
    n = 1 if how == "S1P1" else 2
    wi, wj = si**n * prob_i**n, sj**n * prob_j**n
    bi = _round4(((wi + 1e-6) * xi + wj * xj) / (wi + wj + 1e-6))
    bj = _round4((wi * xi + (wj + 1e-6) * xj) / (wi + wj + 1e-6))
    return bi, bj


@dataclass(frozen=True, slots=True)
class _Bargain:
    initiator: int
    receiver: int
    at_initiator: Array
    at_receiver: Array
    probability: float
    gain: float


@dataclass(slots=True)
class SMPRun:
    """Everything a run records, state by state (positions on [0, 1])."""

    positions: list[Array] = field(default_factory=list)
    ideals: list[Array] = field(default_factory=list)
    risk: list[Array] = field(default_factory=list)
    win: list[Array] = field(default_factory=list)
    challenges: list[list[dict[str, object]]] = field(default_factory=list)
    chosen: list[list[_Bargain | None]] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    stopped_by: str = ""
    #: (turn, "target" or "bargain", actor, the tied alternatives): choices that were ties up to rounding
    ties: list[tuple[int, str, Any, Any]] = field(default_factory=list)


def win_probabilities(state: SMPState, c: Array, o: SMPOptions) -> Array:
    """Each actor's position's probability in the state's PCE, equivalent positions merged (``pDist``).

    Positions closer than 1e-3 are one (the first of them stands for the
    group); an actor reads the probability of the *last* unique position it is
    equivalent to, as ``State::posProb`` does.
    """
    close = np.linalg.norm(state.x[:, None, :] - state.x[None, :, :], axis=2) < 1e-3
    unique: list[int] = []
    for i in range(len(c)):
        if not close[i, unique].any():
            unique.append(i)
    owner = [int(np.flatnonzero(close[i, unique])[-1]) for i in range(len(c))]
    own = state.a_util[np.arange(len(c)), np.arange(len(c))]  # own[i, n] = u(d_in, R_i)
    pi = pce(c, own[:, unique], o.voting_rule, o.victory_prob_model, o.pce_model)
    return pi[np.array(owner)]


def _targets(
    state: SMPState, s_total: Array, c: Array, o: SMPOptions
) -> tuple[Array, Array, NDArray[np.int64]]:
    n = len(c)
    i, j = (a.ravel() for a in np.meshgrid(np.arange(n), np.arange(n), indexing="ij"))
    off = i != j
    i, j = i[off], j[off]
    prob, edu = np.full((n, n), np.nan), np.full((n, n), -np.inf)
    block = max(1, 200_000 // n)  # pairs per block: (block, n) arrays of third parties stay small
    for start in range(0, len(i), block):
        ii, jj = i[start : start + block], j[start : start + block]
        prob[ii, jj], edu[ii, jj] = challenge(state, s_total, c, o, ii, ii, ii, jj)
    best = np.argmax(np.where(edu > 1e-5, edu, -np.inf), axis=1)
    target = np.where((edu > 1e-5).any(axis=1), best, -1)
    return prob, edu, target


def near_ties(values: Array, best: int) -> list[int]:
    """The other indices whose value is within 1e-9 (relative) of ``values[best]``: where the
    choice of ``best`` (the first in table order, as KTAB takes it) was a tie up to rounding."""
    top = values[best]
    close = np.flatnonzero(np.abs(values - top) <= 1e-9 * (1 + abs(top)))
    return [int(k) for k in close if k != best]


def _bargains(
    state: SMPState, s: Array, s_total: Array, c: Array, o: SMPOptions
) -> tuple[list[_Bargain], list[dict[str, object]]]:
    prob, edu, target = _targets(state, s_total, c, o)
    x, found, log = state.x, [], []
    for i, j in enumerate(target.tolist()):
        entry: dict[str, object] = {
            "i": i,
            "j": None if j < 0 else j,
            "edu": None if j < 0 else float(edu[i, j]),
        }
        log.append(entry)
        if j < 0:
            continue
        tied = near_ties(edu[i], j)
        if tied:
            entry["tied_with"] = tied
        b1 = interpolate(x[i], x[j], s[i], s[j], float(prob[i, j]), o.inter_vec_brgn)
        if o.bargn_model == "InitOnlyInterp":
            found.append(_Bargain(i, j, b1[0], b1[1], float(prob[i, j]), float(edu[i, j])))
            continue
        ii, jj = np.array([j]), np.array([i])
        g = float(challenge(state, s_total, c, o, ii, jj, jj, ii)[1][0])  # j's view of i's gain (sic)
        b2 = interpolate(x[i], x[j], s[i], s[j], g, o.inter_vec_brgn)
        if o.bargn_model == "InitRcvrInterp":
            found.append(_Bargain(i, j, b1[0], b1[1], float(prob[i, j]), float(edu[i, j])))
            found.append(_Bargain(i, j, b2[0], b2[1], g, float(edu[i, j])))
        else:
            wi, wj = c[i] * s_total[i], c[i] * s_total[j]  # the initiator's capability twice, as KTAB
            mixed = [(wi * p + wj * q) / (wi + wj) for p, q in zip(b1, b2, strict=True)]
            found.append(_Bargain(i, j, mixed[0], mixed[1], float(prob[i, j]), float(edu[i, j])))
    return found, log


def _choose(
    state: SMPState, s: Array, c: Array, o: SMPOptions, bargains: list[_Bargain], rng: np.random.Generator
) -> tuple[Array, list[_Bargain | None], list[int]]:
    n = len(c)
    own = state.a_util[np.arange(n), np.arange(n)]
    risk = state.risk
    new, chosen = state.x.copy(), []
    ties: list[int] = []
    for k in range(n):
        queue = [b for b in bargains if k in (b.initiator, b.receiver)]
        values = [own.sum(axis=1) / n]
        for b in queue:
            u = own.copy()
            points = np.stack([b.at_initiator, b.at_receiver])
            u[:, [b.initiator, b.receiver]] = utility(distances(state.y, s, points), risk[:, None])
            values.append(u.sum(axis=1) / n)
        pi = pce(c, np.stack(values, axis=1), o.voting_rule, o.victory_prob_model, o.pce_model)
        deterministic = o.state_transitions == "Deterministic"
        m = int(np.argmax(pi)) if deterministic else int(rng.choice(len(pi), p=pi / pi.sum()))
        lands = [state.x[k]] + [b.at_initiator if k == b.initiator else b.at_receiver for b in queue]
        if deterministic and any(not np.array_equal(lands[m], lands[j]) for j in near_ties(pi, m)):
            ties.append(k)  # tied bargains that would put k at different points
        pick = None if m == 0 else queue[m - 1]
        chosen.append(pick)
        if pick is not None:
            new[k] = pick.at_initiator if k == pick.initiator else pick.at_receiver
    return new, chosen, ties


def _prepare(table: StakeholderTable, o: SMPOptions) -> tuple[Array, Array, Array, list[str]]:
    """Positions on [0, 1], saliences (summing to at most 1 per actor) and capabilities."""
    x = (table.positions - table.lower) / (table.upper - table.lower)
    s = table.saliences.copy()
    notes = []
    for k, actor in enumerate(table.actors):
        total = s[k].sum()
        if total <= 0:
            raise InvalidGameError(
                f"actors[{k}].saliences: KTAB's model needs every actor to care about some issue; "
                f"{actor.name!r} has salience 0 everywhere (drop it for this model)"
            )
        if total > 1 + 1e-12:
            if o.salience_sum == "refuse":
                raise InvalidGameError(
                    f"actors[{k}].saliences: KTAB's model needs an actor's saliences to sum to at most 1 "
                    f"(100), {actor.name!r}'s sum to {total:g}"
                )
            s[k] /= total
            notes.append(f"{actor.name}'s saliences sum to {total:.4g}; divided by it for KTAB's model")
    return x, s, table.capabilities, notes


def smp_run(x0: Array, s: Array, c: Array, o: SMPOptions) -> SMPRun:
    """Run KTAB's model from positions ``x0`` (N, D) on [0, 1]; every state recorded."""
    n = len(c)
    adjust = np.eye(n)
    for a, b, value in o.ideal_adjustment:
        adjust[int(a), int(b)] = value
    keep = 1 - np.minimum(1.0, adjust.sum(axis=1))
    s_total = s.sum(axis=1)
    rng = np.random.default_rng(o.seed)
    run = SMPRun()
    state = make_state(x0.copy(), x0.copy(), s, c, o)
    first = 0.0
    for t in range(1, o.max_iterations + 1):
        if t == 1:
            _record_state(run, state, c, o)
        bargains, log = _bargains(state, s, s_total, c, o)
        new, chosen, ties = _choose(state, s, c, o, bargains, rng)
        run.challenges.append(log)
        run.chosen.append(chosen)
        run.ties.extend((t, "target", e["i"], e["tied_with"]) for e in log if "tied_with" in e)
        run.ties.extend((t, "bargain", k, []) for k in ties)
        ideals = adjust @ new + keep[:, None] * state.y
        change = float(np.linalg.norm(new - state.x, axis=1).sum())
        first = change if t == 1 else first
        ratio = change / (first + 1e-4)
        run.ratios.append(ratio)
        state = make_state(new, ideals, s, c, o)
        _record_state(run, state, c, o)
        if t >= o.min_iterations and ratio < o.min_delta_ratio:
            run.stopped_by = f"fractional change {ratio:.4f} < {o.min_delta_ratio:g} at iteration {t}"
            return run
    run.stopped_by = f"iteration limit {o.max_iterations}"
    return run


def _record_state(run: SMPRun, state: SMPState, c: Array, o: SMPOptions) -> None:
    run.positions.append(state.x)
    run.ideals.append(state.y)
    run.risk.append(state.risk)
    run.win.append(win_probabilities(state, c, o))


def tie_notes(run: SMPRun, names: tuple[str, ...]) -> list[str]:
    """One note per choice that table order broke (a tie up to rounding), as KTAB breaks them."""
    notes = []
    for t, what, k, others in run.ties:
        if what == "target":
            among = ", ".join(names[j] for j in others)
            notes.append(
                f"turn {t}: {names[k]}'s best targets tie ({names[k]} challenged the first in table order, "
                f"not {among}): relabelling the actors can change the run"
            )
        else:
            notes.append(
                f"turn {t}: bargains in {names[k]}'s queue tie in the vote; table order chose: "
                "relabelling the actors can change the run"
            )
    return notes


def spatial_model(table: StakeholderTable, options: SMPOptions | None = None) -> StakeholderForecast:
    """Run KTAB's Spatial Model of Politics on ``table`` (see the module docstring).

    Returns
    -------
    StakeholderForecast
        ``model="smp"``: positions on the issues' scales per state, every move
        (the bargain that moved it), per state the risk attitudes and the win
        probabilities; the forecast is the most probable position of the final state.
    """
    o = options or SMPOptions()
    x, s, c, notes = _prepare(table, o)
    run = smp_run(x, s, c, o)
    lo, span = table.lower, table.upper - table.lower
    history = np.array([lo + p * span for p in run.positions])
    names, issues = table.actors_names, table.issue_names
    moves = []
    for t, chosen in enumerate(run.chosen, start=1):
        for k, pick in enumerate(chosen):
            if pick is None:
                continue
            other = pick.receiver if k == pick.initiator else pick.initiator
            values = {"probability_initiator_wins": pick.probability, "initiator_gain": pick.gain}
            for d in range(len(issues)):
                if history[t, k, d] != history[t - 1, k, d]:
                    moves.append(
                        Move(
                            t,
                            names[k],
                            issues[d],
                            "bargain",
                            names[other],
                            float(history[t - 1, k, d]),
                            float(history[t, k, d]),
                            values,
                        )
                    )
    winner = int(np.argmax(run.win[-1]))
    notes.extend(tie_notes(run, names))
    if o.state_transitions == "Stochastic":
        notes.append(
            "stochastic transitions drawn with numpy's generator seeded with the seed: "
            "reproducible here, not KTAB's own draws"
        )
    rounds = [
        {
            "state": t,
            "risk_attitudes": dict(zip(names, r.tolist(), strict=True)),
            "win_probabilities": dict(zip(names, w.tolist(), strict=True)),
            "fractional_change": run.ratios[t - 1] if t else None,
            "challenges": run.challenges[t] if t < len(run.challenges) else [],
        }
        for t, (r, w) in enumerate(zip(run.risk, run.win, strict=True))
    ]
    return StakeholderForecast(
        "smp",
        names,
        issues,
        tuple(float(v) for v in history[-1, winner]),
        history,
        tuple(moves),
        not run.stopped_by.startswith("iteration limit"),
        run.stopped_by,
        o.to_dict(),
        rounds,
        tuple(notes),
    )
