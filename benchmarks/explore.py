"""Re-solving every concept after a slider move (issue 11), as ratios to the cvxpy path in the same run.

Goal (issue 11): ``solve_all(problem, method="auto")`` of Kursk after a
parameter change, all four concepts (Nash, Kalai-Smorodinsky, egalitarian,
utilitarian), in under 50 ms, server side. The machine is shared and its
speed drifts, so the goal is judged against the cvxpy path timed in the same
run: on an idle machine that path takes about :data:`CONIC_IDLE_MS`, so the
goal is a median ratio to it of at most ``50 / CONIC_IDLE_MS``; the table also
shows the milliseconds of this run. Every round solves the same changed
problem by each method once, interleaved: ``auto`` (Newton where it
certifies its answer, else cvxpy: what the explorer runs), ``newton`` and
``conic`` (cvxpy, the reference); the table shows the median of the rounds in
milliseconds and the median of the per-round ratios to ``conic``. Before each
timed solve the Newton path's per-point caches are dropped
(:func:`~bargaining.solutions.smooth_concepts.forget_points`), so every solve
is a point's first, as on a moved slider. The changes:

* ``kursk_held`` and ``us_support`` (two sliders) each dragged across their ranges;
* random: every ranged parameter drawn uniformly from its range.

The goal line pools the two sliders' rounds. Each problem structure is compiled
(and its first point solved) before the clock starts, as the explorer does
when it opens a page. ``fallbacks`` counts the concepts that ``auto`` left to
cvxpy (each costs about a cvxpy solve on top of the Newton one).

Run:  python benchmarks/explore.py [--rounds 30] [--spec games/kursk.json]

Thirty rounds a change by default: with fifteen, the machine's drift moved the
sliders' median ratio between 0.43 and 0.54 across runs of the same code.
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
from bargaining.solutions.smooth_concepts import forget_points

ROOT = Path(__file__).resolve().parents[1]
METHODS = ("auto", "newton", "conic")
GOAL_MS = 50.0
#: ``solve_all(kursk, method="conic")`` after a slider move on an idle machine, in ms (measured at
#: 36aefa9: about 100 ms; 78-133 ms on 2 December 2026 under a load below 1). This run's own conic
#: times are the baseline; this only turns the 50 ms goal into a ratio to them.
CONIC_IDLE_MS = 100.0
SLIDERS = ("kursk_held", "us_support")


def slider(problem: Any, rounds: int, name: str = "kursk_held") -> list[Any]:
    """Parameter ``name`` (or the first ranged parameter) dragged across its range."""
    ranged = [p for p in problem.parameters if p.range is not None]
    parameter = next((p for p in ranged if p.name == name), ranged[0])
    low, high = parameter.range
    return [problem.with_parameters({parameter.name: float(v)}) for v in np.linspace(high, low, rounds)]


def random_points(problem: Any, rounds: int, seed: int = 11) -> list[Any]:
    """Every ranged parameter drawn from its range."""
    rng = np.random.default_rng(seed)
    ranged = [p for p in problem.parameters if p.range is not None]
    points = [{p.name: float(rng.uniform(*p.range)) for p in ranged} for _ in range(rounds)]
    return [problem.with_parameters(point) for point in points]


def timed(solve: Callable[[], Any]) -> tuple[float, Any]:
    forget_points()
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


def report(label: str, times: dict[str, list[float]], fallbacks: int, refusals: int) -> None:
    """One line per method: median ms, median ratio to conic, what ``auto`` left to cvxpy."""
    rounds = len(times["conic"])
    for method in METHODS:
        ms = 1000 * statistics.median(times[method])
        ratio = statistics.median(t / r for t, r in zip(times[method], times["conic"], strict=True))
        notes = {
            "auto": f"{fallbacks} of {4 * rounds} concepts fell back to cvxpy",
            "newton": f"{refusals} of {rounds} rounds refused (could not certify)",
            "conic": "the reference",
        }[method]
        print(f"{label:10s} {method:7s} {ms:10.1f} {ratio:7.2f}  {notes}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--spec", type=Path, default=ROOT / "games" / "kursk.json")
    options = parser.parse_args()
    problem = load(options.spec)
    warnings.simplefilter("ignore")
    print(f"{'change':10s} {'method':7s} {'median ms':>10s} {'ratio':>7s}  notes")
    pooled: dict[str, list[float]] = {m: [] for m in METHODS}
    changes = [(name, lambda p, r, name=name: slider(p, r, name)) for name in SLIDERS]
    for label, make in [*changes, ("random", random_points)]:
        times, fallbacks, refusals = measure(make(problem, options.rounds))
        report(label, times, fallbacks, refusals)
        if label in SLIDERS:
            for method in METHODS:
                pooled[method] += times[method]
    ratio = statistics.median(t / r for t, r in zip(pooled["auto"], pooled["conic"], strict=True))
    target = GOAL_MS / CONIC_IDLE_MS
    ms = 1000 * statistics.median(pooled["auto"])
    verdict = "met" if ratio <= target else "NOT met"
    print(
        f"goal: all four concepts re-solved in {GOAL_MS:.0f} ms on an idle machine, i.e. a median ratio to "
        f"conic of at most {target:.2f} (conic: about {CONIC_IDLE_MS:.0f} ms idle); sliders' median auto "
        f"ratio {ratio:.2f} ({ms:.1f} ms in this run): {verdict}"
    )


if __name__ == "__main__":
    main()
