"""The Baron-Ferejohn figure: bars and the inclusion matrix read back from the artists.

Known answer: Baron and Ferejohn (1989), the symmetric closed-rule game under
majority rule, n parties, equal recognition 1/n and discount factor delta: the
proposer keeps 1 - delta (n - 1) / (2n) and every party's value is 1/n.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from strategies import GAMES

from bargaining.cli import cli
from bargaining.dispatch import solve_model
from bargaining.io import read
from bargaining.model.legislative import LegislativeBargaining
from bargaining.plotting.legislative import plot_legislative


def heights(fig: Any, measure: str) -> dict[str, float]:
    prefix = f"bar:{measure}:"
    return {
        p.get_gid()[len(prefix) :]: float(p.get_height())
        for p in fig.findobj()
        if (p.get_gid() or "").startswith(prefix)
    }


def test_the_symmetric_majority_game_shows_the_closed_form() -> None:
    n, delta = 5, 0.9
    model = LegislativeBargaining([f"p{i}" for i in range(n)], discount_factor=delta, quota=3)
    fig = plot_legislative(model)
    keeps = heights(fig, "proposer_share")
    assert len(keeps) == n
    assert all(v == pytest.approx(1 - delta * (n - 1) / (2 * n), abs=1e-9) for v in keeps.values())
    assert all(v == pytest.approx(1 / n, abs=1e-9) for v in heights(fig, "value").values())
    assert all(v == pytest.approx(1 / n) for v in heights(fig, "recognition").values())


def test_the_matrix_is_the_solvers_inclusion_and_vetoes_are_named() -> None:
    model = read(GAMES / "kursk_legislative.json")
    result = solve_model(model, "all")
    fig = plot_legislative(model, result)
    (image,) = [a for a in fig.findobj() if a.get_gid() == "inclusion"]
    shown = np.asarray(image.get_array(), float)
    expected = np.asarray(result.inclusion, float)
    off = ~np.eye(len(result.players), dtype=bool)
    np.testing.assert_allclose(shown[off], expected[off])
    assert np.all(np.isnan(shown[~off]))
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks[0].endswith("(veto)") and ticks[1].endswith("(veto)") and "(veto)" not in ticks[2]
    assert heights(fig, "value") == pytest.approx(dict(zip(result.players, result.values, strict=True)))


def test_a_result_that_did_not_converge_says_so() -> None:
    model = read(GAMES / "kursk_legislative.json")
    result = dataclasses.replace(solve_model(model, "all"), converged=False, residual=3e-4)
    fig = plot_legislative(model, result)
    (note,) = [t for t in fig.findobj() if t.get_gid() == "notes"]
    assert "NOT CONVERGED" in note.get_text() and "0.0003" in note.get_text()


def test_the_command_draws_the_shipped_spec(tmp_path: Any) -> None:
    target = tmp_path / "legislative.svg"
    result = CliRunner().invoke(cli, ["plot", str(GAMES / "kursk_legislative.json"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("<?xml")
