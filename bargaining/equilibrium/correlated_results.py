r"""Correlated equilibria as objects: :class:`CorrelatedEquilibrium`, :class:`CorrelatedVertices`.

A correlated equilibrium is a distribution :math:`p` over pure profiles; read
as a mediator's recommendation device, *the mediator draws a profile from p
and tells each party only its own recommended action*, and no party gains by
disobeying. Each result carries a :class:`Certificate` saying what was
verified, independently of the solver that produced it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.strategy_profile import fraction_text

if TYPE_CHECKING:
    from bargaining.games.normal_form import NormalFormGame

__all__ = ["MEDIATOR", "Certificate", "CorrelatedEquilibrium", "CorrelatedVertices"]

#: How a correlated equilibrium is used, shown with every result.
MEDIATOR = (
    "The mediator draws a profile from p and tells each party only its own recommended action; "
    "no party expects to gain by disobeying its recommendation."
)


@dataclass(frozen=True, slots=True)
class Certificate:
    r"""What was verified about a correlated equilibrium, independently of the solver.

    Attributes
    ----------
    method
        The solver that produced the distribution.
    exact
        Whether :math:`p` was checked to be a correlated equilibrium in
        rational arithmetic (every incentive constraint :math:`\ge 0`, exactly).
    primal_violation
        The largest violation of :math:`p \ge 0`, :math:`\sum p = 1` and
        :math:`G p \ge 0` (0 when exact).
    tolerance
        The violation allowed by the floating-point checks (payoff units).
    dual_violation
        For the programs: the largest violation of the dual constraints by
        the solver's multipliers (``None`` for vertex enumeration).
    bound
        The dual bound on the objective from multipliers :math:`\lambda \ge 0`
        (the best objective any correlated equilibrium can reach is at most this).
    gap
        ``bound`` minus the objective of :math:`p` (0 when optimality is certified exactly).
    optimal_exact
        Whether the zero gap was verified in rational arithmetic.
    certifies
        One sentence: what these numbers establish.
    """

    method: str
    exact: bool
    primal_violation: float
    tolerance: float
    certifies: str
    dual_violation: float | None = None
    bound: float | None = None
    gap: float | None = None
    optimal_exact: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {
            "method": self.method,
            "exact": self.exact,
            "optimal_exact": self.optimal_exact,
            "primal_violation": self.primal_violation,
            "dual_violation": self.dual_violation,
            "bound": self.bound,
            "gap": self.gap,
            "tolerance": self.tolerance,
            "certifies": self.certifies,
        }


def _number(value: float, exact: Fraction | None) -> Any:
    if exact is None:
        return float(value)
    return int(exact) if exact.denominator == 1 else fraction_text(exact)


@dataclass(frozen=True, slots=True, eq=False)
class CorrelatedEquilibrium:
    r"""One correlated equilibrium :math:`p` of a game, with its payoffs and certificate.

    Parameters
    ----------
    game
        The game.
    selection
        ``"welfare-max"``, ``"welfare-min"``, ``"max-entropy"`` or ``"vertex"``.
    distribution
        :math:`p`, shape ``game.num_strategies`` (read-only floats).
    certificate
        What was verified (:class:`Certificate`).
    exact_distribution
        :math:`p` as Fractions (flattened in C order), when known exactly.
    objective
        The selection's objective at :math:`p`: welfare :math:`\sum_i u_i(p)`,
        or the entropy :math:`-\sum_s p(s) \log p(s)` (nats).
    """

    game: NormalFormGame
    selection: str
    distribution: NDArray[np.float64]
    certificate: Certificate
    exact_distribution: tuple[Fraction, ...] | None = None
    objective: float | None = None

    def __post_init__(self) -> None:
        if self.exact_distribution is not None:
            exact = tuple(Fraction(v) for v in self.exact_distribution)
            object.__setattr__(self, "exact_distribution", exact)
            floats = np.array([float(v) for v in exact]).reshape(self.game.num_strategies)
        else:
            floats = np.array(self.distribution, dtype=np.float64).reshape(self.game.num_strategies)
        floats.flags.writeable = False
        object.__setattr__(self, "distribution", floats)

    @property
    def payoffs(self) -> NDArray[np.float64]:
        r"""Expected payoffs :math:`u_i(p) = \sum_s p(s) u_i(s)`, one per player."""
        values = self.exact_payoffs
        if values is not None:
            return np.array([float(v) for v in values])
        return np.array([float(np.sum(self.distribution * table)) for table in self.game.payoff_array])

    @property
    def exact_payoffs(self) -> tuple[Fraction, ...] | None:
        """The expected payoffs as Fractions, when :math:`p` and the payoffs are exact."""
        if self.exact_distribution is None or not self.game.is_exact:
            return None
        payoffs = self.game.rational_payoff_array()
        return tuple(
            sum((p * u for p, u in zip(self.exact_distribution, table.ravel(), strict=True)), Fraction(0))
            for table in payoffs
        )

    @property
    def welfare(self) -> float:
        """The sum of the expected payoffs."""
        return float(self.payoffs.sum())

    def support(self) -> list[tuple[tuple[int, ...], float, Fraction | None]]:
        """``(profile, probability, exact probability)`` for every profile with :math:`p(s) > 0`."""
        rows = []
        for flat, profile in enumerate(itertools.product(*(range(k) for k in self.game.num_strategies))):
            exact = self.exact_distribution[flat] if self.exact_distribution is not None else None
            value = float(self.distribution[profile])
            if (exact is not None and exact > 0) or (exact is None and value > 1e-12):
                rows.append((profile, value, exact))
        return rows

    def recommendations(self, player: int) -> dict[str, Any]:
        """How often the mediator tells ``player`` each of its strategies (the marginal of :math:`p`)."""
        axes = tuple(j for j in range(self.game.num_players) if j != player)
        names = self.game.strategies[player]
        if self.exact_distribution is not None:
            table = np.array(self.exact_distribution, dtype=object).reshape(self.game.num_strategies)
            sums = table.sum(axis=axes) if axes else table
            return {name: _number(float(v), Fraction(v)) for name, v in zip(names, sums, strict=True)}
        marginal = self.distribution.sum(axis=axes) if axes else self.distribution
        return {name: float(v) for name, v in zip(names, marginal, strict=True)}

    def beliefs(self, player: int) -> dict[str, dict[str, Any]]:
        r"""What ``player`` infers from each recommendation: :math:`p(s_{-i} \mid a)`.

        Keys are the recommended action, then the others' actions (joined by
        ``", "``, in player order); only recommendations made with positive
        probability appear. The incentive constraint for :math:`(i, a, a')` is
        that :math:`a` is a best reply to this conditional distribution.
        """
        grouped: dict[str, list[tuple[str, float, Fraction | None]]] = {}
        for profile, value, exact in self.support():
            others = ", ".join(self.game.strategies[j][k] for j, k in enumerate(profile) if j != player)
            grouped.setdefault(self.game.strategies[player][profile[player]], []).append(
                (others, value, exact)
            )
        beliefs: dict[str, dict[str, Any]] = {}
        for action, rows in grouped.items():
            exact_total = sum((e for _, _, e in rows if e is not None), Fraction(0))
            total = sum(v for _, v, _ in rows)
            beliefs[action] = {
                others: _number(v / total, e / exact_total if e is not None else None)
                for others, v, e in rows
            }
        return beliefs

    def to_records(self) -> list[dict[str, Any]]:
        """One record per profile in the support (for ``--format csv``)."""
        players = self.game.players
        exact_payoff_table = self.game.rational_payoff_array() if self.game.is_exact else None
        records = []
        for profile, value, exact in self.support():
            record: dict[str, Any] = {"selection": self.selection}
            record.update({p: self.game.strategies[i][profile[i]] for i, p in enumerate(players)})
            record["probability"] = value
            record["probability_exact"] = fraction_text(exact) if exact is not None else None
            for i, p in enumerate(players):
                exact_u = exact_payoff_table[(i, *profile)] if exact_payoff_table is not None else None
                record[f"u({p})"] = _number(float(self.game.payoff_array[(i, *profile)]), exact_u)
            records.append(record)
        return records

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        exact_payoffs = self.exact_payoffs
        payoffs = self.payoffs
        return {
            "game": self.game.summary(),
            "players": list(self.game.players),
            "selection": self.selection,
            "reading": MEDIATOR,
            "distribution": self.to_records(),
            "payoffs": {
                p: _number(payoffs[i], exact_payoffs[i] if exact_payoffs else None)
                for i, p in enumerate(self.game.players)
            },
            "welfare": _number(self.welfare, sum(exact_payoffs, Fraction(0)) if exact_payoffs else None),
            "objective": self.objective,
            "recommendations": {p: self.recommendations(i) for i, p in enumerate(self.game.players)},
            "beliefs": {p: self.beliefs(i) for i, p in enumerate(self.game.players)},
            "certificate": self.certificate.to_dict(),
        }

    def table_rows(self) -> tuple[list[str], list[list[Any]]]:
        """Headers and rows of the support table (used by the terminal and notebook displays)."""
        players = self.game.players
        headers = [*players, "p", *(f"u({p})" for p in players)]
        rows = [
            [r[p] for p in players]
            + [r["probability_exact"] or r["probability"]]
            + [r[f"u({p})"] for p in players]
            for r in self.to_records()
        ]
        return headers, rows

    def summary_lines(self) -> list[str]:
        """The lines under the table: payoffs, recommendations, certificate."""
        from bargaining.table import format_number

        data = self.to_dict()
        payoffs = ", ".join(f"{p} {format_number(v)}" for p, v in data["payoffs"].items())
        lines = [f"expected payoffs: {payoffs}; welfare {format_number(data['welfare'])}"]
        if self.selection == "max-entropy" and self.objective is not None:
            lines.append(f"entropy: {self.objective:.6g} nats")
        for player, told in data["recommendations"].items():
            lines.append(
                f"{player} is told: " + ", ".join(f"{s} {format_number(v)}" for s, v in told.items())
            )
        for i, player in enumerate(self.game.players):
            others = [p for j, p in enumerate(self.game.players) if j != i]
            who = others[0] if len(others) == 1 else "(" + ", ".join(others) + ")"
            for action, belief in data["beliefs"][player].items():
                told = ", ".join(
                    f"{o if len(others) == 1 else '(' + o + ')'} {format_number(v)}"
                    for o, v in belief.items()
                )
                lines.append(f"{player}, told {action}, expects {who}: {told}")
        lines.append(f"certificate ({self.certificate.method}): {self.certificate.certifies}")
        return lines

    def to_table(self) -> str:
        """A terminal table of the support, then the reading, payoffs and certificate."""
        from bargaining.table import format_table

        headers, rows = self.table_rows()
        title = f"{self.game.summary()} -- correlated equilibrium ({self.selection})"
        return "\n".join([format_table(headers, rows, title=title), MEDIATOR, *self.summary_lines()])

    def __str__(self) -> str:
        return self.to_table()

    def _repr_markdown_(self) -> str:
        headers, rows = self.table_rows()
        lines = [f"**{self.game.summary()}: correlated equilibrium ({self.selection})**", ""]
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "---|" * len(headers))
        lines.extend("| " + " | ".join(str(c) for c in row) + " |" for row in rows)
        lines.extend(["", MEDIATOR, ""])
        lines.extend(f"- {line}" for line in self.summary_lines())
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"CorrelatedEquilibrium({self.game.summary()!r}, selection={self.selection!r}, "
            f"welfare={self.welfare:.6g}, exact={self.certificate.exact})"
        )

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per profile in the support: its probability and payoffs, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_records())


@dataclass(frozen=True, slots=True, eq=False)
class CorrelatedVertices:
    """Every vertex of the set of correlated equilibria (a polytope), computed exactly.

    Every correlated equilibrium is a mixture of these vertices.

    Parameters
    ----------
    game
        The game.
    vertices
        The vertices, each a :class:`CorrelatedEquilibrium` with an exact distribution.
    method
        How they were enumerated.
    notes
        Anything the reader should know (e.g. how float payoffs were read).
    """

    game: NormalFormGame
    vertices: tuple[CorrelatedEquilibrium, ...]
    method: str
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.vertices)

    def __getitem__(self, index: int) -> CorrelatedEquilibrium:
        return self.vertices[index]

    def to_records(self) -> list[dict[str, Any]]:
        """One record per (vertex, profile in its support)."""
        return [{"vertex": k, **r} for k, v in enumerate(self.vertices) for r in v.to_records()]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {
            "game": self.game.summary(),
            "players": list(self.game.players),
            "selection": "vertices",
            "method": self.method,
            "complete": True,
            "count": len(self.vertices),
            "reading": MEDIATOR,
            "vertices": [v.to_dict() for v in self.vertices],
            "notes": list(self.notes),
        }

    def to_table(self) -> str:
        """One row per (vertex, profile), then the vertices' payoffs."""
        from bargaining.table import format_table

        players = self.game.players
        headers = ["vertex", *players, "p"]
        rows = [[r["vertex"], *(r[p] for p in players), r["probability_exact"]] for r in self.to_records()]
        count = len(self.vertices)
        title = f"{self.game.summary()} -- {count} vertices of the correlated equilibrium set ({self.method})"
        payoff_rows = [[k, *v.to_dict()["payoffs"].values()] for k, v in enumerate(self.vertices)]
        lines = [format_table(headers, rows, title=title), ""]
        lines.append(format_table(["vertex", *(f"u({p})" for p in players)], payoff_rows))
        lines.extend([MEDIATOR, "Every correlated equilibrium is a mixture of these vertices.", *self.notes])
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_table()

    def _repr_markdown_(self) -> str:
        return "```\n" + self.to_table() + "\n```"

    def __repr__(self) -> str:
        return f"CorrelatedVertices({self.game.summary()!r}, {len(self.vertices)} vertices)"

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per (vertex, profile in its support), as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_records())
