"""Sizes nothing refused (issue 10): each refuses at once, naming the option and its bound."""

from __future__ import annotations

import time

import pytest
from strategies import ROOT, run

import bargaining as bg
from bargaining.errors import InvalidGameError
from bargaining.sensitivity.montecarlo import MAX_DRAWS, monte_carlo
from bargaining.sensitivity.ranges import MAX_POINTS, RangeError, axis
from bargaining.sensitivity.runner import MAX_WORKERS, run_points
from bargaining.sensitivity.sweep import grid, sweep
from bargaining.sensitivity.threshold import threshold

KURSK = str(ROOT / "games" / "kursk.json")


@pytest.fixture(scope="module")
def kursk() -> object:
    return bg.load(KURSK)


def _refused(*args: str) -> str:
    start = time.perf_counter()
    code, out, err = run(*args)
    assert time.perf_counter() - start < 5
    assert code == 2 and "Traceback" not in out + err
    return err


def test_a_sweep_of_ten_million_points_is_refused(kursk: object) -> None:
    with pytest.raises(RangeError, match=r"kursk_held: 10,000,000 points are more than the 100,000"):
        sweep(kursk, "kursk_held", num=10**7)
    with pytest.raises(RangeError, match="100,000"):
        axis(kursk, "kursk_held", values=[1.0] * (MAX_POINTS + 1))
    assert "10,000,000 points" in _refused("sweep", KURSK, "-p", "kursk_held=0:1294:10000000")


def test_a_grid_of_ten_billion_points_is_refused(kursk: object) -> None:
    axes = {"kursk_held": None, "holding_cost": None}
    with pytest.raises(RangeError, match=r"grid: 10,000,000,000 points"):
        grid(kursk, axes, num=100_000)
    err = _refused("grid", KURSK, "-p", "kursk_held=0:1294:100000", "-p", "holding_cost=0:0.5:100000")
    assert "100,000" in err


def test_a_threshold_with_a_hundred_million_brackets_is_refused(kursk: object) -> None:
    with pytest.raises(RangeError, match="100,000,000 points"):
        threshold(kursk, "kursk_held", num=10**8)
    assert "100,000,000 points" in _refused("threshold", KURSK, "-p", "kursk_held=0:1294:100000000")


def test_a_billion_draws_are_refused(kursk: object) -> None:
    with pytest.raises(InvalidGameError, match=r"draws: 1,000,000,000 are more than the 1,000,000"):
        monte_carlo(kursk, 10**9, uniform_ranges=True)
    assert MAX_DRAWS == 1_000_000
    assert "1<=x<=1000000" in _refused("montecarlo", KURSK, "--draws", "1000000000")


def test_three_hundred_workers_are_refused_and_workers_never_exceed_points(kursk: object) -> None:
    with pytest.raises(InvalidGameError, match="workers: expected a whole number of processes from 1 to 64"):
        run_points(kursk, [{}], "nash", workers=300)
    assert MAX_WORKERS == 64
    assert "1<=x<=64" in _refused("sweep", KURSK, "-p", "kursk_held=0:1294:3", "--workers", "300")


def test_bounds_are_shown_in_help() -> None:
    for command, text in (
        ("montecarlo", "1 to 1000000"),
        ("sweep", "1 to 64"),
        ("sweep", "at most 100000"),
        ("rubinstein", "1 to 100000"),
    ):
        code, out, _ = run(command, "--help")
        assert code == 0 and text in " ".join(out.split()), (command, text)
