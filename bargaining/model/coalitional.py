r"""Transferable-utility (TU) coalitional games: players and a characteristic function.

A TU game is a set :math:`N` of players and :math:`v: 2^N \to \mathbb{R}` with
:math:`v(\emptyset) = 0`: what each coalition can secure and divide among its
members as it likes (money, or any utility that moves one for one between
members: the *transferable utility* assumption). :class:`CoalitionalGame`
stores :math:`v` as a read-only dense array over coalition bitmasks
(``values[S]``, bit ``i`` for player ``i``) for up to
:data:`~bargaining.model.coalitions.MAX_DENSE_PLAYERS` players; beyond, only
the sampling methods run, on :meth:`CoalitionalGame.value_of`.

Examples
--------
>>> game = CoalitionalGame.from_table(("a", "b", "c"), {"a+b": 1, "a+c": 1, "a+b+c": 1})
>>> game.values.tolist()
[0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0]
>>> [game.coalition_name(m) for m in game.filled_in]
['a', 'b', 'c', 'b+c']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import SpecError
from bargaining.expressions.parse import Expression
from bargaining.model.characteristic import (
    Bankruptcy,
    GloveMarket,
    ValueArray,
    ValueFormula,
    ValueTable,
    WeightedVoting,
)
from bargaining.model.coalitions import (
    MAX_DENSE_PLAYERS,
    MAX_PLAYERS,
    coalition_name,
    parse_coalition,
)
from bargaining.model.parameters import Parameter, check_name
from bargaining.model.parametrized import Parametrized, check_parameters, formula, value_of

__all__ = ["CoalitionalGame", "Definition"]

Definition = ValueArray | ValueTable | ValueFormula | WeightedVoting | Bankruptcy | GloveMarket


@dataclass(frozen=True, slots=True, eq=False)
class CoalitionalGame(Parametrized):
    r"""A TU game: ``players`` and the characteristic function ``definition`` defines.

    Parameters
    ----------
    players
        The players' names (identifiers), at least two.
    definition
        How :math:`v` is defined: a :class:`~bargaining.model.characteristic.ValueTable`,
        :class:`~bargaining.model.characteristic.ValueFormula`,
        :class:`~bargaining.model.characteristic.WeightedVoting`,
        :class:`~bargaining.model.characteristic.Bankruptcy` or
        :class:`~bargaining.model.characteristic.GloveMarket`; build with the
        ``from_*`` class methods.
    parameters, name, description
        As in every spec; ``with_parameters`` evaluates :math:`v` again.

    Attributes
    ----------
    values
        :math:`v(S)` for every mask ``S`` (read-only ``float64``, length
        :math:`2^n`), or ``None`` beyond ``MAX_DENSE_PLAYERS`` players.
    filled_in
        The coalitions whose value was not given but filled in by default
        (a table's unlisted coalitions), as sorted masks.

    Raises
    ------
    SpecError
        For fewer than two players, a repeated or invalid name, a player named
        like a parameter, or :math:`v(\emptyset) \ne 0`.
    """

    players: tuple[str, ...]
    definition: Definition
    parameters: tuple[Parameter, ...] = ()
    name: str = ""
    description: str = ""
    values: NDArray[np.float64] | None = field(init=False, repr=False, default=None)
    filled_in: tuple[int, ...] = field(init=False, repr=False, default=())

    spec_kind: ClassVar[str] = "coalitional"

    def __post_init__(self) -> None:
        players = tuple(check_name(p, f"players[{i}]") for i, p in enumerate(self.players))
        if len(players) < 2:
            raise SpecError("players", f"a coalitional game needs at least two players, got {len(players)}")
        if len(players) > MAX_PLAYERS:
            raise SpecError("players", f"at most {MAX_PLAYERS} players, got {len(players)}")
        for i, p in enumerate(players):
            if p in players[:i]:
                raise SpecError(f"players[{i}]", f"the player {p!r} is listed twice; names must be unique")
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "parameters", check_parameters(self.parameters))
        for i, parameter in enumerate(self.parameters):
            if parameter.name in players:
                raise SpecError(
                    f"parameters[{i}].name",
                    f"{parameter.name!r} is both a player and a parameter; formulas read player names as "
                    "membership indicators, so rename the parameter",
                )
        if self.n <= MAX_DENSE_PLAYERS:
            dense = self.value_of(np.arange(1 << self.n, dtype=np.int64))
            dense.flags.writeable = False
            object.__setattr__(self, "values", dense)
        empty = float(self.value_of(np.zeros(1, dtype=np.int64))[0])
        if empty != 0:
            raise SpecError(
                "coalitions",
                f"the empty coalition is worth {empty:g}; v({{}}) must be 0 (remove it or set it to 0)",
            )
        if isinstance(self.definition, ValueTable) and self.n <= MAX_DENSE_PLAYERS:
            listed = self.definition.listed()
            filled = tuple(m for m in range(1, 1 << self.n) if m not in listed)
            object.__setattr__(self, "filled_in", filled)

    # ------------------------------------------------------------- construction
    @classmethod
    def from_values(
        cls, players: Sequence[str], values: Sequence[float] | NDArray[Any], **kwargs: Any
    ) -> CoalitionalGame:
        """The game with :math:`v(S)` = ``values[S]`` for every mask (length :math:`2^n`)."""
        names = tuple(players)
        array = np.asarray(values, dtype=np.float64).ravel()
        if array.shape != (1 << len(names),):
            raise SpecError("values", f"expected {1 << len(names)} values (2**n), got {array.size}")
        return cls(names, ValueArray(array), **kwargs)

    @classmethod
    def from_table(
        cls,
        players: Sequence[str],
        table: Mapping[str, Any],
        default: Any = 0,
        parameters: Sequence[Parameter] = (),
        **kwargs: Any,
    ) -> CoalitionalGame:
        """The game with :math:`v` listed per coalition (``{"a+b": 1.0}``); the others are ``default``."""
        names = tuple(players)
        entries: dict[int, Expression] = {}
        written: dict[int, str] = {}
        for key, value in table.items():
            path = f"coalitions.{key}"
            mask = parse_coalition(key, names, path)
            if mask in entries:
                raise SpecError(
                    path,
                    f"coalition {key!r} is listed twice (also as {written[mask]!r}); "
                    "the order of members does not matter: keep one",
                )
            entries[mask], written[mask] = formula(value, path), key
            if mask == 0 and value_of(entries[0], {p.name: p.value for p in parameters}, path) != 0:
                raise SpecError(path, "the empty coalition must be worth 0; remove it or set it to 0")
        definition = ValueTable(tuple(entries.items()), formula(default, "default"))
        return cls(names, definition, tuple(parameters), **kwargs)

    @classmethod
    def from_formula(
        cls, players: Sequence[str], text: str, parameters: Sequence[Parameter] = (), **kwargs: Any
    ) -> CoalitionalGame:
        """The game with :math:`v(S)` a formula over membership indicators (each player 1 if in S)."""
        return cls(tuple(players), ValueFormula(formula(text, "formula")), tuple(parameters), **kwargs)

    @classmethod
    def weighted_voting(
        cls,
        players: Sequence[str],
        weights: Sequence[Any],
        quota: Any,
        veto: Sequence[str] = (),
        member_quota: int = 0,
        blocking_minority: int = 0,
        parameters: Sequence[Parameter] = (),
        **kwargs: Any,
    ) -> CoalitionalGame:
        """The simple game of a weighted voting rule (see :class:`WeightedVoting`)."""
        names = tuple(players)
        if len(weights) != len(names):
            raise SpecError("weighted_voting.weights", f"expected {len(names)} weights, got {len(weights)}")
        veto_index = []
        for i, v in enumerate(veto):
            if v not in names:
                raise SpecError(
                    f"weighted_voting.veto[{i}]", f"unknown player {v!r} (players: {', '.join(names)})"
                )
            veto_index.append(names.index(v))
        for key, count in (("member_quota", member_quota), ("blocking_minority", blocking_minority)):
            if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= len(names):
                raise SpecError(
                    f"weighted_voting.{key}", f"expected a whole number in [0, {len(names)}], got {count!r}"
                )
        rule = WeightedVoting(
            tuple(formula(w, f"weighted_voting.weights[{i}]") for i, w in enumerate(weights)),
            formula(quota, "weighted_voting.quota"),
            tuple(sorted(set(veto_index))),
            member_quota,
            blocking_minority,
        )
        return cls(names, rule, tuple(parameters), **kwargs)

    @classmethod
    def bankruptcy(
        cls,
        players: Sequence[str],
        estate: Any,
        claims: Sequence[Any],
        parameters: Sequence[Parameter] = (),
        **kwargs: Any,
    ) -> CoalitionalGame:
        r"""The bankruptcy game :math:`v(S) = \max(0, E - \sum_{i \notin S} c_i)` of a claims problem."""
        names = tuple(players)
        if len(claims) != len(names):
            raise SpecError("bankruptcy.claims", f"expected {len(names)} claims, got {len(claims)}")
        rule = Bankruptcy(
            formula(estate, "bankruptcy.estate"),
            tuple(formula(c, f"bankruptcy.claims[{i}]") for i, c in enumerate(claims)),
        )
        return cls(names, rule, tuple(parameters), **kwargs)

    @classmethod
    def glove(cls, left: Sequence[str], right: Sequence[str], **kwargs: Any) -> CoalitionalGame:
        """The glove market: the left-glove holders, then the right-glove holders."""
        names = (*left, *right)
        rule = GloveMarket(tuple(range(len(left))), tuple(range(len(left), len(names))))
        return cls(names, rule, **kwargs)

    # ------------------------------------------------------------- queries
    @property
    def n(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def grand_coalition(self) -> int:
        """The mask of all players, :math:`2^n - 1`."""
        return (1 << self.n) - 1

    def value_of(self, masks: NDArray[np.int64]) -> NDArray[np.float64]:
        """:math:`v(S)` for each mask in ``masks`` (works for any number of players)."""
        values = self.parameter_values()
        d = self.definition
        if isinstance(d, ValueFormula):
            return d.evaluate(masks, self.players, values)
        return d.evaluate(masks, self.n, values)

    def value(self, coalition: str | int) -> float:
        """:math:`v(S)` of one coalition, given as a mask or as ``"a+b"``."""
        mask = (
            coalition if isinstance(coalition, int) else parse_coalition(coalition, self.players, "coalition")
        )
        return float(self.value_of(np.array([mask], dtype=np.int64))[0])

    def coalition_name(self, mask: int) -> str:
        """``"a+b"`` for ``mask``."""
        return coalition_name(mask, self.players)

    def dense(self, method: str = "this exact method") -> NDArray[np.float64]:
        """The dense values, or a :class:`SpecError` saying to sample for a game too large."""
        if self.values is None:
            raise SpecError(
                "players",
                f"{self.n} players are too many for {method} (at most {MAX_DENSE_PLAYERS}: 2**n coalitions); "
                "use the sampling estimate instead (shapley_value(game, samples=...), or --samples N)",
            )
        return self.values

    def summary(self) -> str:
        """One line: the players and how :math:`v` is given."""
        kind = {
            ValueArray: "an array of coalition values",
            ValueTable: "a table of coalition values",
            ValueFormula: "a formula",
            WeightedVoting: "a weighted voting rule",
            Bankruptcy: "a claims (bankruptcy) problem",
            GloveMarket: "a glove market",
        }[type(self.definition)]
        filled = f", {len(self.filled_in)} coalitions filled in by default" if self.filled_in else ""
        return f"{self.n} players ({', '.join(self.players)}), v given by {kind}{filled}"

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"CoalitionalGame({label}{self.summary()})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CoalitionalGame):
            return NotImplemented
        if self.values is not None and other.values is not None:
            same = _family(self.definition) is _family(other.definition) and np.array_equal(
                self.values, other.values
            )
        else:
            same = self.definition == other.definition
        return same and self.players == other.players and self.parameters == other.parameters

    def __hash__(self) -> int:
        return hash((self.players, _family(self.definition), self.parameters))


def _family(definition: Definition) -> type:
    """The class of ``definition``, a dense array counting as a table (its spec is one)."""
    return ValueTable if isinstance(definition, ValueArray) else type(definition)
