"""The result of alternating offers (:func:`bargaining.sequential.rubinstein_solution`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bargaining.errors import InvalidGameError
from bargaining.table import format_table

__all__ = ["RubinsteinSolution"]


@dataclass(frozen=True, slots=True)
class RubinsteinSolution:
    """The subgame-perfect equilibrium of an alternating-offers game.

    Attributes
    ----------
    shares
        What each player gets in equilibrium: the first offer is accepted.
    proposer_shares
        What player ``i`` gets when it makes the first offer, :math:`x_i^*`.
    first_proposer
        Who makes the first offer.
    disagreement_value
        :math:`D_i`, each player's value of never agreeing.
    binding_outside_options
        Whether each player's outside option pins down what it is offered.
    horizon
        The number of offers, ``None`` for no deadline; ``0`` for the limit of
        short periods (:func:`rubinstein_limit`).
    inputs
        The numeric value of every primitive, named as in :attr:`formula`
        (``delta_0``, ``delta_1``, ``q``, ``b_0``, ``g_0``, ``w_0``, ``pi``, ...).
    formula
        The shares as sympy expressions over :attr:`inputs`' names, when
        requested with ``symbolic=True``; else ``None``.
    player_names
        For tables (``"player 0"``, ``"player 1"`` unless a model names them).
    """

    shares: tuple[float, float]
    proposer_shares: tuple[float, float]
    first_proposer: int
    disagreement_value: tuple[float, float]
    binding_outside_options: tuple[bool, bool]
    horizon: int | None
    inputs: dict[str, float] = field(compare=False)
    formula: tuple[Any, Any] | None = field(default=None, repr=False, compare=False)
    player_names: tuple[str, str] = ("player 0", "player 1")

    def derivative(self, name: str) -> tuple[float, float]:
        """d(shares)/d(``name``) at :attr:`inputs`, from the sympy formula.

        Raises
        ------
        InvalidGameError
            If the solution was computed without ``symbolic=True``, or ``name``
            is not one of :attr:`inputs`.
        """
        if self.formula is None:
            raise InvalidGameError("no formula: solve with rubinstein_solution(..., symbolic=True)")
        if name not in self.inputs:
            from bargaining.errors import suggest

            raise InvalidGameError(f"unknown input {name!r}{suggest(name, list(self.inputs))}")
        import sympy

        symbols = {s.name: s for f in self.formula for s in f.free_symbols}
        if name not in symbols:
            return (0.0, 0.0)
        values = {symbols[k]: v for k, v in self.inputs.items() if k in symbols}
        d = [sympy.diff(f, symbols[name]).subs(values) for f in self.formula]
        return float(d[0]), float(d[1])

    def to_dict(self) -> dict[str, Any]:
        """Plain floats and lists, for JSON."""
        out: dict[str, Any] = {
            "model": "rubinstein",
            "players": list(self.player_names),
            "shares": list(self.shares),
            "proposer_shares": list(self.proposer_shares),
            "first_proposer": self.first_proposer,
            "disagreement_value": list(self.disagreement_value),
            "binding_outside_options": list(self.binding_outside_options),
            "horizon": self.horizon,
            "inputs": dict(self.inputs),
        }
        if self.formula is not None:
            out["formula"] = [str(f) for f in self.formula]
        return out

    def to_table(self) -> str:
        """A table for the terminal."""
        rows = [
            [
                self.player_names[i],
                self.shares[i],
                self.proposer_shares[i],
                self.disagreement_value[i],
                self.binding_outside_options[i],
            ]
            for i in (0, 1)
        ]
        deadline = (
            "none"
            if self.horizon is None
            else ("limit of short periods" if self.horizon == 0 else f"{self.horizon} offers")
        )
        title = (
            f"Alternating offers (Rubinstein 1982): {self.player_names[self.first_proposer]} proposes first; "
            f"deadline: {deadline}"
        )
        table = format_table(
            ["player", "share", "share as proposer", "value of no deal", "outside option binds"], rows, title
        )
        if self.formula is not None:
            named = zip(self.player_names, self.formula, strict=True)
            table += "\n" + "\n".join(f"share of {n} = {f}" for n, f in named)
        return table

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per player: share, as proposer, disagreement value, binding option, a DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(
            (
                {
                    "player": p,
                    "share": self.shares[i],
                    "proposer_share": self.proposer_shares[i],
                    "disagreement_value": self.disagreement_value[i],
                    "binding_outside_option": self.binding_outside_options[i],
                }
                for i, p in enumerate(self.player_names)
            ),
            index="player",
        )


# ---------------------------------------------------------------------- validated entry points
