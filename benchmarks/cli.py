"""Wall time of the command line as a user meets it: ``bargain --help`` and ``bargain solve``.

Goals (issue 2): ``bargain --help`` under 0.3 s and ``bargain solve
games/kursk.json`` under 2 s on the 2-core machine, interpreter start and the
cvxpy import included. Each command runs in a fresh process; the table shows
the median and the best of N runs, and the ratio to the goal.

Run:  python benchmarks/cli.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = [
    ("bargain --help", ["--help"], 0.3),
    ("bargain solve games/kursk.json", ["solve", str(ROOT / "games" / "kursk.json")], 2.0),
    (
        "bargain solve games/curved_frontier.json",
        ["solve", str(ROOT / "games" / "curved_frontier.json")],
        2.0,
    ),
]


def wall_time(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bargaining.cli", *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"{'command':44s} {'median s':>9s} {'best s':>8s} {'goal s':>7s} {'median/goal':>12s}")
    for label, args, goal in CASES:
        times = [wall_time(args) for _ in range(runs)]
        median = statistics.median(times)
        print(f"{label:44s} {median:9.3f} {min(times):8.3f} {goal:7.1f} {median / goal:12.2f}")


if __name__ == "__main__":
    main()
