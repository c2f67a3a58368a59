"""``bargain simulate``: Monte Carlo paths of the war and the talks (stochastic bargaining).

A thin command: load the spec through :mod:`bargaining.io`, solve its
stationary equilibrium, draw the paths with :func:`bargaining.dynamic.simulate`
(a progress bar on a terminal) and print the summary (a table or JSON);
``--plot FILE`` also writes a fan chart (:func:`bargaining.plotting.simulation.plot_simulation`).
"""

from __future__ import annotations

import click

from bargaining.cli.analysis import plot_option, progress, write_plot
from bargaining.cli.common import emit, format_option, set_option
from bargaining.errors import SpecError

__all__ = ["simulate"]


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--periods", type=click.IntRange(min=1), default=24, show_default=True, help="Periods per path."
)
@click.option(
    "--runs", type=click.IntRange(min=1), default=10_000, show_default=True, help="Number of paths."
)
@click.option("--seed", type=int, default=None, help="Seed, for reproducible paths.")
@set_option
@plot_option
@format_option
def simulate(
    spec: str,
    periods: int,
    runs: int,
    seed: int | None,
    assignments: tuple[str, ...],
    plot_file: str | None,
    output_format: str,
) -> None:
    """Draw paths of the war and the talks of a stochastic-bargaining SPEC.

    \b
    Examples:
      bargain simulate games/kursk_over_time.json --periods 24 --runs 10000 --seed 1
      bargain simulate games/kursk_over_time.json --set counterattack=0.2 --format json
      bargain simulate games/kursk_over_time.json --seed 1 --plot fan.png
    """
    from bargaining.cli.solve import load_with
    from bargaining.dynamic import simulate as draw
    from bargaining.dynamic import solve_stochastic_bargaining

    model = load_with(spec, assignments)
    if getattr(model, "spec_kind", "") != "stochastic_bargaining":
        raise SpecError(
            "kind", f"bargain simulate needs a stochastic_bargaining spec, got {model.spec_kind!r}"
        )
    solution = solve_stochastic_bargaining(model)
    transitions = model.arguments()["transitions"]
    result = draw(solution, transitions, periods=periods, runs=runs, seed=seed, progress=progress())
    emit(result, output_format)
    if plot_file:
        from bargaining.plotting.simulation import plot_simulation

        write_plot(plot_file, lambda: plot_simulation(result))
