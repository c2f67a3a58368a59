"""The equilibria() dispatcher: the logit path for two players, table titles, the package's shape."""

from __future__ import annotations

import ast

from strategies import ROOT

import bargaining as bg


def test_logit_path_is_available_for_two_players() -> None:
    game = bg.read_game(ROOT / "games" / "chicken.json")
    result = bg.equilibria(game, method="logit")
    assert len(result.equilibria) == 1
    assert result.equilibria[0].is_nash(game, tol=1e-6)
    # The logit path of a symmetric game stays symmetric: it ends at the symmetric mixed equilibrium.
    first, second = result.equilibria[0].probabilities
    assert abs(first[0] - second[0]) < 1e-6 and 0 < first[0] < 1


def test_titles_say_extreme_only_for_two_players() -> None:
    two = bg.equilibria(bg.read_game(ROOT / "games" / "chicken.json")).to_table()
    three = bg.equilibria(bg.read_game(ROOT / "games" / "gambit_3x3x3.nfg")).to_table()
    assert "extreme equilibria" in two.splitlines()[0]
    assert "extreme" not in three.splitlines()[0] and "5 equilibria" in three.splitlines()[0]


#: the normal-form solvers (the tree and Bayesian solvers are split separately)
NORMAL_FORM_MODULES = sorted(
    path
    for path in (ROOT / "bargaining" / "equilibrium").glob("*.py")
    if path.stem not in {"backward_induction", "bayesian"}
)


def _body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines of a function's body after its docstring."""
    body = node.body
    if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return (node.end_lineno or body[-1].lineno) - body[0].lineno + 1
