"""The result of the bargaining model of war (:func:`bargaining.war.fearon_solution`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bargaining.model.beliefs import Belief
from bargaining.table import format_table

__all__ = ["WarSolution"]


@dataclass(frozen=True, slots=True)
class WarSolution:
    """What the bargaining model of war predicts.

    Attributes
    ----------
    party_names
        The two parties.
    win_probability
        :math:`p`, the chance that party 0 wins a war.
    cost
        :math:`(c_0, c_1)`.
    size
        :math:`\\pi`.
    bargaining_range
        Party 0's shares that both prefer to war (with the responder's cost as given).
    war_payoffs
        :math:`(p\\pi - c_0, (1-p)\\pi - c_1)`.
    proposer
        The party that makes the take-it-or-leave-it demand.
    demand
        The proposer's optimal demand (its share if accepted); under complete
        information the top of the range for it.
    shares
        The division if the demand is accepted, ``(party 0, party 1)``.
    war_probability
        The chance that the demand is rejected and war follows (0 under
        complete information).
    expected_payoffs
        Each party's expected payoff given the demand (over the responder's types).
    belief
        The proposer's belief about the responder's cost; ``None`` for complete information.
    safe_demand
        The largest demand every type accepts, for comparison (``None`` without a belief).
    """

    party_names: tuple[str, str]
    win_probability: float
    cost: tuple[float, float]
    size: float
    bargaining_range: tuple[float, float]
    war_payoffs: tuple[float, float]
    proposer: int
    demand: float
    shares: tuple[float, float]
    war_probability: float
    expected_payoffs: tuple[float, float]
    belief: Belief | None = field(default=None, compare=False)
    safe_demand: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain floats and lists, for JSON."""
        return {
            "model": "war",
            "parties": list(self.party_names),
            "win_probability": self.win_probability,
            "cost": list(self.cost),
            "size": self.size,
            "bargaining_range": list(self.bargaining_range),
            "war_payoffs": list(self.war_payoffs),
            "proposer": self.party_names[self.proposer],
            "demand": self.demand,
            "shares": list(self.shares),
            "war_probability": self.war_probability,
            "expected_payoffs": list(self.expected_payoffs),
            "belief": None if self.belief is None else self.belief.describe(),
            "safe_demand": self.safe_demand,
        }

    def to_table(self) -> str:
        """A table for the terminal."""
        a, b = self.party_names

        def pair(values: tuple[float, float]) -> str:
            return f"{values[0]:.4g}, {values[1]:.4g}"

        rows: list[list[Any]] = [
            [f"probability {a} wins a war", self.win_probability],
            [f"cost of war to {a}, {b}", pair(self.cost)],
            [f"war payoffs of {a}, {b}", pair(self.war_payoffs)],
            [f"bargaining range ({a}'s share)", f"[{pair(self.bargaining_range)}]"],
            [f"{self.party_names[self.proposer]} demands", self.demand],
            [f"shares of {a}, {b} if accepted", pair(self.shares)],
            ["probability of war", self.war_probability],
            [f"expected payoffs of {a}, {b}", pair(self.expected_payoffs)],
        ]
        if self.belief is not None:
            who = self.party_names[self.proposer]
            rows.insert(4, [f"{who}'s belief about the other's cost", self.belief.describe()])
            rows.append(["safe demand (every type accepts)", self.safe_demand])
        title = "The bargaining model of war (Fearon 1995)"
        return format_table(["quantity", "value"], rows, title)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per party: cost, war payoff, share, expected payoff, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(
            (
                {
                    "party": p,
                    "cost": self.cost[i],
                    "war_payoff": self.war_payoffs[i],
                    "share": self.shares[i],
                    "expected_payoff": self.expected_payoffs[i],
                }
                for i, p in enumerate(self.party_names)
            ),
            index="party",
        )
