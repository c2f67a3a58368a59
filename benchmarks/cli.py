"""Wall time of the command line as a user meets it, as ratios to ``python -c "import cvxpy"``.

Goals (issue 8): ``bargain validate games/kursk.json`` at most 0.3x and
``bargain solve games/kursk.json`` at most 1x the time of importing cvxpy,
interpreter start included. The machine's speed drifts, so every round runs
the reference and each command once, interleaved, each in a fresh process;
the table shows the median of the rounds in seconds and the median of the
per-round ratios.

Run:  python benchmarks/cli.py [--rounds 7] [--root CHECKOUT]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KURSK = "games/kursk.json"
#: The console script ``bargain``, run from the checkout (``-c`` puts it first on the path).
BARGAIN = "import sys; from bargaining.cli import main; sys.argv[0] = 'bargain'; sys.exit(main())"
REFERENCE = "python -c 'import cvxpy'"
#: (label, bargain arguments, goal as a ratio to the reference; None: recorded only)
CASES: list[tuple[str, list[str], float | None]] = [
    ("bargain --help", ["--help"], None),
    ("bargain validate games/kursk.json", ["validate", KURSK], 0.3),
    ("bargain solve games/kursk.json", ["solve", KURSK], 1.0),
    ("bargain solve games/kursk.json --method conic", ["solve", KURSK, "--method", "conic"], None),
]


def wall_time(command: list[str], root: Path) -> float:
    """Seconds one fresh process takes to run ``command`` in ``root``."""
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=root)
    return time.perf_counter() - start


def measure(rounds: int, root: Path) -> tuple[list[float], dict[str, list[float]]]:
    """The reference's times and each case's, over interleaved rounds."""
    reference: list[float] = []
    times: dict[str, list[float]] = {label: [] for label, _, _ in CASES}
    bargain = [sys.executable, "-c", BARGAIN]
    wall_time([sys.executable, "-c", "import cvxpy"], root)  # warm the file cache
    for _ in range(rounds):
        reference.append(wall_time([sys.executable, "-c", "import cvxpy"], root))
        for label, args, _ in CASES:
            times[label].append(wall_time([*bargain, *args], root))
    return reference, times


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to time (default: this one)")
    options = parser.parse_args()
    reference, times = measure(options.rounds, options.root)
    print(f"{'command':40s} {'median s':>9s} {'ratio':>7s} {'goal':>6s}")
    print(f"{REFERENCE:40s} {statistics.median(reference):9.3f} {1.0:7.2f} {'':>6s}")
    for label, _, goal in CASES:
        ratios = [t / r for t, r in zip(times[label], reference, strict=True)]
        ratio = statistics.median(ratios)
        verdict = "" if goal is None else f"{goal:.1f}" + (" ok" if ratio <= goal else " MISS")
        print(f"{label:40s} {statistics.median(times[label]):9.3f} {ratio:7.2f} {verdict:>6s}")


if __name__ == "__main__":
    main()
