"""``bargain sweep`` and ``bargain grid``: outcomes along one parameter, or over two.

Thin commands: parse the options, call :mod:`bargaining.sensitivity`, print a
table, CSV or JSON, and write a figure with ``--plot FILE``.
"""

from __future__ import annotations

from typing import Any

import click

from bargaining.cli.analysis import analysis_options, emit, executor_for, load, progress, write_plot

__all__ = ["default_columns", "grid", "sweep", "table_columns"]

#: What ``--columns`` takes, for the error of an empty one.
COLUMNS_HELP = (
    "--columns: outcome names separated by commas (e.g. nash.territory_returned,ukraine.gain), "
    "or 'all' for every outcome"
)


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

    check_columns(columns)
    model = load(spec, assignments)
    ax = parse_axis(param, model)
    with executor_for(scheduler) as executor:
        result = run_sweep(
            model, ax, solution=solution, executor=executor, workers=workers, progress=progress()
        )
    show_table(result, output_format, columns)
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
    check_columns(columns)
    model = load(spec, assignments)
    axes = [parse_axis(p, model) for p in params]
    with executor_for(scheduler) as executor:
        result = run_grid(
            model, axes, solution=solution, executor=executor, workers=workers, progress=progress()
        )
    if outcome is not None:
        result.outcome(outcome)  # an unknown outcome fails before anything is printed
    show_table(result, output_format, columns)
    from bargaining.plotting.grid import plot_grid

    write_plot(plot_file, lambda: plot_grid(result, outcome=outcome, model=model))


def check_columns(text: str | None) -> None:
    """Refuse an empty ``--columns`` (``''`` or only commas) before anything is solved."""
    if text is not None and not [c for c in text.split(",") if c.strip()]:
        raise click.BadParameter(f"{text!r} names no outcome; give {COLUMNS_HELP}", param_hint="--columns")


def default_columns(result: Any) -> tuple[list[str], str]:
    """The columns a terminal table shows by default, and a note on what was left out.

    The agreement of the first concept solved (``agreement_exists``, each issue,
    each party's utility), so that a sweep fits a terminal; ``--columns all``
    shows everything. Results without concepts (a war or alternating-offers
    model) keep their own default.
    """
    outcomes = list(result.outcomes)
    concepts = [name.split(".")[0] for name in outcomes if name.endswith(".agreement_exists")]
    if not concepts:
        return list(result.default_columns()), ""
    first = concepts[0]
    parties = [
        name.split(".")[0] for name in outcomes if name.count(".") == 1 and name.endswith(".disagreement")
    ]
    issues = [
        name
        for name in outcomes
        if name.startswith(f"{first}.") and name.count(".") == 1 and name != f"{first}.agreement_exists"
    ]
    utilities = [f"{first}.{party}.utility" for party in parties if f"{first}.{party}.utility" in outcomes]
    chosen = [c for c in ("agreement_exists", *issues, *utilities) if c in outcomes]
    left = len(outcomes) - len(chosen)
    others = f", among them {', '.join(concepts[1:])}'s" if len(concepts) > 1 else ""
    note = f"showing {first}'s agreement and utilities; --columns all shows {left} more outcomes{others}"
    return chosen, note if left else ""


def table_columns(result: Any, text: str | None) -> tuple[list[str], str]:
    """``--columns`` as the list to show: the default (with a note), ``all``, or the names given."""
    if text is None:
        return default_columns(result)
    names = [c.strip() for c in text.split(",") if c.strip()]
    if names == ["all"]:
        return list(result.outcomes), ""
    return names, ""


def show_table(result: Any, output_format: str, columns: str | None) -> None:
    """Print the result; a table shows :func:`table_columns` (CSV and JSON carry every outcome)."""
    if output_format != "table":
        emit(result, output_format)
        return
    chosen, note = table_columns(result, columns)
    click.echo(result.to_table(chosen))
    if note:
        click.echo(note)
