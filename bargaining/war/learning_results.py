"""The result of bargaining and learning while fighting (:func:`bargaining.war.learning_equilibrium`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.table import format_table

__all__ = ["LearningSolution"]


def _number(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


@dataclass(frozen=True, slots=True)
class LearningSolution:
    r"""The equilibrium path of bargaining while fighting, round by round.

    Types are listed from the weakest (lowest value of fighting the war out).

    Attributes
    ----------
    party_names
        (uninformed proposer, informed responder).
    type_names, prior, cost, win, loss
        The types, their prior and per-round cost, win and loss probabilities.
    proposer_cost, discount
        :math:`c_U` and :math:`\delta`.
    offers
        The offer in each round of talks (``nan``: no offer any type still
        fighting accepts; the proposer fights a round to learn).
    accepting
        The types that accept in each round.
    settle_probability
        The probability that the war ends by agreement in round :math:`t`.
    war_probability
        The probability that round :math:`t` is fought (the war goes on).
    decided_probability
        The probability that the fighting of round :math:`t` ends the war.
    posterior
        The proposer's belief at the start of each round (over all types; 0 for
        the types that have settled).
    ongoing_after
        The probability that the war is still going after the last round of talks.
    expected_duration
        Expected rounds of fighting (``inf`` if a type never ends the war).
    type_values, proposer_value
        Each type's equilibrium payoff and the proposer's expected payoff.
    fight_out
        :math:`(F_k)` and :math:`(G_k)`: the values of fighting the war out.
    dropped
        The types of prior 0, left out (no belief can put weight on them).
    """

    party_names: tuple[str, str]
    type_names: tuple[str, ...]
    prior: tuple[float, ...]
    cost: tuple[float, ...]
    win: tuple[float, ...]
    loss: tuple[float, ...]
    proposer_cost: float
    discount: float
    offers: tuple[float, ...]
    accepting: tuple[tuple[str, ...], ...]
    settle_probability: tuple[float, ...]
    war_probability: tuple[float, ...]
    decided_probability: tuple[float, ...]
    posterior: tuple[tuple[float, ...], ...]
    ongoing_after: float
    expected_duration: float
    type_values: tuple[float, ...]
    proposer_value: float
    fight_out: tuple[tuple[float, ...], tuple[float, ...]]
    dropped: tuple[str, ...] = ()

    @classmethod
    def from_path(
        cls,
        *,
        party_names: tuple[str, str],
        type_names: tuple[str, ...],
        prior: np.ndarray,
        cost: np.ndarray,
        win: np.ndarray,
        loss: np.ndarray,
        proposer_cost: float,
        discount: float,
        cuts: np.ndarray,
        prices: np.ndarray,
        type_values: np.ndarray,
        proposer_values: np.ndarray,
        fight_out: tuple[np.ndarray, np.ndarray],
        dropped: tuple[str, ...] = (),
    ) -> LearningSolution:
        """Follow the equilibrium from the first round: offers, who settles, how long the war lasts."""
        n, horizon = len(prior), len(cuts)
        s = np.clip(1 - win - loss, 0.0, 1.0)
        m = 0
        offers, accepting, settle, fight, decided, beliefs = [], [], [], [], [], []
        for t in range(horizon):
            weights = prior * s**t
            alive = np.arange(n) >= m
            mass = float(weights[alive].sum())
            beliefs.append(
                tuple(float(x) for x in np.where(alive, weights, 0.0) / mass) if mass > 0 else (0.0,) * n
            )
            cut = int(cuts[t, m]) if m < n else n
            buying = (np.arange(n) >= m) & (np.arange(n) < cut)
            offers.append(float(prices[t, m]) if m < n and cut > m else math.nan)
            accepting.append(tuple(type_names[k] for k in np.flatnonzero(buying & (weights > 0))))
            settle.append(float(weights[buying].sum()))
            staying = np.arange(n) >= cut
            fight.append(float(weights[staying].sum()))
            decided.append(float((weights * (1 - s))[staying].sum()))
            m = cut
        staying = np.arange(n) >= m
        tail_weights = prior * s**horizon
        ongoing = float(tail_weights[staying].sum())
        with np.errstate(divide="ignore", invalid="ignore"):
            tail = np.where(tail_weights > 0, tail_weights / (1 - s), 0.0)
        duration = sum(fight) + float(tail[staying].sum())
        return cls(
            party_names=party_names,
            type_names=type_names,
            prior=tuple(map(float, prior)),
            cost=tuple(map(float, cost)),
            win=tuple(map(float, win)),
            loss=tuple(map(float, loss)),
            proposer_cost=proposer_cost,
            discount=discount,
            offers=tuple(offers),
            accepting=tuple(accepting),
            settle_probability=tuple(settle),
            war_probability=tuple(fight),
            decided_probability=tuple(decided),
            posterior=tuple(beliefs),
            ongoing_after=ongoing,
            expected_duration=duration,
            type_values=tuple(map(float, type_values)),
            proposer_value=float(prior @ proposer_values),
            fight_out=(tuple(map(float, fight_out[0])), tuple(map(float, fight_out[1]))),
            dropped=dropped,
        )

    def __repr__(self) -> str:
        return (
            f"LearningSolution({self.party_names[0]} screens {len(self.type_names)} types of "
            f"{self.party_names[1]}, expected duration {self.expected_duration:.3g} rounds)"
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain floats, strings and lists (``None`` for a round without a serious offer)."""
        rounds = []
        for t in range(len(self.offers)):
            rounds.append(
                {
                    "round": t,
                    "offer": _number(self.offers[t]),
                    "accepting": list(self.accepting[t]),
                    "settle_probability": self.settle_probability[t],
                    "war_probability": self.war_probability[t],
                    "decided_probability": self.decided_probability[t],
                    "posterior": dict(zip(self.type_names, self.posterior[t], strict=True)),
                }
            )
        return {
            "model": "learning_while_fighting",
            "parties": list(self.party_names),
            "types": [
                {
                    "name": name,
                    "prior": self.prior[k],
                    "cost": self.cost[k],
                    "win": self.win[k],
                    "loss": self.loss[k],
                    "fight_out": self.fight_out[0][k],
                    "value": self.type_values[k],
                }
                for k, name in enumerate(self.type_names)
            ],
            "proposer_value": self.proposer_value,
            "expected_duration": _number(self.expected_duration),
            "ongoing_after": self.ongoing_after,
            "dropped_types": list(self.dropped),
            "rounds": rounds,
        }

    def to_table(self) -> str:
        """A table for the terminal: one row per round, then the types' payoffs."""
        u, i = self.party_names
        rows: list[list[Any]] = []
        for t in range(len(self.offers)):
            if t and self.war_probability[t - 1] <= 0:
                break  # the war is over: settled or decided
            offer = "none accepted" if math.isnan(self.offers[t]) else self.offers[t]
            rows.append(
                [
                    t,
                    offer,
                    ", ".join(self.accepting[t]) or "-",
                    self.settle_probability[t],
                    self.war_probability[t],
                    ", ".join(f"{q:.3g}" for q in self.posterior[t]),
                ]
            )
        headers = ["round", f"{u} offers {i}", "accepted by", "P(settle)", "P(fight)", "belief"]
        title = f"Bargaining and learning while fighting: {u} screens {i}'s types (after Powell 2004)"
        table = format_table(headers, rows, title)
        types = format_table(
            ["type", "prior", "value of fighting it out", "equilibrium payoff"],
            [
                [n, self.prior[k], self.fight_out[0][k], self.type_values[k]]
                for k, n in enumerate(self.type_names)
            ],
        )
        note = f"\ntypes of prior 0, left out: {', '.join(self.dropped)}" if self.dropped else ""
        duration = (
            "never ends" if math.isinf(self.expected_duration) else f"{self.expected_duration:.4g} rounds"
        )
        return (
            f"{table}\nbelief: over {', '.join(self.type_names)} (weakest first)\n\n{types}\n"
            f"{u}'s expected payoff {self.proposer_value:.4g}; expected fighting {duration}; "
            f"still at war after the talks: {self.ongoing_after:.4g}{note}"
        )

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per round (the ``rounds`` of :meth:`to_dict`), as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_dict()["rounds"], index="round")
