"""Re-solving every concept after a slider move (issue 11), as ratios to the cvxpy path in the same run.

Goal: ``solve_all(problem, method="auto")`` of Kursk after a parameter change,
all four concepts (Nash, Kalai-Smorodinsky, egalitarian, utilitarian), in
under 50 ms, server side. The machine's speed drifts, so every round solves
the same changed problem by each method once, interleaved: ``auto`` (Newton
where it certifies its answer, else cvxpy), ``newton`` and ``conic`` (cvxpy,
the reference); the table shows the median of the rounds in milliseconds and
the median of the per-round ratios to ``conic``. Two kinds of change:

* slider: ``kursk_held`` moved along its range in steps, as a dragged slider does;
* random: every ranged parameter drawn uniformly from its range.

Each problem structure is compiled (and its first point solved) before the
clock starts, as the explorer does when it opens a page. ``fallbacks`` counts
the concepts that ``auto`` left to cvxpy (each costs about a cvxpy solve).

Run:  python benchmarks/explore.py [--rounds 15] [--spec games/kursk.json]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bargaining.errors import SolverError
from bargaining.io import load
from bargaining.solutions import solve_all

ROOT = Path(__file__).resolve().parents[1]
METHODS = ("auto", "newton", "conic")
GOAL_MS = 50.0


def slider(problem: Any, rounds: int) -> list[Any]:
    """``kursk_held`` (or the first ranged parameter) dragged across its range."""
    ranged = [p for p in problem.parameters if p.range is not None]
    parameter = next((p for p in ranged if p.name == "kursk_held"), ranged[0])
    low, high = parameter.range
    return [problem.with_parameters({parameter.name: float(v)}) for v in np.linspace(high, low, rounds)]


def random_points(problem: Any, rounds: int, seed: int = 11) -> list[Any]:
    """Every ranged parameter drawn from its range."""
    rng = np.random.default_rng(seed)
    ranged = [p for p in problem.parameters if p.range is not None]
    points = [{p.name: float(rng.uniform(*p.range)) for p in ranged} for _ in range(rounds)]
    return [problem.with_parameters(point) for point in points]


def timed(solve: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    try:
        found = solve()
    except SolverError as exc:  # method="newton" where it cannot certify: recorded, not timed away
        found = exc
    return time.perf_counter() - start, found


def measure(problems: list[Any]) -> tuple[dict[str, list[float]], int, int]:
    """Seconds per method over interleaved rounds, the concepts ``auto`` left to cvxpy, newton's refusals."""
    times: dict[str, list[float]] = {m: [] for m in METHODS}
    fallbacks = refusals = 0
    for method in METHODS:  # compile every path once, as a page does when it opens
        timed(lambda method=method: solve_all(problems[0], method=method))
    for problem in problems:
        for method in METHODS:
            seconds, found = timed(lambda p=problem, method=method: solve_all(p, method=method))
            times[method].append(seconds)
            if method == "auto":
                fallbacks += sum(s.method != "newton" for s in found.solutions)
            if method == "newton" and isinstance(found, SolverError):
                refusals += 1
    return times, fallbacks, refusals


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--spec", type=Path, default=ROOT / "games" / "kursk.json")
    options = parser.parse_args()
    problem = load(options.spec)
    warnings.simplefilter("ignore")
    print(f"{'change':8s} {'method':7s} {'median ms':>10s} {'ratio':>7s} {'goal':>8s}  notes")
    for label, make in (("slider", slider), ("random", random_points)):
        times, fallbacks, refusals = measure(make(problem, options.rounds))
        for method in METHODS:
            ms = 1000 * statistics.median(times[method])
            ratio = statistics.median(t / r for t, r in zip(times[method], times["conic"], strict=True))
            goal = f"{GOAL_MS:.0f}" + (" ok" if ms <= GOAL_MS else " MISS") if method == "auto" else ""
            notes = {
                "auto": f"{fallbacks} of {4 * options.rounds} concepts fell back to cvxpy",
                "newton": f"{refusals} of {options.rounds} rounds refused (could not certify)",
                "conic": "the reference",
            }[method]
            print(f"{label:8s} {method:7s} {ms:10.1f} {ratio:7.2f} {goal:>8s}  {notes}")


if __name__ == "__main__":
    main()
