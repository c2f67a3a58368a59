"""``bargain montecarlo``: outcome distributions under uncertain parameters, and Sobol indices.

A thin command: parse the options, call :mod:`bargaining.sensitivity.montecarlo`,
print a table, CSV or JSON, and write a figure with ``--plot FILE``.
"""

from __future__ import annotations

import json
from typing import Any

import click

from bargaining.cli.analysis import analysis_options, emit, executor_for, load, progress, write_plot

__all__ = ["montecarlo"]


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--draws",
    "-n",
    type=click.IntRange(min=1, max=1_000_000),
    default=1000,
    show_default=True,
    help="Number of random draws, 1 to 1000000.",
)
@click.option(
    "--seed", type=click.IntRange(min=0), default=None, help="Seed (an integer >= 0), for reproducible draws."
)
@click.option(
    "--dist",
    "dists",
    multiple=True,
    metavar="NAME=TYPE:ARGS",
    help="A parameter's distribution (repeatable): normal:MEAN:SD, uniform[:LOW:HIGH], "
    "triangular:LOW:MODE:HIGH, beta:A:B[:LOW:HIGH].",
)
@click.option(
    "--uniform-ranges", is_flag=True, help="Treat every other parameter with a range as uniform on it."
)
@click.option(
    "--sobol",
    "sobol_outcome",
    default=None,
    metavar="OUTCOME",
    help="Also compute Sobol indices of this outcome (N(k+2) more solves, N = draws/(k+2) base "
    "samples, at least 100: --draws 100*(k+2) or more for k uncertain parameters).",
)
@analysis_options(solution="nash", plot=True, workers=True, scheduler=True)
def montecarlo(
    spec: str,
    draws: int,
    seed: int | None,
    dists: tuple[str, ...],
    uniform_ranges: bool,
    sobol_outcome: str | None,
    solution: str,
    assignments: tuple[str, ...],
    output_format: str,
    plot_file: str | None,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Draw uncertain parameters and solve: outcome quantiles, probability of agreement, Sobol indices.

    \b
    Examples:
      bargain montecarlo games/kursk.json --dist holding_cost=normal:0.15:0.05 \\
          --dist us_support=uniform --draws 2000 --seed 1
      bargain montecarlo games/kursk.json --uniform-ranges --draws 2000 --sobol ukraine.gain
    """
    from bargaining.sensitivity.montecarlo import distributions_of, monte_carlo
    from bargaining.sensitivity.sobol import MIN_BASE_SAMPLES, sobol_indices

    model = load(spec, assignments)
    overrides = parse_distributions(dists)
    k = len(distributions_of(model, overrides, uniform_ranges))
    if sobol_outcome is not None and draws // (k + 2) < MIN_BASE_SAMPLES:
        raise click.BadParameter(
            f"Sobol indices need at least {MIN_BASE_SAMPLES} base samples N = draws/(k+2); with k = {k} "
            f"uncertain parameter(s), give --draws {MIN_BASE_SAMPLES * (k + 2)} or more (got {draws})",
            param_hint="--draws",
        )
    options: dict[str, Any] = {
        "seed": seed,
        "distributions": overrides,
        "uniform_ranges": uniform_ranges,
        "solution": solution,
        "workers": workers,
    }
    with executor_for(scheduler) as executor:
        result = monte_carlo(model, draws, executor=executor, progress=progress(), **options)
        sobol = None
        if sobol_outcome is not None:
            n = draws // (k + 2)
            sobol = sobol_indices(model, sobol_outcome, n, executor=executor, progress=progress(), **options)
    _emit(result, sobol, output_format)
    from bargaining.plotting.montecarlo import plot_montecarlo

    write_plot(plot_file, lambda: plot_montecarlo(result, sobol=sobol))


def parse_distributions(dists: tuple[str, ...]) -> dict[str, str]:
    """``--dist NAME=TYPE:ARGS`` options as ``{name: "TYPE:ARGS"}``, with a clear error."""
    overrides: dict[str, str] = {}
    for item in dists:
        name, sep, text = item.partition("=")
        if not sep or not name.strip() or not text.strip():
            raise click.BadParameter(
                f"{item!r} is not NAME=TYPE:ARGS (e.g. holding_cost=normal:0.15:0.05)", param_hint="--dist"
            )
        overrides[name.strip()] = text.strip()
    return overrides


def _emit(result: Any, sobol: Any, output_format: str) -> None:
    if output_format == "json":
        data = result.to_dict()
        if sobol is not None:
            data["sobol"] = sobol.to_dict()
        click.echo(json.dumps(data, indent=2, allow_nan=False))
    elif output_format == "csv":
        emit(result, output_format)
    else:
        click.echo(result.to_table())
        if sobol is not None:
            click.echo("\n" + sobol.to_table())
