r"""Bayesian games: players with private types drawn from a common prior (Harsanyi 1967-68).

A finite Bayesian game gives each player :math:`i` a set of actions
:math:`A_i` and a set of types :math:`T_i`; nature draws a type profile
:math:`t = (t_0, \dots, t_{n-1})` from a common prior :math:`p`, each player
learns its own type only, and payoffs :math:`u_i(t, a)` depend on the whole
type profile and the action profile. A player with a single type is one
whose characteristics everybody knows.

Harsanyi's insight is that the game of incomplete information is a game of
imperfect information about nature's move: a strategy is a plan
:math:`s_i : T_i \to A_i`, and the *induced normal form* has the ex-ante
payoffs

.. math:: U_i(s) = \sum_{t} p(t)\, u_i\bigl(t, s_0(t_0), \dots, s_{n-1}(t_{n-1})\bigr),

whose Nash equilibria are the Bayesian Nash equilibria (each type with
positive probability best-responds to its beliefs :math:`p(t_{-i} \mid t_i)`;
Osborne 2004, ch. 9). The solvers are in :mod:`bargaining.equilibrium.bayesian`.

Probabilities and payoffs are exact Fractions (floats are read as their
shortest decimal), so the prior sums to exactly 1.

References
----------
Harsanyi, J. C. (1967-68). Games with incomplete information played by
"Bayesian" players, I-III. *Management Science* 14, 159-182, 320-334, 486-502.
Osborne, M. J. (2004). *An Introduction to Game Theory*, Oxford University Press, ch. 9.

Examples
--------
>>> game = BayesianGame.from_tables(
...     players=("row", "column"),
...     actions=(("B", "S"), ("B", "S")),
...     types=((), ("meet", "avoid")),
...     prior={("meet",): "1/2", ("avoid",): "1/2"},
...     tables={
...         ("meet",): ([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
...         ("avoid",): ([[2, 0], [0, 1]], [[0, 2], [1, 0]]),
...     },
... )
>>> game.summary()
'2 players, types 1x2, actions 2x2'
>>> game.types
(('known',), ('meet', 'avoid'))
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import InvalidGameError, SpecError
from bargaining.games.bayesian_checks import check_prior, exact_array, listed_names, marginal_of
from bargaining.games.payoffs import readonly

if TYPE_CHECKING:
    from bargaining.games.extensive_form import ExtensiveFormGame

__all__ = ["KNOWN_TYPE", "BayesianGame"]

#: the name of the single type of a player whose type everybody knows
KNOWN_TYPE = "known"


@dataclass(frozen=True, slots=True, eq=False)
class BayesianGame:
    r"""An immutable finite Bayesian game with a common prior.

    Parameters
    ----------
    players
        Player names.
    types
        For each player, its type names; an empty list means one type,
        :data:`KNOWN_TYPE`.
    actions
        For each player, its action names.
    prior
        The common prior :math:`p(t)` as an array of shape
        ``(|T_0|, ..., |T_{n-1}|)``; stored as a read-only array of Fractions.
    payoffs
        :math:`u_i(t, a)` as an array of shape
        ``(n, |T_0|, ..., |T_{n-1}|, |A_0|, ..., |A_{n-1}|)``; read-only Fractions.
    title
        A short description.

    Raises
    ------
    SpecError
        With a JSON path: names empty or repeated (``players[0].types[1]``),
        a prior of the wrong shape, negative, not summing to 1 (``prior``), a
        type with prior probability 0 (``players[0].types[2]``), payoffs of the
        wrong shape or not numbers (``type_profiles``).

    Notes
    -----
    Build one from per-type-profile payoff tables with :meth:`from_tables`.
    """

    players: tuple[str, ...]
    types: tuple[tuple[str, ...], ...]
    actions: tuple[tuple[str, ...], ...]
    prior: NDArray[np.object_]
    payoffs: NDArray[np.object_]
    title: str = ""

    spec_kind: ClassVar[str] = "bayesian"

    def __post_init__(self) -> None:
        players = listed_names(self.players, "players", "player")
        n = len(players)
        if n == 0:
            raise SpecError("players", "a game needs at least one player")
        if len(self.types) != n or len(self.actions) != n:
            raise SpecError(
                "players",
                f"give types and actions for each of the {n} players (got {len(self.types)} and "
                f"{len(self.actions)})",
            )
        types = tuple(
            listed_names(t, f"players[{i}].types", "type") if len(t) else (KNOWN_TYPE,)
            for i, t in enumerate(self.types)
        )
        actions = tuple(
            listed_names(a, f"players[{i}].actions", "action") for i, a in enumerate(self.actions)
        )
        for i, names in enumerate(actions):
            if not names:
                raise SpecError(f"players[{i}].actions", f"{players[i]!r} needs at least one action")
        type_shape = tuple(len(t) for t in types)
        prior = exact_array(self.prior, "prior", "a probability")
        check_prior(prior, players, types)
        payoffs = exact_array(self.payoffs, "type_profiles", "a payoff")
        expected = (n, *type_shape, *(len(a) for a in actions))
        if payoffs.shape != expected:
            raise SpecError(
                "type_profiles",
                f"the payoffs have shape {payoffs.shape}; expected {expected}: for each player, each type "
                "profile and each action profile",
            )
        if not isinstance(self.title, str):
            raise SpecError("title", f"expected a string, got {type(self.title).__name__}")
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "types", types)
        object.__setattr__(self, "actions", actions)
        object.__setattr__(self, "prior", readonly(prior))
        object.__setattr__(self, "payoffs", readonly(payoffs))

    # ----------------------------------------------------------------- constructors
    @classmethod
    def from_tables(
        cls,
        players: Sequence[str],
        actions: Sequence[Sequence[str]],
        types: Sequence[Sequence[str]],
        prior: Mapping[tuple[str, ...], Any],
        tables: Mapping[tuple[str, ...], Sequence[Any]],
        title: str = "",
    ) -> BayesianGame:
        """A game from payoff tables per type profile.

        Parameters
        ----------
        players, actions, types, title
            As for :class:`BayesianGame`.
        prior
            Type profile -> probability. A type profile is a tuple of type names
            of the players with more than one type, in player order.
        tables
            Type profile -> one payoff table per player (nested lists, one
            axis per player, as in :meth:`NormalFormGame.from_arrays
            <bargaining.games.normal_form.NormalFormGame.from_arrays>`).
        """
        all_types = tuple(tuple(t) if len(t) else (KNOWN_TYPE,) for t in types)
        uncertain = [i for i, t in enumerate(all_types) if len(t) > 1]
        shape = tuple(len(t) for t in all_types)
        n = len(all_types)
        prior_array = np.zeros(shape, dtype=object)
        payoff_array = np.empty((n, *shape, *(len(a) for a in actions)), dtype=object)
        seen = set()
        for key, p in prior.items():
            prior_array[cls._index(all_types, uncertain, key, "prior")] = p
        for key, per_player in tables.items():
            index = cls._index(all_types, uncertain, key, "type_profiles")
            seen.add(index)
            if len(per_player) != n:
                raise SpecError("type_profiles", f"give one payoff table per player ({n}) for types {key}")
            for i, table in enumerate(per_player):
                payoff_array[(i, *index)] = np.array(table, dtype=object)
        missing = [index for index in np.ndindex(*shape) if index not in seen]
        if missing:
            shown = ", ".join(all_types[i][k] for i, k in enumerate(missing[0]) if i in uncertain)
            raise SpecError("type_profiles", f"no payoff tables for the type profile ({shown})")
        return cls(
            tuple(players), all_types, tuple(tuple(a) for a in actions), prior_array, payoff_array, title
        )

    @staticmethod
    def _index(
        types: tuple[tuple[str, ...], ...], uncertain: list[int], key: tuple[str, ...], path: str
    ) -> tuple[int, ...]:
        key = (key,) if isinstance(key, str) else tuple(key)
        if len(key) != len(uncertain):
            raise SpecError(
                path, f"type profile {key} should name one type for each player with several types"
            )
        index = [0] * len(types)
        for i, name in zip(uncertain, key, strict=True):
            if name not in types[i]:
                raise SpecError(path, f"{name!r} is not a type; types are {', '.join(types[i])}")
            index[i] = types[i].index(name)
        return tuple(index)

    # ------------------------------------------------------------------- properties
    @property
    def num_players(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def num_types(self) -> tuple[int, ...]:
        """The number of types of each player."""
        return tuple(len(t) for t in self.types)

    @property
    def num_actions(self) -> tuple[int, ...]:
        """The number of actions of each player."""
        return tuple(len(a) for a in self.actions)

    def player_index(self, player: int | str) -> int:
        """The index of ``player`` (a name or an index)."""
        if isinstance(player, int):
            if not 0 <= player < self.num_players:
                raise InvalidGameError(
                    f"player {player} does not exist; players are 0..{self.num_players - 1}"
                )
            return player
        if player not in self.players:
            raise InvalidGameError(f"no player named {player!r}; players are {', '.join(self.players)}")
        return self.players.index(player)

    def marginal(self, player: int | str) -> tuple[Fraction, ...]:
        r"""The prior probability of each type of ``player``, :math:`\sum_{t_{-i}} p(t_i, t_{-i})`."""
        return tuple(marginal_of(self.prior, self.player_index(player)))

    def is_independent(self) -> bool:
        """Whether the prior is the product of its marginals (types drawn independently)."""
        marginals = [marginal_of(self.prior, i) for i in range(self.num_players)]
        return all(
            self.prior[index] == math.prod((marginals[i][k] for i, k in enumerate(index)), start=Fraction(1))
            for index in np.ndindex(*self.num_types)
        )

    def with_type(self, player: int | str, type_name: str) -> BayesianGame:
        r"""The game in which everybody knows that ``player`` is of type ``type_name``.

        The player's type set shrinks to that type and the prior becomes the
        conditional :math:`p(t_{-i} \mid t_i)`; the other players' private
        information is unchanged.
        """
        i = self.player_index(player)
        if type_name not in self.types[i]:
            raise InvalidGameError(
                f"{type_name!r} is not a type of {self.players[i]}; types are {', '.join(self.types[i])}"
            )
        k = self.types[i].index(type_name)
        given: list[Fraction] = np.take(self.prior, [k], axis=i).ravel().tolist()
        total = sum(given, Fraction(0))
        shape = tuple(1 if j == i else n for j, n in enumerate(self.num_types))
        prior = np.array([v / total for v in given], dtype=object).reshape(shape)
        payoffs = np.take(self.payoffs, [k], axis=1 + i)
        types = tuple((type_name,) if j == i else t for j, t in enumerate(self.types))
        title = f"{self.title} ({self.players[i]} known to be {type_name})" if self.title else ""
        return BayesianGame(self.players, types, self.actions, prior, payoffs, title)

    def to_extensive_form(self) -> ExtensiveFormGame:
        """Harsanyi's transformation: the game tree in which chance draws the types first.

        Chance picks a type profile with positive prior probability; then the
        players move in order, each knowing only its own type: player ``i``'s
        information set ``"<player>:<type>"`` holds every node where ``i`` has
        that type, whatever the others' types and earlier actions. Its
        reduced normal form is the induced normal form of this game.
        """
        from bargaining.games.extensive_form import ChanceNode, DecisionNode, ExtensiveFormGame, TerminalNode

        nodes: dict[str, Any] = {}
        profiles = self.type_profiles()

        def label(types: tuple[int, ...]) -> str:
            named = [self.types[i][k] for i, k in enumerate(types) if self.num_types[i] > 1]
            return ",".join(named) or KNOWN_TYPE

        names = [label(types) for types in profiles]
        nodes["types"] = ChanceNode(
            tuple(names), tuple(f"{name}|" for name in names), tuple(self.prior[t] for t in profiles)
        )
        for types, name in zip(profiles, names, strict=True):
            for depth in range(self.num_players + 1):
                for actions in itertools.product(*(range(k) for k in self.num_actions[:depth])):
                    node_id = f"{name}|" + ",".join(self.actions[j][a] for j, a in enumerate(actions))
                    if depth == self.num_players:
                        nodes[node_id] = TerminalNode(
                            tuple(self.payoffs[(i, *types, *actions)] for i in range(self.num_players))
                        )
                        continue
                    sep = "," if depth else ""
                    nodes[node_id] = DecisionNode(
                        self.players[depth],
                        self.actions[depth],
                        tuple(node_id + sep + a for a in self.actions[depth]),
                        f"{self.players[depth]}:{self.types[depth][types[depth]]}",
                    )
        return ExtensiveFormGame(self.players, nodes, "types", self.title)

    def type_profiles(self) -> list[tuple[int, ...]]:
        """Every type profile (as indices) with positive prior probability."""
        return [index for index in np.ndindex(*self.num_types) if self.prior[index] > 0]

    # --------------------------------------------------------------- model protocol
    def summary(self) -> str:
        """One line: title, players, types and actions."""
        types = "x".join(str(k) for k in self.num_types)
        actions = "x".join(str(k) for k in self.num_actions)
        players = f"{self.num_players} player{'s' if self.num_players != 1 else ''}"
        text = f"{players}, types {types}, actions {actions}"
        return f"{self.title}: {text}" if self.title else text

    def parameter_values(self) -> dict[str, float]:
        """Named parameters of the model: a Bayesian game has none."""
        return {}

    def with_parameters(self, values: Mapping[str, float]) -> BayesianGame:
        """The game with ``values`` assigned; only the empty assignment is valid."""
        if values:
            unknown = ", ".join(repr(name) for name in values)
            raise InvalidGameError(
                f"unknown parameter {unknown}: a Bayesian game has no named parameters; edit the spec instead"
            )
        return self

    # ------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesianGame):
            return NotImplemented
        return (
            (self.players, self.types, self.actions, self.title)
            == (other.players, other.types, other.actions, other.title)
            and np.array_equal(self.prior, other.prior)
            and np.array_equal(self.payoffs, other.payoffs)
        )

    def __hash__(self) -> int:
        return hash((self.players, self.types, self.actions, self.title, tuple(self.prior.flat)))

    def __repr__(self) -> str:
        title = f"{self.title!r}, " if self.title else ""
        return f"BayesianGame({title}{self.summary()})"

    def _repr_html_(self) -> str:
        """The prior and a payoff table per type profile, as HTML for notebooks."""
        from bargaining.display import bayesian_html

        return bayesian_html(self)
