"""Every script in examples/ runs (they are the how-to guides)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from strategies import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(script: Path, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "BARGAINING_EXAMPLE_OUTPUT": str(tmp_path),
        "BARGAINING_EXAMPLE_QUICK": "1",
    }
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
