"""What the sensitivity commands share: their options (one decorator), loading, running, printing, plotting.

:func:`analysis_options` adds, in one order, the options a command takes:
``--solution``, ``--set``, ``--format``, ``--columns``, ``--plot``,
``--workers`` and ``--scheduler``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from bargaining.cli import InputError, common
from bargaining.cli.common import set_option

__all__ = [
    "analysis_options",
    "columns_of",
    "emit",
    "executor_for",
    "load",
    "solution_option",
    "write_plot",
]

F = TypeVar("F", bound=Callable[..., Any])

TABLE_CSV_JSON = ("table", "csv", "json")


def format_option(choices: tuple[str, ...] = TABLE_CSV_JSON) -> Callable[[F], F]:
    """``--format``: a table, CSV or JSON (``choices``)."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default="table",
        show_default=True,
        help=format_help(choices),
    )


def format_help(choices: tuple[str, ...]) -> str:
    """The ``--format`` help, naming only the formats offered."""
    what = {
        "table": "a table for people",
        "csv": "CSV for spreadsheets and pandas",
        "json": "JSON for programs",
    }
    parts = [what.get(c, c) for c in choices]
    text = " or ".join(parts) if len(parts) <= 2 else ", ".join(parts[:-1]) + ", or " + parts[-1]
    return text[0].upper() + text[1:] + "."


def solution_option(default: str = "all") -> Callable[[F], F]:
    """``--solution``/``-s``: the concept(s) to solve."""
    if default == "all":
        text = "Bargaining solution(s): nash, ks, egalitarian, utilitarian or all (other kinds ignore it)."
        return click.option("--solution", "-s", default="all", show_default=True, help=text)
    return click.option(
        "--solution", "-s", default=default, show_default=True, help="Bargaining solution(s) to solve."
    )


columns_option = click.option(
    "--columns",
    default=None,
    metavar="A,B,...",
    help="Outcomes to show in the table, e.g. nash.territory_returned,ukraine.gain.",
)


def check_plot_file(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--plot FILE``, checked before the computation: a figure suffix, a place that can be written.

    See :func:`bargaining.io.files.check_writable`.
    """
    if value is None:
        return None
    from bargaining.io.files import FIGURE_FORMATS

    path = Path(value)
    if path.suffix.lower() not in FIGURE_FORMATS:
        raise click.BadParameter(f"{value!r} is not a figure file name: end it in .png, .svg or .pdf")
    if path.is_dir():
        example = f"{value.rstrip('/')}/figure.png"
        raise click.BadParameter(f"{value!r} is a directory: give a file name such as {example}")
    from bargaining.errors import GameFormatError
    from bargaining.io.files import check_writable

    try:
        check_writable(path)
    except GameFormatError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


plot_option = click.option(
    "--plot",
    "plot_file",
    type=click.Path(dir_okay=False),
    default=None,
    callback=check_plot_file,
    help="Write a figure to this file (.png, .svg or .pdf; checked before the computation).",
)
workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1, max=64),
    default=None,
    help="Solve points in this many processes, 1 to 64 (never more than there are points).",
)
scheduler_option = click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Solve points on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs the dask extra).",
)


def analysis_options(
    *,
    solution: str | None = "all",
    assignments: bool = True,
    formats: tuple[str, ...] = TABLE_CSV_JSON,
    columns: bool = False,
    plot: bool = False,
    workers: bool = False,
    scheduler: bool = False,
) -> Callable[[F], F]:
    """The shared options of a sensitivity command, in the order ``--help`` lists them.

    Parameters
    ----------
    solution
        The default of ``--solution``; ``None``: no such option.
    assignments, columns, plot, workers, scheduler
        Whether to add ``--set``, ``--columns``, ``--plot``, ``--workers``, ``--scheduler``.
    formats
        The choices of ``--format``.
    """
    chosen: list[Callable[[F], F]] = []
    if solution is not None:
        chosen.append(solution_option(solution))
    if assignments:
        chosen.append(set_option)
    chosen.append(format_option(formats))
    for wanted, option in ((columns, columns_option), (plot, plot_option), (workers, workers_option)):
        if wanted:
            chosen.append(option)
    if scheduler:
        chosen.append(scheduler_option)

    def decorate(command: F) -> F:
        for option in reversed(chosen):
            command = option(command)
        return command

    return decorate


#: the kinds whose models have parameters to vary, which every sensitivity command needs
PARAMETRIZED_KINDS = (
    "issue_space",
    "frontier",
    "rubinstein",
    "war",
    "double_auction",
    "stochastic_bargaining",
    "coalitional",
    "shifting_power",
    "learning_while_fighting",
    "legislative",
    "stakeholders",
)


def load(spec: str, assignments: tuple[str, ...]) -> Any:
    """The model in ``spec`` with the ``--set`` values applied; refused if its kind has no parameters."""
    from bargaining.cli.solve import load_with

    model = load_with(spec, assignments)
    if not hasattr(model, "parameters"):
        command = click.get_current_context().command_path
        kind = getattr(model, "spec_kind", type(model).__name__)
        raise InputError(
            f"{command} varies parameters, which {spec} (kind {kind}) has none of: it handles specs of "
            f"kind {', '.join(PARAMETRIZED_KINDS)}; solve this one with 'bargain solve'"
        )
    return model


@contextlib.contextmanager
def executor_for(scheduler: str | None) -> Iterator[Any]:
    """The executor of a Dask cluster at ``scheduler`` (``None``: none, solve here)."""
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


def emit(result: Any, output_format: str, columns: str | None = None) -> None:
    """Print ``result`` as a table (of ``--columns A,B``), CSV or JSON."""
    common.emit(result, output_format, columns_of(columns))


def columns_of(text: str | None) -> list[str] | None:
    """``--columns A,B`` as a list (``None`` for all)."""
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


def write_plot(plot_file: str | None, draw: Callable[[], Any]) -> None:
    """Draw the figure and write it to ``--plot FILE`` (by suffix), if one was given."""
    if plot_file:
        from bargaining.io import write

        write(draw(), plot_file)
        click.echo(f"wrote {plot_file}", err=True)


def progress() -> Any:
    """The progress bar of a long run (on a terminal only)."""
    from bargaining.cli.progress import terminal_progress

    return terminal_progress()
