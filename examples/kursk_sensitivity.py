"""How holding Kursk shifts the predicted agreement: sweeps, a grid, a tornado, thresholds, Monte Carlo.

Run from the repository root::

    python examples/kursk_sensitivity.py [FOLDER]

It prints the value of the chip (the agreement with the spec's Kursk holding
against none), the holding cost at which holding Kursk stops paying, and a
Monte Carlo summary, and writes the figures to ``FOLDER`` (or
``$BARGAINING_EXAMPLE_OUTPUT``; without either, to a new temporary folder,
whose name it prints). ``python examples/kursk_sensitivity.py docs/figures``
redraws the figures the docs show.

Every number in games/kursk.json is an illustrative assumption or a public
figure with its source; the figures show what the model implies, not a
forecast.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from bargaining.io import load, write
from bargaining.plotting.sensitivity import plot_grid, plot_montecarlo, plot_sweep, plot_tornado
from bargaining.sensitivity import grid, sweep
from bargaining.sensitivity.compare import compare
from bargaining.sensitivity.montecarlo import monte_carlo
from bargaining.sensitivity.sobol import sobol_indices
from bargaining.sensitivity.threshold import threshold
from bargaining.sensitivity.tornado import tornado

ROOT = Path(__file__).resolve().parents[1]
# BARGAINING_EXAMPLE_QUICK=1 (the test suite sets it) runs every step on fewer points.
QUICK = bool(os.environ.get("BARGAINING_EXAMPLE_QUICK"))
LINE, GRID, DRAWS, SOBOL = (9, 5, 100, 100) if QUICK else (41, 21, 2000, 256)


def output_folder(argv: list[str]) -> Path:
    """The folder named on the command line, else ``$BARGAINING_EXAMPLE_OUTPUT``, else a new temporary one."""
    named = argv[1] if len(argv) > 1 else os.environ.get("BARGAINING_EXAMPLE_OUTPUT")
    if not named:
        return Path(tempfile.mkdtemp(prefix="kursk_figures_"))
    folder = Path(named)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def main() -> None:
    out = output_folder(sys.argv)
    kursk = load(ROOT / "games" / "kursk.json")

    # 1. The value of the chip: the spec's 1,000 km² against none.
    chip = compare(kursk, {"kursk_held": 0}, solution="nash")
    print(chip.to_table())
    print()

    # 2. How the agreement moves with the holding, under every solution concept.
    held = sweep(kursk, "kursk_held", num=LINE, solution="all")
    write(plot_sweep(held, model=kursk), out / "kursk_sweep_kursk_held.png")

    # 3. US pressure (-1) against backing (+1).
    us = sweep(kursk, "us_support", num=LINE, solution="all")
    write(plot_sweep(us, model=kursk), out / "kursk_sweep_us_support.png")

    # 4. When does holding Kursk stop paying? Ukraine's Nash utility holding 1,000 km² falls with the
    #    holding cost; without the holding it does not depend on the cost. Where they cross, the chip is
    #    worth no more than it costs. That depends on how much Russia values getting Kursk back.
    without = chip.alternative["nash.ukraine.utility"]
    print(f"Ukraine's Nash utility without the holding: {without:.4f}")
    for weight in (0.1, 0.2, 0.3):
        model = kursk.with_parameters(kursk_weight_russia=weight)
        stops = threshold(model, "holding_cost", f"nash.ukraine.utility = {without}", num=LINE)
        print(f"kursk_weight_russia = {weight}: {stops.to_table()}")
    print()

    # 5. Holding and its cost together; and which guarantee the Nash agreement includes, by holding
    #    and US stance.
    both = grid(kursk, {"kursk_held": None, "holding_cost": None}, num=GRID, solution="nash")
    write(plot_grid(both, outcome="nash.ukraine.utility", model=kursk), out / "kursk_grid_utility.png")
    levels = grid(kursk, {"kursk_held": None, "us_support": None}, num=GRID, solution="nash")
    write(plot_grid(levels, outcome="nash.security", model=kursk), out / "kursk_grid_security.png")

    # 6. Which assumptions matter most for Ukraine's Nash utility.
    ranked = tornado(kursk, "nash.ukraine.utility", solution="nash")
    write(plot_tornado(ranked), out / "kursk_tornado.png")
    print(ranked.to_table())
    print()

    # 7. Uncertainty: a few key numbers drawn from distributions (assumptions, like the numbers themselves).
    uncertain = {
        "holding_cost": "normal:0.15:0.08",
        "us_support": "uniform",
        "war_cost_russia": "triangular:0.05:0.25:0.6",
        "kursk_held": "beta:4:2",
    }
    draws = monte_carlo(kursk, DRAWS, seed=2024, distributions=uncertain)
    indices = sobol_indices(kursk, "nash.ukraine.utility", SOBOL, seed=2024, distributions=uncertain)
    figure = plot_montecarlo(
        draws,
        sobol=indices,
        outcomes=["nash.territory_returned", "nash.ukraine.utility", "nash.russia.utility"],
    )
    write(figure, out / "kursk_montecarlo.png")
    print(draws.to_table())
    print()
    print(indices.to_table())
    print(f"\nfigures written to {out}")


if __name__ == "__main__":
    main()
