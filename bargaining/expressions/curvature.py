r"""Curvature of a formula's tree by the disciplined convex programming rules, without cvxpy.

``bargain validate`` must tell whether each utility is concave and each
constraint convex in the continuous issues, as the cvxpy compilation
(:mod:`bargaining.expressions.to_cvxpy`) would, but without importing cvxpy.
This module applies cvxpy's DCP rules to the tree: each atom has a curvature
and a monotonicity (which may depend on the sign of its argument), and

.. math::

    f(g(x)) \text{ is convex if } f \text{ is convex and, for each argument, }
    g \text{ is affine, or } f \nearrow \text{ and } g \text{ convex, or }
    f \searrow \text{ and } g \text{ concave}

(concave likewise). Variable-free sub-formulas are constants with the value
they take at the given parameter values; as in the compiler, a constant that
multiplies a nonlinear term has the sign of its value, a constant added to a
term has no known sign unless it is a plain number.

The rules are conservative: :func:`shape` answers ``None`` where it cannot
decide (a product of issue terms, a non-finite constant, ...), and the caller
then falls back to the cvxpy compilation, which decides and words the error.

===============  ==========  ===============================
atom             curvature   monotone
===============  ==========  ===============================
``sqrt log``     concave     increasing
``exp``          convex      increasing
``abs``          convex      increasing for x >= 0, decreasing for x <= 0
``min / max``    concave /   increasing
                 convex
``x**p``         p < 0: convex, decreasing; 0 < p < 1: concave, increasing;
                 p > 1: convex (even p: monotone by the sign of x, else increasing)
===============  ==========  ===============================
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np

from bargaining.expressions.tree import OPERATORS, Binary, Call, Name, Negate, Node, chain

__all__ = ["Shape", "is_affine", "is_concave", "is_convex", "shape"]


@dataclass(frozen=True, slots=True)
class Shape:
    """What the DCP rules know of a sub-formula.

    Attributes
    ----------
    convex, concave
        Whether the rules prove it convex, concave (both: affine).
    sign
        ``1`` nonnegative, ``-1`` nonpositive, ``0`` unknown.
    constant
        Whether it uses no continuous issue; then ``value`` is its value.
    """

    convex: bool
    concave: bool
    sign: int = 0
    constant: bool = False
    value: float = 0.0

    @property
    def affine(self) -> bool:
        """Whether it is affine in the issues."""
        return self.convex and self.concave

    def negated(self) -> Shape:
        """The shape of :math:`-f`."""
        return Shape(self.concave, self.convex, -self.sign, self.constant, -self.value)


_AFFINE = Shape(True, True)
_UNKNOWN = Shape(False, False)


def shape(node: Node, variables: Collection[str], values: Mapping[str, float]) -> Shape | None:
    """The :class:`Shape` of ``node`` in ``variables`` at parameter ``values``; ``None``: undecided."""
    names = node.names()
    if not names & set(variables):
        with np.errstate(all="ignore"):
            return _constant(float(node.evaluate(values)), names)
    if isinstance(node, Name):
        return _AFFINE
    if isinstance(node, Negate):
        inner = shape(node.operand, variables, values)
        return None if inner is None else inner.negated()
    if isinstance(node, Binary):
        return _binary(node, variables, values)
    if isinstance(node, Call):
        return _call(node, variables, values)
    return None  # pragma: no cover


def _constant(value: float, names: Collection[str]) -> Shape | None:
    """The shape of a variable-free sub-formula of the given value (``None`` if not finite)."""
    if not np.isfinite(value):
        return None
    sign = (1 if value >= 0 else -1) if not names else 0
    return Shape(True, True, sign, True, value)


def _binary(node: Binary, variables: Collection[str], values: Mapping[str, float]) -> Shape | None:
    if node.op == "**":
        base = shape(node.left, variables, values)
        return None if base is None else _power(node, base)
    # A chain a + b - c ... (or a * b / c ...) folds left to right in a loop, link by link,
    # with the shape each left-deep prefix would have: recursion stays at the true nesting.
    first, links = chain(node)
    variables = set(variables)
    names = set(first.names())
    result = shape(first, variables, values)
    with np.errstate(all="ignore"):
        value = float(first.evaluate(values)) if not names & variables else 0.0
    for op, right in links:
        right_names = right.names()
        if not (names | right_names) & variables:
            with np.errstate(all="ignore"):
                value = float(OPERATORS[op](value, right.evaluate(values)))
            names |= right_names
            result = _constant(value, names)
            continue
        if result is not None:
            result = _link(op, result, not names, right, variables, values)
        names |= right_names
    return result


def _link(
    op: str,
    left: Shape,
    numeric_left: bool,
    right_node: Node,
    variables: Collection[str],
    values: Mapping[str, float],
) -> Shape | None:
    """The shape of ``left op right_node``, ``op`` in ``+ - * /`` (``numeric_left``: left uses no name)."""
    right = shape(right_node, variables, values)
    if right is None:
        return None
    if op in ("+", "-"):
        right = right if op == "+" else right.negated()
        return Shape(left.convex and right.convex, left.concave and right.concave, _sum_sign(left, right))
    if op == "*":
        if not (left.constant or right.constant):
            return None
        coefficient, body = (left, right) if left.constant else (right, left)
        numeric = numeric_left if left.constant else not right_node.names()
        return _scaled(coefficient.value, body, numeric)
    if not right.constant:
        # c / g = c * g**-1, with g**-1 convex and decreasing (cvxpy's inv_pos).
        if not left.constant or _factors(right_node):
            return None
        inverse = _compose(True, False, -1, right)
        return _scaled(left.value, Shape(inverse[0], inverse[1], 1), numeric_left)
    if right.value == 0:
        return None
    return _scaled(1.0 / right.value, left, not right_node.names())


def _factors(node: Node) -> bool:
    """Whether sympy may pull a factor out of ``node`` raised to an odd power.

    sympy writes ``(-x)**-1`` as ``-1/x`` and ``(c*x)**3`` as ``c**3*x**3``,
    which changes which side of zero cvxpy's ``inv_pos`` and ``power`` act on,
    so the curvature of the compiled form is not the tree's: leave it undecided.
    """
    return isinstance(node, Negate) or (isinstance(node, Binary) and node.op in ("*", "/"))


def _negative_factor(node: Node) -> bool:
    """Whether a product or quotient chain has a minus sign sympy would pull out of a root.

    sympy writes ``sqrt(-2*e)`` as ``I*sqrt(2)*sqrt(e)``, which cvxpy cannot take.
    """
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Negate):
            return True
        if isinstance(current, Binary) and current.op in ("*", "/"):
            stack.extend((current.left, current.right))
    return False


def _scaled(factor: float, body: Shape, numeric: bool) -> Shape:
    """The shape of ``factor * body`` (a parameter signed by its value, as the compiler declares it)."""
    if body.affine:
        sign = int(np.sign(factor)) * body.sign if numeric else 0
        return Shape(True, True, sign)
    scaled = body if factor >= 0 else body.negated()
    return Shape(scaled.convex, scaled.concave, body.sign * (1 if factor >= 0 else -1))


def _sum_sign(left: Shape, right: Shape) -> int:
    if left.sign == right.sign:
        return left.sign
    return 0


def _compose(convex: bool, concave: bool, monotone: int, arg: Shape) -> tuple[bool, bool]:
    """Curvature of ``f(arg)`` for ``f`` of the given curvature and monotonicity (+1, -1, 0)."""
    if arg.affine:
        return convex, concave
    return (
        convex and ((monotone > 0 and arg.convex) or (monotone < 0 and arg.concave)),
        concave and ((monotone > 0 and arg.concave) or (monotone < 0 and arg.convex)),
    )


def _power(node: Binary, base: Shape) -> Shape | None:
    with np.errstate(all="ignore"):
        p = float(node.right.evaluate({}))
    if not np.isfinite(p) or (p == int(p) and int(p) % 2 and _factors(node.left)):
        return None
    if p == int(p) and int(p) % 2 and abs(p) > 1 and isinstance(node.left, Call) and node.left.func == "abs":
        return None  # sympy writes abs(f)**3 as f**2*abs(f), a product cvxpy cannot take: it decides
    if p != int(p) and _negative_factor(node.left):
        return None
    if p == 1:
        return base
    if p == 0:
        return Shape(True, True, 1, True, 1.0)
    if p < 0:
        convex, concave = _compose(True, False, -1, base)
        return Shape(convex, concave, 1)
    if p < 1:
        convex, concave = _compose(False, True, 1, base)
        return Shape(convex, concave, 1 if p == 0.5 else 0)
    if p == int(p) and int(p) % 2 == 0:
        convex, concave = _compose(True, False, base.sign, base)
        return Shape(convex, concave, 1)
    convex, concave = _compose(True, False, 1, base)
    return Shape(convex, concave, 0)


_ATOMS: dict[str, tuple[bool, bool, int, int]] = {
    # name: (convex, concave, monotone, sign of the result)
    "sqrt": (False, True, 1, 1),
    "log": (False, True, 1, 0),
    "exp": (True, False, 1, 1),
    "min": (False, True, 1, 0),
    "max": (True, False, 1, 0),
}


def _call(node: Call, variables: Collection[str], values: Mapping[str, float]) -> Shape | None:
    args = [shape(arg, variables, values) for arg in node.args]
    known = [arg for arg in args if arg is not None]
    if len(known) < len(args) or (node.func == "sqrt" and _negative_factor(node.args[0])):
        return None
    if node.func == "abs":
        if _reciprocal(node.args[0]):
            return None  # sympy turns abs(1/f) into 1/abs(f), which cvxpy cannot take: it decides
        convex, concave = _compose(True, False, known[0].sign, known[0])
        return Shape(convex, concave, 1)
    f_convex, f_concave, monotone, sign = _ATOMS[node.func]
    convex, concave = f_convex, f_concave
    for arg in known:
        c, k = _compose(f_convex, f_concave, monotone, arg)
        convex, concave = convex and c, concave and k
    return Shape(convex, concave, sign)


def _reciprocal(node: Node) -> bool:
    """Whether ``node`` divides by something or raises it to a negative power."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Binary):
            if current.op == "/":
                return True
            if current.op == "**":
                with np.errstate(all="ignore"):
                    if float(current.right.evaluate({})) < 0:  # exponents are numbers, as in _power
                        return True
        stack.extend(current.children())
    return False


def is_concave(node: Node, variables: Collection[str], values: Mapping[str, float]) -> bool:
    """Whether the DCP rules prove ``node`` concave in ``variables`` (``False``: not proven)."""
    found = shape(node, variables, values)
    return found is not None and found.concave


def is_convex(node: Node, variables: Collection[str], values: Mapping[str, float]) -> bool:
    """Whether the DCP rules prove ``node`` convex in ``variables`` (``False``: not proven)."""
    found = shape(node, variables, values)
    return found is not None and found.convex


def is_affine(node: Node, variables: Collection[str], values: Mapping[str, float]) -> bool:
    """Whether the DCP rules prove ``node`` affine in ``variables`` (``False``: not proven)."""
    found = shape(node, variables, values)
    return found is not None and found.affine
