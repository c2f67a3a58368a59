"""Every spec shipped in games/ validates, solves, prints and serialises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from strategies import ROOT

from bargaining.dispatch import solver_for
from bargaining.io import load

SPECS = sorted((ROOT / "games").glob("*.json"))


@pytest.mark.parametrize("path", SPECS, ids=[p.name for p in SPECS])
def test_spec_validates_and_solves(path: Path) -> None:
    model = load(path)
    assert model.summary()
    result = solver_for(model.spec_kind)(model, solution="all")
    assert result.to_table().strip()
    json.dumps(result.to_dict(), allow_nan=False)


@pytest.mark.parametrize("path", SPECS, ids=[p.name for p in SPECS])
def test_spec_describes_itself(path: Path) -> None:
    spec = json.loads(path.read_text(encoding="utf-8"))
    assert spec.get("format") == "bargaining" and spec.get("version") == 1
    assert spec.get("description"), "every shipped spec says what it is and where its numbers come from"
