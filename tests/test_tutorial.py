"""docs/tutorial.ipynb runs in a fresh kernel and prints the numbers the library gives.

The kernel is this test's own Python (a kernelspec written to a temporary
``JUPYTER_PATH``), so the notebook imports the same ``bargaining`` as the tests.
The committed notebook has no outputs; they are made here, checked, and thrown away.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from strategies import GAMES, ROOT

from bargaining.io import load
from bargaining.solutions import solve

NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"
KERNEL = "bargaining-tutorial-test"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    home = tmp_path_factory.mktemp("jupyter")
    spec = home / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": KERNEL, "language": "python"})
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("JUPYTER_PATH", str(home))
        env.setenv("JUPYTER_RUNTIME_DIR", str(home / "runtime"))
        env.setenv("IPYTHONDIR", str(home / "ipython"))
        env.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        notebook = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(
            notebook,
            kernel_name=KERNEL,
            timeout=120,
            resources={"metadata": {"path": str(ROOT / "docs")}},
        )
        client.execute()
    return notebook


def _text(cell: Any) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def _html(cell: Any) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs if "data" in o)


def test_the_committed_notebook_has_no_outputs() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


def test_the_tutorial_tells_the_kursk_story_with_the_right_numbers(executed: Any) -> None:
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    printed = "\n".join(_text(c) for c in code)
    shown = "\n".join(_html(c) for c in code)
    # The README's table for bargain solve games/kursk.json (four significant figures).
    for concept, ukraine, russia in [
        ("nash", "0.4267", "-0.1375"),
        ("ks", "0.4805", "-0.1717"),
        ("egalitarian", "0.2189", "-0.0356"),
        ("utilitarian", "0.7100", "-0.3760"),
    ]:
        assert f"{concept}: u(ukraine) = {ukraine}, u(russia) = {russia}" in printed
    # Displayed inline: the problem, the solutions, the payoff table and the equilibria as HTML tables.
    assert shown.count("<table>") >= 6 and "Kursk as a bargaining chip" in shown
    assert any("image/png" in o.get("data", {}) for c in code for o in c.outputs)  # the sweep's figure
    # The chip's value, checked against a solve in this process.
    kursk = load(GAMES / "kursk.json")
    without = solve(kursk.with_parameters(kursk_held=0), "nash").utility("ukraine")
    assert f"{without:.4f} holding none" in printed
    # The threshold: on either side of it, holding is worth more, then less, than not holding.
    value = float(re.search(r"holding stops paying at holding_cost = ([0-9.]+)", printed).group(1))
    less = kursk.with_parameters(kursk_weight_russia=0.1)
    for cost, sign in ((value - 0.002, 1), (value + 0.002, -1)):
        holding = solve(less.with_parameters(holding_cost=cost), "nash").utility("ukraine")
        assert sign * (holding - without) > 0
    # The strategic game's unique equilibrium, as its spec states it (found by hand from the payoffs).
    assert "ukraine hold_kursk 2/3, withdraw_to_donbas 1/3" in printed
    assert "russia press_donbas 4/7, open_talks 3/7" in printed
    # The last cell's frame, as HTML: one row per swept point.
    assert _html(code[-1]).count("<tr") == 1 + 11  # the header, then the points


def test_the_tutorial_is_in_the_docs() -> None:
    assert "docs/tutorial.ipynb" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert Path(NOTEBOOK).exists()
