r"""What an equilibrium result guarantees, in words, and the names of the methods.

Every :class:`~bargaining.equilibrium.results.EquilibriumSet` states one of five
guarantees, from what its method promises and what happened when it ran:

=================================================  ================================================
guarantee                                          when
=================================================  ================================================
``"all equilibria"``                               support enumeration of an n-player game with
                                                   every support resolved; vertex or support
                                                   enumeration of a nondegenerate two-player game
``"all extreme equilibria and the components"``    vertex or support enumeration of a degenerate
                                                   two-player game: the equilibrium set is the union
                                                   of the convex hulls of the listed components
``"all pure equilibria"``                          pure-strategy enumeration (mixed equilibria are
                                                   not sought)
``"one equilibrium"``                              Lemke-Howson (one path), the logit path, the
                                                   zero-sum linear programmes
``"some equilibria (incomplete)"``                 anything less: several Lemke-Howson paths, an
                                                   unresolved support, nashpy's methods, a time
                                                   limit that ran out (then with the time)
=================================================  ================================================

A nondegenerate two-player game has finitely many equilibria, all extreme, and
an odd number of them (Shapley 1974): an even count found in one is reported as
incomplete, whatever the method says.
"""

from __future__ import annotations

__all__ = [
    "ALL",
    "ALL_EXTREME",
    "ALL_PURE",
    "GUARANTEES",
    "METHOD_NAMES",
    "METHOD_PROMISES",
    "ONE",
    "SOME",
    "describe_method",
    "guarantee_of",
]

ALL = "all equilibria"
ALL_EXTREME = "all extreme equilibria and the components"
ALL_PURE = "all pure equilibria"
ONE = "one equilibrium"
SOME = "some equilibria (incomplete)"

#: the guarantees, strongest first; every result's ``guarantee`` starts with one of them
GUARANTEES = (ALL, ALL_EXTREME, ALL_PURE, ONE, SOME)

#: method -> its name in prose
METHOD_NAMES: dict[str, str] = {
    "vertex": "vertex enumeration",
    "support": "support enumeration",
    "lemke-howson": "Lemke-Howson",
    "zero-sum": "the zero-sum linear programmes",
    "pure": "pure-strategy enumeration",
    "support-n": "support enumeration",
    "logit": "the logit QRE path",
    "nashpy-vertex": "nashpy's vertex enumeration",
    "nashpy-support": "nashpy's support enumeration",
    "nashpy-lemke-howson": "nashpy's Lemke-Howson",
}

_NASHPY = "for comparison only: floating point without degeneracy handling, so equilibria can be missed"

#: method -> what it promises when it runs to its end
METHOD_PROMISES: dict[str, str] = {
    "vertex": "complete for nondegenerate and degenerate games (every extreme equilibrium and the "
    "maximal Nash subsets)",
    "support": "complete for nondegenerate and degenerate games (every extreme equilibrium and the "
    "maximal Nash subsets)",
    "lemke-howson": "one equilibrium per initial label, not necessarily all of them",
    "zero-sum": "the value and one pair of optimal strategies (every equilibrium has that value)",
    "pure": "every pure equilibrium; mixed equilibria are not sought",
    "support-n": "every equilibrium when every support resolves (each root proved unique by the "
    "Krawczyk test), else incomplete",
    "logit": "one equilibrium, the limit of the principal branch of the logit QRE",
    "nashpy-vertex": _NASHPY,
    "nashpy-support": _NASHPY,
    "nashpy-lemke-howson": _NASHPY,
}

#: the methods whose enumeration is complete when they finish
_ENUMERATIONS_2P = ("vertex", "support")


def describe_method(method: str) -> str:
    """``"vertex enumeration: complete for nondegenerate and degenerate games (...)"``."""
    name = METHOD_NAMES.get(method, method)
    promise = METHOD_PROMISES.get(method)
    return f"{name}: {promise}" if promise else name


def _finished_guarantee(
    method: str, complete: bool, degenerate: bool | None, count: int, num_players: int
) -> str:
    """The guarantee of a method that ran to its end."""
    if method in _ENUMERATIONS_2P and complete:
        if degenerate is False:
            # Shapley (1974): a nondegenerate game has an odd number of equilibria, all extreme
            return ALL if count % 2 == 1 else SOME
        return ALL_EXTREME
    if method == "pure":
        return ALL_PURE if complete else SOME
    if method in ("lemke-howson", "logit", "zero-sum"):
        return ONE if count == 1 else SOME
    if method.startswith("nashpy-") or not complete:
        return SOME
    if num_players == 2:
        return ALL_EXTREME if degenerate is not False else ALL
    return ALL


def guarantee_of(
    method: str,
    complete: bool,
    degenerate: bool | None,
    count: int,
    num_players: int,
    time_limit: float | None = None,
    elapsed: float | None = None,
    timed_out: bool = False,
) -> str:
    """What a result of ``method`` guarantees, given what happened.

    Parameters
    ----------
    method
        The method's name (``"vertex"``, ``"support-n"``, ...).
    complete
        Whether the method reports its enumeration finished.
    degenerate
        Whether the game is degenerate (``None``: unknown).
    count
        The number of equilibria found.
    num_players
        The number of players.
    time_limit, elapsed, timed_out
        The time budget, the seconds spent, and whether the budget ran out
        before the method finished.

    Returns
    -------
    str
        One of :data:`GUARANTEES`; when the time limit ran out,
        ``"some equilibria (incomplete): the time limit of 0.2 s ran out after 0.201 s"``.

    Examples
    --------
    >>> guarantee_of("vertex", True, True, 2, 2)
    'all extreme equilibria and the components'
    >>> guarantee_of("support-n", False, None, 1, 3, time_limit=0.2, elapsed=0.2013, timed_out=True)
    'some equilibria (incomplete): the time limit of 0.2 s ran out after 0.201 s'
    """
    if timed_out:
        limit = f" of {time_limit:g} s" if time_limit is not None else ""
        spent = f" after {elapsed:.3g} s" if elapsed is not None else ""
        return f"{SOME}: the time limit{limit} ran out{spent}"
    return _finished_guarantee(method, complete, degenerate, count, num_players)
