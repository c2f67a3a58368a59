"""Solve a coalitional game: every solution concept side by side (what ``bargain solve`` prints).

Examples
--------
>>> from bargaining.model.coalitional import CoalitionalGame
>>> glove = CoalitionalGame.glove(["left"], ["right_1", "right_2"])
>>> result = solve_coalitional(glove)
>>> [a.concept for a in result.allocations]
['shapley', 'banzhaf', 'nucleolus']
>>> result.core.non_empty, result.in_core["shapley"], result.in_core["nucleolus"]
(True, False, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bargaining.coalitional.claims import claims_allocations
from bargaining.coalitional.core import CoreReport, core_report, core_violation, least_core
from bargaining.coalitional.nucleolus import nucleolus
from bargaining.coalitional.power import PowerIndices, power_indices
from bargaining.coalitional.results import Allocation
from bargaining.coalitional.shapley import banzhaf_value, shapley_value
from bargaining.errors import InvalidGameError, SpecError
from bargaining.model.characteristic import Bankruptcy, WeightedVoting
from bargaining.model.coalitional import CoalitionalGame
from bargaining.table import format_table

__all__ = ["CONCEPTS", "NUCLEOLUS_MAX_PLAYERS", "CoalitionalSolution", "solve_coalitional"]

#: what ``solution=`` may name
CONCEPTS = ("all", "shapley", "banzhaf", "nucleolus", "core", "power", "claims")
#: the most players for which ``solve_coalitional`` computes the nucleolus and the core
NUCLEOLUS_MAX_PLAYERS = 12
#: random orders sampled for the Shapley value beyond the dense limit
DEFAULT_SAMPLES = 20_000


@dataclass(frozen=True, slots=True)
class CoalitionalSolution:
    """The solutions of one coalitional game, a column each.

    Attributes
    ----------
    game
        The game solved.
    allocations
        Shapley, Banzhaf, nucleolus, claims rules, ...: each an :class:`Allocation`.
    power
        The power indices of a weighted voting game, else ``None``.
    core
        Non-emptiness, the least core and the properties (``None`` for large games).
    in_core
        For each allocation's concept: whether it lies in the core.
    notes
        What was filled in, estimated or skipped.
    """

    game: CoalitionalGame
    allocations: tuple[Allocation, ...]
    power: PowerIndices | None
    core: CoreReport | None
    in_core: dict[str, bool]
    notes: tuple[str, ...]

    def columns(self) -> list[tuple[str, tuple[float, ...]]]:
        """``(name, payoffs)`` for every column of the table."""
        out = [(a.concept, a.payoffs) for a in self.allocations]
        if self.power is not None:
            out.append(("shapley_shubik", tuple(float(x) for x in self.power.shapley_shubik)))
            out.append(("banzhaf_index", tuple(float(x) for x in self.power.banzhaf)))
        return out

    def to_records(self) -> list[dict[str, Any]]:
        """A record per player (for CSV)."""
        return [
            {"player": p, **{name: values[i] for name, values in self.columns()}}
            for i, p in enumerate(self.game.players)
        ]

    def to_dict(self) -> dict[str, Any]:
        """Plain floats, strings and lists."""
        columns = {name: dict(zip(self.game.players, values, strict=True)) for name, values in self.columns()}
        return {
            "model": "coalitional",
            "players": list(self.game.players),
            **columns,
            "allocations": {a.concept: a.to_dict() for a in self.allocations},
            "power_indices": None if self.power is None else self.power.to_dict(),
            "core": None if self.core is None else self.core.to_dict(),
            "in_core": self.in_core,
            "filled_in": [self.game.coalition_name(m) for m in self.game.filled_in],
            "notes": list(self.notes),
        }

    def to_table(self) -> str:
        """A row per player, a column per solution; the core's verdict underneath."""
        columns = self.columns()
        rows: list[list[Any]] = [
            [p, *(values[i] for _, values in columns)] for i, p in enumerate(self.game.players)
        ]
        if self.core is not None:
            verdict = [
                ("in" if self.in_core[name] else "out") if name in self.in_core else "-"
                for name, _ in columns
            ]
            rows.append(["in the core?" if self.core.non_empty else "core: empty", *verdict])
        title = f"Coalitional game{': ' + self.game.name if self.game.name else ''} ({self.game.summary()})"
        text = format_table(["player", *(name for name, _ in columns)], rows, title)
        lines = [text]
        if self.core is not None:
            c = self.core
            lines.append(
                f"core {'non-empty' if c.non_empty else 'empty'} "
                f"(least-core epsilon {c.least_core_epsilon:.6g}"
                f"{', exact' if c.confirmed else ''}); superadditive: {c.superadditive}; convex: {c.convex}"
            )
        lines.extend(self.notes)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"CoalitionalSolution({', '.join(name for name, _ in self.columns())})"

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per player, a column per solution, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        columns = list(self.columns())
        return to_frame(
            (
                {"player": p, **{name: values[i] for name, values in columns}}
                for i, p in enumerate(self.game.players)
            ),
            index="player",
        )


def _nucleolus(game: CoalitionalGame, notes: list[str]) -> Allocation:
    try:
        result = nucleolus(game)
    except InvalidGameError as exc:
        notes.append(f"nucleolus: {exc}; the prenucleolus is shown")
        result = least_core(game)
    if not result.confirmed:
        notes.append(f"{result.allocation.concept}: {result.allocation.note}")
    return result.allocation


def solve_coalitional(model: CoalitionalGame, solution: str = "all") -> CoalitionalSolution:
    """Every solution concept ``solution`` asks for (``"all"``: all that fit the game's size).

    Raises
    ------
    SpecError
        For an unknown ``solution``, or one the game's kind or size does not allow.
    """
    if solution not in CONCEPTS:
        raise SpecError(
            "solution", f"unknown solution {solution!r} for a coalitional game (use {', '.join(CONCEPTS)})"
        )
    game, wanted = model, (lambda c: solution in ("all", c))
    notes: list[str] = []
    if game.filled_in:
        shown = ", ".join(game.coalition_name(m) for m in game.filled_in[:12])
        more = f" and {len(game.filled_in) - 12} more" if len(game.filled_in) > 12 else ""
        notes.append(f"filled in with the default value (not listed): {shown}{more}")
    allocations: list[Allocation] = []
    dense = game.values is not None
    if solution in ("banzhaf", "nucleolus", "core"):
        game.dense(f"the {solution}")
        if solution != "banzhaf" and game.n > NUCLEOLUS_MAX_PLAYERS:
            raise SpecError(
                "players",
                f"the {solution} is computed for at most {NUCLEOLUS_MAX_PLAYERS} players here, got {game.n}; "
                "call bargaining.coalitional.nucleolus(game) directly for larger games",
            )
    if wanted("shapley"):
        shapley = shapley_value(game) if dense else shapley_value(game, samples=DEFAULT_SAMPLES, seed=0)
        if shapley.estimate:
            notes.append(f"shapley: {shapley.note}")
        allocations.append(shapley)
    if wanted("banzhaf") and dense:
        allocations.append(banzhaf_value(game))
    small = dense and game.n <= NUCLEOLUS_MAX_PLAYERS
    if wanted("nucleolus") and small:
        allocations.append(_nucleolus(game, notes))
    if wanted("claims") and isinstance(game.definition, Bankruptcy):
        allocations.extend(claims_allocations(game))
    power = power_indices(game) if wanted("power") and isinstance(game.definition, WeightedVoting) else None
    core = None
    in_core: dict[str, bool] = {}
    if (wanted("core") or solution == "all") and small:
        core = core_report(game)
        scale = max(1.0, abs(game.value(game.grand_coalition)))
        for a in allocations:
            in_core[a.concept] = core.non_empty and core_violation(game, list(a.payoffs))[0] <= 1e-9 * scale
    if not small and solution in ("all", "nucleolus", "core"):
        notes.append(f"nucleolus and core: skipped for {game.n} players (at most {NUCLEOLUS_MAX_PLAYERS})")
    return CoalitionalSolution(game, tuple(allocations), power, core, in_core, tuple(notes))
