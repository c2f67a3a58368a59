"""bargaining.expressions.jets: values, gradients and Hessians of the tree against sympy's derivatives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining.expressions.jets import NotSmoothError, jet, not_smooth, value
from bargaining.expressions.parse import parse_expression
from bargaining.expressions.tree import Binary, Call, Name, Negate, Node, Number

ROOT = Path(__file__).resolve().parents[1]
VARIABLES = ["x", "y"]


def sympy_jet(node: Node, point: dict[str, float], variables: list[str]) -> tuple[float, list, list]:
    """Value, gradient and Hessian by sympy's symbolic derivatives (the independent reference)."""
    e = node.to_sympy()
    symbols = [sympy.Symbol(v, real=True) for v in variables]
    subs = {sympy.Symbol(k, real=True): v for k, v in point.items()}
    grad = [complex(sympy.diff(e, s).subs(subs).evalf()) for s in symbols]
    hess = [[complex(sympy.diff(e, s, t).subs(subs).evalf()) for t in symbols] for s in symbols]
    return complex(e.subs(subs).evalf()).real, [g.real for g in grad], [[h.real for h in r] for r in hess]


def _check(node: Node, point: dict[str, float], variables: list[str]) -> None:
    values = {k: np.array([v]) for k, v in point.items()}
    with np.errstate(all="ignore"):
        found = jet(node, values, variables)
    if not np.isfinite(found.value[0]):
        return  # outside the domain: nothing to compare
    v, g, h = sympy_jet(node, point, variables)
    scale = 1.0 + abs(v)
    assert found.value[0] == pytest.approx(v, rel=1e-9, abs=1e-9 * scale)
    np.testing.assert_allclose(found.gradient[0], g, rtol=1e-8, atol=1e-8 * (1 + np.abs(g).max()))
    np.testing.assert_allclose(found.hessian[0], h, rtol=1e-7, atol=1e-7 * (1 + np.abs(h).max()))
    with np.errstate(all="ignore"):
        assert value(node, values, variables)[()] == pytest.approx(found.value[0], rel=1e-12)


def formulas() -> st.SearchStrategy[Node]:
    """Smooth formulas in x, y and a parameter a, built from every atom jets take."""
    leaves = st.one_of(
        st.sampled_from([Name("x"), Name("y"), Name("a")]),
        st.integers(-3, 3).map(Number),
        st.floats(0.25, 2.5).map(lambda v: Number(round(v, 2))),
    )

    def extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
        exponent = st.sampled_from([2, 3, 0.5, 1.5, -1, -2, 0, 1]).map(Number)
        return st.one_of(
            st.tuples(st.sampled_from(["+", "-", "*", "/"]), children, children).map(lambda t: Binary(*t)),
            st.tuples(children, exponent).map(lambda t: Binary("**", t[0], t[1])),
            children.map(Negate),
            st.tuples(st.sampled_from(["sqrt", "log", "exp"]), children).map(lambda t: Call(t[0], (t[1],))),
        )

    return st.recursive(leaves, extend, max_leaves=6)


@settings(max_examples=60, deadline=None)
@given(formulas(), st.floats(0.1, 2.0), st.floats(0.1, 2.0), st.floats(-2.0, 2.0))
def test_jets_match_sympy_derivatives_on_random_formulas(node: Node, x: float, y: float, a: float) -> None:
    _check(node, {"x": x, "y": y, "a": a}, VARIABLES)


def issue_space_specs() -> list[tuple[str, str, dict]]:
    out = []
    for path in sorted((ROOT / "games").glob("*.json")):
        spec = json.loads(path.read_text())
        if spec.get("kind") == "issue_space":
            out.extend((path.name, party["name"], spec) for party in spec["parties"])
    return out


@pytest.mark.parametrize(("name", "party", "spec"), issue_space_specs(), ids=lambda v: str(v)[:20])
def test_jets_match_sympy_on_every_shipped_issue_space_utility(name: str, party: str, spec: dict) -> None:
    utility = next(p["utility"] for p in spec["parties"] if p["name"] == party)
    node = parse_expression(str(utility)).tree
    if not_smooth(node):
        pytest.skip(f"{name}: {party}'s utility is not smooth")
    continuous = [i for i in spec["issues"] if i.get("type", "continuous") == "continuous"]
    point = {p["name"]: float(p["value"]) for p in spec.get("parameters", [])}
    point.update({i["name"]: 0.5 for i in spec["issues"] if i not in continuous})
    point.update({i["name"]: 0.3 + 0.1 * n for n, i in enumerate(continuous)})
    _check(node, point, [i["name"] for i in continuous])


def test_known_derivatives() -> None:
    # d/dx x**3 = 3x**2, d2 = 6x; d/dx log(x) y = y/x; d2/dxdy = 1/x
    node = parse_expression("x**3 + log(x)*y").tree
    j = jet(node, {"x": np.array([2.0]), "y": np.array([5.0])}, ["x", "y"])
    np.testing.assert_allclose(j.value, [8 + np.log(2) * 5])
    np.testing.assert_allclose(j.gradient, [[12 + 2.5, np.log(2)]])
    np.testing.assert_allclose(j.hessian, [[[12 - 5 / 4, 0.5], [0.5, 0]]])


def test_domains_are_the_conic_atoms() -> None:
    """1/x and x**-1 need x > 0, x**3 needs x >= 0 (cvxpy's inv_pos and power): nan outside."""
    x = np.array([-1.0, 0.0, 2.0])
    with np.errstate(all="ignore"):
        cases = [("1/x", [np.nan, np.nan, 0.5]), ("x**3", [np.nan, 0.0, 8.0]), ("x**2", [1, 0, 4])]
        for text, expected in cases:
            node = parse_expression(text).tree
            np.testing.assert_allclose(value(node, {"x": x}, ["x"]), expected)
            np.testing.assert_allclose(jet(node, {"x": x}, ["x"]).value, expected)
    # a denominator free of the variables is divided as numpy does, whatever its sign
    node = parse_expression("x/a").tree
    np.testing.assert_allclose(value(node, {"x": x, "a": np.array(-2.0)}, ["x"]), -x / 2)


@pytest.mark.parametrize("text", ["abs(x)", "min(x, 1)", "max(x, y)", "sqrt(abs(x))"])
def test_non_smooth_atoms_are_refused(text: str) -> None:
    node = parse_expression(text).tree
    assert not_smooth(node)
    with pytest.raises(NotSmoothError):
        jet(node, {"x": np.array([1.0]), "y": np.array([1.0])}, ["x"])


def test_solving_kursk_by_newton_imports_neither_sympy_nor_cvxpy() -> None:
    code = (
        "import sys\n"
        "from bargaining.io import read\n"
        "from bargaining.solutions import solve\n"
        f"p = read({str(ROOT / 'games' / 'kursk.json')!r})\n"
        "s = solve(p, 'nash', method='newton')\n"
        "assert s.method == 'newton', s\n"
        "print(sorted(m for m in ('sympy', 'cvxpy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
