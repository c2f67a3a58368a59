"""``bargain sweep``, ``grid``, ``derivative``, ``tornado``, ``threshold``, ``compare``, ``montecarlo``.

Thin commands: parse the options, call :mod:`bargaining.sensitivity`, print a
table, CSV or JSON, and write a figure with ``--plot FILE``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

import click

from bargaining.cli.common import parse_assignments, set_option

__all__ = ["compare", "derivative", "grid", "montecarlo", "sweep", "threshold", "tornado"]


def _format_option(choices: tuple[str, ...] = ("table", "csv", "json")) -> Callable[[Any], Any]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default="table",
        show_default=True,
        help="A table for people, CSV for spreadsheets and pandas, or JSON for programs.",
    )


solution_option = click.option(
    "--solution",
    "-s",
    default="all",
    show_default=True,
    help="Bargaining solution(s): nash, ks, egalitarian, utilitarian or all (other kinds ignore it).",
)
plot_option = click.option(
    "--plot",
    "plot_file",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write a figure to this file (.png, .svg or .pdf).",
)
workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Solve points in this many processes.",
)
scheduler_option = click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Solve points on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs the dask extra).",
)


def _load(spec: str, assignments: tuple[str, ...]) -> Any:
    from bargaining.cli.solve import load_with

    return load_with(spec, assignments)


@contextlib.contextmanager
def _executor(scheduler: str | None) -> Iterator[Any]:
    if scheduler is None:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        raise click.UsageError("--scheduler needs dask.distributed: pip install 'bargaining[dask]'") from None
    try:
        client = Client(scheduler, timeout=10)
    except (OSError, TimeoutError) as exc:
        raise click.BadParameter(
            f"cannot reach the Dask scheduler at {scheduler}: {exc}", param_hint="--scheduler"
        ) from None
    try:
        yield client.get_executor()
    finally:
        client.close()


def _records_csv(records: list[dict[str, Any]]) -> str:
    header: dict[str, None] = {}
    for record in records:
        header.update(dict.fromkeys(record))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(header))
    for record in records:
        writer.writerow(["" if record.get(c) is None else record.get(c) for c in header])
    return buffer.getvalue()


def _emit(result: Any, output_format: str) -> None:
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, allow_nan=False))
    elif output_format == "csv":
        text = result.to_csv() if hasattr(result, "to_csv") else _records_csv(result.to_records())
        click.echo(text, nl=False)
    else:
        click.echo(result.to_table())


def _plot(plot_file: str | None, draw: Callable[[str], Any]) -> None:
    if plot_file:
        draw(plot_file)
        click.echo(f"wrote {plot_file}", err=True)


def _columns(text: str | None) -> list[str] | None:
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


columns_option = click.option(
    "--columns",
    default=None,
    metavar="A,B,...",
    help="Outcomes to show in the table, e.g. nash.territory_returned,ukraine.gain.",
)


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--param",
    "-p",
    "param",
    required=True,
    metavar="NAME=LOW:HIGH:NUM",
    help="The parameter to sweep, e.g. kursk_held=0:1294:41 (NAME alone: its range, 21 points).",
)
@solution_option
@set_option
@_format_option()
@columns_option
@plot_option
@workers_option
@scheduler_option
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

    model = _load(spec, assignments)
    ax = parse_axis(param, model)
    with _executor(scheduler) as executor:
        result = run_sweep(model, ax, solution=solution, executor=executor, workers=workers)
    if output_format == "table":
        click.echo(result.to_table(_columns(columns)))
    else:
        _emit(result, output_format)
    from bargaining.plotting.sensitivity import plot_sweep

    _plot(plot_file, lambda f: plot_sweep(result, f, model=model))


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--param",
    "-p",
    "params",
    required=True,
    multiple=True,
    metavar="NAME=LOW:HIGH:NUM",
    help="A parameter of the grid (give two), e.g. --param kursk_held=0:1294:21.",
)
@click.option(
    "--outcome",
    "-o",
    default=None,
    help="The outcome the --plot heatmap shows (default: the first concept's first issue).",
)
@solution_option
@set_option
@_format_option()
@columns_option
@plot_option
@workers_option
@scheduler_option
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
    model = _load(spec, assignments)
    axes = [parse_axis(p, model) for p in params]
    with _executor(scheduler) as executor:
        result = run_grid(model, axes, solution=solution, executor=executor, workers=workers)
    if outcome is not None:
        result.outcome(outcome)  # an unknown outcome fails before anything is printed
    if output_format == "table":
        click.echo(result.to_table(_columns(columns)))
    else:
        _emit(result, output_format)
    from bargaining.plotting.sensitivity import plot_grid

    _plot(plot_file, lambda f: plot_grid(result, f, outcome=outcome, model=model))


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME",
    help="Differentiate by this parameter (repeatable; default: every parameter with a range).",
)
@click.option("--outcome", "-o", "outcomes", multiple=True, help="Only this outcome (repeatable).")
@click.option("--numeric", is_flag=True, help="Use finite differences even where a closed form exists.")
@solution_option
@set_option
@_format_option()
@workers_option
def derivative(
    spec: str,
    params: tuple[str, ...],
    outcomes: tuple[str, ...],
    numeric: bool,
    solution: str,
    assignments: tuple[str, ...],
    output_format: str,
    workers: int | None,
) -> None:
    """Derivatives and elasticities of each outcome with respect to each parameter.

    Exact (sympy) where the model has a closed form, else central differences.

    \b
    Examples:
      bargain derivative games/kursk.json -s nash
      bargain derivative games/kursk_rubinstein.json --param kursk_held
    """
    from bargaining.sensitivity.derivative import derivatives

    model = _load(spec, assignments)
    result = derivatives(
        model,
        list(params) or None,
        list(outcomes) or None,
        solution=solution,
        exact=not numeric,
        workers=workers,
    )
    _emit(result, output_format)


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option("--outcome", "-o", required=True, help="The outcome to rank parameters by, e.g. ukraine.gain.")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME",
    help="Only these parameters (repeatable; default: every parameter with a range).",
)
@solution_option
@set_option
@_format_option()
@plot_option
@workers_option
@scheduler_option
def tornado(
    spec: str,
    outcome: str,
    params: tuple[str, ...],
    solution: str,
    assignments: tuple[str, ...],
    output_format: str,
    plot_file: str | None,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Vary each parameter alone over its range; rank by the effect on an outcome.

    \b
    Examples:
      bargain tornado games/kursk.json --outcome ukraine.gain -s nash
      bargain tornado games/kursk.json -o nash.territory_returned --plot tornado.png
    """
    from bargaining.sensitivity.tornado import tornado as run_tornado

    model = _load(spec, assignments)
    with _executor(scheduler) as executor:
        result = run_tornado(
            model, outcome, list(params) or None, solution=solution, executor=executor, workers=workers
        )
    _emit(result, output_format)
    from bargaining.plotting.sensitivity import plot_tornado

    _plot(plot_file, lambda f: plot_tornado(result, f, model=model))


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--param",
    "-p",
    "param",
    required=True,
    metavar="NAME[=LOW:HIGH[:NUM]]",
    help="The parameter to vary (default: over its range, bracketing with 41 points).",
)
@click.option(
    "--when",
    "when",
    default="agreement",
    show_default=True,
    help='The condition: "OUTCOME = NUMBER" (e.g. "ukraine.gain = 0") or "agreement".',
)
@click.option("--solution", "-s", default="nash", show_default=True, help="Bargaining solution(s) to solve.")
@set_option
@_format_option(("table", "json"))
def threshold(
    spec: str, param: str, when: str, solution: str, assignments: tuple[str, ...], output_format: str
) -> None:
    """Where an outcome crosses a level, or an agreement becomes possible or impossible.

    \b
    Examples:
      bargain threshold games/kursk.json --param holding_cost --when "ukraine.utility = 0.3"
      bargain threshold games/kursk.json --param us_support=-1:1:81 --when agreement
    """
    from bargaining.sensitivity.ranges import parse_axis
    from bargaining.sensitivity.threshold import threshold as run_threshold

    model = _load(spec, assignments)
    ax = parse_axis(param, model)
    explicit = param.partition("=")[2].count(":") == 2
    num = len(ax.values) if explicit else 41
    result = run_threshold(
        model, ax.name, when, low=float(ax.values[0]), high=float(ax.values[-1]), num=num, solution=solution
    )
    _emit(result, output_format)


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--set",
    "assignments",
    multiple=True,
    required=True,
    metavar="NAME=VALUE",
    help="The alternative: these parameter values against the spec's (repeatable), e.g. kursk_held=0.",
)
@click.option("--outcome", "-o", "outcomes", multiple=True, help="Only this outcome (repeatable).")
@solution_option
@_format_option()
def compare(
    spec: str, assignments: tuple[str, ...], outcomes: tuple[str, ...], solution: str, output_format: str
) -> None:
    """Outcomes with the spec's values and with --set values, side by side (the value of a chip).

    \b
    Examples:
      bargain compare games/kursk.json --set kursk_held=0
      bargain compare games/kursk.json --set kursk_held=0 -s nash --format json
    """
    from bargaining.io import load
    from bargaining.sensitivity.compare import compare as run_compare

    model = load(spec)
    changes = parse_assignments(assignments)
    result = run_compare(model, changes, solution=solution, outcomes=list(outcomes) or None)
    _emit(result, output_format)


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--draws",
    "-n",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Number of random draws.",
)
@click.option("--seed", type=int, default=None, help="Seed, for reproducible draws.")
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
    help="Also compute Sobol indices of this outcome (N(k+2) more solves, N = draws/(k+2)).",
)
@click.option("--solution", "-s", default="nash", show_default=True, help="Bargaining solution(s) to solve.")
@set_option
@_format_option()
@plot_option
@workers_option
@scheduler_option
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
      bargain montecarlo games/kursk.json --uniform-ranges --sobol ukraine.gain --workers 2
    """
    from bargaining.sensitivity.montecarlo import monte_carlo, sobol_indices

    model = _load(spec, assignments)
    overrides: dict[str, str] = {}
    for item in dists:
        name, sep, text = item.partition("=")
        if not sep or not name.strip() or not text.strip():
            raise click.BadParameter(
                f"{item!r} is not NAME=TYPE:ARGS (e.g. holding_cost=normal:0.15:0.05)", param_hint="--dist"
            )
        overrides[name.strip()] = text.strip()
    with _executor(scheduler) as executor:
        result = monte_carlo(
            model,
            draws,
            seed=seed,
            distributions=overrides,
            uniform_ranges=uniform_ranges,
            solution=solution,
            executor=executor,
            workers=workers,
        )
        sobol = None
        if sobol_outcome is not None:
            k = len(result.distributions)
            sobol = sobol_indices(
                model,
                sobol_outcome,
                max(2, draws // (k + 2)),
                seed=seed,
                distributions=overrides,
                uniform_ranges=uniform_ranges,
                solution=solution,
                executor=executor,
                workers=workers,
            )
    if output_format == "json":
        data = result.to_dict()
        if sobol is not None:
            data["sobol"] = sobol.to_dict()
        click.echo(json.dumps(data, indent=2, allow_nan=False))
    elif output_format == "csv":
        click.echo(_records_csv(result.to_records()), nl=False)
    else:
        click.echo(result.to_table())
        if sobol is not None:
            click.echo("\n" + sobol.to_table())
    from bargaining.plotting.sensitivity import plot_montecarlo

    _plot(plot_file, lambda f: plot_montecarlo(result, f, sobol=sobol))
