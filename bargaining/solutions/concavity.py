r"""Which instances of a batch have utilities the DCP rules prove concave, without cvxpy.

The rules of :mod:`bargaining.expressions.curvature` see the parameters only
through the *sign class* of each variable-free sub-formula they meet (below
zero, zero, above zero, not finite): a coefficient's sign decides whether
:math:`c \cdot f` keeps the curvature of :math:`f`, a zero denominator is
undecided. So the instances of a batch fall into a few classes by the sign
pattern of those sub-formulas; :func:`concave_rows` evaluates the patterns
with numpy and runs the rules once per distinct pattern, on one instance of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from bargaining.expressions.curvature import is_concave
from bargaining.expressions.tree import Node

__all__ = ["concave_rows", "constant_parts"]


def constant_parts(node: Node, variables: Sequence[str]) -> list[Node]:
    """The largest sub-formulas of ``node`` that use names but none of ``variables``."""
    out: list[Node] = []
    stack: list[Node] = [node]
    wanted = set(variables)
    while stack:
        current = stack.pop()
        names = current.names()
        if not names:
            continue
        if not names & wanted:
            out.append(current)
        else:
            stack.extend(current.children())
    return out


def _classes(parts: Sequence[Node], values: Mapping[str, np.ndarray], m: int) -> np.ndarray:
    """``(m, len(parts))`` the sign class of each part: 0 not finite, 1 below, 2 zero, 3 above zero."""
    out = np.zeros((m, len(parts)), dtype=np.int8)
    with np.errstate(all="ignore"):
        for c, part in enumerate(parts):
            v = np.broadcast_to(np.asarray(part.evaluate(values), dtype=float), (m,))
            out[:, c] = np.where(np.isfinite(v), np.sign(np.where(np.isfinite(v), v, 0.0)) + 2, 0)
    return out


def concave_rows(
    utilities: Sequence[Node], variables: Sequence[str], values: Mapping[str, np.ndarray], m: int
) -> np.ndarray:
    """``(m,)`` whether every utility is proven concave in ``variables`` at each row of ``values``.

    ``values`` maps each parameter and discrete issue to an ``(m,)`` column.
    """
    parts = [part for u in utilities for part in constant_parts(u, variables)]
    classes = _classes(parts, values, m) if parts else np.zeros((m, 1), dtype=np.int8)
    patterns, first, inverse = np.unique(classes, axis=0, return_index=True, return_inverse=True)
    verdict = np.zeros(len(patterns), dtype=bool)
    for p, row in enumerate(first):
        point = {name: float(np.broadcast_to(col, (m,))[row]) for name, col in values.items()}
        verdict[p] = all(is_concave(u, variables, point) for u in utilities)
    ok: np.ndarray = verdict[np.asarray(inverse).reshape(-1)]
    return ok
