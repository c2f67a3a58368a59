"""Formulas a careless or hostile user might write: limits at parse time, clear errors, no hang (issue 10).

Each hostile input must be refused (or accepted) with an :class:`ExpressionError`
that names the formula, in well under 5 s; before the limits, ``9**9**9`` ran
until killed (sympy computed the integer), ``x**1e10`` raised ``ZeroDivisionError``
in cvxpy, and a flat sum of 62 terms was refused as nesting too deeply.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining.errors import ExpressionError
from bargaining.expressions import parse_comparison, parse_expression
from bargaining.expressions.build import MAX_DEPTH, MAX_EXPONENT, MAX_NODES
from bargaining.expressions.curvature import is_concave


@contextmanager
def within(seconds: float = 5.0) -> Iterator[None]:
    start = time.perf_counter()
    yield
    assert time.perf_counter() - start < seconds


def refused(text: str, *fragments: str) -> str:
    with within(), pytest.raises(ExpressionError) as info:
        parse_expression(text, names={"x", "y"})
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("9**9**9", ("'9**9**9'", "power 3.8742e+08", f"limit of {MAX_EXPONENT}")),
        ("x + 9**9**9", ("power 3.8742e+08",)),
        ("x**1e10", ("'x**1e10'", "power 1e+10")),
        ("x**-1001", ("power -1001",)),
        ("(x**100)**100", ("power 10000",)),  # sympy would write x**10000
        ("10**400", ("constant power beyond the range of floating point",)),
        ("x*1e999", ("beyond the range of floating point", "must be finite")),
        ("1" * 400 + "*x", ("integer of 400 digits",)),
    ],
)
def test_numbers_and_powers_beyond_float_are_refused(text: str, fragments: tuple[str, ...]) -> None:
    refused(text, *fragments)


def test_a_five_thousand_digit_integer_is_refused_not_a_traceback() -> None:
    # Python's own limit (4300 digits) surfaces as a syntax error, worded as ours.
    refused("1" * 5000 + "*x", "is not a formula", "4300 digits")


def test_powers_within_the_limits_are_kept() -> None:
    assert float(parse_expression("x**1000").evaluate({"x": 1.0})) == 1.0
    assert float(parse_expression("2**1000").evaluate({})) == pytest.approx(2.0**1000)
    assert float(parse_expression("0.5**-1000").evaluate({})) == pytest.approx(2.0**1000)
    assert float(parse_expression("x**-1000").evaluate({"x": 1.0})) == 1.0


def test_a_flat_sum_is_one_level_however_long() -> None:
    # 62 terms was refused as "nests deeper than 60 levels"; so was any chain past 60 links.
    for n in (62, 500):
        text = " + ".join(f"{i}*x" for i in range(n)) + " - y"
        with within():
            e = parse_expression(text, names={"x", "y"})
            assert float(e.evaluate({"x": 1.0, "y": 0.0})) == n * (n - 1) / 2
    product = " * ".join(["x"] * 70) + " / y"
    assert float(parse_expression(product).evaluate({"x": 1.0, "y": 2.0})) == 0.5


def test_a_long_chain_evaluates_curves_and_builds_sympy_without_recursion() -> None:
    n = 1100  # about 5500 nodes: under the node limit, longer than Python's recursion limit (1000)
    text = " + ".join(f"{i}*sqrt(x)" for i in range(n))
    with within(30.0):  # about 1.5 s alone; the point is no RecursionError, on a loaded machine too
        e = parse_expression(text)
        assert float(e.evaluate({"x": 4.0})) == pytest.approx(2 * n * (n - 1) / 2)
        assert is_concave(e.tree, ["x"], {})
        assert str(e.sympy) == f"{n * (n - 1) // 2}*sqrt(x)"
        assert e.tree.substitute({"x": 4.0}).names() == frozenset()


def test_the_chain_evaluates_to_the_same_bits_as_nested_addition() -> None:
    terms = [0.1, 0.2, 0.3, 1e-17, -0.6, 1e16, 3.0, -1e16]
    text = " + ".join(repr(t) for t in terms)
    expected = 0.0 + terms[0]
    for t in terms[1:]:
        expected = expected + t
    assert float(parse_expression(text).evaluate({})) == expected


def test_true_nesting_is_still_limited() -> None:
    text = "sqrt(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1)
    refused(text, f"nests deeper than {MAX_DEPTH} levels")
    ok = "sqrt(" * (MAX_DEPTH - 1) + "x" + ")" * (MAX_DEPTH - 1)
    assert parse_expression(ok).names == {"x"}


def test_more_than_the_node_limit_is_refused() -> None:
    # 2000 terms of 7 nodes each, plus the 1999 additions: 15999 nodes.
    text = "+".join(["x*x*y*y"] * 2000)
    refused(text, f"more than {MAX_NODES} terms and operators", "'x*x*y*y+x*x*y*y")


def test_a_chain_too_long_for_pythons_parser_is_an_expression_error() -> None:
    refused("+".join(["x"] * 20000), "too long or nests too deeply")
    refused("-" * 5000 + "x", "too long or nests too deeply")


def test_comparisons_share_the_limits() -> None:
    with within(), pytest.raises(ExpressionError, match="power 3.8742e"):
        parse_comparison("x <= 9**9**9")
    assert parse_comparison(" + ".join(["x"] * 100) + " <= 1").names == {"x"}


# --------------------------------------------------------------------- fuzz

_PIECES = [
    *"0123456789",
    "x",
    "y",
    "fi",
    "\ufb01",  # the ligature fi (NFKC: fi)
    "\u00b5",  # micro sign (NFKC: Greek mu)
    "\u0445",  # Cyrillic kh, looks like x
    "1e999",
    "9",
    ".",
    "e",
    "+",
    "-",
    "*",
    "/",
    "**",
    "(",
    ")",
    ",",
    " ",
    "sqrt(",
    "log(",
    "exp(",
    "max(",
    "__import__",
    "'",
    "[",
    "<=",
    "lambda",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40))
def test_any_text_parses_or_is_an_expression_error(pieces: list[str]) -> None:
    text = "".join(pieces)
    try:
        e = parse_expression(text)
    except ExpressionError:
        return
    values: dict[str, Any] = {name: 0.5 for name in e.names}
    with suppress(ExpressionError):
        assert np.ndim(e.evaluate(values)) == 0
