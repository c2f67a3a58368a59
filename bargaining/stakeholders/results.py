"""The result every stakeholder model returns: the forecast per issue and the round-by-round history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.table import format_table

__all__ = ["Move", "StakeholderForecast"]


@dataclass(frozen=True, slots=True)
class Move:
    """One actor moving on one issue in one round, and why.

    Parameters
    ----------
    round
        The round (1 = the first) whose end sees the move.
    actor, issue
        Who moved, on which issue.
    kind
        ``"confrontation"``, ``"compromise"``, ``"capitulation"`` (expected
        utility) or ``"bargain"`` (KTAB's model).
    counterpart
        The actor whose offer, challenge or bargain moved it.
    start, end
        The position before and after, on the issue's scale.
    values
        The numbers behind the decision (e.g. the two expected utilities).
    """

    round: int
    actor: str
    issue: str
    kind: str
    counterpart: str
    start: float
    end: float
    values: Mapping[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain numbers and strings."""
        return {
            "round": self.round,
            "actor": self.actor,
            "issue": self.issue,
            "kind": self.kind,
            "counterpart": self.counterpart,
            "start": float(self.start),
            "end": float(self.end),
            "values": {k: float(v) for k, v in self.values.items()},
        }

    def explain(self) -> str:
        """One line: who moved where, after whose offer."""
        why = {
            "confrontation": f"lost a confrontation with {self.counterpart}",
            "compromise": f"compromised with {self.counterpart}",
            "capitulation": f"capitulated to {self.counterpart}",
            "bargain": f"accepted the bargain with {self.counterpart}",
        }.get(self.kind, f"{self.kind} with {self.counterpart}")
        return f"round {self.round}: {self.actor} {why} on {self.issue}: {self.start:.4g} -> {self.end:.4g}"


@dataclass(frozen=True, slots=True, eq=False)
class StakeholderForecast:
    """A stakeholder model's forecast: the outcome per issue and how it came about.

    Parameters
    ----------
    model
        ``"compromise"``, ``"median"``, ``"bdm"``, ``"smp"`` or ``"nash"``.
    actors, issues
        Names, in the table's order.
    outcome
        The forecast position per issue, on the issue's scale.
    history
        Positions, shape (states, actors, issues): state 0 is the table.
    moves
        Every move, in order, with its reason.
    converged
        False when the run stopped at its round limit while actors still moved.
    stopped_by
        Why the run ended.
    options
        The switches the model ran with.
    rounds
        Per round, the model's internals (risk exponents, probabilities, ...).
    notes
        What the reader should know (ties, cycles, a source's defect reproduced).
    """

    model: str
    actors: tuple[str, ...]
    issues: tuple[str, ...]
    outcome: tuple[float, ...]
    history: NDArray[np.float64]
    moves: tuple[Move, ...] = ()
    converged: bool = True
    stopped_by: str = "closed form"
    options: Mapping[str, Any] = field(default_factory=dict)
    rounds: Sequence[Mapping[str, Any]] = ()
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        history = np.array(self.history, dtype=float)
        history.flags.writeable = False
        object.__setattr__(self, "history", history)

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={v:.4g}" for n, v in zip(self.issues, self.outcome, strict=True))
        return f"StakeholderForecast({self.model}: {shown}; {len(self.history) - 1} rounds)"

    @property
    def num_rounds(self) -> int:
        """The number of rounds run (0 for a closed form)."""
        return len(self.history) - 1

    def to_dict(self) -> dict[str, Any]:
        """Plain floats, lists and strings (for JSON)."""
        return {
            "model": self.model,
            "outcome": {n: float(v) for n, v in zip(self.issues, self.outcome, strict=True)},
            "rounds": self.num_rounds,
            "converged": self.converged,
            "stopped_by": self.stopped_by,
            "options": {k: _plain(v) for k, v in self.options.items()},
            "positions": {
                a: {n: self.history[:, i, d].tolist() for d, n in enumerate(self.issues)}
                for i, a in enumerate(self.actors)
            },
            "moves": [m.to_dict() for m in self.moves],
            "round_details": [{k: _plain(v) for k, v in r.items()} for r in self.rounds],
            "notes": list(self.notes),
        }

    def to_table(self) -> str:
        """The outcome per issue and the final positions."""
        headers = ["actor", *self.issues]
        rows = [[a, *(f"{v:.4g}" for v in self.history[-1, i])] for i, a in enumerate(self.actors)]
        rows.append(["forecast", *(f"{v:.4g}" for v in self.outcome)])
        title = f"{self.model}: {self.num_rounds} rounds, {self.stopped_by}"
        return title + "\n" + format_table(headers, rows)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """The positions round by round, one row per (round, actor), a column per issue."""
        from bargaining.frames import to_frame

        return to_frame(
            {"round": r, "actor": a, **{n: float(self.history[r, i, d]) for d, n in enumerate(self.issues)}}
            for r in range(self.history.shape[0])
            for i, a in enumerate(self.actors)
        )


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.floating | np.integer):
        return value.item()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
