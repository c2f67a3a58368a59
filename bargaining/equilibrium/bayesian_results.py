r"""What the Bayesian solvers return: equilibria type by type, the value of ambiguity, the solve report.

:class:`BayesianEquilibrium` describes one equilibrium of the induced normal
form by what each type does, :math:`\beta_i(a \mid t_i)`, with each type's
interim payoff :math:`v_i(t_i)` and the ex-ante payoff
:math:`\sum_{t_i} p(t_i) v_i(t_i)`; :class:`BayesianEquilibria` holds them all;
:class:`AmbiguityReport` compares a player's payoff with its type hidden and
known; :class:`BayesianSolution` is what ``bargain solve`` prints. Each has
``to_dict()`` and ``to_table()`` (or ``describe``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from bargaining.errors import InvalidGameError

if TYPE_CHECKING:
    from bargaining.equilibrium.results import Equilibrium, EquilibriumSet
    from bargaining.games.bayesian import BayesianGame
    from bargaining.games.normal_form import NormalFormGame

__all__ = ["AmbiguityReport", "BayesianEquilibria", "BayesianEquilibrium", "BayesianSolution", "Number"]

#: a probability or payoff: exact, or a float
Number = Fraction | float


@dataclass(frozen=True, slots=True, eq=False)
class BayesianEquilibrium:
    r"""One Bayesian Nash equilibrium, described type by type.

    Parameters
    ----------
    game
        The Bayesian game.
    behaviour
        ``behaviour[i][k][a]`` = :math:`\beta_i(a \mid t_k)`, the probability
        that type ``k`` of player ``i`` plays action ``a`` (Fractions when exact).
    interim
        ``interim[i][k]`` = :math:`v_i(t_k)`, type ``k``'s expected payoff.
    ex_ante
        Each player's ex-ante expected payoff.
    equilibrium
        The equilibrium of the induced normal form it comes from.
    """

    game: BayesianGame
    behaviour: tuple[tuple[tuple[Number, ...], ...], ...]
    interim: tuple[tuple[Number, ...], ...]
    ex_ante: tuple[Number, ...]
    equilibrium: Equilibrium

    @property
    def is_pure(self) -> bool:
        """Whether every type of every player plays one action."""
        return all(sum(1 for p in probs if p > 0) == 1 for player in self.behaviour for probs in player)

    @property
    def is_exact(self) -> bool:
        """Whether the probabilities and payoffs are exact Fractions."""
        return self.equilibrium.is_exact

    def describe(self, player: int) -> str:
        """What each type of ``player`` does: ``meet: B; avoid: 1/2 B, 1/2 S``."""
        parts = []
        for k, probs in enumerate(self.behaviour[player]):
            played = [(self.game.actions[player][a], p) for a, p in enumerate(probs) if p > 0]
            text = (
                played[0][0]
                if len(played) == 1
                else ", ".join(
                    f"{_text(p) if isinstance(p, Fraction) else f'{p:.4g}'} {name}" for name, p in played
                )
            )
            parts.append(
                text if self.game.num_types[player] == 1 else f"{self.game.types[player][k]}: {text}"
            )
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: each type's mixed action, interim and ex-ante payoffs (floats; exact ``"p/q"`` too)."""
        game = self.game
        data: dict[str, Any] = {
            "behaviour": {
                player: {
                    game.types[i][k]: {game.actions[i][a]: float(p) for a, p in enumerate(probs)}
                    for k, probs in enumerate(self.behaviour[i])
                }
                for i, player in enumerate(game.players)
            },
            "interim_payoffs": {
                player: {game.types[i][k]: float(v) for k, v in enumerate(self.interim[i])}
                for i, player in enumerate(game.players)
            },
            "payoffs": {player: float(self.ex_ante[i]) for i, player in enumerate(game.players)},
            "pure": self.is_pure,
        }
        if self.is_exact:
            data["exact_payoffs"] = {
                player: _text(Fraction(self.ex_ante[i])) for i, player in enumerate(game.players)
            }
        return data


def _text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


@dataclass(frozen=True, slots=True, eq=False)
class BayesianEquilibria:
    """The Bayesian Nash equilibria found through the induced normal form.

    Parameters
    ----------
    game
        The Bayesian game.
    induced
        Its induced normal form.
    equilibria
        The normal-form equilibria (as returned by the solver).
    profiles
        The same equilibria described type by type.
    """

    game: BayesianGame
    induced: NormalFormGame
    equilibria: EquilibriumSet
    profiles: tuple[BayesianEquilibrium, ...]

    def __len__(self) -> int:
        return len(self.profiles)

    def __iter__(self) -> Iterator[BayesianEquilibrium]:
        return iter(self.profiles)

    def __getitem__(self, index: int) -> BayesianEquilibrium:
        return self.profiles[index]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {
            "game": self.game.summary(),
            "players": list(self.game.players),
            "method": self.equilibria.method,
            "exact": self.equilibria.exact,
            "complete": self.equilibria.complete,
            "degenerate": self.equilibria.degenerate,
            "count": len(self.profiles),
            "equilibria": [eq.to_dict() for eq in self.profiles],
            "notes": list(self.equilibria.notes),
            **self.equilibria.guarantee_dict(),
        }

    def to_table(self) -> str:
        """One row per equilibrium: what each type does, and the ex-ante payoffs."""
        from bargaining.table import format_table

        players = self.game.players
        headers = ["#", "type", *players, *(f"u({p})" for p in players)]
        rows = [
            [
                k,
                "pure" if eq.is_pure else "mixed",
                *(eq.describe(i) for i in range(len(players))),
                *(float(v) for v in eq.ex_ante),
            ]
            for k, eq in enumerate(self.profiles)
        ]
        count = len(self.profiles)
        kind = "extreme Bayesian Nash equilibri" if self.equilibria.complete else "Bayesian Nash equilibri"
        exact = ", exact" if self.equilibria.exact else ""
        ending = "um" if count == 1 else "a"
        title = f"{self.game.summary()} -- {count} {kind}{ending} ({self.equilibria.method}{exact})"
        lines = [format_table(headers, rows, title=title)]
        if self.equilibria.degenerate:
            lines.append("The induced normal form is degenerate: equilibria may form continua.")
        lines.extend(self.equilibria.notes)
        lines.extend(self.equilibria.guarantee_lines())
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per Bayesian equilibrium: each type's action, the payoffs, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_dict()["equilibria"])


@dataclass(frozen=True, slots=True, eq=False)
class AmbiguityReport:
    """What it is worth to ``player`` that the others must guess its type.

    Parameters
    ----------
    game
        The Bayesian game.
    player
        The player's index.
    hidden
        The Bayesian game's equilibria (the type is private).
    known
        For each type, the equilibria of the game in which that type is common knowledge.
    """

    game: BayesianGame
    player: int
    hidden: BayesianEquilibria
    known: tuple[BayesianEquilibria, ...]

    def __post_init__(self) -> None:
        for result in (self.hidden, *self.known):
            if not len(result):
                raise InvalidGameError(
                    f"method {result.equilibria.method!r} found no equilibrium of {result.game.summary()!r}; "
                    "use a method that finds all equilibria (the default)"
                )

    def _hidden_range(self, k: int | None) -> tuple[float, float]:
        values = [
            float(eq.ex_ante[self.player] if k is None else eq.interim[self.player][k]) for eq in self.hidden
        ]
        return min(values), max(values)

    def _known_range(self, k: int) -> tuple[float, float]:
        values = [float(eq.ex_ante[self.player]) for eq in self.known[k]]
        return min(values), max(values)

    @property
    def hidden_payoff(self) -> tuple[float, float]:
        """The player's ex-ante payoff in the Bayesian game: (worst, best) over equilibria."""
        return self._hidden_range(None)

    @property
    def known_payoff(self) -> tuple[float, float]:
        """Its payoff when its type is known, averaged over the prior: (worst, best)."""
        weights = [float(p) for p in self.game.marginal(self.player)]
        ranges = [self._known_range(k) for k in range(len(weights))]
        return (
            sum(w * r[0] for w, r in zip(weights, ranges, strict=True)),
            sum(w * r[1] for w, r in zip(weights, ranges, strict=True)),
        )

    @property
    def value(self) -> tuple[float, float]:
        """Hidden minus known payoff, comparing worst with worst and best with best equilibria."""
        hidden, known = self.hidden_payoff, self.known_payoff
        return hidden[0] - known[0], hidden[1] - known[1]

    def to_dict(self) -> dict[str, Any]:
        """Plain data: payoffs hidden and known, per type and ex ante, and the value of ambiguity."""
        i = self.player
        return {
            "game": self.game.summary(),
            "player": self.game.players[i],
            "prior": {t: float(p) for t, p in zip(self.game.types[i], self.game.marginal(i), strict=True)},
            "hidden": {"worst": self.hidden_payoff[0], "best": self.hidden_payoff[1]},
            "known": {"worst": self.known_payoff[0], "best": self.known_payoff[1]},
            "value_of_ambiguity": {"worst": self.value[0], "best": self.value[1]},
            "by_type": {
                t: {
                    "hidden": dict(zip(("worst", "best"), self._hidden_range(k), strict=True)),
                    "known": dict(zip(("worst", "best"), self._known_range(k), strict=True)),
                }
                for k, t in enumerate(self.game.types[i])
            },
            "equilibria": {
                "hidden": self.hidden.to_dict(),
                "known": {t: r.to_dict() for t, r in zip(self.game.types[i], self.known, strict=True)},
            },
        }

    def to_table(self) -> str:
        """A table per type: payoff with the type hidden and known (worst..best), then the totals."""
        from bargaining.table import format_table

        i = self.player
        name = self.game.players[i]
        rows: list[list[Any]] = []
        for k, (t, p) in enumerate(zip(self.game.types[i], self.game.marginal(i), strict=True)):
            hidden, known = self._hidden_range(k), self._known_range(k)
            rows.append([t, float(p), *hidden, *known, hidden[0] - known[0], hidden[1] - known[1]])
        hidden, known, value = self.hidden_payoff, self.known_payoff, self.value
        rows.append(["ex ante", 1.0, *hidden, *known, *value])
        headers = [
            "type",
            "prior",
            "hidden worst",
            "hidden best",
            "known worst",
            "known best",
            "value worst",
            "value best",
        ]
        title = (
            f"Value of ambiguity to {name}: its equilibrium payoff when the others must guess its type "
            f"(hidden) against when they know it (known), worst and best equilibrium for {name}"
        )
        return format_table(headers, rows, title=title)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per type of the player: the payoff ranges hidden and known, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(({"type": t, **v} for t, v in self.to_dict()["by_type"].items()), index="type")


@dataclass(frozen=True, slots=True, eq=False)
class BayesianSolution:
    """What ``bargain solve`` reports for a Bayesian game: equilibria and the value of ambiguity."""

    equilibria: BayesianEquilibria
    ambiguity: tuple[AmbiguityReport, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data: ``equilibria`` and one ``value_of_ambiguity`` report per player with several types."""
        return {
            "equilibria": self.equilibria.to_dict(),
            "value_of_ambiguity": {r.game.players[r.player]: r.to_dict() for r in self.ambiguity},
        }

    def to_table(self) -> str:
        """The equilibria, then each value-of-ambiguity table."""
        return "\n\n".join([self.equilibria.to_table(), *(r.to_table() for r in self.ambiguity)])

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """The equilibria, one row each (:meth:`BayesianEquilibria.to_frame`), as a pandas DataFrame."""
        return self.equilibria.to_frame()
