"""The result of Baron-Ferejohn legislative bargaining (:mod:`bargaining.coalitional.legislative`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bargaining.table import format_table

__all__ = ["LegislativeEquilibrium"]


@dataclass(frozen=True, slots=True)
class LegislativeEquilibrium:
    """The stationary equilibrium of Baron-Ferejohn bargaining.

    Attributes
    ----------
    players
        The parties.
    values
        :math:`v_i`: each party's expected payoff at the start of a round.
    proposer_share
        What each party keeps when it proposes.
    offers
        ``offers[k][j]``: what proposer ``k`` offers ``j`` if it includes it
        (:math:`\\delta_j v_j`; 0 on the diagonal).
    inclusion
        ``inclusion[k][j]``: the probability proposer ``k`` includes ``j``.
    coalitions
        ``{coalition: probability}`` of each winning coalition forming (``None``
        when the mixing is not uniform among tied parties: then see ``inclusion``).
    closed_form
        Whether the closed form answered (the symmetric case).
    residual
        The largest error in the equilibrium equations at ``values``.
    converged
        Whether the residual is below :math:`10^{-9}` and every proposer buys only
        the cheapest votes.
    """

    players: tuple[str, ...]
    values: tuple[float, ...]
    proposer_share: tuple[float, ...]
    offers: tuple[tuple[float, ...], ...]
    inclusion: tuple[tuple[float, ...], ...]
    coalitions: dict[str, float] | None
    closed_form: bool
    residual: float
    converged: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain floats, strings and lists."""
        return {
            "model": "legislative_bargaining",
            "players": list(self.players),
            "values": dict(zip(self.players, self.values, strict=True)),
            "proposer_share": dict(zip(self.players, self.proposer_share, strict=True)),
            "offers": [list(row) for row in self.offers],
            "inclusion": [list(row) for row in self.inclusion],
            "coalitions": self.coalitions,
            "closed_form": self.closed_form,
            "residual": self.residual,
            "converged": self.converged,
        }

    def to_records(self) -> list[dict[str, Any]]:
        """A record per party (for CSV): expected payoff, what it keeps as proposer, the offer it gets."""
        return [
            {
                "player": p,
                "value": self.values[i],
                "proposer_share": self.proposer_share[i],
                "price": max((row[i] for row in self.offers), default=0.0),
                "mean_inclusion": sum(r[i] for r in self.inclusion) / max(1, len(self.players) - 1),
            }
            for i, p in enumerate(self.players)
        ]

    def to_table(self) -> str:
        """A row per party."""
        rows = [
            [p, v, s, sum(r[i] for r in self.inclusion) / max(1, len(self.players) - 1)]
            for i, (p, v, s) in enumerate(zip(self.players, self.values, self.proposer_share, strict=True))
        ]
        how = "closed form" if self.closed_form else f"fixed point, residual {self.residual:.2g}"
        header = ["party", "expected payoff", "keeps as proposer", "mean inclusion"]
        text = format_table(header, rows, f"Baron-Ferejohn legislative bargaining ({how})")
        if not self.converged:
            text += (
                "\nNOT CONVERGED: these values fail the equilibrium conditions (the residual, or a proposer "
                "not buying the cheapest votes); they are not the equilibrium"
            )
        return text

    def __repr__(self) -> str:
        shown = ", ".join(f"{p}={v:.4g}" for p, v in zip(self.players, self.values, strict=True))
        return f"LegislativeEquilibrium({shown}, converged={self.converged})"

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per player: expected payoff and share when proposing, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(
            (
                {"player": p, "value": self.values[i], "proposer_share": self.proposer_share[i]}
                for i, p in enumerate(self.players)
            ),
            index="player",
        )
