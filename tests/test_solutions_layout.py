"""solutions/ and sensitivity/: no import cycles, no private names across modules, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "bargaining"
FOLDERS = ("solutions", "sensitivity")


def _modules() -> dict[str, Path]:
    found = {}
    for folder in FOLDERS:
        for path in sorted((PACKAGE / folder).glob("*.py")):
            name = f"bargaining.{folder}" + ("" if path.stem == "__init__" else f".{path.stem}")
            found[name] = path
    return found


def _imports(path: Path) -> list[ast.ImportFrom]:
    return [
        node
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bargaining.")
    ]


def test_no_module_imports_a_private_name_of_another() -> None:
    for name, path in _modules().items():
        for node in _imports(path):
            private = [a.name for a in node.names if a.name.startswith("_")]
            assert not private, f"{name} imports {private} from {node.module}"


def test_no_import_cycles_between_modules() -> None:
    modules = _modules()
    graph = {
        name: {n.module for n in _imports(path) if n.module in modules and n.module != name}
        for name, path in modules.items()
        if path.stem != "__init__"
    }

    def reaches(start: str, goal: str) -> bool:
        seen, stack = set(), [start]
        while stack:
            for nxt in graph.get(stack.pop(), set()):
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    for name, deps in graph.items():
        for dep in deps:
            assert not reaches(dep, name), f"{name} <-> {dep}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "solutions").glob("*.py")), ids=lambda p: p.name)
def test_solutions_modules_are_small(path: Path) -> None:
    tree = ast.parse(path.read_text())
    assert len(path.read_text().splitlines()) <= 400
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            body = node.body[1:] if ast.get_docstring(node) and len(node.body) > 1 else node.body
            assert (node.end_lineno or 0) - body[0].lineno + 1 <= 60, f"{path.name}: {node.name}"
