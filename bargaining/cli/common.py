"""Options and output shared by the ``bargain`` commands."""

from __future__ import annotations

import json
from typing import Any

import click

__all__ = ["emit", "format_option", "parse_assignments", "set_option"]

format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table for people, or JSON for programs.",
)

set_option = click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set a parameter for this run (repeatable), e.g. --set kursk_held=500.",
)


def parse_assignments(assignments: tuple[str, ...]) -> dict[str, float]:
    """``("a=1", "b=2.5")`` as ``{"a": 1.0, "b": 2.5}``, with clear errors."""
    values: dict[str, float] = {}
    for item in assignments:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE (e.g. kursk_held=500)", param_hint="--set")
        try:
            value = float(text)
        except ValueError:
            raise click.BadParameter(f"{name}: {text!r} is not a number", param_hint="--set") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise click.BadParameter(f"{name}: {text!r} is not a finite number", param_hint="--set")
        values[name] = value
    return values


def emit(result: Any, output_format: str, columns: list[str] | None = None) -> None:
    """Print ``result`` as its table (of ``columns``, if given), as CSV, or as JSON (``result.to_dict()``)."""
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, allow_nan=False))
    elif output_format == "csv":
        from bargaining.io.files import text_of

        click.echo(text_of(result, ".csv"), nl=False)
    elif columns is not None:
        click.echo(result.to_table(columns))
    else:
        click.echo(result.to_table())
