r"""Second-order forward-mode derivatives ('jets') of an expression tree, vectorised with numpy.

A *jet* of a formula :math:`f` at :math:`m` points is its value
:math:`f \in \mathbb{R}^m`, its gradient :math:`\nabla f \in \mathbb{R}^{m \times k}`
and its Hessian :math:`\nabla^2 f \in \mathbb{R}^{m \times k \times k}` in
:math:`k` chosen variables. Jets are built bottom-up over the tree
(:mod:`bargaining.expressions.tree`) by the rules

.. math::

    (a \pm b)' &= a' \pm b', \qquad
    (ab)'' = a b'' + b a'' + a' b'^T + b' a'^T, \\
    \varphi(a)' &= \varphi'(a)\, a', \qquad
    \varphi(a)'' = \varphi'(a)\, a'' + \varphi''(a)\, a' a'^T,

with :math:`a / b = a \cdot \varphi(b)` for :math:`\varphi(t) = 1/t` and
:math:`\varphi` one of :math:`\sqrt t`, :math:`\log t`, :math:`e^t`,
:math:`t^p` (constant :math:`p`). Sub-formulas without the variables carry
their value only.

Domains follow the disciplined convex programming atoms the conic path
compiles to (:mod:`bargaining.expressions.curvature`): :math:`1/t` and
:math:`t^p` for :math:`p < 0` need :math:`t > 0`; :math:`t^p` for odd
:math:`p > 1` or fractional :math:`p` needs :math:`t \ge 0`; outside, the
value is ``nan`` (as numpy gives for :math:`\sqrt t` and :math:`\log t` of
:math:`t < 0`). A concave formula is then concave on its whole domain.

The non-smooth atoms ``abs``, ``min`` and ``max`` have no jet:
:func:`not_smooth` names them, and :func:`jet` raises :class:`NotSmoothError`.

Examples
--------
>>> import numpy as np
>>> from bargaining.expressions.tree import Binary, Name, Number
>>> x = Name("x")
>>> j = jet(Binary("**", x, Number(3)), {"x": np.array([2.0])}, ["x"])
>>> float(j.value[0]), float(j.gradient[0, 0]), float(j.hessian[0, 0, 0])
(8.0, 12.0, 12.0)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.expressions.tree import Binary, Call, Name, Negate, Node

__all__ = ["Jet", "NotSmoothError", "jet", "not_smooth", "value"]

_SMOOTH = ("sqrt", "log", "exp")


class NotSmoothError(ValueError):
    """A formula uses an atom without derivatives everywhere (``abs``, ``min``, ``max``)."""


@dataclass(frozen=True, slots=True, eq=False)
class Jet:
    """Value ``(m,)``, gradient ``(m, k)`` and Hessian ``(m, k, k)`` at ``m`` points."""

    value: np.ndarray
    gradient: np.ndarray
    hessian: np.ndarray


@dataclass(frozen=True, slots=True, eq=False)
class _Part:
    """A sub-formula's jet while building; ``None``: identically zero."""

    value: np.ndarray
    gradient: np.ndarray | None = None
    hessian: np.ndarray | None = None


def not_smooth(node: Node) -> str:
    """The first non-smooth atom ``node`` uses (``""`` if none)."""
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Call) and current.func not in _SMOOTH:
            return current.func
        stack.extend(current.children())
    return ""


def jet(node: Node, values: Mapping[str, Any], variables: Sequence[str]) -> Jet:
    """The jet of ``node`` at the points ``values`` (arrays of one length ``m``) in ``variables``.

    Raises :class:`NotSmoothError` for a non-smooth atom. The arrays of the
    returned jet are broadcast to ``m`` rows, zeros filled in.
    """
    rough = not_smooth(node)
    if rough:
        raise NotSmoothError(f"{rough}() has no derivative everywhere")
    lengths = [np.size(values[v]) for v in variables]
    m = max(lengths + [1])
    k = len(variables)
    found = _Builder(values, list(variables), m).build(node)
    gradient = np.zeros((m, k)) if found.gradient is None else np.broadcast_to(found.gradient, (m, k))
    hessian = np.zeros((m, k, k)) if found.hessian is None else np.broadcast_to(found.hessian, (m, k, k))
    return Jet(np.broadcast_to(np.asarray(found.value, dtype=float), (m,)).copy(), gradient, hessian)


def value(node: Node, values: Mapping[str, Any], variables: Collection[str] = ()) -> np.ndarray:
    """The value of ``node`` at ``values``, elementwise, with the domains of the module docstring.

    Only sub-formulas that use one of ``variables`` have their domain restricted;
    the others are evaluated as :meth:`Node.evaluate` does.
    """
    return _value(node, values, _Uses(set(variables)))


class _Uses:
    """Whether a sub-formula uses one of the variables, remembered per node (walking it each time is slow)."""

    def __init__(self, variables: set[str]) -> None:
        self.variables = variables
        self.memo: dict[int, bool] = {}

    def __call__(self, node: Node) -> bool:
        found = self.memo.get(id(node))
        if found is None:
            if isinstance(node, Name):
                found = node.name in self.variables
            else:
                found = any(self(child) for child in node.children())
            self.memo[id(node)] = found
        return found


def _value(node: Node, values: Mapping[str, Any], uses: _Uses) -> np.ndarray:
    if not uses(node):
        return np.asarray(node.evaluate(values), dtype=float)
    if isinstance(node, Name):
        return np.asarray(values[node.name], dtype=float)
    if isinstance(node, Negate):
        return -_value(node.operand, values, uses)
    if isinstance(node, Binary):
        left = _value(node.left, values, uses)
        if node.op == "**":
            return _power_value(left, _exponent(node))
        right = _value(node.right, values, uses)
        if node.op == "+":
            return left + right
        if node.op == "-":
            return left - right
        if node.op == "*":
            return left * right
        if not uses(node.right):
            return np.true_divide(left, right)
        return left * _inverse(right)
    if isinstance(node, Call) and node.func in _SMOOTH:
        return np.asarray(_PLAIN[node.func](_value(node.args[0], values, uses)))
    raise NotSmoothError(f"{node} has no derivative everywhere")


def _exponent(node: Binary) -> float:
    return float(node.right.evaluate({}))


def _inverse(t: np.ndarray) -> np.ndarray:
    return np.where(t > 0, 1.0 / np.where(t > 0, t, 1.0), np.nan)


def _power_value(t: np.ndarray, p: float) -> np.ndarray:
    if p == 0:
        return np.ones_like(t)
    if p == 0.5:
        return np.sqrt(t)
    if p == int(p) and p > 0 and int(p) % 2 == 0:
        return np.power(t, p)
    if p == 1:
        return t
    inside = t > 0 if p < 0 else t >= 0
    return np.where(inside, np.power(np.where(inside, t, 1.0), p), np.nan)


def _power(p: float) -> Callable[[np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    r""":math:`t^p` and its first two derivatives, :math:`p t^{p-1}` and :math:`p(p-1) t^{p-2}`."""

    def derivatives(t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        v = _power_value(t, p)
        base = np.where(np.isnan(v), np.nan, t)  # outside the domain, no derivatives either
        return v, p * np.power(base, p - 1), p * (p - 1) * np.power(base, p - 2)

    return derivatives


def _sqrt(t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r = np.sqrt(t)
    return r, 0.5 / r, -0.25 / (r * t)


def _log(t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.log(t), 1.0 / t, -1.0 / t**2


def _exp(t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    e = np.exp(t)
    return e, e, e


def _reciprocal(t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r = _inverse(t)
    return r, -(r**2), 2 * r**3


_PLAIN: dict[str, Callable[[np.ndarray], np.ndarray]] = {"sqrt": np.sqrt, "log": np.log, "exp": np.exp}

_UNARY: dict[str, Callable[[np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]] = {
    "sqrt": _sqrt,
    "log": _log,
    "exp": _exp,
}


def _outer(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("ma,mb->mab", a, b)


class _Builder:
    """Builds jets bottom-up (see the module docstring)."""

    def __init__(self, values: Mapping[str, Any], variables: list[str], m: int) -> None:
        self.values, self.variables, self.m = values, variables, m
        self.k = len(variables)
        self.uses = _Uses(set(variables))

    def build(self, node: Node) -> _Part:
        if not self.uses(node):
            return _Part(_value(node, self.values, self.uses))
        if isinstance(node, Binary) and node.op == "**" and _exponent(node) == 0:
            return _Part(np.ones(self.m))
        if isinstance(node, Name):
            gradient = np.zeros((self.m, self.k))
            gradient[:, self.variables.index(node.name)] = 1.0
            return _Part(
                np.broadcast_to(np.asarray(self.values[node.name], dtype=float), (self.m,)), gradient
            )
        if isinstance(node, Negate):
            inner = self.build(node.operand)
            return _Part(-inner.value, _neg(inner.gradient), _neg(inner.hessian))
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Call):
            return self.chain(self.build(node.args[0]), _UNARY[node.func])
        raise NotSmoothError(f"{node} has no derivative")  # pragma: no cover

    def binary(self, node: Binary) -> _Part:
        left = self.build(node.left)
        if node.op == "**":
            p = _exponent(node)
            if p == 1:
                return left
            return self.chain(left, _power(p))
        right = self.build(node.right)
        if node.op in ("+", "-"):
            sign = 1.0 if node.op == "+" else -1.0
            return _Part(
                left.value + sign * right.value,
                _add(left.gradient, right.gradient, sign),
                _add(left.hessian, right.hessian, sign),
            )
        if node.op == "/":
            if right.gradient is None:
                return _scale(left, 1.0 / right.value)
            right = self.chain(right, _reciprocal)
        return self.product(left, right)

    def product(self, a: _Part, b: _Part) -> _Part:
        r""":math:`(ab)' = a b' + b a'`, :math:`(ab)'' = a b'' + b a'' + a' b'^T + b' a'^T`."""
        if a.gradient is None:
            return _scale(b, a.value)
        if b.gradient is None:
            return _scale(a, b.value)
        va, vb = a.value[:, None], b.value[:, None]
        gradient = va * b.gradient + vb * a.gradient
        cross = _outer(a.gradient, b.gradient)
        hessian = cross + np.swapaxes(cross, 1, 2)
        if a.hessian is not None:
            hessian = hessian + vb[:, :, None] * a.hessian
        if b.hessian is not None:
            hessian = hessian + va[:, :, None] * b.hessian
        return _Part(a.value * b.value, gradient, hessian)

    def chain(self, inner: _Part, phi: Callable[[np.ndarray], tuple[np.ndarray, ...]]) -> _Part:
        r"""The chain rule, :math:`\varphi(a)' = \varphi'(a) a'`.

        And :math:`\varphi(a)'' = \varphi'(a) a'' + \varphi''(a) a' a'^T`.
        """
        v, first, second = (np.broadcast_to(x, (self.m,)) for x in phi(inner.value))
        if inner.gradient is None:  # pragma: no cover - constants are caught in build
            return _Part(v)
        gradient = first[:, None] * inner.gradient
        hessian = second[:, None, None] * _outer(inner.gradient, inner.gradient)
        if inner.hessian is not None:
            hessian = hessian + first[:, None, None] * inner.hessian
        return _Part(v, gradient, hessian)


def _neg(a: np.ndarray | None) -> np.ndarray | None:
    return None if a is None else -a


def _add(a: np.ndarray | None, b: np.ndarray | None, sign: float) -> np.ndarray | None:
    if b is None:
        return a
    if a is None:
        return sign * b
    return a + sign * b


def _scale(a: _Part, factor: np.ndarray) -> _Part:
    """``factor * a`` for a ``factor`` free of the variables."""
    f = np.broadcast_to(np.asarray(factor, dtype=float), np.shape(a.value))
    gradient = None if a.gradient is None else f[:, None] * a.gradient
    hessian = None if a.hessian is None else f[:, None, None] * a.hessian
    return _Part(a.value * f, gradient, hessian)
