r"""One equilibrium as an object: :class:`Equilibrium`, a named mixed strategy profile.

A mixed strategy profile :math:`\sigma = (\sigma_0, \dots, \sigma_{n-1})` is a
Nash equilibrium when no player gains by deviating to a pure strategy:

.. math:: u_i(s_i, \sigma_{-i}) \le u_i(\sigma) \quad \text{for every player } i
          \text{ and strategy } s_i \in S_i.

:meth:`Equilibrium.is_nash` checks exactly this from the game's payoffs,
independently of the algorithm that found the profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import InvalidGameError

if TYPE_CHECKING:
    from bargaining.games.normal_form import NormalFormGame

__all__ = ["Equilibrium", "exact_payoff_vectors", "fraction_text"]


def _readonly(values: Any) -> NDArray[np.float64]:
    array = np.array(values, dtype=np.float64)
    array.flags.writeable = False
    return array


def fraction_text(value: Fraction) -> str:
    """``p/q``, or ``p`` for an integer."""
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def exact_payoff_vectors(
    game: NormalFormGame, profile: Sequence[Sequence[Fraction]]
) -> tuple[list[Fraction], ...]:
    r"""Exact :math:`v_i(s_i) = \sum_{s_{-i}} u_i(s_i, s_{-i}) \prod_{j \ne i} \sigma_j(s_j)` in Fractions.

    Uses :meth:`NormalFormGame.rational_payoff_array` and rational arithmetic
    throughout (object arrays of :class:`~fractions.Fraction`).
    """
    payoffs = game.rational_payoff_array()
    sigmas = [np.array(list(sigma), dtype=object) for sigma in profile]
    vectors = []
    for i in range(game.num_players):
        table = payoffs[i]
        for j in reversed(range(game.num_players)):
            if j != i:
                table = np.tensordot(table, sigmas[j], axes=([j], [0]))
        vectors.append([Fraction(v) for v in np.asarray(table, dtype=object).ravel()])
    return tuple(vectors)


@dataclass(frozen=True, slots=True, eq=False)
class Equilibrium:
    r"""One (mixed) strategy profile of a normal-form game, with names and payoffs.

    Parameters
    ----------
    probabilities
        One probability vector per player, :math:`\sigma_i \in \Delta(S_i)`;
        stored as read-only float arrays.
    payoffs
        Expected payoffs :math:`u_i(\sigma)`, one per player.
    players
        Player names.
    strategy_names
        For each player, the names of their strategies.
    exact_probabilities
        The probabilities as Fractions, when computed exactly (``None`` otherwise).
    exact_payoffs
        The expected payoffs as Fractions, when computed exactly.

    Notes
    -----
    Build one from a game with :meth:`from_profile`, which computes payoffs and
    copies the names.
    """

    probabilities: tuple[NDArray[np.float64], ...]
    payoffs: NDArray[np.float64]
    players: tuple[str, ...]
    strategy_names: tuple[tuple[str, ...], ...]
    exact_probabilities: tuple[tuple[Fraction, ...], ...] | None = None
    exact_payoffs: tuple[Fraction, ...] | None = None

    def __post_init__(self) -> None:
        probabilities = tuple(_readonly(p) for p in self.probabilities)
        if len(probabilities) != len(self.players) or len(self.strategy_names) != len(self.players):
            raise InvalidGameError(
                f"an equilibrium needs one probability vector and one list of strategy names per player "
                f"({len(self.players)}), got {len(probabilities)} and {len(self.strategy_names)}"
            )
        for i, p in enumerate(probabilities):
            if p.shape != (len(self.strategy_names[i]),):
                raise InvalidGameError(
                    f"{self.players[i]}'s probabilities have shape {p.shape}, "
                    f"expected ({len(self.strategy_names[i])},)"
                )
        object.__setattr__(self, "probabilities", probabilities)
        object.__setattr__(self, "payoffs", _readonly(self.payoffs))
        object.__setattr__(self, "players", tuple(self.players))
        object.__setattr__(self, "strategy_names", tuple(tuple(s) for s in self.strategy_names))
        if self.exact_probabilities is not None:
            exact = tuple(tuple(Fraction(v) for v in p) for p in self.exact_probabilities)
            object.__setattr__(self, "exact_probabilities", exact)
        if self.exact_payoffs is not None:
            object.__setattr__(self, "exact_payoffs", tuple(Fraction(v) for v in self.exact_payoffs))

    @classmethod
    def from_profile(
        cls,
        game: NormalFormGame,
        profile: Sequence[Any],
        exact: Sequence[Sequence[Fraction]] | None = None,
    ) -> Equilibrium:
        """An equilibrium of ``game`` from one probability vector per player.

        Parameters
        ----------
        game
            The game the profile belongs to.
        profile
            Float probability vectors; ignored where ``exact`` is given.
        exact
            Exact probability vectors (Fractions); the float ones and the
            payoffs (exactly) are then derived from them.
        """
        if exact is not None:
            exact_profile = tuple(tuple(Fraction(v) for v in sigma) for sigma in exact)
            vectors = exact_payoff_vectors(game, exact_profile)
            exact_payoffs = tuple(
                sum((v * p for v, p in zip(vectors[i], exact_profile[i], strict=True)), Fraction(0))
                for i in range(game.num_players)
            )
            floats = tuple(np.array([float(v) for v in sigma]) for sigma in exact_profile)
            return cls(
                floats,
                np.array([float(v) for v in exact_payoffs]),
                game.players,
                game.strategies,
                exact_profile,
                exact_payoffs,
            )
        floats = tuple(np.asarray(sigma, dtype=np.float64) for sigma in profile)
        return cls(floats, game.expected_payoffs(floats), game.players, game.strategies)

    # -------------------------------------------------------------- properties
    @property
    def num_players(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def supports(self) -> tuple[tuple[int, ...], ...]:
        """Each player's support: the indices of strategies played with positive probability."""
        if self.exact_probabilities is not None:
            return tuple(tuple(k for k, p in enumerate(sigma) if p > 0) for sigma in self.exact_probabilities)
        return tuple(tuple(int(k) for k in np.flatnonzero(p > 1e-12)) for p in self.probabilities)

    @property
    def support_names(self) -> tuple[tuple[str, ...], ...]:
        """Each player's support, as strategy names."""
        return tuple(
            tuple(self.strategy_names[i][k] for k in support) for i, support in enumerate(self.supports)
        )

    @property
    def is_pure(self) -> bool:
        """Whether every player plays a single strategy with probability one."""
        return all(len(support) == 1 for support in self.supports)

    @property
    def is_exact(self) -> bool:
        """Whether exact (rational) probabilities are attached."""
        return self.exact_probabilities is not None

    def strategy_of(self, player: int | str) -> dict[str, float]:
        """``{strategy name: probability}`` of one player (a name or an index)."""
        i = player if isinstance(player, int) else self.players.index(player)
        return {name: float(p) for name, p in zip(self.strategy_names[i], self.probabilities[i], strict=True)}

    # ----------------------------------------------------------------- checks
    def regrets(self, game: NormalFormGame) -> NDArray[np.float64]:
        r"""Each player's gain from the best pure deviation.

        .. math:: \max_{s_i} u_i(s_i, \sigma_{-i}) - u_i(\sigma)
        """
        vectors = game.payoff_vectors(self.probabilities)
        return np.array([float(np.max(v) - v @ p) for v, p in zip(vectors, self.probabilities, strict=True)])

    def is_nash(self, game: NormalFormGame, tol: float = 1e-9, exact: bool = False) -> bool:
        r"""Whether this profile is a Nash equilibrium of ``game``: an independent best-response check.

        Every player's payoff vector :math:`v_i(s_i) = u_i(s_i, \sigma_{-i})` is
        computed from the game's payoffs; the profile is an equilibrium when
        every :math:`\sigma_i` is a probability vector and no pure deviation
        gains more than ``tol`` (relative to the payoff range):

        .. math:: \max_{s_i} v_i(s_i) - \sigma_i \cdot v_i \le
                  \text{tol} \cdot \max(1, \max|u|) \quad \forall i.

        Parameters
        ----------
        game
            The game; its strategy counts must match the profile.
        tol
            Tolerance for the floating-point check.
        exact
            Check in rational arithmetic (requires :attr:`exact_probabilities`):
            every probability non-negative, each vector summing to one, and no
            strictly profitable deviation, with no tolerance.
        """
        if game.num_strategies != tuple(len(p) for p in self.probabilities):
            return False
        if exact:
            if self.exact_probabilities is None:
                raise InvalidGameError(
                    "is_nash(exact=True) needs exact probabilities; compute with equilibria(game, exact=True)"
                )
            sigmas = self.exact_probabilities
            if any(p < 0 for sigma in sigmas for p in sigma) or any(sum(sigma) != 1 for sigma in sigmas):
                return False
            vectors = exact_payoff_vectors(game, sigmas)
            for v, sigma in zip(vectors, sigmas, strict=True):
                value = sum((a * b for a, b in zip(v, sigma, strict=True)), Fraction(0))
                if max(v) > value:
                    return False
            return True
        scale = max(1.0, float(np.max(np.abs(game.payoff_array))))
        for p in self.probabilities:
            if np.any(p < -tol) or abs(float(p.sum()) - 1.0) > tol:
                return False
        return bool(np.all(self.regrets(game) <= tol * scale))

    # ----------------------------------------------------------------- output
    def describe(self, player: int) -> str:
        """One player's strategy as text: ``defect`` or ``1/3 rock, 2/3 paper``."""
        names = self.strategy_names[player]
        if self.exact_probabilities is not None:
            exact = self.exact_probabilities[player]
            parts = [(names[k], exact[k]) for k in range(len(names)) if exact[k] > 0]
            if len(parts) == 1:
                return parts[0][0]
            return ", ".join(f"{fraction_text(p)} {name}" for name, p in parts)
        sigma = self.probabilities[player]
        support = [k for k in range(len(names)) if sigma[k] > 1e-12]
        if len(support) == 1:
            return names[support[0]]
        return ", ".join(f"{sigma[k]:.4g} {names[k]}" for k in support)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: probabilities and payoffs by name, supports, pure, exact values as ``"p/q"``."""
        data: dict[str, Any] = {
            "strategies": {
                player: {
                    name: float(p)
                    for name, p in zip(self.strategy_names[i], self.probabilities[i], strict=True)
                }
                for i, player in enumerate(self.players)
            },
            "payoffs": {player: float(self.payoffs[i]) for i, player in enumerate(self.players)},
            "supports": {player: list(self.support_names[i]) for i, player in enumerate(self.players)},
            "pure": self.is_pure,
        }
        if self.exact_probabilities is not None:
            data["exact"] = {
                "strategies": {
                    player: {
                        name: fraction_text(p)
                        for name, p in zip(self.strategy_names[i], self.exact_probabilities[i], strict=True)
                    }
                    for i, player in enumerate(self.players)
                },
                "payoffs": (
                    {player: fraction_text(self.exact_payoffs[i]) for i, player in enumerate(self.players)}
                    if self.exact_payoffs is not None
                    else None
                ),
            }
        return data

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return (
            self.players == other.players
            and self.strategy_names == other.strategy_names
            and all(
                np.array_equal(a, b) for a, b in zip(self.probabilities, other.probabilities, strict=True)
            )
            and self.exact_probabilities == other.exact_probabilities
        )

    def __hash__(self) -> int:
        return hash((self.players, tuple(p.tobytes() for p in self.probabilities)))

    def __repr__(self) -> str:
        inner = "; ".join(f"{self.players[i]}: {self.describe(i)}" for i in range(self.num_players))
        return f"Equilibrium({inner})"
