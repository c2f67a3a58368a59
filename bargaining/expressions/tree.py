r"""The package's own expression tree: small immutable nodes, evaluated with numpy.

A parsed formula is a tree of :class:`Number`, :class:`Name`, :class:`Negate`,
:class:`Binary` (``+ - * / **``) and :class:`Call` (``sqrt log exp abs min
max``) nodes. The tree knows the names it uses, evaluates itself elementwise
on numpy arrays, substitutes values for names, and builds its sympy form only
when :meth:`Node.to_sympy` is called (for exact forms and symbolic
derivatives), so loading a spec never imports sympy.

Examples
--------
>>> x = Name("x")
>>> f = Binary("+", Call("sqrt", (x,)), Number(1))
>>> sorted(f.names())
['x']
>>> float(f.evaluate({"x": 4.0}))
3.0
>>> str(f.to_sympy())
'sqrt(x) + 1'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.errors import ExpressionError

__all__ = [
    "CHAINS",
    "OPERATORS",
    "Binary",
    "Call",
    "Name",
    "Negate",
    "Node",
    "Number",
    "chain",
    "evaluate_sympy",
    "sympy_symbol",
]

#: Operators that chain: ``a + b - c`` and ``a * b / c`` are flat chains, not nesting.
CHAINS: dict[str, str] = {"+": "+", "-": "+", "*": "*", "/": "*"}


def _power(base: Any, exponent: Any) -> Any:
    if np.ndim(exponent) == 0 and float(exponent) == 0.5:
        return np.sqrt(base)
    return np.power(np.asarray(base, dtype=float), exponent)


#: The binary operators, evaluated with numpy.
OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: np.true_divide(a, b),
    "**": _power,
}

_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "sqrt": np.sqrt,
    "log": np.log,
    "exp": np.exp,
    "abs": np.abs,
    "min": lambda *args: _reduce(np.minimum, args),
    "max": lambda *args: _reduce(np.maximum, args),
}


def _reduce(func: Callable[[Any, Any], Any], args: tuple[Any, ...]) -> Any:
    result = args[0]
    for arg in args[1:]:
        result = func(result, arg)
    return result


def sympy_symbol(name: str) -> Any:
    """The sympy symbol of a name: real, so sympy can decide inequalities on intervals."""
    import sympy

    return sympy.Symbol(name, real=True)


class Node:
    """A node of a formula's tree (immutable)."""

    __slots__ = ()

    def children(self) -> tuple[Node, ...]:
        """The node's operands."""
        return ()

    def names(self) -> frozenset[str]:
        """The issue and parameter names the sub-formula uses."""
        found: set[str] = set()
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, Name):
                found.add(node.name)
            stack.extend(node.children())
        return frozenset(found)

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        """The value, with numpy, elementwise over arrays (no finiteness check)."""
        raise NotImplementedError

    def substitute(self, values: Mapping[str, float]) -> Node:
        """The tree with the named values put in as numbers."""
        raise NotImplementedError

    def to_sympy(self) -> Any:
        """The sympy expression, built node by node (imports sympy)."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Number(Node):
    """A numeric constant, an ``int`` or a ``float`` as written."""

    value: int | float

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        return float(self.value)

    def substitute(self, values: Mapping[str, float]) -> Node:
        return self

    def to_sympy(self) -> Any:
        import sympy

        return sympy.Integer(self.value) if isinstance(self.value, int) else sympy.Float(self.value)


@dataclass(frozen=True, slots=True)
class Name(Node):
    """An issue or a parameter."""

    name: str

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        return values[self.name]

    def substitute(self, values: Mapping[str, float]) -> Node:
        return Number(float(values[self.name])) if self.name in values else self

    def to_sympy(self) -> Any:
        return sympy_symbol(self.name)


@dataclass(frozen=True, slots=True)
class Negate(Node):
    """Unary minus, :math:`-a`."""

    operand: Node

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        return -self.operand.evaluate(values)

    def substitute(self, values: Mapping[str, float]) -> Node:
        return Negate(self.operand.substitute(values))

    def to_sympy(self) -> Any:
        return -self.operand.to_sympy()


@dataclass(frozen=True, slots=True)
class Binary(Node):
    """``left op right`` for ``op`` in ``+ - * / **`` (the exponent a constant)."""

    op: str
    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        first, links = chain(self)
        result = first.evaluate(values)
        for op, right in links:  # left to right, as the nested form would: the same bits
            result = OPERATORS[op](result, right.evaluate(values))
        return result

    def substitute(self, values: Mapping[str, float]) -> Node:
        first, links = chain(self)
        result = first.substitute(values)
        for op, right in links:
            result = Binary(op, result, right.substitute(values))
        return result

    def to_sympy(self) -> Any:
        import sympy

        first, links = chain(self)
        if self.op == "**":
            return sympy.Pow(first.to_sympy(), links[0][1].to_sympy())
        # One n-ary Add or Mul for a whole chain: sympy would re-flatten at every link.
        terms = [first.to_sympy()]
        for op, right in links:
            term = right.to_sympy()
            terms.append(-term if op == "-" else 1 / term if op == "/" else term)
        return sympy.Add(*terms) if CHAINS[self.op] == "+" else sympy.Mul(*terms)


@dataclass(frozen=True, slots=True)
class Call(Node):
    """A call of a whitelisted function: ``sqrt log exp abs`` or ``min max``."""

    func: str
    args: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.args

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        return _FUNCTIONS[self.func](*(arg.evaluate(values) for arg in self.args))

    def substitute(self, values: Mapping[str, float]) -> Node:
        return Call(self.func, tuple(arg.substitute(values) for arg in self.args))

    def to_sympy(self) -> Any:
        import sympy

        constructors: dict[str, Callable[..., Any]] = {
            "sqrt": sympy.sqrt,
            "log": sympy.log,
            "exp": sympy.exp,
            "abs": sympy.Abs,
            "min": sympy.Min,
            "max": sympy.Max,
        }
        return constructors[self.func](*(arg.to_sympy() for arg in self.args))


def chain(node: Binary) -> tuple[Node, list[tuple[str, Node]]]:
    """A chain ``a + b - c`` (or ``a * b / c``) as its first operand and its ``(op, operand)`` links.

    The parser builds a chain as a left-deep tree; walking its left spine in a
    loop keeps the recursion depth to the true nesting of the formula, not the
    length of a sum. ``**`` does not chain: its one link is returned.
    """
    family = CHAINS.get(node.op)
    if family is None:
        return node.left, [(node.op, node.right)]
    links: list[tuple[str, Node]] = []
    current: Node = node
    while isinstance(current, Binary) and CHAINS.get(current.op) == family:
        links.append((current.op, current.right))
        current = current.left
    links.reverse()
    return current, links


def evaluate_sympy(expr: Any, values: Mapping[str, Any]) -> Any:
    """Evaluate a sympy formula built from an expression tree with numpy, elementwise.

    Only the node types :meth:`~bargaining.expressions.tree.Node.to_sympy` can
    produce are supported (plus Rational and the constants sympy introduces
    when simplifying).
    """
    import sympy as sp

    if expr.is_Symbol:
        return values[expr.name]
    if expr.is_Number or expr.is_NumberSymbol:
        return float(expr)
    args = [evaluate_sympy(arg, values) for arg in expr.args]
    if expr.is_Add:
        return _reduce(lambda a, b: a + b, tuple(args))
    if expr.is_Mul:
        return _reduce(lambda a, b: a * b, tuple(args))
    if expr.is_Pow:
        base, exponent = args
        if exponent == 0.5:
            return np.sqrt(base)
        return np.power(np.asarray(base, dtype=float), exponent)
    unary: dict[type, Callable[[Any], Any]] = {sp.exp: np.exp, sp.log: np.log, sp.Abs: np.abs}
    for kind, func in unary.items():
        if isinstance(expr, kind):
            return func(args[0])
    if isinstance(expr, sp.Min):
        return _reduce(np.minimum, tuple(args))
    if isinstance(expr, sp.Max):
        return _reduce(np.maximum, tuple(args))
    raise ExpressionError(f"cannot evaluate {expr} numerically")  # pragma: no cover
