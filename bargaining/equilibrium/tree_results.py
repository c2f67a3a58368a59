r"""What the solvers of game trees return: subgame-perfect equilibria, Nash equilibria of a tree.

:class:`SubgamePerfectSet` holds the pure subgame-perfect equilibria found by
backward induction (:func:`bargaining.equilibrium.backward_induction.subgame_perfect_equilibria`);
:class:`ExtensiveEquilibria` the Nash equilibria of the reduced normal form
with, under perfect recall, Kuhn's equivalent behaviour strategies

.. math:: \beta_i(a \mid h) = \frac{\sum_{s:\, s(h) = a} \sigma_i(s)}
                                   {\sum_{s:\, h \text{ not ruled out by } s} \sigma_i(s)};

:class:`TreeSolution` is what ``bargain solve`` and ``bargain tree`` print.
Each has ``to_dict()`` and ``to_table()``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from bargaining.games.extensive_form import ExtensiveFormGame
from bargaining.games.reduced import ReducedNormalForm

if TYPE_CHECKING:
    from bargaining.equilibrium.results import Equilibrium, EquilibriumSet

__all__ = [
    "Behaviour",
    "ExtensiveEquilibria",
    "SubgamePerfectEquilibrium",
    "SubgamePerfectSet",
    "TreeSolution",
]

#: per player, per information set (preorder): the action probabilities, or ``None`` where
#: the player's own strategy rules the information set out
Behaviour = tuple[tuple[tuple[str, tuple[Fraction, ...] | None], ...], ...]


def _text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


@dataclass(frozen=True, slots=True)
class SubgamePerfectEquilibrium:
    """One pure subgame-perfect equilibrium of a perfect-information game.

    Parameters
    ----------
    choices
        Decision node id -> the action chosen there, at *every* decision node
        (off the path of play too: that is what makes threats credible or not).
    payoffs
        Expected payoffs, one per player (exact).
    outcome
        Terminal node id -> probability of ending there (several with chance).
    players
        Player names.
    movers
        Decision node id -> the name of the player who moves there.
    """

    choices: Mapping[str, str]
    payoffs: tuple[Fraction, ...]
    outcome: Mapping[str, Fraction]
    players: tuple[str, ...]
    movers: Mapping[str, str]

    def strategy_of(self, player: str) -> dict[str, str]:
        """``{node id: action}`` at the nodes where ``player`` moves."""
        return {node: action for node, action in self.choices.items() if self.movers[node] == player}

    def to_dict(self) -> dict[str, Any]:
        """Plain data: each player's choices, payoffs (floats and exact ``"p/q"``) and the outcome."""
        return {
            "strategies": {p: self.strategy_of(p) for p in self.players},
            "payoffs": {p: float(v) for p, v in zip(self.players, self.payoffs, strict=True)},
            "exact_payoffs": {p: _text(v) for p, v in zip(self.players, self.payoffs, strict=True)},
            "outcome": {node: float(p) for node, p in self.outcome.items()},
        }

    def __repr__(self) -> str:
        moves = ", ".join(f"{node}: {action}" for node, action in self.choices.items())
        return f"SubgamePerfectEquilibrium({moves})"


@dataclass(frozen=True, slots=True)
class SubgamePerfectSet:
    """Every pure subgame-perfect equilibrium of a perfect-information game."""

    game: ExtensiveFormGame
    equilibria: tuple[SubgamePerfectEquilibrium, ...]

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[SubgamePerfectEquilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, index: int) -> SubgamePerfectEquilibrium:
        return self.equilibria[index]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {
            "game": self.game.summary(),
            "players": list(self.game.players),
            "method": "backward-induction",
            "count": len(self.equilibria),
            "equilibria": [eq.to_dict() for eq in self.equilibria],
        }

    def to_table(self) -> str:
        """One row per equilibrium: each player's choices (node: action) and the payoffs."""
        from bargaining.table import format_table

        players = self.game.players
        headers = ["#", *players, *(f"u({p})" for p in players)]
        rows = [
            [
                k,
                *("; ".join(f"{n}: {a}" for n, a in eq.strategy_of(p).items()) or "-" for p in players),
                *(_number(v) for v in eq.payoffs),
            ]
            for k, eq in enumerate(self.equilibria)
        ]
        count = len(self.equilibria)
        title = (
            f"{self.game.summary()} -- {count} subgame-perfect equilibri{'um' if count == 1 else 'a'} "
            "(backward induction, pure)"
        )
        return format_table(headers, rows, title=title)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per subgame-perfect equilibrium: choices, payoffs, outcome, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_dict()["equilibria"])


def _describe_behaviour(
    tree: ExtensiveFormGame, rows: tuple[tuple[str, tuple[Fraction, ...] | None], ...]
) -> str:
    parts = []
    actions = {h.name: h.actions for h in tree.infosets}
    for name, probs in rows:
        if probs is None:
            parts.append(f"{name}: (not reached)")
            continue
        played = [(a, p) for a, p in zip(actions[name], probs, strict=True) if p > 0]
        if len(played) == 1:
            parts.append(f"{name}: {played[0][0]}")
        else:
            parts.append(f"{name}: " + ", ".join(f"{float(p):.4g} {a}" for a, p in played))
    return "; ".join(parts) or "-"


@dataclass(frozen=True, slots=True, eq=False)
class ExtensiveEquilibria:
    """Nash equilibria of a game tree, from its reduced normal form.

    Parameters
    ----------
    reduced
        The reduced normal form that was solved.
    equilibria
        Its equilibria (mixed strategies over plans).
    behaviours
        For each equilibrium, the equivalent behaviour strategies (see
        :func:`behaviour_strategies`); ``None`` without perfect recall.
    """

    reduced: ReducedNormalForm
    equilibria: EquilibriumSet
    behaviours: tuple[Behaviour, ...] | None

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, index: int) -> Equilibrium:
        return self.equilibria[index]

    def to_dict(self) -> dict[str, Any]:
        """The normal-form equilibria (by plan) and, under perfect recall, the behaviour strategies."""
        tree = self.reduced.tree
        data = self.equilibria.to_dict()
        data["game"] = tree.summary()
        data["perfect_recall"] = self.behaviours is not None
        if self.behaviours is not None:
            actions = {h.name: h.actions for h in tree.infosets}
            for entry, behaviour in zip(data["equilibria"], self.behaviours, strict=True):
                entry["behaviour"] = {
                    tree.players[i]: {
                        name: None
                        if probs is None
                        else {a: float(p) for a, p in zip(actions[name], probs, strict=True)}
                        for name, probs in rows
                    }
                    for i, rows in enumerate(behaviour)
                }
        return data

    def to_table(self) -> str:
        """One row per equilibrium: behaviour at each information set (or the plans), and payoffs."""
        if self.behaviours is None:
            return self.equilibria.to_table() + "\nNo perfect recall: strategies are shown as plans."
        from bargaining.table import format_table

        tree = self.reduced.tree
        headers = ["#", "type", *tree.players, *(f"u({p})" for p in tree.players)]
        rows: list[list[Any]] = []
        for k, (eq, behaviour) in enumerate(zip(self.equilibria, self.behaviours, strict=True)):
            payoffs: list[Any] = (
                [_number(v) for v in eq.exact_payoffs]
                if eq.exact_payoffs is not None
                else list(map(float, eq.payoffs))
            )
            rows.append(
                [
                    k,
                    "pure" if eq.is_pure else "mixed",
                    *(_describe_behaviour(tree, rows_i) for rows_i in behaviour),
                    *payoffs,
                ]
            )
        count = len(self.equilibria)
        kind = "extreme Nash equilibri" if self.equilibria.complete else "Nash equilibri"
        title = (
            f"{tree.summary()} -- {count} {kind}{'um' if count == 1 else 'a'} "
            f"(reduced normal form, {self.equilibria.method}{', exact' if self.equilibria.exact else ''})"
        )
        lines = [format_table(headers, rows, title=title)]
        if self.equilibria.degenerate:
            lines.append("The reduced normal form is degenerate: equilibria may form continua.")
        lines.extend(self.equilibria.notes)
        lines.extend(self.equilibria.guarantee_lines())
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per Nash equilibrium of the tree (plans, behaviours), as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_dict()["equilibria"])


@dataclass(frozen=True, slots=True, eq=False)
class TreeSolution:
    """What ``bargain solve`` reports for a game tree: SPE (perfect information) and Nash equilibria."""

    subgame_perfect: SubgamePerfectSet | None
    nash: ExtensiveEquilibria | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data: ``subgame_perfect`` and ``nash``, each ``None`` when not computed."""
        return {
            "subgame_perfect": None if self.subgame_perfect is None else self.subgame_perfect.to_dict(),
            "nash": None if self.nash is None else self.nash.to_dict(),
        }

    def to_table(self) -> str:
        """The subgame-perfect equilibria, then the Nash equilibria."""
        parts = [part.to_table() for part in (self.subgame_perfect, self.nash) if part is not None]
        return "\n\n".join(parts)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per equilibrium, ``concept`` saying of which kind, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(
            {"concept": concept, **entry}
            for concept, part in self.to_dict().items()
            if part is not None
            for entry in part["equilibria"]
        )
