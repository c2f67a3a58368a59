"""``bargain sweep`` and ``bargain grid``: outcomes along one parameter, or over two.

Thin commands: parse the options, call :mod:`bargaining.sensitivity`, print a
table, CSV or JSON, and write a figure with ``--plot FILE``.
"""

from __future__ import annotations

import click

from bargaining.cli.analysis import analysis_options, emit, executor_for, load, progress, write_plot

__all__ = ["grid", "sweep"]


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--param",
    "-p",
    "param",
    required=True,
    metavar="NAME=LOW:HIGH:NUM",
    help="The parameter to sweep, e.g. kursk_held=0:1294:41 (NAME alone: its range, 21 points; "
    "at most 100000 points).",
)
@analysis_options(columns=True, plot=True, workers=True, scheduler=True)
def sweep(
    spec: str,
    param: str,
    solution: str,
    assignments: tuple[str, ...],
    output_format: str,
    columns: str | None,
    plot_file: str | None,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Solve SPEC along one parameter: the agreement, utilities and gains at each value.

    \b
    Examples:
      bargain sweep games/kursk.json --param kursk_held=0:1294:41 -s nash
      bargain sweep games/kursk.json --param us_support --format csv > us.csv
      bargain sweep games/kursk.json --param kursk_held -s nash --plot kursk.png
    """
    from bargaining.sensitivity import parse_axis
    from bargaining.sensitivity import sweep as run_sweep

    model = load(spec, assignments)
    ax = parse_axis(param, model)
    with executor_for(scheduler) as executor:
        result = run_sweep(
            model, ax, solution=solution, executor=executor, workers=workers, progress=progress()
        )
    emit(result, output_format, columns)
    from bargaining.plotting.sweep import plot_sweep

    write_plot(plot_file, lambda: plot_sweep(result, model=model))


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--param",
    "-p",
    "params",
    required=True,
    multiple=True,
    metavar="NAME=LOW:HIGH:NUM",
    help="A parameter of the grid (give two), e.g. --param kursk_held=0:1294:21 "
    "(at most 100000 points in all).",
)
@click.option(
    "--outcome",
    "-o",
    default=None,
    help="The outcome the --plot heatmap shows (default: the first concept's first issue).",
)
@analysis_options(columns=True, plot=True, workers=True, scheduler=True)
def grid(
    spec: str,
    params: tuple[str, ...],
    outcome: str | None,
    solution: str,
    assignments: tuple[str, ...],
    output_format: str,
    columns: str | None,
    plot_file: str | None,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Solve SPEC at every combination of values of two parameters.

    \b
    Examples:
      bargain grid games/kursk.json -p kursk_held=0:1294:21 -p us_support=-1:1:21 -s nash
      bargain grid games/kursk.json -p kursk_held -p holding_cost -s nash \\
          --plot grid.png --outcome ukraine.gain
    """
    from bargaining.sensitivity import grid as run_grid
    from bargaining.sensitivity import parse_axis

    if len(params) != 2:
        raise click.BadParameter(f"give exactly two --param options, got {len(params)}", param_hint="--param")
    model = load(spec, assignments)
    axes = [parse_axis(p, model) for p in params]
    with executor_for(scheduler) as executor:
        result = run_grid(
            model, axes, solution=solution, executor=executor, workers=workers, progress=progress()
        )
    if outcome is not None:
        result.outcome(outcome)  # an unknown outcome fails before anything is printed
    emit(result, output_format, columns)
    from bargaining.plotting.grid import plot_grid

    write_plot(plot_file, lambda: plot_grid(result, outcome=outcome, model=model))
