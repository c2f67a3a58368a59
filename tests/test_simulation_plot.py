"""``bargain simulate``: the fan chart (bargaining.plotting.simulation) and the progress bar."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from strategies import run

from bargaining.dynamic import SimulationResult, simulate, stationary_equilibrium
from bargaining.plotting.simulation import BANDS, fan_series, plot_simulation

DELAY = {
    "format": "bargaining",
    "version": 1,
    "kind": "stochastic_bargaining",
    "parameters": [{"name": "q", "value": 0.3}],
    "players": [{"name": "a", "discount": 0.9}, {"name": "b", "discount": 0.9}],
    "states": [{"name": "low", "pie": 1}, {"name": "mid", "pie": 1.6}, {"name": "high", "pie": 2.5}],
    "transitions": [["1 - q", "q", 0], [0, "1 - q", "q"], [0, 0, 1]],
}


def by_hand() -> SimulationResult:
    """Four runs over two periods: deals of 0.2 (period 0), 0.4 and 0.6 (period 1), one without."""
    return SimulationResult(
        state_names=("s0", "s1", "s2"),
        party_names=("a", "b"),
        periods=2,
        runs=4,
        seed=None,
        agreement_period=np.array([0, 1, -1, 1]),
        agreement_state=np.array([0, 1, -1, 1]),
        deal=np.array([[0.2, 0.8], [0.4, 0.6], [np.nan, np.nan], [0.6, 0.4]]),
        occupancy=np.array([[1.0, 0.0, 0.0], [0.25, 0.5, 0.25]]),
        exact_at_agreement=np.array([0.25, 0.5, 0.25]),
    )


def test_fan_series_by_hand() -> None:
    series = fan_series(by_hand())
    assert series.state[0].tolist() == [0, 0, 0, 0, 0]
    # period 1: a quarter in s0, half in s1, a quarter in s2 -> 5%: s0, 25%: s0, median s1, 75% s1, 95% s2
    assert series.state[1].tolist() == [0, 0, 1, 1, 2]
    assert series.deal[0].tolist() == pytest.approx([0.2] * 5)
    assert series.deal[1][2] == pytest.approx(0.4)  # the median of 0.2, 0.4, 0.6
    assert series.agreed.tolist() == [0.25, 0.75]


def test_state_bands_are_the_quantiles_of_the_simulated_states() -> None:
    """Against numpy's inverse-CDF quantiles of the states, each run's state rebuilt from the counts."""
    sol = stationary_equilibrium(
        [1, 1.6, 2.5], np.zeros((3, 2)), [0.5] * 3, [[0.7, 0.3, 0], [0, 0.7, 0.3], [0, 0, 1]], (0.9, 0.9)
    )
    result = simulate(sol, [[0.7, 0.3, 0], [0, 0.7, 0.3], [0, 0, 1]], periods=12, runs=999, seed=3)
    series = fan_series(result)
    for t in range(result.periods):
        counts = np.rint(result.occupancy[t] * result.runs).astype(int)
        states = np.repeat(np.arange(3), counts)
        assert series.state[t].tolist() == np.quantile(states, BANDS, method="inverted_cdf").tolist()
    assert np.all(np.diff(series.state[:, 2]) >= 0)  # the pie only grows here: the state only moves up


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def start(self, total: int, label: str) -> None:
        self.calls.append(("start", total))

    def advance(self, done: int) -> None:
        self.calls.append(("advance", done))

    def finish(self) -> None:
        self.calls.append(("finish",))


def test_progress_is_told_each_period_and_changes_nothing() -> None:
    sol = stationary_equilibrium([1, 2], np.zeros((2, 2)), [0.5, 0.5], [[0.6, 0.4], [0, 1]], (0.9, 0.9))
    plain = simulate(sol, [[0.6, 0.4], [0, 1]], periods=5, runs=100, seed=1)
    recorder = Recorder()
    told = simulate(sol, [[0.6, 0.4], [0, 1]], periods=5, runs=100, seed=1, progress=recorder)
    assert recorder.calls == [("start", 5), *[("advance", 1)] * 5, ("finish",)]
    assert np.array_equal(plain.agreement_period, told.agreement_period)


def test_plot_and_cli_write_a_fan_chart(tmp_path: Path) -> None:
    spec = tmp_path / "delay.json"
    spec.write_text(json.dumps(DELAY))
    figure = tmp_path / "fan.png"
    code, out, err = run("simulate", str(spec), "--runs", "500", "--seed", "1", "--plot", str(figure))
    assert code == 0 and figure.stat().st_size > 1000 and "wrote" in err and "share with a deal" in out
    fig = plot_simulation(by_hand())
    assert len(fig.axes) == 3
    code, _, err = run("simulate", str(spec), "--plot", str(tmp_path / "fan.txt"))
    assert code == 2 and "figure file name" in err
