r"""Bayesian Nash equilibria through the induced normal form, and the value of ambiguity.

The induced normal form of a Bayesian game (Harsanyi 1967-68) has, for each
player, one pure strategy per map :math:`s_i : T_i \to A_i` from types to
actions, and the ex-ante payoffs

.. math:: U_i(s) = \sum_t p(t)\, u_i\bigl(t, s_0(t_0), \dots, s_{n-1}(t_{n-1})\bigr).

Its Nash equilibria (:func:`bargaining.equilibrium.equilibria`) are the
Bayesian Nash equilibria. A mixed strategy :math:`\sigma_i` over maps is
reported as what each type does,

.. math:: \beta_i(a \mid t_i) = \sum_{s_i:\, s_i(t_i) = a} \sigma_i(s_i),

with each type's *interim* expected payoff

.. math:: v_i(t_i) = \sum_{t_{-i}} p(t_{-i} \mid t_i) \sum_a
          \Bigl(\prod_j \beta_j(a_j \mid t_j)\Bigr) u_i(t, a).

**The value of ambiguity** to player :math:`i` compares its equilibrium
payoff when the others must guess its type (the Bayesian game, ex ante:
:math:`\sum_{t_i} p(t_i) v_i(t_i)`) with its payoff when its type is common
knowledge (the game :meth:`~bargaining.games.bayesian.BayesianGame.with_type`
for each type :math:`t_i`, averaged over the prior :math:`p(t_i)`). With
several equilibria both sides are ranges, reported at the worst and the
best equilibrium for :math:`i` (for two players the extreme equilibria
attain both, since payoffs are bilinear on each convex set of equilibria).

References
----------
Harsanyi, J. C. (1967-68). Games with incomplete information played by
"Bayesian" players, I-III. *Management Science* 14.
Osborne, M. J. (2004). *An Introduction to Game Theory*, ch. 9.

Examples
--------
>>> from bargaining.games.bayesian import BayesianGame
>>> bos = BayesianGame.from_tables(
...     players=("row", "column"), actions=(("B", "S"), ("B", "S")), types=((), ("meet", "avoid")),
...     prior={("meet",): "1/2", ("avoid",): "1/2"},
...     tables={("meet",): ([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
...             ("avoid",): ([[2, 0], [0, 1]], [[0, 2], [1, 0]])})
>>> induced_normal_form(bos).strategies
(('B', 'S'), ('B/B', 'B/S', 'S/B', 'S/S'))
>>> [eq.describe(1) for eq in bayesian_equilibria(bos, exact=True) if eq.is_pure]
['meet: B; avoid: S']
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from bargaining.errors import InvalidGameError

if TYPE_CHECKING:
    from bargaining.equilibrium.results import Equilibrium, EquilibriumSet
    from bargaining.games.bayesian import BayesianGame
    from bargaining.games.normal_form import NormalFormGame

__all__ = [
    "AmbiguityReport",
    "BayesianEquilibria",
    "BayesianEquilibrium",
    "bayesian_equilibria",
    "induced_normal_form",
    "solve_bayesian",
    "value_of_ambiguity",
]

#: the most pure strategies per player :func:`induced_normal_form` builds
MAX_STRATEGIES = 1 << 14


def _text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _plans(game: BayesianGame, player: int) -> list[tuple[int, ...]]:
    """Every map from the player's types to its actions, as action indices per type."""
    count = game.num_actions[player] ** game.num_types[player]
    if count > MAX_STRATEGIES:
        raise InvalidGameError(
            f"{game.players[player]} has {count} type-contingent strategies "
            f"({game.num_actions[player]} actions ^ {game.num_types[player]} types); the induced normal form "
            f"is limited to {MAX_STRATEGIES} per player"
        )
    return list(itertools.product(range(game.num_actions[player]), repeat=game.num_types[player]))


def induced_normal_form(game: BayesianGame) -> NormalFormGame:
    r"""The strategic game whose strategies map types to actions, with ex-ante payoffs :math:`U_i(s)`.

    A strategy's name lists its action for each type, in the order of the
    player's types, separated by ``/`` (just the action for a player with one
    type). Payoffs are exact.
    """
    from bargaining.games.normal_form import NormalFormGame

    plans = [np.array(_plans(game, i), dtype=np.intp) for i in range(game.num_players)]
    sizes = tuple(len(p) for p in plans)
    payoffs = np.full((game.num_players, *sizes), Fraction(0), dtype=object)
    for types in game.type_profiles():
        weight = game.prior[types]
        # the action each strategy of each player takes at its type in this profile
        chosen = [plans[i][:, k] for i, k in enumerate(types)]
        for j in range(game.num_players):
            table = game.payoffs[(j, *types)]
            payoffs[j] = payoffs[j] + weight * table[np.ix_(*chosen)]
    names = tuple(
        tuple("/".join(game.actions[i][a] for a in plan) for plan in _plans(game, i))
        for i in range(game.num_players)
    )
    return NormalFormGame(payoffs, players=game.players, strategies=names, title=game.title)


# --------------------------------------------------------------------------- results
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


def _interim(
    game: BayesianGame, behaviour: tuple[tuple[tuple[Number, ...], ...], ...]
) -> tuple[tuple[Number, ...], ...]:
    """Each type's expected payoff given its beliefs and everybody's type-contingent actions."""
    exact = all(isinstance(p, Fraction) for player in behaviour for probs in player for p in probs)
    zero: Number = Fraction(0) if exact else 0.0
    result = []
    for i in range(game.num_players):
        values = []
        for k in range(game.num_types[i]):
            total, mass = zero, zero
            for types in game.type_profiles():
                if types[i] != k:
                    continue
                p: Number = game.prior[types] if exact else float(game.prior[types])
                mass += p
                for actions in itertools.product(*(range(a) for a in game.num_actions)):
                    weight = p
                    for j, a in enumerate(actions):
                        weight *= behaviour[j][types[j]][a]
                        if not weight:
                            break
                    if weight:
                        u = game.payoffs[(i, *types, *actions)]
                        total += weight * (u if exact else float(u))
            values.append(total / mass)
        result.append(tuple(values))
    return tuple(result)


def _from_equilibrium(game: BayesianGame, eq: Equilibrium) -> BayesianEquilibrium:
    sigmas: list[tuple[Number, ...]] = [
        tuple(eq.exact_probabilities[i])
        if eq.exact_probabilities is not None
        else tuple(map(float, eq.probabilities[i]))
        for i in range(game.num_players)
    ]
    zero: Number = Fraction(0) if eq.exact_probabilities is not None else 0.0
    behaviour = []
    for i in range(game.num_players):
        per_type = []
        plans = _plans(game, i)
        for k in range(game.num_types[i]):
            probs = [zero] * game.num_actions[i]
            for plan, p in zip(plans, sigmas[i], strict=True):
                probs[plan[k]] += p
            per_type.append(tuple(probs))
        behaviour.append(tuple(per_type))
    frozen = tuple(behaviour)
    interim = _interim(game, frozen)
    ex_ante = tuple(
        sum(
            (
                (game.marginal(i)[k] if isinstance(v, Fraction) else float(game.marginal(i)[k])) * v
                for k, v in enumerate(interim[i])
            ),
            zero,
        )
        for i in range(game.num_players)
    )
    return BayesianEquilibrium(game, frozen, interim, ex_ante, eq)


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
        return "\n".join(lines)


def bayesian_equilibria(game: BayesianGame, method: str = "auto", exact: bool = False) -> BayesianEquilibria:
    """The Bayesian Nash equilibria of ``game``, by solving its induced normal form.

    Parameters
    ----------
    game
        A :class:`~bargaining.games.bayesian.BayesianGame`.
    method, exact
        Passed to :func:`bargaining.equilibrium.equilibria` (for two players
        ``"auto"`` enumerates every extreme equilibrium).
    """
    from bargaining.equilibrium import equilibria

    induced = induced_normal_form(game)
    found = equilibria(induced, method=method, exact=exact)
    return BayesianEquilibria(game, induced, found, tuple(_from_equilibrium(game, eq) for eq in found))


# --------------------------------------------------------------------------- value of ambiguity
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


def value_of_ambiguity(
    game: BayesianGame, player: int | str, method: str = "auto", exact: bool = False
) -> AmbiguityReport:
    r"""Compare ``player``'s equilibrium payoff with its type hidden and with its type known.

    Parameters
    ----------
    game
        The Bayesian game; ``player`` should have several types.
    player
        The player whose type is private (a name or an index).
    method, exact
        Passed to :func:`bayesian_equilibria` for each game solved.

    Returns
    -------
    AmbiguityReport
        Hidden: the Bayesian game. Known: for each type :math:`t_i`, the game
        :meth:`~bargaining.games.bayesian.BayesianGame.with_type` ``(player, t_i)``,
        weighted by :math:`p(t_i)`. A positive value means the player gains
        from keeping its aims ambiguous.
    """
    i = game.player_index(player)
    if game.num_types[i] < 2:
        raise InvalidGameError(
            f"{game.players[i]} has a single type, so there is nothing to hide; "
            "give it several types in the spec (players[...].types)"
        )
    hidden = bayesian_equilibria(game, method=method, exact=exact)
    known = tuple(
        bayesian_equilibria(game.with_type(i, t), method=method, exact=exact) for t in game.types[i]
    )
    return AmbiguityReport(game, i, hidden, known)


# --------------------------------------------------------------------------- bargain solve
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


def solve_bayesian(model: BayesianGame, solution: str = "all") -> BayesianSolution:
    """The handler ``bargain solve`` uses for ``bayesian`` specs.

    ``solution`` is ``"all"`` (the default equilibrium method) or an
    equilibrium method name; the value of ambiguity is reported for every
    player with several types.
    """
    method = "auto" if solution == "all" else solution
    reports = tuple(
        value_of_ambiguity(model, i, method=method)
        for i in range(model.num_players)
        if model.num_types[i] > 1
    )
    return BayesianSolution(bayesian_equilibria(model, method=method), reports)
