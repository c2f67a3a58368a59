r"""Equilibria as objects: :class:`Equilibrium` and :class:`EquilibriumSet`.

A mixed strategy profile :math:`\sigma = (\sigma_0, \dots, \sigma_{n-1})` is a
Nash equilibrium when no player gains by deviating to a pure strategy:

.. math:: u_i(s_i, \sigma_{-i}) \le u_i(\sigma) \quad \text{for every player } i
          \text{ and strategy } s_i \in S_i.

:class:`Equilibrium` (one profile, defined in
:mod:`bargaining.equilibrium.strategy_profile`) checks this with
:meth:`Equilibrium.is_nash`, independently of the algorithm that found it;
:class:`EquilibriumSet` holds what a method found for a game.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bargaining.equilibrium.guarantees import describe_method, guarantee_of
from bargaining.equilibrium.strategy_profile import Equilibrium, exact_payoff_vectors, fraction_text

if TYPE_CHECKING:
    from bargaining.games.normal_form import NormalFormGame

__all__ = ["Equilibrium", "EquilibriumSet", "exact_payoff_vectors"]


@dataclass(frozen=True, slots=True, eq=False)
class EquilibriumSet:
    r"""The equilibria a method found for a game.

    Parameters
    ----------
    game
        The game solved.
    method
        The method's name (``"vertex"``, ``"lemke-howson"``, ...).
    equilibria
        The equilibria found, in a deterministic order. For the enumeration
        methods of two-player games these are all the extreme equilibria.
    exact
        Whether every equilibrium was computed and verified in rational arithmetic.
    degenerate
        Whether the game is degenerate (some mixed strategy with support of size
        :math:`k` has more than :math:`k` pure best responses), ``None`` if unknown.
    components
        For enumeration methods on two-player games: the maximal Nash subsets,
        each the indices (into :attr:`equilibria`) of a maximal set of extreme
        equilibria :math:`\{(x_k, y_l)\}` that are pairwise interchangeable;
        the convex hull of each is a set of equilibria. Non-degenerate games
        have one singleton per equilibrium.
    connected_components
        The connected components of the equilibrium set, each the indices of
        its extreme equilibria (a union of overlapping :attr:`components`).
    complete
        Whether the method guarantees every extreme equilibrium was found.
    notes
        Remarks on the computation (a zero-sum game's value, abandoned paths, ...).
    guarantee
        What the result guarantees, one of
        :data:`~bargaining.equilibrium.guarantees.GUARANTEES` (``"all equilibria"``,
        ``"all extreme equilibria and the components"``, ``"all pure equilibria"``,
        ``"one equilibrium"``, ``"some equilibria (incomplete)"``), followed by
        the time spent when the time limit ran out. Left empty, it is derived
        from the other fields (:func:`~bargaining.equilibrium.guarantees.guarantee_of`).
    reason
        Which method ran and why it was chosen, e.g. ``"vertex enumeration,
        chosen by method='auto': ..."``. Left empty, the method's description.
    timed_out
        Whether the time limit ran out before the method finished (then
        ``complete`` is false and :attr:`equilibria` is what was found so far).
    elapsed
        Seconds the computation took, when measured (:func:`~bargaining.equilibrium.equilibria`).
    time_limit
        The time limit in seconds, or ``None``.
    """

    game: NormalFormGame
    method: str
    equilibria: tuple[Equilibrium, ...]
    exact: bool = False
    degenerate: bool | None = None
    components: tuple[tuple[int, ...], ...] = ()
    connected_components: tuple[tuple[int, ...], ...] = ()
    complete: bool = False
    notes: tuple[str, ...] = field(default=())
    guarantee: str = ""
    reason: str = ""
    timed_out: bool = False
    elapsed: float | None = None
    time_limit: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "equilibria", tuple(self.equilibria))
        object.__setattr__(self, "components", tuple(tuple(c) for c in self.components))
        object.__setattr__(self, "connected_components", tuple(tuple(c) for c in self.connected_components))
        object.__setattr__(self, "notes", tuple(self.notes))
        if self.timed_out:
            object.__setattr__(self, "complete", False)
        if not self.guarantee:
            guarantee = guarantee_of(
                self.method,
                self.complete,
                self.degenerate,
                len(self.equilibria),
                self.game.num_players,
                self.time_limit,
                self.elapsed,
                self.timed_out,
            )
            object.__setattr__(self, "guarantee", guarantee)
        if not self.reason:
            object.__setattr__(self, "reason", describe_method(self.method))

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, index: int) -> Equilibrium:
        return self.equilibria[index]

    @property
    def pure(self) -> tuple[Equilibrium, ...]:
        """The pure equilibria among :attr:`equilibria`."""
        return tuple(eq for eq in self.equilibria if eq.is_pure)

    def all_nash(self, tol: float = 1e-9) -> bool:
        """Whether every equilibrium passes :meth:`Equilibrium.is_nash` (exactly, in exact mode)."""
        return all(eq.is_nash(self.game, tol=tol, exact=self.exact and eq.is_exact) for eq in self.equilibria)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {
            "game": self.game.summary(),
            "players": list(self.game.players),
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "degenerate": self.degenerate,
            "count": len(self.equilibria),
            "equilibria": [eq.to_dict() for eq in self.equilibria],
            "components": [list(c) for c in self.components],
            "connected_components": [list(c) for c in self.connected_components],
            "notes": list(self.notes),
            **self.guarantee_dict(),
        }

    def to_table(self) -> str:
        """A readable terminal table: one row per equilibrium, then degeneracy and components."""
        from bargaining.table import format_table

        players = self.game.players
        headers = ["#", "type", *players, *(f"u({p})" for p in players)]
        rows: list[list[Any]] = []
        for k, eq in enumerate(self.equilibria):
            payoffs: list[Any] = (
                [fraction_text(v) if v.denominator != 1 else int(v) for v in eq.exact_payoffs]
                if eq.exact_payoffs is not None
                else [float(v) for v in eq.payoffs]
            )
            rows.append(
                [
                    k,
                    "pure" if eq.is_pure else "mixed",
                    *(eq.describe(i) for i in range(len(players))),
                    *payoffs,
                ]
            )
        count = len(self.equilibria)
        # Complete two-player results list every extreme equilibrium; complete n-player
        # results list the isolated ones.
        kind = "extreme equilibri" if self.complete and self.game.num_players == 2 else "equilibri"
        title = f"{self.game.summary()} -- {count} {kind}{'um' if count == 1 else 'a'} ({self.method}"
        title += ", exact)" if self.exact else ")"
        lines = [format_table(headers, rows, title=title)]
        if self.degenerate:
            lines.append("The game is degenerate: equilibria may form continua.")
            sets = [c for c in self.components if len(c) > 1]
            for c in sets:
                lines.append(f"  equilibrium set: convex hull of #{', #'.join(str(k) for k in c)}")
        lines.extend(self.notes)
        lines.extend(self.guarantee_lines())
        return "\n".join(lines)

    def guarantee_lines(self) -> list[str]:
        """``Guarantee: ...``, ``Method: ...`` and, under a time limit, ``Time: ...``: the lines
        closing :meth:`to_table` (and the tables of results built on this one)."""
        import textwrap

        lines = [f"Guarantee: {self.guarantee}.", f"Method: {self.reason}."]
        if self.time_limit is not None and self.elapsed is not None:
            lines.append(f"Time: {self.elapsed:.3g} s of a {self.time_limit:g} s limit.")
        return [textwrap.fill(line, width=100, subsequent_indent="  ") for line in lines]

    def guarantee_dict(self) -> dict[str, Any]:
        """The guarantee, the reason and the time, as in :meth:`to_dict`."""
        return {
            "guarantee": self.guarantee,
            "reason": self.reason,
            "timed_out": self.timed_out,
            "time_limit": self.time_limit,
            "elapsed_seconds": self.elapsed,
        }

    def __repr__(self) -> str:
        count = len(self.equilibria)
        return (
            f"EquilibriumSet({self.game.summary()!r}, method={self.method!r}, {count} equilibria, "
            f"guarantee={self.guarantee!r})"
        )

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per equilibrium: each strategy's probability, payoffs, supports, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_dict()["equilibria"])
