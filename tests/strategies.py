"""Shared test inputs: paths to the shipped files, the divide-the-dollar problem, the CLI runner, and the
hypothesis strategies more than one test module draws from.

Import with ``from strategies import ...`` (``tests/`` is on ``sys.path`` because ``tests/conftest.py``
is the rootdir conftest); fixtures live in ``tests/conftest.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import strategies as st

from bargaining.cli import cli
from bargaining.model.issue_space import BargainingProblem, ContinuousIssue, Parameter, Party

ROOT = Path(__file__).resolve().parents[1]
GAMES = ROOT / "games"
EXAMPLES = ROOT / "examples"


def dollar(
    d_a: float = 0.0,
    d_b: float = 0.0,
    *,
    ranges: tuple[tuple[float, float], tuple[float, float]] = ((-1, 1), (-1, 1)),
    distribution: dict[str, Any] | None = None,
    unit: str = "",
    name: str = "",
) -> BargainingProblem:
    """Divide a dollar, with the disagreement values as parameters ``d_a`` and ``d_b``.

    Party a gets ``share``, party b ``1 - share``; the Nash (and KS and egalitarian) share is
    ``d_a + (1 - d_a - d_b) / 2`` while ``d_a + d_b <= 1``, and no agreement exists beyond.
    ``distribution`` is put on ``d_a`` (for Monte Carlo); ``unit`` on the issue and on ``d_a``.
    """
    return BargainingProblem(
        [Party("a", "share", disagreement="d_a"), Party("b", "1 - share", disagreement="d_b")],
        [ContinuousIssue("share", 0, 1, unit=unit)],
        [
            Parameter("d_a", d_a, ranges[0], unit=unit, distribution=distribution),
            Parameter("d_b", d_b, ranges[1]),
        ],
        name=name,
    )


def constant_dollar(
    d: tuple[float, float] = (0.0, 0.0), powers: tuple[float, float] = (1.0, 1.0)
) -> BargainingProblem:
    """Divide a dollar ``x`` / ``1 - x`` with constant disagreement values and bargaining powers."""
    return BargainingProblem(
        parties=[
            Party("a", "x", disagreement=d[0], bargaining_power=powers[0]),
            Party("b", "1 - x", disagreement=d[1], bargaining_power=powers[1]),
        ],
        issues=[ContinuousIssue("x", 0, 1)],
    )


def invoke(*args: str) -> Result:
    """Run ``bargain ARGS...`` in-process through click's CliRunner."""
    return CliRunner().invoke(cli, list(args))


def run(*args: str) -> tuple[int, str, str]:
    """``bargain ARGS...``: (exit code, stdout, stderr)."""
    result = invoke(*args)
    return result.exit_code, result.stdout, result.stderr


# Disagreement values of the dollar problem that leave a surplus to share: d_a + d_b < 1.
disagreements = st.tuples(
    st.floats(-1.0, 0.9).map(lambda v: round(v, 3)), st.floats(-1.0, 0.9).map(lambda v: round(v, 3))
).filter(lambda d: d[0] + d[1] < 0.98)
