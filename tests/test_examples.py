"""Every script in examples/ runs (they are the how-to guides) and prints the numbers the docs quote."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from strategies import EXAMPLES

SCRIPTS = sorted(EXAMPLES.glob("*.py"))
README_TABLE = {
    "Nash ": "0.113 1000 bilateral_treaties 0.4267 0.704 -0.1375 0.3944",
    "Kalai-Smorodinsky": "0.1814 1000 bilateral_treaties 0.4805 0.7578 -0.1717 0.3602",
    "egalitarian": "0.03928 1000 assurances 0.2189 0.4962 -0.03564 0.4962",
    "utilitarian": "0.36 1000 european_troops 0.71 0.9873 -0.376 0.1558",
}


@cache
def output_of(script: str, out: Path) -> str:
    """Run one example (quick mode, figures to ``out``) and return its stdout; run once per session."""
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "BARGAINING_EXAMPLE_OUTPUT": str(out),
        "BARGAINING_EXAMPLE_QUICK": "1",
    }
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        capture_output=True,
        text=True,
        cwd=out,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("examples")


def row(text: str, label: str) -> list[str]:
    """The whitespace-separated cells of the first line starting with ``label``."""
    line = next(line for line in text.splitlines() if line.startswith(label))
    return line[len(label) :].split()


def test_every_example_is_checked() -> None:
    assert {p.name for p in SCRIPTS} == {"kursk_quickstart.py", "kursk_sensitivity.py"}


def test_quickstart_prints_the_readme_table_and_the_value_of_the_chip(out: Path) -> None:
    text = output_of("kursk_quickstart.py", out)
    # README.md, "What `bargain solve games/kursk.json` says"
    for label, cells in README_TABLE.items():
        assert row(text, label) == cells.split(), label
    # the chip: all of Kursk handed back with it, nothing without; Ukraine gains 0.147 (docs/sensitivity.md)
    assert row(text, "  kursk_returned") == ["1000", "0"]
    assert row(text, "  security") == ["bilateral_treaties", "assurances"]
    assert "Ukraine's utility changes by +0.147 thanks to the holding" in text
    # holding costs 0, 0.1, ..., 0.5: with the holding Ukraine's utility falls with the cost and stays above
    # the 0.280 it gets without it, which does not depend on the cost (docs/sensitivity.md)
    table = re.findall(r"^\s+(0\.\d0)\s+(\d\.\d{3})\s+(\d\.\d{3})$", text, re.M)
    assert [cost for cost, _, _ in table] == ["0.00", "0.10", "0.20", "0.30", "0.40", "0.50"]
    holding = [float(h) for _, h, _ in table]
    assert holding == sorted(holding, reverse=True) and holding[0] == pytest.approx(0.449)
    assert {none for _, _, none in table} == {"0.280"}
    assert min(holding) > 0.280


def test_sensitivity_prints_the_thresholds_the_docs_quote(out: Path) -> None:
    text = output_of("kursk_sensitivity.py", out)
    # the value of the chip, as `bargain compare` prints it
    assert row(text, "nash.ukraine.utility ") == ["0.4267", "0.2796", "0.1471"]
    assert row(text, "nash.kursk_returned") == ["1000", "0", "1000"]
    assert "Ukraine's Nash utility without the holding: 0.2796" in text
    # docs/sensitivity.md: with kursk_weight_russia = 0.2 holding stops paying at a holding cost of 0.451,
    # with 0.1 at 0.250; at the spec's 0.3 not within [0, 0.5]
    assert re.search(r"kursk_weight_russia = 0\.1: holding_cost = 0\.250\d*: .* goes below 0\.2795", text)
    assert re.search(r"kursk_weight_russia = 0\.2: holding_cost = 0\.45(09|10)\d*: .* goes below", text)
    assert re.search(r"kursk_weight_russia = 0\.3: .* is not crossed for holding_cost in \[0, 0\.5\]", text)
    # tornado: the holding swings Ukraine's utility from its no-holding value to the full holding's
    assert row(text, "kursk_held ")[:4] == ["[0,", "1294]", "km²", "0.2796"]
    assert "probability that an agreement exists: 1" in text
    for figure in ("sweep_kursk_held", "sweep_us_support", "grid_utility", "grid_security", "tornado"):
        assert (out / f"kursk_{figure}.png").stat().st_size > 1000, figure
    assert (out / "kursk_montecarlo.png").stat().st_size > 1000
