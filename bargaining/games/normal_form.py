r"""Normal-form (strategic) games of :math:`n` players with named strategies.

A normal-form game gives each player :math:`i \in \{0, \dots, n-1\}` a finite
set of strategies :math:`S_i` and a payoff :math:`u_i(s)` for every strategy
profile :math:`s \in S_0 \times \dots \times S_{n-1}`. All payoffs live in one
array, as in QuantEcon and Gambit:

.. math:: \text{payoff\_array}[i, s_0, \dots, s_{n-1}] = u_i(s_0, \dots, s_{n-1}),

of shape ``(n, a_0, ..., a_{n-1})`` with :math:`a_i = |S_i|`. For two players
``payoff_array[0]`` is the row player's matrix :math:`A` and
``payoff_array[1]`` the column player's matrix :math:`B` (the bimatrix game
:math:`(A, B)`).

Payoffs given as integers, fractions (:class:`fractions.Fraction`), decimal
strings or rationals such as ``"1/3"`` are kept exactly, so that
``equilibria(game, exact=True)`` computes with the payoffs the user wrote, not
their binary approximations.

This module imports no solver: equilibria are computed by
:mod:`bargaining.equilibrium`.

Examples
--------
>>> import numpy as np
>>> game = NormalFormGame.from_arrays(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]),
...                                   strategies=(("cooperate", "defect"), ("cooperate", "defect")),
...                                   title="Prisoner's dilemma")
>>> game.summary()
"Prisoner's dilemma: 2 players, 2x2 strategies"
>>> game.num_strategies
(2, 2)
>>> game.payoff_matrices[0]
array([[3., 0.],
       [5., 1.]])
>>> game.is_exact
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import InvalidGameError
from bargaining.games.payoffs import normalise_payoffs, payoff_names, readonly, strategy_names

__all__ = ["NormalFormGame"]


@dataclass(frozen=True, slots=True, eq=False)
class NormalFormGame:
    r"""An immutable :math:`n`-player game in normal (strategic) form.

    Parameters
    ----------
    payoff_array
        Payoffs of shape ``(n, a_0, ..., a_{n-1})``:
        ``payoff_array[i, s_0, ..., s_{n-1}]`` is player ``i``'s payoff
        :math:`u_i(s)` when player ``j`` plays strategy ``s_j``. Any nested
        sequence of numbers is accepted: ints, floats, Fractions, Decimals or
        strings like ``"1/3"``. Stored as a read-only float array.
    players
        Player names, one per player; default ``player_0, player_1, ...``.
    strategies
        For each player, the names of their strategies; default ``s0, s1, ...``.
    title
        A short description of the game.
    exact_payoffs
        Rational payoffs (a read-only object array of :class:`~fractions.Fraction`
        of the same shape), set at construction when every payoff is rational
        but not integral. Integral payoffs are exact in ``payoff_array`` itself
        and leave this ``None``; use :attr:`exact_payoff_array`, which covers both.

    Raises
    ------
    InvalidGameError
        If the payoffs are ragged, not finite, or their shape does not match
        the number of players, or if a name is repeated.

    Notes
    -----
    Games are values: they compare equal when payoffs, names and title are
    equal, and are changed by copying (``dataclasses.replace(game, title=...)``,
    which validates again).
    """

    payoff_array: NDArray[np.float64]
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()
    title: str = ""
    exact_payoffs: NDArray[np.object_] | None = None
    _integral: bool = field(default=False, init=False, repr=False)
    _exact_cache: NDArray[np.object_] | None = field(default=None, init=False, repr=False)

    spec_kind: ClassVar[str] = "normal_form"

    def __post_init__(self) -> None:
        floats, exact, integral = normalise_payoffs(self.payoff_array)
        if self.exact_payoffs is not None:
            given_floats, given_exact, given_integral = normalise_payoffs(self.exact_payoffs)
            if given_exact is None and not given_integral:
                raise InvalidGameError("exact_payoffs must contain only rational numbers (ints, Fractions)")
            if given_floats.shape != floats.shape or not np.array_equal(given_floats, floats):
                raise InvalidGameError(
                    "payoff_array does not match exact_payoffs; when changing the payoffs with "
                    "dataclasses.replace, also pass exact_payoffs=None (or the new exact payoffs)"
                )
            exact, integral = given_exact, given_integral
        if floats.ndim < 2:
            raise InvalidGameError(
                f"payoff_array has shape {floats.shape}; expected (n_players, a_0, ..., a_n-1), "
                "e.g. (2, 3, 3) for two players with three strategies each"
            )
        n_players = floats.shape[0]
        if n_players != floats.ndim - 1:
            raise InvalidGameError(
                f"payoff_array has shape {floats.shape}: {n_players} payoff tables for "
                f"{floats.ndim - 1} player{'s' if floats.ndim != 2 else ''} (one axis per player); "
                "give one table per player, each with one axis per player"
            )
        if any(size == 0 for size in floats.shape):
            raise InvalidGameError(f"payoff_array has shape {floats.shape}; every player needs a strategy")
        players = payoff_names(self.players, n_players, "player_", "players")
        strategies = strategy_names(self.strategies, floats.shape[1:], players)
        if not isinstance(self.title, str):
            raise InvalidGameError(f"title must be a string, got {type(self.title).__name__}")
        object.__setattr__(self, "payoff_array", readonly(floats))
        object.__setattr__(self, "exact_payoffs", None if exact is None else readonly(exact))
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "strategies", strategies)
        object.__setattr__(self, "_integral", integral)
        object.__setattr__(self, "_exact_cache", None)

    # ----------------------------------------------------------------- constructors
    @classmethod
    def from_arrays(
        cls,
        *payoff_matrices: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """A game from one payoff table per player (e.g. the bimatrix ``A, B``).

        Parameters
        ----------
        *payoff_matrices
            Player ``i``'s payoffs, an array with one axis per player; all of
            the same shape ``(a_0, ..., a_{n-1})``.
        players, strategies, title
            As for :class:`NormalFormGame`.

        Examples
        --------
        >>> NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]).num_strategies
        (2, 2)
        """
        if not payoff_matrices:
            raise InvalidGameError("from_arrays needs one payoff table per player, got none")
        tables = []
        for i, matrix in enumerate(payoff_matrices):
            table = matrix if isinstance(matrix, np.ndarray) else np.array(matrix, dtype=object)
            tables.append(table)
            if table.shape != tables[0].shape:
                raise InvalidGameError(
                    f"player {i}'s payoffs have shape {table.shape} but player 0's have shape "
                    f"{tables[0].shape}; every player needs a payoff for every strategy profile"
                )
            if table.ndim != len(payoff_matrices):
                raise InvalidGameError(
                    f"player {i}'s payoffs have {table.ndim} axes but there are {len(payoff_matrices)} "
                    "players; each table needs one axis per player"
                )
        if all(t.dtype.kind in "iuf" for t in tables):
            stacked: Any = np.stack([np.asarray(t, dtype=np.float64) for t in tables])
            if all(t.dtype.kind in "iu" for t in tables):
                stacked = np.stack(tables)
        else:
            stacked = np.empty((len(tables), *tables[0].shape), dtype=object)
            for i, table in enumerate(tables):
                stacked[i] = table
        return cls(
            stacked,
            players=tuple(players) if players is not None else (),
            strategies=tuple(tuple(s) for s in strategies) if strategies is not None else (),
            title=title,
        )

    @classmethod
    def from_nashpy(
        cls,
        game: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> NormalFormGame:
        """A game from a :class:`nashpy.Game` (its ``payoff_matrices`` ``A, B``)."""
        matrices = getattr(game, "payoff_matrices", None)
        if matrices is None or len(matrices) != 2:
            raise InvalidGameError(
                f"expected a nashpy.Game with two payoff_matrices, got {type(game).__name__}"
            )
        return cls.from_arrays(*matrices, players=players, strategies=strategies, title=title)

    # ------------------------------------------------------------------- properties
    @property
    def num_players(self) -> int:
        """The number of players :math:`n`."""
        return int(self.payoff_array.shape[0])

    @property
    def num_strategies(self) -> tuple[int, ...]:
        """The number of strategies of each player, :math:`(a_0, \\dots, a_{n-1})`."""
        return tuple(int(k) for k in self.payoff_array.shape[1:])

    @property
    def num_profiles(self) -> int:
        """The number of pure strategy profiles, :math:`\\prod_i a_i`."""
        return math.prod(self.num_strategies)

    @property
    def payoff_matrices(self) -> tuple[NDArray[np.float64], ...]:
        """Each player's payoff table; for two players the bimatrix ``(A, B)``."""
        return tuple(self.payoff_array[i] for i in range(self.num_players))

    @property
    def is_exact(self) -> bool:
        """Whether every payoff is known as an exact rational number."""
        return self.exact_payoffs is not None or self._integral

    @property
    def exact_payoff_array(self) -> NDArray[np.object_] | None:
        """The payoffs as a read-only object array of Fractions, or ``None`` if not rational."""
        if self.exact_payoffs is not None:
            return self.exact_payoffs
        if not self._integral:
            return None
        if self._exact_cache is None:
            cache = np.array([Fraction(int(v)) for v in self.payoff_array.flat], dtype=object)
            object.__setattr__(self, "_exact_cache", readonly(cache.reshape(self.payoff_array.shape)))
        return self._exact_cache

    def rational_payoff_array(self) -> NDArray[np.object_]:
        """The payoffs as Fractions: exact if known, else each float's shortest decimal.

        A float payoff such as ``0.1`` becomes ``Fraction(1, 10)`` (from
        ``repr(0.1)``), the number the user most likely meant, rather than the
        binary value ``3602879701896397/36028797018963968``.
        """
        exact = self.exact_payoff_array
        if exact is not None:
            return exact
        values = np.array([Fraction(repr(float(v))) for v in self.payoff_array.flat], dtype=object)
        return readonly(values.reshape(self.payoff_array.shape))

    def is_zero_sum(self, tol: float = 0.0) -> bool:
        """Whether the payoffs of every profile sum to zero (within ``tol``)."""
        return bool(np.all(np.abs(self.payoff_array.sum(axis=0)) <= tol))

    def is_constant_sum(self, tol: float = 0.0) -> bool:
        """Whether the payoffs of every profile sum to the same constant (within ``tol``)."""
        totals = self.payoff_array.sum(axis=0)
        return bool(np.ptp(totals) <= tol)

    # ----------------------------------------------------------------- lookups
    def player_index(self, player: int | str) -> int:
        """The index of ``player`` (a name or an index)."""
        if isinstance(player, int | np.integer):
            if not 0 <= int(player) < self.num_players:
                raise InvalidGameError(
                    f"player {player} does not exist; players are 0..{self.num_players - 1}"
                )
            return int(player)
        if player not in self.players:
            raise InvalidGameError(f"no player named {player!r}; players are {', '.join(self.players)}")
        return self.players.index(player)

    def strategy_index(self, player: int | str, strategy: int | str) -> int:
        """The index of ``strategy`` (a name or an index) of ``player``."""
        i = self.player_index(player)
        names = self.strategies[i]
        if isinstance(strategy, int | np.integer):
            if not 0 <= int(strategy) < len(names):
                raise InvalidGameError(
                    f"{self.players[i]} has no strategy {strategy}; strategies are 0..{len(names) - 1}"
                )
            return int(strategy)
        if strategy not in names:
            raise InvalidGameError(
                f"{self.players[i]} has no strategy {strategy!r}; strategies are {', '.join(names)}"
            )
        return names.index(strategy)

    # ----------------------------------------------------------------- payoffs
    def _check_profile(self, profile: Sequence[Any]) -> list[NDArray[np.float64]]:
        if len(profile) != self.num_players:
            raise InvalidGameError(
                f"a profile needs one mixed strategy per player ({self.num_players}), got {len(profile)}"
            )
        out = []
        for i, sigma in enumerate(profile):
            vector = np.asarray(sigma, dtype=np.float64)
            if vector.shape != (self.num_strategies[i],):
                raise InvalidGameError(
                    f"{self.players[i]}'s mixed strategy has shape {vector.shape}; "
                    f"expected ({self.num_strategies[i]},), one probability per strategy"
                )
            out.append(vector)
        return out

    def payoff_vectors(self, profile: Sequence[Any]) -> tuple[NDArray[np.float64], ...]:
        r"""Each player's payoff for each own pure strategy against the others' mixtures.

        .. math:: v_i(s_i) = \sum_{s_{-i}} u_i(s_i, s_{-i}) \prod_{j \ne i} \sigma_j(s_j)

        Parameters
        ----------
        profile
            One probability vector per player.

        Returns
        -------
        tuple of numpy.ndarray
            ``v_i`` of length :math:`a_i` for each player ``i``.
        """
        sigmas = self._check_profile(profile)
        vectors = []
        for i in range(self.num_players):
            table = self.payoff_array[i]
            # contract every axis except i, from the last to the first
            for j in reversed(range(self.num_players)):
                if j != i:
                    table = np.tensordot(table, sigmas[j], axes=([j], [0]))
            vectors.append(np.asarray(table, dtype=np.float64))
        return tuple(vectors)

    def expected_payoffs(self, profile: Sequence[Any]) -> NDArray[np.float64]:
        r"""Expected payoffs :math:`u_i(\sigma) = \sum_s u_i(s) \prod_j \sigma_j(s_j)` of a mixed profile."""
        sigmas = self._check_profile(profile)
        vectors = self.payoff_vectors(sigmas)
        return np.array([float(vectors[i] @ sigmas[i]) for i in range(self.num_players)])

    # ------------------------------------------------------------ model protocol
    def summary(self) -> str:
        """One line: title (if any), players and strategies, e.g. ``2 players, 3x3 strategies``."""
        sizes = "x".join(str(k) for k in self.num_strategies)
        text = f"{self.num_players} player{'s' if self.num_players != 1 else ''}, {sizes} strategies"
        return f"{self.title}: {text}" if self.title else text

    def parameter_values(self) -> dict[str, float]:
        """Named parameters of the model: a normal-form game has none."""
        return {}

    def with_parameters(self, values: Mapping[str, float]) -> NormalFormGame:
        """The game with ``values`` assigned; only the empty assignment is valid."""
        if values:
            unknown = ", ".join(repr(name) for name in values)
            raise InvalidGameError(
                f"unknown parameter {unknown}: a normal-form game has no named parameters; "
                "edit the payoffs instead"
            )
        return self

    # ------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        if (self.players, self.strategies, self.title) != (other.players, other.strategies, other.title):
            return False
        if not np.array_equal(self.payoff_array, other.payoff_array):
            return False
        mine, theirs = self.exact_payoff_array, other.exact_payoff_array
        if mine is None or theirs is None:
            return mine is None and theirs is None
        return bool(np.all(mine == theirs))

    def __hash__(self) -> int:
        payoffs = (self.payoff_array.shape, self.payoff_array.tobytes())
        return hash((payoffs, self.players, self.strategies, self.title))

    def __repr__(self) -> str:
        sizes = "x".join(str(k) for k in self.num_strategies)
        title = f"{self.title!r}, " if self.title else ""
        return f"NormalFormGame({title}{self.num_players} players, {sizes})"

    def _repr_html_(self) -> str:
        """The payoff table (exact where the payoffs are rational), as HTML for notebooks."""
        from bargaining.display import normal_form_html

        return normal_form_html(self)
