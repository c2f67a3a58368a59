"""Building an expression tree from a whitelisted ``ast`` tree, within stated limits.

The limits (checked while building, so no formula can stall a later solve):

===================  =====================================================
:data:`MAX_LENGTH`   characters in a formula
:data:`MAX_NODES`    numbers, names, operators and calls
:data:`MAX_DEPTH`    levels of true nesting (a flat chain ``a + b - c + ...``
                     or ``a * b / c`` is one level, however long)
:data:`MAX_EXPONENT` size of a constant exponent, ``|p|`` in ``x**p``
===================  =====================================================

Numbers must lie in the range of floating point (about 1.8e308), and so must a
constant power such as ``10**400``; ``9**9**9`` is refused for its exponent,
before sympy could compute the integer.
"""

from __future__ import annotations

import ast
import math
import sys
from collections.abc import Collection
from typing import Any

import numpy as np

from bargaining.errors import ExpressionError, suggest
from bargaining.expressions.tree import Binary, Call, Name, Negate, Node, Number

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "MAX_NODES",
    "Builder",
    "function_list",
    "integer_digits",
]

#: The functions a formula may call, with their number of arguments (``None``: two or more).
FUNCTIONS: dict[str, int | None] = {"sqrt": 1, "log": 1, "exp": 1, "abs": 1, "min": None, "max": None}

#: Limits on a formula, checked at parse time so no formula can stall a solve.
MAX_LENGTH = 100_000
MAX_NODES = 10_000
MAX_DEPTH = 60
MAX_EXPONENT = 1000


class Builder:
    """Builds an expression tree from a whitelisted ``ast`` tree, within the limits.

    Depth counts true nesting: the operands of a chain ``a + b - c + ...`` (or
    ``a * b / c``) are one level below it, however long the chain.
    """

    def __init__(self, source: str, names: Collection[str] | None) -> None:
        self.source = source
        self.names = None if names is None else set(names)
        self.nodes = 0

    def fail(self, message: str) -> ExpressionError:
        return ExpressionError(message, self.source)

    def build(self, node: ast.AST, depth: int = 0) -> Node:
        if depth > MAX_DEPTH:
            raise self.fail(f"{self.short()} nests deeper than {MAX_DEPTH} levels; simplify it")
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(
                f"{self.short()} has more than {MAX_NODES} terms and operators; "
                "split it, or declare a parameter for a repeated part"
            )
        if isinstance(node, ast.Constant):
            return self.number(node.value)
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp):
            operand = self.build(node.operand, depth + 1)
            if isinstance(node.op, ast.USub):
                return Negate(operand)
            if isinstance(node.op, ast.UAdd):
                return operand
            raise self.fail(f"the operator {type(node.op).__name__} is not allowed; use + - * / **")
        if isinstance(node, ast.BinOp):
            return self.binary(node, depth)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        if isinstance(node, ast.Compare):
            raise self.fail("a comparison cannot appear inside a formula")
        kind = {
            ast.Attribute: "attribute access (a.b)",
            ast.Subscript: "indexing (a[i])",
            ast.Lambda: "a lambda",
            ast.IfExp: "an if-expression; use min or max",
            ast.BoolOp: "and/or; use min or max",
        }.get(type(node), type(node).__name__)
        raise self.fail(
            f"{kind} is not allowed in a formula; use numbers, names, + - * / ** and " + function_list()
        )

    def short(self) -> str:
        text = self.source if len(self.source) <= 60 else self.source[:57] + "..."
        return f"the formula {text!r}"

    def number(self, value: Any) -> Node:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{value!r} is not a number; formulas use numbers, names and + - * / **")
        if isinstance(value, int) and abs(value) > _FLOAT_MAX:
            raise self.fail(
                f"{self.short()} has an integer of {integer_digits(value)} digits, beyond the range of "
                "floating point (about 1.8e308); use a smaller number or rescale the units"
            )
        if not math.isfinite(value):
            raise self.fail(
                f"{self.short()} has a number beyond the range of floating point (about 1.8e308); "
                "numbers in a formula must be finite"
            )
        return Number(value)

    def name(self, name: str) -> Node:
        if name in FUNCTIONS:
            raise self.fail(f"{name!r} is a function; call it, e.g. {name}(x)")
        if name.startswith("__"):
            raise self.fail(f"{name!r} is not an allowed name")
        if self.names is not None and name not in self.names:
            raise self.fail(f"unknown name {name!r}{suggest(name, sorted(self.names))}")
        return Name(name)

    def binary(self, node: ast.BinOp, depth: int) -> Node:
        links: list[tuple[ast.operator, ast.expr]] = [(node.op, node.right)]
        family = _FAMILY.get(type(node.op))
        first = node.left
        while family and isinstance(first, ast.BinOp) and _FAMILY.get(type(first.op)) == family:
            self.nodes += 1
            links.append((first.op, first.right))
            first = first.left
        result = self.build(first, depth + 1)
        for op, right in reversed(links):
            result = self.combine(op, result, self.build(right, depth + 1))
        return result

    def combine(self, operator: ast.operator, left: Node, right: Node) -> Node:
        op = _BINARY.get(type(operator))
        if op is None:
            symbol = {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@"}.get(
                type(operator), type(operator).__name__
            )
            raise self.fail(f"the operator {symbol} is not allowed; use + - * / **")
        if op == "/" and _is_zero(right):
            raise self.fail("division by zero")
        if op == "**":
            self.check_power(left, right)
        return Binary(op, left, right)

    def check_power(self, base: Node, exponent: Node) -> None:
        """Refuse a parameter exponent, an exponent beyond :data:`MAX_EXPONENT`, or a constant overflow."""
        if exponent.names():
            raise self.fail(
                "the exponent of ** must be a constant number (e.g. x**0.5); "
                "for a parameter exponent use exp(p*log(x))"
            )
        with np.errstate(all="ignore"):
            p = float(exponent.evaluate({}))
            inner = base
            while isinstance(inner, Binary) and inner.op == "**":  # (x**a)**b is x**(a*b) to sympy
                p *= float(inner.right.evaluate({}))
                inner = inner.left
        if not abs(p) <= MAX_EXPONENT:
            raise self.fail(
                f"{self.short()} raises to the power {p:g}, beyond the limit of {MAX_EXPONENT} "
                f"in size (-{MAX_EXPONENT} to {MAX_EXPONENT}); use a smaller exponent or rescale the formula"
            )
        if not base.names():
            with np.errstate(all="ignore"):
                value = np.power(float(base.evaluate({})), p)
            if np.isinf(value):
                raise self.fail(
                    f"{self.short()} has a constant power beyond the range of floating point "
                    "(about 1.8e308); rescale it"
                )

    def call(self, node: ast.Call, depth: int) -> Node:
        func = node.func
        if not isinstance(func, ast.Name):
            raise self.fail(f"only the functions {function_list()} may be called")
        name = func.id
        if name not in FUNCTIONS:
            raise self.fail(
                f"{name!r} is not an allowed function{suggest(name, list(FUNCTIONS))}; use {function_list()}"
            )
        if node.keywords:
            raise self.fail(f"{name}() takes no keyword arguments")
        if any(isinstance(arg, ast.Starred) for arg in node.args):
            raise self.fail(f"{name}() takes plain arguments, not *args")
        arity = FUNCTIONS[name]
        if arity is None and len(node.args) < 2:
            raise self.fail(f"{name}() needs two or more arguments, e.g. {name}(x, 0)")
        if arity is not None and len(node.args) != arity:
            raise self.fail(f"{name}() takes exactly {arity} argument, got {len(node.args)}")
        return Call(name, tuple(self.build(arg, depth + 1) for arg in node.args))


_BINARY: dict[type, str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_FAMILY: dict[type, str] = {ast.Add: "+", ast.Sub: "+", ast.Mult: "*", ast.Div: "*"}
_FLOAT_MAX = sys.float_info.max


def integer_digits(value: int) -> str:
    """How many digits an integer has, exactly below Python's 4300-digit conversion limit."""
    if abs(value).bit_length() < 14_000:
        return str(len(str(abs(value))))
    return f"about {round(abs(value).bit_length() * 0.30103)}"


def _is_zero(node: Node) -> bool:
    """Whether a name-free sub-formula is zero (the division check)."""
    if node.names():
        return False
    with np.errstate(all="ignore"):
        value = node.evaluate({})
    return bool(value == 0)


def function_list() -> str:
    names = list(FUNCTIONS)
    return ", ".join(names[:-1]) + " or " + names[-1]
