"""``bargain derivative``, ``tornado``, ``threshold``, ``compare``: which parameters move an outcome, where.

Thin commands: parse the options, call :mod:`bargaining.sensitivity`, print a
table, CSV or JSON, and write a figure with ``--plot FILE``.
"""

from __future__ import annotations

import click

from bargaining.cli.analysis import analysis_options, emit, executor_for, load, write_plot
from bargaining.cli.common import parse_assignments

__all__ = ["compare", "derivative", "threshold", "tornado"]


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME",
    help="Differentiate by this parameter (repeatable; default: every parameter, except one whose range "
    "is a single point).",
)
@click.option("--outcome", "-o", "outcomes", multiple=True, help="Only this outcome (repeatable).")
@click.option("--numeric", is_flag=True, help="Use finite differences even where a closed form exists.")
@analysis_options(workers=True)
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

    model = load(spec, assignments)
    result = derivatives(
        model,
        list(params) or None,
        list(outcomes) or None,
        solution=solution,
        exact=not numeric,
        workers=workers,
    )
    emit(result, output_format)


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
@analysis_options(plot=True, workers=True, scheduler=True)
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

    model = load(spec, assignments)
    with executor_for(scheduler) as executor:
        result = run_tornado(
            model, outcome, list(params) or None, solution=solution, executor=executor, workers=workers
        )
    emit(result, output_format)
    from bargaining.plotting.tornado import plot_tornado

    write_plot(plot_file, lambda: plot_tornado(result, model=model))


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
@analysis_options(solution="nash", formats=("table", "json"))
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

    model = load(spec, assignments)
    ax = parse_axis(param, model)
    explicit = param.partition("=")[2].count(":") == 2
    num = len(ax.values) if explicit else 41
    result = run_threshold(
        model, ax.name, when, low=float(ax.values[0]), high=float(ax.values[-1]), num=num, solution=solution
    )
    emit(result, output_format)


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
@analysis_options(assignments=False)
def compare(
    spec: str, assignments: tuple[str, ...], outcomes: tuple[str, ...], solution: str, output_format: str
) -> None:
    """Outcomes with the spec's values and with --set values, side by side (the value of a chip).

    \b
    Examples:
      bargain compare games/kursk.json --set kursk_held=0
      bargain compare games/kursk.json --set kursk_held=0 -s nash --format json
    """
    from bargaining.sensitivity.compare import compare as run_compare

    model = load(spec, ())
    changes = parse_assignments(assignments)
    result = run_compare(model, changes, solution=solution, outcomes=list(outcomes) or None)
    emit(result, output_format)
