"""bargain backtest: MAE in percent of scale, ranks, the bootstrap over cases, and bad case files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from strategies import run

from bargaining.errors import SpecError
from bargaining.io.stakeholder_cases import read_cases
from bargaining.model.stakeholders import Stakeholder, StakeholderIssue, StakeholderTable
from bargaining.stakeholders.backtest import BacktestCase, backtest

TABLE = StakeholderTable(
    [Stakeholder("A", 1, [0], [1]), Stakeholder("B", 2, [10], [0.5]), Stakeholder("C", 1, [4], [0.5])],
    [StakeholderIssue("X", 0, 10)],
)  # compromise 4.8, weighted median 4 (the reference runs' tiny3 case)


def test_mae_rank_and_bootstrap_by_hand() -> None:
    cases = [BacktestCase("one", TABLE, (4.0,), "hand-made"), BacktestCase("two", TABLE, (6.0,), "hand-made")]
    result = backtest(cases, ("compromise", "median"), draws=500, seed=1)
    # |4.8 - 4| = 8%, |4.8 - 6| = 12% -> 10; |4 - 4| = 0, |4 - 6| = 20% -> 10: a tie, both rank 1
    assert np.allclose(result.mae, [10.0, 10.0]) and result.rank.tolist() == [1, 1]
    # resampling whole cases: compromise's MAE is 8, 10 or 12, the median's 0, 10 or 20
    assert result.interval[0, 0] >= 8 - 1e-9 and result.interval[0, 1] <= 12 + 1e-9
    assert result.interval[1, 0] == pytest.approx(0.0) and result.interval[1, 1] == pytest.approx(20.0)
    assert 0 < result.best_share[1] < 1 and result.best_share.sum() == pytest.approx(1.0)
    assert any("only 2 cases" in n for n in result.notes)
    one = backtest([cases[0]], ("compromise", "median", "bdm"), draws=100)
    assert one.rank[1] == 1 and one.mae[1] == 0.0


def case_file(**changes: Any) -> dict[str, Any]:
    case = {
        "name": "tiny",
        "outcome": {"X": 4},
        "outcome_source": "hand-made, for the test",
        "table": {
            "issues": [{"name": "X", "lower": 0, "upper": 10}],
            "actors": [
                {"name": "A", "capability": 1, "positions": [0], "saliences": [1]},
                {"name": "B", "capability": 2, "positions": [10], "saliences": [0.5]},
                {"name": "C", "capability": 1, "positions": [4], "saliences": [0.5]},
            ],
        },
    }
    case.update(changes)
    return {"format": "bargaining-backtest", "version": 1, "cases": [case]}


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"outcome": {"X": 11}}, "cases[0].outcome.X"),
        ({"outcome": {}}, "cases[0].outcome.X"),
        ({"outcome_source": None}, "cases[0].outcome_source"),
        ({"table": {"issues": [{"name": "X"}], "actors": []}}, "cases[0].table.actors"),
    ],
)
def test_bad_case_files_name_the_field(changes: dict[str, Any], where: str) -> None:
    with pytest.raises(SpecError) as info:
        read_cases(case_file(**changes))
    assert info.value.path == where


def test_backtest_command(tmp_path: Path) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(case_file()))
    code, out, _ = run(
        "backtest", str(path), "--model", "median", "--model", "compromise", "--format", "json"
    )
    assert code == 0
    scores = {m["model"]: m for m in json.loads(out)["models"]}
    assert scores["median"]["mae_percent_of_scale"] == 0 and scores["median"]["rank"] == 1
    assert scores["compromise"]["mae_percent_of_scale"] == pytest.approx(8.0)
    path.write_text(json.dumps(case_file(outcome={"X": 11})))
    code, _, err = run("backtest", str(path))
    assert code == 2 and "cases[0].outcome.X" in err
