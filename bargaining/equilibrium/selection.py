r"""Which equilibrium method runs, and why: ``method="auto"`` and the size limits.

:func:`choose_method` turns the ``method`` argument of
:func:`bargaining.equilibrium.equilibria` into a :class:`MethodChoice`: the
method, the function that runs it, and a sentence saying why it was chosen
and what it guarantees (it becomes the result's ``reason``).

``"auto"`` picks the strongest method the game's size allows:

* two players: **vertex enumeration** (every extreme equilibrium and the
  components) unless its estimated work :func:`vertex_work` exceeds
  :data:`AUTO_VERTEX_WORK`, then **Lemke-Howson** from every label;
* more players: **support enumeration** (every equilibrium, when each support
  resolves) up to :data:`~bargaining.equilibrium.n_player.MAX_SUPPORT_PROFILES`
  support profiles, then the **logit path** (one equilibrium).

The exhaustive methods refuse games beyond their limits, and the error names
the method that can handle the game: vertex enumeration above
:data:`MAX_VERTEX_WORK`, two-player support enumeration above
:data:`MAX_SUPPORT_BASES` subsystems, n-player support enumeration above its
support-profile limit.

Vertex enumeration's work is estimated from McMullen's upper bound theorem:
a :math:`d`-polytope with :math:`f` facets has at most

.. math:: \binom{f - \lceil d/2 \rceil}{\lfloor d/2 \rfloor}
          + \binom{f - \lfloor d/2 \rfloor - 1}{\lceil d/2 \rceil - 1}

vertices, and Qhull's cost per vertex grows with the dimension; the best-response
polytopes of an :math:`m \times n` game have dimensions :math:`m` and :math:`n`
and :math:`m + n` facets. Measured on random games (payoffs 0..999, one core):
estimate 3e7 for 14x14 (0.7 s), 2.5e8 for 16x16 (6 s), 1.5e8 for 5x40 (9 s),
2e9 for 18x18 (15 s), 1.4e10 for 3x200 (over 5 minutes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from bargaining.equilibrium.guarantees import METHOD_NAMES, METHOD_PROMISES
from bargaining.errors import InvalidGameError, suggest
from bargaining.games.normal_form import NormalFormGame

__all__ = [
    "ALIASES",
    "AUTO_VERTEX_WORK",
    "INTERRUPTIBLE",
    "MAX_SUPPORT_BASES",
    "MAX_VERTEX_WORK",
    "METHODS_N_PLAYER",
    "METHODS_TWO_PLAYER",
    "MethodChoice",
    "choose_method",
    "vertex_work",
]

#: method -> function name in bargaining.equilibrium.two_player
METHODS_TWO_PLAYER: dict[str, str] = {
    "auto": "vertex_enumeration",
    "vertex": "vertex_enumeration",
    "support": "support_enumeration",
    "lemke-howson": "lemke_howson",
    "zero-sum": "zero_sum_equilibrium",
    "pure": "pure_equilibria_2p",
    "nashpy-vertex": "nashpy_equilibria",
    "nashpy-support": "nashpy_equilibria",
    "nashpy-lemke-howson": "nashpy_equilibria",
}

#: method -> function name in bargaining.equilibrium.n_player
METHODS_N_PLAYER: dict[str, str] = {
    "auto": "mixed_equilibria",
    "pure": "pure_equilibria",
    "mixed": "mixed_equilibria",
    "logit": "logit_path",
}

#: other spellings of the methods
ALIASES = {
    "lemke_howson": "lemke-howson",
    "lh": "lemke-howson",
    "zero_sum": "zero-sum",
    "enumeration": "vertex",
}

#: method="auto" uses Lemke-Howson instead of vertex enumeration above this estimated work
AUTO_VERTEX_WORK = 3e8
#: method="vertex" refuses games above this estimated work (minutes to hours of Qhull)
MAX_VERTEX_WORK = 1e10
#: method="support" (two players) refuses games with more square subsystems than this (minutes)
MAX_SUPPORT_BASES = 30_000_000

#: the methods that check the time budget as they run (the others are checked before and after)
INTERRUPTIBLE = frozenset(
    {"lemke-howson", "pure", "support-n", "logit", "nashpy-vertex", "nashpy-support", "nashpy-lemke-howson"}
)


@dataclass(frozen=True, slots=True)
class MethodChoice:
    """The method :func:`choose_method` picked.

    Attributes
    ----------
    method
        The method's canonical name (``"vertex"``, ``"support-n"``, ...), as it
        appears in results.
    function
        The function's name in :mod:`.two_player` (two players) or :mod:`.n_player`.
    reason
        Which method runs, why it was chosen and what it guarantees.
    two_player
        Whether the function is a two-player one.
    """

    method: str
    function: str
    reason: str
    two_player: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {"method": self.method, "function": self.function, "reason": self.reason}


def _ubt_vertices(dimension: int, facets: int) -> int:
    """McMullen's bound on the vertices of a ``dimension``-polytope with ``facets`` facets."""
    if facets <= dimension:
        return 1
    half_down, half_up = dimension // 2, (dimension + 1) // 2
    return math.comb(facets - half_up, half_down) + math.comb(facets - half_down - 1, half_up - 1)


def vertex_work(m: int, n: int) -> float:
    r"""Estimated work of vertex enumeration on an ``m x n`` game: the larger over both
    polytopes of (upper-bound vertices) times (dimension squared).

    Examples
    --------
    >>> f"{vertex_work(3, 3):.0f}", f"{vertex_work(16, 16):.2g}"
    ('72', '2.5e+08')
    """
    return float(max(_ubt_vertices(d, m + n) * d * d for d in (m, n)))


def _size(game: NormalFormGame) -> str:
    sizes = "x".join(str(a) for a in game.num_strategies)
    players = "two-player" if game.num_players == 2 else f"{game.num_players}-player"
    return f"a {players} game with {sizes} strategies"


def _because(method: str, why: str) -> str:
    return f"{METHOD_NAMES[method]}, {why}; {METHOD_PROMISES[method]}"


def _too_large(method: str, detail: str, instead: str) -> InvalidGameError:
    return InvalidGameError(f"{detail}, too large for {METHOD_NAMES[method]} (method={method!r}); {instead}")


def _two_player(game: NormalFormGame, name: str) -> MethodChoice:
    """The two-player choice (``name`` already canonical and known)."""
    m, n = game.num_strategies
    work = vertex_work(m, n)
    if name == "auto":
        if work <= AUTO_VERTEX_WORK:
            why = f"chosen by method='auto': {_size(game)} is within its size limit"
            return MethodChoice("vertex", "vertex_enumeration", _because("vertex", why), True)
        why = (
            f"chosen by method='auto': {_size(game)} is beyond vertex enumeration's size limit "
            f"(estimated work {work:.2g} > {AUTO_VERTEX_WORK:.2g})"
        )
        return MethodChoice("lemke-howson", "lemke_howson", _because("lemke-howson", why), True)
    if name == "vertex" and work > MAX_VERTEX_WORK:
        raise _too_large(
            "vertex",
            f"{_size(game)} (estimated work {work:.2g}, limit {MAX_VERTEX_WORK:.2g}) is",
            "use --method lemke-howson (Python: method='lemke-howson') for some equilibria (one per "
            "initial label), or, from Python, call "
            "bargaining.equilibrium.two_player.vertex_enumeration(game) to wait",
        )
    if name == "support":
        bases = math.comb(m + n, m)
        if bases > MAX_SUPPORT_BASES:
            raise _too_large(
                "support",
                f"{_size(game)} ({bases} square subsystems, limit {MAX_SUPPORT_BASES}) is",
                "use --method vertex (the same equilibria, much faster) or --method lemke-howson "
                "(Python: method='vertex' or 'lemke-howson')",
            )
    why = f"as requested ({_size(game)})"
    return MethodChoice(name, METHODS_TWO_PLAYER[name], _because(name, why), True)


def _n_player(game: NormalFormGame, name: str) -> MethodChoice:
    """The n-player choice (``name`` already canonical and known)."""
    from bargaining.equilibrium.n_player import MAX_SUPPORT_PROFILES

    count = math.prod(2**a - 1 for a in game.num_strategies)
    if name == "auto":
        if count <= MAX_SUPPORT_PROFILES:
            why = (
                f"chosen by method='auto': {_size(game)} has {count} support profiles, within "
                f"the limit of {MAX_SUPPORT_PROFILES}"
            )
            return MethodChoice("support-n", "mixed_equilibria", _because("support-n", why), False)
        why = (
            f"chosen by method='auto': {_size(game)} has {count} support profiles, more than "
            f"support enumeration's limit of {MAX_SUPPORT_PROFILES}"
        )
        return MethodChoice("logit", "logit_path", _because("logit", why), False)
    method = "support-n" if name == "mixed" else name
    why = f"as requested ({_size(game)})"
    return MethodChoice(method, METHODS_N_PLAYER[name], _because(method, why), False)


def choose_method(game: NormalFormGame, method: str, exact: bool = False) -> MethodChoice:
    """The method to run on ``game`` for the ``method`` argument, and why.

    Parameters
    ----------
    game
        The game to solve.
    method
        ``"auto"`` or a method name (see :func:`bargaining.equilibrium.equilibria`).
    exact
        Whether exact arithmetic is asked for (nashpy's methods refuse it).

    Raises
    ------
    InvalidGameError
        If the method is unknown, does not apply to the game (nashpy with
        ``exact``), or the game is too large for the exhaustive method asked
        for (the message names the method that can handle it).
    """
    if not isinstance(method, str):
        raise InvalidGameError(f"method must be a string such as 'auto' or 'vertex', got {method!r}")
    name = ALIASES.get(method, method)
    if game.num_players == 2 and name == "logit":  # the logit path works for any number of players
        why = f"as requested ({_size(game)})"
        return MethodChoice("logit", "logit_path", _because("logit", why), False)
    known = [*METHODS_TWO_PLAYER, "logit"] if game.num_players == 2 else list(METHODS_N_PLAYER)
    if name not in known:
        players = "two-player" if game.num_players == 2 else f"{game.num_players}-player"
        raise InvalidGameError(
            f"unknown method {method!r} for a {players} game; choose one of {', '.join(known)}"
            + suggest(method, known)
        )
    if name.startswith("nashpy-") and exact:
        raise InvalidGameError(f"method {name!r} is floating point only; drop exact=True")
    return _two_player(game, name) if game.num_players == 2 else _n_player(game, name)
