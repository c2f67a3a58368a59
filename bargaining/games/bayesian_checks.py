r"""Checks of a Bayesian game's names and prior, each failing with a :class:`SpecError` at its path.

The prior :math:`p(t)` must have one entry per type profile, be
non-negative and sum to exactly 1, and give every type a positive marginal
:math:`p(t_i) = \sum_{t_{-i}} p(t_i, t_{-i})`.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import SpecError
from bargaining.games.tree_nodes import exact_number

__all__ = ["check_prior", "exact_array", "marginal_of", "listed_names"]


def listed_names(values: Sequence[str], path: str, what: str) -> tuple[str, ...]:
    """Distinct non-empty names of players, types or actions, or a :class:`SpecError` at ``path[k]``."""
    if isinstance(values, str):
        raise SpecError(path, f"expected a list of {what} names, got the string {values!r}")
    names = tuple(values)
    for k, name in enumerate(names):
        if not isinstance(name, str) or not name:
            raise SpecError(f"{path}[{k}]", f"{what} names must be non-empty strings, got {name!r}")
    for k, name in enumerate(names):
        if name in names[:k]:
            raise SpecError(f"{path}[{k}]", f"the {what} name {name!r} is repeated; names must be distinct")
    return names


def exact_array(values: Any, path: str, what: str) -> NDArray[np.object_]:
    """``values`` as an object array of exact Fractions (:func:`exact_number`)."""
    array = np.array(values, dtype=object)
    out = np.empty(array.shape, dtype=object)
    for index, value in np.ndenumerate(array):
        out[index] = exact_number(value, path, what)
    return out


def marginal_of(prior: NDArray[np.object_], player: int) -> list[Fraction]:
    r"""The prior probability of each type of ``player``, :math:`\sum_{t_{-i}} p(t_i, t_{-i})`."""
    axes = tuple(j for j in range(prior.ndim) if j != player)
    return [Fraction(v) for v in np.sum(prior, axis=axes)] if axes else [Fraction(v) for v in prior]


def check_prior(
    prior: NDArray[np.object_], players: tuple[str, ...], types: tuple[tuple[str, ...], ...]
) -> None:
    """The prior's shape (one entry per type profile), signs, sum (exactly 1) and marginals (positive)."""
    type_shape = tuple(len(t) for t in types)
    if prior.shape != type_shape:
        raise SpecError(
            "prior", f"the prior has shape {prior.shape}; expected {type_shape}, one per type profile"
        )
    for index, p in np.ndenumerate(prior):
        if p < 0:
            shown = ", ".join(types[i][k] for i, k in enumerate(index))
            raise SpecError("prior", f"the prior probability of types ({shown}) is {p}, which is negative")
    total = sum(prior.ravel().tolist(), Fraction(0))
    if total != 1:
        raise SpecError(
            "prior",
            f"the prior probabilities sum to {total} ({float(total):.6g}), not 1; adjust them "
            'so they add up to exactly 1 (write thirds as "1/3")',
        )
    for i in range(len(players)):
        for k, p in enumerate(marginal_of(prior, i)):
            if p == 0:
                raise SpecError(
                    f"players[{i}].types[{k}]",
                    f"type {types[i][k]!r} of {players[i]!r} has prior probability 0; remove it",
                )
