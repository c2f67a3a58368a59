"""The two sides of a two-party model: how many, their names, and which one moves.

Readers of two-party models (``rubinstein``, ``war``, ``shifting_power``,
``learning_while_fighting``, ``stochastic_bargaining``) share these checks, so
that every such file gets the same message for the same mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bargaining.errors import SpecError, suggest
from bargaining.io.fields import describe

__all__ = ["side_index", "two_sides"]


def two_sides(names: Sequence[str], key: str, model: str, noun: str = "party") -> None:
    """Check that ``names`` (the entries of ``key``) are two different names.

    Parameters
    ----------
    names
        The sides' names, in the file's order.
    key
        The JSON path of the list (``"parties"``, ``"players"``).
    model
        The model, as the message names it (``"the bargaining model of war has"``).
    noun
        What a side is called (``"party"``, ``"player"``).

    Raises
    ------
    SpecError
        At ``key`` when there are not two, at ``key[1].name`` when both names agree.
    """
    if len(names) != 2:
        raise SpecError(key, f"{model} two {_plural(noun)}, got {len(names)}")
    if names[0] == names[1]:
        raise SpecError(f"{key}[1].name", f"both {_plural(noun)} are called {names[0]!r}; rename one")


def side_index(raw: Any, path: str, names: Sequence[str], noun: str = "party") -> int:
    """The side ``raw`` names: one of ``names`` or its index, 0 or 1.

    Raises
    ------
    SpecError
        At ``path``, naming the sides (with a suggestion for a misspelt name).
    """
    if isinstance(raw, str):
        if raw not in names:
            known = ", ".join(names)
            raise SpecError(
                path,
                f"unknown {noun} {raw!r}{suggest(raw, list(names))} ({_plural(noun)}: {known})",
            )
        return list(names).index(raw)
    if isinstance(raw, bool) or not isinstance(raw, int) or raw not in (0, 1):
        raise SpecError(path, f"expected a {noun}'s name or index (0 or 1), got {describe(raw)}")
    return raw


def _plural(noun: str) -> str:
    """``party`` -> ``parties``, ``player`` -> ``players``."""
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
