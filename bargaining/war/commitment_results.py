"""The result of the commitment problem (:func:`bargaining.war.commitment_equilibrium`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from bargaining.table import format_table

__all__ = ["TIE_TOLERANCE", "CommitmentSolution"]

TIE_TOLERANCE = 1e-12
"""Relative rounding allowance in the acceptance, attack and gap comparisons (of ``max(1, Pi)``)."""

_SHOWN = 40
"""Periods shown in the table before the middle is elided (``to_dict`` has all)."""


def _number(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


@dataclass(frozen=True, slots=True)
class CommitmentSolution:
    r"""The subgame-perfect equilibrium while power shifts, period by period.

    Attributes
    ----------
    party_names, labels
        The two parties and the periods.
    win_probability, cost, discount, size, proposer
        The model: :math:`p_t`, :math:`(c_0, c_1)`, :math:`\delta`, :math:`\pi`
        and who offers in each period.
    war_values
        :math:`(M^0_t, M^1_t)`: what each side locks in by fighting in period :math:`t`.
    needed
        :math:`M^R_t - \delta V^R_{t+1}`: the share of period :math:`t`'s flow the
        responder must get to accept (in the last period, the stationary share).
    offer
        The responder's share of the flow when the proposer buys it off
        (``nan`` where war starts).
    values
        :math:`(V^0_t, V^1_t)`: the equilibrium values if period :math:`t` is reached.
    war
        Whether war starts in period :math:`t` if it is reached.
    started_by
        ``"responder"`` (no offer is enough today: the commitment problem),
        ``"proposer"`` (a preventive attack pays it more) or ``""``.
    powell_gap
        :math:`(g^0_t, g^1_t)`: Powell's inefficiency condition; a positive gap
        means war by period :math:`t` in every equilibrium of every protocol.
    static_range
        Fearon's bargaining range of the stream at :math:`p_t` (party 0's
        share of :math:`\Pi`), the answer if power stopped moving.
    first_war
        The period in which war starts on the equilibrium path (``None``: peace).
    """

    party_names: tuple[str, str]
    labels: tuple[str, ...]
    win_probability: tuple[float, ...]
    cost: tuple[float, float]
    discount: float
    size: float
    proposer: tuple[int, ...]
    war_values: tuple[tuple[float, float], ...]
    needed: tuple[float, ...]
    offer: tuple[float, ...]
    values: tuple[tuple[float, float], ...]
    war: tuple[bool, ...]
    started_by: tuple[str, ...]
    powell_gap: tuple[tuple[float, float], ...]
    static_range: tuple[tuple[float, float], ...]
    first_war: int | None

    def __repr__(self) -> str:
        when = "peace" if self.first_war is None else f"war in {self.labels[self.first_war]!r}"
        return f"CommitmentSolution({self.party_names[0]} vs {self.party_names[1]}, {when})"

    @property
    def stream(self) -> float:
        r""":math:`\Pi = \pi / (1 - \delta)`, the value of the whole stream."""
        return self.size / (1 - self.discount)

    @property
    def inefficient(self) -> tuple[bool, ...]:
        """Whether Powell's condition holds in each period (some gap above the rounding allowance)."""
        slack = TIE_TOLERANCE * max(1.0, self.stream)
        return tuple(max(g) > slack for g in self.powell_gap)

    def to_dict(self) -> dict[str, Any]:
        """Plain floats, strings and lists (``None`` for an offer where war starts)."""
        names = self.party_names
        periods = []
        for t, label in enumerate(self.labels):
            periods.append(
                {
                    "period": label,
                    "win_probability": self.win_probability[t],
                    "proposer": names[self.proposer[t]],
                    "war_values": dict(zip(names, self.war_values[t], strict=True)),
                    "needed": self.needed[t],
                    "offer": _number(self.offer[t]),
                    "values": dict(zip(names, self.values[t], strict=True)),
                    "war": self.war[t],
                    "started_by": names[self.proposer[t]]
                    if self.started_by[t] == "proposer"
                    else (names[1 - self.proposer[t]] if self.started_by[t] else None),
                    "powell_gap": dict(zip(names, self.powell_gap[t], strict=True)),
                    "static_range": list(self.static_range[t]),
                }
            )
        first = self.first_war
        return {
            "model": "shifting_power",
            "parties": list(names),
            "cost": list(self.cost),
            "discount": self.discount,
            "size": self.size,
            "stream": self.stream,
            "war": first is not None,
            "first_war": None if first is None else self.labels[first],
            "first_war_index": first,
            "inefficient": any(self.inefficient),
            "values": dict(zip(names, self.values[0], strict=True)),
            "periods": periods,
        }

    def _row(self, t: int) -> list[Any]:
        names = self.party_names
        responder = names[1 - self.proposer[t]]
        if self.war[t]:
            who = responder if self.started_by[t] == "responder" else names[self.proposer[t]]
            outcome = f"war ({who} fights)"
        else:
            outcome = f"{names[self.proposer[t]]} gives {responder} {self.offer[t]:.4g}"
        gap = max(self.powell_gap[t])
        bites = self.inefficient[t]
        return [
            self.labels[t],
            self.win_probability[t],
            f"{self.war_values[t][0]:.4g}, {self.war_values[t][1]:.4g}",
            f"{self.needed[t]:.4g} of {self.size:.4g}",
            outcome,
            f"{gap:.4g}" + (" (war)" if bites else ""),
        ]

    def to_table(self) -> str:
        """A table for the terminal: one row per period, then the outcome."""
        a, b = self.party_names
        n = len(self.labels)
        shown = list(range(n)) if n <= _SHOWN else [*range(_SHOWN // 2), *range(n - _SHOWN // 2, n)]
        rows: list[list[Any]] = []
        for k, t in enumerate(shown):
            if k and t != shown[k - 1] + 1:
                rows.append([f"... {t - shown[k - 1] - 1} periods", "", "", "", "", ""])
            rows.append(self._row(t))
        headers = [
            "period",
            f"p({a} wins)",
            f"war values {a}, {b}",
            "responder needs",
            "equilibrium",
            "Powell gap",
        ]
        title = "Shifting power and the commitment problem (Powell 2006)"
        table = format_table(headers, rows, title)
        if self.first_war is None:
            end = "No war: power shifts too little to defeat the bargain in any period."
        else:
            t = self.first_war
            end = f"War starts in {self.labels[t]!r}: " + (
                "no offer today is enough for the side that would fight (the commitment problem)."
                if self.started_by[t] == "responder"
                else "a preventive attack pays the proposer more than any deal."
            )
        v = self.values[0]
        start = f"Values from the first period: {a} {v[0]:.4g}, {b} {v[1]:.4g} (stream {self.stream:.4g})."
        return f"{table}\n{end}\n{start}"

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per period (the ``periods`` of :meth:`to_dict`), as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_dict()["periods"], index="period")
