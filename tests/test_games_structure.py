"""The game-tree, Bayesian and Gambit modules stay small: files under 400 lines, functions under 60,
and no private name imported from another module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    [
        *(ROOT / "bargaining" / "games").glob("*.py"),
        *(
            ROOT / "bargaining" / "equilibrium" / name
            for name in ("backward_induction.py", "tree_results.py", "bayesian.py", "bayesian_results.py")
        ),
        *(
            ROOT / "bargaining" / "io" / name
            for name in (
                "efg.py",
                "nfg.py",
                "gambit_common.py",
                "normal_form.py",
                "payoff_tables.py",
                "bayesian.py",
                "extensive_form.py",
            )
        ),
        ROOT / "bargaining" / "cli" / "trees.py",
    ]
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_is_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            body = (node.end_lineno or node.lineno) - node.body[0].lineno + 1
            assert body <= 60, f"{node.name} has a {body}-line body"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_from_another_module(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bargaining"):
            private = [alias.name for alias in node.names if alias.name.startswith("_")]
            assert not private, f"imports {private} from {node.module}"
