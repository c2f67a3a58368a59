r"""Where the issues can go: utilities defined there, constraints some point meets.

A bargaining problem's agreements are the points :math:`x` of the issues' box
:math:`B = \prod_k [\ell_k, h_k]` (times the levels of the discrete issues) that
satisfy the constraints. Two mistakes in a spec make that set empty, or
smaller than it looks, and the solvers would otherwise report them as "no
agreement" or silently work around them:

* a utility that is not a real number anywhere in :math:`B` (``sqrt(x)`` with
  :math:`x \in [-5, -1]`): :func:`check_domains` refuses it, naming the party
  and the term;
* a constraint no point of :math:`B` satisfies (``x <= -1`` with
  :math:`x \in [0, 1]`): refused when the constraint is affine in the
  continuous issues, where the range of :math:`g(x)` over :math:`B` is exact,
  :math:`g(c) \pm \sum_k |a_k| r_k` (centre :math:`c`, half-widths :math:`r_k`,
  slopes :math:`a_k`); other constraints, and constraints that are each met
  but not together, are decided by the solver (:mod:`bargaining.solutions.pieces`).

A utility defined on part of :math:`B` only is not an error, but the solvers
then keep to where it is defined, as if that were a constraint:
:func:`partial_domains` words that for the result's notes.

Everything here is numeric, on the package's own expression tree, at a fixed
sample of points (the corners, the centre and seeded uniform draws), so it is
cheap and imports neither sympy nor cvxpy.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from bargaining.errors import SpecError
from bargaining.expressions.curvature import is_affine
from bargaining.expressions.tree import Binary, Call, Name, Negate, Node, Number
from bargaining.model.issues import ContinuousIssue, DiscreteIssue, Issue
from bargaining.model.parties import Constraint, Party

__all__ = ["check_domains", "partial_domains", "sample_points", "term_text"]

#: Seeded uniform draws in the box, beside its corners and centre.
_DRAWS = 128
#: At most this many corners of the box are tried (the rest are drawn).
_CORNERS = 64
#: Level combinations on which an affine constraint's exact range is computed.
_COMBOS = 64


def sample_points(issues: Sequence[Issue], values: Mapping[str, float]) -> dict[str, np.ndarray]:
    """The sample of agreements: corners, centre and seeded draws of the box, with levels.

    ``values`` are the parameter values the bounds use. Discrete issues take
    their levels in turn at the corners and centre, and at random in the draws.
    """
    rng = np.random.default_rng(0)
    continuous = [x for x in issues if isinstance(x, ContinuousIssue)]
    lo = np.array([float(x.lower.evaluate(values)) for x in continuous])
    hi = np.array([float(x.upper.evaluate(values)) for x in continuous])
    corners = list(itertools.islice(itertools.product((0.0, 1.0), repeat=len(continuous)), _CORNERS))
    unit = np.vstack(
        [np.array(corners, dtype=float).reshape(len(corners), len(continuous))]
        + [
            np.full((1, len(continuous)), 0.5),
            rng.uniform(size=(_DRAWS, len(continuous))),
        ]
    )
    points = {x.name: lo[k] + unit[:, k] * (hi[k] - lo[k]) for k, x in enumerate(continuous)}
    m = unit.shape[0]
    fixed = m - _DRAWS
    for x in issues:
        if isinstance(x, DiscreteIssue):
            levels = np.asarray(x.level_values, dtype=float)
            cycled = levels[np.arange(fixed) % len(levels)]
            points[x.name] = np.concatenate([cycled, rng.choice(levels, size=_DRAWS)])
    return points


def _finite(node: Node, values: Mapping[str, Any], m: int) -> np.ndarray:
    with np.errstate(all="ignore"):
        result = np.asarray(node.evaluate(values), dtype=float)
    return np.broadcast_to(np.isfinite(result), (m,))


def _culprit(node: Node, values: Mapping[str, Any], m: int) -> Node:
    """The innermost term that is not a real number where its operands are."""
    for child in node.children():
        if not _finite(child, values, m).any():
            return _culprit(child, values, m)
    return node


def term_text(node: Node) -> str:
    """A term of a formula as text (for messages)."""
    if isinstance(node, Number):
        return f"{node.value:g}" if isinstance(node.value, float) else str(node.value)
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Negate):
        return f"-{_operand(node.operand)}"
    if isinstance(node, Binary):
        return f"{_operand(node.left)} {node.op} {_operand(node.right)}"
    if isinstance(node, Call):
        return f"{node.func}({', '.join(term_text(a) for a in node.args)})"
    return str(node)  # pragma: no cover


def _operand(node: Node) -> str:
    text = term_text(node)
    return f"({text})" if isinstance(node, Binary | Negate) else text


def _at(points: Mapping[str, np.ndarray], names: Sequence[str], j: int) -> str:
    return ", ".join(f"{n} = {float(points[n][j]):g}" for n in names)


def check_domains(
    parties: Sequence[Party],
    issues: Sequence[Issue],
    constraints: Sequence[Constraint],
    values: Mapping[str, float],
) -> None:
    """Refuse a utility undefined on the whole box, and a constraint no point meets.

    Raises
    ------
    SpecError
        ``parties[i].utility`` naming the term that is undefined, or
        ``constraints[i]`` with the range of the constraint over the box.
    """
    points = sample_points(issues, values)
    everything = {**values, **points}
    m = len(next(iter(points.values()))) if points else 1
    names = [x.name for x in issues]
    for i, party in enumerate(parties):
        tree = party.utility.tree
        if _finite(tree, everything, m).any():
            continue
        term = _culprit(tree, everything, m)
        raise SpecError(
            f"parties[{i}].utility",
            f"the utility of {party.name!r} is not a real number anywhere the issues can go: "
            f"{term_text(term)} is undefined at all {m} points tried in the issues' box "
            f"(e.g. {_at(points, names, 0)}); change the formula or the issues' bounds",
        )
    for i, constraint in enumerate(constraints):
        _check_constraint(i, constraint, issues, values, everything, m)


def _check_constraint(
    i: int,
    constraint: Constraint,
    issues: Sequence[Issue],
    values: Mapping[str, float],
    everything: Mapping[str, Any],
    m: int,
) -> None:
    comparison = constraint.comparison
    body = comparison.body.tree
    with np.errstate(all="ignore"):
        g = np.broadcast_to(np.asarray(body.evaluate(everything), dtype=float), (m,))
    size = float(np.max(np.abs(g[np.isfinite(g)]), initial=1.0))
    tol = 1e-9 * max(1.0, size)
    met = np.abs(g) <= tol if comparison.equality else g <= tol
    if met.any():
        return
    ranges = _affine_ranges(body, issues, values)
    if ranges is None:
        return  # not decided here: the solver decides
    if comparison.equality:
        empty = all(low > tol or high < -tol for low, high in ranges)
        gap = min(max(low, -high) for low, high in ranges)
        how = f"its two sides differ by at least {gap:g} everywhere"
    else:
        empty = all(low > tol for low, _ in ranges)
        gap = min(low for low, _ in ranges)
        how = f"its left side exceeds its right side by at least {gap:g} everywhere"
    if empty:
        raise SpecError(
            f"constraints[{i}]",
            f"no agreement satisfies {comparison.source!r}: within the issues' bounds {how}; "
            "fix the constraint or the bounds",
        )


def _affine_ranges(
    body: Node, issues: Sequence[Issue], values: Mapping[str, float]
) -> list[tuple[float, float]] | None:
    r"""The exact range of an affine ``body`` over the box, per level combination (else ``None``)."""
    continuous = [x for x in issues if isinstance(x, ContinuousIssue)]
    discrete = [x for x in issues if isinstance(x, DiscreteIssue)]
    variables = {x.name for x in continuous}
    combos = list(itertools.islice(itertools.product(*(x.level_values for x in discrete)), _COMBOS + 1))
    if len(combos) > _COMBOS:
        return None
    lo = np.array([float(x.lower.evaluate(values)) for x in continuous])
    hi = np.array([float(x.upper.evaluate(values)) for x in continuous])
    centre, half = (lo + hi) / 2, (hi - lo) / 2
    ranges = []
    for combo in combos:
        at = {**values, **{x.name: float(v) for x, v in zip(discrete, combo, strict=True)}}
        if not is_affine(body, variables, at):
            return None
        point = {x.name: float(c) for x, c in zip(continuous, centre, strict=True)}
        with np.errstate(all="ignore"):
            g0 = float(body.evaluate({**at, **point}))
            spread = 0.0
            for x, c, h in zip(continuous, centre, half, strict=True):
                if h > 0:
                    step = float(body.evaluate({**at, **point, x.name: c + h})) - g0
                    spread += abs(step)
        if not np.isfinite(g0) or not np.isfinite(spread):
            return None
        ranges.append((g0 - spread, g0 + spread))
    return ranges


def partial_domains(
    parties: Sequence[Party], issues: Sequence[Issue], values: Mapping[str, float]
) -> tuple[str, ...]:
    """A note for each utility undefined inside the box (at its centre or a draw).

    A utility undefined only on the box's boundary (``log(x)`` at ``x = 0``,
    where it falls without bound) is not noted.

    The solvers keep to where every utility is defined, as if that were a
    constraint; the note says so, naming the term and a point where it fails.
    """
    every = sample_points(issues, values)
    points = {k: v[-_DRAWS - 1 :] for k, v in every.items()}  # the centre and the draws
    everything = {**values, **points}
    m = _DRAWS + 1
    names = [x.name for x in issues]
    notes = []
    for party in parties:
        tree = party.utility.tree
        finite = _finite(tree, everything, m)
        if finite.all() or not finite.any():
            continue
        bad = int(np.argmin(finite))
        term = _culprit_at(tree, everything, bad)
        notes.append(
            f"the utility of {party.name!r} is undefined inside the issues' box "
            f"({term_text(term)} at {_at(points, names, bad)}): agreements are sought only where "
            "it is defined; if that is meant, state it as a constraint"
        )
    return tuple(notes)


def _culprit_at(node: Node, values: Mapping[str, Any], j: int) -> Node:
    """The innermost term that is not a real number at sample ``j``."""
    single = {k: (v[j] if isinstance(v, np.ndarray) else v) for k, v in values.items()}
    for child in node.children():
        if not _finite(child, single, 1).all():
            return _culprit_at(child, values, j)
    return node
