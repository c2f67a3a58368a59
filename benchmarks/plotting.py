"""The utility-space figure on a slider move: sampling, building and rendering Kursk at new values.

Goal (issue 11): redrawing after a slider move feels live, under about 150 ms
for the figure. Each round moves ``kursk_held`` to a new value, solves it
(not timed: that is the solvers' benchmark) and times, separately, sampling
the feasible set, building the figure (:func:`plot_utility_space`), and
rendering it to PNG at 100 dpi; with the agreements listed and compact
(``agreements=False``). Both wall time and CPU time are shown: on a shared
machine the wall time includes waiting for a core.

Run:  python benchmarks/plotting.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from pathlib import Path
from typing import Any

from bargaining.dispatch import solve_model
from bargaining.io import read
from bargaining.plotting import plot_utility_space
from bargaining.plotting.utility_samples import sample_utilities

KURSK = Path(__file__).resolve().parent.parent / "games" / "kursk.json"


def timed(action: Any, *args: Any, **kwargs: Any) -> tuple[Any, float, float]:
    """``action(*args, **kwargs)``, its wall and its CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    model = read(KURSK)
    plot_utility_space(model).savefig(io.BytesIO(), format="png", dpi=100)  # imports, font cache
    for agreements in (True, False):
        rows: dict[str, list[tuple[float, float]]] = {"sample": [], "figure": [], "png": []}
        for k in range(args.rounds):
            problem = model.with_parameters(
                kursk_held=1294.0 * (k + (0.5 if agreements else 0.25)) / args.rounds
            )
            solutions = solve_model(problem, "all")
            _, wall, cpu = timed(sample_utilities, problem)
            rows["sample"].append((wall, cpu))
            fig, wall, cpu = timed(plot_utility_space, problem, solutions, agreements=agreements)
            rows["figure"].append((wall, cpu))
            _, wall, cpu = timed(fig.savefig, io.BytesIO(), format="png", dpi=100)
            rows["png"].append((wall, cpu))
        label = "agreements listed" if agreements else "compact"
        parts = [
            f"{name} {1000 * statistics.median(w for w, _ in values):.0f} ms "
            f"(CPU {1000 * statistics.median(c for _, c in values):.0f})"
            for name, values in rows.items()
        ]
        print(f"Kursk, {label}: " + ", ".join(parts))


if __name__ == "__main__":
    main()
