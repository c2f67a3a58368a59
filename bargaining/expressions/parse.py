r"""The formula language of specs: a whitelist over Python's ``ast``, into an expression tree.

Utilities, disagreement values, bounds and constraints are written as
formulas over issue variables and parameters, for example::

    0.6*territory + 0.4*sqrt(security) - holding_cost*kursk_held

The grammar is a small, safe subset of Python's expression syntax:

=====================  =====================================================
numbers                ``2``, ``0.25``, ``1e-3``
names                  issues and parameters declared in the spec
arithmetic             ``+ - * /`` and ``**`` with a constant exponent
functions              ``sqrt log exp abs`` (one argument), ``min max`` (two or more)
comparisons            ``<=``, ``>=``, ``==`` (constraints only, one per formula)
=====================  =====================================================

Anything else (attribute access, subscripts, strings, lambdas, calls of other
functions such as ``__import__('os')``) is rejected with an
:class:`~bargaining.errors.ExpressionError` that says what is allowed. Text
is parsed by :func:`ast.parse` only; it never reaches ``eval``, ``exec``,
``sympify`` or ``parse_expr``. The parsed tree is built node by node into the
package's own tree (:mod:`bargaining.expressions.tree`), evaluated with numpy
(:meth:`Expression.evaluate`) and checked for curvature
(:mod:`bargaining.expressions.curvature`) without sympy; the sympy form
(:attr:`Expression.sympy`), built from the tree on demand, is differentiated
and solved exactly and compiled to cvxpy (:mod:`bargaining.expressions.to_cvxpy`).

Examples
--------
>>> e = parse_expression("0.5*sqrt(x) + max(y, 0)", names={"x", "y"})
>>> sorted(e.names)
['x', 'y']
>>> float(e.evaluate({"x": 4.0, "y": -1.0}))
1.0
>>> parse_expression("__import__('os')")
Traceback (most recent call last):
...
bargaining.errors.ExpressionError: '__import__' is not an allowed function; use sqrt, log, exp, abs, ...
"""

from __future__ import annotations

import ast
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bargaining.errors import ExpressionError, suggest
from bargaining.expressions.build import FUNCTIONS, MAX_DEPTH, MAX_EXPONENT, MAX_LENGTH, MAX_NODES, Builder
from bargaining.expressions.tree import Binary, Node, evaluate_sympy

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "MAX_NODES",
    "Inequality",
    "Expression",
    "parse_comparison",
    "parse_expression",
]


@dataclass(frozen=True, slots=True, eq=False)
class Expression:
    """A parsed formula: its source text, its expression tree and the names it uses.

    Build with :func:`parse_expression`. Two expressions are equal when their
    source texts are. The sympy form is built from the tree on first use of
    :attr:`sympy` (loading a spec does not import sympy).

    Attributes
    ----------
    source
        The formula as written (kept for round trips and messages).
    tree
        The formula as a :class:`~bargaining.expressions.tree.Node`.
    names
        The issue and parameter names the formula uses.
    """

    source: str
    tree: Node = field(repr=False)
    names: frozenset[str] = field(repr=False)
    exact: Any = field(default=None, init=False, repr=False)

    @property
    def sympy(self) -> Any:
        """The formula as a sympy expression over real symbols (built once, on demand)."""
        if self.exact is None:
            try:
                exact = self.tree.to_sympy()
            except (ValueError, TypeError) as exc:  # e.g. min(x, sqrt(log(0.5))): a complex constant
                raise ExpressionError(
                    f"{self.source!r} has no real value where sympy evaluates its constants ({exc}); "
                    "check square roots, logs and powers of negative numbers"
                ) from None
            object.__setattr__(self, "exact", exact)
        return self.exact

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Expression) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)

    def __str__(self) -> str:
        return self.source

    @property
    def is_constant(self) -> bool:
        """Whether the formula uses no name."""
        return not self.names

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        """The formula's value, with numpy, for ``values`` of every name it uses.

        Values may be floats or numpy arrays (evaluated elementwise, with
        broadcasting), so a whole sweep is evaluated in one call.

        Raises
        ------
        ExpressionError
            If a name has no value, or the result is not finite (e.g. ``log(0)``
            or a division by zero).
        """
        missing = self.names.difference(values)
        if missing:
            raise ExpressionError(
                f"no value for {', '.join(sorted(missing))} in {self.source!r}", self.source
            )
        with np.errstate(all="ignore"):
            # Once the sympy form is built (a solve compiles it), numbers come from it
            # as they did before the tree, the same to the last bit; else from the tree.
            exact = self.exact
            result = self.tree.evaluate(values) if exact is None else evaluate_sympy(exact, values)
        if not np.all(np.isfinite(result)):
            raise ExpressionError(
                f"{self.source!r} is not finite at "
                + ", ".join(f"{k}={_fmt(values[k])}" for k in sorted(self.names))
                + " (a division by zero, or log/sqrt of a negative number?)",
                self.source,
            )
        return result


def _fmt(value: Any) -> str:
    arr = np.asarray(value)
    return f"{float(arr):g}" if arr.ndim == 0 else f"array{arr.shape}"


@dataclass(frozen=True, slots=True, eq=False)
class Inequality:
    """A parsed constraint ``lhs <= rhs``, ``lhs >= rhs`` or ``lhs == rhs``.

    Stored in the normal form ``body <= 0`` or ``body == 0``.

    Attributes
    ----------
    source
        The constraint as written.
    body
        ``lhs - rhs`` (for ``<=`` and ``==``) or ``rhs - lhs`` (for ``>=``).
    equality
        Whether the constraint is ``==``.
    """

    source: str
    body: Expression = field(repr=False)
    equality: bool = field(repr=False)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Inequality) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)

    def __str__(self) -> str:
        return self.source

    @property
    def names(self) -> frozenset[str]:
        """The names the constraint uses."""
        return self.body.names


def parse_expression(
    text: str | float | int | Expression, names: Collection[str] | None = None
) -> Expression:
    """Parse a formula through the whitelist into an :class:`Expression`.

    Parameters
    ----------
    text
        The formula; a number is accepted as a constant formula.
    names
        The names the formula may use. ``None`` accepts any identifier.

    Raises
    ------
    ExpressionError
        If the formula is not in the language, or uses an unknown name (with a
        suggestion for a likely typo).
    """
    if isinstance(text, Expression):
        if names is not None:
            _check_names(text.names, names, text.source)
        return text
    source = _source_text(text)
    tree = _parse(source, "eval")
    body = tree.body
    if isinstance(body, ast.Compare):
        raise ExpressionError(
            f"{source!r} is a comparison; a comparison belongs in a constraint, not in a formula", source
        )
    tree = Builder(source, names).build(body)
    return Expression(source, tree, tree.names())


def parse_comparison(text: str | Inequality, names: Collection[str] | None = None) -> Inequality:
    """Parse a constraint ``lhs <= rhs``, ``lhs >= rhs`` or ``lhs == rhs``.

    Raises
    ------
    ExpressionError
        If the text is not a single comparison of two formulas.
    """
    if isinstance(text, Inequality):
        if names is not None:
            _check_names(text.names, names, text.source)
        return text
    source = _source_text(text)
    body = _parse(source, "eval").body
    if not isinstance(body, ast.Compare):
        raise ExpressionError(
            f"{source!r} is not a constraint; write one comparison such as 'a + b <= 1'", source
        )
    if len(body.ops) != 1:
        raise ExpressionError(
            f"{source!r} chains comparisons; write each as its own constraint ('a <= b', 'b <= c')", source
        )
    op = body.ops[0]
    builder = Builder(source, names)
    lhs = builder.build(body.left)
    rhs = builder.build(body.comparators[0])
    if isinstance(op, ast.LtE | ast.Eq):
        diff = Binary("-", lhs, rhs)
    elif isinstance(op, ast.GtE):
        diff = Binary("-", rhs, lhs)
    elif isinstance(op, ast.Lt | ast.Gt):
        fixed = "<=" if isinstance(op, ast.Lt) else ">="
        raise ExpressionError(
            f"{source!r} uses a strict inequality, which an optimum may not attain; use {fixed}", source
        )
    else:
        raise ExpressionError(f"{source!r}: only <=, >= and == are allowed in a constraint", source)
    return Inequality(source, Expression(source, diff, diff.names()), isinstance(op, ast.Eq))


def _source_text(text: Any) -> str:
    if isinstance(text, bool):
        raise ExpressionError(f"expected a formula or a number, got {text!r}")
    if isinstance(text, int | float):
        if not math.isfinite(text):
            raise ExpressionError(f"expected a finite number, got {text!r}")
        return repr(float(text)) if isinstance(text, float) else repr(int(text))
    if not isinstance(text, str):
        raise ExpressionError(f"expected a formula (a string) or a number, got {type(text).__name__}")
    source = text.strip()
    if not source:
        raise ExpressionError("the formula is empty; write e.g. '0.5*territory'", text)
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            f"the formula {source[:40]!r}... is {len(source)} characters long; the limit is {MAX_LENGTH}. "
            "Split it, or declare a parameter for a repeated part"
        )
    return source


def _parse(source: str, mode: str) -> Any:
    try:
        return ast.parse(source, mode=mode)
    except (RecursionError, MemoryError):
        raise ExpressionError(
            f"the formula {source[:40]!r}... is too long or nests too deeply for Python's parser "
            "(a sum of more than about 2,500 terms, or deeply nested brackets); simplify it",
            source,
        ) from None
    except SyntaxError as exc:
        where = f" at column {exc.offset}" if exc.offset else ""
        raise ExpressionError(
            f"{source!r} is not a formula: {exc.msg}{where}; check brackets and operators", source
        ) from None


def _check_names(used: Collection[str], allowed: Collection[str], source: str) -> None:
    for name in sorted(used):
        if name not in allowed:
            raise ExpressionError(f"unknown name {name!r}{suggest(name, sorted(allowed))}", source)
