r"""What the two-player methods share: the game check, profile types, the canonical order.

A bimatrix game has payoff matrices :math:`A` (row player) and :math:`B`
(column player); a profile is a pair :math:`(x, y)` of mixed strategies.
:func:`exact_equilibrium_of_bases` recomputes, in rational arithmetic, the
vertices of the best-response polytopes :math:`P` and :math:`Q` that a pair
of bases determines, and accepts the pair when it is completely labelled
(see :mod:`bargaining.equilibrium.polytope` for the polytopes and labels).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.exact import exact_positive_matrix, exact_vertex
from bargaining.errors import InvalidGameError
from bargaining.games.normal_form import NormalFormGame

__all__ = [
    "ExactProfile",
    "Profile",
    "exact_equilibrium_of_bases",
    "q_constraint",
    "require_two_players",
    "sorted_pairs",
]

#: a pair of mixed strategies (row player, column player)
Profile = tuple[NDArray[np.float64], NDArray[np.float64]]
#: the same in rational arithmetic
ExactProfile = tuple[list[Fraction], list[Fraction]]


def require_two_players(game: NormalFormGame, method: str) -> None:
    """Refuse anything but a two-player :class:`NormalFormGame` for ``method``."""
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"expected a NormalFormGame, got {type(game).__name__}")
    if game.num_players != 2:
        raise InvalidGameError(
            f"method {method!r} is for two-player games; this game has {game.num_players} players "
            "(use --method mixed, pure or logit; Python: method='mixed', 'pure' or 'logit')"
        )


def q_constraint(label: int, m: int, n: int) -> int:
    """The index in Q's constraint numbering (``y_k = 0``: k; row tight: n + i) of a label."""
    return n + label if label < m else label - m


def sorted_pairs(profiles: Sequence[Profile]) -> list[int]:
    """Indices of profiles in a canonical order: by the row then the column strategy, descending."""
    return sorted(
        range(len(profiles)),
        key=lambda k: (tuple(-np.round(profiles[k][0], 12)), tuple(-np.round(profiles[k][1], 12))),
    )


def exact_equilibrium_of_bases(
    game: NormalFormGame, nonbasic_p: Sequence[int], nonbasic_q: Sequence[int]
) -> ExactProfile | None:
    """The exact equilibrium with the given bases (tight constraints, in label numbering), if it is one."""
    rational = game.rational_payoff_array()
    m, n = game.num_strategies
    vx = exact_vertex(exact_positive_matrix(rational[1]), list(nonbasic_p))
    vy = exact_vertex(exact_positive_matrix(rational[0].T), [q_constraint(k, m, n) for k in nonbasic_q])
    if vx is None or vy is None:
        return None
    if not (
        all(vx.zero[i] or vy.tight[i] for i in range(m)) and all(vx.tight[j] or vy.zero[j] for j in range(n))
    ):
        return None
    return [v / sum(vx.point) for v in vx.point], [v / sum(vy.point) for v in vy.point]
