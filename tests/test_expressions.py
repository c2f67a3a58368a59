"""The formula language: what it accepts, what it rejects, and how it evaluates."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from bargaining.errors import ExpressionError
from bargaining.expressions.parse import parse_comparison, parse_expression


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("0.6*t + 0.4*sqrt(s) - c*k", {"t": 0.5, "s": 0.25, "c": 2.0, "k": 0.1}, 0.3 + 0.2 - 0.2),
        ("min(a, b, 3)", {"a": 5.0, "b": 4.0}, 3.0),
        ("max(a, -b)", {"a": -5.0, "b": 4.0}, -4.0),
        ("abs(a) + exp(0) + log(1)", {"a": -2.0}, 3.0),
        ("a**2 / 4 - -a", {"a": 2.0}, 3.0),
        ("2**-1", {}, 0.5),
        ("+a", {"a": 1.5}, 1.5),
    ],
)
def test_evaluates_like_python_arithmetic(text: str, values: dict[str, float], expected: float) -> None:
    assert float(parse_expression(text).evaluate(values)) == pytest.approx(expected)


def test_evaluates_elementwise_over_arrays() -> None:
    expr = parse_expression("sqrt(x) * k")
    result = expr.evaluate({"x": np.array([1.0, 4.0, 9.0]), "k": 2.0})
    np.testing.assert_allclose(result, [2.0, 4.0, 6.0])


def test_names_are_collected() -> None:
    assert parse_expression("a*sqrt(b) + 2").names == frozenset({"a", "b"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("__import__('os')", "'__import__' is not an allowed function"),
        ("os.system('ls')", "only the functions"),
        ("x.real", "attribute access"),
        ("x[0]", "indexing"),
        ("lambda: 1", "lambda"),
        ("'text'", "not a number"),
        ("x if y else z", "if-expression"),
        ("x and y", "and/or"),
        ("x // 2", "//"),
        ("sin(x)", "'sin' is not an allowed function"),
        ("sqrt(x, 2)", "exactly 1 argument"),
        ("min(x)", "two or more arguments"),
        ("sqrt(x=1)", "keyword"),
        ("x ** y", "exponent of ** must be a constant"),
        ("1 +", "not a formula"),
        ("", "empty"),
        ("x / 0", "division by zero"),
        ("x <= 1", "comparison"),
        ("True", "not a number"),
        ("__class__", "not an allowed name"),
        ("sqrt", "is a function"),
    ],
)
def test_rejects_what_is_outside_the_whitelist(text: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=re.escape(message)):
        parse_expression(text)


def test_unknown_name_gets_a_suggestion() -> None:
    with pytest.raises(ExpressionError, match="unknown name 'territroy'; did you mean 'territory'"):
        parse_expression("0.5*territroy", names={"territory", "security"})


def test_evaluation_reports_non_finite_results() -> None:
    with pytest.raises(ExpressionError, match="not finite"):
        parse_expression("log(x)").evaluate({"x": 0.0})


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(ExpressionError, match="nests deeper"):
        parse_expression("-" * 100 + "x")


@pytest.mark.parametrize(
    ("text", "equality", "body_at_one"),
    [("a + b <= 1", False, 1.0), ("a >= b", False, 0.0), ("a == 2*b", True, -1.0)],
)
def test_comparisons_normalise_to_body_le_zero(text: str, equality: bool, body_at_one: float) -> None:
    comparison = parse_comparison(text)
    assert comparison.equality is equality
    assert float(comparison.body.evaluate({"a": 1.0, "b": 1.0})) == pytest.approx(body_at_one)


@pytest.mark.parametrize(
    ("text", "message"),
    [("a < 1", "strict inequality"), ("a <= b <= c", "chains"), ("a + 1", "not a constraint")],
)
def test_bad_comparisons(text: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=message):
        parse_comparison(text)


def test_sympy_form_differentiates() -> None:
    import sympy as sp

    expr = parse_expression("x**2 + 3*x")
    x = sp.Symbol("x", real=True)
    assert sp.diff(expr.sympy, x).subs(x, 1) == 5
    assert math.isclose(float(expr.evaluate({"x": 2.0})), 10.0)
