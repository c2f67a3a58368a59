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

from bargaining.expressions.tree import Binary, Call, Name, Negate, Node, Number

__all__ = [
    "Jet",
    "NotSmoothError",
    "compile_jet",
    "compile_jet_parts",
    "compile_value",
    "jet",
    "not_smooth",
    "value",
]

_SMOOTH = ("sqrt", "log", "exp")


class NotSmoothError(ValueError):
    """A formula uses an atom without derivatives everywhere (``abs``, ``min``, ``max``)."""


@dataclass(frozen=True, slots=True, eq=False)
class Jet:
    """Value ``(m,)``, gradient ``(m, k)`` and Hessian ``(m, k, k)`` at ``m`` points."""

    value: np.ndarray
    gradient: np.ndarray
    hessian: np.ndarray


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
    returned jet are broadcast to ``m`` rows, zeros filled in. To evaluate one
    formula many times, compile it once with :func:`compile_jet`.
    """
    return compile_jet(node, variables)(values)


def value(node: Node, values: Mapping[str, Any], variables: Collection[str] = ()) -> np.ndarray:
    """The value of ``node`` at ``values``, elementwise, with the domains of the module docstring.

    Only sub-formulas that use one of ``variables`` have their domain restricted;
    the others are evaluated as :meth:`Node.evaluate` does. To evaluate one
    formula many times, compile it once with :func:`compile_value`.
    """
    return compile_value(node, variables)(values)


def compile_value(node: Node, variables: Collection[str] = ()) -> Callable[[Mapping[str, Any]], np.ndarray]:
    """:func:`value` of ``node`` as a function of ``values``: the tree is walked once, here.

    The result is a tree of closures, one per node that uses a variable, each
    chosen from the node's type when compiling (no text is evaluated); the
    parameters stay inputs, so one compilation serves every parameter value.
    """
    return _value_op(node, _Uses(set(variables)))


def compile_jet(node: Node, variables: Sequence[str]) -> Callable[[Mapping[str, Any]], Jet]:
    """:func:`jet` of ``node`` in ``variables``, compiled as :func:`compile_value`."""
    rough = not_smooth(node)
    if rough:
        raise NotSmoothError(f"{rough}() has no derivative everywhere")
    names = list(variables)
    k = len(names)
    op = compile_jet_parts(node, names)

    def run(values: Mapping[str, Any]) -> Jet:
        m = max([np.size(values[v]) for v in names] + [1])
        v, gradient, hessian = op(values)
        return Jet(
            np.broadcast_to(v, (m,)).copy(),
            np.zeros((m, k)) if gradient is None else np.broadcast_to(gradient, (m, k)),
            np.zeros((m, k, k)) if hessian is None else np.broadcast_to(hessian, (m, k, k)),
        )

    return run


def compile_jet_parts(
    node: Node, variables: Sequence[str]
) -> Callable[[Mapping[str, Any]], tuple[np.ndarray, np.ndarray | None, np.ndarray | None]]:
    """:func:`compile_jet` without the final broadcast, for callers that fill arrays of their own.

    The function returns the value ``(m,)`` or ``(1,)``, the gradient ``(m, k)``
    or ``(1, k)`` and the Hessian ``(m, k, k)`` or ``(1, k, k)``, ``None`` for
    one that is identically zero.
    """
    rough = not_smooth(node)
    if rough:
        raise NotSmoothError(f"{rough}() has no derivative everywhere")
    return _JetCompiler(list(variables)).compile(node)


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


ValueOp = Callable[[Mapping[str, Any]], np.ndarray]

_ARITHMETIC: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
}


def _constant(node: Node) -> ValueOp:
    """A sub-formula free of the variables, evaluated as :meth:`Node.evaluate` does."""
    if isinstance(node, Number):
        number = np.asarray(float(node.value))
        return lambda values: number
    if isinstance(node, Name):
        name = node.name
        return lambda values: np.asarray(values[name], dtype=float)

    def op(values: Mapping[str, Any]) -> np.ndarray:
        return np.asarray(node.evaluate(values), dtype=float)

    return op


def _value_op(node: Node, uses: _Uses) -> ValueOp:
    if not uses(node):
        return _constant(node)
    if isinstance(node, Name):
        name = node.name
        return lambda values: np.asarray(values[name], dtype=float)
    if isinstance(node, Negate):
        inner = _value_op(node.operand, uses)
        return lambda values: -inner(values)
    if isinstance(node, Binary):
        return _binary_value_op(node, uses)
    if isinstance(node, Call) and node.func in _SMOOTH:
        f, arg = _PLAIN[node.func], _value_op(node.args[0], uses)
        return lambda values: np.asarray(f(arg(values)))
    raise NotSmoothError(f"{node} has no derivative everywhere")


def _binary_value_op(node: Binary, uses: _Uses) -> ValueOp:
    left = _value_op(node.left, uses)
    if node.op == "**":
        p = _exponent(node)
        return lambda values: _power_value(left(values), p)
    right = _value_op(node.right, uses)
    if node.op in _ARITHMETIC:
        f = _ARITHMETIC[node.op]
        return lambda values: f(left(values), right(values))
    if not uses(node.right):
        return lambda values: np.true_divide(left(values), right(values))
    return lambda values: left(values) * _inverse(right(values))


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


#: A sub-formula's jet while building: value, gradient, Hessian, each broadcastable to ``(m, ...)``;
#: ``None``: identically zero.
_Part = tuple[np.ndarray, np.ndarray | None, np.ndarray | None]
_JetOp = Callable[[Mapping[str, Any]], _Part]


class _JetCompiler:
    """Compiles jets bottom-up (see the module docstring) into closures, once per formula."""

    def __init__(self, variables: list[str]) -> None:
        self.variables = variables
        self.k = len(variables)
        self.uses = _Uses(set(variables))

    def compile(self, node: Node) -> _JetOp:
        if not self.uses(node):
            constant = _constant(node)
            return lambda values: (constant(values).reshape(-1), None, None)
        if isinstance(node, Binary) and node.op == "**" and _exponent(node) == 0:
            one = np.ones(1)
            return lambda values: (one, None, None)
        if isinstance(node, Name):
            name, unit = node.name, np.zeros((1, self.k))
            unit[0, self.variables.index(node.name)] = 1.0
            return lambda values: (np.asarray(values[name], dtype=float).reshape(-1), unit, None)
        if isinstance(node, Negate):
            inner = self.compile(node.operand)
            return lambda values: _negate(inner(values))
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Call):
            return _chain(self.compile(node.args[0]), _UNARY[node.func])
        raise NotSmoothError(f"{node} has no derivative")  # pragma: no cover

    def binary(self, node: Binary) -> _JetOp:
        left = self.compile(node.left)
        if node.op == "**":
            p = _exponent(node)
            return left if p == 1 else _chain(left, _power(p))
        if node.op == "/" and not self.uses(node.right):
            denominator = _constant(node.right)
            return lambda values: _scale(left(values), 1.0 / denominator(values))
        right = self.compile(node.right)
        if node.op in ("+", "-"):
            sign = 1.0 if node.op == "+" else -1.0
            return lambda values: _sum(left(values), right(values), sign)
        if node.op == "/":
            right = _chain(right, _reciprocal)
        return lambda values: _product(left(values), right(values))


def _negate(a: _Part) -> _Part:
    return -a[0], _neg(a[1]), _neg(a[2])


def _sum(a: _Part, b: _Part, sign: float) -> _Part:
    return a[0] + sign * b[0], _add(a[1], b[1], sign), _add(a[2], b[2], sign)


def _product(a: _Part, b: _Part) -> _Part:
    r""":math:`(ab)' = a b' + b a'`, :math:`(ab)'' = a b'' + b a'' + a' b'^T + b' a'^T`."""
    va, ga, ha = a
    vb, gb, hb = b
    if ga is None:
        return _scale(b, va)
    if gb is None:
        return _scale(a, vb)
    cross = ga[:, :, None] * gb[:, None, :]
    hessian = cross + np.swapaxes(cross, 1, 2)
    if ha is not None:
        hessian = hessian + vb[:, None, None] * ha
    if hb is not None:
        hessian = hessian + va[:, None, None] * hb
    return va * vb, va[:, None] * gb + vb[:, None] * ga, hessian


def _chain(inner: _JetOp, phi: Callable[[np.ndarray], tuple[np.ndarray, ...]]) -> _JetOp:
    r"""The chain rule, :math:`\varphi(a)' = \varphi'(a) a'`.

    And :math:`\varphi(a)'' = \varphi'(a) a'' + \varphi''(a) a' a'^T`.
    """

    def op(values: Mapping[str, Any]) -> _Part:
        t, g, h = inner(values)
        v, first, second = phi(t)
        if g is None:  # pragma: no cover - constants are caught when compiling
            return v, None, None
        hessian = second[:, None, None] * (g[:, :, None] * g[:, None, :])
        if h is not None:
            hessian = hessian + first[:, None, None] * h
        return v, first[:, None] * g, hessian

    return op


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
    f = np.asarray(factor, dtype=float).reshape(-1)
    v, g, h = a
    return v * f, None if g is None else f[:, None] * g, None if h is None else f[:, None, None] * h
