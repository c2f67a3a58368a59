"""The expression tree: a cold start without sympy or cvxpy, numbers as sympy's, curvature as cvxpy's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, reject, settings
from hypothesis import strategies as st

from bargaining.errors import ExpressionError
from bargaining.expressions.curvature import is_concave, is_convex, shape
from bargaining.expressions.parse import Expression, parse_expression
from bargaining.expressions.to_cvxpy import Compiler, evaluate_sympy

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted(p.name for p in (ROOT / "games").iterdir() if p.suffix in {".json", ".nfg", ".efg"})
ISSUE_SPACE_SPECS = [
    n
    for n in SPECS
    if n.endswith(".json")
    and json.loads((ROOT / "games" / n).read_text()).get("kind", "issue_space") == "issue_space"
]
NAMES = ("x", "y", "c")


def test_loading_and_validating_every_spec_imports_neither_sympy_nor_cvxpy() -> None:
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from bargaining.cli.solve import validate\n"
        "for name in sys.argv[1:]:\n"
        "    result = CliRunner().invoke(validate, ['games/' + name])\n"
        "    assert result.exit_code == 0, (name, result.output)\n"
        "    assert 'valid' in result.output, result.output\n"
        "heavy = sorted(m for m in ('sympy', 'cvxpy', 'scipy') if m in sys.modules)\n"
        "print(','.join(heavy) or 'none')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *SPECS], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "none"


def test_the_sympy_form_is_built_on_demand() -> None:
    script = (
        "import sys\n"
        "from bargaining.io import load\n"
        "problem = load('games/kursk.json')\n"
        "before = 'sympy' in sys.modules\n"
        "problem.parties[0].utility.sympy\n"
        "print(before, 'sympy' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "True"]


# --------------------------------------------------------------------------- formulas at random


def _formulas() -> st.SearchStrategy[str]:
    leaves = st.sampled_from([*NAMES, "2", "0.5", "3.25"])

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binary = st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        )
        unary = st.tuples(st.sampled_from(["sqrt", "log", "exp", "abs", "-"]), inner).map(
            lambda t: f"{t[0]}({t[1]})"
        )
        power = st.tuples(inner, st.sampled_from(["2", "0.5", "3", "-1", "1.5"])).map(
            lambda t: f"({t[0]})**{t[1]}"
        )
        minmax = st.tuples(st.sampled_from(["min", "max"]), inner, inner).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]})"
        )
        return binary | unary | power | minmax

    return st.recursive(leaves, extend, max_leaves=6)


def _parsed(text: str) -> Expression:
    try:
        return parse_expression(text)
    except ExpressionError:
        reject()  # e.g. x / (2 - 2), refused by the parser
        raise


_POINT = st.fixed_dictionaries({name: st.floats(0.1, 4.0) for name in NAMES})


@settings(max_examples=150, deadline=None)
@given(text=_formulas(), point=_POINT)
@example(text="min(x, (log(0.5))**0.5)", point={"x": 1.0, "y": 1.0, "c": 1.0})  # sympy: an imaginary constant
def test_the_tree_evaluates_like_its_sympy_form(text: str, point: dict[str, float]) -> None:
    formula = _parsed(text)
    with np.errstate(all="ignore"):
        tree_value = float(formula.tree.evaluate(point))
        try:
            sympy_value = float(evaluate_sympy(formula.sympy, point))
        except ExpressionError:
            return  # sympy folded 1/(x - x) into complex infinity, or met an imaginary constant
    if not (np.isfinite(tree_value) and np.isfinite(sympy_value)) or abs(tree_value) > 1e12:
        return  # a domain edge (log of a negative, overflow): sympy may have simplified it away
    assert tree_value == pytest.approx(sympy_value, rel=1e-9, abs=1e-9)


def test_the_tree_evaluates_elementwise_and_substitutes() -> None:
    formula = parse_expression("c*sqrt(x) + max(y, 0)")
    xs = np.array([1.0, 4.0, 9.0])
    np.testing.assert_allclose(formula.tree.evaluate({"x": xs, "y": -1.0, "c": 2.0}), [2.0, 4.0, 6.0])
    fixed = formula.tree.substitute({"c": 2.0, "y": -1.0})
    assert fixed.names() == frozenset({"x"})
    np.testing.assert_allclose(fixed.evaluate({"x": xs}), [2.0, 4.0, 6.0])


# --------------------------------------------------------------------------- curvature against cvxpy


def _cvxpy_verdict(text: str, values: dict[str, float]) -> tuple[bool, bool] | None:
    cp = pytest.importorskip("cvxpy")
    variables = {"x": cp.Variable(name="x"), "y": cp.Variable(name="y")}
    compiler = Compiler(variables, values)
    try:
        compiled = compiler.compile(parse_expression(text).sympy)
    except Exception:
        return None
    if isinstance(compiled, float | int) or not compiled.variables():
        return True, True
    return compiled.is_convex(), compiled.is_concave()


@pytest.mark.parametrize(
    ("text", "convex", "concave"),
    [
        ("0.6*x + 0.4*sqrt(y) - c*x", False, True),
        ("-x**2 + log(y)", False, True),
        ("x**2 + exp(y)", True, False),
        ("c*sqrt(x)", False, True),
        ("min(x, sqrt(y), 1)", False, True),
        ("max(x, y**2)", True, False),
        ("abs(x - c)", True, False),
        ("1/x + y**1.5", True, False),
        ("c/(x + 1)", True, False),
        ("x/c + y", True, True),
        ("sqrt(x)**2", False, False),
        ("sqrt(x) - sqrt(y)", False, False),
    ],
)
def test_the_rules_agree_with_cvxpy(text: str, convex: bool, concave: bool) -> None:
    values = {"c": 2.0}
    found = shape(parse_expression(text).tree, {"x", "y"}, values)
    verdict = (False, False) if found is None else (found.convex, found.concave)
    assert verdict == (convex, concave)
    cvxpy_verdict = _cvxpy_verdict(text, values)
    assert cvxpy_verdict is not None
    # cvxpy may know more (sympy simplifies sqrt(x)**2 to x): the rules never claim more than cvxpy.
    assert (convex <= cvxpy_verdict[0]) and (concave <= cvxpy_verdict[1])


def test_a_negative_coefficient_flips_the_curvature() -> None:
    tree = parse_expression("c*sqrt(x)").tree
    assert is_concave(tree, {"x"}, {"c": 1.0}) and not is_concave(tree, {"x"}, {"c": -1.0})
    assert is_convex(tree, {"x"}, {"c": -1.0})


@settings(max_examples=150, deadline=None)
@given(text=_formulas(), c=st.sampled_from([-1.5, 0.0, 2.0]))
@example(text="((exp(x) * -(2)))**0.5", c=-1.5)
@example(text="(c / -(x))", c=-1.5)
@example(text="((x - x))**-1", c=2.0)
@example(text="abs((x)**-1)", c=-1.5)  # sympy writes 1/Abs(x), which cvxpy cannot take
@example(text="abs((2 / x))", c=-1.5)
@example(text="(abs(x))**3", c=-1.5)  # sympy writes x**2*Abs(x), a product the compiler refuses
def test_what_the_rules_prove_cvxpy_accepts(text: str, c: float) -> None:
    found = shape(_parsed(text).tree, {"x", "y"}, {"c": c})
    if found is None or not (found.convex or found.concave):
        return  # undecided: validate falls back to cvxpy
    verdict = _cvxpy_verdict(text, {"c": c})
    if verdict is None:
        import sympy

        # Only where sympy folded a cancelling term into a constant infinity, 1/(x - x), or
        # refuses the formula (an imaginary constant such as sqrt(log(0.5))).
        try:
            exact = parse_expression(text).sympy
        except ExpressionError:
            return
        assert exact.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo), text
        return
    assert (found.convex <= verdict[0]) and (found.concave <= verdict[1]), text


@pytest.mark.parametrize("name", ISSUE_SPACE_SPECS)
def test_spec_utilities_get_cvxpys_verdict(name: str) -> None:
    from bargaining.io import load
    from bargaining.model.issue_space import BargainingProblem

    problem = load(ROOT / "games" / name)
    assert isinstance(problem, BargainingProblem)
    cp = pytest.importorskip("cvxpy")
    names = [x.name for x in problem.continuous_issues]
    values = dict(problem.parameter_values())
    for discrete in problem.discrete_issues:
        values[discrete.name] = discrete.level_values[0]
    compiler = Compiler({n: cp.Variable(name=n) for n in names}, values)
    for party in problem.parties:
        formula = party.utility
        compiled = compiler.compile(formula.sympy)
        cvxpy_concave = isinstance(compiled, float) or compiled.is_concave()
        assert is_concave(formula.tree, set(names), values) == cvxpy_concave
