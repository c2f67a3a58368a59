r"""The nodes of a game tree: decision, chance and terminal nodes, and information sets.

A *decision node* belongs to a player and offers named actions, one per
child; a *chance node* draws its action with fixed probabilities
:math:`\pi(a) \ge 0`, :math:`\sum_a \pi(a) = 1`; a *terminal node* pays
each player :math:`u_i(z)`. Payoffs and probabilities are exact
:class:`~fractions.Fraction` values (:func:`exact_number`). The tree that
connects them is :class:`bargaining.games.extensive_form.ExtensiveFormGame`.

Examples
--------
>>> ChanceNode(("heads", "tails"), ("win", "lose"), (0.5, "1/2")).probabilities
(Fraction(1, 2), Fraction(1, 2))
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import Any

from bargaining.errors import SpecError
from bargaining.games.spec_data import check_magnitude, exact_rational

__all__ = ["ChanceNode", "DecisionNode", "Infoset", "Node", "TerminalNode", "exact_number"]


_BEYOND = "a number beyond the range of floating point (about 1.8e308); rescale it"


def exact_number(value: Any, path: str, what: str = "a number") -> Fraction:
    """``value`` as an exact Fraction, or a :class:`SpecError` naming ``path``.

    Integers, Fractions and Decimals are exact; strings are read as
    rationals (``"1/3"``, ``"0.25"``); floats become their shortest decimal.
    """
    if isinstance(value, bool):
        raise SpecError(path, f"expected {what}, got the boolean {str(value).lower()}")
    if isinstance(value, int | Rational):
        try:
            return check_magnitude(Fraction(value))
        except ValueError as exc:
            raise SpecError(path, f"expected {what}: {exc}") from None
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise SpecError(path, f"expected a finite number, got {value}")
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SpecError(path, f"expected a finite number, got {value!r}: {_BEYOND}")
        return Fraction(repr(value))
    if isinstance(value, str):
        try:
            return exact_rational(value)
        except ValueError as exc:
            shown = value if len(value) <= 40 else value[:37] + "..."
            reason = str(exc) if str(exc).startswith(("it ", "its ")) else "it is not a number"
            raise SpecError(
                path, f'{shown!r}: {reason}; write e.g. 2, -1.5 or an exact fraction "1/3"'
            ) from None
    raise SpecError(path, f"expected {what}, got {type(value).__name__} {value!r}")


@dataclass(frozen=True, slots=True)
class DecisionNode:
    """A node where ``player`` chooses one of ``actions``; action ``k`` leads to ``children[k]``.

    Parameters
    ----------
    player
        The name of the player who moves.
    actions
        The action names, distinct.
    children
        The ids of the nodes the actions lead to, one per action.
    infoset
        The name of the node's information set; ``""`` (default) puts the node
        in an information set of its own, named after the node (the game
        replaces ``""`` by the node id).
    """

    player: str
    actions: tuple[str, ...]
    children: tuple[str, ...]
    infoset: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))
        object.__setattr__(self, "children", tuple(self.children))


@dataclass(frozen=True, slots=True)
class ChanceNode:
    r"""A move of nature: action ``k`` happens with probability ``probabilities[k]``.

    Parameters
    ----------
    actions
        The names of the chance outcomes, distinct.
    children
        The ids of the nodes they lead to.
    probabilities
        :math:`\pi(a) \ge 0` with :math:`\sum_a \pi(a) = 1` exactly, stored as
        Fractions (floats are read as their shortest decimal).
    """

    actions: tuple[str, ...]
    children: tuple[str, ...]
    probabilities: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))
        object.__setattr__(self, "children", tuple(self.children))
        object.__setattr__(
            self,
            "probabilities",
            tuple(exact_number(p, "probabilities", "a probability") for p in self.probabilities),
        )


@dataclass(frozen=True, slots=True)
class TerminalNode:
    """An end of the game paying ``payoffs[i]`` to player ``i`` (exact Fractions)."""

    payoffs: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "payoffs", tuple(exact_number(v, "payoffs", "a payoff") for v in self.payoffs)
        )


Node = DecisionNode | ChanceNode | TerminalNode


@dataclass(frozen=True, slots=True)
class Infoset:
    """An information set: decision nodes of one player who cannot tell them apart.

    Parameters
    ----------
    name
        Its name (the ``infoset`` of its nodes, or the node id for a singleton).
    player
        The index of the player who moves there.
    actions
        The actions offered at every one of its nodes.
    nodes
        The ids of its nodes, in preorder.
    """

    name: str
    player: int
    actions: tuple[str, ...]
    nodes: tuple[str, ...]
